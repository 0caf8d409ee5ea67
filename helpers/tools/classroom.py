"""Student copies of the notebooks: solutions replaced by a prompt, outputs cleared.

Teachers keep the solutions in the notebooks themselves (code cells tagged ``solution`` under ``## Exercises``);
``make student`` writes the copies to ``notebooks/student/`` and a zip to hand out (``dist/prst-zh-student.zip``:
the project without the solutions). Copies are never edited by hand: the test suite regenerates them in memory and
fails when a committed copy differs.

A solution cell may carry ``answer_stub`` in its metadata: the lines the student copy keeps under the prompt
(``long_paragraphs = ...``), so that the exercise's check cell (tagged ``check``, calling ``helpers.check``) says
"no answer yet" instead of failing on an undefined name.
"""

from __future__ import annotations

import copy
import re
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from helpers.errors import DataError
from helpers.tools.reports import NOTEBOOK_DIR, PROJECT_ROOT, notebooks

if TYPE_CHECKING:
    from nbformat import NotebookNode

STUDENT_DIR = NOTEBOOK_DIR / "student"
SOLUTION_TAG = "solution"
CHECK_TAG = "check"
STUB_KEY = "answer_stub"
PROMPT = "# Your answer here"
HANDOUT = PROJECT_ROOT / "dist" / "prst-zh-student.zip"
HANDOUT_FOLDER = "prst-zh-student"
HANDOUT_FILES = ("README.md", "LICENSE", "Makefile", "run.py", "pyproject.toml", "requirements.txt",
                 "requirements-lock.txt", "environment.yml")
"""Top-level files of the hand-out, beside helpers/, data/ and notebooks/student/."""
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_TIME = re.compile(r"\bTime:\s*(.+?)\.?\s*$", re.MULTILINE)


def solution_cells(notebook: NotebookNode) -> list[int]:
    """Return the indices of the code cells tagged ``solution``."""
    return [
        index
        for index, cell in enumerate(notebook.cells)
        if cell.cell_type == "code" and SOLUTION_TAG in cell.metadata.get("tags", [])
    ]


def student_copy(notebook: NotebookNode) -> NotebookNode:
    """Return a copy of a notebook for students: each solution cell holds only the prompt (and its answer stub,
    if it has one), every code cell has no outputs and no execution count, run metadata (timings, papermill) is
    gone. Cell ids are kept."""
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
            stub = cell.metadata.pop(STUB_KEY, "")
            cell.source = PROMPT + (f"\n{stub}" if stub else "")
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


def objectives(source_dir: Path = NOTEBOOK_DIR) -> list[tuple[str, list[str]]]:
    """Return ``(file, learning goals)`` for every numbered notebook, in reading order: the numbered items of its
    ``## Overview`` section, each joined into one line."""
    import nbformat  # slow to import; only needed here

    rows = []
    for path in notebooks(source_dir):
        text = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown")
        overview = text.split("## Overview", 1)[1].split("\n## ", 1)[0] if "## Overview" in text else ""
        goals = [" ".join(item.split()) for item in re.split(r"\n\d+\.\s+", "\n" + overview.strip())[1:]]
        rows.append((path.name, goals))
    return rows


def objectives_markdown(source_dir: Path = NOTEBOOK_DIR) -> str:
    """Return the learning objectives of every notebook as the Markdown list the README shows to teachers."""
    lines = []
    for name, goals in objectives(source_dir):
        lines.append(f"- `{name}`:")
        lines += [f"  {number}. {goal}" for number, goal in enumerate(goals, start=1)]
    return "\n".join(lines) + "\n"


def syllabus_table(source_dir: Path = NOTEBOOK_DIR) -> str:
    """Return the syllabus as the Markdown table the README shows to teachers."""
    lines = ["| notebook | what it teaches | time |", "| --- | --- | --- |"]
    lines += [f"| `{name}` | {title} | {time} |" for name, title, time in syllabus(source_dir)]
    return "\n".join(lines) + "\n"


def _handout_members(student_dir: Path) -> list[tuple[str, Path]]:
    """(name in the zip, file) of everything the hand-out holds, sorted by name."""
    members = [(name, PROJECT_ROOT / name) for name in HANDOUT_FILES]
    for folder in ("helpers", "data"):
        members += [
            (path.relative_to(PROJECT_ROOT).as_posix(), path)
            for path in (PROJECT_ROOT / folder).rglob("*")
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
        ]
    members += [(f"notebooks/student/{path.name}", path) for path in sorted(student_dir.glob("*.ipynb"))]
    return sorted(members)


def write_handout(path: Path = HANDOUT, student_dir: Path = STUDENT_DIR) -> Path:
    """Write the zip to hand out to students: the project (helpers/, data/, README, Makefile, run.py, requirements) with
    the student copies in notebooks/student/ and no solutions, in one folder ``prst-zh-student/``.

    The same files give the same bytes (sorted entries, fixed dates). Students unzip it and run ``make lab``.
    Call after ``write_student_copies``; DataError if a copy is out of date.
    """
    stale = stale_copies(student_dir=student_dir)
    if stale:
        raise DataError(f"student copies out of date: {', '.join(stale)}; run `make student` first.")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, source in _handout_members(student_dir):
                info = zipfile.ZipInfo(f"{HANDOUT_FOLDER}/{name}", date_time=_ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, source.read_bytes())
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return path
