"""Charts of a series: where a document's language comes from, reuse, terms and speech-act force over time, the
citation network.

Each function draws on a matplotlib Axes (a new figure when none is given) and returns it; call
``helpers.use_chinese_font()`` first so that Chinese labels render. Colours follow a fixed palette in
chronological order of the sources, so the same table always gives the same picture.
"""

from __future__ import annotations

import pandas as pd

NEW_COLOUR = "#D9D9D9"


def plot_provenance(table: pd.DataFrame, ax=None, title: str | None = None):
    """Draw ``helpers.provenance``'s table: one horizontal bar per paragraph, its length 1 (the whole
    paragraph), split into the share of reused text from each source document (earliest first, one colour
    each; near-verbatim passages hatched) and the share of new text (grey). Return the Axes."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    paragraphs = list(dict.fromkeys(table["para"].tolist()))
    used = table[table["match"] != "new"].sort_values(["source_date", "source"], kind="stable")
    sources = list(dict.fromkeys(used["source"].tolist()))
    palette = plt.get_cmap("tab10" if len(sources) <= 10 else "tab20")
    colours = {source: palette(i % palette.N) for i, source in enumerate(sources)}
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 0.32 * len(paragraphs) + 1.6))
    shares = table.assign(share=table["length"] / table["para_chars"].where(table["para_chars"] > 0, 1))
    parts = [(source, "exact") for source in sources] + [(source, "near") for source in sources] + [(None, "new")]
    left = pd.Series(0.0, index=paragraphs)
    for source, match in parts:
        rows = shares[(shares["match"] == match) & ((shares["source"] == source) if source else True)]
        widths = rows.groupby("para")["share"].sum().reindex(paragraphs, fill_value=0.0)
        if not widths.any():
            continue
        ax.barh(
            range(len(paragraphs)), widths.to_numpy(), left=left.to_numpy(), height=0.7,
            color=colours.get(source, NEW_COLOUR), hatch="//" if match == "near" else None,
            edgecolor="white", linewidth=0.5,
        )
        left += widths
    ax.set_yticks(range(len(paragraphs)), [str(p) for p in paragraphs])
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("段落中的比例 (share of the paragraph)")
    ax.set_ylabel("段落 (paragraph)")
    handles = [Patch(facecolor=colours[s], label=s) for s in sources]
    if (table["match"] == "near").any():
        handles.append(Patch(facecolor="white", edgecolor="black", hatch="//", label="近似 (near-verbatim)"))
    handles.append(Patch(facecolor=NEW_COLOUR, label="新文本 (new)"))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
    if title:
        ax.set_title(title)
    return ax


def plot_term_trends(trends: pd.DataFrame, ax=None, title: str | None = None):
    """Draw ``helpers.term_trends``: one line per term (per 10,000 running tokens by year), in the table's
    term order, with the number of documents of each year under the year. Return the Axes."""
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(8, 4))
    years = sorted(trends["year"].unique().tolist())
    for term in dict.fromkeys(trends["term"].tolist()):
        rows = trends[trends["term"] == term].sort_values("year")
        ax.plot(rows["year"], rows["per_10k"], marker="o", label=term)
    counts = trends.drop_duplicates("year").set_index("year")["documents"]
    ax.set_xticks(years, [f"{year}\n({counts[year]})" for year in years])
    ax.set_xlabel("年份 (文件数) — year (documents)")
    ax.set_ylabel("每万词 (per 10,000 tokens)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
    if title:
        ax.set_title(title)
    return ax


def plot_force_over_time(force: pd.DataFrame, ax=None, title: str | None = None):
    """Draw ``helpers.force_over_time``: for each document in date order, a stacked bar of its own speech
    acts by force (strongest at the bottom, one colour per force). Return the Axes."""
    import matplotlib.pyplot as plt

    fixed = {"symbol", "date", "year", "doc_type", "n_acts", "mean_force_rank", "strongest_force", "strongest_rank"}
    forces = [column for column in force.columns if column not in fixed]
    if ax is None:
        _, ax = plt.subplots(figsize=(max(6, 0.4 * len(force) + 2), 4))
    palette = plt.get_cmap("tab10" if len(forces) <= 10 else "tab20")
    bottom = pd.Series(0, index=force.index, dtype="int64")
    for i, label in enumerate(forces):
        ax.bar(range(len(force)), force[label], bottom=bottom, color=palette(i % palette.N), label=label)
        bottom += force[label]
    labels = [f"{symbol}\n{date:%Y-%m-%d}" for symbol, date in zip(force["symbol"], force["date"], strict=True)]
    ax.set_xticks(range(len(force)), labels, rotation=60, ha="right", fontsize=7)
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_ylabel("言语行为数 (speech acts)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
    if title:
        ax.set_title(title)
    return ax


DOC_TYPE_STYLE = {
    # doc_type: (lane label, colour, marker)
    "resolution": ("决议 resolutions", "#DD8452", "s"),
    "statement": ("主席声明 statements", "#4C72B0", "o"),
    "document": ("其他安理会文件 other S/ documents", "#55A868", "D"),
    "other": ("其他机关文件 other organs", "#8C8C8C", "^"),
}
"""How each kind of document is drawn: label, colour and marker (``helpers.document_kind``'s kinds)."""
FOCUS_COLOUR = "#C44E52"


def _style(doc_type: object) -> tuple[str, str, str]:
    return DOC_TYPE_STYLE.get(str(doc_type), DOC_TYPE_STYLE["other"])


def plot_reuse_over_time(reuse: pd.DataFrame, focus: str | None = None, ax=None, title: str | None = None):
    """Draw ``helpers.reuse_over_time``: one point per document at its date, its height the share of its text
    an earlier document already held (0 to 1); statements, resolutions and other documents in their own colour
    and marker (kind from the symbol), the document ``focus`` ringed and labelled. Return the Axes."""
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    from helpers.ingest.symbols import document_kind

    if ax is None:
        _, ax = plt.subplots(figsize=(9, 3.8))
    kinds = reuse["symbol"].map(lambda symbol: document_kind(symbol) or "other")
    handles = []
    for kind, (label, colour, marker) in DOC_TYPE_STYLE.items():
        rows = reuse[kinds == kind]
        if rows.empty:
            continue
        ax.scatter(rows["date"], rows["share_reused"], color=colour, marker=marker, s=28, alpha=0.8, zorder=2)
        handles.append(Line2D([], [], color=colour, marker=marker, linestyle="", label=label))
    if focus is not None and (reuse["symbol"] == focus).any():
        row = reuse[reuse["symbol"] == focus].iloc[0]
        ax.scatter([row["date"]], [row["share_reused"]], s=160, facecolors="none", edgecolors=FOCUS_COLOUR,
                   linewidths=2, zorder=3)
        ax.annotate(focus, (row["date"], row["share_reused"]), xytext=(6, 8), textcoords="offset points",
                    color=FOCUS_COLOUR, fontsize=9)
    ax.xaxis.set_major_locator(mdates.AutoDateLocator())
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
    ax.set_ylim(-0.03, 1.05)
    ax.set_ylabel("已见于更早文件的比例\nshare said before")
    ax.set_xlabel("日期 date")
    ax.grid(axis="y", alpha=0.3)
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
    if title:
        ax.set_title(title)
    return ax


def plot_citation_network(nodes: pd.DataFrame, edges: pd.DataFrame, focus: str | None = None, ax=None,
                          title: str | None = None):
    """Draw ``helpers.citation_network``'s tables in time: each document at its date (undated ones at the right,
    marked "date unknown"), one lane per kind (resolutions, statements, other documents), documents of the
    corpus filled and documents only cited hollow, an arrow from each citing document to the document it cites
    (wider for more citations), ``focus`` in red. Labels are the nodes' short labels. Draw a part of a large
    network by passing the rows of that part. Return the Axes."""
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyArrowPatch

    if ax is None:
        _, ax = plt.subplots(figsize=(10, 4.6))
    kinds = nodes["doc_type"].map(lambda kind: kind if kind in DOC_TYPE_STYLE else "other")
    lanes = [kind for kind in DOC_TYPE_STYLE if (kinds == kind).any()]
    dated = nodes["date"].dropna()
    first, last = (dated.min(), dated.max()) if len(dated) else (pd.Timestamp("2000-01-01"),) * 2
    span = max(last - first, pd.Timedelta(days=365))
    unknown_x = last + span * 0.12
    positions: dict[str, tuple[float, float]] = {}
    for lane, kind in enumerate(lanes):
        rows = nodes[kinds == kind].sort_values(["date", "id"], na_position="last", kind="stable")
        for k, row in enumerate(rows.itertuples(index=False)):
            x = mdates.date2num(unknown_x if pd.isna(row.date) else row.date)
            positions[row.id] = (x, lane + ((k % 3) - 1) * 0.24)
    for row in edges.itertuples(index=False):
        if row.source not in positions or row.target not in positions:
            continue
        arrow = FancyArrowPatch(positions[row.source], positions[row.target], arrowstyle="-|>", mutation_scale=9,
                                connectionstyle="arc3,rad=0.18", linewidth=0.6 + 0.5 * min(int(row.count), 4),
                                color=FOCUS_COLOUR if focus in (row.source, row.target) else "#9A9A9A", alpha=0.55,
                                shrinkA=5, shrinkB=5, zorder=1)
        ax.add_patch(arrow)
    for row in nodes.itertuples(index=False):
        if row.id not in positions:
            continue
        _, colour, marker = _style(row.doc_type)
        x, y = positions[row.id]
        edge = FOCUS_COLOUR if row.id == focus else colour
        ax.scatter([x], [y], marker=marker, s=70 if row.id == focus else 42, zorder=2,
                   facecolors=colour if row.in_corpus else "white", edgecolors=edge, linewidths=2 if row.id == focus else 1.2)
        ax.annotate(str(row.label), (x, y), xytext=(0, 6), textcoords="offset points", ha="center", fontsize=7,
                    color=FOCUS_COLOUR if row.id == focus else "#333333", zorder=3)
    xs = [x for x, _ in positions.values()]
    if xs:
        pad = max(30.0, (max(xs) - min(xs)) * 0.05)
        ax.set_xlim(min(xs) - pad, max(xs) + pad)
    if nodes["date"].isna().any():
        ax.axvline(mdates.date2num(last + span * 0.06), color="#CCCCCC", linestyle=":")
        ax.annotate("日期不详 date unknown", (mdates.date2num(unknown_x), 1.0), xycoords=ax.get_xaxis_transform(),
                    ha="center", va="bottom", fontsize=8, color="#666666")
    ax.xaxis.set_major_locator(mdates.AutoDateLocator())
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
    ax.set_yticks(range(len(lanes)), [DOC_TYPE_STYLE[kind][0] for kind in lanes])
    ax.set_ylim(-0.6, len(lanes) - 0.4)
    ax.set_xlabel("日期 date")
    handles = [Line2D([], [], marker="o", color="#555555", markerfacecolor="#555555", linestyle="", label="语料库中 in the corpus"),
               Line2D([], [], marker="o", color="#555555", markerfacecolor="white", linestyle="", label="仅被引用 cited only")]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
    if title:
        ax.set_title(title)
    return ax
