"""Fuzzing: hostile and mutated input for the search-query parser, title normalization, every importer's parser and
the native JSON reader.

Each takes random text and bytes, and real exports (../shared/fixtures/exports) cut short, with bytes flipped,
quotes, delimiters, markup and NULs put in, values of the wrong JSON type, numbers no field can hold and deep
nesting, and raises nothing but its documented error: InputError, one line naming the file and line (or field)
(`parse_date`: ValueError). A catalog holding the sample is unchanged by every file its import rejects.

Runs are derandomized: the same examples every run, in CI too, and no example database is kept. A failure found is
fixed in the parser and kept here as an @example.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import gzip
import io
import itertools
import json
import re
import shutil
import warnings
import zipfile
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator
from xml.etree import ElementTree

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from catalog_app.core.errors import InputError
from catalog_app.core.normalize import (
    ARTICLES,
    cjk_query,
    cjk_runs,
    cjk_tokens,
    display_title,
    fold_accents,
    has_cjk,
    match_key,
    sort_key,
    sort_title,
)
from catalog_app.core.query import (
    ALIASES,
    CHOICE_FIELDS,
    MAX_DEPTH,
    NUMBER_FIELDS,
    TEXT_FIELDS,
    And,
    Field,
    Not,
    Or,
    Text,
    parse_query,
)
from catalog_app.core.record import iter_works, validate_work
from catalog_app.core.types import MAX_YEAR, MIN_YEAR
from catalog_app.services.formats import (
    csv_table,
    imdb_csv,
    kodi_nfo,
    letterboxd,
    letterboxd_csv,
    mal_xml,
    starlight_json,
    tellico_xml,
    text_stream,
    trakt_json,
)
from catalog_app.services.formats.entries import Entry, Skipped, decode_text
from catalog_app.services.sample import sample_document
from conftest import SHARED
from helpers import snapshot

EXPORTS = SHARED / "fixtures" / "exports"


def fuzzed(examples: int) -> settings:
    """One property's settings: the same examples every run and no example database (derandomized), no time limit
    per example (the first ones warm caches; the whole file's time is what is kept small)."""
    return settings(max_examples=examples, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.large_base_example])


# ---- what every parser must do with what it is given ----------------------------------------------------------

def _line_count(data: bytes | str) -> int:
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    return data.count(b"\n") + data.count(b"\r") + 1


def check_error(error: InputError, name: str, data: bytes | str | None = None) -> None:
    """The error is one line naming the input, and a line of it the input has."""
    text = str(error)
    assert error.where is not None and name in error.where, f"the error does not name {name!r}: {text}"
    assert len(text.splitlines()) == 1, f"the error is not one line: {text!r}"
    line = re.fullmatch(re.escape(name) + r":? line (\d+)", error.where)
    if line and data is not None:
        assert 1 <= int(line[1]) <= _line_count(data), f"{text}: the input has {_line_count(data)} lines"


def check_items(items: Iterable[Entry | Skipped], name: str) -> list[Entry | Skipped]:
    """Every entry is a valid record whose credits name people it carries; every skipped line says where and why."""
    items = list(items)
    for item in items:
        assert name in item.where, f"{item.where!r} does not name {name!r}"
        if isinstance(item, Entry):
            assert validate_work(item.record, item.where) == item.record
            for work in iter_works([item.record]):
                assert all(c["person"] in item.people for c in work["credits"]), item.where
        else:
            assert isinstance(item, Skipped) and item.reason.strip(), item
    return items


def read_or_refuse(read: Callable[[], Iterable[Entry | Skipped]], name: str, data: bytes | str | None = None
                   ) -> list[Entry | Skipped] | InputError:
    """What a parser makes of an input: its checked entries, or the one InputError it may raise."""
    try:
        return check_items(read(), name)
    except InputError as error:
        check_error(error, name, data)
        return error


# ---- hostile input -------------------------------------------------------------------------------------------

#: Bytes that break each format its own way: quotes and delimiters (CSV), markup, entities, CDATA and DTDs (XML),
#: brackets and literals (JSON), NULs, lone carriage returns, byte-order marks, bytes no encoding in use reads, and
#: numbers no field holds (digits of other scripts, superscripts, thousands of digits).
HOSTILE_BYTES = [
    b'"', b'""', b",", b";", b"\t", b"|", b"\n", b"\r", b"\r\n", b"\x00", b"\\", b"'", b"\x0c", b"\x1a",
    b"<", b">", b"&", b"&amp;", b"&eacute;", b"&#0;", b"&#xD800;", b"&bogus;", b"</", b"/>", b"<![CDATA[", b"]]>",
    b"<!--", b'<!DOCTYPE x [<!ENTITY e "ee">]>', b"&e;", b'<?xml version="1.0" encoding="latin-1"?>',
    b"{", b"}", b"[", b"]", b":", b"null", b"true", b"-1", b"0", b"1e999", b"NaN", b"Infinity",
    b"9" * 5000, "²".encode(), "١٩٩٩".encode(), "１２".encode(), b"\xef\xbb\xbf", b"\xff\xfe", b"\xff", b"\x81",
    b"\xc3", b"\xed\xa0\x80", "é".encode(), "é".encode("cp1252"), "이 별".encode("euc-kr"), "\u202e".encode(),
    b"=HYPERLINK(\"x\")", b"tt0133093", b"0000-00-00", b"2024-02-30", b"PK\x03\x04", b"\x1f\x8b",
]
#: Values a cell, an element or a field may hold that its parser must refuse or read sensibly.
HOSTILE_TEXT = [
    "", " ", "\t", "0", "-1", "00", "1e999", "-1e999", "nan", "NaN", "inf", "Infinity", "9" * 5000, "1" * 20,
    "²", "²²²²²²²²²", "¹⁹⁹⁹", "１２", "١٩٩٩", "𝟗", "½", "3.5", "1,234", "10/10", "7.8/10", "0000-00-00",
    "2024-02-30", "31/02/2024", "15.03.2024", "March 15, 2024", "15 Foo 2024", "9999999999", "1700000000",
    "tt0133093", "tt", "movie", "tvEpisode", "tvSeries", "TV", "Completed", "Plan to Watch", "true", "yes",
    "\ufeff", "\u202e", "a\nb", "a\rb", '"', "'", ",", ";", "|", "<b>x</b>", "&amp;", "&nbsp;", "=1+1", "x" * 3000,
]
hostile_text = st.one_of(st.sampled_from(HOSTILE_TEXT), st.text(max_size=12))
#: Numbers a parser must not take on trust: digits str.isdigit() passes and int() refuses (superscripts, thousands of
#: digits), digits of other scripts, signs, fractions, exponents, dates that are no day.
HOSTILE_NUMBERS = ["²", "¹⁹⁹⁹", "①", "⁴²", "９", "١٩٩٩", "9" * 5000, "1" * 4301, "9" * 19, "-1", "0", "00", "+7",
                   "1_000", " 7 ", "1e999", "nan", "1.5", "10/10", "0000-00-00", "2024-13-45", "²/03/2024",
                   "15.03.²⁰²⁴", "99999999999"]
