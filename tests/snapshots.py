"""Every file of a folder and its bytes, to check that a refused or undone command changed nothing."""

from __future__ import annotations

from pathlib import Path

from helpers.ingest.registry import LOCK_NAME


def snapshot(folder: Path) -> dict[str, bytes] | None:
    """Return ``{relative path: bytes}`` of every file under ``folder`` (None when it does not exist), leaving out
    the empty lock file a corpus write leaves behind (it holds no data; asserted empty)."""
    if not folder.exists():
        return None
    files = {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
    assert files.pop(LOCK_NAME, b"") == b""
    return files
