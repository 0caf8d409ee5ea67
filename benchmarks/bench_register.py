"""Registering many files in a corpus: ``register`` once per file (a registry rewrite each, under the corpus lock)
against ``register_all`` (one write for all). Synthetic test-fixture files in a temporary folder, never shipped.

Prints the seconds of both and their ratio for 500 and 2,000 files. A benchmark, not a test: figures depend on
the machine and its load.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import helpers


def fixture_files(folder: Path, count: int) -> list[Path]:
    (folder / "raw").mkdir(parents=True)
    paths = [folder / "raw" / f"S_PRST_9001_{n}.zh.txt" for n in range(1, count + 1)]
    for n, path in enumerate(paths, start=1):
        path.write_text(f"测试样例 {n} (synthetic benchmark file)\n", encoding="utf-8")
    return paths


def main() -> None:
    for count in (500, 2000):
        with tempfile.TemporaryDirectory() as one, tempfile.TemporaryDirectory() as many:
            paths = fixture_files(Path(one), count)
            start = time.perf_counter()
            for path in paths:
                helpers.register(path, Path(one))
            each = time.perf_counter() - start
            paths = fixture_files(Path(many), count)
            start = time.perf_counter()
            helpers.register_all(paths, Path(many))
            once = time.perf_counter() - start
            assert helpers.read_registry(Path(one)) == helpers.read_registry(Path(many))
        print(f"{count:>6,} files: register per file {each:7.2f} s, register_all {once:6.3f} s, ratio {each / once:6.1f}x")


if __name__ == "__main__":
    main()
