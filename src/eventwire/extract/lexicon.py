"""The action lexicon and agent dictionary, loaded from ``dictionaries/*.yaml`` and validated."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from eventwire import ontology, yamlio
from eventwire.errors import DataFileError


@dataclass(frozen=True)
class Entry:
    """One lexicon entry: the words that fired and the CAMEO code they give."""

    key: str  # "attack", "carry out", "noun:strike"
    code: str
    target: tuple[str, ...] = ("dobj",)
    diplomat: str | None = None
    needs_target: bool = False
    needs_negative: bool = False
    light: dict[str, str] = field(default_factory=dict)
    light_only: bool = False
    nonstate: str | None = None
    objects: dict[str, str] = field(default_factory=dict)
    objects_only: bool = False  # emit only when the object's lemma is in objects
    preposition: bool = False  # "arrive in": the second word may be a preposition, not a particle
    agent_noun: bool = False


_ENTRY_KEYS = {
    "code", "target", "diplomat", "needs_target", "needs_negative", "light", "light_only",
    "nonstate", "objects", "objects_only", "agent_noun", "preposition",
}  # fmt: skip


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, Entry]
    nouns: dict[str, Entry]
    light_verbs: frozenset[str]
    negative: frozenset[str]
    instruments: tuple[tuple[str, frozenset[str]], ...]
    nonstate: dict[str, str]
    reporting: frozenset[str]
    irrealis: frozenset[str]
    transparent: frozenset[str]
    modal_irrealis: frozenset[str]
    modal_obligation: frozenset[str]
    casualty_verbs: frozenset[str]
    effect_verbs: frozenset[str]  # say what happened to people or things, not who did it
    particles: frozenset[str]  # "give in", "back down": the second word must be a particle
    participation: frozenset[str]  # "joined a march": the joiner is the event's source
    event_subject_verbs: frozenset[str]  # "a car bomb hit ...": the subject noun is the event
    sector_groups: dict[str, frozenset[str]]  # state, international, local, nonstate, civil
    sectors: dict[str, str]  # agent noun (lower) → sector
    diplomats: frozenset[str]
    holders: frozenset[str]
    anaphors: frozenset[str]
    documents: frozenset[str]
    roles: frozenset[str]
    allies: frozenset[str]
    collectives: frozenset[str]
    governing: dict[str, str]  # governing lemma → class (intent, threat, reject, demand, appeal)
    verb_words: frozenset[str]  # every single-word verb the lexicon knows (lemma repair)
    mirror: dict[str, dict[str, str]]  # class → material code prefix → verbal code


def _yaml(name: str) -> Any:
    path = resources.files("eventwire.dictionaries").joinpath(name)
    try:
        return yamlio.load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise DataFileError(f"dictionaries/{name}: not valid YAML: {exc}") from exc


def _entry(where: str, key: str, spec: Any) -> Entry:
    if isinstance(spec, str):
        spec = {"code": spec}
    if not isinstance(spec, dict) or "code" not in spec:
        raise DataFileError(f"{where}: entry {key!r} needs a CAMEO code")
    unknown = sorted(set(spec) - _ENTRY_KEYS)
    if unknown:
        raise DataFileError(f"{where}: entry {key!r} has unknown field(s) {', '.join(unknown)}")
    known = ontology.cameo_table()
    codes = [
        spec["code"],
        spec.get("diplomat"),
        spec.get("nonstate"),
        *(spec.get("light") or {}).values(),
        *(spec.get("objects") or {}).values(),
    ]
    for code in codes:
        if code is not None and str(code) not in known:
            raise DataFileError(f"{where}: entry {key!r} has unknown CAMEO code {code!r}")
    return Entry(
        key=key,
        code=str(spec["code"]),
        target=tuple(_word(x) for x in spec.get("target", ["dobj"])),
        diplomat=spec.get("diplomat"),
        needs_target=bool(spec.get("needs_target", False)),
        needs_negative=bool(spec.get("needs_negative", False)),
        light={str(k): str(v) for k, v in (spec.get("light") or {}).items()},
        light_only=bool(spec.get("light_only", False)),
        nonstate=spec.get("nonstate"),
        objects={str(k): str(v) for k, v in (spec.get("objects") or {}).items()},
        objects_only=bool(spec.get("objects_only", False)),
        preposition=bool(spec.get("preposition", False)),
        agent_noun=bool(spec.get("agent_noun", False)),
    )


def _word(x: Any) -> str:
    """YAML 1.1 reads a bare ``on`` as true: give the preposition back."""
    return "on" if x is True else "off" if x is False else str(x)


def _words(items: Any) -> frozenset[str]:
    return frozenset(_word(x).lower() for x in items or [])


SECTOR_GROUPS = ("state", "international", "local", "nonstate", "civil")


def _sector_groups(agents_doc: dict[str, Any]) -> dict[str, frozenset[str]]:
    groups = agents_doc.get("sector_groups") or {}
    missing = [g for g in SECTOR_GROUPS if g not in groups]
    unknown = sorted(set(groups) - set(SECTOR_GROUPS))
    if missing or unknown:
        raise DataFileError(
            f"dictionaries/agents.yaml: sector_groups needs exactly {', '.join(SECTOR_GROUPS)}"
            f" (missing: {', '.join(missing) or 'none'}; unknown: {', '.join(unknown) or 'none'})"
        )
    return {g: frozenset(str(x).upper() for x in groups[g]) for g in SECTOR_GROUPS}


def build(verbs_doc: dict[str, Any], agents_doc: dict[str, Any], where: str) -> Lexicon:
    verbs = {k: _entry(where, k, v) for k, v in (verbs_doc.get("verbs") or {}).items()}
    nouns = {k: _entry(where, f"noun:{k}", v) for k, v in (verbs_doc.get("nouns") or {}).items()}
    instruments = tuple(
        (str(code), _words(words)) for code, words in (verbs_doc.get("instruments") or {}).items()
    )
    sectors: dict[str, str] = {}
    for sector, words in (agents_doc.get("sectors") or {}).items():
        for w in words:
            sectors.setdefault(str(w).lower(), str(sector))
    modals = verbs_doc.get("modals") or {}
    governing = {
        _word(w).lower(): str(cls)
        for cls, words in (verbs_doc.get("governing") or {}).items()
        for w in words
    }
    mirror = {
        str(cls): {str(k): str(v) for k, v in table.items()}
        for cls, table in (verbs_doc.get("mirror") or {}).items()
    }
    known = ontology.cameo_table()
    for cls, table in mirror.items():
        for code in table.values():
            if code not in known:
                raise DataFileError(f"{where}: mirror {cls} has unknown CAMEO code {code!r}")
    return Lexicon(
        verbs=verbs,
        nouns=nouns,
        light_verbs=_words(verbs_doc.get("light_verbs")),
        negative=_words(verbs_doc.get("negative_evaluation")),
        instruments=instruments,
        nonstate={str(k): str(v) for k, v in (verbs_doc.get("nonstate_assault") or {}).items()},
        reporting=_words(verbs_doc.get("reporting")),
        irrealis=_words(verbs_doc.get("irrealis")),
        transparent=_words(verbs_doc.get("transparent")),
        modal_irrealis=_words(modals.get("irrealis")),
        modal_obligation=_words(modals.get("obligation")),
        casualty_verbs=_words(verbs_doc.get("casualty_verbs")),
        effect_verbs=_words(verbs_doc.get("effect_verbs")),
        particles=_words(verbs_doc.get("particles")),
        participation=_words(verbs_doc.get("participation")),
        event_subject_verbs=_words(verbs_doc.get("event_subject_verbs")),
        sector_groups=_sector_groups(agents_doc),
        sectors=sectors,
        diplomats=_words(agents_doc.get("diplomats")),
        holders=_words(agents_doc.get("holders")),
        anaphors=_words(agents_doc.get("anaphors")),
        collectives=_words(agents_doc.get("collectives")),
        documents=_words(agents_doc.get("documents")),
        roles=_words(agents_doc.get("roles")),
        allies=_words(agents_doc.get("allies")),
        governing=governing,
        mirror=mirror,
        verb_words=frozenset(
            w.split()[0]
            for w in [
                *verbs,
                *_words(verbs_doc.get("light_verbs")),
                *governing,
                *_words(verbs_doc.get("reporting")),
                *_words(verbs_doc.get("irrealis")),
                *_words(verbs_doc.get("transparent")),
            ]
        )
        | frozenset(v for e in nouns.values() for v in e.light),
    )


def _add_families(verbs_doc: dict[str, Any]) -> None:
    """The lexicon by CAMEO family (dictionaries/families/*.yaml), after verbs.yaml: a key
    defined twice is an error naming both files, so that no entry silently replaces another."""
    folder = resources.files("eventwire.dictionaries").joinpath("families")
    where = {(sec, k): "verbs.yaml" for sec in ("verbs", "nouns") for k in verbs_doc.get(sec) or {}}
    for f in sorted((x for x in folder.iterdir() if x.name.endswith(".yaml")), key=lambda x: x.name):
        name = f"families/{f.name}"
        try:
            doc = yamlio.load(f.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise DataFileError(f"dictionaries/{name}: not valid YAML: {exc}") from exc
        unknown = sorted(set(doc) - {"verbs", "nouns"})
        if unknown:
            raise DataFileError(f"dictionaries/{name}: unknown section(s) {', '.join(unknown)}")
        for sec in ("verbs", "nouns"):
            for key, spec in (doc.get(sec) or {}).items():
                if (sec, key) in where:
                    raise DataFileError(
                        f"dictionaries/{name}: {sec} entry {key!r} is already defined in "
                        f"dictionaries/{where[sec, key]}"
                    )
                where[sec, key] = name
                verbs_doc.setdefault(sec, {})[key] = spec


@lru_cache(maxsize=4)
def lexicon(user_file: str | None = None) -> Lexicon:
    """The shipped lexicon, with a user's YAML file (same format as verbs.yaml) merged over it."""
    verbs_doc = _yaml("verbs.yaml")
    _add_families(verbs_doc)
    if user_file:
        try:
            extra = yamlio.load(Path(user_file).read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise DataFileError(f"{user_file}: cannot read lexicon: {exc}") from exc
        for section in ("verbs", "nouns"):
            verbs_doc.setdefault(section, {}).update(extra.get(section) or {})
    return build(verbs_doc, _yaml("agents.yaml"), user_file or "dictionaries/verbs.yaml")
