"""Starlight, a desktop catalog for films, series and anime.

Holds only the application's identity; importing it pulls in nothing else. The version is written once, in
pyproject.toml, and read from there in a source tree or from the installed package's metadata (which a frozen
build carries).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

APP_NAME = "Starlight"
APP_ID = "org.starlight.Starlight"
DISTRIBUTION = "starlight-catalog"


@lru_cache(maxsize=1)
def _version() -> str:
    pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
    if pyproject.is_file():
        import tomllib
        with pyproject.open("rb") as f:
            project = tomllib.load(f).get("project", {})
        if project.get("name") == DISTRIBUTION:
            return project["version"]
    from importlib.metadata import version
    return version(DISTRIBUTION)


def __getattr__(name: str) -> str:
    if name == "__version__":
        return _version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
