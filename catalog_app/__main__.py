"""`python -m catalog_app`: the same entry as main.py and the `starlight` command."""

from .app import main

raise SystemExit(main())
