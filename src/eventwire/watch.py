"""The watcher: follow feeds, pages, feed files and folders, and store what is new.

Each cycle goes through the sources in turn. A feed's items are followed to their pages (the
page's main text is the article; the item's own text when the page cannot be had and the item
says enough); a page URL is one article; a folder is every readable file in it. What is stored
is skipped by URL before any fetch and by text (the article id) before any parsing.

A source that is down or answers garbage is logged and the others go on; its items are tried
again next cycle. An item is marked done in the same transaction that stores its article, so a
watcher killed at any moment and started again neither repeats nor loses an item. A feed's
validators (ETag, Last-Modified) are kept only when all its items were done, so an item left
pending is not hidden behind a "304 Not Modified" later.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from eventwire.errors import EventwireError, InputError
from eventwire.fetch import Fetcher, FetchError
from eventwire.ingest import iter_inputs
from eventwire.ingest.checks import MAX_MARKUP_BYTES, check_size, decode, parse_date
from eventwire.ingest.feeds import FeedItem, parse_feed
from eventwire.ingest.pages import read_page
from eventwire.ingest.readers import READERS, checked_article, feed_article
from eventwire.model import Article, Event
from eventwire.pipeline import code_articles
from eventwire.store import Store

# a feed item's own text stands in for its page only when it says this much
MIN_ITEM_CHARS = 200
_FEED_START = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(rss|feed|rdf:RDF)\b", re.S)


@dataclass
class CycleReport:
    """What one cycle did."""

    n: int
    sources: int = 0
    down: list[str] = field(default_factory=list)
    unchanged: int = 0
    new_items: int = 0
    skipped: int = 0  # done before, or stored already (same URL or text)
    pending: int = 0  # to try again next cycle
    refused: int = 0  # not articles (logged)
    stored: int = 0
    events: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        down = f" ({len(self.down)} down: {', '.join(self.down)})" if self.down else ""
        return (
            f"cycle {self.n}: {self.sources} sources{down}, {self.unchanged} unchanged; "
            f"{self.new_items} new items: {self.stored} articles stored with {self.events} events, "
            f"{self.refused} refused, {self.pending} pending; {self.skipped} already done; "
            f"{self.seconds:.1f} s"
        )


@dataclass(frozen=True)
class _Item:
    key: str
    article: Article | None  # None with no error and not stored: try again next cycle
    error: InputError | None = None  # not an article: logged, marked done
    stored: bool = False  # an article with its URL is stored already: marked done


def is_url(s: str) -> bool:
    return s.startswith(("http://", "https://"))


def looks_like_feed(body: bytes, content_type: str = "") -> bool:
    ct = content_type.lower()
    if any(t in ct for t in ("rss", "atom", "rdf")):
        return True
    return bool(_FEED_START.match(body[:2000]))


def item_key(item: FeedItem) -> str:
    """A feed item's identity: its guid, else its link, else a hash of its title and body."""
    if item.guid:
        return item.guid
    if item.link:
        return item.link
    return "sha:" + hashlib.sha256(f"{item.title}\n{item.body}".encode()).hexdigest()[:16]


