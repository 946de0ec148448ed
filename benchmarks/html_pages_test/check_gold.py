"""Check gold.jsonl of the held-out HTML main-text set against its saved pages.

Run from the repository root::

    python benchmarks/html_pages_test/check_gold.py

Every gold string must be present in the page's visible text (entities decoded,
whitespace collapsed).  Visible text skips <head>, <script>, <style>, <noscript>,
<template>, <svg> and elements marked ``hidden`` or ``display:none``.  Block-level
tags and <br> split the text into segments: an article paragraph must equal one
segment exactly (and the paragraphs must come in page order); a boilerplate
string, the title and a site name must lie inside one segment, and no boilerplate
string may occur inside the article text (so its presence in an extractor's output
always signals boilerplate).  Standard library
only; prints OK at the end when everything passes.

Gold conventions: "article" holds the body paragraphs only (no headline, byline,
standfirst, captions or subheadings); "boilerplate" holds each distinct visible
non-article string once (tickers, captions, related and most-read headlines, comments,
banners, newsletter and paywall boxes, footer sentences, multi-word menu items).
Bylines, standfirsts, subheadings, usernames, timestamps and one-word menu items are in
neither list.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOLD = HERE / "gold.jsonl"
KEYS = ["file", "title", "published", "site_name", "url", "article", "boilerplate"]
PAGES = 16
MIN_BYTES, MAX_BYTES = 4 * 1024, 25 * 1024
MIN_PARAS, MAX_PARAS = 5, 14
NAME_RE = re.compile(r"^(\d\d)-[a-z0-9]+(?:-[a-z0-9]+)*\.html$")
DISPLAY_NONE = re.compile(r"display\s*:\s*none", re.I)
SEP = "\x1e"
SKIP = {"head", "script", "style", "noscript", "template", "svg", "title"}
# fmt: off
VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
    "param", "source", "track", "wbr",
}
BLOCK = {
    "address", "article", "aside", "blockquote", "body", "br", "button", "caption",
    "dd", "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure",
    "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html",
    "label", "legend", "li", "main", "menu", "nav", "ol", "option", "p", "pre",
    "section", "select", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
    "tr", "ul",
}
# fmt: on


def collapse(text: str) -> str:
    """Collapse every run of whitespace (including no-break spaces) to one space."""
    return " ".join(text.split())


class PageText(HTMLParser):
    """Collect visible text segments plus the metadata the gold fields rely on."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.hidden_tag: str | None = None
        self.hidden_depth = 0
        self.in_jsonld = False
        self.jsonld: list[str] = []
        self.canonical: str | None = None
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {k: (v or "") for k, v in attrs}
        self._note_metadata(tag, attr)
        if tag in VOID:
            if tag in ("br", "hr"):
                self._boundary()
            return
        if self.hidden_tag is not None:
            if tag == self.hidden_tag:
                self.hidden_depth += 1
            return
        if tag in SKIP:
            self.skip_depth += 1
            self.in_jsonld = tag == "script" and attr.get("type") == "application/ld+json"
            return
        if "hidden" in attr or DISPLAY_NONE.search(attr.get("style", "")):
            self.hidden_tag, self.hidden_depth = tag, 1
            return
        if tag in BLOCK or "-" in tag:
            self._boundary()

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if self.hidden_tag is not None:
            if tag == self.hidden_tag:
                self.hidden_depth -= 1
                if self.hidden_depth == 0:
                    self.hidden_tag = None
                    self._boundary()
            return
        if tag in SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
            self.in_jsonld = False
            return
        if tag in BLOCK or "-" in tag:
            self._boundary()

    def handle_data(self, data: str) -> None:
        if self.in_jsonld:
            self.jsonld.append(data)
        if self.skip_depth or self.hidden_tag is not None:
            return
        self.parts.append(data.replace(SEP, " "))

    def _boundary(self) -> None:
        self.parts.append(SEP)

    def _note_metadata(self, tag: str, attr: dict[str, str]) -> None:
        if tag == "link" and "canonical" in attr.get("rel", "").lower().split():
            self.canonical = attr.get("href")
        if tag == "meta":
            key = attr.get("property") or attr.get("name")
            if key and "content" in attr:
                self.meta[key.lower()] = attr["content"]

    def segments(self) -> list[str]:
        pieces = (collapse(s) for s in "".join(self.parts).split(SEP))
        return [p for p in pieces if p]


def date_forms(day: dt.date) -> list[str]:
    """Ways a page may state a date in its visible text."""
    month, short = day.strftime("%B"), day.strftime("%b")
    d, y = day.day, day.year
    return [
        f"{month} {d}, {y}",
        f"{d} {month} {y}",
        f"{short} {d}, {y}",
        f"{d} {short} {y}",
        f"{short}. {d}, {y}",
        f"{d:02d}.{day.month:02d}.{y}",
        f"{d:02d}/{day.month:02d}/{y}",
        f"{d}.{day.month}.{y}",
        f"{month} {d} {y}",
    ]


