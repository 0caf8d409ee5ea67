"""Pilot mode (make lab PILOT=1): events appended by import helpers and helpers.check, never an answer; several
processes at once lose no row; a log that cannot be written costs one warning line and nothing else; no variable,
no file; pilot-times reads a log into measured minutes (idle gaps, restarts, an exercise never correct); a bad log
is one DataError line. The real JupyterLab server in pilot mode is tested in test_lab.py."""

from __future__ import annotations

import builtins
import csv
import multiprocessing
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from test_run import make

import helpers
import helpers.tools.lab
import run
from helpers.errors import DataError
from helpers.tools import pilot
from helpers.tools.cli import main
from helpers.tools.lab import LabServer, run_lab

NOTEBOOK_PATH = "/home/a-student/prst-zh/notebooks/student/01-the-statement.ipynb"


@pytest.fixture
def log(tmp_path, monkeypatch) -> Path:
    """Pilot mode on, logging to tmp_path/pilot-times.csv, as in a kernel the pilot lab started for notebook 01."""
    path = tmp_path / "pilot-times.csv"
    monkeypatch.setenv(pilot.LOG_VARIABLE, str(path))
    monkeypatch.setenv("JPY_SESSION_NAME", NOTEBOOK_PATH)
    monkeypatch.setattr(pilot, "_warned", False)
    return path


