"""`eventwire watch` against feeds and pages served from 127.0.0.1: slow, failing, garbage and
changing sources, conditional GET, per-host pacing, and a watcher killed mid-cycle."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from eventwire.fetch import Fetcher
from eventwire.store import Store
from eventwire.watch import Watcher, parse_every

STORIES = {
    "a1": (
        "Chile and Peru sign fishing accord",
        "Chile and Peru signed a fishing accord in Lima on Monday, ending a dispute over "
        "anchovy quotas that had lasted two years. The foreign ministers of both countries "
        "attended the ceremony.",
    ),
    "a2": (
        "Police detain opposition activists in Minsk",
        "Belarusian police detained twelve opposition activists in Minsk on Monday as they "
        "gathered outside the central court, witnesses said. The activists had called for the "
        "release of political prisoners.",
    ),
    "a3": (
        "Kenya recalls envoy from Uganda",
        "Kenya recalled its ambassador from Uganda on Monday after a row over the seizure of "
        "fishing boats on Lake Victoria. The Kenyan foreign ministry said the recall was for "
        "consultations.",
    ),
    "a4": (
        "Thai troops clash with Cambodian soldiers",
        "Thai troops clashed with Cambodian soldiers near a disputed temple on the border on "
        "Monday, the Thai army said. Two soldiers were wounded in the exchange of fire.",
    ),
    "b1": (
        "Ghana and Togo agree to joint patrols",
        "Ghana and Togo agreed on Monday to hold joint border patrols against armed groups, the "
        "two governments said after talks in Accra.",
    ),
    "b2": (
        "Nepal bans rallies in Kathmandu",
        "Nepal's government banned all rallies in central Kathmandu on Monday after two days of "
        "violent protests by supporters of the former king.",
    ),
}


def page(key: str) -> bytes:
    title, text = STORIES[key]
    return (
        f"<html><head><title>{title} | Wire</title><meta property='article:published_time' "
        f"content='2024-06-03'></head><body><nav><a href='/'>Home</a> World Politics</nav>"
        f"<div class='ticker'>BREAKING: Rebels storm army base in the north</div><article>"
        f"<h1>{title}</h1><p>{text}</p><p>Officials gave no further details.</p></article>"
        f"<aside><h3>Related</h3><p>Army shells rebel positions near the capital</p></aside>"
        f"</body></html>"
    ).encode()


def feed(keys: list[str], base: str) -> bytes:
    items = "".join(
        f"<item><title>{STORIES[k][0]}</title><link>{base}/{k}</link><guid>{base}/{k}</guid>"
        f"<pubDate>Mon, 03 Jun 2024 09:00:00 GMT</pubDate><description>short</description></item>"
        for k in keys
    )
    return f"<?xml version='1.0'?><rss version='2.0'><channel><title>w</title>{items}</channel></rss>".encode()


class Site:
    """What the test server serves, changed by the tests as they go."""

    def __init__(self) -> None:
        self.feeds: dict[str, list[str]] = {
            "/feed.xml": ["a1", "a2", "a3"],
            "/feed2.xml": ["b1", "b2"],
        }
        self.fail_once: set[str] = set()  # paths that answer 503 once, then work
        self.hang: dict[str, float] = {}  # path -> seconds to wait before answering
        self.requests: list[tuple[float, str, dict[str, str]]] = []
        self.reached = threading.Event()  # set when a hanging path is asked for


SITE = Site()


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the http.server name
        path = self.path
        SITE.requests.append((time.monotonic(), path, dict(self.headers)))
        if path in SITE.hang:
            SITE.reached.set()
            time.sleep(SITE.hang[path])
        if path in SITE.fail_once:
            SITE.fail_once.discard(path)
            self._send(503, b"busy", "text/plain", {"Retry-After": "0"})
            return
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        if path in SITE.feeds:
            body = feed(SITE.feeds[path], base)
            etag = f'"{len(SITE.feeds[path])}"'
            if self.headers.get("If-None-Match") == etag:
                self._send(304, b"", "application/rss+xml", {"ETag": etag})
                return
            self._send(200, body, "application/rss+xml", {"ETag": etag})
        elif path.lstrip("/") in STORIES:
            self._send(200, page(path.lstrip("/")), "text/html; charset=utf-8")
        elif path == "/garbage":
            self._send(200, bytes(range(256)) * 40, "application/octet-stream")
        else:
            self._send(404, b"not here", "text/plain")

    def _send(
        self, code: int, body: bytes, ctype: str, headers: dict[str, str] | None = None
    ) -> None:
        try:
            self.send_response(code)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture()
def site() -> Iterator[str]:
    global SITE
    SITE = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def _fast(**kw: Any) -> Fetcher:
    return Fetcher(**({"timeout": 2.0, "per_host": 0.0, "retries": 2, "backoff": 0.05} | kw))


def _stored(db: Path) -> list[tuple[str, str]]:
    with Store(db, read_only=True) as s:
        return sorted(s.con.execute("SELECT title, url FROM articles").fetchall())


def test_a_cycle_follows_items_to_their_pages_and_survives_bad_sources(
    site: str, tmp_path: Path
) -> None:
    db = tmp_path / "w.duckdb"
    SITE.fail_once.add("/a3")  # a 503 that a retry gets past
    lines: list[str] = []
    sources = [
        f"{site}/feed.xml",
        f"{site}/garbage",
        "http://127.0.0.1:9/down.xml",
        f"{site}/missing",
        f"{site}/b1",
    ]
    with Store(db) as store:
        w = Watcher(store, sources, _fast(retries=1), log=lines.append)
        rep = w.cycle()
    assert rep.stored == 4 and rep.events >= 3, lines  # a1-a3 through the feed, b1 as a page
    assert set(rep.down) == {f"{site}/garbage", "http://127.0.0.1:9/down.xml", f"{site}/missing"}
    titles = [t for t, _ in _stored(db)]
    assert sorted(titles) == sorted(STORIES[k][0] for k in ("a1", "a2", "a3", "b1"))
    with Store(db, read_only=True) as s:
        text = " ".join(r[0] for r in s.con.execute("SELECT text FROM articles").fetchall())
    assert "Rebels storm" not in text and "Army shells" not in text  # page furniture left out
    said = "\n".join(lines)
    assert "/garbage" in said and "down.xml" in said and "HTTP 404" in said and "cycle 1:" in said
    ua = {h.get("User-Agent", "") for _, _, h in SITE.requests}
    assert all(u.startswith("eventwire/") for u in ua)


def test_unchanged_feeds_are_not_fetched_again_and_new_items_are(site: str, tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    with Store(db) as store:
        w = Watcher(store, [f"{site}/feed.xml"], _fast(), log=lambda _: None)
        assert w.cycle().stored == 3
        SITE.requests.clear()
        again = w.cycle()
        assert again.unchanged == 1 and again.stored == 0
        assert [p for _, p, _ in SITE.requests] == ["/feed.xml"]  # a 304, no page fetched
        assert SITE.requests[0][2].get("If-None-Match") == '"3"'
        SITE.feeds["/feed.xml"].append("a4")  # the feed changes
        SITE.requests.clear()
        third = w.cycle()
        assert third.stored == 1 and third.skipped == 3
        assert [p for _, p, _ in SITE.requests] == ["/feed.xml", "/a4"]


def test_a_page_that_times_out_is_tried_again_next_cycle(site: str, tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    SITE.hang["/a2"] = 1.5
    with Store(db) as store:
        w = Watcher(store, [f"{site}/feed.xml"], _fast(timeout=0.5, retries=0), log=lambda _: None)
        first = w.cycle()
        assert first.stored == 2 and first.pending == 1
        del SITE.hang["/a2"]
        second = w.cycle()  # the feed is unchanged, but its validators were not kept: fetched
        assert second.stored == 1 and second.pending == 0 and second.unchanged == 0
    assert len(_stored(db)) == 3


def test_requests_to_one_host_are_paced(site: str, tmp_path: Path) -> None:
    with Store(tmp_path / "w.duckdb") as store:
        Watcher(store, [f"{site}/feed.xml"], _fast(per_host=0.3), log=lambda _: None).cycle()
    times = [t for t, _, _ in SITE.requests]
    assert len(times) == 4 and all(b - a >= 0.29 for a, b in zip(times, times[1:], strict=False))


def test_folders_and_feed_files_are_watched_too(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "one.txt").write_text(STORIES["a1"][0] + "\n" + STORIES["a1"][1], encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"\x00\x01" * 300)
    db = tmp_path / "w.duckdb"
    with Store(db) as store:
        w = Watcher(store, [str(folder)], _fast(), log=lambda _: None, published=None)
        first = w.cycle()
        assert first.stored == 1 and first.refused == 1
        (folder / "two.txt").write_text(
            STORIES["b2"][0] + "\n" + STORIES["b2"][1], encoding="utf-8"
        )
        second = w.cycle()
        assert second.stored == 1 and second.skipped >= 1


def test_the_demo_feed_is_watched(tmp_path: Path) -> None:
    """`make demo` watches examples/watch once: a feed file whose items carry their text."""
    root = Path(__file__).resolve().parents[1]
    with Store(tmp_path / "w.duckdb") as store:
        w = Watcher(store, [str(root / "examples" / "watch")], _fast(), log=lambda _: None)
        rep = w.cycle()
        assert rep.stored == 4 and rep.events >= 4 and not rep.down
        assert w.cycle().skipped == 4  # the second cycle finds nothing new


def test_every_takes_units() -> None:
    assert parse_every("5m") == 300 and parse_every("90") == 90 and parse_every("2h") == 7200
    with pytest.raises(Exception, match="--every"):
        parse_every("soon")


def test_a_watcher_killed_mid_cycle_resumes_without_repeating_or_losing(
    site: str, tmp_path: Path
) -> None:
    db = tmp_path / "w.duckdb"
    SITE.hang["/b2"] = 60  # the second feed's last page hangs: the watcher is killed there
    cmd = [sys.executable, "-m", "eventwire", "watch", f"{site}/feed.xml", f"{site}/feed2.xml",
           "--db", str(db), "--cycles", "1", "--per-host", "0", "--timeout", "30"]  # fmt: skip
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )
    try:
        assert SITE.reached.wait(120), "the watcher never reached the hanging page"
        time.sleep(0.3)
        os.killpg(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(30)
    assert proc.returncode == -signal.SIGKILL
    before = _stored(db)
    assert len(before) == 3  # the first feed's items were stored before the kill
    del SITE.hang["/b2"]
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    after = _stored(db)
    assert len(after) == 5 and len({u for _, u in after}) == 5, after  # none lost, none twice
    assert "cycle 1:" in res.stderr and "2 articles stored" in res.stderr, res.stderr
    with Store(db, read_only=True) as s:
        dup = s.con.execute(
            "SELECT count(*) FROM (SELECT event_id, article_id, line, sentence, count(*) n "
            "FROM mentions GROUP BY ALL HAVING n > 1)"
        ).fetchall()[0][0]
        items = s.con.execute("SELECT count(*) FROM watch_items").fetchall()[0][0]
    assert dup == 0 and items == 5
