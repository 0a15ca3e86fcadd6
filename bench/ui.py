"""Learner-side timings of the sample course in Chromium (issue 14 budgets).

In:  ``--runs N`` loads of the first page (default 10), ``--turns N`` page turns (default 20),
     ``--widths 375,1280``, ``--json``; Chromium at ``$COURSEC_CHROMIUM`` (default
     /usr/bin/chromium) driven by Playwright.
Out: a table on stdout, per width: first page painted (navigation start to the first contentful
     paint, and to the runtime having taken the page over: ``cs-js`` set on <html>, in ms,
     median and maximum of the loads) and page turn (the click on Next to the frame after the new
     page's heading is focused, ms, median and maximum of the turns). The course is built once
     for the web target and served from a local HTTP server on 127.0.0.1. The budgets (first
     page < 300 ms, page turn < 50 ms) are printed beside the numbers, never asserted; the exit
     code is 1 only when the build or a page fails. A floor is measured the same way: a page
     with one paragraph served beside the course (what this browser and machine cost for any
     page).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
COURSE = ROOT / "courses" / "customer-service"
BUDGET_FIRST, BUDGET_TURN = 300.0, 50.0
HEIGHTS = {320: 640, 375: 740, 768: 1024, 1280: 800}

#: set before the page runs: when the runtime marks the document as taken over
TAKEN_OVER = """(() => {
  const mark = () => { const h = document.documentElement;
    if (h && h.classList.contains('cs-js') && !window.__csReady)
      window.__csReady = performance.now(); };
  new MutationObserver(mark).observe(document, {attributes: true, subtree: true,
                                                attributeFilter: ['class']});
  document.addEventListener('DOMContentLoaded', mark);
})();"""

#: after a click on Next: resolve with the time (from the click) of the frame in which the new
#: heading is focused, the frame after it is painted
TURN = """() => { window.__csTurn = new Promise(done => {
  const before = document.querySelector('section[data-cs-page]:not([hidden])');
  let t0 = 0;
  document.addEventListener('click', e => { t0 = e.timeStamp; }, {capture: true, once: true});
  const poll = () => {
    const now = document.querySelector('section[data-cs-page]:not([hidden])');
    const h = now && now.querySelector('[data-cs-heading]');
    if (t0 && now !== before && document.activeElement === h)
      requestAnimationFrame(() => setTimeout(() => done(performance.now() - t0), 0));
    else requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
}); }"""


def build(out: Path) -> Path:
    cmd = [sys.executable, "-m", "coursec", "build", str(COURSE), "--target", "web",
           "--region", "en-US", "--out", str(out), "--quiet"]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)
    if proc.returncode != 0:
        sys.exit(f"build failed:\n{proc.stdout}{proc.stderr}")
    return out / "customer-service" / "en-US" / "web"


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/index.html"


FLOOR = ("<!doctype html><html lang='en' class='cs-js'><title>floor</title>"
         "<p>One paragraph.</p></html>")


def first_page(browser: Any, url: str, width: int) -> tuple[float, float]:
    """(first contentful paint, runtime took over) in ms from navigation start, one load."""
    context = browser.new_context(viewport={"width": width, "height": HEIGHTS.get(width, 800)})
    try:
        page = context.new_page()
        page.add_init_script(TAKEN_OVER)
        page.goto(url, wait_until="load")
        page.wait_for_function("() => window.__csReady && performance.getEntriesByName("
                               "'first-contentful-paint').length")
        fcp, ready = page.evaluate("() => [performance.getEntriesByName("
                                   "'first-contentful-paint')[0].startTime, window.__csReady]")
        return float(fcp), float(ready)
    finally:
        context.close()


def page_turns(browser: Any, url: str, width: int, turns: int) -> list[float]:
    context = browser.new_context(viewport={"width": width, "height": HEIGHTS.get(width, 800)},
                                  reduced_motion="reduce")
    try:
        page = context.new_page()
        page.goto(url)
        page.wait_for_function("() => document.documentElement.classList.contains('cs-js')")
        nxt = page.locator("button[data-cs-nav='next']")
        out = []
        for _ in range(turns):
            if nxt.is_disabled():  # the end: start again from the first page
                page.locator("button[data-cs-nav='prev']").wait_for()
                page.evaluate("() => { localStorage.clear(); }")
                page.goto(url)
                page.wait_for_function(
                    "() => document.documentElement.classList.contains('cs-js')")
            page.evaluate(TURN)
            nxt.click()
            out.append(float(page.evaluate("() => window.__csTurn")))
        return out
    finally:
        context.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--turns", type=int, default=20)
    ap.add_argument("--widths", default="375,1280")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT / "tests"))
    from browser.lmshost import CHROMIUM, CHROMIUM_ARGS  # the tests' Chromium and flags
    from playwright.sync_api import sync_playwright

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = build(Path(tmp))
        (folder / "floor.html").write_text(FLOOR, encoding="utf-8")
        server, url = serve(folder)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                first_page(browser, url, 1280)  # warm the disk cache and the browser
                floor = [first_page(browser, url.replace("index.html", "floor.html"), 375)[0]
                         for _ in range(args.runs)]
                for width in (int(w) for w in args.widths.split(",")):
                    loads = [first_page(browser, url, width) for _ in range(args.runs)]
                    turns = page_turns(browser, url, width, args.turns)
                    fcp, ready = [x[0] for x in loads], [x[1] for x in loads]
                    rows.append({"width": width,
                                 "fcp_ms": statistics.median(fcp), "fcp_max_ms": max(fcp),
                                 "ready_ms": statistics.median(ready),
                                 "ready_max_ms": max(ready),
                                 "turn_ms": statistics.median(turns),
                                 "turn_max_ms": max(turns), "turns": len(turns)})
                browser.close()
        finally:
            server.shutdown()
    if args.json:
        print(json.dumps({"floor_fcp_ms": statistics.median(floor), "rows": rows}, indent=1))
        return 0
    print(f"{'width':>6} {'first paint ms':>15} {'runtime ready ms':>17} {'page turn ms':>13}"
          f"   budgets: first page < {BUDGET_FIRST:.0f}, turn < {BUDGET_TURN:.0f}")
    for r in rows:
        print(f"{r['width']:>6} {r['fcp_ms']:>8.1f} ({r['fcp_max_ms']:>5.1f}) "
              f"{r['ready_ms']:>9.1f} ({r['ready_max_ms']:>5.1f}) "
              f"{r['turn_ms']:>6.1f} ({r['turn_max_ms']:>5.1f})   median (max); "
              f"{args.runs} loads, {r['turns']} turns")
    print(f" floor {statistics.median(floor):>8.1f} ({max(floor):>5.1f})   a page of one "
          "paragraph, the same server and browser")
    return 0


if __name__ == "__main__":
    sys.exit(main())
