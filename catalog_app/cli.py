"""The `starlight` command line: sample, import, export, list, show, check and backup on any catalog.

Exit codes: 0 done, 1 a user error (one line on standard error), 2 a usage error. `--db` takes a catalog file
path or a database URL (sqlite:///path, postgresql://user@host/db); the default is the user's catalog.
"""

from __future__ import annotations

import argparse
import sys
from typing import Sequence

from . import APP_NAME, __version__
from .core.errors import StarlightError

COMMANDS = ("sample", "import", "export", "list", "show", "check", "backup")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="starlight", description=f"{APP_NAME}: a catalog of films, series and anime. "
                                      "With no command, opens the app.")
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="PATH_OR_URL",
                        help="catalog file or database URL (default: the catalog in your data folder)")
    parser.add_argument("--db", metavar="PATH_OR_URL", dest="db_global",
                        help="catalog file or database URL (default: the catalog in your data folder)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("sample", parents=[common], help="add the sample catalog (Lost in Starlight and friends)")
    p = sub.add_parser("import", parents=[common], help="import a file (Starlight JSON, CSV, TSV)")
    p.add_argument("file", help="file to import, or - for standard input")
    p.add_argument("--format", choices=["json", "csv", "tsv"], help="format (default: from the extension)")
    p = sub.add_parser("export", parents=[common], help="export the catalog (Starlight JSON)")
    p.add_argument("file", help="file to write, or - for standard output")
    p.add_argument("--format", choices=["json"], help="format (default: from the extension)")
    p = sub.add_parser("list", parents=[common], help="print the works matching a search, one a line")
    p.add_argument("query", nargs="*", help='search, e.g. star, director:"Han Ji-won", year:2020..2025 '
                                            '(put -- before a query that starts with -: list -- -tag:space)')
    p.add_argument("--limit", type=int, default=None, help="print at most this many")
    p.add_argument("--sort", choices=["title", "year", "added"], default="title")
    p.add_argument("--count", action="store_true", help="print only how many works match")
    p = sub.add_parser("show", parents=[common], help="print one work with everything known about it")
    p.add_argument("work", nargs="+", help="the work's id or title (any script; quotes are optional)")
    p.add_argument("--json", action="store_true", help="print it in the native format (Starlight JSON)")
    sub.add_parser("check", parents=[common], help="check the catalog's integrity and report problems")
    p = sub.add_parser("backup", parents=[common], help="write a consistent copy of the catalog")
    p.add_argument("file", help="where to write the copy")
    return parser


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

    with Catalog.open(_target(args)) as catalog:
        if args.command == "sample":
            from .services.sample import load_sample
            result = load_sample(catalog)
            print(f"added the sample: {result.works} works, {result.people} people")
        elif args.command == "import":
            result = catalog.import_file(args.file, args.format)
            print(f"imported {result.works} works from {result.source}", file=sys.stderr)
        elif args.command == "export":
            count = catalog.export_file(args.file, args.format)
            print(f"exported {count} works to {'standard output' if args.file == '-' else args.file}",
                  file=sys.stderr)
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
            problems = catalog.check()
            for problem in problems:
                print(problem)
            if problems:
                print(f"starlight: {len(problems)} problems found in {catalog.target}", file=sys.stderr)
                return 1
            print(f"{catalog.target}: no problems found ({catalog.count()} works)")
        elif args.command == "backup":
            path = catalog.backup(args.file)
            print(f"wrote a copy of {catalog.target} to {path}")
    return 0


__all__ = ["run", "build_parser", "COMMANDS"]
