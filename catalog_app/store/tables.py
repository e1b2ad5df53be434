"""The catalog's Peewee tables: works and everything known about them, people, companies and the personal layer.

All tables bind to `database` (a proxy), which `store.db.open_database` points at SQLite or PostgreSQL.
Closed vocabularies are stored as their `core.types` string values; dates as ISO text ("2025", "2025-05",
"2025-05-30"), because sources often know only a year or a month. Images live in a content-addressed cache
folder: the database holds only their hash, size and source.
"""

from __future__ import annotations

import datetime as dt

from peewee import (
    AutoField,
    BigIntegerField,
    BooleanField,
    CharField,
    Check,
    DatabaseProxy,
    DateTimeField,
    FloatField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

database = DatabaseProxy()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)


class Table(Model):
    class Meta:
        database = database
        legacy_table_names = False


class Work(Table):
    """A film, series, season, episode, short or special; seasons and episodes hang under their parent."""

    id = AutoField()
    kind = CharField(max_length=16, index=True)
    is_anime = BooleanField(default=False)
    # index=False on a foreign key here and below: an index that starts with it serves its lookups (migration 5)
    parent = ForeignKeyField("self", null=True, backref="children", on_delete="CASCADE", index=False)
    number = IntegerField(null=True)  # season or episode number under the parent
    title = TextField()
    original_title = TextField(null=True)
    original_language = TextField(null=True)
    sort_title = TextField()
    sort_key = TextField(index=True)
    year = IntegerField(null=True, index=True)
    end_year = IntegerField(null=True)
    runtime = IntegerField(null=True)  # minutes
    synopsis = TextField(null=True)
    tagline = TextField(null=True)
    content_rating = TextField(null=True)
    setting = TextField(null=True)  # where and when the story takes place: "Seoul, 2050"
    music = TextField(null=True)  # soundtrack notes: "synth-pop, futuristic but not apocalyptic"
    added_at = DateTimeField(default=_now, index=True)
    updated_at = DateTimeField(default=_now)
    version = IntegerField(default=1)

    class Meta:
        constraints = [Check("year IS NULL OR (year BETWEEN 1870 AND 2200)")]
        indexes = ((("parent", "number"), False),)


class AltTitle(Table):
    """A further title of a work: localized, romanized, working or alternative, with its language."""

    work = ForeignKeyField(Work, backref="alt_titles", on_delete="CASCADE")
    title = TextField()
    language = TextField(null=True)
    country = TextField(null=True)
    kind = CharField(max_length=16, default="alternative")
    position = IntegerField(default=0)


class WorkCountry(Table):
    work = ForeignKeyField(Work, backref="countries", on_delete="CASCADE", index=False)
    country = TextField(index=True)  # ISO 3166-1 alpha-2
    position = IntegerField(default=0)

    class Meta:
        indexes = ((("work", "country"), True),)


class WorkLanguage(Table):
    work = ForeignKeyField(Work, backref="languages", on_delete="CASCADE", index=False)
    language = TextField(index=True)  # ISO 639-1 or BCP 47
    position = IntegerField(default=0)

    class Meta:
        indexes = ((("work", "language"), True),)


class ReleaseDate(Table):
    """When a work came out where: premiere, theatrical, streaming or TV, per country."""

    work = ForeignKeyField(Work, backref="release_dates", on_delete="CASCADE")
    country = TextField(null=True)
    date = CharField(max_length=10)  # ISO date, month or year
    kind = CharField(max_length=16, default="theatrical")
    note = TextField(null=True)


class Person(Table):
    id = AutoField()
    name = TextField()
    original_name = TextField(null=True)  # in the person's own script: 한지원
    sort_key = TextField(index=True)
    match_key = TextField(index=True)


class PersonExternalId(Table):
    person = ForeignKeyField(Person, backref="external_ids", on_delete="CASCADE")
    provider = CharField(max_length=16)
    value = TextField()

    class Meta:
        indexes = ((("provider", "value"), True),)


