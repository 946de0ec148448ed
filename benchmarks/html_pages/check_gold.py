#!/usr/bin/env python3
"""Consistency check for the HTML main-text extraction benchmark.

Verifies that gold.jsonl matches the saved pages in this directory:

* every NN-slug.html page has exactly one gold record and vice versa;
* records have exactly the keys file/title/published/site_name/url/article/boilerplate
  with the right types; pages are 4-25 KB; articles have 5-14 paragraphs;
* the title and every "article" and "boilerplate" string occur in the page's
  visible text, inside a single text block (see below);
* no string is listed both as article and as boilerplate, and no article
  paragraph is listed twice;
* "published" is a real date that the page states in some common format,
  "url" is the page's canonical link or og:url, and "site_name" is stated
  in the visible text or in the page metadata.

Visible text: the text of <body> without script/style/template/noscript
content, HTML entities decoded. A new text block starts at every block-level
element boundary (p, div, li, td, h1-h6, figcaption, blockquote, ...) and at
<br>; inline elements (a, span, em, b, time, ...) do not break the text.
Whitespace inside a block is collapsed to single spaces.

Standard library only. Usage: python3 check_gold.py   (exit status 1 on failure)
"""
import datetime
import json
import os
import re
import sys
from html.parser import HTMLParser

HERE = os.path.dirname(os.path.abspath(__file__))
KEYS = {"file", "title", "published", "site_name", "url", "article", "boilerplate"}
BLOCK = set(["address", "article", "aside", "blockquote", "body", "br", "button", "center", "dd", "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "label", "legend", "li", "main", "marquee", "nav", "ol", "option", "p", "pre", "section", "summary", "table", "tbody", "thead", "tfoot", "td", "th", "tr", "ul", "amp-carousel"])
SKIP = {"script", "style", "template", "noscript", "head", "title"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def collapse(s):
    return " ".join(s.split())


class VisibleText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip = [], 0
        self.canonical, self.og = [], {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and (a.get("rel") or "").lower() == "canonical":
            self.canonical.append(a.get("href"))
        if tag == "meta" and a.get("property"):
            self.og.setdefault(a["property"], []).append(a.get("content"))
        if tag in SKIP and tag not in VOID:
            self.skip += 1
        elif tag in BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in SKIP and tag not in VOID:
            self.skip = max(0, self.skip - 1)

    def handle_endtag(self, tag):
        if tag in SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)

    def blocks(self):
        return [b for b in (collapse(x) for x in "".join(self.parts).split("\n")) if b]


def date_forms(d):
    """Common ways a page can state date d."""
    months = ["January", "February", "March", "April", "May", "June", "July",
              "August", "September", "October", "November", "December"]
    m, m3 = months[d.month - 1], months[d.month - 1][:3]
    day = d.day
    suf = "th" if 11 <= day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return [d.isoformat(), f"{m} {day}, {d.year}", f"{m3} {day}, {d.year}", f"{day} {m} {d.year}",
            f"{day} {m3} {d.year}", f"{day} {m3}, {d.year}", f"{m} {day}{suf} {d.year}",
            f"{day:02d}/{d.month:02d}/{d.year}", f"{d.year}.{d.month:02d}.{day:02d}",
            f"{day:02d}.{d.month:02d}.{d.year}", f"{d.year}{d.month:02d}{day:02d}"]


def check_record(rec, errors):
    fn = rec.get("file")
    def err(msg):
        return errors.append(f"{fn}: {msg}")
    if set(rec) != KEYS:
        err(f"keys {sorted(rec)} != {sorted(KEYS)}")
        return
    path = os.path.join(HERE, fn)
    if not os.path.isfile(path):
        err("file missing")
        return
    with open(path, "rb") as fh:
        raw_bytes = fh.read()
    if not 4 * 1024 <= len(raw_bytes) <= 25 * 1024:
        err(f"size {len(raw_bytes)} bytes outside 4-25 KB")
    raw = raw_bytes.decode("utf-8")
    p = VisibleText()
    p.feed(raw)
    p.close()
    blocks = p.blocks()
    full = " ".join(blocks)

    if not isinstance(rec["title"], str) or not rec["title"]:
        err("title must be a non-empty string")
    if not isinstance(rec["article"], list) or not all(isinstance(x, str) and x for x in rec["article"]):
        err("article must be a list of non-empty strings")
        return
    if not isinstance(rec["boilerplate"], list) or not all(isinstance(x, str) and x for x in rec["boilerplate"]):
        err("boilerplate must be a list of non-empty strings")
        return
    if not 5 <= len(rec["article"]) <= 14:
        err(f"{len(rec['article'])} article paragraphs, expected 5-14")

    for kind, strings in (("title", [rec["title"]]), ("article", rec["article"]), ("boilerplate", rec["boilerplate"])):
        for s in strings:
            if s != collapse(s):
                err(f"{kind} string not whitespace-collapsed: {s[:60]!r}")
            if not any(s in b for b in blocks):
                where = "spans several text blocks" if s in full else "not in visible text"
                err(f"{kind} string {where}: {s[:80]!r}")

    both = set(rec["article"]) & set(rec["boilerplate"])
    if both:
        err(f"strings listed as both article and boilerplate: {sorted(both)[:3]}")
    if len(set(rec["article"])) != len(rec["article"]):
        err("duplicate article paragraph")
    if rec["title"] in rec["article"]:
        err("title listed as an article paragraph")

    pub = rec["published"]
    if pub is not None:
        try:
            d = datetime.date.fromisoformat(pub)
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", pub):
                raise ValueError
        except (TypeError, ValueError):
            err(f"published {pub!r} is not YYYY-MM-DD")
        else:
            if not any(f in raw for f in date_forms(d)):
                err(f"published {pub} not stated in the page in any known format")

    url = rec["url"]
    if url is not None:
        stated = [u for u in p.canonical + p.og.get("og:url", []) if u]
        if url not in stated:
            err(f"url {url!r} is neither canonical link nor og:url ({stated})")

    site = rec["site_name"]
    if site is not None:
        meta = p.og.get("og:site_name", [])
        if site not in full and site not in meta and f'"name":"{site}"' not in raw.replace('": "', '":"'):
            err(f"site_name {site!r} not stated on the page")


def main():
    errors = []
    gold_path = os.path.join(HERE, "gold.jsonl")
    records = []
    with open(gold_path, encoding="utf-8") as f:
        for i, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as e:
                errors.append(f"gold.jsonl line {i}: {e}")
    pages = sorted(fn for fn in os.listdir(HERE) if fn.endswith(".html"))
    for fn in pages:
        if not re.fullmatch(r"\d{2}-[a-z0-9-]+\.html", fn):
            errors.append(f"{fn}: name does not match NN-short-slug.html")
    listed = [r.get("file") for r in records]
    for fn in sorted(set(pages) - set(listed)):
        errors.append(f"{fn}: page has no gold record")
    for fn in sorted(set(listed) - set(pages)):
        errors.append(f"{fn}: gold record without page")
    for fn in sorted({x for x in listed if listed.count(x) > 1}):
        errors.append(f"{fn}: more than one gold record")
    for rec in records:
        check_record(rec, errors)

    n_par = sum(len(r.get("article", [])) for r in records)
    n_bp = sum(len(r.get("boilerplate", [])) for r in records)
    print(f"{len(records)} records, {len(pages)} pages, {n_par} article paragraphs, {n_bp} boilerplate strings")
    if errors:
        print(f"FAILED: {len(errors)} problem(s)")
        for e in errors:
            print("  " + e)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
