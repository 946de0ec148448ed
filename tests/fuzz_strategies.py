"""Shared generators, checks and measurements for the fuzz tests (tests/test_fuzz.py,
tests/test_api_fuzz.py) and the campaign script (tools/fuzz_report.py).

Everything here is offline: the API helpers start ``eventwire serve`` on 127.0.0.1 and send
requests only there (with proxies from the environment ignored).

Inputs carry compact reprs (runs of repeated bytes are folded into ``b'[' * 5000``), so a
falsifying example printed by Hypothesis or the report is a short Python expression that
rebuilds the exact input.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import html
import json
import math
import os
import random
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
T = TypeVar("T")

# --------------------------------------------------------------------------------------------
# settings: one profile; EVENTWIRE_FUZZ_EXAMPLES scales every test's example count
# --------------------------------------------------------------------------------------------

DEFAULT_EXAMPLES = 100
PROFILE = "eventwire-fuzz"


def fuzz_examples() -> int:
    """EVENTWIRE_FUZZ_EXAMPLES: examples for a reader test (default 100); the other tests get
    the same share of their own default (the coder and API tests are slower per example)."""
    raw = os.environ.get("EVENTWIRE_FUZZ_EXAMPLES", "")
    try:
        n = int(raw)
    except ValueError:
        return DEFAULT_EXAMPLES
    return n if n > 0 else DEFAULT_EXAMPLES


def scale() -> float:
    return fuzz_examples() / DEFAULT_EXAMPLES


def scaled(base: int) -> int:
    """``base`` examples at the default scale, scaled by EVENTWIRE_FUZZ_EXAMPLES."""
    return max(1, math.ceil(base * scale()))


settings.register_profile(
    PROFILE,
    max_examples=fuzz_examples(),
    deadline=None,
    derandomize=True,  # the same examples on every run: reproducible, no example database
    database=None,
    suppress_health_check=list(HealthCheck),
    print_blob=False,
)


def fuzz_settings(base: int, **overrides: Any) -> settings:
    """The fuzz profile with ``base`` examples (scaled) and any other setting overridden."""
    return settings(settings.get_profile(PROFILE), max_examples=scaled(base), **overrides)


@functools.cache
def pick(options: Sequence[Any]) -> st.SearchStrategy[Any]:
    """``st.sampled_from``, one strategy object per distinct options (Hypothesis validates each
    new strategy object, which costs more than the draw inside a composite)."""
    return st.sampled_from(options)


@functools.cache
def either(*strategies: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """``st.one_of``, cached like :func:`pick`."""
    return st.one_of(*strategies)


def _plus(n: int) -> str:
    return f"+{n}"


# --------------------------------------------------------------------------------------------
# compact, evaluable reprs
# --------------------------------------------------------------------------------------------

_MIN_RUN = 48  # characters a run must cover before it is folded
_RUN_STR = re.compile(r"(.{1,64}?)\1{2,}", re.S)
_RUN_BYTES = re.compile(rb"(.{1,64}?)\1{2,}", re.S)


def compact_expr(data: bytes | str) -> str:
    """A Python expression that evaluates to ``data``, runs of a repeated unit folded
    (``b'[' * 5000``)."""
    runs = _RUN_BYTES.finditer(data) if isinstance(data, bytes) else _RUN_STR.finditer(data)
    pieces: list[str] = []
    pos = 0
    for m in runs:
        if m.end() - m.start() < _MIN_RUN:
            continue
        unit = m.group(1)
        if pos < m.start():
            pieces.append(repr(data[pos : m.start()]))
        pieces.append(f"{unit!r} * {(m.end() - m.start()) // len(unit)}")
        pos = m.end()
    if pos < len(data) or not pieces:
        pieces.append(repr(data[pos:]))
    return " + ".join(pieces)


class FuzzBytes(bytes):
    """Bytes whose repr is a short expression that rebuilds them (see :func:`compact_expr`)."""

    def __repr__(self) -> str:
        return compact_expr(bytes(self))

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        p.text(repr(self))


class FuzzStr(str):
    """A str whose repr is a short expression that rebuilds it."""

    def __repr__(self) -> str:
        return compact_expr(str(self))

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        p.text(repr(self))


# --------------------------------------------------------------------------------------------
# English-like news text
# --------------------------------------------------------------------------------------------

COUNTRIES = (
    "Iran", "Pakistan", "France", "Kenya", "Russia", "Ukraine", "China", "Taiwan", "Israel",
    "Sudan", "Chad", "Niger", "Peru", "Mexico", "Brazil", "India", "Japan", "Germany", "Turkey",
    "Egypt", "Somalia", "Ethiopia", "Myanmar", "Venezuela", "Colombia", "Nigeria", "Syria",
    "Iraq", "Afghanistan", "the United States", "Britain", "South Korea", "North Korea",
    "Saudi Arabia", "Armenia", "Azerbaijan", "the Philippines",
)  # fmt: skip
ACTORS = (
    "police", "the army", "troops", "soldiers", "protesters", "rebels", "the government",
    "the president", "the prime minister", "the foreign minister", "officials", "militants",
    "the opposition", "students", "journalists", "the United Nations", "NATO",
    "the European Union", "a court", "activists", "Hamas", "the Taliban", "Iranian forces",
    "Kenyan police", "Russian troops", "Chinese officials", "French President Emmanuel Macron",
)  # fmt: skip
VERBS = (
    "attacked", "arrested", "condemned", "met", "protested", "signed", "accused", "killed",
    "visited", "threatened", "praised", "sanctioned", "expelled", "criticized", "bombed",
    "negotiated with", "detained", "released", "demanded", "rejected", "welcomed", "urged",
    "warned", "hosted", "recalled", "deployed", "shelled", "invaded", "agreed with", "said",
    "met with", "protested against", "fired on", "called for", "denied",
)  # fmt: skip
FUNCTION_WORDS = (
    "the", "of", "and", "to", "in", "on", "a", "with", "said", "that", "by", "against", "for",
    "at", "from", "after", "over", "near", "its", "their", "was", "were", "has", "had",
)  # fmt: skip
OTHER_WORDS = (
    "Monday", "Tuesday", "Friday", "yesterday", "on Sunday", "talks", "a ceasefire", "the border",
    "the capital", "an ambassador", "sanctions", "aid", "an agreement", "the election", "a strike",
    "a village", "two", "12", "dozens", "hundreds", "Tehran", "Kabul", "Nairobi", "Kyiv",
    "Moscow", "Beijing", "Paris", "Khartoum", "Gaza", "near the border", "in the capital",
    "on Monday", "last week", "civilians", "diplomats", "hostages", "weapons", "an airstrike",
    "tomorrow", "two days ago", "last year", "next month", "earlier this week", "in 2023",
    "on Friday night", "on March 3",
)  # fmt: skip
PARTIES = COUNTRIES + ACTORS
VOCAB = COUNTRIES + ACTORS + VERBS + FUNCTION_WORDS + OTHER_WORDS
LAYOUTS = {"spaces": " ", "newlines": "\n", "paragraphs": "\n\n"}


@dataclass(frozen=True)
class TextSpec:
    """English-like news text: ``sentences`` (tuples of vocabulary words) form a block; the
    block is written ``repeat`` times, joined by the ``layout`` separator. With ``punct`` each
    sentence is capitalised and ends with its terminator; without it there is no punctuation."""

    sentences: tuple[tuple[str, ...], ...]
    punct: bool = True
    terminators: tuple[str, ...] = (".",)
    layout: str = "spaces"
    repeat: int = 1

    def block(self) -> str:
        out = []
        for i, words in enumerate(self.sentences):
            s = " ".join(words)
            if self.punct:
                s = s[:1].upper() + s[1:] + self.terminators[i % len(self.terminators)]
            out.append(s)
        return " ".join(out)

    def render(self) -> str:
        return LAYOUTS[self.layout].join([self.block()] * self.repeat)

    def expr(self) -> str:
        """A Python expression for the rendered text."""
        return f"{LAYOUTS[self.layout]!r}.join([{self.block()!r}] * {self.repeat})"

    def words(self) -> int:
        return len(self.block().split()) * self.repeat


@functools.cache
def sentences() -> st.SearchStrategy[tuple[str, ...]]:
    """A clause (party, verb, party, extras) or a bag of vocabulary words."""
    clause = st.tuples(
        pick(PARTIES),
        pick(VERBS),
        pick(PARTIES),
        st.lists(pick(VOCAB), max_size=8),
    ).map(lambda t: (t[0], t[1], t[2], *t[3]))
    bag = st.lists(pick(VOCAB), min_size=1, max_size=20).map(tuple)
    return either(clause, bag)


@functools.cache
@st.composite
def news_texts(draw: st.DrawFn, max_words: int = 3600) -> TextSpec:
    """English-like text; two in three are long runs of ``max_words // 8`` to ``max_words``
    words, with or without punctuation and line breaks."""
    sents = tuple(draw(st.lists(sentences(), min_size=1, max_size=6)))
    punct = draw(st.booleans())
    terms = tuple(draw(st.lists(pick((".", ".", "!", "?", ";", ",", ":")), min_size=1, max_size=3)))  # fmt: skip
    layout = draw(pick(tuple(LAYOUTS)))
    per_block = max(1, len(TextSpec(sents, punct, terms).block().split()))
    if draw(st.integers(0, 2)):
        target = draw(st.integers(min(max_words, max(1, max_words // 8)), max_words))
        repeat = max(1, target // per_block)
    else:
        repeat = draw(st.integers(1, 3))
    return TextSpec(sents, punct, terms if punct else (".",), layout, repeat)


def _salad(seed: int, n: int, punct: bool) -> str:
    rnd = random.Random(seed)
    words = [rnd.choice(VOCAB) for _ in range(n)]
    if not punct:
        return " ".join(words)
    out, start = [], 0
    while start < n:
        end = min(n, start + rnd.randint(4, 16))
        s = " ".join(words[start:end])
        out.append(s[:1].upper() + s[1:] + rnd.choice(".!?."))
        start = end
    return " ".join(out)


@functools.cache
def short_news(max_words: int = 120) -> st.SearchStrategy[str]:
    """Short English-like text, with or without punctuation (for readers and POSTed articles:
    one seed a text, so it is cheap to generate)."""
    return st.builds(
        _salad, st.integers(0, 2**32), st.integers(1, max(1, max_words)), st.booleans()
    )


TIME_PHRASES = (
    "yesterday", "today", "tomorrow", "on Monday", "on Sunday", "last week", "next week",
    "last month", "next month", "last year", "next year", "two days ago", "in two days",
    "earlier this week", "on March 3", "on December 31", "on January 1", "in 2023",
    "this morning", "on Friday night", "a year ago", "last December",
)  # fmt: skip


def _dated_sentence(a: str, verb: str, b: str, when: str) -> str:
    s = f"{a} {verb} {b} {when}."
    return s[:1].upper() + s[1:]


@functools.cache
def dated_news() -> st.SearchStrategy[str]:
    """One to three clauses with a relative date each ("Police arrested rebels yesterday.")."""
    sentence = st.builds(_dated_sentence, pick(PARTIES), pick(VERBS), pick(PARTIES), pick(TIME_PHRASES))  # fmt: skip
    return st.lists(sentence, min_size=1, max_size=3).map(" ".join)


@functools.cache
def any_dates() -> st.SearchStrategy[dt.date]:
    """Any date; the first and last representable days and their neighbours often."""
    day = dt.timedelta(days=1)
    edges = (dt.date.min, dt.date.min + day, dt.date(1, 1, 8), dt.date.max, dt.date.max - day, dt.date(9999, 12, 24))  # fmt: skip
    return either(
        st.dates(),
        pick(edges),
        st.dates(dt.date.min, dt.date(1, 3, 1)),
        st.dates(dt.date(9999, 10, 1), dt.date.max),
    )


# --------------------------------------------------------------------------------------------
# odd text, dates, JSON values
# --------------------------------------------------------------------------------------------

HIDDEN_TAGS = ("script", "style", "iframe", "object", "template", "noscript")
MARKER = "QZX"  # starts every hidden-text marker; no generated visible text contains "Q"


def marker_tag(marker: str) -> str:
    return marker[len(MARKER) :].rstrip("0123456789")


@functools.cache
def markers(tag: str) -> st.SearchStrategy[str]:
    return st.integers(0, 99).map(lambda k: f"{MARKER}{tag}{k}")


@functools.cache
def odd_text(max_size: int = 60, xml_safe: bool = False) -> st.SearchStrategy[str]:
    """Any unicode text without "Q" (markers start with it) and, for XML, without the code
    points XML 1.0 cannot carry."""
    chars: st.SearchStrategy[str]
    if xml_safe:
        chars = either(
            st.characters(
                exclude_categories=("Cs", "Cc", "Co"), exclude_characters="Q\ufffe\uffff"
            ),
            pick(tuple("\n\t ")),
        )
    else:
        chars = st.characters(exclude_categories=["Cs"], exclude_characters="Q\x00")
    return st.text(chars, max_size=max_size)


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


_NUMBER_TIERS = ((0, 99),) * 6 + ((0, 10_000), (2**31 - 2, 2**31 + 2), (2**63 - 2, 2**63 + 2), (0, 10**30))  # fmt: skip


@functools.cache
@st.composite
def _big_or_small(draw: st.DrawFn) -> int:
    """Mostly small numbers; sometimes numbers at the C int and long limits, or huge."""
    lo, hi = _NUMBER_TIERS[draw(st.integers(0, len(_NUMBER_TIERS) - 1))]
    return int(draw(st.integers(lo, hi)))


@functools.cache
@st.composite
def rfc2822_dates(draw: st.DrawFn) -> str:
    """RFC 2822 dates as feeds write them, fields sometimes out of range or huge."""
    day = draw(either(pick(DAYS), st.just("")))
    mday, year, hh, mm, ss = (draw(_big_or_small()) for _ in range(5))
    tz = draw(either(pick(("+0000", "GMT", "-0500", "EST", "+9999", "")), _big_or_small().map(_plus)))  # fmt: skip
    mon = draw(pick(MONTHS + ("Foo",)))
    out = f"{day + ', ' if day else ''}{mday} {mon} {year} {hh:02}:{mm:02}:{ss:02} {tz}"
    return out.strip()


@functools.cache
def date_strings() -> st.SearchStrategy[str]:
    """Good and bad dates: ISO dates and datetimes, RFC 2822 dates, near-misses and junk."""
    return either(
        st.dates().map(dt.date.isoformat),
        st.datetimes(timezones=either(st.none(), st.just(dt.UTC))).map(dt.datetime.isoformat),
        rfc2822_dates(),
        pick(
            (
                "",
                " ",
                "next week",
                "2024-13-45",
                "2024-02-30",
                "0000-00-00",
                "yesterday",
                "2024-05-06T25:61:00",
                "-1",
                "1e9",
                "9999-12-31",
                "0001-01-01",
                "2024",
                "20240506",
                "2024-W19-1",
                "Mon, 32 Foo 2024",
                "NaN",
                "\u0662\u0660\u0662\u0664-05-06",
            )
        ),  # fmt: skip
        odd_text(24),
    )


json_scalars = either(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(-(10**300), 10**300),
    st.floats(allow_nan=True, allow_infinity=True),
    odd_text(40),
)
json_values = st.recursive(
    json_scalars,
    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(odd_text(8), kids, max_size=4),
    max_leaves=12,
)


@functools.cache
def _near_max_chars() -> st.SearchStrategy[str]:
    """English text of about MAX_CHARS characters (just under, at, or just over)."""
    from eventwire.ingest.checks import MAX_CHARS

    unit = "Kenya and Uganda signed a trade agreement in Kampala. "
    return st.integers(-2, 2).map(
        lambda d: FuzzStr((unit * (MAX_CHARS // len(unit) + 1))[: MAX_CHARS + d])
    )


@functools.cache
def text_values() -> st.SearchStrategy[object]:
    return either(short_news(80), odd_text(200), json_values, _near_max_chars())


# --------------------------------------------------------------------------------------------
# reader inputs
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReaderInput:
    """Bytes for a reader; ``hidden`` are markers written inside script/style/iframe/object/
    template/noscript elements, which must never appear in an article's text."""

    data: FuzzBytes
    hidden: tuple[str, ...] = ()
    published: dt.date | None = None


