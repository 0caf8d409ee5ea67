"""Citations in Chinese UN text: where they are (spans), what they cite (normalised keys).

``citation_spans`` is the one place that finds resolutions (lists of them, General Assembly sessions in
Roman numerals, symbols such as ``S/RES/2396 (2017)``), document symbols, 《…》 titles and URLs; the
tokenizer keeps each span as one token. ``extract_citations`` turns the spans, plus mentions of the UN
entities of ``data/un_entities.csv`` (bodies, operations, agencies, groups of states, other organisations,
listed groups) and the committees a text names by role (第1540(2004)号决议所设委员会), into a table with one
normalised key per citation; ``abbreviation_definitions`` lists the abbreviations a text defines, such as
联合国反恐怖主义办公室(反恐办) or 反恐怖主义委员会执行局(下称“反恐执行局”).

Everything is matched on the simplified view of a text (``helpers.analysis.entities.simplified_view``:
traditional characters converted by OpenCC, full-width brackets made ASCII, same length), so 《聯合國憲章》,
反恐怖主義委員會 or 第1373(2001)號決議 get the keys of their simplified forms; surfaces and offsets are
those of the text as given.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from urllib.parse import unquote

import pandas as pd

from helpers.analysis.entities import entity_of, established_by, name_matches, simplified_view, trie_pattern
from helpers.errors import DataError
from helpers.ingest.registry import PROJECT_DATA, restore_hint
from helpers.parallel import map_documents, worker_count

_WS = r"\s*"


def _spaced(*words: str) -> str:
    """Alternation of words, whitespace allowed between their characters (line breaks of PDF text)."""
    return "|".join(_WS.join(map(re.escape, word)) for word in words)


_NUMBER = r"\d{1,4}"
_YEAR = rf"(?:{_WS}[(（]{_WS}(?:19|20)\d{{2}}{_WS}[)）])"
_SESSION = rf"(?:{_WS}[(（]{_WS}[IVXLC]{{1,7}}{_WS}[)）])"
"""A General Assembly session in Roman numerals, as in 第2625(XXV)号决议."""
_HAO = r"[号號]"
_RESOLUTION_WORD = rf"[决決]{_WS}[议議]"
_JOINER = rf"{_WS}(?:(?:…+|、|，|,|和|以及|及|与|與){_WS})+"
_DATE = rf"\d{{4}}{_WS}年{_WS}\d{{1,2}}{_WS}月(?:{_WS}\d{{1,2}}{_WS}日)?(?:{_WS}的)?"
_GA_CORE = rf"\d{{1,4}}{_WS}/{_WS}\d{{1,4}}"
_CORE = rf"(?:{_GA_CORE}|{_NUMBER}(?:{_YEAR}|{_SESSION})?)"
# One member of a list of resolution numbers: [第] 1373 [(2001)] [号]
_MEMBER = rf"(?:第{_WS})?{_CORE}(?:{_WS}{_HAO})?"
# The first member has 第, or else a year, a session or a slash (维持2609(2021)号决议), never a bare number.
_FIRST = rf"(?:第{_WS}{_CORE}|(?<![\d/A-Za-z.]){_GA_CORE}|(?<![\d/A-Za-z.]){_NUMBER}(?:{_YEAR}|{_SESSION}))(?:{_WS}{_HAO})?"

RESOLUTION_LIST = re.compile(
    rf"(?P<ga>(?:{_spaced('大会')}){_WS})?{_FIRST}(?:{_JOINER}(?:{_DATE}{_WS})?{_MEMBER})*{_WS}{_HAO}?{_WS}{_RESOLUTION_WORD}"
)
"""A run of resolution numbers ending in 号决议: 第1373(2001)、2178(2014)和2462(2019)号决议; a date may stand
before each member (1999年10月15日第1267(1999)号、2000年12月19日第1333(2000)号……决议)."""
RESOLUTION_MEMBER = re.compile(rf"(?P<date>{_DATE})|{_MEMBER}")
DOCUMENT_SYMBOL = re.compile(
    r"(?<![A-Za-z0-9/])(?:S|A|E|ST)(?:/\s*(?:[A-Z][A-Za-z]{0,5}(?:\.\d+)?|\d{1,5}(?:\s*[(（]\d{4}[)）])?))+(?![A-Za-z0-9])"
)
"""UN document symbols: S/2020/372, S/PRST/2005/64, A/RES/60/288, S/RES/1373(2001) (also S/RES/1373 (2001));
a line break may follow a slash."""
_RESOLUTION_SYMBOL = re.compile(r"(?:S|A|E)(?:/[A-Z]+)*/RES/")
TITLE = re.compile(r"《[^《》。；]{1,80}》")
"""A 《…》 title; it may be broken across lines, but never spans a sentence end."""
URL = re.compile(r"https?://[A-Za-z0-9._~:/?#\[\]@!$&'()*+;=%-]+")

# When spans overlap, the earlier kind in this tuple wins (a URL contains a document symbol).
KINDS = ("url", "instrument", "resolution", "document")
CITATION_KINDS = ("resolution", "document", "instrument", "body", "url")
"""Every kind ``extract_citations`` reports, in the order tables list them."""
CITATION_COLUMNS = ["kind", "key", "surface", "start", "end", "entity", "entity_kind", "english"]
"""Columns of ``extract_citations`` on a string; ``entity`` and ``entity_kind`` are those of
``data/un_entities.csv`` (<NA> for other kinds and for bodies the table does not list), ``english`` the
English name of a body or instrument when known."""
ALIASES_FILE = PROJECT_DATA / "citation_aliases.csv"

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_CHAR = re.compile(f"[{_HAN}]")
# A bracket after a name: (反恐办), (“伊加特”), (下称“反恐执行局”), (以下简称“反恐办”).
_BRACKETED = re.compile(
    r"\(\s*(?:(?:以下简称|以下称|下称|简称)\s*)?[“「‘\"]?\s*(?P<abbreviation>[^()“”「」‘’\"]{1,24}?)\s*[”」’\"]?\s*\)"
)
_BRACKET_AFTER = re.compile(r"\s*\(")
_DEFINITION_PREFIXES = ("联合国", "国际", "全球", "世界")
_MAX_FULL_FORM = 40
# How names of UN bodies end; a bracketed abbreviation of anything else (国际人道法(人道法)) is not a body's.
BODY_ENDINGS = (
    "委员会", "理事会", "大会", "局", "办公室", "办", "署", "处", "厅", "部", "组织", "机构", "小组", "工作组",
    "专家组", "特派团", "法庭", "法院", "基金", "方案", "中心", "论坛", "联盟", "网络", "会议", "部队", "团",
    "行动", "集团", "运动", "共同体", "联合体", "机制",
)
# An organ named just before a run of resolution numbers (maybe with a date) decides whose resolutions they are.
_ORGAN_BEFORE = re.compile(rf"(?P<organ>{_spaced('人权理事会', '经济及社会理事会', '经社理事会', '大会')}){_WS}(?:{_DATE}{_WS})?$")
_ORGAN_PREFIX = {"大会": "A/RES/", "人权理事会": "A/HRC/RES/", "经济及社会理事会": "E/RES/", "经社理事会": "E/RES/"}
_UNDOCS = re.compile(r"undocs\.org/(?:(?:ar|ch|zh|en|fr|ru|es)/)?(?P<symbol>[A-Z][^?#]*)", re.IGNORECASE)
# A body named by its role right after a run of resolutions: 第1540(2004)号决议所设委员会, …所设各个委员会.
_ROLE_WORDS = rf"(?:所{_WS})?设{_WS}(?:立{_WS})?(?:的{_WS})?(?:各个|各)?{_WS}(?P<noun>委员会|专家小组|专家组|工作组|监测组)"
_ROLE = re.compile(rf"{_WS}(?:\({_WS}{_DATE}{_WS}\){_WS})?(?P<role>{_ROLE_WORDS})")
_ROLE_SURFACE = re.compile(_ROLE_WORDS)
_ROLE_ENGLISH = {"委员会": "Committee", "专家小组": "Panel of Experts", "专家组": "Group of Experts",
                 "工作组": "Working Group", "监测组": "Monitoring Group"}
# The official names of sanctions committees open with 安全理事会关于…的 before the resolutions; that opening is
# part of the committee's name, not a mention of the Council or of the groups named in it.
_ROLE_PREFIX = re.compile(rf"(?:{_spaced('安全理事会', '安理会')}){_WS}关于[^，。；：“”]{{1,80}}?的{_WS}$")


@dataclass(frozen=True, order=True)
class Span:
    """A citation's place in a text: ``text[start:end] == surface``."""

    start: int
    end: int
    kind: str
    surface: str


