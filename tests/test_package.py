"""`pip install .` gives a working package: a wheel built from the project, installed into a fresh virtual
environment outside the project, finds its reference tables inside itself, reads a corpus from --corpus or
PRST_DATA_DIR, and says in one line how to point it at one when none is given.

Offline: the wheel is built without build isolation (setuptools is pinned in the environment) and installed
with --no-deps; the fresh environment reaches the project's pinned dependencies through a .pth file naming this
environment's site-packages (a .pth line is not a site folder, so the project's editable install is not seen).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import textwrap
import zipfile
from pathlib import Path

import pytest

import helpers
from helpers.ingest.registry import NO_CORPUS, PROJECT_DATA

ROOT = Path(__file__).resolve().parents[1]
RAW = PROJECT_DATA / "raw" / "S_PRST_2021_1.zh.txt"

SCRIPT = textwrap.dedent(
    """
    import json, sys
    import helpers
    from helpers.ingest.registry import PROJECT_DATA
    facts = {"file": helpers.__file__, "tables": str(PROJECT_DATA), "index": len(helpers.load_index()),
             "lexicon": len(helpers.read_lexicon()), "stopwords": len(helpers.stopwords()),
             "aliases": len(helpers.citation_aliases()), "resolutions": len(helpers.read_resolutions())}
    try:
        helpers.load_corpus()
    except helpers.DataError as error:
        facts["no corpus"] = str(error)
    if len(sys.argv) > 1:
        statement = helpers.load_statement("S/PRST/2021/1", sys.argv[1])
        facts["paragraphs"] = len(statement)
        facts["citations"] = len(helpers.extract_citations(statement))
        facts["tokens"] = len(helpers.token_table(statement))
        facts["openings"] = helpers.opening_profile(statement)["verb"].tolist()
    print(json.dumps(facts))
    """
)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, Path, Path]:
    """(python of a fresh environment with the wheel installed, the wheel, a work folder outside the project)."""
    tmp = tmp_path_factory.mktemp("package")
    source = tmp / "source"  # a copy, so that building leaves nothing in the project
    shutil.copytree(ROOT / "helpers", source / "helpers", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "data", source / "data")
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, source / name)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet"]
    offline = {**os.environ, "PIP_NO_INDEX": "1"}
    subprocess.run([*pip, "wheel", "--no-deps", "--no-build-isolation", str(source), "-w", str(tmp / "dist")],
                   check=True, env=offline, cwd=tmp)
    [wheel] = (tmp / "dist").glob("prst_zh-*.whl")
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    subprocess.run([*pip, "--python", str(python), "install", "--no-deps", str(wheel)], check=True, env=offline)
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    Path(site, "prst-zh-test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    work = tmp / "work"
    work.mkdir()
    return python, wheel, work


def run_installed(installed, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    python, _, work = installed
    clean = {k: v for k, v in os.environ.items() if k not in ("PRST_DATA_DIR", "PYTHONPATH")}
    return subprocess.run([str(python), *args], cwd=work, env={**clean, **(env or {})}, capture_output=True, text=True,
                          timeout=300)


def test_the_wheel_carries_every_reference_table_and_no_corpus(installed):
    _, wheel, _ = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    tables = {f"helpers/_data/{p.name}" for p in PROJECT_DATA.iterdir() if p.is_file() and not p.name.startswith(".")}
    assert tables - names == {"helpers/_data/statements.csv"}  # every file at the top of data/, the corpus table aside
    assert not any(name.startswith("helpers/_data/raw") for name in names)


def test_an_installed_package_works_outside_the_project(installed):
    python, _, work = installed
    done = run_installed(installed, "-c", SCRIPT)
    assert done.returncode == 0, done.stderr
    facts = json.loads(done.stdout)
    assert Path(facts["file"]).is_relative_to(python.parent.parent)  # the wheel's copy, not the project's
    assert Path(facts["tables"]) == Path(facts["file"]).parent / "_data"
    assert facts["index"] == 1048 and min(facts["lexicon"], facts["stopwords"], facts["aliases"], facts["resolutions"]) > 0
    assert facts["no corpus"] == NO_CORPUS

    # The command line: without a corpus one line says how to give one; with --corpus it imports.
    done = run_installed(installed, "-m", "helpers", "add", str(RAW), "--symbol", "S/PRST/2021/1")
    assert (done.returncode, done.stderr) == (2, f"error: {NO_CORPUS}\n")
    done = run_installed(installed, "-m", "helpers", "add", str(RAW), "--symbol", "S/PRST/2021/1", "--corpus", "corpus")
    assert done.returncode == 0, done.stderr
    assert not any(work.glob("*.lock")) and (work / "corpus" / "statements.csv").is_file()

    # The analysis on that corpus gives what it gives in the project.
    done = run_installed(installed, "-c", SCRIPT, "corpus")
    assert done.returncode == 0, done.stderr
    facts = json.loads(done.stdout)
    statement = helpers.load_statement("S/PRST/2021/1")
    assert facts["paragraphs"] == len(statement)
    assert facts["citations"] == len(helpers.extract_citations(statement))
    assert facts["tokens"] == len(helpers.token_table(statement))
    assert facts["openings"] == helpers.opening_profile(statement)["verb"].tolist()
    done = run_installed(installed, "-c", "import helpers; print(len(helpers.load_corpus()))",
                         env={"PRST_DATA_DIR": str(work / "corpus")})
    assert done.stdout.strip() == str(len(statement)), done.stderr
