"""Lighthouse (from .ci/node_modules) scores accessibility and best practices at 1.0 on the
pages a reader opens most: home, an entry with a photo, progress and a month. Four pages
only: each Lighthouse run takes seconds."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.browser import (
    CHROMIUM,
    CI_MODULES,
    ROOT,
    built_site,  # noqa: F401 (fixtures, found by pytest here)
    chromium,  # noqa: F401
    html_pages,
    missing_checker,
    site_url,  # noqa: F401
)

LIGHTHOUSE = CI_MODULES / "lighthouse" / "core" / "index.js"
RUNNER = ROOT / "tests" / "lighthouse.mjs"


def _pages(site: Path) -> list[str]:
    pages = html_pages(site)
    entries = [p for p in pages if p[1:5].isdigit() and p.count("/") >= 4]
    with_photo = next(p for p in entries if "<img" in (site / p.strip("/") / "index.html").read_text())
    month = next(p for p in reversed(pages) if p[1:5].isdigit() and p.count("/") == 3)
    return ["/", with_photo, "/progress/", month]


@pytest.mark.browser
def test_lighthouse_scores_accessibility_and_best_practices_at_1(chromium: Any, built_site: Path, site_url: str):
    problem = missing_checker(LIGHTHOUSE)
    if problem or shutil.which("node") is None:
        pytest.fail(problem or "node is not installed: run .ci/run", pytrace=False)
    urls = [site_url + path for path in _pages(built_site)]
    command = ["node", str(RUNNER), str(CI_MODULES), str(CHROMIUM), *urls]
    done = subprocess.run(command, capture_output=True, text=True, timeout=900, check=False)
    if done.returncode != 0:
        pytest.fail(f"Lighthouse exited {done.returncode}:\n{done.stderr[-2000:]}", pytrace=False)
    results = json.loads(done.stdout)
    assert sorted(results) == sorted(urls)
    below = [
        f"{url}: {result['scores']}; failing {result['failing']}"
        for url, result in results.items()
        if sorted(result["scores"].values()) != [1, 1]
    ]
    assert not below, "Lighthouse scores below 1.0:\n" + "\n".join(below)
