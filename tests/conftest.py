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
# As the app runs (gui.main_window.run_app sets it for the process): the window's turns among its workers
sys.setswitchinterval(0.001)


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


def _close_bound_catalog() -> None:
    """Close the database the tables are bound to (a test's catalog), so that its database can be dropped."""
    from catalog_app.store.tables import database

    if database.obj is not None and not database.obj.is_closed():
        database.obj.close()


@pytest.fixture
def new_pg_database():
    """Makes new, empty PostgreSQL databases for one test (UTF8, with pg_trgm where the server has it), dropped
    afterwards; skips the test, saying why, when there is no server."""
    import pg_cluster

    base, reason = pg_cluster.server_url()
    if base is None:
        print(f"\nPostgreSQL tests skipped: {reason}", file=sys.stderr)
        pytest.skip(f"PostgreSQL not available: {reason}")
    made: list[str] = []

    def make() -> str:
        made.append(pg_cluster.fresh_database(base))
        return made[-1]
    yield make
    _close_bound_catalog()
    for url in made:
        pg_cluster.drop_database(url)


@pytest.fixture
def pg_url(new_pg_database) -> str:
    """One new, empty PostgreSQL database for the test."""
    return new_pg_database()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def catalog_target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new, empty catalog's location on each engine: a SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "catalog.sqlite")
    return request.getfixturevalue("new_pg_database")()


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


@pytest.fixture
def tmdb_server(httpserver):
    """A local server answering as TMDB with recorded answers: configuration, searches, The Matrix, Fight Club and
    posters."""
    import re

    from provider_helpers import fight_club
    from test_online import load, poster_bytes
    httpserver.expect_request("/3/configuration").respond_with_json(load("tmdb", "configuration_2017.flexget.json"))
    httpserver.expect_request("/3/search/movie").respond_with_json(
        load("tmdb", "search_movie_the_matrix.flexget.json"))
    httpserver.expect_request("/3/search/tv").respond_with_json(load("tmdb", "search_tv_game_of_thrones.jdrouet.json"))
    httpserver.expect_request("/3/movie/603").respond_with_json(
        load("tmdb", "movie_603_append_alternative_titles.flexget.json"))
    httpserver.expect_request("/3/movie/550").respond_with_json(fight_club())
    httpserver.expect_request(re.compile(r"/t/p/w\d+/.+\.jpg")).respond_with_data(poster_bytes(),
                                                                                   content_type="image/jpeg")
    return httpserver
