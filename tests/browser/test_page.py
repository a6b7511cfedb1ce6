#!/usr/bin/env python3
"""Browser test of the page at GET /: headless Chromium against the real binary.

Starts build/enricher on a free loopback port, loads the page, submits an
article written for this test, and checks the drawn DOM against the API's
own answer for the same text, so the checks hold whatever the extractors
find. Then: the renderer on a hand-made answer (nesting, crossing spans, bad
offsets), a 10,000-word article, an API error, a network failure. Writes
tests/out/page.png. Prints "browser: N passed, N failed"; exit 1 on failure,
0 with "skipped: ..." when there is no Chromium.

Python stdlib only; Chromium is driven over --remote-debugging-pipe.
"""
import json
import os
import socket
import subprocess
import sys
import time
import traceback
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cdp  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "tests", "out")
TYPES = ("PERSON", "ORG", "LOCATION", "MISC")

# Written for this test: markup that must stay text, a direct quote with a
# named speaker, people, organisations, places, a territorial sentence, and
# characters outside the BMP so that UTF-16 offsets differ from code points.
ARTICLE = "\n".join([
    "Harbour dispute flares in the north \U0001F30A",
    "",
    "Prime Minister Elena Varga of Hungary arrived in Vienna on Thursday for talks "
    "with Chancellor Thomas Berger and officials of the European Union.",
    "",
    "\u201cNobody will redraw this map with tanks,\u201d Varga told reporters outside the chancellery. "
    "Berger said Austria would host a second round in May.",
    "",
    "A reader wrote <script>window.__pwned = 1</script> and "
    "<img src=x onerror=\"window.__pwned = 2\"> in the comments, which must show as text.",
    "",
    "Russian forces occupied the Zaporizhzhia nuclear plant in March 2022, the "
    "International Atomic Energy Agency said, and Russia annexed Crimea in 2014.",
    "",
    "Caf\u00e9 owners in Gy\u0151r said the talks changed little for them \U0001F937.",
])


class Results:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, name, cond, why=""):
        if cond:
            self.passed += 1
            print("ok - " + name)
        else:
            self.failed += 1
            print("FAIL - %s%s" % (name, (": " + why) if why else ""))
        return cond


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def http(base, method, path, body=None, ctype=None, timeout=20):
    req = urllib.request.Request(base + path, data=body, method=method)
    if ctype:
        req.add_header("Content-Type", ctype)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.headers.get("Content-Type", ""), r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type", ""), e.read()


def start_server(binary, extra=(), log_name="browser-server.log"):
    port = free_port()
    base = "http://127.0.0.1:%d" % port
    log = open(os.path.join(OUT, log_name), "wb")
    proc = subprocess.Popen([binary, "serve", "--config", "config/enricher.conf",
                             "--port", str(port), "--host", "127.0.0.1"] + list(extra),
                            cwd=ROOT, stdout=log, stderr=log)
    end = time.monotonic() + 20
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise RuntimeError("enricher exited with %d (see tests/out/browser-server.log)" % proc.returncode)
        try:
            if http(base, "GET", "/readyz", timeout=2)[0] == 200:
                return proc, base
        except OSError:
            pass
        time.sleep(0.05)
    proc.kill()
    raise RuntimeError("enricher did not get ready in 20 s")


def stop_server(proc):
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def api_enrich(base, text):
    st, _, body = http(base, "POST", "/v1/enrich",
                       json.dumps({"text": text, "offsets": "utf16"}).encode(), "application/json")
    if st != 200:
        raise RuntimeError("the API answered %d: %s" % (st, body[:200]))
    return json.loads(body)


def utf16_slice(text, start, end):
    """text[start:end] in UTF-16 code units, as JavaScript's slice."""
    b = text.encode("utf-16-le")
    return b[2 * start:2 * end].decode("utf-16-le", errors="replace")


def submit(page, text, timeout=20):
    """Types text into the page's box, presses the button, waits for the answer."""
    page.eval("document.getElementById('input').value = %s; document.body.dataset.state = 'idle'; "
              "document.getElementById('submit').click(); true" % json.dumps(text))
    page.wait("['done', 'error'].includes(document.body.dataset.state)", timeout)
    return page.eval("document.body.dataset.state")


