"""Charts of citations: paragraph × citation heatmap, resolution timeline, co-citation network.

Each function draws on a matplotlib Axes (a new figure when none is given) and returns it; call
``helpers.use_chinese_font()`` first so that Chinese labels render.
"""

from __future__ import annotations

import re

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

LAYOUT_SEED = 7
"""Seed of the co-citation layout: the same drawing on every run."""


def citation_label(key: str) -> str:
    """Return a short label for a citation key: ``S/RES/1373(2001)`` -> ``1373(2001)``; others unchanged."""
    match = re.fullmatch(r"S/RES/(\d+(?:\(\d{4}\))?)", key)
    return match[1] if match else key


def matrix_label(key: str, english: bool = True, width: int = 30) -> str:
    """Return a short column label for a citation key: a resolution as number(year), a document as its symbol, a
    committee named by the resolutions that set it up by those resolutions, anything else as its short English gloss (at most ``width`` characters), after the Chinese key when that is
    short (8 characters or fewer), or the key alone when ``english`` is False or no gloss is known."""
    from helpers.analysis.glossary import gloss

    if citation_label(key) != key or re.match(r"[A-Z]/", key) or not english:
        return citation_label(key)
    if key.endswith("委员会") and (numbers := re.findall(r"\d+\(\d{4}\)", key)):  # a committee named by its resolutions
        return f"committee of res. {', '.join(numbers)}"
    short = gloss([key], short=True).iloc[0]
    short = short if len(short) <= width else short[: width - 1] + "…"
    if not short:
        return key
    return f"{key} {short}" if len(key) <= 8 else short


def plot_citation_matrix(
    matrix: pd.DataFrame, ax: Axes | None = None, title: str | None = None, english: bool = True
) -> Axes:
    """Draw a paragraph × citation matrix (``helpers.citation_matrix``) as a heatmap with counts in the cells.

    Resolutions are labelled by number and year; other keys carry their short English gloss unless ``english``
    is False."""

    if ax is None:
        _, ax = plt.subplots(figsize=(max(6.0, 0.55 * matrix.shape[1] + 2), max(3.0, 0.32 * matrix.shape[0] + 1.5)))
    values = matrix.to_numpy()
    image = ax.imshow(values, cmap="Blues", aspect="auto", vmin=0, vmax=max(1, int(values.max(initial=0))))
    labels = [matrix_label(key, english) for key in matrix.columns]
    ax.set_xticks(np.arange(matrix.shape[1]), labels, rotation=60, ha="right")
    ax.set_yticks(np.arange(matrix.shape[0]), [str(para) for para in matrix.index])
    for (row, column), value in np.ndenumerate(values):
        if value:
            ax.text(column, row, str(value), ha="center", va="center", color="white" if value > 1 else "black")
    ax.set_xlabel("引用 citation")
    ax.set_ylabel("段落 paragraph")
    if title:
        ax.set_title(title)
    colorbar = ax.figure.colorbar(image, ax=ax, label="次数 count", fraction=0.03)
    colorbar.ax.yaxis.get_major_locator().set_params(integer=True)
    return ax


def plot_resolution_timeline(
    timeline: pd.DataFrame,
    ax: Axes | None = None,
    title: str | None = None,
    statement: tuple[str, pd.Timestamp] | None = None,
) -> Axes:
    """Draw the cited resolutions (``helpers.resolution_timeline``) on a time axis: one stem per resolution,
    its height the number of citations, labelled with its number and year (labels staggered so that
    neighbours do not overlap). ``statement`` = (symbol, date) adds a dashed line at the citing statement.
    Resolutions without a date of adoption are left out; with none left, the chart says so."""
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 3.4))
    rows = timeline.dropna(subset=["adopted"]).sort_values(["adopted", "number"])
    if rows.empty:  # nothing to place in time: say so on the chart instead of failing
        ax.text(0.5, 0.5, "没有已知通过日期的决议 · no cited resolution with a known date of adoption",
                ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        if title:
            ax.set_title(title)
        return ax
    dates = rows["adopted"].to_numpy()
    ax.stem(dates, rows["count"].to_numpy(), basefmt="k-")
    for index, (date, count, key) in enumerate(zip(dates, rows["count"], rows["key"], strict=True)):
        offset = 6 if index % 2 == 0 else 20
        ax.annotate(citation_label(key), (date, count), xytext=(0, offset), textcoords="offset points", ha="center")
    if statement is not None:
        symbol, date = statement
        ax.axvline(pd.Timestamp(date), color="#C44E52", linestyle="--")
        ax.annotate(symbol, (mdates.date2num(pd.Timestamp(date)), 0.95), xycoords=ax.get_xaxis_transform(), xytext=(-4, 0),
                    textcoords="offset points", ha="right", va="top", color="#C44E52")
    ax.set_ylim(0, rows["count"].max() + 2 if len(rows) else 1)
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_xlabel("通过日期 adopted")
    ax.set_ylabel("被引次数 citations")
    if title:
        ax.set_title(title)
    return ax


def draw_cocitation_graph(
    graph: nx.Graph, ax: Axes | None = None, title: str | None = None, seed: int = LAYOUT_SEED
) -> Axes:
    """Draw a co-citation graph (``helpers.cocitation_graph``): node size by citations, edge width by
    shared paragraphs; a spring layout with a fixed ``seed``."""
    if ax is None:
        _, ax = plt.subplots(figsize=(6.5, 5))
    nodes = sorted(graph.nodes)
    edges = sorted(graph.edges, key=lambda edge: tuple(sorted(edge)))
    positions = nx.spring_layout(graph.subgraph(nodes), seed=seed, weight="weight")
    nx.draw_networkx_edges(
        graph, positions, edgelist=edges, width=[1.5 * graph.edges[e]["weight"] for e in edges], ax=ax, alpha=0.6
    )
    sizes = [300 + 250 * graph.nodes[n]["count"] for n in nodes]
    nx.draw_networkx_nodes(graph, positions, nodelist=nodes, node_size=sizes, node_color="#9ecae1", ax=ax)
    nx.draw_networkx_labels(graph, positions, labels={n: citation_label(n) for n in nodes}, font_size=9, ax=ax,
                            font_family=plt.rcParams["font.sans-serif"][0])
    ax.margins(0.15)
    ax.set_axis_off()
    if title:
        ax.set_title(title)
    return ax
