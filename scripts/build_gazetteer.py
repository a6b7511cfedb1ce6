#!/usr/bin/env python3
"""Builds the gazetteer (config/gazetteers/*.tsv) and the capitals lexicon
(config/lexicons/capitals.txt) from Debian packages. Python 3 stdlib only.

Sources (apt-get install iso-codes unicode-cldr-core r-cran-maps wamerican wbritish
wamerican-small wbritish-small):
  iso-codes          /usr/share/iso-codes/json/iso_3166-{1,2}.json  codes, names
  unicode-cldr-core  /usr/share/unicode/cldr/common/main/en.xml      English country and region names
                     /usr/share/unicode/cldr/common/subdivisions/en.xml  English subdivision names
  r-cran-maps        /usr/lib/R/site-library/maps/data/Rdata.{rdx,rdb}  world.cities: name,
                     country, population, capital (an R lazy-load database, read here)
  wamerican wbritish /usr/share/dict/{american,british}-english  flags names that are
                     also common English words
  w*-small           the commoner words: config/lexicons/common_words.txt
plus the curated files in config/gazetteers/curated/ (see the README there).

Usage: scripts/build_gazetteer.py [--out config] [--min-pop 5000]
The output is deterministic for the same inputs.
"""
import argparse
import bz2
import gzip
import json
import lzma
import os
import re
import struct
import sys
import unicodedata
import xml.etree.ElementTree as ET
import zlib

ISO = "/usr/share/iso-codes/json"
CLDR = "/usr/share/unicode/cldr/common"
RMAPS = "/usr/lib/R/site-library/maps/data"
WORDS = ("/usr/share/dict/american-english", "/usr/share/dict/british-english")
# the commoner words only: a capitalised one at a sentence start is dropped
SMALL_WORDS = ("/usr/share/dict/american-english-small", "/usr/share/dict/british-english-small")


# ---------------------------------------------------------------- R data
class RObj:
    def __init__(self, typ, value, attrs=None):
        self.typ, self.value, self.attrs = typ, value, attrs or {}


class RReader:
    """Just enough of R's XDR serialization to read a data frame."""

    def __init__(self, data):
        self.d, self.p, self.refs = data, 0, []

    def i32(self):
        v = struct.unpack_from(">i", self.d, self.p)[0]
        self.p += 4
        return v

    def length(self):
        n = self.i32()
        if n == -1:
            hi, lo = self.i32(), self.i32()
            n = (hi << 32) + lo
        return n

    def header(self):
        if self.d[:2] != b"X\n":
            raise ValueError("not an XDR R serialization")
        self.p = 2
        ver = self.i32()
        self.i32()
        self.i32()
        if ver == 3:
            n = self.i32()  # the encoding name
            self.p += n

    def pairlist(self, obj):
        out = {}
        while obj is not None and obj.typ == 2:
            tag, car, cdr = obj.value
            out[tag] = car
            obj = cdr
        return out

    def item(self):
        flags = self.i32()
        t = flags & 0xFF
        has_attr, has_tag = flags & (1 << 9), flags & (1 << 10)
        if t == 254:
            return None
        if t in (253, 242, 241, 251, 252, 247):
            return RObj(t, None)
        if t == 255:
            idx = flags >> 8 or self.i32()
            return self.refs[idx - 1]
        if t == 1:
            o = RObj(1, None)
            self.refs.append(o)
            o.value = self.item()
            return o
        if t in (2, 239, 240, 6, 17):
            if has_attr:
                self.item()
            tag = self.item() if has_tag else None
            car, cdr = self.item(), self.item()
            name = tag.value.value if tag is not None and tag.typ == 1 else None
            return RObj(2, (name, car, cdr))
        if t == 9:
            n = self.i32()
            if n == -1:
                return RObj(9, None)
            s = self.d[self.p:self.p + n].decode("utf-8", "replace")
            self.p += n
            return RObj(9, s)
        if t in (10, 13):
            n = self.length()
            o = RObj(t, list(struct.unpack_from(">%di" % n, self.d, self.p)))
            self.p += 4 * n
        elif t == 14:
            n = self.length()
            o = RObj(t, list(struct.unpack_from(">%dd" % n, self.d, self.p)))
            self.p += 8 * n
        elif t in (16, 19, 20):
            n = self.length()
            v = [self.item() for _ in range(n)]
            o = RObj(t, [x.value for x in v] if t == 16 else v)
        else:
            raise ValueError("unsupported R type %d" % t)
        if has_attr:
            o.attrs = self.pairlist(self.item())
        return o


