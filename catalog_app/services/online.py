"""Online metadata: which providers are on and how to reach them, searching them, adding a work from one, and
refreshing works with a merge preview. The GUI and the command line both go through here.

Settings come from the environment first (`STARLIGHT_<PROVIDER>_URL`, `STARLIGHT_TMDB_IMAGE_URL`,
`STARLIGHT_TMDB_KEY`, `STARLIGHT_OMDB_KEY`, `STARLIGHT_ANILIST_ENABLED`, `STARLIGHT_OFFLINE`), then from the
app's settings; API keys live only in the system keyring (or the environment), never in a settings file.

Wikidata (CC0), Jikan/MyAnimeList and TVmaze work without a key and are on by default; TMDB and OMDb need a key;
AniList stays off until the person turns it on, because its terms restrict list and tracker apps.
"""

from __future__ import annotations

import concurrent.futures
import os
from dataclasses import dataclass, field
from typing import Any, Callable
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from .. import APP_NAME, __version__
from ..core.errors import DuplicateError, InputError, StarlightError
from ..core.images import MAX_IMAGE_BYTES, check_image
from ..core.merge import FieldChange, apply_changes, merge_changes
from ..core.record import validate_person, validate_work
from ..providers import anilist, jikan, omdb, tmdb, tvmaze, wikidata
from ..providers.base import Candidate, CreditedWork, Fetched, ProviderError
from ..providers.http import LIMITS, SECRET_PARAMETERS, HttpClient, Limits
from ..store import works as repo
from ..store.works import Edit
from .image_cache import ImageCache
from .paths import cache_dir

#: Every provider, in the order their results are shown.
PROVIDERS = ("tmdb", "wikidata", "jikan", "tvmaze", "anilist", "omdb")
LABELS = {"tmdb": "TMDB", "wikidata": "Wikidata", "jikan": "MyAnimeList (Jikan)", "tvmaze": "TVmaze",
          "anilist": "AniList", "omdb": "OMDb"}
DEFAULT_URLS = {"tmdb": tmdb.DEFAULT_URL, "wikidata": wikidata.DEFAULT_URL, "jikan": jikan.DEFAULT_URL,
                "tvmaze": tvmaze.DEFAULT_URL, "anilist": anilist.DEFAULT_URL, "omdb": omdb.DEFAULT_URL}
#: The external id each provider's own ids are kept under in a work.
ID_SPACE = {"tmdb": "tmdb", "wikidata": "wikidata", "jikan": "mal", "tvmaze": "tvmaze", "anilist": "anilist",
            "omdb": "imdb"}
#: Which provider refreshes a work, by the ids it has, best first.
REFRESH_ORDER = ("tmdb", "jikan", "anilist", "tvmaze", "wikidata", "omdb")
NEEDS_KEY = {"tmdb", "omdb"}
KEYRING_SERVICE = APP_NAME
USER_AGENT = f"{APP_NAME}/{__version__} (desktop media catalog; python-requests)"
#: Images kept per fetched work: the poster and at most a few others.
MAX_IMAGES = 3


@dataclass
class OnlineSettings:
    urls: dict[str, str] = field(default_factory=dict)  # provider → base URL, where not the default
    image_url: str | None = None  # TMDB's image host
    keys: dict[str, str] = field(default_factory=dict)  # provider → API key (from the keyring or environment)
    anilist_enabled: bool = False
    languages: tuple[str, ...] = ("en",)
    region: str = "US"
    offline: bool = False
    #: The only hosts asked (a setup served entirely by mirrors, and the tests); None: any.
    allowed_hosts: set[str] | None = None

    def url(self, provider: str) -> str:
        return self.urls.get(provider) or DEFAULT_URLS[provider]


