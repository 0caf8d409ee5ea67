"""Provenance of a result: the software that made it and the data files it read."""

from __future__ import annotations

import platform
import sys
from importlib.metadata import PackageNotFoundError, version

import pandas as pd

from helpers.ingest.registry import data_dir, read_registry

CORE_PACKAGES = ("pandas", "numpy", "matplotlib", "jieba", "scikit-learn", "networkx", "pylopdf-fonts-zh-cn", "prst-zh")


def software_versions(packages: tuple[str, ...] = CORE_PACKAGES, *, full_python: bool = False) -> pd.DataFrame:
    """Return a table of package, version (Python first), in the order given.

    Python is given as major.minor (``3.11``) unless ``full_python``: the patch release does not change
    results, and a notebook's committed output must be the same on every 3.11.x (reports show it in full).
    Packages are pinned exactly, so their versions do not vary.
    """
    python = platform.python_version() if full_python else "{}.{}".format(*sys.version_info[:2])
    rows = [("python", python)]
    for name in packages:
        try:
            rows.append((name, version(name)))
        except PackageNotFoundError:
            rows.append((name, "not installed"))
    return pd.DataFrame(rows, columns=["package", "version"])


def data_checksums(root=None) -> pd.DataFrame:
    """Return the checksum registry of a data folder as a table: file, sha256 (sorted by file)."""
    registry = read_registry(data_dir(root))
    return pd.DataFrame(sorted(registry.items()), columns=["file", "sha256"])