def r_unserialize(data):
    r = RReader(data)
    r.header()
    return r.item()


def r_lazyload(name):
    idx = r_unserialize(gzip.decompress(open(os.path.join(RMAPS, "Rdata.rdx"), "rb").read()))
    top = dict(zip(idx.attrs["names"].value, idx.value))
    variables = dict(zip(top["variables"].attrs["names"].value, top["variables"].value))
    off, ln = (int(x) for x in variables[name].value)
    with open(os.path.join(RMAPS, "Rdata.rdb"), "rb") as f:
        f.seek(off)
        raw = f.read(ln)
    kind = raw[4:5]
    if kind == b"2":
        body = bz2.decompress(raw[5:])
    elif kind == b"Z":
        body = lzma.decompress(raw[5:])
    elif kind == b"0":
        body = raw[5:]
    else:
        body = zlib.decompress(raw[4:])
    frame = r_unserialize(body)
    cols = dict(zip(frame.attrs["names"].value, frame.value))
    return {k: v.value for k, v in cols.items()}


# ---------------------------------------------------------------- helpers
def fold(s):
    """The key the C loader computes: lowercase, accents stripped, ’ -> '."""
    s = s.replace("\u2019", "'").replace("\u2018", "'")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", s.lower()).strip()


def clean(s):
    s = s.replace("&amp;", "&").replace("\u2019", "'")
    return re.sub(r"\s+", " ", s).strip()


def ascii_variant(s):
    a = unicodedata.normalize("NFKD", s)
    return "".join(c for c in a if not unicodedata.combining(c))


def no_soft_sign(s):
    """Romanised soft signs: L'viv -> Lviv, Mariupol' -> Mariupol."""
    return re.sub(r"(?<=[A-Za-z])'(?=[a-z]|$)", "", s)


class Entry:
    def __init__(self, kind, name, code="", country="", pop=0):
        self.kind, self.name, self.code, self.country, self.pop = kind, name, code, country, pop
        self.aliases = []
        self.flags = ""

    def add(self, *names):
        for n in names:
            n = clean(n or "")
            if n and fold(n) != fold(self.name) and fold(n) not in {fold(a) for a in self.aliases}:
                self.aliases.append(n)

    def forms(self):
        return [self.name] + self.aliases

    def line(self):
        return "\t".join([self.kind, self.name, self.code, self.country, str(self.pop),
                          self.flags, "|".join(self.aliases)])


def split_paren(name):
    """"Myanmar (Burma)" -> ("Myanmar", ["Burma"])."""
    m = re.match(r"^(.*?)\s*\((.*)\)\s*$", name)
    if not m:
        return name, []
    return m.group(1), [m.group(2)]


# ---------------------------------------------------------------- sources
def cldr_territories():
    names = {}
    root = ET.parse(os.path.join(CLDR, "main", "en.xml")).getroot()
    for t in root.iter("territory"):
        names.setdefault(t.get("type"), []).append((t.get("alt"), clean(t.text or "")))
    return names


def cldr_subdivisions():
    out = {}
    root = ET.parse(os.path.join(CLDR, "subdivisions", "en.xml")).getroot()
    for s in root.iter("subdivision"):
        out[s.get("type")] = clean(s.text or "")
    return out


def countries(cldr):
    data = json.load(open(os.path.join(ISO, "iso_3166-1.json"), encoding="utf-8"))["3166-1"]
    out = {}
    for c in data:
        a2 = c["alpha_2"]
        forms = []
        for alt, n in cldr.get(a2, []):
            if " - " in n or " SAR " in n:
                continue
            base, inner = split_paren(n)
            forms.append((alt is None, base))
            forms += [(False, x) for x in inner]
        for k in ("common_name", "name", "official_name"):
            n = c.get(k)
            if n and "," not in n:
                base, inner = split_paren(n)
                forms.append((False, re.sub(r"^the ", "", base)))
        if not forms:
            continue
        primary = [n for p, n in forms if p] or [forms[0][1]]
        e = Entry("country", primary[0], a2, a2)
        for _, n in forms:
            e.add(n, n.replace("&", "and"), ascii_variant(n))
        out[a2] = e
    return out