def load_settings(stored: Any = None) -> OnlineSettings:
    """The online settings: the environment over `stored` (a QSettings, or None for the app's own)."""
    if stored is None:
        from PySide6.QtCore import QSettings
        from .paths import _identify
        _identify()
        stored = QSettings()
    settings = OnlineSettings()
    for provider in PROVIDERS:
        url = os.environ.get(f"STARLIGHT_{provider.upper()}_URL") or _text(stored.value(f"online/{provider}/url"))
        if url:
            settings.urls[provider] = url.rstrip("/") if provider != "omdb" else url
        key = os.environ.get(f"STARLIGHT_{provider.upper()}_KEY") or (api_key(provider) if provider in NEEDS_KEY
                                                                         else None)
        if key:
            settings.keys[provider] = key
    settings.image_url = os.environ.get("STARLIGHT_TMDB_IMAGE_URL") or _text(stored.value("online/tmdb/image_url"))
    settings.anilist_enabled = _flag(os.environ.get("STARLIGHT_ANILIST_ENABLED",
                                                    stored.value("online/anilist/enabled", False)))
    settings.offline = _flag(os.environ.get("STARLIGHT_OFFLINE", stored.value("online/offline", False)))
    languages = _text(stored.value("online/languages"))
    if languages:
        settings.languages = tuple(code.strip() for code in languages.split(",") if code.strip()) or ("en",)
    settings.region = _text(stored.value("online/region")) or "US"
    hosts = os.environ.get("STARLIGHT_ALLOWED_HOSTS")
    if hosts:
        settings.allowed_hosts = {host.strip().lower() for host in hosts.split(",") if host.strip()}
    return settings


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _flag(value: Any) -> bool:
    return value is True or (isinstance(value, str) and value.strip().lower() in ("1", "true", "yes", "on"))


def api_key(provider: str) -> str | None:
    """The provider's key from the system keyring; None when there is none (or no keyring at all)."""
    import keyring
    import keyring.errors
    try:
        return keyring.get_password(KEYRING_SERVICE, f"{provider}-api-key")
    except keyring.errors.KeyringError:
        return None


def address_without_key(url: str) -> tuple[str, str | None]:
    """A provider's address without any key in its query (OMDb's own examples carry `apikey=` there), and that key
    (None: none): the key belongs in the keyring, the address in the settings."""
    parts = urlsplit(url)
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    secret = {name.lower() for name in SECRET_PARAMETERS}
    keys = [value for name, value in pairs if name.lower() in secret]
    if not keys:
        return url, None
    query = urlencode([(name, value) for name, value in pairs if name.lower() not in secret])
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment)), keys[0] or None


def store_api_key(provider: str, key: str | None) -> None:
    """Keep (or with None, forget) a provider's key in the system keyring."""
    import keyring
    import keyring.errors
    try:
        if key:
            keyring.set_password(KEYRING_SERVICE, f"{provider}-api-key", key)
        else:
            try:
                keyring.delete_password(KEYRING_SERVICE, f"{provider}-api-key")
            except keyring.errors.PasswordDeleteError:
                pass
    except keyring.errors.KeyringError as e:
        raise StarlightError(
            f"No system keyring is available here, so the {LABELS[provider]} key cannot be kept safely. Set "
            f"STARLIGHT_{provider.upper()}_KEY in the environment instead, or install a keyring (GNOME Keyring, "
            "KWallet).") from e


@dataclass
class SearchResults:
    candidates: list[Candidate]
    errors: dict[str, str]  # provider → one line


@dataclass
class RefreshPreview:
    work_id: int
    version: int
    title: str
    provider: str
    changes: list[FieldChange]
    fetched: Fetched
    #: Fields the person locked: not offered.
    locked: set[str]
    #: Person key → name, for the catalog's people and the provider's (to show credits).
    names: dict[str, str] = field(default_factory=dict)
    #: True when the work has no poster yet (the refresh brings the provider's).
    wants_poster: bool = False
    #: The poster's image record once downloaded (`Online.prepare_poster`), so writing needs no network.
    poster: dict[str, Any] | None = None
    #: The work and its people as loaded for the preview (at `version`).
    current: dict[str, Any] = field(default_factory=dict)
    people: dict[str, dict[str, Any]] = field(default_factory=dict)


