"""A fake UN Official Document System on 127.0.0.1 for the download tests (never the internet).

``Server`` answers ``/api/symbol/access?s=SYMBOL`` like the real service (a redirect to the PDF) for the PDFs it is
given (``{"S_PRST_2099_1.pdf": bytes}``), and misbehaves on purpose for the symbols named below. ``serve(pdfs)``
runs one for the length of a ``with`` block; ``fast(server)`` gives fetch settings with short timeouts.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from helpers import FetchSettings

NOT_FOUND, HTML, TRUNCATED, SILENT, FLAKY = (f"S/PRST/2099/{n}" for n in (44, 45, 46, 47, 48))
SLOW, NO_DATE, WRONG, HELD = (f"S/PRST/2099/{n}" for n in (60, 61, 62, 63))


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, pdfs: dict[str, bytes]):
        super().__init__(("127.0.0.1", 0), Handler)
        self.pdfs = pdfs
        self.requests: Counter[str] = Counter()
        self.queries: list[dict[str, list[str]]] = []
        self.release = threading.Event()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/api/symbol/access"


class Handler(BaseHTTPRequestHandler):
    server: Server

    def log_message(self, *args) -> None:  # keep test output quiet
        pass

    def send(self, status: int, body: bytes, content_type: str, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        url = urlsplit(self.path)
        if url.path.startswith("/pdf/"):
            self.send(200, self.server.pdfs[url.path.removeprefix("/pdf/")], "application/pdf")
            return
        query = parse_qs(url.query)
        self.server.queries.append(query)
        symbol = query["s"][0]
        self.server.requests[symbol] += 1
        name = symbol.replace("/", "_") + ".pdf"
        if symbol in (SILENT,):
            self.server.release.wait(5)  # never answers within the client's timeout
        elif symbol == HELD:
            self.server.release.wait(30)  # holds the request until the test lets it go
        elif symbol == SLOW:
            # A whole PDF, but its first 40 bytes come one every 0.05 s: each read is quick, the download is slow.
            body = self.server.pdfs[name]
            self.send_response(200)
            self.send_header("Content-Type", "application/pdf")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            for index in range(40):
                self.wfile.write(body[index : index + 1])
                self.wfile.flush()
                time.sleep(0.05)
            self.wfile.write(body[40:])
        elif symbol == WRONG:
            self.send(302, b"", "text/plain", Location="/pdf/S_PRST_2099_2.pdf")  # another document
        elif symbol == HTML:
            self.send(200, b"<!DOCTYPE html><html><body>Service unavailable</body></html>", "text/html")
        elif symbol == FLAKY and self.server.requests[symbol] == 1:
            self.send(503, b"busy", "text/plain")
        elif name in self.server.pdfs:
            self.send(302, b"", "text/plain", Location=f"/pdf/{name}")
        else:
            self.send(404, b"not found", "text/plain")


@contextmanager
def serve(pdfs: dict[str, bytes]) -> Iterator[Server]:
    """Run a Server for ``pdfs`` in a thread for the length of the block (set NO_PROXY=127.0.0.1 in the caller)."""
    httpd = Server(pdfs)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield httpd
    finally:
        httpd.release.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


def fast(server: Server, **changes) -> FetchSettings:
    values = {"base_url": server.url, "timeout": 0.3, "retries": 1, "backoff": 0.01, "pause": 0.0} | changes
    return FetchSettings(**values)


def leftovers(corpus: Path) -> list[str]:
    return sorted(p.name for p in (corpus / "raw").iterdir() if p.name.startswith("."))