def check_strings(name: str, key: str, values: object, errors: list[str]) -> list[str]:
    if not isinstance(values, list) or not values:
        errors.append(f"{name}: {key} must be a non-empty list")
        return []
    good = []
    for value in values:
        if not isinstance(value, str) or not value:
            errors.append(f"{name}: {key} holds a non-string or empty item")
        elif value != collapse(value):
            errors.append(f"{name}: {key} item not whitespace-collapsed: {value[:60]!r}")
        else:
            good.append(value)
    if len(set(good)) != len(good):
        errors.append(f"{name}: {key} has duplicate items")
    return good


def check_article(name: str, paras: list[str], segs: list[str], errors: list[str]) -> None:
    if not MIN_PARAS <= len(paras) <= MAX_PARAS:
        errors.append(f"{name}: {len(paras)} article paragraphs, want {MIN_PARAS}-{MAX_PARAS}")
    last = -1
    for para in paras:
        where = [i for i, seg in enumerate(segs) if seg == para]
        if not where:
            errors.append(f"{name}: article paragraph is not a whole visible block: {para[:70]!r}")
            continue
        later = [i for i in where if i > last]
        if not later:
            errors.append(f"{name}: article paragraph out of page order: {para[:70]!r}")
            continue
        last = later[0]


def check_published(name: str, value: object, page: PageText, raw: str, errors: list[str]) -> None:
    if value is None:
        if "article:published_time" in page.meta:
            errors.append(f"{name}: published is null but article:published_time is set")
        return
    try:
        day = dt.date.fromisoformat(str(value))
    except ValueError:
        errors.append(f"{name}: published {value!r} is not YYYY-MM-DD")
        return
    if len(str(value)) != 10:
        errors.append(f"{name}: published {value!r} is not YYYY-MM-DD")
    visible = " ".join(page.segments())
    if str(value) not in raw and not any(form in visible for form in date_forms(day)):
        errors.append(f"{name}: published {value} is not stated on the page")


def check_site_and_url(
    name: str, row: dict[str, object], page: PageText, errors: list[str]
) -> None:
    site, url = row["site_name"], row["url"]
    og_site = page.meta.get("og:site_name")
    if site is None:
        if og_site:
            errors.append(f"{name}: site_name is null but og:site_name is {og_site!r}")
    elif not (
        site == og_site
        or any(site in seg for seg in page.segments())
        or f'"{site}"' in "".join(page.jsonld)
    ):
        errors.append(f"{name}: site_name {site!r} is not stated on the page")
    stated = {u for u in (page.canonical, page.meta.get("og:url")) if u}
    if url is None:
        if stated:
            errors.append(f"{name}: url is null but the page states {sorted(stated)}")
    elif url not in stated:
        errors.append(f"{name}: url {url!r} is neither the canonical link nor og:url")


def check_row(row: dict[str, object], errors: list[str]) -> tuple[int, int]:
    name = str(row.get("file"))
    if list(row) != KEYS:
        errors.append(f"{name}: keys are {list(row)}, want {KEYS}")
        return 0, 0
    path = HERE / name
    if not path.is_file():
        errors.append(f"{name}: file is missing")
        return 0, 0
    raw_bytes = path.read_bytes()
    if not MIN_BYTES <= len(raw_bytes) <= MAX_BYTES:
        errors.append(f"{name}: {len(raw_bytes)} bytes, want {MIN_BYTES}-{MAX_BYTES}")
    raw = raw_bytes.decode("utf-8")
    page = PageText()
    page.feed(raw)
    page.close()
    segs = page.segments()

    title = row["title"]
    if not isinstance(title, str) or not title or not any(title in seg for seg in segs):
        errors.append(f"{name}: title {title!r} is not in the visible text")
    paras = check_strings(name, "article", row["article"], errors)
    check_article(name, paras, segs, errors)
    boiler = check_strings(name, "boilerplate", row["boilerplate"], errors)
    for text in boiler:
        if not any(text in seg for seg in segs):
            errors.append(f"{name}: boilerplate not in the visible text: {text[:70]!r}")
    body = "\n".join(paras)
    for text in boiler:
        if text in body:
            errors.append(f"{name}: boilerplate string occurs in the article: {text[:70]!r}")
    check_published(name, row["published"], page, raw, errors)
    check_site_and_url(name, row, page, errors)
    return len(paras), len(boiler)


def main() -> int:
    errors: list[str] = []
    rows: list[dict[str, object]] = []
    with open(GOLD, encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                errors.append(f"gold.jsonl line {number} is blank")
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                errors.append(f"gold.jsonl line {number}: {exc}")
    names = [str(row.get("file")) for row in rows]
    on_disk = sorted(p.name for p in HERE.glob("*.html"))
    if sorted(names) != on_disk:
        errors.append(f"gold files {sorted(names)} differ from pages on disk {on_disk}")
    numbers = []
    for name in names:
        match = NAME_RE.match(name)
        if match is None:
            errors.append(f"{name}: file name is not NN-short-slug.html")
        else:
            numbers.append(int(match.group(1)))
    if numbers != list(range(1, PAGES + 1)):
        errors.append(f"pages are numbered {numbers}, want 01..{PAGES:02d} in order")
    paras = boiler = 0
    for row in rows:
        n_par, n_boil = check_row(row, errors)
        paras += n_par
        boiler += n_boil
    for error in errors:
        print("FAIL", error)
    if errors:
        print(f"{len(errors)} problem(s)")
        return 1
    print(f"{len(rows)} pages, {paras} article paragraphs, {boiler} boilerplate strings")
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