ADJ_ENDINGS = ("skaja", "skaya", "skiy", "skij", "skyi", "ska", "ckaja", "ckaya", "cka",
               "ka", "aja", "aya", "ij", "iy", "yi", "a")
SUFFIX_RE = re.compile(r"\s+(oblast'?|kraj|kray|krai|avtonomnyj okrug|avtonomnaja oblast'?|"
                       r"respublika|province|region|governorate|prefecture|county|district|"
                       r"okrug|autonomous okrug|republic)$", re.I)


def subdivision_stem(iso_name, city_names):
    """A Ukrainian or Russian adjectival region name mapped to the city it is
    named after: "Kurskaja oblast'" -> "Kursk", "Kharkivska oblast" -> "Kharkiv"."""
    n = SUFFIX_RE.sub("", iso_name.strip())
    if n == iso_name.strip():
        return None
    n = n.replace("'", "")
    low = n.lower()
    best = None
    for end in ADJ_ENDINGS:
        if not low.endswith(end) or len(low) - len(end) < 3:
            continue
        stem = low[:-len(end)]
        if stem in city_names:
            return city_names[stem]
        for cf, cn in city_names.items():
            if len(stem) >= 4 and (cf.startswith(stem) and len(cf) - len(stem) <= 3 or
                                   stem.startswith(cf) and len(stem) - len(cf) <= 1 and len(cf) >= 4):
                if best is None or len(cf) > len(fold(best)):
                    best = cn
        if best:
            return best
    return None


def uncomma(name):
    """"London, City of" is "City of London"; "Adygeja, Respublika" keeps its head."""
    if "," not in name:
        return name
    head, tail = (x.strip() for x in name.split(",", 1))
    return "%s %s" % (tail, head) if tail.endswith(" of") else head


def subdivisions(cldr_sub, cities_by_country):
    data = json.load(open(os.path.join(ISO, "iso_3166-2.json"), encoding="utf-8"))["3166-2"]
    out = []
    for s in data:
        code = s["code"]
        cc = code[:2]
        iso_name = clean(s["name"])
        base, inner = split_paren(iso_name)
        base = uncomma(base)
        en = cldr_sub.get(code.replace("-", "").lower())
        en = uncomma(en) if en else en
        derived = subdivision_stem(iso_name, cities_by_country.get(cc, {}))
        if en and not re.search(r"(shchyna|chchyna|schyna)$", en):
            name = en
        elif derived:
            name = derived
        else:
            name = base
        name = split_paren(name)[0]
        e = Entry("subdivision", name, code, cc)
        e.itype = s.get("type", "")
        e.add(base, ascii_variant(base), en, derived, *(inner or []))
        if en:
            e.add(ascii_variant(en), split_paren(en)[0])
        # "Chernivtsi Oblast" is also just "Chernivtsi" (the matcher adds
        # the suffix word back: "Chernivtsi region")
        e.shorts = []
        for form in list(e.forms()):
            short = SUFFIX_RE.sub("", form)
            if short != form and len(short) >= 3:
                e.shorts.append(short)
        out.append(e)
    # the short form is an alias unless it names another subdivision of the
    # country ("Moscow Province" is not "Moscow", which is RU-MOW)
    names = {}
    for e in out:
        for f in e.forms():
            names.setdefault((e.country, fold(f)), set()).add(e.code)
    for e in out:
        for short in e.shorts:
            if names.get((e.country, fold(short)), {e.code}) <= {e.code}:
                e.add(short)
    return out


def cities(min_pop, mapname_to_a2):
    cols = r_lazyload("world.cities")
    out = []
    missing = set()
    for name, country, pop, capital in zip(cols["name"], cols["country.etc"], cols["pop"],
                                           cols["capital"]):
        if pop < min_pop and capital != 1:
            continue
        a2 = mapname_to_a2.get(country)
        if not a2:
            missing.add(country)
            continue
        canon = no_soft_sign(name)
        e = Entry("city", canon, "", a2, pop)
        e.add(name, ascii_variant(canon))
        e.capital = capital == 1
        out.append(e)
    return out, missing


