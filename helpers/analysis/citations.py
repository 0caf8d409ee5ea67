"""Citations in Chinese UN text: where they are (spans), what they cite (normalised keys).

``citation_spans`` is the one place that finds resolutions, document symbols, 《…》 titles and URLs;
the tokenizer keeps each span as one token. ``extract_citations`` turns the spans, plus mentions of UN
bodies, into a table with one normalised key per citation; ``abbreviation_definitions`` lists the
abbreviations a text defines in brackets, such as 联合国反恐怖主义办公室(反恐办).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from urllib.parse import unquote

import pandas as pd

from helpers.errors import DataError
from helpers.ingest.registry import PROJECT_DATA
from helpers.parallel import map_documents, worker_count

_WS = r"\s*"
_NUMBER = r"\d{1,4}"
_YEAR = rf"(?:{_WS}[(（]{_WS}(?:19|20)\d{{2}}{_WS}[)）])"
_HAO = r"[号號]"
_RESOLUTION_WORD = rf"[决決]{_WS}[议議]"
_JOINER = rf"{_WS}(?:、|，|,|和|及|以及|与|與){_WS}"
# One member of a list of resolution numbers: [第] 1373 [(2001)] [号]
_MEMBER = rf"(?:第{_WS})?{_NUMBER}{_YEAR}?(?:{_WS}{_HAO})?"
_GA_MEMBER = rf"(?:第{_WS})?\d{{1,4}}{_WS}/{_WS}\d{{1,4}}(?:{_WS}{_HAO})?"

RESOLUTION_LIST = re.compile(
    rf"(?P<ga>大会{_WS})?(?:第{_WS})(?:{_GA_MEMBER}|{_MEMBER})(?:{_JOINER}(?:{_GA_MEMBER}|{_MEMBER}))*{_WS}{_HAO}?{_WS}{_RESOLUTION_WORD}"
)
"""A run of resolution numbers ending in 号决议: 第1373(2001)、2178(2014)和2462(2019)号决议."""
RESOLUTION_MEMBER = re.compile(rf"{_GA_MEMBER}|{_MEMBER}")
DOCUMENT_SYMBOL = re.compile(
    r"(?<![A-Za-z0-9/])(?:S|A|E|ST)(?:/\s*(?:[A-Z][A-Za-z]{0,5}(?:\.\d+)?|\d{1,5}(?:\(\d{4}\))?))+(?![A-Za-z0-9])"
)
"""UN document symbols: S/2020/372, S/PRST/2005/64, A/RES/60/288, S/RES/1373(2001); a line break may follow a slash."""
TITLE = re.compile(r"《[^《》。；]{1,80}》")
"""A 《…》 title; it may be broken across lines, but never spans a sentence end."""
URL = re.compile(r"https?://[A-Za-z0-9._~:/?#\[\]@!$&'()*+;=%-]+")

# When spans overlap, the earlier kind in this tuple wins (a URL contains a document symbol).
KINDS = ("url", "instrument", "resolution", "document")
CITATION_KINDS = ("resolution", "document", "instrument", "body", "url")
"""Every kind ``extract_citations`` reports, in the order tables list them."""
CITATION_COLUMNS = ["kind", "key", "surface", "start", "end"]
ALIASES_FILE = PROJECT_DATA / "citation_aliases.csv"

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_BRACKETED = re.compile(r"[(（]([^()（）]{1,24})[)）]")
_DEFINITION_PREFIXES = ("联合国", "国际", "全球", "世界")
_MAX_FULL_FORM = 40
# How names of UN bodies end; a bracketed abbreviation of anything else (国际人道法(人道法)) is not a body's.
BODY_ENDINGS = (
    "委员会", "理事会", "大会", "局", "办公室", "办", "署", "处", "厅", "部", "组织", "机构", "小组", "工作组",
    "专家组", "特派团", "法庭", "法院", "基金", "方案", "中心", "论坛", "联盟", "网络", "会议",
)
# An organ named just before a run of resolution numbers decides whose resolutions they are.
_ORGAN_BEFORE = re.compile(r"(?P<organ>人权理事会|经济及社会理事会|经社理事会|大会)\s*$")
_ORGAN_PREFIX = {"大会": "A/RES/", "人权理事会": "A/HRC/RES/", "经济及社会理事会": "E/RES/", "经社理事会": "E/RES/"}
_UNDOCS = re.compile(r"undocs\.org/(?:(?:ar|ch|zh|en|fr|ru|es)/)?(?P<symbol>[A-Z][^?#]*)", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class Span:
    """A citation's place in a text: ``text[start:end] == surface``."""

    start: int
    end: int
    kind: str
    surface: str


