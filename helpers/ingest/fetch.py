"""Download statements (and resolutions) as PDF from the UN Official Document System and import them into a corpus.

One request per symbol to ``$PRST_ODS_URL?s=<symbol>&l=<lang>&t=pdf`` (default
https://documents.un.org/api/symbol/access, which redirects to the PDF). Retries with backoff come from
urllib3's ``Retry`` mounted on a requests session; every download goes to a temporary file that is
checked (a whole PDF with a text layer) before the statement is imported with ``add_statement``.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import sys
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd
import platformdirs
import requests
from requests.adapters import HTTPAdapter
from tqdm import tqdm
from urllib3 import exceptions as urllib3_exceptions
from urllib3.exceptions import MaxRetryError, ReadTimeoutError
from urllib3.util.retry import Retry

from helpers.errors import DataError
from helpers.ingest.corpus import add_statement, file_stem, read_corpus_metadata
from helpers.ingest.pdftext import pdf_problem, quiet_logs
from helpers.ingest.registry import data_dir
from helpers.ingest.symbols import normalise_symbol, refusal

DEFAULT_ODS_URL = "https://documents.un.org/api/symbol/access"
MAX_PDF_BYTES = 50_000_000
FETCH_COLUMNS = ["symbol", "status", "detail", "file"]


class FetchInterrupted(KeyboardInterrupt):
    """Ctrl-C during ``fetch_statements``: ``results`` has a row for every symbol handled so far (the one being
    fetched has status "interrupted" unless it was already added) and ``not_tried`` counts the rest."""

    def __init__(self, results: pd.DataFrame, not_tried: int):
        super().__init__()
        self.results = results
        self.not_tried = not_tried


@dataclass(frozen=True)
class FetchSettings:
    """How to download: base URL, timeout per request (s), retries, backoff factor (s), pause between
    requests (s) and deadline (s): the total time one download may take, however slowly the bytes come.
    ``from_env`` reads PRST_ODS_URL, PRST_FETCH_TIMEOUT, PRST_FETCH_RETRIES, PRST_FETCH_BACKOFF,
    PRST_FETCH_PAUSE and PRST_FETCH_DEADLINE."""

    base_url: str = DEFAULT_ODS_URL
    timeout: float = 30.0
    retries: int = 3
    backoff: float = 1.0
    pause: float = 1.0
    deadline: float = 300.0

    @classmethod
    def from_env(cls, **overrides: float | int | str | None) -> FetchSettings:
        """Return settings from the environment, with non-None ``overrides`` taking precedence."""
        names = {"base_url": "PRST_ODS_URL", "timeout": "PRST_FETCH_TIMEOUT", "retries": "PRST_FETCH_RETRIES",
                 "backoff": "PRST_FETCH_BACKOFF", "pause": "PRST_FETCH_PAUSE", "deadline": "PRST_FETCH_DEADLINE"}
        values: dict[str, float | int | str] = {}
        for field, env in names.items():
            value = overrides.get(field)
            if value is None:
                value = os.environ.get(env) or None
            if value is None:
                continue
            kind = type(getattr(cls, field))
            try:
                values[field] = kind(value)
            except ValueError:
                raise DataError(f"{env}={value!r} is not a valid {kind.__name__}.") from None
        return cls(**values)


def http_session(settings: FetchSettings) -> requests.Session:
    """Return a requests session that retries connection errors, read timeouts and HTTP 429/5xx answers
    ``settings.retries`` times with exponential backoff (urllib3 Retry), honouring Retry-After."""
    retry = Retry(
        total=settings.retries,
        backoff_factor=settings.backoff,
        status_forcelist=(429, 500, 502, 503, 504),
        allowed_methods=frozenset({"GET"}),
        raise_on_status=False,
        respect_retry_after_header=True,
    )
    session = requests.Session()
    adapter = HTTPAdapter(max_retries=retry)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.headers["User-Agent"] = "prst-zh (research notebooks; python-requests)"
    return session


def _network_error(symbol: str, error: Exception, settings: FetchSettings) -> DataError:
    host = urlsplit(settings.base_url).netloc
    reason = error.args[0] if error.args else None
    tries = settings.retries + 1
    if isinstance(error, requests.Timeout | ReadTimeoutError) or (
        isinstance(reason, MaxRetryError) and isinstance(reason.reason, ReadTimeoutError)
    ):
        return DataError(f"{symbol}: no answer from {host} within {settings.timeout:g} s ({tries} tries); try again later.")
    if isinstance(error, requests.ConnectionError):
        return DataError(f"{symbol}: cannot connect to {host} ({tries} tries); check the network (offline?) or PRST_ODS_URL.")
    return DataError(f"{symbol}: download from {host} failed ({type(error).__name__}); try again later.")


def download_pdf(session: requests.Session, symbol: str, lang: str, target: Path, settings: FetchSettings) -> str:
    """Download the PDF of ``symbol`` to ``target`` (written only when complete and a PDF); return its URL.

    Raises DataError with one line naming the symbol on a network failure, an HTTP error, content that is
    not a whole PDF, more than MAX_PDF_BYTES, or a download still running after ``settings.deadline``
    seconds. The body is read with ``read1`` (each read returns what has arrived), so the deadline is checked
    between reads even when a server sends one byte at a time: it stops within one read timeout of it.
    """
    params = {"s": symbol, "l": lang, "t": "pdf"}
    tmp = target.with_name(f".{target.name}.tmp")
    started = time.monotonic()
    try:
        with session.get(settings.base_url, params=params, timeout=settings.timeout, stream=True) as response:
            if response.status_code == 404:
                raise DataError(f"{symbol}: not found (HTTP 404 from {response.url}); check the symbol and --lang.")
            if response.status_code >= 400:
                raise DataError(f"{symbol}: the server answered HTTP {response.status_code} {response.reason}; try again later.")
            size = 0
            with tmp.open("wb") as handle:
                while True:
                    if time.monotonic() - started > settings.deadline:
                        raise DataError(
                            f"{symbol}: the download took longer than {settings.deadline:g} s "
                            f"({size:,} bytes received); try again later, or allow more time with --deadline SECONDS."
                        )
                    chunk = response.raw.read1(65536, decode_content=True)
                    if not chunk:
                        break
                    size += len(chunk)
                    if size > MAX_PDF_BYTES:
                        raise DataError(f"{symbol}: the download exceeds {MAX_PDF_BYTES // 1_000_000} MB; not a statement.")
                    handle.write(chunk)
            url = response.url
        if (problem := pdf_problem(tmp.read_bytes())) is not None:
            raise DataError(f"{symbol}: the server sent {problem} from {url}; try again later.")
        tmp.replace(target)
        return url
    except (requests.RequestException, urllib3_exceptions.HTTPError) as error:
        raise _network_error(symbol, error, settings) from None
    finally:
        tmp.unlink(missing_ok=True)


def kept_downloads() -> Path:
    """Return the folder where fetch keeps a downloaded PDF it could not import (per-user cache folder)."""
    return Path(platformdirs.user_cache_dir("prst-zh", appauthor=False)) / "downloads"


def _import_download(download: Path, symbol: str, lang: str, root: Path, **options) -> pd.Series:
    """Import a downloaded PDF with add_statement (``options``: ocr, force, max_chars). When the PDF cannot be
    imported, it is kept in kept_downloads() and the DataError names the kept file and the add command that
    imports it."""
    try:
        return add_statement(download, symbol=symbol, corpus=root, lang=lang, **options)
    except DataError as error:
        message = str(error)
        if download.name not in message:  # not about the file (e.g. the corpus cannot be written)
            raise
        engine = options.get("ocr")
        kept = kept_downloads() / download.name
        kept.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(download, kept)
        # The command names the symbol unless the PDF prints another one (add then takes the printed one).
        options = "" if "the document is" in message else f" --symbol {symbol}"
        options += " --date YYYY-MM-DD" if "--date" in message else ""
        options += " --ocr" if "--ocr" in message else ""
        options += f" --ocr-engine {engine}" if " --ocr" in options and isinstance(engine, str) else ""
        options += " --force" if "--force" in message else ""
        options += f" --max-chars {match[1]}" if (match := re.search(r"--max-chars (\d+)", message)) else ""
        message = message.replace(str(download), str(kept)).rstrip(".")
        raise DataError(
            f"{message}. The PDF is kept: after checking it, "
            f"`python -m helpers add {shlex.quote(str(kept))}{options} --corpus {shlex.quote(str(root))}` imports it."
        ) from None


def fetch_statements(
    symbols: list[str],
    *,
    lang: str = "zh",
    corpus: str | os.PathLike[str] | None = None,
    settings: FetchSettings | None = None,
    verbose: bool = True,
    skip: Mapping[str, str] | None = None,
    ocr: bool | str = False,
    force: bool = False,
    max_chars: int | None = None,
) -> pd.DataFrame:
    """Download and import statements and resolutions (S/RES/N(YYYY)) into a corpus folder; return one row
    per symbol.

    Columns: symbol, status ("added", "skipped" when already in the corpus or in ``skip``, "failed"), detail (what
    happened, one line) and file (the raw text written, for "added"). A failure never stops the others.
    ``skip`` maps symbols to list as "skipped", without a request, to the line that says why.
    With ``verbose`` each outcome is printed as it happens (failures on stderr), under a tqdm progress bar
    when there are several symbols. ``ocr`` (True or an OCR engine name), ``force`` and ``max_chars`` are passed
    to ``add_statement``.
    Ctrl-C stops at once (the statement being imported is rolled back) and raises FetchInterrupted carrying
    the rows so far.
    """
    settings = settings or FetchSettings.from_env()
    root = data_dir(corpus)
    rows = []
    last_request = None
    with http_session(settings) as session, quiet_logs("urllib3"):
        bar = tqdm(symbols, unit="document", disable=None if verbose and len(symbols) > 1 else True, file=sys.stderr)
        for given in bar:
            symbol = normalise_symbol(given)
            row = {"symbol": symbol, "status": "failed", "detail": "", "file": ""}
            try:
                if skip and given in skip:
                    row.update(status="skipped", detail=skip[given])
                elif (reason := refusal(symbol)) is not None:
                    raise DataError(reason)
                elif symbol in set(read_corpus_metadata(root)["symbol"]):
                    row.update(status="skipped", detail=f"{symbol}: already in the corpus, skipped.")
                else:
                    if last_request is not None:
                        time.sleep(max(0.0, settings.pause - (time.monotonic() - last_request)))
                    last_request = time.monotonic()
                    # Downloads land in a temporary folder; add_statement writes the corpus atomically, so a
                    # failed fetch leaves nothing in the corpus, not even an empty folder.
                    with tempfile.TemporaryDirectory(prefix="prst-fetch-") as tmp:
                        download = Path(tmp) / f"{file_stem(symbol, lang)}.pdf"
                        url = download_pdf(session, symbol, lang, download, settings)
                        added = _import_download(download, symbol, lang, root, ocr=ocr, force=force,
                                                 max_chars=max_chars)
                    row.update(status="added", file=added["file"],
                               detail=f"{symbol}: added {added['file']} ({added['date']}) from {url}")
            except DataError as error:
                message = str(error)
                row["detail"] = message if message.startswith(symbol) else f"{symbol}: {message}"
            except KeyboardInterrupt:
                bar.close()
                if symbol in set(read_corpus_metadata(root)["symbol"]) and row["status"] == "failed":
                    row.update(status="added", detail=f"{symbol}: added before the interruption.")
                elif row["status"] == "failed":
                    row.update(status="interrupted", detail=f"{symbol}: interrupted; not added.")
                rows.append(row)
                results = pd.DataFrame(rows, columns=FETCH_COLUMNS, dtype="str")
                raise FetchInterrupted(results, len(symbols) - len(rows)) from None
            rows.append(row)
            if verbose:
                tqdm.write(row["detail"], file=sys.stderr if row["status"] == "failed" else sys.stdout)
    return pd.DataFrame(rows, columns=FETCH_COLUMNS, dtype="str")
