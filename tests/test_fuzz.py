"""Property-based fuzzing of the readers and the coder (Hypothesis), bounded and reproducible.

Readers (read_text, read_jsonl, read_html, read_feed) get random bytes, random unicode in many
encodings, JSON lines with fields of odd types, bad dates, deep nesting and invalid JSON, HTML
pages built from random trees (script/style/iframe/object/template/noscript included) and
RSS/Atom feeds (malformed XML and entity declarations included). Properties: a reader never
raises (a bad input is an InputError value whose message names the input), every Article has
non-empty text within MAX_CHARS, and no text inside script/style/iframe/object/template/noscript
reaches an Article.

The coder (eventwire.code_text) gets English-like news text, short and long runs, with and
without punctuation: no exception, at most 10 s and 600 MB of memory growth per input.

Examples are derandomized (the same on every run); EVENTWIRE_FUZZ_EXAMPLES=1000 runs ten times
the default counts. tools/fuzz_report.py runs the same generators in larger campaigns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fuzz_strategies import (
    BOM_ENCODINGS,
    CODE_TEXT_LIMIT_S,
    CODE_TEXT_MEM_MB,
    P_ENCODING,
    FuzzBytes,
    ReaderInput,
    TextSpec,
    any_dates,
    assert_reader_items,
    bom_encode,
    bounded_shrinking,
    dated_news,
    encoding_violations,
    feed_inputs,
    fuzz_settings,
    html_inputs,
    jsonl_inputs,
    news_texts,
    peak_memory_unavailable,
    published_args,
    raw_inputs,
    read_items,
    run_code_text,
    scale,
    short_news,
    show_inputs,
    warm_coder,
    xml_soup,
)
from hypothesis import Phase, example, given
from hypothesis import strategies as st

import eventwire
from eventwire.ingest.readers import read_feed, read_html, read_jsonl, read_text

Reader = Callable[..., Any]
READERS: dict[str, tuple[Reader, str]] = {
    "read_text": (read_text, "article.txt"),
    "read_jsonl": (read_jsonl, "batch.jsonl"),
    "read_html": (read_html, "page.html"),
    "read_feed": (read_feed, "feed.xml"),
}


SHRINK_SECONDS = 5.0  # a failing test stops shrinking after this (times the scale)


@pytest.fixture(scope="module", autouse=True)
def _bounded_shrinking() -> Iterator[None]:
    with bounded_shrinking(SHRINK_SECONDS * max(1.0, scale())):
        yield


@pytest.fixture(scope="module")
def inputs_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty folder: the readers look for a sidecar .meta.json next to the input."""
    return tmp_path_factory.mktemp("fuzz-inputs")


def _check(reader: Reader, path: Path, inp: ReaderInput) -> None:
    items = read_items(reader, path, inp)  # the reader must not raise: an exception fails here
    assert_reader_items(items, path, inp.hidden)


# --- readers -------------------------------------------------------------------------------


@fuzz_settings(100)
@given(inp=st.one_of(raw_inputs(), xml_soup()), which=st.sampled_from(sorted(READERS)))
@show_inputs("inputs_dir")
def test_every_reader_on_random_bytes(inputs_dir: Path, inp: ReaderInput, which: str) -> None:
    reader, name = READERS[which]
    _check(reader, inputs_dir / name, inp)


@fuzz_settings(50)
@given(text=short_news(150), encoding=st.sampled_from(BOM_ENCODINGS), published=published_args())
@show_inputs("inputs_dir")
def test_read_text_reads_bom_marked_unicode_like_utf8(
    inputs_dir: Path, text: str, encoding: str, published: Any
) -> None:
    path = inputs_dir / "article.txt"
    plain = list(read_text(path, text.encode("utf-8"), published))
    other = list(read_text(path, bom_encode(text, encoding), published))
    assert_reader_items(other, path)
    problems = encoding_violations(plain, other)
    assert not problems, f"{P_ENCODING} ({encoding}): {problems[0]}"


@fuzz_settings(100)
@given(inp=jsonl_inputs())
@example(inp=ReaderInput(FuzzBytes(b'{"text": "Iran attacked Pakistan.", "extra": ' + b"[" * 100_000 + b"]" * 100_000 + b"}")))  # fmt: skip
@example(inp=ReaderInput(FuzzBytes(b'{"text": "Chad signed a pact with Niger.", "id": ' + b"9" * 4301 + b"}")))  # fmt: skip
@example(inp=ReaderInput(FuzzBytes(b'{"text": "\\ud800"}')))
@show_inputs("inputs_dir")
def test_read_jsonl(inputs_dir: Path, inp: ReaderInput) -> None:
    _check(read_jsonl, inputs_dir / "batch.jsonl", inp)


