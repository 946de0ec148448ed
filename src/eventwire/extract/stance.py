"""What a political speaker's words about another country do when they report no act we code.

"The unrest in Kazakhstan is an internal affair, the Kremlin said" comments on Kazakhstan (CAMEO
010; derived rule "comment"); "Ankara's operation is a gross violation of international law, the
Syrian foreign ministry said" judges it in words of negative evaluation: a criticism (111). A
clause that promises or threatens ("will", "would"), demands ("must"), is ready or determined to
act ("is ready to help") or holds a condition ("if") is an intent, threat, demand or conditional,
for the modal rules or for nothing: no comment.
"""

from __future__ import annotations

from typing import Any

from eventwire.extract.clauses import is_passive
from eventwire.extract.lookups import Kit

COMMENT = "comment"
CRITICISM = "criticism"

STRONG_MODALS = frozenset({"will", "'ll", "wo", "shall", "would", "must", "ought", "can", "ca"})
COPULAS = frozenset({"be", "remain", "seem", "appear", "look", "stay", "sound"})


def reading(kit: Kit, said: Any) -> str | None:
    """How the clause ``said`` (its head) reads: a comment, a criticism, or neither."""
    if any(c.dep_ in ("aux", "auxpass") and c.lower_ in STRONG_MODALS for c in said.children):
        return None  # promises, threats, demands, abilities: the modal rules' business
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in said.children):
        return None
    if any(
        c.dep_ == "xcomp" for c in said.subtree if c.head.i == said.i or c.head.dep_ in ("acomp", "attr")
    ):
        return None  # "is ready to help", "are determined to find": intent
    if (
        said.lemma_.lower() in COPULAS
        and not is_passive(said)
        and any(c.dep_ in ("attr", "acomp") for c in said.children)
        and kit.has_negative_word(said)
    ):
        return CRITICISM  # "is a gross violation of international law", "was cowardly"
    return COMMENT


def noun_comment(kit: Kit, ast: Any, sst: Any) -> tuple[Any, Any, Any, Any, Any] | None:
    """'A statement by Canada's foreign minister on the verdict in Hong Kong', 'the Iranian
    foreign ministry's comment on the Azerbaijani election': a comment told by its noun
    (``comment_nouns``), made by a political speaker (its possessive or "by"/"from" phrase) and
    about another country (its "on"/"about" phrase). Returns (noun, speaker, speaker token, the
    country's actor, its token), or None."""
    from eventwire.extract.clauses import prep_objects
    from eventwire.extract.outlook import political

    for noun in sst.sent:
        if noun.lemma_.lower() not in kit.lex.comment_nouns or noun.pos_ != "NOUN":
            continue
        makers = [c for c in noun.children if c.dep_ == "poss"]
        makers += prep_objects(noun, "by") + prep_objects(noun, "from")
        if noun.dep_ == "nsubjpass":  # "a statement on Venezuela was issued by Brazil's ministry"
            makers += [g for c in noun.head.children if c.dep_ == "agent" for g in c.children]
        maker = next(iter(makers), None)
        if maker is None:
            continue
        source = kit.resolve(maker, ast.ctx, sst.line)
        if source is None or not political(kit, source):
            continue
        topics = [*prep_objects(noun, "on"), *prep_objects(noun, "about")]
        topics += prep_objects(maker, "on")  # "a statement by the minister on the verdict"
        own = {x.i for x in maker.subtree} - {x.i for t in topics for x in t.subtree}
        for topic in topics:
            for x in topic.subtree:
                if x.i in own or x.pos_ not in ("PROPN", "NOUN", "ADJ"):
                    continue
                a = kit.resolve(x, ast.ctx, sst.line)
                if a is not None and a.country and a.country != source.country:
                    return noun, source, maker, a, x
    return None
