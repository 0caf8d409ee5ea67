"""Speech acts of the Council and modal words, anywhere in a text, and whose act each one is.

``speech_acts`` finds every verb of data/speech_acts.csv (决定, 要求, 请, 呼吁, 鼓励, 欢迎, 重申, 回顾…) and
``modal_words`` every word of data/modal_words.csv (必须, 应, 需, 可, 可能…), each with character offsets in
its paragraph. ``own`` says whether the Council performs the act in this text or the word sits inside a
recalled or quoted act (其中决定…, 回顾其在第1373(2001)号决议中决定…, “…”).

Written by hand: no library parses the clause structure of UN Chinese, and a tagger's part-of-speech would
still not say whose act a verb is. The rules work on characters, not tokens, so they do not depend on
segmentation. What they do, in order:

1. Candidates: a written form of a verb (longest first), with the adverbs before it (还重申 -> 重申).
   A form preceded by a ``not_after`` string or followed by a ``not_before`` string of its row is another
   word (申请, 邀请 are not 请; 应对, 适应 are not 应); a speech-act verb right after 的 or 之 is a noun
   (…的决定, …的要求). Words inside a citation (《…》 titles, resolutions, symbols, URLs) are skipped;
   应 opening a clause that ends in …的请求/要求/邀请 is 'at the request of', not a modal.
2. Quotations: a verb inside “…” / 「…」 is not the Council's act (the opening “ of a statement's paragraph
   is the statement's own quotation mark and is ignored).
3. Recalls: a verb after 其中 or after …决议中 / 报告中 / 声明中… (also with 除其他外) reports an earlier act;
   it opens a *recalled frame* that lasts to the end of the sentence (。；) unless a later clause starts
   with the Council again (安全理事会/安理会) or a pointer back to its own text (在这方面, 为此, 因此, 此外…).
   Everything in the frame, modal words included, is not the Council's own.
4. Position: outside quotations and frames, a verb is the Council's own when it starts a clause, after at
   most the subject 安全理事会/安理会, adverbs and connectors (还, 并, 为此, 在这方面…, …地), a paragraph
   number (``1.``, ``(a)``), or a prepositional phrase before a 表示… verb (向…表示哀悼, 对…表示支持); or
   when it follows 并 in a clause whose earlier verb is the Council's own (重申…并强调…). Any other verb is
   embedded in a clause with another subject or is the object of an act (重申致力于…: the act is 重申).

Limits: a clause-initial verb used as a noun phrase (…，鼓励妇女参与十分重要) counts as an act; a recall
opened by another subject without 其中/…中 (该报告强调，…) is not recognised; after a recall, 并 + verb stays
in the recall (其中决定…，并请…: 'in which it decided … and requested …'), since Chinese has no tense to tell
it from a new act of the Council; a noun coordinated with another (申请和邀请) still counts, as not own.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache, lru_cache

import pandas as pd

from helpers.analysis.citations import citation_spans
from helpers.errors import DataError
from helpers.ingest.council_verbs import modal_word_table, speech_act_forms, speech_act_table, split_list

SPEECH_ACT_COLUMNS = [
    "symbol", "para", "verb", "surface", "start", "end", "force", "force_rank", "english", "own", "object",
]
MODAL_COLUMNS = ["symbol", "para", "word", "start", "end", "kind", "own"]
SCALE_COLUMNS = ["verb", "force", "force_rank", "english", "note"]

ADVERBS = ("还", "又", "也", "亦", "再次", "再度", "一再", "进一步", "同样", "仍然", "仍", "继续")
"""Adverbs kept in a verb's surface (还重申, 再次重申); the verb itself is the canonical one."""
NOUN_MARKERS = ("的", "之")
"""A speech-act verb right after one of these is a noun (…的决定, …的要求)."""

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CLAUSE_PUNCT = re.compile(r"[，,；;：:。！？!?]")
_SENTENCE_PUNCT = re.compile(r"[。；;！？!?]")
_QUOTE_PAIRS = {"“": "”", "「": "」", "『": "』", "‘": "’"}
_QUOTE_MARKS = re.compile("[" + "".join(_QUOTE_PAIRS) + "".join(_QUOTE_PAIRS.values()) + "]")
_LEADING_QUOTE = re.compile(r"\s*[“「『]")

