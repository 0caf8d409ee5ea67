"""Scale benchmark (not a test): every stage of a corpus comparison on 1,000 and 10,000 generated documents.

The corpora are GENERATED, not UN text: statements (the chapeau of the shipped S/PRST/2021/1 followed by a random
selection of its operative paragraphs, in random order) and, every fourth document, resolutions (a title, an
adoption line and numbered paragraphs taken from the same selection), each with one or two of the labelled
fixture sentences below. They are written to a temporary folder with the layout of ``data/`` (statements.csv,
registry.txt, raw/) and deleted afterwards; never shipped. Symbols use the impossible years 9001… .

Each size runs in a fresh interpreter, so its memory is its own. Stages (seconds and peak memory of the process and
its worker processes, sampled every 20 ms): load (``load_corpus``: checksums, cleaning, paragraph table), segment
(``token_table``), citations (``extract_citations``), similarity (``nearest_neighbours``: the 10 nearest documents
of each by character 3-gram Jaccard, MinHash LSH candidates, plus TF-IDF cosine), passages (``passage_reuse`` of
those nearest pairs: every pair of this corpus shares most of its text, so all pairs would grow with the square of
the corpus), provenance (``reuse_over_time`` for every document, then ``provenance`` of the last one, near-verbatim
passages included). The log-log slope of each stage between consecutive sizes shows how it grows (1 = linear).
At sizes up to 2,000 the recall of the MinHash neighbours against the exact ones is printed too.

Run with ``make bench`` or ``.venv/bin/python benchmarks/bench_scale.py`` (``--sizes 1000 10000`` by default).
Targets: 10,000 documents end to end in under 600 s on 2 cores; no stage with a slope above 1.2. This is a
benchmark, not a test: the figures depend on the machine and its load (printed with them).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

TARGET_SIZE, TARGET_SECONDS, TARGET_SLOPE = 10_000, 600, 1.2
STAGES = ("load", "segment", "citations", "similarity", "passages", "provenance")
SYNTHETIC_YEAR = 9001  # S/PRST/9001/1 …: plainly not real
# Test fixture sentences (测试样例), written for the benchmark, not UN text.
FIXTURE_SENTENCES = [
    "安全理事会测试样例：重申各会员国必须加强边境管控以防止测试样例人员流动。",
    "安全理事会测试样例：鼓励各区域组织交流测试样例信息并提供能力建设援助。",
    "安全理事会测试样例：表示关切测试样例网络被用于招募和筹措资金。",
    "安全理事会测试样例：请秘书长在测试样例期限内提交一份书面报告。",
]


def synthetic_symbol(number: int) -> str:
    """Symbol of generated document ``number`` (1-based): every fourth a resolution, the others statements."""
    year = SYNTHETIC_YEAR + (number - 1) // 1000
    if number % 4 == 0:
        return f"S/RES/{5000 + number // 4}({year})"
    return f"S/PRST/{year}/{number}"


def document_text(number: int, rng: random.Random, chapeau: str, operative: list[str]) -> str:
    """The raw text of generated document ``number``."""
    paragraphs = rng.sample(operative, rng.randint(8, len(operative)))
    paragraphs.insert(rng.randrange(len(paragraphs) + 1), rng.choice(FIXTURE_SENTENCES))
    if number % 4:
        return "安全理事会主席声明（测试样例）\n\n" + "\n\n".join([chapeau, *(f"“{p}" for p in paragraphs)]) + "\n"
    numbered = [f"{k}. {p}" for k, p in enumerate(paragraphs, start=1)]
    title = "第" + synthetic_symbol(number).removeprefix("S/RES/") + "号决议"
    head = [title, f"{SYNTHETIC_YEAR}年1月1日安全理事会第{number}次会议通过", "安全理事会，", "测试样例：回顾其以往各项决议，"]
    return "\n".join([*head, *numbered]) + "\n"


def build_corpus(folder: Path, size: int, seed: int = 0) -> None:
    """Write a generated corpus of ``size`` documents into ``folder`` (data/ layout; registry written once)."""
    import pandas as pd

    import helpers

    shipped = helpers.load_statement()
    chapeau = shipped.loc[shipped["kind"] == "chapeau", "text"].item()
    operative = shipped.loc[shipped["kind"] == "operative", "text"].str.lstrip("“").tolist()
    rng = random.Random(seed)
    (folder / "raw").mkdir(parents=True)
    rows, registry = [], []
    for number in range(1, size + 1):
        symbol = synthetic_symbol(number)
        name = "raw/" + symbol.replace("/", "_").replace("(", "_").replace(")", "") + ".zh.txt"
        data = document_text(number, rng, chapeau, operative).encode("utf-8")
        (folder / name).write_bytes(data)
        registry.append(f"{name} {hashlib.sha256(data).hexdigest()}\n")
        day = pd.Timestamp(f"{SYNTHETIC_YEAR}-01-01") + pd.Timedelta(days=number)
        rows.append({"symbol": symbol, "date": day.strftime("%Y-%m-%d"), "lang": "zh", "file": name,
                     "agenda_item": "测试样例议题 (generated benchmark corpus)", "meeting": "",
                     "procedure": "generated", "presidency": ""})
    (folder / "registry.txt").write_text("".join(sorted(registry)), encoding="utf-8")
    pd.DataFrame(rows).to_csv(folder / "statements.csv", index=False)


class MemorySampler:
    """Peak resident memory of this process and its children (the workers), sampled in a thread."""

    def __init__(self, interval: float = 0.02) -> None:
        import psutil

        self.process = psutil.Process()
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _rss(self) -> int:
        total = self.process.memory_info().rss
        for child in self.process.children(recursive=True):
            try:
                total += child.memory_info().rss
            except Exception:  # a worker that just ended
                pass
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._rss())
            time.sleep(self.interval)

    def __enter__(self) -> MemorySampler:
        self.peak = self._rss()
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._rss())


def measure(size: int) -> dict[str, float]:
    """Build and process one generated corpus of ``size`` documents; return seconds and MiB per stage."""
    import helpers

    helpers.tokenize("安全理事会")  # load the segmenter's dictionary before timing (a one-off start-up cost)
    result: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="prst-generated-") as tmp:
        folder = Path(tmp) / "corpus"
        start = time.perf_counter()
        build_corpus(folder, size)
        result["build"] = time.perf_counter() - start
        state: dict = {}

        def load():
            state["corpus"] = helpers.load_corpus(folder)

        def segment():
            state["tokens"] = helpers.token_table(state["corpus"], progress=False)

        def citations():
            state["citations"] = helpers.extract_citations(state["corpus"])

        def similarity():
            units = state["units"] = helpers.comparison_units(state["corpus"])
            tokens = helpers.group_tokens(state["tokens"], units)
            state["neighbours"] = helpers.nearest_neighbours(units["text"], k=10, tokens=tokens, method="minhash")

        def passages():
            pairs = state["neighbours"][["a", "b"]].itertuples(index=False)
            state["reuse"] = helpers.passage_reuse(state["units"]["text"], min_chars=10, pairs=pairs)

        def provenance():
            state["over_time"] = helpers.reuse_over_time(state["corpus"])
            last = state["over_time"]["symbol"].iloc[-1]
            state["provenance"] = helpers.provenance(state["corpus"], last)

        for name, stage in zip(STAGES, (load, segment, citations, similarity, passages, provenance), strict=True):
            with MemorySampler() as memory:
                start = time.perf_counter()
                stage()
                result[name] = time.perf_counter() - start
            result[f"{name}_mib"] = memory.peak / 2**20
        if size <= 2000:
            exact = helpers.nearest_neighbours(state["units"]["text"], k=10, method="exact")
            found = exact.merge(state["neighbours"], on=["a", "b"], how="inner")
            result["recall"] = len(found) / len(exact)
    assert state["corpus"]["symbol"].nunique() == size and state["over_time"].shape[0] == size
    result["total"] = sum(result[name] for name in STAGES)
    result["paragraphs"] = len(state["corpus"])
    result["tokens"] = len(state["tokens"])
    result["citations_found"] = len(state["citations"])
    result["pairs"] = len(state["reuse"])
    result["reused_share"] = float(state["over_time"]["share_reused"].mean())
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # internal: measure one size, print JSON
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(measure(args.one)))
        return 0
    print("GENERATED corpora recombined from the paragraphs of S/PRST/2021/1 and fixture sentences (not UN text)")
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start (shared machine)")
    results = {}
    for size in args.sizes:
        # a fresh interpreter per size (not a multiprocessing worker: those may not start worker processes)
        done = subprocess.run([sys.executable, __file__, "--one", str(size)], capture_output=True, text=True, check=False)
        if done.returncode:
            print(done.stderr, file=sys.stderr)
            return 1
        r = results[size] = json.loads(done.stdout.splitlines()[-1])
        extra = f", MinHash recall@10 against exact {r['recall']:.3f}" if "recall" in r else ""
        print(
            f"{size} documents: {r['paragraphs']:.0f} paragraphs, {r['tokens']:.0f} tokens, "
            f"{r['citations_found']:.0f} citations, {r['pairs']:.0f} neighbour pairs with shared passages, "
            f"mean reused share {r['reused_share']:.2f}; build {r['build']:.1f} s (not timed){extra}",
            flush=True,
        )
    sizes = list(results)
    header = f"{'stage':<11}" + "".join(f"{f'{s} s':>10}{f'{s} MiB':>11}" for s in sizes)
    header += "".join(f"{f'slope {a}-{b}':>18}" for a, b in zip(sizes, sizes[1:], strict=False))
    print(header)
    for name in (*STAGES, "total"):
        line = f"{name:<11}"
        for size in sizes:
            mib = results[size].get(f"{name}_mib")
            line += f"{results[size][name]:>10.1f}" + (f"{mib:>11.0f}" if mib is not None else f"{'':>11}")
        for a, b in zip(sizes, sizes[1:], strict=False):
            slope = math.log(results[b][name] / results[a][name]) / math.log(b / a)
            line += f"{slope:>18.2f}"
        print(line)
    if TARGET_SIZE in results:
        seconds = results[TARGET_SIZE]["total"]
        verdict = "met" if seconds < TARGET_SECONDS else "NOT met"
        print(f"target ({TARGET_SIZE} documents < {TARGET_SECONDS} s on {os.cpu_count()} cores): {verdict}, {seconds:.1f} s")
    if len(sizes) > 1:
        a, b = sizes[-2], sizes[-1]
        steep = [n for n in STAGES if math.log(results[b][n] / results[a][n]) / math.log(b / a) > TARGET_SLOPE]
        print(f"target (no stage with slope > {TARGET_SLOPE}): " + ("met" if not steep else "NOT met: " + ", ".join(steep)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
