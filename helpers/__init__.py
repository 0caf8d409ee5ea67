"""Helpers for studying the Chinese text of UN Security Council presidential statements.

The public API is re-exported here; notebooks ``import helpers`` and call these.
"""

from helpers.analysis.citation_counts import (
    bodies_by_kind,
    citation_counts,
    citation_matrix,
    cocitation_edges,
    cocitation_graph,
    read_resolutions,
    resolution_timeline,
)
from helpers.analysis.citations import (
    Span,
    abbreviation_definitions,
    citation_aliases,
    citation_spans,
    extract_citations,
)
from helpers.analysis.cited import cited_documents
from helpers.analysis.compare import (
    char_ngram_jaccard,
    citation_jaccard,
    citations_by_statement,
    comparison_units,
    corpus_passages,
    group_tokens,
    keyness_against_rest,
    nearest_neighbours,
    opening_profiles,
    passage_reuse,
    recurring_passages,
    shared_passages,
    similarity_pairs,
    tfidf_similarity,
    unit_labels,
)
from helpers.analysis.documents import documents
from helpers.analysis.entities import entity_kinds, entity_names, un_entities
from helpers.analysis.glossary import bilingual_labels, gloss, read_glossary, with_english
from helpers.analysis.network import citation_network, graphml_bytes, write_citation_network
from helpers.analysis.provenance import leading_document, provenance, reuse_over_time
from helpers.analysis.segment import (
    default_jieba_cut,
    guessed_words,
    read_lexicon,
    segmentation_audit,
    speech_act_words,
    token_table,
    tokenize,
)
from helpers.analysis.series import force_over_time, new_citations, term_trends
from helpers.analysis.speech_acts import modal_words, not_own_reasons, speech_act_scale, speech_acts
from helpers.analysis.terms import (
    collocations,
    dispersion,
    generic_stopwords,
    han_terms,
    keyness,
    kwic,
    ngrams,
    stopwords,
    term_frequencies,
    term_variants,
    textrank_keywords,
    tfidf_keywords,
    wordfreq_reference,
)
from helpers.errors import DataError
from helpers.ingest.corpus import add_statement, chapeau_facts, load_corpus, plan_import
from helpers.ingest.fetch import FetchSettings, fetch_statements
from helpers.ingest.index import load_index, load_resolution_index, topic_of, topic_rules, topic_symbols
from helpers.ingest.ocr import ocr_pages
from helpers.ingest.pdftext import pdf_text
from helpers.ingest.registry import data_dir, read_registry, register, register_all, verify
from helpers.ingest.resolutions import resolution_table
from helpers.ingest.script import detect_script
from helpers.ingest.statements import (
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
from helpers.ingest.symbols import document_kind
from helpers.ingest.text import CleanedText, Footnote, clean, clean_text, decode
from helpers.ingest.unicode import normalise_unicode, unicode_changes_table
from helpers.plots.citations import draw_cocitation_graph, plot_citation_matrix, plot_resolution_timeline
from helpers.plots.fonts import cjk_font_path, use_chinese_font
from helpers.plots.series import (
    plot_citation_network,
    plot_force_over_time,
    plot_provenance,
    plot_reuse_over_time,
    plot_term_trends,
)
from helpers.plots.terms import dispersion_plot, frequency_bars, word_cloud
from helpers.tools.classroom import stale_copies, student_copy, write_student_copies
from helpers.tools.exercises import check
from helpers.tools.export import data_dictionary, export_corpus, export_tables, read_export
from helpers.tools.lab import start_lab
from helpers.tools.pilot import pilot_times
from helpers.tools.pilot import record_start as _record_start
from helpers.tools.reports import build_reports
from helpers.tools.validation import validation_table
from helpers.tools.versions import data_checksums, software_versions
from helpers.tools.workflow import corpus_commands, corpus_instructions

__all__ = [
    "CleanedText",
    "DEFAULT_SYMBOL",
    "DataError",
    "FetchSettings",
    "Footnote",
    "Span",
    "abbreviation_definitions",
    "add_statement",
    "bilingual_labels",
    "bodies_by_kind",
    "build_reports",
    "chapeau_facts",
    "char_ngram_jaccard",
    "check",
    "citation_aliases",
    "citation_counts",
    "citation_jaccard",
    "citation_matrix",
    "citation_network",
    "citation_spans",
    "cited_documents",
    "citations_by_statement",
    "cjk_font_path",
    "clean",
    "clean_text",
    "cocitation_edges",
    "cocitation_graph",
    "collocations",
    "comparison_units",
    "corpus_commands",
    "corpus_instructions",
    "corpus_passages",
    "data_checksums",
    "data_dictionary",
    "data_dir",
    "decode",
    "default_jieba_cut",
    "detect_script",
    "dispersion",
    "dispersion_plot",
    "documents",
    "draw_cocitation_graph",
    "export_corpus",
    "export_tables",
    "document_kind",
    "entity_kinds",
    "entity_names",
    "extract_citations",
    "fetch_statements",
    "force_over_time",
    "gloss",
    "guessed_words",
    "frequency_bars",
    "generic_stopwords",
    "graphml_bytes",
    "group_tokens",
    "han_terms",
    "keyness",
    "keyness_against_rest",
    "known_symbols",
    "kwic",
    "load_corpus",
    "load_index",
    "load_resolution_index",
    "load_statement",
    "nearest_neighbours",
    "new_citations",
    "modal_words",
    "not_own_reasons",
    "ngrams",
    "normalise_unicode",
    "ocr_pages",
    "opening_profile",
    "opening_profiles",
    "opening_verb",
    "passage_reuse",
    "pdf_text",
    "pilot_times",
    "plan_import",
    "plot_citation_matrix",
    "plot_citation_network",
    "plot_force_over_time",
    "plot_provenance",
    "plot_resolution_timeline",
    "plot_reuse_over_time",
    "plot_term_trends",
    "leading_document",
    "provenance",
    "raw_statement",
    "read_export",
    "read_glossary",
    "read_lexicon",
    "read_metadata",
    "read_registry",
    "read_resolutions",
    "recurring_passages",
    "register",
    "register_all",
    "resolution_table",
    "resolution_timeline",
    "reuse_over_time",
    "segmentation_audit",
    "shared_passages",
    "similarity_pairs",
    "software_versions",
    "speech_act_scale",
    "speech_act_words",
    "speech_acts",
    "stale_copies",
    "start_lab",
    "statement_from_text",
    "statement_record",
    "stopwords",
    "student_copy",
    "term_frequencies",
    "term_trends",
    "term_variants",
    "textrank_keywords",
    "tfidf_keywords",
    "tfidf_similarity",
    "token_table",
    "tokenize",
    "topic_of",
    "topic_rules",
    "topic_symbols",
    "un_entities",
    "unicode_changes_table",
    "unit_labels",
    "use_chinese_font",
    "validation_table",
    "verify",
    "with_english",
    "word_cloud",
    "wordfreq_reference",
    "write_citation_network",
    "write_student_copies",
]

_record_start()  # pilot mode only (make lab PILOT=1): log that a notebook's kernel imported helpers
