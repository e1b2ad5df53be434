"""The HTML catalog pages and the backup archive: what a reader sees, what cannot run, and archives that restore
whole or are refused whole."""

from __future__ import annotations

import errno
import json
import re
import zipfile
from pathlib import Path

import pytest

from catalog_app.core.errors import InputError
from catalog_app.core.record import validate_work
from catalog_app.services import backup_archive, html_export
from catalog_app.services.backup_archive import read_manifest, restore_archive, write_archive
from catalog_app.services.catalog import Catalog
from catalog_app.services.formats import html_page, starlight_json
from helpers import starlight

TOP_TITLES = ["Lost in Starlight", "The Summer", "Soulmate", "Your Name", "Suzume", "Parasite", "Squid Game",
              "KPop Demon Hunters"]


def _export_html(catalog, folder: Path) -> dict[str, str]:
    catalog.export_file(str(folder), "html")
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
            for p in folder.rglob("*") if p.suffix in (".html", ".css")}


def _page_of(pages: dict[str, str], title: str) -> str:
    [page] = [text for path, text in pages.items() if path.startswith("works/") and f"<h1>{title}</h1>" in text]
    return page


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


# ---- HTML ---------------------------------------------------------------------------------------------------------


def test_the_index_lists_every_work_in_its_scripts_with_its_poster(sqlite_sample, tmp_path):
    out = tmp_path / "site"
    pages = _export_html(sqlite_sample, out)
    index = pages["index.html"]
    assert '<meta charset="utf-8">' in index and '<link rel="stylesheet" href="style.css">' in index
    for title in TOP_TITLES:
        assert f'<span class="card-title">{title}</span>' in index
    # Hangul, Kana and Han as themselves, marked with their language so the right glyph shapes are used
    assert '<span class="card-original" lang="ko">이 별에 필요한</span>' in index
    assert '<span class="card-original" lang="ja">君の名は。</span>' in index
    assert "すずめの戸締まり" in index and "오징어 게임" in index
    assert "Completed" in index and "★★★★½" in index  # the person's status and rating
    posters = re.findall(r'<img class="thumb" src="([^"]+)"', index)
    assert len(posters) == len(TOP_TITLES)
    for src in posters:
        assert src.startswith("images/") and (out / src).is_file()
    assert len(list((out / "images").rglob("*.svg"))) == len(TOP_TITLES)
    links = re.findall(r'<a class="card-link" href="(works/[^"]+\.html)"', index)
    assert len(links) == len(TOP_TITLES) and all((out / link).is_file() for link in links)
    assert "grid-template-columns" in pages["style.css"]


def test_a_work_page_shows_credits_quotes_links_and_the_persons_history(sqlite_sample, tmp_path):
    out = tmp_path / "site"
    pages = _export_html(sqlite_sample, out)
    page = _page_of(pages, "Lost in Starlight")
    assert '<meta charset="utf-8">' in page and 'href="../style.css"' in page
    assert re.search(r"<dt>Director</dt><dd>.*Han Ji-won", page)
    assert 'Kim Tae-ri</span> <span class="muted">김태리</span> <span class="as">as Nan-young</span>' in page
    assert "Far more interested in the emotional dimensions of space travel" in page
    assert "— Den of Geek" in page and "Critic review" in page
    assert ('<a class="platform" href="https://www.netflix.com/search?q=Lost%20in%20Starlight" '
            'rel="noopener noreferrer">Netflix</a>') in page
    assert "<strong>91%</strong>" in page and "Rotten Tomatoes" in page
    assert '<li class="chip">long-distance relationship</li>' in page  # keywords
    assert '<a href="w2-the-summer.html">The Summer (2023)</a>' in page  # a relation, to its page
    assert "I Byeore Piryohan" in page and "30 May 2025" in page
    assert "★★★★½ 88/100" in page and "♥ Favourite" in page and "1 Jun 2025" in page
    assert "Watch again on a big screen for the jellyfish." in page
    [poster] = re.findall(r'<img class="poster" src="\.\./([^"]+)"', page)
    assert (out / poster).is_file()

    series = _page_of(pages, "Squid Game")
    assert "2021–2025" in series and "<h3>Season 3 · 2025</h3>" in series
    assert series.count("<td>Episode ") == 6 and "Completed, watched 28 Jun 2025" in series
    assert '<a href="https://www.imdb.com/title/tt10919420/" rel="noopener noreferrer">IMDb tt10919420</a>' in series
    parasite = _page_of(pages, "Parasite")
    assert "Blu-ray · Black &amp; white edition · Shelf B" in parasite


