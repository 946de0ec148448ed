"""Event identity across articles, measured: do the reports of one real event end in one record,
and do look-alike events stay apart?

A cluster gold set is a folder with ``articles.jsonl`` (one article a line, the JSONL input
format) and ``gold.json``: the real events, each with the sentences (article id and an exact
quote) that report it, its date and its acceptable PLOVER types, and ``apart``, the pairs of events
that must never share a record. A folder of such folders is scored as one set.

The articles are coded once; then the coded records are stored into a fresh database in several
orders (the file order, then shuffles with fixed seeds, in batches of varying size), because the
store's merge must not depend on the order or batching of ingest. For each order:

- an **item** is a gold mention (one sentence of one article reporting one gold event). It is
  *coded* when a stored event holds a mention of that sentence whose event has one of the gold
  event's PLOVER types;
- **B-cubed** precision and recall of the clustering of items into records. The strict figures
  count an item that was not coded as a record of its own; the "coded items" figures leave such
  items out (a labelled view of the merge alone);
- **records per real event**: the number of records holding a gold event's coded items
  (goal 1.0);
- **false merges**: records holding coded items of two or more gold events, and violated
  ``apart`` pairs;
- **dates**: the share of gold events whose main record (the one with most of its items) has the
  gold date.
"""

from __future__ import annotations

import json
import random
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire.errors import InputError
from eventwire.model import Article

Coder = Callable[[list[Article]], list[tuple[Article, list[dict[str, Any]]]]]
SEEDS = (1, 2, 3, 4, 5)
BATCHES = (4, 7, 1, 16, 3)


@dataclass(frozen=True)
class GoldEvent:
    id: str
    date: str | None
    types: frozenset[str]
    main: bool
    mentions: tuple[tuple[str, str], ...]  # (article id, quote)


@dataclass
class ClusterGold:
    name: str
    articles: list[Article]
    events: list[GoldEvent]
    apart: list[tuple[str, str]]


def gold_folders(path: Path) -> list[Path]:
    """The cluster gold folders at or under ``path`` (a folder with gold.json and
    articles.jsonl, or a folder of them)."""
    if not path.is_dir():
        return []
    if (path / "gold.json").is_file() and (path / "articles.jsonl").is_file():
        return [path]
    return sorted(
        p
        for p in path.iterdir()
        if (p / "gold.json").is_file() and (p / "articles.jsonl").is_file()
    )


def is_cluster_gold(path: Path) -> bool:
    return bool(gold_folders(path))


def load(path: Path) -> ClusterGold:
    """All the cluster gold folders at or under ``path`` as one set; raises InputError naming the
    file for an article that does not read, a quote not found or an unknown event in ``apart``."""
    from eventwire.ingest import iter_inputs

    articles: list[Article] = []
    events: list[GoldEvent] = []
    apart: list[tuple[str, str]] = []
    for folder in gold_folders(path):
        for item in iter_inputs([str(folder / "articles.jsonl")]):
            if isinstance(item, InputError):
                raise item
            articles.append(item)
        texts = {a.id: a.text for a in articles}
        gpath = folder / "gold.json"
        raw = json.loads(gpath.read_text(encoding="utf-8"))
        ids = set()
        for e in raw["events"]:
            for m in e["mentions"]:
                if m["quote"] not in texts.get(m["article"], ""):
                    raise InputError(
                        str(gpath), f"{e['id']}: quote {m['quote']!r} not in {m['article']}"
                    )
            ids.add(e["id"])
            events.append(
                GoldEvent(
                    id=e["id"],
                    date=e.get("date"),
                    types=frozenset(e["plover_types"]),
                    main=bool(e.get("main", True)),
                    mentions=tuple((m["article"], m["quote"]) for m in e["mentions"]),
                )
            )
        for pair in raw.get("apart", []):
            a, b = pair[0], pair[1]
            if a not in ids or b not in ids:
                raise InputError(str(gpath), f"apart pair {a}, {b} names an unknown event")
            apart.append((a, b))
    return ClusterGold(path.name or str(path), articles, events, apart)


@dataclass
class OrderScore:
    order: str
    items: int
    coded: int
    b3_p: float
    b3_r: float
    b3_p_coded: float
    b3_r_coded: float
    records_per_event: float
    records_per_main_event: float
    false_merges: int
    apart_violations: int
    dates_right: float
    records: int
    partition: frozenset[frozenset[tuple[str, int, str]]] = field(repr=False)
    ids: frozenset[str] = field(repr=False)
    detail: list[dict[str, Any]] = field(default_factory=list, repr=False)

    def figures(self) -> dict[str, float | int]:
        return {
            "items": self.items,
            "coded": self.coded,
            "bcubed_precision": round(self.b3_p, 3),
            "bcubed_recall": round(self.b3_r, 3),
            "bcubed_precision_coded_items": round(self.b3_p_coded, 3),
            "bcubed_recall_coded_items": round(self.b3_r_coded, 3),
            "records_per_event": round(self.records_per_event, 3),
            "records_per_main_event": round(self.records_per_main_event, 3),
            "false_merges": self.false_merges,
            "apart_violations": self.apart_violations,
            "dates_right": round(self.dates_right, 3),
            "records": self.records,
        }


