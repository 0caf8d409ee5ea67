"""Where the data lives, the checksum registry that every data file is verified against, and the lock that
every write to a corpus folder takes."""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from filelock import FileLock, Timeout

from helpers.errors import DataError

REGISTRY_NAME = "registry.txt"
LOCK_NAME = ".corpus.lock"
LOCK_TIMEOUT = 600.0
"""Seconds a writer waits for another add/fetch on the same corpus before giving up."""

_PACKAGED_DATA = Path(__file__).resolve().parents[1] / "_data"
_CHECKOUT_DATA = Path(__file__).resolve().parents[2] / "data"
INSTALLED = _PACKAGED_DATA.is_dir()
"""True when helpers runs from an installed wheel (its reference tables copied into the package)."""
PROJECT_DATA = _PACKAGED_DATA if INSTALLED else _CHECKOUT_DATA
"""The reference tables that ship with the code (lexicons, index, topics, ...): the project's ``data/`` in a
checkout (or an editable install), ``helpers/_data`` in an installed wheel (every file at the top of ``data/``,
put there by pyproject.toml; the statements of the default corpus are not)."""
DEFAULT_CORPUS = None if INSTALLED else _CHECKOUT_DATA
"""The corpus used when none is given: the project's ``data/`` in a checkout; none for an installed package."""
NO_CORPUS = (
    "no corpus folder given: set PRST_DATA_DIR=DIR or pass --corpus DIR (a folder laid out like the project's "
    "data/; `python -m helpers add FILE --corpus DIR` starts one)."
)


def data_dir(path: str | os.PathLike[str] | None = None) -> Path:
    """Return the corpus folder: ``path`` if given, else $PRST_DATA_DIR, else the project's ``data/``.

    A leading ``~`` is the home folder, also when no shell expanded it (``make report CORPUS=~/x`` in zsh or
    sh hands it over as typed). An installed package has no default corpus: without ``path`` or $PRST_DATA_DIR
    it raises DataError saying how to point it at one.
    """
    if path is not None:
        return Path(path).expanduser()
    env = os.environ.get("PRST_DATA_DIR")
    if env:
        return Path(env).expanduser()
    if DEFAULT_CORPUS is None:
        raise DataError(NO_CORPUS)
    return DEFAULT_CORPUS


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
            raise DataError(f"{registry}: line {number} is not 'filename sha256': {line!r}; {restore_hint(root)}")
        entries[parts[0]] = parts[1]
    return entries


def read_reference_table(
    path: Path, columns: list[str], what: str = "the table", *, hint: str | None = None, exact: bool = True
):
    """Return a reference CSV of data/ as a DataFrame of strings (empty cells stay "", never NaN), its header
    exactly ``columns`` (or including them, ``exact=False``). DataError in one line naming the file: ``what`` is
    missing (with ``hint``, by default how to restore the shipped data), not readable UTF-8 CSV, or other columns."""
    import pandas as pd

    path = Path(path)
    if not path.is_file():
        raise DataError(f"{path}: {what} is missing; {hint or restore_hint(PROJECT_DATA)}")
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as error:
        raise DataError(f"{path}: not a readable UTF-8 CSV ({error}); fix the file and try again.") from None
    if list(table.columns) != columns if exact else not set(columns) <= set(table.columns):
        raise DataError(f"{path}: columns must be{'' if exact else ' at least'} {', '.join(columns)}; found {', '.join(map(str, table.columns))}.")
    return table


def restore_hint(root: Path) -> str:
    """Return what to do when a file of ``root`` is missing, unregistered or altered: restore it with git in
    the project's data/, reinstall an installed package's tables, re-import the statements of another corpus."""
    root = Path(root).resolve()
    if root == _CHECKOUT_DATA.resolve() and (_CHECKOUT_DATA.parent / ".git").exists():
        return "restore the shipped data with `git checkout -- data/` (raw data is never edited)."
    if root == _PACKAGED_DATA.resolve():
        return "reinstall prst-zh from the wheel or project folder it came from (`python -m pip install --force-reinstall --no-deps PATH`)."
    return (
        f"restore {root} from a backup, or build the corpus again in a new folder "
        "(`python -m helpers fetch SYMBOL --corpus NEWDIR` or `python -m helpers add FILE --symbol SYMBOL --corpus NEWDIR`)."
    )


