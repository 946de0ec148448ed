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


def test_a_saved_page_gives_its_main_text_and_metadata_not_its_furniture(tmp_path):
    body = " ".join(
        f"<p>{s}</p>"
        for s in (
            "Chile and Bolivia agreed on Tuesday to reopen their border crossing at Colchane.",
            "The foreign ministers signed the accord in Santiago after two days of talks.",
            "Trucks had been stranded on both sides for more than a week, officials said.",
            "The agreement also sets up a joint commission on migration, the ministries said.",
        )
    )
    page = (
        "<html><head><title>Border deal | The Andes Post</title>"
        "<meta property='og:site_name' content='The Andes Post'>"
        "<link rel='canonical' href='https://andespost.example/world/border-deal'>"
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Chile and '
        'Bolivia reopen border", "datePublished": "2024-05-07T09:00:00Z"}</script></head><body>'
        "<nav><a>World</a> <a>Politics</a></nav><div class='ticker'>BREAKING: Army seizes "
        "parliament in coup</div><article><h1>Chile and Bolivia reopen border</h1>"
        + body
        + "<figure><img src='x.jpg'><figcaption>Soldiers guard the crossing on Monday."
        "</figcaption></figure></article><aside><h3>Related</h3><ul><li>Rebels shell the "
        "airport</li></ul></aside><section class='reader-comments'><div class='cmt'>Police "
        "beat protesters here too</div></section><footer>(c) The Andes Post</footer></body></html>"
    )
    (tmp_path / "p.html").write_text(page, encoding="utf-8")
    (art,) = list(iter_inputs([str(tmp_path / "p.html")]))
    assert not isinstance(art, InputError), art
    assert art.title == "Chile and Bolivia reopen border" and art.source == "The Andes Post"
    assert art.url == "https://andespost.example/world/border-deal"
    assert str(art.published) == "2024-05-07" and "joint commission" in art.text
    for furniture in ("coup", "shell", "Soldiers guard", "beat protesters", "Politics"):
        assert furniture not in art.text, furniture


def test_lines_sending_the_reader_to_another_story_are_not_the_article():
    from eventwire.ingest.pages import read_page

    paras = [
        "Lebanon's parliament elected a new speaker on Thursday after a month of deadlock.",
        "READ MORE: Troops clash with protesters in the south",
        "The vote was 65 to 63, the parliament's secretariat said in a statement.",
        "Related: Militia seizes airport road",
        "Also read - Army shells rebel villages overnight",
        "Watch: police fire tear gas at students",
        "Read more about the vote in our guide, the secretariat said, adding that turnout was high.",
        "Diplomats said the result would ease pressure on the caretaker government.",
    ]
    html = (
        "<html><body><article>" + "".join(f"<p>{p}</p>" for p in paras) + "</article></body></html>"
    )
    text = read_page(html).text
    for kept in (paras[0], paras[2], paras[6], paras[7]):
        assert kept in text
    for gone in ("clash", "Militia", "shells", "tear gas"):
        assert gone not in text, gone


def test_feeds_in_every_dialect_and_unsafe_xml_refused(tmp_path):
    atom = (
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><title>Talks resume'
        '</title><link href="http://example.org/b"/><updated>2024-01-17T10:00:00Z</updated>'
        '<content type="html">&lt;p&gt;' + GOOD + "&lt;/p&gt;</content></entry></feed>"
    )
    rdf = (
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        '<item rdf:about="http://example.org/c"><title>Pact</title><link>http://example.org/c'
        "</link><description>" + GOOD + "</description><dc:date>2024-02-03</dc:date></item>"
        "</rdf:RDF>"
    )
    # not well-formed (an unclosed <b>), which feedparser's lenient parser still reads
    loose = (
        "<rss><channel><item><title>Loose</title><description>" + GOOD + " <b>bold"
        "</description><pubDate>Tue, 05 Mar 2024 08:00:00 GMT</pubDate></item></channel></rss>"
    )
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
        "<rss><channel><item><title>&b;</title><description>" + GOOD + "</description></item>"
        "</channel></rss>"
    )
    external = (
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        "<rss><channel><item><title>&x;</title></item></channel></rss>"
    )
    for name, text in (("a.atom", atom), ("r.rdf.xml", rdf), ("l.rss", loose),
                       ("bomb.xml", bomb), ("ext.xml", external)):  # fmt: skip
        (tmp_path / name).write_text(text, encoding="utf-8")
    arts, errs = _split(list(iter_inputs([str(tmp_path)])))
    by = {a.origin.rsplit("/", 1)[-1]: a for a in arts}
    assert by["a.atom#item1"].url == "http://example.org/b"
    assert str(by["a.atom#item1"].published) == "2024-01-17"
    assert (
        by["r.rdf.xml#item1"].title == "Pact"
        and str(by["r.rdf.xml#item1"].published) == "2024-02-03"
    )
    assert "Loose" in by["l.rss#item1"].text and str(by["l.rss#item1"].published) == "2024-03-05"
    refused = {e.origin.rsplit("/", 1)[-1]: str(e) for e in errs}
    assert set(refused) == {"bomb.xml", "ext.xml"} and all(
        "unsafe XML" in m for m in refused.values()
    )


def test_missing_path():
    _, errs = _split(list(iter_inputs(["/nonexistent/file.txt"])))
    assert "no such file" in str(errs[0])