hostile_number = st.sampled_from(HOSTILE_NUMBERS)
_NUMERIC = re.compile(r"[\d.,:/ TZ+-]+")


def hostile_value_for(current: str) -> st.SearchStrategy[str]:
    """What replaces a value: mostly a hostile number where a number was."""
    if _NUMERIC.fullmatch(current.strip() or "x"):
        return st.one_of(hostile_number, hostile_number, hostile_text)
    return st.one_of(hostile_text, hostile_number)


#: A quoted cell longer than csv's field limit (what a stray quote makes of a long file).
LONG_CELL = b'"' + b"x" * ((1 << 20) + 16)


@st.composite
def mutated(draw: st.DrawFn, seed: bytes, max_steps: int = 4) -> bytes:
    """`seed` with a few of: cut short, a byte flipped, hostile bytes put in, a stretch deleted or repeated."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, max_steps))):
        step = draw(st.sampled_from(("cut", "flip", "insert", "insert", "delete", "repeat", "long")))
        at = draw(st.integers(0, len(data)))
        if step == "cut":
            del data[at:]
        elif step == "flip" and at < len(data):
            data[at] ^= draw(st.integers(1, 255))
        elif step == "insert":
            data[at:at] = draw(st.sampled_from(HOSTILE_BYTES) | st.binary(max_size=6))
        elif step == "delete":
            del data[at:at + draw(st.integers(1, 64))]
        elif step == "repeat":
            data[at:at] = data[at:at + draw(st.integers(1, 300))]
        elif step == "long" and draw(st.integers(0, 9)) == 0:  # rarely: it is a megabyte to read
            data[at:at] = LONG_CELL
    return bytes(data)


@st.composite
def cells_changed(draw: st.DrawFn, seed: str, delimiter: str = ",") -> str:
    """A table with a few cells (header included) replaced by hostile values, written back as CSV."""
    rows = [row for row in csv.reader(io.StringIO(seed, newline=""), delimiter=delimiter) if row]
    for _ in range(draw(st.integers(1, 4))):
        row = rows[draw(st.integers(0, len(rows) - 1))]
        at = draw(st.integers(0, len(row)))
        value = draw(hostile_value_for(row[at] if at < len(row) else ""))
        if at == len(row):
            row.append(value)  # a cell more than the header has
        else:
            row[at] = value
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


@st.composite
def xml_changed(draw: st.DrawFn, seed: bytes) -> bytes:
    """An XML document with a few fields (every element of a tag) or single elements given hostile values, mostly
    where numbers were; or an attribute changed, or an element emptied; or, as a writer that botches its numbers,
    a quarter of its number fields bad at once."""
    root = ElementTree.fromstring(seed)
    elements = list(root.iter())
    leaves = [e for e in elements if len(e) == 0 and (e.text or "").strip()] or elements
    numbers = [e for e in leaves if _NUMERIC.fullmatch((e.text or "").strip() or "x")] or leaves
    tags = [sorted({e.tag for e in numbers}), sorted({e.tag for e in leaves})]
    for _ in range(draw(st.integers(1, 4))):
        step = draw(st.sampled_from(("field", "field", "numbers", "text", "attribute", "empty")))
        if step == "numbers":
            bad = {tag: draw(hostile_number) for tag in tags[0] if draw(st.integers(0, 3)) == 0}
            for element in numbers:
                element.text = bad.get(element.tag, element.text)
            continue
        if step == "field":
            tag = draw(st.sampled_from(tags[draw(st.integers(0, 1))]))
            value = draw(hostile_value_for(next(e.text or "" for e in leaves if e.tag == tag)))
            for element in elements:
                if element.tag == tag:
                    element.text = value
            continue
        pool = draw(st.sampled_from((numbers, leaves, elements)))
        element = pool[draw(st.integers(0, len(pool) - 1))]
        if step == "attribute" and element.attrib:
            key = draw(st.sampled_from(sorted(element.attrib)))
            element.set(key, draw(hostile_value_for(element.get(key, ""))))
        elif step == "empty":
            element.clear()
        else:
            element.text = draw(hostile_value_for(element.text or ""))
    return ElementTree.tostring(root, encoding="utf-8")


def _paths(value: Any, path: tuple = ()) -> Iterator[tuple]:
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, path + (key,))
    elif isinstance(value, list):
        for n, item in enumerate(value):
            yield from _paths(item, path + (n,))


#: JSON values of every type, numbers no field holds among them.
hostile_json = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False),
              st.sampled_from([0, -1, 10**30, 2**63, -(2**63) - 1, 10**4000, 1e308, -0.0, 0.5]), hostile_text),
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(st.sampled_from(["title", "id", "works", "person", "ids", "movie",
                                                             "show", "x", "", "line\nbreak"]) | st.text(max_size=6),
                                            inner, max_size=3)),
    max_leaves=6)


@st.composite
def json_changed(draw: st.DrawFn, seed: Any) -> bytes:
    """A JSON document with a few values replaced by values of other types, deleted, repeated or nested deeper."""
    obj = copy.deepcopy(seed)
    for _ in range(draw(st.integers(1, 3))):
        paths = list(_paths(obj))
        path = paths[draw(st.integers(0, len(paths) - 1))]
        if not path:
            obj = draw(hostile_json)
            continue
        parent = obj
        for key in path[:-1]:
            parent = parent[key]
        key = path[-1]
        step = draw(st.sampled_from(("replace", "replace", "number", "delete", "repeat", "wrap")))
        if step == "replace":
            parent[key] = draw(hostile_json)
        elif step == "number":  # a number, as text or of a size or kind no field takes
            parent[key] = draw(st.one_of(hostile_number, st.sampled_from([10**30, -(10**20), 2**63, 1e308, 0.5, -1])))
        elif step == "delete":
            del parent[key]
        elif step == "repeat" and isinstance(parent, list):
            parent.insert(key, copy.deepcopy(parent[key]))
        else:
            parent[key] = [parent[key]]
    return json.dumps(obj, ensure_ascii=draw(st.booleans())).encode()


def nested(opening: bytes, closing: bytes, head: bytes = b"", tail: bytes = b"") -> st.SearchStrategy[bytes]:
    """Deep nesting: `opening` repeated up to a hundred thousand times (closed, or cut short)."""
    return st.tuples(st.integers(1, 100_000), st.booleans()).map(
        lambda t: head + opening * t[0] + (closing * t[0] + tail if t[1] else b""))


random_bytes = st.binary(max_size=300)
random_text = st.text(max_size=200).map(lambda s: s.encode("utf-8"))


# ---- the search-query parser ----------------------------------------------------------------------------------

FIELD_NAMES = sorted(TEXT_FIELDS | NUMBER_FIELDS | set(CHOICE_FIELDS) | set(ALIASES) | {"rating.imdb", "Mission"})
QUERY_PIECES = FIELD_NAMES + ['"', "(", ")", "-", "NOT", "OR", ":", "..", ">=", "<", "=", "2020", "1e9", "٣",
                              "99999", "-5", "planned", "anime", "별", "に", " ", "  ", "\t", "\n", "\u2028",
                              'status:"', 'year:"', "kind:", "rating.imdb:", "9" * 400]
query_soup = st.lists(st.sampled_from(QUERY_PIECES) | st.text(max_size=4), max_size=30).map("".join)


def check_node(node: Any, depth: int = 0) -> None:
    """A parsed query is a tree the store can turn into SQL: known fields, numbers as numbers, no empty parts."""
    assert depth <= 2 * MAX_DEPTH + 2
    if isinstance(node, Text):
        assert node.text.strip()
    elif isinstance(node, Field):
        assert node.name in TEXT_FIELDS | NUMBER_FIELDS | set(CHOICE_FIELDS)
        if node.name in NUMBER_FIELDS:
            assert isinstance(node.value, float) and node.op in ("=", "<", "<=", ">", ">=", "..")
            # Only a range's open end is infinite: a number written out never is
            assert node.value != float("inf") and (node.op == ".." or node.value != float("-inf"))
            assert node.high is None or node.high != float("-inf")
            if node.name == "year":
                for bound in (node.value, node.high):
                    assert bound is None or bound in (float("inf"), float("-inf")) or MIN_YEAR <= bound <= MAX_YEAR
        elif node.name in CHOICE_FIELDS:
            assert node.value in CHOICE_FIELDS[node.name]
    elif isinstance(node, Not):
        check_node(node.item, depth + 1)
    else:
        assert isinstance(node, (And, Or)) and len(node.items) >= 2
        for item in node.items:
            check_node(item, depth + 1)


def parse_or_refuse(query: str) -> Any:
    try:
        node = parse_query(query)
    except InputError as error:
        text = str(error)
        assert len(text.splitlines()) == 1, text
        column = re.fullmatch(r"query column (\d+)", error.where or "")
        assert column and 1 <= int(column[1]) <= len(query), text
        return error
    if node is not None:
        check_node(node)
    return node


@fuzzed(400)
@given(st.one_of(st.text(max_size=80), query_soup))
@example('status:"some\nday"').via("a value's line break in the error")
@example("year:" + "9" * 400).via("a year float() reads as inf passed the range check")
@example("rating:>=" + "9" * 400 + " votes:" + "9" * 400 + "..")
def test_any_query_is_a_tree_of_known_fields_or_one_error_naming_its_column(query):
    parse_or_refuse(query)


#: Openings, and how many levels each nests.
OPENINGS = {"(": 1, "-": 1, "NOT ": 1, "-(": 2, "(NOT ": 2, "year:2000 OR (": 1, "( ": 1}


@fuzzed(60)
@given(st.sampled_from(sorted(OPENINGS)), st.integers(1, 50_000))
@example("(", MAX_DEPTH).via("the deepest a query may nest")
def test_deep_nesting_is_refused_with_an_input_error(opening, times):
    result = parse_or_refuse(opening * times + "star")
    assert isinstance(result, InputError) == (OPENINGS[opening] * times > MAX_DEPTH)


WORDS = st.text(alphabet=st.characters(categories=("L", "N"), exclude_characters="\x00"), min_size=1, max_size=8)
VALID_FIELDS = st.one_of(
    st.tuples(st.sampled_from(sorted(TEXT_FIELDS)), WORDS),
    st.tuples(st.sampled_from(["year"]), st.integers(MIN_YEAR, MAX_YEAR).map(str)),
    st.tuples(st.sampled_from(["rating", "runtime", "votes"]),
              st.sampled_from([">=", "<=", ">", "<", "="]).flatmap(lambda op: st.integers(0, 10**6).map(
                  lambda n: f"{op}{n}"))),
    st.tuples(st.sampled_from(sorted(CHOICE_FIELDS)), st.just("")).map(
        lambda t: (t[0], sorted(CHOICE_FIELDS[t[0]])[0])),
)


#: Groups a query may put a part in, and how deep each nests.
GROUPS = {"({})": 1, "-({})": 2, "NOT ({})": 2, "({}) OR ({})": 1, "-{}": 1}


@st.composite
def valid_queries(draw: st.DrawFn, depth: int = MAX_DEPTH) -> tuple[str, set[str], set[str]]:
    """A query a person could type, every part valid and nested at most `depth` deep: (its text, the words and the
    fields it names)."""
    parts, words, fields = [], set(), set()
    for _ in range(draw(st.integers(1, 4))):
        choice = draw(st.integers(0, 5 if depth > 0 else 2))
        if choice <= 1:
            word = draw(WORDS.filter(lambda w: w not in ("OR", "NOT")))
            parts.append(word)
            words.add(word)
        elif choice == 2:
            name, value = draw(VALID_FIELDS)
            parts.append(f'{name}:"{value}"' if name in TEXT_FIELDS else f"{name}:{value}")
            fields.add(name)
        else:
            group = draw(st.sampled_from([g for g, cost in GROUPS.items() if cost <= depth]))
            text, inner_words, inner_fields = draw(valid_queries(depth - GROUPS[group]))
            parts.append(group.format(text, text) if group != "-{}" or " " not in text else f"({text})")
            words |= inner_words
            fields |= inner_fields
    return " ".join(parts), words, fields


def _leaves(node: Any) -> Iterator[Any]:
    if isinstance(node, Not):
        yield from _leaves(node.item)
    elif isinstance(node, (And, Or)):
        for item in node.items:
            yield from _leaves(item)
    else:
        yield node


@fuzzed(200)
@given(valid_queries())
def test_a_query_of_valid_parts_parses_and_keeps_every_part(made):
    query, words, fields = made
    node = parse_query(query)
    check_node(node)
    leaves = list(_leaves(node))
    assert words <= {leaf.text for leaf in leaves if isinstance(leaf, Text)}
    assert fields <= {leaf.name for leaf in leaves if isinstance(leaf, Field)}


@pytest.fixture(scope="module")
def sample_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite catalog holding the sample (and its posters), closed: each test works on a copy."""
    from catalog_app.services.catalog import Catalog
    from catalog_app.services.sample import load_sample

    folder = tmp_path_factory.mktemp("sample")
    with Catalog.open(str(folder / "catalog.sqlite")) as catalog:
        load_sample(catalog)
    return folder