class Online:
    """The providers, their HTTP client, and what the app does with them."""

    def __init__(self, settings: OnlineSettings | None = None, client: HttpClient | None = None) -> None:
        self.settings = settings or load_settings()
        # A provider's documented limit is for its own servers; a mirror set in the settings is the person's own.
        limits = {name: (Limits(0.0, rule.fresh_for) if name in self.settings.urls else rule)
                  for name, rule in LIMITS.items()}
        self.client = client or HttpClient(cache_dir() / "http-cache.sqlite", USER_AGENT, limits=limits,
                                           offline=self.settings.offline, allowed_hosts=self.settings.allowed_hosts)
        self._providers: dict[str, Any] = {}
        self.images = ImageCache(cache_dir() / "online-images")

    def close(self) -> None:
        self.client.close()

    # ---- providers ------------------------------------------------------------------------------------------

    def provider(self, name: str) -> Any:
        if name not in PROVIDERS:
            raise InputError(f"'{name}' is not an online source; the sources are {', '.join(PROVIDERS)}", "provider")
        if name not in self._providers:
            s, client = self.settings, self.client
            made: Any
            if name == "tmdb":
                made = tmdb.TmdbProvider(client, base_url=s.url("tmdb"), api_key=s.keys.get("tmdb"),
                                         image_url=s.image_url or tmdb.DEFAULT_IMAGE_URL,
                                         language=s.languages[0], region=s.region)
            elif name == "wikidata":
                made = wikidata.WikidataProvider(client, base_url=s.url("wikidata"), languages=s.languages)
            elif name == "jikan":
                made = jikan.JikanProvider(client, base_url=s.url("jikan"))
            elif name == "tvmaze":
                made = tvmaze.TvmazeProvider(client, base_url=s.url("tvmaze"))
            elif name == "anilist":
                made = anilist.AniListProvider(client, base_url=s.url("anilist"), enabled=s.anilist_enabled)
            else:
                made = omdb.OmdbProvider(client, base_url=s.url("omdb"), api_key=s.keys.get("omdb"))
            self._providers[name] = made
        return self._providers[name]

    def enabled(self) -> list[str]:
        """The providers a search asks: those that work without a key, those with one, AniList if turned on."""
        on = []
        for name in PROVIDERS:
            if name in NEEDS_KEY and name not in self.settings.keys:
                continue
            if name == "anilist" and not self.settings.anilist_enabled:
                continue
            on.append(name)
        return on

    # ---- search ---------------------------------------------------------------------------------------------

    def search(self, query: str, year: int | None = None, providers: list[str] | None = None) -> SearchResults:
        """Ask the providers side by side; one that fails gives an error line, the others still answer."""
        query = query.strip()
        if not query:
            raise InputError("type a title to search for", "search")
        names = providers or self.enabled()
        results: dict[str, list[Candidate]] = {}
        errors: dict[str, str] = {}
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, len(names))) as pool:
            futures = {pool.submit(self._search_one, name, query, year): name for name in names}
            for future in concurrent.futures.as_completed(futures):
                name = futures[future]
                try:
                    results[name] = future.result()
                except StarlightError as e:
                    errors[name] = str(e)
        ordered = [c for name in names for c in results.get(name, [])]
        return SearchResults(ordered, errors)

    def _search_one(self, name: str, query: str, year: int | None) -> list[Candidate]:
        try:
            return list(self.provider(name).search(query, year=year))
        finally:
            self.client.close()  # this worker thread's session goes with it

    # ---- fetch and add ----------------------------------------------------------------------------------------

    def fetch(self, name: str, ident: str) -> Fetched:
        """A provider's whole entry for one of its ids, checked: a different id in the answer is refused."""
        fetched = self.provider(name).fetch(ident)
        space = ID_SPACE[name]
        expected = _own_id(name, ident)
        got = fetched.work.get("external_ids", {}).get(space)
        if got is not None and expected is not None and str(got) != expected:
            raise ProviderError(name, f"answered with {space} id {got} when asked for {expected}; not used",
                                "malformed")
        return fetched

    def checked(self, fetched: Fetched) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
        """The fetched work and people as validated records (a provider's bad value is one clear error)."""
        if fetched.records is not None:  # validated by the provider's parser, and not changed since
            record, people = fetched.records
            return dict(record), dict(people)
        where = f"{fetched.provider} {fetched.ident}"
        people = {key: validate_person({**person, "id": key}, f"{where} people[{key}]")
                  for key, person in fetched.people.items()}
        work = dict(fetched.work)
        work.pop("images", None)
        record = validate_work(work, where)
        return record, people

    def add_episodes(self, fetched: Fetched) -> list[str] | None:
        """Fetch the episodes of a series from a provider that lists them apart from it (TMDB by season, Jikan in
        pages) into `fetched`; None when its provider has no such step (TVmaze sends them with the series)."""
        provider = self.provider(fetched.provider)
        if not hasattr(provider, "add_episodes"):
            return None
        return provider.add_episodes(fetched)

    def download_images(self, fetched: Fetched, store: Callable[[bytes, str], str]) -> tuple[list[dict[str, Any]],
                                                                                               list[str]]:
        """Download the fetched work's images (the poster first), refusing what is not a reasonable image.

        Returns image records for the work and one line per image that was not kept (the work is added anyway).
        """
        images, problems = [], []
        chosen = sorted(fetched.images, key=lambda i: (i.kind != "poster", not i.primary))[:MAX_IMAGES]
        have_primary: set[str] = set()
        for ref in chosen:
            try:
                data, _ = self.client.get_bytes(fetched.provider, ref.url, MAX_IMAGE_BYTES)
                mime, width, height = check_image(data, ref.url.split("?")[0])
            except (ProviderError, InputError) as e:
                problems.append(str(e))
                continue
            digest = store(data, mime)
            primary = ref.kind not in have_primary
            have_primary.add(ref.kind)
            images.append({"kind": ref.kind, "hash": digest, "mime": mime, "width": width, "height": height,
                           "size": len(data), "source_url": ref.url.split("?")[0], "primary": primary})
        return images, problems

    def add(self, catalog: Any, fetched: Fetched) -> tuple[int, list[str]]:
        """Add a fetched work (with its episodes and poster) to the catalog in one transaction; returns its id and
        a line for each part that could not be had (episodes, images). A work whose ids are already in the catalog
        is refused."""
        record, people = self.checked(fetched)
        known = repo.existing_external_ids(list(record["external_ids"].items()))
        if known:
            (provider, value), (work_id, title) = next(iter(known.items()))
            raise DuplicateError(f"'{title}' (id {work_id}) already has {provider} id {value}: refresh it instead",
                                 work_id)
        problems = self.add_episodes(fetched)
        if problems is not None:
            fetched.records = None  # the episodes are new
            record, people = self.checked(fetched)
        images, image_problems = self.download_images(fetched, catalog.store_image)
        problems = (problems or []) + image_problems
        record["images"] = images
        work_id = catalog.add_records([record], people, source=("provider", fetched.provider))[0]
        return work_id, problems

    def thumbnail(self, candidate: Candidate) -> bytes | None:
        """The small poster of a search result, from the image cache or downloaded into it; None if it has none
        or it cannot be had (a search result without its picture is still a result)."""
        url = candidate.poster_url
        if not url:
            return None
        data = self.images.get(url)
        if data is not None:
            return data
        try:
            data, _ = self.client.get_bytes(candidate.provider, url, MAX_IMAGE_BYTES)
            check_image(data, url)
        except (ProviderError, InputError):
            return None
        self.images.put(url, data)
        return data

    def in_catalog(self, catalog: Any, candidate: Candidate) -> tuple[int, str] | None:
        """The work a search result already is in the catalog, and how that was decided: the same external id,
        else a title that matches closely (rapidfuzz, accents and case folded) with the same year (±1)."""
        ids = dict(candidate.external_ids)
        own = _own_id(candidate.provider, candidate.ident)
        if own:
            ids.setdefault(ID_SPACE[candidate.provider], own)
        known = repo.existing_external_ids(list(ids.items()))
        if known:
            (provider, value), (work_id, _) = next(iter(known.items()))
            return work_id, f"{provider} id {value}"
        return _title_match(catalog, [candidate.title, candidate.original_title], candidate.year)

    # ---- a person's other works ----------------------------------------------------------------------------------

    def other_works(self, person: dict[str, Any]) -> tuple[str, list[tuple[CreditedWork, int | None]]] | None:
        """A person's films and series as an online source lists them (TMDB, the one that lists them by person),
        each with the catalog's work when it has it; None when the person has no id there or it is off.

        Returns (the source's name, [(credited work, work id or None)]), newest first."""
        ident = (person.get("external_ids") or {}).get("tmdb")
        if not ident or "tmdb" not in self.enabled():
            return None
        credited = self.provider("tmdb").person_credits(ident)
        known = repo.existing_external_ids([("tmdb", c.work.ident) for c in credited])
        return "tmdb", [(c, known.get(("tmdb", c.work.ident), (None, ""))[0]) for c in credited]

    # ---- refresh ----------------------------------------------------------------------------------------------

    def source_for(self, external_ids: dict[str, str]) -> tuple[str, str] | None:
        """The provider (and its id) that refreshes a work with these ids, or None."""
        enabled = set(self.enabled())
        for name in REFRESH_ORDER:
            value = external_ids.get(ID_SPACE[name])
            if name in enabled and value:
                return name, value
        return None

    def preview_refresh(self, catalog: Any, work_id: int, provider: str | None = None) -> RefreshPreview:
        """Fetch a work again and compare: the changes a refresh would make, nothing written yet."""
        current, people = catalog.load(work_id)
        return self.compare(current, people, catalog.locked_fields(work_id), provider)

    def compare(self, current: dict[str, Any], people: dict[str, dict[str, Any]], locked: set[str],
                provider: str | None = None) -> RefreshPreview:
        """Fetch a loaded work (`current`, with its `people` and `locked` fields) again and compare."""
        work_id = int(current["id"][1:])
        if provider is None:
            chosen = self.source_for(current["external_ids"])
            if chosen is None:
                raise InputError("has no id from an online source that is turned on (add one, or search online)",
                                 current["title"])
            provider, ident = chosen
        else:
            ident = current["external_ids"].get(ID_SPACE[provider])
            if not ident:
                raise InputError(f"has no {ID_SPACE[provider]} id", current["title"])
        fetched = self.fetch(provider, ident)
        record, fetched_people = self.checked(fetched)
        names = {k: p["name"] for k, p in people.items()} | {k: p["name"] for k, p in fetched_people.items()}
        changes = merge_changes(current, record, provider, locked, names)
        fetched.people = fetched_people
        wants_poster = not any(i["kind"] == "poster" for i in current["images"]) and "images" not in locked
        return RefreshPreview(work_id, current["version"], current["title"], provider, changes, fetched, locked,
                              names, wants_poster, current=current, people=people)

    def prepare_poster(self, catalog: Any, preview: RefreshPreview) -> None:
        """Download the provider's poster for a work that has none (on the fetching thread, before writing)."""
        if preview.wants_poster and preview.poster is None:
            posters = [i for i in preview.fetched.images if i.kind == "poster"]
            if posters:
                one = Fetched(preview.fetched.provider, preview.fetched.ident, {}, images=posters[:1])
                images, _ = self.download_images(one, catalog.store_image)
                preview.poster = images[0] if images else None

    def apply_refresh(self, catalog: Any, preview: RefreshPreview, accepted: set[str] | None = None,
                      with_poster: bool = True) -> int:
        """Write the accepted changes (all that fill a gap, by default) as one edit; returns the new version.

        Raises ConflictError when the work changed since the preview (nothing is written)."""
        if with_poster:
            self.prepare_poster(catalog, preview)
        edit = self.refreshed(preview, accepted)
        return catalog.save_work(edit.work_id, edit.expected_version, edit.record, edit.people, source=edit.source,
                                 before=edit.before)

    @staticmethod
    def refreshed(preview: RefreshPreview, accepted: set[str] | None = None) -> Edit:
        """The work of a preview with the accepted changes (all that fill a gap, by default) and the poster
        `prepare_poster` downloaded, as an edit to save. Saving checks the work is still at the preview's version
        (a ConflictError, nothing written, when someone changed it since it was fetched); changed fields get the
        provider as their provenance (store.works.replace_works)."""
        current = preview.current
        if accepted is None:
            accepted = {c.field for c in preview.changes if c.fills_gap}
        record = apply_changes(current, preview.changes, accepted)
        if preview.poster is not None and not any(i["kind"] == "poster" for i in current["images"]):
            record["images"] = current["images"] + [{**preview.poster, "primary": True}]
        return Edit(preview.work_id, preview.version, record, {**preview.people, **preview.fetched.people},
                    before=current, source=("provider", preview.provider))