def rows(path: Path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as file:
        return list(csv.reader(file))


def test_start_and_every_check_append_one_row_without_the_answer(log, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "ipykernel", sys.modules.get("ipykernel", object()))  # as in a kernel
    pilot.record_start()
    for answer in (..., 0.75, 0.25):  # no answer, not yet, correct (00.1 is 1/4)
        try:
            helpers.check("00.1", answer)
        except AssertionError:
            pass
    assert capsys.readouterr().out == "Exercise 00.1: correct.\n"
    written = rows(log)
    assert written[0] == ["utc", "notebook", "event", "exercise"]
    assert [row[1:] for row in written[1:]] == [
        ["01-the-statement.ipynb", "start", ""],
        ["01-the-statement.ipynb", "no answer", "00.1"],
        ["01-the-statement.ipynb", "not yet", "00.1"],
        ["01-the-statement.ipynb", "correct", "00.1"],
    ]
    times = pd.to_datetime([row[0] for row in written[1:]], format=pilot.TIME_FORMAT, utc=True)
    assert (times.max() - times.min()).total_seconds() < 60
    text = log.read_text(encoding="utf-8")
    assert "0.75" not in text and "0.25" not in text and "a-student" not in text  # no answer, no user name


def test_the_command_line_logs_no_start(log, monkeypatch):
    monkeypatch.delitem(sys.modules, "ipykernel", raising=False)
    pilot.record_start()
    assert not log.exists()


def test_import_helpers_in_a_kernel_logs_a_start(log, tmp_path):
    done = subprocess.run([sys.executable, "-c", "import ipykernel, helpers"], env=dict(os.environ),
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert [row[1:] for row in rows(log)[1:]] == [["01-the-statement.ipynb", "start", ""]]


class PiecewiseFile:
    """A text file whose writes reach the system one character at a time, as on a slow network drive: rows of
    several writers interleave unless the lock keeps them apart."""

    def __init__(self, *args, **kwargs):
        self.file = builtins.open(*args, **kwargs)

    def write(self, text: str) -> int:
        for character in text:
            self.file.write(character)
            self.file.flush()
            time.sleep(0)
        return len(text)

    def tell(self) -> int:
        return self.file.tell()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.file.close()


def _append_rows(path: str, go, count: int) -> None:
    os.environ[pilot.LOG_VARIABLE] = path
    pilot.open = PiecewiseFile  # in this child process only (forked): the module's open, not the built-in
    go.wait()
    for number in range(count):
        pilot.record("not yet", f"00.{number}")


def test_processes_writing_at_once_lose_no_row(log):
    context = multiprocessing.get_context("fork")
    go = context.Event()
    writers = [context.Process(target=_append_rows, args=(str(log), go, 40)) for _ in range(6)]
    for writer in writers:
        writer.start()
    go.set()
    for writer in writers:
        writer.join(60)
    assert [writer.exitcode for writer in writers] == [0] * 6
    written = rows(log)
    assert written[0] == list(pilot.COLUMNS)
    assert len(written) == 1 + 6 * 40
    assert all(len(row) == 4 and row[2] == "not yet" for row in written[1:])
    assert sorted(row[3] for row in written[1:]) == sorted(f"00.{n}" for n in range(40) for _ in range(6))


def test_a_log_that_cannot_be_written_warns_once_and_the_notebook_goes_on(log, capsys):
    log.mkdir()  # a folder where the file should be: every write fails, even as root
    helpers.check("00.1", 0.25)
    with pytest.raises(AssertionError, match="not yet"):
        helpers.check("00.1", 0.75)
    pilot.record("start")
    captured = capsys.readouterr()
    assert captured.out == "Exercise 00.1: correct.\n"
    assert captured.err.count("\n") == 1
    assert captured.err.startswith(f"pilot log: cannot write {log} (")
    assert captured.err.endswith("this notebook goes on, but its times are not recorded.\n")


def test_without_the_variable_nothing_is_written(tmp_path, monkeypatch):
    monkeypatch.delenv(pilot.LOG_VARIABLE, raising=False)
    monkeypatch.setenv("JPY_SESSION_NAME", NOTEBOOK_PATH)
    monkeypatch.chdir(tmp_path)
    existed = pilot.default_log().exists()
    pilot.record("start")
    helpers.check("00.1", 0.25)
    assert list(tmp_path.iterdir()) == []
    assert pilot.default_log().exists() == existed
    done = subprocess.run([sys.executable, "-c", "import ipykernel, helpers; helpers.check('00.1', 0.25)"],
                          cwd=tmp_path, env={k: v for k, v in os.environ.items() if k != pilot.LOG_VARIABLE},
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout == "Exercise 00.1: correct.\n", done.stderr
    assert list(tmp_path.iterdir()) == []


# Test fixture: a pilot log with known times (three notebooks, written out of order as two kernels would).
FIXTURE_LOG = """utc,notebook,event,exercise
2026-03-02T10:00:00Z,01-the-statement.ipynb,start,
2026-03-02T09:00:00Z,00-words-of-the-method.ipynb,start,
2026-03-02T10:05:00Z,01-the-statement.ipynb,no answer,01.1
2026-03-02T10:07:00Z,01-the-statement.ipynb,not yet,01.1
2026-03-02T09:03:30Z,00-words-of-the-method.ipynb,correct,00.1
2026-03-02T10:10:00Z,01-the-statement.ipynb,correct,01.1
2026-03-02T10:12:00Z,01-the-statement.ipynb,start,
2026-03-02T10:20:00Z,01-the-statement.ipynb,not yet,01.10
2026-03-02T11:20:00Z,01-the-statement.ipynb,not yet,01.10
2026-03-02T11:25:00Z,01-the-statement.ipynb,correct,01.10
2026-03-02T11:26:00Z,01-the-statement.ipynb,correct,01.1
2026-03-02T11:30:00Z,01-the-statement.ipynb,not yet,01.2
2026-03-02T11:31:00Z,01-the-statement.ipynb,no answer,01.2
2026-03-03T08:00:00Z,02-term-analysis.ipynb,start,
"""


def test_pilot_times_from_a_log_with_known_times(tmp_path):
    path = tmp_path / "pilot-times.csv"
    path.write_text(FIXTURE_LOG, encoding="utf-8")
    nan = float("nan")
    expected = pd.DataFrame({
        "notebook": ["00-words-of-the-method.ipynb"] + ["01-the-statement.ipynb"] * 3 + ["02-term-analysis.ipynb"],
        "first_start": ["2026-03-02T09:00:00Z"] + ["2026-03-02T10:00:00Z"] * 3 + ["2026-03-03T08:00:00Z"],
        "exercise": ["00.1", "01.1", "01.2", "01.10", ""],
        "attempts": [1, 2, 1, 3, 0],
        # 01.10: 20 min to 10:20, the hour to 11:20 is a pause (over 30 min), then 5 min; the restart at
        # 10:12 does not reset the clock; 01.1 correct again at 11:26 changes nothing; 01.2 never correct.
        "minutes_to_correct": [3.5, 10.0, nan, 25.0, nan],
        "notebook_minutes": [3.5, 25.0, 25.0, 25.0, nan],
    }).astype({"notebook": "str", "first_start": "str", "exercise": "str"})  # fmt: skip
    pd.testing.assert_frame_equal(pilot.pilot_times(path), expected)
    assert helpers.pilot_times is pilot.pilot_times


def test_pilot_times_command_prints_the_table_and_the_idle_rule(tmp_path, capsys):
    path = tmp_path / "pilot-times.csv"
    path.write_text(FIXTURE_LOG, encoding="utf-8")
    assert main(["pilot-times", "--log", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{path}:\n")
    assert "a gap over 30 min between two events is a pause and is not counted" in out
    assert "01-the-statement.ipynb: first start 2026-03-02T10:00:00Z; 25.0 min to the last first correct; " \
           "2 of 3 exercise(s) correct\n  01.1: correct after 10.0 min, 2 attempt(s)\n" in out
    assert "  01.2: not correct yet, 1 attempt(s)\n" in out
    assert "02-term-analysis.ipynb: first start 2026-03-03T08:00:00Z; no exercise correct yet; 0 of 0" in out
    assert out.index("00-words") < out.index("01-the") < out.index("02-term")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no pilot log here; start the lab with make lab PILOT=1"),
        ("", "the pilot log is empty"),
        ("utc,notebook,event,exercise\n", "the pilot log holds no events yet"),
        ("time,notebook,what\n2026-03-02T10:00:00Z,a.ipynb,start\n", "not a pilot log (its header is not"),
        ("utc,notebook,event,exercise\nyesterday,a.ipynb,start,\n", "line 2 is not a pilot log row ('yesterday'"),
        (FIXTURE_LOG + "2026-03-02T10:00:00Z,a.ipynb,solved,01.1\n", "line 16 is not a pilot log row"),
        ("utc,notebook,event,exercise\n2026-03-02T10:00:00Z,a.ipynb,start,,,extra\n", "not a pilot log ("),
        (b"\xff\xfe\x00bad", "not a pilot log ("),
    ],
)
def test_a_bad_log_is_one_data_error_naming_the_file(tmp_path, capsys, content, message):
    path = tmp_path / "pilot-times.csv"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(DataError, match="^" + str(path).replace(".", r"\.") + ": ") as error:
        pilot.pilot_times(path)
    assert message in str(error.value) and "\n" not in str(error.value)
    assert main(["pilot-times", "--log", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == f"error: {error.value}\n"


def test_run_lab_in_pilot_mode_says_where_and_what_it_logs(tmp_path, monkeypatch, capsys):
    started = {}

    def fake_start_lab(port, env):
        started.update(env)
        return LabServer(subprocess.Popen([sys.executable, "-c", "pass"]), port, "abc")  # exits at once

    monkeypatch.setattr(helpers.tools.lab, "start_lab", fake_start_lab)
    log = tmp_path / "times.csv"
    assert run_lab(8899, log) == 0
    assert started == {pilot.LOG_VARIABLE: str(log)}
    first = capsys.readouterr().out.splitlines()[0]
    assert first == (f"Pilot mode: times are logged to {log}; only times, notebook names, exercise numbers and "
                     "right/wrong are logged (no answers).")
    assert run_lab(8899) == 0
    assert started == {pilot.LOG_VARIABLE: None}, "without pilot mode the variable is removed from the server"
    assert "Pilot mode" not in capsys.readouterr().out


def test_the_pilot_log_is_absolute_and_its_folder_must_exist(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert pilot.pilot_log("times.csv") == tmp_path / "times.csv"
    assert pilot.pilot_log(None) == pilot.default_log() == run.ROOT / "pilot-times.csv"
    with pytest.raises(DataError, match=r"the folder .*missing does not exist; give --pilot-log a file in an existing"):
        pilot.pilot_log(tmp_path / "missing" / "times.csv")


def test_make_and_run_py_pass_pilot_mode_as_data(tmp_path, monkeypatch, capsys):
    python = Path("/venv/bin/python")
    monkeypatch.delenv("PRST_PORT", raising=False)
    monkeypatch.setenv("PRST_PILOT", "1")
    monkeypatch.setenv("PRST_PILOT_PATH", "my times.csv")
    monkeypatch.chdir(tmp_path)
    assert run.commands(run.parser().parse_args(["lab"]), python) == [
        [str(python), "-m", "helpers", "lab", "--pilot", "--pilot-log", str(tmp_path / "my times.csv")]
    ]
    monkeypatch.delenv("PRST_PILOT")
    monkeypatch.delenv("PRST_PILOT_PATH")
    assert run.commands(run.parser().parse_args(["lab", "--pilot"]), python)[0][-1] == "--pilot"
    assert run.commands(run.parser().parse_args(["lab"]), python) == [[str(python), "-m", "helpers", "lab"]]
    monkeypatch.setenv("PRST_PILOT", "$(rm -rf /)")
    monkeypatch.setenv("PRST_PORT", "0")  # a bad PORT too: a broken check stops there, starts no lab
    assert run.main(["lab"]) == 2  # refused before the environment is built or anything runs
    assert capsys.readouterr().err == ("error: PILOT='$(rm -rf /)' is not understood; give PILOT=1 for pilot mode, "
                                       "e.g. make lab PILOT=1.\n")


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_lab_refuses_a_hostile_pilot_value_as_data(tmp_path):
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "keep.txt").write_text("must survive", encoding="utf-8")
    value = f"$(shell rm -rf {victim})"
    done = make("lab", f"PILOT={value}", "PORT=0")  # a bad PORT too: a broken check stops there, starts no lab
    assert done.returncode == 2
    assert done.stderr.splitlines()[0] == f"error: PILOT={value!r} is not understood; give PILOT=1 for pilot mode, " \
                                          "e.g. make lab PILOT=1."
    assert (victim / "keep.txt").read_text(encoding="utf-8") == "must survive"
