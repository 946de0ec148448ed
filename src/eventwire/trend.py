"""Dyad trends for people: a terminal chart, and a PNG plot (matplotlib, loaded only when asked)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

_BAR = "█"


def terminal_chart(series: list[dict[str, Any]], a: str, b: str, freq: str, width: int = 40) -> str:
    """One line per period: a bar for the number of events, the mean Goldstein and the QuadClass mix."""
    if not series:
        return f"no dated events between {a} and {b}"
    top = max(r["events"] for r in series)
    lines = [f"{a}–{b}: events per {freq} (bar), mean Goldstein, QuadClass 1/2/3/4", ""]
    for r in series:
        n = int(r["events"])
        bar = _BAR * max(1, round(width * n / top))
        mix = f"{r['q1']}/{r['q2']}/{r['q3']}/{r['q4']}"
        lines.append(
            f"{r['period'][:10]}  {bar:<{width}} {n:>4}  {r['goldstein_mean']:+6.2f}  {mix}"
        )
    return "\n".join(lines)


def plot_png(series: list[dict[str, Any]], a: str, b: str, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    periods = [r["period"][:10] for r in series]
    fig, ax = plt.subplots(figsize=(9, 4), dpi=100)
    ax.bar(periods, [r["events"] for r in series], color="#4c78a8", label="events")
    ax.set_ylabel("events")
    ax2 = ax.twinx()
    ax2.plot(
        periods,
        [r["goldstein_mean"] for r in series],
        color="#e45756",
        marker="o",
        label="mean Goldstein",
    )
    ax2.set_ylim(-10.5, 10.5)
    ax2.axhline(0, color="#999", linewidth=0.5)
    ax2.set_ylabel("mean Goldstein")
    ax.set_title(f"{a}–{b}")
    ax.tick_params(axis="x", labelrotation=45)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