def _hostile_document() -> starlight_json.Document:
    record = validate_work({
        "id": "w1", "title": "<script>alert(1)</script>", "original_title": '"><img src=x onerror=alert(2)>',
        "synopsis": "Tom & Jerry <b>bold</b>", "genres": ["<i>Noir</i>"],
        "availability": [{"platform": "Evil<tv>", "url": "https://example.org/ok"},
                         {"platform": "Sneaky", "url": "https://example.org/x"}],
        "quotes": [{"text": "</blockquote><script>alert(3)</script>", "outlet": "Paper",
                    "url": "https://example.org/q"}],
        "personal": {"status": "completed", "notes": "<script>alert(4)</script>"}}, "test")
    # Validation keeps links http(s); a document built elsewhere may not have been validated.
    record["availability"][1]["url"] = "javascript:alert(5)"
    record["quotes"][0]["url"] = "data:text/html,<script>alert(6)</script>"
    return starlight_json.Document([record])


def test_text_from_records_is_escaped_and_only_http_links_are_links():
    pages = dict(html_page.render(_hostile_document(), {}, "My <films>", "2025-06-01", "Starlight test"))
    everything = "\n".join(pages.values())
    for n in range(1, 7):
        assert f"alert({n})</script>" not in everything
    assert "<img src=x" not in everything and "<b>bold</b>" not in everything
    assert pages["index.html"].count("<script>") == 1  # the filter's own, nothing from a record
    page = pages["works/w1-script-alert-1-script.html"]
    assert "<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>" in page
    assert "Tom &amp; Jerry &lt;b&gt;bold&lt;/b&gt;" in page and "<title>&lt;script&gt;" in page
    assert '<a class="platform" href="https://example.org/ok" rel="noopener noreferrer">Evil&lt;tv&gt;</a>' in page
    assert 'href="javascript:' not in everything and 'href="data:' not in everything
    assert "Sneaky <span" in page and "javascript:alert(5)" in page  # shown as text, not a link
    assert "<h1>My &lt;films&gt;</h1>" in pages["index.html"]


def test_a_work_without_a_poster_file_gets_a_drawn_stand_in(sqlite_sample, tmp_path):
    work_id = sqlite_sample.resolve("Parasite")
    record, _ = sqlite_sample.load(work_id)
    sqlite_sample.image_file(record["images"][0]["hash"], record["images"][0]["mime"]).unlink()
    pages = _export_html(sqlite_sample, tmp_path / "site")
    assert '<div class="thumb no-poster" aria-hidden="true"><span>Parasite</span></div>' in pages["index.html"]
    assert len(re.findall(r'<img class="thumb"', pages["index.html"])) == len(TOP_TITLES) - 1


def test_exporting_again_over_the_same_folder_replaces_it(sqlite_sample, tmp_path):
    out = tmp_path / "site"
    _export_html(sqlite_sample, out)
    sqlite_sample.delete_works([sqlite_sample.resolve("Soulmate")])
    sqlite_sample.add_new("별빛에 물든 밤", 2024)
    pages = _export_html(sqlite_sample, out)
    assert "별빛에 물든 밤" in pages["index.html"] and "Soulmate" not in pages["index.html"]
    assert not [p for p in pages if "soulmate" in p]  # the old pages went with the old folder
    assert len(list((out / "images").rglob("*.svg"))) == len(TOP_TITLES) - 1
    assert _leftovers(tmp_path) == []
    # an empty folder is taken as well
    (tmp_path / "empty").mkdir()
    assert sqlite_sample.export_file(str(tmp_path / "empty"), "html") == 15


def test_a_folder_holding_other_files_is_never_replaced(sqlite_sample, tmp_path):
    mine = tmp_path / "documents"
    mine.mkdir()
    (mine / "letter.txt").write_text("dear", encoding="utf-8")
    with pytest.raises(InputError, match=r"documents: is a folder holding other files .*letter\.txt"):
        sqlite_sample.export_file(str(mine), "html")
    assert [p.name for p in mine.iterdir()] == ["letter.txt"]
    # a previous export with a file of the person's added to it is refused too
    _export_html(sqlite_sample, tmp_path / "site")
    (tmp_path / "site" / "todo.txt").write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match=r"todo\.txt"):
        sqlite_sample.export_file(str(tmp_path / "site"), "html")
    (tmp_path / "file.html").write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="is a file"):
        sqlite_sample.export_file(str(tmp_path / "file.html"), "html")


