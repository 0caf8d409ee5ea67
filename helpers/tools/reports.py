"""Reports: every notebook executed with papermill and written as self-contained HTML, plus an index.

A report is the executed notebook, its parameters (SYMBOL, CORPUS) injected by papermill, followed by a
provenance section added at build time: the parameters, software versions, data checksums and the UTC time
it ran. Apart from that one time stamp line, building twice gives the same bytes.
"""

from __future__ import annotations

import contextlib
import html
import logging
import os
import re
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from helpers.errors import DataError
from helpers.ingest.registry import PROJECT_DATA, check_folder, data_dir
from helpers.ingest.statements import DEFAULT_SYMBOL, statement_record
from helpers.plots.fonts import font_face_css
from helpers.tools.versions import CORE_PACKAGES, data_checksums, software_versions

if TYPE_CHECKING:
    from nbformat import NotebookNode

# papermill, nbformat and nbconvert take seconds to import: they are imported where used, so that
# `import helpers` in every notebook stays fast.

PROJECT_ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK_DIR = PROJECT_ROOT / "notebooks"
REPORT_DIR = PROJECT_ROOT / "reports"
REPORT_PACKAGES = (*CORE_PACKAGES, "papermill", "nbclient", "nbconvert", "ipykernel")
TIMESTAMP_LABEL = "Report built at (UTC):"
"""Starts the one line of a report that changes from run to run (tests strip it)."""

# The lab template loads require.js, MathJax and Mermaid from a CDN; a report must open offline,
# so those script blocks are emptied (Markdown maths then shows as TeX source).
_TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
"""


@dataclass(frozen=True)
class Report:
    """One written report: the notebook it came from, its HTML file and its title."""

    notebook: Path
    html: Path
    title: str


def notebooks(folder: Path = NOTEBOOK_DIR) -> list[Path]:
    """Return the numbered notebooks (``NN-*.ipynb``), in reading order."""
    return sorted(folder.glob("[0-9][0-9]-*.ipynb"))


def notebook_title(notebook: NotebookNode) -> str:
    """Return the text of the notebook's first ``#`` heading (the file's title)."""
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return ""


def _display_path(path: Path) -> str:
    """Return a path relative to the project when it lies inside, so reports carry no machine paths."""
    path = Path(path).resolve()
    return path.relative_to(PROJECT_ROOT).as_posix() if path.is_relative_to(PROJECT_ROOT) else path.as_posix()


def check_parameters(symbol: str, corpus: str | os.PathLike[str] | None = None) -> dict[str, str | None]:
    """Return the notebook parameters ``{"SYMBOL": ..., "CORPUS": ...}`` after checking them.

    SYMBOL must be a statement of the corpus folder (``data/`` when CORPUS is None); otherwise DataError
    lists the known symbols. Every file of the corpus and of the reference tables must match its checksum
    (``check_folder``), so that damaged data stops the build with one line before any notebook runs. CORPUS is
    passed to the notebooks relative to ``notebooks/`` (where they run).
    """
    corpus = None if corpus is None else data_dir(corpus)  # ~ expanded
    if corpus is not None and not corpus.is_dir():
        raise DataError(f"{corpus}: corpus folder not found; give a folder laid out like data/ (statements.csv, raw/).")
    for folder in dict.fromkeys([PROJECT_DATA.resolve(), data_dir(corpus).resolve()]):
        check_folder(folder)
    record = statement_record(symbol, corpus)
    corpus_arg = None if corpus is None else os.path.relpath(Path(corpus).resolve(), NOTEBOOK_DIR)
    return {"SYMBOL": record["symbol"], "CORPUS": corpus_arg}


def declared_parameters(path: Path) -> list[str]:
    """Return the names set in the notebook's cell tagged ``parameters``; DataError if it has none."""
    import papermill

    try:
        declared = papermill.inspect_notebook(str(path))
    except Exception as error:  # unreadable JSON, no language in the metadata
        raise DataError(f"{_display_path(path)}: cannot read its parameters ({type(error).__name__}: {error}).") from error
    if not declared:
        raise DataError(
            f"{_display_path(path)}: no code cell tagged 'parameters'; add one after the Imports cell "
            f'holding SYMBOL = "{DEFAULT_SYMBOL}" (see STYLE.md).'
        )
    return list(declared)


