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
from helpers.compare import (
    char_ngram_jaccard,
    citation_jaccard,
    citations_by_statement,
    comparison_units,
    corpus_passages,
    group_tokens,
    opening_profiles,
    passage_reuse,
    recurring_passages,
    shared_passages,
    similarity_pairs,
    tfidf_similarity,
    unit_labels,
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
    "char_ngram_jaccard",
    "citation_aliases",
    "citation_counts",
    "citation_jaccard",
    "citation_matrix",
    "citation_spans",
    "citations_by_statement",
    "clean",
    "clean_text",
    "cocitation_edges",
    "cocitation_graph",
    "comparison_units",
    "corpus_passages",
    "data_checksums",
    "data_dir",
    "decode",
    "draw_cocitation_graph",
    "extract_citations",
    "group_tokens",
    "known_symbols",
    "load_statement",
    "opening_profile",
    "opening_profiles",
    "opening_verb",
    "passage_reuse",
    "plot_citation_matrix",
    "plot_resolution_timeline",
    "raw_statement",
    "read_metadata",
    "read_registry",
    "read_resolutions",
    "recurring_passages",
    "register",
    "resolution_timeline",
    "shared_passages",
    "similarity_pairs",
    "software_versions",
    "statement_from_text",
    "statement_record",
    "tfidf_similarity",
    "unit_labels",
    "use_chinese_font",
    "verify",
]
