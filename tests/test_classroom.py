"""Student copies: every notebook ends with exercises and tagged solutions; the copies in notebooks/student/ are
what `make student` writes now (solutions replaced by a prompt, no outputs), never edited by hand."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import pytest

from helpers import DataError
from helpers.tools.classroom import (
    CHECK_TAG,
    HANDOUT_FOLDER,
    PROMPT,
    STUB_KEY,
    STUDENT_DIR,
    objectives,
    objectives_markdown,
    solution_cells,
    stale_copies,
    student_copy,
    student_text,
    syllabus,
    syllabus_table,
    write_handout,
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
        assert "solution" not in ours.metadata.get("tags", []) and STUB_KEY not in ours.metadata
        stub = theirs.metadata.get(STUB_KEY)
        assert ours.source == ((PROMPT + (f"\n{stub}" if stub else "")) if index in solutions else theirs.source)
    elsewhere = "\n".join(cell.source for i, cell in enumerate(source.cells) if i not in solutions)
    for index in solutions:  # no solution line survives anywhere in the file (metadata included)
        for line in source.cells[index].source.splitlines():
            if len(line.strip()) > 12 and line not in elsewhere:
                assert json.dumps(line)[1:-1] not in text, f"{path.name}: solution line leaks: {line!r}"


def test_student_copy_of_a_small_notebook():
    # Test fixture: one exercise cell with another tag and an answer stub, one ordinary executed cell.
    solution = nbformat.v4.new_code_cell(
        "answer = 42", execution_count=3, metadata={"tags": ["solution", "keep"], STUB_KEY: "answer = ..."}
    )
    solution.outputs = [nbformat.v4.new_output("stream", text="42\n")]
    ordinary = nbformat.v4.new_code_cell("x = 1", execution_count=2, metadata={"execution": {"iopub.status": "ok"}})
    notebook = nbformat.v4.new_notebook(cells=[ordinary, solution], metadata={"papermill": {"duration": 1.0}})
    student = student_copy(notebook)
    assert [cell.source for cell in student.cells] == ["x = 1", f"{PROMPT}\nanswer = ..."]
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
    assert all(len(goals) >= 3 for _, goals in objectives()), "every notebook's Overview lists its learning goals"
    goals = objectives_markdown()
    assert goals in readme, f"README.md, For teachers: replace the learning objectives with\n{goals}"


def _check_cells(cells) -> list[int]:
    return [i for i, cell in enumerate(cells) if cell.cell_type == "code" and CHECK_TAG in cell.metadata.get("tags", [])]


@pytest.mark.parametrize("path", notebooks(), ids=lambda path: path.name)
def test_every_exercise_has_a_check_that_passes_on_the_solution(path):
    """Three tiers, a politics-or-law question, and after each solution a check cell whose committed output (the
    notebook executed with its solutions, as nbval re-runs it) says "correct"."""
    cells = nbformat.read(path, as_version=4).cells
    headings = [line for cell in cells if cell.cell_type == "markdown" for line in cell.source.splitlines()
                if line.startswith("### Exercise")]
    tiers = {tier for line in headings for tier in ("warm-up", "core", "challenge") if tier in line}
    assert tiers == {"warm-up", "core", "challenge"}, f"{path.name}: exercises in three tiers: {headings}"
    assert any("politics and law" in line for line in headings), f"{path.name}: no politics-or-law question"
    solutions = solution_cells(nbformat.from_dict({"cells": cells}))
    checks = _check_cells(cells)
    assert [i + 1 for i in solutions] == checks, f"{path.name}: each solution is followed by its check cell"
    for index in checks:
        cell = cells[index]
        assert cell.source.startswith("helpers.check(")
        printed = "".join(out.get("text", "") for out in cell.outputs if out.output_type == "stream")
        assert not [out for out in cell.outputs if out.output_type == "error"]
        assert printed.strip().endswith(": correct."), f"{path.name}: {cell.id} did not pass: {printed!r}"
        assert cells[index - 1].metadata.get(STUB_KEY), f"{path.name}: {cells[index - 1].id} has no answer stub"


def _execute_student_copy(path, out_dir):
    """Execute a student copy (from notebooks/student/, where students run it), going on after errors."""
    import subprocess
    import sys

    command = [sys.executable, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute", "--allow-errors",
               "--ExecutePreprocessor.timeout=600", "--output-dir", str(out_dir), str(path)]
    run = subprocess.run(command, capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stderr[-2000:]
    return nbformat.read(out_dir / path.name, as_version=4)


def test_in_every_student_copy_each_check_fails_until_answered(tmp_path):
    """Executed as handed out (answers still `...`), every check cell stops with "no answer yet" and no other cell
    fails: the checks cannot pass on the empty answer, and the rest of the notebook still runs."""
    from concurrent.futures import ThreadPoolExecutor

    copies = sorted(STUDENT_DIR.glob("*.ipynb"))
    with ThreadPoolExecutor(max_workers=2) as pool:
        executed = dict(zip(copies, pool.map(lambda path: _execute_student_copy(path, tmp_path), copies), strict=True))
    for path, notebook in executed.items():
        checks = set(_check_cells(notebook.cells))
        assert checks, path.name
        for index, cell in enumerate(notebook.cells):
            if cell.cell_type != "code":
                continue
            errors = [out for out in cell.outputs if out.output_type == "error"]
            if index in checks:
                assert errors and errors[0]["ename"] == "AssertionError", f"{path.name}: {cell.id} did not fail"
                assert "no answer yet" in errors[0]["evalue"], f"{path.name}: {cell.id}: {errors[0]['evalue']}"
            else:
                assert not errors, f"{path.name}: {cell.id} raised {errors[0]['ename']}: {errors[0]['evalue']}"


def test_the_handout_holds_the_project_without_solutions_and_works(tmp_path):
    import subprocess
    import sys
    import zipfile

    first = write_handout(tmp_path / "a.zip")
    second = write_handout(tmp_path / "b.zip")
    assert first.read_bytes() == second.read_bytes(), "the same files must give the same zip"
    with zipfile.ZipFile(first) as archive:
        names = archive.namelist()
        assert all(name.startswith(f"{HANDOUT_FOLDER}/") for name in names)
        inside = {name.removeprefix(f"{HANDOUT_FOLDER}/") for name in names}
        for path in notebooks():
            assert f"notebooks/{path.name}" not in inside, "a notebook with solutions is in the hand-out"
            copy = f"notebooks/student/{path.name}"
            assert archive.read(f"{HANDOUT_FOLDER}/{copy}") == (STUDENT_DIR / path.name).read_bytes()
        assert {"README.md", "Makefile", "requirements.txt", "helpers/__init__.py", "data/registry.txt"} <= inside
        assert not [name for name in inside if "__pycache__" in name or name.startswith(("tests/", "benchmarks/"))]
        archive.extractall(tmp_path / "unzipped")
    # The unzipped project loads its own data with its own helpers (checksums verified on load).
    root = tmp_path / "unzipped" / HANDOUT_FOLDER
    script = "import helpers; s = helpers.load_statement(); print(helpers.__file__); print(len(s))"
    run = subprocess.run([sys.executable, "-c", script], cwd=root, env={"PYTHONPATH": str(root), "PATH": ""},
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    module, rows = run.stdout.split()
    assert Path(module).is_relative_to(root) and int(rows) > 1
    # Students start the lab with make lab (which runs run.py) or, without make, python3 run.py lab: both need run.py.
    assert "run.py" in (root / "Makefile").read_text(encoding="utf-8")
    lab = subprocess.run([sys.executable, "run.py", "lab", "--help"], cwd=root, capture_output=True, text=True, timeout=60)
    assert lab.returncode == 0 and "--port" in lab.stdout, lab.stderr


def test_make_student_writes_the_copies_and_the_handout(monkeypatch, tmp_path, capsys):
    import helpers.tools.classroom as classroom
    from helpers.tools.cli import main

    # Everything goes to tmp_path: the test must not touch the project's notebooks/student/ or dist/.
    student_dir, handout = tmp_path / "student", tmp_path / "dist" / "prst-zh-student.zip"
    monkeypatch.setattr(classroom.write_student_copies, "__defaults__", (classroom.NOTEBOOK_DIR, student_dir))
    monkeypatch.setattr(classroom.write_handout, "__defaults__", (handout, student_dir))
    assert main(["student"]) == 0
    out = capsys.readouterr().out
    assert "hand-out without solutions" in out
    assert sorted(p.name for p in student_dir.iterdir()) == [p.name for p in notebooks()]
    assert handout.is_file()
    assert main(["student"]) == 0 and "student copies are up to date" in capsys.readouterr().out