# In the page: what was drawn, for the checks below.
DOM_SUMMARY = r"""(() => {
    const art = document.getElementById('article');
    const byType = {};
    const mentions = {};
    for (const m of art.querySelectorAll('mark.m:not(.cont)')) {
        byType[m.dataset.type] = (byType[m.dataset.type] || 0) + 1;
        mentions[m.id] = m.textContent;
    }
    const quotes = {};
    for (const q of art.querySelectorAll('.q:not(.cont)')) {
        const s = q.dataset.speaker ? document.getElementById(q.dataset.speaker) : null;
        quotes[q.dataset.q] = {speaker: q.dataset.speaker || null, speakerText: s ? s.textContent : null,
                               inArticle: s ? art.contains(s) : false};
    }
    const rows = [...document.querySelectorAll('#claims tbody tr:not([data-none])')].map(
        tr => [...tr.cells].map(td => td.textContent));
    const legend = {};
    for (const li of document.querySelectorAll('#legend li[data-type]')) legend[li.dataset.type] = li.textContent;
    return {text: art.textContent, byType, mentions, quotes, rows, legend,
            scripts: art.querySelectorAll('script, img, iframe, object').length,
            status: document.getElementById('status').textContent,
            pwned: window.__pwned === undefined ? null : window.__pwned,
            drawMs: Number(document.body.dataset.drawMs)};
})()"""


def check_against_api(r, page, base, text, label):
    """The drawn DOM matches the API's own answer for text."""
    api = api_enrich(base, text)
    dom = page.eval(DOM_SUMMARY)
    r.check(label + ": the drawn text is the article, character for character",
            dom["text"] == text, "lengths %d and %d" % (len(dom["text"]), len(text)))
    want = {t: 0 for t in TYPES}
    bad = []
    for ei, e in enumerate(api.get("entities", [])):
        for mi, m in enumerate(e.get("mentions", [])):
            want[e["type"] if e["type"] in TYPES else "other"] = want.get(
                e["type"] if e["type"] in TYPES else "other", 0) + 1
            got = dom["mentions"].get("m-%d-%d" % (ei, mi))
            if got is None or not m["text"].startswith(got) or \
                    utf16_slice(text, m["start"], m["end"]) != m["text"]:
                bad.append((m, got))
    got_types = {t: dom["byType"].get(t, 0) for t in want}
    r.check(label + ": highlighted mentions per type equal the API's mentions per type %s" % want,
            got_types == want, "page drew %s" % got_types)
    r.check(label + ": every mention drawn at its UTF-16 offsets", not bad, "first: %r" % (bad[:1],))
    r.check(label + ": the legend counts per type",
            all(dom["legend"].get(t) == "%s %d" % (t, want[t]) for t in TYPES), str(dom["legend"]))
    quotes = api.get("quotes", [])
    spoken = [q for q in quotes if q.get("speaker") and q["speaker"].get("mention")]
    linked = [q for q in spoken if dom["quotes"].get(q["id"], {}).get("speakerText") == q["speaker"]["mention"]["text"]]
    r.check(label + ": every quote with a speaker is linked to its speaker's mention (%d of %d quotes)"
            % (len(spoken), len(quotes)), len(linked) == len(spoken) and
            len(dom["quotes"]) == len(quotes), "linked %d; drawn %d" % (len(linked), len(dom["quotes"])))
    claims = api.get("claims", [])
    r.check(label + ": a claim row per claim (%d)" % len(claims), len(dom["rows"]) == len(claims) and
            all(row[0] == c["kind"] for row, c in zip(dom["rows"], claims)), str(dom["rows"][:2]))
    r.check(label + ": territory codes shown",
            all((c.get("territory") or {}).get("code", "") in row[2] for row, c in zip(dom["rows"], claims)))
    print("   (API answer: %d entities, %d mentions, %d quotes, %d claims; %s)" % (
        len(api.get("entities", [])), sum(want.values()), len(quotes), len(claims), dom["status"]))
    return api, dom


def test_main_article(r, page, base):
    state = submit(page, ARTICLE)
    r.check("the article is analysed (state done)", state == "done",
            page.eval("document.getElementById('error').textContent"))
    api, dom = check_against_api(r, page, base, ARTICLE, "article")
    r.check("<script> in the article shows as text", "<script>window.__pwned = 1</script>" in dom["text"])
    r.check("no element made from the article's markup, nothing executed",
            dom["scripts"] == 0 and dom["pwned"] is None, "elements %d, flag %r" % (dom["scripts"], dom["pwned"]))
    r.check("status shows the analysis time and the round trip",
            "analysis" in dom["status"] and "round trip" in dom["status"], dom["status"])
    # clicking a quote lights its speaker; clicking evidence points at its sentence
    spoken = [q for q in api.get("quotes", []) if q.get("speaker") and q["speaker"].get("mention")]
    if spoken:
        qid = spoken[0]["id"]
        lit = page.eval("""(() => { const q = [...document.querySelectorAll('#article .q')].find(x => x.dataset.q === %s);
            q.click(); const s = document.getElementById(q.dataset.speaker);
            return s.classList.contains('lit') && Number(document.body.dataset.lit) >= 1; })()""" % json.dumps(qid))
        r.check("clicking a quote lights its speaker", lit)
    if api.get("claims"):
        c = api["claims"][0]
        rng = page.eval("document.querySelector('#claims td.ev').click(); document.body.dataset.range")
        r.check("clicking a claim's evidence points at its sentence",
                rng == "%d-%d" % (c["evidence"]["start"], c["evidence"]["end"]), str(rng))
    page.eval("window.scrollTo(0, 0); true")
    page.screenshot(os.path.join(OUT, "page.png"), full=False)
    r.check("screenshot written to tests/out/page.png", os.path.getsize(os.path.join(OUT, "page.png")) > 10000)


