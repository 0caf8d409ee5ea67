"""Helpers for studying the Chinese text of UN Security Council presidential statements.

The public API is re-exported here; notebooks ``import helpers`` and call these.
"""

from helpers.citation_counts import (
    citation_counts,
    citation_matrix,
    cocitation_edges,
    cocitation_graph,
    read_resolutions,
    resolution_timeline,
)
from helpers.citation_plots import draw_cocitation_graph, plot_citation_matrix, plot_resolution_timeline
from helpers.citations import (
    Span,
    abbreviation_definitions,
    citation_aliases,
    citation_spans,
    extract_citations,
)
from helpers.errors import DataError
from helpers.plotting import use_chinese_font
from helpers.provenance import data_checksums, software_versions
from helpers.registry import data_dir, read_registry, register, verify
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
    "abbreviation_definitions",
    "citation_aliases",
    "citation_counts",
    "citation_matrix",
    "citation_spans",
    "clean",
    "clean_text",
    "cocitation_edges",
    "cocitation_graph",
    "data_checksums",
    "data_dir",
    "decode",
    "draw_cocitation_graph",
    "extract_citations",
    "known_symbols",
    "load_statement",
    "opening_profile",
    "opening_verb",
    "plot_citation_matrix",
    "plot_resolution_timeline",
    "raw_statement",
    "read_metadata",
    "read_registry",
    "read_resolutions",
    "register",
    "resolution_timeline",
    "software_versions",
    "statement_from_text",
    "statement_record",
    "use_chinese_font",
    "verify",
]
