"""Questions every extraction stage asks of a token: is it an event noun, a weapon, a diplomat;
who is it; which earlier event does it point back to; where is its text. No stage logic here.
"""

from __future__ import annotations

from typing import Any

from eventwire import ontology
from eventwire.extract.actors import ActorResolver, ArticleContext
from eventwire.extract.clauses import noun_key
from eventwire.extract.lexicon import Lexicon
from eventwire.extract.where import PlaceFinder
from eventwire.model import Actor, Mention, Span
from eventwire.nlp import Line

_OTHER_CLAUSES = {"conj", "ccomp", "xcomp", "advcl", "parataxis", "relcl", "csubj"}
LOOKBACK = 100  # earlier mentions a definite noun may point back to ("the strikes")


class Kit:
    """The lexicon, actor resolver and place finder, with the lookups built on them."""

    def __init__(self, lex: Lexicon, actors: ActorResolver, places: PlaceFinder) -> None:
        self.lex, self.actors, self.places = lex, actors, places

    def resolve(self, tok: Any, ctx: ArticleContext, line: Line) -> Actor | None:
        """The actor a token names, or None (pronouns resolved against the article so far)."""
        if tok is None:
            return None
        return self.actors.resolve(tok, ctx, line.start, line.number)

    def named(self, tok: Any, ctx: ArticleContext, line: Line) -> Actor | None:
        """The actor a token names, else a person or organisation kept by its words alone."""
        return self.resolve(tok, ctx, line) or self.actors.unresolved(tok)

    # -- what a token is ---------------------------------------------------------------------------
    def is_event_noun(self, tok: Any) -> bool:
        if tok.pos_ not in ("NOUN", "PROPN"):
            return False
        k = noun_key(tok, self.lex.nouns)
        return k is not None and not self.lex.nouns[k].agent_noun  # "troops" names no event

    def weapon_code(self, tok: Any, roots: tuple[str, ...] = ("18", "19")) -> str | None:
        """The instrument code a noun phrase names ("improvised explosive device" 1833), if any."""
        phrase = " ".join(t.lower_ for t in tok.subtree if t.i <= tok.i)
        words = {tok.lower_, tok.lemma_.lower()}
        if tok.lemma_.lower() in self.lex.fire_nouns:  # "sniper fire", "mortar fire"
            words |= {
                w
                for c in tok.children
                if c.dep_ in ("compound", "amod", "nmod")
                for w in (c.lower_, c.lemma_.lower())
            }
        for c, w in self.lex.instruments:
            if c.startswith(roots) and (words & w or any(" " in x and x in phrase for x in w)):
                return c
        return self._rigged(tok) if "18" in roots else None

    def _rigged(self, tok: Any) -> str | None:
        """'A car packed with explosives', 'an explosives-laden truck', 'a booby-trapped car': a
        thing made a bomb by what it carries (``rigged`` in verbs.yaml); a vehicle so made is a
        car bomb (1832), a vest or belt a suicide bomb (1831)."""
        rig = self.lex.rigged
        made = False
        for c in tok.children:
            if c.dep_ not in ("acl", "amod") or c.lemma_.lower() not in rig.verbs:
                continue
            charge = {
                g.lemma_.lower()
                for p in c.children
                if p.dep_ == "prep" and p.lower_ == "with"
                for g in p.children
                if g.dep_ == "pobj"
            } | {g.lemma_.lower() for g in c.children if g.dep_ in ("npadvmod", "compound")}
            if charge & rig.charges or c.lemma_.lower() == "trap" and "booby" in {
                g.lower_ for g in c.children
            }:
                made = True
        if not made:
            return None
        lemma = tok.lemma_.lower()
        return "1832" if lemma in rig.vehicles else "1831" if lemma in rig.worn else "183"

    def is_weapon(self, tok: Any) -> bool:
        """A noun naming an instrument of violence: bombs and guns, shells, missiles, drones."""
        return self.weapon_code(tok) is not None

    def is_diplomat(self, tok: Any) -> bool:
        if tok.lemma_.lower() in self.lex.diplomats or tok.lower_ in self.lex.diplomats:
            return True
        return any(
            g.lemma_.lower() in self.lex.diplomats
            for c in tok.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for g in c.children
            if g.dep_ == "pobj"
        )

    def has_negative_word(self, tok: Any) -> bool:
        """'called the move unacceptable': a word of negative evaluation in the clause."""
        return any(
            t.lemma_.lower() in self.lex.negative or t.lower_ in self.lex.negative
            for t in tok.subtree
        )

    # -- earlier events ----------------------------------------------------------------------------
    def antecedent_index(self, prior: list[Mention], noun: Any, sent: Any) -> int | None:
        """The earlier event a definite noun points back to: "the strikes", "the two bombs", "the
        meeting", "the demand". Earlier sentences only; the same CAMEO root preferred."""
        k = noun_key(noun, self.lex.nouns)
        if k is not None:
            act = ontology.action(self.lex.nouns[k].code)
        else:
            code = next(
                (c for c, w in self.lex.instruments if {noun.lower_, noun.lemma_.lower()} & w), None
            )
            if code is None:
                return None
            act = ontology.action(code)
        cands = [
            i
            for i in range(len(prior) - 1, max(len(prior) - 1 - LOOKBACK, -1), -1)
            if prior[i].refers_to is None
            and prior[i].action.plover_type == act.plover_type
            and prior[i].sentence != sent.text
        ]
        # "the strikes" (190) may be an armed group's attack, re-coded as unconventional (180)
        same_root = [i for i in cands if _family(prior[i].action.root) == _family(act.root)]
        words = {noun.lower_, noun.lemma_.lower()}
        same_word = [i for i in same_root or cands if words & action_words(prior[i])]
        same_root = same_word or same_root
        pick = same_root or cands
        return pick[0] if pick else None

    # -- text spans --------------------------------------------------------------------------------
    def span(self, line: Line, tok: Any) -> Span | None:
        """The characters of the phrase that names an actor, in article offsets."""
        if tok is None:
            return None
        return span_tokens(line, self.actors.phrase(tok))


def span_tokens(line: Line, toks: list[Any]) -> Span:
    start = min(t.idx for t in toks)
    end = max(t.idx + len(t.text) for t in toks)
    return (line.start + start, line.start + end)


def _family(root: str) -> str:
    """Roots one definite noun of an act may point back to: conventional (19) and unconventional
    (18) violence are one family; the code of a noun of attack does not know who attacked."""
    return "19" if root == "18" else root


def action_words(m: Mention) -> set[str]:
    """The words of a mention's action span ("carried out the attacks" → carried, out, attacks)."""
    span = m.spans.get("action")
    if not span:
        return set()
    text = m.sentence[span[0] - m.sentence_start : span[1] - m.sentence_start].lower()
    words = set(text.split())
    return words | {w[:-1] for w in words if w.endswith("s")}


def clause_tokens(head: Any) -> list[Any]:
    """The tokens of the clause headed by ``head``, without the clauses embedded or conjoined."""
    out, stack = [], [head]
    while stack:
        t = stack.pop()
        out.append(t)
        stack += [c for c in t.children if c.dep_ not in _OTHER_CLAUSES]
    return out
