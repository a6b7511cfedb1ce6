#!/usr/bin/env python3
"""Writes the README's screenshot of the page: the page's own example article,
analysed by the real binary, with its first attributed quote clicked.

usage: python3 tests/browser/screenshot.py docs/page.png
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cdp  # noqa: E402
import test_page as tp  # noqa: E402


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "docs/page.png"
    exe = cdp.find_chromium()
    if not exe:
        print("skipped: no Chromium")
        return 0
    os.makedirs(tp.OUT, exist_ok=True)
    server, base = tp.start_server(os.environ.get("ENRICHER_BIN", os.path.join(tp.ROOT, "build", "enricher")))
    browser = cdp.Browser(exe, os.path.join(tp.OUT, "browser-chromium.log"))
    try:
        page = cdp.Page(browser, 1280, 860)
        page.goto(base + "/")
        page.eval("document.getElementById('example').click(); document.getElementById('submit').click(); true")
        page.wait("['done', 'error'].includes(document.body.dataset.state)")
        page.eval("(() => { const q = document.querySelector('#article .q[data-speaker]'); if (q) q.click(); "
                  "window.scrollTo(0, 0); return true; })()")
        page.wait("new Promise(r => setTimeout(() => r(true), 600))")  # the smooth scroll settles
        page.eval("const i = document.getElementById('input'); i.blur(); i.scrollTop = 0; "
                  "window.scrollTo(0, 0); true")
        page.screenshot(out, full=False)
        print("wrote %s (%s)" % (out, page.eval("document.getElementById('status').textContent")))
    finally:
        browser.close()
        tp.stop_server(server)
    return 0


if __name__ == "__main__":
    sys.exit(main())
