"""The action lexicon and agent dictionary, loaded from ``dictionaries/*.yaml`` and validated."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from eventwire import ontology, yamlio
from eventwire.errors import DataFileError
from eventwire.extract.actor_dictionary import SECTORS
from eventwire.extract.toll import TollWords


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
    objects: dict[str, str] = field(default_factory=dict)  # "none": that object is no event
    objects_only: bool = False  # emit only when the object's lemma is in objects
    preposition: bool = False  # "arrive in": the second word may be a preposition, not a particle
    agent_noun: bool = False
    clause: str | None = None  # the code when its that-clause reports an act ("denied that ...")
    # the code by what the act is "from" ("withdrew from the treaty": 160); "none" for no event
    # ("released from hospital", "withdrew from the race")
    from_objects: dict[str, str] = field(default_factory=dict)
    # the code by the doer's sector, a reading that needs no target or listed object ("police
    # questioned three officials" is an interrogation, 091; "questioned the legitimacy" is 111)
    by_sectors: dict[str, str] = field(default_factory=dict)
    # the verb a noun of act is made from ("suspension" from suspend): the noun codes as the verb,
    # its "of" phrase standing for the verb's object (set from ``nominals``, never in YAML)
    verb: str | None = None
    # the code when the object is an actor of another country than the doer's, and the doer no
    # armed or police force ("Beijing defended Pyongyang"; "troops defended the town" is no such act)
    actor_object: str | None = None
    # the code by the doer's head word, as ``objects`` by the object's ("troops arrived in Mali"
    # is a deployment, "the prime minister arrived in Moscow" a visit); "@group" words allowed
    subjects: dict[str, str] = field(default_factory=dict)
    subjects_only: bool = False  # emit only when the doer's head word is in subjects
    # the giver is the "from" phrase and the receiver the subject: "received arms from Iran" is
    # Iran's act, coded by what was received (``objects``)
    from_gives: bool = False
    # emit only when a named doer is of one of these sectors ("investigators documented 200
    # cases", not "the government documented the disappearances", a record kept); an unnamed doer
    # (an agentless passive) is no objection
    doer_sectors: frozenset[str] = frozenset()


_ENTRY_KEYS = {
    "code", "target", "diplomat", "needs_target", "needs_negative", "light", "light_only",
    "nonstate", "objects", "objects_only", "agent_noun", "preposition", "clause", "from_objects", "by_sectors",
    "actor_object", "subjects", "subjects_only", "from_gives", "doer_sectors",
}  # fmt: skip


@dataclass(frozen=True)
class Outlook:
    """Words of a political speaker's outlook (extract/outlook.py): CAMEO 012 or 013."""

    held: dict[str, str] = field(default_factory=dict)  # "was optimistic": adjective → code
    judged: dict[str, str] = field(default_factory=dict)  # "the outlook is grim": adjective → code
    warning: frozenset[str] = frozenset()  # "warned the country faces recession": verbs
    accord: frozenset[str] = frozenset()  # "was in full agreement with Lisbon": nouns (019)


@dataclass(frozen=True)
class Responsibility:
    """Words of a claim or denial of one's own part in an act (extract/responsibility.py)."""

    owning: frozenset[str] = frozenset()  # "said it was responsible for", "was behind"
    disowning: frozenset[str] = frozenset()  # "had nothing to do with"
    borne: frozenset[str] = frozenset()  # "bears no responsibility": the noun
    bearing: frozenset[str] = frozenset()  # ... and its verbs


