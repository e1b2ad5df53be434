"""The catalog as a folder of web pages: an index of every work with its poster, and one page per work.

Pure functions of a native document: `render` gives each file's text by its path in the folder ("index.html",
"style.css", "works/w1-lost-in-starlight.html"); the caller writes them and copies the poster files whose paths
it chose. Every text taken from a record is escaped and only http(s) addresses become links, so a title or a link
from an imported file can never run in the reader's browser. The pages need no network and no JavaScript (a few
lines of it only add a filter box to the index).
"""

from __future__ import annotations

import html
import re
import unicodedata
from typing import Any, Callable, Iterable, Iterator, Mapping
from urllib.parse import quote

from ...core.record import iter_works
from .starlight_json import Document

#: The meta tag every exported index carries: a folder whose index has it may be replaced by a new export.
EXPORT_MARK = '<meta name="starlight-export" content="html">'
#: What an export folder holds; a folder with anything else in it is not replaced.
EXPORT_ENTRIES = frozenset({"index.html", "style.css", "works", "images"})

ROLE_ORDER = ("director", "creator", "writer", "original_story", "voice", "cast", "composer", "producer",
              "executive_producer", "cinematographer", "editor", "animation_director", "character_designer",
              "art_director", "crew")
#: Role headings as (one person, several people).
ROLE_LABELS = {
    "director": ("Director", "Directors"), "creator": ("Creator", "Creators"), "writer": ("Writer", "Writers"),
    "original_story": ("Original story", "Original story"), "voice": ("Voice cast", "Voice cast"),
    "cast": ("Cast", "Cast"), "composer": ("Composer", "Composers"), "producer": ("Producer", "Producers"),
    "executive_producer": ("Executive producer", "Executive producers"),
    "cinematographer": ("Cinematography", "Cinematography"), "editor": ("Editor", "Editors"),
    "animation_director": ("Animation director", "Animation directors"),
    "character_designer": ("Character design", "Character design"), "art_director": ("Art direction", "Art direction"),
    "crew": ("Crew", "Crew"),
}
KIND_LABELS = {"film": "Film", "series": "Series", "miniseries": "Miniseries", "season": "Season",
               "episode": "Episode", "short": "Short film", "special": "Special", "tv_film": "TV film", "ova": "OVA"}
STATUS_LABELS = {"planned": "Plan to watch", "watching": "Watching", "completed": "Completed", "on_hold": "On hold",
                 "dropped": "Dropped"}
RELATION_LABELS = {"sequel": "Sequel", "prequel": "Prequel", "follow_up": "Follow-up to", "remake": "Remake",
                   "remake_of": "Remake of", "adaptation_of": "Adaptation of", "spin_off": "Spin-off",
                   "spin_off_of": "Spin-off of", "same_universe": "Same universe as", "compared_to": "Compared to",
                   "similar": "Similar to"}
QUOTE_LABELS = {"critic_review": "Critic review", "user_review": "User review", "creator": "From the makers"}
COMPANY_LABELS = {"studio": "Studio", "production": "Production", "distributor": "Distribution",
                  "network": "Network", "streaming_original": "Streaming original"}
AVAILABILITY_LABELS = {"stream": "Stream", "free": "Free", "ads": "Free with ads", "rent": "Rent", "buy": "Buy",
                       "own": "Own"}
TITLE_LABELS = {"localized": "Localized", "romanized": "Romanized", "original": "Original",
                "alternative": "Also known as", "working": "Working title", "short": "Short title"}
RELEASE_LABELS = {"premiere": "Premiere", "theatrical": "Theatrical", "streaming": "Streaming", "tv": "TV",
                  "physical": "Home video", "festival": "Festival"}
COPY_LABELS = {"dvd": "DVD", "bluray": "Blu-ray", "uhd": "4K Ultra HD", "vhs": "VHS", "laserdisc": "LaserDisc",
               "digital": "Digital", "file": "File", "other": "Other"}
RATING_SOURCE_NAMES = {"rotten_tomatoes": "Rotten Tomatoes", "rotten_tomatoes_audience": "Rotten Tomatoes audience",
                       "imdb": "IMDb", "tmdb": "TMDB", "mal": "MyAnimeList", "anilist": "AniList",
                       "metacritic": "Metacritic", "letterboxd": "Letterboxd", "tvmaze": "TVmaze"}
#: Rating sources whose scores read as percentages ("91%"); others read as value/scale ("8.5/10").
PERCENT_SOURCES = frozenset({"rotten_tomatoes", "rotten_tomatoes_audience", "anilist"})
EXTERNAL_ID_NAMES = {"imdb": "IMDb", "tmdb": "TMDB", "wikidata": "Wikidata", "anilist": "AniList",
                     "mal": "MyAnimeList", "tvmaze": "TVmaze", "letterboxd": "Letterboxd", "trakt": "Trakt"}
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# A link must be one http(s) address: no spaces or control characters that could end the attribute early.
_SAFE_URL = re.compile(r"^https?://[^\s\x00-\x1f\x7f]+$", re.IGNORECASE)
_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _same(code: str) -> str:
    return code


