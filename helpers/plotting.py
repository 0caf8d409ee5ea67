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
