"""Headless Chromium for the tests (Debian's `chromium`, driven by Playwright), with the network
off: a page may load file:// and nothing else."""

from __future__ import annotations

import shutil
from contextlib import contextmanager

import pytest

from handson.pdf import CHROMIUM_ARGS  # the flags the handouts print with: nothing leaves the machine


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        pytest.fail("Debian's chromium is not installed (make test installs it)")
    return path


@contextmanager
def browser(loopback: bool = False):
    """loopback: pages may also load http://127.0.0.1 (a local server under test)."""
    from playwright.sync_api import sync_playwright

    args = [
        a + ", EXCLUDE 127.0.0.1" if loopback and a.startswith("--host-resolver-rules=") else a for a in CHROMIUM_ARGS
    ]
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), args=args)
        try:
            yield b
        finally:
            b.close()


class Recorder:
    """Console errors, failed requests and every URL a page asked for."""

    def __init__(self, page):
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.failed: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("requestfailed", lambda r: self.failed.append(r.url))

    def foreign(self) -> list[str]:
        return [u for u in self.requests if not u.startswith(("file://", "data:", "blob:", "about:"))]


def switch_scheme(page) -> str:
    """Switch a site page to its other colour scheme as a reader does (the palette button in the
    header) and wait until Material has applied it; the scheme now shown ("default" or "slate")."""
    before = page.evaluate("document.body.dataset.mdColorScheme")
    page.locator("form[data-md-component=palette] label:visible").click()
    page.wait_for_function(
        "was => document.body.dataset.mdColorScheme !== was && !document.body.hasAttribute('data-md-color-switching')",
        arg=before,
    )
    return page.evaluate("document.body.dataset.mdColorScheme")