def render(doc: Document, posters: Mapping[str, str], catalog_name: str, exported_on: str, app: str,
           language_name: Callable[[str], str] = _same,
           country_name: Callable[[str], str] = _same) -> Iterator[tuple[str, str]]:
    """Every file of the folder except the images, as (path, text): "index.html", "style.css" and a page per
    top-level work in "works/" (its seasons and episodes are on its page), one at a time so that a large catalog's
    pages need not all be held at once.

    `posters` maps an image's hash to its file's path in the folder ("images/ab/ab12….jpg"): only those images are
    shown. `exported_on` is a date ("2025-06-01"), `app` the name and version that wrote the folder;
    `language_name` and `country_name` turn codes ("ko", "KR") into names.
    """
    site = _Site(doc, posters, catalog_name, exported_on, app, language_name, country_name)
    yield "index.html", site.index()
    yield "style.css", STYLE
    for record in doc.works:
        yield site.pages[id(record)], site.work_page(record)


def poster_of(record: dict[str, Any]) -> dict[str, Any] | None:
    """The image a work is shown with: its primary poster, else its first poster, else its first image."""
    images = record["images"]
    for wanted in (lambda i: i["primary"] and i["kind"] == "poster", lambda i: i["kind"] == "poster",
                   lambda i: True):
        for image in images:
            if wanted(image):
                return image
    return None


def is_export_index(text: str) -> bool:
    """Whether an index.html was written by this export (so that its folder may be replaced)."""
    return EXPORT_MARK in text[:4096]


def safe_url(value: Any) -> str | None:
    """The address if it is one http(s) link, else None: anything else (javascript:, data:, file:) is never a link."""
    if isinstance(value, str) and _SAFE_URL.match(value.strip()):
        return value.strip()
    return None


def external_id_url(provider: str, value: str) -> str | None:
    """The page of a work's external id on its site, when the id's shape says which page it is."""
    if not re.fullmatch(r"[A-Za-z0-9/_-]{1,200}", value):
        return None
    v = quote(value, safe="/")
    pages = {"imdb": f"https://www.imdb.com/title/{v}/" if value.startswith("tt") else None,
             "tmdb": f"https://www.themoviedb.org/{v}" if "/" in value else None,
             "wikidata": f"https://www.wikidata.org/wiki/{v}", "anilist": f"https://anilist.co/anime/{v}",
             "mal": f"https://myanimelist.net/anime/{v}", "tvmaze": f"https://www.tvmaze.com/shows/{v}",
             "letterboxd": f"https://letterboxd.com/film/{v}/"}
    return pages.get(provider)


# ---- small pieces of text ---------------------------------------------------------------------------------------


def _e(value: Any) -> str:
    """Text escaped for HTML content and attribute values alike."""
    return html.escape("" if value is None else str(value), quote=True)


def _number(value: float | int) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def format_date(value: str | None) -> str:
    """"2025-06-01" as "1 Jun 2025", "2025-06" as "Jun 2025", a year as itself."""
    match = _DATE.match(value or "")
    if not match:
        return value or ""
    year, month, day = match.groups()
    if month and 1 <= int(month) <= 12:
        return (f"{int(day)} " if day else "") + f"{_MONTHS[int(month) - 1]} {year}"
    return year


def _runtime(minutes: int) -> str:
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h" + (f" {minutes % 60} min" if minutes % 60 else "")


def _stars(rating: int) -> str:
    halves = round(max(0, min(100, rating)) / 10)
    return "★" * (halves // 2) + ("½" if halves % 2 else "")


def _rating_text(rating: dict[str, Any]) -> str:
    value, scale = rating["value"], rating["scale"]
    if scale == 100 and rating["source"] in PERCENT_SOURCES:
        return f"{_number(value)}%"
    return f"{_number(value)}/{_number(scale)}"


def _label(labels: Mapping[str, str], key: str | None) -> str:
    return labels.get(key or "") or (key or "").replace("_", " ").capitalize()


def _lang(code: str | None) -> str:
    """A lang attribute, so that Han characters take the Japanese, Korean or Chinese shapes the title needs."""
    return f' lang="{_e(code)}"' if code and _LANGUAGE_TAG.match(code) else ""


def _link(url: Any, text: str, css: str = "") -> str:
    """`text` (already HTML) as a link to `url` when it is an http(s) address, else the text alone."""
    address = safe_url(url)
    if address is None:
        return text
    klass = f' class="{css}"' if css else ""
    return f'<a{klass} href="{_e(address)}" rel="noopener noreferrer">{text}</a>'


def _join(parts: Iterable[str], between: str = " · ") -> str:
    return between.join(p for p in parts if p)


def _file_name(record: dict[str, Any], number: int, taken: set[str]) -> str:
    """A page's file name: the work's key and its title in plain letters ("w1-lost-in-starlight.html")."""
    key = re.sub(r"[^A-Za-z0-9_-]+", "-", record["id"] or "").strip("-") or f"n{number}"
    ascii_title = unicodedata.normalize("NFKD", record["title"]).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:50].rstrip("-")
    base = f"{key}-{slug}" if slug else key
    name, n = base, 1
    while name.casefold() in taken:  # case-insensitive file systems would merge "W1" and "w1"
        n += 1
        name = f"{base}-{n}"
    taken.add(name.casefold())
    return f"works/{name}.html"