@dataclass(frozen=True)
class Rigged:
    """A thing made a bomb by what it is packed with (lookups.Kit.weapon_code): "a car packed
    with explosives", "an explosives-laden truck", "a booby-trapped car"."""

    verbs: frozenset[str] = frozenset()  # packed, laden, rigged, booby-trapped (lemmas)
    charges: frozenset[str] = frozenset()  # explosives, dynamite
    vehicles: frozenset[str] = frozenset()  # a vehicle so made is a car bomb (1832)
    worn: frozenset[str] = frozenset()  # a vest or belt so made is a suicide bomb (1831)


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
    toll: TollWords  # casualty verbs and toll words, by killed / injured
    harm_verbs: frozenset[str]  # every casualty verb of ``toll``
    phone_words: frozenset[str]  # "by telephone": a consultation is a phone call (041)
    place_targets: frozenset[str]  # CAMEO roots whose place stands for the target
    protesters: frozenset[str]  # crowds in protest: their violence is a riot (145)
    protest_aims: tuple[tuple[str, frozenset[str]], ...]  # CAMEO 4th digit → aim words, in order
    unnamed_source: dict[str, frozenset[str]]  # shape (passive, passive_targeted, weapon, noun) → roots
    unnamed_target: frozenset[str]  # roots whose unnamed patient ("seized a warehouse") is the target
    sectors: dict[str, str]  # agent noun (lower) → sector
    diplomats: frozenset[str]
    holders: frozenset[str]
    sides: frozenset[str]  # "both sides", "all parties": a conflict's sides together
    side_marks: frozenset[str]
    force_holders: frozenset[str]  # holders that are people acting as a force: "troops"
    anaphors: frozenset[str]
    documents: frozenset[str]
    roles: frozenset[str]
    spokespeople: frozenset[str]  # "an Airbus spokesman": one who speaks for a body
    allies: frozenset[str]
    collectives: frozenset[str]
    bodies: frozenset[str]  # words of a public or civic body's name ("Association", "Front")
    hazards: frozenset[str]  # "the earthquake killed 3,700": a natural hazard is never a doer
    governing: dict[str, str]  # governing lemma → class (intent, threat, reject, demand, appeal)
    verb_words: frozenset[str]  # every single-word verb the lexicon knows (lemma repair)
    mirror: dict[str, dict[str, str]]  # class → material code prefix → verbal code
    sport_words: frozenset[str] = frozenset()
    fiction_words: frozenset[str] = frozenset()  # "derby", "goalkeeper": force words are figurative
    # "lifted by presidential decree", "moved by rail": the means, not the doer (lemmas)
    passive_means: frozenset[str] = frozenset()
    stopping_protest: frozenset[str] = frozenset()  # "prevented the march": the state's 1721
    ordering: dict[str, frozenset[str]] = field(default_factory=dict)  # order, stop, leave verbs
    taking_ground: dict[str, frozenset[str]] = field(default_factory=dict)  # verbs, objects (192)
    patients: frozenset[str] = frozenset()  # people and property an act is done to (head lemmas)
    passive_patients: frozenset[str] = frozenset()  # public things an agentless act may be done to
    named_after_venue: frozenset[str] = frozenset()  # "the Minsk agreements": the town is a name
    crowds: frozenset[str] = frozenset()  # "thousands rallied": a crowd in protest is civilians
    counted_crowds: frozenset[str] = frozenset()  # "2,000 people marched": counted, a crowd too
    fire_nouns: frozenset[str] = frozenset()  # "sniper fire": an instrument by its modifier
    explosion_verbs: frozenset[str] = frozenset()  # "a car bomb exploded": bombs going off
    impact_verbs: frozenset[str] = frozenset()  # "shells landed near the hospital": fire arriving
    doer_participles: frozenset[str] = frozenset()  # "shells fired by the RSF": the RSF's act
    headline_passives: frozenset[str] = frozenset()  # "Journalists arrested in Istanbul"
    comment_verbs: frozenset[str] = frozenset()  # "X said Y": a statement when about another actor
    topic_verbs: frozenset[str] = frozenset()  # "spoke about the drought": a statement on a topic
    comment_nouns: frozenset[str] = frozenset()  # "a statement by X on Y": a comment by its noun
    carrier_verbs: frozenset[str] = frozenset()  # "the demand was delivered": the noun is the act
    perception_verbs: frozenset[str] = frozenset()  # "reported shelling": someone else's act
    reaction_verbs: dict[str, frozenset[str]] = field(default_factory=dict)  # drawing, arriving
    # nouns that make their to-infinitive a promise, threat, refusal, demand or appeal ("plans to
    # hold joint patrols", "its threat to cut gas supplies"): lemma → class
    governing_nouns: dict[str, str] = field(default_factory=dict)
    # things done "jointly" that are words, not material cooperation ("a joint statement")
    joint_words: frozenset[str] = frozenset()
    accidental_blasts: dict[str, frozenset[str]] = field(default_factory=dict)  # "gas explosion"
    occurrence_verbs: dict[str, frozenset[str]] = field(default_factory=dict)  # intransitive, any
    unrealised: dict[str, frozenset[str]] = field(default_factory=dict)  # modifiers, verbs, adj.
    outlook: Outlook = field(default_factory=Outlook)  # "was optimistic", "warned of recession"
    responsibility: Responsibility = field(default_factory=Responsibility)  # "was behind"
    rigged: Rigged = field(default_factory=Rigged)  # "a car packed with explosives"


