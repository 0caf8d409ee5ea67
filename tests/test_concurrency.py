"""Many `add` and `fetch` processes writing to one corpus at the same time, and one process reading it meanwhile:
no row, file or checksum is lost, and the reader never sees a half-written file.

The fetches download from a real HTTP server on 127.0.0.1 (ods_server.py); every statement is a
test fixture (测试样例), not UN text.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from ods_server import serve
from statement_pdfs import fixture_lines, render_pdf

from helpers import load_corpus
from helpers.ingest.registry import LOCK_NAME, read_registry, sha256

ADDS = 6  # processes, one statement each
FETCHES = 3  # processes, two statements each
ROOT = Path(__file__).resolve().parents[1]

READER = textwrap.dedent(
    """
    import sys, time
    import helpers
    corpus, stop = sys.argv[1], sys.argv[2]
    from pathlib import Path
    reads = 0
    while not Path(stop).exists():
        if Path(corpus, "statements.csv").exists():
            table = helpers.load_corpus(corpus)  # raises on a half-written or unregistered file
            assert table.groupby("symbol")["para"].min().eq(0).all()
            reads += 1
        time.sleep(0.02)
    print(reads)
    """
)


def fixture_text(n: int) -> str:
    return "\n".join(fixture_lines(n)) + "\n"


@pytest.fixture
def server(monkeypatch):
    pdfs = {
        f"S_PRST_2098_{n}.pdf": render_pdf(fixture_lines(n, date="2098年3月4日"), f"S/PRST/2098/{n}", "4 March 2098")
        for n in range(1, 2 * FETCHES + 1)
    }
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    with serve(pdfs) as httpd:
        yield httpd


def test_concurrent_adds_and_fetches_lose_nothing(server, tmp_path):
    corpus = tmp_path / "corpus"
    stop = tmp_path / "stop"
    env = {**os.environ, "PRST_ODS_URL": server.url, "PRST_FETCH_PAUSE": "0", "NO_PROXY": "127.0.0.1"}
    command = [sys.executable, "-m", "helpers"]
    processes = []
    for n in range(1, ADDS + 1):
        source = tmp_path / f"fixture_{n}.txt"
        source.write_text(fixture_text(n), encoding="utf-8")
        processes.append(subprocess.Popen([*command, "add", str(source), "--symbol", f"S/PRST/2097/{n}", "--corpus",
                                           str(corpus)], env=env, cwd=ROOT, stdout=subprocess.PIPE,
                                          stderr=subprocess.PIPE, text=True))
    for n in range(1, FETCHES + 1):
        symbols = [f"S/PRST/2098/{2 * n - 1}", f"S/PRST/2098/{2 * n}"]
        processes.append(subprocess.Popen([*command, "fetch", *symbols, "--corpus", str(corpus)], env=env, cwd=ROOT,
                                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    reader = subprocess.Popen([sys.executable, "-c", READER, str(corpus), str(stop)], env=env, cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        results = [(process.args, *process.communicate(timeout=300), process.returncode) for process in processes]
    finally:
        stop.touch()
        reads, reader_errors = reader.communicate(timeout=60)
    for args, out, err, status in results:
        assert status == 0, f"{args}: {out}{err}"
    assert reader.returncode == 0, reader_errors
    assert int(reads) > 0

    expected = {f"S/PRST/2097/{n}" for n in range(1, ADDS + 1)} | {f"S/PRST/2098/{n}" for n in range(1, 2 * FETCHES + 1)}
    table = load_corpus(corpus)  # verifies every raw file against the registry
    assert set(table["symbol"]) == expected
    assert len(table) == 3 * len(expected)  # each fixture: a chapeau and two operative paragraphs
    registry = read_registry(corpus)
    raw_files = {p.relative_to(corpus).as_posix() for p in (corpus / "raw").iterdir()}
    assert set(registry) == raw_files  # every file registered, nothing registered without its file
    assert len(raw_files) == ADDS + 2 * (2 * FETCHES)  # a .txt per add; a .pdf and its .txt per fetched statement
    assert all(sha256(corpus / name) == digest for name, digest in registry.items())
    assert sorted(p.name for p in corpus.iterdir()) == sorted([LOCK_NAME, "raw", "registry.txt", "statements.csv"])
