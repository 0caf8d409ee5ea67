"""Fetching resolutions, and `fetch --cited` / `--with-cited`, against a real HTTP server on 127.0.0.1 (the
server of ods_server.py) that serves test-fixture PDFs (resolution_docs.py): every resolution body is a
test fixture (测试样例); the titles, dates and meetings of real symbols are the facts of the index."""

from __future__ import annotations

import shutil

import pytest
from ods_server import fast, leftovers, serve
from resolution_docs import FIXTURE_BODY, render_pdf, resolution_lines, statement_lines

from helpers import cited_documents, fetch_statements, load_corpus, load_resolution_index
from helpers.ingest.registry import PROJECT_DATA
from helpers.tools.cli import main

SEVEN = ["S/RES/1373(2001)", "S/RES/2178(2014)", "S/RES/2462(2019)", "S/RES/1267(1999)", "S/RES/1989(2011)",
         "S/RES/2253(2015)", "S/RES/1540(2004)"]  # in the order S/PRST/2021/1 first cites them
MONTHS = "January February March April May June July August September October November December".split()


def resolution_pdf(symbol: str, date_zh: str, meeting: int | None, english_date: str) -> bytes:
    return render_pdf(resolution_lines(symbol, date_zh, meeting, FIXTURE_BODY, 30), symbol, english_date)


def indexed_resolution_pdf(symbol: str) -> bytes:
    """A fixture resolution under a real symbol, with the title, date and meeting the index gives it."""
    entry = load_resolution_index().set_index("symbol").loc[symbol]
    date = entry["date"]
    meeting = int(entry["meeting"].removeprefix("S/PV.").split()[0])
    return resolution_pdf(symbol, f"{date.year}年{date.month}月{date.day}日", meeting,
                          f"{date.day} {MONTHS[date.month - 1]} {date.year}")


@pytest.fixture(scope="module")
def pdfs(raw_text) -> dict[str, bytes]:
    from statement_pdfs import render_pdf as render_statement

    fixtures = {symbol: indexed_resolution_pdf(symbol) for symbol in SEVEN}
    fixtures["S/PRST/2021/1"] = render_statement(raw_text.splitlines(), "S/PRST/2021/1", "12 January 2021", per_page=30)
    for number in (9901, 9902):
        fixtures[f"S/RES/{number}(2099)"] = resolution_pdf(f"S/RES/{number}(2099)", "2099年1月2日", number - 900,
                                                             "2 January 2099")
    citing = {"S/PRST/2099/1": "第9901(2099)号、第9902(2099)号、第9903(2099)号和第9904号决议",
              "S/PRST/2099/2": "第9902(2099)号决议和S/PRST/2099/1号主席声明"}
    for symbol, citations in citing.items():
        fixtures[symbol] = render_pdf(statement_lines(citations), symbol, "2 January 2099", cover_on_one_baseline=False)
    return {symbol.replace("/", "_") + ".pdf": data for symbol, data in fixtures.items()}


