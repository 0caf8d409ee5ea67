"""Segmentation speed: the project pipeline against plain jieba, and the rjieba backend, on ~1 MB of text.

Run with ``make bench`` (or ``.venv/bin/python benchmarks/bench_segment.py``). The corpus is the cleaned
text of S/PRST/2021/1 repeated until it reaches 1 MB of UTF-8; every variant segments the same text and
counts its tokens. Each timing is the best of ``--repeat`` rounds (variants take turns), after a warm-up that loads the
dictionaries. Target: the pipeline keeps at least 80% of plain jieba's throughput.

This is a benchmark, not a test: the figures depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import platform
import time
from collections import Counter

import pandas as pd

import helpers
from helpers.analysis import segment

TARGET_RATIO = 0.80


def build_corpus(size_bytes: int) -> tuple[str, pd.DataFrame]:
    """Return (text, paragraph table): the cleaned statement repeated until ``size_bytes`` of UTF-8."""
    statement = helpers.load_statement(helpers.DEFAULT_SYMBOL)
    one = "\n".join(statement["text"]) + "\n"
    copies = -(-size_bytes // len(one.encode("utf-8")))
    text = one * copies
    paragraphs = pd.concat([statement.assign(symbol=f"copy-{i:04d}") for i in range(copies)], ignore_index=True)
    return text, paragraphs


def best_times(variants: dict, repeat: int) -> dict[str, float]:
    """Return the shortest wall-clock time of each variant over ``repeat`` rounds.

    The variants take turns within each round, so a change in machine load hits them all alike.
    """
    times: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(repeat):
        for name, function in variants.items():
            start = time.perf_counter()
            function()
            times[name].append(time.perf_counter() - start)
    return {name: min(values) for name, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="corpus size in bytes of UTF-8 (default 1 MB)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per variant; the best is kept (default 3)")
    args = parser.parse_args()

    text, paragraphs = build_corpus(args.size)
    megabytes = len(text.encode("utf-8")) / 1e6
    jieba = segment.jieba_module()
    import rjieba

    # Warm-up: load every dictionary once, outside the timings.
    sample = text[:2000]
    jieba.lcut(sample), helpers.tokenize(sample), helpers.tokenize(sample, backend="rjieba"), rjieba.cut(sample)

    variants = {
        "plain jieba.lcut": lambda: Counter(jieba.lcut(text)),
        "pipeline tokenize (jieba)": lambda: Counter(helpers.tokenize(text)),
        "pipeline token_table + term_frequencies (jieba)": lambda: helpers.term_frequencies(
            helpers.token_table(paragraphs, progress=False)
        ),
        "plain rjieba.cut": lambda: Counter(rjieba.cut(text)),
        "pipeline tokenize (rjieba)": lambda: Counter(helpers.tokenize(text, backend="rjieba")),
    }
    print(f"corpus: S/PRST/2021/1 cleaned, repeated: {len(text):,} characters, {megabytes:.2f} MB UTF-8, "
          f"{len(paragraphs):,} paragraphs")
    print(f"python {platform.python_version()}, best of {args.repeat} runs each\n")
    seconds = best_times(variants, args.repeat)
    plain = seconds["plain jieba.lcut"]
    rows = [
        (name, f"{value:.2f}", f"{megabytes / value:.2f}", f"{len(text) / value / 1000:.0f}", f"{plain / value:.2f}")
        for name, value in seconds.items()
    ]
    table = pd.DataFrame(rows, columns=["variant", "seconds", "MB/s", "k chars/s", "vs plain jieba"])
    print(table.to_string(index=False))

    ratio = plain / seconds["pipeline tokenize (jieba)"]
    print(f"\npipeline (jieba) keeps {ratio:.0%} of plain jieba's throughput "
          f"(target {TARGET_RATIO:.0%}: {'met' if ratio >= TARGET_RATIO else 'NOT met'})")
    print(f"rjieba backend speed-up over the jieba pipeline: "
          f"{seconds['pipeline tokenize (jieba)'] / seconds['pipeline tokenize (rjieba)']:.1f}x")
    # Long work shows a progress bar (on stderr) when run in a terminal or a notebook.
    print("\nsegmenting the corpus as a token table once more, with the default progress setting:")
    helpers.token_table(paragraphs, progress=None)


if __name__ == "__main__":
    main()
