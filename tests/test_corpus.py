"""A corpus folder: every statement in one paragraph table, and importing .txt statements into it."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from snapshots import snapshot
from statement_pdfs import fixture_lines

import helpers
import helpers.ingest.corpus
from helpers import DataError, add_statement, chapeau_facts, load_corpus, load_statement
from helpers.ingest.corpus import CORPUS_COLUMNS
from helpers.ingest.registry import PROJECT_DATA, read_registry, sha256


def write_fixture(path: Path, n: int, **values) -> Path:
    """Write test fixture statement ``n`` (see statement_pdfs.FIXTURE_LINES) as a .txt file."""
    path.write_text("\n".join(fixture_lines(n, **values)) + "\n", encoding="utf-8")
    return path


def test_the_shipped_corpus():
    corpus = load_corpus()
    statement = load_statement("S/PRST/2021/1")
    assert corpus.columns.tolist() == CORPUS_COLUMNS
    pd.testing.assert_frame_equal(corpus[statement.columns.tolist()], statement)
    assert corpus["meeting"].isna().all()
    assert set(corpus["agenda_item"]) == {
        "Threats to international peace and security caused by terrorist acts: International cooperation in "
        "combating terrorism 20 years after the adoption of resolution 1373 (2001)"
    }
    assert set(corpus["agenda_item_zh"]) == {"恐怖主义行为对国际和平与安全造成的威胁"}
    assert set(corpus["topic"]) == {"terrorism"}


def test_the_corpus_folder_can_be_set_by_environment(data_copy, monkeypatch):
    write_fixture(data_copy / "fixture.txt", 1)
    add_statement(data_copy / "fixture.txt", symbol="S/PRST/2099/1", corpus=data_copy)
    monkeypatch.setenv("PRST_DATA_DIR", str(data_copy))
    assert load_corpus()["symbol"].unique().tolist() == ["S/PRST/2021/1", "S/PRST/2099/1"]


def test_added_statements_join_the_table_in_order(data_copy):
    for n, day in ((10, 3), (2, 3), (1, 2)):
        add_statement(write_fixture(data_copy / f"f{n}.txt", n, date=f"2099年1月{day}日", meeting=9000 + n),
                      symbol=f"S/PRST/2099/{n}", corpus=data_copy)
    corpus = load_corpus(data_copy)
    assert corpus["symbol"].unique().tolist() == ["S/PRST/2021/1", "S/PRST/2099/1", "S/PRST/2099/2", "S/PRST/2099/10"]
    assert corpus.groupby("symbol", sort=False)["para"].apply(list).iloc[1:].tolist() == [[0, 1, 2]] * 3
    fixture = corpus[corpus["symbol"] == "S/PRST/2099/10"]
    assert set(fixture["date"]) == {pd.Timestamp("2099-01-03")}
    assert set(fixture["meeting"]) == {"S/PV.9010"}
    assert fixture["agenda_item"].isna().all()  # not in the index
    assert set(fixture["agenda_item_zh"]) == {"测试夹具议题10"}
    assert set(fixture["topic"]) == {"other"}
    assert fixture["opening"].tolist()[1:] == ["重申", "强调"]
    metadata = pd.read_csv(data_copy / "statements.csv", dtype=str, keep_default_na=False)
    assert metadata["symbol"].tolist() == ["S/PRST/2021/1", "S/PRST/2099/1", "S/PRST/2099/2", "S/PRST/2099/10"]
    assert metadata.loc[3, "procedure"] == "meeting" and metadata.loc[3, "file"] == "raw/S_PRST_2099_10.zh.txt"
    assert read_registry(data_copy)["raw/S_PRST_2099_10.zh.txt"] == sha256(data_copy / "raw/S_PRST_2099_10.zh.txt")


def test_shipped_text_imported_into_a_new_folder_is_a_byte_copy(tmp_path):
    source = PROJECT_DATA / "raw" / "S_PRST_2021_1.zh.txt"
    row = add_statement(source, symbol="s/prst/2021/1", corpus=tmp_path / "new")
    assert row["symbol"] == "S/PRST/2021/1" and row["date"] == "2021-01-12"
    assert (tmp_path / "new" / row["file"]).read_bytes() == source.read_bytes()
    pd.testing.assert_frame_equal(load_corpus(tmp_path / "new"), load_corpus())
    assert (tmp_path / "new" / "statements.csv").read_text(encoding="utf-8").splitlines()[0] == (
        "symbol,date,lang,file,agenda_item,meeting,procedure,presidency,script,extraction,index_check"
    )
    # the shipped row is what add writes, apart from the presidency, which no chapeau names
    shipped = pd.read_csv(PROJECT_DATA / "statements.csv", dtype=str, keep_default_na=False).iloc[0]
    written = pd.read_csv(tmp_path / "new" / "statements.csv", dtype=str, keep_default_na=False).iloc[0]
    assert shipped.drop("presidency").to_dict() == written.drop("presidency").to_dict()


def test_date_falls_back_to_the_index(tmp_path):
    text = tmp_path / "undated.txt"
    lines = fixture_lines(3)
    lines[1] = "安全理事会主席代表安理会发表声明如下："
    del lines[2]
    text.write_text("\n".join(lines), encoding="utf-8")
    row = add_statement(text, symbol="S/PRST/2002/10", corpus=tmp_path / "c")
    assert row["date"] == "2002-04-15" and row["meeting"] == "" and row["agenda_item"] == ""
    corpus = load_corpus(tmp_path / "c")
    assert set(corpus["topic"]) == {"terrorism"} and set(corpus["meeting"]) == {"S/PV.4513"}
    with pytest.raises(DataError, match=r"no date in the chapeau .* S/PRST/2099/5 is not in the index; pass --date"):
        add_statement(text, symbol="S/PRST/2099/5", corpus=tmp_path / "c")
    assert add_statement(text, symbol="S/PRST/2099/5", corpus=tmp_path / "c", date="2099-05-05")["date"] == "2099-05-05"


def test_duplicate_and_bad_input_change_nothing(data_copy, tmp_path):
    before = snapshot(data_copy)
    fixture = write_fixture(tmp_path / "fixture.txt", 4)
    with pytest.raises(DataError, match=r"S/PRST/2021/1 is already in the corpus .*remove its row"):
        add_statement(fixture, symbol="S/PRST/2021/1", corpus=data_copy)
    with pytest.raises(DataError, match=r"fixture\.txt: no symbol S/PRST/YYYY/N .*pass --symbol"):
        add_statement(fixture, corpus=data_copy)
    with pytest.raises(DataError, match=r"^S/RES/1373: a resolution is imported with its year; write it as S/RES/N\(YYYY\)"):
        add_statement(fixture, symbol="S/RES/1373", corpus=data_copy)
    with pytest.raises(DataError, match=r"^S/2020/372: not imported: a corpus holds presidential statements"):
        add_statement(fixture, symbol="S/2020/372", corpus=data_copy)
    with pytest.raises(DataError, match=r"^A/RES/60/288: a document of the General Assembly, not of the Security Council"):
        add_statement(fixture, symbol="A/RES/60/288", corpus=data_copy)
    with pytest.raises(DataError, match=r"fixture\.txt: no resolution title \(第N\(YYYY\)号决议 on a line of its own\)"):
        add_statement(fixture, symbol="S/RES/9901(2099)", corpus=data_copy)
    english = tmp_path / "english.txt"
    english.write_text("An English test fixture, not a statement.\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"english\.txt: no paragraphs of a presidential statement"):
        add_statement(english, symbol="S/PRST/2099/4", corpus=data_copy)
    with pytest.raises(DataError, match=r"--date 'soon' is not a date"):
        add_statement(fixture, symbol="S/PRST/2099/4", corpus=data_copy, date="soon")
    assert snapshot(data_copy) == before


@pytest.mark.parametrize(
    ("failure", "expected"),
    [(OSError("disk full (simulated)"), DataError), (KeyboardInterrupt(), KeyboardInterrupt)],
    ids=["disk-full", "ctrl-c"],
)
def test_a_failed_write_is_undone(data_copy, tmp_path, monkeypatch, failure, expected):
    before = snapshot(data_copy)
    real = helpers.ingest.corpus.write_atomic

    def failing(path, data):
        if path.name == "statements.csv":
            raise failure
        real(path, data)

    monkeypatch.setattr(helpers.ingest.corpus, "write_atomic", failing)
    with pytest.raises(expected) as raised:
        add_statement(write_fixture(tmp_path / "f.txt", 5), symbol="S/PRST/2099/5", corpus=data_copy)
    if expected is DataError:
        assert str(raised.value) == f"{data_copy}: cannot write to this corpus folder (disk full (simulated)); " \
            "give a writable folder with --corpus DIR."
    assert snapshot(data_copy) == before


def test_a_corpus_without_statements_is_an_empty_table(tmp_path):
    (tmp_path / "statements.csv").write_text(",".join(helpers.ingest.corpus.METADATA_COLUMNS) + "\n", encoding="utf-8")
    empty = load_corpus(tmp_path)
    assert empty.empty and empty.columns.tolist() == CORPUS_COLUMNS
    with pytest.raises(DataError, match=r"statements\.csv: the statements table is missing"):
        load_corpus(tmp_path / "nowhere")


def test_an_altered_file_in_the_corpus_is_named(data_copy):
    path = data_copy / "raw" / "S_PRST_2021_1.zh.txt"
    path.write_bytes(path.read_bytes() + b"\n")
    with pytest.raises(DataError, match=r"S_PRST_2021_1\.zh\.txt: checksum mismatch"):
        load_corpus(data_copy)


@pytest.mark.parametrize(
    ("chapeau", "facts"),
    [
        (
            "2005年3月17日，在安全理事会第5143次会议上，安全理事会主席就安理会审议的题为“非洲和平与安全”的项目，代表安理会发表声明如下：",
            {"date": "2005-03-17", "meeting": "S/PV.5143", "agenda_item": "非洲和平与安全", "procedure": "meeting"},
        ),
        (
            "2021 年 1 月 12 日，依照……S/2020/372 号文件中所列程序，安全理事会主席就“恐怖主义行为”的议题发表声明如下：",
            {"date": "2021-01-12", "meeting": "", "agenda_item": "恐怖主义行为", "procedure": "written procedure (S/2020/372)"},
        ),
        ("安全理事会主席代表安理会发表声明如下：", {"date": "", "meeting": "", "agenda_item": "", "procedure": ""}),
    ],
)
def test_chapeau_facts(chapeau, facts):
    # Test fixtures written for the test, in the form of UN chapeaus.
    assert chapeau_facts(chapeau) == facts


def test_impossible_chapeau_date_is_an_error():
    with pytest.raises(DataError, match=r"2021年2月30日, which is not a date"):
        chapeau_facts("2021年2月30日，安全理事会主席发表声明如下：")



def test_the_corpus_keeps_each_documents_footnote_links(data_copy):
    # S/PRST/2021/1 sets aside one link (https://undocs.org/ch/S/RES/1373(2001)); two test fixture statements have none.
    for n in (1, 2):
        add_statement(write_fixture(data_copy / f"f{n}.txt", n, date=f"2099年1月{n}日", meeting=9000 + n),
                      symbol=f"S/PRST/2099/{n}", corpus=data_copy)
    corpus = load_corpus(data_copy)
    shipped = load_statement("S/PRST/2021/1")
    assert dict(corpus.attrs["footnotes"]) == {"S/PRST/2021/1": tuple(shipped.attrs["footnotes"])}
    assert corpus[corpus["para"] > 0].attrs["footnotes"] is corpus.attrs["footnotes"]  # shared, never copied
    links = helpers.extract_citations(corpus)
    links = links[links["kind"] == "url"].reset_index(drop=True)
    alone = helpers.extract_citations(shipped)
    alone = alone[alone["kind"] == "url"].reset_index(drop=True)
    pd.testing.assert_frame_equal(links, alone)
    pd.testing.assert_frame_equal(helpers.extract_citations(corpus, workers=2), helpers.extract_citations(corpus, workers=1))
    _, edges = helpers.citation_network(helpers.extract_citations(corpus), corpus)
    assert edges.set_index(["source", "target"]).loc[("S/PRST/2021/1", "S/RES/1373(2001)"), "kind"] == "resolution+url"
