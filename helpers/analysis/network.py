"""The citation network of a corpus: documents as nodes, citations as edges; GraphML (Gephi) and CSV.

Nodes are the documents of the corpus and the documents they cite (resolutions, statements, other UN
documents); edges run from the citing document to the cited one. Bodies, titles of instruments and links that
are not UN symbols are not documents and are left out.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from helpers.analysis.documents import documents
from helpers.errors import DataError
from helpers.ingest.symbols import document_kind

NODE_COLUMNS = ["id", "label", "doc_type", "date", "year", "in_corpus", "cites", "cited_by"]
EDGE_COLUMNS = ["source", "target", "count", "kind"]
DOCUMENT_KINDS = ("resolution", "document", "url")
"""Citation kinds whose keys can name a document (an undocs.org link's key is the symbol it points to)."""
_BARE_RESOLUTION = re.compile(r"S/RES/(\d+)")


def _known_dates() -> dict[str, pd.Timestamp]:
    """Dates of documents the project knows without their text: resolutions.csv and the statement index."""
    from helpers.analysis.citation_counts import read_resolutions
    from helpers.ingest.index import load_index

    dates = dict(zip(load_index()["symbol"], load_index()["date"], strict=True))
    resolutions = read_resolutions()
    dates |= dict(zip(resolutions["symbol"], resolutions["adopted"], strict=True))
    return dates


def citation_network(
    citations: pd.DataFrame, corpus: pd.DataFrame, kinds: Iterable[str] = DOCUMENT_KINDS
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return ``(nodes, edges)`` of the citation network of a corpus.

    ``citations`` is ``helpers.extract_citations(corpus)``; citations of ``kinds`` whose key is a UN symbol
    become edges (``S/RES/1373`` without a year is joined to ``S/RES/1373(2001)`` when the corpus or
    ``data/resolutions.csv`` knows it; a document citing itself is left out).

    nodes: id (symbol), label (short form: ``1373(2001)`` for resolutions, else the symbol), doc_type
    (``helpers.document_kind``: statement, resolution, document; "other" for other organs' documents such as
    ``A/RES/60/288``), date (of the corpus document, else from
    ``data/resolutions.csv`` or the statement index; NaT when unknown), year (Int64), in_corpus (True for
    documents of the corpus, False for those only cited), cites (documents it cites), cited_by (documents
    of the corpus citing it). Corpus documents first in date order, then cited-only documents by date, id.

    edges: source (citing document), target (cited document), count (citations), kind (the citation kinds,
    joined by ``+`` when a document is cited both ways, e.g. ``resolution+url``). Sorted by source (in node
    order), then target.
    """
    for column in ("symbol", "kind", "key"):
        if column not in citations.columns:
            raise DataError(f"citation table: missing column {column}; pass helpers.extract_citations(corpus).")
    ordered = documents(corpus)
    in_corpus = ordered["symbol"].tolist()
    rows = citations[citations["kind"].isin(list(kinds)) & citations["symbol"].notna()]
    rows = rows.assign(source=rows["symbol"].astype(str), target=rows["key"].astype(str), kind=rows["kind"].astype(str))
    rows = rows[(rows["kind"] != "url") | ~rows["target"].str.contains("://", regex=False)]  # links to no symbol
    known = _known_dates()
    full = {}
    for symbol in [*in_corpus, *known]:
        match = re.fullmatch(r"S/RES/(\d+)\(\d{4}\)", symbol)
        if match:
            full.setdefault(match[1], symbol)
    rows["target"] = rows["target"].map(
        lambda key: full.get(m[1], key) if (m := _BARE_RESOLUTION.fullmatch(key)) else key
    )
    rows = rows[rows["source"] != rows["target"]]
    grouped = rows.groupby(["source", "target"])
    edges = pd.DataFrame(
        {"count": grouped.size(), "kind": grouped["kind"].agg(lambda kinds: "+".join(sorted(set(kinds))))}
    ).reset_index()

    corpus_nodes = ordered.rename(columns={"symbol": "id"})[["id", "doc_type", "date"]].assign(in_corpus=True)
    cited_only = sorted(set(edges["target"]) - set(in_corpus))
    other_nodes = pd.DataFrame(
        {"id": cited_only, "doc_type": [document_kind(s) or "other" for s in cited_only],
         "date": pd.Series([known.get(s, pd.NaT) for s in cited_only], dtype="datetime64[us]"), "in_corpus": False}
    ).sort_values(["date", "id"], na_position="last", kind="stable")
    nodes = pd.concat([corpus_nodes, other_nodes], ignore_index=True)
    nodes["date"] = nodes["date"].astype("datetime64[us]")
    nodes.insert(1, "label", nodes["id"].str.replace(r"^S/RES/(\d+\(\d{4}\))$", r"\1", regex=True))
    nodes["year"] = nodes["date"].dt.year.astype("Int64")
    nodes["cites"] = nodes["id"].map(edges.groupby("source").size()).fillna(0).astype("int64")
    nodes["cited_by"] = nodes["id"].map(edges.groupby("target").size()).fillna(0).astype("int64")
    nodes = nodes.astype({"id": "str", "label": "str", "doc_type": "str", "in_corpus": "bool"})[NODE_COLUMNS]

    position = {node: i for i, node in enumerate(nodes["id"])}
    edges = edges.assign(_s=edges["source"].map(position), _t=edges["target"].map(position))
    edges = edges.sort_values(["_s", "_t"], ignore_index=True)[EDGE_COLUMNS]
    return nodes, edges.astype({"source": "str", "target": "str", "count": "int64", "kind": "str"})


def network_graph(nodes: pd.DataFrame, edges: pd.DataFrame):
    """Return a networkx DiGraph of ``citation_network``'s tables (node and edge attributes as columns;
    a missing date or year is "" so that GraphML can hold it), nodes and edges in the tables' order."""
    import networkx as nx

    graph = nx.DiGraph()
    for row in nodes.itertuples(index=False):
        graph.add_node(
            row.id, label=row.label, doc_type=row.doc_type, in_corpus=bool(row.in_corpus),
            date="" if pd.isna(row.date) else row.date.strftime("%Y-%m-%d"),
            year="" if pd.isna(row.year) else str(int(row.year)), cites=int(row.cites), cited_by=int(row.cited_by),
        )
    for row in edges.itertuples(index=False):
        graph.add_edge(row.source, row.target, count=int(row.count), kind=row.kind)
    return graph


def graphml_bytes(nodes: pd.DataFrame, edges: pd.DataFrame) -> bytes:
    """Return the GraphML (UTF-8) of ``citation_network``'s tables, for Gephi; the same tables give the same bytes."""
    import io

    import networkx as nx

    buffer = io.BytesIO()
    nx.write_graphml(network_graph(nodes, edges), buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue()


def write_citation_network(nodes: pd.DataFrame, edges: pd.DataFrame, out_dir: str | os.PathLike[str]) -> list[Path]:
    """Write ``nodes.csv``, ``edges.csv`` (UTF-8) and ``network.graphml`` (for Gephi) into ``out_dir``;
    return their paths. The same tables always give the same bytes."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = [out / "nodes.csv", out / "edges.csv", out / "network.graphml"]
    table = nodes.assign(date=nodes["date"].dt.strftime("%Y-%m-%d"))
    table.to_csv(paths[0], index=False, lineterminator="\n")
    edges.to_csv(paths[1], index=False, lineterminator="\n")
    paths[2].write_bytes(graphml_bytes(nodes, edges))
    return paths