_copies = itertools.count()


def open_sample(sample_files: Path, tmp_path: Path):
    """A fresh copy of the sample catalog, open (one catalog at a time: Peewee's tables bind globally)."""
    from catalog_app.services.catalog import Catalog

    folder = tmp_path / f"copy{next(_copies)}"
    folder.mkdir()
    shutil.copy(sample_files / "catalog.sqlite", folder / "catalog.sqlite")
    shutil.copytree(sample_files / "catalog-images", folder / "catalog-images")
    return Catalog.open(str(folder / "catalog.sqlite"))


def test_every_query_the_parser_takes_runs_on_a_catalog(sample_files, tmp_path):
    from catalog_app.store import listing

    with open_sample(sample_files, tmp_path) as catalog:
        @fuzzed(150)
        @given(st.one_of(query_soup, valid_queries().map(lambda made: made[0])))
        # Each negation is a subquery: the deepest the parser takes, round the deepest condition (a credit search)
        @example("-" * MAX_DEPTH + 'animation_director:"Kim"')
        @example("a -(" * (MAX_DEPTH // 2) + "rating.imdb:1..2" + ")" * (MAX_DEPTH // 2))
        def search(query):
            node = parse_or_refuse(query)
            if isinstance(node, InputError):
                return
            rows = catalog.find(query, limit=5)
            assert len(rows) <= 5 and catalog.count(query) >= len(rows)
            if node is not None:  # as the list shows it: under a facet of the sidebar
                listing.first_page(catalog.db, And((Field("kind", "=", "series"), node)), "title", False, 50)
        search()


# ---- title normalization -------------------------------------------------------------------------------------

LANGUAGES = st.sampled_from([None, "", "en", "fr", "de", "es", "it", "pt", "nl", "ko", "ja", "x", "FR-ca", "ité"])
CJK_AND_MORE = st.characters(codec="utf-8", exclude_categories=("Cs",)) | st.sampled_from(
    list("이별에필요한君の名は。すずめ新海誠ｶﾀ가\u1107\u1167\u11af\u3131é\u0301\u0308 ,:'-2") + ["\U00020000"])


@fuzzed(400)
@given(st.text(CJK_AND_MORE, max_size=60), LANGUAGES)
def test_normalizers_take_any_text(text, language):
    folded = fold_accents(text)
    assert fold_accents(folded) == folded
    key = match_key(text, language)
    assert re.fullmatch(r"(\w+( \w+)*)?", key), key
    assert isinstance(sort_key(text, language), str) and isinstance(has_cjk(text), bool)
    assert display_title(display_title(text)) == display_title(text)
    assert sort_key(display_title(text)) == sort_key(sort_title(text)) or "," in text
    cjk_tokens(text)
    cjk_query(text)


REST = st.text(st.characters(categories=("L", "N")) | st.sampled_from(list(":-!?.'&")), min_size=1, max_size=20)
TITLE_REST = st.lists(REST, min_size=1, max_size=4).map(" ".join)
ARTICLE = st.sampled_from(sorted(ARTICLES)).flatmap(lambda lang: st.tuples(st.just(lang),
                                                                           st.sampled_from(ARTICLES[lang])))


@fuzzed(300)
@given(ARTICLE, TITLE_REST)
def test_a_leading_article_moves_to_the_end_and_back(article_of, rest):
    language, article = article_of
    article = article[0].upper() + article[1:]
    title = f"{article}{'' if article.endswith(chr(39)) else ' '}{rest}"
    shelved = sort_title(title, language)
    assert shelved == f"{rest}, {article}"
    assert display_title(shelved) == title
    assert sort_key(title, language) == sort_key(shelved, language) == sort_key(rest, language)
    assert match_key(title, language) == match_key(shelved, language)


@fuzzed(200)
@given(st.integers(0, 10**8 - 1), st.integers(0, 10**8 - 1), TITLE_REST)
def test_numbers_in_titles_sort_by_value(a, b, rest):
    assert (a < b) == (sort_key(f"{rest} {a}") < sort_key(f"{rest} {b}"))


@fuzzed(300)
@given(st.text(CJK_AND_MORE, max_size=40), st.data())
def test_any_part_of_a_cjk_run_is_found_by_its_tokens(text, data):
    runs = cjk_runs(text)
    lines = cjk_tokens(text).split("\n")
    assert len(lines) == len(runs) + 1
    for run, pairs in zip(runs, lines):
        start = data.draw(st.integers(0, len(run) - 1))
        end = data.draw(st.integers(start + 1, len(run)))
        part = run[start:end]
        if len(part) == 1:
            assert cjk_query(part) == part and part in lines[-1].split(" ")
        else:
            assert f" {cjk_query(part)} " in f" {pairs} "


# ---- CSV tables: field parsers, rows, whole files --------------------------------------------------------------

DATE_STYLES = [("%Y-%m-%d", "mdy"), ("%Y-%m-%dT21:04:05Z", "mdy"), ("%Y-%m-%d 00:00", "dmy"), ("%m/%d/%Y", "mdy"),
               ("%d/%m/%Y", "dmy"), ("%d.%m.%Y", "mdy"), ("%d-%m-%Y", "dmy"), ("%d %B %Y", "mdy"),
               ("%B %d, %Y", "dmy"), ("%d %b. %Y", "mdy"), ("%b %d %Y", "mdy")]


@fuzzed(300)
@given(st.dates(dt.date(1000, 1, 1), dt.date(9999, 12, 31)), st.sampled_from(DATE_STYLES))
def test_a_date_in_every_style_reads_back(day, style):
    form, order = style
    assert csv_table.parse_date(day.strftime(form), order) == day.isoformat()


@fuzzed(100)
@given(st.datetimes(dt.datetime(1973, 3, 4), dt.datetime(2286, 11, 20)))
def test_a_unix_time_reads_as_its_day(moment):
    stamp = moment.replace(tzinfo=dt.timezone.utc)
    assert csv_table.parse_date(str(int(stamp.timestamp()))) == stamp.date().isoformat()


@fuzzed(400)
@given(st.one_of(hostile_text, st.text(alphabet="0123456789/.-: TZ,abcJjMmrRySs²١", max_size=24)),
       st.sampled_from(["dmy", "mdy"]))
def test_parse_date_gives_a_real_day_or_a_value_error(text, order):
    try:
        day = csv_table.parse_date(text, order)
    except ValueError as error:
        assert len(str(error).splitlines()) == 1
        return
    assert dt.date.fromisoformat(day).isoformat() == day


#: A generic table's columns, one for every kind of field the mapping can feed.
ROW_MAPPING = {"Title": "title", "Original": "original_title", "Year": "year", "Minutes": "runtime",
               "Rated": "content_rating", "Plot": "synopsis", "Genres": "genres", "Comedy": "genre_flag",
               "Tags": "tags", "Director": "director", "Writer": "writer", "Cast": "cast", "Country": "country",
               "Language": "language", "Type": "kind", "Status": "status", "Notes": "notes", "Skip": "ignore",
               "IMDb": "rating.imdb", "Votes": "votes.imdb", "Const": "id.imdb", "Other id": "id.someone",
               "Stars": "my_rating.5", "Score": "my_rating.100", "Seen": "watched_on.dmy", "Seen US": "watched_on.mdy"}
ROW_HEADER = list(ROW_MAPPING)
GOOD_ROW = ["Alien", "Alien", "1979", "117", "R", "In space", "Horror|Sci-Fi", "0", "space; crew", "Ridley Scott",
            "Dan O'Bannon", "Sigourney Weaver, Tom Skerritt", "US", "en", "film", "completed", "again", "x", "8.5",
            "1,000", "tt0078748", "", "4.5", "90", "15/03/2024", "03/15/2024"]


@fuzzed(300)
@given(st.lists(st.integers(0, len(ROW_HEADER)), max_size=6), st.lists(hostile_text, min_size=6, max_size=6),
       st.integers(0, 5))
def test_a_row_of_any_cells_is_a_record_or_one_error_naming_its_line_and_column(places, values, cut):
    cells = list(GOOD_ROW)
    for place, value in zip(places, values):
        if place < len(cells):
            cells[place] = value
        else:
            cells.append(value)
    cells = cells[:len(cells) - cut]  # a row shorter than the header
    reader = csv_table.RowReader(ROW_HEADER, ROW_MAPPING)
    people: dict[str, dict] = {}
    try:
        record = reader.record(cells, "films.csv line 7", people)
    except InputError as error:
        assert error.where.startswith("films.csv line 7") and len(str(error).splitlines()) == 1
        return
    assert validate_work(record) == record
    assert all(c["person"] in people for c in record["credits"])


def _table(rows: list[list[str]], delimiter: str = ",") -> str:
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


TABLE_SEED = _table([ROW_HEADER, GOOD_ROW, ["Brazil", "", "1985", "", "", "A\nplot on two lines"] + [""] * 20,
                     ["이 별에 필요한", "", "2025"] + [""] * 23])
IMDB_SMALL = (EXPORTS / "imdb" / "ratings_2023_small.pvlsson.csv").read_bytes()
IMDB_WATCHLIST = b"".join((EXPORTS / "imdb" / "WATCHLIST_2021.wreiler.csv").read_bytes().splitlines(True)[:12])


def _table_seeds() -> st.SearchStrategy[bytes]:
    return st.one_of(
        st.sampled_from([TABLE_SEED.encode("utf-8"), TABLE_SEED.replace(",", "\t").encode("utf-8-sig"),
                         TABLE_SEED.encode("euc-kr", "replace"), TABLE_SEED.encode("cp1252", "replace"),
                         TABLE_SEED.replace(",", ";").encode("utf-8"), IMDB_SMALL]),
        cells_changed(TABLE_SEED).map(lambda text: text.encode("utf-8")),
        cells_changed(IMDB_SMALL.decode("utf-8")).map(lambda text: text.encode("utf-8")))


table_input = st.one_of(random_bytes, random_text, _table_seeds().flatmap(mutated), _table_seeds())


def read_table(data: bytes, name: str = "films.csv") -> list[Entry | Skipped]:
    shape = csv_table.inspect(io.BytesIO(data), name)
    return list(csv_table.entries(io.BytesIO(data), name, shape))


@fuzzed(250)
@given(table_input)
@example(b"\x01,\"\x01\n\x01\"\nx,y\n").via("a header cell's line break in the error naming the columns")
@example(b"title,watched\nAlien,\xc2\xb2/03/2024\n").via('a date column whose day is "\u00b2": int() refused it')
def test_any_table_file_gives_valid_rows_or_one_error_naming_file_and_line(data):
    items = read_or_refuse(lambda: read_table(data), "films.csv", data)
    if not isinstance(items, InputError):
        assert all(re.match(r"films\.csv line \d+", item.where) for item in items)


@fuzzed(150)
@given(st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=300),
       st.sampled_from(["", "\ufeff"]), st.integers(1, 7))
def test_utf8_text_reads_back_line_by_line_whatever_its_blocks(text, mark, block_bits):
    lines = text_stream.DecodedLines(io.BytesIO((mark + text).encode("utf-8")), "notes.csv")
    real_block = text_stream._CHUNK
    text_stream._CHUNK = 1 << block_bits  # blocks of a few bytes: lines and characters cut at every place
    try:
        assert "".join(lines) == text
    finally:
        text_stream._CHUNK = real_block


# ---- IMDb's list export ----------------------------------------------------------------------------------------

imdb_input = st.one_of(
    random_bytes,
    st.sampled_from([IMDB_SMALL, IMDB_WATCHLIST]).flatmap(mutated),
    st.sampled_from([IMDB_SMALL, IMDB_WATCHLIST]).flatmap(
        lambda seed: cells_changed(seed.decode("utf-8")).map(lambda text: text.encode("utf-8"))))


def read_imdb(data: bytes, name: str = "ratings.csv") -> list[Entry | Skipped]:
    text, _ = decode_text(data, name)
    return list(imdb_csv.parse(io.StringIO(text, newline=""), name))


@fuzzed(250)
@given(imdb_input)
def test_any_imdb_export_gives_valid_entries_or_one_error_naming_file_and_line(data):
    read_or_refuse(lambda: read_imdb(data), "ratings.csv", data)


# ---- Letterboxd: its import CSV and its account export ---------------------------------------------------------

LETTERBOXD_IMPORT = _table([
    list(letterboxd_csv.COLUMNS),
    ["Parasite", "2019", "Bong Joon Ho", "tt6751668", "496243", "5", "2020-02-01", "false", "korean, thriller",
     'Great "film"\non two lines'],
    ["Parasite", "2019", "Bong Joon Ho", "tt6751668", "496243", "4.5", "2020-02-07", "true", "", ""],
    ["Bone", "1972", "Larry Cohen", "", "", "", "", "", "", ""],
    ["이 별에 필요한", "2025", "Han Ji-won, Kang Hyun-joo", "", "1234", "0.5", "", "", "", ""]])


def _head(path: Path, rows: int) -> str:
    """The header and first rows of a CSV (rows may span lines)."""
    text = path.read_text(encoding="utf-8")
    return _table(list(csv.reader(io.StringIO(text, newline="")))[:rows + 1])


LETTERBOXD_TABLES = {
    "diary.csv": _head(EXPORTS / "letterboxd" / "diary.csv", 12),
    "ratings.csv": (EXPORTS / "letterboxd" / "ratings.csv").read_text(encoding="utf-8"),
    "watched.csv": _head(EXPORTS / "letterboxd" / "watched.csv", 8),
    "watchlist.csv": _head(EXPORTS / "letterboxd" / "watchlist.csv", 5),
    "reviews.csv": _head(EXPORTS / "letterboxd" / "reviews.csv", 3),
    "lists/zatoichi.csv": (EXPORTS / "letterboxd" / "list_zatoichi.csv").read_text(encoding="utf-8"),
}


@fuzzed(200)
@given(st.one_of(random_bytes, mutated(LETTERBOXD_IMPORT.encode()),
                 cells_changed(LETTERBOXD_IMPORT).map(str.encode)), st.booleans())
# A quote left open runs past csv's field limit (csv.Error): in a row, and in the header
@example(LETTERBOXD_IMPORT.encode() + LONG_CELL, False)
@example(LONG_CELL, True)
@example(LETTERBOXD_IMPORT.replace("2019", "²", 1).encode(), False).via('a year "²": str.isdigit() passes it')
@example(LETTERBOXD_IMPORT.replace("2019", "9" * 5000, 1).encode(), False).via("int()'s 4300-digit limit")
def test_any_letterboxd_import_csv_gives_valid_entries_or_one_error_naming_file_and_line(data, watchlist):
    def read() -> list[Entry | Skipped]:
        text, _ = decode_text(data, "diary-import.csv")
        return letterboxd_csv.parse(text, "diary-import.csv", watchlist)
    read_or_refuse(read, "diary-import.csv", data)


@st.composite
def letterboxd_export(draw: st.DrawFn) -> dict[str, bytes]:
    """An export's CSVs, one of them broken (a byte mutation, or cells changed)."""
    tables = {name: text.encode("utf-8") for name, text in LETTERBOXD_TABLES.items()
              if draw(st.booleans()) or name == "ratings.csv"}
    name = draw(st.sampled_from(sorted(tables)))
    if draw(st.booleans()):
        tables[name] = draw(mutated(tables[name]))
    else:
        tables[name] = draw(cells_changed(tables[name].decode("utf-8"))).encode("utf-8")
    return tables


@fuzzed(250)
@given(letterboxd_export())
# csv.Error: a quote left open runs past csv's field limit (in a table's row, its header, a list's films); a
# carriage return of its own in a list's description or films
@example({"ratings.csv": LETTERBOXD_TABLES["ratings.csv"].encode() + LONG_CELL})
@example({"diary.csv": LONG_CELL})
@example({"lists/zatoichi.csv": LETTERBOXD_TABLES["lists/zatoichi.csv"].encode() + LONG_CELL})
@example({"lists/zatoichi.csv": LETTERBOXD_TABLES["lists/zatoichi.csv"].replace("Zatoichi,,", "Zato\richi,,").encode()})
@example({"lists/zatoichi.csv": LETTERBOXD_TABLES["lists/zatoichi.csv"].replace("The Tale", "The\rTale", 1).encode()})
@example({"lists/zatoichi.csv": LETTERBOXD_TABLES["lists/zatoichi.csv"].replace("\n1,", "\n¹,").encode()})
@example({"lists/zatoichi.csv": LETTERBOXD_TABLES["lists/zatoichi.csv"].replace("1962", "9" * 5000).encode()})
def test_any_letterboxd_export_gives_valid_entries_or_one_error_naming_file_and_line(tables):
    def read() -> list[Entry | Skipped]:
        texts = {name: decode_text(data, f"export: {name}")[0] for name, data in tables.items()}
        return letterboxd.parse_tables(texts, "export")
    read_or_refuse(read, "export")


# ---- MyAnimeList's XML export ----------------------------------------------------------------------------------

def _mal_seed() -> bytes:
    """The real export's head: its comment, <myinfo> and the anime up to the first whose comments hold bytes that
    are not UTF-8 (HTML-escaped UTF-8 read as Latin-1, as MAL writes it)."""
    data = (EXPORTS / "mal" / "animelist_nuck.kitsu.xml").read_bytes()
    first_bad = re.search(rb"[\x80-\xff]", data[data.index(b"\xe2\x98\x85") + 3:]).start()
    cut = data.index(b"</anime>", data.index(b"\xe2\x98\x85") + 3 + first_bad) + len(b"</anime>")
    return data[:cut] + b"\n</myanimelist>\n"


MAL_SEED = _mal_seed()
#: The same, as a tree's changes need it: well-formed UTF-8.
MAL_TREE = MAL_SEED.decode("utf-8", "replace").encode("utf-8")
MAL_GZ = gzip.compress(MAL_SEED, mtime=0)
mal_input = st.one_of(
    random_bytes, nested(b"<anime>", b"</anime>", b"<myanimelist>", b"</myanimelist>"),
    mutated(MAL_SEED), mutated(MAL_GZ), xml_changed(MAL_TREE),
    xml_changed(MAL_TREE).map(lambda xml: gzip.compress(xml, mtime=0)),
    mutated(MAL_SEED).map(lambda xml: gzip.compress(xml, mtime=0)))


@fuzzed(250)
@given(mal_input)
@example(MAL_GZ[:40] + bytes([MAL_GZ[40] ^ 0xFF]) + MAL_GZ[41:]).via("a gzip stream damaged inside: zlib.error")
@example(MAL_SEED.replace(b"<my_score>6<", "<my_score>²<".encode(), 1)).via('a score "²": str.isdigit() passes it')
@example(MAL_SEED.replace(b"<my_times_watched>0<", b"<my_times_watched>" + b"9" * 5000 + b"<", 1))
def test_any_mal_export_gives_valid_entries_or_one_error_naming_file_and_line(data):
    def read() -> list[Entry | Skipped]:
        items, bad = mal_xml.parse(data, "animelist.xml")
        assert bad >= 0
        return items
    read_or_refuse(read, "animelist.xml", data if not data.startswith(b"\x1f\x8b") else None)


# ---- Trakt's JSON lists ----------------------------------------------------------------------------------------

TRAKT = {path.name: path.read_bytes() for path in sorted((EXPORTS / "trakt").glob("*.json"))}


@st.composite
def trakt_export(draw: st.DrawFn) -> dict[str, bytes]:
    """Trakt's lists, one of them broken: bytes, a value of the wrong type, deep nesting, random bytes."""
    lists = {name: data for name, data in TRAKT.items() if draw(st.integers(0, 3)) == 0}
    name = draw(st.sampled_from(sorted(TRAKT)))
    lists[name] = draw(st.one_of(json_changed(json.loads(TRAKT[name])), json_changed(json.loads(TRAKT[name])),
                                 mutated(TRAKT[name]), random_bytes, nested(b"[", b"]"),
                                 nested(b'{"movie":', b"}", b"[", b"]")))
    return lists


@fuzzed(250)
@given(trakt_export())
@example({"history.json": b"[" * 100_000}).via("nesting past Python's recursion limit: RecursionError")
def test_any_trakt_export_gives_valid_entries_or_one_error_naming_the_file(lists):
    read_or_refuse(lambda: trakt_json.parse_lists(lists, "trakt"), "trakt")


# ---- Tellico collections ---------------------------------------------------------------------------------------

#: A 1×1 PNG: a cover the reader keeps.
PIXEL = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                      "1f15c4890000000d49444154789c6300010000050001a5f645400000000049454e44ae426082")


