"""The providers' HTTP client against a local server: cache, offline answers, limits, retries and every fault."""

from __future__ import annotations

import json
import socket
import sqlite3
import time
from pathlib import Path

import pytest
from werkzeug import Response

from catalog_app.providers.base import MalformedResponse, ProviderError
from catalog_app.providers.http import HttpClient, Limits

FIXTURES = Path(__file__).resolve().parent.parent.parent / "shared" / "fixtures"
FIGHT_CLUB = json.loads((FIXTURES / "tmdb" / "movie_550_details.jdrouet.json").read_text(encoding="utf-8"))
NO_WAIT = {name: Limits(0.0, limits.fresh_for) for name, limits in
           __import__("catalog_app.providers.http", fromlist=["LIMITS"]).LIMITS.items()}


@pytest.fixture
def own_server():
    """A server of the test's own, which it may stop (the shared `httpserver` must keep running)."""
    from pytest_httpserver import HTTPServer
    server = HTTPServer()
    server.start()
    yield server
    if server.is_running():
        server.stop()


@pytest.fixture
def client(tmp_path):
    made = HttpClient(tmp_path / "http-cache.sqlite", "Starlight/test", timeout=(1.0, 1.0), limits=NO_WAIT,
                      sleep=lambda s: None)
    yield made
    made.close()


def test_an_answer_is_cached_and_served_with_the_server_gone(client, own_server, tmp_path):
    httpserver = own_server
    httpserver.expect_request("/3/movie/550").respond_with_json(FIGHT_CLUB)
    url = httpserver.url_for("/3/movie/550")
    assert client.get_json("tmdb", url, params={"api_key": "s3cret-key"})["title"] == "Fight Club"
    httpserver.stop()
    assert client.get_json("tmdb", url, params={"api_key": "s3cret-key"})["title"] == "Fight Club"
    assert client.network_requests == 1
    # The key is neither in the cache key nor in the stored request.
    with sqlite3.connect(tmp_path / "http-cache.sqlite") as db:
        stored = b"".join(bytes(v) if isinstance(v, (bytes, memoryview)) else str(v).encode()
                          for table, in db.execute("SELECT name FROM sqlite_master WHERE type='table'")
                          for row in db.execute(f"SELECT * FROM {table}") for v in row if v is not None)
    assert b"s3cret-key" not in stored and b"Fight Club" in stored


def test_offline_mode_answers_from_the_cache_only(client, httpserver):
    httpserver.expect_request("/a").respond_with_json({"ok": 1})
    assert client.get_json("tmdb", httpserver.url_for("/a")) == {"ok": 1}
    client.offline = True
    assert client.get_json("tmdb", httpserver.url_for("/a")) == {"ok": 1}
    with pytest.raises(ProviderError, match="not in the offline cache") as e:
        client.get_json("tmdb", httpserver.url_for("/b"))
    assert e.value.kind == "offline"


def test_an_expired_answer_is_used_when_the_provider_cannot_be_reached(tmp_path, own_server):
    httpserver = own_server
    limits = {name: Limits(0.0, __import__("datetime").timedelta(seconds=1)) for name in NO_WAIT}
    client = HttpClient(tmp_path / "c.sqlite", "Starlight/test", timeout=(0.5, 0.5), limits=limits,
                        sleep=lambda s: None)
    httpserver.expect_request("/show").respond_with_json({"name": "House"})
    url = httpserver.url_for("/show")
    assert client.get_json("tvmaze", url) == {"name": "House"}
    time.sleep(1.2)
    httpserver.stop()
    assert client.get_json("tvmaze", url) == {"name": "House"}  # stale, but better than nothing offline


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_connection_refused_says_offline(client):
    with pytest.raises(ProviderError, match="cannot be reached") as e:
        client.get_json("tvmaze", f"http://127.0.0.1:{_closed_port()}/shows/1")
    assert e.value.kind == "offline" and str(e.value).startswith("tvmaze: ")


def test_a_provider_that_does_not_answer_times_out(client, httpserver):
    def slow(request):
        time.sleep(1.5)
        return Response("{}", content_type="application/json")
    httpserver.expect_request("/slow").respond_with_handler(slow)
    start = time.monotonic()
    with pytest.raises(ProviderError, match="did not answer within 1 s") as e:
        client.get_json("jikan", httpserver.url_for("/slow"))
    assert e.value.kind == "timeout"
    assert time.monotonic() - start < 5  # one retry, then the clear error


@pytest.mark.parametrize("status, kind, words", [(401, "bad_key", "check the API key"),
                                                 (404, "not_found", "no such entry"),
                                                 (500, "down", "try again later")])
def test_http_errors_give_one_clear_message(client, httpserver, status, kind, words):
    httpserver.expect_request("/x").respond_with_data("", status=status)
    with pytest.raises(ProviderError, match=words) as e:
        client.get_json("omdb", httpserver.url_for("/x"))
    assert e.value.kind == kind


def test_the_provider_reads_its_own_error_body_first(client, httpserver):
    body = json.loads((FIXTURES / "tmdb" / "error_401_invalid_api_key.jdrouet.json").read_text())
    httpserver.expect_request("/3/movie/1").respond_with_json(body, status=401)

    def check(status, payload):
        if isinstance(payload, dict) and payload.get("status_code") == 7:
            raise ProviderError("tmdb", "the API key was refused", "bad_key")
    with pytest.raises(ProviderError, match="the API key was refused"):
        client.get_json("tmdb", httpserver.url_for("/3/movie/1"), check=check)


