"""Debian's chromium, headless, driven by Playwright: one page that records console errors and outside requests.

    with open_page(base_url) as (page, problems):
        page.goto(base_url + "/graph")
        ...
    assert problems.errors == [] and problems.external == []
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO / "tests" / "artifacts"  # screenshots kept by the browser tests (gitignored)
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]


@dataclass
class PageProblems:
    errors: list[str] = field(default_factory=list)  # console errors and uncaught exceptions
    external: list[str] = field(default_factory=list)  # requests to anywhere but the served app


@contextlib.contextmanager
def open_page(base_url: str, width: int = 1280, height: int = 900) -> Iterator[tuple[object, PageProblems]]:
    from playwright.sync_api import sync_playwright

    assert CHROMIUM.exists(), "Debian's chromium is missing: `make test` installs it (make browser)"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    problems = PageProblems()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.on("console", lambda m: problems.errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: problems.errors.append(str(e)))
            page.on("request", lambda r: None if r.url.startswith((base_url, "data:"))
                    else problems.external.append(r.url))
            yield page, problems
        finally:
            browser.close()
