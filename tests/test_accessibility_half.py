"""The other half of the pages (the second, fourth, …), visited and checked by the same
tests as in tests/test_accessibility.py, in a file of its own so that the two halves can
run on different workers. The tests are imported, and run here with this file's `half`."""

from __future__ import annotations

import pytest

from tests.browser import (
    built_site,  # noqa: F401 (fixtures, found by pytest here)
    chromium,  # noqa: F401
    site_pages,  # noqa: F401
    site_url,  # noqa: F401
)
from tests.test_accessibility import (  # noqa: F401 (tests and a fixture, collected here again)
    test_every_page_passes_axe,
    test_no_page_scrolls_sideways_on_a_phone,
    test_no_request_leaves_the_site,
    test_pages_load_without_script_errors_or_blocked_resources,
    visits,
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def half() -> int:
    return 1
