"""Reports: two builds give the same HTML apart from the time stamp; pages are self-contained, end with their
provenance and are listed in the index; bad parameters and failing notebooks stop the build with a clear message."""

from __future__ import annotations

import difflib
import re
import shutil
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from importlib.metadata import version
from pathlib import Path

import nbformat
import pytest

import helpers.tools.reports
from helpers import DataError, known_symbols, statement_record
from helpers.ingest.registry import PROJECT_DATA, sha256
from helpers.tools.cli import main
from helpers.tools.reports import (
    PROJECT_ROOT,
    TIMESTAMP_LABEL,
    build_reports,
    declared_parameters,
    notebooks,
    strip_timestamp,
)

KERNEL = {"kernelspec": {"name": "python3", "display_name": "Python 3"}, "language_info": {"name": "python"}}
STAMP = re.compile(rf"{re.escape(TIMESTAMP_LABEL)} (\d{{4}}-\d\d-\d\dT\d\d:\d\d:\d\dZ)")


class Links(HTMLParser):
    """Collects tags with their attributes and the text of links."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.links: list[tuple[str, str]] = []
        self._href = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "a":
            self._href, self._text = dict(attrs).get("href"), ""

    def handle_data(self, data):
        if self._href is not None:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            self.links.append((self._href, self._text))
            self._href = None


def parse(page: str) -> Links:
    parser = Links()
    parser.feed(page)
    return parser


def expected_files() -> list[str]:
    return sorted(["index.html", *(f"{path.stem}.html" for path in notebooks())])


def test_two_builds_are_identical_apart_from_the_time_stamp(report_builds):
    first, second = report_builds
    assert sorted(p.name for p in first.iterdir()) == expected_files()
    assert sorted(p.name for p in second.iterdir()) == expected_files()
    for name in expected_files():
        a, b = ((folder / name).read_text(encoding="utf-8") for folder in (first, second))
        if name != "index.html":
            for page in (a, b):
                stamps = STAMP.findall(page)
                assert len(stamps) == 1, f"{name}: expected one time stamp line, found {len(stamps)}"
                built = datetime.strptime(stamps[0], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
                assert timedelta(0) <= datetime.now(UTC) - built < timedelta(hours=1)
        a, b = strip_timestamp(a), strip_timestamp(b)
        assert TIMESTAMP_LABEL not in a
        diff = "".join(list(difflib.unified_diff(a.splitlines(True), b.splitlines(True), n=1))[:20])
        assert a == b, f"{name} differs between two builds:\n{diff}"


def test_reports_are_self_contained_with_embedded_images(report_builds):
    for path in notebooks():
        page = (report_builds[0] / f"{path.stem}.html").read_text(encoding="utf-8")
        tags = parse(page).tags
        assert not [attrs for tag, attrs in tags if tag == "script" and attrs.get("src")]
        assert not [attrs for tag, attrs in tags if tag == "link" and attrs.get("href")]
        images = [attrs["src"] for tag, attrs in tags if tag == "img"]
        assert all(src.startswith("data:image/png;base64,") for src in images), path.name
        source = nbformat.read(path, as_version=4)
        pngs = sum("image/png" in out.get("data", {}) for cell in source.cells for out in cell.get("outputs", []))
        assert len(images) == pngs, f"{path.name}: {len(images)} images in the report, {pngs} PNG outputs committed"
        assert str(PROJECT_ROOT) not in page, f"{path.name} shows a path of this machine"


def test_each_report_shows_its_parameters_and_ends_with_provenance(report_builds):
    raw_file = PROJECT_DATA / "raw" / "S_PRST_2021_1.zh.txt"
    record = statement_record("S/PRST/2021/1")
    for path in notebooks():
        page = (report_builds[0] / f"{path.stem}.html").read_text(encoding="utf-8")
        assert "injected-parameters" in page and "S/PRST/2021/1" in page
        provenance = page[page.rindex('id="Report-provenance"') :]
        assert "<h2" not in provenance, "the provenance section must be the last section"
        assert record["agenda_item"] in provenance
        assert f"<code>pandas</code></td>\n<td><code>{version('pandas')}</code>" in provenance
        assert sha256(raw_file) in provenance
        assert STAMP.search(provenance)


def test_index_links_every_report_with_its_title(report_builds):
    index = parse((report_builds[0] / "index.html").read_text(encoding="utf-8"))
    titles = [helpers.tools.reports.notebook_title(nbformat.read(path, as_version=4)) for path in notebooks()]
    assert index.links == [(f"{path.stem}.html", title) for path, title in zip(notebooks(), titles, strict=True)]
    assert all(titles)


def test_unknown_symbol_fails_before_any_notebook_runs(tmp_path, monkeypatch, capsys):
    def must_not_run(*args, **kwargs):
        raise AssertionError("a notebook was executed for an unknown symbol")

    monkeypatch.setattr(helpers.tools.reports, "execute", must_not_run)
    out = tmp_path / "reports"
    assert main(["report", "--symbol", "S/PRST/1999/99", "--out", str(out), "--quiet"]) == 2
    message = capsys.readouterr().err
    assert message.count("\n") == 1 and "S/PRST/1999/99" in message
    assert all(symbol in message for symbol in known_symbols())
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_a_notebook_without_parameters_cell_is_named_before_anything_runs(tmp_path, monkeypatch):
    monkeypatch.setattr(helpers.tools.reports, "execute", lambda *a, **k: pytest.fail("executed"))
    notebook = tmp_path / "09-no-parameters.ipynb"  # test fixture
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")], metadata=KERNEL), notebook)
    with pytest.raises(DataError, match=r"09-no-parameters\.ipynb: no code cell tagged 'parameters'"):
        build_reports(tmp_path / "reports", sources=[*notebooks(), notebook], progress=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["09-no-parameters.ipynb"]


def test_a_failing_notebook_is_named_and_old_reports_stay(tmp_path):
    # Test fixture: a notebook whose second cell fails on its second line.
    cells = [nbformat.v4.new_code_cell('SYMBOL = "S/PRST/2021/1"'), nbformat.v4.new_code_cell("x = 1\n1 / 0\ny = 2")]
    cells[0].metadata["tags"] = ["parameters"]
    notebook = tmp_path / "98-fails.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=cells, metadata=KERNEL), notebook)
    out = tmp_path / "reports"
    out.mkdir()
    (out / "index.html").write_text("previous build", encoding="utf-8")
    with pytest.raises(DataError) as failure:
        build_reports(out, sources=[notebook], progress=False)
    message = str(failure.value)
    assert "\n" not in message
    assert message.startswith(
        f"{notebook}: the cell starting 'x = 1' (cell id {cells[1].id}), line 2 '1 / 0' raised ZeroDivisionError"
    )
    assert "`make report SYMBOL=S/PRST/2021/1`" in message and "-m helpers report --symbol S/PRST/2021/1`" in message
    assert message.endswith("No report was changed.")
    assert [p.name for p in out.iterdir()] == ["index.html"]
    assert (out / "index.html").read_text(encoding="utf-8") == "previous build"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["98-fails.ipynb", "reports"]


def test_a_failure_inside_helpers_names_that_line_and_a_command_that_reproduces_it(tmp_path, data_copy):
    """The message names the cell's line and the helpers line below it; its papermill command, run as given,
    fails the same way with the same parameters (here a corpus folder whose name needs quoting)."""
    import shlex
    import subprocess
    import sys

    corpus = tmp_path / "my corpus"  # a space: the commands must quote it
    data_copy.rename(corpus)
    # Test fixture: a notebook that asks the helpers for a paragraph the statement does not have.
    cells = [
        nbformat.v4.new_code_cell('SYMBOL = "S/PRST/2021/1"\nCORPUS = None'),
        nbformat.v4.new_code_cell("import helpers\nhelpers.load_statement(SYMBOL, CORPUS + '/missing')"),
    ]
    cells[0].metadata["tags"] = ["parameters"]
    notebook = tmp_path / "97-fails-in-helpers.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=cells, metadata=KERNEL), notebook)
    with pytest.raises(DataError) as failure:
        build_reports(tmp_path / "reports", "S/PRST/2021/1", corpus, sources=[notebook], progress=False)
    message = str(failure.value)
    assert ", line 2 \"helpers.load_statement(SYMBOL, CORPUS + '/missing')\" (in helpers/ingest/statements.py:" in message
    assert ") raised DataError: " in message
    assert f"CORPUS={shlex.quote(str(corpus))}" in message and f"--corpus {shlex.quote(str(corpus))}" in message
    papermill = message.split("this notebook alone: `")[1].split("`")[0]
    command = shlex.split(papermill.replace(".venv/bin/", str(Path(sys.executable).parent) + "/"))
    run = subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode != 0
    assert "DataError" in run.stderr and "missing" in run.stderr


def test_report_follows_symbol_and_corpus(tmp_path, data_copy):
    # Test fixture: a corpus folder with a second entry, a copy of S/PRST/2021/1's file under a made-up
    # symbol, so that the report must take its statement from SYMBOL and CORPUS rather than the defaults.
    shutil.copy(data_copy / "raw" / "S_PRST_2021_1.zh.txt", data_copy / "raw" / "TEST_COPY.zh.txt")
    registry = data_copy / "registry.txt"
    registry.write_text(
        registry.read_text(encoding="utf-8") + f"raw/TEST_COPY.zh.txt {sha256(data_copy / 'raw' / 'TEST_COPY.zh.txt')}\n",
        encoding="utf-8",
    )
    metadata = data_copy / "statements.csv"
    metadata.write_text(
        metadata.read_text(encoding="utf-8") + "S/PRST/TEST/1,2020-12-31,zh,raw/TEST_COPY.zh.txt,测试用的议程项目,,test,Test\n",
        encoding="utf-8",
    )
    first = next(path for path in notebooks() if path.name.startswith("01-"))  # it shows the statement's record
    [report] = build_reports(tmp_path / "reports", "s/prst/test/1", data_copy, sources=[first], progress=False)
    page = report.html.read_text(encoding="utf-8")
    assert "S/PRST/TEST/1 · 测试用的议程项目" in page
    injected = page[page.index('id="cell-id=injected-parameters"') :][:2000]
    assert "S/PRST/TEST/1" in injected
    assert "2020-12-31" in page
    assert "TEST_COPY.zh.txt" in page


def test_split_printed_output_gives_the_same_report():
    """The kernel may deliver two prints as one stream message or two; the report must not show which."""
    from helpers.tools.reports import normalise_run, to_html

    def notebook(outputs):
        # Test fixture: a one-cell notebook with printed output, not UN text.
        cell = nbformat.v4.new_code_cell('print("测试")\nprint(True)', id="cell-0", execution_count=1, outputs=outputs)
        return nbformat.v4.new_notebook(cells=[cell])

    split = notebook([nbformat.v4.new_output("stream", name="stdout", text=t) for t in ("测试\n", "True\n")])
    merged = notebook([nbformat.v4.new_output("stream", name="stdout", text="测试\nTrue\n")])
    assert to_html(split, "t") != to_html(merged, "t")  # the difference is real before normalising
    for node in (split, merged):
        normalise_run(node)
    assert to_html(split, "t") == to_html(merged, "t")


def test_every_notebook_follows_symbol_and_corpus():
    """Reports pass SYMBOL and CORPUS to every notebook: each must declare both and load through both.

    (Building every report for another corpus takes ~20 s, too long for the suite; this checks the wiring that a
    report for another statement or corpus depends on.)
    """
    loading = re.compile(r"helpers\.(?:load_statement|raw_statement|statement_record)\(\s*SYMBOL\b([^)]*)\)")
    for path in notebooks():
        notebook = nbformat.read(path, as_version=4)
        assert {"SYMBOL", "CORPUS"} <= set(declared_parameters(path)), path.name
        for cell in notebook.cells:
            for call in loading.finditer(cell.source if cell.cell_type == "code" else ""):
                assert "CORPUS" in call[1], f"{path.name}: {call[0]} ignores CORPUS"
