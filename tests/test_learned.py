"""The learned layer on a tiny classifier trained here, in seconds, on sentences written for this
test (the real one is built by `make classifier` from corpus/sentences)."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest

from eventwire import nlp
from eventwire.extract.events import Extractor
from eventwire.extract.learned import ModelUse
from eventwire.pipeline import extractor, make_article

ROOT = Path(__file__).resolve().parent.parent
ARMIES = ["Ethiopian troops", "Sudanese soldiers", "Malian forces", "Yemeni fighters", "Libyan units"]
VERBS = ["pummelled", "hammered", "pounded", "battered"]
PLACES = ["rebel positions", "enemy trenches", "militia outposts", "border posts"]
QUIET = [
    "The museum reopened its east wing after a long renovation.",
    "Heavy rain is expected across the coast this weekend.",
    "The striker scored twice in the second half.",
    "Shares in the carmaker rose three percent on Monday.",
    "A new bridge over the river opened to traffic.",
    "The festival drew record crowds to the old town.",
    "Scientists described a new species of frog in the cloud forest.",
    "The airline added two weekly flights to the island.",
]


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("clf")
    corpus = tmp / "corpus"
    corpus.mkdir()
    rows = [
        {"text": f"{a} {v} {p} on {d}.", "cameo": ["190"], "shape": "active"}
        for (a, v, p), d in zip(
            itertools.product(ARMIES, VERBS, PLACES), itertools.cycle(["Monday", "Friday"])
        )
    ]
    rows += [{"text": q, "cameo": [], "shape": "negative"} for q in QUIET * 6]
    (corpus / "tiny.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    model = tmp / "model"
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "build_classifier.py"), "--corpus", str(corpus),
         "--out", str(tmp / "work"), "--model", str(model), "--max-steps", "200"],
        check=True, capture_output=True,
    )  # fmt: skip
    return model


@pytest.fixture()
def with_model(tiny_model, monkeypatch):
    monkeypatch.setenv("EVENTWIRE_CLASSIFIER_PATH", str(tiny_model))
    nlp.load_classifier.cache_clear()
    yield
    nlp.load_classifier.cache_clear()


def code(text: str, use: ModelUse) -> list[tuple[str | None, str, str | None, str]]:
    base = extractor()
    ex = Extractor(base.lex, base.actors, base.places, model_use=use)
    lines = nlp.annotate(text, known_verbs=ex.lex.verb_words)
    return [
        (m.source.country if m.source else None, m.action.cameo,
         m.target.country if m.target else None, m.rule)
        for m in ex.extract(make_article(text, dt.date(2025, 3, 12)), lines)
    ]  # fmt: skip


def test_the_build_writes_metrics_and_a_named_model(tiny_model):
    metrics = json.loads((tiny_model / "metrics.json").read_text())
    assert metrics["labels"]["EVENT"]["n"] > 0
    meta = json.loads((tiny_model / "meta.json").read_text())
    assert meta["name"] == "roots" and meta["version"].startswith("0.1.0+")


def test_fill_codes_a_sentence_the_rules_leave_silent_and_names_model_and_score(with_model):
    text = "Eritrean troops pummelled Ethiopian positions on Sunday."
    assert code(text, ModelUse()) == []  # no lexicon entry for "pummel"
    filled = code(text, ModelUse(fill_above=0.5))
    assert [(s, c[:2], t) for s, c, t, _ in filled] == [("ERI", "19", "ETH")]
    assert filled[0][3].startswith("model:roots-0.1.0+") and " R19=" in filled[0][3]


def test_fill_stays_silent_on_a_sentence_without_an_event(with_model):
    assert code("The choir sang carols in the cathedral.", ModelUse(fill_above=0.5)) == []


def test_veto_drops_a_rule_event_whose_root_the_model_rules_out(with_model):
    text = "Kenya hosted talks with Somalia on Monday."  # the tiny model knows no talks
    assert any(c.startswith("04") for _, c, _, _ in code(text, ModelUse()))
    assert not any(c.startswith("04") for _, c, _, _ in code(text, ModelUse(veto_below=0.9)))


def test_the_mode_is_read_from_the_environment(monkeypatch):
    monkeypatch.setenv("EVENTWIRE_CLASSIFIER", "on")
    monkeypatch.setenv("EVENTWIRE_CLASSIFIER_FILL", "0.7")
    assert ModelUse.from_env() == ModelUse(veto_below=0.05, fill_above=0.7)
    monkeypatch.setenv("EVENTWIRE_CLASSIFIER", "maybe")
    with pytest.raises(ValueError, match="off, veto, fill or on"):
        ModelUse.from_env()


@pytest.mark.parametrize(
    ("text", "done"),
    [
        ("Border guards detained twelve smugglers near the crossing.", True),
        # background in the past perfect, a promise and a denial are not filled
        ("The men had been held in military prisons for two years.", False),
        ("The two navies will hold a joint exercise in August.", False),
        ("The army did not shell the village.", False),
    ],
)
def test_the_fill_speaks_only_for_a_main_verb_told_as_done(text: str, done: bool) -> None:
    from eventwire.extract.learned import main_verb, told_as_done
    from eventwire.extract.lookups import Kit

    kit = extractor().kit
    assert isinstance(kit, Kit)
    sent = next(iter(nlp.load()(text).sents))
    verb = main_verb(kit, sent)
    assert verb is not None
    assert told_as_done(kit, verb) is done