def mapnames():
    cols = r_lazyload("iso3166")
    m = {}
    for a2, mapname, iso in zip(cols["a2"], cols["mapname"], cols["ISOname"]):
        if a2 and mapname:
            m.setdefault(mapname.split(":")[-1] if ":" in mapname else mapname, a2)
            m.setdefault(iso, a2)
    # world.cities spells a few countries its own way
    for k, v in {"UK": "GB", "USA": "US", "Korea South": "KR", "Korea North": "KP",
                 "Congo Democratic Republic": "CD", "Congo": "CG", "East Timor": "TL",
                 "Ivory Coast": "CI", "Swaziland": "SZ", "Vatican City": "VA",
                 "Guernsey and Alderney": "GG", "Netherlands Antilles": "CW",
                 "Palestine": "PS", "Kosovo": "XK", "Azores": "PT", "Madeira": "PT",
                 "Canary Islands": "ES", "Sicily": "IT", "Easter Island": "CL",
                 "Saint-Barthelemy": "BL", "Saint-Martin": "MF", "Turks and Caicos": "TC",
                 "Micronesia": "FM", "Reunion": "RE", "Pitcairn": "PN",
                 "British Virgin Islands": "VG", "US Virgin Islands": "VI", "Namibia": "NA",
                 "Saint Vincent and The Grenadines": "VC"}.items():
        m[k] = v
    return m


def read_curated(path):
    """Lines of "Form|Form|..." with an optional TAB and scope (ISO code or
    kind) or, for entry files, TAB-separated fields. '#' comments."""
    rows = []
    for ln, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rows.append((ln, line.split("\t")))
    return rows


def in_scope(e, scope):
    """scope: an ISO code, an alpha-2 country, a kind, or kind:country."""
    if ":" in scope:
        kind, cc = scope.split(":", 1)
        return e.kind == kind and e.country == cc
    return e.country == scope or e.code == scope or e.kind == scope


CITY_LIKE = re.compile(r"city|capital|municipal|special|federal|^land$|metropolitan department|"
                       r"union territory", re.I)


def city_codes(cities_, subs):
    """A city that is itself a subdivision gets its code: Kyiv UA-30,
    Moscow RU-MOW, Berlin DE-BE; other cities have none."""
    by = {}
    for s in subs:
        city_like = CITY_LIKE.search(getattr(s, "itype", ""))
        for f in s.forms():
            # "Washington, D.C." names the city whatever the subdivision's type
            if city_like or "," in f:
                by.setdefault((s.country, fold(f)), s.code)
    for c in cities_:
        for f in c.forms():
            code = by.get((c.country, fold(f)))
            if code:
                c.code = code
                break


def common_words(words, out_path):
    """Lowercase English words: a capitalised one at a sentence start is
    no name unless the text also capitalises it elsewhere."""
    keep = sorted(w for w in words if w.isalpha() and w.isascii() and len(w) >= 2)
    with open(out_path, "w", encoding="utf-8") as f:
        f.write("# lowercase English words (wamerican-small, wbritish-small); generated by scripts/build_gazetteer.py\n")
        for w in keep:
            f.write(w + "\n")
    return len(keep)