VERBS_SECTIONS = frozenset({
    "verbs", "nouns", "particles", "participation", "light_verbs", "negative_evaluation",
    "instruments", "nonstate_assault", "reporting", "irrealis", "transparent", "modals",
    "casualties", "toll_words", "casualty_verbs", "event_subject_verbs", "effect_verbs",
    "governing", "mirror", "unnamed_source", "unnamed_target", "phone_words", "place_targets", "protest_aims",
    "sport_words", "stopping_protest", "ordering", "taking_ground", "patients", "occurrence_verbs", "unrealised",
    "passive_patients", "fire_nouns", "explosion_verbs", "impact_verbs", "doer_participles", "headline_passives", "comment_verbs", "object_groups",
    "topic_verbs", "comment_nouns", "governing_nouns", "joint_words", "carrier_verbs",
    "perception_verbs", "reaction_verbs",
    "nominals", "fiction_words", "passive_means", "outlook", "responsibility", "rigged",
})  # fmt: skip
AGENTS_SECTIONS = frozenset({
    "sectors", "sector_groups", "protesters", "collectives", "roles", "spokespeople", "allies", "documents", "diplomats",
    "holders", "force_holders", "sides", "side_marks", "anaphors", "bodies", "hazards", "named_after_venue", "crowds", "counted_crowds", "accidental_blasts",
})  # fmt: skip


class Locator:
    """Which file (and line) each section and entry of the merged lexicon came from, so that an
    error names ``dictionaries/families/coop.yaml:120`` rather than the lexicon as a whole."""

    def __init__(self) -> None:
        self.texts: dict[str, str] = {}
        self.origin: dict[tuple[str, ...], str] = {}

    def add(self, label: str, text: str, doc: Any, sections: frozenset[str]) -> None:
        self.texts[label] = text
        if not isinstance(doc, dict):
            raise DataFileError(
                f"{label}: expected a mapping of sections, got {type(doc).__name__}"
            )
        unknown = sorted(str(k) for k in doc if k not in sections)
        if unknown:
            raise DataFileError(
                f"{self.at(label, unknown[0])}: unknown section(s) {', '.join(unknown)}; "
                f"known: {', '.join(sorted(sections))}"
            )
        for sec, body in doc.items():
            self.origin.setdefault((sec,), label)
            if sec in ("verbs", "nouns", "nominals", "object_groups") and isinstance(body, dict):
                for key in body:
                    self.origin[sec, str(key)] = label

    def at(self, label: str, *path: str) -> str:
        line = yamlio.line_of(self.texts.get(label, ""), *path)
        return f"{label}:{line}" if line else label

    def where(self, *path: str) -> str:
        label = self.origin.get(path) or self.origin.get(path[:1]) or "lexicon"
        return self.at(label, *path)


