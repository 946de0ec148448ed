"""The command line: a thin shell over the library (argument parsing and printing only)."""

from __future__ import annotations

import datetime as dt
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from eventwire import evaluate as ev
from eventwire.config import Settings, samples_dir
from eventwire.errors import EventwireError
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
    if fmt is Format.jsonl:
        for r in records:
            sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
    else:
        print_table(
            records, title=f"{len(records)} events from {rep.articles} articles", console=out
        )
    _report_errors(rep)
    if rep.errors and not rep.articles:
        raise typer.Exit(1)


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, or - for stdin.")],
    db: DbOpt = DEFAULT_DB,
    published: PubOpt = None,
) -> None:
    """Code articles and store their events; articles already stored are skipped."""
    with Store(db) as store:
        rep = ingest_paths(store, paths, _date(published), Settings.from_env().batch_size)
        total = store.count()
    err.print(
        f"{rep.articles} articles coded, {rep.skipped} already stored, {rep.events} events "
        f"added; {total} events in {db}",
        highlight=False,
    )
    _report_errors(rep)


@app.command()
def query(
    db: DbOpt = DEFAULT_DB,
    limit: Annotated[int, typer.Option(help="Most events to show.")] = 50,
    fmt: Annotated[Format, typer.Option("--format")] = Format.table,
) -> None:
    """Show stored events, newest first."""
    with Store(db, read_only=True) as store:
        records = list(store.records(limit))
    if fmt is Format.jsonl:
        for r in records:
            sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
    else:
        print_table(records, title=f"{len(records)} events in {db}", console=out)


@app.command()
def demo(db: DbOpt = DEFAULT_DB) -> None:
    """Code the sample articles shipped with eventwire into the database and print the events."""
    folder = samples_dir()
    if not folder.is_dir():
        raise typer.BadParameter(f"no samples folder at {folder} (set EVENTWIRE_SAMPLES)")
    with Store(db) as store:
        rep = ingest_paths(store, [str(folder)])
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
def evaluate(
    gold: Annotated[
        list[Path],
        typer.Argument(
            help="Gold files: seed format (*.expected.jsonl, or folders of them) or "
            "PLOVER gold records (*.jsonl with text and plover fields)."
        ),
    ],
    report_path: Annotated[
        Path | None, typer.Option("--report", help="Write the Markdown report here.")
    ] = None,
) -> None:
    """Score the coder against gold files and print a report."""
    from eventwire import evaluate_gsr as gsr
    from eventwire.pipeline import events_of, make_article

    files: list[Path] = []
    for g in gold:
        if not g.exists():
            raise typer.BadParameter(f"{g}: no such file or folder")
        files += sorted(g.glob("*.expected.jsonl")) if g.is_dir() else [g]
    parts = []
    seed_files = [f for f in files if f.name.endswith(".expected.jsonl")]
    for f in files:
        if f not in seed_files and gsr.is_gsr(f):
            score = gsr.score_gsr(
                gsr.load_gsr(f), lambda text: [e.to_dict() for e in events_of(make_article(text))]
            )
            parts.append(gsr.report_gsr(f.name, score))
    if seed_files:
        scores = []
        for f in seed_files:
            ga = ev.load_seed_gold(f)
            article = make_article(
                ga.text_path.read_text(encoding="utf-8"), ga.published, origin=str(ga.text_path)
            )
            records = [e.to_dict() for e in events_of(article)]
            scores.append(ev.score_article(ga.text_path.name, records, ga.gold, article.text))
        parts.append(ev.report(scores))
    text = "\n".join(parts)
    out.print(text, markup=False, highlight=False, soft_wrap=True)
    if report_path:
        report_path.write_text(text, encoding="utf-8")


def main() -> None:
    try:
        app()
    except EventwireError as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        raise SystemExit(2) from None


if __name__ == "__main__":
    main()
