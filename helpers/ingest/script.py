"""Simplified or traditional script: detect it, and analyse a traditional statement through a simplified view.

The cleaner, the paragraph table, citations, opening verbs and segmentation are written for simplified
Chinese (安全理事会, 发表声明如下, 号决议). A statement in traditional characters is therefore converted with
OpenCC (``t2s``) into a *simplified view*, which is cleaned and analysed; its paragraphs in the script as
written are recovered from the view character by character (``original_paragraphs``). The raw file is never
converted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

SIMPLIFIED, TRADITIONAL = "zh-Hans", "zh-Hant"
SCRIPTS = (SIMPLIFIED, TRADITIONAL)
_SEARCH_WINDOW = 1000
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


@cache
def _converter(config: str):
    import opencc

    return opencc.OpenCC(config)


def convert(text: str, config: str) -> str:
    """Return ``text`` converted by OpenCC ``config`` ("t2s" or "s2t") with the same length, so that character
    i of the result is the conversion of character i of ``text``.

    OpenCC converts phrases in context; a line whose conversion changes its length is converted character by
    character instead (such lines are rare: OpenCC's character tables map one character to one).
    """
    converter = _converter(config)
    converted = converter.convert(text)
    if len(converted) == len(text):
        return converted
    lines = []
    for line in text.split("\n"):
        result = converter.convert(line)
        if len(result) != len(line):
            result = "".join(c if len(c := converter.convert(ch)) == 1 else ch for ch in line)
        lines.append(result)
    return "\n".join(lines)


def detect_script(text: str) -> str:
    """Return "zh-Hant" when more Han characters of ``text`` change under OpenCC t2s (traditional to
    simplified) than under s2t, else "zh-Hans" (also for text without Han characters)."""
    han = "".join(_HAN.findall(text))
    to_simplified = sum(a != b for a, b in zip(han, convert(han, "t2s"), strict=True))
    to_traditional = sum(a != b for a, b in zip(han, convert(han, "s2t"), strict=True))
    return TRADITIONAL if to_simplified > to_traditional else SIMPLIFIED


@dataclass(frozen=True)
class ScriptView:
    """``script`` of a text ("zh-Hans"/"zh-Hant"), the ``original`` text and the simplified ``view`` to analyse
    (the original itself for zh-Hans; for zh-Hant the same length, character for character)."""

    script: str
    original: str
    view: str


def script_view(text: str, script: str | None = None) -> ScriptView:
    """Return the script of ``text`` (detected when ``script`` is None) and the simplified view to analyse."""
    script = script or detect_script(text)
    if script not in SCRIPTS:
        raise ValueError(f"script {script!r} is not one of {', '.join(SCRIPTS)}")
    return ScriptView(script, text, convert(text, "t2s") if script == TRADITIONAL else text)


def original_paragraphs(view: ScriptView, cleaned: list[str]) -> list[str]:
    """Return each cleaned paragraph of the simplified view in the script as written.

    The cleaner only drops characters (page furniture, spaces) and joins lines, so each paragraph's characters
    occur in order in the view; each is matched to its first occurrence after the previous match (within
    the next 1,000 characters: page furniture between two lines is shorter) and replaced by the character
    at the same position of the original. A character not found there (a space the cleaner put between two
    Latin words) is kept as it is.
    """
    if view.script == SIMPLIFIED:
        return list(cleaned)
    position = 0
    paragraphs = []
    for paragraph in cleaned:
        chars = []
        for char in paragraph:
            found = -1 if char.isspace() else view.view.find(char, position, position + _SEARCH_WINDOW)
            if found < 0:
                chars.append(char)
                continue
            chars.append(view.original[found])
            position = found + 1
        paragraphs.append("".join(chars))
    return paragraphs