def _years(record: dict[str, Any]) -> str:
    """"2019", or "2021–2025" for a series that ended in another year."""
    start, end = record["year"], record["end_year"]
    if start and end and end != start:
        return f"{start}–{end}"
    return str(start or end or "")


def _sort_key(record: dict[str, Any]) -> tuple[str, int]:
    return ((record["sort_title"] or record["title"]).casefold(), record["year"] or 0)


# ---- the site ---------------------------------------------------------------------------------------------------


class _Site:
    """The pages of one document: where each work's page is, and how each part of a record reads."""

    def __init__(self, doc: Document, posters: Mapping[str, str], catalog_name: str, exported_on: str, app: str,
                 language_name: Callable[[str], str], country_name: Callable[[str], str]) -> None:
        self.doc = doc
        self.posters = posters
        self.catalog_name = catalog_name
        self.exported_on = exported_on
        self.app = app
        self.language_name = language_name
        self.country_name = country_name
        taken: set[str] = set()
        #: Each top-level work's page, by the record's identity (keys may be missing in a document).
        self.pages = {id(r): _file_name(r, n, taken) for n, r in enumerate(doc.works, start=1)}
        #: Where a relation to a work key leads: its page, or its place on its series' page.
        self.targets: dict[str, str] = {}
        for record in doc.works:
            page = self.pages[id(record)].removeprefix("works/")
            for member in iter_works([record]):
                if member["id"]:
                    self.targets[member["id"]] = page if member is record else f"{page}#{self._anchor(member)}"

    @staticmethod
    def _anchor(record: dict[str, Any]) -> str:
        return "work-" + re.sub(r"[^A-Za-z0-9_-]+", "-", record["id"] or "")

    def _page(self, title: str, body: str, root: str, css: str, head_extra: str = "") -> str:
        return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
                f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
                f'<meta name="generator" content="{_e(self.app)}">\n{head_extra}'
                f'<title>{_e(title)}</title>\n<link rel="stylesheet" href="{root}style.css">\n</head>\n'
                f'<body class="{css}">\n{body}\n'
                f'<footer class="site-footer">{_e(self.catalog_name)} · exported {_e(format_date(self.exported_on))} '
                f'from {_e(self.app)}</footer>\n</body>\n</html>\n')

    def _poster(self, record: dict[str, Any], root: str, css: str) -> str:
        image = poster_of(record)
        path = self.posters.get(image["hash"]) if image else None
        if path is None:
            # A drawn stand-in keeps the grid even; the title is on it for the eye, and beside it for a reader.
            return f'<div class="{css} no-poster" aria-hidden="true"><span>{_e(record["title"])}</span></div>'
        size = (f' width="{int(image["width"])}" height="{int(image["height"])}"'
                if image["width"] and image["height"] else "")
        return f'<img class="{css}" src="{_e(root + path)}" alt=""{size} loading="lazy" decoding="async">'

    # ---- the index ----------------------------------------------------------------------------------------------

    def index(self) -> str:
        works = sorted(self.doc.works, key=_sort_key)
        statuses: dict[str, int] = {}
        for record in works:
            status = (record["personal"] or {}).get("status")
            if status:
                statuses[status] = statuses.get(status, 0) + 1
        summary = _join([f"{len(works):,} work{'s' if len(works) != 1 else ''}"]
                        + [f"{statuses[s]:,} {STATUS_LABELS[s].lower()}" for s in STATUS_LABELS if s in statuses])
        cards = "\n".join(self._card(r) for r in works)
        nothing = "" if works else '<p class="empty">This catalog has no works yet.</p>\n'
        body = (f'<header class="masthead">\n<h1>{_e(self.catalog_name)}</h1>\n<p class="summary">{_e(summary)}</p>\n'
                f'<p class="filter" id="filter-bar" hidden><label>Filter <input id="filter" type="search" '
                f'placeholder="Title, year, genre, person…" autocomplete="off"></label></p>\n</header>\n'
                f'<main>\n{nothing}<ul class="grid" id="works">\n{cards}\n</ul>\n'
                f'<p class="empty" id="no-match" hidden>No work matches.</p>\n</main>\n{FILTER_SCRIPT}')
        return self._page(self.catalog_name, body, "", "index-page", EXPORT_MARK + "\n")

    def _card(self, record: dict[str, Any]) -> str:
        href = self.pages[id(record)]
        personal = record["personal"] or {}
        facts = _join([_years(record), _label(KIND_LABELS, record["kind"]), "Anime" if record["anime"] else ""])
        words = [record["title"], record["original_title"] or "", str(record["year"] or ""),
                 *(t["title"] for t in record["titles"]), *record["genres"], *record["tags"],
                 *(self.doc.people[c["person"]]["name"] for c in record["credits"] if c["person"] in self.doc.people)]
        searchable = " ".join(dict.fromkeys(w for w in words if w)).casefold()
        lines = [f'<li class="card" data-search="{_e(searchable)}">',
                 f'<a class="card-link" href="{_e(href)}">{self._poster(record, "", "thumb")}',
                 f'<span class="card-title">{_e(record["title"])}</span></a>']
        if record["original_title"] and record["original_title"] != record["title"]:
            lines.append(f'<span class="card-original"{_lang(record["original_language"])}>'
                         f'{_e(record["original_title"])}</span>')
        lines.append(f'<span class="card-facts">{_e(facts)}</span>')
        if record["genres"]:
            lines.append(f'<span class="card-genres">{_e(", ".join(record["genres"]))}</span>')
        mine = []
        if personal.get("status"):
            mine.append(f'<span class="status status-{_e(personal["status"])}">'
                        f'{_e(_label(STATUS_LABELS, personal["status"]))}</span>')
        if personal.get("rating") is not None:
            mine.append(f'<span class="my-rating" title="My rating: {int(personal["rating"])}/100">'
                        f'{_stars(personal["rating"])} <small>{int(personal["rating"])}</small></span>')
        if personal.get("favourite"):
            mine.append('<span class="favourite" title="Favourite">♥</span>')
        if mine:
            lines.append(f'<span class="card-mine">{" ".join(mine)}</span>')
        lines.append("</li>")
        return "\n".join(lines)

    # ---- a work's page -----------------------------------------------------------------------------------------

    def work_page(self, record: dict[str, Any]) -> str:
        sections = [self._where_to_watch(record), self._credits(record), self._quotes(record),
                    self._relations(record), self._children(record), self._details(record),
                    self._history(record)]
        intro = []
        if record["tagline"]:
            intro.append(f'<p class="tagline">{_e(record["tagline"])}</p>')
        if record["synopsis"]:
            intro.append(f'<div class="synopsis">{_paragraphs(record["synopsis"])}</div>')
        heading = record["title"] + (f" ({record['year']})" if record["year"] else "")
        body = (f'<nav class="crumbs"><a href="../index.html">← {_e(self.catalog_name)}</a></nav>\n'
                f'<main class="work">\n{self._hero(record)}\n' + "\n".join(intro + [s for s in sections if s])
                + '\n</main>')
        return self._page(heading, body, "../", "work-page")

    def _hero(self, record: dict[str, Any]) -> str:
        lines = [f'<header class="hero">{self._poster(record, "../", "poster")}', '<div class="hero-text">',
                 f'<h1>{_e(record["title"])}</h1>']
        if record["original_title"] and record["original_title"] != record["title"]:
            language = record["original_language"]
            lines.append(f'<p class="original"><span{_lang(language)}>{_e(record["original_title"])}</span>'
                         + (f' <span class="muted">{_e(self.language_name(language))}</span>' if language else "")
                         + "</p>")
        for title in record["titles"]:
            note = _join([_label(TITLE_LABELS, title["kind"]),
                          self.language_name(title["language"]) if title["language"] else "",
                          self.country_name(title["country"]) if title["country"] else ""])
            # A romanized title is in Latin letters: marking it Korean or Japanese would only change its font.
            language = None if title["kind"] == "romanized" else title["language"]
            lines.append(f'<p class="alt-title"><span{_lang(language)}>{_e(title["title"])}</span> '
                         f'<span class="muted">{_e(note)}</span></p>')
        facts = _join([_years(record), _label(KIND_LABELS, record["kind"]), "Anime" if record["anime"] else "",
                       _runtime(record["runtime"]) if record["runtime"] else "",
                       ", ".join(self.country_name(c) for c in record["countries"]),
                       ", ".join(self.language_name(c) for c in record["languages"])])
        if facts or record["content_rating"]:
            rating = (f' <span class="chip outlined">{_e(record["content_rating"])}</span>'
                      if record["content_rating"] else "")
            lines.append(f'<p class="facts">{_e(facts)}{rating}</p>')
        if record["genres"]:
            lines.append(_chips(record["genres"], "genres"))
        if record["ratings"]:
            blocks = []
            for r in record["ratings"]:
                name = _e(RATING_SOURCE_NAMES.get(r["source"], r["source"].replace("_", " ")))
                votes = f'<span class="votes">{int(r["votes"]):,} votes</span>' if r["votes"] else ""
                blocks.append(f'<div class="rating"><strong>{_e(_rating_text(r))}</strong>'
                              f'<span class="source">{_link(r["url"], name)}</span>{votes}</div>')
            lines.append(f'<div class="ratings">{"".join(blocks)}</div>')
        lines.append(self._personal_chips(record["personal"]))
        lines.append("</div></header>")
        return "\n".join(line for line in lines if line)

    @staticmethod
    def _personal_chips(personal: dict[str, Any] | None) -> str:
        if not personal:
            return ""
        chips = []
        if personal["status"]:
            chips.append(f'<li class="chip outlined status-{_e(personal["status"])}">'
                         f'{_e(_label(STATUS_LABELS, personal["status"]))}</li>')
        if personal["favourite"]:
            chips.append('<li class="chip outlined">♥ Favourite</li>')
        if personal["rating"] is not None:
            chips.append(f'<li class="chip outlined" title="My rating">{_stars(personal["rating"])} '
                         f'{int(personal["rating"])}/100</li>')
        return f'<ul class="chips personal" aria-label="Mine">{"".join(chips)}</ul>' if chips else ""

    def _where_to_watch(self, record: dict[str, Any]) -> str:
        if not record["availability"]:
            return ""
        items = []
        for a in record["availability"]:
            note = _join([_label(AVAILABILITY_LABELS, a["kind"]), self.country_name(a["region"]) if a["region"] else "",
                          f"checked {format_date(a['checked_on'])}" if a["checked_on"] else ""])
            shown_url = "" if a["url"] is None or safe_url(a["url"]) else f' <span class="muted">{_e(a["url"])}</span>'
            items.append(f'<li>{_link(a["url"], _e(a["platform"]), "platform")} <span class="muted">{_e(note)}</span>'
                         f'{shown_url}</li>')
        return _section("Where to watch", f'<ul class="plain">{"".join(items)}</ul>')

    def _person(self, key: str) -> str:
        person = self.doc.people.get(key)
        if person is None:
            return _e(key)
        original = (f' <span class="muted">{_e(person["original_name"])}</span>'
                    if person["original_name"] and person["original_name"] != person["name"] else "")
        return f'<span class="person">{_e(person["name"])}</span>{original}'

    def _credits(self, record: dict[str, Any]) -> str:
        by_role: dict[str, list[dict[str, Any]]] = {}
        for credit in sorted(record["credits"], key=lambda c: c["billing"] if c["billing"] is not None else 10**9):
            by_role.setdefault(credit["role"], []).append(credit)
        if not by_role and not record["companies"]:
            return ""
        rows = []
        for role in sorted(by_role, key=lambda r: ROLE_ORDER.index(r) if r in ROLE_ORDER else len(ROLE_ORDER)):
            credits = by_role[role]
            one, several = ROLE_LABELS.get(role, (_label({}, role),) * 2)
            entries = []
            for c in credits:
                extra = _join([f'<span class="as">as {_e(c["character"])}</span>' if c["character"] else "",
                               f'<span class="muted">{_e(c["note"])}</span>' if c["note"] else ""], " ")
                entries.append(f"<li>{self._person(c['person'])}{' ' + extra if extra else ''}</li>")
            rows.append(f'<dt>{_e(one if len(credits) == 1 else several)}</dt><dd><ul class="plain">'
                        f'{"".join(entries)}</ul></dd>')
        companies: dict[str, list[str]] = {}
        for company in record["companies"]:
            companies.setdefault(company["role"], []).append(company["name"])
        for role, names in companies.items():
            rows.append(f'<dt>{_e(_label(COMPANY_LABELS, role))}</dt><dd>{_e(", ".join(names))}</dd>')
        return _section("Cast & crew", f'<dl class="table">{"".join(rows)}</dl>')

    def _quotes(self, record: dict[str, Any]) -> str:
        if not record["quotes"]:
            return ""
        figures = []
        for q in record["quotes"]:
            who = q["author"] or (self.doc.people[q["person"]]["name"] if q["person"] in self.doc.people else None)
            source = _join([_e(who) if who else "", _link(q["url"], _e(q["outlet"])) if q["outlet"] else "",
                            _e(format_date(q["date"])) if q["date"] else ""], ", ")
            if not q["outlet"] and q["url"] and safe_url(q["url"]):
                source = _join([source, _link(q["url"], "source")], ", ")
            kind = QUOTE_LABELS.get(q["kind"], "")
            caption = _join([f"— {source}" if source else "",
                             f'<span class="muted">{_e(kind)}</span>' if kind else ""], " ")
            figures.append(f'<figure class="quote"><blockquote{_lang(q["language"])}>{_paragraphs(q["text"])}'
                           f'</blockquote>' + (f"<figcaption>{caption}</figcaption>" if caption else "")
                           + "</figure>")
        return _section("What people say", "".join(figures))

    def _relations(self, record: dict[str, Any]) -> str:
        if not record["relations"]:
            return ""
        by_kind: dict[str, list[str]] = {}
        for r in record["relations"]:
            text = _e(r["title"] + (f" ({r['year']})" if r["year"] else ""))
            target = self.targets.get(r["target"] or "")
            # A target outside this export (a selection of works) is in the catalog, only not on these pages.
            shown = (f'<a href="{_e(target)}">{text}</a>' if target else text if r["target"]
                     else f'{text} <span class="muted">not in the catalog</span>')
            note = f'<div class="muted">{_e(r["note"])}</div>' if r["note"] else ""
            by_kind.setdefault(r["kind"], []).append(f"<li>{shown}{note}</li>")
        rows = [f'<dt>{_e(_label(RELATION_LABELS, kind))}</dt><dd><ul class="plain">{"".join(items)}</ul></dd>'
                for kind, items in by_kind.items()]
        return _section("Related", f'<dl class="table">{"".join(rows)}</dl>')

    def _children(self, record: dict[str, Any]) -> str:
        if not record["children"]:
            return ""
        groups = [c for c in record["children"] if c["children"]]
        title = "Seasons" if groups else "Episodes"
        parts = [self._child_table([c for c in record["children"] if not c["children"]])]
        for child in groups:
            heading = _join([child["title"], str(child["year"] or "")])
            intro = f'<div class="synopsis">{_paragraphs(child["synopsis"])}</div>' if child["synopsis"] else ""
            parts.append(f'<section class="season" id="{_e(self._anchor(child))}"><h3>{_e(heading)}</h3>'
                         f'{self._personal_chips(child["personal"])}{intro}{self._child_table(child["children"])}'
                         f'</section>')
        return _section(title, "".join(p for p in parts if p))

    def _child_table(self, children: list[dict[str, Any]]) -> str:
        if not children:
            return ""
        cells = []
        for child in sorted(children, key=lambda c: (c["number"] is None, c["number"] or 0)):
            released = min((d["date"] for d in child["release_dates"]), default=None)
            personal = child["personal"] or {}
            watched = [v["date"] for v in personal.get("viewings", []) if v["date"]]
            mine = _join([_label(STATUS_LABELS, personal.get("status")) if personal.get("status") else "",
                          f"watched {format_date(max(watched))}" if watched else "",
                          f"{personal['rating']}/100" if personal.get("rating") is not None else ""], ", ")
            about = f'<div class="muted">{_e(child["synopsis"])}</div>' if child["synopsis"] else ""
            cells.append((child, [_e(child["number"]), f'{_e(child["title"])}{about}', _e(format_date(released)),
                                  _e(_runtime(child["runtime"]) if child["runtime"] else ""), _e(mine)]))
        # A column no episode fills (runtimes are often unknown) is left out rather than shown empty.
        headings = ["No.", "Title", "Released", "Runtime", "Mine"]
        used = [n for n in range(len(headings)) if n == 1 or any(row[n] for _, row in cells)]
        head = "".join(f"<th>{headings[n]}</th>" for n in used)
        rows = "".join(f'<tr id="{_e(self._anchor(child))}">'
                       + "".join(f'<td class="number">{row[n]}</td>' if n == 0 else f"<td>{row[n]}</td>" for n in used)
                       + "</tr>" for child, row in cells)
        return f'<table class="episodes"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


    def _details(self, record: dict[str, Any]) -> str:
        rows = []

        def row(label: str, value_html: str) -> None:
            if value_html:
                rows.append(f"<dt>{_e(label)}</dt><dd>{value_html}</dd>")

        releases = []
        for r in sorted(record["release_dates"], key=lambda d: d["date"]):
            releases.append(_e(_join([format_date(r["date"]), _label(RELEASE_LABELS, r["kind"]),
                                      self.country_name(r["country"]) if r["country"] else "", r["note"] or ""])))
        row("Released", "<br>".join(releases))
        row("Setting", _e(record["setting"]))
        row("Music", _e(record["music"]))
        row("Keywords", _chips(record["tags"], "tags") if record["tags"] else "")
        ids = []
        for provider, value in sorted(record["external_ids"].items()):
            text = _e(f"{EXTERNAL_ID_NAMES.get(provider, provider)} {value}")
            ids.append(_link(external_id_url(provider, value), text))
        row("Elsewhere", " · ".join(ids))
        return _section("Details", f'<dl class="table">{"".join(rows)}</dl>') if rows else ""

    def _history(self, record: dict[str, Any]) -> str:
        personal = record["personal"]
        if not personal:
            return ""
        rows = []
        if personal["viewings"]:
            lines = []
            for v in personal["viewings"]:
                when = format_date(v["date"]) or "Date unknown"
                lines.append(f'<li>{_e(when)}{" · rewatch" if v["rewatch"] else ""}'
                             + (f' — <span class="note">{_e(v["note"])}</span>' if v["note"] else "") + "</li>")
            rows.append(f'<dt>Watched</dt><dd><ul class="plain">{"".join(lines)}</ul></dd>')
        if personal["notes"]:
            rows.append(f'<dt>Notes</dt><dd class="notes">{_paragraphs(personal["notes"])}</dd>')
        if personal["copies"]:
            lines = []
            for c in personal["copies"]:
                lines.append("<li>" + _e(_join([_label(COPY_LABELS, c["format"]), c["edition"] or "",
                                                c["location"] or "",
                                                f"acquired {format_date(c['acquired_on'])}" if c["acquired_on"] else "",
                                                (f"lent to {c['loaned_to']}" + (f" on {format_date(c['loaned_on'])}"
                                                                                if c["loaned_on"] else ""))
                                                if c["loaned_to"] else "", c["note"] or ""])) + "</li>")
            rows.append(f'<dt>Copies</dt><dd><ul class="plain">{"".join(lines)}</ul></dd>')
        return _section("Your history", f'<dl class="table">{"".join(rows)}</dl>') if rows else ""


