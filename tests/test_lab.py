"""JupyterLab as `make lab` starts it: loopback only, token required, notebooks listed, a kernel of the project's
environment imports helpers; the server is stopped by its own process id and leaves no process behind."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
import requests
import websocket

import helpers
import helpers.tools.lab
from helpers.tools.lab import HOST, LabServer, free_port, lab_command, pilot_environment, run_lab, start_lab
from helpers.tools.pilot import pilot_times
from helpers.tools.reports import PROJECT_ROOT, notebooks


def execute(server: LabServer, kernel_id: str, code: str, timeout: float = 60) -> str:
    """Run code in a kernel through the websocket channel API; return its stdout (fail on an error reply)."""
    url = f"ws://{HOST}:{server.port}/api/kernels/{kernel_id}/channels?session_id={uuid.uuid4().hex}"
    connection = websocket.create_connection(url, header=[f"Authorization: token {server.token}"], timeout=timeout)
    msg_id = uuid.uuid4().hex
    request = {
        "header": {
            "msg_id": msg_id, "msg_type": "execute_request", "username": "test", "session": uuid.uuid4().hex,
            "version": "5.3", "date": datetime.now(UTC).isoformat(),
        },
        "parent_header": {}, "metadata": {}, "buffers": [], "channel": "shell",
        "content": {
            "code": code, "silent": False, "store_history": False, "user_expressions": {}, "allow_stdin": False,
            "stop_on_error": True,
        },
    }  # fmt: skip
    stdout, reply, idle = [], None, False
    try:
        connection.send(json.dumps(request))
        deadline = time.monotonic() + timeout
        while (reply is None or not idle) and time.monotonic() < deadline:
            message = json.loads(connection.recv())
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = message["header"]["msg_type"]
            if kind == "stream" and message["content"]["name"] == "stdout":
                stdout.append(message["content"]["text"])
            elif kind == "execute_reply":
                reply = message["content"]
            elif kind == "status" and message["content"]["execution_state"] == "idle":
                idle = True
    finally:
        connection.close()
    assert reply is not None, "no execute_reply from the kernel"
    assert reply["status"] == "ok", f"{reply.get('ename')}: {reply.get('evalue')}"
    return "".join(stdout)


def gone(pid: int, timeout: float = 10) -> bool:
    """True once process ``pid`` no longer runs (a zombie waiting for its parent counts as gone)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError):
            return True
        if state == "Z":
            return True
        time.sleep(0.1)
    return False


def test_lab_command_listens_on_loopback_and_allows_root_only_as_root(monkeypatch):
    command = lab_command(8888)
    assert command[:3] == [sys.executable, "-m", "jupyterlab"]
    assert "--ServerApp.ip=127.0.0.1" in command and "--ServerApp.port=8888" in command
    assert not any("token" in part.lower() for part in command), "the token must not show in the process list"
    for uid, expected in [(0, True), (1000, False)]:
        monkeypatch.setattr(os, "geteuid", lambda uid=uid: uid)
        assert ("--allow-root" in lab_command(8888)) is expected


def test_run_lab_prints_the_url_with_its_token(monkeypatch, capsys):
    # Test fixture: a stand-in server process that exits at once, so only the printing is exercised here.
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    monkeypatch.setattr(helpers.tools.lab, "start_lab", lambda port, env=None: LabServer(process, port, "abc123"))
    assert run_lab(8899) == 0
    assert "http://127.0.0.1:8899/lab?token=abc123" in capsys.readouterr().out


def jupyter_dirs(tmp_path: Path) -> dict[str, str]:
    """Keep the server's files (runtime, settings, IPython history) out of the home directory."""
    return {
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
        "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
        "JUPYTERLAB_SETTINGS_DIR": str(tmp_path / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "workspaces"),
        "IPYTHONDIR": str(tmp_path / "ipython"),
    }


