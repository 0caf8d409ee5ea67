"""Shared fixtures."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

from helpers.registry import PROJECT_DATA

# Property tests explore new examples on a developer's machine; in CI they replay a fixed set.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI") == "true":
    settings.load_profile("ci")

RAW_STATEMENT = PROJECT_DATA / "raw" / "S_PRST_2021_1.zh.txt"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the project's data folder."""
    target = tmp_path / "data"
    shutil.copytree(PROJECT_DATA, target)
    return target


@pytest.fixture(scope="session")
def raw_text() -> str:
    """The raw text of S/PRST/2021/1 as shipped."""
    return RAW_STATEMENT.read_text(encoding="utf-8")
