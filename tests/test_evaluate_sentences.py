"""Sentence-level gold: silence, false alarms and strict root matching, with a stand-in coder."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from eventwire import evaluate_sentences as sg
from eventwire.errors import InputError


def ev(root: str) -> dict:
    return {"cameo": {"root": root}}


def gold(tmp_path, rows):
    p = tmp_path / "g.jsonl"
    p.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    return sg.load(p)


def test_silence_false_alarms_and_strict_roots(tmp_path):
    rows = [
        {"text": "a", "cameo": ["190", "111"]},  # one found, one missed
        {"text": "b", "cameo": ["173"]},  # silent
        {"text": "c", "cameo": []},  # false alarm
        {"text": "d", "cameo": ["042"]},  # found twice: the second is an error
    ]
    coded = {"a": [ev("19")], "b": [], "c": [ev("01")], "d": [ev("04"), ev("04")]}
    s = sg.score(gold(tmp_path, rows), lambda t, _: coded[t])
    assert (s.with_event, s.silent, s.without_event, s.false_alarms) == (3, 1, 1, 1)
    assert (s.tp, s.fp, s.fn) == (2, 2, 2)
    assert s.summary()["silence"] == round(1 / 3, 4)
    assert 0 < s.quad_macro_f1 < 1


def test_a_perfect_coder_scores_one(tmp_path):
    rows = [{"text": "a", "cameo": ["190"]}, {"text": "b", "cameo": []}]
    s = sg.score(gold(tmp_path, rows), lambda t, _: [ev("19")] if t == "a" else [])
    assert (s.precision, s.recall, s.silence, s.false_alarm_rate) == (1.0, 1.0, 0.0, 0.0)


def test_bad_lines_name_file_and_line(tmp_path):
    p = tmp_path / "g.jsonl"
    p.write_text('{"text": "a", "cameo": ["190"]}\n{"text": "b", "cameo": ["999"]}\n')
    with pytest.raises(InputError, match="g.jsonl:2"):
        sg.load(p)
    assert sg.is_sentence_gold(p) and sg.is_sentence_gold(tmp_path)


def test_background_is_coded_as_of_the_publication_date_and_not_counted(tmp_path):
    """A line's own date, else the folder's PUBLISHED file; an event the coder marks historical
    is background (rule 6 of the corpus), neither a report nor a false alarm."""
    (tmp_path / "PUBLISHED").write_text("2026-11-25\n")
    p = tmp_path / "g.jsonl"
    rows = [
        {"text": "old", "cameo": []},
        {"text": "new", "cameo": ["057"], "published": "2025-01-02"},
    ]
    p.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    seen = {}

    def coder(text, published):
        seen[text] = published
        return [{"cameo": {"root": "05"}, "historical": text == "old"}]

    s = sg.score(sg.load(tmp_path), coder)
    assert seen == {"old": dt.date(2026, 11, 25), "new": dt.date(2025, 1, 2)}
    assert (s.false_alarms, s.silent, s.tp, s.fp) == (0, 0, 1, 0)


def test_a_bad_published_file_is_an_error_naming_it(tmp_path):
    (tmp_path / "PUBLISHED").write_text("next Tuesday\n")
    (tmp_path / "g.jsonl").write_text('{"text": "a", "cameo": []}\n')
    with pytest.raises(InputError, match="PUBLISHED"):
        sg.load(tmp_path)
