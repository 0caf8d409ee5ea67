"""The Council's verbs as reference tables: speech acts (data/speech_acts.csv) and modal words (data/modal_words.csv).

Read and checked once. ``helpers.ingest.statements`` takes its opening verbs from the speech-act table and
``helpers.analysis.speech_acts`` finds every act and modal word with both tables.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from helpers.errors import DataError
from helpers.ingest.registry import PROJECT_DATA, read_reference_table

SPEECH_ACTS_FILE = PROJECT_DATA / "speech_acts.csv"
MODAL_WORDS_FILE = PROJECT_DATA / "modal_words.csv"
SPEECH_ACT_FILE_COLUMNS = ["verb", "force", "force_rank", "english", "forms", "not_after", "not_before", "note"]
MODAL_FILE_COLUMNS = ["word", "kind", "english", "not_after", "not_before", "note"]


def split_list(cell: str) -> tuple[str, ...]:
    """Return the entries of a ``|``-separated cell (empty cell -> empty tuple)."""
    return tuple(part for part in cell.split("|") if part)


@cache
def speech_act_table() -> pd.DataFrame:
    """Return data/speech_acts.csv checked: verb, force, force_rank (int64), english, forms, not_after,
    not_before, note. ``forms`` lists other written forms of the verb; ``not_after`` / ``not_before`` list
    strings that, right before / after a form, make it another word. Sorted by force_rank, verb.

    DataError naming the file when a verb or form is listed twice, a force has two ranks, ranks are not
    1..N, or a verb has no force or English gloss.
    """
    path = SPEECH_ACTS_FILE
    table = read_reference_table(path, SPEECH_ACT_FILE_COLUMNS)
    if not table["force_rank"].str.fullmatch(r"\d+").all():
        raise DataError(f"{path}: force_rank must be a whole number on every row; fix the file.")
    table["force_rank"] = table["force_rank"].astype("int64")
    empty = table[(table["verb"] == "") | (table["force"] == "") | (table["english"] == "")]
    if not empty.empty:
        raise DataError(f"{path}: row {empty.index[0] + 2} lacks a verb, force or english gloss; fill it in.")
    surfaces = [*table["verb"], *(form for forms in table["forms"] for form in split_list(forms))]
    repeated = sorted({surface for surface in surfaces if surfaces.count(surface) > 1})
    if repeated:
        raise DataError(f"{path}: {', '.join(repeated)} listed more than once (as verb or form); keep one row.")
    ranks = table.groupby("force")["force_rank"].nunique()
    if (ranks > 1).any():
        raise DataError(f"{path}: force {ranks[ranks > 1].index[0]!r} has more than one force_rank; give it one.")
    distinct = sorted(table.drop_duplicates("force")["force_rank"])
    if distinct != list(range(1, len(distinct) + 1)):
        raise DataError(f"{path}: force_rank must run 1..{len(distinct)}, one per force; renumber it.")
    return table.sort_values(["force_rank", "verb"], ignore_index=True)


@cache
def modal_word_table() -> pd.DataFrame:
    """Return data/modal_words.csv checked: word, kind, english, not_after, not_before, note; sorted by kind, word.

    DataError naming the file when a word is listed twice or lacks a kind.
    """
    path = MODAL_WORDS_FILE
    table = read_reference_table(path, MODAL_FILE_COLUMNS)
    if ((table["word"] == "") | (table["kind"] == "")).any():
        raise DataError(f"{path}: every row needs a word and a kind; fill them in.")
    repeated = sorted(set(table.loc[table["word"].duplicated(), "word"]))
    if repeated:
        raise DataError(f"{path}: {', '.join(repeated)} listed more than once; keep one row.")
    return table.sort_values(["kind", "word"], ignore_index=True)


@cache
def speech_act_forms() -> dict[str, str]:
    """Return ``{written form: canonical verb}`` for every verb of data/speech_acts.csv and its forms."""
    table = speech_act_table()
    forms = {verb: verb for verb in table["verb"]}
    for verb, cell in zip(table["verb"], table["forms"], strict=True):
        forms.update(dict.fromkeys(split_list(cell), verb))
    return forms
