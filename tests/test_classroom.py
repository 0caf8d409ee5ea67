"""Student copies: every notebook ends with exercises and tagged solutions; the copies in notebooks/student/ are
what `make student` writes now (solutions replaced by a prompt, no outputs), never edited by hand."""

from __future__ import annotations

import json
import shutil

import nbformat
import pytest

from helpers import DataError
from helpers.tools.classroom import (
    PROMPT,
    STUDENT_DIR,
    solution_cells,
    stale_copies,
    student_copy,
    student_text,
    syllabus,
    syllabus_table,
    write_student_copies,
)
from helpers.tools.reports import PROJECT_ROOT, notebooks


def test_student_copies_are_up_to_date():
    stale = stale_copies()
    assert not stale, f"student copies out of date: {stale}; run `make student` and commit notebooks/student/"
    assert sorted(p.name for p in STUDENT_DIR.glob("*.ipynb")) == [p.name for p in notebooks()]


@pytest.mark.parametrize("path", notebooks(), ids=lambda path: path.name)
def test_notebook_ends_with_exercises_each_with_a_tagged_solution(path):
    cells = nbformat.read(path, as_version=4).cells
    starts = [i for i, cell in enumerate(cells) if cell.cell_type == "markdown" and "## Exercises" in cell.source]
    assert len(starts) == 1, f"{path.name}: one ## Exercises section expected"
    exercises = [
        i for i, cell in enumerate(cells) if cell.cell_type == "markdown" and "### Exercise" in cell.source and i >= starts[0]
    ]
    solutions = solution_cells(nbformat.from_dict({"cells": cells}))
    assert exercises and solutions
    assert min(solutions) > starts[0], f"{path.name}: solution cells belong under ## Exercises"
    for start, end in zip(exercises, [*exercises[1:], len(cells)], strict=True):
        assert any(start < i < end for i in solutions), f"{path.name}: exercise in cell {start} has no solution"


@pytest.mark.parametrize("path", notebooks(), ids=lambda path: path.name)
def test_student_copy_hides_solutions_and_clears_outputs(path):
    source = nbformat.read(path, as_version=4)
    text = student_text(path)
    student = nbformat.reads(text, as_version=4)
    nbformat.validate(student)
    assert [c.id for c in student.cells] == [c.id for c in source.cells]
    solutions = set(solution_cells(source))
    for index, (theirs, ours) in enumerate(zip(source.cells, student.cells, strict=True)):
        assert ours.cell_type == theirs.cell_type
        if ours.cell_type == "markdown":
            assert ours.source == theirs.source
            continue
        assert ours.outputs == [] and ours.execution_count is None
        assert "solution" not in ours.metadata.get("tags", [])
        assert ours.source == (PROMPT if index in solutions else theirs.source)
    elsewhere = "\n".join(cell.source for i, cell in enumerate(source.cells) if i not in solutions)
    for index in solutions:  # no solution line survives anywhere in the file (metadata included)
        for line in source.cells[index].source.splitlines():
            if len(line.strip()) > 12 and line not in elsewhere:
                assert json.dumps(line)[1:-1] not in text, f"{path.name}: solution line leaks: {line!r}"


def test_student_copy_of_a_small_notebook():
    # Test fixture: one exercise cell with another tag, one ordinary executed cell.
    solution = nbformat.v4.new_code_cell("answer = 42", execution_count=3, metadata={"tags": ["solution", "keep"]})
    solution.outputs = [nbformat.v4.new_output("stream", text="42\n")]
    ordinary = nbformat.v4.new_code_cell("x = 1", execution_count=2, metadata={"execution": {"iopub.status": "ok"}})
    notebook = nbformat.v4.new_notebook(cells=[ordinary, solution], metadata={"papermill": {"duration": 1.0}})
    student = student_copy(notebook)
    assert [cell.source for cell in student.cells] == ["x = 1", PROMPT]
    assert student.cells[1].metadata == {"tags": ["keep"]}
    assert student.cells[0].metadata == {}
    assert all(cell.outputs == [] and cell.execution_count is None for cell in student.cells)
    assert "papermill" not in student.metadata
    assert notebook.cells[1].source == "answer = 42", "the original must not change"


def test_write_student_copies_updates_and_removes_leftovers(tmp_path):
    source_dir, student_dir = tmp_path / "notebooks", tmp_path / "notebooks" / "student"
    source_dir.mkdir()
    first = notebooks()[0]
    shutil.copy(first, source_dir / first.name)
    student_dir.mkdir()
    (student_dir / first.name).write_text("edited by hand", encoding="utf-8")
    (student_dir / "99-removed.ipynb").write_text("{}", encoding="utf-8")
    assert stale_copies(source_dir, student_dir) == [first.name, "99-removed.ipynb"]
    assert write_student_copies(source_dir, student_dir) == [student_dir / first.name]
    assert [p.name for p in student_dir.iterdir()] == [first.name]
    assert stale_copies(source_dir, student_dir) == []
    assert write_student_copies(source_dir, student_dir) == []


def test_a_notebook_without_solutions_is_an_error(tmp_path):
    path = tmp_path / "05-no-exercises.ipynb"  # test fixture
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")]), path)
    with pytest.raises(DataError, match=r"05-no-exercises\.ipynb: no code cell tagged 'solution'"):
        student_text(path)


def test_readme_tells_teachers_what_each_notebook_teaches_and_how_long_it_takes():
    rows = syllabus()
    assert [name for name, _, _ in rows] == [path.name for path in notebooks()]
    assert all(title and time for _, title, time in rows), f"a notebook lacks a title or a 'Time:' line: {rows}"
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    table = syllabus_table()
    assert table in readme, f"README.md, For teachers: replace the notebook table with\n{table}"