@dataclass(frozen=True)
class _Run:
    """One run of resolution numbers ending in 号决议: its members ``(start, end, key)`` and where it ends."""

    start: int
    end: int
    members: tuple[tuple[int, int, str], ...]


def _resolution_runs(view: str) -> list[_Run]:
    """Return the 号决议 runs of a simplified view; the first member keeps 第 (and 大会), the last 号决议,
    dates between members belong to none."""
    runs = []
    if "议" not in view:  # every run ends in 决议 (cheap test first: most paragraphs cite no resolution)
        return runs
    for run in RESOLUTION_LIST.finditer(view):
        organ = "大会" if run["ga"] else None
        if organ is None:
            before = _ORGAN_BEFORE.search(view, max(0, run.start() - 30), run.start())
            organ = _compact(before["organ"]) if before else None
        members = [m for m in RESOLUTION_MEMBER.finditer(view, run.end("ga") if run["ga"] else run.start(), run.end())
                   if m["date"] is None]
        found = []
        for index, member in enumerate(members):
            start = run.start() if index == 0 else member.start()
            end = run.end() if index == len(members) - 1 else member.end()
            found.append((start, end, resolution_key(member.group(), organ)))
        runs.append(_Run(run.start(), run.end(), tuple(found)))
    return runs


def resolution_key(member: str, organ: str | None = None) -> str:
    """Return the symbol of one resolution cited in Chinese: ``第1373(2001)号`` -> ``S/RES/1373(2001)``.

    ``60/288`` (session/number) and any resolution after 大会 are the General Assembly's
    (``A/RES/60/288``); after 人权理事会 ``A/HRC/RES/…``, after 经社理事会 ``E/RES/…``; a session in Roman
    numerals is the General Assembly's (``第2625(XXV)号`` -> ``A/RES/2625(XXV)``); otherwise the Security
    Council's, ``S/RES/1373`` when no year is given.
    """
    compact = re.sub(r"\s+", "", member)
    session = re.search(r"(\d+)/(\d+)", compact)
    if session:
        prefix = _ORGAN_PREFIX.get(organ or "大会", "A/RES/")
        return f"{prefix}{int(session[1])}/{int(session[2])}"
    number = int(re.search(r"\d+", compact)[0])
    roman = re.search(r"[(（]([IVXLC]+)[)）]", compact)
    if roman:
        return f"A/RES/{number}({roman[1]})"
    year = re.search(r"[(（](\d{4})[)）]", compact)
    if organ is not None:
        return f"{_ORGAN_PREFIX[organ]}{number}"
    return f"S/RES/{number}({year[1]})" if year else f"S/RES/{number}"


