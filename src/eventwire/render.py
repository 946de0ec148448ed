"""Human-readable output of event records: one short card per event, readable in any terminal."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.console import Console
from rich.markup import escape


def _actor(a: dict[str, Any] | None, missing: str = "no target") -> str:
    if not a:
        return f"[dim]({missing})[/dim]"
    return f"{escape(a['name'])} [dim]\\[{a['code']}][/dim]"


def _place(loc: dict[str, Any] | None) -> str | None:
    if not loc:
        return None
    parts = [loc.get("city"), loc.get("admin1"), loc.get("country")]
    return ", ".join(dict.fromkeys(p for p in parts if p))


def card(r: dict[str, Any]) -> str:
    date = r["date"] or "undated"
    if r["date_precision"] == "article":
        date += " (article date)"
    if r["historical"]:
        date += " [yellow]historical[/yellow]"
    action = f"[bold]{r['cameo']['code']}[/bold] {escape(r['cameo']['name'])}"
    if r["plover"]["type"]:
        action += f" · {r['plover']['type']}" + (
            f"/{r['plover']['mode']}" if r["plover"]["mode"] else ""
        )
    facts = [p for p in [_place(r["location"])] if p]
    if r["killed"] is not None:
        facts.append(f"killed {r['killed']}")
    if r["injured"] is not None:
        facts.append(f"injured {r['injured']}")
    facts.append(f"{r['num_mentions']} mention{'s' if r['num_mentions'] != 1 else ''}")
    m = r["mentions"][0]
    sentence = m["sentence"] if len(m["sentence"]) <= 200 else m["sentence"][:197] + "..."
    return (
        f"[cyan]{date}[/cyan]  {_actor(r['source'], 'unknown source')} → {_actor(r['target'])}\n"
        f"    {action}\n    {escape(' · '.join(facts))}\n"
        f"    [dim]“{escape(sentence)}” (line {m['line']}; rule {escape(m['rule'])})[/dim]"
    )


def print_table(
    records: Iterable[dict[str, Any]], title: str = "events", console: Console | None = None
) -> None:
    con = console or Console()
    con.print(f"[bold]{escape(title)}[/bold]\n")
    for r in records:
        con.print(card(r), highlight=False)
        con.print()