def _entry(
    where: str, key: str, spec: Any, groups: dict[str, frozenset[str]] | None = None
) -> Entry:
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
        spec.get("clause"),
        *(spec.get("light") or {}).values(),
        *(v for v in (spec.get("objects") or {}).values() if v != "none"),
        *(v for v in (spec.get("from_objects") or {}).values() if v != "none"),
        *(spec.get("by_sectors") or {}).values(),
        *(spec.get("subjects") or {}).values(),
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
        objects=_objects(where, key, spec.get("objects") or {}, groups or {}),
        objects_only=bool(spec.get("objects_only", False)),
        preposition=bool(spec.get("preposition", False)),
        agent_noun=bool(spec.get("agent_noun", False)),
        clause=str(spec["clause"]) if spec.get("clause") is not None else None,
        from_objects={str(k): str(v) for k, v in (spec.get("from_objects") or {}).items()},
        by_sectors=_by_sectors(where, key, spec.get("by_sectors") or {}),
        actor_object=str(spec["actor_object"]) if spec.get("actor_object") is not None else None,
        subjects=_objects(where, key, spec.get("subjects") or {}, groups or {}),
        subjects_only=bool(spec.get("subjects_only", False)),
        from_gives=bool(spec.get("from_gives", False)),
        doer_sectors=_sector_set(where, key, spec.get("doer_sectors") or []),
    )


def _sector_set(where: str, key: str, spec: list[Any]) -> frozenset[str]:
    bad = sorted(str(k) for k in spec if str(k).upper() not in SECTORS)
    if bad:
        raise DataFileError(f"{where}: entry {key!r} has unknown sector(s) {', '.join(bad)}")
    return frozenset(str(k).upper() for k in spec)


def _by_sectors(where: str, key: str, spec: dict[Any, Any]) -> dict[str, str]:
    bad = sorted(str(k) for k in spec if str(k).upper() not in SECTORS)
    if bad:
        raise DataFileError(f"{where}: entry {key!r} has unknown sector(s) {', '.join(bad)}")
    return {str(k).upper(): str(v) for k, v in spec.items()}


def _objects(
    where: str, key: str, spec: dict[Any, Any], groups: dict[str, frozenset[str]]
) -> dict[str, str]:
    """An entry's codes by object lemma; a key "@name" stands for every word of the group
    ``object_groups.name`` ("@forces": "154" codes "moved brigades" and "moved tanks" alike).
    A word named on its own wins over the same word in a group."""
    out: dict[str, str] = {}
    for k, v in spec.items():
        if str(k).startswith("@"):
            group = groups.get(str(k)[1:])
            if group is None:
                raise DataFileError(
                    f"{where}: entry {key!r} names unknown object group {k!r}; groups are"
                    f" {', '.join(sorted(groups)) or 'none'}"
                )
            for w in group:
                out.setdefault(w, str(v))
    out.update({str(k): str(v) for k, v in spec.items() if not str(k).startswith("@")})
    return out


def _nominals(
    verbs_doc: dict[str, Any],
    verbs: dict[str, Entry],
    nouns: dict[str, Entry],
    where: str,
    loc: Locator | None,
) -> dict[str, Entry]:
    """Nouns of act made from lexicon verbs ("the suspension of aid", "Russia's capture of the
    village"): each codes as its verb, with the verb's object slot read from the "of" phrase and
    its indirect object from "to". A noun with an entry of its own, or a verb the lexicon lacks,
    is a load error naming the file and line."""
    out: dict[str, Entry] = {}
    for noun, verb in (verbs_doc.get("nominals") or {}).items():
        noun, verb = str(noun), str(verb)
        if noun in nouns or verb not in verbs:  # the line is looked up only for the error
            at = loc.where("nominals", noun) if loc is not None else where
            if noun in nouns:
                raise DataFileError(f"{at}: nominal {noun!r} is already a noun entry")
            raise DataFileError(f"{at}: nominal {noun!r} names {verb!r}, which is no verb entry")
        e = verbs[verb]
        slots = tuple(dict.fromkeys("of" if s == "dobj" else "to" if s == "iobj" else s for s in e.target))
        out[noun] = replace(e, key=f"noun:{noun}", target=slots, light={}, light_only=False, verb=verb)
    return out