def test_an_html_export_that_fails_leaves_the_previous_one_and_no_temporary_folder(sqlite_sample, tmp_path,
                                                                                    monkeypatch):
    out = tmp_path / "site"
    before = _export_html(sqlite_sample, out)

    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(html_export.shutil, "copyfile", disk_full)
    with pytest.raises(InputError, match="site: cannot be written \\(No space left on device\\)"):
        sqlite_sample.export_file(str(out), "html")
    assert {p: t for p, t in before.items()} == {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8")
                                                 for p in out.rglob("*") if p.suffix in (".html", ".css")}
    with pytest.raises(InputError):
        sqlite_sample.export_file(str(tmp_path / "new"), "html")
    assert not (tmp_path / "new").exists() and _leftovers(tmp_path) == []

    def read_only(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")
    monkeypatch.setattr(html_export.tempfile, "mkdtemp", read_only)
    with pytest.raises(InputError, match="new: cannot be written \\(Permission denied\\)"):
        sqlite_sample.export_file(str(tmp_path / "new"), "html")


def test_html_and_backup_exports_from_the_command_line(tmp_path):
    db = str(tmp_path / "x.db")
    assert starlight("--db", db, "sample").returncode == 0
    result = starlight("--db", db, "export", str(tmp_path / "out"), "--format", "html")
    assert result.returncode == 0, result.stderr
    assert result.stderr == f"exported 15 works to {tmp_path / 'out'}\n"
    assert "이 별에 필요한" in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    result = starlight("--db", db, "export", str(tmp_path / "copy.zip"))  # a .zip is a backup archive
    assert result.returncode == 0, result.stderr
    assert read_manifest(str(tmp_path / "copy.zip"))["works"] == 15
    refused = starlight("--db", db, "export", str(tmp_path / "x.db"), "--format", "html")
    assert refused.returncode == 1 and "is a file" in refused.stderr


# ---- backup archives --------------------------------------------------------------------------------------------


def _comparable(doc: starlight_json.Document) -> str:
    return starlight_json.dump(doc)


def _image_files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.glob("*/*")}


def test_a_backup_archive_restores_to_the_same_catalog(sample_catalog, tmp_path, catalog_target):
    archive = tmp_path / "backup.zip"
    assert sample_catalog.export_file(str(archive), "backup") == 15
    before, images, count = _comparable(sample_catalog.document()), _image_files(sample_catalog.images), \
        sample_catalog.count()
    with zipfile.ZipFile(archive) as z:
        names = z.namelist()
        manifest = json.loads(z.read("manifest.json"))
    postgres = catalog_target.startswith("postgresql")
    assert manifest["contents"] == ("catalog.json" if postgres else "catalog.sqlite") and manifest["contents"] in names
    assert manifest["database"] == ("postgresql" if postgres else "sqlite")
    assert (manifest["works"], manifest["images"], manifest["images_missing"]) == (15, 8, 0)
    assert manifest["app"].startswith("Starlight ") and manifest["schema"] >= 1 and manifest["created_at"]
    assert sorted(n for n in names if n.startswith("images/")) == sorted(f"images/{n}" for n in images)
    sample_catalog.close()

    restored = restore_archive(str(archive), str(tmp_path / "restored.sqlite"))
    assert (restored.works, restored.images, restored.problems) == (15, 8, [])
    with Catalog.open(str(tmp_path / "restored.sqlite")) as again:
        assert again.check() == [] and again.count() == count
        assert _comparable(again.document()) == before
        assert _image_files(again.images) == images
    assert _leftovers(tmp_path) == []


def test_a_restore_leaves_the_open_catalog_in_use(sqlite_sample, tmp_path):
    write_archive(sqlite_sample, str(tmp_path / "b.zip"))
    restore_archive(str(tmp_path / "b.zip"), str(tmp_path / "other.sqlite"))
    assert sqlite_sample.count() == 8 and sqlite_sample.add_new("After the restore") > 0


def test_a_restore_never_overwrites_a_catalog(sqlite_sample, tmp_path):
    write_archive(sqlite_sample, str(tmp_path / "b.zip"))
    existing = tmp_path / "mine.sqlite"
    existing.write_bytes(b"precious")
    with pytest.raises(InputError, match="mine.sqlite: is already there"):
        restore_archive(str(tmp_path / "b.zip"), str(existing))
    assert existing.read_bytes() == b"precious"
    with pytest.raises(InputError, match="whole catalog"):
        sqlite_sample.export_file(str(tmp_path / "part.zip"), "backup", ids=[1])


def test_a_restore_that_fails_at_the_last_step_leaves_no_catalog_and_no_images(sqlite_sample, tmp_path,
                                                                                monkeypatch):
    write_archive(sqlite_sample, str(tmp_path / "b.zip"))
    target = tmp_path / "new.sqlite"
    real_replace = backup_archive.os.replace

    def refuses_the_catalog(source, dest):
        if Path(dest) == target:  # the images are in place by now, and must go again
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_replace(source, dest)
    monkeypatch.setattr(backup_archive.os, "replace", refuses_the_catalog)
    with pytest.raises(InputError, match=r"new\.sqlite: cannot be written \(Permission denied\); nothing was restored"):
        restore_archive(str(tmp_path / "b.zip"), str(target))
    assert not target.exists() and not (tmp_path / "new-images").exists() and _leftovers(tmp_path) == []