def _resolution_members(text: str) -> list[tuple[Span, str]]:
    """Return ``(span, key)`` per resolution in each 号决议 run; the first member keeps 第 (and 大会),
    the last keeps 号决议."""
    found = []
    for run in RESOLUTION_LIST.finditer(text):
        organ = "大会" if run["ga"] else None
        if organ is None:
            before = _ORGAN_BEFORE.search(text, max(0, run.start() - 12), run.start())
            organ = before["organ"] if before else None
        members = list(RESOLUTION_MEMBER.finditer(text, run.start("ga") if run["ga"] else run.start(), run.end()))
        for index, member in enumerate(members):
            start = run.start() if index == 0 else member.start()
            end = run.end() if index == len(members) - 1 else member.end()
            found.append((Span(start, end, "resolution", text[start:end]), resolution_key(member.group(), organ)))
    return found


def resolution_key(member: str, organ: str | None = None) -> str:
    """Return the symbol of one resolution cited in Chinese: ``第1373(2001)号`` -> ``S/RES/1373(2001)``.

    ``60/288`` (session/number) and any resolution after 大会 are the General Assembly's
    (``A/RES/60/288``); after 人权理事会 ``A/HRC/RES/…``, after 经社理事会 ``E/RES/…``; otherwise the
    Security Council's, ``S/RES/1373`` when no year is given.
    """
    compact = re.sub(r"\s+", "", member)
    session = re.search(r"(\d+)/(\d+)", compact)
    if session:
        prefix = _ORGAN_PREFIX.get(organ or "大会", "A/RES/")
        return f"{prefix}{int(session[1])}/{int(session[2])}"
    number = int(re.search(r"\d+", compact)[0])
    year = re.search(r"[(（](\d{4})[)）]", compact)
    if organ is not None:
        return f"{_ORGAN_PREFIX[organ]}{number}"
    return f"S/RES/{number}({year[1]})" if year else f"S/RES/{number}"


def _resolution_spans(text: str) -> list[Span]:
    """Return one span per resolution in each 号决议 run; the last member keeps 号决议."""
    return [span for span, _ in _resolution_members(text)]


def citation_spans(text: str) -> list[Span]:
    """Return the non-overlapping citation spans of a text, in order of position.

    Kinds: ``url``, ``instrument`` (《…》 titles), ``resolution`` (each resolution of a list gets its
    own span) and ``document`` (UN document symbols).
    """
    candidates = [Span(m.start(), m.end(), "url", m.group()) for m in URL.finditer(text)]
    candidates += [Span(m.start(), m.end(), "instrument", m.group()) for m in TITLE.finditer(text)]
    candidates += _resolution_spans(text)
    candidates += [
        Span(m.start(), m.end(), "document", m.group())
        for m in DOCUMENT_SYMBOL.finditer(text)
        if any(char.isdigit() for char in m.group())  # S/RES alone names a series, not a document
    ]
    chosen: list[Span] = []  # non-overlapping, so sorted by start is also sorted by end
    starts: list[int] = []
    for span in sorted(candidates, key=lambda s: (KINDS.index(s.kind), s.start)):
        index = bisect.bisect_left(starts, span.end)  # chosen[:index] start before this span ends
        if index == 0 or chosen[index - 1].end <= span.start:
            starts.insert(index, span.start)
            chosen.insert(index, span)
    return chosen


# ---------------------------------------------------------------- aliases


@cache
def citation_aliases() -> pd.DataFrame:
    """Return the alias table ``data/citation_aliases.csv``: kind (body/instrument), alias, key, english.

    Every canonical name is also listed as its own alias. Sorted by kind then alias.
    """
    if not ALIASES_FILE.is_file():
        raise DataError(f"{ALIASES_FILE}: the citation alias table is missing; restore data/ from the repository.")
    table = pd.read_csv(ALIASES_FILE, dtype=str, keep_default_na=False)
    expected = ["kind", "alias", "key", "english"]
    if list(table.columns) != expected or not table["kind"].isin(["body", "instrument"]).all():
        raise DataError(
            f"{ALIASES_FILE}: expected columns {', '.join(expected)} and kind body or instrument; fix the file."
        )
    return table.sort_values(["kind", "alias"], ignore_index=True)


