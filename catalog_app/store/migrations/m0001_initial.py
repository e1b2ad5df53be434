"""Migration 1: the first schema, every table of the catalog except the search index.

The tables are a frozen copy of the schema as it was when this migration was written, deliberately
independent of `store.tables`: later migrations change the tables from here, and a catalog made by this
version must still migrate the same way years from now.
"""

from __future__ import annotations

import datetime as dt

from peewee import (
    AutoField,
    BigIntegerField,
    BooleanField,
    CharField,
    Check,
    Database,
    DateTimeField,
    FloatField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

ID = 1
NAME = "initial"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)


def up(db: Database) -> None:
    class Table(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class Work(Table):
        id = AutoField()
        kind = CharField(max_length=16, index=True)
        is_anime = BooleanField(default=False)
        parent = ForeignKeyField("self", null=True, backref="children", on_delete="CASCADE")
        number = IntegerField(null=True)
        title = TextField()
        original_title = TextField(null=True)
        original_language = TextField(null=True)
        sort_title = TextField()
        sort_key = TextField(index=True)
        year = IntegerField(null=True, index=True)
        end_year = IntegerField(null=True)
        runtime = IntegerField(null=True)
        synopsis = TextField(null=True)
        tagline = TextField(null=True)
        content_rating = TextField(null=True)
        setting = TextField(null=True)
        music = TextField(null=True)
        added_at = DateTimeField(default=_now, index=True)
        updated_at = DateTimeField(default=_now)
        version = IntegerField(default=1)

        class Meta:
            constraints = [Check("year IS NULL OR (year BETWEEN 1870 AND 2200)")]
            indexes = ((("parent", "number"), False),)

    class AltTitle(Table):
        work = ForeignKeyField(Work, backref="alt_titles", on_delete="CASCADE")
        title = TextField()
        language = TextField(null=True)
        country = TextField(null=True)
        kind = CharField(max_length=16, default="alternative")
        position = IntegerField(default=0)

    class WorkCountry(Table):
        work = ForeignKeyField(Work, backref="countries", on_delete="CASCADE")
        country = TextField(index=True)
        position = IntegerField(default=0)

        class Meta:
            indexes = ((("work", "country"), True),)

    class WorkLanguage(Table):
        work = ForeignKeyField(Work, backref="languages", on_delete="CASCADE")
        language = TextField(index=True)
        position = IntegerField(default=0)

        class Meta:
            indexes = ((("work", "language"), True),)

    class ReleaseDate(Table):
        work = ForeignKeyField(Work, backref="release_dates", on_delete="CASCADE")
        country = TextField(null=True)
        date = CharField(max_length=10)
        kind = CharField(max_length=16, default="theatrical")
        note = TextField(null=True)

    class Person(Table):
        id = AutoField()
        name = TextField()
        original_name = TextField(null=True)
        sort_key = TextField(index=True)
        match_key = TextField(index=True)

    class PersonExternalId(Table):
        person = ForeignKeyField(Person, backref="external_ids", on_delete="CASCADE")
        provider = CharField(max_length=16)
        value = TextField()

        class Meta:
            indexes = ((("provider", "value"), True),)

    class Credit(Table):
        work = ForeignKeyField(Work, backref="credits", on_delete="CASCADE")
        person = ForeignKeyField(Person, backref="credits", on_delete="CASCADE")
        role = CharField(max_length=24)
        character = TextField(null=True)
        billing = IntegerField(null=True)
        note = TextField(null=True)

        class Meta:
            indexes = ((("work", "role", "billing"), False),)

    class Company(Table):
        name = TextField()
        key = TextField(unique=True)

    class WorkCompany(Table):
        work = ForeignKeyField(Work, backref="companies", on_delete="CASCADE")
        company = ForeignKeyField(Company, backref="works", on_delete="CASCADE")
        role = CharField(max_length=24)
        position = IntegerField(default=0)

        class Meta:
            indexes = ((("work", "company", "role"), True),)

    class Genre(Table):
        name = TextField()
        key = TextField(unique=True)

    class WorkGenre(Table):
        work = ForeignKeyField(Work, backref="genres", on_delete="CASCADE")
        genre = ForeignKeyField(Genre, backref="works", on_delete="CASCADE")
        position = IntegerField(default=0)

        class Meta:
            indexes = ((("work", "genre"), True),)

    class Tag(Table):
        """A keyword ("space", "female lead"); unique regardless of case."""

        name = TextField()
        key = TextField(unique=True)

    class WorkTag(Table):
        work = ForeignKeyField(Work, backref="tags", on_delete="CASCADE")
        tag = ForeignKeyField(Tag, backref="works", on_delete="CASCADE")
        position = IntegerField(default=0)

        class Meta:
            indexes = ((("work", "tag"), True),)

    class Rating(Table):
        work = ForeignKeyField(Work, backref="ratings", on_delete="CASCADE")
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
        work = ForeignKeyField(Work, backref="availability", on_delete="CASCADE")
        platform = TextField()
        platform_key = TextField(index=True)
        region = TextField(null=True)
        kind = CharField(max_length=16)
        url = TextField(null=True)
        checked_on = CharField(max_length=10, null=True)

    class Relation(Table):
        work = ForeignKeyField(Work, backref="relations", on_delete="CASCADE")
        kind = CharField(max_length=24)
        target = ForeignKeyField(Work, null=True, backref="incoming_relations", on_delete="SET NULL")
        target_title = TextField()
        target_year = IntegerField(null=True)
        target_kind = CharField(max_length=16, null=True)
        note = TextField(null=True)
        position = IntegerField(default=0)

    class Quote(Table):
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
        work = ForeignKeyField(Work, backref="external_ids", on_delete="CASCADE")
        provider = CharField(max_length=16)
        value = TextField()

        class Meta:
            indexes = ((("provider", "value"), True),)

    class Image(Table):
        work = ForeignKeyField(Work, null=True, backref="images", on_delete="CASCADE")
        person = ForeignKeyField(Person, null=True, backref="images", on_delete="CASCADE")
        kind = CharField(max_length=16)
        source_url = TextField(null=True)
        content_hash = CharField(max_length=64, index=True)
        mime = TextField()
        width = IntegerField(null=True)
        height = IntegerField(null=True)
        size = BigIntegerField()
        is_primary = BooleanField(default=False)
        position = IntegerField(default=0)

    class FieldSource(Table):
        work = ForeignKeyField(Work, backref="field_sources", on_delete="CASCADE")
        field = CharField(max_length=32)
        source = CharField(max_length=16)
        source_name = TextField(null=True)
        recorded_at = TextField(null=True)
        locked = BooleanField(default=False)

        class Meta:
            indexes = ((("work", "field"), True),)

    class PersonalEntry(Table):
        work = ForeignKeyField(Work, backref="personal", unique=True, on_delete="CASCADE")
        status = CharField(max_length=16, null=True, index=True)
        rating = IntegerField(null=True)
        favourite = BooleanField(default=False)
        notes = TextField(null=True)

        class Meta:
            constraints = [Check("rating IS NULL OR (rating BETWEEN 0 AND 100)")]

    class Viewing(Table):
        work = ForeignKeyField(Work, backref="viewings", on_delete="CASCADE")
        date = CharField(max_length=10, null=True)
        rewatch = BooleanField(default=False)
        note = TextField(null=True)

    class UserList(Table):
        name = TextField()
        key = TextField(unique=True)
        description = TextField(null=True)
        position = IntegerField(default=0)

    class UserListEntry(Table):
        user_list = ForeignKeyField(UserList, backref="entries", on_delete="CASCADE")
        work = ForeignKeyField(Work, backref="list_entries", on_delete="CASCADE")
        position = IntegerField()
        note = TextField(null=True)

        class Meta:
            indexes = ((("user_list", "work"), True), (("user_list", "position"), False))

    class OwnedCopy(Table):
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
        key = CharField(max_length=64, primary_key=True)
        value = TextField()

    class SchemaMigration(Table):
        id = IntegerField(primary_key=True)
        name = TextField()
        applied_at = DateTimeField(default=_now)

    db.create_tables([
        Work, AltTitle, WorkCountry, WorkLanguage, ReleaseDate, Person, PersonExternalId, Credit, Company,
        WorkCompany, Genre, WorkGenre, Tag, WorkTag, Rating, Availability, Relation, Quote, ExternalId, Image,
        FieldSource, PersonalEntry, Viewing, UserList, UserListEntry, OwnedCopy, SavedSearch, Setting, SchemaMigration,
    ], safe=True)
