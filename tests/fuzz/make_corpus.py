#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets into tests/fuzz/corpus/<target>/
from the dev articles (a few small files each: the opening paragraphs, cut on
a character boundary), plus a handful of request shapes that reach the
other branches of the parser. Usage: make_corpus.py CORPUS_DIR OUT_DIR"""
import json
import os
import sys

src, out = sys.argv[1], sys.argv[2]
MAX = 1500  # bytes of text per seed: enough for a few sentences and quotes


def cut(text, n=MAX):
    b = text.encode("utf-8")[:n]
    return b.decode("utf-8", "ignore")


def write(target, name, data):
    d = os.path.join(out, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


arts = []
for fn in sorted(os.listdir(src)):
    if fn.endswith(".json"):
        with open(os.path.join(src, fn), encoding="utf-8") as f:
            g = json.load(f)
        arts.append((fn[:-5], g))

for i, (name, g) in enumerate(arts[:5]):
    text = cut(g.get("text", ""))
    req = {"id": name, "title": g.get("title") or "", "text": text}
    if g.get("published"):
        req["published"] = g["published"]
    if i % 2:
        req["offsets"] = "utf16"
        req["include"] = ["entities", "quotes"]
    body = json.dumps(req, ensure_ascii=(i % 3 == 0)).encode("utf-8")
    # first byte: content type (and depth cap) in fuzz_request, mode in fuzz_analyze
    write("fuzz_request", name + ".json", bytes([0x00 | (i << 3)]) + body)
    write("fuzz_analyze", name + ".json", bytes([0x01 | (i << 3)]) + body)
    write("fuzz_analyze", name + ".txt", bytes([(i % 3) << 1]) + text.encode("utf-8"))
    write("fuzz_text", name + ".txt", text.encode("utf-8"))

shapes = {
    "plain.txt": bytes([1]) + "Plain text, “curly quotes” and émigré.".encode(),
    "url-only.json": bytes([0]) + b'{"url":"http://127.0.0.1/x"}',
    "batchish.json": bytes([0]) + b'{"articles":[{"text":"a"}],"include":["claims"]}',
    "deep.json": bytes([0]) + b'{"text":"a","x":' + b"[" * 80 + b"]" * 80 + b"}",
    "escapes.json": bytes([0]) + b'{"text":"a\\u00e9\\ud83d\\ude00\\n\\"q\\"","id":7}',
    "form.json": bytes([3]) + b'  {"text":"Form-encoded but JSON."}',
    "bad-utf8.json": bytes([0]) + b'{"text":"caf\xc3"}',
}
for k, v in shapes.items():
    write("fuzz_request", k, v)
write("fuzz_text", "mixed.txt",
      "U.S. Gen. Smith said: \u201cWe\u2019re 3.5% up\u2026\u201d \u2014 ok!\n\nNew\tpara \U0001F600 \u00ab\u00bb".encode())
write("fuzz_text", "invalid.bin", b"ab\xed\xa0\x80cd\xf4\x90\x80\x80\xc0\xaf")
