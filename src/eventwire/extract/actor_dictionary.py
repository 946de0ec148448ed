"""The named-actor dictionary: organisations and people, matched on whole words in a phrase.

Files, read in this order (a later file may override a pattern of an earlier one only if it is a
user's file; two shipped files naming the same pattern is a load error naming both):

- ``dictionaries/actors.yaml`` and ``dictionaries/organisations/*.yaml``: organisations, each
  ``{name, patterns, country, sector}``;
- ``dictionaries/people/*.yaml``: people with dated roles,
  ``{name, patterns, country, roles: [{role, from, to?, acting?}]}``: the role held on the day an
  article was published gives the sector ("Prime Minister" in office is GOV; out of office the
  person keeps the country and loses the sector);
- a user's files: ``EVENTWIRE_ACTORS`` (one or more files, separated by the path separator) and
  every ``actors*.yaml`` or ``people*.yaml`` in the folder ``EVENTWIRE_DICTIONARIES``
  (``eventwire --actors FILE`` sets the first).

Every entry is checked when loaded: unknown fields, countries, sectors, roles and dates are errors
naming the file and line.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from eventwire import yamlio
from eventwire.cache import cached
from eventwire.errors import DataFileError
from eventwire.gazetteer import norm

SECTORS = frozenset({
    "GOV", "MIL", "COP", "SPY", "JUD", "REB", "INS", "OPP", "IGO", "NGO", "MED", "LAB", "REL",
    "BUS", "EDU", "HLH", "CVL", "REF", "ELI", "CRM",
})  # fmt: skip
CACHE_VERSION = 1  # raise when ActorDictionary's fields change
ROLE_SECTORS = {
    "head_of_state": "GOV",
    "head_of_government": "GOV",
    "foreign_minister": "GOV",
    "defence_minister": "GOV",
    "interior_minister": "GOV",
    "opposition_leader": "OPP",
    "military_chief": "MIL",
}
_ORG_KEYS = frozenset({"name", "patterns", "country", "sector"})
_PERSON_KEYS = frozenset({"name", "patterns", "country", "roles"})
_ROLE_KEYS = frozenset({"role", "from", "to", "acting"})


@dataclass(frozen=True)
class Role:
    role: str
    start: dt.date
    end: dt.date | None
    acting: bool = False

    def holds(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class DictActor:
    name: str
    country: str | None
    sector: str | None
    roles: tuple[Role, ...] = ()
    source: str = "dictionaries/actors.yaml"

    def on(self, day: dt.date | None) -> tuple[str | None, str]:
        """The sector on a day and why: the role held then, or none for a former holder."""
        if not self.roles:
            return self.sector, ""
        if day is None:
            last = max(self.roles, key=lambda r: r.start)
            return ROLE_SECTORS[last.role], f"{last.role} (latest)"
        held = [r for r in self.roles if r.holds(day)]
        if held:
            r = min(held, key=lambda r: list(ROLE_SECTORS).index(r.role))
            return ROLE_SECTORS[r.role], f"{r.role} {r.start.isoformat()}.."
        return None, "no role held that day"


class _Bad(Exception):
    """A bad entry: what is wrong; the caller adds the file and line."""


def _date(value: Any) -> dt.date:
    text = str(value)
    try:
        return dt.date.fromisoformat(text if len(text) == 10 else f"{text}-01")
    except ValueError:
        raise _Bad(f"{text!r} is not a date (YYYY-MM-DD or YYYY-MM)") from None


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.countries) | {"XKX"}


def _entry(e: Any, label: str) -> tuple[DictActor, list[str]]:
    if not isinstance(e, dict) or "name" not in e or not e.get("patterns"):
        raise _Bad("an actor needs a name and patterns")
    name = e["name"]
    unknown = sorted(set(e) - (_PERSON_KEYS if "roles" in e else _ORG_KEYS))
    if unknown:
        raise _Bad(f"{name!r} has unknown field(s) {', '.join(unknown)}")
    country = e.get("country")
    if country is not None and country not in _countries():
        raise _Bad(f"{name!r} has unknown country {country!r} (ISO alpha-3)")
    sector = e.get("sector")
    if sector is not None and sector not in SECTORS:
        raise _Bad(f"{name!r} has unknown sector {sector!r}")
    roles = []
    for r in e.get("roles") or []:
        if not isinstance(r, dict) or set(r) - _ROLE_KEYS or r.get("role") not in ROLE_SECTORS:
            raise _Bad(f"{name!r} has a bad role {r!r}; roles are {', '.join(ROLE_SECTORS)}")
        start = _date(r["from"])
        end = _date(r["to"]) if r.get("to") is not None else None
        if end is not None and end < start:
            raise _Bad(f"{name!r} role {r['role']} ends before it starts")
        roles.append(Role(str(r["role"]), start, end, bool(r.get("acting", False))))
    if "roles" in e and not roles:
        raise _Bad(f"{name!r} has an empty roles list")
    patterns = [str(p) for p in e["patterns"]]
    if any(not p.strip() for p in patterns):
        raise _Bad(f"{name!r} has an empty pattern")
    return DictActor(str(name), country, sector, tuple(roles), label), patterns


def parse_entries(label: str, text: str) -> list[tuple[DictActor, list[str]]]:
    """Check and read one dictionary file: each actor with its patterns. An error names the file
    and the entry's line (found by reading the file again, only when something is wrong)."""
    import yaml

    try:
        doc = yamlio.load(text) or []
    except yaml.YAMLError as exc:
        raise DataFileError(f"{label}: not valid YAML: {exc}") from None
    if not isinstance(doc, list):
        raise DataFileError(f"{label}: expected a list of actors")
    out = []
    for i, e in enumerate(doc):
        try:
            out.append(_entry(e, label))
        except _Bad as bad:
            line = yamlio.line_of(text, i)
            where = f"{label}:{line}" if line else f"{label} entry {i + 1}"
            raise DataFileError(f"{where}: {bad}") from None
    return out


