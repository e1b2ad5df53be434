"""Shared test set-up: offscreen Qt, private data and cache folders, and catalogs on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.fixture(autouse=True)
def private_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the user's real catalog, cache or settings."""
    base = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("STARLIGHT_DATA_DIR", str(base / "data"))
    monkeypatch.setenv("STARLIGHT_CACHE_DIR", str(base / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(base / "config"))
    # No test reaches the internet: every online source points at a closed local port unless a test serves it.
    for provider in ("TMDB", "WIKIDATA", "JIKAN", "TVMAZE", "ANILIST", "OMDB", "TMDB_IMAGE"):
        monkeypatch.setenv(f"STARLIGHT_{provider}_URL", "http://127.0.0.1:9/")
    # ...and the addresses inside recorded answers (posters on the sources' real hosts) are never asked either.
    monkeypatch.setenv("STARLIGHT_ALLOWED_HOSTS", "127.0.0.1,localhost")
    for key in ("STARLIGHT_TMDB_KEY", "STARLIGHT_OMDB_KEY", "STARLIGHT_ANILIST_ENABLED", "STARLIGHT_OFFLINE"):
        monkeypatch.delenv(key, raising=False)


def _postgres_url() -> str:
    import pg_cluster

    base, reason = pg_cluster.server_url()
    if base is None:
        print(f"\nPostgreSQL tests skipped: {reason}", file=sys.stderr)
        pytest.skip(f"PostgreSQL not available: {reason}")
    return pg_cluster.fresh_database(base)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def catalog_target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new, empty catalog's location on each engine: a SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        yield str(tmp_path / "catalog.sqlite")
        return
    url = _postgres_url()
    yield url
    import pg_cluster
    from catalog_app.store.tables import database

    if database.obj is not None and not database.obj.is_closed():
        database.obj.close()
    pg_cluster.drop_database(url)


@pytest.fixture
def catalog(catalog_target: str):
    from catalog_app.services.catalog import Catalog

    with Catalog.open(catalog_target) as opened:
        yield opened


@pytest.fixture
def sqlite_catalog(tmp_path: Path):
    from catalog_app.services.catalog import Catalog

    with Catalog.open(str(tmp_path / "catalog.sqlite")) as opened:
        yield opened


@pytest.fixture
def sample_catalog(catalog):
    from catalog_app.services.sample import load_sample

    load_sample(catalog)
    return catalog


@pytest.fixture
def sqlite_sample(sqlite_catalog):
    """The sample in a SQLite catalog, for what only SQLite has (files, WAL, locks)."""
    from catalog_app.services.sample import load_sample

    load_sample(sqlite_catalog)
    return sqlite_catalog