def test_429_waits_as_long_as_retry_after_says_then_succeeds(tmp_path, httpserver):
    waits = []
    client = HttpClient(tmp_path / "c.sqlite", "Starlight/test", limits=NO_WAIT, sleep=waits.append)
    httpserver.expect_ordered_request("/r").respond_with_data("", status=429, headers={"Retry-After": "2"})
    httpserver.expect_ordered_request("/r").respond_with_json({"ok": True})
    assert client.get_json("anilist", httpserver.url_for("/r")) == {"ok": True}
    assert waits == [2.0]


def test_a_retry_after_longer_than_the_cap_is_reported_not_waited(tmp_path, httpserver):
    waits = []
    client = HttpClient(tmp_path / "c.sqlite", "Starlight/test", limits=NO_WAIT, sleep=waits.append)
    httpserver.expect_request("/r").respond_with_data("", status=429, headers={"Retry-After": "3600"})
    with pytest.raises(ProviderError, match="slow down .*3600 s") as e:
        client.get_json("anilist", httpserver.url_for("/r"))
    assert e.value.kind == "rate_limited" and waits == []


def test_500_then_success_is_retried_with_backoff(tmp_path, httpserver):
    waits = []
    client = HttpClient(tmp_path / "c.sqlite", "Starlight/test", limits=NO_WAIT, sleep=waits.append)
    httpserver.expect_ordered_request("/s").respond_with_data("oops", status=500)
    httpserver.expect_ordered_request("/s").respond_with_data("oops", status=503)
    httpserver.expect_ordered_request("/s").respond_with_json({"ok": True})
    assert client.get_json("tvmaze", httpserver.url_for("/s")) == {"ok": True}
    assert len(waits) == 2 and waits[1] > waits[0] > 0


@pytest.mark.parametrize("body, words", [
    (json.dumps(FIGHT_CLUB)[:300], "text that is not JSON"),  # truncated
    ("<!DOCTYPE html><html><body>Maintenance</body></html>", "an HTML page instead of JSON"),
])
def test_a_malformed_answer_is_named(client, httpserver, body, words):
    httpserver.expect_request("/m").respond_with_data(body, content_type="application/json")
    with pytest.raises(MalformedResponse, match=words):
        client.get_json("tmdb", httpserver.url_for("/m"))


def test_a_redirect_to_another_host_is_refused(client, httpserver):
    httpserver.expect_request("/moved").respond_with_data("", status=302,
                                                          headers={"Location": "http://evil.example/x"})
    with pytest.raises(ProviderError, match="another host .*evil.example") as e:
        client.get_json("tmdb", httpserver.url_for("/moved"))
    assert e.value.kind == "refused"


def test_a_redirect_within_the_host_is_followed(client, httpserver):
    httpserver.expect_request("/old").respond_with_data("", status=301, headers={"Location": "/new"})
    httpserver.expect_request("/new").respond_with_json({"here": True})
    assert client.get_json("tmdb", httpserver.url_for("/old")) == {"here": True}


def test_a_50_mb_image_is_refused_without_being_kept(client, httpserver):
    big = b"\x89PNG" + b"\0" * (50 * 2**20)
    httpserver.expect_request("/big.png").respond_with_data(big, content_type="image/png")
    with pytest.raises(ProviderError, match="50 MB; at most 20 MB") as e:
        client.get_bytes("tmdb", httpserver.url_for("/big.png"), max_bytes=20 * 2**20)
    assert e.value.kind == "refused"


def test_an_image_without_a_length_is_cut_off_at_the_limit(client, httpserver):
    def chunked(request):
        return Response((b"x" * 65536 for _ in range(400)), content_type="image/jpeg")  # 25 MB, no length
    httpserver.expect_request("/stream.jpg").respond_with_handler(chunked)
    with pytest.raises(ProviderError, match="over 20 MB"):
        client.get_bytes("tmdb", httpserver.url_for("/stream.jpg"), max_bytes=20 * 2**20)


def test_requests_to_one_host_are_spaced_by_its_limit(tmp_path, httpserver):
    waits = []
    limits = {**NO_WAIT, "jikan": Limits(1.0, NO_WAIT["jikan"].fresh_for)}
    client = HttpClient(tmp_path / "c.sqlite", "Starlight/test", limits=limits, sleep=waits.append)
    for n in range(3):
        httpserver.expect_request(f"/anime/{n}").respond_with_json({"n": n})
    for n in range(3):
        client.get_json("jikan", httpserver.url_for(f"/anime/{n}"))
    client.get_json("jikan", httpserver.url_for("/anime/0"))  # from the cache: no wait
    # The sleeps are not real here, so each request's turn is one interval after the one before.
    assert len(waits) == 2 and 0.9 < waits[0] <= 1.0 and 1.9 < waits[1] <= 2.0


def test_every_request_says_who_is_asking(client, httpserver):
    httpserver.expect_request("/ua", headers={"User-Agent": "Starlight/test"}).respond_with_json({})
    assert client.get_json("wikidata", httpserver.url_for("/ua")) == {}
