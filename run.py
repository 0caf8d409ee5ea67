"""The project's commands, with or without make: ``python3 run.py report|lab|student|test|bench|env``.

Each command first builds the virtual environment (``.venv``) from the pins if it is missing or out of date,
then runs in it. ``make report`` and the other make targets call this script, so there is one place for the
logic; on a machine without make (a classroom laptop on Windows or macOS) run it directly:

    python3 run.py report                                   # py run.py report on Windows
    python3 run.py report --symbol S/PRST/2021/1 --corpus DIR
    python3 run.py lab --port 8890
    python3 run.py lab --pilot                              # log the time each notebook takes (see the README)

Values are handed to the commands as separate arguments, never through a shell, so a symbol or a folder name
is only ever data. make passes its variables (SYMBOL, CORPUS, PORT, VENV, PYTHON, PILOT, PILOT_LOG) in the
environment as PRST_SYMBOL, PRST_CORPUS, PRST_PORT, PRST_VENV, PRST_PYTHON_GIVEN (set when PYTHON was given),
PRST_PILOT and PRST_PILOT_PATH.

Only the standard library is used here: this script runs before the environment exists.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
MINIMUM = (3, 11)
PINNED = ("pyproject.toml", "requirements.txt", "requirements-lock.txt")
"""The files the environment is built from: a change to any of them rebuilds it."""
EXTRAS = "notebooks,dev,ocr"
DEFAULT_SYMBOL = "S/PRST/2021/1"


class Refusal(Exception):
    """A one-line reason to stop, printed as ``error: …`` with exit status 2."""


def venv_dir() -> Path:
    """Return the virtual environment folder: $PRST_VENV (make's VENV) relative to the project, else .venv."""
    return ROOT / (os.environ.get("PRST_VENV") or ".venv")


def venv_python(venv: Path) -> Path:
    """Return the interpreter of a virtual environment (bin/python, or Scripts\\python.exe on Windows)."""
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def built_with(venv: Path) -> str | None:
    """Return the Python version a virtual environment was made with (from its pyvenv.cfg), or None."""
    config = venv / "pyvenv.cfg"
    if not config.is_file():
        return None
    for line in config.read_text(encoding="utf-8").splitlines():
        key, _, value = line.partition("=")
        if key.strip() in ("version", "version_info"):
            return ".".join(value.strip().split(".")[:3])
    return None


def pins_digest() -> str:
    """Return a digest of the files the environment is built from, and of the interpreter's version."""
    digest = hashlib.sha256(sys.version.encode())
    for name in PINNED:
        digest.update(name.encode() + b"\0" + (ROOT / name).read_bytes() + b"\0")
    return digest.hexdigest()


def check_interpreter(venv: Path) -> None:
    """Refuse a Python older than 3.11; refuse an existing environment of another Python when PYTHON was given
    (make's PYTHON=...), so that it is never silently ignored; otherwise say which Python the environment has."""
    here = ".".join(map(str, sys.version_info[:3]))
    if sys.version_info < MINIMUM:
        raise Refusal(f"Python 3.11 or newer is needed; {sys.executable} is {here}.")
    existing = built_with(venv) if venv_python(venv).exists() else None
    if existing is None or existing == here:
        return
    name = venv.relative_to(ROOT) if venv.is_relative_to(ROOT) else venv
    if os.environ.get("PRST_PYTHON_GIVEN"):
        separate = f".venv-{sys.version_info[0]}.{sys.version_info[1]}"
        raise Refusal(
            f"{name} was built with Python {existing}, and PYTHON is {here} ({sys.executable}): remove {name} "
            f"to rebuild it with this Python (`rm -rf {name}`), or keep both with `VENV={separate}` "
            f"(e.g. make test PYTHON={sys.executable} VENV={separate})."
        )
    print(f"note: using {name}, built with Python {existing} (this is {here}).", file=sys.stderr)


def ensure_env() -> Path:
    """Build or refresh the virtual environment if needed; return its interpreter.

    Installs this project (editable) with its pinned dependencies from pyproject.toml and the extras
    notebooks and dev, constrained by requirements-lock.txt; records a digest of the pins in ``.installed``
    so that the next command starts at once. PIP_NO_INDEX / PIP_FIND_LINKS (a wheelhouse) are honoured.
    """
    venv = venv_dir()
    check_interpreter(venv)
    python = venv_python(venv)
    stamp = venv / ".installed"
    digest = pins_digest()
    if python.exists() and stamp.is_file() and stamp.read_text(encoding="utf-8").strip() == digest:
        return python
    if not python.exists():
        print(f"building {venv.name} with Python {sys.version.split()[0]} (about a minute) …", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, "-c", str(ROOT / "requirements-lock.txt"), "-e", f"{ROOT}[{EXTRAS}]"], check=True, cwd=ROOT)
    stamp.write_text(digest + "\n", encoding="utf-8")
    return python


def run(command: list[str]) -> int:
    """Run a command in the project folder and return its exit status. Ctrl-C reaches the command too (same
    terminal), which reports it in one line; this process only waits for it to end."""
    with subprocess.Popen(command, cwd=ROOT) as process:
        while True:
            try:
                return process.wait()
            except KeyboardInterrupt:
                continue


