"""Term analysis on the project's tokens: stopwords, frequencies, n-grams, keywords, keyness, KWIC,
collocations and dispersion.

Everything here works on a token table from ``helpers.token_table`` (columns symbol, para, position,
token, term, kind, start, end), so every analysis sees the same UN-aware segmentation. Every count, n-gram,
keyword, keyness, collocation and dispersion works on the ``term`` column, where known variants are one term
(外国恐怖主义战斗人员 counts as 外国恐怖主义作战人员; a table without it falls back to ``token``); KWIC matches terms
and shows the text as written. Punctuation tokens are dropped by every count; the "running tokens" that rates
are computed on are the tokens of kind word, number and citation. Every table is sorted with a tie-breaker on
the term.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import cache

import numpy as np
import pandas as pd

from helpers.analysis.segment import canonical_terms, read_lexicon, token_table, tokenize, wordfreq_module
from helpers.errors import DataError
from helpers.ingest.registry import PROJECT_DATA, restore_hint

DOMAIN_STOPWORDS_PATH = PROJECT_DATA / "stopwords_domain.txt"
RUNNING_KINDS = ("word", "number", "citation")
TERM_KINDS = ("word", "citation")
_HAN = re.compile(r"[\u3400-\u9fff]")


# --- stopwords -------------------------------------------------------------------------------------


def read_domain_stopwords(path=None) -> tuple[frozenset[str], frozenset[str]]:
    """Return ``(added, kept)`` from the domain stopword file (``word`` adds, ``!word`` keeps)."""
    path = DOMAIN_STOPWORDS_PATH if path is None else path
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        hint = restore_hint(PROJECT_DATA) if path == DOMAIN_STOPWORDS_PATH else "check the path given."
        raise DataError(f"{path}: cannot read the domain stopword list ({error}); {hint}") from None
    added, kept = set(), set()
    for line in lines:
        entry = line.split("#", 1)[0].strip()
        if entry.startswith("!"):
            kept.add(entry[1:].strip())
        elif entry:
            added.add(entry)
    return frozenset(added), frozenset(kept)


@cache
def generic_stopwords() -> frozenset[str]:
    """Return the generic Chinese stopwords of the stopwordsiso package (794 entries in 0.7.1)."""
    import stopwordsiso

    return frozenset(stopwordsiso.stopwords("zh"))


def stopwords(generic: bool = True, domain: bool = True) -> frozenset[str]:
    """Return the stopword set: stopwordsiso's zh list plus the domain additions, minus the kept words.

    The kept words (一切, 所有, 任何) carry the Council's formulas, e.g. 一切形式和表现的恐怖主义.
    """
    words = set(generic_stopwords()) if generic else set()
    if domain:
        added, kept = read_domain_stopwords()
        words = (words | added) - kept
    return frozenset(words)


# --- counts --------------------------------------------------------------------------------------


def _check_tokens(tokens: pd.DataFrame, name: str) -> None:
    needed = {"symbol", "para", "position", "token", "kind"}
    if not isinstance(tokens, pd.DataFrame) or not needed <= set(tokens.columns):
        raise DataError(f"{name} needs a token table from helpers.token_table (columns {', '.join(sorted(needed))}).")


def _running(tokens: pd.DataFrame) -> pd.DataFrame:
    return tokens[tokens["kind"].isin(RUNNING_KINDS)]


def _words(tokens: pd.DataFrame) -> pd.Series:
    """The terms counted: the ``term`` column (known variants merged), or ``token`` in a table without it."""
    return tokens["term"] if "term" in tokens.columns else tokens["token"]


def _terms(tokens: pd.DataFrame, stopwords: Iterable[str] | None, kinds: Iterable[str]) -> pd.DataFrame:
    selected = tokens[tokens["kind"].isin(tuple(kinds))]
    if stopwords:
        selected = selected[~_words(selected).isin(frozenset(stopwords))]
    return selected


def _sort_by_count(table: pd.DataFrame, count: str, key: str) -> pd.DataFrame:
    return table.sort_values([count, key], ascending=[False, True], ignore_index=True)


def term_frequencies(
    tokens: pd.DataFrame, stopwords: Iterable[str] | None = None, kinds: Iterable[str] = TERM_KINDS
) -> pd.DataFrame:
    """Return term, count, per_10k, paragraphs for a token table, sorted by count desc then term.

    ``per_10k`` is the count per 10,000 running tokens (words, numbers and citations, stopwords
    included); ``paragraphs`` is the number of paragraphs (symbol, para) holding the term. Only tokens of
    the given kinds are counted (words and citations by default) and stopwords are left out. Known
    variants count as one term: the token table's ``term`` column (canonical form) is counted when present.
    """
    _check_tokens(tokens, "term_frequencies")
    total = len(_running(tokens))
    selected = _terms(tokens, stopwords, kinds)
    selected = selected.assign(_term=_words(selected))
    counts = selected.groupby("_term").size()
    paragraphs = selected.drop_duplicates(["_term", "symbol", "para"]).groupby("_term").size()
    table = pd.DataFrame({"count": counts, "paragraphs": paragraphs}).rename_axis("term").reset_index()
    table = table.astype({"term": "str", "count": "int64", "paragraphs": "int64"})
    table.insert(2, "per_10k", (table["count"] * 10_000 / total).round(2) if total else 0.0)
    return _sort_by_count(table, "count", "term")


def term_variants(tokens: pd.DataFrame) -> pd.DataFrame:
    """Return how the terms with known variants (``variant_of`` in ``data/un_lexicon.csv``) are written in a token
    table: term, count (tokens counted as the term), merged (of them, written as a variant), written (each
    surface form with its count, most frequent first: "外国恐怖主义作战人员 ×3, 外国恐怖主义战斗人员 ×1"), variants (the
    forms the lexicon knows for the term, ", "-joined). One row per such term that occurs; ``merged`` 0 means the
    text writes it in one form only, so counting variants as one term changed nothing. Sorted by merged desc,
    count desc, term.
    """
    _check_tokens(tokens, "term_variants")
    lexicon = read_lexicon()
    variants = lexicon[lexicon["variant_of"] != ""].groupby("variant_of")["term"].agg(lambda forms: ", ".join(sorted(forms)))
    found = tokens.assign(_term=_words(tokens))
    found = found[found["_term"].isin(variants.index)]
    forms = found.groupby(["_term", "token"]).size().rename("n").reset_index()
    forms = forms.sort_values(["_term", "n", "token"], ascending=[True, False, True])
    rows = [
        (term, int(group["n"].sum()), int(group.loc[group["token"] != term, "n"].sum()),
         ", ".join(f"{token} ×{n}" for token, n in zip(group["token"], group["n"], strict=True)), variants[term])
        for term, group in forms.groupby("_term", sort=True)
    ]
    table = pd.DataFrame(rows, columns=["term", "count", "merged", "written", "variants"])
    table = table.astype({"term": "str", "count": "int64", "merged": "int64", "written": "str", "variants": "str"})
    return table.sort_values(["merged", "count", "term"], ascending=[False, False, True], ignore_index=True)


def ngrams(
    tokens: pd.DataFrame, n: int = 2, stopwords: Iterable[str] | None = None, min_count: int = 1
) -> pd.DataFrame:
    """Return ngram (tokens joined by a space), n, count, paragraphs; sorted by count desc then ngram.

    N-grams run over consecutive words and citations inside a paragraph; punctuation and numbers break
    a run, and an n-gram that contains a stopword is left out.
    """
    _check_tokens(tokens, "ngrams")
    if n < 1:
        raise DataError(f"ngrams: n must be 1 or more, not {n}.")
    stop = frozenset(stopwords or ())
    counts: Counter[str] = Counter()
    places: dict[str, set] = {}
    for (symbol, para), group in tokens.groupby(["symbol", "para"], sort=False):
        run: list[str] = []
        for token, kind in zip(_words(group).tolist() + [""], group["kind"].tolist() + ["punct"], strict=True):
            if kind in TERM_KINDS:
                run.append(token)
                continue
            for i in range(len(run) - n + 1):
                gram = run[i : i + n]
                if not stop.intersection(gram):
                    key = " ".join(gram)
                    counts[key] += 1
                    places.setdefault(key, set()).add((symbol, para))
            run = []
    table = pd.DataFrame(
        [(gram, n, count, len(places[gram])) for gram, count in counts.items() if count >= min_count],
        columns=["ngram", "n", "count", "paragraphs"],
    )
    return _sort_by_count(table.astype({"ngram": "str", "n": "int64", "count": "int64", "paragraphs": "int64"}),
                          "count", "ngram")


# --- keywords ------------------------------------------------------------------------------------


def _content_by_paragraph(tokens: pd.DataFrame, stopwords, min_length: int) -> pd.Series:
    selected = _terms(tokens, stopwords, TERM_KINDS)
    selected = selected.assign(_term=_words(selected))
    selected = selected[selected["_term"].str.len() >= min_length]
    documents = selected.groupby(["symbol", "para"], sort=False)["_term"].agg(list)
    keys = tokens[["symbol", "para"]].drop_duplicates()
    index = pd.MultiIndex.from_frame(keys)
    return documents.reindex(index).apply(lambda value: value if isinstance(value, list) else [])


def tfidf_keywords(
    tokens: pd.DataFrame, top: int = 3, stopwords: Iterable[str] | None = None, min_length: int = 1
) -> pd.DataFrame:
    """Return the top TF-IDF terms of each paragraph: symbol, para, rank, term, tfidf.

    scikit-learn's TfidfVectorizer on the project's tokens, one document per paragraph (smoothed idf,
    l2-normalised rows). Within a paragraph, sorted by tfidf desc then term.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    _check_tokens(tokens, "tfidf_keywords")
    documents = _content_by_paragraph(tokens, stopwords, min_length)
    vectorizer = TfidfVectorizer(analyzer=lambda document: document)
    matrix = vectorizer.fit_transform(documents.tolist())
    vocabulary = vectorizer.get_feature_names_out()
    rows = []
    for row, (symbol, para) in enumerate(documents.index):
        weights = matrix.getrow(row).tocoo()
        scored = sorted(((round(float(w), 6), str(vocabulary[c])) for c, w in zip(weights.col, weights.data, strict=True)),
                        key=lambda item: (-item[0], item[1]))
        rows += [(symbol, para, rank, term, weight) for rank, (weight, term) in enumerate(scored[:top], start=1)]
    return pd.DataFrame(rows, columns=["symbol", "para", "rank", "term", "tfidf"])