#: How alike two folded titles must be (rapidfuzz ratio, 0–100) to count as the same work with the same year.
TITLE_MATCH_SCORE = 92


def _title_match(catalog: Any, titles: list[str | None], year: int | None) -> tuple[int, str] | None:
    from rapidfuzz import fuzz

    from ..core.normalize import match_key
    for title in filter(None, titles):
        wanted = match_key(title)
        words = " ".join(f'"{w}"' for w in title.replace('"', " ").split()[:6])
        if not wanted or not words:
            continue
        for work_id, found, found_year, _, original in catalog.find(words, limit=50):
            if year and found_year and abs(found_year - year) > 1:
                continue
            for name in filter(None, (found, original)):
                if fuzz.ratio(wanted, match_key(name)) >= TITLE_MATCH_SCORE:
                    return work_id, f"title “{found}”{f' ({found_year})' if found_year else ''}"
    return None


def _own_id(name: str, ident: str) -> str | None:
    """The external id a provider's fetch id stands for ("movie/550" for TMDB, "457" for Jikan...)."""
    return ident.strip() or None



def refresh_targets(catalog: Any, query: str, online: Online) -> list[int]:
    """The works a refresh of `query` (everything when empty) covers: those with an id from a source that is on,
    in title order."""
    from ..store.tables import ExternalId
    spaces = sorted({ID_SPACE[name] for name in online.enabled()})
    with_ids = {w for (w,) in ExternalId.select(ExternalId.work).where(ExternalId.provider.in_(spaces)).tuples()}
    return [row[0] for row in catalog.find(query) if row[0] in with_ids]
