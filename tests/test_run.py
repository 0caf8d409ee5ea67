"""run.py and the Makefile: make variables reach the commands as data, never through a shell; PORT is a number;
an environment built by another Python is not used silently when PYTHON is given; the same commands without make.

The make tests run `make` for real in the project folder with hostile values aimed at a temporary folder that
must survive; the values make every command stop before it writes anything (an unknown symbol, a missing
corpus folder, a PORT that is not a number).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import run

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = ['S/PRST/2021/1"; rm -rf {victim}; echo "', "`rm -rf {victim}`", "$(rm -rf {victim})", "$(shell rm -rf {victim})"]


def make(*args: str) -> subprocess.CompletedProcess:
    """Run `make ARGS` in the project with the environment of this Python (its .venv) and no inherited make state."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MAKE", "PRST_", "MFLAGS"))}
    venv = Path(sys.prefix)
    return subprocess.run(["make", "--no-print-directory", *args, f"PYTHON={sys.executable}", f"VENV={venv}"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture
def victim(tmp_path):
    folder = tmp_path / "victim"
    folder.mkdir()
    (folder / "keep.txt").write_text("must survive", encoding="utf-8")
    return folder


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_symbol_and_corpus_are_data(victim, value):
    """SYMBOL and CORPUS, both hostile in one run: the corpus folder is checked first and named as typed."""
    value = value.format(victim=victim)
    done = make("report", f"SYMBOL={value}", f"CORPUS={value}")
    assert done.returncode == 2, done.stderr
    message, noise = done.stderr.splitlines()
    assert message == f"error: {value}: corpus folder not found; give a folder laid out like data/ (statements.csv, raw/)."
    assert noise.startswith("make: *** [Makefile:") and noise.endswith("report] Error 2")
    assert (victim / "keep.txt").read_text(encoding="utf-8") == "must survive"


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_a_hostile_symbol_is_named_as_data(victim):
    value = HOSTILE[0].format(victim=victim)
    done = make("report", f"SYMBOL={value}")
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith(f"error: {value!r} is not a presidential statement symbol; write it as S/PRST/YYYY/N. "
                                  "Known documents: S/PRST/2021/1.")
    assert len(done.stderr.splitlines()) == 2  # the message and make's own line
    assert (victim / "keep.txt").read_text(encoding="utf-8") == "must survive"


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
@pytest.mark.parametrize("value", [*HOSTILE, "1; rm -rf {victim}", "8888 --ServerApp.ip=0.0.0.0", "0", "70000"])
def test_port_must_be_a_number(victim, value):
    value = value.format(victim=victim)
    done = make("lab", f"PORT={value}")
    assert done.returncode == 2
    message, noise = done.stderr.splitlines()
    assert message == f"error: PORT={value!r} is not a port number; give a number from 1 to 65535, e.g. make lab PORT=8890."
    assert noise.startswith("make: *** [Makefile:") and noise.endswith("lab] Error 2")
    assert (victim / "keep.txt").read_text(encoding="utf-8") == "must survive"
    assert run.port_number("8890") == 8890  # the example the message gives is accepted


def test_run_py_without_make(tmp_path):
    """The route without make: the same one line and exit status as `make report`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MAKE", "PRST_"))}
    done = subprocess.run([sys.executable, str(ROOT / "run.py"), "report", "--symbol", "S/PRST/1999/99"], cwd=tmp_path,
                          env={**env, "PRST_VENV": sys.prefix}, capture_output=True, text=True, timeout=300)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("error: unknown symbol 'S/PRST/1999/99'; known statements: S/PRST/2021/1.")
    assert done.stderr.count("\n") == 1


def fake_venv(folder: Path, version: str) -> Path:
    """A folder that looks like a virtual environment made by Python ``version`` (test fixture, no packages)."""
    python = run.venv_python(folder)
    python.parent.mkdir(parents=True)
    python.write_text("", encoding="utf-8")
    (folder / "pyvenv.cfg").write_text(f"home = /nowhere\nversion = {version}\n", encoding="utf-8")
    return folder


def test_an_environment_of_another_python_is_not_used_silently(tmp_path, monkeypatch, capsys):
    venv = fake_venv(tmp_path / ".venv", "3.10.1")
    monkeypatch.setenv("PRST_PYTHON_GIVEN", "command line")
    with pytest.raises(run.Refusal) as refusal:
        run.check_interpreter(venv)
    here = ".".join(map(str, sys.version_info[:3]))
    assert str(refusal.value).startswith(f"{venv} was built with Python 3.10.1, and PYTHON is {here}")
    # Both ways out it names work: a separate environment ...
    separate = f".venv-{sys.version_info[0]}.{sys.version_info[1]}"
    assert f"`VENV={separate}`" in str(refusal.value)
    run.check_interpreter(tmp_path / separate)
    # ... or removing the old one.
    assert f"`rm -rf {venv}`" in str(refusal.value)
    shutil.rmtree(venv)
    run.check_interpreter(venv)
    # Without PYTHON given, the existing environment is used, and the note says so.
    monkeypatch.delenv("PRST_PYTHON_GIVEN")
    run.check_interpreter(fake_venv(venv, "3.10.1"))
    assert capsys.readouterr().err == f"note: using {venv}, built with Python 3.10.1 (this is {here}).\n"


def test_make_and_run_py_run_the_same_commands(monkeypatch):
    python = Path("/venv/bin/python")
    monkeypatch.setenv("PRST_SYMBOL", "S/PRST/2020/5")
    monkeypatch.setenv("PRST_CORPUS", "my corpus")
    monkeypatch.setenv("PRST_PORT", "8890")
    assert run.commands(run.parser().parse_args(["report"]), python) == [
        [str(python), "-m", "helpers", "report", "--symbol", "S/PRST/2020/5", "--corpus", "my corpus"]
    ]
    assert run.commands(run.parser().parse_args(["lab"]), python) == [[str(python), "-m", "helpers", "lab", "--port", "8890"]]
    args = ["report", "--symbol", "S/PRST/2021/1"]
    assert run.commands(run.parser().parse_args(args), python)[0][4:6] == ["--symbol", "S/PRST/2021/1"]
    ruff, pytest_command = run.commands(run.parser().parse_args(["test"]), python)
    assert "-rs" in pytest_command  # make test shows why a test was skipped
    assert pytest_command[-len(run.notebook_files()):] == run.notebook_files() and "run.py" in ruff
    assert "notebooks/05-where-the-language-comes-from.ipynb" in run.notebook_files()  # every notebook, in order