def _symbol_key(surface: str) -> str:
    """Return a document symbol without whitespace and with ASCII brackets: ``S/RES/2396 (2017)`` ->
    ``S/RES/2396(2017)``."""
    return _compact(surface).replace("（", "(").replace("）", ")")


def _spans(text: str, view: str, runs: list[_Run]) -> list[tuple[Span, str]]:
    """Return ``(span, key)`` for the non-overlapping citation spans of a text, in order of position."""
    # (rank, start, end, kind, key): on overlap the lower rank wins (a URL holds a symbol, a title may hold a
    # body's name, a 号决议 run wins over a symbol inside it).
    candidates = [(0, m.start(), m.end(), "url", url_key(m.group())) for m in URL.finditer(view)] if "://" in view else []
    if "《" in view:
        candidates += [(1, m.start(), m.end(), "instrument", instrument_key(m.group())) for m in TITLE.finditer(view)]
    candidates += [(2, start, end, "resolution", key) for run in runs for start, end, key in run.members]
    for m in DOCUMENT_SYMBOL.finditer(view) if "/" in view else ():
        if any(char.isdigit() for char in m.group()):  # S/RES alone names a series, not a document
            kind = "resolution" if _RESOLUTION_SYMBOL.match(_compact(m.group())) else "document"
            candidates.append((3, m.start(), m.end(), kind, _symbol_key(m.group())))
    chosen: list[tuple[Span, str]] = []  # non-overlapping, so sorted by start is also sorted by end
    starts: list[int] = []
    for _, start, end, kind, key in sorted(candidates):
        index = bisect.bisect_left(starts, end)  # chosen[:index] start before this span ends
        if index == 0 or chosen[index - 1][0].end <= start:
            starts.insert(index, start)
            chosen.insert(index, (Span(start, end, kind, text[start:end]), key))
    return chosen