@pytest.fixture
def server(pdfs, monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    with serve(pdfs) as httpd:
        yield httpd


def test_resolutions_are_fetched_by_symbol(server, tmp_path):
    corpus = tmp_path / "corpus"
    results = fetch_statements(["S/RES/9901(2099)", "s/res/9902 (2099)", "S/2099/100", "A/RES/99/1"], corpus=corpus,
                               settings=fast(server), verbose=False)
    assert results["status"].tolist() == ["added", "added", "failed", "failed"]
    assert results["file"].tolist()[:2] == ["raw/S_RES_9901_2099.zh.txt", "raw/S_RES_9902_2099.zh.txt"]
    assert results["detail"].tolist()[2].startswith("S/2099/100: not imported: a corpus holds presidential statements")
    assert results["detail"].tolist()[3] == "A/RES/99/1: a document of the General Assembly, not of the Security Council; not imported."
    assert [query["s"] for query in server.queries] == [["S/RES/9901(2099)"], ["S/RES/9902(2099)"]]
    assert (corpus / "raw/S_RES_9901_2099.zh.pdf").is_file()
    table = load_corpus(corpus)
    assert table.groupby("symbol")["kind"].apply(list).to_dict()["S/RES/9901(2099)"] == [
        "chapeau", *(p.kind for p in FIXTURE_BODY)]
    assert set(table["meeting"]) == {"S/PV.9001", "S/PV.9002"} and set(table["doc_type"]) == {"resolution"}


def test_fetch_cited_brings_the_seven_resolutions_of_the_shipped_statement(server, tmp_path, monkeypatch, capsys):
    corpus = tmp_path / "data"
    shutil.copytree(PROJECT_DATA, corpus)
    monkeypatch.setenv("PRST_ODS_URL", server.url)
    assert main(["fetch", "--cited", "S/PRST/2021/1", "--corpus", str(corpus), "--pause", "0"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == ("S/2020/372: not imported: a corpus holds presidential statements (S/PRST/…) and resolutions "
                      "(S/RES/…); other Security Council documents (letters, reports, records) are not texts the "
                      "Council adopts and their layouts are not ones the cleaner knows.")
    assert [line.split(":")[0] for line in out[1:-1]] == SEVEN
    assert out[-1] == "added 7, skipped 1, failed 0"
    assert sorted(server.requests) == sorted(SEVEN)  # the statement itself is in the corpus: no request
    table = load_corpus(corpus)
    resolutions = table[table["doc_type"] == "resolution"].drop_duplicates("symbol")
    assert resolutions["symbol"].tolist() == ["S/RES/1267(1999)", "S/RES/1373(2001)", "S/RES/1540(2004)",
                                              "S/RES/1989(2011)", "S/RES/2178(2014)", "S/RES/2253(2015)",
                                              "S/RES/2462(2019)"]  # by date
    index = load_resolution_index().set_index("symbol")
    assert (resolutions.set_index("symbol")["date"] == index.loc[resolutions["symbol"], "date"]).all()
    assert table["symbol"].iloc[-1] == "S/PRST/2021/1"
    again = cited_documents(["S/PRST/2021/1"], corpus)
    assert again["action"].tolist() == ["skip", *["in corpus"] * 7]
    assert leftovers(corpus) == []


def test_fetch_cited_fetches_the_statement_first_and_lists_what_it_cannot(server, tmp_path, monkeypatch, capsys):
    corpus = tmp_path / "corpus"
    monkeypatch.setenv("PRST_ODS_URL", server.url)
    status = main(["fetch", "--cited", "S/PRST/2099/1", "--corpus", str(corpus), "--pause", "0", "--retries", "0"])
    out, err = capsys.readouterr()
    assert status == 1
    lines = out.splitlines()
    assert lines[0].startswith("S/PRST/2099/1: added raw/S_PRST_2099_1.zh.txt (2099-01-02)")
    assert lines[1].startswith("S/RES/9901(2099): added raw/S_RES_9901_2099.zh.txt (2099-01-02)")
    assert lines[2].startswith("S/RES/9902(2099): added")
    assert lines[3:-1] == [
        "S/RES/9904: cited without its year, and data/resolution_index.csv does not list resolution 9904; "
        "fetch it as S/RES/9904(YYYY).",
        "S/2099/100: not imported: a corpus holds presidential statements (S/PRST/…) and resolutions (S/RES/…); "
        "other Security Council documents (letters, reports, records) are not texts the Council adopts and their "
        "layouts are not ones the cleaner knows.",
        "A/RES/99/1: a document of the General Assembly, not of the Security Council; not imported.",
    ]
    assert lines[-1] == "added 3, skipped 3, failed 1"
    assert err.splitlines()[-1].startswith("S/RES/9903(2099): not found (HTTP 404 from ")
    assert load_corpus(corpus)["symbol"].unique().tolist() == ["S/PRST/2099/1", "S/RES/9901(2099)", "S/RES/9902(2099)"]
    assert leftovers(corpus) == []


def test_with_cited_fetches_a_series_then_what_it_rests_on(server, tmp_path, monkeypatch, capsys):
    corpus = tmp_path / "corpus"
    monkeypatch.setenv("PRST_ODS_URL", server.url)
    main(["fetch", "S/PRST/2099/2", "S/PRST/2099/1", "--with-cited", "--corpus", str(corpus), "--pause", "0",
          "--retries", "0"])
    out = capsys.readouterr().out.splitlines()
    symbols = [line.split(":")[0] for line in out[:-1]]
    # the statements first; then what they cite, once each, in the order first cited
    assert symbols == ["S/PRST/2099/2", "S/PRST/2099/1", "S/RES/9902(2099)", "S/PRST/2099/1", "S/2099/100",
                       "A/RES/99/1", "S/RES/9901(2099)", "S/RES/9904"]  # and S/RES/9903(2099) on stderr
    assert out[3] == "S/PRST/2099/1: already in the corpus, skipped."
    assert out[-1] == "added 4, skipped 4, failed 1"
    cited = cited_documents(["S/PRST/2099/2", "S/PRST/2099/1"], corpus).set_index("symbol")
    assert cited.loc["S/RES/9902(2099)", "cited_by"] == "S/PRST/2099/2, S/PRST/2099/1"
    assert cited.loc["S/PRST/2099/1", "action"] == "in corpus" and cited.loc["S/RES/9903(2099)", "action"] == "fetch"
    assert cited.loc["A/RES/99/1", "kind"] == "other" and cited.loc["S/2099/100", "kind"] == "document"


def test_a_topic_with_cited_resolutions(server, tmp_path, monkeypatch, capsys):
    corpus = tmp_path / "corpus"
    monkeypatch.setenv("PRST_ODS_URL", server.url)
    assert main(["fetch", "--topic", "terrorism", "--with-cited", "--corpus", str(corpus), "--pause", "0",
                 "--retries", "0"]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines()[-1] == "added 8, skipped 1, failed 54"  # only S/PRST/2021/1 of the 55 is served
    assert len(err.strip().splitlines()) == 54
    assert set(load_corpus(corpus)["symbol"]) == {"S/PRST/2021/1", *SEVEN}


def test_a_resolution_whose_adoption_line_disagrees_with_the_index_is_refused(server, tmp_path, pdfs, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # where fetch keeps a PDF it cannot import
    corpus = tmp_path / "corpus"
    server.pdfs = {**pdfs}  # the module's PDFs stay as they are for the other tests
    server.pdfs["S_RES_1373(2001).pdf"] = resolution_pdf("S/RES/1373(2001)", "2001年9月29日", 4385, "29 September 2001")
    results = fetch_statements(["S/RES/1373(2001)"], corpus=corpus, settings=fast(server), verbose=False)
    assert results["status"].tolist() == ["failed"]
    assert (
        "the adoption line gives 2001-09-29 and meeting S/PV.4385, the index lists S/RES/1373(2001) on 2001-09-28 at "
        "meeting S/PV.4385; check the file and --symbol, or pass --force to import it anyway. The PDF is kept"
    ) in results["detail"].iloc[0]
    assert not corpus.exists()
