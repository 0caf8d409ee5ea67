"""Counting citations: totals by key, paragraph × citation matrix, co-citation graph, resolution context.

Every function takes the table of ``helpers.extract_citations`` (of a paragraph table where paragraphs
matter) and returns a table in a fixed order: count descending, then key.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from itertools import combinations

import networkx as nx
import pandas as pd

from helpers.analysis.citations import CITATION_KINDS, named_by_role
from helpers.analysis.entities import ENTITY_KINDS
from helpers.errors import DataError
from helpers.ingest.index import load_resolution_index
from helpers.ingest.registry import PROJECT_DATA, restore_hint

RESOLUTIONS_FILE = PROJECT_DATA / "resolutions.csv"


def _check(citations: pd.DataFrame, needed: tuple[str, ...]) -> None:
    missing = [column for column in needed if column not in citations.columns]
    if missing:
        raise DataError(
            f"citation table: missing column(s) {', '.join(missing)}; pass the table of helpers.extract_citations"
            + (" on a paragraph table (helpers.load_statement)." if "para" in missing else ".")
        )


def _kind_order(kinds: pd.Series) -> pd.Series:
    return kinds.map({kind: i for i, kind in enumerate(CITATION_KINDS)}).fillna(len(CITATION_KINDS))


def citation_counts(citations: pd.DataFrame, kinds: Iterable[str] | None = None) -> pd.DataFrame:
    """Return how often each key is cited: columns kind, key, count.

    Sorted by count (descending), then key, then kind. ``kinds`` keeps only those kinds.
    """
    _check(citations, ("kind", "key"))
    rows = citations if kinds is None else citations[citations["kind"].isin(list(kinds))]
    counts = rows.groupby(["kind", "key"]).size().rename("count").reset_index()
    return counts.sort_values(["count", "key", "kind"], ascending=[False, True, True], ignore_index=True)


BODY_COLUMNS = ["kind", "entity", "key", "english", "mentions", "by_role", "named_as", "paragraphs"]
UNLISTED = "unlisted"
"""The kind ``bodies_by_kind`` gives a body that ``data/un_entities.csv`` does not hold."""


def bodies_by_kind(citations: pd.DataFrame) -> pd.DataFrame:
    """Return the bodies a text names, one row per body: kind (the entity kind of ``data/un_entities.csv``: un_body,
    operation, agency, member_state_group, non_un_organisation, listed_group; ``unlisted`` for a body the table
    does not hold, known only from a name the text defines in brackets), entity (its id; empty when the table does
    not list it), key (its official Chinese name; ``第N(YYYY)号决议所设委员会`` for a committee named by role that the
    table lacks), english (empty when unknown), mentions, by_role (the mentions by role: 第1540(2004)号决议所设委员会
    names no body but the resolution that set it up), named_as (each written form with its count, most frequent
    first, a form by role marked "(by role)"), paragraphs (where it is named, ", "-joined; empty without a para
    column).

    Sorted by kind (in the order above), mentions descending, then key. A text that names no body gives an
    empty table with these columns.
    """
    _check(citations, ("kind", "key", "surface", "entity", "entity_kind", "english"))
    bodies = citations[citations["kind"] == "body"]
    bodies = bodies.assign(
        entity=bodies["entity"].fillna("").astype("str"),
        entity_kind=bodies["entity_kind"].fillna(UNLISTED).astype("str"),
        english=bodies["english"].fillna("").astype("str"),
        written=["".join(str(surface).split()) for surface in bodies["surface"]],
        role=[named_by_role(surface) for surface in bodies["surface"]],
    )
    order = {kind: i for i, kind in enumerate(ENTITY_KINDS)}
    rows = []
    for (kind, entity, key, english), group in bodies.groupby(["entity_kind", "entity", "key", "english"], sort=False):
        forms = group.groupby(["written", "role"]).size().rename("n").reset_index()
        forms = forms.sort_values(["n", "written"], ascending=[False, True])
        named_as = ", ".join(f"{form}{' (by role)' if role else ''} ×{n}"
                             for form, role, n in zip(forms["written"], forms["role"], forms["n"], strict=True))
        paragraphs = ", ".join(str(int(p)) for p in sorted(set(group["para"].dropna()))) if "para" in group else ""
        rows.append((kind, entity, key, english, len(group), int(group["role"].sum()), named_as, paragraphs))
    table = pd.DataFrame(rows, columns=BODY_COLUMNS).astype(
        {"kind": "str", "entity": "str", "key": "str", "english": "str", "mentions": "int64", "by_role": "int64",
         "named_as": "str", "paragraphs": "str"}
    )
    table = table.assign(_order=table["kind"].map(order).fillna(len(order)))
    table = table.sort_values(["_order", "mentions", "key"], ascending=[True, False, True], ignore_index=True)
    return table.drop(columns="_order")


def citation_matrix(
    citations: pd.DataFrame, kinds: Iterable[str] | None = None, paragraphs: Iterable[int] | None = None
) -> pd.DataFrame:
    """Return a paragraph × citation count matrix: index para, one column per key, int counts.

    Rows without a paragraph (footnotes) are left out. Columns are grouped by kind (resolution, document,
    instrument, body, url), then by total count (descending), then key; ``paragraphs`` gives the rows to
    show (default: the paragraphs that cite something), in ascending order.
    """
    _check(citations, ("para", "kind", "key"))
    rows = citations[citations["para"].notna()]
    if kinds is not None:
        rows = rows[rows["kind"].isin(list(kinds))]
    order = citation_counts(rows)
    order["rank"] = _kind_order(order["kind"])
    order = order.sort_values(["rank", "count", "key"], ascending=[True, False, True], kind="stable")
    keys = list(dict.fromkeys(order["key"]))
    index = sorted(set(rows["para"].astype(int)) if paragraphs is None else {int(p) for p in paragraphs})
    matrix = pd.crosstab(rows["para"].astype(int), rows["key"]).reindex(index=index, columns=keys, fill_value=0)
    matrix.index.name = "para"
    matrix.columns.name = "key"
    return matrix.astype("int64")


def cocitation_graph(citations: pd.DataFrame, kind: str = "resolution") -> nx.Graph:
    """Return the co-citation graph of one kind of citation: keys cited in the same paragraph are linked.

    Node attributes: ``count`` (citations), ``paragraphs`` (sorted list of paragraph numbers); edge
    attribute ``weight`` = number of paragraphs citing both. Nodes and edges are added in sorted order.
    """
    _check(citations, ("para", "kind", "key"))
    rows = citations[(citations["kind"] == kind) & citations["para"].notna()]
    graph = nx.Graph()
    for key, group in sorted(rows.groupby("key")["para"], key=lambda item: item[0]):
        graph.add_node(key, count=len(group), paragraphs=sorted(set(group.astype(int))))
    weights: dict[tuple[str, str], int] = {}
    for _, group in rows.groupby(["symbol", "para"] if "symbol" in rows.columns else ["para"], dropna=False)["key"]:
        for pair in combinations(sorted(set(group)), 2):
            weights[pair] = weights.get(pair, 0) + 1
    for (left, right), weight in sorted(weights.items()):
        graph.add_edge(left, right, weight=weight)
    return graph


def cocitation_edges(graph: nx.Graph) -> pd.DataFrame:
    """Return the edges of a co-citation graph: source, target, weight; by weight desc, then source, target."""
    rows = [(*sorted((left, right)), data["weight"]) for left, right, data in graph.edges(data=True)]
    edges = pd.DataFrame(rows, columns=["source", "target", "weight"]).astype({"weight": "int64"})
    return edges.sort_values(["weight", "source", "target"], ascending=[False, True, True], ignore_index=True)


@cache
def _resolutions_table() -> pd.DataFrame:
    if not RESOLUTIONS_FILE.is_file():
        raise DataError(f"{RESOLUTIONS_FILE}: the resolution table is missing; {restore_hint(PROJECT_DATA)}")
    table = pd.read_csv(RESOLUTIONS_FILE, dtype=str, keep_default_na=False)
    expected = ["number", "year", "symbol", "adopted", "subject"]
    if list(table.columns) != expected:
        raise DataError(f"{RESOLUTIONS_FILE}: expected columns {', '.join(expected)}; fix the file.")
    try:
        table = table.astype({"number": "int64", "year": "int64"})
        table["adopted"] = pd.to_datetime(table["adopted"], format="%Y-%m-%d")
    except ValueError as error:
        raise DataError(f"{RESOLUTIONS_FILE}: number and year must be integers, adopted YYYY-MM-DD ({error}).") from None
    return table.sort_values("number", ignore_index=True)


def read_resolutions() -> pd.DataFrame:
    """Return ``data/resolutions.csv``: number, year, symbol, adopted (datetime), subject; sorted by number."""
    return _resolutions_table().copy()


def resolution_timeline(citations: pd.DataFrame) -> pd.DataFrame:
    """Return the Security Council resolutions cited, with their context from ``data/resolutions.csv``.

    Columns: key, number, year, symbol, adopted, subject, count (citations), paragraphs (comma-separated,
    when the citations carry paragraphs). Joined on the resolution number, so ``S/RES/1373`` (no year)
    gets 1373 (2001)'s context; a resolution missing from the table takes year, symbol and adoption date
    from data/resolution_index.csv (every resolution to June 2022) and keeps <NA> as subject; one in
    neither keeps <NA> throughout. Sorted by number.
    """
    _check(citations, ("kind", "key"))
    rows = citations[(citations["kind"] == "resolution") & citations["key"].str.startswith("S/RES/")].copy()
    rows["number"] = rows["key"].str.extract(r"^S/RES/(\d+)", expand=False).astype("int64")
    grouped = rows.groupby(["number", "key"])
    summary = grouped.size().rename("count").reset_index()
    if "para" in rows.columns:
        listed = grouped["para"].agg(lambda s: ", ".join(str(p) for p in sorted(set(s.dropna().astype(int)))))
        summary = summary.merge(listed.rename("paragraphs").reset_index(), on=["number", "key"])
    context = _resolutions_table()
    summary = summary.merge(context, on="number", how="left")
    facts = load_resolution_index().set_index("number")
    summary["year"] = summary["year"].fillna(summary["number"].map(facts["year"]))
    summary["symbol"] = summary["symbol"].fillna(summary["number"].map(facts["symbol"]))
    summary["adopted"] = summary["adopted"].fillna(summary["number"].map(facts["date"]))
    columns = ["key", "number", "year", "symbol", "adopted", "subject", "count"]
    columns += ["paragraphs"] if "paragraphs" in summary.columns else []
    summary = summary.astype({"year": "Int64"})
    return summary[columns].sort_values(["number", "key"], ignore_index=True)