def citation_spans(text: str) -> list[Span]:
    """Return the non-overlapping citation spans of a text, in order of position.

    Kinds: ``url``, ``instrument`` (《…》 titles), ``resolution`` (each resolution of a list gets its
    own span; a resolution symbol such as ``S/RES/2396(2017)`` too) and ``document`` (other UN document
    symbols).
    """
    view = simplified_view(text)
    return [span for span, _ in _spans(text, view, _resolution_runs(view))]


def segment_spans(text: str) -> list[tuple[int, int, bool]]:
    """Return ``(start, end, is_citation)`` for what the tokenizer keeps whole: every citation span and every
    name of a UN entity outside them, in order of position."""
    view = simplified_view(text)
    citations = [(span.start, span.end, True) for span, _ in _spans(text, view, _resolution_runs(view))]
    starts = [start for start, _, _ in citations]
    names = [(start, end, False) for start, end, _ in name_matches(view)
             if not _overlaps(start, end, citations, starts)]
    return sorted(citations + names)


def _overlaps(start: int, end: int, spans: list, starts: list[int]) -> bool:
    """True when [start, end) overlaps one of ``spans`` (non-overlapping, sorted, with ``starts`` their starts)."""
    index = bisect.bisect_left(starts, end)
    return index > 0 and spans[index - 1][1] > start


# ---------------------------------------------------------------- aliases


@cache
def _instrument_table() -> pd.DataFrame:
    if not ALIASES_FILE.is_file():
        raise DataError(f"{ALIASES_FILE}: the citation alias table is missing; {restore_hint(PROJECT_DATA)}")
    table = pd.read_csv(ALIASES_FILE, dtype=str, keep_default_na=False)
    expected = ["kind", "alias", "key", "english"]
    if list(table.columns) != expected or not (table["kind"] == "instrument").all():
        raise DataError(
            f"{ALIASES_FILE}: expected columns {', '.join(expected)} and kind instrument (bodies are in "
            "data/un_entities.csv); fix the file."
        )
    return table


@cache
def _citation_aliases() -> pd.DataFrame:
    from helpers.analysis.entities import entity_names

    names = entity_names()
    bodies = pd.DataFrame({"kind": "body", "alias": names["name"], "key": names["key"], "english": names["english"]})
    table = pd.concat([bodies, _instrument_table()], ignore_index=True)
    return table.sort_values(["kind", "alias"], ignore_index=True)


def citation_aliases() -> pd.DataFrame:
    """Return the names under which bodies and instruments are cited: kind (body/instrument), alias, key, english.

    Body rows come from ``data/un_entities.csv`` (every name and abbreviation of an entity -> its official
    Chinese name), instrument rows from ``data/citation_aliases.csv`` (《宪章》 -> 《联合国宪章》). Every
    canonical name is also listed as its own alias. Sorted by kind then alias.
    """
    return _citation_aliases().copy()


@cache
def _instrument_aliases() -> dict[str, tuple[str, str]]:
    table = _instrument_table()
    return {alias: (key, english) for alias, key, english in zip(table["alias"], table["key"], table["english"],
                                                                  strict=True)}


def instrument_titles() -> list[str]:
    """Return every instrument title of ``data/citation_aliases.csv`` without its 《》, longest first then
    alphabetical (the tokenizer's dictionary takes them as words, for mentions outside 《》)."""
    titles = {alias.strip("《》") for alias in _instrument_aliases()}
    return sorted(titles, key=lambda title: (-len(title), title))


def _compact(text: str) -> str:
    return "".join(text.split())


