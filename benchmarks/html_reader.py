"""The HTML reader against saved news pages with their boilerplate (benchmarks/html_pages/).

    .venv/bin/python benchmarks/html_reader.py [--show]

34 pages written for the purpose (and 16 more written apart, never looked at while tuning the
reader: ``--pages benchmarks/html_pages_test``), each with navigation, tickers, cookie banners, captions,
related stories and comments around the article, much of it worded like event news; gold.jsonl
lists each page's article paragraphs and its boilerplate strings (see html_pages/README.md).

Two readers are compared on the same pages: the page reader (trafilatura, what `eventwire`
uses) and the fragment reader (every visible block but scripts, navigation, headers, footers,
asides and forms: what eventwire used for pages before). For each:

- **kept**: the share of the article's sentences found whole in the extracted text (goal >= 0.98);
- **boilerplate coded**: the share of boilerplate sentences from which the coder codes an event
  (goal 0), and the count of such false events;
- **metadata**: the share of pages whose title, publication date, site name and canonical URL
  match the gold (where the gold states one).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

from eventwire.ingest.pages import fragment_text, read_page
from eventwire.pipeline import events_of, make_article

HERE = Path(__file__).resolve().parent / "html_pages"
_SENT = re.compile(r"(?<=[.!?\"”])\s+(?=[A-Z\"“])")


def _norm(s: str) -> str:
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"')
    return re.sub(r"\s+", " ", s.replace("\u201d", '"')).strip()


def sentences(paragraph: str) -> list[str]:
    return [s for s in (_norm(x) for x in _SENT.split(paragraph)) if len(s) > 3]


def fragment_reader(html: str) -> dict[str, str | None]:
    title, text, published = fragment_text(html)
    return {"text": text, "title": title or None, "published": published, "site": None, "url": None}


def page_reader(html: str) -> dict[str, str | None]:
    p = read_page(html)
    return {
        "text": p.text,
        "title": p.title,
        "published": p.published,
        "site": p.site,
        "url": p.url,
    }


def measure(reader: str, show: bool = False, folder: Path = HERE) -> dict[str, float]:
    read = page_reader if reader == "page" else fragment_reader
    kept = total = 0
    bp_sentences = bp_coded = false_events = 0
    meta = {"title": [0, 0], "published": [0, 0], "site": [0, 0], "url": [0, 0]}
    t_read = 0.0
    pages = 0
    for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        g = json.loads(line)
        pages += 1
        html = (folder / g["file"]).read_text(encoding="utf-8")
        t0 = time.perf_counter()
        got = read(html)
        t_read += time.perf_counter() - t0
        text = _norm(got["text"] or "")
        for para in g["article"]:
            for s in sentences(para):
                total += 1
                if s in text:
                    kept += 1
                elif show:
                    print(f"[{reader}] {g['file']}: lost: {s[:100]}")
        boiler = [s for b in g["boilerplate"] for s in sentences(b)]
        article = {s for para in g["article"] for s in sentences(para)}
        boiler = [s for s in boiler if s not in article]
        bp_sentences += len(boiler)
        title = got["title"] or ""
        body = (
            f"{title}\n{got['text']}"
            if title and not (got["text"] or "").startswith(title)
            else got["text"]
        )
        events = events_of(make_article(body or "", None)) if (body or "").strip() else []
        coded: set[str] = set()
        for e in events:
            for m in e.mentions:
                sent = _norm(m.sentence)
                if sent in article or any(sent in a for a in article) or sent == _norm(title):
                    continue
                hit = [b for b in boiler if b in sent or sent in b]
                if hit:
                    false_events += 1
                    coded.update(hit)
                    if show:
                        print(f"[{reader}] {g['file']}: event from boilerplate: {sent[:100]}")
        bp_coded += len(coded)
        gold = {
            "title": g["title"],
            "published": g["published"],
            "site": g["site_name"],
            "url": g["url"],
        }
        for k, want in gold.items():
            if want is None:
                continue
            meta[k][1] += 1
            have = got[k] or ""
            meta[k][0] += (
                _norm(str(have))[:10] == want
                if k == "published"
                else _norm(str(have)) == _norm(want)
            )
    out = {
        "kept": kept / total,
        "article_sentences": total,
        "boilerplate_coded": bp_coded / bp_sentences,
        "boilerplate_sentences": bp_sentences,
        "false_events": false_events,
        "read_seconds_per_page": t_read / pages,
    }
    for k, (right, n) in meta.items():
        out[f"{k}_right"] = right / n if n else float("nan")
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--show", action="store_true", help="print each lost sentence and false event")
    p.add_argument(
        "--pages",
        type=Path,
        default=HERE,
        help="a folder of pages with gold.jsonl (html_pages_test: the held-out set)",
    )
    args = p.parse_args(argv)
    rows = {r: measure(r, args.show, args.pages) for r in ("page", "fragment")}
    print(f"{'':24} {'page (trafilatura)':>20} {'fragment (before)':>20}")
    for k in rows["page"]:
        a, b = rows["page"][k], rows["fragment"][k]
        fa = f"{a:.3f}" if isinstance(a, float) else str(a)
        fb = f"{b:.3f}" if isinstance(b, float) else str(b)
        print(f"{k:24} {fa:>20} {fb:>20}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