def _alias_map(kind: str) -> dict[str, str]:
    return dict(_alias_items(kind))  # a fresh dict: callers add the names a text defines


@cache
def _alias_items(kind: str) -> tuple[tuple[str, str], ...]:
    table = citation_aliases()
    rows = table[table["kind"] == kind]
    return tuple(zip(rows["alias"], rows["key"], strict=True))


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def instrument_key(surface: str) -> str:
    """Return the key of a 《…》 title: whitespace removed, short forms mapped by the alias table
    (《宪章》 -> 《联合国宪章》)."""
    title = _compact(surface)
    return _alias_map("instrument").get(title, title)


def url_key(url: str) -> str:
    """Return the document symbol an undocs.org link points to (``S/RES/1373(2001)``), else the URL."""
    match = _UNDOCS.search(url)
    return unquote(match["symbol"]).rstrip("/") if match else url


# ---------------------------------------------------------------- abbreviations and bodies


@dataclass(frozen=True)
class Definition:
    """An abbreviation defined in a text: ``text[start:end]`` is ``full_form(abbreviation)``."""

    start: int
    end: int
    full_form: str
    abbreviation: str
    key: str
    abbreviation_start: int
    abbreviation_end: int


def _is_subsequence(short: str, long: str) -> bool:
    chars = iter(long)
    return all(char in chars for char in short)


def _definitions(text: str) -> list[Definition]:
    """Return the abbreviations defined as ``full form(abbreviation)`` in a text, in order.

    The abbreviation is 2–8 Han characters whose characters appear, in order, in the full form. The full
    form is the shortest run of Han characters before the bracket that starts with the abbreviation's first
    character and contains it, extended by a directly preceding 联合国/国际/全球/世界; it must end like the
    name of a body (委员会, 局, 办公室, 组织, … see ``BODY_ENDINGS``). ``A及其B(abbr)``
    defines an abbreviation for A's B (反恐怖主义委员会及其执行局(反恐执行局) -> 反恐怖主义委员会执行局).
    """
    aliases = _alias_map("body")
    found = []
    for bracket in _BRACKETED.finditer(text):
        abbreviation = _compact(bracket[1])
        if not 2 <= len(abbreviation) <= 8 or not re.fullmatch(f"[{_HAN}]+", abbreviation):
            continue
        # Han characters (and line breaks between them) right before the bracket, nearest first.
        positions = []
        index = bracket.start() - 1
        while index >= 0 and len(positions) < _MAX_FULL_FORM:
            if re.match(f"[{_HAN}]", text[index]):
                positions.append(index)
            elif not text[index].isspace():
                break
            index -= 1
        positions.reverse()
        chars = "".join(text[i] for i in positions)
        starts = [i for i in range(len(chars)) if chars[i] == abbreviation[0] and _is_subsequence(abbreviation, chars[i:])]
        if not starts:
            continue
        first = starts[-1]
        for prefix in _DEFINITION_PREFIXES:
            if chars[:first].endswith(prefix):
                first -= len(prefix)
                break
        full = chars[first:]
        if full == abbreviation or not full.endswith(BODY_ENDINGS):
            continue
        head, _, tail = full.partition("及其")
        key = aliases.get(head + tail, head + tail)
        start, end = positions[first], positions[-1] + 1
        found.append(
            Definition(start, bracket.end(), text[start:end], abbreviation, key, bracket.start(1), bracket.end(1))
        )
    return found


@lru_cache(maxsize=64)
def _body_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    """Alternation of body names, longest first, each allowing whitespace between its characters."""
    ordered = sorted(names, key=lambda name: (-len(name), name))
    return re.compile("|".join(_WS.join(map(re.escape, name)) for name in ordered))


def _body_names(definitions: list[Definition]) -> dict[str, str]:
    """Return ``{name: key}`` for the bodies of the alias table and those a text defines."""
    names = _alias_map("body")
    for definition in definitions:
        names[definition.abbreviation] = definition.key
        full = _compact(definition.full_form)
        if "及其" not in full:
            names[full] = definition.key
    return names


