#!/usr/bin/env python3
"""What the PolNeAR attribution figure of score_attribution.py can reach when
quotes follow ../shared/corpus/GUIDELINES.md. Python 3 stdlib only.

PolNeAR annotates every attribution: beliefs, plans and feelings ("wants",
"expects", "felt"), noun-phrase contents ("cited the report", "called for a
ban"), whole clauses around quoted fragments. GUIDELINES.md counts reported
speech only, and a quoted fragment alone. Two figures follow:

  oracle   predictions are PolNeAR's own gold contents and sources, for the
           attributions GUIDELINES.md counts (the content holds a quotation
           mark, or the cue is a speech cue of config/lexicons/speech_verbs.txt
           and the content is a clause), scored by score_attribution.py's own
           pairing: the best a GUIDELINES-true extractor can score there.
  service  (with --url) the running service's quotes, scored as the scorer
           does (first overlapping unused gold) and with the best one-to-one
           pairing, which tells what the pairing alone costs.

Usage: scripts/polnear_ceiling.py [--shared ../shared] [--split dev] [--url URL]
"""
import argparse
import glob
import json
import os
import re
import sys
import urllib.request

FINITE = re.compile(r"\b(is|are|was|were|has|have|had|will|would|can|could|should|must|may|"
                    r"might|did|does|do|\w+ed|\w+s)\b")
MARKS = "\"\u201c\u201d"  # and the New York Times' '' marks


def read_gold(path, text):
    spans, rels = {}, []
    for line in open(path, encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        if parts[0].startswith("T") and len(parts) >= 2:
            _, _, offs = parts[1].partition(" ")
            segs = [tuple(map(int, s.split())) for s in offs.split(";")]
            spans[parts[0]] = (" ".join(text[s:e] for s, e in segs), segs[0][0])
        elif parts[0].startswith("E") and len(parts) >= 2:
            rels.append(dict(x.split(":", 1) for x in parts[1].split() if ":" in x))
    out = []
    for r in rels:
        if r.get("Content") not in spans:
            continue
        content, start = spans[r["Content"]]
        out.append({"content": content, "start": start,
                    "source": spans.get(r.get("Source"), ("", 0))[0],
                    "cue": spans.get(r.get("Cue"), ("", 0))[0].lower().strip(" :,")})
    return out


def speech_cues(path):
    cues = set()
    for line in open(path, encoding="utf-8"):
        if line.strip() and not line.startswith("#"):
            cues.add(line.split("\t")[0].lower())
    return cues


def counted(g, cues):
    """Would GUIDELINES.md count this attribution as a quote?"""
    if any(m in g["content"] for m in MARKS) or "''" in g["content"]:
        return True
    last = g["cue"].split()[-1:] or [""]
    if not (g["cue"] in cues or last[0] in cues or "according" in g["cue"]):
        return False
    return g["content"].lower().startswith("that ") or (
        len(g["content"].split()) >= 4 and FINITE.search(g["content"]) is not None)


def greedy(pred, gold, overlap):
    """score_attribution.py's pairing: (matches, matches with the right speaker)."""
    used, tp, good = set(), 0, 0
    for q in pred:
        for j, g in enumerate(gold):
            if j not in used and overlap(q["text"], g["content"]):
                used.add(j)
                tp += 1
                good += any(overlap(s, g["source"]) for s in q["speakers"])
                break
    return tp, good


def best_pairing(pred, gold, edge):
    """Largest one-to-one matching over edge(q, g), by augmenting paths."""
    owner = {}
    adj = [[j for j, g in enumerate(gold) if edge(q, g)] for q in pred]

    def augment(i, seen):
        for j in adj[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False
    return sum(augment(i, set()) for i in range(len(pred)))


def ask(url, text, speaker_texts):
    req = urllib.request.Request(url, data=json.dumps({"text": text}).encode("utf-8"),
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as r:
        quotes = json.loads(r.read().decode("utf-8")).get("quotes") or []
    return [{"text": q.get("text", ""), "speakers": speaker_texts(q)} for q in quotes]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--split", default="dev")
    ap.add_argument("--url", help="a running service's /v1/quotes")
    ap.add_argument("--cues", default=os.path.join(os.path.dirname(__file__), "..", "config",
                                                   "lexicons", "speech_verbs.txt"))
    a = ap.parse_args()
    sys.path.insert(0, os.path.join(a.shared, "corpus"))
    from score_attribution import overlap, speaker_texts  # the scorer's own rules
    cues = speech_cues(a.cues)
    split = os.path.join(a.shared, "data", "polnear", a.split)
    n = {"gold": 0, "counted": 0, "o_tp": 0, "o_good": 0, "pred": 0, "g_tp": 0, "g_good": 0,
         "b_tp": 0, "b_good": 0}
    for tpath in sorted(glob.glob(os.path.join(split, "text", "*.txt"))):
        name = os.path.basename(tpath)[:-4]
        anns = sorted(glob.glob(os.path.join(split, "attributions", name + "_*.ann")))
        if not anns:
            continue
        text = open(tpath, encoding="utf-8").read()
        gold = read_gold(anns[0], text)
        oracle = [{"text": g["content"], "speakers": [g["source"]] if g["source"] else []}
                  for g in sorted((g for g in gold if counted(g, cues)), key=lambda g: g["start"])]
        tp, good = greedy(oracle, gold, overlap)
        n["gold"] += len(gold)
        n["counted"] += len(oracle)
        n["o_tp"] += tp
        n["o_good"] += good
        if a.url:
            pred = ask(a.url, text, speaker_texts)
            tp, good = greedy(pred, gold, overlap)
            n["pred"] += len(pred)
            n["g_tp"] += tp
            n["g_good"] += good
            n["b_tp"] += best_pairing(pred, gold, lambda q, g: overlap(q["text"], g["content"]))
            n["b_good"] += best_pairing(pred, gold, lambda q, g: overlap(q["text"], g["content"]) and
                                        any(overlap(s, g["source"]) for s in q["speakers"]))

    def f1(t, p):
        return 2 * t / (p + n["gold"]) if p + n["gold"] else 0.0
    print(f"gold attributions {n['gold']}, counted by GUIDELINES.md {n['counted']}")
    print(f"oracle   detection F1={f1(n['o_tp'], n['counted']):.3f} "
          f"attribution F1={f1(n['o_good'], n['counted']):.3f}")
    if a.url:
        print(f"service  scorer's pairing: detection F1={f1(n['g_tp'], n['pred']):.3f} "
              f"attribution F1={f1(n['g_good'], n['pred']):.3f}")
        print(f"service  best pairing:     detection F1={f1(n['b_tp'], n['pred']):.3f} "
              f"attribution F1={f1(n['b_good'], n['pred']):.3f}")


if __name__ == "__main__":
    main()
