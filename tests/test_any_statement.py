"""Every notebook runs for any statement a corpus can hold (issue 13, item 2).

`python -m helpers report` (what `make report SYMBOL=… CORPUS=…` runs) builds the reports for generated statements
of unusual shapes (test fixtures, see statement_shapes.py): fifty paragraphs citing only resolutions that
data/resolutions.csv does not list, and a statement in traditional script, in a corpus of several statements (the
notebooks compare statements); and one paragraph without a chapeau, a meeting or any citation, alone in its corpus
(the notebooks compare paragraphs, and there is only one). Each build runs every notebook; they run two at a time,
in subprocesses.
"""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from statement_shapes import add_shapes

from helpers.tools.reports import PROJECT_ROOT, notebooks

# (case, corpus, shape): the corpus "several" holds three shapes, "alone" only the one-paragraph one.
CASES = [
    ("fifty paragraphs, a meeting, only unknown resolutions, among others", "several", "fifty-paragraphs"),
    ("one paragraph, no chapeau, no meeting, no citation, alone in its corpus", "alone", "one-paragraph"),
    ("traditional script, among others", "several", "traditional"),
]
CORPORA = {
    "several": ["one-paragraph", "fifty-paragraphs", "unknown-resolutions", "traditional"],
    "alone": ["one-paragraph"],
}


def build(symbol: str, corpus: Path, out: Path) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "helpers", "report", "--quiet", "--symbol", symbol, "--corpus", str(corpus),
               "--out", str(out)]
    return subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def shape_reports(tmp_path_factory) -> dict[str, tuple[subprocess.CompletedProcess, Path, str]]:
    """{case: (finished `python -m helpers report`, its output folder, the symbol)} for every case of CASES."""
    root = tmp_path_factory.mktemp("shapes")
    symbols = {name: add_shapes(root / name, shapes, root / "sources" / name) for name, shapes in CORPORA.items()}
    jobs = {case: (symbols[corpus][shape], root / corpus, root / "reports" / str(i))
            for i, (case, corpus, shape) in enumerate(CASES)}
    with ThreadPoolExecutor(max_workers=2) as pool:
        done = {case: pool.submit(build, *job) for case, job in jobs.items()}
    return {case: (future.result(), jobs[case][2], jobs[case][0]) for case, future in done.items()}


@pytest.mark.parametrize("case", [case for case, _, _ in CASES])
def test_every_notebook_reports_on_a_statement_of_this_shape(case, shape_reports):
    run, out, symbol = shape_reports[case]
    assert run.returncode == 0, f"{case}: {run.stderr.strip()}"
    assert f"report(s) for {symbol} written" in run.stdout
    for path in notebooks():
        page = (out / f"{path.stem}.html").read_text(encoding="utf-8")
        assert symbol in page, f"{path.name}: the report does not show {symbol}"
        assert "Traceback" not in page and "Error</span>" not in page, f"{path.name}: an error is shown"
