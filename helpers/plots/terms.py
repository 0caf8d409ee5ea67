"""Charts of term analysis: frequency bars, the dispersion plot and the word cloud."""

from __future__ import annotations

from helpers.plots.fonts import cjk_font_path


def frequency_bars(
    frequencies, top: int = 20, column: str = "count", ax=None, title: str | None = None, english: bool = True
):
    """Draw the ``top`` rows of a frequency table (term and ``column``) as horizontal bars; return the Axes.

    The table's order is kept (most frequent at the top), so pass it sorted. Labels are "term gloss" (the short
    English gloss of ``helpers.gloss``) unless ``english`` is False.
    """
    import matplotlib.pyplot as plt

    from helpers.analysis.glossary import bilingual_labels

    rows = frequencies.head(top)
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 0.28 * len(rows) + 1))
    ax.barh(range(len(rows)), rows[column], color="#4C72B0")
    ax.set_yticks(range(len(rows)), bilingual_labels(rows["term"]) if english else rows["term"])
    ax.invert_yaxis()
    ax.set_xlabel(column)
    if title:
        ax.set_title(title)
    return ax


def dispersion_plot(tokens, terms, ax=None, title: str | None = None, english: bool = True):
    """Draw a lexical dispersion ("x-ray") plot: one row per term, a tick at each occurrence; return the Axes.

    The x axis runs over the running tokens of the token table in reading order; light vertical lines
    mark the paragraphs, numbered on top. Term labels carry their short English gloss unless ``english`` is False.
    """
    import matplotlib.pyplot as plt

    from helpers.analysis.glossary import bilingual_labels
    from helpers.analysis.terms import dispersion

    hits = dispersion(tokens, terms)
    terms = hits.attrs["terms"]
    if ax is None:
        _, ax = plt.subplots(figsize=(10, 0.5 * len(terms) + 1.2))
    for row, term in enumerate(terms):
        offsets = hits.loc[hits["term"] == term, "offset"]
        ax.vlines(offsets, row - 0.35, row + 0.35, color="#C44E52", linewidth=1.5)
    starts = hits.attrs["para_offsets"]
    for _, offset in starts:
        ax.axvline(offset, color="#DDDDDD", linewidth=0.8, zorder=0)
    ax.set_xlim(0, hits.attrs["n_tokens"])
    ax.set_ylim(len(terms) - 0.5, -0.5)
    ax.set_yticks(range(len(terms)), bilingual_labels(terms) if english else terms)
    ax.set_xlabel("词元位置 token offset")
    top = ax.secondary_xaxis("top")
    top.set_xticks([offset for _, offset in starts], [str(para) for para, _ in starts], fontsize=7)
    top.set_xlabel("段落 paragraph")
    if title:
        ax.set_title(title)
    return ax


def word_cloud(frequencies, max_words: int = 80, ax=None, width: int = 900, height: int = 450):
    """Draw a word cloud of a frequency table (term, count) or a term -> weight mapping; return the Axes.

    Uses the Noto Sans SC font and a fixed random state, so the same counts give the same picture.
    """
    import matplotlib.pyplot as plt
    from wordcloud import WordCloud

    if hasattr(frequencies, "columns"):
        weights = dict(zip(frequencies["term"], frequencies["count"], strict=True))
    else:
        weights = dict(frequencies)
    ordered = dict(sorted(weights.items(), key=lambda item: (-item[1], item[0])))
    cloud = WordCloud(
        font_path=str(cjk_font_path()),
        width=width,
        height=height,
        max_words=max_words,
        background_color="white",
        random_state=0,
        collocations=False,
    ).generate_from_frequencies(ordered)
    if ax is None:
        _, ax = plt.subplots(figsize=(width / 100, height / 100))
    ax.imshow(cloud.to_array(), interpolation="bilinear")
    ax.set_axis_off()
    return ax
