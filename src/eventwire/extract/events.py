"""From parsed lines to coded mentions: predicates, actors, action code, when, where, toll.

Every mention records the rule that coded it: the lexicon entry, plus the refinements applied
("+instrument:drones", "+target:location", "+nonstate").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from eventwire import ontology
from eventwire.extract import modality as mod
from eventwire.extract.actors import ActorResolver, ArticleContext
from eventwire.extract.clauses import (
    Predicate,
    child,
    find_predicates,
    is_passive,
    noun_source,
    noun_sources,
    subject_token,
    target_tokens,
)
from eventwire.extract.lexicon import Lexicon
from eventwire.extract.toll import casualties, sentence_toll
from eventwire.extract.when import find_when, is_historical
from eventwire.extract.where import PlaceFinder
from eventwire.model import Actor, Article, Mention, Place, Span, When
from eventwire.nlp import Line

STATE_SECTORS = {"GOV", "MIL", "COP", "SPY", "JUD", "IGO"}
INTL_SECTORS = {"IGO", "NGO"}
# CAMEO roots whose acts are coded without a named doer: coercion, assault, fighting, mass violence
UNNAMED_SOURCE_ROOTS = {"17", "18", "19", "20"}
# Actors of these sectors with no country named belong to the country where they act.
LOCAL_SECTORS = {"COP", "CVL", "OPP", "GOV", "MIL", "JUD", "MED", "EDU", "LAB", "BUS", "HLH", "REL"}
NONSTATE_SECTORS = {"REB", "INS", "OPP", "CVL", "REF"}
_DEFINITE = {"the", "these", "those", "this", "that", "such", "both"}
_EVENT_SUBJECT_VERBS = {
    "explode",
    "detonate",
    "hit",
    "strike",
    "kill",
    "injure",
    "wound",
    "leave",
    "claim",
    "target",
    "destroy",
    "damage",
}


@dataclass
class _Draft:
    pred: Predicate
    source: Actor | None
    source_tok: Any
    target: Actor | None
    target_tok: Any
    code: str
    rule: str
    attribution: str | None
    sent: Any
    line: Line
    speaker_tok: Any = None


class Extractor:
    def __init__(self, lex: Lexicon, actors: ActorResolver, places: PlaceFinder) -> None:
        self.lex, self.actors, self.places = lex, actors, places

    # -- article -----------------------------------------------------------------------------------
    def extract(self, article: Article, lines: Iterable[Line]) -> list[Mention]:
        ctx = ArticleContext()
        lines = list(lines)
        self._index_countries(lines, ctx)
        mentions: list[Mention] = []
        last_date: list[str | None] = [None]
        for line in lines:
            self._line_speaker(line, ctx)
            for sent in line.doc.sents:
                mentions += self._sentence(article, line, sent, ctx, mentions, last_date)
        return mentions

    def _index_countries(self, lines: list[Line], ctx: ArticleContext) -> None:
        """Every country name, demonym or capital in the article, by position ("the country")."""
        for line in lines:
            seen: set[int] = set()
            for ent in line.doc.ents:
                if ent.label_ in ("GPE", "NORP"):
                    hit = self.actors.gaz.country_of(ent.text)
                    if hit:
                        ctx.countries.append((line.start + ent.start_char, hit[0]))
                        seen.update(range(ent.start, ent.end))
            for t in line.doc:  # "Kenya Anti-Corruption Commission": a country inside an ORG name
                if t.i not in seen and t.pos_ == "PROPN":
                    hit = self.actors.gaz.country_of(t.text)
                    if hit and hit[1] == "name":
                        ctx.countries.append((line.start + t.idx, hit[0]))
        ctx.countries = sorted(set(ctx.countries))

    def _line_speaker(self, line: Line, ctx: ArticleContext) -> None:
        for t in line.doc:
            if t.lemma_.lower() in self.lex.reporting:
                subj = child(t, "nsubj")
                if subj is not None and subj.pos_ != "PRON":
                    a = self.actors.resolve(subj, ctx, line.start, line.number)
                    if a is not None:
                        ctx.speakers[line.number] = a
                        return

    # -- sentence ----------------------------------------------------------------------------------
    def _sentence(
        self,
        article: Article,
        line: Line,
        sent: Any,
        ctx: ArticleContext,
        prior: list[Mention],
        last_date: list[str | None],
    ) -> list[Mention]:
        preds = find_predicates(sent, self.lex)
        consumed = self._merge_kill_in_event(preds)
        drafts: list[_Draft] = []
        out: list[Mention] = []
        governors: set[int] = set()
        for pred in preds:
            if id(pred) in consumed:
                continue
            status = mod.modality(pred.tok, self.lex)
            material = ontology.action(pred.code).quad_class in (2, 4) or pred.code[:2] == "04"
            if status == mod.CONDITION:
                continue
            if status == mod.REFUSAL or (
                status in (mod.IRREALIS, mod.FUTURE) and (status == mod.IRREALIS or material)
            ):
                mirrored = self._mirror(pred, status, line, sent, ctx, prior)
                if mirrored is not None:
                    drafts.append(mirrored)
                    governors.add(mirrored.pred.tok.i)
                continue
            if status in (mod.NEGATED, mod.IRREALIS, mod.OBLIGATION):
                continue
            d = self._draft(pred, line, sent, ctx, prior)
            if d is not None:
                drafts.append(d)
        # the governing verb's own generic code ("threatened" 130) gives way to the mirrored one
        drafts = [d for d in drafts if d.pred.tok.i not in governors or "+mirror" in d.rule]
        heads = {d.pred.tok.i for d in drafts} | {
            d.pred.noun.i for d in drafts if d.pred.noun is not None
        }
        drafts = [d for d in drafts if not _subordinate(d.pred.tok, heads)]
        # "rejected an appeal from X", "condemned Y's strikes": the event talked about is the topic
        # of the verbal act, reported elsewhere if it is news; not a second event of the sentence
        verbal = {d.pred.tok.i for d in drafts if ontology.action(d.code).quad_class in (1, 3)}
        drafts = [
            d
            for d in drafts
            if not (
                d.pred.kind == "noun" and d.pred.tok.dep_ == "dobj" and d.pred.tok.head.i in verbal
            )
        ]
        drafts = _drop_covered_unnamed(drafts)
        drafts += self._obligations(sent, line, ctx)
        self._borrow_targets(drafts)
        drafts = [d for d in drafts if d.target is not None or not d.pred.entry.needs_target]
        drafts += self._victim_claims(drafts, ctx)
        for d in drafts:
            m = self._mention(article, d, ctx, last_date, prior)
            if m is not None:
                out.append(m)
                if d.source is not None and d.source_tok is not None:
                    ctx.subjects.append((line.start + d.source_tok.idx, d.source))
        more = self._anaphoric(article, line, sent, preds, prior + out, last_date)
        kinds = {m.action.plover_type for m in more}
        out = [m for m in out if "+source:unnamed" not in m.rule or m.action.plover_type not in kinds]
        out += more
        self._remember_subjects(sent, line, ctx)
        return out

    def _remember_subjects(self, sent: Any, line: Line, ctx: ArticleContext) -> None:
        for t in sent:
            if (
                t.dep_ == "nsubj"
                and t.pos_ != "PRON"
                and t.head.lemma_.lower() in self.lex.reporting
            ):
                a = self.actors.resolve(t, ctx, line.start, line.number)
                if a is not None:
                    ctx.subjects.append((line.start + t.idx, a))
        ctx.subjects.sort(key=lambda x: x[0])

    def _merge_kill_in_event(self, preds: list[Predicate]) -> set[int]:
        """'X was killed in a drone strike by Y': one event, the noun's code, Y → X.
        'Two were killed when officers opened fire': the shooting's victims are the two."""
        consumed: set[int] = set()
        nouns = {p.tok.i: p for p in preds if p.kind == "noun"}
        by_tok = {p.tok.i: p for p in preds}
        for p in preds:
            if (
                p.tok.dep_ == "advcl"
                and p.tok.head.lemma_.lower() in ("kill", "injure", "wound")
                and (ontology.action(p.code).plover_type == "ASSAULT")
            ):
                top = p.tok.head
                while top.dep_ == "conj" and top.head.lemma_.lower() in ("kill", "injure", "wound"):
                    top = top.head
                victim = child(top, "nsubjpass")
                if victim is not None:
                    p.victims = victim
                    p.toll_verb = top
                    k = by_tok.get(p.tok.head.i)
                    if k is not None:
                        consumed.add(id(k))
        for p in preds:
            if p.kind != "verb" or p.tok.lemma_.lower() not in ("kill", "injure", "wound"):
                continue
            for c in p.tok.children:
                if c.dep_ == "prep" and c.lower_ in ("in", "during", "by"):
                    for g in c.children:
                        if g.i in nouns:
                            n = nouns[g.i]
                            p.code, p.rule = n.code, f"{p.rule}+{n.rule}"
                            p.noun = n.tok
                            consumed.add(id(n))
        # "An Israeli airstrike killed two people": the strike's victims and toll are the verb's
        for p in preds:
            if p.kind != "verb" or ontology.action(p.code).plover_type != "ASSAULT":
                continue
            subj = child(p.tok, "nsubj")
            ev = nouns.get(subj.i) if subj is not None else None
            if ev is None or noun_source(ev.tok, self.lex) is None:
                continue
            ev.victims = child(p.tok, "dobj")
            ev.toll_verb = p.tok
            ev.rule = f"{ev.rule}+{p.rule}"
            consumed.add(id(p))
        return consumed

    # -- one predicate -----------------------------------------------------------------------------
    def _draft(
        self, pred: Predicate, line: Line, sent: Any, ctx: ArticleContext, prior: list[Mention]
    ) -> _Draft | None:
        off, num = line.start, line.number
        if pred.kind == "noun":
            src_tok = next(
                (c for c in noun_sources(pred.tok) if self.actors.resolve(c, ctx, off, num)), None
            )
            if src_tok is None:
                src_tok = self._participant(pred.tok)
        else:
            src_tok = subject_token(pred.tok)
            if src_tok is None and pred.noun is not None and pred.kind == "verb":
                src_tok = noun_source(pred.noun, self.lex)
        if src_tok is not None and self._is_event_noun(src_tok):
            return None  # "the strikes killed ...": handled as an anaphoric mention
        source = self.actors.resolve(src_tok, ctx, off, num) if src_tok is not None else None
        code, rule = pred.code, pred.rule
        if source is None:
            unnamed = self._unnamed_source(pred, src_tok)
            if unnamed is None:
                return None
            code, rule = unnamed
            src_tok = None
        target, target_tok = None, None
        cands = target_tokens(pred)
        if pred.victims is not None:
            cands = [pred.victims, *cands]
            rule += "+victims:when"
        for cand in cands:
            if (
                pred.entry.diplomat
                and cand.dep_ in ("dobj", "nsubjpass")
                and self._is_diplomat(cand)
            ):
                code, rule = pred.entry.diplomat, f"{rule}+diplomat"
            if self._is_event_noun(cand) and ontology.action(code).root in ("11", "12", "09", "05"):
                t = self._event_source(cand, ctx, line, prior)
            else:
                t = self.actors.resolve(cand, ctx, off, num)
            if t is not None:
                target, target_tok = t, cand
                break
        if target is None:
            found = self._fallback_target(pred, cands, ctx, line)
            if found is not None:
                target, target_tok, how = found
                rule += f"+target:{how}"
        if pred.kind == "verb" and pred.entry.objects:
            obj = child(pred.tok, "dobj", "nsubjpass")
            lemma = obj.lemma_.lower() if obj is not None else None
            if lemma in pred.entry.objects:
                code, rule = pred.entry.objects[lemma], f"{rule}+object:{lemma}"
                if target is None:
                    for g in (x for c in obj.children if c.dep_ == "prep" for x in c.children):
                        t = self.actors.resolve(g, ctx, off, num) if g.dep_ == "pobj" else None
                        if t is not None:
                            target, target_tok = t, g
                            break
            elif pred.entry.objects_only or (pred.entry.needs_target and target is None):
                return None
        if pred.kind == "verb" and pred.entry.diplomat:
            d = child(pred.tok, "dobj", "nsubjpass")
            if d is not None and self._is_diplomat(d) and "+diplomat" not in rule:
                code, rule = pred.entry.diplomat, f"{rule}+diplomat"
        if pred.entry.needs_negative and not self._negative(pred):
            return None
        if source is None and target is None and self.places.find([pred.tok]) is None:
            return None  # no doer, no one done to and no place: nothing to code
        if code[:2] == "13" and any(
            c.dep_ == "ccomp" and mod._own(c, self.lex) == mod.OBLIGATION for c in pred.tok.children
        ):
            return None  # "warned that X must withdraw" is the demand coded by _obligations
        rep = mod.reporting_head(pred.tok, self.lex)
        attribution, spk = None, None
        if rep is not None:
            spk = subject_token(rep)
            if spk is not None:  # the words as written ("Pakistan's foreign ministry")
                attribution = spk.doc[spk.left_edge.i : spk.right_edge.i + 1].text
        return _Draft(
            pred, source, src_tok, target, target_tok, code, rule, attribution, sent, line, spk
        )

    def _unnamed_source(self, pred: Predicate, src_tok: Any) -> tuple[str, str] | None:
        """An act of coercion or violence whose doer the text does not name is still an event,
        with no source: a passive without an agent ("dozens of activists were detained"), a
        weapon as the subject ("a roadside bomb hit their convoy"), or an event noun with no
        owner that heads its clause ("shelling of the border villages continued"). Returns the
        code and rule, or None when the act needs a named doer."""
        code, rule = pred.code, pred.rule
        if code[:2] not in UNNAMED_SOURCE_ROOTS:
            return None
        if pred.kind == "verb" and src_tok is None and is_passive(pred.tok):
            if pred.tok.lemma_.lower() in self.lex.effect_verbs and not any(
                self._is_weapon(t) or self._is_event_noun(t) for t in pred.tok.subtree
            ):
                return None  # "were killed in the storm": a toll, not yet an attack
            return code, f"{rule}+source:unnamed"
        if src_tok is not None and self._is_weapon(src_tok):
            inst = self._weapon_code(src_tok)
            if inst is not None and code[:2] in ("18", "19"):
                code, rule = inst, f"{rule}+instrument:{src_tok.lemma_.lower()}"
            return code, f"{rule}+source:unnamed"
        if pred.kind == "noun" and src_tok is None and pred.tok.dep_ in ("nsubj", "nsubjpass", "ROOT"):
            return code, f"{rule}+source:unnamed"
        return None

    def _participant(self, noun: Any) -> Any:
        """'Thousands joined a march', 'students took part in the protest': the subject of a
        verb of taking part is the source of the event noun it governs."""
        verb = noun.head
        if noun.dep_ == "pobj" and verb.dep_ == "prep":
            verb = verb.head  # "participated in", "took part in"
        if noun.dep_ not in ("dobj", "pobj") or verb.pos_ not in ("VERB", "AUX"):
            return None
        lemma = verb.lemma_.lower()
        obj = child(verb, "dobj")
        phrase = f"{lemma} {obj.lemma_.lower()}" if obj is not None else lemma
        if lemma not in self.lex.participation and phrase not in self.lex.participation:
            return None
        return subject_token(verb)

    def _weapon_code(self, tok: Any, roots: tuple[str, ...] = ("18", "19")) -> str | None:
        """The instrument code a noun phrase names ("improvised explosive device" 1833), if any."""
        phrase = " ".join(t.lower_ for t in tok.subtree if t.i <= tok.i)
        words = {tok.lower_, tok.lemma_.lower()}
        for c, w in self.lex.instruments:
            if c.startswith(roots) and (words & w or any(" " in x and x in phrase for x in w)):
                return c
        return None

    def _fallback_target(
        self, pred: Predicate, cands: list[Any], ctx: ArticleContext, line: Line
    ) -> tuple[Actor, Any, str] | None:
        """When no slot names an actor: the party a threat is conditioned on ("... unless Baghdad
        accepted"), whoever an act is "against", or the owner of the thing acted on ("rejected
        Israeli changes", "protested Sweden's decision")."""
        off, num = line.start, line.number
        verb = pred.tok
        if pred.code[:2] == "13":
            clauses = [verb, *([pred.noun] if pred.noun is not None else [])]
            for c in (c for v in clauses for c in v.children):
                if c.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in c.children):
                    subj = child(c, "nsubj", "nsubjpass")
                    a = self.actors.resolve(subj, ctx, off, num) if subj is not None else None
                    if a is not None:
                        return a, subj, "condition"
        for t in _clause_tokens(verb):
            if t.dep_ == "pobj" and t.head.lower_ == "against":
                a = self.actors.resolve(t, ctx, off, num) or self._owner_of(t, ctx, line)
                if a is not None:
                    return a, t, "against"
        # "used batons to break up the sit-in": the object of the purpose clause
        for c in verb.children:
            if c.dep_ in ("advcl", "xcomp") and any(
                x.dep_ == "aux" and x.lower_ == "to" for x in c.children
            ):
                obj = child(c, "dobj")
                a = self.actors.resolve(obj, ctx, off, num) if obj is not None else None
                if a is not None:
                    return a, obj, "purpose"
        dobj = child(verb, "dobj") if pred.kind == "verb" else None
        for cand in [*cands, *([dobj] if dobj is not None and dobj not in cands else [])]:
            for c in cand.children:
                if c.dep_ in ("poss", "amod", "compound", "nmod"):
                    a = self.actors.resolve(c, ctx, off, num)
                    if a is not None and (a.country or a.sector in ("IGO", "NGO")):
                        return a, c, "owner"
            for c in cand.children:
                if c.dep_ == "prep" and c.lower_ in ("to", "against", "on", "for", "of", "from"):
                    for g in c.children:
                        a = self.actors.resolve(g, ctx, off, num) if g.dep_ == "pobj" else None
                        if a is not None:
                            return a, g, "owner"
        return None

    def _owner_of(self, tok: Any, ctx: ArticleContext, line: Line) -> Actor | None:
        """Who a non-actor noun belongs to or is done by: "abuses by the border guards"."""
        for c in tok.children:
            if c.dep_ in ("poss", "amod", "compound"):
                a = self.actors.resolve(c, ctx, line.start, line.number)
                if a is not None and a.country:
                    return a
            if c.dep_ in ("prep", "agent") and c.lower_ in ("by", "of"):
                for g in c.children:
                    a = (
                        self.actors.resolve(g, ctx, line.start, line.number)
                        if g.dep_ == "pobj"
                        else None
                    )
                    if a is not None:
                        return a
        return None

    def _is_event_noun(self, tok: Any) -> bool:
        from eventwire.extract.clauses import noun_key

        if tok.pos_ not in ("NOUN", "PROPN"):
            return False
        k = noun_key(tok, self.lex.nouns)
        return k is not None and not self.lex.nouns[k].agent_noun  # "troops" names no event

    def _is_diplomat(self, tok: Any) -> bool:
        if tok.lemma_.lower() in self.lex.diplomats or tok.lower_ in self.lex.diplomats:
            return True
        return any(
            g.lemma_.lower() in self.lex.diplomats
            for c in tok.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for g in c.children
            if g.dep_ == "pobj"
        )

    def _negative(self, pred: Predicate) -> bool:
        for t in pred.tok.subtree:
            if t.lemma_.lower() in self.lex.negative or t.lower_ in self.lex.negative:
                return True
        return False

    def _event_source(
        self, noun: Any, ctx: ArticleContext, line: Line, prior: list[Mention]
    ) -> Actor | None:
        """Who did the event a noun names: its own source, or the earlier event it points back to."""
        s = noun_source(noun, self.lex)
        if s is not None:
            return self.actors.resolve(s, ctx, line.start, line.number)
        ref = self._antecedent(prior, noun)
        return ref.source if ref is not None else None

    def _antecedent(self, prior: list[Mention], noun: Any) -> Mention | None:
        i = self._antecedent_index(prior, noun, noun.sent)
        return prior[i] if i is not None else None

    def _antecedent_index(self, prior: list[Mention], noun: Any, sent: Any) -> int | None:
        """The earlier event a definite noun points back to: "the strikes", "the two bombs", "the
        meeting", "the demand". Earlier sentences only; the same CAMEO root preferred."""
        from eventwire.extract.clauses import noun_key

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
            for i in range(len(prior) - 1, -1, -1)
            if prior[i].refers_to is None
            and prior[i].action.plover_type == act.plover_type
            and prior[i].sentence != sent.text
        ]
        same_root = [i for i in cands if prior[i].action.root == act.root]
        words = {noun.lower_, noun.lemma_.lower()}
        same_word = [i for i in same_root or cands if words & _action_words(prior[i])]
        same_root = same_word or same_root
        pick = same_root or cands
        return pick[0] if pick else None

    def _mirror(
        self,
        pred: Predicate,
        status: str,
        line: Line,
        sent: Any,
        ctx: ArticleContext,
        prior: list[Mention],
    ) -> _Draft | None:
        """'pledged to send aid' → 033 by the pledger; 'will attack' → 138; 'urged X to talk' → 026."""
        if status == mod.REFUSAL:
            gov_cls, gov = "reject", pred.tok
        elif status == mod.FUTURE:
            gov_cls, gov = (
                ("intent" if ontology.action(pred.code).quad_class <= 2 else "threat"),
                pred.tok,
            )
        else:
            found = mod.governor(pred.tok, self.lex)
            if found is None:
                return None
            gov_cls, gov = found
        if gov_cls == "intent" and any(
            c.dep_ == "advcl" and any(m.lower_ in ("unless", "if") for m in c.children)
            for c in gov.children
        ):
            gov_cls = "threat"  # "will withdraw its troops unless ...": a conditional threat
        root = pred.code[:2]
        conflict = int(root) >= 14
        if conflict and gov_cls in ("intent", "threat"):
            gov_cls = "threat"
        elif conflict or int(root) < 4:
            return None  # demands to attack, refusals to protest: no CAMEO code of their own
        table = self.lex.mirror.get(gov_cls, {})
        code = next((table[pred.code[:n]] for n in (4, 3, 2) if pred.code[:n] in table), None)
        if code is None:
            return None
        off, num = line.start, line.number
        src_tok = subject_token(gov) or (subject_token(gov.head) if gov.pos_ == "ADJ" else None)
        if src_tok is None and gov.i == pred.tok.i:
            src_tok = subject_token(pred.tok)
        source = self.actors.resolve(src_tok, ctx, off, num) if src_tok is not None else None
        if source is None:
            return None
        cands: list[Any] = []
        if gov_cls in ("demand", "appeal"):
            cands += [c for c in gov.children if c.dep_ in ("dobj", "dative")]
            cands += [
                g
                for c in gov.children
                if c.dep_ == "prep" and c.lower_ in ("on", "to")
                for g in c.children
                if g.dep_ == "pobj"
            ]
        inner = self._draft(pred, line, sent, ctx, prior)
        target, target_tok = (inner.target, inner.target_tok) if inner is not None else (None, None)
        if pred.entry.needs_target and target is None and gov_cls == "intent":
            return None
        for cand in cands:
            a = self.actors.resolve(cand, ctx, off, num)
            if a is not None:
                target, target_tok = a, cand
                break
        entry = replace(self.lex.verbs.get(gov.lemma_.lower(), pred.entry), needs_target=False)
        gpred = Predicate(
            gov, entry, code, "verb", rule=f"{gov_cls}:{gov.lemma_.lower()}+mirror+{pred.rule}"
        )
        if gov.i != pred.tok.i and gov_cls in ("intent", "threat", "reject"):
            gpred.noun = pred.tok  # the promised act: its place, date and instruments count
        if target is None:
            fallback = self._fallback_target(gpred, [], ctx, line)
            if fallback is not None:
                target, target_tok, how = fallback
                gpred.rule += f"+target:{how}"
        return _Draft(
            gpred, source, src_tok, target, target_tok, code, gpred.rule, None, sent, line
        )

    def _obligations(self, sent: Any, line: Line, ctx: ArticleContext) -> list[_Draft]:
        """'X said Y should/must do Z' is a demand by X of Y (CAMEO 100)."""
        out = []
        for t in sent:
            if t.pos_ not in ("VERB", "AUX") or mod._own(t, self.lex) != mod.OBLIGATION:
                continue
            rep = mod.reporting_head(t, self.lex)
            if rep is None:
                continue
            spk, subj = subject_token(rep), child(t, "nsubj")
            if spk is None or subj is None:
                continue
            source = self.actors.resolve(spk, ctx, line.start, line.number)
            target = self.actors.resolve(subj, ctx, line.start, line.number)
            if source is None or target is None:
                continue
            entry = self.lex.verbs.get("demand")
            if entry is None:
                continue
            pred = Predicate(
                t, entry, "100", "verb", rule=f"obligation:{rep.lemma_}+{child(t, 'aux')}"
            )
            out.append(
                _Draft(
                    pred,
                    source,
                    spk,
                    target,
                    subj,
                    "100",
                    pred.rule,
                    " ".join(x.text for x in spk.subtree),
                    sent,
                    line,
                )
            )
        return out

    def _victim_claims(self, drafts: list[_Draft], ctx: ArticleContext) -> list[_Draft]:
        """'Rwanda said Congolese forces shelled its territory': the victim's report is also an
        accusation (CAMEO 112) by the speaker against the reported attacker."""
        out = []
        entry = self.lex.verbs.get("accuse")
        for d in drafts:
            if entry is None or d.speaker_tok is None or d.source is None or d.target is None:
                continue
            if ontology.action(d.code).plover_type != "ASSAULT":
                continue
            spk = self.actors.resolve(d.speaker_tok, ctx, d.line.start, d.line.number)
            if spk is None or spk.country is None or spk.country != d.target.country:
                continue
            if d.source.country == spk.country:
                continue
            pred = Predicate(
                d.speaker_tok.head, entry, "112", "verb", rule=f"victim-claim:{d.rule}"
            )
            out.append(
                _Draft(
                    pred,
                    spk,
                    d.speaker_tok,
                    d.source,
                    d.source_tok,
                    "112",
                    pred.rule,
                    d.attribution,
                    d.sent,
                    d.line,
                )
            )
        return out

    def _borrow_targets(self, drafts: list[_Draft]) -> None:
        """'condemned X and warned of consequences': the warning is addressed to X too."""
        for d in drafts:
            if d.target is not None or not d.pred.entry.needs_target:
                continue
            if ontology.action(d.code).quad_class not in (1, 3):
                continue
            for o in drafts:
                if o is not d and o.target is not None and o.source == d.source:
                    d.target, d.rule = o.target, f"{d.rule}+target:sibling"
                    break

    # -- mention assembly --------------------------------------------------------------------------
    def _mention(
        self,
        article: Article,
        d: _Draft,
        ctx: ArticleContext,
        last_date: list[str | None],
        prior: list[Mention],
    ) -> Mention | None:
        code, rule = self._refine(d)
        action = ontology.action(code)
        place = self._place(d)
        target = d.target
        source = d.source
        if place is not None and place.country:
            source = _with_place_country(source, place)
            target = _with_place_country(target, place)
        source = self._with_context_country(source, d.source_tok, d, ctx, whole_sentence=True)
        target = self._with_context_country(target, d.target_tok, d, ctx)
        if place is not None and place.country:
            src_c = source.country if source else None
            if target is None and (place.country != src_c or (source and source.sector)):
                target = Actor(
                    place.name,
                    self.actors.gaz.countries[place.country].name
                    if place.country in self.actors.gaz.countries
                    else place.country,
                    place.country,
                    None,
                    rule="location",
                )
                rule += "+target:location"
            elif (
                target is not None and target.country is None and target.sector not in INTL_SECTORS
            ):
                target = replace(
                    target, country=place.country, rule=target.rule + "+country:location"
                )
        loc_target = target is not None and target.rule == "location"
        if not loc_target and _self_directed(source, target):
            if action.quad_class == 1:
                return None  # a government visiting or praising its own country is no event
            assert source is not None and target is not None
            if not (target.sector is None and source.sector is not None):
                target = None
            # else "Kenyan police imposed a curfew in ... Kenya": the country is the target
        when = self._when(d, article.published, last_date)
        if when.precision == "article":
            when = self._anaphoric_date(d, prior) or when
        killed, injured = (None, None)
        if action.plover_type == "ASSAULT":
            killed, injured = self._toll(d)
        spans: dict[str, Span | None] = {
            "source": self._span(d.line, d.source_tok),
            "action": self._span_tokens(d.line, d.pred.action_tokens()),
            "target": self._span(d.line, d.target_tok)
            if target is not None and d.target is not None
            else None,
        }
        return Mention(
            article_id=article.id,
            sentence=d.sent.text,
            sentence_start=d.line.start + d.sent.start_char,
            line=d.line.number,
            source=source,
            target=target,
            action=action,
            when=when,
            place=place,
            killed=killed,
            injured=injured,
            spans=spans,
            rule=rule,
            attribution=self._attribution(d, ctx),
        )

    def _attribution(self, d: _Draft, ctx: ArticleContext) -> str | None:
        """Who said it, as the sentence says it; a pronoun ("it said") is given the name of the
        actor it refers to, since "according to It" tells a reader nothing."""
        tok = d.speaker_tok
        if d.attribution is None or tok is None or tok.pos_ != "PRON":
            return d.attribution
        who = self.actors.resolve(tok, ctx, d.line.start, d.line.number)
        return who.name if who is not None and who.name else d.attribution

    def _with_context_country(
        self,
        actor: Actor | None,
        tok: Any,
        d: _Draft,
        ctx: ArticleContext,
        whole_sentence: bool = False,
    ) -> Actor | None:
        """Police, protesters, civilians with no country named and no place: the country the
        article last named before them."""
        if actor is None or actor.country is not None or actor.sector not in LOCAL_SECTORS:
            return actor
        at = tok.idx if tok is not None and tok.sent == d.sent else d.sent.start_char
        iso3 = ctx.last_country(d.line.start + at)
        if iso3 is None and whole_sentence:  # "Ibo elders demanded ... the Nigerian ministry"
            iso3 = ctx.last_country(d.line.start + d.sent.end_char)
        if iso3 is None:
            return actor
        return replace(actor, country=iso3, rule=actor.rule + "+country:context")

    def _place(self, d: _Draft) -> Place | None:
        """Where: locatives of the predicate and its arguments, else of the clause governing it."""
        heads = [d.pred.tok] + ([d.pred.noun] if d.pred.noun is not None else [])
        heads += [t for t in (d.target_tok, d.source_tok, d.pred.toll_verb) if t is not None]
        if d.code[:2] in ("03", "12", "13"):  # "threatened to close the port of Aden"
            heads += [c for c in d.pred.tok.children if c.dep_ == "xcomp"]
        place = self.places.find(heads)
        tok = d.pred.tok
        for _ in range(3):
            if (
                place is not None
                or tok.dep_ not in ("conj", "advcl", "xcomp")
                or tok.head.i == tok.i
            ):
                break
            tok = tok.head
            subj = subject_token(tok)
            place = self.places.find([tok] + ([subj] if subj is not None else []))
        return place

    def _refine(self, d: _Draft) -> tuple[str, str]:
        code, rule = d.code, d.rule
        src = d.source
        nonstate = src is not None and (
            src.sector in NONSTATE_SECTORS
            or src.sector in ("LAB", "EDU", "REL")
            or (src.country is None and src.sector not in STATE_SECTORS | {"NGO"})
        )
        if d.pred.entry.nonstate and nonstate and code == d.pred.entry.code:
            code, rule = d.pred.entry.nonstate, f"{rule}+nonstate"
        if code[:2] in ("18", "19") and len(code) == 3 and code.endswith("0") or code == "190":
            words = self._clause_words(d)
            for inst_code, inst_words in self.lex.instruments:
                hit = next((w for w in words if w in inst_words), None)
                if hit is not None:
                    code, rule = inst_code, f"{rule}+instrument:{hit}"
                    break
        src = d.source
        if (
            code in self.lex.nonstate
            and src is not None
            and (
                src.sector in NONSTATE_SECTORS
                or (src.country is None and src.sector not in STATE_SECTORS)
            )
        ):
            code, rule = self.lex.nonstate[code], f"{rule}+nonstate"
        return code, rule

    def _clause_words(self, d: _Draft) -> list[str]:
        toks = list(d.pred.tok.subtree)
        if d.pred.noun is not None:
            toks += list(d.pred.noun.subtree)
        toks = [t for t in toks if t.dep_ not in ("ccomp",)]
        words = [t.lower_ for t in toks] + [t.lemma_.lower() for t in toks]
        words += [f"{a.lower_} {b.lower_}" for a, b in zip(toks, toks[1:], strict=False)]
        return words

    def _when(self, d: _Draft, published: dt.date | None, last_date: list[str | None]) -> When:
        found = find_when(d.pred.tok, published, last_date[0])
        if found is None and d.pred.noun is not None:
            found = find_when(d.pred.noun, published, last_date[0])
        if found is None:
            if published is None:
                return When(None, "none")
            return When(published.isoformat(), "article")
        tok, date, precision = found
        if precision == "day":
            last_date[0] = date
        return When(date, precision, is_historical(date, precision, published), text=tok.text)

    def _anaphoric_date(self, d: _Draft, prior: list[Mention]) -> When | None:
        """'hosted the meeting' (the talks of Tuesday): an act on a definite earlier event
        shares its date."""
        tok = d.pred.tok
        for _ in range(3):
            for c in tok.children:
                if (
                    c.dep_ in ("dobj", "nsubjpass")
                    and any(x.lower_ in ("the", "this", "that") for x in c.children)
                    and self._is_event_noun(c)
                ):
                    i = self._antecedent_index(prior, c, d.sent)
                    entry = self.lex.verbs.get(tok.lemma_.lower())
                    governing = ontology.action(entry.code).plover_type if entry else None
                    if (
                        i is not None
                        and prior[i].when.precision == "day"
                        and governing == prior[i].action.plover_type
                    ):
                        w = prior[i].when
                        return When(w.date, w.precision, w.historical, text=c.text)
            if tok.dep_ != "conj" or tok.head.i == tok.i:
                break
            tok = tok.head
        return None

    def _toll(self, d: _Draft) -> tuple[int | None, int | None]:
        if d.pred.toll_verb is not None:
            return sentence_toll(d.pred.toll_verb.subtree)
        verb = d.pred.tok
        hit = casualties(verb)
        if hit is not None:
            return (hit[1], None) if hit[0] == "killed" else (None, hit[1])
        toks = [t for t in d.sent if t.head.i == verb.i or t.head.head.i == verb.i or t.i == verb.i]
        return sentence_toll(toks)

    def _span(self, line: Line, tok: Any) -> Span | None:
        if tok is None:
            return None
        toks = self.actors.phrase(tok)
        return self._span_tokens(line, toks)

    @staticmethod
    def _span_tokens(line: Line, toks: list[Any]) -> Span:
        start = min(t.idx for t in toks)
        end = max(t.idx + len(t.text) for t in toks)
        return (line.start + start, line.start + end)

    # -- anaphora: "The strikes killed two children" -------------------------------------------
    def _anaphoric(
        self,
        article: Article,
        line: Line,
        sent: Any,
        preds: list[Predicate],
        prior: list[Mention],
        last_date: list[str | None],
    ) -> list[Mention]:
        out = []
        for t in sent:
            if t.pos_ != "VERB" or t.lemma_.lower() not in _EVENT_SUBJECT_VERBS | set(
                self.lex.casualty_verbs
            ):
                continue
            subj, victims = child(t, "nsubj"), child(t, "dobj")
            agent = [
                g for c in t.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"
            ]
            if subj is None and agent:  # "three soldiers were killed by a roadside bomb"
                subj, victims = agent[0], child(t, "nsubjpass")
            if subj is None or not (self._is_event_noun(subj) or self._is_weapon(subj)):
                continue
            if noun_source(subj, self.lex) is not None:
                continue
            definite = any(c.lower_ in _DEFINITE for c in subj.children)
            ref = self._antecedent_index(prior, subj, sent) if definite else None
            if ref is None:
                m = self._unattributed(article, line, sent, t, subj, victims, last_date)
                if m is not None:
                    out.append(m)
                continue
            m = prior[ref]
            found = find_when(t, article.published, last_date[0])
            when = m.when
            if found is not None:
                _, date, precision = found
                when = When(
                    date,
                    precision,
                    is_historical(date, precision, article.published),
                    found[0].text,
                )
            killed, injured = sentence_toll(t.subtree)
            out.append(
                Mention(
                    article_id=article.id,
                    sentence=sent.text,
                    sentence_start=line.start + sent.start_char,
                    line=line.number,
                    source=m.source,
                    target=m.target,
                    action=m.action,
                    when=when,
                    place=self.places.find([t]) or m.place,
                    killed=killed,
                    injured=injured,
                    spans={
                        "source": None,
                        "action": self._span_tokens(line, [subj, t]),
                        "target": None,
                    },
                    rule=f"anaphor:{subj.lower_}→line {m.line}",
                    refers_to=ref,
                )
            )
        return out

    def _unattributed(
        self,
        article: Article,
        line: Line,
        sent: Any,
        verb: Any,
        noun: Any,
        victims: Any,
        last_date: list[str | None],
    ) -> Mention | None:
        """'A roadside bombing killed one soldier': an attack whose perpetrator the text does not
        name is still an event, with no source, when it has victims."""
        if verb.lemma_.lower() not in self.lex.casualty_verbs:
            return None
        if victims is None and sentence_toll(verb.subtree) == (None, None):
            return None  # no victims and no toll: "the bombing claimed ..." what?
        from eventwire.extract.clauses import noun_key

        k = noun_key(noun, self.lex.nouns)
        phrase = " ".join(t.lower_ for t in noun.subtree if t.i <= noun.i)
        code = (
            self.lex.nouns[k].code
            if k
            else next(
                (
                    c
                    for c, w in self.lex.instruments
                    if {noun.lower_, noun.lemma_.lower()} & w
                    or any(" " in x and x in phrase for x in w)
                ),
                None,
            )
        )
        if code is None:
            return None
        for inst_code, words in self.lex.instruments:  # "roadside bombing", "improvised explosive"
            text = " ".join(x.lower_ for x in noun.subtree)
            if any(w in text.split() or (" " in w and w in text) for w in words):
                code = inst_code if len(inst_code) >= len(code) else code
                break
        ctx = ArticleContext()
        target = (
            self.actors.resolve(victims, ctx, line.start, line.number) if victims is not None else None
        )
        place = self.places.find([verb, noun])
        if target is not None and target.country is None and place is not None:
            target = _with_place_country(target, place)
        found = find_when(verb, article.published, last_date[0])
        if found is None:
            found = find_when(noun, article.published, last_date[0])
        if found is not None:
            _, date, precision = found
            when = When(date, precision, is_historical(date, precision, article.published))
        elif article.published is not None:
            when = When(article.published.isoformat(), "article")
        else:
            when = When(None, "none")
        killed, injured = sentence_toll(verb.subtree)
        return Mention(
            article_id=article.id,
            sentence=sent.text,
            sentence_start=line.start + sent.start_char,
            line=line.number,
            source=None,
            target=target,
            action=ontology.action(code),
            when=when,
            place=place,
            killed=killed,
            injured=injured,
            spans={
                "source": None,
                "action": self._span_tokens(line, [noun, verb]),
                "target": self._span(line, victims) if target is not None else None,
            },
            rule=f"unattributed:{noun.lemma_.lower()}+{verb.lemma_.lower()}",
        )

    def _is_weapon(self, tok: Any) -> bool:
        return self._weapon_code(tok, ("18",)) is not None