@fuzz_settings(100)
@given(inp=html_inputs())
@example(inp=ReaderInput(FuzzBytes(b"<meta name=date content='Mon, 1 Jan 2024 00:00:2147483648 +0000'><p>Chad signed a pact.</p>")))  # fmt: skip
@example(
    inp=ReaderInput(
        data=FuzzBytes(
            b"<html><body><p>Kenya and Uganda signed a trade agreement in Kampala.</p>"
            b"<iframe>QZXiframe0 Iran attacked Pakistan.</iframe><object data=x.swf>QZXobject0 "
            b"Chad condemned Niger.</object><template>QZXtemplate0 Peru expelled diplomats."
            b"</template><noscript>QZXnoscript0 Enable JavaScript.</noscript></body></html>"
        ),
        hidden=("QZXiframe0", "QZXobject0", "QZXtemplate0", "QZXnoscript0"),
    )
)
@show_inputs("inputs_dir")
def test_read_html(inputs_dir: Path, inp: ReaderInput) -> None:
    _check(read_html, inputs_dir / "page.html", inp)


@fuzz_settings(80)
@given(inp=html_inputs(soup=True))
@example(inp=ReaderInput(FuzzBytes("<![é<p>Chad signed a pact with Niger.</p>".encode())))
@show_inputs("inputs_dir")
def test_read_html_on_tag_soup(inputs_dir: Path, inp: ReaderInput) -> None:
    _check(read_html, inputs_dir / "page.html", inp)


@fuzz_settings(100)
@given(inp=feed_inputs())
@example(inp=ReaderInput(FuzzBytes(b"<rss><channel><item><title>Chad signed a pact.</title><pubDate>Mon, 1 Jan 2024 00:00:2147483648 +0000</pubDate></item></channel></rss>")))  # fmt: skip
@show_inputs("inputs_dir")
def test_read_feed(inputs_dir: Path, inp: ReaderInput) -> None:
    _check(read_feed, inputs_dir / "feed.xml", inp)


# --- the coder -----------------------------------------------------------------------------

MEMORY_UNAVAILABLE = peak_memory_unavailable()

# a long run with no punctuation and no line break: the slowest shape of input known
_LONG_RUN = TextSpec(
    sentences=(
        (
            "Iran",
            "attacked",
            "Pakistan",
            "and",
            "France",
            "condemned",
            "the",
            "attack",
            "in",
            "the",
            "capital",
        ),
    ),  # fmt: skip
    punct=False,
    layout="spaces",
    repeat=320,
)


@pytest.fixture(scope="module")
def warm() -> None:
    warm_coder()


def test_peak_memory_is_measurable() -> None:
    """The coder's memory bound needs VmHWM reset per call (Linux /proc/self/clear_refs)."""
    if MEMORY_UNAVAILABLE:
        pytest.skip(f"memory growth per input not checked: {MEMORY_UNAVAILABLE}")


# Each example may take up to the 10 s limit, so no shrinking here (it would re-run slow
# inputs many times); a TextSpec prints as a short recipe, and tools/fuzz_report.py shrinks.
@fuzz_settings(16, phases=(Phase.explicit, Phase.generate))
@given(spec=news_texts(max_words=3600))
@example(spec=_LONG_RUN)
@show_inputs("warm")
def test_code_text_is_bounded(warm: None, spec: TextSpec) -> None:
    run = run_code_text(spec.render())
    if run.error is not None:
        raise run.error
    words = spec.words()
    assert not run.timed_out, (
        f"code_text ran past {CODE_TEXT_LIMIT_S:g} s (interrupted at {run.wall_s:.1f} s) "
        f"on {words} words: {spec.expr()[:300]}"
    )
    assert run.wall_s <= CODE_TEXT_LIMIT_S, (
        f"code_text took {run.wall_s:.1f} s (limit {CODE_TEXT_LIMIT_S:g} s) on {words} words"
    )
    if MEMORY_UNAVAILABLE is None:
        assert run.mem_mb is not None and run.mem_mb <= CODE_TEXT_MEM_MB, (
            f"code_text grew memory by {run.mem_mb} MB (limit {CODE_TEXT_MEM_MB:g} MB) "
            f"on {words} words"
        )


@fuzz_settings(25)
@given(text=st.one_of(dated_news(), short_news(25)), published=any_dates())
@example(text="Police arrested protesters in Nairobi yesterday.", published=dt.date(1, 1, 1))
@example(text="Police arrested protesters in Nairobi yesterday.", published=dt.date(1800, 1, 1))
@example(text="Iran attacked Iran on December 31 last year.", published=dt.date(2199, 12, 31))
@show_inputs("warm")
def test_code_text_with_any_published_date(warm: None, text: str, published: dt.date) -> None:
    """Relative dates ("yesterday", "last week") resolve against any publication date eventwire
    accepts (1800-2199, the first and last days included); a date outside is refused with an
    InputError naming the field, never an overflow from date arithmetic."""
    from eventwire.errors import InputError
    from eventwire.ingest.checks import FIRST_DATE, LAST_DATE

    if FIRST_DATE <= published <= LAST_DATE:
        eventwire.code_text(text, published)
    else:
        with pytest.raises(InputError, match="published"):
            eventwire.code_text(text, published)
