"""Citation extraction speed: seconds for 1k, 10k and 100k paragraphs, log-log slope, characters/s vs the tokenizer.

Run with ``make bench`` (or ``.venv/bin/python benchmarks/bench_citations.py``). The paragraph tables are built
in memory from the paragraphs of S/PRST/2021/1, one synthetic statement (symbol S/PRST/9001/N, never shipped) per
19 paragraphs, so the extractor meets as many statements as a real corpus of that size. For each size it times
``helpers.extract_citations`` (best of ``--repeat`` runs) and prints seconds, characters per second and rows; then
the slope of log(seconds) against log(paragraphs) (least squares over the sizes; target <= 1.1, i.e. linear), and
the characters per second of the tokenizer (``helpers.token_table``, default jieba backend, and rjieba) on the
middle size, with the ratio extraction/tokenizer (target >= 1: at least as fast per character).

This is a benchmark, not a test: the figures depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import math
import platform
import time

import pandas as pd

import helpers

TARGET_SLOPE = 1.1
TARGET_RATIO = 1.0


def paragraph_table(paragraphs: int) -> pd.DataFrame:
    """Return ``paragraphs`` rows (symbol, para, text) made of the statement's paragraphs, 19 per synthetic symbol."""
    statement = helpers.load_statement(helpers.DEFAULT_SYMBOL)[["para", "text"]]
    per = len(statement)
    copies = -(-paragraphs // per)
    table = pd.concat([statement.assign(symbol=f"S/PRST/9001/{i + 1}") for i in range(copies)], ignore_index=True)
    return table[["symbol", "para", "text"]].head(paragraphs)


def best_time(function, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return min(times), result


def slope(sizes: list[int], seconds: list[float]) -> float:
    xs, ys = [math.log(n) for n in sizes], [math.log(t) for t in seconds]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000], help="paragraph counts")
    parser.add_argument("--repeat", type=int, default=2, help="runs per size; the best is kept (default 2)")
    args = parser.parse_args()

    print(f"Python {platform.python_version()}, {platform.machine()}; extract_citations on S/PRST/2021/1 paragraphs")
    helpers.extract_citations(paragraph_table(50))  # warm-up: tables, OpenCC and patterns load once
    helpers.token_table(paragraph_table(50), progress=False)
    helpers.token_table(paragraph_table(50), backend="rjieba", progress=False)

    seconds, rates = [], {}
    print(f"{'paragraphs':>10} {'characters':>11} {'seconds':>8} {'chars/s':>11} {'rows':>9}")
    for size in args.sizes:
        table = paragraph_table(size)
        chars = int(table["text"].str.len().sum())
        elapsed, result = best_time(lambda table=table: helpers.extract_citations(table), args.repeat)
        seconds.append(elapsed)
        rates[size] = chars / elapsed
        print(f"{size:>10,} {chars:>11,} {elapsed:>8.2f} {chars / elapsed:>11,.0f} {len(result):>9,}")
    fitted = slope(args.sizes, seconds)
    print(f"log-log slope {fitted:.3f} (target <= {TARGET_SLOPE}): {'met' if fitted <= TARGET_SLOPE else 'NOT met'}")

    middle = args.sizes[len(args.sizes) // 2]
    table = paragraph_table(middle)
    chars = int(table["text"].str.len().sum())
    for backend in ("jieba", "rjieba"):
        elapsed, _ = best_time(lambda backend=backend: helpers.token_table(table, backend=backend, progress=False), 1)
        ratio = rates[middle] / (chars / elapsed)
        verdict = "met" if ratio >= TARGET_RATIO else "NOT met"
        print(f"token_table ({backend}) on {middle:,} paragraphs: {elapsed:.2f} s, {chars / elapsed:,.0f} chars/s; "
              f"extraction/tokenizer {ratio:.2f} (target >= {TARGET_RATIO}): {verdict}")


if __name__ == "__main__":
    main()
