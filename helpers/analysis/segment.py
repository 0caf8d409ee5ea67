"""Chinese word segmentation that respects UN language: citations first, then jieba with the UN lexicon.

This is the only module that imports jieba (and rjieba). It sets jieba up once, quietly: logging at
WARNING before the dictionary loads, the dictionary cache in a per-user cache folder (platformdirs)
instead of ``/tmp/jieba.cache``, and the import with the SyntaxWarnings/DeprecationWarnings of jieba's
old regex literals suppressed.

Why citations go first: jieba cuts text into blocks with its own regex before any user dictionary is
consulted, so ``S/2020/372`` or ``第1373(2001)号决议`` are shredded whatever the lexicon says.
``helpers.analysis.citations.segment_spans`` finds them, and every name of a UN entity of
``data/un_entities.csv`` (the same table the citation extractor reads); each becomes one token, whatever
stands around it, and jieba only sees the text between them. jieba's dictionary gets the terms, actors and
variants of ``data/un_lexicon.csv``, the instrument titles of ``data/citation_aliases.csv`` and the Council's
multi-character verbs with their written forms from ``data/speech_acts.csv`` (特别指出, 表示关切, 最强烈地谴责: the
table ``helpers.speech_acts`` reads, so each verb is listed in one place only).

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
from helpers.ingest.council_verbs import speech_act_forms
from helpers.ingest.registry import PROJECT_DATA, read_reference_table
from helpers.parallel import map_documents, worker_count

LEXICON_PATH = PROJECT_DATA / "un_lexicon.csv"
LEXICON_COLUMNS = ["term", "freq", "pos", "kind", "justification", "variant_of"]
LEXICON_KINDS = ("term", "actor", "split")
"""``term``: a UN term; ``actor``: whom the Council addresses or names generically (会员国, 民间社会; named
entities are in ``data/un_entities.csv``); ``split`` entries have freq 0 and are never tokens: a jieba dictionary
word that glues a UN term to its neighbour, or a word jieba's HMM makes up (使受, 时需). The Council's verbs are not here but in ``data/speech_acts.csv``."""
TITLE_FREQ = 2000
"""jieba count given to the instrument titles of ``data/citation_aliases.csv`` (联合国宪章 outside 《》)."""
VERB_FREQ = 20000
"""jieba count given to every multi-character verb and written form of ``data/speech_acts.csv`` (tag ``v``), or
the count jieba's own dictionary gives the word when that is higher (决定, 要求 keep theirs): enough to keep
特别指出 or 表示关切 one token where plain jieba cuts 特别 | 指出."""
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
    hint = None if path == LEXICON_PATH else "check the path given."
    table = read_reference_table(path, LEXICON_COLUMNS, "the UN lexicon", hint=hint)
    problems = []
    if table["term"].duplicated().any():
        problems.append("duplicate terms " + ", ".join(sorted(set(table.loc[table["term"].duplicated(), "term"]))))
    if (table["kind"] == "verb").any():
        problems.append("verbs (" + ", ".join(table.loc[table["kind"] == "verb", "term"]) + ") belong in "
                        "data/speech_acts.csv (a verb row, or a form of one), not in the lexicon")
    elif not table["kind"].isin(LEXICON_KINDS).all():
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
    """Return the UN term lexicon: term, freq, pos, kind (term/actor/split), justification, variant_of
    (the canonical term a variant is counted as, else empty).

    Sorted by term. Names of UN entities are not here but in ``data/un_entities.csv`` (``helpers.un_entities``),
    the Council's verbs in ``data/speech_acts.csv`` (``speech_act_words``). ``freq`` is the count handed to jieba
    (the scale of jieba's dict.txt); kind ``split`` (freq 0) is never a token: a dictionary word that glues a term
    to its neighbour, or a word jieba's HMM makes up (时需; freq 0 makes jieba force the split). DataError names the file if it is missing or malformed.
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
    """``(word, freq, pos)`` added to the backends: the lexicon, the instrument titles it lacks, then the
    Council's multi-character verbs and their forms (``VERB_FREQ``)."""
    lexicon = read_lexicon()
    words = [(row.term, int(row.freq), row.pos) for row in lexicon.itertuples()]
    known = set(lexicon["term"])
    words += [(title, TITLE_FREQ, "nz") for title in instrument_titles() if title not in known]
    return words + [(verb, freq, "v") for verb, freq in _speech_act_words().items()]


def speech_act_words() -> dict[str, int]:
    """Return ``{verb or form: jieba count}`` for every multi-character verb and written form of
    ``data/speech_acts.csv`` (特别指出, 表示关切, 深为关切地注意到…), sorted: ``VERB_FREQ``, or jieba's own count
    when higher. These are words of both backends' dictionaries."""
    return dict(_speech_act_words())


@cache
def _speech_act_words() -> dict[str, int]:
    verbs = sorted(form for form in speech_act_forms() if len(form) > 1)
    counts = _jieba_dictionary_counts(frozenset(verbs))
    return {verb: max(VERB_FREQ, counts.get(verb, 0)) for verb in verbs}


def _jieba_dictionary_counts(words: frozenset[str]) -> dict[str, int]:
    """Return the count jieba's main dictionary (``dict.txt``, lines ``word count tag``) gives each of ``words``
    it lists; read from the file, so the rjieba backend gets the same numbers without loading jieba's tokenizer."""
    wanted = {word.encode("utf-8"): word for word in words}
    counts = {}
    with jieba_module().dt.get_dict_file() as handle:
        for line in handle:
            word, _, rest = line.partition(b" ")
            if word in wanted:
                counts[wanted[word]] = int(rest.split()[0])
    return counts


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


def canonical_terms(tokens: Iterable[str]) -> list[str]:
    """Return the term each token counts as: a known variant's canonical form (``variant_of`` in the lexicon,
    外国恐怖主义战斗人员 -> 外国恐怖主义作战人员), any other token as it is."""
    variants = _variants()
    return [variants.get(token, token) for token in tokens]


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
    return pd.DataFrame(
        {
            "symbol": pd.Series(columns["symbol"], dtype="str"),
            "para": pd.Series(columns["para"], dtype="int64"),
            "position": pd.Series(columns["position"], dtype="int64"),
            "token": pd.Series(columns["token"], dtype="str"),
            "term": pd.Series(canonical_terms(columns["token"]), dtype="str"),
            "kind": pd.Series(columns["kind"], dtype="str"),
            "start": pd.Series(columns["start"], dtype="int64"),
            "end": pd.Series(columns["end"], dtype="int64"),
        }
    )


_HAN_WORD = re.compile(r"[\u4e00-\u9fff]{2,}")


def guessed_words(tokens: pd.DataFrame) -> pd.DataFrame:
    """Return the word tokens of two or more Han characters that no dictionary of the pipeline lists.

    jieba cuts a run of characters it has no dictionary word for with its HMM, which guesses words from character
    statistics: some guesses are words the dictionaries lack (更久), others are not words (使受 and 时需 were,
    until the lexicon's ``split`` entries cut them again). The dictionaries are jieba's own with the lexicon, the
    instrument titles and the Council's verbs (``_dictionary_words``), plus the UN entity names, which are tokens
    whole. No library lists what a segmenter guessed, hence this check against the tokenizer's own dictionary.
    Columns: token, count, paragraphs (how many (symbol, para) hold it); sorted by count desc, then token.
    """
    if not isinstance(tokens, pd.DataFrame) or not {"symbol", "para", "token", "kind"} <= set(tokens.columns):
        raise DataError("guessed_words needs a token table from helpers.token_table (columns symbol, para, token, kind).")
    from helpers.analysis.entities import entity_names

    listed = _project_jieba().FREQ
    names = set(entity_names()["name"])
    words = tokens[(tokens["kind"] == "word") & tokens["token"].str.fullmatch(_HAN_WORD.pattern)]
    guessed = words[words["token"].map(lambda token: not listed.get(token) and token not in names).astype(bool)]
    table = pd.DataFrame(
        {
            "count": guessed.groupby("token").size(),
            "paragraphs": guessed.drop_duplicates(["token", "symbol", "para"]).groupby("token").size(),
        }
    ).rename_axis("token").reset_index()
    table = table.astype({"token": "str", "count": "int64", "paragraphs": "int64"})
    return table.sort_values(["count", "token"], ascending=[False, True], kind="stable").reset_index(drop=True)


def segmentation_audit(text: str, terms: Iterable[str]) -> pd.DataFrame:
    """Compare plain jieba with the project pipeline on chosen terms of a text.

    Returns term, occurrences (plain ``str.count`` in the text), inside_longer (how many of them sit inside an
    occurrence of a longer term of the list: 安全理事会 inside 安全理事会主席, where it is rightly not a token of its
    own), longer (those longer terms, joined by ", "), default_jieba (how plain jieba cuts the term where it
    first occurs on its own, pieces joined by " | "), project (the same with the pipeline), default_whole and
    project_whole (True when the term came out as one token at every occurrence that is not inside a longer
    term of the list; False when it has no such occurrence). Rows in the order of the terms given.
    """
    text = str(text)
    terms = list(dict.fromkeys(terms))
    default_tokens = _with_offsets(default_jieba_cut(text), text)
    project = [(start, end) for _, _, start, end in _segments(text, "jieba")]
    project_tokens = [(text[start:end], start, end) for start, end in project]
    found = {term: _occurrences(text, term) for term in terms}
    rows = []
    for term in terms:
        starts = found[term]
        hosts = [(other, s) for other in terms if len(other) > len(term) and term in other for s in found[other]]
        inside = {start: [other for other, s in hosts if s <= start and start + len(term) <= s + len(other)]
                  for start in starts}
        alone = [start for start in starts if not inside[start]]
        first = alone[0] if alone else starts[0] if starts else None
        rows.append(
            {
                "term": term,
                "occurrences": len(starts),
                "inside_longer": len(starts) - len(alone),
                "longer": ", ".join(dict.fromkeys(other for start in starts for other in inside[start])),
                "default_jieba": _pieces(default_tokens, first, len(term)) if first is not None else "",
                "project": _pieces(project_tokens, first, len(term)) if first is not None else "",
                "default_whole": bool(alone) and all(_whole(default_tokens, s, len(term)) for s in alone),
                "project_whole": bool(alone) and all(_whole(project_tokens, s, len(term)) for s in alone),
            }
        )
    return pd.DataFrame(rows, columns=["term", "occurrences", "inside_longer", "longer", "default_jieba", "project",
                                       "default_whole", "project_whole"])


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