class ActorDictionary:
    """Named actors, matched on whole words; short all-capital forms match case-sensitively."""

    def __init__(self, files: list[tuple[str, str, bool]]) -> None:
        """``files``: (label, YAML text, is a user's file), in reading order."""
        self.by_pattern: dict[str, DictActor] = {}
        self.by_acronym: dict[str, DictActor] = {}
        for label, text, user in files:
            for actor, pattern in (
                (a, p) for a, pats in parse_entries(label, text) for p in pats
            ):
                acronym = len(pattern.replace(".", "")) <= 4 and pattern.replace(".", "").isupper()
                table = self.by_acronym if acronym else self.by_pattern
                key = pattern if acronym else " ".join(_words(pattern))
                first = table.get(key)
                if first is not None and not user and first.source != label:
                    raise DataFileError(
                        f"{label}: pattern {pattern!r} ({actor.name}) is already "
                        f"{first.name!r} in {first.source}"
                    )
                table[key] = actor
        self.size = len({id(a) for a in [*self.by_pattern.values(), *self.by_acronym.values()]})
        self.longest = max((k.count(" ") + 1 for k in self.by_pattern), default=0)

    def find(self, text: str) -> tuple[DictActor, str] | None:
        """The leftmost, longest dictionary actor named in ``text``, with the words that matched.
        A lookup of word n-grams (no regular expression over thousands of names: the dictionary
        loads in a fraction of a second and a lookup costs a few dictionary probes)."""
        flat = text.replace(" - ", "-").replace("’", "'")
        words = _words(flat)
        for i in range(len(words)):
            for n in range(min(self.longest, len(words) - i), 0, -1):
                key = " ".join(words[i : i + n])
                hit = self.by_pattern.get(key)
                if hit is not None:
                    return hit, key
        for tok in re.findall(r"(?<![\w.])[\w.]+", flat):
            for form in (tok, tok.rstrip(".")):
                if form in self.by_acronym:
                    return self.by_acronym[form], form
        return None


def _words(text: str) -> list[str]:
    """Words of the folded text, an apostrophe its own word ("Erdogan's" → erdogan ' s)."""
    return re.findall(r"[a-z0-9]+|'", norm(text))


def _shipped() -> list[tuple[str, str, bool]]:
    root = resources.files("eventwire.dictionaries")
    files = [("dictionaries/actors.yaml", root.joinpath("actors.yaml").read_text("utf-8"), False)]
    for folder in ("organisations", "people"):
        d = root.joinpath(folder)
        if d.is_dir():
            for f in sorted((x for x in d.iterdir() if x.name.endswith(".yaml")), key=lambda x: x.name):
                files.append((f"dictionaries/{folder}/{f.name}", f.read_text("utf-8"), False))
    return files


def user_files() -> list[Path]:
    """A user's actor files: EVENTWIRE_ACTORS, then the folder EVENTWIRE_DICTIONARIES."""
    out = [Path(p) for p in (os.environ.get("EVENTWIRE_ACTORS") or "").split(os.pathsep) if p]
    folder = os.environ.get("EVENTWIRE_DICTIONARIES")
    if folder:
        d = Path(folder)
        if not d.is_dir():
            raise DataFileError(f"EVENTWIRE_DICTIONARIES={folder}: not a folder")
        out += sorted(p for p in d.glob("*.yaml") if p.name.startswith(("actors", "people")))
    return out


@lru_cache(maxsize=4)
def actor_dictionary(extra: tuple[str, ...] = ()) -> ActorDictionary:
    """The shipped dictionary with the user's files (``extra``) read after it.

    Reading and checking thousands of YAML entries takes about half a second; the checked result
    is kept in the cache folder under a hash of every file's text, so a later process with the
    same files loads it in milliseconds (any change to any file makes a new key)."""
    files = _shipped()
    for p in extra:
        try:
            files.append((p, Path(p).read_text(encoding="utf-8"), True))
        except OSError as exc:
            raise DataFileError(f"{p}: cannot read actor dictionary: {exc}") from None
    digest = hashlib.sha256()
    for label, text, user in files:
        digest.update(f"{label}\0{user}\0{text}\0".encode())
    key = f"{CACHE_VERSION}-{digest.hexdigest()[:24]}"
    return cached("actors", key, ActorDictionary, lambda: ActorDictionary(files))