_SUBJECT = r"(?:安全理事会|安理会)"
_ADVERBIAL = (
    "(?:" + "|".join(sorted(ADVERBS, key=len, reverse=True))
    + r"|特别|尤其|着重|坚决|坚定|强烈|积极|并且|并|而且|此外|另外"
    r"|同时|因此|为此目的|为此|对此|就此|特此|最后|首先|其次|然而|但是|但|因而|据此|在这方面|在此方面|在这一方面|在此"
    rf"|(?:(?![地在向对就并])[{_HAN}]){{1,5}}地"
    r"|在[^，,；;。：:“”在]{1,30}?(?:方面|背景下|情况下|基础上|框架内|期间|之际|时|上))"
)
_LEAD = r"[\s“「『‘\"]*(?:(?:\d{1,3}|[０-９]{1,3})\s*[.．、]|[(（](?:[a-z]{1,4}|\d{1,2}|[一二三四五六七八九十]{1,3})[)）])?\s*"
_PREP = r"(?P<prep>[向对就](?P<prep_object>[^，,；;。：:]+))"
# Text allowed between a clause's start and a verb of the Council's own.
_PREDICATE_START = re.compile(rf"{_LEAD}{_SUBJECT}?\s*(?:{_ADVERBIAL}\s*)*")
_PREDICATE_START_PREP = re.compile(rf"{_LEAD}{_SUBJECT}?\s*(?:{_ADVERBIAL}\s*)*{_PREP}")
_PREP_VERB = re.compile(r"^(?:表示|深表|深为)")
_MAX_PREFIX = 120
"""Longest text before a verb that can still put it at the start of its clause (向…/对… phrases included)."""
_AFTER_AND = re.compile(rf"并(?:且)?\s*(?:{_ADVERBIAL}\s*)*{_PREP}?$")
# A verb after these reports an earlier act (其中决定…, 在第1373(2001)号决议中决定…).
_RECALL_MARKER = re.compile(
    r"(?:其中|(?:决议|声明|报告|信|函|公报|宣言|决定|结论|文件|说明|战略|讲话|发言|公约|宪章|议定书|协定|》)\s*[中内里])"
    r"\s*[，,]?\s*(?:除其他外|除其它外)?\s*[，,]?\s*(?:曾|已经|已|特别|尤其)*\s*$"
)
# A clause inside a recalled frame that starts with one of these is the Council speaking again.
_RETURN_MARKER = re.compile(rf"{_SUBJECT}|在这方面|在此方面|在这一方面|为此|因此|对此|就此|此外|另外|最后")
_AT_REQUEST = re.compile(r"应[^，,；;。：:]{1,40}?(?:请求|要求|邀请)(?=[，,；;。：:]|$)")
_AT_REQUEST_PREFIX = re.compile(rf"{_LEAD}{_SUBJECT}?\s*(?:并|还|也)?\s*")
_OBJECT_HEAD = re.compile(r"^(?:[\s，,：:；;、]|的是|了)+")
_OBJECT_TAIL = re.compile(r"[\s，,：:；;、。！？!?]+$")


@dataclass(frozen=True)
class _Lexicon:
    pattern: re.Pattern[str]
    not_after: dict[str, tuple[str, ...]]
    not_before: dict[str, tuple[str, ...]]


def _lexicon(forms: list[str], not_after: dict[str, tuple[str, ...]], not_before: dict[str, tuple[str, ...]],
             adverbs: tuple[str, ...]) -> _Lexicon:
    ordered = sorted(forms, key=lambda form: (-len(form), form))
    adverb_group = "(?P<adverb>" + "|".join(map(re.escape, sorted(adverbs, key=len, reverse=True))) + ")?" if adverbs else ""
    pattern = re.compile(adverb_group + "(?P<form>" + "|".join(map(re.escape, ordered)) + ")")
    return _Lexicon(pattern, not_after, not_before)


@cache
def _act_lexicon() -> _Lexicon:
    table = speech_act_table()
    forms = speech_act_forms()
    rules_after = dict(zip(table["verb"], table["not_after"].map(split_list), strict=True))
    rules_before = dict(zip(table["verb"], table["not_before"].map(split_list), strict=True))
    not_after = {form: NOUN_MARKERS + rules_after[verb] for form, verb in forms.items()}
    not_before = {form: rules_before[verb] for form, verb in forms.items()}
    return _lexicon(list(forms), not_after, not_before, ADVERBS)


