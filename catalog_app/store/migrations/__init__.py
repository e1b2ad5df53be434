"""The catalog's schema migrations, in order; each module has ID, NAME and `up(db)`.

Listed here by import rather than found on disk, so a frozen (PyInstaller) build runs them too.
"""

from __future__ import annotations

from . import m0001_initial, m0002_search, m0003_list, m0004_relation_ids, m0005_lean_indexes
from . import m0006_change_notices

MIGRATIONS = [m0001_initial, m0002_search, m0003_list, m0004_relation_ids, m0005_lean_indexes,
              m0006_change_notices]
LATEST = MIGRATIONS[-1].ID
