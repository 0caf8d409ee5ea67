"""Render statements given as text lines to PDFs laid out like UN documents (the layout of ``un_layout``).

Kept for the tests that draw a statement from its lines; new tests use ``un_layout`` directly.
"""

from __future__ import annotations

from un_layout import COVER_LINES, TITLE, Cover, Document, Line, Page, blank_pdf, fixture_lines, render

__all__ = ["blank_pdf", "fixture_lines", "render_pdf"]


def render_pdf(lines: list[str], symbol: str, english_date: str, job: str = "99-99999 (C)", per_page: int = 36) -> bytes:
    """Return PDF bytes of a statement given as its text lines, wrapped as given: the UN cover block and page
    furniture of ``un_layout``, at most ``per_page`` lines a page (fewer on page 1, under the cover block).
    Lines opening with “ are indented; a URL line goes to the bottom of its page as a link without a number."""
    pages = [Page()]
    for text in (line.strip() for line in lines if line.strip()):
        if text.startswith("http"):
            pages[-1].notes.append((None, text))
            continue
        if len(pages[-1].lines) >= per_page - (COVER_LINES if len(pages) == 1 else 0):
            pages.append(Page())
        style = "title" if text == TITLE else "first" if text.startswith("“") else "cont"
        pages[-1].lines.append(Line(text, style))
    cover = Cover(symbol, job.split()[0], english_date)
    return render(Document(cover, pages, []))