def _tellico_seed() -> bytes:
    """Ted Lasso (a series with its episode table and cover) and a film with a loan, a rating field of its own
    scale and an embedded cover, as one collection."""
    import base64

    lasso = (EXPORTS / "tellico" / "ted_lasso_with_embedded_images.xml").read_text(encoding="utf-8")
    many = (EXPORTS / "tellico" / "movies-many_tellico.xml").read_text(encoding="utf-8")
    film = re.search(r'  <entry id="1">.*?</entry>\n', many, re.DOTALL).group()
    film = film.replace('<entry id="1">', '<entry id="2">').replace(
        "</entry>", "<rating>4</rating><pur_date>2011-05-29</pur_date><medium>Blu-ray</medium><seen>true</seen>"
                    "<cover>pixel.png</cover></entry>")
    head = lasso[:lasso.index("  <images>")].replace(
        "  </fields>", '   <field name="rating" type="14"><prop name="maximum">10</prop></field>\n  </fields>')
    return (f'{head}{film}  <images><image id="pixel.png" format="PNG" width="1" height="1">'
            f'{base64.b64encode(PIXEL).decode()}</image></images>\n </collection>\n <borrowers><borrower name="Kim">'
            f'<loan entryRef="2" loanDate="2024-01-02" uid="x"/></borrower></borrowers>\n</tellico>\n').encode()