def instrument_key(surface: str) -> str:
    """Return the key of a 《…》 title: whitespace removed, simplified characters, short forms mapped by the
    alias table (《宪章》 -> 《联合国宪章》, 《憲章》 too)."""
    title = simplified_view(_compact(surface))
    found = _instrument_aliases().get(title)
    return found[0] if found else title


def url_key(url: str) -> str:
    """Return the document symbol an undocs.org link points to (``S/RES/1373(2001)``), else the URL."""
    match = _UNDOCS.search(url)
    return unquote(match["symbol"]).rstrip("/") if match else url


# ---------------------------------------------------------------- abbreviations and bodies


@dataclass(frozen=True)
class Definition:
    """An abbreviation defined in a text: ``text[start:end]`` is ``full_form(abbreviation)`` (the bracket may
    hold 下称 and quotes); ``key`` and ``name`` are simplified."""

    start: int
    end: int
    full_form: str
    abbreviation: str
    key: str
    abbreviation_start: int
    abbreviation_end: int
    name: str = ""
    short: str = ""


def _is_subsequence(short: str, long: str) -> bool:
    chars = iter(long)
    return all(char in chars for char in short)


def _definitions(text: str, view: str | None = None) -> list[Definition]:
    """Return the abbreviations defined as ``full form(abbreviation)`` in a text, in order.

    The bracket may say so (``(下称“反恐执行局”)``, ``(以下简称“…”)``) or quote the abbreviation. The
    abbreviation is 2–8 Han characters whose characters appear, in order, in the full form. The full
    form is the shortest run of Han characters before the bracket that starts with the abbreviation's first
    character and contains it, extended by a directly preceding 联合国/国际/全球/世界; it must be an entity
    name of ``data/un_entities.csv`` or end like the name of a body (委员会, 局, 办公室, 组织, … see
    ``BODY_ENDINGS``). ``A及其B(abbr)`` defines an abbreviation for A's B (反恐怖主义委员会及其执行局(反恐执行局)
    -> 反恐怖主义委员会执行局).
    """
    view = simplified_view(text) if view is None else view
    found = []
    for bracket in _BRACKETED.finditer(view) if "(" in view else ():
        abbreviation = _compact(bracket["abbreviation"])
        if not 2 <= len(abbreviation) <= 8 or not all(_HAN_CHAR.match(char) for char in abbreviation):
            continue
        # Han characters (and line breaks between them) right before the bracket, nearest first.
        positions = []
        index = bracket.start() - 1
        while index >= 0 and len(positions) < _MAX_FULL_FORM:
            if _HAN_CHAR.match(view[index]):
                positions.append(index)
            elif not view[index].isspace():
                break
            index -= 1
        positions.reverse()
        chars = "".join(view[i] for i in positions)
        starts = [i for i in range(len(chars)) if chars[i] == abbreviation[0] and _is_subsequence(abbreviation, chars[i:])]
        if not starts:
            continue
        first = starts[-1]
        for prefix in _DEFINITION_PREFIXES:
            if chars[:first].endswith(prefix):
                first -= len(prefix)
                break
        full = chars[first:]
        head, _, tail = full.partition("及其")
        known = entity_of(head + tail)
        if full == abbreviation or not (known or full.endswith(BODY_ENDINGS)):
            continue
        key = known.key if known else head + tail
        start, end = positions[first], positions[-1] + 1
        found.append(Definition(start, bracket.end(), text[start:end], text[bracket.start("abbreviation"):
                                bracket.end("abbreviation")].strip(), key, bracket.start("abbreviation"),
                                bracket.end("abbreviation"), head + tail, abbreviation))
    return found


@lru_cache(maxsize=256)
def _defined_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    return trie_pattern(names)


def named_by_role(surface: str) -> bool:
    """True when a body citation's surface is role words after a list of resolutions (所设委员会, 所设各个委员会,
    设立的工作组), not a name: the body is named by the resolutions that set it up."""
    return _ROLE_SURFACE.fullmatch(simplified_view(str(surface))) is not None


def _role_english(noun: str, keys: list[str]) -> str:
    numbers = [key.removeprefix("S/RES/").replace("(", " (") for key in keys]
    listed = numbers[0] if len(numbers) == 1 else ", ".join(numbers[:-1]) + " and " + numbers[-1]
    return f"{_ROLE_ENGLISH[noun]} established pursuant to resolution{'s' if len(numbers) > 1 else ''} {listed}"


