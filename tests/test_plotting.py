"""Charts show Chinese with a real CJK font and no missing-glyph warning."""

from __future__ import annotations

import io
import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402

from helpers.plots.fonts import CJK_FONT_FAMILY, cjk_font_path, use_chinese_font  # noqa: E402


def test_font_file_ships_with_the_environment():
    assert cjk_font_path().is_file()
    assert font_manager.FontProperties(fname=str(cjk_font_path())).get_name() == CJK_FONT_FAMILY


def test_chinese_chart_renders_without_missing_glyphs():
    use_chinese_font()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig, ax = plt.subplots()
        ax.bar(["安全理事会", "反恐怖主义委员会", "会员国"], [3, 2, 1])
        ax.set_title("段落长度（字）")
        ax.set_xlabel("术语 —「」《》")
        fig.savefig(io.BytesIO(), format="png")
        plt.close(fig)
    resolved = font_manager.findfont(font_manager.FontProperties(family=["sans-serif"]))
    assert resolved == str(cjk_font_path())


def test_missing_glyph_warning_is_raised_without_the_font():
    """The check above can fail: with only DejaVu Sans, Chinese text warns."""
    with warnings.catch_warnings(record=True) as caught, matplotlib.rc_context({"font.sans-serif": ["DejaVu Sans"]}):
        warnings.simplefilter("always")
        fig, ax = plt.subplots()
        ax.set_title("安全理事会")
        fig.savefig(io.BytesIO(), format="png")
        plt.close(fig)
    assert any("missing from font" in str(w.message) for w in caught)


def test_embedded_font_covers_the_page_and_is_reproducible():
    import base64
    import io
    import re
    import time

    from fontTools.ttLib import TTFont

    from helpers.plots.fonts import font_face_css

    text = "安全理事会“主席声明”《联合国宪章》abc"
    first = font_face_css(text)
    time.sleep(1.1)  # a font saved with a fresh time stamp would differ after a second
    assert font_face_css(text) == first
    data = base64.b64decode(re.search(r"base64,([A-Za-z0-9+/=]+)\)", first)[1])
    with TTFont(io.BytesIO(data)) as font:
        assert font.flavor == "woff"
        covered = set(map(chr, font.getBestCmap()))
    assert set("安全理事会“”《》主席声明联合国宪章") <= covered
    assert "abc" not in "".join(covered)  # Latin text is left to the reader's own fonts
    assert '"Noto Sans SC"' in first.split("}", 1)[1]  # named in the font lists after the @font-face rule


def test_a_timeline_without_any_dated_resolution_says_so_instead_of_failing():
    """A statement citing only resolutions that data/resolutions.csv does not list (test fixture sentence)."""
    import helpers

    use_chinese_font()
    timeline = helpers.resolution_timeline(helpers.extract_citations("测试样例回顾第2997(2097)号决议。"))
    assert timeline["adopted"].isna().all()
    ax = helpers.plot_resolution_timeline(timeline, title="测试样例")
    assert "no cited resolution with a known date" in ax.texts[0].get_text()
    plt.close(ax.figure)


def test_citation_matrix_labels_are_short_and_glossed():
    from helpers.plots.citations import matrix_label

    assert matrix_label("S/RES/1373(2001)") == "1373(2001)"
    assert matrix_label("S/2020/372") == "S/2020/372"
    assert matrix_label("安全理事会") == "安全理事会 Security Council"
    assert matrix_label("联合国反恐怖主义办公室") == "UNOCT"  # a long key: its abbreviation only
    assert matrix_label("第1540(2004)号决议所设委员会") == "committee of res. 1540(2004)"
    assert matrix_label("测试样例") == "测试样例"  # no gloss known (test fixture)
    assert all(len(matrix_label(key)) <= 40 for key in ("《全球反恐协调契约》", "《联合国全球反恐战略》"))
