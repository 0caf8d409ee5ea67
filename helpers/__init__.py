"""Helpers for studying the Chinese text of UN Security Council presidential statements.

The public API is re-exported here; notebooks ``import helpers`` and call these.
"""

from helpers.citations import Span, citation_spans
from helpers.classroom import stale_copies, student_copy, write_student_copies
from helpers.errors import DataError
from helpers.lab import start_lab
from helpers.plotting import use_chinese_font
from helpers.provenance import data_checksums, software_versions
from helpers.registry import data_dir, read_registry, register, verify
from helpers.reports import build_reports
from helpers.statements import (
    DEFAULT_SYMBOL,
    known_symbols,
    load_statement,
    opening_profile,
    opening_verb,
    raw_statement,
    read_metadata,
    statement_from_text,
    statement_record,
)
from helpers.text import CleanedText, clean, clean_text, decode

__all__ = [
    "DEFAULT_SYMBOL",
    "CleanedText",
    "DataError",
    "Span",
    "build_reports",
    "citation_spans",
    "clean",
    "clean_text",
    "data_checksums",
    "data_dir",
    "decode",
    "known_symbols",
    "load_statement",
    "opening_profile",
    "opening_verb",
    "raw_statement",
    "read_metadata",
    "read_registry",
    "register",
    "software_versions",
    "stale_copies",
    "start_lab",
    "statement_from_text",
    "statement_record",
    "student_copy",
    "use_chinese_font",
    "verify",
    "write_student_copies",
]
