"""Speech-act benchmark (not a test): ``speech_acts`` + ``modal_words`` over 1,000 and 10,000 statements.

The paragraph tables are SYNTHETIC and built in memory: each statement is the chapeau of the shipped
S/PRST/2021/1 followed by a random selection (8–18, seeded) of its operative paragraphs, each paragraph ending in
a marker unique to its statement (（合成测试样例 N）) so that no paragraph text repeats and the per-text cache
of the speech-act rules gives no help. Never shipped; not UN text.

For the first size, the same table also goes through ``token_table`` (jieba segmentation, the corpus stage the
series analyses already pay for), so the ratio shows what speech acts add to a corpus run.

Run with ``make bench`` or ``.venv/bin/python benchmarks/bench_speech_acts.py`` (``--sizes 1000 10000`` by
default). Target: speech acts and modal words cost less than segmentation (ratio below 1). Figures depend on
the machine and its load.
"""

from __future__ import annotations

import argparse
import random
import time

import pandas as pd

import helpers
from helpers.analysis import speech_acts as speech_act_module


def synthetic_table(size: int, seed: int = 0) -> pd.DataFrame:
    """Return a paragraph table of ``size`` synthetic statements (symbols S/PRST/9001/1 …)."""
    shipped = helpers.load_statement()
    chapeau = shipped[shipped["kind"] == "chapeau"]
    operative = shipped[shipped["kind"] == "operative"]
    rng = random.Random(seed)
    tables = []
    for number in range(1, size + 1):
        picked = operative.iloc[sorted(rng.sample(range(len(operative)), rng.randint(8, len(operative))))]
        table = pd.concat([chapeau, picked], ignore_index=True)
        table["symbol"] = f"S/PRST/{9001 + (number - 1) // 100}/{(number - 1) % 100 + 1}"
        table["para"] = range(len(table))
        table["text"] = table["text"] + f"（合成测试样例 {number}）"
        tables.append(table)
    return pd.concat(tables, ignore_index=True)


def timed(function, *args) -> tuple[float, object]:
    start = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    sizes = parser.parse_args().sizes
    for index, size in enumerate(sizes):
        table = synthetic_table(size)
        chars = int(table["text"].str.len().sum())
        speech_act_module._analyse.cache_clear()
        acts_seconds, acts = timed(helpers.speech_acts, table)
        modal_seconds, words = timed(helpers.modal_words, table)  # recomputes: more paragraphs than the cache holds
        total = acts_seconds + modal_seconds
        print(
            f"{size:>6} statements, {len(table):>7} paragraphs, {chars / 1e6:.2f} M chars: speech_acts "
            f"{acts_seconds:.2f} s ({len(acts)} acts), modal_words {modal_seconds:.2f} s ({len(words)} words), "
            f"{chars / total / 1e6:.2f} M chars/s"
        )
        if index == 0:
            segment_seconds, _ = timed(helpers.token_table, table)
            print(
                f"{'':>6} token_table on the same table {segment_seconds:.2f} s; speech acts / segmentation = "
                f"{total / segment_seconds:.2f} (target < 1)"
            )


if __name__ == "__main__":
    main()
