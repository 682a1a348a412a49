"""Repository-wide pytest hook: where RKT_REQUIRE_PROGRAMS=1 (as in CI), a skipped test marked
``programs`` fails instead, so CI cannot pass without really running LibreOffice and Gnumeric."""

from __future__ import annotations

import os
from collections.abc import Generator
from typing import Any

import pytest


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: Any) -> Generator[None, Any, None]:
    outcome = yield
    report = outcome.get_result()
    if (
        report.skipped
        and os.environ.get("RKT_REQUIRE_PROGRAMS") == "1"
        and item.get_closest_marker("programs") is not None
    ):
        report.outcome = "failed"
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.longrepr = f"RKT_REQUIRE_PROGRAMS=1 but this test was skipped: {reason}"