def test_renderer_fixture(r, page):
    """The drawing code on a hand-made answer in the documented shape, whatever
    the extractors do: a mention inside a quote, a mention across a quote's
    end, a pronoun speaker, a span outside the text, a claim."""
    text = ("Mayor Ines Ruiz said \u201cthe port of Valdora stays open\u201d to Valdora Harbour Board members. "
            "She added \u201cwe will not leave\u201d. Ostland occupied Valdora in 1990.\n\n"
            "The statement went on: \u201cOur ships will sail.\n\nOur nets will be cast.\u201d")

    def at(s, nth=0):
        i = -1
        for _ in range(nth + 1):
            i = text.index(s, i + 1)
        return {"text": s, "start": i, "end": i + len(s)}
    q1 = at("\u201cthe port of Valdora stays open\u201d")
    q2 = at("\u201cwe will not leave\u201d")
    cross = {"text": text[q1["end"] - 6:q1["end"] + 3], "start": q1["end"] - 6, "end": q1["end"] + 3}
    ev = at("Ostland occupied Valdora in 1990.")
    q3 = at("\u201cOur ships will sail.\n\nOur nets will be cast.\u201d")
    answer = {
        "entities": [
            {"id": "e1", "name": "Ines Ruiz", "type": "PERSON", "mentions": [at("Ines Ruiz")]},
            {"id": "e2", "name": "Valdora", "type": "LOCATION", "code": "XV-01",
             "mentions": [at("Valdora"), at("Valdora", 2)]},
            {"id": "e3", "name": "Valdora Harbour Board", "type": "ORG", "mentions": [at("Valdora Harbour Board")]},
            {"id": "e4", "name": "Ostland", "type": "LOCATION", "mentions": [at("Ostland")]},
            {"id": "e5", "name": "Crossing", "type": "MISC", "mentions": [cross]},
            {"id": "e6", "name": "Nowhere", "type": "MISC", "mentions": [{"text": "x", "start": len(text) + 5, "end": len(text) + 9}]},
        ],
        "quotes": [
            dict(q1, id="q1", kind="direct", speaker={"name": "Ines Ruiz", "entity": "e1", "mention": at("Ines Ruiz")},
                 cue=at("said")),
            dict(q2, id="q2", kind="direct", speaker={"name": "Ines Ruiz", "entity": "e1", "mention": at("She")},
                 cue=at("added")),
            dict(q3, id="q3", kind="direct", speaker=None),
        ],
        "claims": [{"id": "c1", "kind": "occupation", "actor": {"name": "Ostland", "entity": "e4"},
                    "territory": {"name": "Valdora", "entity": "e2", "code": "XV-01"}, "status": "asserted",
                    "date": "1990", "evidence": ev}],
        "stats": {"elapsed_us": 12},
    }
    res = page.eval("window.enricherPage.render(%s, %s)" % (json.dumps(text), json.dumps(answer)))
    info = page.eval(r"""(() => {
        const art = document.getElementById('article');
        const q1 = [...art.querySelectorAll('.q')].filter(x => x.dataset.q === 'q1');
        const q2 = art.querySelector('.q:not(.cont)[data-q="q2"]');
        return {text: art.textContent,
                innerMark: !!(q1[0] && q1[0].querySelector('mark.t-LOCATION')),
                q1parts: q1.length,
                crossParts: art.querySelectorAll('mark.t-MISC').length,
                crossCont: art.querySelectorAll('mark.t-MISC.cont').length,
                q2speaker: q2 && document.getElementById(q2.dataset.speaker) ? document.getElementById(q2.dataset.speaker).textContent : null,
                q1by: q1.length ? q1[q1.length - 1].dataset.by : null,
                title: (art.querySelector('mark.t-LOCATION') || {}).title,
                rows: document.querySelectorAll('#claims tbody tr:not([data-none])').length,
                paras: art.querySelectorAll(':scope > .para').length,
                q3parts: [...art.querySelectorAll('.q')].filter(x => x.dataset.q === 'q3').map(x => x.textContent),
                q3anon: !!art.querySelector('.q.qend.anon[data-q="q3"]'),
                code: (document.querySelector('#claims tbody td code') || {}).textContent};
    })()""")
    r.check("fixture: drawn text equals the text", info["text"] == text)
    r.check("fixture: a mention inside a quote is nested in it", info["innerMark"])
    r.check("fixture: a mention across a quote's end is split, second part marked",
            info["crossParts"] == 2 and info["crossCont"] == 1 and info["q1parts"] == 1, str(info))
    r.check("fixture: paragraphs are blocks; a quote across a paragraph break is cut in two parts",
            info["paras"] == 3 and "".join(info["q3parts"]) == q3["text"] and len(info["q3parts"]) == 2,
            "paras %d, parts %r" % (info["paras"], info["q3parts"]))
    r.check("fixture: a quote without a speaker says so", info["q3anon"])
    r.check("fixture: a span outside the text is skipped and counted", res["skipped"] == 1, str(res))
    r.check("fixture: a pronoun speaker is linked", info["q2speaker"] == "She", str(info["q2speaker"]))
    r.check("fixture: the speaker's name is on the quote's last part", info["q1by"] == "Ines Ruiz")
    r.check("fixture: canonical name and code on hover", info["title"] and "Valdora" in info["title"]
            and "XV-01" in info["title"], str(info["title"]))
    r.check("fixture: claim row with the territory code", info["rows"] == 1 and info["code"] == "XV-01")
    rng = page.eval("document.querySelector('#claims td.ev').click(); document.body.dataset.range")
    r.check("fixture: evidence click points at the sentence", rng == "%d-%d" % (ev["start"], ev["end"]), str(rng))
    lit = page.eval("document.querySelector('#article .q[data-q=\"q2\"]').click(); "
                    "[...document.querySelectorAll('#article mark.lit')].map(m => m.textContent)")
    r.check("fixture: clicking a quote lights the speaker entity's mentions", lit == ["Ines Ruiz"], str(lit))