def test_a_truncated_archive_is_refused_naming_the_file(sqlite_sample, tmp_path):
    archive = tmp_path / "cut.zip"
    write_archive(sqlite_sample, str(archive))
    data = archive.read_bytes()
    archive.write_bytes(data[:len(data) // 2])
    with pytest.raises(InputError, match=rf"^{re.escape(str(archive))}: is not a complete zip file"):
        restore_archive(str(archive), str(tmp_path / "new.sqlite"))
    assert not (tmp_path / "new.sqlite").exists() and _leftovers(tmp_path) == []


def _archive_with(path: Path, members: dict[str, bytes], manifest: dict | None = None) -> None:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("manifest.json", json.dumps(manifest or {
            "format": "starlight-backup", "version": 1, "schema": 1, "contents": "catalog.sqlite", "works": 0}))
        for name, data in members.items():
            z.writestr(name, data)


def test_an_archive_with_a_path_leaving_its_folder_is_refused(tmp_path):
    (tmp_path / "in").mkdir()
    archive = tmp_path / "in" / "slip.zip"
    _archive_with(archive, {"catalog.sqlite": b"SQLite format 3\x00", "../../evil.txt": b"gotcha"})
    with pytest.raises(InputError, match=r"slip\.zip: holds a file with a path that leaves the folder "
                                         r"\('\.\./\.\./evil\.txt'\); nothing was restored"):
        restore_archive(str(archive), str(tmp_path / "in" / "new.sqlite"))
    assert not (tmp_path / "evil.txt").exists() and not (tmp_path / "in" / "new.sqlite").exists()
    _archive_with(archive, {"catalog.sqlite": b"", "/etc/evil": b"x"})
    with pytest.raises(InputError, match="leaves the folder"):
        restore_archive(str(archive), str(tmp_path / "in" / "new.sqlite"))


def test_archives_that_are_too_large_damaged_or_not_backups_are_refused(sqlite_sample, tmp_path, monkeypatch):
    good = tmp_path / "good.zip"
    write_archive(sqlite_sample, str(good))
    target = str(tmp_path / "new.sqlite")
    monkeypatch.setattr(backup_archive, "MAX_MEMBER_BYTES", 100)
    with pytest.raises(InputError, match=r"good\.zip: images/.* unpacks to 1,\d{3} bytes"):
        restore_archive(str(good), target)
    monkeypatch.undo()

    with zipfile.ZipFile(good) as z:
        members = {n: z.read(n) for n in z.namelist() if n != "manifest.json"}
        manifest = json.loads(z.read("manifest.json"))
    image = next(n for n in members if n.startswith("images/"))
    _archive_with(tmp_path / "swapped.zip", {**members, image: b"<svg/>"}, manifest)
    with pytest.raises(InputError, match=rf"swapped\.zip: {image} is damaged"):
        restore_archive(str(tmp_path / "swapped.zip"), target)
    _archive_with(tmp_path / "other.zip", {"catalog.sqlite": b""}, {"format": "something-else"})
    with pytest.raises(InputError, match="is not a Starlight backup archive"):
        restore_archive(str(tmp_path / "other.zip"), target)
    _archive_with(tmp_path / "newer.zip", members, {**manifest, "schema": 999})
    with pytest.raises(InputError, match="newer Starlight"):
        restore_archive(str(tmp_path / "newer.zip"), target)
    _archive_with(tmp_path / "fake.zip", {**members, "catalog.sqlite": b"not a database"}, manifest)
    with pytest.raises(InputError, match="is not an SQLite database"):
        restore_archive(str(tmp_path / "fake.zip"), target)
    assert not Path(target).exists() and not (tmp_path / "new-images").exists() and _leftovers(tmp_path) == []


def test_an_archive_that_fails_to_write_leaves_nothing_and_keeps_the_previous_one(sqlite_sample, tmp_path,
                                                                                   monkeypatch):
    archive = tmp_path / "b.zip"
    write_archive(sqlite_sample, str(archive))
    previous = archive.read_bytes()
    real_write = zipfile.ZipFile.write
    calls = []

    def fails_midway(self, *args, **kwargs):
        calls.append(args)
        if len(calls) > 2:  # after the database and one image
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(self, *args, **kwargs)
    monkeypatch.setattr(zipfile.ZipFile, "write", fails_midway)
    with pytest.raises(InputError, match=r"b\.zip: cannot be written \(No space left on device\); nothing was written"):
        write_archive(sqlite_sample, str(archive))
    assert archive.read_bytes() == previous and _leftovers(tmp_path) == []
    calls.clear()
    with pytest.raises(InputError):
        write_archive(sqlite_sample, str(tmp_path / "fresh.zip"))
    assert not (tmp_path / "fresh.zip").exists() and _leftovers(tmp_path) == []
    with pytest.raises(InputError, match="is a folder"):
        write_archive(sqlite_sample, str(tmp_path))
