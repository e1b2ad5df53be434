"""The composition root: `starlight` and `python main.py` start here; a command runs the CLI, none the GUI."""

from __future__ import annotations

import sys
from typing import Sequence

from .cli import COMMANDS, build_parser, run


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if any(a in COMMANDS for a in args) or any(a in ("-h", "--help", "--version") for a in args):
        return run(args)
    parser = build_parser()
    options = parser.parse_args(args)
    if options.self_test:
        from .gui.self_test import run_self_test
        return run_self_test()
    from .gui.main_window import run_app
    return run_app(options.db_global)
