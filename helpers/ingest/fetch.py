"""Download statements (and resolutions) as PDF from the UN Official Document System and import them into a corpus.

One request per symbol to ``$PRST_ODS_URL?s=<symbol>&l=<lang>&t=pdf`` (default
https://documents.un.org/api/symbol/access, which redirects to the PDF). Retries with backoff come from
urllib3's ``Retry`` mounted on a requests session; every download goes to a temporary file that is
checked (a whole PDF that pdfplumber reads) before the statement is imported with ``add_statement``.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd
import requests
from requests.adapters import HTTPAdapter
from tqdm import tqdm
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


@dataclass(frozen=True)
class FetchSettings:
    """How to download: base URL, timeout per request (s), retries, backoff factor (s) and pause between
    requests (s). ``from_env`` reads PRST_ODS_URL, PRST_FETCH_TIMEOUT, PRST_FETCH_RETRIES, PRST_FETCH_BACKOFF
    and PRST_FETCH_PAUSE."""

    base_url: str = DEFAULT_ODS_URL
    timeout: float = 30.0
    retries: int = 3
    backoff: float = 1.0
    pause: float = 1.0

    @classmethod
    def from_env(cls, **overrides: float | int | str | None) -> FetchSettings:
        """Return settings from the environment, with non-None ``overrides`` taking precedence."""
        names = {"base_url": "PRST_ODS_URL", "timeout": "PRST_FETCH_TIMEOUT", "retries": "PRST_FETCH_RETRIES",
                 "backoff": "PRST_FETCH_BACKOFF", "pause": "PRST_FETCH_PAUSE"}
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


def _network_error(symbol: str, error: requests.RequestException, settings: FetchSettings) -> DataError:
    host = urlsplit(settings.base_url).netloc
    reason = error.args[0] if error.args else None
    tries = settings.retries + 1
    if isinstance(error, requests.Timeout) or (
        isinstance(reason, MaxRetryError) and isinstance(reason.reason, ReadTimeoutError)
    ):
        return DataError(f"{symbol}: no answer from {host} within {settings.timeout:g} s ({tries} tries); try again later.")
    if isinstance(error, requests.ConnectionError):
        return DataError(f"{symbol}: cannot connect to {host} ({tries} tries); check the network (offline?) or PRST_ODS_URL.")
    return DataError(f"{symbol}: download from {host} failed ({type(error).__name__}); try again later.")


def download_pdf(session: requests.Session, symbol: str, lang: str, target: Path, settings: FetchSettings) -> str:
    """Download the PDF of ``symbol`` to ``target`` (written only when complete and a PDF); return its URL.

    Raises DataError with one line naming the symbol on a network failure, an HTTP error, or content
    that is not a whole PDF.
    """
    params = {"s": symbol, "l": lang, "t": "pdf"}
    tmp = target.with_name(f".{target.name}.tmp")
    try:
        with session.get(settings.base_url, params=params, timeout=settings.timeout, stream=True) as response:
            if response.status_code == 404:
                raise DataError(f"{symbol}: not found (HTTP 404 from {response.url}); check the symbol and --lang.")
            if response.status_code >= 400:
                raise DataError(f"{symbol}: the server answered HTTP {response.status_code} {response.reason}; try again later.")
            size = 0
            with tmp.open("wb") as handle:
                for chunk in response.iter_content(chunk_size=65536):
                    size += len(chunk)
                    if size > MAX_PDF_BYTES:
                        raise DataError(f"{symbol}: the download exceeds {MAX_PDF_BYTES // 1_000_000} MB; not a statement.")
                    handle.write(chunk)
            url = response.url
        if (problem := pdf_problem(tmp.read_bytes())) is not None:
            raise DataError(f"{symbol}: the server sent {problem} from {url}; try again later, or check --lang.")
        tmp.replace(target)
        return url
    except requests.RequestException as error:
        raise _network_error(symbol, error, settings) from None
    finally:
        tmp.unlink(missing_ok=True)


def fetch_statements(
    symbols: list[str],
    *,
    lang: str = "zh",
    corpus: str | os.PathLike[str] | None = None,
    settings: FetchSettings | None = None,
    verbose: bool = True,
    skip: Mapping[str, str] | None = None,
    ocr: bool = False,
    force: bool = False,
    max_chars: int | None = None,
) -> pd.DataFrame:
    """Download and import statements and resolutions (S/RES/N(YYYY)) into a corpus folder; return one row
    per symbol.

    Columns: symbol, status ("added", "skipped" when already in the corpus or in ``skip``, "failed"), detail (what
    happened, one line) and file (the raw text written, for "added"). A failure never stops the others.
    ``skip`` maps symbols to list as "skipped", without a request, to the line that says why.
    With ``verbose`` each outcome is printed as it happens (failures on stderr), under a tqdm progress bar
    when there are several symbols. ``ocr``, ``force`` and ``max_chars`` are passed to ``add_statement``.
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
                        try:
                            added = add_statement(download, symbol=symbol, corpus=root, lang=lang, ocr=ocr,
                                                  force=force, max_chars=max_chars)
                        except DataError as error:  # name the download, not its temporary file
                            raise DataError(str(error).replace(str(download), f"{symbol} (downloaded PDF)")) from None
                    row.update(status="added", file=added["file"],
                               detail=f"{symbol}: added {added['file']} ({added['date']}) from {url}")
            except DataError as error:
                message = str(error)
                row["detail"] = message if message.startswith(symbol) else f"{symbol}: {message}"
            rows.append(row)
            if verbose:
                tqdm.write(row["detail"], file=sys.stderr if row["status"] == "failed" else sys.stdout)
    return pd.DataFrame(rows, columns=FETCH_COLUMNS, dtype="str")