TELLICO_SEED = _tellico_seed()


def tc_file(xml: bytes, members: dict[str, bytes] | None = None, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A .tc: tellico.xml, then `members` (a second tellico.xml among them, if asked: zipfile warns, and writes it)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive, warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        archive.writestr("tellico.xml", xml)
        for name, data in (members or {"images/pixel.png": PIXEL}).items():
            archive.writestr(name, data)
    return out.getvalue()


TC_SEED = tc_file(TELLICO_SEED)
#: The same .tc with each compression a zip may use (each fails its own way when damaged).
TC_SEEDS = [tc_file(TELLICO_SEED, method=method) for method in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED,
                                                                 zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA)]


def _damaged(data: bytes, at: int, xor: int = 0xFF) -> bytes:
    return data[:at] + bytes([data[at] ^ xor]) + data[at + 1:]


@st.composite
def zip_damaged(draw: st.DrawFn, seed: bytes) -> bytes:
    """A zip with bytes flipped in its headers (sizes, offsets, flags, methods, names), where a flip is not merely
    a damaged stream."""
    headers = [m.start() for m in re.finditer(rb"PK\x01\x02|PK\x03\x04|PK\x05\x06", seed)]
    data = seed
    for _ in range(draw(st.integers(1, 3))):
        at = min(draw(st.sampled_from(headers)) + draw(st.integers(4, 46)), len(data) - 1)
        data = _damaged(data, at, draw(st.integers(1, 255)))
    return data


