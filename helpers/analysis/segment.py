"""Chinese word segmentation that respects UN language: citations first, then jieba with the UN lexicon.

This is the only module that imports jieba (and rjieba). It sets jieba up once, quietly: logging at
WARNING before the dictionary loads, the dictionary cache in a per-user cache folder (platformdirs)
instead of ``/tmp/jieba.cache``, and the import with the SyntaxWarnings/DeprecationWarnings of jieba's
old regex literals suppressed.

Why citations go first: jieba cuts text into blocks with its own regex before any user dictionary is
consulted, so ``S/2020/372`` or ``第1373(2001)号决议`` are shredded whatever the lexicon says.
``helpers.analysis.citations.segment_spans`` finds them, and every name of a UN entity of
``data/un_entities.csv`` (the same table the citation extractor reads); each becomes one token, whatever
stands around it, and jieba only sees the text between them. jieba's dictionary gets the terms, reporting
verbs and variants of ``data/un_lexicon.csv`` and the instrument titles of ``data/citation_aliases.csv``.

Known variants of one term (外国恐怖主义战斗人员 / 外国恐怖主义作战人员) keep their surface form in ``token``;
the ``term`` column of the token table holds the canonical form (``variant_of`` in the lexicon).

Whitespace is never a token. Punctuation tokens are kept (``kind == "punct"`` in the token table), so
the tokens joined equal the text with its whitespace removed; frequency tables drop them.
"""

from __future__ import annotations

import logging
import os
import re
import sys
import warnings
from collections.abc import Iterable
from functools import cache, lru_cache, partial
from pathlib import Path

import pandas as pd

from helpers.analysis.citations import instrument_titles, segment_spans
from helpers.errors import DataError
from helpers.ingest.registry import PROJECT_DATA
from helpers.parallel import map_documents, worker_count

LEXICON_PATH = PROJECT_DATA / "un_lexicon.csv"
LEXICON_COLUMNS = ["term", "freq", "pos", "kind", "justification", "variant_of"]
LEXICON_KINDS = ("term", "actor", "verb", "split")
"""``term``: a UN term; ``actor``: whom the Council addresses or names generically (会员国, 民间社会; named
entities are in ``data/un_entities.csv``); ``verb``: a reporting verb of the Council (特别指出, 表示关切);
``split`` entries have freq 0: a jieba dictionary word that glues a UN term to its neighbour is removed."""
TITLE_FREQ = 2000
"""jieba count given to the instrument titles of ``data/citation_aliases.csv`` (联合国宪章 outside 《》)."""
BACKENDS = ("jieba", "rjieba")
TOKEN_COLUMNS = ["symbol", "para", "position", "token", "term", "kind", "start", "end"]
TOKEN_KINDS = ("word", "number", "citation", "punct")
PROGRESS_MIN_PARAGRAPHS = 500
"""Token tables over at least this many paragraphs show a progress bar (in a terminal or a notebook)."""