def _markdown_table(table: pd.DataFrame) -> str:
    header = "| " + " | ".join(table.columns) + " |\n| " + " | ".join("---" for _ in table.columns) + " |\n"
    rows = ("| " + " | ".join(f"`{value}`" for value in row) + " |\n" for row in table.itertuples(index=False))
    return header + "".join(rows)


def provenance_markdown(parameters: dict[str, str | None], built_at: datetime, corpus_given: str | None = None) -> str:
    """Return the Markdown of a report's last section: parameters (CORPUS as the user gave it, ``corpus_given``),
    statement, versions (Python in full), checksums, UTC time."""
    corpus = parameters["CORPUS"]
    corpus_dir = data_dir(None if corpus is None else NOTEBOOK_DIR / corpus)
    record = statement_record(parameters["SYMBOL"], corpus_dir)
    shown_corpus = "None (the project's data/)" if corpus is None else str(corpus_given or corpus)
    shown = pd.DataFrame([("SYMBOL", parameters["SYMBOL"]), ("CORPUS", shown_corpus)], columns=["parameter", "value"])
    folders = [corpus_dir] if corpus_dir.resolve() == PROJECT_DATA.resolve() else [PROJECT_DATA, corpus_dir]
    checksums = pd.concat(
        [data_checksums(folder).assign(folder=_display_path(folder)) for folder in folders], ignore_index=True
    )[["folder", "file", "sha256"]]
    title = f"{record['symbol']} · {record['agenda_item']}" if record["agenda_item"] else record["symbol"]
    stamp = built_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        "## Report provenance\n\n"
        "This report was built by `make report`: papermill ran the notebook with the parameters below and "
        "nbconvert wrote this page.\n\n"
        f"### {html.escape(title)}\n\n"
        f"{_markdown_table(shown)}\n"
        "### Software that built this report\n\n"
        f"{_markdown_table(software_versions(REPORT_PACKAGES, full_python=True))}\n"
        "### Data files (SHA-256)\n\n"
        f"{_markdown_table(checksums)}\n"
        f"{TIMESTAMP_LABEL} {stamp}\n"
    )


def normalise_run(notebook: NotebookNode) -> None:
    """Remove what changes between runs: papermill timings, execution timestamps, the random id papermill
    gives the injected-parameters cell, and how the kernel happened to split a cell's printed output into
    stream messages (consecutive stdout pieces are merged, as nbval does before comparing)."""
    from nbconvert.preprocessors import CoalesceStreamsPreprocessor

    CoalesceStreamsPreprocessor().preprocess(notebook, {})
    notebook.metadata.pop("papermill", None)
    for cell in notebook.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.id = "injected-parameters"


class NotebookFailed(DataError):
    """A cell of a notebook raised while it was executed; the message names the notebook, the cell and the line."""


_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_CELL_LINE = re.compile(r"Cell In\[\d+\], line (\d+)")
_FRAME = re.compile(r"File (\S+?):(\d+), in ")


def _failure_place(path: Path, error) -> str:
    """Return where a papermill execution error happened: the cell (id and first line), the line of the cell
    that raised, and the innermost line of the project's own code below it, if any."""
    source = error.source or ""
    cell_id = next(
        (cell.get("id", "") for cell in _read_cells(path) if cell.get("cell_type") == "code" and cell["source"] == source),
        "",
    )
    first = next((line for line in source.splitlines() if line.strip()), "")
    place = f"the cell starting {first!r}" + (f" (cell id {cell_id})" if cell_id else "")
    traceback = _ANSI.sub("", "\n".join(error.traceback or []))
    lines = [int(m[1]) for m in _CELL_LINE.finditer(traceback)]
    source_lines = source.splitlines()
    if lines and 0 < lines[-1] <= len(source_lines):
        place += f", line {lines[-1]} {source_lines[lines[-1] - 1].strip()!r}"
    own = [(Path(file), line) for file, line in _FRAME.findall(traceback) if _is_project_file(Path(file))]
    if own:
        file, line = own[-1]
        place += f" (in {_display_path(file)}:{line})"
    return place


def _read_cells(path: Path) -> list[dict]:
    import nbformat

    try:
        return nbformat.read(path, as_version=4).cells
    except Exception:  # the notebook ran, so it is readable; never hide the real error behind this one
        return []


def _is_project_file(file: Path) -> bool:
    try:
        return file.resolve().is_relative_to(PROJECT_ROOT / "helpers")
    except OSError:
        return False