def textrank_keywords(
    tokens: pd.DataFrame,
    top: int = 20,
    window: int = 5,
    stopwords: Iterable[str] | None = None,
    min_length: int = 2,
) -> pd.DataFrame:
    """Return term, score, count: TextRank keywords of a token table, sorted by score desc then term.

    A graph joins two content terms (words and citations of at least ``min_length`` characters, not
    stopwords) when they occur within ``window`` running tokens of each other in a paragraph, weighted by
    how often; networkx's PageRank scores the nodes. Scores are scaled so that the best is 1.
    """
    import networkx as nx

    _check_tokens(tokens, "textrank_keywords")
    stop = frozenset(stopwords or ())
    graph = nx.Graph()
    counts: Counter[str] = Counter()
    for _, group in _running(tokens).groupby(["symbol", "para"], sort=False):
        words = _words(group).tolist()
        content = [
            kind in TERM_KINDS and len(word) >= min_length and word not in stop
            for word, kind in zip(words, group["kind"].tolist(), strict=True)
        ]
        for i, word in enumerate(words):
            if not content[i]:
                continue
            counts[word] += 1
            graph.add_node(word)
            for j in range(i + 1, min(i + window, len(words))):
                if content[j] and words[j] != word:
                    weight = graph.get_edge_data(word, words[j], {"weight": 0})["weight"]
                    graph.add_edge(word, words[j], weight=weight + 1)
    if not graph:
        return pd.DataFrame({"term": pd.Series(dtype="str"), "score": pd.Series(dtype="float64"),
                             "count": pd.Series(dtype="int64")})
    ranks = nx.pagerank(graph, weight="weight")
    best = max(ranks.values())
    table = pd.DataFrame(
        [(term, round(rank / best, 6), counts[term]) for term, rank in ranks.items()], columns=["term", "score", "count"]
    )
    return _sort_by_count(table, "score", "term").head(top)