def test_jupyterlab_lists_notebooks_and_runs_a_project_kernel(tmp_path):
    env = jupyter_dirs(tmp_path)
    log = tmp_path / "lab.log"
    server = start_lab(free_port(), env=env, log=log)
    kernel_pid = None
    try:
        api = f"{server.base_url}/api"
        auth = {"Authorization": f"token {server.token}"}
        assert requests.get(f"{api}/contents/notebooks", timeout=10).status_code == 403, "the token must be required"

        listing = requests.get(f"{api}/contents/notebooks", headers=auth, timeout=10)
        assert listing.status_code == 200
        names = {item["name"] for item in listing.json()["content"]}
        assert {path.name for path in notebooks()} <= names and "student" in names

        kernel = requests.post(f"{api}/kernels", headers=auth, json={"name": "python3"}, timeout=60)
        assert kernel.status_code == 201, kernel.text
        kernel_id = kernel.json()["id"]
        out = execute(server, kernel_id, "import os, sys\nimport helpers\nprint(helpers.__file__)\n"
                      "print(sys.prefix)\nprint(os.getpid())")  # fmt: skip
        module, prefix, pid = out.split()
        kernel_pid = int(pid)
        assert Path(module) == Path(helpers.__file__) == PROJECT_ROOT / "helpers" / "__init__.py"
        assert Path(prefix) == Path(sys.prefix), "the kernel must run in the project's environment"

        stopped = requests.delete(f"{api}/kernels/{kernel_id}", headers=auth, timeout=30)
        assert stopped.status_code == 204
    finally:
        code = server.stop()
    assert code == 0, log.read_text(errors="replace")[-2000:]
    assert gone(server.process.pid)
    assert kernel_pid is not None and gone(kernel_pid), "the kernel process was left running"
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{server.base_url}/api/status", timeout=2)


def test_pilot_lab_logs_the_start_and_checks_of_a_student_notebook(tmp_path):
    """Pilot mode as `make lab PILOT=1` starts it: the SERVER starts the kernel of a session for a student copy,
    and that kernel's import helpers and helpers.check land in the log under the notebook's file name."""
    pilot_log = tmp_path / "pilot-times.csv"
    log = tmp_path / "lab.log"
    server = start_lab(free_port(), env={**jupyter_dirs(tmp_path), **pilot_environment(pilot_log)}, log=log)
    kernel_pid = None
    try:
        api = f"{server.base_url}/api"
        auth = {"Authorization": f"token {server.token}"}
        session = requests.post(f"{api}/sessions", headers=auth, timeout=60, json={
            "path": "notebooks/student/01-the-statement.ipynb", "name": "01-the-statement.ipynb",
            "type": "notebook", "kernel": {"name": "python3"},
        })  # fmt: skip
        assert session.status_code == 201, session.text
        out = execute(server, session.json()["kernel"]["id"], (
            "import os\nimport helpers\nprint(os.getpid())\n"
            "try:\n    helpers.check('01.2', [0], statement=helpers.load_statement())\n"
            "except AssertionError as error:\n    print(error)\n"
        ))  # fmt: skip
        pid, message = out.splitlines()
        kernel_pid = int(pid)
        assert message.startswith("Exercise 01.2: not yet.")
        stopped = requests.delete(f"{api}/sessions/{session.json()['id']}", headers=auth, timeout=30)
        assert stopped.status_code == 204
    finally:
        code = server.stop()
    assert code == 0, log.read_text(errors="replace")[-2000:]
    assert kernel_pid is not None and gone(kernel_pid), "the kernel process was left running"
    lines = pilot_log.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "utc,notebook,event,exercise"
    assert [line.split(",", 1)[1] for line in lines[1:]] == [
        "01-the-statement.ipynb,start,", "01-the-statement.ipynb,not yet,01.2"
    ]
    table = pilot_times(pilot_log)
    assert table[["notebook", "exercise", "attempts"]].values.tolist() == [["01-the-statement.ipynb", "01.2", 1]]
