"""Screenshots of the sample digest (samples/) at desktop and phone widths, for the README.

    .venv/bin/python scripts/screenshots.py            # writes docs/digest-desktop.png, docs/digest-phone.png,
                                                        # docs/digest-phone-dark.png
    .venv/bin/python scripts/screenshots.py --chromium /path/to/chromium --out docs

It renders the digest of samples/ with the library (the date pinned, so the
pictures change only when the page does), opens it in the system chromium
through Playwright (Debian's `chromium` package; Playwright's own browser
download is not used) and shoots the top of the page at each width. Chinese
headlines need a CJK font on the machine (Debian: fonts-wqy-microhei).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# name: (width, height, colour scheme); the top of the page is enough to show the masthead, contents and stories.
SHOTS = {
    "digest-desktop.png": (1280, 900, "light"),
    "digest-phone.png": (390, 844, "light"),
    "digest-phone-dark.png": (390, 844, "dark"),
}
WHEN = datetime(2026, 12, 6, 7, 0, tzinfo=UTC)


def sample_page() -> str:
    """The HTML digest of samples/, as `newsdigest digest samples --format html` makes it, dated WHEN."""
    sys.path.insert(0, str(ROOT))
    from newsdigest.digest import DigestOptions, make_digest
    from newsdigest.render import RenderOptions, render_digest

    digest = make_digest([str(ROOT / "samples")], DigestOptions(now=WHEN))
    return render_digest(digest, RenderOptions(format="html"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--chromium", default="/usr/bin/chromium", help="the browser to drive [default: /usr/bin/chromium]"
    )
    parser.add_argument("--out", default=str(ROOT / "docs"), help="folder for the PNG files [default: docs/]")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        page_file = Path(tmp) / "digest.html"
        page_file.write_text(sample_page(), encoding="utf-8")
        context = p.chromium.launch_persistent_context(
            str(Path(tmp) / "profile"), executable_path=args.chromium, headless=True, args=FLAGS
        )
        for name, (width, height, scheme) in SHOTS.items():
            page = context.new_page()
            page.set_viewport_size({"width": width, "height": height})
            page.emulate_media(color_scheme=scheme)
            page.goto(page_file.as_uri())
            page.screenshot(path=str(out / name))
            page.close()
            print(f"{out / name}: {(out / name).stat().st_size:,} bytes ({width}x{height}, {scheme})")
        context.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