class Credit(Table):
    """A person's part in a work: role, the character they play or voice, and billing order."""

    work = ForeignKeyField(Work, backref="credits", on_delete="CASCADE", index=False)
    person = ForeignKeyField(Person, backref="credits", on_delete="CASCADE")
    role = CharField(max_length=24)
    character = TextField(null=True)
    billing = IntegerField(null=True)
    note = TextField(null=True)

    class Meta:
        indexes = ((("work", "role", "billing"), False),)


class NamedKey(Table):
    """A row known by its name, unique regardless of case (`key` is the name casefolded); never a table itself."""

    name = TextField()
    key = TextField(unique=True)


class Company(NamedKey):
    pass


class WorkCompany(Table):
    work = ForeignKeyField(Work, backref="companies", on_delete="CASCADE", index=False)
    company = ForeignKeyField(Company, backref="works", on_delete="CASCADE")
    role = CharField(max_length=24)
    position = IntegerField(default=0)

    class Meta:
        indexes = ((("work", "company", "role"), True),)


class Genre(NamedKey):
    pass


class WorkGenre(Table):
    work = ForeignKeyField(Work, backref="genres", on_delete="CASCADE", index=False)
    genre = ForeignKeyField(Genre, backref="works", on_delete="CASCADE")
    position = IntegerField(default=0)

    class Meta:
        indexes = ((("work", "genre"), True),)


class Tag(NamedKey):
    """A keyword ("space", "female lead")."""


class WorkTag(Table):
    work = ForeignKeyField(Work, backref="tags", on_delete="CASCADE", index=False)
    tag = ForeignKeyField(Tag, backref="works", on_delete="CASCADE")
    position = IntegerField(default=0)

    class Meta:
        indexes = ((("work", "tag"), True),)


class Rating(Table):
    """A score from an outside source on that source's scale: Rotten Tomatoes 91 of 100, IMDb 7.4 of 10."""

    work = ForeignKeyField(Work, backref="ratings", on_delete="CASCADE", index=False)
    source = CharField(max_length=64)
    value = FloatField()
    scale = FloatField()
    votes = BigIntegerField(null=True)
    url = TextField(null=True)
    retrieved_on = CharField(max_length=10, null=True)

    class Meta:
        indexes = ((("work", "source"), True),)
        constraints = [Check("scale > 0 AND value >= 0 AND value <= scale")]


class Availability(Table):
    """Where a work can be watched: platform, region, how (stream, rent, buy, own) and a link."""

    work = ForeignKeyField(Work, backref="availability", on_delete="CASCADE")
    platform = TextField()
    platform_key = TextField(index=True)
    region = TextField(null=True)
    kind = CharField(max_length=16)
    url = TextField(null=True)
    checked_on = CharField(max_length=10, null=True)


class Relation(Table):
    """A typed link from a work to another: to a work in the catalog, or to a title + year not in it yet (a stub)."""

    work = ForeignKeyField(Work, backref="relations", on_delete="CASCADE")
    kind = CharField(max_length=24)
    target = ForeignKeyField(Work, null=True, backref="incoming_relations", on_delete="SET NULL")
    target_title = TextField()
    target_year = IntegerField(null=True)
    target_kind = CharField(max_length=16, null=True)
    #: The related work's ids at online sources, as JSON ({"mal": "1234"}): a stub is added from them in one click.
    target_ids = TextField(null=True)
    note = TextField(null=True)
    position = IntegerField(default=0)


class Quote(Table):
    """Something said about a work: a critic's line, a review, a maker's words; with author, outlet and link."""

    work = ForeignKeyField(Work, backref="quotes", on_delete="CASCADE")
    text = TextField()
    kind = CharField(max_length=16, default="quote")
    author = TextField(null=True)
    author_person = ForeignKeyField(Person, null=True, backref="quotes", on_delete="SET NULL")
    outlet = TextField(null=True)
    url = TextField(null=True)
    date = CharField(max_length=10, null=True)
    language = TextField(null=True)
    position = IntegerField(default=0)


class ExternalId(Table):
    """A work's id at a provider (IMDb, TMDB, Wikidata, AniList, MyAnimeList, TVmaze); one work per id."""

    work = ForeignKeyField(Work, backref="external_ids", on_delete="CASCADE")
    provider = CharField(max_length=16)
    value = TextField()

    class Meta:
        indexes = ((("provider", "value"), True),)