def _word(x: Any) -> str:
    """YAML 1.1 reads a bare ``on`` as true: give the preposition back."""
    return "on" if x is True else "off" if x is False else str(x)


def _words(items: Any) -> frozenset[str]:
    return frozenset(_word(x).lower() for x in items or [])


def _toll_words(verbs_doc: dict[str, Any], where: str) -> TollWords:
    verbs: dict[str, str] = {}
    for kind, words in (verbs_doc.get("casualties") or {}).items():
        if kind not in ("killed", "injured"):
            raise DataFileError(f"{where}: casualties has {kind!r}; only killed and injured")
        verbs.update({_word(w).lower(): str(kind) for w in words})
    toll_words = {str(k).lower(): str(v) for k, v in (verbs_doc.get("toll_words") or {}).items()}
    bad = sorted(k for k, v in toll_words.items() if v not in ("killed", "injured"))
    if bad:
        raise DataFileError(f"{where}: toll_words {', '.join(bad)}: say killed or injured")
    return TollWords(verbs, toll_words)


def _unnamed_source(
    verbs_doc: dict[str, Any], where: str, loc: Locator | None
) -> dict[str, frozenset[str]]:
    spec = verbs_doc.get("unnamed_source") or {}
    at = loc.where("unnamed_source") if loc is not None else where
    shapes = ("passive", "passive_targeted", "weapon", "noun")
    unknown = sorted(set(spec) - set(shapes))
    if unknown:
        raise DataFileError(f"{at}: unnamed_source has {', '.join(unknown)}; shapes are {shapes}")
    out = {k: frozenset(str(r) for r in spec.get(k) or []) for k in shapes}
    bad = sorted(r for roots in out.values() for r in roots if r not in ontology.cameo_table())
    if bad:
        raise DataFileError(f"{at}: unnamed_source has unknown CAMEO root(s) {', '.join(bad)}")
    return out


def _roots(verbs_doc: dict[str, Any], key: str, where: str, loc: Locator | None) -> frozenset[str]:
    at = loc.where(key) if loc is not None else where
    roots = frozenset(str(r) for r in verbs_doc.get(key) or [])
    bad = sorted(r for r in roots if r not in ontology.cameo_table())
    if bad:
        raise DataFileError(f"{at}: {key} has unknown CAMEO root(s) {', '.join(bad)}")
    return roots


def _outlook(verbs_doc: dict[str, Any], where: str, loc: Locator | None) -> Outlook:
    spec = verbs_doc.get("outlook") or {}
    at = loc.where("outlook") if loc is not None else where
    shapes = ("held", "judged", "warning", "accord")
    unknown = sorted(set(spec) - set(shapes))
    if unknown:
        raise DataFileError(f"{at}: outlook has {', '.join(unknown)}; shapes are {shapes}")
    tables: dict[str, dict[str, str]] = {}
    for shape in ("held", "judged"):
        table = spec.get(shape) or {}
        for code in table:
            if str(code) not in ("012", "013"):
                raise DataFileError(f"{at}: outlook {shape} has {code!r}; codes are 012 and 013")
        tables[shape] = {_word(w).lower(): str(code) for code, ws in table.items() for w in ws}
    return Outlook(
        tables["held"], tables["judged"], _words(spec.get("warning")), _words(spec.get("accord"))
    )


def _responsibility(verbs_doc: dict[str, Any], where: str, loc: Locator | None) -> Responsibility:
    return Responsibility(*_parts(verbs_doc, "responsibility", RESPONSIBILITY_PARTS, where, loc))


def _rigged(verbs_doc: dict[str, Any], where: str, loc: Locator | None) -> Rigged:
    return Rigged(*_parts(verbs_doc, "rigged", RIGGED_PARTS, where, loc))