# --- keyness -------------------------------------------------------------------------------------


def _as_counts(values: Counter | Mapping | pd.Series, name: str) -> pd.Series:
    series = values.copy() if isinstance(values, pd.Series) else pd.Series(dict(values), dtype="float64")
    series = pd.to_numeric(series, errors="coerce").astype("float64")
    if series.isna().any() or (series < 0).any():
        raise DataError(f"keyness: the {name} counts must be numbers >= 0.")
    series.index = series.index.astype("str")
    return series.groupby(level=0).sum()


def keyness(
    target: Counter | pd.Series,
    reference: Counter | pd.Series,
    *,
    terms: str = "union",
    min_count: float = 1,
) -> pd.DataFrame:
    """Return term, count_target, count_reference, g2, p_value, log_ratio; sorted by g2 desc then term.

    ``g2`` is Dunning's log-likelihood G² of the 2x2 table (this term vs all other tokens, in the target
    vs in the reference), signed: negative when the term is rarer in the target than in the reference. ``p_value`` comes from
    the chi-squared distribution with one degree of freedom (scipy). ``log_ratio`` is Hardie's effect
    size, log2 of the ratio of relative frequencies, a zero count counted as 0.5. ``terms`` is
    ``"union"`` (every term of either side) or ``"target"`` (the target's terms only: use it with a large
    general reference); rows whose two counts sum below ``min_count`` are left out.
    """
    from scipy.stats import chi2

    if terms not in ("union", "target"):
        raise DataError(f"keyness: terms must be 'union' or 'target', not {terms!r}.")
    target_counts, reference_counts = _as_counts(target, "target"), _as_counts(reference, "reference")
    total_target, total_reference = target_counts.sum(), reference_counts.sum()
    if total_target <= 0 or total_reference <= 0:
        raise DataError("keyness: the target and the reference each need at least one counted token.")
    index = target_counts.index.union(reference_counts.index) if terms == "union" else target_counts.index
    a = target_counts.reindex(index, fill_value=0.0).to_numpy()
    b = reference_counts.reindex(index, fill_value=0.0).to_numpy()
    keep = (a + b) >= max(min_count, np.finfo(float).tiny)
    index, a, b = index[keep], a[keep], b[keep]
    g2 = _g2_2x2(a, total_target - a, b, total_reference - b)
    rate_a = np.where(a > 0, a, 0.5) / total_target
    rate_b = np.where(b > 0, b, 0.5) / total_reference
    signed = np.where(a / total_target < b / total_reference, -g2, g2)
    table = pd.DataFrame(
        {
            "term": pd.Series(index, dtype="str"),
            "count_target": a,
            "count_reference": b,
            "g2": np.round(signed, 4),
            "p_value": chi2.sf(g2, 1),
            "log_ratio": np.round(np.log2(rate_a / rate_b), 4),
        }
    )
    if (table["count_target"] % 1 == 0).all():
        table["count_target"] = table["count_target"].astype("int64")
    if (table["count_reference"] % 1 == 0).all():
        table["count_reference"] = table["count_reference"].astype("int64")
    return _sort_by_count(table, "g2", "term")