def verify(path: Path, root: Path, registry: dict[str, str] | None = None) -> None:
    """Check a data file against the registry; raise DataError if it is unregistered or altered.

    ``registry`` is ``read_registry(root)`` when the caller has read it already (a corpus reads it once).
    """
    relative = path.relative_to(root).as_posix()
    if registry is None:
        registry_file = root / REGISTRY_NAME
        if not registry_file.is_file():
            raise DataError(
                f"{registry_file}: the checksum registry is missing, so {relative} cannot be checked; {restore_hint(root)}"
            )
        registry = read_registry(root)
    expected = registry.get(relative)
    if expected is None:
        raise DataError(f"{path}: not in the checksum registry {root / REGISTRY_NAME}; {restore_hint(root)}")
    actual = sha256(path)
    if actual != expected:
        raise DataError(
            f"{path}: checksum mismatch (expected {expected[:12]}…, found {actual[:12]}…); the file was changed: "
            f"{restore_hint(root)}"
        )


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file of its own in the same folder, then rename it into
    place: a reader sees the old bytes or the new ones, never half a file, and two writers never share a
    temporary file."""
    handle, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def unwritable(root: Path, error: OSError) -> DataError:
    """Return the one-line DataError for a corpus folder that cannot be written."""
    reason = error.strerror or str(error) or type(error).__name__
    return DataError(f"{root}: cannot write to this corpus folder ({reason}); give a writable folder with --corpus DIR.")


@contextlib.contextmanager
def corpus_lock(root: Path) -> Iterator[Path]:
    """Hold the write lock of a corpus folder (``root/.corpus.lock``, created with the folder if needed).

    Every write to a corpus (raw files, registry.txt, statements.csv) happens inside this block, so
    concurrent add/fetch processes take turns. Re-entrant in one thread. DataError if the folder cannot be
    written or another writer holds the lock for LOCK_TIMEOUT seconds.
    """
    root = Path(root)
    try:
        root.mkdir(parents=True, exist_ok=True)
        lock = FileLock(root / LOCK_NAME, timeout=LOCK_TIMEOUT, is_singleton=True)
        lock.acquire()
    except Timeout:
        raise DataError(
            f"{root / LOCK_NAME}: another add or fetch has been writing to this corpus for {LOCK_TIMEOUT:g} s; "
            "wait for it to finish, then run the command again."
        ) from None
    except OSError as error:
        raise unwritable(root, error) from None
    try:
        yield root
    finally:
        lock.release()


def register_all(paths: Iterable[Path], root: Path) -> dict[str, str]:
    """Record (or update) the checksums of several files in ``root/registry.txt`` with one write, under the
    corpus lock; return ``{relative path: sha256}`` of those files."""
    with corpus_lock(root):
        entries = read_registry(root)
        digests = {Path(path).relative_to(root).as_posix(): sha256(Path(path)) for path in paths}
        entries.update(digests)
        lines = [f"{name} {value}\n" for name, value in sorted(entries.items())]
        write_atomic(root / REGISTRY_NAME, "".join(lines).encode("utf-8"))
    return digests


def register(path: Path, root: Path) -> str:
    """Record (or update) a file's checksum in ``root/registry.txt``, under the corpus lock; return the digest.
    To register many files, ``register_all`` writes the registry once."""
    return register_all([path], root)[Path(path).relative_to(root).as_posix()]


def check_folder(root: Path) -> None:
    """Check every file of a data folder's registry (present, same SHA-256) and that every file in ``raw/``
    is registered; raise DataError naming the first problem (and how many more) with what to do."""
    root = Path(root)
    registry = root / REGISTRY_NAME
    if not registry.is_file():
        raise DataError(f"{registry}: the checksum registry is missing; {restore_hint(root)}")
    entries = read_registry(root)
    problems = []
    for name, digest in sorted(entries.items()):
        path = root / name
        if not path.is_file():
            problems.append(f"{path}: file missing")
        elif sha256(path) != digest:
            problems.append(f"{path}: checksum mismatch (expected {digest[:12]}…, found {sha256(path)[:12]}…)")
    raw = root / "raw"
    for path in sorted(raw.iterdir()) if raw.is_dir() else []:
        if path.is_file() and not path.name.startswith(".") and path.relative_to(root).as_posix() not in entries:
            problems.append(f"{path}: not in the checksum registry {registry}")
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise DataError(f"{problems[0]}{more}; {restore_hint(root)}")