def rerun_commands(path: Path, symbol: str, corpus: str | os.PathLike[str] | None) -> str:
    """Return the commands that run the failing notebook again with the same parameters: the report (make and
    Python) and papermill on that one notebook, every value quoted for a POSIX shell."""
    from shlex import quote

    corpus_text = None if corpus is None else str(corpus)
    make = f"make report SYMBOL={quote(symbol)}" + ("" if corpus_text is None else f" CORPUS={quote(corpus_text)}")
    python = f".venv/bin/python -m helpers report --symbol {quote(symbol)}" + (
        "" if corpus_text is None else f" --corpus {quote(corpus_text)}"
    )
    corpus_parameter = "" if corpus_text is None else f" -p CORPUS {quote(str(data_dir(corpus_text).resolve()))}"
    papermill = (
        f".venv/bin/papermill {quote(_display_path(path))} /tmp/{quote(path.stem)}.out.ipynb "
        f"--cwd {quote(_display_path(path.parent))} -p SYMBOL {quote(symbol)}{corpus_parameter}"
    )
    return f"Run it again with the same parameters: `{make}` (or `{python}`), or this notebook alone: `{papermill}`."


def execute(path: Path, parameters: dict[str, str | None], progress: bool = True) -> NotebookNode:
    """Return the notebook at ``path`` executed by papermill in ``notebooks/`` with the parameters it declares.

    Only declared parameters are passed (a notebook without CORPUS does not get it). A failing cell raises
    NotebookFailed naming the notebook, the cell, the line and the error.
    """
    import papermill

    declared = declared_parameters(path)
    passed = {name: value for name, value in parameters.items() if name in declared}
    bar = {"desc": path.stem, "leave": True} if progress else False
    try:
        executed = papermill.execute_notebook(
            str(path),
            None,
            parameters=passed,
            cwd=str(path.parent),
            progress_bar=bar,
            record_timing=False,
            # The kernel's own log would break the progress bar with noise: a warning that it listens on TCP
            # without encryption (it binds to 127.0.0.1 only) and, at times, "KeyboardInterrupt caught" while
            # it is shut down after the last cell. Errors in cells still reach the notebook and stop the build.
            extra_arguments=["--IPKernelApp.log_level=CRITICAL"],
        )
    except papermill.PapermillExecutionError as error:
        if error.ename == "KeyboardInterrupt":  # Ctrl-C reached the kernel too: the build was interrupted
            raise KeyboardInterrupt from None
        raise NotebookFailed(
            f"{_display_path(path)}: {_failure_place(path, error)} raised {error.ename}: {error.evalue.rstrip('.')}."
        ) from None
    except Exception as error:  # kernel died, timeout, unreadable notebook: still name the notebook
        raise DataError(f"{_display_path(path)}: could not be executed ({type(error).__name__}: {error}).") from error
    normalise_run(executed)
    return executed


def to_html(notebook: NotebookNode, title: str) -> str:
    """Return self-contained HTML of an executed notebook (lab template, images as data URIs, no scripts)."""
    import jinja2
    from nbconvert import HTMLExporter

    # nbconvert warns for every chart that it has no alt text, then adds a generic one; charts are described
    # by the Markdown around them, so the warning is only noise in the terminal.
    quiet = logging.getLogger("helpers.tools.reports.nbconvert")
    quiet.setLevel(logging.ERROR)
    exporter = HTMLExporter(
        log=quiet,
        template_name="lab",
        extra_loaders=[jinja2.DictLoader({"report.html.j2": _TEMPLATE})],
        template_file="report.html.j2",
        embed_images=True,
    )
    body, _ = exporter.from_notebook_node(notebook, resources={"metadata": {"name": title}})
    return with_embedded_font(body)


def with_embedded_font(page: str) -> str:
    """Return an HTML page with Noto Sans SC (subset to the page's characters) embedded before ``</head>``."""
    head_end = page.index("</head>")
    return f"{page[:head_end]}<style>\n{font_face_css(page)}</style>\n{page[head_end:]}"


