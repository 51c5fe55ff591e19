"""Fault tests: the database goes away, the server is killed, a second instance takes turns."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    # pyproject's --strict-markers wants every marker declared.
    config.addinivalue_line(
        "markers", "slow: starts server processes (a few seconds each); -m 'not slow' skips"
    )