def _drop_covered_unnamed(drafts: list[_Draft]) -> list[_Draft]:
    """An act with no named doer is reported once per sentence: not beside another event of the
    same PLOVER type ("two protesters were killed when officers opened fire": the shooting is
    the event, the killing its toll), and not twice."""
    out: list[_Draft] = []
    for d in drafts:
        kind = ontology.action(d.code).plover_type
        if d.source is None and any(
            ontology.action(x.code).plover_type == kind
            for x in drafts
            if x is not d and (x.source is not None or x in out)
        ):
            continue
        out.append(d)
    return out


def _self_directed(source: Actor | None, target: Actor | None) -> bool:
    """An actor acting on itself (same country, same or no sector) is no event."""
    if source is None or target is None:
        return False
    if source.country is None:
        return source.name == target.name
    return target.country == source.country and target.sector in (None, source.sector)


def _with_place_country(actor: Actor | None, place: Place) -> Actor | None:
    """'Police fired tear gas in Nairobi': police with no country named are Kenyan police."""
    if actor is None or actor.country is not None or actor.sector not in LOCAL_SECTORS:
        return actor
    return replace(actor, country=place.country, rule=actor.rule + "+country:location")


def _action_words(m: Mention) -> set[str]:
    """The words of a mention's action span ("carried out the attacks" → carried, out, attacks)."""
    span = m.spans.get("action")
    if not span:
        return set()
    text = m.sentence[span[0] - m.sentence_start : span[1] - m.sentence_start].lower()
    words = set(text.split())
    return words | {w[:-1] for w in words if w.endswith("s")}


_OTHER_CLAUSES = {"conj", "ccomp", "xcomp", "advcl", "parataxis", "relcl", "csubj"}


def _clause_tokens(head: Any) -> list[Any]:
    """The tokens of the clause headed by ``head``, without the clauses embedded or conjoined."""
    out, stack = [], [head]
    while stack:
        t = stack.pop()
        out.append(t)
        stack += [c for c in t.children if c.dep_ not in _OTHER_CLAUSES]
    return out


def _subordinate(tok: Any, heads: set[int]) -> bool:
    """A purpose or participle clause of another coded act ("fired tear gas to disperse them",
    "attacked the base, killing 12", "telephoned X to discuss Y") is part of that act; a reduced
    relative without an agent ("gunmen dressed in uniforms", "the treaty signed in 1994") is
    a description, not a report."""
    if tok.dep_ == "acl" and tok.tag_ == "VBN":
        return not any(c.dep_ == "agent" for c in tok.children)
    if tok.dep_ not in ("advcl", "xcomp", "acl") or tok.head.i not in heads:
        return False
    purpose = any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
    participle = tok.tag_ == "VBG" and not any(c.dep_ in ("nsubj", "mark") for c in tok.children)
    return purpose or participle
