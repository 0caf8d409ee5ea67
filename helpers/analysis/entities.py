"""The UN entities Council texts name: one table, ``data/un_entities.csv``, shared by citations and segmentation.

Each entity has an id, a kind (``ENTITY_KINDS``), an official or standard Chinese name (the citation key),
Chinese abbreviations and variants, an English name, the resolution(s) that established it (for subsidiary
bodies, committees and operations) and a source. ``extract_citations`` reports every mention of one of these
names as a ``body`` citation with the entity's id, kind and English name; the tokenizer keeps every name whole.

Names are matched on a *simplified view* of the text: OpenCC ``t2s`` (traditional -> simplified, one character
for one character, so offsets into the view are offsets into the text) with full-width brackets made ASCII.
Matching is leftmost-longest over all names at once, through one regular expression built as a character trie
(so it runs at the speed of the ``re`` engine, not of a Python loop); whitespace may stand between the characters
of a name, as line breaks do in text extracted from PDFs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import pandas as pd

from helpers.errors import DataError
from helpers.ingest.registry import PROJECT_DATA, read_reference_table
from helpers.ingest.script import convert

ENTITIES_FILE = PROJECT_DATA / "un_entities.csv"
ENTITY_COLUMNS = ["id", "kind", "name_zh", "aliases", "name_en", "established_by", "source"]
ENTITY_KINDS = ("un_body", "operation", "agency", "member_state_group", "non_un_organisation", "listed_group")
"""UN organs, subsidiary bodies, committees and Secretariat offices; peace operations and political missions;
specialised agencies, funds and programmes; groups of member states; organisations outside the UN; groups
the Council lists as terrorist."""
_KIND_LABELS = {
    "un_body": ("UN body", "principal organs, their presidents, the Secretary-General and Secretariat offices, "
                "subsidiary bodies, sanctions committees and working groups"),
    "operation": ("operation", "peace operations and political missions, and operations the Council authorised"),
    "agency": ("agency", "specialised agencies, funds, programmes and related organisations"),
    "member_state_group": ("member-state group", "groups and categories of Member States"),
    "non_un_organisation": ("non-UN organisation", "regional and other organisations outside the United Nations"),
    "listed_group": ("listed group", "groups named in the Council's terrorism texts and sanctions lists"),
}
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_SYMBOL = re.compile(r"(?:S/RES/\d+\(\d{4}\)|A/RES/(?:\d+/\d+|\d+\([IVXLC]+\)))")
_WS = r"\s*"
_FULL_WIDTH = str.maketrans({"（": "(", "）": ")"})


@dataclass(frozen=True)
class Entity:
    """One row of the entity table, as the extractor reports it."""

    id: str
    kind: str
    key: str
    english: str


# ---------------------------------------------------------------- the table


@cache
def _entity_table() -> pd.DataFrame:
    path = ENTITIES_FILE
    table = read_reference_table(path, ENTITY_COLUMNS, "the UN entity table")
    problems = []
    if not table["id"].map(lambda value: bool(_ID.fullmatch(value))).all() or table["id"].duplicated().any():
        problems.append("every id must be unique, lower-case words joined by '-'")
    if not table["kind"].isin(ENTITY_KINDS).all():
        problems.append("kind must be one of " + "/".join(ENTITY_KINDS))
    for column in ("name_zh", "name_en", "source"):
        if (table[column].str.strip() == "").any():
            problems.append(f"every row needs {column}")
    established = [s for value in table["established_by"] for s in value.split("|") if s]
    if any(not _SYMBOL.fullmatch(symbol) for symbol in established):
        problems.append("established_by holds resolution symbols (S/RES/1373(2001), A/RES/71/291) joined by '|'")
    names = [name for row in table.itertuples() for name in _row_names(row)]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        problems.append("a name may belong to one entity only: " + ", ".join(repeated))
    if problems:
        raise DataError(f"{path}: " + "; ".join(problems) + ". Fix the file and try again.")
    order = {kind: i for i, kind in enumerate(ENTITY_KINDS)}
    table = table.assign(_order=table["kind"].map(order))
    return table.sort_values(["_order", "id"], ignore_index=True).drop(columns="_order")


def _row_names(row) -> list[str]:
    return [row.name_zh, *(alias for alias in row.aliases.split("|") if alias)]


def un_entities() -> pd.DataFrame:
    """Return ``data/un_entities.csv``: id, kind, name_zh, aliases ('|'-separated), name_en, established_by
    ('|'-separated resolution symbols), source. Sorted by kind (in ``ENTITY_KINDS`` order), then id."""
    return _entity_table().copy()


def entity_kinds() -> pd.DataFrame:
    """Return the six kinds of UN entity in their fixed order: kind (the id used in the tables), label (English,
    for tables and charts), covers (what the kind holds)."""
    return pd.DataFrame(
        [(kind, *_KIND_LABELS[kind]) for kind in ENTITY_KINDS], columns=["kind", "label", "covers"]
    ).astype("str")


@cache
def _entities_by_name() -> dict[str, Entity]:
    found = {}
    for row in _entity_table().itertuples():
        entity = Entity(row.id, row.kind, row.name_zh, row.name_en)
        for name in _row_names(row):
            found[name] = entity
    return found


def entity_of(name: str) -> Entity | None:
    """Return the entity a (simplified, whitespace-free) name belongs to, or None."""
    return _entities_by_name().get(name)


def entity_names() -> pd.DataFrame:
    """Return one row per Chinese name of an entity: name, entity (id), kind, key (the official Chinese name),
    english. Sorted by entity, then name."""
    rows = [(name, e.id, e.kind, e.key, e.english) for name, e in _entities_by_name().items()]
    table = pd.DataFrame(rows, columns=["name", "entity", "kind", "key", "english"])
    return table.sort_values(["entity", "name"], ignore_index=True)


@cache
def established_by() -> dict[str, tuple[Entity, ...]]:
    """Return ``{resolution symbol: entities it established}`` from the table's established_by column; a
    Council resolution is also listed without its year (``S/RES/1373``), as texts sometimes cite it."""
    found: dict[str, list[Entity]] = {}
    by_id = {e.id: e for e in _entities_by_name().values()}
    for row in _entity_table().itertuples():
        for symbol in filter(None, row.established_by.split("|")):
            for key in dict.fromkeys([symbol, re.sub(r"^(S/RES/\d+)\(\d{4}\)$", r"\1", symbol)]):
                found.setdefault(key, []).append(by_id[row.id])
    return {symbol: tuple(entities) for symbol, entities in found.items()}


# ---------------------------------------------------------------- the simplified view


def simplified_view(text: str) -> str:
    """Return the text in simplified characters with ASCII brackets, the same length as ``text``.

    The conversion is ``helpers.ingest.script.convert(text, "t2s")`` (OpenCC t2s, phrase by phrase; a line
    whose conversion would change its length is converted character by character), so offsets never move.
    """
    if text.isascii():
        return text
    view = convert(text, "t2s")
    return view.translate(_FULL_WIDTH) if "（" in view or "）" in view else view


# ---------------------------------------------------------------- matching names


def trie_pattern(names: list[str] | tuple[str, ...]) -> re.Pattern[str]:
    """Return one regex matching any of ``names``, longest first at each start, whitespace allowed between
    characters. Built as a character trie (``安(?:\\s*全…|\\s*理\\s*会)``), which Python's ``re`` scans far
    faster than a flat alternation of hundreds of names; no maintained library builds such a pattern with
    whitespace between characters, hence this short function."""
    trie: dict = {}
    for name in names:
        node = trie
        for char in name:
            node = node.setdefault(char, {})
        node[""] = {}

    def after(node: dict) -> str:
        children = sorted(char for char in node if char)
        if not children:
            return ""
        branches = [re.escape(char) + after(node[char]) for char in children]
        body = _WS + (branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")")
        return f"(?:{body})?" if "" in node else body

    branches = [re.escape(char) + after(trie[char]) for char in sorted(trie)]
    return re.compile("(?:" + "|".join(branches) + ")" if branches else r"(?!)")


@cache
def _name_pattern() -> re.Pattern[str]:
    return trie_pattern(tuple(_entities_by_name()))


def _compact(text: str) -> str:
    return "".join(text.split())


def name_matches(view: str) -> list[tuple[int, int, Entity]]:
    """Return ``(start, end, entity)`` for every entity name in a simplified view, leftmost-longest,
    non-overlapping, in order."""
    names = _entities_by_name()
    return [(m.start(), m.end(), names[_compact(m.group())]) for m in _name_pattern().finditer(view)]
