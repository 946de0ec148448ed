"""How much of the CAMEO codebook the lexicon reaches: for every code, the entries that give it.

An entry reaches a code when it is the code of a verb or noun entry, of one of its light verbs,
objects, its diplomat or non-state variant, of an instrument refinement, or of a mirror table
(a promise, threat, refusal, demand or appeal about an act). A code no entry reaches must have
a written reason in ``ontology/coverage_notes.tsv``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from importlib import resources

from eventwire import ontology
from eventwire.errors import DataFileError
from eventwire.extract.lexicon import Lexicon


@dataclass(frozen=True)
class CodeCoverage:
    code: str
    name: str
    entries: tuple[str, ...]  # "verb:attack", "noun:strike+light:launch", "mirror:threat:19"
    reason: str  # why no entry reaches it ("" when entries do, or when nobody wrote one)


def coverage_notes() -> dict[str, str]:
    """code → why the lexicon has no entry for it (ontology/coverage_notes.tsv)."""
    text = resources.files("eventwire.ontology").joinpath("coverage_notes.tsv").read_text("utf-8")
    table = ontology.cameo_table()
    out = {}
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        code, _, reason = line.partition("\t")
        if code not in table or not reason.strip():
            raise DataFileError(f"ontology/coverage_notes.tsv:{n}: needs a CAMEO code, a tab, a reason")
        out[code] = reason.strip()
    return out


def reach(lex: Lexicon) -> dict[str, list[str]]:
    """code → the entries that give it."""
    out: dict[str, list[str]] = defaultdict(list)
    for kind, table in (("verb", lex.verbs), ("noun", lex.nouns)):
        for key, e in table.items():
            out[e.code].append(f"{kind}:{key}")
            for light, code in e.light.items():
                out[code].append(f"{kind}:{key}+light:{light}")
            for obj, code in e.objects.items():
                out[code].append(f"{kind}:{key}+object:{obj}")
            if e.diplomat:
                out[e.diplomat].append(f"{kind}:{key}+diplomat")
            if e.nonstate:
                out[e.nonstate].append(f"{kind}:{key}+nonstate")
    for code, words in lex.instruments:
        out[code].append(f"instrument:{sorted(words)[0]}…")
    for code in lex.nonstate.values():
        out[code].append("nonstate_assault")
    known = ontology.cameo_table()
    for digit, aims in lex.protest_aims:
        for base in ("141", "142", "143", "144", "145"):
            if base + digit in known and aims:
                out[base + digit].append(f"protest_aims:{digit}:{base}")
    for cls, mirror in lex.mirror.items():
        for prefix, verbal in mirror.items():
            out[verbal].append(f"mirror:{cls}:{prefix}")
    # the word lists of the sentence-level rules (outlook.py, responsibility.py)
    for shape, said_of in (("held", lex.outlook.held), ("judged", lex.outlook.judged)):
        for word, said in sorted(said_of.items()):
            out[said].append(f"outlook:{shape}:{word}")
    out["012"] += [f"outlook:warning:{w}" for w in sorted(lex.outlook.warning)]
    out["019"] += [f"outlook:accord:{w}" for w in sorted(lex.outlook.accord)]
    resp = lex.responsibility
    out["015"] += [f"responsibility:owning:{w}" for w in sorted(resp.owning)]
    out["016"] += [f"responsibility:disowning:{w}" for w in sorted(resp.disowning | resp.borne)]
    return out


def coverage(lex: Lexicon) -> list[CodeCoverage]:
    """Every CAMEO code (roots excluded) with the entries that reach it."""
    found, notes = reach(lex), coverage_notes()
    rows = []
    for code, c in sorted(ontology.cameo_table().items()):
        if len(code) < 3:
            continue
        entries = tuple(found.get(code, []))
        rows.append(CodeCoverage(code, c.name, entries, "" if entries else notes.get(code, "")))
    return rows
