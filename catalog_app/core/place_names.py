"""Names of countries and languages as people and other tools write them ("USA", "Korean") → the ISO codes the
catalog keeps. Importers and providers share these tables; a name missing here is left out, never guessed."""

from __future__ import annotations

#: Country names (lower case) as ISO 3166 codes: the names Tellico's fetchers, IMDb and TMDB write.
COUNTRY_CODES: dict[str, str] = {
    "usa": "US", "u.s.a.": "US", "us": "US", "united states": "US", "united states of america": "US",
    "uk": "GB", "u.k.": "GB", "united kingdom": "GB", "great britain": "GB", "britain": "GB", "england": "GB",
    "scotland": "GB", "wales": "GB", "northern ireland": "GB", "ireland": "IE", "canada": "CA", "mexico": "MX",
    "france": "FR", "germany": "DE", "west germany": "DE", "italy": "IT", "spain": "ES", "portugal": "PT",
    "netherlands": "NL", "the netherlands": "NL", "holland": "NL", "belgium": "BE", "luxembourg": "LU",
    "switzerland": "CH", "austria": "AT", "denmark": "DK", "sweden": "SE", "norway": "NO", "finland": "FI",
    "iceland": "IS", "poland": "PL", "czech republic": "CZ", "czechia": "CZ", "slovakia": "SK", "hungary": "HU",
    "romania": "RO", "bulgaria": "BG", "greece": "GR", "turkey": "TR", "türkiye": "TR", "russia": "RU",
    "russian federation": "RU", "ukraine": "UA", "belarus": "BY", "estonia": "EE", "latvia": "LV",
    "lithuania": "LT", "croatia": "HR", "serbia": "RS", "slovenia": "SI", "bosnia and herzegovina": "BA",
    "north macedonia": "MK", "albania": "AL", "georgia": "GE", "armenia": "AM", "israel": "IL", "iran": "IR",
    "iraq": "IQ", "lebanon": "LB", "egypt": "EG", "morocco": "MA", "tunisia": "TN", "algeria": "DZ",
    "south africa": "ZA", "nigeria": "NG", "kenya": "KE", "india": "IN", "pakistan": "PK", "bangladesh": "BD",
    "sri lanka": "LK", "nepal": "NP", "china": "CN", "people's republic of china": "CN", "hong kong": "HK",
    "taiwan": "TW", "japan": "JP", "south korea": "KR", "korea, republic of": "KR", "republic of korea": "KR",
    "north korea": "KP", "mongolia": "MN", "thailand": "TH", "vietnam": "VN", "viet nam": "VN",
    "philippines": "PH", "indonesia": "ID", "malaysia": "MY", "singapore": "SG", "cambodia": "KH",
    "australia": "AU", "new zealand": "NZ", "brazil": "BR", "argentina": "AR", "chile": "CL", "colombia": "CO",
    "peru": "PE", "venezuela": "VE", "uruguay": "UY", "cuba": "CU", "jamaica": "JM", "puerto rico": "PR",
    "united arab emirates": "AE", "saudi arabia": "SA", "qatar": "QA", "jordan": "JO", "kazakhstan": "KZ",
}
_COUNTRY_CODES = frozenset(COUNTRY_CODES.values())

#: Language names (lower case) as ISO 639 codes (two letters where there is one).
LANGUAGE_CODES: dict[str, str] = {
    "english": "en", "french": "fr", "german": "de", "spanish": "es", "castilian": "es", "italian": "it",
    "portuguese": "pt", "dutch": "nl", "flemish": "nl", "danish": "da", "swedish": "sv", "norwegian": "no",
    "finnish": "fi", "icelandic": "is", "polish": "pl", "czech": "cs", "slovak": "sk", "hungarian": "hu",
    "romanian": "ro", "bulgarian": "bg", "greek": "el", "turkish": "tr", "russian": "ru", "ukrainian": "uk",
    "serbian": "sr", "croatian": "hr", "slovenian": "sl", "bosnian": "bs", "albanian": "sq", "estonian": "et",
    "latvian": "lv", "lithuanian": "lt", "georgian": "ka", "armenian": "hy", "hebrew": "he", "arabic": "ar",
    "persian": "fa", "farsi": "fa", "hindi": "hi", "urdu": "ur", "bengali": "bn", "punjabi": "pa", "tamil": "ta",
    "telugu": "te", "malayalam": "ml", "kannada": "kn", "marathi": "mr", "chinese": "zh", "mandarin": "zh",
    "cantonese": "yue", "japanese": "ja", "korean": "ko", "thai": "th", "vietnamese": "vi", "indonesian": "id",
    "malay": "ms", "tagalog": "tl", "filipino": "fil", "swahili": "sw", "afrikaans": "af", "irish": "ga",
    "welsh": "cy", "catalan": "ca", "basque": "eu", "galician": "gl", "latin": "la", "esperanto": "eo",
    "yiddish": "yi", "klingon": "tlh", "azerbaijani": "az", "gujarati": "gu", "kazakh": "kk", "macedonian": "mk",
    "mongolian": "mn",
}


def country_code(name: str) -> str | None:
    """A country's ISO code from its name ("USA", "United Kingdom") or its code; None for one the table lacks."""
    key = name.strip().casefold()
    return COUNTRY_CODES.get(key) or (key.upper() if key.upper() in _COUNTRY_CODES else None)


def language_code(name: str) -> str | None:
    """A language's ISO code from its English name or its code; None for one the table lacks."""
    key = name.strip().casefold()
    return LANGUAGE_CODES.get(key) or (key if key in LANGUAGE_CODES.values() else None)
