"""Shared fixtures."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

from helpers.errors import DataError
from helpers.ingest.ocr import check_tesseract
from helpers.ingest.registry import PROJECT_DATA, check_folder

# Property tests explore new examples on a developer's machine; in CI they replay a fixed set.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI") == "true":
    settings.load_profile("ci")

# Tests (and the notebooks' kernels nbval starts) never write to a pilot log, even when run in a pilot lab's terminal.
os.environ.pop("PRST_PILOT_LOG", None)

RAW_STATEMENT = PROJECT_DATA / "raw" / "S_PRST_2021_1.zh.txt"


def pytest_configure(config: pytest.Config) -> None:
    """Check the shipped data before any test: a damaged data/ stops the run (exit status 4) with the one line
    `make report` gives, instead of a hundred failures."""
    try:
        check_folder(PROJECT_DATA)
    except DataError as error:
        raise pytest.UsageError(str(error)) from None


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the project's data folder."""
    target = tmp_path / "data"
    shutil.copytree(PROJECT_DATA, target)
    return target


@pytest.fixture(scope="session")
def tesseract() -> None:
    """Skip (fail in CI, where .ci/run installs it) unless Tesseract and its chi_sim model are installed; the
    message gives the install command."""
    try:
        check_tesseract("tesseract")
    except DataError as error:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{error} (.ci/run installs it in CI)")
        pytest.skip(str(error))


@pytest.fixture(scope="session")
def raw_text() -> str:
    """The raw text of S/PRST/2021/1 as shipped."""
    return RAW_STATEMENT.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def report_builds(tmp_path_factory) -> tuple[Path, Path]:
    """Two report folders built independently from the same notebooks (quietly).

    The first is built in this process, the second at the same time by `python -m helpers report`, so the
    command line is exercised and the two builds share the wall time. Used by the report and browser tests.
    """
    import subprocess
    import sys

    from helpers.tools.reports import build_reports

    first, second = tmp_path_factory.mktemp("reports-a") / "reports", tmp_path_factory.mktemp("reports-b") / "reports"
    command = [sys.executable, "-m", "helpers", "report", "--quiet", "--out", str(second)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as process:
        build_reports(first, progress=False)
        out, err = process.communicate(timeout=600)
    assert process.returncode == 0, f"python -m helpers report failed:\n{out}\n{err}"
    return first, second


@pytest.fixture
def readonly():
    """A context manager that makes a folder read-only for this process: chmod for a normal user; for root,
    whom permissions do not stop, the immutable attribute (chattr +i; skipped where the file system has none)."""
    import contextlib
    import subprocess

    @contextlib.contextmanager
    def make_readonly(folder: Path):
        if os.geteuid() != 0:
            mode = folder.stat().st_mode
            folder.chmod(0o555)
            try:
                yield folder
            finally:
                folder.chmod(mode)
            return
        done = subprocess.run(["chattr", "+i", str(folder)], capture_output=True, text=True)
        if done.returncode != 0:
            pytest.skip(f"root, and chattr +i does not work here ({done.stderr.strip()}): cannot make {folder} read-only")
        try:
            yield folder
        finally:
            subprocess.run(["chattr", "-i", str(folder)], check=True)

    return make_readonly