def _role_key(noun: str, keys: list[str]) -> str:
    numbers = [key.removeprefix("S/RES/") for key in keys]
    listed = numbers[0] if len(numbers) == 1 else "、".join(numbers[:-1]) + "和" + numbers[-1]
    return f"第{listed}号决议所设{noun}"


_Mention = tuple  # (start, end, key, entity or None, english or None)


def _role_bodies(view: str, runs: list[_Run]) -> tuple[list[_Mention], list[tuple[int, int]]]:
    """Return the bodies named by role after runs of resolutions (第1267(1999)号决议所设委员会), one per body,
    the ranges of 安全理事会关于…的 openings of their official names, and ``(start, end, keys)`` of a bracket
    right after the role words (第1373号决议所设委员会(反恐怖主义委员会))."""
    bodies, openings, brackets = [], [], []
    committees = established_by()
    for run in runs:
        role = _ROLE.match(view, run.end)
        if role is None:
            continue
        noun, keys = role["noun"], [key for _, _, key in run.members]
        start, end = role.span("role")
        seen, unknown = set(), []
        for key in keys:
            found = [e for e in committees.get(key, ()) if e.key.endswith(noun)]
            unknown += [] if found else [key]
            for entity in found:
                if entity.id not in seen:
                    seen.add(entity.id)
                    bodies.append((start, end, entity.key, entity, entity.english))
        if unknown:
            bodies.append((start, end, _role_key(noun, unknown), None, _role_english(noun, unknown)))
        bracket = _BRACKET_AFTER.match(view, end)
        closing = view.find(")", end, end + _MAX_FULL_FORM) if bracket else -1
        if closing > 0:
            brackets.append((bracket.end(), closing, {body[2] for body in bodies if body[0] == start}))
        opening = _ROLE_PREFIX.search(view, max(0, run.start - 100), run.start)
        if opening:
            openings.append((opening.start(), run.start))
    return bodies, openings, brackets


def _body_mentions(
    view: str, taken: list[tuple[Span, str]], runs: list[_Run], defined: tuple[Definition, ...]
) -> list[_Mention]:
    """Return ``(start, end, key, entity, english)`` for each body mentioned outside the other citations.

    Names come from the entity table and from the abbreviations ``defined`` in the statement (which win
    over the table). Names of the same body in brackets right after it are the same mention
    (联合国反恐怖主义办公室(反恐办), 伊黎伊斯兰国(达伊沙), …(伊黎伊斯兰国，也称为达伊沙)). Bodies named by role after a list of resolutions
    are added (one row per body, sharing the span of the role words).
    """
    spans = [(span.start, span.end) for span, _ in taken]
    starts = [start for start, _ in spans]
    # (start, end, from the table?, key, entity): a name the text defines sorts before the table's.
    candidates = [(start, end, 1, entity.key, entity) for start, end, entity in name_matches(view)]
    defined_names: dict[str, str] = {}
    if defined:
        names = {}
        for definition in defined:
            names[definition.short] = definition.key
            if "及其" not in _compact(definition.full_form):
                names[definition.name] = definition.key
        for match in _defined_pattern(tuple(sorted(names))).finditer(view):
            key = names[_compact(match.group())]
            candidates.append((match.start(), match.end(), 0, key, entity_of(key)))
        defined_names = names
    # Leftmost, then longest, then a name the text defines; no overlap with citations or with each other.
    candidates.sort(key=lambda c: (c[0], c[0] - c[1], c[2]))
    roles, openings, role_brackets = _role_bodies(view, runs)
    mentions: list[_Mention] = []
    last_end = 0
    bracket: tuple[int, int, str] | None = None  # (start, end, key) of a bracket right after a mention
    for start, end, _, key, entity in candidates:
        if start < last_end or _overlaps(start, end, spans, starts):
            continue
        if any(lo <= start < hi for lo, hi in openings):
            continue
        if defined_names:
            name = _compact(view[start:end])
            if name in defined_names:
                key = defined_names[name]
                entity = entity_of(key)
        last_end = end
        if bracket and bracket[0] <= start and end <= bracket[1] and bracket[2] == key:
            continue  # another name of the body just named, in brackets after it
        if any(lo <= start and end <= hi and key in keys for lo, hi, keys in role_brackets):
            continue  # the name of a committee just named by role
        mentions.append((start, end, key, entity, entity.english if entity else None))
        opening = _BRACKET_AFTER.match(view, end)
        closing = view.find(")", end, end + _MAX_FULL_FORM) if opening else -1
        bracket = (opening.end(), closing, key) if closing > 0 else bracket
    return sorted(mentions + roles, key=lambda m: (m[0], m[1]))