RESPONSIBILITY_PARTS = ("owning", "disowning", "borne", "bearing")
RIGGED_PARTS = ("verbs", "charges", "vehicles", "worn")


def _parts(
    verbs_doc: dict[str, Any], section: str, parts: tuple[str, ...], where: str, loc: Locator | None
) -> list[frozenset[str]]:
    """A section made of named word lists, each read as a set; an unknown list is an error."""
    spec = verbs_doc.get(section) or {}
    unknown = sorted(set(spec) - set(parts))
    if unknown:
        at = loc.where(section) if loc is not None else where
        raise DataFileError(f"{at}: {section} has {', '.join(unknown)}; parts are {parts}")
    return [_words(spec.get(k)) for k in parts]


SECTOR_GROUPS = (
    "state", "international", "local", "nonstate", "civil", "commercial", "workforce", "speakers",
)  # fmt: skip


def _sector_groups(agents_doc: dict[str, Any]) -> dict[str, frozenset[str]]:
    groups = agents_doc.get("sector_groups") or {}
    missing = [g for g in SECTOR_GROUPS if g not in groups]
    unknown = sorted(set(groups) - set(SECTOR_GROUPS))
    if missing or unknown:
        raise DataFileError(
            f"dictionaries/agents.yaml: sector_groups needs exactly {', '.join(SECTOR_GROUPS)}"
            f" (missing: {', '.join(missing) or 'none'}; unknown: {', '.join(unknown) or 'none'})"
        )
    out = {g: frozenset(str(x).upper() for x in groups[g]) for g in SECTOR_GROUPS}
    bad = sorted(set().union(*out.values()) - SECTORS)
    if bad:
        raise DataFileError(f"dictionaries/agents.yaml: sector_groups name unknown sector(s) {bad}")
    return out


