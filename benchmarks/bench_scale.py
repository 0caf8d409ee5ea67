"""Scale benchmark (not a test): load, segment, count citations and compare 100, 300 and 1,000 statements.

The corpora are SYNTHETIC: each statement is the chapeau of the shipped S/PRST/2021/1 followed by a random
selection (8–18, in random order, seeded) of its operative paragraphs, written to a temporary folder with the
layout of ``data/`` (statements.csv, registry.txt, raw/) and deleted afterwards. They are never shipped and
are not UN text: only a way to get realistic paragraph lengths and vocabulary at scale.

Each size runs in a fresh process, so its peak memory (peak resident set size of that process) is its own.
Stages: build (write the synthetic folder, not timed in the total), load (``load_corpus``: checksums,
cleaning, paragraph table), segment (``token_table``), citations (``extract_citations``), similarity (all
pairwise TF-IDF cosine and character 3-gram Jaccard between statements, sparse products).

Shared passages (``passage_reuse``) are not part of the run: on this corpus every pair of statements shares
most of its text, the worst case for an output-sized computation (about 4 s for the 4,950 pairs of 100 statements).

Run with ``make bench`` or ``.venv/bin/python benchmarks/bench_scale.py`` (``--sizes 100 300 1000`` by default).
Target: 1,000 statements in under 60 s (load + segment + citations + similarity) on a 2-core machine. This is a
benchmark, not a test: the figures depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

TARGET_SIZE, TARGET_SECONDS = 1000, 60
SYNTHETIC_YEAR = (
    9001  # symbols S/PRST/9001/1 … S/PRST/9010/100: the corpus layer's symbol form, plainly not real
)


def synthetic_symbol(number: int) -> str:
    """Return the symbol of synthetic statement ``number`` (1-based): 100 per (impossible) year from 9001."""
    return f"S/PRST/{SYNTHETIC_YEAR + (number - 1) // 100}/{(number - 1) % 100 + 1}"


def build_corpus(folder: Path, size: int, seed: int = 0) -> None:
    """Write a synthetic corpus of ``size`` statements into ``folder`` (data/ layout)."""
    import pandas as pd

    import helpers

    shipped = helpers.load_statement()
    chapeau = shipped.loc[shipped["kind"] == "chapeau", "text"].item()
    operative = shipped.loc[shipped["kind"] == "operative", "text"].tolist()
    rng = random.Random(seed)
    (folder / "raw").mkdir(parents=True)
    (folder / "registry.txt").write_text("", encoding="utf-8")
    rows = []
    for number in range(1, size + 1):
        paragraphs = rng.sample(operative, rng.randint(8, len(operative)))
        text = "安全理事会主席声明\n\n" + "\n\n".join([chapeau, *paragraphs]) + "\n"
        symbol = synthetic_symbol(number)
        name = "raw/" + symbol.replace("/", "_") + ".zh.txt"
        path = folder / name
        path.write_text(text, encoding="utf-8")
        helpers.register(path, folder)
        day = pd.Timestamp("2000-01-01") + pd.Timedelta(days=number)
        rows.append(
            {
                "symbol": symbol,
                "date": day.strftime("%Y-%m-%d"),
                "lang": "zh",
                "file": name,
                "agenda_item": "合成测试语料 (synthetic benchmark corpus)",
                "meeting": "",
                "procedure": "synthetic",
                "presidency": "",
            }
        )
    pd.DataFrame(rows).to_csv(folder / "statements.csv", index=False)


def _peak_rss_mib() -> float:
    """Peak resident set size of this process so far, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(size: int) -> dict[str, float]:
    """Build and process one synthetic corpus of ``size`` statements; return seconds per stage and MiB."""
    import helpers

    helpers.tokenize("安全理事会")  # load the segmenter's dictionary before timing (a one-off start-up cost)
    baseline = _peak_rss_mib()
    with tempfile.TemporaryDirectory(prefix="prst-synthetic-") as tmp:
        folder = Path(tmp) / "corpus"
        start = time.perf_counter()
        build_corpus(folder, size)
        timings = {"build": time.perf_counter() - start}

        start = time.perf_counter()
        corpus = helpers.load_corpus(folder)
        timings["load"] = time.perf_counter() - start

        start = time.perf_counter()
        tokens = helpers.token_table(corpus)
        timings["segment"] = time.perf_counter() - start

        start = time.perf_counter()
        citations = helpers.extract_citations(corpus)
        timings["citations"] = time.perf_counter() - start

        start = time.perf_counter()
        units = helpers.comparison_units(corpus)
        cosine = helpers.tfidf_similarity(helpers.group_tokens(tokens, units))
        jaccard = helpers.char_ngram_jaccard(units["text"], n=3)
        timings["similarity"] = time.perf_counter() - start

    assert len(units) == size and cosine.shape == jaccard.shape == (size, size)
    timings["total"] = sum(value for key, value in timings.items() if key != "build")
    timings["paragraphs"] = len(corpus)
    timings["tokens"] = len(tokens)
    timings["citations_found"] = len(citations)
    timings["baseline_mib"] = baseline
    timings["peak_mib"] = _peak_rss_mib()
    return timings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 300, 1000])
    args = parser.parse_args(argv)
    print("SYNTHETIC corpora recombined from the paragraphs of S/PRST/2021/1 (not UN text, never shipped)")
    header = (
        f"{'statements':>10} {'paragraphs':>10} {'tokens':>8} {'citations':>9} "
        f"{'load s':>7} {'segment s':>9} {'cite s':>7} {'pairs s':>7} {'total s':>8} {'peak MiB':>9} {'(start MiB)':>11}"
    )
    print(header)
    context = multiprocessing.get_context("spawn")
    results = {}
    for size in args.sizes:
        with context.Pool(1) as pool:
            result = results[size] = pool.apply(measure, (size,))
        print(
            f"{size:>10} {result['paragraphs']:>10.0f} {result['tokens']:>8.0f} {result['citations_found']:>9.0f} "
            f"{result['load']:>7.2f} {result['segment']:>9.2f} {result['citations']:>7.2f} "
            f"{result['similarity']:>7.2f} {result['total']:>8.2f} {result['peak_mib']:>9.0f} {result['baseline_mib']:>11.0f}",
            flush=True,
        )
    if TARGET_SIZE in results:
        seconds = results[TARGET_SIZE]["total"]
        verdict = "met" if seconds < TARGET_SECONDS else "NOT met"
        print(
            f"target ({TARGET_SIZE} statements < {TARGET_SECONDS} s on {os.cpu_count()} cores): {verdict}, {seconds:.1f} s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
