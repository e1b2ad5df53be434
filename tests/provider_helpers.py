"""What the provider tests share: recorded answers, a YAML-free cassette reader, the shared HTTP client with no waits,
the check that a fetched work is one the catalog takes, and the mutations that break a recorded answer one field at a
time (hostile JSON)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

from catalog_app.core.record import validate_person, validate_work
from catalog_app.providers.base import Fetched, MalformedResponse
from catalog_app.providers.http import LIMITS, HttpClient, Limits

#: The recorded provider answers shared with the other checkouts (../shared/fixtures, one folder per provider).
SHARED_FIXTURES = Path(__file__).resolve().parent.parent.parent / "shared" / "fixtures"
#: Values a field may hold in a hostile or broken answer (OMDb's own "missing" first).
HOSTILE = ("N/A", "", 7, -1, 1.5, True, None, [], {}, ["N/A"], {"N/A": "N/A"})


def read_json(path: Path) -> Any:
    """A recorded JSON answer."""
    return json.loads(path.read_text(encoding="utf-8"))


# ---- the shared HTTP client, against the local server pytest-httpserver runs -------------------------------------

def fight_club() -> dict[str, Any]:
    """TMDB's /movie/550 as one append_to_response answer, put together from the separately recorded sub-requests.

    TMDB nests each appended sub-request under its name in the details object (APIS.md, section 1); the parts here
    are the real recorded answers of those sub-requests, without their repeated "id".
    """
    tmdb = SHARED_FIXTURES / "tmdb"
    payload = read_json(tmdb / "movie_550_details.jdrouet.json")
    for key, name in (("credits", "credits"), ("keywords", "keywords"), ("release_dates", "release_dates"),
                      ("images", "images"), ("external_ids", "external_ids"), ("watch/providers", "watch_providers"),
                      ("alternative_titles", "alternative_titles")):
        part = read_json(tmdb / f"movie_550_{name}.jdrouet.json")
        part.pop("id", None)
        payload[key] = part
    return payload


def no_wait_client(tmp_path: Path, httpserver: Any, sleep: Callable[[float], None] = lambda seconds: None
                   ) -> Iterator[HttpClient]:
    """The shared HTTP client as the app builds it (cache in tmp_path), handing its waits to `sleep` instead of
    waiting; closed afterwards, and then no request may have gone unanswered by a served recording."""
    made = HttpClient(tmp_path / "http.sqlite", "Starlight/test",
                      limits={name: Limits(0.0, limit.fresh_for) for name, limit in LIMITS.items()}, sleep=sleep)
    yield made
    made.close()
    httpserver.check_assertions()  # no request went unanswered by a served recording


@pytest.fixture
def client(tmp_path: Path, httpserver: Any) -> Iterator[HttpClient]:
    """The shared HTTP client as the app builds it (cache in tmp_path), without waiting between requests."""
    yield from no_wait_client(tmp_path, httpserver)


# ---- what a fetched work must be ---------------------------------------------------------------------------------

def assert_valid(fetched: Fetched) -> None:
    """The fetched work and every person it names are what the catalog accepts, and every credit names a person."""
    validate_work(fetched.work)
    for key, person in fetched.people.items():
        assert person["id"] == key
        assert validate_person(person, f"people.{key}")["id"] == key
    assert {credit["person"] for credit in fetched.work.get("credits", [])} <= set(fetched.people)


# ---- hostile JSON: a recorded answer broken one field at a time --------------------------------------------------

def paths(obj: Any, prefix: tuple = ()) -> list[tuple]:
    """Every field of a recorded object, nested ones too (of a list only its first item)."""
    items = obj.items() if isinstance(obj, dict) else enumerate(obj[:1]) if isinstance(obj, list) else []
    found = []
    for key, value in items:
        found.append(prefix + (key,))
        found += paths(value, prefix + (key,))
    return found


def broken(obj: Any, path: tuple, value: Any) -> Any:
    """A copy of a recorded object with the field at `path` replaced."""
    copy = json.loads(json.dumps(obj))
    parent = copy
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = value
    return copy


def failures_when_broken(obj: Any, parse: Callable[[Any], Any]) -> set[tuple]:
    """The fields whose breaking makes `parse` refuse the answer; any other outcome must be a valid result."""
    refused = set()
    for path in paths(obj):
        for value in HOSTILE:
            try:
                result = parse(broken(obj, path, value))
            except MalformedResponse:
                refused.add(path)
                continue
            if isinstance(result, Fetched):
                assert_valid(result)
    return refused


# ---- a small reader for the vcrpy cassettes (PyYAML is not installed) --------------------------------------------

_YAML_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r", "e": "\x1b",
                 " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029"}


def _yaml_double_quoted(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        escape = match.group(1)
        if escape[0] in "xuU":
            return chr(int(escape[1:], 16))
        return _YAML_ESCAPES[escape]
    return re.sub(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", replace, text)


def cassette(path: Path) -> list[tuple[str, Any]]:
    """(request address, decoded JSON body) of each interaction of a vcrpy cassette whose bodies are quoted text.

    Each body is one quoted YAML flow scalar after `string:`, running until the response's `headers:` key; YAML folds
    its line breaks into single spaces (an empty line stands for a line break).
    """
    lines = path.read_text(encoding="utf-8").splitlines()
    interactions = []
    uri = ""
    position = 0
    while position < len(lines):
        line = lines[position].strip()
        if line.startswith("uri: "):
            uri = line[len("uri: "):]
        elif line.startswith("string: "):
            pieces = [line[len("string: "):]]
            position += 1
            while lines[position].strip() != "headers:":
                pieces.append(lines[position].strip())
                position += 1
            folded = pieces[0]
            for piece in pieces[1:]:
                folded += "\n" if piece == "" else (piece if folded.endswith("\n") else " " + piece)
            if folded.startswith("'"):
                body = folded[1:-1].replace("''", "'")
            else:
                body = _yaml_double_quoted(folded[1:-1])
            interactions.append((uri, json.loads(body)))
            continue
        position += 1
    return interactions
