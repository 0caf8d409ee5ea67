"""Helpers for studying the Chinese text of UN Security Council presidential statements.

The public API is re-exported here; notebooks ``import helpers`` and call these.
"""

from helpers.citations import Span, citation_spans
from helpers.errors import DataError
from helpers.plotting import cjk_font_path, dispersion_plot, frequency_bars, use_chinese_font, word_cloud
from helpers.provenance import data_checksums, software_versions
from helpers.registry import data_dir, read_registry, register, verify
from helpers.segment import default_jieba_cut, read_lexicon, segmentation_audit, token_table, tokenize
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
from helpers.terms import (
    collocations,
    dispersion,
    generic_stopwords,
    han_terms,
    keyness,
    kwic,
    ngrams,
    stopwords,
    term_frequencies,
    textrank_keywords,
    tfidf_keywords,
    wordfreq_reference,
)
from helpers.text import CleanedText, clean, clean_text, decode

__all__ = [
    "DEFAULT_SYMBOL",
    "CleanedText",
    "DataError",
    "Span",
    "citation_spans",
    "cjk_font_path",
    "clean",
    "clean_text",
    "collocations",
    "data_checksums",
    "data_dir",
    "decode",
    "default_jieba_cut",
    "dispersion",
    "dispersion_plot",
    "frequency_bars",
    "generic_stopwords",
    "han_terms",
    "keyness",
    "known_symbols",
    "kwic",
    "load_statement",
    "ngrams",
    "opening_profile",
    "opening_verb",
    "raw_statement",
    "read_lexicon",
    "read_metadata",
    "read_registry",
    "register",
    "segmentation_audit",
    "software_versions",
    "statement_from_text",
    "statement_record",
    "stopwords",
    "term_frequencies",
    "textrank_keywords",
    "tfidf_keywords",
    "token_table",
    "tokenize",
    "use_chinese_font",
    "verify",
    "word_cloud",
    "wordfreq_reference",
]
