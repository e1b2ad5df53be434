"""The first-run sample catalog: Lost in Starlight with every fact of the article, and the works it links to.

Facts come from the article in the project's seed (Rotten Tomatoes 91 %, the quotes of Bong Joon Ho and Den
of Geek, the director's keywords...) and from well-known public facts about the linked works. Posters are
drawn here as SVG (title, original title, year on a colour field): no copyrighted images ship with the app.
"""

from __future__ import annotations

import hashlib
from typing import Any
from xml.sax.saxutils import escape

from ..core.errors import InputError
from .catalog import Catalog, ImportResult
from .formats import starlight_json

SAMPLE_NAME = "Sample catalog"

PEOPLE = [
    {"id": "han-jiwon", "name": "Han Ji-won", "original_name": "한지원"},
    {"id": "kang-hyunjoo", "name": "Kang Hyun-joo", "original_name": "강현주"},
    {"id": "kim-taeri", "name": "Kim Tae-ri", "original_name": "김태리"},
    {"id": "hong-kyung", "name": "Hong Kyung", "original_name": "홍경"},
    {"id": "bong-joonho", "name": "Bong Joon Ho", "original_name": "봉준호"},
    {"id": "shinkai", "name": "Makoto Shinkai", "original_name": "新海誠"},
    {"id": "min-yongkeun", "name": "Min Yong-keun", "original_name": "민용근"},
    {"id": "hwang-donghyuk", "name": "Hwang Dong-hyuk", "original_name": "황동혁"},
    {"id": "lee-jungjae", "name": "Lee Jung-jae", "original_name": "이정재"},
    {"id": "maggie-kang", "name": "Maggie Kang", "original_name": None},
    {"id": "chris-appelhans", "name": "Chris Appelhans", "original_name": None},
    {"id": "song-kangho", "name": "Song Kang-ho", "original_name": "송강호"},
]

LOST_IN_STARLIGHT: dict[str, Any] = {
    "id": "lost-in-starlight",
    "kind": "film",
    "anime": True,
    "title": "Lost in Starlight",
    "original_title": "이 별에 필요한",
    "original_language": "ko",
    "titles": [{"title": "I Byeore Piryohan", "language": "ko", "kind": "romanized"}],
    "year": 2025,
    "release_dates": [{"date": "2025-05-30", "kind": "streaming", "note": "Netflix, worldwide"}],
    "countries": ["KR"],
    "languages": ["ko"],
    "synopsis": ("In 2050, Nan-young is about to fulfil her lifelong dream of joining an expedition to Mars. Her "
                 "heart, however, is tethered to Earth by Jay, who stays behind to pursue his music: a "
                 "light-years-apart romance, with holographic jellyfish floating through Seoul's twilight sky and "
                 "Nan-young's ageing father tending plants in an old mug."),
    "tagline": "A long-distance love, from Seoul to Mars.",
    "setting": "Seoul, 2050; an expedition to Mars",
    "music": ("Synth-pop. Han Ji-won wanted a soundtrack that is \"futuristic but not apocalyptic, a little bit "
              "edgy but soft at the same time\"."),
    "genres": ["Animation", "Science Fiction", "Romance"],
    "tags": ["space", "female lead", "music", "childhood", "love", "Mars", "long-distance relationship",
             "near future"],
    "credits": [
        {"person": "han-jiwon", "role": "director", "billing": 0},
        {"person": "han-jiwon", "role": "writer", "billing": 1},
        {"person": "kang-hyunjoo", "role": "writer", "billing": 2},
        {"person": "kim-taeri", "role": "voice", "character": "Nan-young", "billing": 3},
        {"person": "hong-kyung", "role": "voice", "character": "Jay", "billing": 4},
    ],
    "companies": [{"name": "Netflix", "role": "streaming_original"}],
    "ratings": [{"source": "rotten_tomatoes", "value": 91, "scale": 100}],
    "availability": [{"platform": "Netflix", "kind": "stream",
                      "url": "https://www.netflix.com/search?q=Lost%20in%20Starlight"}],
    "relations": [
        {"kind": "follow_up", "target": "the-summer", "title": "The Summer", "year": 2023,
         "note": "Han Ji-won's previous animated film"},
        {"kind": "compared_to", "target": "your-name", "title": "Your Name", "year": 2016,
         "note": "its animation is compared to Makoto Shinkai's films"},
        {"kind": "compared_to", "target": "suzume", "title": "Suzume", "year": 2022,
         "note": "its animation is compared to Makoto Shinkai's films"},
    ],
    "quotes": [
        {"text": "A visual masterpiece.", "kind": "quote", "author": "Bong Joon Ho", "person": "bong-joonho"},
        {"text": "Far more interested in the emotional dimensions of space travel than the logistical ones.",
         "kind": "critic_review", "outlet": "Den of Geek"},
        {"text": "Curious about the work of human connection in a sometimes unforgiving but never hopeless "
                 "universe.", "kind": "critic_review", "outlet": "Den of Geek"},
        {"text": "While I was developing the script, a lot of things changed. But, still, there were the same "
                 "keywords: space, female lead, music, childhood, and love.", "kind": "creator",
         "author": "Han Ji-won", "person": "han-jiwon"},
    ],
    "personal": {"status": "completed", "rating": 88, "favourite": True,
                 "notes": "Watch again on a big screen for the jellyfish.",
                 "viewings": [{"date": "2025-06-01"}]},
}