tellico_input = st.one_of(
    random_bytes, mutated(TELLICO_SEED), xml_changed(TELLICO_SEED), st.sampled_from(TC_SEEDS).flatmap(mutated),
    st.sampled_from(TC_SEEDS).flatmap(zip_damaged),
    xml_changed(TELLICO_SEED).map(tc_file), mutated(TELLICO_SEED).map(tc_file),
    nested(b"<a>", b"</a>", b'<tellico xmlns="http://periapsis.org/tellico/">', b"</tellico>"),
    st.dictionaries(st.sampled_from(["tellico.xml", "images/x.png", "images/", "images/a/b.png", "../x", "x"]),
                    random_bytes | st.just(PIXEL), max_size=3).map(lambda members: tc_file(TELLICO_SEED, members)))


@fuzzed(200)
@given(tellico_input)
# A damaged zip: a byte lost, so offsets point before the file (ValueError); bz2's and lzma's own errors; the
# directory's flag of an encrypted member (RuntimeError)
@example(TC_SEED[:2] + TC_SEED[3:])
@example(_damaged(TC_SEEDS[2], 80))
@example(_damaged(TC_SEEDS[3], 80))
@example(_damaged(TC_SEEDS[0], TC_SEEDS[0].index(b"PK\x01\x02") + 8, 0x01))
@example(TELLICO_SEED.replace(b'encoding="UTF-8"', b'encoding="TTF-8"', 1)).via("expat's LookupError")
# Digits str.isdigit() passes and int() refuses: a year, an episode's season, the rating field's maximum
@example(TELLICO_SEED.replace(b"<year>2020<", "<year>²<".encode(), 1))
@example(TELLICO_SEED.replace(b"<column>1</column>", b"<column>" + b"9" * 5000 + b"</column>", 1))
@example(TELLICO_SEED.replace(b'"maximum">10<', '"maximum">¹⁰<'.encode(), 1))
def test_any_tellico_file_gives_valid_entries_or_one_error_naming_file_and_line(data):
    read_or_refuse(lambda: tellico_xml.parse(data, "videos.tc"), "videos.tc",
                   data if not data.startswith(b"PK") else None)