class Watcher:
    """Watches ``sources`` into ``store``; see the module's text."""

    def __init__(
        self,
        store: Store,
        sources: Sequence[str],
        fetcher: Fetcher | None = None,
        log: Callable[[str], None] = print,
        published: dt.date | None = None,
        batch_size: int = 16,
    ) -> None:
        self.store = store
        self.sources = list(sources)
        self.fetcher = fetcher or Fetcher()
        self.log = log
        self.published = published
        self.batch_size = batch_size
        self.cycles = 0

    # -- a cycle ---------------------------------------------------------------------------------
    def cycle(self) -> CycleReport:
        self.cycles += 1
        rep = CycleReport(self.cycles)
        t0 = time.perf_counter()
        for src in self._expand(rep):
            rep.sources += 1
            try:
                self._source(src, rep)
            except InputError as exc:
                rep.down.append(src)
                self.log(f"source {exc}")
                self.store.set_source_state(src, ok=False, error=str(exc), keep_validators=True)
        rep.seconds = time.perf_counter() - t0
        self.log(rep.line())
        return rep

    def run(
        self,
        every: float,
        cycles: int | None = None,
        after: Callable[[CycleReport], None] | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        """Cycle every ``every`` seconds (from the start of one cycle to the next), ``cycles``
        times or until interrupted; ``after`` runs after each cycle (alerts, a webhook)."""
        n = 0
        while cycles is None or n < cycles:
            start = time.monotonic()
            rep = self.cycle()
            if after is not None:
                try:
                    after(rep)
                except EventwireError as exc:
                    self.log(f"after cycle {rep.n}: {exc}")
            n += 1
            if cycles is not None and n >= cycles:
                return
            self.store.release()
            sleep(max(0.0, every - (time.monotonic() - start)))

    def _expand(self, rep: CycleReport) -> Iterator[str]:
        for s in self.sources:
            p = Path(s)
            if is_url(s) or p.is_file():
                yield s
            elif p.is_dir():
                for f in sorted(p.rglob("*")):
                    if f.is_file() and f.suffix.lower() in READERS and ".expected" not in f.name:
                        yield str(f)
            else:
                rep.down.append(s)
                self.log(f"source {s}: no such file, folder or URL")

    # -- one source ------------------------------------------------------------------------------
    def _source(self, src: str, rep: CycleReport) -> None:
        validators: tuple[str | None, str | None] = (None, None)
        if is_url(src):
            etag, modified = self.store.source_state(src)
            got = self.fetcher.get(src, etag, modified)
            if got.status == 304:
                rep.unchanged += 1
                self.store.set_source_state(src, ok=True, keep_validators=True)
                return
            validators = (got.etag, got.last_modified)
            if looks_like_feed(got.body, got.content_type):
                items = self._feed(src, parse_feed(got.body, src), rep)
            else:
                items = iter([_Item(got.url, self._page(got.body, got.url, src))])
        else:
            items = self._file(src, rep)
        pending = self._store_items(src, items, rep)
        self.store.set_source_state(
            src, ok=True, etag=validators[0], last_modified=validators[1], keep_validators=pending
        )

    def _file(self, path: str, rep: CycleReport) -> Iterator[_Item]:
        p = Path(path)
        suffix = p.suffix.lower()
        if suffix in (".xml", ".rss", ".atom", ".html", ".htm"):
            check_size(p.stat().st_size, MAX_MARKUP_BYTES, path)
            data = p.read_bytes()
            if suffix in (".html", ".htm"):
                yield _Item(f"{path}@{p.stat().st_mtime_ns}", self._page(data, None, path))
                return
            yield from self._feed(path, parse_feed(data, path), rep)
            return
        for a in iter_inputs([path], self.published):  # text and JSON lines
            if isinstance(a, InputError):
                yield _Item(f"err:{a.origin}", None, a)
            else:
                yield _Item(a.id, a)

    def _feed(self, src: str, entries: list[FeedItem], rep: CycleReport) -> Iterator[_Item]:
        seen = self.store.seen_items(src)
        keyed = [(item_key(e), e) for e in entries]
        fresh = [(k, e) for k, e in keyed if k not in seen]
        rep.skipped += len(keyed) - len(fresh)
        stored = self.store.known_urls(e.link for _, e in fresh if e.link)
        for key, e in fresh:
            origin = f"{src}#item{e.n}"
            if e.link and e.link in stored:
                yield _Item(key, None, stored=True)
                continue
            if e.link and is_url(e.link):
                try:
                    got = self.fetcher.get(e.link)
                    yield _Item(key, self._page(got.body, got.url, e.link, item=e))
                    continue
                except FetchError as exc:
                    body = feed_article(e, origin, self.published)
                    if isinstance(body, Article) and len(body.text) >= MIN_ITEM_CHARS:
                        yield _Item(key, _with_url(body, e.link))  # the item's own text
                    elif exc.transient:
                        self.log(f"item {exc}; tried again next cycle")
                        yield _Item(key, None)
                    else:
                        yield _Item(key, None, exc)
                    continue
            a = feed_article(e, origin, self.published)
            yield _Item(key, a, None) if isinstance(a, Article) else _Item(key, None, a)

    def _page(
        self, data: bytes, url: str | None, origin: str, item: FeedItem | None = None
    ) -> Article:
        page = read_page(decode(data, origin), origin)
        day = parse_date(page.published, origin) if page.published else None
        if day is None and item is not None:
            day = item.date or parse_date(item.date_text, origin)
        title = page.title or (item.title if item else None)
        text = page.text
        if title and not text.startswith(title):
            text = f"{title}\n{text}"
        a = checked_article(
            text, origin, day or self.published, title=title, url=url or page.url, source=page.site
        )
        if isinstance(a, InputError):
            raise a
        return a

    # -- storing ---------------------------------------------------------------------------------
    def _store_items(self, src: str, items: Iterable[_Item], rep: CycleReport) -> bool:
        """Code and store the items a batch at a time; True if some were left pending."""
        pending = False
        batch: list[_Item] = []

        def flush() -> None:
            done = [i for i in batch if i.article is not None]
            known = self.store.known_articles(i.article.id for i in done if i.article)
            marks: list[tuple[str, str, str | None]] = []
            fresh: list[Article] = []
            for i in done:
                assert i.article is not None
                if i.article.id in known or i.article.id in {a.id for a in fresh}:
                    rep.skipped += 1  # the same text is stored already
                    rep.new_items -= 1
                else:
                    fresh.append(i.article)
                marks.append((src, i.key, i.article.id))
            coded: list[tuple[Article, list[Event]]] = list(code_articles(fresh))
            self.store.add(coded, items=marks)
            rep.stored += len(coded)
            rep.events += sum(len(ev) for _, ev in coded)
            batch.clear()

        for it in items:
            if it.stored:
                rep.skipped += 1
                self.store.mark_items([(src, it.key, None)])
                continue
            rep.new_items += 1
            if it.article is None:
                if it.error is None:
                    rep.pending += 1
                    pending = True
                    continue
                rep.refused += 1
                self.log(f"item {it.error}")
                if not it.key.startswith("err:"):
                    self.store.mark_items([(src, it.key, None)])
                continue
            batch.append(it)
            if len(batch) >= self.batch_size:
                flush()
        if batch:
            flush()
        return pending


def _with_url(a: Article, url: str) -> Article:
    from dataclasses import replace

    return replace(a, url=url)


def parse_every(value: str) -> float:
    """Seconds in "90", "90s", "5m", "2h" or "1d"."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", value.lower())
    if not m:
        raise EventwireError(f"--every {value!r}: give a number of seconds or 30s, 5m, 2h, 1d")
    n = float(m.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[m.group(2)]
    if n <= 0:
        raise EventwireError(f"--every {value!r}: give a positive interval")
    return n