def _g2_2x2(a, c, b, d):
    """G² = 2 Σ O ln(O/E) over the four cells [[a, c], [b, d]] (rows: target, reference), 0 ln 0 = 0."""
    from scipy.special import xlogy

    total = a + b + c + d
    rows = (a + c, b + d)
    columns = (a + b, c + d)
    cells = ((a, rows[0], columns[0]), (c, rows[0], columns[1]), (b, rows[1], columns[0]), (d, rows[1], columns[1]))
    g2 = sum(xlogy(observed, observed * total / np.where(row * column > 0, row * column, 1))
             for observed, row, column in cells)
    return np.maximum(2 * g2, 0.0)


def wordfreq_reference(terms: Iterable[str] = (), size: float | None = None) -> pd.Series:
    """Return general modern Chinese as pseudo-counts: wordfreq's zh frequencies times ``size``.

    wordfreq's zh list is a blend of seven sources (Wikipedia, subtitles, news, books, web, Twitter and jieba's
    own word list), not a corpus: ``size`` is a scale, not a number of tokens. It defaults to 1 / (the smallest
    listed frequency), so the rarest listed word counts once (about 98 million for wordfreq 3.1). Index: term,
    sorted; ``attrs["size"]`` holds the size used. For each of the given ``terms``, ``attrs["status"]`` says
    where its count comes from:

    - "listed": the list has it;
    - "estimated": the list lacks it (multi-word UN terms such as 安全理事会); the count is wordfreq's own
      estimate built from the parts its tokenizer cuts the term into (possibly 0);
    - "split": the list has an entry, but wordfreq's own tokenizer cuts the term into parts, so its lookup
      (``word_frequency``) would give the estimate from the parts instead; ``attrs["lookup"]`` holds that
      estimate (as a pseudo-count) for these terms, to show how far the two disagree.
    """
    wordfreq = wordfreq_module()
    frequencies = dict(wordfreq.get_frequency_dict("zh"))
    size = size if size is not None else 1 / min(frequencies.values())
    status, lookup = {}, {}
    for term in sorted(set(terms)):
        if term not in frequencies:
            frequencies[term] = wordfreq.word_frequency(term, "zh")
            status[term] = "estimated"
        elif len(wordfreq.tokenize(term, "zh")) > 1:
            status[term] = "split"
            lookup[term] = wordfreq.word_frequency(term, "zh") * size
        else:
            status[term] = "listed"
    series = pd.Series(frequencies, dtype="float64").sort_index() * size
    series.index = series.index.astype("str")
    series.attrs = {"size": size, "status": status, "lookup": lookup}
    return series


