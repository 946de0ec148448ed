"""From parsed lines to coded mentions: one article, its sentences in reading order, each passing
one way through the stages (see ``extract.state``):

1. ``predicates``: candidate predicates and their modality;
2. ``arguments``: source and target of each asserted predicate;
3. ``derived``: registered rules (promises, threats, refusals, demands, obligations, sibling
   targets, victims' claims), each switchable off by name;
4. ``prune``: drafts that report no act of their own;
5. ``refine`` + ``assemble``: code refinements, then place, date, toll and spans;
6. ``noun_events``: events named by a noun that is the subject of a casualty verb;
7. ``learned``: the sentence classifier's veto and fill, when switched on.

Every mention records the rule that coded it: the lexicon entry, plus the refinements and derived
rules applied ("+instrument:drones", "+target:location", "threat:warn+mirror+...").
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable

from eventwire import nlp
from eventwire.extract import derived, learned, predicates, prune
from eventwire.extract.actors import ActorResolver
from eventwire.extract.arguments import draft
from eventwire.extract.assemble import assemble
from eventwire.extract.clauses import child
from eventwire.extract.dateline import find_dateline
from eventwire.extract.lexicon import Lexicon
from eventwire.extract.lookups import Kit
from eventwire.extract.noun_events import noun_events
from eventwire.extract.refine import REFINEMENTS
from eventwire.extract.state import ArticleState, SentenceState
from eventwire.extract.when import date_headline, is_headline
from eventwire.extract.where import PlaceFinder
from eventwire.model import Article, Mention
from eventwire.nlp import Line


def rule_names() -> list[str]:
    """Every rule that can be switched off: derived-event rules and code refinements."""
    return [*derived.RULES, *REFINEMENTS]


class Extractor:
    def __init__(
        self,
        lex: Lexicon,
        actors: ActorResolver,
        places: PlaceFinder,
        rules_off: Iterable[str] = (),
        model_use: learned.ModelUse | None = None,
    ) -> None:
        self.lex, self.actors, self.places = lex, actors, places
        self.kit = Kit(lex, actors, places)
        self.rules_off = frozenset(rules_off)
        self.model_use = model_use or learned.ModelUse()
        self.model_name = nlp.classifier_name() if self.model_use.active else ""
        unknown = sorted(self.rules_off - set(rule_names()))
        if unknown:
            raise ValueError(
                f"unknown rule(s) to switch off: {', '.join(unknown)}; "
                f"known: {', '.join(rule_names())}"
            )

    # -- article -----------------------------------------------------------------------------------
    def extract(self, article: Article, lines: Iterable[Line]) -> list[Mention]:
        ast = ArticleState(article)
        ast.ctx.day = article.published
        ast.dateline = find_dateline(article.text, self.places.gaz)
        ast.ctx.home = ast.dateline.country if ast.dateline is not None else None
        lines = list(lines)
        self._index_countries(lines, ast)
        scores = iter(self._scores(lines))
        for line in lines:
            self._line_speaker(line, ast)
            for sent in line.doc.sents:
                sst = SentenceState(line, sent, scores=next(scores))
                self.sentence(ast, sst)
                ast.mentions += sst.mentions
        first = lines[0].doc if lines and lines[0].number == 1 else None
        headline = first is not None and len(lines) > 1 and is_headline(first, nlp.HEADLINE_TOKENS)
        return date_headline(ast.mentions, headline)

    def _scores(self, lines: list[Line]) -> list[dict[str, float]]:
        texts = [s.text for line in lines for s in line.doc.sents]
        return nlp.classify(texts) if self.model_use.active else [{} for _ in texts]

    def _index_countries(self, lines: list[Line], ast: ArticleState) -> None:
        """Every country name, demonym or capital in the article, by position ("the country")."""
        ctx = ast.ctx
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

    def _line_speaker(self, line: Line, ast: ArticleState) -> None:
        for t in line.doc:
            if t.lemma_.lower() in self.lex.reporting:
                subj = child(t, "nsubj")
                if subj is not None and subj.pos_ != "PRON":
                    a = self.kit.resolve(subj, ast.ctx, line)
                    if a is not None:
                        ast.ctx.speakers[line.number] = a
                        return

    # -- sentence: the stages, in order --------------------------------------------------------------
    def sentence(self, ast: ArticleState, sst: SentenceState) -> None:
        kit, off = self.kit, self.rules_off
        predicates.find(kit, sst)
        for c in sst.candidates:
            if predicates.route(c) == predicates.ASSERTED:
                d = draft(kit, c.pred, ast, sst)
                if d is not None:
                    d.order = c.order
                    sst.drafts.append(d)
        derived.run("modal", kit, ast, sst, off)
        prune.overlapping(sst)
        prune.conjoined_toll(kit, sst)
        prune.cumulative_toll(kit, sst)
        prune.commercial_force(kit, sst)
        prune.business_among_themselves(kit, sst)
        prune.sport(kit, ast, sst)
        prune.fiction(kit, sst)
        prune.private_symbolic(sst)
        derived.run("sentence", kit, ast, sst, off)
        derived.run("targets", kit, ast, sst, off)
        prune.untargeted(kit, sst)
        derived.run("claims", kit, ast, sst, off)
        assemble(kit, ast, sst, off)
        noun_events(kit, ast, sst)
        if self.model_use.active:
            learned.veto(self.model_use, sst)
            learned.fill(kit, self.model_use, ast, sst, self.model_name)
        self._remember_subjects(ast, sst)

    def _remember_subjects(self, ast: ArticleState, sst: SentenceState) -> None:
        """Who spoke in this sentence, for pronouns in the next ones."""
        for t in sst.sent:
            if (
                t.dep_ == "nsubj"
                and t.pos_ != "PRON"
                and t.head.lemma_.lower() in self.lex.reporting
            ):
                a = self.kit.resolve(t, ast.ctx, sst.line)
                if a is not None:
                    ast.ctx.subjects.append((sst.line.start + t.idx, a))
        # kept in text order: what earlier sentences added is in order, so only this one's is sorted
        subjects = ast.ctx.subjects
        k = bisect_left(subjects, sst.line.start + sst.sent.start_char, key=lambda x: x[0])
        subjects[k:] = sorted(subjects[k:], key=lambda x: x[0])