def index_html(reports: list[Report], parameters: dict[str, str | None], corpus_given: str | None = None) -> str:
    """Return the HTML of ``index.html``: one link per report, with its title, in reading order; CORPUS is
    shown as the user gave it (``corpus_given``)."""
    corpus = parameters["CORPUS"]
    record = statement_record(parameters["SYMBOL"], None if corpus is None else NOTEBOOK_DIR / corpus)
    heading = f"{record['symbol']} · {record['agenda_item']}" if record["agenda_item"] else record["symbol"]
    items = "\n".join(
        f'<li><a href="{html.escape(report.html.name)}">{html.escape(report.title)}</a> '
        f"<code>{html.escape(report.notebook.name)}</code></li>"
        for report in reports
    )
    return with_embedded_font(
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        "<title>Reports: presidential statements in Chinese</title>\n"
        "<style>body{font-family:sans-serif;max-width:50em;margin:2em auto;line-height:1.5}</style>\n"
        "</head>\n<body>\n<h1>Reports</h1>\n"
        f"<h2>{html.escape(heading)}</h2>\n"
        f"<p>Every notebook executed with SYMBOL = <code>{html.escape(record['symbol'])}</code>, "
        f"CORPUS = <code>{html.escape(str(corpus_given or corpus))}</code>. Each report ends with its provenance.</p>\n"
        f"<ol>\n{items}\n</ol>\n</body>\n</html>\n"
    )


def _write(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8", newline="\n")
    tmp.replace(path)


@contextlib.contextmanager
def _ctrl_c_held() -> Iterator[list[bool]]:
    """Hold Ctrl-C (SIGINT) back for the few milliseconds of the block; the list it yields records whether one
    came. Only the main thread receives signals, so elsewhere this does nothing."""
    received: list[bool] = []
    if threading.current_thread() is not threading.main_thread():
        yield received
        return
    previous = signal.signal(signal.SIGINT, lambda *_: received.append(True))
    try:
        yield received
    finally:
        signal.signal(signal.SIGINT, previous)


def _swap_in(staging: Path, out_dir: Path) -> None:
    """Put the finished staging folder in place of ``out_dir`` (a rename each, never a half-written folder).

    Between the two renames ``out_dir`` does not exist: a Ctrl-C then is held back and the swap finishes (the
    build is complete, and the command says it was written); if the second rename fails, the previous folder is
    put back, so ``out_dir`` is never left missing.
    """
    old = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.parent))
    previous = old / out_dir.name
    try:
        with _ctrl_c_held():
            try:
                if out_dir.exists():
                    out_dir.replace(previous)
                staging.replace(out_dir)
            except BaseException:
                if previous.exists() and not out_dir.exists():
                    previous.replace(out_dir)
                raise
    finally:
        shutil.rmtree(old, ignore_errors=True)


def build_reports(
    out_dir: Path = REPORT_DIR,
    symbol: str = DEFAULT_SYMBOL,
    corpus: str | os.PathLike[str] | None = None,
    *,
    sources: list[Path] | None = None,
    progress: bool = True,
) -> list[Report]:
    """Execute every notebook and write ``out_dir/NN-name.html`` and ``out_dir/index.html``.

    The parameters are checked before any notebook runs (an unknown symbol is a DataError listing the known
    ones). Everything is written to a staging folder first; ``out_dir`` is replaced only when every notebook
    succeeded, so a failure leaves the previous reports as they were. Returns the reports in reading order.
    """
    import nbformat

    parameters = check_parameters(symbol, corpus)
    corpus_given = None if corpus is None else str(corpus)
    sources = notebooks() if sources is None else sources
    if not sources:
        raise DataError(f"{_display_path(NOTEBOOK_DIR)}: no notebooks named NN-*.ipynb to report on.")
    for path in sources:
        declared_parameters(path)
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=out_dir.parent))
    try:
        reports = []
        for path in sources:
            built_at = datetime.now(UTC)
            try:
                executed = execute(path, parameters, progress=progress)
            except NotebookFailed as failure:
                raise NotebookFailed(
                    f"{failure} {rerun_commands(path, parameters['SYMBOL'], corpus)} No report was changed."
                ) from None
            executed.cells.append(
                nbformat.v4.new_markdown_cell(provenance_markdown(parameters, built_at, corpus_given), id="report-provenance")
            )
            title = notebook_title(executed) or path.stem
            target = staging / f"{path.stem}.html"
            _write(target, to_html(executed, title))
            reports.append(Report(path, out_dir / target.name, title))
        _write(staging / "index.html", index_html(reports, parameters, corpus_given))
        staging.chmod(0o755)
        _swap_in(staging, out_dir)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return reports


def strip_timestamp(page: str) -> str:
    """Return report HTML without its time stamp line (to compare two builds)."""
    return re.sub(rf"^.*{re.escape(TIMESTAMP_LABEL)}.*$\n?", "", page, flags=re.MULTILINE)
