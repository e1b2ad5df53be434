"""The one HTTP client every provider goes through: a disk cache, a rate limit per host, timeouts, retries, and
one clear `ProviderError` for every way a request can fail.

- Cache: `requests-cache` with its SQLite backend in the user's cache folder. Each request says how long its answer
  stays fresh; an answer past that is still used when the provider cannot be reached (stale-if-error), so a machine
  that is offline shows what it fetched before. API keys are left out of cache keys and stored requests.
- Secrets: besides the cache, keys are kept out of messages, of the errors a `ProviderError` is chained to, and of
  what urllib3 and requests-cache log (`redact_secrets`).
- Rate limit: a minimum interval between requests that reach a host (answers from the cache do not count), set per
  provider from its documented limit.
- Retries: 429 and 5xx are retried with exponential backoff, honouring Retry-After up to a cap; connection errors
  and timeouts are retried once.
- Redirects are followed only within the same host: a provider that sends us elsewhere is refused.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import random
import re
import sqlite3
import threading
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable
from urllib.parse import urljoin, urlsplit

import requests
import requests.certs
import requests_cache
from requests.adapters import HTTPAdapter

from .base import MalformedResponse, ProviderError

#: Query parameters and headers that hold secrets: never part of a cache key, never stored, never in a message.
SECRET_PARAMETERS = ("api_key", "apikey", "key", "token", "Authorization", "trakt-api-key")
#: A secret parameter's value as a URL or a library's message quotes it ("?api_key=…&", "apikey=…'").
_SECRET_IN_TEXT = re.compile(r"(?i)(?<![\w-])(" + "|".join(re.escape(name) for name in SECRET_PARAMETERS)
                             + r")=[^&\s'\"#)]+")
_BEARER_IN_TEXT = re.compile(r"\b(Bearer|Basic)\s+[\w.~+/=-]+")
#: (connect, read) seconds.
DEFAULT_TIMEOUT = (5.0, 20.0)
#: Longest wait a Retry-After may ask for before we give up and say so instead.
MAX_RETRY_AFTER = 30.0
#: Largest JSON answer we read (a provider answer is a few hundred KB at most).
MAX_JSON_BYTES = 20 * 2**20


@dataclass(frozen=True)
class Limits:
    """How often a provider may be asked (its documented limit, with a margin), and how long its answers keep."""

    min_interval: float  # seconds between requests that reach the host
    fresh_for: dt.timedelta  # how long a cached answer is used without asking again


#: Per provider; from ../shared/fixtures/APIS.md (their documented limits) and their caching advice.
LIMITS: dict[str, Limits] = {
    "tmdb": Limits(1 / 40, dt.timedelta(days=7)),
    "wikidata": Limits(0.2, dt.timedelta(days=7)),
    "jikan": Limits(1.0, dt.timedelta(days=1)),  # 60 a minute, 3 a second
    "anilist": Limits(2.0, dt.timedelta(days=1)),  # 30 a minute while their API is degraded
    "tvmaze": Limits(0.5, dt.timedelta(days=1)),  # 20 every 10 seconds
    "omdb": Limits(0.1, dt.timedelta(days=7)),
    "images": Limits(0.0, dt.timedelta(days=180)),
}


def certificate_bundle() -> Path:
    """The CA certificates TLS connections are verified against (certifi's file, which a frozen build must carry)."""
    return Path(requests.certs.where())


def redact_secrets(text: str) -> str:
    """Text (a URL, a message, a traceback) with the values of secret parameters and credentials replaced."""
    return _BEARER_IN_TEXT.sub(r"\1 REDACTED", _SECRET_IN_TEXT.sub(r"\1=REDACTED", text))


class _RedactSecrets(logging.Filter):
    """Takes keys out of what the HTTP libraries log: urllib3 logs each request's URL (debug), requests-cache a
    failed request it answers from the cache with the error's traceback (a warning, which Python prints on stderr
    even when nothing set logging up), and both quote the query, key and all."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact_secrets(message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        if record.exc_info:
            # Formatters print exc_text when there is no exc_info: the traceback as text, without the key.
            record.exc_text = redact_secrets("".join(traceback.format_exception(*record.exc_info)).rstrip("\n"))
            record.exc_info = None
        return True


def _guard_library_logs() -> None:
    """Put the redacting filter on every logger of the HTTP libraries (a logger's filter sees only its own records,
    so each module's logger needs it); once."""
    for name, logger in list(logging.root.manager.loggerDict.items()):
        if (isinstance(logger, logging.Logger) and name.split(".")[0] in ("urllib3", "requests", "requests_cache")
                and not any(isinstance(f, _RedactSecrets) for f in logger.filters)):
            logger.addFilter(_RedactSecrets())


def _cause(error: BaseException) -> Exception:
    """What a ProviderError is chained to instead of the library's error: its text without the key. (The library's
    own message quotes the request's URL, and a printed traceback would show it.)"""
    return RuntimeError(redact_secrets(f"{type(error).__name__}: {error}"))


class _HostLimiter:
    """Spaces out requests to each host; shared by every thread using the client."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._next: dict[str, float] = {}

    def wait(self, host: str, interval: float, sleep: Callable[[float], None]) -> None:
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next.get(host, 0.0))
            self._next[host] = start + interval
        if start > now:
            sleep(start - now)


class _LimitedAdapter(HTTPAdapter):
    """The transport: reached only on cache misses, so only real requests wait for the host's turn."""

    def __init__(self, client: "HttpClient") -> None:
        super().__init__()
        self._client = client

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> requests.Response:
        host = urlsplit(request.url or "").netloc
        interval = self._client.interval_for(request)
        self._client.limiter.wait(host, interval, self._client.sleep)
        self._client.network_requests += 1
        return super().send(request, *args, **kwargs)


class HttpClient:
    """Thread-safe for concurrent requests (each thread gets its own session over one shared cache file)."""

    def __init__(self, cache_path: Path | None, user_agent: str, timeout: tuple[float, float] = DEFAULT_TIMEOUT,
                 retries: int = 3, backoff: float = 0.5, max_retry_after: float = MAX_RETRY_AFTER,
                 limits: dict[str, Limits] | None = None, sleep: Callable[[float], None] = time.sleep,
                 offline: bool = False, allowed_hosts: set[str] | None = None) -> None:
        self.cache_path = cache_path
        self.user_agent = user_agent
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.max_retry_after = max_retry_after
        self.limits = dict(LIMITS if limits is None else limits)
        self.sleep = sleep
        self.offline = offline
        #: When set, only these hosts are asked (a sandbox: tests, or a machine that may reach only a mirror).
        self.allowed_hosts = allowed_hosts
        self.limiter = _HostLimiter()
        self.network_requests = 0  # requests that reached a server (for tests and benchmarks)
        self._local = threading.local()
        self._provider_of_host: dict[str, str] = {}
        self._backend: requests_cache.SQLiteCache | None = None
        self._backend_lock = threading.Lock()
        _guard_library_logs()

    # ---- sessions ---------------------------------------------------------------------------------------------

    def _session(self, cached: bool = True) -> requests.Session:
        name = "session" if cached else "plain_session"
        session = getattr(self._local, name, None)
        if session is None:
            if cached and self.cache_path is not None:
                session = requests_cache.CachedSession(
                    backend=self._cache_backend(), expire_after=dt.timedelta(days=1), stale_if_error=True,
                    allowable_methods=("GET", "POST"), ignored_parameters=list(SECRET_PARAMETERS),
                    match_headers=False, autoclose=False)  # the store is shared: closing a thread's session keeps it
            else:
                session = requests.Session()
            adapter = _LimitedAdapter(self)
            session.mount("http://", adapter)
            session.mount("https://", adapter)
            session.headers["User-Agent"] = self.user_agent
            setattr(self._local, name, session)
        return session

    def _cache_backend(self) -> requests_cache.SQLiteCache:
        """One cache store for every thread's session (it has its own lock); opened once."""
        with self._backend_lock:
            if self._backend is None:
                assert self.cache_path is not None
                self.cache_path.parent.mkdir(parents=True, exist_ok=True)
                self._backend = self._open_cache()
            return self._backend

    def _open_cache(self) -> requests_cache.SQLiteCache:
        """Open the cache file; one a crash or a full disk cut short or damaged is started afresh (it is only a
        cache: what it held is fetched again), never an error."""
        assert self.cache_path is not None
        # Several searches write at once (one thread per provider): wait for the lock, never fail on it.
        path, options = str(self.cache_path), {"wal": True, "busy_timeout": 30_000}
        backend = None
        try:
            backend = requests_cache.SQLiteCache(path, **options)
            with backend.responses.connection() as connection:
                if connection.execute("PRAGMA quick_check").fetchone()[0] == "ok":
                    return backend
        except sqlite3.DatabaseError:
            pass
        if backend is not None:
            backend.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return requests_cache.SQLiteCache(path, **options)  # a new, empty file: nothing to check

    def close(self) -> None:
        for name in ("session", "plain_session"):
            session = getattr(self._local, name, None)
            if session is not None:
                session.close()
                setattr(self._local, name, None)

    def clear_cache(self) -> None:
        """Forget every cached answer (Settings → Clear cache)."""
        session = self._session()
        if isinstance(session, requests_cache.CachedSession):
            session.cache.clear()

    def interval_for(self, request: requests.PreparedRequest) -> float:
        provider = self._provider_of_host.get(urlsplit(request.url or "").netloc, "images")
        return self.limits.get(provider, LIMITS["images"]).min_interval

    # ---- requests ---------------------------------------------------------------------------------------------

    def get_json(self, provider: str, url: str, params: dict[str, Any] | Iterable[tuple[str, Any]] | None = None,
                 headers: dict[str, str] | None = None, check: Callable[[int, Any], None] | None = None) -> Any:
        """GET a JSON answer. `check(status, decoded)` lets the provider turn its own error bodies into errors
        (it is called for every answer, also 200s: OMDb reports failures inside a 200)."""
        response = self._request(provider, "GET", url, params=params, headers=headers)
        return self._decode(provider, response, check)

    def post_json(self, provider: str, url: str, body: dict[str, Any], headers: dict[str, str] | None = None,
                  check: Callable[[int, Any], None] | None = None) -> Any:
        response = self._request(provider, "POST", url, json_body=body,
                                 headers={"Accept": "application/json", **(headers or {})})
        return self._decode(provider, response, check)

    def get_bytes(self, provider: str, url: str, max_bytes: int) -> tuple[bytes, str | None]:
        """Download a file of at most max_bytes (an image); returns its bytes and the Content-Type.

        Not through the HTTP cache: the cache would read the whole file before we could refuse it, and images
        are kept content-addressed by the catalog and the image cache anyway."""
        response = self._request(provider, "GET", url, stream=True, kind="images", cached=False)
        declared = response.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > max_bytes:
            response.close()
            raise ProviderError(provider, f"the image at {_safe_url(url)} is {int(declared) / 2**20:.0f} MB; "
                                          f"at most {max_bytes // 2**20} MB are accepted", "refused")
        data = self._read_capped(provider, response, max_bytes, url)
        return data, response.headers.get("Content-Type")

    def _read_capped(self, provider: str, response: requests.Response, limit: int, url: str) -> bytes:
        if getattr(response, "from_cache", False):
            data = response.content
        else:
            chunks, size = [], 0
            for chunk in response.iter_content(64 * 1024):
                size += len(chunk)
                if size > limit:
                    response.close()
                    raise ProviderError(provider, f"the answer from {_safe_url(url)} is over "
                                                  f"{limit // 2**20} MB; it was not kept", "refused")
                chunks.append(chunk)
            data = b"".join(chunks)
            response._content = data  # later reads of .content see what was read
        if len(data) > limit:
            raise ProviderError(provider, f"the answer from {_safe_url(url)} is over {limit // 2**20} MB", "refused")
        return data

    def _decode(self, provider: str, response: requests.Response, check: Callable[[int, Any], None] | None) -> Any:
        data = self._read_capped(provider, response, MAX_JSON_BYTES, response.url)
        status = response.status_code
        try:
            decoded = json.loads(data.decode("utf-8")) if data.strip() else None
        except (UnicodeDecodeError, json.JSONDecodeError) as e:
            if status >= 400:
                raise _status_error(provider, status, response) from e
            looks = "an HTML page" if data.lstrip()[:1] == b"<" else "text that is not JSON"
            raise MalformedResponse(provider, f"{looks} instead of JSON (from {_safe_url(response.url)})") from e
        if check is not None:
            check(status, decoded)
        if status >= 400:
            raise _status_error(provider, status, response)
        return decoded

    def _request(self, provider: str, method: str, url: str, params: Any = None, headers: dict[str, str] | None = None,
                 json_body: Any = None, stream: bool = False, kind: str | None = None,
                 cached: bool = True) -> requests.Response:
        host = urlsplit(url).netloc
        if self.allowed_hosts is not None and urlsplit(url).hostname not in self.allowed_hosts:
            raise ProviderError(provider, f"{host} is not among the hosts this client may ask", "refused")
        self._provider_of_host.setdefault(host, kind or provider)
        fresh_for = self.limits.get(kind or provider, LIMITS["images"]).fresh_for
        if self.offline and not cached:
            raise ProviderError(provider, "cannot download while working offline", "offline")
        session = self._session(cached)
        cached_only = self.offline and isinstance(session, requests_cache.CachedSession)
        attempt = 0
        redirects = 0
        while True:
            attempt += 1
            try:
                options: dict[str, Any] = {"params": params, "headers": headers, "timeout": self.timeout,
                                           "allow_redirects": False, "stream": stream}
                if json_body is not None:
                    options["json"] = json_body
                if isinstance(session, requests_cache.CachedSession):
                    options["expire_after"] = fresh_for
                    if cached_only:
                        options["only_if_cached"] = True
                response = session.request(method, url, **options)
            except requests.Timeout as e:
                if attempt <= 1:
                    continue
                raise ProviderError(provider, f"did not answer within {self.timeout[1]:.0f} s",
                                    "timeout") from _cause(e)
            except requests.ConnectionError as e:
                if attempt <= 1:
                    continue
                raise ProviderError(provider, f"cannot be reached at {host} (offline?)", "offline") from _cause(e)
            except requests.RequestException as e:
                raise ProviderError(provider, f"the request failed ({type(e).__name__})", "failed") from _cause(e)
            if cached_only and response.status_code == 504:
                raise ProviderError(provider, "is not in the offline cache (working offline)", "offline")
            if response.is_redirect or response.status_code in (301, 302, 303, 307, 308):
                target = urljoin(response.url, response.headers.get("Location", ""))
                if urlsplit(target).netloc != host:
                    raise ProviderError(provider, f"redirected the request to another host "
                                                  f"({urlsplit(target).netloc or 'none'}); not followed", "refused")
                redirects += 1
                if redirects > 3:
                    raise ProviderError(provider, "redirected the request too many times", "failed")
                url, params = target, None
                continue
            if response.status_code == 429 or response.status_code >= 500:
                wait = self._retry_wait(response, attempt)
                if attempt <= self.retries and wait is not None:
                    response.close()
                    self.sleep(wait)
                    continue
            return response

    def _retry_wait(self, response: requests.Response, attempt: int) -> float | None:
        """Seconds to wait before retrying, or None when the provider asks for longer than we will wait."""
        header = response.headers.get("Retry-After", "").strip()
        if header:
            try:
                seconds = float(header)
            except ValueError:
                try:
                    from email.utils import parsedate_to_datetime
                    seconds = (parsedate_to_datetime(header) - dt.datetime.now(dt.timezone.utc)).total_seconds()
                except (TypeError, ValueError):
                    seconds = 0.0
            if seconds > self.max_retry_after:
                return None
            return max(0.0, seconds)
        return self.backoff * (2 ** (attempt - 1)) * (1 + random.random() / 4)


def _status_error(provider: str, status: int, response: requests.Response) -> ProviderError:
    if status in (401, 403):
        return ProviderError(provider, f"refused the request (HTTP {status}): check the API key", "bad_key")
    if status == 404:
        return ProviderError(provider, "has no such entry (HTTP 404)", "not_found")
    if status == 429:
        after = response.headers.get("Retry-After")
        when = f"; try again in {after} s" if after and after.isdigit() else ""
        return ProviderError(provider, f"asks us to slow down (HTTP 429){when}", "rate_limited")
    if status >= 500:
        return ProviderError(provider, f"is having trouble (HTTP {status}); try again later", "down")
    return ProviderError(provider, f"answered HTTP {status}", "failed")


def _safe_url(url: str) -> str:
    """An address for a message: without its query, where keys live."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{parts.path}"