def _body_spans(
    text: str, definitions: list[Definition], taken: list[Span], borrowed: tuple[Definition, ...] = ()
) -> list[tuple[Span, str]]:
    """Return ``(span, key)`` for each mention of a body outside the other citations.

    ``definitions`` are those made in ``text``; ``borrowed`` ones (made elsewhere in the same statement)
    only add names. A definition counts once: the bracketed abbreviation is dropped when its full form
    already names the same body (联合国反恐怖主义办公室(反恐办) is one mention); for ``A及其B(abbr)``
    A is counted at its name and B at the abbreviation.
    """
    names = _body_names([*borrowed, *definitions])
    mentions = []
    for match in _body_pattern(tuple(sorted(names))).finditer(text):
        if any(match.start() < other.end and other.start < match.end() for other in taken):
            continue
        key = names[_compact(match.group())]
        mentions.append((Span(match.start(), match.end(), "body", match.group()), key))
    drop = set()
    for definition in definitions:
        in_full_form = [
            key for span, key in mentions if definition.start <= span.start and span.end <= definition.abbreviation_start
        ]
        if definition.key in in_full_form:
            drop |= {
                (span.start, span.end)
                for span, _ in mentions
                if definition.abbreviation_start <= span.start and span.end <= definition.abbreviation_end
            }
    return [(span, key) for span, key in mentions if (span.start, span.end) not in drop]


# ---------------------------------------------------------------- extraction


def _text_citations(text: str, borrowed: tuple[Definition, ...] = ()) -> list[tuple[Span, str]]:
    """Return ``(span, key)`` for every citation of a text, in order of position; ``borrowed``
    definitions (from other paragraphs of the same statement) lend their names to the body search."""
    resolution_keys = {(span.start, span.end): key for span, key in _resolution_members(text)}
    spans = citation_spans(text)
    keyed = []
    for span in spans:
        if span.kind == "resolution":
            key = resolution_keys[(span.start, span.end)]
        elif span.kind == "instrument":
            key = instrument_key(span.surface)
        elif span.kind == "url":
            key = url_key(span.surface)
        else:
            key = _compact(span.surface)
        keyed.append((span, key))
    keyed += _body_spans(text, _definitions(text), spans, borrowed)
    return sorted(keyed, key=lambda item: (item[0].start, item[0].end))


def _rows(keyed: list[tuple[Span, str]]) -> list[dict]:
    return [
        {"kind": span.kind, "key": key, "surface": span.surface, "start": span.start, "end": span.end}
        for span, key in keyed
    ]


def _paragraph_texts(paragraphs: pd.DataFrame) -> pd.DataFrame:
    """Check a paragraph table and return it with a symbol column (from ``attrs`` when missing)."""
    missing = [column for column in ("para", "text") if column not in paragraphs.columns]
    if missing:
        raise DataError(
            f"paragraph table: missing column(s) {', '.join(missing)}; pass the table of helpers.load_statement "
            "or a plain string."
        )
    table = paragraphs[[c for c in ("symbol", "para", "text") if c in paragraphs.columns]].copy()
    if "symbol" not in table.columns:
        table.insert(0, "symbol", paragraphs.attrs.get("symbol", pd.NA))
    table["text"] = table["text"].fillna("").astype(str)
    return table


def _footnotes(paragraphs: pd.DataFrame, symbols: list) -> list[tuple[object, int, str]]:
    """Return ``(symbol, number, url)`` for the footnotes in ``attrs["footnotes"]``.

    A list belongs to ``attrs["symbol"]`` (or the table's only symbol; else to no symbol, <NA>); a dict
    maps symbol -> list.
    """
    footnotes = paragraphs.attrs.get("footnotes") or []
    if isinstance(footnotes, dict):
        return [(symbol, n, url) for symbol in symbols for n, url in enumerate(footnotes.get(symbol, []), start=1)]
    owner = paragraphs.attrs.get("symbol", symbols[0] if len(symbols) == 1 else pd.NA)
    return [(owner, n, url) for n, url in enumerate(footnotes, start=1)]


