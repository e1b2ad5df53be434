"""Starts Starlight: the GUI with no command, the command line with one (see `python main.py --help`)."""

from catalog_app.app import main

if __name__ == "__main__":
    raise SystemExit(main())
