"""The Chinese font of every chart and report: Noto Sans SC from a pip package, registered with matplotlib."""

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