def _bcubed(gold_of: dict[int, str], sys_of: dict[int, str]) -> tuple[float, float]:
    if not gold_of:
        return 0.0, 0.0
    g_members: dict[str, set[int]] = defaultdict(set)
    s_members: dict[str, set[int]] = defaultdict(set)
    for i, g in gold_of.items():
        g_members[g].add(i)
        s_members[sys_of[i]].add(i)
    p = r = 0.0
    for i in gold_of:
        both = len(g_members[gold_of[i]] & s_members[sys_of[i]])
        p += both / len(s_members[sys_of[i]])
        r += both / len(g_members[gold_of[i]])
    return p / len(gold_of), r / len(gold_of)


def _assign(
    gold: ClusterGold, records: list[dict[str, Any]]
) -> tuple[dict[int, str], dict[int, dict[str, Any]]]:
    """Gold mentions (numbered) with their gold event, and the record each is coded in. A gold
    mention is coded by a stored mention of its sentence in a record of one of the gold event's
    PLOVER types. One stored mention codes one gold mention: where a sentence tells of two gold
    events and the coder found one, the other is missed (not a merge). Among several candidates
    a gold mention takes the record that holds most of its event's other mentions."""
    slots: dict[str, list[tuple[str, str, dict[str, Any]]]] = defaultdict(list)
    for rec in records:
        ptype = (rec.get("plover") or {}).get("type") or ""
        for m in rec["mentions"]:
            slot = f"{rec['event_id']}:{m['article_id']}:{m['line']}:{m.get('spans', {}).get('action')}"
            slots[m["article_id"]].append((slot, m["sentence"], rec | {"_type": ptype}))
    gold_of: dict[int, str] = {}
    cands: dict[int, list[tuple[str, dict[str, Any]]]] = {}
    n = 0
    for ev in gold.events:
        for aid, quote in ev.mentions:
            gold_of[n] = ev.id
            cands[n] = [
                (slot, rec)
                for slot, sentence, rec in slots.get(aid, [])
                if quote in sentence and rec["_type"] in ev.types
            ]
            n += 1
    reach: dict[str, Counter[str]] = defaultdict(Counter)  # gold event -> records it reaches
    for i, cs in cands.items():
        for rid in {rec["event_id"] for _, rec in cs}:
            reach[gold_of[i]][rid] += 1
    used: set[str] = set()
    record_of: dict[int, dict[str, Any]] = {}
    for i in sorted(cands, key=lambda i: (len(cands[i]), i)):
        free = [(slot, rec) for slot, rec in cands[i] if slot not in used]
        if not free:
            continue
        slot, rec = max(
            free, key=lambda c: (reach[gold_of[i]][c[1]["event_id"]], c[1]["num_mentions"], c[0])
        )
        used.add(slot)
        record_of[i] = {k: v for k, v in rec.items() if k != "_type"}
    return gold_of, record_of


def score_records(gold: ClusterGold, records: list[dict[str, Any]], order: str) -> OrderScore:
    """Score the stored records of one ingest order against the gold clusters."""
    gold_of, record_of = _assign(gold, records)
    sys_of = {i: record_of[i]["event_id"] if i in record_of else f"missed:{i}" for i in gold_of}
    coded = {i for i in gold_of if i in record_of}
    p, r = _bcubed(gold_of, sys_of)
    pc, rc = _bcubed({i: gold_of[i] for i in coded}, sys_of)
    per_event: dict[str, set[str]] = defaultdict(set)
    for i in coded:
        per_event[gold_of[i]].add(sys_of[i])
    mains = {e.id for e in gold.events if e.main}
    rpe = [len(v) for v in per_event.values()]
    rpm = [len(v) for k, v in per_event.items() if k in mains]
    events_in: dict[str, set[str]] = defaultdict(set)
    for i in coded:
        events_in[sys_of[i]].add(gold_of[i])
    false_merges = sum(1 for v in events_in.values() if len(v) > 1)
    violations = sum(1 for a, b in gold.apart if any(a in v and b in v for v in events_in.values()))
    right = 0
    dated = 0
    detail = []
    for ev in gold.events:
        mine = [i for i in coded if gold_of[i] == ev.id]
        row: dict[str, Any] = {
            "event": ev.id,
            "items": sum(1 for i in gold_of if gold_of[i] == ev.id),
            "coded": len(mine),
            "records": sorted(per_event.get(ev.id, set())),
        }
        if mine:
            top = Counter(sys_of[i] for i in mine).most_common(1)[0][0]
            rec = next(record_of[i] for i in mine if sys_of[i] == top)
            row["date"] = rec.get("date")
            dated += 1
            right += int(rec.get("date") == ev.date)
        row["gold_date"] = ev.date
        detail.append(row)
    partition = frozenset(
        frozenset(
            (m["article_id"], int(m["line"]), json.dumps(m["spans"].get("action")))
            for m in rec["mentions"]
        )
        for rec in records
    )
    return OrderScore(
        order=order,
        items=len(gold_of),
        coded=len(coded),
        b3_p=p,
        b3_r=r,
        b3_p_coded=pc,
        b3_r_coded=rc,
        records_per_event=sum(rpe) / len(rpe) if rpe else 0.0,
        records_per_main_event=sum(rpm) / len(rpm) if rpm else 0.0,
        false_merges=false_merges,
        apart_violations=violations,
        dates_right=right / dated if dated else 0.0,
        records=len(records),
        partition=partition,
        ids=frozenset(rec["event_id"] for rec in records),
        detail=detail,
    )


