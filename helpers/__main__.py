"""Command line: ``python -m helpers COMMAND``. Each command prints one clear line on bad input."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from helpers.errors import DataError


def _report(args: argparse.Namespace) -> None:
    from helpers.reports import PROJECT_ROOT, build_reports

    for path in build_reports(PROJECT_ROOT / "reports"):
        print(path.relative_to(PROJECT_ROOT))


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser with one sub-command per task."""
    parser = argparse.ArgumentParser(prog="python -m helpers", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    report = commands.add_parser("report", help="execute every notebook and write HTML reports to reports/")
    report.add_argument("--symbol", default="S/PRST/2021/1")
    report.add_argument("--corpus", type=Path, default=None)
    report.set_defaults(run=_report)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run a command; return the exit status (2 with a one-line message on bad input)."""
    args = build_parser().parse_args(argv)
    try:
        args.run(args)
    except DataError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