def han_terms(tokens: pd.DataFrame, stopwords: Iterable[str] | None = None) -> Counter:
    """Return a Counter of the word terms (known variants merged) that contain a Han character (what a general
    reference lists)."""
    _check_tokens(tokens, "han_terms")
    selected = _terms(tokens, stopwords, ("word",))
    return Counter(term for term in _words(selected) if _HAN.search(term))


# --- reading terms in context ---------------------------------------------------------------------


def kwic(
    paragraphs: pd.DataFrame,
    term: str,
    window: int = 5,
    by: str = "tokens",
    regex: bool = False,
    backend: str = "jieba",
    sep: str = "",
) -> pd.DataFrame:
    """Return a keyword-in-context table: symbol, para, position, left, keyword, right.

    ``by="tokens"``: the term is tokenized and matched as a sequence of whole tokens (so 恐怖主义 does not
    match inside 反恐怖主义委员会), known variants as their term (外国恐怖主义作战人员 finds 外国恐怖主义战斗人员 too,
    shown as written); with ``regex=True`` the pattern is searched in each token as written. ``window``
    tokens (punctuation included) each side, joined with ``sep``. ``by="chars"``: the term (or pattern) is
    found in the paragraph text, ``window`` characters each side. ``position`` is the token index or the
    character offset in the paragraph. Sorted by paragraph order, then position.
    """
    if by not in ("tokens", "chars"):
        raise DataError(f"kwic: by must be 'tokens' or 'chars', not {by!r}.")
    if not term:
        raise DataError("kwic: give a term or a pattern to look for.")
    pattern = re.compile(term if regex else re.escape(term))
    rows = []
    if by == "chars":
        for symbol, para, text in _paragraph_rows(paragraphs):
            for match in pattern.finditer(text):
                if match.end() > match.start():
                    rows.append((symbol, para, match.start(), text[max(0, match.start() - window) : match.start()],
                                 match.group(), text[match.end() : match.end() + window]))
    else:
        tokens = paragraphs if "token" in paragraphs.columns else token_table(paragraphs, backend=backend)
        wanted = None if regex else canonical_terms(tokenize(term, backend=backend))
        for (symbol, para), group in tokens.groupby(["symbol", "para"], sort=False):
            words, terms = group["token"].tolist(), _words(group).tolist()
            width = 1 if regex else len(wanted)
            for i in range(len(words) - width + 1):
                hit = pattern.search(words[i]) if regex else terms[i : i + width] == wanted
                if hit:
                    rows.append((symbol, para, i, sep.join(words[max(0, i - window) : i]), sep.join(words[i : i + width]),
                                 sep.join(words[i + width : i + width + window])))
    return pd.DataFrame(rows, columns=["symbol", "para", "position", "left", "keyword", "right"]).astype(
        {"symbol": "str", "para": "int64", "position": "int64", "left": "str", "keyword": "str", "right": "str"}
    )


