"""Downloading statements, against a real HTTP server on 127.0.0.1 that the tests start (never the internet).

The server answers like the UN Official Document System API (a redirect to the PDF) for generated
test-fixture PDFs and the shipped statement, and misbehaves on purpose for other symbols.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time

import pytest
from ods_server import (
    FLAKY,
    HELD,
    HTML,
    NO_DATE,
    NOT_FOUND,
    SILENT,
    SLOW,
    TRUNCATED,
    WRONG,
    fast,
    leftovers,
    serve,
)
from scanned_pdfs import SERIF, scanned_pdf
from statement_pdfs import fixture_lines, render_pdf

from helpers import DataError, FetchSettings, fetch_statements, load_corpus, load_statement, read_metadata
from helpers.ingest.corpus import file_stem
from helpers.ingest.registry import PROJECT_DATA, read_registry, sha256
from helpers.tools.cli import main

ADDED = ["S/PRST/2021/1", "S/PRST/2099/1", "S/PRST/2099/2"]
SCANNED = "S/PRST/2099/70"  # served as an image-only PDF
MISMATCHED = "S/PRST/1994/1"  # served with a 2099 test fixture, which contradicts the index entry of 1994/1


@pytest.fixture(scope="module")
def pdfs(raw_text) -> dict[str, bytes]:
    fixtures = {
        symbol: render_pdf(fixture_lines(n), symbol, "2 January 2099")
        for n, symbol in ((1, "S/PRST/2099/1"), (2, "S/PRST/2099/2"), (48, FLAKY), (60, SLOW))
    }
    fixtures[NO_DATE] = render_pdf(fixture_lines(61, date=""), NO_DATE, "2 January 2099")
    fixtures["S/PRST/2021/1"] = render_pdf(raw_text.splitlines(), "S/PRST/2021/1", "12 January 2021", per_page=30)
    fixtures[SCANNED] = scanned_pdf(fixture_lines(1, date="2099年1月2日", meeting=9999), SCANNED, "2 January 2099",
                                    typeface=SERIF.with_name("NotoSansSC-Regular.otf"))
    fixtures[MISMATCHED] = render_pdf(fixture_lines(61), MISMATCHED, "2 January 2099")
    fixtures[TRUNCATED] = fixtures["S/PRST/2099/1"][:1500]
    return {symbol.replace("/", "_") + ".pdf": data for symbol, data in fixtures.items()}


@pytest.fixture
def server(pdfs, monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    with serve(pdfs) as httpd:
        yield httpd


def test_fetch_adds_good_pdfs_and_reports_each_failure(server, tmp_path, capsys):
    corpus = tmp_path / "corpus"
    symbols = [*ADDED, NOT_FOUND, HTML, TRUNCATED, SILENT, FLAKY]
    results = fetch_statements(symbols, corpus=corpus, settings=fast(server)).set_index("symbol")
    assert results["status"].to_dict() == {
        **dict.fromkeys(ADDED, "added"), NOT_FOUND: "failed", HTML: "failed", TRUNCATED: "failed",
        SILENT: "failed", FLAKY: "added",
    }
    detail = results["detail"]
    assert detail[NOT_FOUND].startswith(f"{NOT_FOUND}: not found (HTTP 404 from {server.url}?s=S%2FPRST%2F2099%2F44")
    assert detail[HTML] == (
        f"{HTML}: the server sent an HTML page (it does not start with %PDF-) from {server.url}?s=S%2FPRST%2F2099%2F45"
        "&l=zh&t=pdf; try again later."
    )
    assert detail[TRUNCATED].startswith(f"{TRUNCATED}: the server sent a truncated PDF (no %%EOF at its end) from http")
    port = server.server_address[1]
    assert detail[SILENT] == f"{SILENT}: no answer from 127.0.0.1:{port} within 0.3 s (2 tries); try again later."
    assert server.requests[SILENT] == 2 and server.requests[FLAKY] == 2 and server.requests[NOT_FOUND] == 1
    assert all(query["l"] == ["zh"] and query["t"] == ["pdf"] for query in server.queries)

    out, err = capsys.readouterr()
    assert out.splitlines() == [detail[s] for s in [*ADDED, FLAKY]]
    assert err.splitlines() == [detail[s] for s in (NOT_FOUND, HTML, TRUNCATED, SILENT)]

    corpus_table = load_corpus(corpus)
    assert corpus_table["symbol"].unique().tolist() == [*ADDED, FLAKY]
    shipped = load_statement("S/PRST/2021/1")
    assert corpus_table.loc[corpus_table["symbol"] == "S/PRST/2021/1", "text"].tolist() == shipped["text"].tolist()
    registry = read_registry(corpus)
    assert registry["raw/S_PRST_2099_1.zh.pdf"] == sha256(corpus / "raw/S_PRST_2099_1.zh.pdf")
    assert len(registry) == 8  # a PDF and its text for each of the four statements
    assert leftovers(corpus) == []


def test_already_fetched_symbols_are_skipped_without_a_request(server, tmp_path):
    corpus = tmp_path / "data"
    shutil.copytree(PROJECT_DATA, corpus)
    results = fetch_statements(["S/PRST/2021/1", "s/prst/2099/1"], corpus=corpus, settings=fast(server), verbose=False)
    assert results["status"].tolist() == ["skipped", "added"]
    assert results["symbol"].tolist() == ["S/PRST/2021/1", "S/PRST/2099/1"]
    assert results["detail"][0] == "S/PRST/2021/1: already in the corpus, skipped."
    assert "S/PRST/2021/1" not in server.requests and server.requests["S/PRST/2099/1"] == 1
    again = fetch_statements(["S/PRST/2099/1"], corpus=corpus, settings=fast(server), verbose=False)
    assert again["status"].tolist() == ["skipped"] and server.requests["S/PRST/2099/1"] == 1


def test_pause_between_requests(server, tmp_path):
    start = time.monotonic()
    results = fetch_statements([NOT_FOUND, "S/PRST/2099/49", "S/PRST/2099/50"], corpus=tmp_path / "c",
                               settings=fast(server, pause=0.15), verbose=False)
    assert time.monotonic() - start >= 0.3
    assert results["status"].tolist() == ["failed"] * 3


def test_offline_gives_one_line_per_symbol(tmp_path, monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings = FetchSettings(base_url=f"http://127.0.0.1:{port}/api", timeout=0.3, retries=0, pause=0.0)
    results = fetch_statements(["S/PRST/2099/1", "S/PRST/2099/2", "S/PRST/X"], corpus=tmp_path / "c", settings=settings,
                               verbose=False)
    assert results["detail"].tolist() == [
        f"S/PRST/2099/1: cannot connect to 127.0.0.1:{port} (1 tries); check the network (offline?) or PRST_ODS_URL.",
        f"S/PRST/2099/2: cannot connect to 127.0.0.1:{port} (1 tries); check the network (offline?) or PRST_ODS_URL.",
        "S/PRST/X: 'S/PRST/X' is not a presidential statement symbol; write it as S/PRST/YYYY/N.",
    ]
    assert not (tmp_path / "c").exists()  # nothing fetched, nothing written: not even an empty folder


def test_fetch_command_by_topic_goes_on_after_failures(server, tmp_path, monkeypatch, capsys):
    corpus = tmp_path / "data"
    shutil.copytree(PROJECT_DATA, corpus)
    monkeypatch.setenv("PRST_ODS_URL", server.url)
    monkeypatch.setenv("PRST_FETCH_PAUSE", "0")
    status = main(["fetch", "--topic", "terrorism", "S/PRST/2099/2", "--corpus", str(corpus), "--retries", "0"])
    out, err = capsys.readouterr()
    assert status == 1
    assert out.splitlines()[-1] == "added 1, skipped 1, failed 54"
    assert len(err.strip().splitlines()) == 54
    assert sum(server.requests.values()) == 55 and "S/PRST/2002/10" in server.requests
    assert leftovers(corpus) == []


def test_fetch_command_exit_status(server, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PRST_ODS_URL", server.url)
    corpus = str(tmp_path / "c")
    assert main(["fetch", "S/PRST/2099/1", "--corpus", corpus, "--pause", "0"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "added 1, skipped 0, failed 0"
    assert main(["fetch", "--corpus", corpus]) == 2
    assert capsys.readouterr().err.strip() == (
        "error: nothing to fetch: give symbols (S/PRST/YYYY/N, S/RES/N(YYYY) …), --topic TOPIC or --cited SYMBOL.")
    assert main(["fetch", "--topic", "weather", "--corpus", corpus]) == 2
    assert capsys.readouterr().err.startswith("error: unknown topic 'weather'; topics of the index: ")


def test_settings_from_the_environment(monkeypatch):
    monkeypatch.setenv("PRST_ODS_URL", "http://127.0.0.1:9/api")
    monkeypatch.setenv("PRST_FETCH_TIMEOUT", "2.5")
    monkeypatch.setenv("PRST_FETCH_RETRIES", "5")
    settings = FetchSettings.from_env(retries=1)
    assert (settings.base_url, settings.timeout, settings.retries, settings.pause) == ("http://127.0.0.1:9/api", 2.5, 1, 1.0)
    monkeypatch.setenv("PRST_FETCH_PAUSE", "a while")
    with pytest.raises(DataError, match=r"PRST_FETCH_PAUSE='a while' is not a valid float"):
        FetchSettings.from_env()


def test_scanned_and_mismatched_downloads_are_refused_until_told(server, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    corpus = tmp_path / "c"
    results = fetch_statements([SCANNED, MISMATCHED], corpus=corpus, settings=fast(server), verbose=False)
    kept = {s: tmp_path / "cache" / "prst-zh" / "downloads" / f"{file_stem(s, 'zh')}.pdf" for s in (SCANNED, MISMATCHED)}
    scanned, mismatched = results["detail"].tolist()
    assert scanned.startswith(
        f"{SCANNED}: {kept[SCANNED]}: page 1 of 1 has no text layer (a scanned image); import it with --ocr "
        "(OCR), or give a .txt file. The PDF is kept")
    assert scanned.endswith(f"`python -m helpers add {kept[SCANNED]} --symbol {SCANNED} --ocr --corpus {corpus}` imports it.")
    assert mismatched.startswith(
        f"{MISMATCHED}: {kept[MISMATCHED]}: the chapeau gives 2099-01-02 and meeting S/PV.9999, the index lists "
        f"{MISMATCHED} on 1994-01-07 at meeting S/PV.3327; check the file and --symbol, or pass --force to import it "
        "anyway. The PDF is kept")
    assert mismatched.endswith(f"--symbol {MISMATCHED} --force --corpus {corpus}` imports it.")
    assert not corpus.exists()
    forced = fetch_statements([MISMATCHED], corpus=corpus, settings=fast(server), verbose=False, force=True)
    assert forced["status"].tolist() == ["added"]
    assert read_metadata(corpus)["index_check"].tolist() == [
        f"forced: the chapeau gives 2099-01-02 and meeting S/PV.9999, the index lists {MISMATCHED} on 1994-01-07 "
        "at meeting S/PV.3327"
    ]


def test_fetch_ocr_reads_a_scanned_download(server, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PRST_ODS_URL", server.url)
    corpus = tmp_path / "c"
    assert main(["fetch", SCANNED, "--ocr", "--corpus", str(corpus), "--pause", "0"]) == 0  # RapidOCR, the default
    assert capsys.readouterr().out.splitlines()[-1] == "added 1, skipped 0, failed 0"
    assert read_metadata(corpus)["extraction"].tolist() == ["ocr"]
    assert load_corpus(corpus)["opening"].tolist()[1:] == ["重申", "强调"]


def test_fetch_ocr_engine_tesseract_reads_with_tesseract(tesseract, server, tmp_path, monkeypatch, capsys):
    import pytesseract

    import helpers.ingest.ocr

    calls = []
    real = pytesseract.image_to_string
    monkeypatch.setattr(pytesseract, "image_to_string", lambda *a, **k: calls.append(k["lang"]) or real(*a, **k))
    monkeypatch.setattr(helpers.ingest.ocr, "rapidocr_text", lambda image: pytest.fail("RapidOCR was used"))
    monkeypatch.setenv("PRST_ODS_URL", server.url)
    corpus = tmp_path / "c"
    assert main(["fetch", SCANNED, "--ocr-engine", "tesseract", "--corpus", str(corpus), "--pause", "0"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "added 1, skipped 0, failed 0"
    assert calls == ["chi_sim"]
    assert read_metadata(corpus)["extraction"].tolist() == ["ocr"]


def test_a_kept_scanned_download_names_the_ocr_engine_it_was_fetched_with(server, tmp_path, monkeypatch):
    import helpers.ingest.corpus

    def unreadable(path, text, dpi=300, engine="rapidocr"):
        raise DataError(f"{path}: cannot be read by {engine}; import it with --ocr after checking the scan.")

    monkeypatch.setattr(helpers.ingest.corpus, "with_ocr", unreadable)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    results = fetch_statements([SCANNED], corpus=tmp_path / "c", settings=fast(server), verbose=False, ocr="tesseract")
    assert "cannot be read by tesseract" in results.loc[0, "detail"]
    assert results.loc[0, "detail"].endswith(f"--symbol {SCANNED} --ocr --ocr-engine tesseract --corpus {tmp_path / 'c'}` imports it.")


def test_a_slow_download_stops_at_its_deadline(server, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PRST_ODS_URL", server.url)
    corpus = tmp_path / "c"
    start = time.monotonic()
    [result] = fetch_statements([SLOW], corpus=corpus, settings=fast(server, timeout=2, deadline=0.5), verbose=False).to_dict("records")
    elapsed = time.monotonic() - start
    assert result["status"] == "failed" and elapsed < 1.5
    assert re.fullmatch(
        rf"{SLOW}: the download took longer than 0.5 s \(\d+ bytes received\); try again later, or allow more time "
        r"with --deadline SECONDS\.", result["detail"]
    )
    assert not corpus.exists()
    # The hint works: with more time the same download is added.
    assert main(["fetch", SLOW, "--corpus", str(corpus), "--deadline", "30", "--timeout", "2"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "added 1, skipped 0, failed 0"


def run_hint(message: str) -> int:
    """Run the `python -m helpers …` command a message suggests (placeholders filled in) through the CLI."""
    [command] = re.findall(r"`(python -m helpers [^`]+)`", message)
    words = shlex.split(command.replace("YYYY-MM-DD", "2099-01-02"))
    return main(words[3:])


@pytest.mark.parametrize(("symbol", "added"), [(NO_DATE, NO_DATE), (WRONG, "S/PRST/2099/2")], ids=["no-date", "wrong-document"])
def test_a_download_that_cannot_be_imported_is_kept_with_a_working_command(server, tmp_path, monkeypatch, symbol, added):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    corpus = tmp_path / "c"
    [result] = fetch_statements([symbol], corpus=corpus, settings=fast(server), verbose=False).to_dict("records")
    kept = tmp_path / "cache" / "prst-zh" / "downloads" / f"{file_stem(symbol, 'zh')}.pdf"
    assert result["status"] == "failed" and kept.is_file()
    assert result["detail"].startswith(f"{symbol}: {kept}: ") and "/prst-fetch-" not in result["detail"]
    assert run_hint(result["detail"]) == 0
    assert load_corpus(corpus)["symbol"].unique().tolist() == [added]


def test_ctrl_c_during_fetch_prints_the_summary(server, tmp_path):
    """A real SIGINT to the process group of `python -m helpers fetch` while it waits for the second download."""
    corpus = tmp_path / "c"
    env = {**os.environ, "PRST_ODS_URL": server.url, "PRST_FETCH_PAUSE": "0", "NO_PROXY": "127.0.0.1"}
    command = [sys.executable, "-m", "helpers", "fetch", "S/PRST/2099/1", HELD, "S/PRST/2099/2", "--corpus", str(corpus)]
    with subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          start_new_session=True) as process:
        deadline = time.monotonic() + 120
        while not server.requests[HELD] and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.05)
        os.killpg(process.pid, signal.SIGINT)
        out, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert out.splitlines()[-1] == "added 1, skipped 0, failed 0"
    assert err.splitlines()[-1] == (
        f"interrupted at {HELD} (not added); 1 symbol(s) not tried; the statements added before it are kept."
    )
    assert "Traceback" not in err
    assert load_corpus(corpus)["symbol"].unique().tolist() == ["S/PRST/2099/1"]
    assert leftovers(corpus) == []


def test_a_read_only_corpus_fails_each_symbol_in_one_line_and_fetch_goes_on(server, tmp_path, capsys, readonly,
                                                                           monkeypatch):
    monkeypatch.setenv("PRST_ODS_URL", server.url)
    corpus = tmp_path / "c"
    (corpus / "raw").mkdir(parents=True)
    with readonly(corpus):
        status = main(["fetch", "S/PRST/2099/1", "S/PRST/2099/2", "--corpus", str(corpus), "--pause", "0"])
    out, err = capsys.readouterr()
    line = (rf"{{}}: {re.escape(str(corpus))}: cannot write to this corpus folder \((Permission denied|Operation not "
            r"permitted)\); give a writable folder with --corpus DIR\.")
    assert status == 1
    lines = err.splitlines()
    assert len(lines) == 2
    assert all(re.fullmatch(line.format(re.escape(s)), got) for s, got in zip(("S/PRST/2099/1", "S/PRST/2099/2"), lines, strict=True))
    assert out.splitlines() == ["added 0, skipped 0, failed 2"]
    assert sorted(p.name for p in corpus.rglob("*")) == ["raw"]
    # The hint works: another, writable folder.
    assert main(["fetch", "S/PRST/2099/1", "S/PRST/2099/2", "--corpus", str(tmp_path / "other"), "--pause", "0"]) == 0
