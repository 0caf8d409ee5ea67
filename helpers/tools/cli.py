"""Command line: ``python -m helpers COMMAND``. Each command ends with one clear line and an exit status:
0 done, 1 fetch could not get every symbol, 2 bad input (one line ``error: …`` on stderr), 130 interrupted
(Ctrl-C: one line saying what was left as it was)."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from helpers.errors import DataError
from helpers.ingest.ocr import DEFAULT_OCR_ENGINE, OCR_ENGINES

INTERRUPTED = 130
"""Exit status after Ctrl-C (128 + SIGINT, as shells report it)."""


def _report(args: argparse.Namespace) -> None:
    from helpers.ingest.statements import normalise_symbol
    from helpers.tools.reports import PROJECT_ROOT, REPORT_DIR, build_reports

    # A kernel that dies (Ctrl-C reaches it too) is reported in one line by build_reports; papermill's log line
    # about it and asyncio's note on the abandoned task would only repeat it as a traceback.
    for name in ("papermill", "asyncio"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    out_dir = REPORT_DIR if args.out is None else args.out.resolve()
    reports = build_reports(out_dir, args.symbol, args.corpus, progress=not args.quiet)
    shown = out_dir.relative_to(PROJECT_ROOT) if out_dir.is_relative_to(PROJECT_ROOT) else out_dir
    print(f"{len(reports)} report(s) for {normalise_symbol(args.symbol)} written; open {shown / 'index.html'}")


def _student(args: argparse.Namespace) -> None:
    from helpers.tools.classroom import stale_copies, write_handout, write_student_copies
    from helpers.tools.reports import PROJECT_ROOT

    if args.check:
        stale = stale_copies()
        if stale:
            raise DataError(f"student copies out of date: {', '.join(stale)}; run `make student` and commit them.")
        print("student copies are up to date")
        return
    def shown(path: Path) -> Path:
        return path.relative_to(PROJECT_ROOT) if path.is_relative_to(PROJECT_ROOT) else path

    written = write_student_copies()
    for path in written:
        print(shown(path))
    if not written:
        print("student copies are up to date")
    print(f"hand-out without solutions: {shown(write_handout())}")


def _lab(args: argparse.Namespace) -> int:
    from helpers.tools.lab import run_lab
    from helpers.tools.pilot import pilot_log

    pilot = args.pilot or args.pilot_log is not None
    return run_lab(args.port, pilot_log(args.pilot_log) if pilot else None)


def _pilot_times(args: argparse.Namespace) -> None:
    from helpers.tools.pilot import default_log, describe_pilot_times, pilot_times

    log = args.log if args.log is not None else default_log()
    table = pilot_times(log)
    print(f"{log}:\n{describe_pilot_times(table)}")


def _ocr(args: argparse.Namespace) -> bool | str:
    """The ``ocr`` option of add_statement: False, or the engine (--ocr-engine, else the default) with --ocr."""
    if args.ocr_engine:
        return args.ocr_engine
    return DEFAULT_OCR_ENGINE if args.ocr else False


def _add(args: argparse.Namespace) -> None:
    from helpers.ingest.corpus import add_statement, plan_import
    from helpers.ingest.registry import data_dir

    options = {"symbol": args.symbol, "corpus": args.corpus, "lang": args.lang, "date": args.date, "ocr": _ocr(args),
               "force": args.force, "max_chars": args.max_chars}
    if args.dry_run:
        print(plan_import(args.file, **options).describe())
        return
    try:
        row = add_statement(args.file, **options)
    except KeyboardInterrupt:
        raise Interrupted("interrupted; nothing changed.") from None
    where = f" ({row['meeting']})" if row["meeting"] else ""
    print(f"{row['symbol']}: added {row['file']} to {data_dir(args.corpus)}, dated {row['date']}{where}")


def _fetch(args: argparse.Namespace) -> int:
    import pandas as pd

    from helpers.analysis.cited import cited_documents
    from helpers.ingest.corpus import read_corpus_metadata
    from helpers.ingest.fetch import FetchInterrupted, FetchSettings, fetch_statements
    from helpers.ingest.index import topic_symbols
    from helpers.ingest.registry import data_dir
    from helpers.ingest.symbols import normalise_symbol

    symbols = list(args.symbols)
    for topic in args.topic:
        symbols += [symbol for symbol in topic_symbols(topic) if symbol not in symbols]
    if not symbols and not args.cited:
        raise DataError("nothing to fetch: give symbols (S/PRST/YYYY/N, S/RES/N(YYYY) …), --topic TOPIC or --cited SYMBOL.")
    settings = FetchSettings.from_env(timeout=args.timeout, retries=args.retries, pause=args.pause, deadline=args.deadline)
    options = {"lang": args.lang, "corpus": args.corpus, "settings": settings, "ocr": _ocr(args), "force": args.force,
               "max_chars": args.max_chars}
    root = data_dir(args.corpus)
    asked = [normalise_symbol(symbol) for symbol in symbols]
    citing = list(dict.fromkeys([*map(normalise_symbol, args.cited), *(asked if args.with_cited else [])]))
    # First the documents asked for (a --cited document only when the corpus lacks it), then what they cite.
    present = set(read_corpus_metadata(root)["symbol"])
    first = symbols + [s for s in citing if s not in present and s not in asked]
    done = []
    try:
        if first:
            done.append(fetch_statements(first, **options))
        if readable := [s for s in citing if s in set(read_corpus_metadata(root)["symbol"])]:
            cited = cited_documents(readable, root)
            skipped = cited[cited["action"] == "skip"]
            skip = dict(zip(skipped["symbol"], skipped["detail"], strict=True))
            done.append(fetch_statements(cited["symbol"].tolist(), skip=skip, **options))
    except FetchInterrupted as interrupted:
        print(_fetch_summary(pd.concat([*done, interrupted.results], ignore_index=True)), flush=True)
        current = interrupted.results.iloc[-1]
        what = "not added" if current["status"] == "interrupted" else current["status"]
        raise Interrupted(
            f"interrupted at {current['symbol']} ({what}); {interrupted.not_tried} symbol(s) not tried; "
            "the statements added before it are kept."
        ) from None
    results = pd.concat(done, ignore_index=True) if done else pd.DataFrame({"status": pd.Series(dtype="str")})
    print(_fetch_summary(results))
    return 1 if (results["status"] == "failed").any() else 0


def _fetch_summary(results) -> str:
    counts = results["status"].value_counts()
    return ", ".join(f"{status} {counts.get(status, 0)}" for status in ("added", "skipped", "failed"))


class Interrupted(Exception):
    """Ctrl-C, turned into the one line the command prints."""


def _export(args: argparse.Namespace) -> None:
    from helpers.ingest.registry import data_dir
    from helpers.tools.export import export_corpus

    written = export_corpus(args.corpus, args.out, args.format)
    print(f"{len(written)} file(s) of {data_dir(args.corpus)} written to {args.out} (see data_dictionary.csv)")


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser with one sub-command per task."""
    parser = argparse.ArgumentParser(prog="python -m helpers", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    report = commands.add_parser("report", help="execute every notebook and write HTML reports to reports/")
    report.add_argument("--symbol", default="S/PRST/2021/1", help="statement the notebooks study")
    report.add_argument("--corpus", default=None, help="corpus folder laid out like data/ (shown in the reports as given)")
    report.add_argument("--out", type=Path, default=None, help="output folder (default: the project's reports/)")
    report.add_argument("--quiet", action="store_true", help="no progress bars")
    report.set_defaults(run=_report)

    corpus_help = "corpus folder (default: $PRST_DATA_DIR, else the project's data/)"
    lang_help = "language of the statement (only zh: the cleaner is written for Chinese)"
    ocr_help = "read PDF pages without a text layer (scanned) by OCR at 300 dpi (RapidOCR unless --ocr-engine)"
    engine_help = ("OCR engine: rapidocr (default; the extra [ocr], models inside) or tesseract (Debian's tesseract-ocr, "
                   "chi_sim); implies --ocr")
    force_help = "import even when the chapeau's date or meeting contradicts the index (recorded in statements.csv)"
    max_chars_help = "refuse a text longer than this many characters (default 100,000)"
    add = commands.add_parser("add", help="import a statement or resolution from a .txt or a UN .pdf into a corpus folder")
    add.add_argument("file", type=Path, help="the .txt or .pdf to import")
    add.add_argument("--symbol", help="S/PRST/YYYY/N or S/RES/N(YYYY) (default: the symbol on the PDF's cover or page headers)")
    add.add_argument("--corpus", type=Path, default=None, help=corpus_help)
    add.add_argument("--lang", choices=["zh"], default="zh", help=lang_help)
    add.add_argument("--date", help="YYYY-MM-DD, when neither the chapeau nor the index gives the date")
    add.add_argument("--ocr", action="store_true", help=ocr_help)
    add.add_argument("--ocr-engine", choices=OCR_ENGINES, default=None, help=engine_help)
    add.add_argument("--force", action="store_true", help=force_help)
    add.add_argument("--max-chars", type=int, default=None, help=max_chars_help)
    add.add_argument("--dry-run", action="store_true",
                     help="print the paragraph table, removed lines and Unicode changes; write nothing")
    add.set_defaults(run=_add)

    fetch = commands.add_parser("fetch", help="download statements and resolutions from the UN Official Document System and import them")
    fetch.add_argument("symbols", nargs="*", metavar="SYMBOL", help="S/PRST/YYYY/N or S/RES/N(YYYY) …")
    fetch.add_argument("--topic", action="append", default=[], help="every indexed statement of a topic (repeatable)")
    fetch.add_argument("--cited", action="append", default=[], metavar="SYMBOL",
                       help="every statement and resolution SYMBOL cites that the corpus lacks (repeatable; "
                            "SYMBOL itself is fetched first if missing)")
    fetch.add_argument("--with-cited", action="store_true",
                       help="after the symbols and topics, fetch what they cite (as --cited does)")
    fetch.add_argument("--lang", choices=["zh"], default="zh", help=lang_help)
    fetch.add_argument("--corpus", type=Path, default=None, help=corpus_help)
    fetch.add_argument("--timeout", type=float, default=None, help="seconds per request (default $PRST_FETCH_TIMEOUT or 30)")
    fetch.add_argument("--retries", type=int, default=None, help="retries per request (default $PRST_FETCH_RETRIES or 3)")
    fetch.add_argument("--pause", type=float, default=None, help="seconds between requests (default $PRST_FETCH_PAUSE or 1)")
    fetch.add_argument("--ocr", action="store_true", help=ocr_help)
    fetch.add_argument("--ocr-engine", choices=OCR_ENGINES, default=None, help=engine_help)
    fetch.add_argument("--force", action="store_true", help=force_help)
    fetch.add_argument("--max-chars", type=int, default=None, help=max_chars_help)
    fetch.add_argument("--deadline", type=float, default=None,
                       help="seconds one download may take in all (default $PRST_FETCH_DEADLINE or 300)")
    fetch.set_defaults(run=_fetch)

    export = commands.add_parser(
        "export", help="write a corpus's paragraph, token, citation and speech-act tables and its citation network"
    )
    export.add_argument("--corpus", type=Path, default=None, help=corpus_help)
    export.add_argument("--out", type=Path, required=True, help="folder to write the tables into")
    export.add_argument("--format", nargs="+", choices=["csv", "parquet"], default=["csv", "parquet"],
                        help="file formats (default: both)")
    export.set_defaults(run=_export)

    student = commands.add_parser("student", help="write student copies of the notebooks to notebooks/student/ and a zip to hand out")
    student.add_argument("--check", action="store_true", help="only report copies that are out of date")
    student.set_defaults(run=_student)

    lab = commands.add_parser("lab", help="start JupyterLab on 127.0.0.1 with the project's environment")
    lab.add_argument("--port", type=int, default=None, help="port (default 8888, or a free one if taken)")
    lab.add_argument("--pilot", action="store_true",
                     help="pilot mode: log the time of each notebook's start and checks (no answers) to pilot-times.csv")
    lab.add_argument("--pilot-log", type=Path, default=None, metavar="PATH",
                     help="pilot mode, logging to PATH instead of pilot-times.csv in the project folder")
    lab.set_defaults(run=_lab)

    times = commands.add_parser("pilot-times", help="the time each notebook took in pilot mode (from the pilot log)")
    times.add_argument("--log", type=Path, default=None, metavar="PATH",
                       help="the pilot log (default: pilot-times.csv in the project folder)")
    times.set_defaults(run=_pilot_times)
    return parser


_INTERRUPTED = {
    "report": "interrupted; nothing changed (reports/ keeps the previous build).",
    "add": "interrupted; nothing changed.",
    "fetch": "interrupted; the statements added before it are kept.",
    "student": "interrupted; run `make student` again to finish the student copies.",
    "lab": "interrupted.",
    "pilot-times": "interrupted.",
}


def main(argv: list[str] | None = None) -> int:
    """Run a command; return the exit status: 0 done, 1 fetch could not get every symbol, 2 bad input (one
    line on stderr), 130 interrupted by Ctrl-C (one line on stderr)."""
    args = build_parser().parse_args(argv)
    try:
        status = args.run(args)
    except DataError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except Interrupted as interrupted:
        print(interrupted, file=sys.stderr)
        return INTERRUPTED
    except KeyboardInterrupt:
        print(_INTERRUPTED[args.command], file=sys.stderr)
        return INTERRUPTED
    return status or 0
