"""`python -m helpers`: every command ends with one clear line and the exit status the README documents
(0 done, 1 fetch could not get every symbol, 2 bad input, 130 interrupted). Ctrl-C is a real SIGINT sent to the
process group of a real subprocess, as a terminal sends it."""

from __future__ import annotations

import os
import re
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from filelock import FileLock
from snapshots import snapshot

from helpers.ingest.registry import LOCK_NAME, PROJECT_DATA
from helpers.tools import reports
from helpers.tools.cli import main

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = (  # a test fixture (测试样例) in the form of a statement, not UN text
    "2099年1月2日，在安全理事会第9999次会议上，安全理事会主席就安理会审议的题为“测试样例”的项目，代表安理会发表声明如下：\n"
    "“安全理事会重申，本段是为软件测试编写的测试样例，不是联合国文本。”\n"
)


def start(args: list[str], **kwargs) -> subprocess.Popen:
    """Start `python -m helpers ARGS` in its own process group, with SIGINT at its default (a shell without job
    control starts background commands with SIGINT ignored, and the child would inherit that)."""
    return subprocess.Popen(
        [sys.executable, "-m", "helpers", *args], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL), **kwargs,
    )  # fmt: skip


def wait_for(condition, process: subprocess.Popen, timeout: float = 120) -> None:
    """Wait until ``condition()``; on failure stop the process (by its id) and fail with its output."""
    deadline = time.monotonic() + timeout
    while not condition():
        if process.poll() is not None or time.monotonic() > deadline:
            if process.poll() is None:
                process.kill()
            out, err = process.communicate()
            pytest.fail(f"the process ended or timed out before the test could interrupt it:\n{out}{err}")
        time.sleep(0.05)


def sleeping(process: subprocess.Popen) -> bool:
    """True when the process's main thread sits in a sleep (here: the lock's poll loop) for 0.5 s on end."""
    for _ in range(5):
        wchan = Path(f"/proc/{process.pid}/wchan")
        if "nanosleep" not in (wchan.read_text() if wchan.exists() else ""):
            return False
        time.sleep(0.1)
    return True


def test_a_bad_date_in_statements_csv_names_the_file_and_line(data_copy, capsys):
    table = data_copy / "statements.csv"
    table.write_text(table.read_text(encoding="utf-8").replace("2021-01-12", "2021-13-12"), encoding="utf-8")
    assert main(["report", "--corpus", str(data_copy)]) == 2
    assert capsys.readouterr().err == (
        f"error: {table}: line 2: the date '2021-13-12' of S/PRST/2021/1 is not a date; write it as YYYY-MM-DD in "
        "that line.\n"
    )


