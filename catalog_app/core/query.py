"""The search language of the list and of `starlight list`: parses a query into a tree the store turns into SQL.

Plain words search titles (every script), people, tags and synopsis; `field:value` narrows by a field
(`director:"Han Ji-won"`, `year:2020..2025`, `rating:>=80`, `tag:space`, `status:planned`, `platform:netflix`,
`kind:series`); words are ANDed; `OR` joins alternatives; `-` or `NOT` negates; parentheses group.
A `name:value` whose name is no field ("Mission:Impossible") is searched as plain text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Union

from .errors import InputError
from .types import MAX_YEAR, MIN_YEAR, CreditRole, WatchStatus, WorkKind

#: Fields whose value is text matched case-insensitively (people, tags, platforms...).
TEXT_FIELDS = frozenset({
    "title", "person", "character", "tag", "genre", "platform", "country", "language", "company", "list",
    "note", "id",
} | {role.value for role in CreditRole})
#: Fields whose value is a number, a comparison (>=80) or a range (2020..2025).
NUMBER_FIELDS = frozenset({"year", "rating", "runtime", "votes"})
#: Fields whose value is one of a closed set.
CHOICE_FIELDS: dict[str, frozenset[str]] = {
    "status": frozenset(s.value for s in WatchStatus),
    "kind": frozenset(k.value for k in WorkKind) | {"anime"},
    "is": frozenset({"anime", "favourite", "favorite", "owned", "watched"}),
}
#: Other spellings people type for a field.
ALIASES = {"dir": "director", "directed": "director", "by": "person", "actor": "cast", "keyword": "tag",
           "on": "platform", "type": "kind", "fav": "is", "lang": "language"}
#: Status words people type for the stored ones.
STATUS_ALIASES = {"plan": "planned", "plan_to_watch": "planned", "ptw": "planned", "want": "planned",
                  "watched": "completed", "done": "completed", "hold": "on_hold", "onhold": "on_hold"}
#: How deep parentheses and negations may nest: beyond what a person types, and within what SQLite's parser takes
#: of the SQL the store makes (each negation is a subquery: seven round a credit search, under the list's facet,
#: overflow its stack).
MAX_DEPTH = 6
_RATING_SOURCE = re.compile(r"rating\.([a-z_]+)$")


@dataclass(frozen=True)
class Text:
    """Plain words: matched as word prefixes, or as substrings for Hangul, Kana and Han."""

    text: str
    phrase: bool = False


@dataclass(frozen=True)
class Field:
    """A `name:value` condition; `op` is one of = < <= > >= .. (range, with `high`)."""

    name: str
    op: str
    value: str | float
    high: float | None = None
    source: str | None = None  # the rating source in rating.SOURCE:…


@dataclass(frozen=True)
class Not:
    item: "Node"


@dataclass(frozen=True)
class And:
    items: tuple["Node", ...]


@dataclass(frozen=True)
class Or:
    items: tuple["Node", ...]


Node = Union[Text, Field, Not, And, Or]

_TOKEN = re.compile(
    r"""\s*(?:
        (?P<lparen>\()|(?P<rparen>\))|
        (?P<neg>-)(?=[^\s)])|
        (?P<field>[A-Za-z_][A-Za-z_.]*):(?=[^\s)])|
        "(?P<quoted>[^"]*)"?|
        (?P<word>[^\s()"]+)
    )""",
    re.VERBOSE,
)


def _tokens(query: str) -> list[tuple[str, str, int]]:
    out: list[tuple[str, str, int]] = []
    pos = 0
    while pos < len(query):
        m = _TOKEN.match(query, pos)
        if not m or m.end() == pos:
            break
        pos = m.end()
        kind = m.lastgroup
        if kind is None:
            continue
        out.append((kind, m.group(kind), m.start(kind)))
    return out


class _Parser:
    def __init__(self, query: str) -> None:
        self.tokens = _tokens(query)
        self.i = 0
        self.depth = 0

    def peek(self) -> tuple[str, str, int] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> tuple[str, str, int]:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def parse(self) -> Node | None:
        node = self.or_expr()
        while self.peek() is not None:  # a stray ")" ends a group that was never opened: skip it
            self.take()
            more = self.or_expr()
            node = _join(And, [n for n in (node, more) if n is not None])
        return node

    def or_expr(self) -> Node | None:
        parts = [self.and_expr()]
        while (tok := self.peek()) and tok[0] == "word" and tok[1] == "OR":
            self.take()
            parts.append(self.and_expr())
        return _join(Or, [p for p in parts if p is not None])

    def and_expr(self) -> Node | None:
        parts: list[Node] = []
        while (tok := self.peek()) and tok[0] != "rparen" and not (tok[0] == "word" and tok[1] == "OR"):
            node = self.unary()
            if node is not None:
                parts.append(node)
        return _join(And, parts)

    def unary(self) -> Node | None:
        kind, value, where = self.take()
        if kind == "neg" or (kind == "word" and value == "NOT" and self.peek() is not None):
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise InputError(f"negations nest more than {MAX_DEPTH} deep", f"query column {where + 1}")
            inner = self.unary() if self.peek() and self.peek()[0] != "rparen" else None
            self.depth -= 1
            return Not(inner) if inner is not None else None
        if kind == "lparen":
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise InputError(f"parentheses nest more than {MAX_DEPTH} deep", f"query column {where + 1}")
            node = self.or_expr()
            self.depth -= 1
            if (tok := self.peek()) and tok[0] == "rparen":
                self.take()
            return node
        if kind == "rparen":
            return None
        if kind == "field":
            return self.field(value, where)
        if kind == "quoted":
            return Text(value, phrase=True) if value.strip() else None
        return Text(value)

    def field(self, name: str, where: int) -> Node | None:
        tok = self.peek()
        if tok is None or tok[0] not in ("word", "quoted"):
            return Text(name)
        _, raw, _ = self.take()
        return make_field(name, raw, where)


def _join(cls: type[And] | type[Or], parts: list[Node]) -> Node | None:
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0]
    return cls(tuple(parts))


# At most 15 digits before the point: more than any year, rating or count, and never so many that float() gives inf
_COMPARE = re.compile(r"^(>=|<=|>|<|=)?\s*(-?\d{1,15}(?:\.\d+)?)$")
_RANGE = re.compile(r"^(-?\d{1,15}(?:\.\d+)?)?\.\.(-?\d{1,15}(?:\.\d+)?)?$")


def make_field(name: str, raw: str, where: int = 0) -> Node:
    """Build the condition for `name:raw`, or plain text when `name` is no field."""
    key = ALIASES.get(name.lower(), name.lower())
    source = None
    if m := _RATING_SOURCE.match(key):
        key, source = "rating", m.group(1)
    if key in TEXT_FIELDS:
        return Field(key, "=", raw)
    if key in CHOICE_FIELDS:
        value = raw.lower().replace("-", "_").replace(" ", "_")
        if key == "status":
            value = STATUS_ALIASES.get(value, value)
        if key == "is" and value == "favorite":
            value = "favourite"
        if value not in CHOICE_FIELDS[key]:
            choices = ", ".join(sorted(CHOICE_FIELDS[key]))
            raise InputError(f"{key} must be one of {choices}, not {raw!r}", where=f"query column {where + 1}")
        return Field(key, "=", value)
    if key in NUMBER_FIELDS:
        return _number_field(key, raw, where, source)
    return Text(f"{name}:{raw}")


def _number_field(key: str, raw: str, where: int, source: str | None) -> Field:
    example = "2020..2025" if key == "year" else ">=80"
    if m := _RANGE.match(raw):
        low = float(m.group(1)) if m.group(1) else float("-inf")
        high = float(m.group(2)) if m.group(2) else float("inf")
        if low > high:
            low, high = high, low
        field = Field(key, "..", low, high, source)
    elif m := _COMPARE.match(raw):
        field = Field(key, m.group(1) or "=", float(m.group(2)), None, source)
    else:
        raise InputError(f"{key} takes a number, a comparison or a range like {example}, not {raw!r}",
                         where=f"query column {where + 1}")
    if key == "year":
        for bound in (field.value, field.high):
            if isinstance(bound, float) and bound not in (float("inf"), float("-inf")) and not (
                    MIN_YEAR <= bound <= MAX_YEAR):
                raise InputError(f"year must be between {MIN_YEAR} and {MAX_YEAR}, not {bound:g}",
                                 where=f"query column {where + 1}")
    return field


def parse_query(query: str) -> Node | None:
    """Parse a search-box query; None when it asks for nothing (empty or only operators).

    Raises:
        InputError: a field with a value it cannot take (`year:abc`, `status:someday`).
    """
    return _Parser(query).parse()