def build(
    verbs_doc: dict[str, Any], agents_doc: dict[str, Any], where: str, loc: Locator | None = None
) -> Lexicon:
    groups = {str(k): _words(v) for k, v in (verbs_doc.get("object_groups") or {}).items()}

    def entries(sec: str, prefix: str) -> dict[str, Entry]:
        out = {}
        for k, v in (verbs_doc.get(sec) or {}).items():
            try:
                out[k] = _entry(where, f"{prefix}{k}", v, groups)
            except DataFileError as exc:
                if loc is None:
                    raise
                raise DataFileError(str(exc).replace(where, loc.where(sec, str(k)), 1)) from None
        return out

    verbs = entries("verbs", "")
    nouns = entries("nouns", "noun:")
    nouns.update(_nominals(verbs_doc, verbs, nouns, where, loc))
    instruments = tuple(
        (str(code), _words(words)) for code, words in (verbs_doc.get("instruments") or {}).items()
    )
    sectors: dict[str, str] = {}
    for sector, words in (agents_doc.get("sectors") or {}).items():
        if str(sector) not in SECTORS:
            raise DataFileError(
                f"dictionaries/agents.yaml: unknown sector {sector!r}; sectors are"
                f" {', '.join(sorted(SECTORS))}"
            )
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
    toll = _toll_words(verbs_doc, where)
    known = ontology.cameo_table()
    for sec, codes in (
        ("instruments", [c for c, _ in instruments]),
        (
            "nonstate_assault",
            [str(c) for kv in (verbs_doc.get("nonstate_assault") or {}).items() for c in kv],
        ),
    ):
        for code in codes:
            if code not in known:
                at = loc.where(sec, code) if loc is not None else where
                raise DataFileError(f"{at}: {sec} has unknown CAMEO code {code!r}")
    for cls, table in mirror.items():
        for code in table.values():
            if code not in known:
                at = loc.where("mirror", cls) if loc is not None else where
                raise DataFileError(f"{at}: mirror {cls} has unknown CAMEO code {code!r}")
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
        toll=toll,
        harm_verbs=frozenset(toll.verbs),
        phone_words=_words(verbs_doc.get("phone_words")),
        place_targets=frozenset(str(r) for r in verbs_doc.get("place_targets") or []),
        protesters=_words(agents_doc.get("protesters")),
        protest_aims=tuple(
            (str(d), _words(w)) for d, w in (verbs_doc.get("protest_aims") or {}).items()
        ),
        unnamed_source=_unnamed_source(verbs_doc, where, loc),
        unnamed_target=_roots(verbs_doc, "unnamed_target", where, loc),
        sectors=sectors,
        diplomats=_words(agents_doc.get("diplomats")),
        holders=_words(agents_doc.get("holders")),
        force_holders=_words(agents_doc.get("force_holders")),
        sides=_words(agents_doc.get("sides")),
        side_marks=_words(agents_doc.get("side_marks")),
        anaphors=_words(agents_doc.get("anaphors")),
        collectives=_words(agents_doc.get("collectives")),
        bodies=_words(agents_doc.get("bodies")),
        hazards=_words(agents_doc.get("hazards")),
        named_after_venue=_words(agents_doc.get("named_after_venue")),
        crowds=_words(agents_doc.get("crowds")),
        counted_crowds=_words(agents_doc.get("counted_crowds")),
        accidental_blasts={
            str(k): _words(v) for k, v in (agents_doc.get("accidental_blasts") or {}).items()
        },
        fire_nouns=_words(verbs_doc.get("fire_nouns")),
        explosion_verbs=_words(verbs_doc.get("explosion_verbs")),
        impact_verbs=_words(verbs_doc.get("impact_verbs")),
        doer_participles=_words(verbs_doc.get("doer_participles")),
        headline_passives=_words(verbs_doc.get("headline_passives")),
        comment_verbs=_words(verbs_doc.get("comment_verbs")),
        topic_verbs=_words(verbs_doc.get("topic_verbs")),
        comment_nouns=_words(verbs_doc.get("comment_nouns")),
        carrier_verbs=_words(verbs_doc.get("carrier_verbs")),
        perception_verbs=_words(verbs_doc.get("perception_verbs")),
        reaction_verbs={
            str(k): _words(v) for k, v in (verbs_doc.get("reaction_verbs") or {}).items()
        },
        joint_words=_words(verbs_doc.get("joint_words")),
        governing_nouns={
            _word(w).lower(): str(cls)
            for cls, words in (verbs_doc.get("governing_nouns") or {}).items()
            for w in words
        },
        documents=_words(agents_doc.get("documents")),
        roles=_words(agents_doc.get("roles")),
        spokespeople=_words(agents_doc.get("spokespeople")),
        allies=_words(agents_doc.get("allies")),
        governing=governing,
        mirror=mirror,
        sport_words=_words(verbs_doc.get("sport_words")),
        fiction_words=_words(verbs_doc.get("fiction_words")),
        passive_means=_words(verbs_doc.get("passive_means")),
        outlook=_outlook(verbs_doc, where, loc),
        responsibility=_responsibility(verbs_doc, where, loc),
        rigged=_rigged(verbs_doc, where, loc),
        stopping_protest=_words(verbs_doc.get("stopping_protest")),
        ordering={str(k): _words(v) for k, v in (verbs_doc.get("ordering") or {}).items()},
        taking_ground={str(k): _words(v) for k, v in (verbs_doc.get("taking_ground") or {}).items()},
        unrealised={str(k): _words(v) for k, v in (verbs_doc.get("unrealised") or {}).items()},
        occurrence_verbs={
            str(k): _words(v) for k, v in (verbs_doc.get("occurrence_verbs") or {}).items()
        },
        patients=frozenset(
            w for ws in (verbs_doc.get("patients") or {}).values() for w in _words(ws)
        ),
        passive_patients=frozenset(
            w for ws in (verbs_doc.get("passive_patients") or {}).values() for w in _words(ws)
        ),
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


def _read(label: str, text: str) -> Any:
    try:
        return yamlio.load(text) or {}
    except yaml.YAMLError as exc:
        raise DataFileError(f"{label}: not valid YAML: {exc}") from exc