def test_fallback_and_embedded_html_is_not_the_article(tmp_path):
    page = (
        "<html><head><title>Port reopens</title></head><body>"
        "<p>Dockers returned to work in the harbour on Monday after a week-long strike.</p>"
        "<iframe src='/ad'>Troops stormed the parliament</iframe>"
        "<object data='x.swf'>Rebels shelled the airport</object>"
        "<template><p>Police fired on the crowd</p></template>"
        "<noscript>Enable scripts to see the riot map</noscript>"
        "<svg><text>Tanks crossed the border</text></svg>"
        "<textarea>Your comment: the army seized power</textarea>"
        "<p>Shipping lines said schedules would recover by Friday.</p></body></html>"
    )
    (tmp_path / "p.html").write_text(page, encoding="utf-8")
    (art,) = list(iter_inputs([str(tmp_path / "p.html")]))
    assert not isinstance(art, InputError), art
    assert "harbour" in art.text and "schedules" in art.text
    for hidden in ("stormed", "shelled", "fired", "riot map", "Tanks", "seized"):
        assert hidden not in art.text, hidden


def test_utf16_and_utf32_with_a_byte_order_mark_are_read(tmp_path):
    text = (
        "Oil talks resume\nNorway and Iceland resumed fishing talks in Oslo on Tuesday – at last.\n"
    )
    for enc in ("utf-16", "utf-16-be", "utf-32"):
        data = text.encode(enc)
        if enc == "utf-16-be":
            data = b"\xfe\xff" + data
        for name, body in ((f"{enc}.txt", data), (f"{enc}.jsonl", None)):
            if body is None:
                line = json.dumps({"text": text.strip(), "published": "2024-05-07"})
                body = (line + "\n").encode("utf-16" if enc != "utf-32" else "utf-32")
            (tmp_path / name).write_bytes(body)
            (art,) = list(iter_inputs([str(tmp_path / name)]))
            assert not isinstance(art, InputError), (name, art)
            assert "Iceland resumed fishing talks" in art.text, name
    (tmp_path / "bin.txt").write_bytes(b"GIF89a\x00\x01\x02" * 50)
    (err,) = list(iter_inputs([str(tmp_path / "bin.txt")]))
    assert isinstance(err, InputError) and "binary" in str(err) and "bin.txt" in str(err)


def test_an_oversized_file_is_refused_before_it_is_read(tmp_path, monkeypatch):
    from pathlib import Path

    from eventwire.ingest.checks import MAX_MARKUP_BYTES, MAX_TEXT_BYTES

    big = tmp_path / "big.txt"
    with big.open("wb") as f:  # sparse: 50 MB on paper, nothing to read
        f.truncate(50_000_000)
    page = tmp_path / "big.html"
    with page.open("wb") as f:
        f.truncate(MAX_MARKUP_BYTES + 1)
    reads: list[str] = []
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda p: reads.append(p.name) or real(p))
    errors = list(iter_inputs([str(big), str(page)]))
    assert reads == []  # refused from the size alone
    assert [type(e) for e in errors] == [InputError, InputError]
    assert "big.txt" in str(errors[0]) and f"{MAX_TEXT_BYTES:,}" in str(errors[0])
    assert "big.html" in str(errors[1]) and "too large" in str(errors[1])


def test_jsonl_is_streamed_and_an_overlong_line_is_skipped(tmp_path):
    from eventwire.ingest.checks import MAX_LINE_BYTES

    good = {"text": "Chad and Niger signed a border accord in Niamey.", "published": "2024-03-06"}
    path = tmp_path / "a.jsonl"
    with path.open("w", encoding="utf-8") as f:
        f.write(json.dumps(good) + "\n")
        f.write(json.dumps({"text": "x " * (MAX_LINE_BYTES // 2 + 10)}) + "\n")
        f.write("[" * 50_000 + "]" * 50_000 + "\n")
        f.write(json.dumps({**good, "text": good["text"].replace("Chad", "Mali")}) + "\n")
    items = list(iter_inputs([str(path)]))
    assert [type(i).__name__ for i in items] == ["Article", "InputError", "InputError", "Article"]
    assert str(items[1]).startswith(f"{path}:2") and "too long" in str(items[1])
    assert str(items[2]).startswith(f"{path}:3") and "nested" in str(items[2])
    assert items[3].text.startswith("Mali")


def test_text_without_sentences_is_refused_and_runs_are_not_parsed(tmp_path):
    import random

    from eventwire import nlp

    rng = random.Random(7)
    words = [
        "police",
        "arrested",
        "protesters",
        "the",
        "government",
        "condemned",
        "troops",
        "attacked",
        "rebels",
    ]
    salad = " ".join(rng.choice(words) for _ in range(40_000))[:90_000]
    (tmp_path / "salad.txt").write_text("Headline\n" + salad, encoding="utf-8")
    (err,) = list(iter_inputs([str(tmp_path / "salad.txt")]))
    assert isinstance(err, InputError) and "not prose" in str(err) and "salad.txt" in str(err)
    # a run-on stretch inside real prose is left out of parsing; the sentences around it are kept
    prose = "Police arrested ten protesters in Nairobi on Monday. The march had been banned."
    text = f"{prose} {salad[:5_000]}. {prose}"
    pieces = [p for _, _, p in nlp.split_lines(text)]
    assert all(len(p) <= nlp.MAX_LINE and not nlp.RUN.search(p) for p in pieces)
    assert sum(p.count("Police arrested ten protesters") for p in pieces) == 2
    for _, start, piece in nlp.split_lines(text):
        assert text[start : start + len(piece)] == piece  # offsets still point into the article
