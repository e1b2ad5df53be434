"""The `starlight` command line: sample, import, export, list, show, check, backup, snapshot and restore on any
catalog, and copy from one catalog (engine) to another.

Exit codes: 0 done, 1 a user error (one line on standard error), 2 a usage error. `--db` takes a catalog file
path or a database URL (sqlite:///path, postgresql://user@host/db); the default is the user's catalog.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any, Sequence

from . import APP_NAME, __version__
from .core.errors import StarlightError
from .services.formats.text_stream import ENCODINGS

if TYPE_CHECKING:
    from .services.catalog import Catalog
    from .services.online import Online

COMMANDS = ("sample", "import", "export", "list", "show", "check", "backup", "search-online", "add-online",
            "refresh", "remember-password", "restore", "snapshot", "copy")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="starlight", description=f"{APP_NAME}: a catalog of films, series and anime. "
                                      "With no command, opens the app.")
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument("--self-test", action="store_true",
                        help="check that this installation works: opens the window offscreen on a temporary "
                             "catalog with the sample, searches, and exits 0 if all is well (your files are "
                             "not touched)")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="PATH_OR_URL",
                        help="catalog file or database URL (default: the catalog in your data folder)")
    parser.add_argument("--db", metavar="PATH_OR_URL", dest="db_global",
                        help="catalog file or database URL (default: the catalog in your data folder)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("sample", parents=[common], help="add the sample catalog (Lost in Starlight and friends)")
    p = sub.add_parser("import", parents=[common], help="import a file (Starlight JSON, a CSV/TSV table; a Letterboxd, "
                                                          "IMDb, MyAnimeList, Trakt, Tellico or Kodi export)")
    p.add_argument("file", help="file (or export or Kodi library folder) to import, or - for standard input")
    p.add_argument("--format", choices=["json", "csv", "tsv", "letterboxd", "imdb", "mal", "trakt", "tellico", "kodi"],
                   help="format (default: told from the file)")
    p.add_argument("--dry-run", action="store_true", help="show what the import would do (and, for a table, how "
                                                          "its columns are read); write nothing")
    p.add_argument("--map", action="append", default=[], metavar="COLUMN=FIELD",
                   help="for a table: read COLUMN as FIELD (title, year, my_rating.5, watched_on.dmy, id.imdb, "
                        "ignore…); the other columns keep their guessed fields. Repeat for more columns")
    p.add_argument("--encoding", choices=ENCODINGS,
                   help="for a table: its encoding (default: told from its bytes)")
    p.add_argument("--delimiter", help="for a table: the character between cells (default: told from the header)")
    p.add_argument("--report", metavar="FILE", help="also write the import's report (every line skipped, doubtful "
                                                    "or conflicting, and why) to FILE")
    p.add_argument("--accept-doubtful", action="store_true",
                   help="take doubtful matches (a close title, a year one off) as the same work")
    p.add_argument("--replace", action="store_true",
                   help="where the catalog has another status or rating, take the file's")
    p = sub.add_parser("export", parents=[common], help="export the catalog (Starlight JSON, CSV, web pages, a "
                                                          "backup archive)")
    p.add_argument("file", help="file (or folder, for html) to write, or - for standard output")
    p.add_argument("--format", choices=["json", "csv", "letterboxd", "html", "backup"],
                   help="format (default: from the extension; .zip is backup); letterboxd writes the CSV Letterboxd "
                        "imports, and its watchlist beside it; html a folder of web pages with the posters; backup "
                        "a .zip of the whole catalog with its image files")
    p.add_argument("--columns", help="for csv: the columns, comma-separated (title,year,director,rating,…)")
    p = sub.add_parser("list", parents=[common], help="print the works matching a search, one a line")
    p.add_argument("query", nargs="*", help='search, e.g. star, director:"Han Ji-won", year:2020..2025 '
                                            '(put -- before a query that starts with -: list -- -tag:space)')
    p.add_argument("--limit", type=int, default=None, help="print at most this many")
    p.add_argument("--sort", choices=["title", "year", "added"], default="title")
    p.add_argument("--count", action="store_true", help="print only how many works match")
    p = sub.add_parser("show", parents=[common], help="print one work with everything known about it")
    p.add_argument("work", nargs="+", help="the work's id or title (any script; quotes are optional)")
    p.add_argument("--json", action="store_true", help="print it in the native format (Starlight JSON)")
    p = sub.add_parser("check", parents=[common], help="check the catalog's integrity and report problems")
    p.add_argument("--tidy", action="store_true", help="also remove the files an interrupted write left behind "
                                                       "(image files no work uses, temporary files)")
    p.add_argument("--fetch-images", action="store_true",
                   help="fetch the image files this computer lacks from where they came from (a shared catalog's "
                        "posters added on another computer)")
    p = sub.add_parser("backup", parents=[common], help="write a consistent copy of the catalog")
    p.add_argument("file", help="where to write the copy")
    p = sub.add_parser("restore", parents=[common],
                       help="bring the catalog back from a backup; the catalog as it is now is kept in backups/")
    p.add_argument("file", help="an automatic backup or copy (.sqlite), a backup archive (.zip), or a snapshot or "
                                "export in Starlight JSON (.json, .json.gz)")
    p = sub.add_parser("snapshot", parents=[common],
                       help="write the whole catalog as Starlight JSON into its backups folder (the app does it daily)")
    p.add_argument("--if-due", action="store_true", help="only when the last one is a day old and the catalog "
                                                         "changed since")
    p = sub.add_parser("copy", help="copy a whole catalog, with its image files, into a new file or an empty "
                                    "database: SQLite to PostgreSQL, back, or between two of a kind")
    p.add_argument("--from", dest="source", required=True, metavar="PATH_OR_URL",
                   help="the catalog to copy: a file, sqlite:///path or postgresql://user@host/db (only read)")
    p.add_argument("--to", dest="destination", required=True, metavar="PATH_OR_URL",
                   help="where to: a new catalog file, an empty catalog or an empty PostgreSQL database")
    p = sub.add_parser("search-online", parents=[common],
                       help="search the online sources for a title (marks what is already in the catalog)")
    p.add_argument("query", nargs="+", help="title to search for")
    p.add_argument("--provider", action="append", choices=_providers(), help="ask only this source (repeatable)")
    p.add_argument("--year", type=int, help="the year, to narrow the search")
    p = sub.add_parser("add-online", parents=[common], help="add a work from an online source, with its poster")
    p.add_argument("ref", metavar="PROVIDER:ID", help="as search-online prints it, e.g. tmdb:movie/550, jikan:457")
    p = sub.add_parser("refresh", parents=[common],
                       help="fetch the works matching a search again and fill in what they lack")
    p.add_argument("query", nargs="*", help="which works (default: all with an id from an online source)")
    p.add_argument("--provider", choices=_providers(), help="refresh from this source only")
    p.add_argument("--replace", action="store_true",
                   help="also take the source's value where the catalog has a different one (locked fields never)")
    p.add_argument("--dry-run", action="store_true", help="print what would change; write nothing")
    p = sub.add_parser("remember-password", help="keep a PostgreSQL catalog's password in the system keyring, so "
                                                 "that --db needs none (asked for, or read from standard input)")
    p.add_argument("url", metavar="URL", help="the catalog's address without the password, e.g. "
                                              "postgresql://me@db.example/catalog")
    p.add_argument("--forget", action="store_true", help="remove the kept password instead")
    return parser


def _providers() -> list[str]:
    return ["tmdb", "wikidata", "jikan", "tvmaze", "anilist", "omdb"]


def _target(args: argparse.Namespace) -> str:
    from .services.paths import default_catalog
    return getattr(args, "db", None) or args.db_global or default_catalog()


def run(argv: Sequence[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(list(argv))
    try:
        return _dispatch(args)
    except StarlightError as e:
        print(f"starlight: {e}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("starlight: interrupted; nothing was changed by the step in progress", file=sys.stderr)
        return 130


def _dispatch(args: argparse.Namespace) -> int:
    from .services.catalog import Catalog

    if args.command == "remember-password":
        return _remember_password(args)
    if args.command == "copy":  # two catalogs, given apart: not --db
        return _copy(args)
    if args.command == "restore":  # the catalog there may not open at all: that is why one restores
        from .services.restore import KINDS, restore_catalog
        outcome = restore_catalog(args.file, _target(args))
        print(f"restored {outcome.works} works into {outcome.target} from {KINDS[outcome.kind]}"
              + (f"; the catalog it replaced is kept as {outcome.previous}" if outcome.previous else ""))
        for problem in outcome.problems:
            print(f"starlight: {problem}", file=sys.stderr)
        return 0
    with Catalog.open(_target(args)) as catalog:
        if args.command == "sample":
            from .services.sample import load_sample
            result = load_sample(catalog)
            print(f"added the sample: {result.works} works, {result.people} people")
        elif args.command == "import":
            result = _import(args, catalog)
            if result.plan is not None:
                _print_plan(result.plan, args.dry_run, args.accept_doubtful, args.report)
            if not args.dry_run:
                print(f"imported {result.works} works from {result.source}"
                      + (f"; updated {len(result.outcome.updated)}" if result.outcome else ""), file=sys.stderr)
        elif args.command == "export":
            left_out: list[str] = []
            if args.format == "letterboxd":
                count, left_out = catalog.export_letterboxd(args.file)
            elif args.columns:
                count = catalog.export_csv(args.file, columns=tuple(c.strip() for c in args.columns.split(",")))
            else:
                count = catalog.export_file(args.file, args.format)
            print(f"exported {count} works to {'standard output' if args.file == '-' else args.file}",
                  file=sys.stderr)
            if left_out:
                print(f"not written (Letterboxd keeps films only): {len(left_out)}, such as "
                      f"{', '.join(left_out[:3])}", file=sys.stderr)
        elif args.command == "list":
            query = " ".join(args.query)
            if args.count:
                print(catalog.count(query))
            else:
                for work_id, title, year, kind, original in catalog.find(query, args.limit, order=args.sort):
                    print("\t".join([str(work_id), title, str(year or ""), kind, original or ""]))
        elif args.command == "show":
            work_id = catalog.resolve(" ".join(args.work))
            if args.json:
                from .services.formats import starlight_json
                sys.stdout.write(starlight_json.dump(catalog.document([work_id])))
            else:
                from .services.describe import describe_work
                print(describe_work(catalog, work_id))
        elif args.command == "check":
            from .services.shared_images import fetch_missing_images, missing_images
            if args.fetch_images:  # first, so that the check below sees what it brought
                bar = Progress(0)

                def fetching(_stage: str, done: int, total: int) -> None:
                    bar.total = total
                    bar.step(done, "fetching images")
                report = fetch_missing_images(catalog, progress=fetching)
                bar.done()
                print(report.summary())
            problems = catalog.check()
            for problem in problems:
                print(problem)
            if args.tidy:
                removed = catalog.tidy()
                print(f"removed {len(removed)} files that nothing used")
            elif strays := catalog.stray_files():
                print(f"note: {len(strays)} files beside the catalog are used by nothing (left by an interrupted "
                      f"write, first: {strays[0]}); `starlight check --tidy` removes them", file=sys.stderr)
            if not args.fetch_images and catalog.is_postgres and (absent := len(missing_images(catalog))):
                print(f"note: {absent} image files of this shared catalog are not on this computer yet; "
                      "`starlight check --fetch-images` fetches them (the window does as it shows them)",
                      file=sys.stderr)
            if problems:
                print(f"starlight: {len(problems)} problems found in {catalog.target}", file=sys.stderr)
                return 1
            print(f"{catalog.target}: no problems found ({catalog.count()} works)")
        elif args.command == "backup":
            path = catalog.backup(args.file)
            print(f"wrote a copy of {catalog.target} to {path}")
        elif args.command == "snapshot":
            from .services.snapshots import snapshot_due, write_snapshot
            if args.if_due and not snapshot_due(catalog):
                return 0
            path, works = write_snapshot(catalog)
            print(f"wrote a snapshot of {works} works to {path}")
        elif args.command in ("search-online", "add-online", "refresh"):
            return _online(args, catalog)
    return 0


def _remember_password(args: argparse.Namespace) -> int:
    """Keep (or forget) a server catalog's password in the system keyring. It is asked for without echo, or read
    from standard input when that is not a terminal, so it never appears on a command line or in shell history."""
    import getpass

    from .core.errors import InputError
    from .services.catalog import password_entry, remember_database_password
    entry = password_entry(args.url)
    if args.forget:
        remember_database_password(args.url, None)
        print(f"forgot the password kept for {entry}")
        return 0
    try:
        password = (getpass.getpass(f"Password for {entry}: ") if sys.stdin.isatty()
                    else sys.stdin.readline().rstrip("\r\n"))
    except EOFError:
        password = ""
    if not password:
        raise InputError("no password given; nothing was kept", entry)
    remember_database_password(args.url, password)
    print(f"kept the password for {entry} in the system keyring")
    return 0


def _copy(args: argparse.Namespace) -> int:
    """Copy one catalog into another, a line per table as it goes, then the counts of both sides."""
    from .services.engine_copy import copy_catalog

    bar = Progress(0)

    def progress(table: str, done: int, total: int) -> None:
        bar.total = total
        bar.step(done, f"{table} {done:,} of {total:,}")
        if done >= total:
            bar.say(f"copied {table}: {done:,} rows")
    try:
        outcome = copy_catalog(args.source, args.destination, progress)
    finally:
        bar.done()
    width = max(len(name) for name, _, _ in outcome.counts)
    print(f"{'table':<{width}}  {'source':>10}  {'target':>10}")
    for name, source_rows, target_rows in outcome.counts:
        print(f"{name:<{width}}  {source_rows:>10,}  {target_rows:>10,}")
    present = f" ({outcome.images_present} already there)" if outcome.images_present else ""
    print(f"copied {outcome.works:,} works, {outcome.people:,} people, {outcome.images_copied:,} image files"
          f"{present} from {outcome.source} to {outcome.target}")
    if outcome.images_missing:
        print(f"starlight: {outcome.images_missing} image files were not in {outcome.source_images} (first: "
              f"{outcome.first_missing}); the rows naming them were copied, the files are still missing",
              file=sys.stderr)
    return 0


def _online(args: argparse.Namespace, catalog: Catalog) -> int:
    from .services.online import LABELS, Online

    online = Online()
    try:
        if args.command == "search-online":
            results = online.search(" ".join(args.query), year=args.year, providers=args.provider)
            for c in results.candidates:
                known = online.in_catalog(catalog, c)
                print("\t".join([f"{c.provider}:{c.ident}", c.title, str(c.year or ""), c.kind or "",
                                  c.original_title or "", f"in catalog (id {known[0]}, {known[1]})" if known else ""]))
            for provider, message in results.errors.items():
                print(f"starlight: {message}", file=sys.stderr)
            if not results.candidates and results.errors:
                return 1
        elif args.command == "add-online":
            provider, sep, ident = args.ref.partition(":")
            if not sep or not ident:
                raise StarlightError(f"'{args.ref}' is not PROVIDER:ID (for example tmdb:movie/550)")
            fetched = online.fetch(provider, ident)
            work_id, problems = online.add(catalog, fetched)
            for problem in problems:
                print(f"starlight: image not kept: {problem}", file=sys.stderr)
            print(f"added '{fetched.work['title']}' (id {work_id}) from {LABELS[provider]}")
            if fetched.attribution:
                print(fetched.attribution)
        else:
            return _refresh(args, catalog, online)
    finally:
        online.close()
    return 0


def _refresh(args: argparse.Namespace, catalog: Catalog, online: Online) -> int:
    from .services.bulk_refresh import BulkRefresh, WorkResult, journal_path
    from .services.online import refresh_targets

    ids = refresh_targets(catalog, " ".join(args.query), online)
    progress = Progress(len(ids))
    if args.dry_run:
        return _dry_run(args, catalog, online, ids, progress)

    def advanced(done: int, total: int, results: list[WorkResult]) -> None:
        for result in results:
            if result.outcome == "failed":
                progress.say(f"starlight: {result.title}: {result.detail}")
        progress.step(done, results[-1].title)
    # The same job as the window's: batched writes, and a journal the window offers to resume if this is cut short.
    summary = BulkRefresh(catalog, online, ids, journal_path(catalog), args.replace, args.provider).run(advanced)
    progress.done()
    failed = summary.count("failed")
    print(f"refreshed {len(ids) - failed} of {len(ids)} works; {summary.count('changed')} changed, {failed} failed",
          file=sys.stderr)
    return 1 if failed and failed == len(ids) else 0


def _dry_run(args: argparse.Namespace, catalog: Catalog, online: Online, ids: list[int], progress: Progress) -> int:
    """What a refresh would change, work by work; nothing is written."""
    failed = 0
    for n, work_id in enumerate(ids, 1):
        label = str(work_id)
        try:
            preview = online.preview_refresh(catalog, work_id, args.provider)
            label = preview.title
            for change in preview.changes:
                if change.fills_gap or args.replace:
                    progress.say(f"{preview.title}: {change.field}: {_short(change.current)} → {_short(change.new)}")
        except StarlightError as e:
            failed += 1
            progress.say(f"starlight: {e}")
        progress.step(n, label)
    progress.done()
    print(f"would refresh {len(ids) - failed} of {len(ids)} works; {failed} failed", file=sys.stderr)
    return 1 if failed and failed == len(ids) else 0


def _import(args: argparse.Namespace, catalog: Catalog) -> Any:
    """Run an import with a progress line on the terminal; Ctrl+C cancels it (the transaction is rolled back)."""
    import dataclasses
    import threading

    from .core.errors import Cancelled, InputError
    from .services import imports
    shape = None
    if args.map or args.encoding or args.delimiter:
        fmt = args.format or (imports.detect_format(args.file) if args.file != "-" else "csv")
        if fmt not in imports.TABLES:
            raise InputError("--map, --encoding and --delimiter are for tables (csv, tsv)", args.file)
        guessed = imports.table_shape(args.file, fmt, args.encoding, args.delimiter, check=False)
        mapping = dict(guessed.mapping)
        for pair in args.map:
            column, _, target = pair.partition("=")
            if not target:
                raise InputError(f"'{pair}' is not COLUMN=FIELD", "--map")
            mapping[column.strip()] = target.strip()
        shape = dataclasses.replace(guessed, mapping=mapping)  # checked before anything is read or written
    bar = Progress(0)
    cancel = threading.Event()

    def progress(stage: str, done: int, total: int) -> None:
        bar.total = total
        bar.step(done, f"{stage} {done:,}" + (f" of {total:,}" if total else ""))
    try:
        return catalog.import_file(args.file, args.format, args.dry_run, args.accept_doubtful, args.replace,
                                   shape, progress, cancel)
    except KeyboardInterrupt:
        cancel.set()
        raise Cancelled("the import was cancelled; the catalog is as it was") from None
    finally:
        bar.done()


def _print_plan(plan: Any, dry_run: bool, accept_doubtful: bool, report_path: str | None = None) -> None:
    """An import plan as a report on standard error (and in `report_path`): the counts, then every line not taken,
    every doubtful match and conflict, with reasons."""
    lines = plan.report(dry_run, accept_doubtful, "--accept-doubtful takes it")
    for line in lines:
        print(line, file=sys.stderr)
    if report_path:
        from pathlib import Path

        from .services.catalog import write_atomically
        write_atomically(Path(report_path), ("\n".join(lines) + "\n").encode("utf-8"))
        print(f"report written to {report_path}", file=sys.stderr)


def _short(value: object) -> str:
    text = str(value) if not isinstance(value, list) else f"{len(value)} entries"
    return text if len(text) <= 60 else text[:57] + "…"


class Progress:
    """A one-line progress bar on a terminal; nothing when standard error is not one."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.live = sys.stderr.isatty()

    def step(self, done: int, label: str) -> None:
        if self.live and self.total:
            filled = int(30 * done / self.total)
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{self.total} {label[:40]:<40}")
            sys.stderr.flush()
        elif self.live:  # how many there are is not known yet (a file being read)
            sys.stderr.write(f"\r{label[:70]:<70}")
            sys.stderr.flush()

    def say(self, line: str) -> None:
        if self.live:
            sys.stderr.write("\r" + " " * 80 + "\r")
        print(line, file=sys.stderr)

    def done(self) -> None:
        if self.live:
            sys.stderr.write("\n")


__all__ = ["run", "build_parser", "COMMANDS"]
