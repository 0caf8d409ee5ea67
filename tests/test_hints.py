"""Every hint an error message gives is a command that works in that situation: each test makes the situation,
takes the command out of the message, runs it, and checks that it did what the message said."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import DataError, load_corpus, load_statement
from helpers.ingest.registry import PROJECT_DATA
from helpers.tools.cli import main

ROOT = Path(__file__).resolve().parents[1]
LOAD = "import helpers; print(len(helpers.load_statement('S/PRST/2021/1')))"


def hint(message: str) -> str:
    [command] = re.findall(r"`([^`]+)`", message)
    return command


@pytest.fixture(scope="module")
def checkout(tmp_path_factory) -> Path:
    """A git checkout of the project's helpers/ and data/ (a copy: the tests damage and restore its data)."""
    folder = tmp_path_factory.mktemp("checkout")
    shutil.copytree(ROOT / "helpers", folder / "helpers", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(PROJECT_DATA, folder / "data")
    git = ["git", "-c", "user.name=test", "-c", "user.email=test@invalid", "-c", "init.defaultBranch=main"]
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "test fixture"]):
        subprocess.run([*git, *command], cwd=folder, check=True)
    return folder


def load_in(checkout: Path) -> subprocess.CompletedProcess:
    """Load S/PRST/2021/1 with the checkout's own helpers (run from its folder, so its data/ is the default)."""
    return subprocess.run([sys.executable, "-c", LOAD], cwd=checkout, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("damage", ["registry-missing", "raw-altered", "raw-unregistered", "raw-missing"])
def test_damaged_shipped_data_is_restored_by_the_hint(checkout, damage):
    if damage == "registry-missing":
        (checkout / "data" / "registry.txt").unlink()
    elif damage == "raw-missing":
        (checkout / "data" / "raw" / "S_PRST_2021_1.zh.txt").unlink()
    elif damage == "raw-altered":
        raw = checkout / "data" / "raw" / "S_PRST_2021_1.zh.txt"
        raw.write_bytes(raw.read_bytes() + b"\n")
    else:
        registry = checkout / "data" / "registry.txt"
        lines = registry.read_text(encoding="utf-8").splitlines(keepends=True)
        registry.write_text("".join(line for line in lines if "S_PRST_2021_1" not in line), encoding="utf-8")
    failed = load_in(checkout)
    assert failed.returncode != 0
    message = failed.stderr.strip().splitlines()[-1]
    assert hint(message) == "git checkout -- data/"
    subprocess.run(shlex.split(hint(message)), cwd=checkout, check=True)
    restored = load_in(checkout)
    assert restored.returncode == 0 and restored.stdout.strip() == "19", restored.stderr


def test_a_corpus_without_its_registry_is_rebuilt_by_the_hint(data_copy, tmp_path):
    (data_copy / "registry.txt").unlink()
    with pytest.raises(DataError) as failure:
        load_corpus(data_copy)
    message = str(failure.value)
    assert message.startswith(f"{data_copy / 'registry.txt'}: the checksum registry is missing")
    add = [c for c in re.findall(r"`([^`]+)`", message) if " add " in c][0]
    new = tmp_path / "rebuilt"
    filled = add.replace("FILE", str(data_copy / "raw" / "S_PRST_2021_1.zh.txt"))
    filled = filled.replace("SYMBOL", "S/PRST/2021/1").replace("NEWDIR", str(new))
    assert main(shlex.split(filled)[3:]) == 0
    assert load_corpus(new)["text"].tolist() == load_statement("S/PRST/2021/1")["text"].tolist()


# The reference tables the analysis helpers read, each with a call that reads it.
REFERENCE_TABLES = {
    "un_lexicon.csv": "helpers.read_lexicon()",
    "un_entities.csv": "helpers.un_entities()",
    "citation_aliases.csv": "helpers.citation_aliases()",
    "resolutions.csv": "helpers.read_resolutions()",
    "stopwords_domain.txt": "helpers.stopwords()",
    "glossary.csv": "helpers.read_glossary()",
    "speech_acts.csv": "helpers.speech_act_scale()",
    "cjk_radicals_supplement.csv": "helpers.normalise_unicode('⻌')",
}


def test_a_missing_reference_table_is_restored_by_the_hint(checkout):
    def run(call: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-c", f"import helpers; {call}"], cwd=checkout, capture_output=True,
                              text=True, timeout=120)

    for name, call in REFERENCE_TABLES.items():
        table = checkout / "data" / name
        shipped = table.read_bytes()
        table.unlink()
        failed = run(call)
        assert failed.returncode != 0, name
        message = failed.stderr.strip().splitlines()[-1]
        assert message.startswith(f"helpers.errors.DataError: {table}: "), message
        assert hint(message) == "git checkout -- data/", message
        subprocess.run(shlex.split(hint(message)), cwd=checkout, check=True)
        assert table.read_bytes() == shipped, name
    restored = run("; ".join(REFERENCE_TABLES.values()))
    assert restored.returncode == 0, restored.stderr