def cache_dir() -> Path:
    """Return the per-user cache folder of the project (jieba's dictionary cache lives there)."""
    import platformdirs

    path = Path(platformdirs.user_cache_dir("prst-zh", appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


@cache
def jieba_module():
    """Import jieba once, quietly; return the module with its default tokenizer set up (no lexicon)."""
    with warnings.catch_warnings():
        # jieba 0.42.1 has invalid escapes in regex literals (SyntaxWarning on 3.12, DeprecationWarning
        # on 3.11) and imports pkg_resources (UserWarning on recent setuptools).
        warnings.simplefilter("ignore", SyntaxWarning)
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", UserWarning)
        import jieba
    jieba.setLogLevel(logging.WARNING)
    jieba.dt.tmp_dir = str(cache_dir())
    return jieba


@cache
def wordfreq_module():
    """Return the wordfreq package with its Chinese jieba tokenizer set up quietly (cache in cache_dir()).

    wordfreq cuts multi-word Chinese terms with a jieba tokenizer of its own; left alone it would log
    to stderr and write its cache to /tmp on first use.
    """
    jieba = jieba_module()
    import wordfreq
    from wordfreq import chinese

    if chinese.jieba_tokenizer is None:
        tokenizer = jieba.Tokenizer(dictionary=chinese.DICT_FILENAME)
        tokenizer.tmp_dir = str(cache_dir())
        chinese.jieba_tokenizer = tokenizer
    return wordfreq


@cache
def _read_lexicon(path: str) -> pd.DataFrame:
    path = Path(path)
    if not path.is_file():
        raise DataError(f"{path}: the UN lexicon is missing; restore data/un_lexicon.csv from the repository.")
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, UnicodeDecodeError) as error:
        raise DataError(f"{path}: not a readable UTF-8 CSV ({error}); fix the file and try again.") from None
    if list(table.columns) != LEXICON_COLUMNS:
        raise DataError(f"{path}: columns must be {', '.join(LEXICON_COLUMNS)}; found {', '.join(table.columns)}.")
    problems = []
    if table["term"].duplicated().any():
        problems.append("duplicate terms " + ", ".join(sorted(set(table.loc[table["term"].duplicated(), "term"]))))
    if not table["kind"].isin(LEXICON_KINDS).all():
        problems.append("kind must be one of " + "/".join(LEXICON_KINDS))
    split = table["kind"] == "split"
    if not (table["freq"].str.fullmatch(r"[1-9]\d*") | (split & (table["freq"] == "0"))).all():
        problems.append("freq must be a positive whole number (0 only for kind split)")
    if (table["justification"].str.strip() == "").any() or (table["term"].str.strip() != table["term"]).any() or (
        table["term"] == ""
    ).any():
        problems.append("every row needs a term (no surrounding spaces) and a justification")
    variants = table["variant_of"] != ""
    canonical = set(table.loc[~variants, "term"])
    if not table.loc[variants, "variant_of"].isin(canonical).all():
        problems.append("variant_of must name a term of the lexicon that is not itself a variant")
    if problems:
        raise DataError(f"{path}: " + "; ".join(problems) + ". Fix the file and try again.")
    table["freq"] = table["freq"].astype("int64")
    return table.sort_values("term", ignore_index=True)


def read_lexicon(path: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Return the UN term lexicon: term, freq, pos, kind (term/actor/verb/split), justification, variant_of
    (the canonical term a variant is counted as, else empty).

    Sorted by term. Names of UN entities are not here but in ``data/un_entities.csv`` (``helpers.un_entities``). ``freq`` is the count handed to jieba (the scale of jieba's dict.txt); kind ``split``
    (freq 0) removes a dictionary word that glues a term to its neighbour. DataError names the file if
    it is missing or malformed.
    """
    return _read_lexicon(str(path) if path is not None else str(LEXICON_PATH)).copy()


@cache
def _project_jieba():
    """A jieba Tokenizer of its own (jieba's global one stays default) with the UN lexicon added."""
    jieba = jieba_module()
    tokenizer = jieba.Tokenizer()
    tokenizer.tmp_dir = str(cache_dir())
    tokenizer.initialize()
    for word, freq, pos in _dictionary_words():
        tokenizer.add_word(word, freq, pos)
    return tokenizer


def _dictionary_words() -> list[tuple[str, int, str]]:
    """``(word, freq, pos)`` added to the backends: the lexicon, then the instrument titles it lacks."""
    lexicon = read_lexicon()
    words = [(row.term, int(row.freq), row.pos) for row in lexicon.itertuples()]
    known = set(lexicon["term"])
    return words + [(title, TITLE_FREQ, "nz") for title in instrument_titles() if title not in known]


@cache
def _variants() -> dict[str, str]:
    lexicon = read_lexicon()
    variants = lexicon[lexicon["variant_of"] != ""]
    return dict(zip(variants["term"], variants["variant_of"], strict=True))


@cache
def _project_rjieba():
    """An rjieba (jieba-rs) instance with the UN lexicon added with the same frequencies and tags."""
    import rjieba

    tokenizer = rjieba.Jieba()
    for word, freq, pos in _dictionary_words():
        tokenizer.add_word(word, freq, pos)
    return tokenizer


def default_jieba_cut(text: str) -> list[str]:
    """Return ``jieba.lcut(text)`` exactly as plain jieba gives it (no lexicon, no citation protection).

    Whitespace tokens are dropped. For comparisons only (the segmentation audit, the benchmark).
    """
    return [token for token in jieba_module().lcut(text) if not token.isspace()]


def _cutter(backend: str):
    if backend == "jieba":
        return _project_jieba().lcut
    if backend == "rjieba":
        return _project_rjieba().cut
    raise DataError(f"unknown segmentation backend {backend!r}; use one of {', '.join(BACKENDS)}.")


_LETTER = re.compile(r"[^\W\d_]")
_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=1 << 16)
def token_kind(token: str) -> str:
    """Return ``word`` (has a Han character or a letter), ``number`` (digits, maybe with . , %) or ``punct``.

    Citation tokens are recognised by position, not by form, so this never returns ``citation``.
    """
    if _LETTER.search(token):
        return "word"
    if _DIGIT.search(token):
        return "number"
    return "punct"


def _segments(text: str, backend: str) -> list[tuple[str, str, int, int]]:
    """Return ``(token, kind, start, end)`` for the text: citations and entity names whole, the rest cut by
    the backend."""
    cut = _cutter(backend)
    out: list[tuple[str, str, int, int]] = []

    def cut_gap(start: int, end: int) -> None:
        position = start
        for token in cut(text[start:end]):
            token_end = position + len(token)
            if not token.isspace():
                out.append((token, token_kind(token), position, token_end))
            position = token_end

    cursor = 0
    for start, end, is_citation in segment_spans(text):
        if start > cursor:
            cut_gap(cursor, start)
        token = "".join(text[start:end].split())
        out.append((token, "citation" if is_citation else token_kind(token), start, end))
        cursor = end
    if cursor < len(text):
        cut_gap(cursor, len(text))
    return out


def tokenize(text: str, backend: str = "jieba") -> list[str]:
    """Return the tokens of a text: citations and UN entity names as single tokens, UN terms whole,
    punctuation kept.

    Whitespace is dropped (also inside a citation: ``第 1373 (2001) 号决议`` -> ``第1373(2001)号决议``), so
    ``"".join(tokenize(text)) == "".join(text.split())``. A citation broken by a line break (raw PDF text)
    is still one token. ``backend`` is ``"jieba"`` or ``"rjieba"`` (the Rust port, same dictionary and
    lexicon, faster).
    """
    return [token for token, _, _, _ in _segments(str(text), backend)]


def _progress(items: Iterable, total: int, progress: bool | None, desc: str):
    """Wrap items in a tqdm bar when asked, or by default when the work is long and someone is watching."""
    if progress is None:
        watching = sys.stderr.isatty() or "ipykernel" in sys.modules
        progress = total >= PROGRESS_MIN_PARAGRAPHS and watching
    if not progress:
        return items
    from tqdm import tqdm

    return tqdm(items, total=total, desc=desc, unit="para")


def token_table(
    paragraphs: pd.DataFrame, backend: str = "jieba", progress: bool | None = None, workers: int | None = None
) -> pd.DataFrame:
    """Return one row per token of a paragraph table (needs columns para and text; symbol if present).

    Columns: symbol, para, position (0-based within the paragraph), token (as written), term (the
    canonical form of a known variant, e.g. 外国恐怖主义作战人员 for 外国恐怖主义战斗人员; else the token), kind
    (word, number, citation, punct), start and end (character offsets in the paragraph text). Rows keep the order of
    the paragraphs, then position. ``progress=None`` shows a tqdm bar only for long work
    (>= PROGRESS_MIN_PARAGRAPHS paragraphs) in a terminal or notebook; pass False to silence it.
    ``workers`` processes share the documents (default: all cores from PARALLEL_MIN_DOCUMENTS documents,
    see ``helpers.parallel``); the table is the same as with one.
    """
    missing = {"para", "text"} - set(paragraphs.columns)
    if missing:
        raise DataError(f"token_table needs a paragraph table with columns para and text; missing {sorted(missing)}.")
    if "symbol" in paragraphs.columns and (n := worker_count(workers, paragraphs["symbol"].nunique())) > 1:
        return map_documents(partial(token_table, backend=backend, progress=False, workers=1), paragraphs, n)
    symbols = paragraphs["symbol"] if "symbol" in paragraphs.columns else pd.Series("", index=paragraphs.index)
    rows = zip(symbols.tolist(), paragraphs["para"].tolist(), paragraphs["text"].tolist(), strict=True)
    columns: dict[str, list] = {name: [] for name in TOKEN_COLUMNS}
    for symbol, para, text in _progress(rows, len(paragraphs), progress, "segmenting"):
        segments = _segments(str(text), backend)
        columns["symbol"] += [symbol] * len(segments)
        columns["para"] += [para] * len(segments)
        columns["position"] += range(len(segments))
        for name, values in zip(("token", "kind", "start", "end"), zip(*segments, strict=True), strict=False):
            columns[name] += values
    variants = _variants()
    return pd.DataFrame(
        {
            "symbol": pd.Series(columns["symbol"], dtype="str"),
            "para": pd.Series(columns["para"], dtype="int64"),
            "position": pd.Series(columns["position"], dtype="int64"),
            "token": pd.Series(columns["token"], dtype="str"),
            "term": pd.Series([variants.get(token, token) for token in columns["token"]], dtype="str"),
            "kind": pd.Series(columns["kind"], dtype="str"),
            "start": pd.Series(columns["start"], dtype="int64"),
            "end": pd.Series(columns["end"], dtype="int64"),
        }
    )


def segmentation_audit(text: str, terms: Iterable[str]) -> pd.DataFrame:
    """Compare plain jieba with the project pipeline on chosen terms of a text.

    Returns term, occurrences (plain ``str.count`` in the text), default_jieba (how plain jieba cuts the
    term where it first occurs, pieces joined by " | "), project (the same with the pipeline),
    default_whole and project_whole (True when the term came out as one token at every occurrence).
    Rows in the order of the terms given.
    """
    text = str(text)
    default_tokens = _with_offsets(default_jieba_cut(text), text)
    project = [(start, end) for _, _, start, end in _segments(text, "jieba")]
    project_tokens = [(text[start:end], start, end) for start, end in project]
    rows = []
    for term in terms:
        starts = _occurrences(text, term)
        rows.append(
            {
                "term": term,
                "occurrences": len(starts),
                "default_jieba": _pieces(default_tokens, starts[0], len(term)) if starts else "",
                "project": _pieces(project_tokens, starts[0], len(term)) if starts else "",
                "default_whole": bool(starts) and all(_whole(default_tokens, s, len(term)) for s in starts),
                "project_whole": bool(starts) and all(_whole(project_tokens, s, len(term)) for s in starts),
            }
        )
    return pd.DataFrame(rows, columns=["term", "occurrences", "default_jieba", "project", "default_whole",
                                       "project_whole"])


def _occurrences(text: str, term: str) -> list[int]:
    starts, index = [], text.find(term)
    while term and index >= 0:
        starts.append(index)
        index = text.find(term, index + len(term))
    return starts


def _with_offsets(tokens: list[str], text: str) -> list[tuple[str, int, int]]:
    """Place whitespace-free tokens back on the text they came from: (token, start, end)."""
    out, cursor = [], 0
    for token in tokens:
        start = text.index(token, cursor)
        out.append((token, start, start + len(token)))
        cursor = start + len(token)
    return out


def _pieces(tokens: list[tuple[str, int, int]], start: int, length: int) -> str:
    end = start + length
    return " | ".join(token for token, s, e in tokens if s < end and e > start)


def _whole(tokens: list[tuple[str, int, int]], start: int, length: int) -> bool:
    return any(s == start and e == start + length for _, s, e in tokens)
