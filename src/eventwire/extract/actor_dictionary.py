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
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from eventwire import yamlio
from eventwire.errors import DataFileError
from eventwire.gazetteer import norm

SECTORS = frozenset({
    "GOV", "MIL", "COP", "SPY", "JUD", "REB", "INS", "OPP", "IGO", "NGO", "MED", "LAB", "REL",
    "BUS", "EDU", "HLH", "CVL", "REF", "ELI",
})  # fmt: skip
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


def _date(where: str, value: Any) -> dt.date:
    text = str(value)
    try:
        return dt.date.fromisoformat(text if len(text) == 10 else f"{text}-01")
    except ValueError:
        raise DataFileError(f"{where}: {text!r} is not a date (YYYY-MM-DD or YYYY-MM)") from None


def _countries() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.countries) | {"XKX"}


def parse_entries(label: str, text: str, *, user: bool = False) -> list[DictActor]:
    """Check and read one dictionary file; errors name the file and the entry's line."""
    doc = yamlio.load(text) or []
    if not isinstance(doc, list):
        raise DataFileError(f"{label}: expected a list of actors")
    countries = _countries()
    out = []
    for i, e in enumerate(doc):
        line = yamlio.line_of(text, i)
        where = f"{label}:{line}" if line else f"{label} entry {i + 1}"
        if not isinstance(e, dict) or "name" not in e or not e.get("patterns"):
            raise DataFileError(f"{where}: an actor needs a name and patterns")
        keys = _PERSON_KEYS if "roles" in e else _ORG_KEYS
        unknown = sorted(set(e) - keys)
        if unknown:
            raise DataFileError(f"{where}: {e['name']!r} has unknown field(s) {', '.join(unknown)}")
        country = e.get("country")
        if country is not None and country not in countries:
            raise DataFileError(f"{where}: {e['name']!r} has unknown country {country!r} (ISO alpha-3)")
        sector = e.get("sector")
        if sector is not None and sector not in SECTORS:
            raise DataFileError(f"{where}: {e['name']!r} has unknown sector {sector!r}")
        roles = []
        for r in e.get("roles") or []:
            if not isinstance(r, dict) or set(r) - _ROLE_KEYS or r.get("role") not in ROLE_SECTORS:
                raise DataFileError(
                    f"{where}: {e['name']!r} has a bad role {r!r}; roles are {', '.join(ROLE_SECTORS)}"
                )
            start = _date(where, r["from"])
            end = _date(where, r["to"]) if r.get("to") is not None else None
            if end is not None and end < start:
                raise DataFileError(f"{where}: {e['name']!r} role {r['role']} ends before it starts")
            roles.append(Role(str(r["role"]), start, end, bool(r.get("acting", False))))
        if "roles" in e and not roles:
            raise DataFileError(f"{where}: {e['name']!r} has an empty roles list")
        actor = DictActor(str(e["name"]), country, sector, tuple(roles), label)
        out.append(actor)
        for p in e["patterns"]:
            if not str(p).strip():
                raise DataFileError(f"{where}: {e['name']!r} has an empty pattern")
    return out


class ActorDictionary:
    """Named actors, matched on whole words; short all-capital forms match case-sensitively."""

    def __init__(self, files: list[tuple[str, str, bool]]) -> None:
        """``files``: (label, YAML text, is a user's file), in reading order."""
        self.by_pattern: dict[str, DictActor] = {}
        self.by_acronym: dict[str, DictActor] = {}
        for label, text, user in files:
            for actor, pattern in self._patterns(label, text, user):
                acronym = len(pattern.replace(".", "")) <= 4 and pattern.replace(".", "").isupper()
                table = self.by_acronym if acronym else self.by_pattern
                key = pattern if acronym else norm(pattern)
                first = table.get(key)
                if first is not None and not user and first.source != label:
                    raise DataFileError(
                        f"{label}: pattern {pattern!r} ({actor.name}) is already "
                        f"{first.name!r} in {first.source}"
                    )
                table[key] = actor
        self.size = len({id(a) for a in [*self.by_pattern.values(), *self.by_acronym.values()]})
        pats = sorted(self.by_pattern, key=len, reverse=True)
        self._re = re.compile(r"\b(" + "|".join(re.escape(p) for p in pats) + r")\b")
        acr = sorted(self.by_acronym, key=len, reverse=True)
        self._acr = re.compile(r"(?<![\w.])(" + "|".join(re.escape(p) for p in acr) + r")(?![\w])")

    @staticmethod
    def _patterns(label: str, text: str, user: bool) -> list[tuple[DictActor, str]]:
        import yaml

        try:
            entries = parse_entries(label, text, user=user)
            doc = yamlio.load(text) or []
        except yaml.YAMLError as exc:
            raise DataFileError(f"{label}: not valid YAML: {exc}") from None
        return [(a, str(p)) for a, e in zip(entries, doc, strict=True) for p in e["patterns"]]

    def find(self, text: str) -> tuple[DictActor, str] | None:
        """The longest dictionary actor named in ``text``, with the words that matched."""
        flat = text.replace(" - ", "-").replace("’", "'")
        m = self._re.search(norm(flat))
        if m:
            return self.by_pattern[m.group(1)], m.group(1)
        a = self._acr.search(flat)
        if a:
            return self.by_acronym[a.group(1)], a.group(1)
        return None


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
    """The shipped dictionary with the user's files (``extra``) read after it."""
    files = _shipped()
    for p in extra:
        try:
            files.append((p, Path(p).read_text(encoding="utf-8"), True))
        except OSError as exc:
            raise DataFileError(f"{p}: cannot read actor dictionary: {exc}") from None
    return ActorDictionary(files)
