"""Notebooks 04 and 05 run the comparison on whatever corpus they are given: executed with papermill (as `make
report` runs them) on a generated corpus of statements and a resolution (test fixtures, comparison_corpus.py) whose
provenance is known by construction, they show it: the statement copying the resolution's operative paragraph, the
later statement changing one verb (促请 → 鼓励), the earliest and the direct source, the citation each adds, the
network edge to the later statement; every exercise check passes there too. The corpus is large enough (36
documents, 43 network nodes) for the paths of large corpora (nearest neighbours instead of every pair, the focus's
part of the network). One corpus, one execution per notebook, both at once in subprocesses.
"""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import nbformat
import pytest
from comparison_corpus import CORPUS, EARLIER, FILLERS, FOCUS, RESOLUTION
from series_fixtures import write_corpus

from helpers.tools.classroom import CHECK_TAG
from helpers.tools.reports import NOTEBOOK_DIR

NOTEBOOKS = ["04-comparisons.ipynb", "05-where-the-language-comes-from.ipynb"]


def execute(name: str, corpus, out_dir) -> nbformat.NotebookNode:
    out = out_dir / name
    command = [sys.executable, "-m", "papermill", str(NOTEBOOK_DIR / name), str(out), "--cwd", str(NOTEBOOK_DIR),
               "-p", "SYMBOL", FOCUS, "-p", "CORPUS", str(corpus), "--no-progress-bar", "--log-level", "ERROR"]
    run = subprocess.run(command, capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, f"{name} failed on the generated corpus:\n{run.stderr[-3000:]}"
    return nbformat.read(out, as_version=4)


@pytest.fixture(scope="module")
def executed(tmp_path_factory) -> dict[str, nbformat.NotebookNode]:
    root = tmp_path_factory.mktemp("comparisons")
    write_corpus(root / "corpus", CORPUS)
    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = {name: pool.submit(execute, name, root / "corpus", root) for name in NOTEBOOKS}
    return {name: future.result() for name, future in runs.items()}


def shown(notebook: nbformat.NotebookNode, cell_id: str) -> str:
    """Everything a cell shows as text: printed lines and the plain-text form of its result."""
    cell = next(cell for cell in notebook.cells if cell.get("id") == cell_id)
    parts = []
    for output in cell.outputs:
        if output.output_type == "stream":
            parts.append(output.text)
        elif "data" in output:
            parts.append(output.data.get("text/plain", ""))
    return "".join(parts)


def images(notebook: nbformat.NotebookNode, cell_id: str) -> int:
    cell = next(cell for cell in notebook.cells if cell.get("id") == cell_id)
    return sum("image/png" in output.get("data", {}) for output in cell.outputs)


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_every_cell_runs_and_every_check_passes(executed, name):
    notebook = executed[name]
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        assert not [out for out in cell.outputs if out.output_type == "error"], f"{name}: {cell.id} raised"
        assert not [out for out in cell.outputs if out.get("name") == "stderr"], f"{name}: {cell.id} wrote to stderr"
        if CHECK_TAG in cell.metadata.get("tags", []):
            assert shown(notebook, cell.id).strip().endswith(": correct."), f"{name}: {cell.id} did not pass"


def test_05_shows_where_the_wording_of_the_statement_comes_from(executed):
    notebook = executed["05-where-the-language-comes-from.ipynb"]
    resolutions = sum(symbol.startswith("S/RES/") for symbol in FILLERS) + 1
    statements = len(FILLERS) + 2 - resolutions
    assert (f"{FOCUS} can be traced to {len(FILLERS) + 2} earlier document(s): {resolutions} resolution, {statements} statement."
            in shown(notebook, "corpus-enough"))
    # the changed verb: near-verbatim from the resolution's operative paragraph (para 2; para 1 is preambular)
    assert f"¶2: 49 characters near-verbatim from {RESOLUTION} ¶2, edit 促请→鼓励" in shown(notebook, "near-code")
    # the copied paragraph: first said in the resolution, last before the statement in S/PRST/2098/1
    assert f"¶3: 100% reused, first said in {RESOLUTION}; its exact passages last before in {EARLIER}" in shown(
        notebook, "provenance-print")
    assert images(notebook, "provenance-chart") == 1 and images(notebook, "reuse-code") == 1
    assert f"most of it was first said in {RESOLUTION} (resolution, 2097-01-10)" in shown(notebook, "summary-code")
    assert repr((RESOLUTION, EARLIER)) in shown(notebook, "ex4-solution")  # earliest and direct source differ
    added = shown(notebook, "new-citations-code")
    new = 1 if any("1373(2001)" in text for _, texts in FILLERS.values() for text in texts) else 2  # 9001 (2097), 1373?
    assert f"{FOCUS} cites {new} text(s) no earlier document of the corpus cites" in added and RESOLUTION in added
    assert "1 document(s) of the corpus cite it" in shown(notebook, "summary-code")  # S/PRST/2099/2
    assert images(notebook, "network-code") == 1 and images(notebook, "terms-code") == 1
    assert "drawn: 4 nodes." in shown(notebook, "network-code")  # the focus, the two texts it cites, the one citing it
    assert images(notebook, "force-code") == 1
    assert "('鼓励', '敦促')" in shown(notebook, "ex2-solution")  # the constructed example changes 鼓励 in the focus
    assert "→" not in shown(notebook, "example-code")  # the edit is exercise 2's answer: not shown before it
    assert f"The table: {FOCUS} with the 6 document(s) just before it and the 1 just after" in shown(notebook, "corpus-code")
    # instruments are cited by title, not by symbol: no nodes; the files hold as many rows as the network has
    assert "3 are instruments cited by title and not nodes" in shown(notebook, "network-code")
    assert "nodes.csv: 43 rows\n    edges.csv: 59 rows\n    network.graphml: 43 nodes, 59 edges" in shown(notebook, "export-code")


def test_04_compares_the_documents_of_the_corpus(executed):
    notebook = executed["04-comparisons.ipynb"]
    assert f"Comparing the {len(CORPUS)} documents of the corpus; the focus is {FOCUS}." in shown(notebook, "corpus-enough")
    resolutions = sum(symbol.startswith("S/RES/") for symbol in CORPUS)
    assert (f"comparing {len(CORPUS)} document unit(s) made of the operative paragraphs (left out: {len(CORPUS)} chapeau, "
            f"{resolutions} preambular)") in shown(notebook, "corpus-code")
    nearest = shown(notebook, "similarity-print").split(f"nearest to {FOCUS} by Jaccard: ")[1]
    assert nearest.startswith(f"{RESOLUTION} (") and f"), {EARLIER} (" in nearest  # they hold its agreed paragraphs
    recurring = shown(notebook, "passages-code")
    assert f"among {FOCUS} and its nearest neighbours" in recurring  # more than 30 documents: the focus's part
    assert images(notebook, "similarity-chart") == 1 and images(notebook, "force-code") == 1