def port_number(value: str) -> int:
    """Return a TCP port number given as text; Refusal for anything else (a port is only ever a number)."""
    if not (value.isascii() and value.isdigit() and 0 < int(value) < 65536):
        raise Refusal(f"PORT={value!r} is not a port number; give a number from 1 to 65535, e.g. make lab PORT=8890.")
    return int(value)


def pilot_mode(value: str | bool | None) -> bool:
    """Return whether pilot mode is asked for: --pilot, or make's PILOT=1 (yes/true/on); PILOT= , 0, no, false
    or off leave it off; Refusal for anything else."""
    if isinstance(value, bool) or value is None:
        return bool(value)
    if value.strip().lower() in ("1", "yes", "true", "on"):
        return True
    if value.strip().lower() in ("", "0", "no", "false", "off"):
        return False
    raise Refusal(f"PILOT={value!r} is not understood; give PILOT=1 for pilot mode, e.g. make lab PILOT=1.")


def notebook_files() -> list[str]:
    """Return the numbered notebooks, relative to the project, in reading order."""
    return sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "notebooks").glob("[0-9]*.ipynb"))


def commands(args: argparse.Namespace, python: Path) -> list[list[str]]:
    """Return the command lines (lists of arguments, no shell) that carry out ``args.command``."""
    helpers = [str(python), "-m", "helpers"]
    if args.command == "report":
        return [[*helpers, "report", "--symbol", args.symbol, *(["--corpus", args.corpus] if args.corpus else [])]]
    if args.command == "lab":
        pilot = ["--pilot"] if pilot_mode(args.pilot) else []
        if args.pilot_log:  # relative to where the command was typed; the command runs in the project folder
            pilot += ["--pilot-log", str(Path(args.pilot_log).expanduser().resolve())]
        return [[*helpers, "lab", *(["--port", str(port_number(args.port))] if args.port else []), *pilot]]
    if args.command == "student":
        return [[*helpers, "student"]]
    if args.command == "test":
        return [
            [str(python), "-m", "ruff", "check", "helpers", "tests", "notebooks", "benchmarks", "scripts", "run.py"],
            [str(python), "-m", "pytest", "-rs", "--nbval", "--nbval-sanitize-with", "notebooks/sanitize.cfg",
             "tests", *notebook_files(), *args.pytest_args],
        ]  # fmt: skip
    if args.command == "bench":
        return [[str(python), str(path.relative_to(ROOT))] for path in sorted((ROOT / "benchmarks").glob("*.py"))]
    return []  # env: building the environment was the whole job


def parser() -> argparse.ArgumentParser:
    """Return the argument parser; defaults come from make's variables (PRST_SYMBOL, PRST_CORPUS, PRST_PORT)."""
    parser = argparse.ArgumentParser(prog="run.py", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("env", help="build or refresh the virtual environment only")
    report = sub.add_parser("report", help="run every notebook and write HTML reports to reports/")
    report.add_argument("--symbol", default=os.environ.get("PRST_SYMBOL") or DEFAULT_SYMBOL)
    report.add_argument("--corpus", default=os.environ.get("PRST_CORPUS") or None, help="corpus folder laid out like data/")
    lab = sub.add_parser("lab", help="start JupyterLab on 127.0.0.1")
    lab.add_argument("--port", default=os.environ.get("PRST_PORT") or None, help="port (default 8888, or a free one)")
    lab.add_argument("--pilot", action="store_const", const=True, default=os.environ.get("PRST_PILOT") or None,
                     help="pilot mode: log each notebook's start and check times (no answers) to pilot-times.csv")
    lab.add_argument("--pilot-log", default=os.environ.get("PRST_PILOT_PATH") or None, metavar="PATH",
                     help="pilot mode, logging to PATH (relative to the current folder)")
    sub.add_parser("student", help="write the student copies of the notebooks")
    test = sub.add_parser("test", help="ruff, then the tests and strict nbval of every notebook")
    test.add_argument("pytest_args", nargs="*", help="more pytest arguments (after --)")
    sub.add_parser("bench", help="run every benchmarks/*.py")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; return its exit status (2 with one line ``error: …`` when it cannot start)."""
    args = parser().parse_args(argv)
    os.environ.setdefault("PYTHONHASHSEED", "0")
    try:
        if args.command == "lab":
            pilot_mode(args.pilot)  # refuse a bad PILOT before minutes of building
        if args.command == "lab" and args.port:
            port_number(args.port)  # refuse a bad PORT before minutes of building
        python = ensure_env()
        for command in commands(args, python):
            if args.command == "bench":
                print(f"== {command[-1]}", flush=True)
            status = run(command)
            if status:
                return status
    except Refusal as refusal:
        print(f"error: {refusal}", file=sys.stderr)
        return 2
    except subprocess.CalledProcessError as error:
        print(f"error: building the environment failed (exit status {error.returncode}); see the lines above.", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted; run the command again to finish the environment.", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
