"""Writing the catalog as a folder of web pages (formats.html_page) with its posters, replacing the folder whole.

The folder is built beside its destination and renamed into place, so a reader never finds half an export; a
folder that holds anything but a previous export is never replaced.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from .. import APP_NAME, __version__
from ..core.errors import InputError
from ..core.record import iter_works
from ..store.maintenance import image_path
from .catalog import staging_folder
from .formats import html_page

if TYPE_CHECKING:
    from .catalog import Catalog


def write_html_folder(catalog: "Catalog", folder: str, ids: list[int] | None = None) -> int:
    """Write the catalog (or the works `ids`) as web pages in `folder`; returns the number of works written
    (seasons and episodes included, as on their series' pages).

    Raises:
        InputError: `folder` is a file, or a folder holding other things than a previous export, or cannot be
            written.
    """
    if folder == "-":
        raise InputError("HTML pages are a folder; give a folder name", folder)
    target = Path(folder)
    _refuse_foreign(target)
    doc = catalog.document(ids)
    posters: dict[str, str] = {}
    copies: dict[str, Path] = {}
    for record in iter_works(doc.works):
        image = html_page.poster_of(record)
        if image is None or image["hash"] in posters:
            continue
        source = catalog.image_file(image["hash"], image["mime"])
        if source.is_file():  # a missing file shows the drawn stand-in rather than a broken image
            relative = image_path(Path("images"), image["hash"], image["mime"]).as_posix()
            posters[image["hash"]] = relative
            copies[relative] = source
    language_name, country_name = _code_names()
    pages = html_page.render(doc, posters, catalog.name, dt.date.today().isoformat(), f"{APP_NAME} {__version__}",
                             language_name, country_name)
    with staging_folder(target, folder) as building:
        try:
            # No fsync per file: until the rename the pages are only in the temporary folder, which a crash leaves
            # behind without touching the destination; thousands of fsyncs would cost more than the export.
            for relative, text in pages:
                path = building / relative
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8", newline="\n")
            for relative, source in copies.items():
                path = building / relative
                path.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, path)
            _put_in_place(building, target)
        except OSError as e:
            raise InputError(f"cannot be written ({e.strerror or e})", folder) from e
    return sum(1 for _ in iter_works(doc.works))


def _refuse_foreign(target: Path) -> None:
    """Refuse a destination that is a file, or a folder with something in it that this export did not write."""
    if target.is_file():
        raise InputError("is a file; HTML pages are written to a folder", str(target))
    if not target.is_dir():
        return
    entries = sorted(p.name for p in target.iterdir())
    if not entries:
        return
    foreign = [name for name in entries if name not in html_page.EXPORT_ENTRIES]
    index = target / "index.html"
    try:
        ours = index.is_file() and html_page.is_export_index(index.read_text(encoding="utf-8", errors="replace"))
    except OSError:
        ours = False
    if foreign or not ours:
        first = foreign[0] if foreign else "index.html"
        raise InputError(f"is a folder holding other files than a Starlight HTML export (such as {first}); "
                         "give a new or empty folder", str(target))


def _put_in_place(building: Path, target: Path) -> None:
    """Rename the finished folder onto the destination; a previous export there is set aside, then removed."""
    if not target.exists():
        os.replace(building, target)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent))
    old.rmdir()  # only its unique name is wanted: a folder cannot be renamed onto a non-empty one
    os.replace(target, old)
    try:
        os.replace(building, target)
    except OSError:
        os.replace(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _code_names():
    """Language and country names for codes ("ko" → "Korean", "KR" → "South Korea"), from Qt's locale data."""
    from PySide6.QtCore import QLocale

    def language_name(code: str) -> str:
        base, _, region = code.replace("_", "-").partition("-")
        language = QLocale.codeToLanguage(base)
        if language == QLocale.Language.AnyLanguage:
            return code
        name = QLocale.languageToString(language)
        territory = QLocale.codeToTerritory(region) if region else QLocale.Country.AnyTerritory
        return name if territory == QLocale.Country.AnyTerritory else f"{name} ({QLocale.territoryToString(territory)})"

    def country_name(code: str) -> str:
        territory = QLocale.codeToTerritory(code)
        return code if territory == QLocale.Country.AnyTerritory else QLocale.territoryToString(territory)

    return language_name, country_name
