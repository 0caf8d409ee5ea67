"""Validation tables: facts known independently of the code, checked against what the code found."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

_LONG = 80


def _shown(value: object) -> object:
    """A value as a table cell: lists as their length, long text as its length."""
    if isinstance(value, (list, tuple)):
        return f"{len(value)} items"
    if isinstance(value, str) and len(value) > _LONG:
        return f"{len(value)} characters"
    return value


def _mismatch(name: str, expected: object, found: object) -> str:
    """One line saying how a check failed; for texts and lists, also where they first differ."""
    line = f"{name}: expected {_shown(expected)!r}, found {_shown(found)!r}"
    if isinstance(expected, (str, list, tuple)) and isinstance(found, (str, list, tuple)):
        position = next((i for i, (a, b) in enumerate(zip(expected, found, strict=False)) if a != b), min(len(expected), len(found)))
        line += f" (first difference at position {position})"
    return line


def validation_table(checks: Iterable[tuple[str, object, object]]) -> pd.DataFrame:
    """Return one row per check: check, expected, found, ok; raise AssertionError naming every failed check.

    ``checks`` are ``(what is checked, expected value, value found)``; a check passes when the two are
    equal. Lists and long texts are compared whole and shown by their length.
    """
    rows = [(name, expected, found, bool(expected == found)) for name, expected, found in checks]
    failed = [_mismatch(name, expected, found) for name, expected, found, ok in rows if not ok]
    if failed:
        raise AssertionError("validation failed: " + "; ".join(failed))
    table = pd.DataFrame(rows, columns=["check", "expected", "found", "ok"])
    for column in ("expected", "found"):
        table[column] = table[column].map(_shown)
    return table