def test_long_article(r, page, base):
    paras = []
    i = 0
    words = 0
    while words < 10000:
        p = ARTICLE.split("\n\n")[i % 6].replace("Thursday", "day %d" % i)
        paras.append(p)
        words += len(p.split())
        i += 1
    text = "\n\n".join(paras)
    t0 = time.monotonic()
    state = submit(page, text, timeout=30)
    wall = time.monotonic() - t0
    r.check("a 10,000-word article is analysed (%d words, %.2f s from click to drawn)" % (words, wall),
            state == "done" and wall < 10, page.eval("document.getElementById('error').textContent"))
    api, dom = check_against_api(r, page, base, text, "10,000 words")
    r.check("10,000 words drawn in under 1 s (%.1f ms)" % dom["drawMs"], dom["drawMs"] < 1000)
    # the same text with a dense answer made in the page: every capitalised
    # word a mention, every curly-quoted span a quote spoken by the nearest
    # name before it, every sentence with "annexed" a claim
    res = page.eval(r"""(() => {
        const text = document.getElementById('article').textContent;
        const types = ['PERSON', 'ORG', 'LOCATION', 'MISC'];
        const ents = types.map((t, i) => ({id: 'e' + i, name: t, type: t, mentions: []}));
        const names = [];
        for (const m of text.matchAll(/[A-Z][a-z]+/g)) {
            const men = {text: m[0], start: m.index, end: m.index + m[0].length};
            ents[m[0].length % 4].mentions.push(men);
            names.push([men, 'e' + (m[0].length % 4)]);
        }
        const quotes = [];
        let k = 0;
        for (const m of text.matchAll(/\u201c[^\u201d]*\u201d/g)) {
            while (k + 1 < names.length && names[k + 1][0].start < m.index) k++;
            quotes.push({id: 'q' + quotes.length, text: m[0], kind: 'direct', start: m.index,
                         end: m.index + m[0].length,
                         speaker: {name: names[k][0].text, entity: names[k][1], mention: names[k][0]}});
        }
        const claims = [];
        for (const m of text.matchAll(/[^.]*annexed[^.]*\./g))
            claims.push({id: 'c' + claims.length, kind: 'annexation', actor: {name: 'A'},
                         territory: {name: 'T', code: 'XX-1'}, status: 'asserted', date: '2014',
                         evidence: {text: m[0], start: m.index, end: m.index + m[0].length}});
        const t0 = performance.now();
        const out = window.enricherPage.render(text, {entities: ents, quotes, claims, stats: {}});
        const ms = performance.now() - t0;
        return {ms, mentions: names.length, quotes: quotes.length, claims: claims.length,
                drawn: document.querySelectorAll('#article mark.m:not(.cont)').length,
                same: document.getElementById('article').textContent === text, skipped: out.skipped};
    })()""")
    r.check("10,000 words with %d mentions, %d quotes, %d claims drawn in %.0f ms (under 1 s)"
            % (res["mentions"], res["quotes"], res["claims"], res["ms"]),
            res["ms"] < 1000 and res["drawn"] == res["mentions"] and res["same"] and res["skipped"] == 0,
            str(res))