# ---- Kodi .nfo files -------------------------------------------------------------------------------------------

KODI = EXPORTS / "kodi_nfo"
KODI_LIBRARY = {
    "American Gods/tvshow.nfo": (KODI / "tvshow_American_Gods.jellyfin.nfo").read_bytes(),
    "American Gods/Season 1/season.nfo": (KODI / "season_01.jellyfin.nfo").read_bytes(),
    "American Gods/Season 1/S01E01.nfo": (KODI / "episode_Rising.jellyfin.nfo").read_bytes(),
    "American Gods/Season 1/S01E01-E04.nfo": (KODI / "episode_multi_S01E01-E04.jellyfin.nfo").read_bytes(),
    "Lilo/movie.nfo": (KODI / "movie_Lilo_and_Stitch_entities.jellyfin.nfo").read_bytes(),
    "Radarr/movie.nfo": (KODI / "movie_url_only_radarr_style.jellyfin.nfo").read_bytes(),
}
#: The single-root files, for changes made through an XML tree.
KODI_TREES = []
for _name, _data in KODI_LIBRARY.items():
    try:
        ElementTree.fromstring(_data)
        KODI_TREES.append(_name)
    except ElementTree.ParseError:
        pass


@st.composite
def kodi_library(draw: st.DrawFn) -> dict[str, bytes]:
    """A library's .nfo files, one of them broken."""
    files = {name: data for name, data in KODI_LIBRARY.items() if draw(st.booleans())}
    name = draw(st.sampled_from(KODI_TREES) | st.sampled_from(KODI_TREES) | st.sampled_from(sorted(KODI_LIBRARY)))
    seed = KODI_LIBRARY[name]
    files[name] = draw(st.one_of(mutated(seed), random_bytes, random_text,
                                 nested(b"<movie>", b"</movie>") | nested(b"<actor>", b"</actor>", b"<movie>"),
                                 *([xml_changed(seed)] * 4 if name in KODI_TREES else [])))
    return files