OTHER_WORKS: list[dict[str, Any]] = [
    {"id": "the-summer", "kind": "film", "anime": True, "title": "The Summer", "original_title": "그 여름",
     "original_language": "ko", "year": 2023, "countries": ["KR"], "languages": ["ko"],
     "genres": ["Animation", "Romance", "Drama"],
     "credits": [{"person": "han-jiwon", "role": "director", "billing": 0}],
     "personal": {"status": "planned"}},
    {"id": "soulmate", "kind": "film", "title": "Soulmate", "original_title": "소울메이트", "original_language": "ko",
     "year": 2023, "countries": ["KR"], "languages": ["ko"], "genres": ["Drama", "Romance"],
     "credits": [{"person": "min-yongkeun", "role": "director", "billing": 0},
                 {"person": "kang-hyunjoo", "role": "writer", "billing": 1}],
     "personal": {"status": "planned"}},
    {"id": "your-name", "kind": "film", "anime": True, "title": "Your Name", "original_title": "君の名は。",
     "original_language": "ja", "titles": [{"title": "Kimi no Na wa.", "language": "ja", "kind": "romanized"}],
     "year": 2016, "countries": ["JP"], "languages": ["ja"], "genres": ["Animation", "Romance", "Fantasy"],
     "tags": ["body swap", "comet"],
     "credits": [{"person": "shinkai", "role": "director", "billing": 0},
                 {"person": "shinkai", "role": "writer", "billing": 1}],
     "external_ids": {"imdb": "tt5311514"},
     "relations": [{"kind": "similar", "target": "suzume", "title": "Suzume", "year": 2022}],
     "personal": {"status": "completed", "rating": 94,
                  "viewings": [{"date": "2017-04-10"}, {"date": "2024-08-02", "rewatch": True}],
                  "copies": [{"format": "bluray", "location": "Living-room shelf", "loaned_to": "Min-ji",
                              "loaned_on": "2026-10-03"}]}},
    {"id": "suzume", "kind": "film", "anime": True, "title": "Suzume", "original_title": "すずめの戸締まり",
     "original_language": "ja", "titles": [{"title": "Suzume no Tojimari", "language": "ja", "kind": "romanized"}],
     "year": 2022, "countries": ["JP"], "languages": ["ja"], "genres": ["Animation", "Adventure", "Fantasy"],
     "credits": [{"person": "shinkai", "role": "director", "billing": 0},
                 {"person": "shinkai", "role": "writer", "billing": 1}],
     "personal": {"status": "planned"}},
    {"id": "parasite", "kind": "film", "title": "Parasite", "original_title": "기생충", "original_language": "ko",
     "year": 2019, "countries": ["KR"], "languages": ["ko"], "genres": ["Thriller", "Drama", "Comedy"],
     "credits": [{"person": "bong-joonho", "role": "director", "billing": 0},
                 {"person": "bong-joonho", "role": "writer", "billing": 1},
                 {"person": "song-kangho", "role": "cast", "character": "Kim Ki-taek", "billing": 2}],
     "external_ids": {"imdb": "tt6751668"},
     "personal": {"status": "completed", "rating": 96, "viewings": [{"date": "2019-11-02"}],
                  "copies": [{"format": "bluray", "edition": "Black & white edition", "location": "Shelf B"}]}},
    {"id": "squid-game", "kind": "series", "title": "Squid Game", "original_title": "오징어 게임",
     "original_language": "ko", "year": 2021, "end_year": 2025, "countries": ["KR"], "languages": ["ko"],
     "genres": ["Drama", "Thriller"], "tags": ["survival", "debt"],
     "credits": [{"person": "hwang-donghyuk", "role": "creator", "billing": 0},
                 {"person": "lee-jungjae", "role": "cast", "character": "Seong Gi-hun", "billing": 1}],
     "companies": [{"name": "Netflix", "role": "streaming_original"}],
     "availability": [{"platform": "Netflix", "kind": "stream"}],
     "external_ids": {"imdb": "tt10919420"},
     "personal": {"status": "watching"},
     "children": [{"id": "squid-game-s3", "kind": "season", "number": 3, "title": "Season 3", "year": 2025,
                   "release_dates": [{"date": "2025-06-27", "kind": "streaming"}],
                   "children": [
                       {"id": f"squid-game-s3e{n}", "kind": "episode", "number": n, "title": f"Episode {n}",
                        "release_dates": [{"date": "2025-06-27", "kind": "streaming"}],
                        **({"personal": {"status": "completed", "viewings": [{"date": "2025-06-28"}]}}
                           if n <= 2 else {})}
                       for n in range(1, 7)]}]},
    {"id": "kpop-demon-hunters", "kind": "film", "title": "KPop Demon Hunters", "year": 2025,
     "countries": ["US"], "languages": ["en"], "genres": ["Animation", "Musical", "Fantasy"],
     "tags": ["k-pop", "demons", "music"],
     "credits": [{"person": "maggie-kang", "role": "director", "billing": 0},
                 {"person": "chris-appelhans", "role": "director", "billing": 1}],
     "companies": [{"name": "Sony Pictures Animation", "role": "studio"},
                   {"name": "Netflix", "role": "distributor"}],
     "availability": [{"platform": "Netflix", "kind": "stream"}],
     "personal": {"status": "planned"}},
]

