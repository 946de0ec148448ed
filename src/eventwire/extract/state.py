"""What the extraction stages read and write: one state object per article, one per sentence.

An article's sentences pass one way through the stages of ``extract.events``:

    predicates ─► arguments ─► derived events ─► pruning ─► refinement + assembly ─► noun events
    (SentenceState.candidates) (.drafts)         (.drafts)   (.mentions)              (.mentions)

Each stage reads the fields named in its docstring and sets its own; none calls back into an
earlier stage. What later sentences need from earlier ones (countries named, who spoke, the
mentions already coded, the last full date) lives in ``ArticleState``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from eventwire.extract.actors import ArticleContext
from eventwire.extract.clauses import Predicate
from eventwire.model import Actor, Article, Mention, Place
from eventwire.nlp import Line


@dataclass
class ArticleState:
    """Everything about the article so far, shared by its sentences in reading order."""

    article: Article
    ctx: ArticleContext = field(default_factory=ArticleContext)
    mentions: list[Mention] = field(default_factory=list)  # coded in earlier sentences
    last_date: str | None = None  # the last full date a sentence gave ("on 3 May")
    sport_words: int | None = None  # distinct sport words in the whole article (prune.sport)
    dateline: Place | None = None  # where the story was filed ("KYIV, Ukraine (AP) —")


@dataclass
class Draft:
    """One event in the making: a predicate with its arguments and code, not yet assembled."""

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
    order: int = 0  # the position of its predicate in the sentence's candidate list


@dataclass
class Candidate:
    """A predicate the lexicon found, with its modality ("asserted", "future", "refusal" ...)."""

    order: int
    pred: Predicate
    status: str


@dataclass
class SentenceState:
    """One sentence on its way through the stages."""

    line: Line
    sent: Any
    preds: list[Predicate] = field(default_factory=list)  # every predicate found
    candidates: list[Candidate] = field(default_factory=list)  # those left after merging
    drafts: list[Draft] = field(default_factory=list)
    governors: set[int] = field(default_factory=set)  # verbs whose act a derived event replaced
    mentions: list[Mention] = field(default_factory=list)
    scores: dict[str, float] = field(default_factory=dict)  # the sentence classifier's, if used

    @property
    def offset(self) -> int:
        return int(self.line.start)

    @property
    def number(self) -> int:
        return int(self.line.number)
