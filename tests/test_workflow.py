"""The commands notebooks 04 and 05 print when their corpus holds too few documents: each is a command the project's
command line (and run.py) accepts, asking for the series of the statement's topic and what it cites."""

from __future__ import annotations

import os
import shlex
from pathlib import Path

from series_fixtures import write_corpus

import run
from helpers import load_index
from helpers.tools.cli import build_parser
from helpers.tools.workflow import corpus_commands, corpus_instructions


def words(command: str) -> list[str]:
    """A command split as a POSIX shell does, a leading ~/ expanded as the shell would."""
    return [os.path.expanduser(word) if word.startswith("~/") else word for word in shlex.split(command)]


def test_the_shipped_statement_gets_its_series_and_what_it_cites():
    fetch, make, python = corpus_commands()
    assert fetch == ".venv/bin/python -m helpers fetch --topic terrorism --with-cited --corpus ~/prst-terrorism"
    assert make == "make report CORPUS=~/prst-terrorism"
    assert python == "python3 run.py report --corpus ~/prst-terrorism"
    args = build_parser().parse_args(words(fetch)[3:])
    assert args.command == "fetch" and args.topic == ["terrorism"] and args.with_cited
    assert args.corpus == Path.home() / "prst-terrorism"
    index = load_index()
    assert "S/PRST/2021/1" in set(index.loc[index["topic"] == args.topic[0], "symbol"])  # the series holds it
    report = run.parser().parse_args(words(python)[2:])
    assert report.command == "report" and report.corpus == str(args.corpus) and report.symbol == "S/PRST/2021/1"


def test_a_topic_with_spaces_is_one_word_and_another_symbol_is_named():
    index = load_index()
    symbol = index.loc[index["topic"] == "peace and security (general)", "symbol"].iloc[0]
    fetch, make, python = corpus_commands(symbol)
    assert "--topic 'peace and security (general)' --with-cited --corpus ~/prst-peace-and-security-general" in fetch
    assert build_parser().parse_args(words(fetch)[3:]).topic == ["peace and security (general)"]
    assert make.startswith(f"make report SYMBOL={symbol} CORPUS=~/prst-peace-and-security-general")
    assert run.parser().parse_args(words(python)[2:]).symbol == symbol


def test_a_document_outside_the_index_gets_what_it_cites_in_its_own_corpus(tmp_path):
    # test fixture corpus: one statement dated 2099 (测试样例), which the index does not list
    write_corpus(tmp_path / "my corpus", {"S/PRST/2099/1": ("2099-01-01", ["测试样例：安全理事会回顾第1373(2001)号决议。"])})
    fetch, make, _ = corpus_commands("S/PRST/2099/1", tmp_path / "my corpus")
    args = build_parser().parse_args(words(fetch)[3:])
    assert args.cited == ["S/PRST/2099/1"] and not args.topic
    assert Path(args.corpus) == (tmp_path / "my corpus").resolve()  # a folder name with a space stays one word
    assert "SYMBOL=S/PRST/2099/1" in make
    other = load_index().query("topic == 'other'")["symbol"].iloc[0]
    assert f"--cited {other} --corpus ~/prst-cited" in corpus_commands(other)[0]  # "other" is not a series


def test_a_corpus_given_with_a_tilde_is_found_when_no_shell_expanded_it(tmp_path, monkeypatch):
    # zsh and sh leave make's CORPUS=~/prst-x as typed; the commands must still find the folder (test fixture corpus)
    from helpers import data_dir, load_corpus
    from helpers.tools.reports import check_parameters

    monkeypatch.setenv("HOME", str(tmp_path))
    write_corpus(tmp_path / "prst-x", {"S/PRST/2099/1": ("2099-01-01", ["测试样例：安全理事会回顾第1373(2001)号决议。"])})
    assert data_dir("~/prst-x") == tmp_path / "prst-x"
    assert load_corpus("~/prst-x")["symbol"].unique().tolist() == ["S/PRST/2099/1"]
    assert check_parameters("S/PRST/2099/1", "~/prst-x")["SYMBOL"] == "S/PRST/2099/1"
    monkeypatch.setenv("PRST_DATA_DIR", "~/prst-x")
    assert data_dir() == tmp_path / "prst-x"


def test_the_printed_instructions_give_run_py_as_the_alternative_to_make_not_a_further_step():
    fetch, make, python = corpus_commands()
    intro, *commands = corpus_instructions().splitlines()
    assert intro.startswith("To fetch the statements of its series (terrorism) and the statements and resolutions")
    assert intro.endswith("run in the project folder:")
    assert commands == [f"    {fetch}", f"    {make}", f"    or, without make: {python}"]
    other = load_index().query("topic == 'other'")["symbol"].iloc[0]
    intro, *commands = corpus_instructions(other).splitlines()
    assert intro.startswith(f"To fetch the statements and resolutions it cites ({other} first") and "series" not in intro
    assert commands[-1].startswith("    or, without make: python3 run.py report --symbol")
