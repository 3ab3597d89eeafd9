"""The HTML view of the seed article in a real browser (headless Chromium).

The page is the view of ``quoteattr.extract(seed_text)`` with a small script that
reports, from the laid-out page, each highlighted quote (its text, box and computed
colour) and each legend entry; ``--dump-dom`` gives the page after scripts and layout.
A screenshot is kept at build/screenshots/seed_view.png (build/ is git-ignored), with
the page beside it, for a person to look at.

Skipped, saying how to install it, where no Chromium is found.
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import tempfile
import zlib
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

import quoteattr

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "build" / "screenshots"
WIDTH = 1024
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-extensions",
    "--no-first-run",
    "--disable-sync",
    "--disable-component-update",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
)

pytestmark = pytest.mark.browser

# Reads the laid-out page and writes what it finds into <pre id="qa-report">.
REPORT_SCRIPT = """
const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
const report = {
  height: Math.ceil(document.documentElement.scrollHeight),
  quotes: [...document.querySelectorAll(".quoteattr .qa-quote")].map((e) => {
    const box = e.getBoundingClientRect(), style = getComputedStyle(e);
    return {speaker: e.dataset.speaker, start: Number(e.dataset.start), end: Number(e.dataset.end),
            text: e.textContent, width: box.width, height: box.height, visibility: style.visibility,
            background: rgb(style.backgroundColor), border: rgb(style.borderBottomColor)};
  }),
  legend: [...document.querySelectorAll(".quoteattr .qa-legend .qa-speaker")].map((e) => ({
    speaker: e.dataset.speaker, count: Number(e.dataset.count), text: e.textContent,
    swatch: rgb(getComputedStyle(e.querySelector(".qa-swatch")).backgroundColor)})),
};
document.getElementById("qa-report").textContent = JSON.stringify(report);
"""


def _browser() -> str:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    pytest.skip(
        "headless Chromium is needed for the browser check and none was found "
        f"(looked for {', '.join(BROWSERS)} on PATH); install it with "
        "`apt-get install chromium` (Debian/Ubuntu), then rerun `python -m pytest -m browser`"
    )


def _run(browser: str, *args: str) -> str:
    with tempfile.TemporaryDirectory(prefix="quoteattr-chromium-") as profile:
        out = subprocess.run(
            [browser, *FLAGS, f"--user-data-dir={profile}", *args],
            capture_output=True,
            text=True,
            timeout=180,
            env={**os.environ, "HOME": profile},  # keeps Chromium's caches out of the real home
        )
    assert out.returncode == 0, f"{browser} exited {out.returncode}:\n{out.stderr[-3000:]}"
    return out.stdout


class _Report(HTMLParser):
    """The text of <pre id="qa-report"> in the dumped DOM (entities decoded)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.inside, self.text = False, ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.inside = self.inside or (tag == "pre" and ("id", "qa-report") in attrs)

    def handle_endtag(self, tag: str) -> None:
        self.inside = self.inside and tag != "pre"

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.text += data


