"""The other half of the pages axe-core checks (see tests/test_accessibility.py), in a
file of its own so that the two halves can run on different workers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser import (
    built_site,  # noqa: F401 (fixtures, found by pytest here)
    chromium,  # noqa: F401
    site_pages,  # noqa: F401
    site_url,  # noqa: F401
)
from tests.test_accessibility import axe_page, check_half  # noqa: F401 (axe_page is a fixture)


@pytest.mark.browser
def test_the_other_pages_pass_axe(axe_page: Any, site_url: str, built_site: Path, site_pages: list[str]):
    check_half(axe_page, site_url, built_site, site_pages, 1)
