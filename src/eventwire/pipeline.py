"""The one path from an article to coded mentions and events. Every front end calls these."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from eventwire import nlp
from eventwire.dedup import group_article
from eventwire.extract.actor_dictionary import actor_dictionary, user_files
from eventwire.extract.actors import ActorResolver
from eventwire.extract.events import Extractor
from eventwire.extract.learned import ModelUse
from eventwire.extract.lexicon import lexicon
from eventwire.extract.where import PlaceFinder
from eventwire.gazetteer import gazetteer
from eventwire.ingest.checks import check_date, check_length, check_unicode
from eventwire.model import Article, Event, Mention, article_id


@lru_cache(maxsize=1)
def extractor() -> Extractor:
    gaz = gazetteer()
    lex = lexicon(user_lexicon())
    off = [r.strip() for r in os.environ.get("EVENTWIRE_RULES_OFF", "").split(",") if r.strip()]
    actors = ActorResolver(lex, gaz, actor_dictionary(tuple(str(p) for p in user_files())))
    return Extractor(lex, actors, PlaceFinder(gaz), rules_off=off, model_use=ModelUse.from_env())


def user_lexicon() -> str | None:
    """A user's lexicon: EVENTWIRE_LEXICON, else the first verbs*.yaml in EVENTWIRE_DICTIONARIES."""
    if os.environ.get("EVENTWIRE_LEXICON"):
        return os.environ["EVENTWIRE_LEXICON"]
    folder = os.environ.get("EVENTWIRE_DICTIONARIES")
    found = sorted(Path(folder).glob("verbs*.yaml")) if folder else []
    return str(found[0]) if found else None


def make_article(text: str, published: dt.date | None = None, **fields: str | None) -> Article:
    """An article from a text; raises :class:`InputError` for a text over the size limit, text
    that is not valid Unicode or a date outside 1800-2199 (what the readers refuse)."""
    origin = fields.pop("origin", None) or "<text>"
    check_unicode(check_length(text, origin), origin)
    if published is not None:
        check_date(published, origin)
    aid = fields.pop("id", None) or article_id(text)
    title = fields.pop("title", None)
    return Article(
        id=aid,
        text=text,
        title=title,
        published=published,
        origin=origin,
        url=fields.get("url"),
        source=fields.get("source"),
    )


def code_article(article: Article) -> list[Mention]:
    """Code one article into mentions (one per sentence that reports an event)."""
    ex = extractor()
    lines = nlp.annotate(article.text, known_verbs=ex.lex.verb_words)
    return ex.extract(article, lines)


def code_articles(articles: Iterable[Article]) -> Iterator[tuple[Article, list[Event]]]:
    """Code a stream of articles; yields each article with its (within-article merged) events."""
    ex = extractor()
    stream = iter(articles)
    buffered: list[Article] = []

    def texts() -> Iterator[str]:
        for a in stream:
            buffered.append(a)
            yield a.text

    for lines in nlp.annotate_many(texts(), known_verbs=ex.lex.verb_words):
        article = buffered.pop(0)
        yield article, group_article(ex.extract(article, lines))


def events_of(article: Article) -> list[Event]:
    return group_article(code_article(article))


def code_text(
    text: str, published: dt.date | str | None = None, **fields: str | None
) -> list[Event]:
    """Code a text into events. ``published`` resolves relative dates ("on Tuesday")."""
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    return events_of(make_article(text, published, **fields))
