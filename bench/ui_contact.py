"""Contact sheets of the learner walk: what a learner sees on a phone and on a desktop.

In:  ``--out DIR`` (default docs/screens), ``--regions en-US,ar-SA``, ``--keep DIR`` (keep every
     screenshot of the walks there); Chromium and Playwright as for the browser tests, Pillow.
Out: one PNG per region and device in DIR, ``walk-<region>-<phone|desktop>.png``: a grid of the
     walk's states (the first page, a page turn, each quiz kind wrong / revealed / right, each
     scenario's ending, the assessment's screens and result, the last page), each labelled with
     its page and state. The walk is ``tests/browser/walk.py`` (phone 375 x 740, desktop
     1280 x 800); its problems are printed (the sheet is written all the same); nothing is
     compared pixel by pixel. Exit code 1 when the build fails.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
COURSE = ROOT / "courses" / "customer-service"
DEVICES = {"phone": (375, 740, 0.5, 6), "desktop": (1280, 800, 0.3, 4)}  # w, h, scale, columns
LABEL = 30  # px under each thumbnail


def build(out: Path, regions: list[str]) -> dict[str, Path]:
    import subprocess

    cmd = [sys.executable, "-m", "coursec", "build", str(COURSE), "--target", "web",
           "--region", ",".join(regions), "--out", str(out), "--quiet"]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)
    if proc.returncode != 0:
        sys.exit(f"build failed:\n{proc.stdout}{proc.stderr}")
    return {r: out / "customer-service" / r / "web" / "index.html" for r in regions}


def pick(states: list[str], data: dict[str, Any]) -> list[int]:
    """Indexes of the states on the sheet (see the module docstring)."""
    kinds = {str(q["id"]): str(q["kind"]) for q in data.get("quizzes") or []}
    chosen: list[int] = []
    first_of_kind: dict[str, str] = {}  # kind -> the first quiz of that kind
    last_step: dict[str, int] = {}
    for i, name in enumerate(states):
        words = name.split(" ")
        state = " ".join(words[1:])
        if i == 0 or (state == "page" and not any(states[j].endswith(" page")
                                                  for j in range(i))):
            chosen.append(i)
        elif len(words) >= 3 and words[1] in kinds and words[2] != "before":
            if first_of_kind.setdefault(kinds[words[1]], words[1]) == words[1]:
                chosen.append(i)
        elif len(words) >= 3 and words[2] == "step":
            last_step[words[1]] = i
        elif state.startswith("exam"):
            chosen.append(i)
    chosen += last_step.values()
    chosen.append(len(states) - 1)
    return sorted(set(chosen))


def sheet(files: list[tuple[Path, str]], device: str, title: str, out: Path) -> None:
    from PIL import Image, ImageDraw, ImageFont

    width, height, scale, cols = DEVICES[device]
    tw, th = int(width * scale), int(height * scale)
    rows = (len(files) + cols - 1) // cols
    img = Image.new("RGB", (cols * (tw + 8) + 8, rows * (th + LABEL + 8) + 40), "white")
    draw = ImageDraw.Draw(img)
    font = ImageFont.load_default(size=12)
    draw.text((8, 10), title, fill="black", font=ImageFont.load_default(size=18))
    for k, (path, label) in enumerate(files):
        x, y = 8 + (k % cols) * (tw + 8), 40 + (k // cols) * (th + LABEL + 8)
        shot = Image.open(path).convert("RGB").resize((tw, th), Image.Resampling.LANCZOS)
        img.paste(shot, (x, y))
        draw.rectangle((x - 1, y - 1, x + tw, y + th), outline="#888888")
        short = re.sub(r"^[a-z-]+--", "", label)
        per_line = tw // 7
        draw.text((x, y + th + 2), short[:per_line], fill="black", font=font)
        draw.text((x, y + th + 15), short[per_line: 2 * per_line], fill="black", font=font)
    img.quantize(colors=128).save(out, optimize=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "screens")
    ap.add_argument("--regions", default="en-US,ar-SA")
    ap.add_argument("--keep", type=Path)
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT / "tests"))
    from browser.lmshost import CHROMIUM, CHROMIUM_ARGS
    from browser.test_layout import open_course
    from browser.walk import Walker
    from playwright.sync_api import sync_playwright

    regions = args.regions.split(",")
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        index = build(Path(tmp) / "build", regions)
        shots_root = args.keep or Path(tmp) / "shots"
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for region in regions:
                for device, (width, height, _, _) in DEVICES.items():
                    context, page = open_course(browser, index[region], width, height)
                    shots = shots_root / f"{region}-{width}"
                    walker = Walker(page, f"{region} {width}px", shots, axe=False)
                    walker.walk()
                    context.close()
                    files = sorted(shots.glob("*.png"))
                    chosen = [(files[i], walker.states[i])
                              for i in pick(walker.states, walker.data)]
                    out = args.out / f"walk-{region}-{device}.png"
                    sheet(chosen, device, f"{region} {device} {width} x {height}: "
                          f"{len(chosen)} of {len(walker.states)} states", out)
                    print(f"{out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}: "
                          f"{len(chosen)} states; {len(walker.found)} problems")
                    for line in walker.found:
                        print("  " + line)
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
