"""Every page worth a browser, visited once in headless Chromium with its CSP enforced:
what it requested, every script error, console error (a blocked resource) and failed
load, what sticks out sideways at phone width, and what axe-core finds at desktop width.
One visit a page serves all four checks (tests/test_accessibility.py and
tests/test_accessibility_half.py, half the pages each): loading the 160-odd pages is
most of the cost, and loading them twice took a minute and a half more of the suite."""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass, field
from typing import Any

from tests.browser import AXE_JS, HOST, describe_violations, load_page, run_axe

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

# What reaches past the right edge of the screen: the outermost such elements.
_OVERFLOW = """() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    const name = (e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
        + (e.classList.length ? '.' + [...e.classList].join('.') : '');
    const wide = [...document.body.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > width + 1);
    const outermost = wide.filter(e => !wide.includes(e.parentElement));
    return [`scrollWidth ${document.documentElement.scrollWidth}px > ${width}px`]
        .concat(outermost.slice(0, 5).map(e => `${name(e)} reaches ${Math.round(e.getBoundingClientRect().right)}px`));
}"""


@dataclass
class Visit:
    """What one page did while it loaded, and what was found in it."""

    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # script errors, console errors (CSP), failed loads
    overflow: list[str] = field(default_factory=list)  # what sticks out sideways on a phone
    violations: list[str] = field(default_factory=list)  # axe-core's, as readable lines

    def __repr__(self) -> str:  # short in a failing test's report
        return f"<Visit: {len(self.requests)} requests, {len(self.errors)} errors>"


def _console_line(message: Any) -> str:
    source = message.location.get("url") or ""
    return f"console {message.type}: {message.text}" + (f" (from {source})" if source else "")


def visit_pages(chromium: Any, site_url: str, paths: list[str]) -> dict[str, Visit]:
    """Each page loaded at desktop width in light mode, its CSP enforced (axe-core comes in
    as an init script, which a page's CSP does not govern), checked by axe-core, then
    measured at phone width: media queries follow the new width without a reload."""
    context = chromium.new_context(viewport=DESKTOP, color_scheme="light", service_workers="block")
    context.add_init_script(path=str(AXE_JS))  # with each page: 0.2 s less a page than add_script_tag
    page = context.new_page()
    current: list[Visit] = []
    context.on("request", lambda request: current[-1].requests.append(request.url))
    page.on("pageerror", lambda error: current[-1].errors.append(f"script error: {error}"))
    page.on(
        "console",
        lambda message: (
            current[-1].errors.append(_console_line(message)) if message.type in ("error", "warning") else None
        ),
    )
    page.on(
        "requestfailed",
        lambda request: (
            current[-1].errors.append(f"failed to load {request.url}: {request.failure}")
            if request.failure != "net::ERR_ABORTED"
            else None
        ),
    )
    page.on(
        "response",
        lambda response: (
            current[-1].errors.append(f"{response.url} gave {response.status}") if response.status >= 400 else None
        ),
    )
    result: dict[str, Visit] = {}
    try:
        for path in paths:
            current.append(result.setdefault(path, Visit()))
            page.set_viewport_size(DESKTOP)
            load_page(page, site_url + path)
            current[-1].violations = describe_violations(path, run_axe(page))
            page.set_viewport_size(PHONE)
            current[-1].overflow = page.evaluate(_OVERFLOW)
    finally:
        context.close()
    return result


def requests_elsewhere(visits: dict[str, Visit]) -> list[str]:
    return [
        f"{path}: {url}"
        for path, visit in visits.items()
        for url in visit.requests
        if not url.startswith(("data:", "blob:")) and urllib.parse.urlsplit(url).hostname != HOST
    ]


def errors(visits: dict[str, Visit]) -> list[str]:
    return [f"{path}: {error}" for path, visit in visits.items() for error in visit.errors]


def too_wide(visits: dict[str, Visit]) -> list[str]:
    return [f"{path}: " + "; ".join(visit.overflow) for path, visit in visits.items() if visit.overflow]


def violations(visits: dict[str, Visit]) -> list[str]:
    return [line for visit in visits.values() for line in visit.violations]