LISTS = [
    {"name": "Korean animation", "description": "Animated films from Korea",
     "works": ["lost-in-starlight", "the-summer"]},
    {"name": "Makoto Shinkai", "works": ["your-name", "suzume"]},
]
SAVED_SEARCHES = [
    {"name": "Korean films", "query": "country:KR kind:film"},
    {"name": "Still to watch on Netflix", "query": "status:planned platform:netflix"},
]

_PALETTES = [("#0b1d3a", "#5b3f8c", "#f7c873"), ("#12343b", "#2d545e", "#e1b382"), ("#2b1d34", "#b43e5b", "#ffd6a5"),
             ("#0f2027", "#2c5364", "#9be7ff"), ("#1d2b1f", "#4f7942", "#f2e8cf"), ("#301934", "#6a0572", "#ffb3c6")]


def draw_poster(title: str, original: str | None, year: int | None) -> bytes:
    """A 2:3 SVG poster: a gradient chosen from the title, stars, the title, original title and year."""
    seed = hashlib.sha256(title.encode()).digest()
    top, bottom, ink = _PALETTES[seed[0] % len(_PALETTES)]
    stars = "".join(
        f'<circle cx="{seed[i] * 400 // 256}" cy="{seed[i + 1] * 380 // 256}" r="{1 + seed[i + 2] % 3}" '
        f'fill="#ffffff" opacity="{0.35 + (seed[i + 3] % 60) / 100:.2f}"/>' for i in range(4, 28, 4))
    words = title.split()
    lines: list[str] = []
    for word in words:
        if lines and len(lines[-1]) + len(word) < 14:
            lines[-1] += " " + word
        else:
            lines.append(word)
    title_svg = "".join(f'<text x="200" y="{400 + n * 46}" font-size="40" font-weight="700" fill="{ink}" '
                        f'text-anchor="middle" font-family="Noto Sans, DejaVu Sans, sans-serif">{escape(line)}</text>'
                        for n, line in enumerate(lines[:3]))
    original_svg = (f'<text x="200" y="{400 + len(lines[:3]) * 46 + 10}" font-size="26" fill="#ffffff" '
                    f'opacity="0.85" text-anchor="middle" font-family="Noto Sans CJK KR, Noto Sans CJK JP, '
                    f'sans-serif">{escape(original)}</text>') if original else ""
    year_svg = (f'<text x="200" y="570" font-size="22" fill="#ffffff" opacity="0.7" text-anchor="middle" '
                f'font-family="Noto Sans, DejaVu Sans, sans-serif">{year}</text>') if year else ""
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="400" height="600" viewBox="0 0 400 600">'
           f'<defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="{top}"/>'
           f'<stop offset="1" stop-color="{bottom}"/></linearGradient></defs>'
           f'<rect width="400" height="600" fill="url(#g)"/>{stars}'
           f'<circle cx="300" cy="150" r="70" fill="{ink}" opacity="0.25"/>'
           f'<rect x="24" y="24" width="352" height="552" fill="none" stroke="{ink}" stroke-opacity="0.4"/>'
           f'{title_svg}{original_svg}{year_svg}</svg>')
    return svg.encode("utf-8")


def sample_document() -> dict[str, Any]:
    """The sample as a native JSON object (without posters, which `load_sample` draws into the catalog)."""
    works = [LOST_IN_STARLIGHT, *OTHER_WORKS]
    return {"format": starlight_json.FORMAT, "version": starlight_json.VERSION,
            "catalog": {"settings": {"name": SAMPLE_NAME}},
            "people": [dict(p, external_ids={}) for p in PEOPLE], "works": works, "lists": LISTS,
            "saved_searches": SAVED_SEARCHES}


def load_sample(catalog: Catalog) -> ImportResult:
    """Add the sample to a catalog (refused if it is there already), posters drawn into its image folder."""
    obj = sample_document()
    if catalog.find('title:"Lost in Starlight" year:2025'):
        raise InputError("the sample is in this catalog already (Lost in Starlight, 2025)", "sample")
    posters = []
    for work in obj["works"]:
        data = draw_poster(work["title"], work.get("original_title"), work.get("year"))
        digest = catalog.store_image(data, "image/svg+xml")
        posters.append({**work, "images": [{"kind": "poster", "hash": digest, "mime": "image/svg+xml",
                                             "width": 400, "height": 600, "size": len(data), "primary": True}]})
    obj["works"] = posters
    doc = starlight_json.from_object(obj, "sample")
    return catalog.import_document(doc, "sample", default_source=("sample", "Starlight sample"))