def _add_families(verbs_doc: dict[str, Any], loc: Locator) -> None:
    """The lexicon by CAMEO family (dictionaries/families/*.yaml), after verbs.yaml: a key
    defined twice is an error naming both files, so that no entry silently replaces another."""
    folder = resources.files("eventwire.dictionaries").joinpath("families")
    for f in sorted(
        (x for x in folder.iterdir() if x.name.endswith(".yaml")), key=lambda x: x.name
    ):
        label = f"dictionaries/families/{f.name}"
        text = f.read_text(encoding="utf-8")
        doc = _read(label, text)
        for sec in ("verbs", "nouns"):
            for key in doc.get(sec) or {}:
                first = loc.origin.get((sec, str(key)))
                if first is not None:
                    loc.texts[label] = text
                    raise DataFileError(
                        f"{loc.at(label, sec, str(key))}: {sec} entry {key!r} is already defined "
                        f"in {loc.where(sec, str(key))}"
                    )
        loc.add(label, text, doc, frozenset({"verbs", "nouns"}))
        for sec in ("verbs", "nouns"):
            verbs_doc.setdefault(sec, {}).update(doc.get(sec) or {})


# what a user's lexicon file may hold: entries (merged over the shipped ones) and the word lists
# of the sentence-level rules (extending the shipped lists)
USER_SECTIONS = ("verbs", "nouns", "object_groups", "nominals")
USER_WORD_LISTS = ("outlook", "responsibility", "rigged")


def _extended(base: Any, extra: Any) -> Any:
    """``base`` with ``extra`` merged in: lists joined (no repeats), mappings merged key by key."""
    if isinstance(base, dict) and isinstance(extra, dict):
        out = dict(base)
        for k, v in extra.items():
            out[k] = _extended(base[k], v) if k in base else v
        return out
    if isinstance(base, list) and isinstance(extra, list):
        return base + [x for x in extra if x not in base]
    return extra


@lru_cache(maxsize=4)
def lexicon(user_file: str | None = None) -> Lexicon:
    """The shipped lexicon, with a user's YAML file (same format as verbs.yaml) merged over it.
    Every file is checked against its schema: an unknown section, entry field or CAMEO code is an
    error naming the file and line."""
    loc = Locator()
    label = "dictionaries/verbs.yaml"
    text = resources.files("eventwire.dictionaries").joinpath("verbs.yaml").read_text("utf-8")
    verbs_doc = _read(label, text)
    loc.add(label, text, verbs_doc, VERBS_SECTIONS)
    _add_families(verbs_doc, loc)
    if user_file:
        try:
            text = Path(user_file).read_text(encoding="utf-8")
        except OSError as exc:
            raise DataFileError(f"{user_file}: cannot read lexicon: {exc}") from exc
        extra = _read(user_file, text)
        loc.add(user_file, text, extra, frozenset(USER_SECTIONS + USER_WORD_LISTS))
        for section in USER_SECTIONS:
            verbs_doc.setdefault(section, {}).update(extra.get(section) or {})
        own = Locator()  # the user's word lists checked on their own, so errors name their file
        own.add(user_file, text, extra, frozenset(USER_SECTIONS + USER_WORD_LISTS))
        _outlook(extra, user_file, own)
        _responsibility(extra, user_file, own)
        _rigged(extra, user_file, own)
        for section in USER_WORD_LISTS:  # word lists extend the shipped ones
            verbs_doc[section] = _extended(verbs_doc.get(section) or {}, extra.get(section) or {})
    label = "dictionaries/agents.yaml"
    text = resources.files("eventwire.dictionaries").joinpath("agents.yaml").read_text("utf-8")
    agents_doc = _read(label, text)
    Locator().add(label, text, agents_doc, AGENTS_SECTIONS)
    return build(verbs_doc, agents_doc, user_file or "dictionaries/verbs.yaml", loc)
