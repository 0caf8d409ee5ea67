"""Charts of a series: where a document's language comes from, terms and speech-act force over time.

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
    ax.set_ylabel("言语行为数 (speech acts)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
    if title:
        ax.set_title(title)
    return ax
