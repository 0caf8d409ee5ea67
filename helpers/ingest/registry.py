"""Where the data lives, and the checksum registry that every data file is verified against."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from helpers.errors import DataError

REGISTRY_NAME = "registry.txt"
PROJECT_DATA = Path(__file__).resolve().parents[2] / "data"
"""The project's own data folder: lexicons and tables that ship with the code."""


def data_dir(path: str | os.PathLike[str] | None = None) -> Path:
    """Return the data folder: ``path`` if given, else $PRST_DATA_DIR, else the project's ``data/``."""
    if path is not None:
        return Path(path)
    env = os.environ.get("PRST_DATA_DIR")
    return Path(env) if env else PROJECT_DATA


def sha256(path: Path) -> str:
    """Return the SHA-256 hex digest of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_registry(root: Path) -> dict[str, str]:
    """Return ``{relative path: sha256}`` from ``root/registry.txt`` (lines ``filename sha256``)."""
    registry = root / REGISTRY_NAME
    if not registry.is_file():
        return {}
    entries = {}
    for number, line in enumerate(registry.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split()
        if len(parts) != 2 or len(parts[1]) != 64:
            raise DataError(f"{registry}: line {number} is not 'filename sha256': {line!r}")
        entries[parts[0]] = parts[1]
    return entries


def verify(path: Path, root: Path, registry: dict[str, str] | None = None) -> None:
    """Check a data file against the registry; raise DataError if it is unregistered or altered.

    ``registry`` is ``read_registry(root)`` when the caller has read it already (a corpus reads it once).
    """
    relative = path.relative_to(root).as_posix()
    expected = (read_registry(root) if registry is None else registry).get(relative)
    if expected is None:
        raise DataError(f"{path}: not in the checksum registry {root / REGISTRY_NAME}; add it with `python -m helpers add`.")
    actual = sha256(path)
    if actual != expected:
        raise DataError(
            f"{path}: checksum mismatch (expected {expected[:12]}…, found {actual[:12]}…). "
            "The raw file was changed; restore it (git checkout -- data/raw) instead of editing raw data."
        )


def register(path: Path, root: Path) -> str:
    """Record (or update) a file's checksum in ``root/registry.txt``; return the digest."""
    entries = read_registry(root)
    digest = sha256(path)
    entries[path.relative_to(root).as_posix()] = digest
    lines = [f"{name} {value}\n" for name, value in sorted(entries.items())]
    tmp = root / (REGISTRY_NAME + ".tmp")
    tmp.write_text("".join(lines), encoding="utf-8")
    tmp.replace(root / REGISTRY_NAME)
    return digest