# ---------------------------------------------------------------- main
def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap.add_argument("--out", default=os.path.join(here, "config"))
    ap.add_argument("--min-pop", type=int, default=5000)
    a = ap.parse_args()
    gdir = os.path.join(a.out, "gazetteers")
    curated = os.path.join(gdir, "curated")

    words = set()
    for path in WORDS:
        if os.path.exists(path):
            words |= {w.strip() for w in open(path, encoding="utf-8", errors="replace")
                      if w.strip() and w.strip()[0].islower()}

    cldr = cldr_territories()
    ctry = countries(cldr)
    m2a = mapnames()
    city_list, missing = cities(a.min_pop, m2a)
    if missing:
        print("cities: no ISO code for %s" % ", ".join(sorted(missing)), file=sys.stderr)
    by_cc = {}
    for c in sorted(city_list, key=lambda c: -c.pop):
        by_cc.setdefault(c.country, {}).setdefault(fold(no_soft_sign(c.name)).replace("'", ""), c.name)
    subs = subdivisions(cldr_subdivisions(), by_cc)

    regions = []
    for code in sorted(cldr):
        if re.fullmatch(r"\d{3}", code) and code != "001":
            n = [x for alt, x in cldr[code] if alt is None]
            if n:
                regions.append(Entry("region", n[0]))
    # curated entries: regions, features, organisations
    for fname, kind in (("regions.txt", "region"), ("features.txt", "feature"), ("orgs.txt", "org")):
        p = os.path.join(curated, fname)
        if not os.path.exists(p):
            continue
        for ln, f in read_curated(p):
            forms = f[0].split("|")
            e = Entry(kind, forms[0], f[2] if len(f) > 2 else "", f[1] if len(f) > 1 else "")
            e.add(*forms[1:])
            existing = [r for r in regions if fold(r.name) == fold(e.name)]
            if existing:
                existing[0].add(*forms[1:])
            else:
                regions.append(e)

    everything = list(ctry.values()) + subs + city_list + regions
    # curated variants: rename to the first form, add the others as aliases
    p = os.path.join(curated, "variants.txt")
    for ln, f in read_curated(p):
        forms = [x.strip() for x in f[0].split("|") if x.strip()]
        scope = f[1].strip() if len(f) > 1 else ""
        keys = {fold(x) for x in forms}
        hit = False
        for e in everything:
            if scope and not in_scope(e, scope):
                continue
            if keys & {fold(x) for x in e.forms()}:
                old = e.name
                e.name = forms[0]
                e.aliases = [x for x in e.aliases if fold(x) != fold(forms[0])]
                e.add(old, *forms[1:])
                e.preferred = True
                hit = True
        if not hit:
            print("variants.txt:%d: no entry for %s" % (ln, f[0]), file=sys.stderr)

    city_codes(city_list, subs)
    for e in everything:
        # a name that is also a lowercase English word ("Mobile", "Split") is
        # not enough evidence of a place on its own
        if fold(e.name) in words or (e.kind == "city" and e.pop < 100000 and
                                     any(fold(x) in words for x in e.forms())):
            e.flags = "c"
        if getattr(e, "capital", False):
            e.flags += "C"
        if getattr(e, "preferred", False):
            e.flags += "P"

    os.makedirs(gdir, exist_ok=True)
    header = "# kind\tname\tcode\tcountry\tpopulation\tflags\taliases (|)  -- generated by scripts/build_gazetteer.py\n"
    for fname, kinds in (("countries.tsv", ("country",)), ("subdivisions.tsv", ("subdivision",)),
                         ("cities.tsv", ("city",)), ("regions.tsv", ("region", "feature", "org"))):
        rows = [e for e in everything if e.kind in kinds]
        if kinds == ("city",):
            rows.sort(key=lambda e: (e.country, -e.pop, e.name))
        with open(os.path.join(gdir, fname), "w", encoding="utf-8") as f:
            f.write(header)
            for e in rows:
                f.write(e.line() + "\n")
        print("%s: %d entries" % (fname, len(rows)), file=sys.stderr)

    # capitals lexicon: capital city -> its country (metonymy: "Moscow said")
    ldir = os.path.join(a.out, "lexicons")
    os.makedirs(ldir, exist_ok=True)
    caps = {}
    for c in city_list:
        if getattr(c, "capital", False) and c.country in ctry:
            for form in c.forms():
                caps.setdefault(fold(form), ctry[c.country].name)
    p = os.path.join(curated, "capitals_extra.txt")
    for ln, f in read_curated(p):
        caps[fold(f[0])] = f[1]
    with open(os.path.join(ldir, "capitals.txt"), "w", encoding="utf-8") as f:
        f.write("# capital (or seat of government) -> country; generated by scripts/build_gazetteer.py\n")
        for k in sorted(caps):
            f.write("%s\t%s\n" % (k, caps[k]))
    print("capitals.txt: %d entries" % len(caps), file=sys.stderr)
    small = set()
    for path in SMALL_WORDS:
        if os.path.exists(path):
            small |= {w.strip() for w in open(path, encoding="utf-8", errors="replace")
                      if w.strip() and w.strip()[0].islower()}
    if small or words:
        n = common_words(small or words, os.path.join(ldir, "common_words.txt"))
        print("common_words.txt: %d entries" % n, file=sys.stderr)


if __name__ == "__main__":
    main()
