"""eventwire: news articles to coded, evidence-backed political event data.

>>> import eventwire
>>> events = eventwire.code_text(text, published="2024-01-17")
"""

from eventwire.errors import EventwireError, InputError, ModelNotFoundError, StoreError
from eventwire.model import Action, Actor, Article, Event, Mention, Place, When
from eventwire.pipeline import code_article, code_articles, code_text, make_article
from eventwire.store import Store

__version__ = "0.1.0"
__all__ = [
    "Action",
    "Actor",
    "Article",
    "Event",
    "EventwireError",
    "InputError",
    "Mention",
    "ModelNotFoundError",
    "Place",
    "Store",
    "StoreError",
    "When",
    "code_article",
    "code_articles",
    "code_text",
    "make_article",
]
