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
from helpers.corpus import add_statement, chapeau_facts, load_corpus
from helpers.errors import DataError
from helpers.fetch import FetchSettings, fetch_statements
from helpers.index import load_index, topic_of, topic_rules, topic_symbols
from helpers.pdftext import pdf_text
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
    "CleanedText",
    "DEFAULT_SYMBOL",
    "DataError",
    "FetchSettings",
    "Span",
    "abbreviation_definitions",
    "add_statement",
    "chapeau_facts",
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
    "fetch_statements",
    "known_symbols",
    "load_corpus",
    "load_index",
    "load_statement",
    "opening_profile",
    "opening_verb",
    "pdf_text",
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
    "topic_of",
    "topic_rules",
    "topic_symbols",
    "use_chinese_font",
    "verify",
]
