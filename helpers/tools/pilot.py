"""Pilot mode: the time each notebook takes, measured on a student's own laptop.

``make lab PILOT=1`` (``python3 run.py lab --pilot``) starts JupyterLab with ``PRST_PILOT_LOG`` set to a CSV file;
every kernel the server starts inherits it. While it is set, ``import helpers`` in a notebook's kernel appends a
``start`` row and every ``helpers.check(...)`` appends one row (``correct``, ``not yet`` or ``no answer``). A row
holds the UTC time, the notebook's file name (no folder, so no user name), the event and the exercise number:
never an answer. ``python -m helpers pilot-times`` reads the file back (``pilot_times``).

Without the variable nothing is written. This module imports only what ``import helpers`` has loaded already;
csv, datetime and filelock are imported when a row is written.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from helpers.errors import DataError

LOG_VARIABLE = "PRST_PILOT_LOG"
"""The environment variable naming the log file (an absolute path); unset or empty: pilot mode is off."""
DEFAULT_LOG_NAME = "pilot-times.csv"
"""The log's name in the project folder unless ``--pilot-log PATH`` chooses another file."""
COLUMNS = ("utc", "notebook", "event", "exercise")
EVENTS = ("start", "correct", "not yet", "no answer")
TIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
LOCK_TIMEOUT = 10
"""Seconds a writer waits for another notebook's row before giving up (with the one warning)."""
IDLE_MINUTES = 30
"""A gap longer than this between two events of a notebook is a pause (another sitting) and is not counted."""
PILOT_LAB_COMMAND = "make lab PILOT=1 (without make: python3 run.py lab --pilot)"

_warned = False


def log_path() -> Path | None:
    """Return the pilot log named by $PRST_PILOT_LOG, or None when pilot mode is off."""
    value = os.environ.get(LOG_VARIABLE, "")
    return Path(value) if value else None


def notebook_name() -> str:
    """Return the file name of the notebook this kernel runs (from $JPY_SESSION_NAME, which jupyter_server sets
    in the kernels it starts for a notebook), without its folder; "" outside such a kernel."""
    return os.path.basename(os.environ.get("JPY_SESSION_NAME", "").replace("\\", "/").rstrip("/"))


def record(event: str, exercise: str = "") -> None:
    """Append one row (now, this notebook, ``event``, ``exercise``) to the pilot log, under a file lock, if pilot
    mode is on; otherwise do nothing.

    A log that cannot be written never stops the notebook: the first failure prints one warning line to stderr,
    later ones are silent.
    """
    path = log_path()
    if path is None:
        return
    import csv
    from datetime import UTC, datetime

    from filelock import FileLock, Timeout

    row = (datetime.now(UTC).strftime(TIME_FORMAT), notebook_name(), event, exercise)
    try:
        with FileLock(f"{path}.lock", timeout=LOCK_TIMEOUT), open(path, "a", newline="", encoding="utf-8") as log:
            writer = csv.writer(log, lineterminator="\n")
            if log.tell() == 0:
                writer.writerow(COLUMNS)
            writer.writerow(row)
    except (OSError, Timeout) as error:
        _warn_once(path, error)


def record_start() -> None:
    """Append a ``start`` row when ``import helpers`` runs in a notebook's kernel (IPython's kernel is loaded);
    the command line (``python -m helpers …``) records nothing."""
    if "ipykernel" in sys.modules:
        record("start")


def _warn_once(path: Path, error: Exception) -> None:
    global _warned
    if _warned:
        return
    _warned = True
    reason = getattr(error, "strerror", None) or type(error).__name__
    print(f"pilot log: cannot write {path} ({reason}); this notebook goes on, but its times are not recorded.",
          file=sys.stderr)


def default_log() -> Path:
    """Return the default pilot log: pilot-times.csv in the project folder."""
    from helpers.tools.reports import PROJECT_ROOT

    return PROJECT_ROOT / DEFAULT_LOG_NAME


def pilot_log(path: str | os.PathLike[str] | None = None) -> Path:
    """Return the absolute path of the pilot log to write (``path``, else the default); DataError naming it when
    its folder does not exist or cannot be written."""
    path = Path(path).expanduser().resolve() if path else default_log()
    folder = path.parent
    if not folder.is_dir():
        raise DataError(f"{path}: the folder {folder} does not exist; give --pilot-log a file in an existing folder.")
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise DataError(f"{path}: cannot be written; give --pilot-log a file in a folder you can write to.")
    return path