def test_exit_statuses_and_one_line(tmp_path, capsys):
    source = tmp_path / "fixture.txt"
    source.write_text(FIXTURE, encoding="utf-8")
    corpus = tmp_path / "corpus"
    assert main(["add", str(source), "--symbol", "S/PRST/2099/1", "--corpus", str(corpus)]) == 0
    assert capsys.readouterr().out == f"S/PRST/2099/1: added raw/S_PRST_2099_1.zh.txt to {corpus}, dated 2099-01-02 (S/PV.9999)\n"
    assert main(["add", str(source), "--symbol", "S/PRST/2099/1", "--corpus", str(corpus)]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_the_unknown_symbol_hint_adds_it(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    source = tmp_path / "fixture.txt"
    source.write_text(FIXTURE, encoding="utf-8")
    assert main(["add", str(source), "--symbol", "S/PRST/2099/1", "--corpus", str(corpus)]) == 0
    assert main(["report", "--symbol", "S/PRST/2099/2", "--corpus", str(corpus)]) == 2
    err = capsys.readouterr().err
    [command] = re.findall(r"`(python -m helpers add FILE [^`]+)`", err)
    assert main(shlex.split(command.replace("FILE", str(source)))[3:]) == 0
    assert "S/PRST/2099/2: added" in capsys.readouterr().out


def test_ctrl_c_while_add_waits_for_the_lock_changes_nothing(data_copy, tmp_path):
    source = tmp_path / "fixture.txt"
    source.write_text(FIXTURE, encoding="utf-8")
    lock_file = data_copy / LOCK_NAME
    with FileLock(lock_file):  # another writer holds the corpus
        before = snapshot(data_copy)
        process = start(["add", str(source), "--symbol", "S/PRST/2099/1", "--corpus", str(data_copy)])
        wait_for(lambda: sleeping(process), process)  # it waits for the lock
        os.killpg(process.pid, signal.SIGINT)
        out, err = process.communicate(timeout=60)
    assert (process.returncode, out, err) == (130, "", "interrupted; nothing changed.\n")
    assert snapshot(data_copy) == before


def test_ctrl_c_during_report_keeps_the_previous_reports(tmp_path):
    out_dir = tmp_path / "reports"
    out_dir.mkdir()
    (out_dir / "index.html").write_text("previous build", encoding="utf-8")
    process = start(["report", "--quiet", "--out", str(out_dir)])
    wait_for(lambda: any(p.name.startswith(".reports.tmp-") for p in tmp_path.iterdir()), process)
    time.sleep(2)  # a notebook is running
    os.killpg(process.pid, signal.SIGINT)
    out, err = process.communicate(timeout=120)
    assert (process.returncode, out, err) == (130, "", "interrupted; nothing changed (reports/ keeps the previous build).\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reports"]
    assert snapshot(out_dir) == {"index.html": b"previous build"}


@pytest.fixture
def two_builds(tmp_path):
    """A reports/ folder of a previous build and a finished staging folder, as build_reports leaves them."""
    out_dir, staging = tmp_path / "reports", tmp_path / ".reports.tmp-x"
    for folder, text in ((out_dir, "previous"), (staging, "new")):
        folder.mkdir()
        (folder / "index.html").write_text(text, encoding="utf-8")
    return out_dir, staging


def test_an_interruption_between_the_two_renames_keeps_reports(two_builds, monkeypatch):
    out_dir, staging = two_builds
    real = Path.replace

    def interrupted(self, target):
        if self == staging:
            raise KeyboardInterrupt  # Ctrl-C after reports/ was moved aside, before the new one is in place
        return real(self, target)

    monkeypatch.setattr(Path, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        reports._swap_in(staging, out_dir)
    assert (out_dir / "index.html").read_text(encoding="utf-8") == "previous"
    assert sorted(p.name for p in out_dir.parent.iterdir()) == [staging.name, "reports"]


def test_a_real_sigint_between_the_two_renames_lets_the_swap_finish(two_builds, monkeypatch):
    out_dir, staging = two_builds
    real = Path.replace

    def signalled(self, target):
        moved = real(self, target)
        if self == out_dir:
            os.kill(os.getpid(), signal.SIGINT)  # delivered while reports/ is away
        return moved

    monkeypatch.setattr(Path, "replace", signalled)
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        reports._swap_in(staging, out_dir)  # the build is complete: it is put in place, not lost to Ctrl-C
    finally:
        signal.signal(signal.SIGINT, previous)
    assert (out_dir / "index.html").read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in out_dir.parent.iterdir()) == ["reports"]


def test_reports_show_corpus_as_given(data_copy, monkeypatch):
    monkeypatch.chdir(data_copy.parent)
    parameters = reports.check_parameters("S/PRST/2021/1", "data")
    assert parameters["CORPUS"] != "data"  # the notebooks get a path that works from notebooks/ ...
    page = reports.index_html([], parameters, "data")
    assert "CORPUS = <code>data</code>" in page  # ... the reader sees what was typed
    markdown = reports.provenance_markdown(parameters, reports.datetime.now(reports.UTC), "data")
    assert "| `CORPUS` | `data` |" in markdown
    assert f"| `python` | `{'.'.join(map(str, sys.version_info[:3]))}` |" in markdown  # reports keep the full version


def test_shipped_data_is_checked_before_a_report(data_copy, capsys):
    raw = data_copy / "raw" / "S_PRST_2021_1.zh.txt"
    raw.write_bytes(raw.read_bytes().replace("安全".encode(), "安金".encode(), 1))
    assert main(["report", "--corpus", str(data_copy), "--out", str(data_copy / "reports")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {raw}: checksum mismatch") and err.count("\n") == 1
    assert PROJECT_DATA.is_dir() and not (data_copy / "reports").exists()


def test_a_read_only_corpus_refuses_add_in_one_line(data_copy, tmp_path, capsys, readonly):
    source = tmp_path / "fixture.txt"
    source.write_text(FIXTURE, encoding="utf-8")
    before = snapshot(data_copy)
    with readonly(data_copy):
        assert main(["add", str(source), "--symbol", "S/PRST/2099/1", "--corpus", str(data_copy)]) == 2
    err = capsys.readouterr().err
    assert re.fullmatch(rf"error: {re.escape(str(data_copy))}: cannot write to this corpus folder \((Permission denied|"
                        r"Operation not permitted)\); give a writable folder with --corpus DIR\.\n", err)
    assert snapshot(data_copy) == before
