"""Reports: every notebook executed on the data and written as self-contained HTML."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbconvert import HTMLExporter

PROJECT_ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = PROJECT_ROOT / "notebooks"


def notebooks() -> list[Path]:
    """Return the numbered notebooks, in reading order."""
    return sorted(NOTEBOOK_DIR.glob("[0-9][0-9]-*.ipynb"))


def build_reports(out_dir: Path) -> list[Path]:
    """Execute every notebook and write ``out_dir/NAME.html``; return the written paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for path in notebooks():
        notebook = nbformat.read(path, as_version=4)
        NotebookClient(notebook, timeout=600, resources={"metadata": {"path": str(NOTEBOOK_DIR)}}).execute()
        html, _ = HTMLExporter().from_notebook_node(notebook)
        target = out_dir / f"{path.stem}.html"
        tmp = target.with_suffix(".html.tmp")
        tmp.write_text(html, encoding="utf-8")
        tmp.replace(target)
        written.append(target)
    return written
