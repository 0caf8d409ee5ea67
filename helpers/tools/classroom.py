"""Student copies of the notebooks: solutions replaced by a prompt, outputs cleared.

Teachers keep the solutions in the notebooks themselves (code cells tagged ``solution`` under ``## Exercises``);
``make student`` writes the copies to ``notebooks/student/``. Copies are never edited by hand: the test suite
regenerates them in memory and fails when a committed copy differs.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import TYPE_CHECKING

from helpers.errors import DataError
from helpers.tools.reports import NOTEBOOK_DIR, notebooks

if TYPE_CHECKING:
    from nbformat import NotebookNode

STUDENT_DIR = NOTEBOOK_DIR / "student"
SOLUTION_TAG = "solution"
PROMPT = "# Your answer here"
_TIME = re.compile(r"\bTime:\s*(.+?)\.?\s*$", re.MULTILINE)


def solution_cells(notebook: NotebookNode) -> list[int]:
    """Return the indices of the code cells tagged ``solution``."""
    return [
        index
        for index, cell in enumerate(notebook.cells)
        if cell.cell_type == "code" and SOLUTION_TAG in cell.metadata.get("tags", [])
    ]


def student_copy(notebook: NotebookNode) -> NotebookNode:
    """Return a copy of a notebook for students: each solution cell holds only the prompt, every code cell
    has no outputs and no execution count, run metadata (timings, papermill) is gone. Cell ids are kept."""
    student = copy.deepcopy(notebook)
    student.metadata.pop("papermill", None)
    solutions = set(solution_cells(student))
    for index, cell in enumerate(student.cells):
        cell.metadata.pop("execution", None)
        cell.metadata.pop("papermill", None)
        if cell.cell_type != "code":
            continue
        cell.outputs = []
        cell.execution_count = None
        if index in solutions:
            cell.source = PROMPT
            tags = [tag for tag in cell.metadata.get("tags", []) if tag != SOLUTION_TAG]
            if tags:
                cell.metadata["tags"] = tags
            else:
                cell.metadata.pop("tags", None)
    return student


def student_text(path: Path) -> str:
    """Return the student copy of the notebook at ``path`` as the exact text written to disk.

    DataError if the notebook has no solution cell (every notebook ends with exercises).
    """
    import nbformat  # slow to import; only needed here

    notebook = nbformat.read(path, as_version=4)
    if not solution_cells(notebook):
        raise DataError(
            f"{path.name}: no code cell tagged '{SOLUTION_TAG}'; every notebook ends with ## Exercises whose "
            "solutions are code cells tagged 'solution'."
        )
    return nbformat.writes(student_copy(notebook)) + "\n"


def expected_copies(source_dir: Path = NOTEBOOK_DIR) -> dict[str, str]:
    """Return ``{file name: text}`` of the student copy of every numbered notebook in ``source_dir``."""
    return {path.name: student_text(path) for path in notebooks(source_dir)}


def stale_copies(source_dir: Path = NOTEBOOK_DIR, student_dir: Path = STUDENT_DIR) -> list[str]:
    """Return the names of student copies that are missing, out of date, or left over from a removed
    notebook (sorted); empty when ``make student`` has nothing to do."""
    expected = expected_copies(source_dir)
    present = {path.name for path in student_dir.glob("*.ipynb")} if student_dir.is_dir() else set()
    stale = {name for name in present - expected.keys()}
    for name, text in expected.items():
        path = student_dir / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            stale.add(name)
    return sorted(stale)


def write_student_copies(source_dir: Path = NOTEBOOK_DIR, student_dir: Path = STUDENT_DIR) -> list[Path]:
    """Write the student copy of every numbered notebook to ``student_dir`` and remove copies of notebooks
    that no longer exist; return the paths written (unchanged files are left untouched)."""
    expected = expected_copies(source_dir)
    student_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in expected.items():
        path = student_dir / name
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            continue
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(text, encoding="utf-8", newline="\n")
        tmp.replace(path)
        written.append(path)
    for path in student_dir.glob("*.ipynb"):
        if path.name not in expected:
            path.unlink()
    return written


def syllabus(source_dir: Path = NOTEBOOK_DIR) -> list[tuple[str, str, str]]:
    """Return ``(file, title, time)`` for every numbered notebook, in reading order: the title without its
    number, and the time to work through it from the ``Time:`` line of its Prerequisites ("" if missing)."""
    import nbformat  # slow to import; only needed here

    from helpers.tools.reports import notebook_title

    rows = []
    for path in notebooks(source_dir):
        notebook = nbformat.read(path, as_version=4)
        title = re.sub(r"^\d+\s*·\s*", "", notebook_title(notebook))
        times = [m[1].strip() for c in notebook.cells if c.cell_type == "markdown" for m in _TIME.finditer(c.source)]
        rows.append((path.name, title, times[0] if times else ""))
    return rows


def syllabus_table(source_dir: Path = NOTEBOOK_DIR) -> str:
    """Return the syllabus as the Markdown table the README shows to teachers."""
    lines = ["| notebook | what it teaches | time |", "| --- | --- | --- |"]
    lines += [f"| `{name}` | {title} | {time} |" for name, title, time in syllabus(source_dir)]
    return "\n".join(lines) + "\n"
