"""Tellico collections and Kodi/Jellyfin .nfo files read from real files: what each work keeps (facts, people,
ratings, ids, the person's layer, cover images), series put together from their folder, and each kind of bad input."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from catalog_app.core.errors import InputError
from catalog_app.core import place_names
from catalog_app.core.record import validate_work
from catalog_app.services.formats import kodi_nfo, tellico_xml
from catalog_app.services.formats.entries import Entry, Skipped
from conftest import SHARED

TELLICO = SHARED / "fixtures" / "exports" / "tellico"
KODI = SHARED / "fixtures" / "exports" / "kodi_nfo"

BILLION_LAUGHS = (b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
                  b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
                  b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>\n')
EXTERNAL_ENTITY = b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'


def tellico_doc(collection_type: str, entries: str) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<tellico xmlns="http://periapsis.org/tellico/" '
            f'syntaxVersion="11">\n <collection title="Mine" type="{collection_type}">\n{entries}\n </collection>\n'
            f'</tellico>\n').encode()


def by_title(entries: list[Entry | Skipped]) -> dict[str, Entry]:
    return {e.record["title"]: e for e in entries if isinstance(e, Entry)}


def credits_of(entry: Entry, role: str) -> list[tuple[str, str | None]]:
    return [(entry.people[c["person"]]["name"], c["character"]) for c in entry.record["credits"] if c["role"] == role]


def assert_valid(entries: list[Entry | Skipped]) -> None:
    """Every record is what validate_work makes of it, and every credit names a person the entry carries."""
    for entry in entries:
        if isinstance(entry, Entry):
            assert validate_work(entry.record, entry.where) == entry.record
            works = [entry.record]
            while works:
                work = works.pop()
                assert all(c["person"] in entry.people for c in work["credits"])
                works += work["children"]


# ---- Tellico ---------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def movies_many() -> list[Entry | Skipped]:
    return tellico_xml.parse((TELLICO / "movies-many.tc").read_bytes(), "movies-many.tc")


def test_a_tc_file_and_its_bare_xml_give_the_same_82_videos(movies_many):
    bare = tellico_xml.parse((TELLICO / "movies-many_tellico.xml").read_bytes(), "movies-many_tellico.xml")
    assert len(movies_many) == 82 and all(isinstance(e, Entry) for e in movies_many)
    assert [e.record for e in bare] == [e.record for e in movies_many]
    assert movies_many[39].where == "movies-many.tc: entry 40 (id=41)"  # position and Tellico's own id
    assert_valid(movies_many)


def test_a_tellico_film_keeps_its_facts_makers_and_cast_with_characters(movies_many):
    films = by_title(movies_many)
    spider = films["Spider-Man"]
    record = spider.record
    assert (record["kind"], record["year"], record["runtime"], record["content_rating"]) == ("film", 2002, 121, "PG-13")
    assert (record["genres"], record["countries"], record["languages"]) == (["Action"], ["US"], ["en"])
    assert credits_of(spider, "director") == [("Sam Raimi", None)]
    assert credits_of(spider, "cast")[:2] == [("Tobey Maguire", "Peter Parker"), ("Kirsten Dunst", "Mary Jane")]
    assert spider.people["name:Sam Raimi"] == {"id": "name:Sam Raimi", "name": "Sam Raimi", "original_name": None,
                                               "external_ids": {}}
    kate = films["Kate & Leopold"].record  # an entity in the title; writer and composer credits; a studio
    assert credits_of(films["Kate & Leopold"], "writer") == [("James Mangold", None), ("Steven Rogers", None)]
    assert credits_of(films["Kate & Leopold"], "composer") == [("Rolfe Kent", None)]
    assert kate["companies"] == [{"name": "Miramax", "role": "studio"}] and kate["languages"] == ["en", "fr"]
    # nationality names become codes: the Czech film made with four other countries
    assert films["Tmavomodrý svet"].record["countries"] == ["CZ", "GB", "DE", "DK", "IT"]


def test_the_persons_tellico_rating_copy_and_loan_become_their_layer(movies_many):
    films = by_title(movies_many)
    assert films["8 Femmes"].record["personal"]["rating"] == 60  # 3 of Tellico's 5
    assert films["Top Gun"].record["personal"]["rating"] == 100
    kate = films["Kate & Leopold"].record["personal"]
    assert kate["rating"] is None and kate["status"] is None
    assert kate["copies"] == [{"format": "dvd", "edition": None, "location": None, "loaned_to": "Robby",
                               "loaned_on": "2026-04-05", "acquired_on": None, "note": "Region 1, NTSC"}]
    assert films["Spider-Man"].record["personal"]["copies"][0]["loaned_to"] is None


def test_ted_lasso_is_a_series_with_its_episode_table_titles_and_its_embedded_cover():
    data = (TELLICO / "ted_lasso_with_embedded_images.xml").read_bytes()
    [entry] = tellico_xml.parse(data, "ted_lasso.xml")
    record = entry.record
    assert (record["kind"], record["year"], record["external_ids"]) == ("series", 2020, {"imdb": "tt10986410"})
    assert [(s["title"], s["number"], len(s["children"])) for s in record["children"]] == [("Season 1", 1, 10),
                                                                                        ("Season 2", 2, 1)]
    assert record["children"][0]["children"][1] == {**record["children"][0]["children"][1], "kind": "episode",
                                                     "title": "Biscuits", "number": 2}
    assert [t["title"] for t in record["titles"]] == ["Тед Лассо", "テッド・ラッソ", "泰德拉索：錯棚教練趣事多", "טד לאסו"]
    assert record["synopsis"].startswith("Ted Lasso centers on an idealistic")  # Tellico's <b> taken out
    assert ("Hannah Waddingham", "Rebecca Welton") in credits_of(entry, "cast")
    [(image, mime)] = entry.images
    assert mime == "image/jpeg" and image[:3] == b"\xff\xd8\xff" and image[-2:] == b"\xff\xd9"
    assert len(image) == 713_721
    assert_valid([entry])


def test_a_tc_file_keeps_its_covers_in_its_images_folder():
    xml = (TELLICO / "ted_lasso_with_embedded_images.xml").read_text(encoding="utf-8")
    cover = re.search(r'id="([0-9a-f]+\.jpeg)">', xml)
    assert cover
    jpeg = b"\xff\xd8\xff\xe0" + b"\x00" * 100 + b"\xff\xd9"
    listed = re.sub(r"(<image [^>]*>)[^<]*(</image>)", r"\1\2", xml)  # as a .tc writes it: the data beside the XML
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w") as archive:
        archive.writestr("tellico.xml", listed)
        archive.writestr(f"images/{cover.group(1)}", jpeg)
    [entry] = tellico_xml.parse(packed.getvalue(), "ted_lasso.tc")
    assert entry.images == [(jpeg, "image/jpeg")]


def test_a_tellico_entry_that_cannot_be_taken_is_skipped_and_named():
    entries = ('<entry id="7"><title>Too Early</title><year>1700</year></entry>'
               '<entry id="8"><year>2001</year></entry>'
               '<entry id="9"><title>Fine</title><medium>Blu-ray</medium><seen>true</seen>'
               '<comments>Great &lt;b&gt;score&lt;/b&gt;</comments></entry>')
    out = tellico_xml.parse(tellico_doc("3", entries), "mine.tc")
    assert isinstance(out[0], Skipped) and out[0].where == "mine.tc: entry 1 (id=7)"
    assert out[0].title == "Too Early" and "1700" in out[0].reason
    assert out[1] == Skipped("mine.tc: entry 2 (id=8)", "", "no title")
    personal = out[2].record["personal"]
    assert (personal["status"], personal["notes"], personal["copies"][0]["format"]) == ("completed", "Great score",
                                                                                        "bluray")


@pytest.mark.parametrize("data, expected", [
    (tellico_doc("2", '<entry id="1"><title>Dune</title></entry>'), "is a Tellico collection of books, not videos"),
    (tellico_doc("4", ""), "is a Tellico collection of music, not videos"),
    ((TELLICO / "movies-many_tellico.xml").read_bytes()[:5000], "is not well-formed XML"),
    (BILLION_LAUGHS + b'<tellico xmlns="http://periapsis.org/tellico/">&lol3;</tellico>', "declares entities"),
    (EXTERNAL_ENTITY + b'<tellico xmlns="http://periapsis.org/tellico/">&xxe;</tellico>', "declares entities"),
    ((TELLICO / "movies-many.tc").read_bytes()[:12000], "is not a complete zip file"),
    (b'<?xml version="1.0"?><myanimelist></myanimelist>', "is not a Tellico collection (its root is <myanimelist>)"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "is neither a Tellico .tc file nor Tellico XML"),
])
def test_what_is_not_a_tellico_video_collection_is_refused_naming_the_file(data, expected):
    with pytest.raises(InputError) as caught:
        tellico_xml.parse(data, "mine.tc")
    assert expected in caught.value.message and "mine.tc" in str(caught.value)


def test_a_zip_without_tellico_xml_is_refused():
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w") as archive:
        archive.writestr("notes.txt", "hello")
    with pytest.raises(InputError, match="without tellico.xml"):
        tellico_xml.parse(packed.getvalue(), "other.zip")


def test_country_and_language_names_become_codes_only_where_known():
    assert [place_names.country_code(n) for n in ("USA", "United Kingdom", "gb", "Czech Republic", "Atlantis")] == [
        "US", "GB", "GB", "CZ", None]
    assert [place_names.language_code(n) for n in ("English", "Mandarin", "ko", "Elvish")] == ["en", "zh", "ko", None]


# ---- Kodi / Jellyfin .nfo ----------------------------------------------------------------------------------------

def nfo(name: str) -> bytes:
    return (KODI / name).read_bytes()


def one(name: str) -> Entry:
    [entry] = kodi_nfo.parse_nfo(nfo(name), name)
    assert isinstance(entry, Entry)
    assert_valid([entry])
    return entry


def test_justice_league_keeps_its_ids_ratings_people_and_the_persons_plays():
    entry = one("movie_Justice_League.jellyfin.nfo")
    record = entry.record
    assert record["external_ids"] == {"imdb": "tt0974015", "tmdb": "movie/141052"}
    assert [(r["source"], r["value"], r["scale"], r["votes"]) for r in record["ratings"]] == [
        ("imdb", 6.4, 10.0, 335583), ("metacritic", 45.0, 100.0, 52), ("tmdb", 6.2, 10.0, 7788)]
    assert (record["year"], record["runtime"], record["tagline"]) == (2017, 120, "Justice for all.")
    assert record["release_dates"] == [{"country": None, "date": "2017-11-15", "kind": "theatrical", "note": None}]
    assert (record["countries"], record["content_rating"]) == (["US", "CA", "GB"], "Australia:M")
    assert record["genres"] == ["Action", "Adventure", "Fantasy", "Sci-Fi"]
    assert record["companies"] == [{"name": "DC Comics", "role": "studio"}]
    assert record["tags"] == ["Justice League Collection"]  # the set
    assert credits_of(entry, "director") == [("Zack Snyder", None)]  # the stray comma dropped
    assert credits_of(entry, "writer") == [("Jerry Siegel", None), ("Joe Shuster", None), ("Test", None)]
    cast = [c for c in record["credits"] if c["role"] == "cast"]
    assert len(cast) == 15 and (cast[0]["person"], cast[0]["character"], cast[0]["billing"]) == (
        "name:Ben Affleck", "Batman", 0)
    assert [(c["person"], c["note"]) for c in record["credits"] if c["role"] == "crew"] == [
        ("name:Test Lyricist", "Lyricist")]
    personal = record["personal"]
    assert (personal["status"], personal["rating"]) == ("completed", None)  # userrating 0 is none
    assert [(v["date"], v["rewatch"]) for v in personal["viewings"]] == [("2021-02-11", False), (None, True)]


def test_a_scraped_alien_nfo_gives_the_film_its_voice_credit_and_certification():
    entry = one("Alien_1979_movie.tellico.nfo")
    record = entry.record
    assert (record["title"], record["year"], record["runtime"], record["content_rating"]) == ("Alien", 1979, 117, "R")
    assert record["external_ids"] == {"imdb": "tt0078748", "tmdb": "movie/348"}
    assert record["countries"] == ["US"] and record["tags"] == ["Alien Collection"]
    assert credits_of(entry, "writer") == [("Dan O'Bannon", None)]  # Kodi's <credits>
    assert credits_of(entry, "voice") == [("Helen Horton", "Mother")]
    assert ("Sigourney Weaver", "Lt. Ellen Louise Ripley") in credits_of(entry, "cast")
    assert record["images"] == [] and entry.images == []  # thumbs are links: not kept
    assert record["personal"] is None


def test_american_gods_is_a_series_with_its_network_and_tmdb_tv_id():
    entry = one("tvshow_American_Gods.jellyfin.nfo")
    record = entry.record
    assert (record["kind"], record["title"], record["year"]) == ("series", "American Gods", 2017)
    assert record["external_ids"] == {"tmdb": "tv/46639"}  # its TheTVDB id has no place
    assert record["companies"] == [{"name": "Starz", "role": "network"}]
    assert record["release_dates"][0]["kind"] == "premiere" and record["runtime"] is None  # Kodi's 0 is none
    assert credits_of(entry, "cast")[:2] == [("Ricky Whittle", "Shadow Moon"), ("Ian McShane", "Mr. Wednesday")]
    assert record["children"] == []


def test_episodes_and_seasons_join_the_series_whose_tvshow_nfo_is_in_their_folder():
    files = {"American Gods/tvshow.nfo": nfo("tvshow_American_Gods.jellyfin.nfo"),
             "American Gods/Season 01/season.nfo": nfo("season_01.jellyfin.nfo"),
             "American Gods/Season 01/S01E01-E04.nfo": nfo("episode_multi_S01E01-E04.jellyfin.nfo"),
             "American Gods/Season 01/S01E08.nfo": nfo("episode_sonarr_thumb.jellyfin.nfo"),
             "Films/Alien.nfo": nfo("Alien_1979_movie.tellico.nfo")}
    out = kodi_nfo.parse_files(files, "library")
    assert_valid(out)
    assert [e.record["title"] for e in out] == ["American Gods", "Alien"]
    series = out[0]
    [season] = series.record["children"]
    assert (season["kind"], season["number"], season["title"], season["year"]) == ("season", 1, "Season 1", 2019)
    assert len(season["credits"]) == 10 and "name:Olivia Rodrigo" in series.people
    assert [(e["number"], e["title"]) for e in season["children"]] == [
        (1, "Rising"), (2, "Rising (2)"), (3, "Hide and Seek"), (4, "Thirty-Eight Minutes"),
        (8, "Sometimes a Genius's Every Action Is at the Mercy of X")]
    first = season["children"][0]
    assert (first["kind"], first["year"], first["original_title"]) == ("episode", 2004, "Rising (1)")
    assert first["release_dates"][0] == {"country": None, "date": "2004-07-16", "kind": "tv", "note": None}
    assert first["credits"][0]["character"] == "John Sheppard" and "name:Joe Flanigan" in series.people


def test_an_episode_or_season_file_without_its_series_is_skipped_and_says_why():
    out = kodi_nfo.parse_nfo(nfo("episode_multi_S01E01-E04.jellyfin.nfo"), "S01E01-E04.nfo")
    assert [(s.where, s.title) for s in out] == [
        ("S01E01-E04.nfo: <episodedetails> 1", "Rising"), ("S01E01-E04.nfo: <episodedetails> 2", "Rising (2)"),
        ("S01E01-E04.nfo: <episodedetails> 3", "Hide and Seek"),
        ("S01E01-E04.nfo: <episodedetails> 4", "Thirty-Eight Minutes")]
    assert {s.reason for s in out} == {"an episode's file without its series' tvshow.nfo"}
    assert len(kodi_nfo.parse_nfo(nfo("episode_Rising.jellyfin.nfo"), "Rising.nfo")) == 2  # two episodes too
    [season] = kodi_nfo.parse_nfo(nfo("season_01.jellyfin.nfo"), "season.nfo")
    assert season == Skipped("season.nfo: <season>", "Season 1", "a season's file without its series' tvshow.nfo")


def test_lilo_and_stitch_entities_decode():
    record = one("movie_Lilo_and_Stitch_entities.jellyfin.nfo").record
    assert record["title"] == "Lilo & Stitch" and record["original_title"] is None  # the same as the title
    assert record["synopsis"].startswith(">>As Stitch, a runaway") and record["synopsis"].endswith("family.<<")
    assert "ʻohana" in record["synopsis"] and '"puppy"' in record["synopsis"]
    assert record["tags"] == ["Lilo & Stitch Collection"] and record["external_ids"] == {}  # a tmdbcol id: no place


def test_a_links_only_nfo_is_skipped_naming_its_ids():
    [skipped] = kodi_nfo.parse_nfo(nfo("movie_url_only_radarr_style.jellyfin.nfo"), "Radarr.nfo")
    assert isinstance(skipped, Skipped) and skipped.where == "Radarr.nfo" and skipped.title == ""
    assert "only links" in skipped.reason and "tmdb movie/583689" in skipped.reason and "tt4154796" in skipped.reason


def test_a_link_after_the_xml_gives_ids_and_html_entities_are_read():
    data = nfo("movie_Lilo_and_Stitch_entities.jellyfin.nfo").replace(b"</title>", b" &eacute;t&eacute;</title>")
    [entry] = kodi_nfo.parse_nfo(data + b"\nhttps://www.imdb.com/title/tt0275847/\n", "Lilo.nfo")
    assert entry.record["title"] == "Lilo & Stitch été"
    assert entry.record["external_ids"] == {"imdb": "tt0275847"}


def test_the_persons_kodi_rating_and_last_play():
    data = (b"<movie><title>Heat</title><year>1995</year><userrating>9</userrating><playcount>1</playcount>"
            b"<lastplayed>2024-03-02 21:00:00</lastplayed><uniqueid type='tmdb'>949</uniqueid></movie>")
    [entry] = kodi_nfo.parse_nfo(data, "Heat.nfo")
    personal = entry.record["personal"]
    assert (personal["rating"], personal["status"]) == (90, "completed")
    assert [(v["date"], v["rewatch"]) for v in personal["viewings"]] == [("2024-03-02", False)]
    assert entry.record["external_ids"] == {"tmdb": "movie/949"}


@pytest.mark.parametrize("data, expected", [
    (nfo("movie_Justice_League.jellyfin.nfo")[:2000], "ends before its elements close"),
    (b"<movie><title>x</title><year>1999</movie>", "is not well-formed XML (mismatched tag)"),
    (BILLION_LAUGHS + b"<movie><title>&lol3;</title></movie>", "declares a DTD or entities"),
    (EXTERNAL_ENTITY + b"<movie><title>&xxe;</title></movie>", "declares a DTD or entities"),
    (b"<movie><title>&xxe;</title></movie>", "is not well-formed XML (undefined entity"),
    (b"  .:: RELEASE GROUP ::.\n  Alien.1979.1080p\n", "holds no XML"),
    (b"<album><title>Kind of Blue</title></album>", "its root is <album>"),
])
def test_what_is_not_a_kodi_nfo_is_refused_naming_the_file(data, expected):
    with pytest.raises(InputError) as caught:
        kodi_nfo.parse_nfo(data, "movie.nfo")
    assert expected in caught.value.message and "movie.nfo" in str(caught.value)


def test_one_broken_file_in_a_library_is_skipped_and_the_rest_taken():
    files = {"Alien/movie.nfo": nfo("Alien_1979_movie.tellico.nfo"), "Heat/movie.nfo": b"<movie><title>Heat",
             "Heat/Heat.1995.nfo": b"Ripped by someone\n"}
    out = kodi_nfo.parse_files(files, "films")
    assert [type(e).__name__ for e in out] == ["Entry", "Skipped", "Skipped"]
    assert out[1].where == "films: Heat/Heat.1995.nfo" and "holds no XML" in out[1].reason
    assert out[2].where == "films: Heat/movie.nfo" and "cut short" in out[2].reason
    with pytest.raises(InputError, match="holds no XML"):
        kodi_nfo.parse_files({k: v for k, v in files.items() if k.startswith("Heat")}, "films")


def test_a_library_folder_is_read_with_paths_relative_to_it(tmp_path):
    show = tmp_path / "American Gods"
    (show / "Season 1").mkdir(parents=True)
    (show / "tvshow.nfo").write_bytes(nfo("tvshow_American_Gods.jellyfin.nfo"))
    (show / "Season 1" / "S01E01.nfo").write_bytes(nfo("episode_Rising.jellyfin.nfo"))
    (show / "Season 1" / "poster.jpg").write_bytes(b"\xff\xd8\xff")
    files = kodi_nfo.read_nfo_files(str(tmp_path))
    assert sorted(files) == ["American Gods/Season 1/S01E01.nfo", "American Gods/tvshow.nfo"]
    [series] = kodi_nfo.parse_files(files, tmp_path.name)
    assert [e["title"] for e in series.record["children"][0]["children"]] == ["Rising (1)", "Rising (2)"]
    assert list(kodi_nfo.read_nfo_files(str(show / "tvshow.nfo"))) == ["tvshow.nfo"]


def test_every_kodi_fixture_gives_valid_records_or_named_skips():
    files = {path.name: path.read_bytes() for path in KODI.iterdir()}
    out = kodi_nfo.parse_files(files, "kodi_nfo")
    assert_valid(out)
    taken = sorted(e.record["title"] for e in out if isinstance(e, Entry))
    assert taken == ["Alien", "American Gods", "Justice League", "Lilo & Stitch"]
    # the fixtures sit in one folder with one tvshow.nfo: its episodes and season join American Gods
    series = by_title(out)["American Gods"].record
    assert sum(len(s["children"]) for s in series["children"]) == 7
    assert [s.where for s in out if isinstance(s, Skipped)] == ["kodi_nfo: movie_url_only_radarr_style.jellyfin.nfo"]