def _extract_from_paragraphs(paragraphs: pd.DataFrame) -> pd.DataFrame:
    table = _paragraph_texts(paragraphs)
    symbols = list(dict.fromkeys(table["symbol"].tolist()))
    rows = []
    for order, symbol in enumerate(symbols):
        same = table[table["symbol"].isna()] if pd.isna(symbol) else table[table["symbol"] == symbol]
        # A definition given anywhere in a statement names its body in every paragraph of it.
        borrowed = tuple(d for text in same["text"] for d in _definitions(text))
        for para, text in zip(same["para"], same["text"], strict=True):
            for row in _rows(_text_citations(text, borrowed)):
                rows.append({"order": order, "symbol": symbol, "para": para, "footnote": pd.NA} | row)
    for symbol, number, url in _footnotes(paragraphs, symbols):
        known = [i for i, other in enumerate(symbols) if pd.isna(other) == pd.isna(symbol) and str(other) == str(symbol)]
        order = known[0] if known else len(symbols)
        row = {"kind": "url", "key": url_key(url), "surface": url, "start": 0, "end": len(url)}
        rows.append({"order": order, "symbol": symbol, "para": pd.NA, "footnote": number} | row)
    columns = ["order", "symbol", "para", "footnote", *CITATION_COLUMNS]
    result = pd.DataFrame(rows, columns=columns)
    result = result.astype({"para": "Int64", "footnote": "Int64", "start": "int64", "end": "int64", "order": "int64"})
    result = result.sort_values(["order", "para", "footnote", "start"], na_position="last", kind="stable")
    return result.drop(columns="order").reset_index(drop=True)[["symbol", "para", *CITATION_COLUMNS, "footnote"]]


def extract_citations(source: str | pd.DataFrame, workers: int | None = None) -> pd.DataFrame:
    """Return every citation in a text or a paragraph table, one row each, with a normalised key.

    Columns for a string: kind, key, surface, start, end (``source[start:end] == surface``), sorted by
    start. For a paragraph table (``helpers.load_statement``): symbol, para, kind, key, surface, start,
    end, footnote; offsets index that paragraph's text; sorted by symbol (in input order), para, start.
    Footnote links from ``attrs["footnotes"]`` come last, with para <NA>, footnote = their number and
    offsets into the URL itself.

    Kinds and keys: ``resolution`` (``S/RES/1373(2001)``, ``S/RES/1373`` without a year, General
    Assembly ``A/RES/60/288``), ``document`` (the symbol), ``instrument`` (《…》, short forms mapped by
    ``data/citation_aliases.csv``), ``body`` (UN bodies by canonical name: abbreviations defined in the
    text itself, then the alias table), ``url`` (the symbol an undocs.org link points to, else the URL).

    ``workers`` processes share the documents of a corpus table (default: all cores from
    PARALLEL_MIN_DOCUMENTS documents, see ``helpers.parallel``; only when each document's rows are
    consecutive and ``attrs`` holds no footnotes); the table is the same as with one.
    """
    if isinstance(source, pd.DataFrame):
        symbols = source["symbol"] if "symbol" in source.columns else None
        if (
            symbols is not None
            and not source.attrs.get("footnotes")
            and (n := worker_count(workers, symbols.nunique())) > 1
            and int(symbols.ne(symbols.shift()).sum()) == symbols.nunique()
        ):
            return map_documents(_extract_from_paragraphs, source, n)
        return _extract_from_paragraphs(source)
    if not isinstance(source, str):
        raise DataError(
            f"extract_citations: expected a string or a paragraph table, got {type(source).__name__}; "
            "pass helpers.load_statement(...) or its text."
        )
    result = pd.DataFrame(_rows(_text_citations(source)), columns=CITATION_COLUMNS)
    return result.astype({"start": "int64", "end": "int64"})


def abbreviation_definitions(source: str | pd.DataFrame) -> pd.DataFrame:
    """Return the abbreviations a text (or paragraph table) defines in brackets.

    Columns: [symbol, para,] full_form (as in the text), abbreviation, key (the body it names, e.g.
    反恐执行局 -> 反恐怖主义委员会执行局), start, end (``full_form(abbreviation)`` is
    ``text[start:end]``); sorted by [symbol, para,] start.
    """
    columns = ["full_form", "abbreviation", "key", "start", "end"]

    def rows(text: str) -> list[dict]:
        return [{c: getattr(d, c) for c in columns} for d in _definitions(text)]

    if isinstance(source, pd.DataFrame):
        table = _paragraph_texts(source)
        found = [
            {"symbol": symbol, "para": para} | row
            for symbol, para, text in zip(table["symbol"], table["para"], table["text"], strict=True)
            for row in rows(text)
        ]
        result = pd.DataFrame(found, columns=["symbol", "para", *columns])
        return result.astype({"para": "Int64", "start": "int64", "end": "int64"})
    if not isinstance(source, str):
        raise DataError(f"abbreviation_definitions: expected a string or a paragraph table, got {type(source).__name__}.")
    return pd.DataFrame(rows(source), columns=columns).astype({"start": "int64", "end": "int64"})
