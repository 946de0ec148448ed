"""Readers and bad input: every bad input gets an error naming it, and the batch goes on."""

from __future__ import annotations

import json

from eventwire.errors import InputError
from eventwire.ingest import iter_inputs

GOOD = "Kenya and Uganda signed a trade agreement in Kampala on Monday, officials said."


def _split(items):
    arts = [i for i in items if not isinstance(i, InputError)]
    errs = [i for i in items if isinstance(i, InputError)]
    return arts, errs


def test_bad_files_are_named_and_skipped(tmp_path):
    (tmp_path / "a_good.txt").write_text("Headline\n" + GOOD, encoding="utf-8")
    (tmp_path / "b_empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "c_binary.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "d_latin1.txt").write_bytes("caf\xe9 politique".encode("latin-1"))
    (tmp_path / "e_russian.txt").write_text(
        "Москва заявила о новых санкциях против Запада. " * 5, encoding="utf-8"
    )
    arts, errs = _split(list(iter_inputs([str(tmp_path)])))
    assert [a.title for a in arts] == ["Headline"]
    msgs = {e.origin.rsplit("/", 1)[-1]: str(e) for e in errs}
    assert "is empty" in msgs["b_empty.txt"]
    assert "binary" in msgs["c_binary.txt"]
    assert "UTF-8" in msgs["d_latin1.txt"]
    assert "English" in msgs["e_russian.txt"]


def test_jsonl_lines_with_bad_json_bad_date_missing_text(tmp_path):
    f = tmp_path / "batch.jsonl"
    rows = [
        json.dumps({"id": "a1", "title": "Trade deal", "text": GOOD, "published": "2024-05-06"}),
        "{not json",
        json.dumps({"id": "a3", "text": GOOD, "published": "next Tuesday-ish"}),
        json.dumps({"id": "a4", "title": "no text"}),
        json.dumps({"id": "a5", "text": GOOD + " Again.", "published": "2024-05-07T10:00:00Z"}),
    ]
    f.write_text("\n".join(rows) + "\n", encoding="utf-8")
    arts, errs = _split(list(iter_inputs([str(f)])))
    assert [a.id for a in arts] == ["a1", "a5"]
    assert arts[0].text.startswith("Trade deal\n")  # title becomes the first line
    assert str(arts[1].published) == "2024-05-07"
    assert [e.origin.rsplit(":", 1)[-1] for e in errs] == ["2", "3", "4"]
    assert "published" in str(errs[1])


def test_html_and_feed(tmp_path):
    (tmp_path / "p.html").write_text(
        "<html><head><title>Deal signed</title><meta property='article:published_time' content='2024-05-06T08:00'>"
        "<script>var x=1;</script></head><body><nav>Menu</nav><p>" + GOOD + "</p></body></html>",
        encoding="utf-8",
    )
    (tmp_path / "f.rss").write_text(
        "<rss><channel><item><title>Deal</title><description>&lt;p&gt;"
        + GOOD
        + "&lt;/p&gt;</description>"
        "<pubDate>Mon, 06 May 2024 10:00:00 GMT</pubDate><link>http://example.org/a</link></item>"
        "<item><title>Bad</title><description>x</description><pubDate>garbage</pubDate></item></channel></rss>",
        encoding="utf-8",
    )
    (tmp_path / "g.xml").write_text("<rss><channel><item>", encoding="utf-8")
    arts, errs = _split(list(iter_inputs([str(tmp_path)])))
    by = {a.origin.rsplit("/", 1)[-1]: a for a in arts}
    assert by["p.html"].title == "Deal signed" and "Menu" not in by["p.html"].text
    assert "var x" not in by["p.html"].text and str(by["p.html"].published) == "2024-05-06"
    assert by["f.rss#item1"].url == "http://example.org/a"
    assert {e.origin.rsplit("/", 1)[-1] for e in errs} == {"f.rss#item2", "g.xml"}


def test_missing_path():
    _, errs = _split(list(iter_inputs(["/nonexistent/file.txt"])))
    assert "no such file" in str(errs[0])
