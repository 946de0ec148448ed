"""The accuracy gate: strict figures on the development sets and the frozen test set may not fall
below the floors pinned in quality_floors.json by more than its margin. Quality can rise freely
(raise the floor in the commit that earns it); it cannot fall silently."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

from eventwire import evaluate as ev
from eventwire import evaluate_clusters as ec
from eventwire import evaluate_gsr as gsr
from eventwire import evaluate_sentences as sg
from eventwire.evaluate_report import summary
from eventwire.pipeline import events_of, make_article

FLOORS = json.loads((Path(__file__).parent / "quality_floors.json").read_text(encoding="utf-8"))


def _code(text: str, published: dt.date | None = None, origin: str = "") -> list[dict[str, Any]]:
    return [e.to_dict() for e in events_of(make_article(text, published, origin=origin))]


def geoparse_figures(path: Path, split: str) -> dict[str, Any]:
    """What `python benchmarks/geoparse.py` gives for one half of the geoparsing benchmark."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("geoparse", ROOT / "benchmarks" / "geoparse.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rows = [json.loads(ln) for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    return dict(module.measure(rows)[split])


def strict_figures(path: Path, split: str | None = None) -> dict[str, Any]:
    """What `eventwire evaluate PATH --json` gives for one gold set (for the geoparsing
    benchmark, what `benchmarks/geoparse.py` gives for one half)."""
    if split is not None:
        return geoparse_figures(path, split)
    if ec.is_cluster_gold(path):
        return ec.score(ec.load(path), ec.code_with_pipeline).summary()
    if path.is_dir() and sg.is_sentence_gold(path):
        return sg.score(sg.load(path), lambda text, published: _code(text, published)).summary()
    if path.is_dir():
        return summary(ev.score_seed_files(sorted(path.glob("*.expected.jsonl")), _code))
    return gsr.score_gsr(gsr.load_gsr(path), _code).summary()


def breaches(figures: dict[str, Any], spec: dict[str, Any], margin: float) -> list[str]:
    out = []
    for name, floor in spec.get("floors", {}).items():
        if figures[name] < floor - margin:
            out.append(f"{name} {figures[name]:.3f} < floor {floor} - margin {margin}")
    for name, ceiling in spec.get("ceilings", {}).items():
        if figures[name] > ceiling:
            out.append(f"{name} {figures[name]} > ceiling {ceiling}")
    return out


@pytest.mark.parametrize("name", sorted(FLOORS["sets"]))
def test_quality_does_not_fall(name: str) -> None:
    spec = FLOORS["sets"][name]
    path = (ROOT / spec["path"]).resolve()
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"gold set {name} not found at {path}: CI must measure it")
        pytest.skip(f"gold set {name} not found at {path} (shared/ is not beside this checkout)")
    figures = strict_figures(path, spec.get("split"))
    bad = breaches(figures, spec, FLOORS["margin"])
    assert not bad, f"strict quality on {name} fell: {'; '.join(bad)} (figures: {figures})"


def test_the_gate_fails_on_a_drop() -> None:
    spec = {"floors": {"f1": 0.8}, "ceilings": {"must_not": 0}}
    assert breaches({"f1": 0.79, "must_not": 0}, spec, 0.02) == []
    assert breaches({"f1": 0.77, "must_not": 0}, spec, 0.02) == ["f1 0.770 < floor 0.8 - margin 0.02"]
    assert breaches({"f1": 0.9, "must_not": 1}, spec, 0.02) == ["must_not 1 > ceiling 0"]


TEST_SET = ROOT / "samples" / "test"
FROZEN = [TEST_SET, ROOT / "samples" / "outlets" / "test", ROOT / "corpus" / "frozen"]


@pytest.mark.parametrize("folder", FROZEN, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_frozen_test_set_is_unchanged(folder: Path) -> None:
    """Every file of a frozen test set matches the sha256 recorded when it was written; a gold
    file edited after the coder saw its article would no longer be a held-out measure."""
    import hashlib

    recorded = {}
    for line in (folder / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        digest, name = line.split(maxsplit=1)
        recorded[name.lstrip("*")] = digest
    present = {
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and p.name != "SHA256SUMS"
    }
    assert present == set(recorded), "files added to or removed from the frozen test set"
    for name, digest in recorded.items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, name


def test_frozen_test_set_covers_what_it_promises() -> None:
    """At least 40 articles, 25 countries, all 16 PLOVER types, statements, historical events,
    must_not traps with patterns, and articles with no political event."""
    golds = [ev.load_seed_gold(f) for f in sorted(TEST_SET.glob("*.expected.jsonl"))]
    lines = [g for ga in golds for g in ga.gold]
    countries = set()
    for g in lines:
        for side in ("source", "target"):
            s = g.get(side) or {}
            countries |= {c for c in [s.get("country"), *(s.get("country_any") or [])] if c}
    types = set()
    for g in lines:
        act = g["action"]
        types |= {t for t in [act.get("plover"), *(act.get("plover_any") or [])] if t}
    assert len(golds) >= 40
    assert len(countries) >= 25, sorted(countries)
    assert len(types) == 16, sorted(types)
    assert any(g["action"].get("plover", "x") is None for g in lines)  # CAMEO 01 statements
    assert any(g.get("historical") for g in lines)
    assert sum(not ga.gold for ga in golds) >= 2  # articles with no political event
    assert all(any(r.pattern for r in ga.must_not) for ga in golds)