# ---------------------------------------------------------------- extraction

_Row = tuple  # (kind, key, surface, start, end, entity, entity_kind, english)


def _text_citations(text: str, view: str, definitions: tuple[Definition, ...]) -> list[_Row]:
    """Return a row per citation of a text, in order of position; ``definitions`` are the abbreviations the
    whole statement defines (they name their bodies in every paragraph)."""
    runs = _resolution_runs(view)
    taken = _spans(text, view, runs)
    rows = []
    for span, key in taken:
        english = _instrument_aliases().get(key, (None, None))[1] if span.kind == "instrument" else None
        rows.append((span.kind, key, span.surface, span.start, span.end, None, None, english))
    for start, end, key, entity, english in _body_mentions(view, taken, runs, definitions):
        rows.append(("body", key, text[start:end], start, end, entity.id if entity else None,
                     entity.kind if entity else "un_body" if english else None, english))
    return sorted(rows, key=lambda row: (row[3], row[4]))


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


def _footnotes(paragraphs: pd.DataFrame, symbols: list) -> list[tuple[object, object, str]]:
    """Return ``(symbol, number, url)`` for the footnote links in ``attrs["footnotes"]``.

    Each footnote is a ``helpers.Footnote`` (number, <NA> for a link alone on a line; text) or a plain URL
    string (no number); footnotes of Chinese text are not links and are left out. A list belongs to
    ``attrs["symbol"]`` (or the table's only symbol; else to no symbol, <NA>); a mapping (a dict, or the
    ``CorpusFootnotes`` of ``load_corpus``) maps symbol -> list.
    """

    def links(notes: list) -> list[tuple[object, str]]:
        pairs = [(getattr(note, "number", None), str(getattr(note, "text", note))) for note in notes]
        return [(pd.NA if number is None else number, text) for number, text in pairs if text.startswith("http")]

    footnotes = paragraphs.attrs.get("footnotes") or []
    if isinstance(footnotes, Mapping):
        return [(symbol, n, url) for symbol in symbols for n, url in links(footnotes.get(symbol, []))]
    owner = paragraphs.attrs.get("symbol", symbols[0] if len(symbols) == 1 else pd.NA)
    return [(owner, n, url) for n, url in links(footnotes)]


def _table(columns: dict[str, list], with_paragraphs: bool) -> pd.DataFrame:
    types = {"start": "int64", "end": "int64", "kind": "str", "key": "str", "surface": "str", "entity": "str",
             "entity_kind": "str", "english": "str"}
    if with_paragraphs:
        types |= {"para": "Int64", "footnote": "Int64"}
    return pd.DataFrame({name: pd.Series(values, dtype=types.get(name, "object")) for name, values in columns.items()})


