"""The sample journal's page for hard days in a browser: valid HTML, no axe violation in
light or dark, nothing wider than a phone, and one A4 page on paper."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.browser import (  # noqa: F401  (fixtures)
    AXE_JS,
    VNU_JAR,
    built_site,
    chromium,
    describe_violations,
    missing_checker,
    run_axe,
    site_url,
)

PAGE = "/hard-days/"


def test_the_page_is_valid_html(built_site: Path):
    problem = missing_checker(VNU_JAR, java=True)
    if problem:
        pytest.fail(problem, pytrace=False)
    page = built_site / "hard-days" / "index.html"
    command = ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", str(page)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    messages = json.loads(done.stderr or done.stdout)["messages"]
    assert messages == [] and done.returncode == 0, messages


def test_the_sample_plan_comes_first(built_site: Path):
    page = (built_site / "hard-days" / "index.html").read_text(encoding="utf-8")
    assert page.index("My plan for the hard nights") < page.index("Hard stretches before")


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_page_passes_axe_and_fits_a_phone(chromium: Any, site_url: str, scheme: str):
    problem = missing_checker(AXE_JS)
    if problem:
        pytest.fail(problem, pytrace=False)
    context = chromium.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme, bypass_csp=True)
    try:
        page = context.new_page()
        page.goto(site_url + PAGE)
        violations = describe_violations(PAGE, run_axe(page))
        wide = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    finally:
        context.close()
    assert not violations, "\n".join(violations)
    assert wide <= 0, f"the page is {wide}px wider than a 390px screen"


@pytest.mark.browser
def test_the_page_prints_light_on_one_a4_page(chromium: Any, site_url: str):
    context = chromium.new_context(color_scheme="dark")
    try:
        page = context.new_page()
        page.goto(site_url + PAGE)
        page.emulate_media(media="print", color_scheme="dark")
        assert page.locator(".plan").is_visible()
        assert not page.locator("footer.site").is_visible()
        background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
        pdf = page.pdf(format="A4", print_background=True)
    finally:
        context.close()
    assert background == "rgb(255, 255, 255)"
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages == 1, f"the page for hard days prints on {pages} A4 pages"
