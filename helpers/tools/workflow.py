"""The commands that give a statement the corpus its comparisons need: fetch its series and what it cites, then
build the reports on that corpus. Notebooks 04 and 05 print them (``corpus_instructions``) when their corpus holds
too few documents.
"""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

from helpers.ingest.index import OTHER_TOPIC, load_index
from helpers.ingest.registry import PROJECT_DATA, data_dir
from helpers.ingest.statements import DEFAULT_SYMBOL
from helpers.ingest.symbols import normalise_symbol


def _shown_folder(folder: Path) -> str:
    """A folder as a shell word: under the home folder as ``~/…`` (the tilde left unquoted), else quoted."""
    home = Path.home()
    if folder.is_relative_to(home) and folder != home:
        return "~/" + shlex.quote(folder.relative_to(home).as_posix())
    return shlex.quote(str(folder))


def _series_topic(symbol: str) -> str | None:
    """The index topic of ``symbol`` when it belongs to a series (a topic other than "other"), else None."""
    index = load_index().set_index("symbol")
    topic = index["topic"].get(symbol) if symbol in index.index else None
    return topic if topic is not None and topic != OTHER_TOPIC else None


def corpus_commands(symbol: str = DEFAULT_SYMBOL, corpus: str | os.PathLike[str] | None = None) -> list[str]:
    """Return the commands, to run in the project folder, that fetch what comparing ``symbol`` needs and then
    build the reports on it: ``[fetch, make report, python3 run.py report]``.

    A statement the index lists under a topic gets its whole series and the documents the series cites
    (``fetch --topic TOPIC --with-cited``); any other document gets what it cites (``fetch --cited SYMBOL``,
    which fetches the document first if the folder lacks it). The folder is ``corpus`` when one is given,
    else a new folder ``~/prst-TOPIC`` (or ``~/prst-cited``): the project's own ``data/`` is kept as shipped.
    """
    symbol = normalise_symbol(symbol)
    topic = _series_topic(symbol)
    series = topic is not None
    given = corpus is not None and data_dir(corpus).resolve() != PROJECT_DATA.resolve()
    if given:
        folder = _shown_folder(data_dir(corpus).resolve())
    else:
        folder = "~/" + ("prst-" + re.sub(r"[^a-z0-9]+", "-", topic.lower()).strip("-") if series else "prst-cited")
    what = f"--topic {shlex.quote(topic)} --with-cited" if series else f"--cited {shlex.quote(symbol)}"
    make_symbol = "" if symbol == DEFAULT_SYMBOL else f" SYMBOL={shlex.quote(symbol)}"
    run_symbol = "" if symbol == DEFAULT_SYMBOL else f" --symbol {shlex.quote(symbol)}"
    return [
        f".venv/bin/python -m helpers fetch {what} --corpus {folder}",
        f"make report{make_symbol} CORPUS={folder}",
        f"python3 run.py report{run_symbol} --corpus {folder}",
    ]


def corpus_instructions(symbol: str = DEFAULT_SYMBOL, corpus: str | os.PathLike[str] | None = None) -> str:
    """Return the lines notebooks 04 and 05 print to say how to build the corpus ``symbol`` needs: what the
    commands fetch, then the ``corpus_commands`` indented, one a line, the last marked as the alternative to
    ``make report`` (``or, without make: python3 run.py report …``), not a further step.
    """
    symbol = normalise_symbol(symbol)
    fetch, make, python = corpus_commands(symbol, corpus)
    topic = _series_topic(symbol)
    what = (f"the statements of its series ({topic}) and the statements and resolutions they cite" if topic is not None
            else f"the statements and resolutions it cites ({symbol} first, if the folder lacks it)")
    return "\n".join([
        f"To fetch {what} (an internet connection needed), then build the reports on them, run in the project folder:",
        f"    {fetch}",
        f"    {make}",
        f"    or, without make: {python}",
    ])