@functools.cache
def published_args() -> st.SearchStrategy[dt.date | None]:
    return either(st.none(), st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)))


ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "latin-1", "cp1252", "shift_jis", "koi8-r")  # fmt: skip


@st.composite
def mutated(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` truncated, spliced, with bytes deleted, replaced or repeated."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        op = draw(pick(("truncate", "insert", "delete", "replace", "repeat")))
        i = draw(st.integers(0, len(out)))
        if op == "truncate":
            del out[i:]
        elif op == "insert":
            out[i:i] = draw(either(st.binary(min_size=1, max_size=8), pick((b"<", b"&", b"]]>", b"\x00", b"\xff", b"\n", b'"', b"<!--", b"<![CDATA["))))  # fmt: skip
        elif op == "delete":
            del out[i : i + draw(st.integers(1, 16))]
        elif op == "replace" and i < len(out):
            out[i] = draw(st.integers(0, 255))
        elif op == "repeat":
            j = draw(st.integers(i, min(len(out), i + 32)))
            out[i:i] = out[i:j] * draw(st.integers(1, 500))
    return bytes(out)


@functools.cache
@st.composite
def raw_inputs(draw: st.DrawFn) -> ReaderInput:
    """Random bytes, random unicode in many encodings, and English text in many encodings,
    some of it mutated."""
    kind = draw(pick(("bytes", "unicode", "english")))
    if kind == "bytes":
        data = draw(st.binary(max_size=2048))
    else:
        text = draw(odd_text(400) if kind == "unicode" else short_news(200))
        data = text.encode(draw(pick(ENCODINGS)), errors="replace")
    if data and draw(st.integers(0, 3)) == 0:
        data = draw(mutated(data))
    return ReaderInput(FuzzBytes(data), published=draw(published_args()))


# --- JSON lines ---


def nested_json(depth: int, opener: str) -> str:
    closer = {"[": "]", "{": "}", '{"a": ': "}", '[{"a": ': "}]", '{"text": ': "}"}[opener]
    return opener * depth + ("1" if opener.endswith(": ") else "") + closer * depth


@functools.cache
def nesting_depths() -> st.SearchStrategy[int]:
    return either(st.integers(1, 64), st.integers(500, 3000), st.integers(3000, 200_000))


@functools.cache
def jsonl_objects() -> st.SearchStrategy[dict[str, object]]:
    """Article objects for JSON lines: every field optional, of any type."""
    return st.fixed_dictionaries(
        {},
        optional={
            "text": text_values(),
            "title": either(short_news(12), json_values),
            "published": either(date_strings(), json_values),
            "id": json_values,
            "url": json_values,
            "source": json_values,
        },
    )


INVALID_JSON = ("{'text': 'single quotes'}", '{"text": "x",}', "{", "[", '"', "NaN", "-", "1e99999", '{"text": "\\ud800"}', '{"text": "a\\u0000b"}')  # fmt: skip


@functools.cache
@st.composite
def jsonl_lines(draw: st.DrawFn) -> str:
    kind = draw(pick(("article", "article", "article", "value", "nested", "huge_number", "invalid", "blank")))  # fmt: skip
    if kind == "article":
        obj: dict[str, object] = draw(jsonl_objects())
        obj.update(draw(st.dictionaries(odd_text(10), json_values, max_size=2)))
        return json.dumps(obj, ensure_ascii=draw(st.booleans()), allow_nan=True)
    if kind == "value":
        return json.dumps(draw(json_values), ensure_ascii=draw(st.booleans()), allow_nan=True)
    if kind == "nested":
        opener = draw(pick(("[", "{", '{"a": ', '[{"a": ', '{"text": ')))
        deep = nested_json(draw(nesting_depths()), opener)
        if draw(st.booleans()):
            return deep
        fld = draw(pick(("text", "title", "published", "id", "extra")))
        return '{"text": "Iran attacked Pakistan on Monday.", "%s": %s}' % (fld, deep)  # noqa: UP031
    if kind == "huge_number":
        digits = "9" * draw(st.integers(1, 12_000))
        fld = draw(pick(("text", "title", "published", "id")))
        return '{"text": "Chad signed a pact with Niger.", "%s": %s}' % (fld, digits)  # noqa: UP031
    if kind == "invalid":
        how = draw(pick(("truncated", "text", "near-miss")))
        if how == "truncated":
            good = json.dumps({"text": draw(short_news(20)), "published": draw(date_strings())})
            return good[: draw(st.integers(0, len(good)))]
        return str(draw(odd_text(80) if how == "text" else pick(INVALID_JSON)))
    return str(draw(pick(("", " ", "\t", "\x0c"))))


@functools.cache
@st.composite
def jsonl_inputs(draw: st.DrawFn) -> ReaderInput:
    """JSON lines: article objects with fields of odd types and bad dates, other JSON values,
    deeply nested values, huge numbers, invalid JSON and blank lines."""
    lines = draw(st.lists(jsonl_lines(), min_size=1, max_size=6))
    sep = draw(pick(("\n", "\n", "\r\n", "\r", "\u2028", "\x85")))
    text = sep.join(lines) + draw(pick(("", "\n")))
    encoding = draw(pick(("utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16")))
    data = text.encode(encoding, errors="surrogatepass")
    if draw(st.integers(0, 9)) == 0:
        data = draw(mutated(data))
    return ReaderInput(FuzzBytes(data), published=draw(published_args()))


# --- HTML ---

BLOCK_TAGS = ("p", "div", "h1", "h2", "h3", "li", "ul", "blockquote", "section", "article", "table", "tr", "td")  # fmt: skip
INLINE_TAGS = ("span", "b", "i", "em", "strong", "a", "small", "u")
VOID_TAGS = ("br", "img", "hr", "input", "wbr", "param", "source")
ATTRS = (
    ("class", "story"), ("id", "main"), ("src", "frame.html"), ("data", "movie.swf"),
    ("type", "application/x-shockwave-flash"), ("href", "/world"), ("width", "300"),
    ("hidden", None), ("style", "display:none"), ("lang", "en"), ("title", "a <b> & c"),
)  # fmt: skip


@dataclass(frozen=True)
class Frag:
    """An HTML fragment and the markers written inside its hidden elements."""

    html: str
    hidden: tuple[str, ...] = ()


def _cased(tag: str, how: int) -> str:
    return (tag.lower(), tag.upper(), tag.title())[how]


@functools.cache
@st.composite
def _attrs(draw: st.DrawFn) -> str:
    out = []
    for name, value in draw(st.lists(pick(ATTRS), max_size=3)):
        if value is None:
            out.append(f" {name}")
            continue
        q = draw(pick(('"', "'")))
        out.append(f" {name}={q}{html.escape(value)}{q}")
    if draw(st.integers(0, 7)) == 0:
        out.append(f' data-x="{html.escape(draw(odd_text(20)))}"')
    return "".join(out)


@functools.cache
@st.composite
def _text_leaf(draw: st.DrawFn) -> Frag:
    text = draw(either(short_news(40), short_news(40), odd_text(40)))
    return Frag(html.escape(text, quote=draw(st.booleans())))


@functools.cache
@st.composite
def _void_leaf(draw: st.DrawFn) -> Frag:
    tag = _cased(draw(pick(VOID_TAGS)), draw(st.integers(0, 2)))
    return Frag(f"<{tag}{draw(_attrs())}{draw(pick(('', '/', ' /')))}>")


@functools.cache
@st.composite
def _entity_leaf(draw: st.DrawFn) -> Frag:
    return Frag(draw(pick(("&amp;", "&lt;", "&gt;", "&nbsp;", "&eacute;", "&#169;", "&#x2014;", "&#0;", "&#x110000;", "&#99999999999;", "&bogus;", "&", "&amp"))))  # fmt: skip


@functools.cache
@st.composite
def _comment_leaf(draw: st.DrawFn) -> Frag:
    return Frag(f"<!--{draw(short_news(10)).replace('--', '')}-->")


@functools.cache
@st.composite
def _raw_hidden_leaf(draw: st.DrawFn) -> Frag:
    """<script> or <style> with raw text content (no "<" in it)."""
    tag = draw(pick(("script", "style")))
    m = draw(markers(tag))
    words = draw(short_news(12)).replace("<", " ")
    if tag == "script":
        body = draw(pick((f"var {m} = 1; // {words}", f'document.write("{m} {words}");', f"{m}({words!r});")))  # fmt: skip
    else:
        body = draw(pick((f".{m} {{ color: red }} /* {words} */", f"p:after {{ content: '{m} {words}' }}")))  # fmt: skip
    name = _cased(tag, draw(st.integers(0, 2)))
    return Frag(f"<{name}{draw(_attrs())}>{body}</{name}>", (m,))


@functools.cache
def _leaves() -> st.SearchStrategy[Frag]:
    return either(
        _text_leaf(), _text_leaf(), _void_leaf(), _entity_leaf(), _comment_leaf(), _raw_hidden_leaf()
    )  # fmt: skip


@functools.cache
@st.composite
def _element(draw: st.DrawFn, kids: st.SearchStrategy[list[Frag]]) -> Frag:
    children = draw(kids)
    if draw(st.integers(0, 2)) == 0:
        tag = draw(pick(("iframe", "object", "template", "noscript")))
        m = draw(markers(tag))
        text = draw(short_news(12))
        inner = [Frag(f"{html.escape(text)} {m} ")] + children
    else:
        tag = draw(pick(BLOCK_TAGS + INLINE_TAGS))
        inner = children
    name = _cased(tag, draw(st.integers(0, 2)))
    body = "".join(f.html for f in inner)
    return Frag(f"<{name}{draw(_attrs())}>{body}</{name}>", sum((f.hidden for f in inner), ()))


@functools.cache
def html_fragments(max_leaves: int = 12) -> st.SearchStrategy[Frag]:
    """Trees of HTML elements with random text; iframe/object/template/noscript elements and
    script/style leaves carry markers."""
    tree = st.recursive(
        _leaves(), lambda kids: _element(st.lists(kids, max_size=4)), max_leaves=max_leaves
    )
    return st.lists(tree, min_size=1, max_size=5).map(
        lambda fs: Frag("".join(f.html for f in fs), sum((f.hidden for f in fs), ()))
    )


SOUP = (
    "<", ">", "</", "<!", "<!--", "-->", "<![CDATA[", "]]>", "<?", "?>", "&", "&#", "&#x", ";",
    "&amp", '"', "'", "=", "<script>", "</script>", "<style>", "</style>", "<iframe>",
    "</iframe>", "<![if !IE]>", "<![endif]>", "<a b='", "<p", "/>", "<title>", "</title>",
    "<!DOCTYPE", "<meta name=date content=", "<textarea>", "<plaintext>", "<xmp>", "\r", "\x0c",
    "<![", "<![ ", "<!-", "<!--->", "<?php", "</ ", "< p>", "<!x", "<a\x00>",
)  # fmt: skip


@functools.cache
@st.composite
def html_inputs(draw: st.DrawFn, soup: bool = False) -> ReaderInput:
    """HTML pages: head (title, a published date in a meta tag, hidden elements) and a body of
    random trees. With ``soup``, stray markup tokens are spliced in anywhere (the hidden-text
    property is then not checked: a stray token may rightly end an element early)."""
    head: list[Frag] = []
    if draw(st.booleans()):
        head.append(
            Frag(f"<title>{html.escape(draw(either(short_news(12), odd_text(30))))}</title>")
        )
    if draw(st.booleans()):
        prop = draw(pick(("property='article:published_time'", 'name="datePublished"', "name=pubdate", 'name="date"')))  # fmt: skip
        head.append(Frag(f"<meta {prop} content={quoteattr(draw(date_strings()))}>"))
    if draw(st.booleans()):
        head.append(draw(_raw_hidden_leaf()))
    body = draw(html_fragments())
    depth = draw(either(st.just(0), st.integers(0, 5), st.integers(1000, 20_000)))
    wrap = draw(pick(("div", "span", "section", "b")))
    body = Frag(f"<{wrap}>" * depth + body.html + f"</{wrap}>" * depth, body.hidden)
    parts = [f.html for f in head]
    page = (
        draw(pick(("", "<!DOCTYPE html>\n", "<!doctype html>")))
        + "<html><head>" + "".join(parts) + "</head><body>" + body.html + "</body></html>"
    )  # fmt: skip
    if draw(st.integers(0, 4)) == 0:  # no html/head/body at all
        page = "".join(parts) + body.html
    hidden = tuple(m for f in head for m in f.hidden) + body.hidden
    if soup:
        for _ in range(draw(st.integers(1, 8))):
            i = draw(st.integers(0, len(page)))
            page = page[:i] + draw(either(pick(SOUP), odd_text(8))) + page[i:]
        hidden = ()
    data = page.encode(draw(pick(("utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16"))), errors="surrogatepass")  # fmt: skip
    return ReaderInput(FuzzBytes(data), hidden, draw(published_args()))


# --- RSS / Atom ---


@dataclass(frozen=True)
class _Entities:
    decls: str
    refs: tuple[str, ...]


@functools.cache
@st.composite
def _entities(draw: st.DrawFn) -> _Entities:
    """Internal entities that expand into one another (a bounded "billion laughs": 1 to 10
    levels of 1 to 10 references) and sometimes an external or parameter entity."""
    levels = draw(st.integers(1, 10))
    fanout = draw(st.integers(1, 10))
    base = draw(short_news(8)).replace("&", "").replace("<", "").replace("%", "").replace('"', "")
    decls = [f'<!ENTITY e0 "{base} ">']
    decls += [f'<!ENTITY e{k} "{f"&e{k - 1};" * fanout}">' for k in range(1, levels)]
    refs = [f"&e{levels - 1};"]
    if draw(st.booleans()):
        decls.append('<!ENTITY ext SYSTEM "file:///nonexistent/eventwire-fuzz-entity.txt">')
        refs.append("&ext;")
    if draw(st.booleans()):
        decls.append("<!ENTITY % pe \"<!ENTITY pe2 'parameter entity'>\"> %pe;")
        refs.append("&pe2;")
    if draw(st.booleans()):
        refs.append("&undeclared;")
    return _Entities("".join(decls), tuple(refs))


def xml_clean(text: str) -> str:
    """``text`` without the code points XML 1.0 cannot carry."""
    return "".join(
        c
        for c in text
        if c in "\t\n\r"
        or "\x20" <= c <= "\ud7ff"
        or "\ue000" <= c <= "\ufffd"
        or c >= "\U00010000"
    )


def _cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


@functools.cache
@st.composite
def feed_inputs(draw: st.DrawFn) -> ReaderInput:
    """RSS 2.0 and Atom feeds of random items (titles, links, HTML bodies escaped or in CDATA,
    good and bad dates), some with entity declarations, deep wrappers or malformed XML."""
    atom = draw(st.booleans())
    ents = draw(either(st.none(), _entities()))

    def ref() -> str:
        if ents is None or not draw(st.booleans()):
            return ""
        return str(ents.refs[draw(st.integers(0, len(ents.refs) - 1))])

    items: list[str] = []
    hidden: list[str] = []
    for _ in range(draw(st.integers(0, 5))):
        title = xml_escape(draw(either(short_news(12), odd_text(30, xml_safe=True)))) + ref()
        body = draw(html_fragments(8))
        hidden += body.hidden
        markup = xml_clean(body.html)
        wrapped = _cdata(markup) if draw(st.booleans()) else xml_escape(markup)
        date = xml_escape(xml_clean(draw(date_strings())))
        link = xml_escape(draw(pick(("http://127.0.0.1/a", "", "/rel", "javascript:x"))))
        fields: list[str] = []
        if draw(st.booleans()):
            fields.append(f"<title>{title}</title>")
        if atom:
            fields.append(f"<link href={quoteattr(link)}/>")
            tag = draw(pick(("content", "summary")))
            fields.append(f'<{tag} type="html">{ref()}{wrapped}</{tag}>')
            if draw(st.booleans()):
                when = draw(pick(("updated", "published")))
                fields.append(f"<{when}>{date}</{when}>")
        else:
            fields.append(f"<link>{link}</link>")
            tag = draw(pick(("description", "content:encoded")))
            fields.append(f"<{tag}>{ref()}{wrapped}</{tag}>")
            if draw(st.booleans()):
                fields.append(f"<pubDate>{date}</pubDate>")
        order = draw(st.permutations(tuple(range(len(fields)))))
        fields = [fields[i] for i in order]
        name = "entry" if atom else "item"
        items.append(f"<{name}>{''.join(fields)}</{name}>")
    depth = draw(either(st.just(0), st.integers(0, 3), st.integers(1000, 50_000)))
    inner = "<g>" * depth + "".join(items) + "</g>" * depth
    if atom:
        doc = f'<feed xmlns="http://www.w3.org/2005/Atom"><title>News</title>{inner}</feed>'
    else:
        doc = (
            '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
            f"<channel><title>News</title>{inner}</channel></rss>"
        )
    root = "feed" if atom else "rss"
    doctype = f"<!DOCTYPE {root} [{ents.decls}]>" if ents else ""
    encoding = draw(pick(("utf-8", "utf-8", "utf-8", "utf-16", "iso-8859-1")))
    decl = draw(pick((f'<?xml version="1.0" encoding="{encoding}"?>', "")))
    text = decl + doctype + doc
    data = text.encode(encoding, errors="xmlcharrefreplace")
    if draw(st.integers(0, 4)) == 0:
        data = draw(mutated(data))
        hidden = []  # a mutation may rightly cut a hidden element open
    return ReaderInput(FuzzBytes(data), tuple(hidden), draw(published_args()))


@functools.cache
@st.composite
def xml_soup(draw: st.DrawFn) -> ReaderInput:
    toks = ("<rss>", "<item>", "</item>", "<entry>", "<description>", "</description>", "<title>", "</title>", "<![CDATA[", "]]>", "<!DOCTYPE r [", "<!ENTITY a '", "'>", "]>", "&a;", "&#x0;", "&#1114112;", "<?xml version='1.0'?>", "<feed xmlns='http://www.w3.org/2005/Atom'>", "</feed>", "<channel>", "</rss>")  # fmt: skip
    parts = draw(st.lists(either(pick(toks), odd_text(12)), max_size=30))
    return ReaderInput(FuzzBytes("".join(parts).encode("utf-8", errors="surrogatepass")))


# --------------------------------------------------------------------------------------------
# reader properties
# --------------------------------------------------------------------------------------------

P_KIND = "yields only Article or InputError values"
P_NAMED = "an InputError's message names the input"
P_EMPTY = "an Article's text is not empty"
P_SIZE = "an Article's text is within MAX_CHARS"
P_HIDDEN = "text inside script/style/iframe/object/template/noscript never reaches an Article"
P_ENCODING = "a BOM-marked UTF-8/16/32 file reads as the same article as plain UTF-8"


def reader_violations(
    items: Sequence[object], path: Path, hidden: Sequence[str] = ()
) -> list[tuple[str, str]]:
    """(property, detail) for each property the items break."""
    from eventwire.errors import InputError
    from eventwire.ingest.checks import MAX_CHARS
    from eventwire.model import Article

    out: list[tuple[str, str]] = []
    for it in items:
        if isinstance(it, InputError):
            if str(path) not in str(it):
                out.append((P_NAMED, f"{str(it)[:200]!r} does not name {str(path)!r}"))
        elif isinstance(it, Article):
            if not it.text.strip():
                out.append((P_EMPTY, f"article {it.id!r} has text {it.text[:40]!r}"))
            if len(it.text) > MAX_CHARS:
                out.append((P_SIZE, f"article {it.id!r} has {len(it.text):,} characters"))
            for m in hidden:
                if m in it.text:
                    at = it.text.index(m)
                    out.append(
                        (
                            P_HIDDEN,
                            f"text inside <{marker_tag(m)}> is in the article: "
                            f"...{it.text[max(0, at - 60) : at + 40]!r}...",
                        )
                    )
        else:
            out.append((P_KIND, f"yielded {type(it).__name__}: {it!r:.100}"))
    return out


def assert_reader_items(items: Sequence[object], path: Path, hidden: Sequence[str] = ()) -> None:
    """One assert a property, so each broken property is its own failure to Hypothesis."""
    found: dict[str, str] = {}
    for prop, detail in reader_violations(items, path, hidden):
        found.setdefault(prop, detail)
    assert P_KIND not in found, f"{P_KIND}: {found.get(P_KIND)}"
    assert P_NAMED not in found, f"{P_NAMED}: {found.get(P_NAMED)}"
    assert P_EMPTY not in found, f"{P_EMPTY}: {found.get(P_EMPTY)}"
    assert P_SIZE not in found, f"{P_SIZE}: {found.get(P_SIZE)}"
    assert P_HIDDEN not in found, f"{P_HIDDEN}: {found.get(P_HIDDEN)}"


BOM_ENCODINGS = ("utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32")
_BOM = "\ufeff"


def bom_encode(text: str, encoding: str) -> bytes:
    """``text`` in ``encoding`` with its byte-order mark (utf-16/32 add one; -le/-be do not)."""
    if encoding in ("utf-16-le", "utf-16-be"):
        return (_BOM + text).encode(encoding)
    return text.encode(encoding)


def encoding_violations(plain: Sequence[object], other: Sequence[object]) -> list[str]:
    """How the items read from a BOM-marked encoding differ from those read from UTF-8."""
    from eventwire.model import Article

    def key(x: object) -> object:
        if isinstance(x, Article):
            return (x.text, x.title)
        return f"{type(x).__name__}: {getattr(x, 'problem', x)}"

    a = [key(x) for x in plain]
    b = [key(x) for x in other]
    if len(a) != len(b):
        return [f"{len(a)} items from UTF-8, {len(b)} from the BOM-marked file: {b[:2]!r:.300}"]
    return [f"item {i}: {y!r:.300} instead of {x!r:.100}" for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]  # fmt: skip


# --------------------------------------------------------------------------------------------
# time and memory of one call
# --------------------------------------------------------------------------------------------


class TimeLimitExceeded(BaseException):
    """Raised (by SIGALRM) inside a call that ran past its limit. A BaseException, so the
    code under test cannot swallow it with ``except Exception``."""


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Interrupt the body after ``seconds`` (main thread on Unix only; else no limit)."""
    usable = (
        seconds is not None
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return
    assert seconds is not None

    def on_alarm(signum: int, frame: object) -> None:
        raise TimeLimitExceeded(f"still running after {seconds:g} s")

    old = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _status_kb(name: str, pid: int | str = "self") -> int | None:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith(name + ":"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return None


def reset_peak_memory(pid: int | str = "self") -> float | None:
    """Reset VmHWM (peak RSS) to the current RSS by writing 5 to clear_refs; the current RSS
    in MB, or None where that cannot be done."""
    try:
        with open(f"/proc/{pid}/clear_refs", "w", encoding="ascii") as f:
            f.write("5")
    except OSError:
        return None
    kb = _status_kb("VmHWM", pid)
    return None if kb is None else kb / 1024


def peak_memory_mb(pid: int | str = "self") -> float | None:
    kb = _status_kb("VmHWM", pid)
    return None if kb is None else kb / 1024


def peak_memory_unavailable() -> str | None:
    """Why per-call peak memory cannot be measured here, or None when it can."""
    if not sys.platform.startswith("linux"):
        return f"peak memory per call is measured through /proc (Linux only; this is {sys.platform})"  # fmt: skip
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as f:
            f.write("5")
    except OSError as exc:
        return f"/proc/self/clear_refs is not writable ({exc}): VmHWM cannot be reset per call"
    if _status_kb("VmHWM") is None:
        return "/proc/self/status has no VmHWM line"
    return None


@dataclass
class Measured(Generic[T]):
    """The outcome of one measured call."""

    wall_s: float
    mem_mb: float | None  # peak RSS growth during the call (None: not measurable)
    value: T | None = None
    error: BaseException | None = None
    timed_out: bool = False


def measure(
    fn: Callable[[], T], *, interrupt_after: float | None = None, memory: bool = True
) -> Measured[T]:
    """Call ``fn`` once: wall time, peak memory growth (VmHWM after minus RSS before), its
    value or the exception it raised; interrupted after ``interrupt_after`` seconds."""
    before = reset_peak_memory() if memory else None
    t0 = time.perf_counter()
    value: T | None = None
    error: BaseException | None = None
    timed_out = False
    try:
        with time_limit(interrupt_after):
            value = fn()
    except TimeLimitExceeded:
        timed_out = True
    except Exception as exc:  # the caller decides what an exception means
        error = exc
    wall = time.perf_counter() - t0
    after = peak_memory_mb() if before is not None else None
    mem = None if before is None or after is None else max(0.0, after - before)
    return Measured(wall, mem, value, error, timed_out)


def _final_run() -> bool:
    """Whether Hypothesis is replaying the failing example it reports (True outside one)."""
    from hypothesis.control import current_build_context
    from hypothesis.errors import InvalidArgument

    try:
        return bool(current_build_context().is_final)
    except InvalidArgument:
        return True


@contextlib.contextmanager
def bounded_shrinking(seconds: float) -> Iterator[None]:
    """Stop Hypothesis shrinking a failure after ``seconds`` (its own default is 300 s, far
    past what a bounded test can spend). Uses Hypothesis' engine constant; a version without it
    shrinks as usual."""
    from hypothesis.internal.conjecture import engine

    old = getattr(engine, "MAX_SHRINKING_SECONDS", None)
    if old is None:
        yield
        return
    engine.MAX_SHRINKING_SECONDS = seconds  # type: ignore[assignment]
    try:
        yield
    finally:
        engine.MAX_SHRINKING_SECONDS = old


def show_inputs(*fixtures: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Add the test's generated arguments (not ``fixtures``) to any exception it raises.

    Schemathesis (its pytest plugin imports it) swaps Hypothesis' example printer for one that
    prints nothing, which blanks every "Failing test case" report in the pytest session; the
    note puts the failing input back in the report, as a compact, evaluable repr."""

    def decorate(test: Callable[..., None]) -> Callable[..., None]:
        @functools.wraps(test)
        def wrapper(*args: Any, **kwargs: Any) -> None:
            try:
                test(*args, **kwargs)
            except BaseException as exc:
                if _final_run():  # not on each shrinking step: a repr may take a while
                    shown = ", ".join(f"{k}={v!r}" for k, v in kwargs.items() if k not in fixtures)  # fmt: skip
                    exc.add_note(f"Failing input: {test.__name__}({shown})")
                raise

        return wrapper

    return decorate


def read_items(reader: Callable[..., Any], path: Path, inp: ReaderInput) -> list[object]:
    return list(reader(path, bytes(inp.data), inp.published))


CODE_TEXT_LIMIT_S = 10.0
CODE_TEXT_MEM_MB = 600.0


def warm_coder() -> None:
    """Load the parser and lexicons once, so the first measured call is not charged for it."""
    import eventwire

    eventwire.code_text("Kenya and Uganda signed a trade agreement in Kampala on Monday.")


def run_code_text(text: str, limit_s: float = CODE_TEXT_LIMIT_S, grace_s: float = 1.0) -> Measured[Any]:  # fmt: skip
    """``eventwire.code_text(text)``, measured, interrupted once it is past the limit."""
    import eventwire

    return measure(lambda: eventwire.code_text(text), interrupt_after=limit_s + grace_s)


# --------------------------------------------------------------------------------------------
# the API: a real server on 127.0.0.1
# --------------------------------------------------------------------------------------------

TOKEN = "fuzz-token"
LOCAL = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((LOCAL, 0))
        return int(s.getsockname()[1])


def build_db(path: Path) -> Path:
    """A small database: the twelve sample articles (samples/*.txt), coded."""
    from eventwire.service import ingest_paths
    from eventwire.store import Store

    with Store(path) as store:
        ingest_paths(store, sorted(str(p) for p in (ROOT / "samples").glob("*.txt")))
    return path


@dataclass
class Server:
    base: str
    pid: int
    log: Path
    proc: subprocess.Popen[bytes] = field(repr=False)

    def log_tail(self, n: int = 4000) -> str:
        time.sleep(0.3)  # the server logs a traceback just after it answers
        try:
            return self.log.read_text(encoding="utf-8", errors="replace")[-n:]
        except OSError:
            return ""

    def pids(self) -> list[int]:
        """The server process and its children (the coder processes)."""
        out = [self.pid]
        for pid in out:
            try:
                for task in Path(f"/proc/{pid}/task").iterdir():
                    text = (task / "children").read_text(encoding="ascii")
                    out.extend(int(c) for c in text.split() if int(c) not in out)
            except (OSError, ValueError):
                pass
        return out


def local_client(timeout: float = 60.0) -> Any:
    """An httpx client that ignores proxy settings from the environment."""
    import httpx

    return httpx.Client(timeout=timeout, trust_env=False)


def local_session() -> Any:
    """A requests session (for schemathesis) that ignores proxy settings from the environment."""
    import requests

    s = requests.Session()
    s.trust_env = False
    return s


@contextlib.contextmanager
def running_server(db: Path, workdir: Path, token: str = TOKEN, ready_s: float = 180.0) -> Iterator[Server]:  # fmt: skip
    """``eventwire serve`` on a free port of 127.0.0.1 over ``db``, until its coder is ready."""
    import httpx

    port = free_port()
    log = workdir / f"server-{port}.log"
    env = {**os.environ, "EVENTWIRE_TOKEN": token, "NO_PROXY": LOCAL, "no_proxy": LOCAL}
    cmd = [sys.executable, "-m", "eventwire", "serve", "--db", str(db), "--host", LOCAL, "--port", str(port)]  # fmt: skip
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT)
    server = Server(f"http://{LOCAL}:{port}", proc.pid, log, proc)
    try:
        deadline = time.monotonic() + ready_s
        with local_client(2.0) as client:
            while True:
                if proc.poll() is not None:
                    raise RuntimeError(f"eventwire serve exited ({proc.returncode}):\n{server.log_tail()}")  # fmt: skip
                if time.monotonic() > deadline:
                    raise RuntimeError(f"eventwire serve not ready after {ready_s:g} s:\n{server.log_tail()}")  # fmt: skip
                try:
                    r = client.get(f"{server.base}/api/health")
                    if r.status_code == 200 and r.json().get("coder", "ready") != "starting":
                        break
                except (httpx.HTTPError, ValueError):
                    pass
                time.sleep(0.2)
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=20)


def load_schema(base: str) -> Any:
    """The server's OpenAPI schema, through schemathesis (requests to 127.0.0.1 only)."""
    import schemathesis

    assert base.startswith(f"http://{LOCAL}:"), base
    return schemathesis.openapi.from_url(
        f"{base}/openapi.json", timeout=30, proxies={"http": None, "https": None}
    )


def api_operations(schema: Any) -> list[Any]:
    """Every operation in the schema (an unparseable operation is an error)."""
    return [result.ok() for result in schema.get_all_operations()]


def api_checks() -> list[Any]:
    """Checks run on every response: no 5xx; the status code is one the schema declares; the
    body, content type and headers conform to the schema."""
    import schemathesis
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        response_headers_conformance,
        response_schema_conformance,
        status_code_conformance,
    )

    return [
        schemathesis.checks.not_a_server_error,
        status_code_conformance,
        content_type_conformance,
        response_headers_conformance,
        response_schema_conformance,
    ]


@functools.cache
def operation_cases(op: Any, token: str = TOKEN) -> st.SearchStrategy[Any]:
    """Positive and negative cases for one operation; writes carry the bearer token."""
    from schemathesis import GenerationMode

    headers = None if op.method.upper() in ("GET", "HEAD") else {"authorization": f"Bearer {token}"}  # fmt: skip
    return either(
        op.as_strategy(GenerationMode.POSITIVE, headers=headers),
        op.as_strategy(GenerationMode.NEGATIVE, headers=headers),
    )


def call_case(case: Any, base: str, session: Any) -> Any:
    """Send a schemathesis case to the server at ``base`` (127.0.0.1), on a fresh connection
    (a server that drops a connection after a 500 must not fail the next request)."""
    assert base.startswith(f"http://{LOCAL}:"), base
    return case.call(base_url=base, session=session, timeout=120, headers={"Connection": "close"})


def curl(case: Any, base: str) -> str:
    try:
        return str(case.as_curl_command(base_url=base))
    except Exception as exc:  # a reproducer is best effort
        return f"<no curl command: {exc}>"


# --- POST /api/articles bodies ---


@dataclass(frozen=True)
class PostInput:
    """A raw body for POST /api/articles and the Authorization header to send with it."""

    body: FuzzBytes
    authorization: str | None

    def reproducer(self, base: str) -> str:
        auth = "" if self.authorization is None else f", 'Authorization': {self.authorization!r}"
        return (
            f"httpx.post({base + '/api/articles'!r}, content={self.body!r}, "
            f"headers={{'Content-Type': 'application/json'{auth}}})"
        )


@functools.cache
def _post_objects() -> st.SearchStrategy[dict[str, object]]:
    return st.fixed_dictionaries(
        {"text": either(short_news(40), odd_text(80), json_values)},
        optional={
            "title": either(short_news(10), json_values),
            "published": either(date_strings(), rfc2822_dates(), json_values),
            "id": either(odd_text(20), json_values),
            "url": json_values,
            "source": json_values,
        },
    )


def _utf8(s: str) -> bytes:
    return s.encode("utf-8", "surrogatepass")


def _header_value(s: str) -> str:
    """``s`` cut to what an HTTP header value may hold (latin-1, no control characters)."""
    return "".join(c for c in s if c == "\t" or " " <= c <= "~" or "\xa0" <= c <= "\xff")


@functools.cache
def _invalid_bodies() -> st.SearchStrategy[bytes]:
    return either(st.binary(max_size=64), odd_text(64).map(_utf8), pick((b"", b"{", b"[", b"\xff\xfe{}", b'{"text": "\\ud800"}', b"NaN", b"1e99999")))  # fmt: skip


@functools.cache
@st.composite
def _authorizations(draw: st.DrawFn, token: str) -> str | None:
    """The right token 4 times in 5; else another scheme's case, none, or junk."""
    if draw(st.integers(0, 4)):
        return f"Bearer {token}"
    other: str | None = draw(either(pick((f"bearer {token}", f"Bearer {token}x", "Bearer", None)), odd_text(20).map(_header_value)))  # fmt: skip
    return other


@functools.cache
@st.composite
def article_objects(draw: st.DrawFn) -> dict[str, object]:
    obj: dict[str, object] = draw(_post_objects())
    if draw(st.integers(0, 3)) == 0:
        obj.update(draw(st.dictionaries(odd_text(10), json_values, max_size=2)))
    return obj


@functools.cache
@st.composite
def post_inputs(draw: st.DrawFn, token: str = TOKEN) -> PostInput:
    """Article objects and batches with fields of odd types and bad dates, deep nesting, huge
    numbers, invalid JSON and non-UTF-8 bytes; mostly with the right token."""
    kind = draw(pick(("article", "article", "dated", "dated", "batch", "value", "nested", "nested_field", "huge_number", "invalid", "too_many")))  # fmt: skip
    if kind == "article":
        body = json.dumps(draw(article_objects()), allow_nan=True).encode()
    elif kind == "dated":  # a good article but for its date
        text = draw(short_news(30))
        body = json.dumps({"text": text, "published": draw(either(date_strings(), rfc2822_dates()))}).encode()  # fmt: skip
    elif kind == "batch":
        body = json.dumps(draw(st.lists(article_objects(), max_size=4)), allow_nan=True).encode()
    elif kind == "value":
        body = json.dumps(draw(json_values), allow_nan=True).encode()
    elif kind == "nested":
        body = nested_json(draw(nesting_depths()), draw(pick(("[", "{", '{"a": ', '[{"a": ', '{"text": ')))).encode()  # fmt: skip
    elif kind == "nested_field":
        fld = draw(pick(("text", "title", "published", "id", "extra")))
        deep = nested_json(draw(nesting_depths()), draw(pick(("[", '{"a": '))))
        body = ('{"text": "Chad and Niger signed a pact on Monday.", "%s": %s}' % (fld, deep)).encode()  # noqa: UP031  # fmt: skip
    elif kind == "huge_number":
        fld = draw(pick(("text", "published", "id")))
        digits = "9" * draw(st.integers(1, 12_000))
        body = ('{"text": "Chad and Niger signed a pact on Monday.", "%s": %s}' % (fld, digits)).encode()  # noqa: UP031  # fmt: skip
    elif kind == "invalid":
        body = draw(_invalid_bodies())
    else:
        body = json.dumps([{"title": "x"}] * draw(st.integers(101, 300))).encode()
    auth = draw(_authorizations(token))
    return PostInput(FuzzBytes(body), auth)


def send_post(client: Any, base: str, inp: PostInput) -> Any:
    assert base.startswith(f"http://{LOCAL}:"), base
    headers = {"Content-Type": b"application/json", "Connection": b"close"}
    if inp.authorization is not None:
        headers["Authorization"] = inp.authorization.encode("latin-1")  # any byte a header may hold
    return client.post(f"{base}/api/articles", content=bytes(inp.body), headers=headers)