@cache
def _modal_lexicon() -> _Lexicon:
    table = modal_word_table()
    not_after = dict(zip(table["word"], table["not_after"].map(split_list), strict=True))
    not_before = dict(zip(table["word"], table["not_before"].map(split_list), strict=True))
    return _lexicon(list(table["word"]), not_after, not_before, ())


def _candidates(text: str, lexicon: _Lexicon, citations: list[tuple[int, int]]) -> list[re.Match[str]]:
    """Return the matches of a lexicon that pass its word rules and lie outside every citation."""
    found = []
    position = 0
    while (match := lexicon.pattern.search(text, position)) is not None:
        form, start, end = match["form"], match.start("form"), match.end("form")
        other_word = text.endswith(lexicon.not_after[form], 0, start) or text.startswith(lexicon.not_before[form], end)
        in_citation = any(c_start < end and start < c_end for c_start, c_end in citations)
        if other_word or in_citation:
            position = match.start() + 1
            continue
        found.append(match)
        position = match.end()
    return found


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of each quotation “…” (also 「…」, 『…』, ‘…’) in a paragraph.

    The opening “ of a statement's paragraph is the statement's quotation mark, not a quotation; a mark
    left unpaired is ignored.
    """
    lead = _LEADING_QUOTE.match(text)
    skip = lead.end() - 1 if lead else -1
    open_marks: list[tuple[str, int]] = []
    spans = []
    for mark in _QUOTE_MARKS.finditer(text):
        char, index = mark.group(), mark.start()
        if index == skip:
            continue
        if char in _QUOTE_PAIRS:
            open_marks.append((_QUOTE_PAIRS[char], index))
            continue
        for depth in range(len(open_marks) - 1, -1, -1):
            if open_marks[depth][0] == char:
                spans.append((open_marks[depth][1], index + 1))
                del open_marks[depth:]
                break
    return sorted(spans)


@dataclass(frozen=True)
class _Act:
    form: str
    start: int  # of the surface (adverb included)
    end: int
    own: bool
    obj: str


def _trim_object(text: str) -> str:
    """Return an object span without the punctuation around it and without a quotation mark left unpaired."""
    text = _OBJECT_TAIL.sub("", _OBJECT_HEAD.sub("", text))
    while text and text[0] in _QUOTE_PAIRS and _QUOTE_PAIRS[text[0]] not in text:
        text = _OBJECT_HEAD.sub("", text[1:])
    closers = {close: open_ for open_, close in _QUOTE_PAIRS.items()}
    while text and text[-1] in closers and closers[text[-1]] not in text:
        text = _OBJECT_TAIL.sub("", text[:-1])
    return text


@lru_cache(maxsize=8192)
def _analyse(text: str) -> tuple[tuple[_Act, ...], tuple[tuple[str, int, int, bool], ...]]:
    """Return the speech acts and the modal words ``(word, start, end, own)`` of one paragraph."""
    citations = [(span.start, span.end) for span in citation_spans(text)]
    quotes = quoted_spans(text)
    clause_marks = [m.start() for m in _CLAUSE_PUNCT.finditer(text)]
    sentence_marks = [m.start() for m in _SENTENCE_PUNCT.finditer(text)]

    def mark_before(marks: list[int], position: int) -> int:
        index = bisect.bisect_left(marks, position)
        return marks[index - 1] + 1 if index else 0

    def sentence_end(position: int) -> int:
        index = bisect.bisect_left(sentence_marks, position)
        return sentence_marks[index] if index < len(sentence_marks) else len(text)

    def quoted(position: int) -> bool:
        return any(start <= position < end for start, end in quotes)

    matches = _candidates(text, _act_lexicon(), citations)
    frames: list[tuple[int, int]] = []  # recalled frames: (start, end)
    rows = []  # (match, own, cut, prep_object)
    frame_start: int | None = None
    current_sentence = -1
    own_clauses: set[int] = set()
    for match in matches:
        form, start = match["form"], match.start()
        clause_start, sentence_start = mark_before(clause_marks, start), mark_before(sentence_marks, start)
        if sentence_start != current_sentence:
            if frame_start is not None:
                frames.append((frame_start, sentence_start))
            frame_start, current_sentence = None, sentence_start
        prefix = text[clause_start:start]
        position = after_and = None
        if len(prefix) <= _MAX_PREFIX:
            if _PREP_VERB.match(form):
                position = _PREDICATE_START_PREP.fullmatch(prefix)
            position = position or _PREDICATE_START.fullmatch(prefix)
        if position is None and clause_start in own_clauses:
            after_and = _AFTER_AND.search(prefix, max(0, len(prefix) - _MAX_PREFIX))
        opener = _RECALL_MARKER.search(text, max(sentence_start, start - 30), start)
        cut = None
        if quoted(start):
            own = False
        elif opener is not None:
            own = False
            if frame_start is None:
                frame_start = match.start("form")
            if opener.group().startswith("其中"):  # …决议，其中决定…: the resolution ends the object before
                cut = mark_before(clause_marks, opener.start())
        elif frame_start is not None:
            own = position is not None and _RETURN_MARKER.search(prefix) is not None
            if own:
                frames.append((frame_start, clause_start))
                frame_start = None
        else:
            own = position is not None or after_and is not None
        if quoted(start):
            cut = None  # a verb quoted inside another act's object does not end that object
        elif opener is not None:
            pass  # 回顾，安理会在…决议中要求…: the recalled clause is the object of 回顾
        elif position is not None:
            cut = clause_start
        elif after_and is not None:
            cut = clause_start + after_and.start()
        if own:
            own_clauses.add(clause_start)
        prep = position.groupdict().get("prep_object") if position is not None else None
        rows.append((match, own, cut, prep))
    if frame_start is not None:
        frames.append((frame_start, len(text)))

    acts = []
    for index, (match, own, _cut, prep) in enumerate(rows):
        end = match.end()
        stop = sentence_end(end)
        for later, _own, cut, _prep in rows[index + 1 :]:
            if later.start() >= stop:
                break
            if cut is not None and cut >= end:
                stop = min(stop, cut)
                break
        obj = _trim_object(text[end:stop])
        if not obj and prep:
            obj = _trim_object(prep)
        acts.append(_Act(match["form"], match.start(), end, own, obj))

    modals = []
    at_request = [
        m.start() for m in _AT_REQUEST.finditer(text)
        if _AT_REQUEST_PREFIX.fullmatch(text, mark_before(clause_marks, m.start()), m.start())
    ]
    for match in _candidates(text, _modal_lexicon(), citations):
        start, end = match.start(), match.end()
        if match["form"] == "应" and start in at_request:
            continue
        in_frame = any(f_start <= start < f_end for f_start, f_end in frames)
        modals.append((match["form"], start, end, not (in_frame or quoted(start))))
    return tuple(acts), tuple(modals)


def _paragraph_rows(paragraphs: pd.DataFrame, what: str):
    """Yield ``(symbol order, symbol, para, text)`` for each paragraph with text, in input order."""
    missing = [column for column in ("para", "text") if column not in paragraphs.columns]
    if missing:
        raise DataError(
            f"{what}: the paragraph table lacks column {missing[0]!r}; pass a table from helpers.load_statement "
            "or helpers.load_corpus."
        )
    if "symbol" in paragraphs.columns:
        symbols = paragraphs["symbol"].astype("str").where(paragraphs["symbol"].notna(), None).tolist()
    else:
        symbols = [paragraphs.attrs.get("symbol")] * len(paragraphs)
    try:
        paras = pd.to_numeric(paragraphs["para"], errors="raise").astype("int64").tolist()
    except (ValueError, TypeError):
        raise DataError(f"{what}: column 'para' must hold paragraph numbers (whole numbers).") from None
    order: dict[object, int] = {}
    for symbol, para, text in zip(symbols, paras, paragraphs["text"].tolist(), strict=True):
        order.setdefault(symbol, len(order))
        if isinstance(text, str) and text:
            yield order[symbol], symbol, para, text


def _frame(rows: list[dict], columns: list[str], dtypes: dict[str, str]) -> pd.DataFrame:
    table = pd.DataFrame(rows, columns=["_order", *columns])
    table = table.astype({"_order": "int64", **dtypes})
    table = table.sort_values(["_order", "para", "start", "end"], kind="stable", ignore_index=True)
    return table.drop(columns="_order")


def speech_acts(paragraphs: pd.DataFrame) -> pd.DataFrame:
    """Return one row per speech act of the Council found anywhere in a paragraph table's text.

    ``paragraphs`` needs columns para and text (symbol if present; else ``attrs["symbol"]``), as from
    ``load_statement`` or ``load_corpus``. Columns: symbol, para, verb (canonical: 重申 for 还重申), surface
    (as written, ``text[start:end] == surface``), start, end, force, force_rank (1 = strongest), english,
    own (True when the Council performs the act in this text; False inside a recalled or quoted act, or as
    the object of another act), object (the text the act applies to, to the end of its clause chain or
    sentence, trimmed). Sorted by symbol (input order), para, start. See the module docstring for the rules.
    """
    table = speech_act_table()
    scale = {row.verb: (row.force, row.force_rank, row.english) for row in table.itertuples(index=False)}
    canonical = speech_act_forms()
    rows = []
    for order, symbol, para, text in _paragraph_rows(paragraphs, "speech_acts"):
        for act in _analyse(text)[0]:
            verb = canonical[act.form]
            force, rank, english = scale[verb]
            rows.append({
                "_order": order, "symbol": symbol, "para": para, "verb": verb, "surface": text[act.start:act.end],
                "start": act.start, "end": act.end, "force": force, "force_rank": rank,
                "english": english, "own": act.own, "object": act.obj,
            })
    dtypes = {"symbol": "str", "para": "int64", "verb": "str", "surface": "str", "start": "int64", "end": "int64",
              "force": "str", "force_rank": "int64", "english": "str", "own": "bool", "object": "str"}
    return _frame(rows, SPEECH_ACT_COLUMNS, dtypes)


NOT_OWN_REASONS = ("object of another act", "recall, quotation or another subject")


def not_own_reasons(acts: pd.DataFrame) -> pd.Series:
    """Return, for each row of ``speech_acts``, why the act is not the Council's own: "object of another act"
    (the verb starts where an own act's verb ends: 重申致力于…), "recall, quotation or another subject" for the
    other acts with own False, "" for own acts. Labelled like ``acts``."""
    own = acts[acts["own"]]
    own_ends = set(zip(own["symbol"], own["para"], own["end"], strict=True))
    starts = zip(acts["symbol"], acts["para"], acts["start"], strict=True)
    reasons = [
        "" if is_own else NOT_OWN_REASONS[0] if start in own_ends else NOT_OWN_REASONS[1]
        for is_own, start in zip(acts["own"], starts, strict=True)
    ]
    return pd.Series(reasons, index=acts.index, dtype="str", name="not_own_reason")


def modal_words(paragraphs: pd.DataFrame) -> pd.DataFrame:
    """Return one row per modal or hedging word (必须, 应, 需, 可, 可能, 酌情…) in a paragraph table's text.

    Columns: symbol, para, word (as written, ``text[start:end] == word``), start, end, kind (obligation,
    prohibition, necessity, possibility, advisability, hedge; see data/modal_words.csv), own (False inside
    a recalled or quoted act, as for ``speech_acts``). Sorted by symbol (input order), para, start.
    """
    kinds = dict(zip(modal_word_table()["word"], modal_word_table()["kind"], strict=True))
    rows = []
    for order, symbol, para, text in _paragraph_rows(paragraphs, "modal_words"):
        for word, start, end, own in _analyse(text)[1]:
            rows.append({"_order": order, "symbol": symbol, "para": para, "word": word, "start": start, "end": end,
                         "kind": kinds[word], "own": own})
    dtypes = {"symbol": "str", "para": "int64", "word": "str", "start": "int64", "end": "int64", "kind": "str",
              "own": "bool"}
    return _frame(rows, MODAL_COLUMNS, dtypes)


def speech_act_scale() -> pd.DataFrame:
    """Return the scale of force of data/speech_acts.csv: verb, force, force_rank (1 = strongest), english,
    note; sorted by force_rank, verb. data/README.md explains the scale and its limits."""
    return speech_act_table()[SCALE_COLUMNS].copy()
