"""The search language: what the parser makes of what people type, and that it never fails otherwise."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from catalog_app.core.errors import InputError
from catalog_app.core.query import And, Field, Not, Or, Text, parse_query


def test_words_fields_ranges_and_negation():
    node = parse_query('director:"Han Ji-won" year:2020..2025 rating:>=80 -tag:space')
    assert node == And((Field("director", "=", "Han Ji-won"), Field("year", "..", 2020.0, 2025.0),
                        Field("rating", ">=", 80.0), Not(Field("tag", "=", "space"))))


def test_or_and_groups():
    assert parse_query("(kind:series OR kind:film) star") == And((
        Or((Field("kind", "=", "series"), Field("kind", "=", "film"))), Text("star")))


def test_words_that_look_like_fields_are_text():
    assert parse_query("Mission:Impossible") == Text("Mission:Impossible")
    assert parse_query("Star Wars: Episode") == And((Text("Star"), Text("Wars:"), Text("Episode")))


def test_aliases_for_status_and_rating_sources():
    assert parse_query("status:plan") == Field("status", "=", "planned")
    assert parse_query("rating.rotten_tomatoes:>=90") == Field("rating", ">=", 90.0, None, "rotten_tomatoes")


def test_empty_queries_ask_for_everything():
    assert parse_query("") is None
    assert parse_query("  ( ) ") is None


@pytest.mark.parametrize("query, message", [
    ("year:abc", "year takes a number"),
    ("year:99999", "year must be between"),
    ("status:someday", "status must be one of"),
])
def test_bad_field_values_say_what_and_where(query, message):
    with pytest.raises(InputError) as error:
        parse_query(query)
    assert message in str(error.value)
    assert "query column 1" in str(error.value)


@given(st.text(alphabet=st.sampled_from(list('ab별に:-()"OR NOT year status>=.. 12')), max_size=60))
def test_parser_only_raises_input_errors(text):
    try:
        parse_query(text)
    except InputError:
        pass