def _extract_from_paragraphs(paragraphs: pd.DataFrame) -> pd.DataFrame:
    table = _paragraph_texts(paragraphs)
    symbols, paras, texts = table["symbol"].tolist(), table["para"].tolist(), table["text"].tolist()
    # Group paragraphs by statement in one pass (input order of first appearance), never by filtering.
    groups: dict[object, list[int]] = {}
    for index, symbol in enumerate(symbols):
        groups.setdefault("<NA>" if pd.isna(symbol) else symbol, []).append(index)
    names = ["symbol", "para", *CITATION_COLUMNS[:5], "footnote", *CITATION_COLUMNS[5:]]
    columns: dict[str, list] = {name: [] for name in names}
    order: list[tuple[int, int, float, int]] = []

    def add(rank: tuple, symbol, para, footnote, row: _Row) -> None:
        order.append(rank)
        columns["symbol"].append(symbol)
        columns["para"].append(para)
        columns["footnote"].append(footnote)
        for name, value in zip(CITATION_COLUMNS, row, strict=True):
            columns[name].append(value)

    for group, members in enumerate(groups.values()):
        views = [simplified_view(texts[i]) for i in members]
        definitions = [_definitions(texts[i], view) for i, view in zip(members, views, strict=True)]
        # A definition given anywhere in a statement names its body in every paragraph of it.
        borrowed = tuple(d for found in definitions for d in found)
        for i, view in zip(members, views, strict=True):
            for row in _text_citations(texts[i], view, borrowed):
                add((group, 0, paras[i], row[3]), symbols[i], paras[i], pd.NA, row)
    group_of = {("<NA>" if pd.isna(s) else str(s)): g for g, s in enumerate(groups)}
    # Footnotes in document order (a link alone on a line has no number to sort by).
    for position, (symbol, number, url) in enumerate(_footnotes(paragraphs, list(dict.fromkeys(symbols)))):
        group = group_of.get("<NA>" if pd.isna(symbol) else str(symbol), len(groups))
        add((group, 1, position, 0), symbol, pd.NA, number, ("url", url_key(url), url, 0, len(url), None, None, None))
    ranks = sorted(range(len(order)), key=lambda i: (order[i][0], order[i][1], order[i][2], order[i][3], i))
    result = _table({name: [values[i] for i in ranks] for name, values in columns.items()}, with_paragraphs=True)
    return result


def extract_citations(source: str | pd.DataFrame, workers: int | None = None) -> pd.DataFrame:
    """Return every citation in a text or a paragraph table, one row each, with a normalised key.

    Columns for a string: kind, key, surface, start, end (``source[start:end] == surface``), entity,
    entity_kind, english; sorted by start. For a paragraph table (``helpers.load_statement``): symbol,
    para, kind, key, surface, start, end, footnote, entity, entity_kind, english; offsets index that
    paragraph's text; sorted by symbol (in input order), para, start. Footnote links from
    ``attrs["footnotes"]`` come last, with para <NA>, footnote = their number and offsets into the URL itself.

    Kinds and keys: ``resolution`` (``S/RES/1373(2001)``, ``S/RES/1373`` without a year, General
    Assembly ``A/RES/60/288`` and ``A/RES/2625(XXV)``; a symbol such as ``S/RES/2396 (2017)`` is a
    resolution too), ``document`` (other symbols), ``instrument`` (《…》, short forms mapped by
    ``data/citation_aliases.csv``), ``body`` (an entity of ``data/un_entities.csv`` by its official Chinese
    name, with its ``entity`` id, ``entity_kind`` and ``english`` name; abbreviations defined in the text win;
    a committee named by role, 第1540(2004)号决议所设委员会, is keyed to that committee, or to
    ``第N(YYYY)号决议所设委员会`` when the table does not list it), ``url`` (the symbol an undocs.org link
    points to, else the URL). Traditional characters get the keys of the simplified forms.

    ``workers`` processes share the documents of a corpus table (default: all cores from
    PARALLEL_MIN_DOCUMENTS documents, see ``helpers.parallel``; only when each document's rows are
    consecutive and ``attrs`` holds no footnotes or footnotes by symbol, as ``load_corpus`` gives them); the
    table is the same as with one.
    """
    if isinstance(source, pd.DataFrame):
        symbols = source["symbol"] if "symbol" in source.columns else None
        footnotes = source.attrs.get("footnotes")
        if (
            symbols is not None
            and (not footnotes or isinstance(footnotes, Mapping))
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
    view = simplified_view(source)
    rows = _text_citations(source, view, tuple(_definitions(source, view)))
    return _table({name: [row[i] for row in rows] for i, name in enumerate(CITATION_COLUMNS)}, with_paragraphs=False)


def abbreviation_definitions(source: str | pd.DataFrame) -> pd.DataFrame:
    """Return the abbreviations a text (or paragraph table) defines in brackets.

    Columns: [symbol, para,] full_form (as in the text), abbreviation, key (the body it names, e.g.
    反恐执行局 -> 反恐怖主义委员会执行局), start, end (``full_form(abbreviation)`` is
    ``text[start:end]``, the bracket possibly holding 下称 and quotes); sorted by [symbol, para,] start.
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