def _section(title: str, content: str) -> str:
    return f'<section>\n<h2>{_e(title)}</h2>\n{content}\n</section>'


def _chips(values: list[str], css: str) -> str:
    return f'<ul class="chips {css}">' + "".join(f'<li class="chip">{_e(v)}</li>' for v in values) + "</ul>"


def _paragraphs(text: str) -> str:
    """Long text as paragraphs at its blank lines, its other line breaks kept."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]
    return "".join(f"<p>{_e(b).replace(chr(10), '<br>')}</p>" for b in blocks)


#: Shows the filter box and hides the cards it does not match; without JavaScript the box stays hidden.
FILTER_SCRIPT = """<script>
(function () {
  var box = document.getElementById("filter");
  var cards = document.querySelectorAll("#works > li");
  var none = document.getElementById("no-match");
  document.getElementById("filter-bar").hidden = false;
  box.addEventListener("input", function () {
    var words = box.value.toLocaleLowerCase().split(/\\s+/).filter(Boolean);
    var shown = 0;
    cards.forEach(function (card) {
      var text = card.getAttribute("data-search");
      var match = words.every(function (w) { return text.indexOf(w) !== -1; });
      card.hidden = !match;
      if (match) { shown += 1; }
    });
    none.hidden = shown !== 0;
  });
})();
</script>"""

STYLE = """/* Starlight catalog export: one stylesheet, no web fonts, light and dark. */
:root {
  --bg: #f6f5f2;
  --paper: #ffffff;
  --ink: #1f2328;
  --muted: #6a6f76;
  --line: #e2e0da;
  --accent: #2d5fa8;
  --chip: #eceae4;
  --shadow: 0 1px 2px rgba(0, 0, 0, .08), 0 4px 14px rgba(0, 0, 0, .06);
  --completed: #2f7d4f;
  --watching: #2d5fa8;
  --planned: #8a6d1f;
  --on_hold: #7a5aa6;
  --dropped: #9a3b3b;
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #17191c;
    --paper: #1f2226;
    --ink: #e7e5e0;
    --muted: #9ba1a8;
    --line: #32363b;
    --accent: #8db4f0;
    --chip: #2b2f34;
    --shadow: 0 1px 2px rgba(0, 0, 0, .4);
    --completed: #7cc79a;
    --watching: #8db4f0;
    --planned: #e0c172;
    --on_hold: #c0a6e6;
    --dropped: #e59a9a;
  }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0;
  background: var(--bg);
  color: var(--ink);
  font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial,
        "Apple SD Gothic Neo", "Malgun Gothic", "Noto Sans CJK KR", "Hiragino Sans", "Yu Gothic",
        "Noto Sans CJK JP", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif;
}
:lang(ja) { font-family: "Hiragino Sans", "Yu Gothic", "Noto Sans CJK JP", "Noto Sans JP", sans-serif; }
:lang(ko) { font-family: "Apple SD Gothic Neo", "Malgun Gothic", "Noto Sans CJK KR", "Noto Sans KR", sans-serif; }
:lang(zh) { font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", sans-serif; }
a { color: var(--accent); text-decoration: none; }
a:hover, a:focus-visible { text-decoration: underline; }
h1, h2, h3 { line-height: 1.2; }
.muted, .card-facts, .card-genres, .summary, .votes, .source { color: var(--muted); }

/* the index */
.masthead { max-width: 1200px; margin: 0 auto; padding: 40px 24px 8px; }
.masthead h1 { margin: 0 0 4px; font-size: 2rem; letter-spacing: -.01em; }
.summary { margin: 0; }
.filter { margin: 16px 0 0; }
.filter input {
  width: min(420px, 100%);
  margin-left: 8px;
  padding: 8px 12px;
  border: 1px solid var(--line);
  border-radius: 8px;
  background: var(--paper);
  color: inherit;
  font: inherit;
}
main { max-width: 1200px; margin: 0 auto; padding: 16px 24px 40px; }
.grid {
  display: grid;
  grid-template-columns: repeat(auto-fill, minmax(170px, 1fr));
  gap: 28px 22px;
  margin: 0;
  padding: 0;
  list-style: none;
}
.card { display: flex; flex-direction: column; gap: 2px; min-width: 0; }
.card[hidden] { display: none; }
.card-link { display: flex; flex-direction: column; gap: 8px; color: inherit; }
.card-link:hover .card-title, .card-link:focus-visible .card-title { color: var(--accent); }
.thumb, .poster {
  display: block;
  width: 100%;
  height: auto;
  aspect-ratio: 2 / 3;
  object-fit: cover;
  border-radius: 6px;
  background: var(--chip);
  box-shadow: var(--shadow);
}
.thumb { transition: transform .15s ease; }
.card-link:hover .thumb { transform: translateY(-2px); }
@media (prefers-reduced-motion: reduce) { .thumb { transition: none; } }
.no-poster {
  display: flex;
  align-items: center;
  justify-content: center;
  padding: 16px;
  background: linear-gradient(160deg, #2c3e60, #6b4a8b);
  color: #f5ead0;
  font-weight: 600;
  text-align: center;
  overflow: hidden;
}
.card-title { font-weight: 600; line-height: 1.3; }
.card-original { font-size: .95rem; }
.card-facts, .card-genres { font-size: .85rem; }
.card-mine { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; margin-top: 4px; font-size: .85rem; }
.status {
  padding: 0 8px;
  border: 1px solid currentColor;
  border-radius: 999px;
  font-size: .78rem;
  line-height: 1.6;
}
.status-completed { color: var(--completed); }
.status-watching { color: var(--watching); }
.status-planned { color: var(--planned); }
.status-on_hold { color: var(--on_hold); }
.status-dropped { color: var(--dropped); }
.my-rating { color: #c08a00; letter-spacing: .05em; }
.my-rating small { color: var(--muted); letter-spacing: 0; }
.favourite { color: #c2185b; }
.empty { color: var(--muted); }

/* a work's page */
.crumbs { max-width: 980px; margin: 0 auto; padding: 20px 24px 0; }
.work-page .site-footer { max-width: 980px; }
main.work { max-width: 980px; }
.hero { display: grid; grid-template-columns: 220px 1fr; gap: 32px; align-items: start; margin-bottom: 28px; }
.hero .poster { max-width: 220px; }
.hero h1 { margin: 4px 0 8px; font-size: 2.2rem; letter-spacing: -.01em; }
.hero p { margin: 4px 0; }
.original { font-size: 1.25rem; }
.hero .facts { margin-top: 10px; }
.chips { display: flex; flex-wrap: wrap; gap: 6px; margin: 12px 0 0; padding: 0; list-style: none; }
.chip { padding: 2px 12px; border-radius: 999px; background: var(--chip); font-size: .875rem; }
.chip.outlined { background: transparent; border: 1px solid var(--line); }
.ratings { display: flex; flex-wrap: wrap; gap: 28px; margin-top: 18px; }
.rating { display: flex; flex-direction: column; }
.rating strong { font-size: 1.7rem; line-height: 1.1; }
.rating .source, .rating .votes { font-size: .85rem; }
.tagline { font-style: italic; font-size: 1.1rem; margin: 0 0 8px; }
.synopsis p { margin: 0 0 10px; }
section { margin-top: 30px; }
section h2 {
  margin: 0 0 12px;
  padding-bottom: 6px;
  border-bottom: 1px solid var(--line);
  color: var(--muted);
  font-size: .78rem;
  font-weight: 700;
  letter-spacing: .08em;
  text-transform: uppercase;
}
dl.table { display: grid; grid-template-columns: minmax(120px, 180px) 1fr; gap: 8px 20px; margin: 0; }
dl.table dt { color: var(--muted); }
dl.table dd { margin: 0; }
ul.plain { margin: 0; padding: 0; list-style: none; }
ul.plain li + li { margin-top: 2px; }
.platform { font-weight: 600; }
.as { color: var(--muted); }
.quote { margin: 0 0 18px; padding: 4px 0 4px 18px; border-left: 3px solid var(--line); }
.quote blockquote { margin: 0; font-size: 1.05rem; }
.quote blockquote p { margin: 0 0 6px; }
.quote blockquote p:first-child::before { content: "“"; }
.quote blockquote p:last-child::after { content: "”"; }
.quote figcaption { font-size: .9rem; }
.season { margin-top: 8px; }
.season h3 { margin: 18px 0 8px; font-size: 1.05rem; }
table.episodes { width: 100%; border-collapse: collapse; font-size: .92rem; }
.episodes th, .episodes td {
  padding: 6px 10px;
  border-bottom: 1px solid var(--line);
  text-align: left;
  vertical-align: top;
}
.episodes th { color: var(--muted); font-weight: 600; }
.episodes .number { width: 3em; color: var(--muted); }
.notes p { margin: 0 0 8px; }
.site-footer { max-width: 1200px; margin: 0 auto; padding: 20px 24px 40px; color: var(--muted); font-size: .85rem; }
:target { scroll-margin-top: 16px; background: color-mix(in srgb, var(--accent) 12%, transparent); }

@media (max-width: 640px) {
  .hero { grid-template-columns: 1fr; gap: 18px; }
  .hero .poster { max-width: 180px; }
  .hero h1 { font-size: 1.7rem; }
  dl.table { grid-template-columns: 1fr; gap: 0; }
  dl.table dd { margin-bottom: 10px; }
  .grid { grid-template-columns: repeat(auto-fill, minmax(130px, 1fr)); gap: 20px 14px; }
}
@media print {
  body { background: #fff; color: #000; }
  .filter, .crumbs { display: none; }
  .grid { grid-template-columns: repeat(4, 1fr); }
  .card, section, .quote { break-inside: avoid; }
}
"""
