"""Charts that show Chinese: the Noto Sans SC font shipped by a pip package, registered with matplotlib."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import matplotlib
from matplotlib import font_manager

CJK_FONT_FAMILY = "Noto Sans SC"


@cache
def cjk_font_path() -> Path:
    """Return the path of the Noto Sans SC font file (package pylopdf-fonts-zh-cn, SIL OFL 1.1)."""
    import pylopdf_fonts_zh_cn

    return Path(pylopdf_fonts_zh_cn.sans_path())


def font_face_css(text: str) -> str:
    """Return CSS that embeds Noto Sans SC, subset to the characters of ``text``, and puts it in the font
    lists of the notebook HTML templates, so Chinese text renders in any browser, offline.

    The font is a WOFF data URI of only the characters above U+2000 that ``text`` uses (tens of kB);
    the same text always gives the same bytes.
    """
    import base64
    import io

    from fontTools import subset
    from fontTools.ttLib import TTFont

    characters = "".join(sorted({char for char in text if ord(char) >= 0x2000}))
    options = subset.Options(layout_features=["*"], notdef_outline=True)
    buffer = io.BytesIO()
    with TTFont(str(cjk_font_path()), lazy=True, recalcTimestamp=False) as font:
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=characters)
        subsetter.subset(font)
        font.flavor = "woff"
        font.save(buffer)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    family = f'"{CJK_FONT_FAMILY}"'
    # First in every list, but only for the characters it was subset to (unicode-range): Chinese always
    # uses it, Latin text keeps the reader's fonts. Later in the list, a system font that claims CJK
    # glyphs it cannot draw would win in some elements (seen in chromium: boxes in table cells).
    sans = f'{family}, system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif'
    mono = f'{family}, menlo, consolas, "DejaVu Sans Mono", monospace'
    return (
        f'@font-face{{font-family:{family};src:url(data:font/woff;base64,{data}) format("woff");'
        "unicode-range:U+2000-FFFF;}\n"
        f":root{{--jp-content-font-family:{sans};--jp-ui-font-family:{sans};"
        f"--jp-code-font-family:{mono};--jp-code-font-family-default:{mono};}}\n"
        f"body{{font-family:{sans};}}\n"
    )


def use_chinese_font() -> str:
    """Register Noto Sans SC with matplotlib and make it the default family; return the family name.

    The file is added directly, so a stale matplotlib font cache cannot hide it. Figures are
    saved as PNG with fixed metadata so that re-runs give the same bytes.
    """
    path = cjk_font_path()
    if CJK_FONT_FAMILY not in {font.name for font in font_manager.fontManager.ttflist}:
        font_manager.fontManager.addfont(str(path))
    matplotlib.rcParams.update(
        {
            "font.family": "sans-serif",
            "font.sans-serif": [CJK_FONT_FAMILY, "DejaVu Sans"],
            "axes.unicode_minus": False,
            "figure.dpi": 100,
            "savefig.format": "png",
            "svg.hashsalt": "prst-zh",
        }
    )
    return CJK_FONT_FAMILY


def frequency_bars(frequencies, top: int = 20, column: str = "count", ax=None, title: str | None = None):
    """Draw the ``top`` rows of a frequency table (term and ``column``) as horizontal bars; return the Axes.

    The table's order is kept (most frequent at the top), so pass it sorted.
    """
    import matplotlib.pyplot as plt

    rows = frequencies.head(top)
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 0.28 * len(rows) + 1))
    ax.barh(range(len(rows)), rows[column], color="#4C72B0")
    ax.set_yticks(range(len(rows)), rows["term"])
    ax.invert_yaxis()
    ax.set_xlabel(column)
    if title:
        ax.set_title(title)
    return ax


def dispersion_plot(tokens, terms, ax=None, title: str | None = None):
    """Draw a lexical dispersion ("x-ray") plot: one row per term, a tick at each occurrence; return the Axes.

    The x axis runs over the running tokens of the token table in reading order; light vertical lines
    mark the paragraphs, numbered on top.
    """
    import matplotlib.pyplot as plt

    from helpers.terms import dispersion

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
    ax.set_yticks(range(len(terms)), terms)
    ax.set_xlabel("词元位置 (token offset)")
    top = ax.secondary_xaxis("top")
    top.set_xticks([offset for _, offset in starts], [str(para) for para, _ in starts], fontsize=7)
    top.set_xlabel("段落 (paragraph)")
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
