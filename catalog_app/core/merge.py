"""Merge rules: what a metadata refresh may change in a work, field by field, and how lists are combined.

A refresh fetches a provider's version of a work and compares it with the catalog's. Each field that would change
becomes a `FieldChange` (current value, new value, source) that the person accepts or not; locked fields are
never proposed. Lists keyed by something (ratings by source, external ids by provider, availability by platform
and kind, titles by text) are combined: the provider's entries replace their own kind and everything else stays.
Lists that are a set (genres, tags, countries, languages) gain the new entries. Credits, companies, release dates
and relations are taken whole from the provider when the catalog has none, else offered as a replacement.

Records are validated work records (core.record). Plain data in, plain data out: no database, no network.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

#: Fields a refresh may change, in the order a preview lists them.
MERGE_FIELDS = (
    "title", "original_title", "original_language", "titles", "year", "end_year", "runtime", "synopsis", "tagline",
    "content_rating", "genres", "tags", "countries", "languages", "release_dates", "credits", "companies", "ratings",
    "availability", "relations", "external_ids",
)
_SET_FIELDS = {"genres", "tags", "countries", "languages"}
_KEYED_FIELDS = {
    "ratings": lambda r: r["source"],
    "availability": lambda a: (a["platform"].casefold(), a["kind"], a.get("region")),
    "titles": lambda t: (t["title"].casefold(), t.get("kind")),
}
#: Fields where a person's own choice should not be replaced without asking: offered, never filled silently.
_WHOLE_FIELDS = {"credits", "companies", "release_dates", "relations"}


@dataclass(frozen=True)
class FieldChange:
    field: str
    current: Any
    new: Any
    source: str  # the provider's key
    #: True when the catalog had nothing there: such changes are accepted unless the person says otherwise.
    fills_gap: bool


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _merged(field: str, current: Any, new: Any) -> Any:
    if field in _SET_FIELDS:
        seen = {str(v).casefold() for v in current}
        return list(current) + [v for v in new if str(v).casefold() not in seen]
    if field in _KEYED_FIELDS:
        key = _KEYED_FIELDS[field]
        replaced = {key(item) for item in new}
        return [item for item in current if key(item) not in replaced] + list(new)
    if field == "external_ids":
        return {**current, **new}
    return new


def merge_changes(current: dict[str, Any], fetched: dict[str, Any], source: str,
                  locked: set[str] | frozenset[str] = frozenset(),
                  names: dict[str, str] | None = None) -> list[FieldChange]:
    """What taking `fetched` (a provider's record) into `current` would change, field by field.

    `names` maps the person keys of both records to names, so that credits naming the same people under
    different keys (the catalog's and the provider's) count as unchanged.
    """
    changes = []
    for field in MERGE_FIELDS:
        if field in locked or field not in fetched:
            continue
        new = fetched[field]
        if _empty(new):
            continue  # a provider that knows nothing of a field never empties it
        had = current.get(field)
        merged = new if _empty(had) else _merged(field, had, new)
        if merged == had or (field == "credits" and not _empty(had) and _credits(had, names) == _credits(merged, names)):
            continue
        changes.append(FieldChange(field, copy.deepcopy(had), merged, source, _empty(had) or _only_adds(had, merged)))
    return changes


def _only_adds(had: Any, merged: Any) -> bool:
    """True when a combined list or id map keeps everything the catalog had and adds to it (another id, another
    genre): that fills gaps rather than replacing anything."""
    if isinstance(had, dict) and isinstance(merged, dict):
        return all(merged.get(k) == v for k, v in had.items())
    if isinstance(had, list) and isinstance(merged, list):
        return merged[:len(had)] == had
    return False


def _credits(credits: list[dict[str, Any]], names: dict[str, str] | None) -> list[tuple[Any, ...]]:
    """Credits by who and what, not by the keys two sources give the same person."""
    names = names or {}
    return [(names.get(c["person"], c["person"]).casefold(), c["role"], c.get("character")) for c in credits]


def apply_changes(current: dict[str, Any], changes: list[FieldChange], accepted: set[str]) -> dict[str, Any]:
    """A copy of `current` with the accepted fields' new values."""
    record = copy.deepcopy(current)
    for change in changes:
        if change.field in accepted:
            record[change.field] = copy.deepcopy(change.new)
    return record


# ---- the person's layer, from an import -------------------------------------------------------------------------

def merge_personal(current: dict[str, Any] | None, incoming: dict[str, Any] | None,
                   replace: bool = False) -> tuple[dict[str, Any] | None, list[str]]:
    """The person's layer of a work the catalog has, with an import's layer laid on it.

    What the catalog lacks is filled; viewings are combined (one per date and rewatch mark); notes the catalog
    does not hold already are added after its own. A status or rating the catalog holds with another value is
    kept unless `replace`; either way it is named in the returned list of conflicts ("rating 80 → 60").
    """
    if not incoming:
        return (copy.deepcopy(current) if current else None), []
    merged = copy.deepcopy(current) if current else {"status": None, "rating": None, "favourite": False,
                                                      "notes": None, "viewings": [], "copies": []}
    conflicts = []
    for name in ("status", "rating"):
        new, old = incoming.get(name), merged.get(name)
        if new is None or new == old:
            continue
        if old is not None:
            conflicts.append(f"{name} {old} → {new}")
            if not replace:
                continue
        merged[name] = new
    merged["favourite"] = bool(merged.get("favourite") or incoming.get("favourite"))
    note = (incoming.get("notes") or "").strip()
    if note and note not in (merged.get("notes") or ""):
        merged["notes"] = "\n\n".join(filter(None, (merged.get("notes"), note)))
    # Viewings count per (date, rewatch): an import adds those the catalog has fewer of, so importing the same file
    # again adds nothing (undated rewatches, as MAL counts them, are told apart only by how many there are).
    have: dict[tuple[Any, bool], int] = {}
    for viewing in merged["viewings"]:
        key = (viewing.get("date"), bool(viewing.get("rewatch")))
        have[key] = have.get(key, 0) + 1
    for viewing in incoming.get("viewings") or []:
        key = (viewing.get("date"), bool(viewing.get("rewatch")))
        if have.get(key, 0) > 0:
            have[key] -= 1
        else:
            merged["viewings"].append(copy.deepcopy(viewing))
    return merged, conflicts


def combine_layers(layers: list[dict[str, Any] | None]) -> dict[str, Any] | None:
    """Several lines of one file about the same work as one layer: what `merge_personal` with `replace` gives when
    laying them one on another in file order, in one pass (100,000 repeated lines must not cost 100,000 copies of
    a growing list)."""
    present = [layer for layer in layers if layer]
    if not present:
        return None
    merged = copy.deepcopy(present[0])
    merged.setdefault("viewings", [])
    notes = [merged["notes"].strip()] if merged.get("notes") else []
    have: dict[tuple[Any, bool], int] = {}
    for viewing in merged["viewings"]:
        key = (viewing.get("date"), bool(viewing.get("rewatch")))
        have[key] = have.get(key, 0) + 1
    for layer in present[1:]:
        for name in ("status", "rating"):
            if layer.get(name) is not None:
                merged[name] = layer[name]
        merged["favourite"] = bool(merged.get("favourite") or layer.get("favourite"))
        note = (layer.get("notes") or "").strip()
        if note and note not in notes:
            notes.append(note)
        counts: dict[tuple[Any, bool], list[dict[str, Any]]] = {}
        for viewing in layer.get("viewings") or []:
            counts.setdefault((viewing.get("date"), bool(viewing.get("rewatch"))), []).append(viewing)
        for key, same in counts.items():
            for viewing in same[have.get(key, 0):]:
                merged["viewings"].append(copy.deepcopy(viewing))
            have[key] = max(have.get(key, 0), len(same))
    if notes:
        merged["notes"] = "\n\n".join(notes)
    return merged