def _pixels(png: bytes) -> set[tuple[int, int, int]] | None:
    """The distinct RGB colours of an 8-bit, non-interlaced RGB or RGBA PNG (None for other kinds)."""
    width, height, depth, kind, _, _, interlace = struct.unpack(">IIBBBBB", png[16:29])
    if depth != 8 or kind not in (2, 6) or interlace:
        return None
    at, idat = 8, b""
    while at < len(png):
        (length,) = struct.unpack(">I", png[at : at + 4])
        if png[at + 4 : at + 8] == b"IDAT":
            idat += png[at + 8 : at + 8 + length]
        at += 12 + length
    raw, bpp = zlib.decompress(idat), 3 if kind == 2 else 4
    stride, prev = width * bpp, bytearray(width * bpp)
    colours: set[tuple[int, int, int]] = set()
    for y in range(height):
        line = raw[y * (stride + 1) : (y + 1) * (stride + 1)]
        filt, row = line[0], bytearray(line[1:])
        for i in range(stride):
            left = row[i - bpp] if i >= bpp else 0
            up, corner = prev[i], prev[i - bpp] if i >= bpp else 0
            if filt == 1:
                row[i] = (row[i] + left) & 0xFF
            elif filt == 2:
                row[i] = (row[i] + up) & 0xFF
            elif filt == 3:
                row[i] = (row[i] + (left + up) // 2) & 0xFF
            elif filt == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                row[i] = (row[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 0xFF
        colours.update(zip(row[0::bpp], row[1::bpp], row[2::bpp], strict=True))
        prev = row
    return colours


@pytest.fixture(scope="module")
def browser() -> str:
    return _browser()


@pytest.fixture(scope="module")
def page(seed_quotes: quoteattr.Quotes) -> Path:
    assert seed_quotes, "the seed article should have quotes"
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / "seed_view.html"
    path.write_text(
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>quoteattr: seed article</title></head>\n'
        f'<body style="margin:16px;background:#fff;color:#111">\n{seed_quotes.to_html()}\n'
        f'<pre id="qa-report" hidden></pre>\n<script>{REPORT_SCRIPT}</script>\n</body></html>\n',
        encoding="utf-8",
    )
    return path


@pytest.fixture(scope="module")
def report(browser: str, page: Path) -> dict[str, Any]:
    dom = _run(browser, f"--window-size={WIDTH},800", "--dump-dom", page.as_uri())
    parser = _Report()
    parser.feed(dom)
    assert parser.text, f"the page's script wrote no report; the dumped DOM begins:\n{dom[:2000]}"
    result: dict[str, Any] = json.loads(parser.text)
    return result


def test_every_quote_is_highlighted(report: dict[str, Any], seed_quotes: quoteattr.Quotes) -> None:
    shown = report["quotes"]
    assert len(shown) == len(seed_quotes)
    for q, span in zip(seed_quotes, shown, strict=True):
        assert (span["start"], span["end"]) == (q.start, q.end)
        # The HTML parser turns CR LF and CR into LF, as in any page.
        assert span["text"] == q.text.replace("\r\n", "\n").replace("\r", "\n")
        assert span["speaker"] == (q.speaker.name or q.speaker.text if q.speaker else "(no speaker)")
        assert span["width"] > 0 and span["height"] > 0 and span["visibility"] == "visible", span


def test_legend_lists_every_speaker_in_its_colour(report: dict[str, Any], seed_quotes: quoteattr.Quotes) -> None:
    counts = Counter(q.speaker.name or q.speaker.text for q in seed_quotes if q.speaker)
    legend = {entry["speaker"]: entry for entry in report["legend"]}
    assert set(legend) == set(counts)
    for name, n in counts.items():
        assert name in legend[name]["text"] and f"({n})" in legend[name]["text"]
        assert legend[name]["count"] == n
    swatches = [tuple(entry["swatch"][:3]) for entry in report["legend"]]
    assert len(set(swatches)) == len(swatches), "two speakers share a colour"
    for span in report["quotes"]:
        colour = legend[span["speaker"]]["swatch"][:3]
        assert span["border"][:3] == colour and span["background"][:3] == colour, span
        assert 0 < span["background"][3] < 1, "the fill should be translucent"


def test_screenshot_shows_every_speakers_colour(browser: str, page: Path, report: dict[str, Any]) -> None:
    shot = SHOTS / "seed_view.png"
    shot.unlink(missing_ok=True)
    height = min(max(report["height"], 600), 8000)
    _run(browser, f"--window-size={WIDTH},{height}", f"--screenshot={shot}", page.as_uri())
    png = shot.read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 10_000
    assert struct.unpack(">II", png[16:24]) == (WIDTH, height)
    colours = _pixels(png)
    if colours is None:
        return
    assert len(colours) > 50, "the screenshot looks blank"
    for entry in report["legend"]:  # the swatch and the quotes' underline are drawn in the speaker's colour
        assert tuple(entry["swatch"][:3]) in colours, f"{entry['speaker']}'s colour is not on the screenshot"