def read_pilot_log(path: str | os.PathLike[str]):
    """Return the rows of a pilot log as a DataFrame (columns utc (datetime, UTC), notebook, event, exercise,
    row (the line number in the file)). DataError naming the file, and what to do, when it is missing, empty or
    not a pilot log."""
    import csv

    import pandas as pd

    path = Path(path)
    if not path.is_file():
        raise DataError(f"{path}: no pilot log here; start the lab with {PILOT_LAB_COMMAND}, work through a notebook, "
                        "then run this again (or give --log PATH).")
    if path.stat().st_size == 0:
        raise DataError(f"{path}: the pilot log is empty; open a notebook in the lab started with {PILOT_LAB_COMMAND} "
                        "and run its cells.")
    try:
        with open(path, newline="", encoding="utf-8") as file:
            lines = list(csv.reader(file, strict=True))
    except (UnicodeDecodeError, csv.Error) as error:
        raise DataError(f"{path}: not a pilot log ({type(error).__name__}); give --log the file "
                        f"{PILOT_LAB_COMMAND} wrote.") from None
    if not lines or tuple(lines[0]) != COLUMNS:
        raise DataError(f"{path}: not a pilot log (its header is not {','.join(COLUMNS)}); give --log the file "
                        f"{PILOT_LAB_COMMAND} wrote.")
    ragged = next((number for number, line in enumerate(lines[1:], start=2) if len(line) != len(COLUMNS)), None)
    if ragged is not None:
        raise DataError(f"{path}: not a pilot log (line {ragged} does not have {len(COLUMNS)} fields); remove that "
                        f"line, or give --log the file {PILOT_LAB_COMMAND} wrote.")
    rows = pd.DataFrame(lines[1:], columns=list(COLUMNS), dtype="str")
    rows["row"] = range(2, len(rows) + 2)
    times = pd.to_datetime(rows["utc"], format=TIME_FORMAT, utc=True, errors="coerce")
    bad = rows[times.isna() | ~rows["event"].isin(EVENTS)]
    if len(bad):
        line = bad.iloc[0]
        raise DataError(f"{path}: line {line['row']} is not a pilot log row ({line['utc']!r}, {line['event']!r}); "
                        f"remove that line, or give --log the file {PILOT_LAB_COMMAND} wrote.")
    if rows.empty:
        raise DataError(f"{path}: the pilot log holds no events yet; open a notebook in the lab started with "
                        f"{PILOT_LAB_COMMAND} and run its cells.")
    return rows.assign(utc=times)


def _exercise_key(exercise: str) -> tuple:
    """Sort "01.10" after "01.9" (numbers as numbers, any other part as text after them); "" first."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in exercise.split(".") if exercise)


def pilot_times(path: str | os.PathLike[str]):
    """Return the measured times of a pilot log: one row per notebook and exercise checked in it, notebooks in
    reading order (by file name), exercises by number.

    Columns: ``notebook``; ``first_start`` (the first ``start`` of the notebook, UTC, ISO text, "" if none was
    logged; later starts are kernel restarts and only count as activity); ``exercise`` ("" for a notebook opened but never checked);
    ``attempts`` (checks with an answer, ``not yet`` or ``correct``, up to the first ``correct``; all of them if
    never correct); ``minutes_to_correct`` (minutes from the first start to the first ``correct``, NaN if never
    correct); ``notebook_minutes`` (minutes from the first start to the last first ``correct`` of the notebook:
    the measured time to work through it; NaN if nothing was correct).

    Minutes are active minutes: the events of a notebook in time order, with every gap longer than IDLE_MINUTES
    between two of them left out (a pause, or another sitting). A notebook logged without a ``start`` is timed
    from its first event. Rounded to 0.1 minute. DataError for a missing, empty or malformed log.
    """
    import pandas as pd

    rows = read_pilot_log(path).sort_values(["notebook", "utc", "row"], ignore_index=True)
    records = []
    for notebook, events in rows.groupby("notebook", sort=True):
        starts = events.loc[events["event"] == "start", "utc"]
        origin = starts.iloc[0] if len(starts) else events["utc"].iloc[0]
        events = events[events["utc"] >= origin]
        gaps = events["utc"].diff().dt.total_seconds().div(60).fillna(0.0)
        active = gaps.where(gaps <= IDLE_MINUTES, 0.0).cumsum()
        checks = events[events["event"] != "start"]
        per_exercise = []
        for exercise in sorted(set(checks["exercise"]), key=_exercise_key):
            own = checks[checks["exercise"] == exercise]
            correct = own.index[own["event"] == "correct"]
            upto = own.loc[: correct[0]] if len(correct) else own
            per_exercise.append({
                "exercise": exercise,
                "attempts": int(upto["event"].isin(["correct", "not yet"]).sum()),
                "minutes_to_correct": round(float(active[correct[0]]), 1) if len(correct) else float("nan"),
            })  # fmt: skip
        if not per_exercise:
            per_exercise.append({"exercise": "", "attempts": 0, "minutes_to_correct": float("nan")})
        solved = [row["minutes_to_correct"] for row in per_exercise if pd.notna(row["minutes_to_correct"])]
        total = max(solved, default=float("nan"))
        first = origin.strftime(TIME_FORMAT) if len(starts) else ""
        records += [{"notebook": notebook, "first_start": first, **row, "notebook_minutes": total} for row in per_exercise]
    table = pd.DataFrame.from_records(records, columns=["notebook", "first_start", "exercise", "attempts",
                                                        "minutes_to_correct", "notebook_minutes"])
    return table.astype({"notebook": "str", "first_start": "str", "exercise": "str", "attempts": "int64",
                         "minutes_to_correct": "float64", "notebook_minutes": "float64"})


def describe_pilot_times(table) -> str:
    """Return the text ``python -m helpers pilot-times`` prints for a ``pilot_times`` table."""
    import pandas as pd

    lines = [f"Active minutes from each notebook's first start; a gap over {IDLE_MINUTES} min between two events is a "
             "pause and is not counted. attempts = checks with an answer up to the first correct."]
    for notebook, rows in table.groupby("notebook", sort=False):
        total = rows["notebook_minutes"].iloc[0]
        solved = int(rows["minutes_to_correct"].notna().sum())
        checked = int((rows["exercise"] != "").sum())
        measured = f"{total:.1f} min to the last first correct" if pd.notna(total) else "no exercise correct yet"
        start = rows["first_start"].iloc[0] or "no start logged"
        lines += ["", f"{notebook or '(notebook name not known)'}: first start {start}; {measured}; "
                      f"{solved} of {checked} exercise(s) correct"]
        for row in rows[rows["exercise"] != ""].itertuples():
            minutes = row.minutes_to_correct
            when = f"correct after {minutes:.1f} min" if pd.notna(minutes) else "not correct yet"
            lines.append(f"  {row.exercise}: {when}, {row.attempts} attempt(s)")
    return "\n".join(lines)