def test_url_and_auth(r, page, binary):
    """A URL is sent as {"url"}, and a bearer token from Options, on a server
    with auth on (whatever fetching answers here, it is not 'text missing')."""
    server, base = start_server(binary, ["--auth-tokens", "page-test-token"], "browser-server-auth.log")
    try:
        page.goto(base + "/")
        state = submit(page, "Officials met in Oslo.")
        err = page.eval("document.getElementById('error').textContent")
        r.check("auth on, no token: 401 and a hint to set the token", state == "error" and "401" in err
                and "token" in err, err)
        page.eval("document.getElementById('token').value = 'page-test-token'; true")
        state = submit(page, "Officials met in Oslo.")
        r.check("auth on, token set under Options: answered", state == "done",
                page.eval("document.getElementById('error').textContent"))
        state = submit(page, "  https://news.example.invalid/story  ")
        err = page.eval("document.getElementById('error').textContent")
        art = page.eval("document.getElementById('article').textContent")
        r.check("a URL is sent as a URL (%s)" % (err.split("\n")[0][:70] if state == "error" else "answered"),
                (state == "error" and "missing_field" not in err and "invalid" not in err.split(":")[0])
                or (state == "done" and "https://" not in art), err or art[:80])
    finally:
        stop_server(server)


def test_errors(r, page, server):
    state = submit(page, "   ")
    r.check("empty input: a readable message, no request", state == "error" and
            page.eval("document.getElementById('error').dataset.code") == "empty_input")
    # a lone surrogate cannot be encoded in UTF-8: the API refuses the JSON
    state = submit(page, "Broken \ud800 text")
    err = page.eval("document.getElementById('error').textContent")
    r.check("API error: status, code and message shown (%s)" % err.split("\n")[0][:90],
            state == "error" and "400" in err and "invalid_json" in err and "Unicode" in err, err)
    stop_server(server)
    state = submit(page, "Any text at all.")
    err = page.eval("document.getElementById('error').textContent")
    r.check("network failure: a readable message (%s)" % err[:60], state == "error" and
            page.eval("document.getElementById('error').dataset.code") == "network", err)


def main():
    exe = cdp.find_chromium()
    if not exe:
        print("skipped: no Chromium found (apt-get install chromium, or set CHROMIUM=/path)")
        print("browser: 0 passed, 0 failed")
        return 0
    binary = os.environ.get("ENRICHER_BIN", os.path.join(ROOT, "build", "enricher"))
    os.makedirs(OUT, exist_ok=True)
    r = Results()
    server = browser = None
    t0 = time.monotonic()
    try:
        server, base = start_server(binary)
        st, ctype, body = http(base, "GET", "/")
        r.check("GET / answers 200 text/html with the form", st == 200 and ctype.startswith("text/html")
                and b'id="form"' in body, "%d %s" % (st, ctype))
        browser = cdp.Browser(exe, os.path.join(OUT, "browser-chromium.log"))
        page = cdp.Page(browser)
        page.goto(base + "/")
        r.check("the page loads and its client is ready",
                page.eval("typeof window.enricherPage === 'object' && document.body.dataset.state === 'idle'"))
        test_main_article(r, page, base)
        test_renderer_fixture(r, page)
        test_long_article(r, page, base)
        test_url_and_auth(r, page, binary)
        page.goto(base + "/")
        test_errors(r, page, server)
    except Exception as e:  # a broken step is a failure, not a crash
        traceback.print_exc()
        r.check("the test ran to the end", False, str(e))
    finally:
        if browser:
            browser.close()
        if server:
            stop_server(server)
    print("   (%.1f s)" % (time.monotonic() - t0))
    print("browser: %d passed, %d failed" % (r.passed, r.failed))
    return 1 if r.failed else 0


if __name__ == "__main__":
    sys.exit(main())