class Image(Table):
    """A poster, backdrop or photo; the file is `<cache>/images/<hash[:2]>/<hash>.<ext>`, never a blob."""

    work = ForeignKeyField(Work, null=True, backref="images", on_delete="CASCADE")
    person = ForeignKeyField(Person, null=True, backref="images", on_delete="CASCADE")
    kind = CharField(max_length=16)
    source_url = TextField(null=True)
    content_hash = CharField(max_length=64, index=True)  # sha256 of the file's bytes
    mime = TextField()
    width = IntegerField(null=True)
    height = IntegerField(null=True)
    size = BigIntegerField()  # bytes
    is_primary = BooleanField(default=False)
    position = IntegerField(default=0)


class FieldSource(Table):
    """Provenance of one field of a work: who set it, when, and whether the user locked it against refreshes."""

    work = ForeignKeyField(Work, backref="field_sources", on_delete="CASCADE", index=False)
    field = CharField(max_length=32)
    source = CharField(max_length=16)  # core.types.SourceKind
    source_name = TextField(null=True)  # provider key or file name
    recorded_at = TextField(null=True)  # ISO timestamp
    locked = BooleanField(default=False)

    class Meta:
        indexes = ((("work", "field"), True),)


class PersonalEntry(Table):
    """The user's own layer on a work: status, rating (0–100), favourite, notes."""

    work = ForeignKeyField(Work, backref="personal", unique=True, on_delete="CASCADE")
    status = CharField(max_length=16, null=True, index=True)
    rating = IntegerField(null=True)
    favourite = BooleanField(default=False)
    notes = TextField(null=True)

    class Meta:
        constraints = [Check("rating IS NULL OR (rating BETWEEN 0 AND 100)")]


class Viewing(Table):
    """One time the user watched a work (a rewatch is another row)."""

    work = ForeignKeyField(Work, backref="viewings", on_delete="CASCADE")
    date = CharField(max_length=10, null=True)
    rewatch = BooleanField(default=False)
    note = TextField(null=True)


class UserList(NamedKey):
    description = TextField(null=True)
    position = IntegerField(default=0)


class UserListEntry(Table):
    user_list = ForeignKeyField(UserList, backref="entries", on_delete="CASCADE", index=False)
    work = ForeignKeyField(Work, backref="list_entries", on_delete="CASCADE")
    position = IntegerField()
    note = TextField(null=True)

    class Meta:
        indexes = ((("user_list", "work"), True), (("user_list", "position"), False))


class OwnedCopy(Table):
    """A copy the user owns: format, where it is kept, and who has borrowed it."""

    work = ForeignKeyField(Work, backref="copies", on_delete="CASCADE")
    format = CharField(max_length=16)
    edition = TextField(null=True)
    location = TextField(null=True)
    loaned_to = TextField(null=True)
    loaned_on = CharField(max_length=10, null=True)
    acquired_on = CharField(max_length=10, null=True)
    note = TextField(null=True)


class SavedSearch(Table):
    name = TextField()
    query = TextField()
    position = IntegerField(default=0)


class Setting(Table):
    """A catalog-wide preference that travels with the catalog (its name, title language...), as JSON text."""

    key = CharField(max_length=64, primary_key=True)
    value = TextField()


class SchemaMigration(Table):
    """One applied migration; the highest id is the catalog's schema version."""

    id = IntegerField(primary_key=True)
    name = TextField()
    applied_at = DateTimeField(default=_now)


#: Every table, parents before children (the order to create them in).
ALL_TABLES: list[type[Table]] = [
    Work, AltTitle, WorkCountry, WorkLanguage, ReleaseDate, Person, PersonExternalId, Credit, Company,
    WorkCompany, Genre, WorkGenre, Tag, WorkTag, Rating, Availability, Relation, Quote, ExternalId, Image,
    FieldSource, PersonalEntry, Viewing, UserList, UserListEntry, OwnedCopy, SavedSearch, Setting, SchemaMigration,
]

