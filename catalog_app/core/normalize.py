"""Title normalization: display titles from catalog-style ones, sort titles and keys, match keys, CJK n-grams.

"Matrix, The" and "The Matrix" share one sort key and one match key; Hangul, Kana and Han keep every mark
that carries meaning (only accents on Latin, Greek and Cyrillic letters are folded).
"""

from __future__ import annotations

import re
import unicodedata

#: Leading articles moved to the end of a sort title, by language (ISO 639-1); English when none is known,
#: because "Die Hard" and "I Am Legend" must not lose their first word.
ARTICLES: dict[str, tuple[str, ...]] = {
    "en": ("the", "a", "an"),
    "fr": ("le", "la", "les", "l'", "un", "une"),
    "de": ("der", "die", "das", "ein", "eine"),
    "es": ("el", "la", "los", "las", "un", "una"),
    "it": ("il", "lo", "la", "i", "gli", "le", "l'", "un", "uno", "una"),
    "pt": ("o", "a", "os", "as", "um", "uma"),
    "nl": ("de", "het", "een"),
}


def _article_patterns(language: str | None) -> tuple[re.Pattern[str], re.Pattern[str]]:
    articles = ARTICLES.get((language or "en")[:2].lower(), ARTICLES["en"])
    words = sorted((a for a in articles if not a.endswith("'")), key=len, reverse=True)
    elided = [a for a in articles if a.endswith("'")]
    leading = r"^(?:(" + "|".join(words) + r")\s+" + (r"|(" + "|".join(elided) + r")\s*" if elided else "") + r")(?=\S)"
    trailing = r"^(.*\S),\s*(" + "|".join(map(re.escape, articles)) + r")$"
    return re.compile(leading, re.IGNORECASE), re.compile(trailing, re.IGNORECASE | re.DOTALL)


_PATTERNS = {lang: _article_patterns(lang) for lang in ARTICLES}
_ALL_TRAILING = re.compile(
    r"^(.*\S),\s*(" + "|".join(sorted({re.escape(a) for arts in ARTICLES.values() for a in arts})) + r")$",
    re.IGNORECASE | re.DOTALL,
)


def _patterns(language: str | None) -> tuple[re.Pattern[str], re.Pattern[str]]:
    return _PATTERNS.get((language or "en")[:2].lower(), _PATTERNS["en"])


_DIGITS = re.compile(r"\d+")
_NOT_WORD = re.compile(r"[^\w]+", re.UNICODE)
_SPACES = re.compile(r"\s+")
_FOLD_LIMIT = 0x0590  # Latin, Greek, Cyrillic, Armenian: scripts whose accents are folded for sorting


def fold_accents(text: str) -> str:
    """Drop accents from Latin, Greek and Cyrillic letters ("Amélie" → "Amelie"), keeping Kana voicing marks."""
    if text.isascii():  # most titles: nothing to fold, and this runs for every title of an import, more than once
        return text
    out: list[str] = []
    base = 0
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.combining(ch):
            if base < _FOLD_LIMIT:
                continue
        else:
            base = ord(ch)
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


def display_title(title: str) -> str:
    """Turn a catalog-style title into the one people read: "Matrix, The" → "The Matrix", "Misérables, Les" →
    "Les Misérables" (a trailing article is unambiguous, so every language's are recognised)."""
    title = _SPACES.sub(" ", title).strip()
    m = _ALL_TRAILING.match(title)
    if not m:
        return title
    article = m.group(2)
    joiner = "" if article.endswith("'") else " "
    return f"{article[0].upper()}{article[1:]}{joiner}{m.group(1)}"


def sort_title(title: str, language: str | None = None) -> str:
    """The title as it files on a shelf, articles of its language moved to the end: "The Matrix" → "Matrix, The"."""
    title = display_title(title)
    m = _patterns(language)[0].match(title)
    if not m:
        return title
    article = (m.group(1) or m.group(2)).strip()
    rest = title[m.end():]
    return f"{rest}, {article}" if rest else title


def sort_key(title: str, language: str | None = None) -> str:
    """Key the list sorts by: title without its leading article, casefolded, accents folded, numbers padded so
    that 2 sorts before 10 ("The Matrix" and "Matrix, The" both give "matrix")."""
    text = _SPACES.sub(" ", title).strip()
    if m := _ALL_TRAILING.match(text):  # a sort title that already moved its article: "Misérables, Les"
        text = m.group(1)
    elif m := _patterns(language)[0].match(text):
        text = text[m.end():]
    key = fold_accents(text).casefold()
    return _DIGITS.sub(lambda m: m.group(0).zfill(8), key)


def match_key(title: str, language: str | None = None) -> str:
    """Key for deciding whether two titles name the same work: no articles, accents, case or punctuation."""
    text = fold_accents(display_title(title)).casefold()
    m = _patterns(language)[0].match(text)
    if m:
        text = text[m.end():]
    return _SPACES.sub(" ", _NOT_WORD.sub(" ", text)).strip()


def is_cjk(ch: str) -> bool:
    """True for Hangul, Kana and Han characters: scripts written without spaces between words."""
    o = ord(ch)
    return (
        0x1100 <= o <= 0x11FF  # Hangul Jamo
        or 0x3040 <= o <= 0x30FF  # Hiragana, Katakana
        or 0x3130 <= o <= 0x318F  # Hangul compatibility Jamo
        or 0x31F0 <= o <= 0x31FF  # Katakana extensions
        or 0x3400 <= o <= 0x4DBF  # Han extension A
        or 0x4E00 <= o <= 0x9FFF  # Han
        or 0xAC00 <= o <= 0xD7AF  # Hangul syllables
        or 0xF900 <= o <= 0xFAFF  # Han compatibility
        or 0xFF66 <= o <= 0xFF9F  # half-width Katakana
        or 0x20000 <= o <= 0x3134F  # Han extensions B–G
    )


def has_cjk(text: str) -> bool:
    return any(is_cjk(ch) for ch in text)


_CJK_RUN = re.compile(
    "[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"
    "\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003134f]+")


def cjk_runs(text: str) -> list[str]:
    """The unbroken runs of CJK characters in a text, in order (composed to NFC first)."""
    if text.isascii():
        return []
    return _CJK_RUN.findall(unicodedata.normalize("NFC", text))


def cjk_tokens(text: str) -> str:
    """Hangul, Kana and Han text as index tokens: each run as its sequence of overlapping character pairs, then
    every single character.

    A query of two or more characters is then the phrase of its pairs (a substring match at any length);
    a one-character query is a token lookup. Latin words are left to the word index.
    """
    pairs: list[str] = []
    singles: dict[str, None] = {}
    for run in cjk_runs(text):
        pairs.append(" ".join(run[i:i + 2] for i in range(len(run) - 1)))
        singles.update(dict.fromkeys(run))
    return "\n".join([*pairs, " ".join(singles)])


def cjk_query(text: str) -> str:
    """The tokens to look for, as a phrase, to find `text` (one CJK run) by `cjk_tokens`."""
    run = "".join(cjk_runs(text))
    if len(run) == 1:
        return run
    return " ".join(run[i:i + 2] for i in range(len(run) - 1))
