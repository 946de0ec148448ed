"""HTML pages → main text and metadata, through trafilatura.

A saved news page is mostly not the article: navigation, tickers, cookie banners, captions,
"related stories", comments. trafilatura finds the main text and reads the title, publication
date, site name and canonical URL from the page's metadata. Content no reader sees as the article
(a frame's or object's fallback, templates, form controls, scripts) is pruned before it looks.

An HTML *fragment* (a feed item's description, a page too small for trafilatura to call anything
its main text) is read by :func:`fragment_text`, which keeps every visible block but the same
pruned elements.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from eventwire.errors import InputError

# not the page's text: code, page furniture, and fallback or embedded content a reader does
# not see as the article (a frame's or object's fallback, a template, a form's controls)
SKIP = frozenset(
    {
        "script", "style", "nav", "footer", "header", "aside", "noscript", "form",
        "iframe", "frame", "frameset", "noframes", "noembed", "object", "embed", "applet",
        "template", "svg", "math", "canvas", "video", "audio", "picture", "map",
        "select", "button", "textarea", "dialog",
    }
)  # fmt: skip
# an article's own <header> and <footer> (headline, byline, dateline) stay, the page's go;
# JSON-LD metadata (a script) stays for trafilatura to read
_KEEP = {
    "header": "[not(ancestor::article)]",
    "footer": "[not(ancestor::article)]",
    "script": "[not(@type='application/ld+json')]",
}
# readers' comments and image captions, by the class or id names content systems give them
# ("comment-list", "dmm-comment", "comentarios", "disqus_thread", "img-caption"): trafilatura
# knows some of these names, not all
_FURNITURE = ("comment", "coment", "disqus", "caption")
_NAMED = " or ".join(
    f"contains(translate(@{a}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), '{w}')"
    for a in ("class", "id")
    for w in _FURNITURE
)
_PRUNE = " | ".join(
    [f"//{t}{_KEEP.get(t, '')}" for t in sorted(SKIP)]
    + [f"//*[not(self::html or self::body or self::article or self::main)][{_NAMED}]"]
)
_DATES = {"extensive_search": False, "original_date": True}

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # it logs per page; we report
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


@dataclass(frozen=True)
class Page:
    """What a page holds: its main text and what its metadata says."""

    text: str
    title: str | None = None
    published: str | None = None  # as the page states it; the caller parses and checks it
    site: str | None = None
    url: str | None = None


def read_page(html: str, origin: str = "<html>") -> Page:
    """The main text and metadata of an HTML page; a fragment's visible text when the page is
    too small to have a main text apart from its furniture."""
    import trafilatura  # imported here: 0.3 s, and only pages need it

    try:
        tree = trafilatura.load_html(html)
        if tree is not None:
            for el in tree.xpath(_PRUNE):
                el.drop_tree()  # its tail text (what follows it) stays
        found = trafilatura.bare_extraction(
            tree if tree is not None else html,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            date_extraction_params=_DATES,
        )
    except (ValueError, TypeError, AttributeError, IndexError, RecursionError) as exc:
        raise InputError(origin, f"is not HTML that can be read ({type(exc).__name__})") from exc
    doc = found if found is None or isinstance(found, dict) else found.as_dict()
    if not isinstance(doc, dict) or not str(doc.get("text") or "").strip():
        title, text, published = fragment_text(html, origin)
        return Page(text=text, title=title or None, published=published)
    return Page(
        text=_tidy(str(doc["text"])),
        title=_one_line(doc.get("title")),
        published=_one_line(doc.get("date")),
        site=_one_line(doc.get("sitename")),
        url=_one_line(doc.get("url")),
    )


def _one_line(value: object) -> str | None:
    line = re.sub(r"\s+", " ", str(value or "")).strip()
    return line or None


# a line that sends the reader to another story ("Read also: ...", "RELATED: ...", "Watch: ..."),
# which sites put between an article's paragraphs: another story's headline, not this article
_LINK_OUT = re.compile(
    r"^(read|see|watch|listen|related|recommended|more|also|further reading|don't miss|"
    r"(also|read|see|watch) (also|more|this|next|read)|more on this( story)?|related (story|stories|"
    r"article|articles|content|coverage|reading)|you may also like|next article)\s*[:|>»\-–—]",
    re.I,
)


def _tidy(text: str) -> str:
    lines = (re.sub(r"[ \t\r\f\v]+", " ", ln).strip() for ln in text.split("\n"))
    return "\n".join(ln for ln in lines if ln and not _LINK_OUT.match(ln))


class _Fragment(HTMLParser):
    BLOCK = {"p", "h1", "h2", "h3", "h4", "li", "blockquote", "title", "br", "div", "tr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title = ""
        self.published: str | None = None
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "meta" and (a.get("property") or a.get("name") or "") in (
            "article:published_time",
            "datePublished",
            "pubdate",
            "date",
        ):
            self.published = a.get("content")
        if tag in SKIP:
            self._skip += 1
        if tag == "title":
            self._in_title = True
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP and self._skip:
            self._skip -= 1
        if tag == "title":
            self._in_title = False
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self._skip:
            self.parts.append(data)

    def text(self) -> str:
        lines = (re.sub(r"\s+", " ", ln).strip() for ln in "".join(self.parts).split("\n"))
        return "\n".join(ln for ln in lines if ln)


def fragment_text(html: str, origin: str = "<html>") -> tuple[str, str, str | None]:
    """(title, text, published meta) of an HTML fragment: every visible block but SKIP's."""
    p = _Fragment()
    try:
        p.feed(html)
        p.close()
    except AssertionError as exc:  # html.parser gives up on some malformed declarations
        raise InputError(origin, f"is not HTML that can be read ({exc})") from exc
    return p.title.strip(), p.text(), p.published
