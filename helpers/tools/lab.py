"""JupyterLab on this machine only (127.0.0.1), run by the project's Python so its kernel is the project's
environment: the one way ``make lab`` and the tests start it."""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from helpers.errors import DataError
from helpers.tools.pilot import LOG_VARIABLE
from helpers.tools.reports import PROJECT_ROOT

HOST = "127.0.0.1"
DEFAULT_PORT = 8888


def free_port(preferred: int | None = None) -> int:
    """Return ``preferred`` if nothing listens on it at 127.0.0.1, else a free port chosen by the system."""
    for port in ([preferred] if preferred else []) + [0]:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            try:
                probe.bind((HOST, port))
            except OSError:
                continue
            return probe.getsockname()[1]
    raise DataError(f"no free TCP port on {HOST}.")


def lab_command(port: int, root: Path = PROJECT_ROOT) -> list[str]:
    """Return the command line that starts JupyterLab on 127.0.0.1:``port`` serving ``root``.

    It runs this interpreter (the project's .venv), so the default kernel is the project's environment.
    ``--allow-root`` is added only when running as root. News, update checks and the extension manager's
    PyPI search are off (a class may be offline); the server logs warnings and errors only.
    """
    command = [
        sys.executable, "-m", "jupyterlab",
        "--no-browser",
        f"--ServerApp.ip={HOST}",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--ServerApp.root_dir={root}",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",
        "--ServerApp.log_level=WARN",
    ]  # fmt: skip
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    return command


@dataclass
class LabServer:
    """A running JupyterLab: its process, port and token; ``url`` opens it with the token."""

    process: subprocess.Popen
    port: int
    token: str

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def url(self) -> str:
        return f"{self.base_url}/lab?token={self.token}"

    def stop(self, timeout: float = 20) -> int:
        """Stop the server by its process id (SIGTERM: it shuts its kernels down first); return its exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode


def start_lab(
    port: int | None = None,
    *,
    root: Path = PROJECT_ROOT,
    token: str | None = None,
    env: dict[str, str | None] | None = None,
    log: Path | None = None,
    timeout: float = 90,
) -> LabServer:
    """Start JupyterLab on 127.0.0.1 and return it once its REST API answers.

    ``port`` None means 8888 if free, else any free port. ``env`` adds to this process's environment (a value
    None removes the variable). The token (random unless given) is passed in the
    environment, not on the command line, so other users cannot read it from the process list. Server output
    goes to ``log`` (a file) or to the terminal. DataError if the server exits or does not answer in time.
    """
    port = free_port(DEFAULT_PORT) if port is None else port
    token = token or secrets.token_hex(24)
    environment = {key: value for key, value in {**os.environ, **(env or {})}.items() if value is not None}
    environment["JUPYTER_TOKEN"] = token
    output = open(log, "ab") if log is not None else None  # the child keeps its own copy of the handle
    try:
        process = subprocess.Popen(
            lab_command(port, root), env=environment, stdout=output, stderr=output, start_new_session=True
        )
    finally:
        if output is not None:
            output.close()
    server = LabServer(process, port, token)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            where = f"; see {log}" if log else ""
            raise DataError(f"JupyterLab exited with code {process.returncode} before answering on port {port}{where}.")
        request = urllib.request.Request(f"{server.base_url}/api/status", headers={"Authorization": f"token {token}"})
        try:
            with urllib.request.urlopen(request, timeout=2) as response:
                if response.status == 200:
                    return server
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    server.stop()
    raise DataError(f"JupyterLab did not answer on {server.base_url} within {timeout:.0f} s.")


def pilot_environment(pilot_log: Path | None) -> dict[str, str | None]:
    """Return what ``start_lab(env=…)`` needs for pilot mode: $PRST_PILOT_LOG set to the log (which every kernel
    of the server inherits), or, without a log, removed (nothing is logged unannounced)."""
    return {LOG_VARIABLE: None if pilot_log is None else str(pilot_log)}


def run_lab(port: int | None = None, pilot_log: Path | None = None) -> int:
    """Start JupyterLab for the project, print its URL with the token, and wait; Ctrl-C stops it.

    With ``pilot_log`` (pilot mode) the server's environment carries $PRST_PILOT_LOG, so every kernel it starts
    logs the times of its notebook there (helpers.tools.pilot); without it the variable is removed, so nothing is
    logged unannounced.
    """
    if pilot_log is not None:
        print(f"Pilot mode: times are logged to {pilot_log}; only times, notebook names, exercise numbers and "
              "right/wrong are logged (no answers).", flush=True)
    server = start_lab(port, env=pilot_environment(pilot_log))
    print(f"JupyterLab is running with the project's environment as kernel:\n\n    {server.url}\n", flush=True)
    print("Open that address in a browser. Press Ctrl-C here to stop the server.", flush=True)
    try:
        return server.process.wait()
    except KeyboardInterrupt:
        return server.stop()