def _kodi_with(name: str, old: bytes, new: bytes) -> dict[str, bytes]:
    assert old in KODI_LIBRARY[name], old
    return {**KODI_LIBRARY, name: KODI_LIBRARY[name].replace(old, new, 1)}


@fuzzed(300)
@given(kodi_library())
# Digits str.isdigit() passes and int() refuses: a year, a billing order, a season's number, a named season, minutes
@example(_kodi_with("American Gods/tvshow.nfo", b"<year>2017<", "<year>²<".encode()))
@example(_kodi_with("American Gods/Season 1/season.nfo", b"<sortorder>0<", "<sortorder>²<".encode()))
@example(_kodi_with("American Gods/Season 1/S01E01.nfo", b"<season>1<", b"<season>" + b"9" * 5000 + b"<"))
@example({"show/tvshow.nfo": b'<tvshow><title>x</title><namedseason number="\xc2\xb2">y</namedseason></tvshow>'})
@example({"movie.nfo": b"<movie><title>x</title><runtime>" + b"9" * 5000 + b"</runtime></movie>"})
def test_any_kodi_library_gives_valid_entries_or_one_error_naming_file_and_line(files):
    read_or_refuse(lambda: kodi_nfo.parse_files(files, "library"), "library")


@fuzzed(100)
@given(st.one_of(random_bytes, mutated(KODI_LIBRARY["Lilo/movie.nfo"])))
def test_any_single_nfo_gives_valid_entries_or_one_error_naming_file_and_line(data):
    read_or_refuse(lambda: kodi_nfo.parse_nfo(data, "movie.nfo"), "movie.nfo", data)


# ---- Starlight JSON, the native format -------------------------------------------------------------------------

NATIVE_SEED = starlight_json.to_json_object(starlight_json.from_object(sample_document(), "sample"))
NATIVE_TEXT = json.dumps(NATIVE_SEED, ensure_ascii=False, indent=1).encode("utf-8")
native_input = st.one_of(
    random_bytes, random_text, mutated(NATIVE_TEXT), json_changed(NATIVE_SEED), json_changed(NATIVE_SEED),
    json_changed(NATIVE_SEED), nested(b"[", b"]"), nested(b'{"a":', b"}"),
    nested(b"[", b"]", b'{"format": "starlight-catalog", "version": 1, "works": ', b"}"),
    nested(b'{"children": [', b"]}", b'{"format": "starlight-catalog", "version": 1, "works": [', b"]}"),
    st.sampled_from([b"9" * 5000, b'{"format": "starlight-catalog", "version": 1' + b"0" * 5000 + b', "works": []}',
                     b'{"format": "starlight-catalog", "version": 1, "works": [{"title": "x", "year": 1e999}]}',
                     b'{"format": "starlight-catalog", "version": 1, "works": [{"title": "x", "year": NaN}]}']))


def _native(**changes: Any) -> bytes:
    return json.dumps({**NATIVE_SEED, **changes}).encode()


@fuzzed(300)
@given(native_input)
# Line breaks in a key, a setting's name or a title, quoted in the error, made it two lines
@example(_native(**{"line\nbreak": 1}))
@example(_native(catalog={"settings": {"a\r\nb": "\x00"}}))
@example(_native(works=[{"title": "Two\u2028lines", "year": 1}]))
def test_any_native_document_is_read_whole_or_refused_naming_file_and_field(data):
    try:
        doc = starlight_json.parse(data, "catalog.json")
    except InputError as error:
        check_error(error, "catalog.json")
        assert str(error).startswith("catalog.json")
        return
    text = starlight_json.dump(doc)
    assert starlight_json.dump(starlight_json.parse(text, "again.json")) == text  # what is taken is kept whole


# ---- rejected files leave the catalog as it was ----------------------------------------------------------------

NATIVE_NEW = {**NATIVE_SEED, "works": [{**work, "external_ids": {}} for work in NATIVE_SEED["works"]]}
#: Per format: the file's name and what it holds (mostly broken in ways its import rejects).
IMPORTS = {
    "csv": ("films.csv", st.one_of(_table_seeds().flatmap(mutated), random_bytes)),
    "imdb": ("ratings.csv", imdb_input),
    "letterboxd": ("ratings.csv", st.one_of(letterboxd_export().map(lambda t: next(iter(t.values()))),
                                            mutated(LETTERBOXD_IMPORT.encode())).filter(bool)),
    "mal": ("animelist.xml", mal_input),
    "trakt": ("watched-movies.json", st.sampled_from(sorted(TRAKT.values())).flatmap(
        lambda data: st.one_of(mutated(data), json_changed(json.loads(data)), random_bytes, nested(b"[", b"]")))),
    "tellico": ("videos.tc", tellico_input),
    "kodi": ("movie.nfo", st.sampled_from(sorted(KODI_LIBRARY.values())).flatmap(
        lambda data: st.one_of(mutated(data), random_bytes, nested(b"<movie>", b"</movie>")))),
    "json": ("catalog.json", st.one_of(json_changed(NATIVE_NEW), mutated(json.dumps(NATIVE_NEW).encode()),
                                       native_input)),
}


#: Files that once escaped as another error, imported with the format given (True) or told from the file (False).
REGRESSIONS: dict[str, list[tuple[bytes, bool]]] = {
    # Telling the format: json.loads' RecursionError on a file starting with "["
    "*": [(b"[" * 100_000, False)],
    # The header read to tell Letterboxd's import CSV from its export: csv.Error past the field limit
    "letterboxd": [(LONG_CELL, True)],
    # Telling the format of a zip whose directory claims a version zipfile lacks: NotImplementedError
    "tellico": [(_damaged(TC_SEED, TC_SEED.index(b"PK\x01\x02") + 6, 0xC0), False)],
}


@pytest.mark.parametrize("fmt", list(IMPORTS))
def test_a_rejected_file_leaves_the_catalog_as_it_was(sample_files, tmp_path, fmt):
    name, contents = IMPORTS[fmt]
    outcomes = {"rejected": 0, "taken": 0}

    def import_once(data: bytes, told_format: bool) -> None:
        path = tmp_path / f"in{next(_copies)}" / name
        path.parent.mkdir()
        path.write_bytes(data)
        with open_sample(sample_files, tmp_path) as catalog:
            before = snapshot(catalog)
            try:
                catalog.import_file(str(path), fmt=fmt if told_format else None)
            except InputError as error:
                assert str(path) in str(error) or name in str(error), str(error)
                assert snapshot(catalog) == before, f"{error} changed the catalog"
                outcomes["rejected"] += 1
                return
            outcomes["taken"] += 1

    for data, told_format in REGRESSIONS["*"] + REGRESSIONS.get(fmt, []):
        import_once = example(data, told_format)(import_once)
    fuzzed(25)(given(contents, st.booleans())(import_once))()
    assert outcomes["rejected"] >= 5, outcomes  # the property was put to the test