def orders(n_articles: int) -> list[tuple[str, list[int], int]]:
    """(name, article order, batch size): the file order in one batch, then shuffles."""
    out = [("file order", list(range(n_articles)), max(n_articles, 1))]
    for seed, batch in zip(SEEDS, BATCHES, strict=True):
        idx = list(range(n_articles))
        random.Random(seed).shuffle(idx)
        out.append((f"shuffle {seed}, batches of {batch}", idx, batch))
    return out


def store_in_order(
    coded: list[tuple[Article, list[dict[str, Any]]]], order: list[int], batch: int
) -> list[dict[str, Any]]:
    """Store the coded articles in ``order`` and ``batch``-sized batches into a fresh database
    file; returns every stored event record."""
    from eventwire.store import Store

    with (
        tempfile.TemporaryDirectory(prefix="eventwire-clusters-") as tmp,
        Store(Path(tmp) / "clusters.duckdb") as store,
    ):
        seq = [coded[i] for i in order]
        for k in range(0, len(seq), batch):
            part = [(a, json.loads(json.dumps(recs))) for a, recs in seq[k : k + batch]]
            store.add_records(part)
        return list(store.records())


@dataclass
class ClusterScore:
    name: str
    articles: int
    events: int
    main_events: int
    apart_pairs: int
    per_order: list[OrderScore]

    @property
    def invariant(self) -> bool:
        first = self.per_order[0]
        return all(
            o.partition == first.partition and o.ids == first.ids and o.figures() == first.figures()
            for o in self.per_order[1:]
        )

    def summary(self) -> dict[str, Any]:
        out: dict[str, Any] = dict(self.per_order[0].figures())
        out["articles"] = self.articles
        out["events"] = self.events
        out["order_invariant"] = self.invariant
        for key in ("bcubed_precision", "bcubed_recall", "records_per_event", "false_merges"):
            vals = [o.figures()[key] for o in self.per_order]
            out[f"{key}_range"] = [min(vals), max(vals)]
        return out


def score(gold: ClusterGold, code: Coder) -> ClusterScore:
    coded = code(gold.articles)
    per_order = [
        score_records(gold, store_in_order(coded, idx, batch), name)
        for name, idx, batch in orders(len(coded))
    ]
    return ClusterScore(
        name=gold.name,
        articles=len(gold.articles),
        events=len(gold.events),
        main_events=sum(1 for e in gold.events if e.main),
        apart_pairs=len(gold.apart),
        per_order=per_order,
    )


def report(s: ClusterScore) -> str:
    first = s.per_order[0]
    lines = [
        f"## Event identity across articles: {s.name}",
        "",
        f"{s.articles} articles, {s.events} real events ({s.main_events} main), "
        f"{s.apart_pairs} look-alike pairs that must stay apart; {first.items} gold mentions, "
        f"{first.coded} coded ({first.coded / max(first.items, 1):.0%}).",
        "",
        "| ingest order | B³ P | B³ R | B³ P (coded items) | B³ R (coded items) | records / event "
        "| records / main event | false merges | apart violated | dates right | records |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for o in s.per_order:
        lines.append(
            f"| {o.order} | {o.b3_p:.3f} | {o.b3_r:.3f} | {o.b3_p_coded:.3f} | {o.b3_r_coded:.3f} "
            f"| {o.records_per_event:.2f} | {o.records_per_main_event:.2f} | {o.false_merges} "
            f"| {o.apart_violations} | {o.dates_right:.2f} | {o.records} |"
        )
    lines += [
        "",
        "Strict B³ counts a gold mention the coder missed as a record of its own; the "
        '"coded items" columns (lenient, labelled) leave such mentions out.',
        f"Same records and event ids in every order: {'yes' if s.invariant else 'NO'}.",
        "",
        "| event | gold mentions | coded | records | record date | gold date |",
        "|---|---|---|---|---|---|",
    ]
    for row in first.detail:
        lines.append(
            f"| {row['event']} | {row['items']} | {row['coded']} | {len(row['records'])} "
            f"| {row.get('date') or '-'} | {row['gold_date'] or '-'} |"
        )
    return "\n".join(lines) + "\n"


def code_with_pipeline(articles: Iterable[Article]) -> list[tuple[Article, list[dict[str, Any]]]]:
    from eventwire.pipeline import code_articles

    return [(a, [e.to_dict() for e in events]) for a, events in code_articles(articles)]