def _paragraph_rows(paragraphs: pd.DataFrame):
    if "text" not in paragraphs.columns:
        raise DataError("kwic by characters needs a paragraph table (column text), e.g. helpers.load_statement().")
    symbols = paragraphs["symbol"] if "symbol" in paragraphs.columns else pd.Series("", index=paragraphs.index)
    return zip(symbols.astype("str").tolist(), paragraphs["para"].tolist(), paragraphs["text"].astype("str").tolist(),
               strict=True)


def collocations(
    tokens: pd.DataFrame,
    term: str,
    window: int = 5,
    min_count: int = 2,
    stopwords: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Return the collocates of a term: collocate, count, count_collocate, log_dice, pmi.

    Collocates are words and citations (not stopwords, not the term; known variants as their term) within ``window`` running tokens
    either side of an occurrence of the term, inside a paragraph. ``count`` is how many occurrences of
    the collocate fall in such a window (each counted once, so count <= count_collocate; at least
    ``min_count``), ``count_collocate`` the collocate's total count. log-Dice =
    14 + log2(2·count / (count_term + count_collocate)); PMI = log2(count · N / (count_term ·
    count_collocate · 2·window)), N the running tokens. Sorted by log_dice desc, count desc, collocate.
    """
    _check_tokens(tokens, "collocations")
    running = _running(tokens)
    totals = Counter(_words(running).tolist())
    [term] = canonical_terms([term])
    node_count = totals.get(term, 0)
    stop = frozenset(stopwords or ())
    together: Counter[str] = Counter()
    for _, group in running.groupby(["symbol", "para"], sort=False):
        words, kinds = _words(group).tolist(), group["kind"].tolist()
        near: set[int] = set()
        for i, word in enumerate(words):
            if word == term:
                near.update(range(max(0, i - window), min(len(words), i + window + 1)))
        for j in sorted(near):
            if kinds[j] in TERM_KINDS and words[j] != term and words[j] not in stop:
                together[words[j]] += 1
    rows = []
    for collocate, count in together.items():
        if count < min_count:
            continue
        log_dice = 14 + math.log2(2 * count / (node_count + totals[collocate]))
        pmi = math.log2(count * len(running) / (node_count * totals[collocate] * 2 * window))
        rows.append((collocate, count, totals[collocate], round(log_dice, 3), round(pmi, 3)))
    table = pd.DataFrame(rows, columns=["collocate", "count", "count_collocate", "log_dice", "pmi"])
    table = table.astype({"collocate": "str", "count": "int64", "count_collocate": "int64", "log_dice": "float64",
                          "pmi": "float64"})
    return table.sort_values(["log_dice", "count", "collocate"], ascending=[False, False, True], ignore_index=True)


def dispersion(tokens: pd.DataFrame, terms: Iterable[str]) -> pd.DataFrame:
    """Return where terms occur along the text: term, symbol, para, offset (index among running tokens).

    A term matches whole tokens (known variants as their term). Sorted by the order of ``terms`` given, then offset. ``attrs`` holds
    ``n_tokens`` (running tokens in all) and ``para_offsets`` (offset of each paragraph's first running
    token, as a list of (para, offset)) for plotting.
    """
    _check_tokens(tokens, "dispersion")
    running = _running(tokens).reset_index(drop=True)
    terms = list(dict.fromkeys(canonical_terms(terms)))
    hits = running[_words(running).isin(terms)]
    table = pd.DataFrame(
        {"term": _words(hits), "symbol": hits["symbol"], "para": hits["para"], "offset": hits.index.astype("int64")}
    )
    table["order"] = table["term"].map({term: i for i, term in enumerate(terms)})
    table = table.sort_values(["order", "offset"], ignore_index=True).drop(columns="order")
    firsts = running.reset_index().groupby(["symbol", "para"], sort=False)["index"].min()
    table.attrs = {"n_tokens": len(running), "terms": terms,
                   "para_offsets": [(int(para), int(offset)) for (_, para), offset in firsts.items()]}
    return table
