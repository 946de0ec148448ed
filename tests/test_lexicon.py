"""The lexicon by class of wording: sentences written for these tests (tests/lexicon_cases/, one
file per CAMEO family) that must give a code, and word-sense traps that must not give a root;
the coverage report; and the user lexicon setting."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import eventwire
from eventwire.extract.coverage import coverage
from eventwire.extract.lexicon import lexicon

CASES = sorted((Path(__file__).parent / "lexicon_cases").glob("*.jsonl"))


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_lexicon_cases(path: Path) -> None:
    failures = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        case = json.loads(line)
        codes = [e.action.cameo for e in eventwire.code_text(case["text"])]
        if "cameo" in case:
            ok = case["cameo"] in codes
        else:
            ok = all(c[:2] != case["not_root"] for c in codes)
        if not ok:
            failures.append(f"{path.name}:{n}: {case} gave {codes}")
    assert not failures, "\n".join(failures)


def test_every_cameo_code_is_reached_or_has_a_written_reason() -> None:
    rows = coverage(lexicon())
    assert len(rows) > 280
    silent = [r.code for r in rows if not r.entries and not r.reason]
    assert not silent, f"codes with no entry and no reason in ontology/coverage_notes.tsv: {silent}"


def test_a_user_lexicon_is_merged_over_the_shipped_one(tmp_path, monkeypatch) -> None:
    from eventwire import pipeline

    user = tmp_path / "mine.yaml"
    user.write_text('verbs:\n  sideline: {code: "111", target: [dobj]}\n', encoding="utf-8")
    text = "Hungary sidelined the Polish delegation."
    assert eventwire.code_text(text) == []
    monkeypatch.setenv("EVENTWIRE_LEXICON", str(user))
    pipeline.extractor.cache_clear()
    try:
        assert [e.action.cameo for e in eventwire.code_text(text)] == ["111"]
    finally:
        monkeypatch.delenv("EVENTWIRE_LEXICON")
        pipeline.extractor.cache_clear()


def _load_user(tmp_path, text: str):
    from eventwire.extract.lexicon import lexicon

    user = tmp_path / "mine.yaml"
    user.write_text(text, encoding="utf-8")
    try:
        return lexicon(str(user))
    finally:
        lexicon.cache_clear()


@pytest.mark.parametrize(
    "text, line, message",
    [
        ("verbs:\n  sideline: {code: '111'}\n  snub: {code: '111', targte: [dobj]}\n", 3, "unknown field"),
        ("nouns:\n  walkout: {code: '141'}\n  sit-in: {code: '1499'}\n", 3, "unknown CAMEO code"),
        ("verbs:\n  sideline: {code: '111'}\nverbz:\n  snub: '111'\n", 3, "unknown section"),
        ("verbs:\n  sideline: {target: [dobj]}\n", 2, "needs a CAMEO code"),
        ("verbs:\n  haul: {code: '154', objects: {'@troopz': '154'}}\n", 2, "unknown object group"),
        ("nominals:\n  hauling: haul\n", 2, "no verb entry"),
        ("verbs:\n  'land at': {code: '042', subjects: {'@troops': '1549'}}\n", 2, "unknown CAMEO"),
        ("verbs:\n  'land at': {code: '042', subjects: {'@troopz': '154'}}\n", 2, "unknown object"),
        ("verbs:\n  sift: {code: '090', doer_sectors: [NGO, SLEUTH]}\n", 2, "unknown sector"),
        ("verbs:\n  sift: {code: '090'}\noutlook:\n  held: {'014': [pensive]}\n", 3, "012 and 013"),
        ("rigged:\n  wheels: [rickshaw]\n", 1, "parts are"),
    ],
)
def test_a_bad_user_lexicon_is_an_error_naming_file_and_line(tmp_path, text, line, message):
    from eventwire.errors import DataFileError

    with pytest.raises(DataFileError, match=message) as err:
        _load_user(tmp_path, text)
    assert f"mine.yaml:{line}:" in str(err.value)


def test_a_shipped_entry_error_names_its_family_file_and_line():
    """The locator names the file an entry came from, not the lexicon as a whole."""
    from eventwire.extract.lexicon import Locator

    loc = Locator()
    text = "verbs:\n  chide: {code: '111'}\n  scold: {code: '111'}\n"
    loc.add("dictionaries/families/verbal.yaml", text, {"verbs": {"chide": {}, "scold": {}}},
            frozenset({"verbs", "nouns"}))  # fmt: skip
    assert loc.where("verbs", "scold") == "dictionaries/families/verbal.yaml:3"


def test_an_object_group_gives_its_words_the_entry_code(tmp_path):
    """"@group" in objects stands for every word of object_groups.group; a word named on its own
    keeps its own code."""
    lex = _load_user(
        tmp_path,
        "object_groups:\n  convoy_things: [lorry, tanker, barge]\n"
        "verbs:\n  haul: {code: '154', objects_only: true,"
        " objects: {'@convoy_things': '0872', barge: '154'}}\n",
    )
    objects = lex.verbs["haul"].objects
    assert objects["lorry"] == objects["tanker"] == "0872"
    assert objects["barge"] == "154"


def test_a_user_lexicon_extends_the_word_lists_of_the_sentence_rules(tmp_path):
    """'outlook', 'responsibility' and 'rigged' in a user's file add to the shipped lists."""
    lex = _load_user(
        tmp_path,
        "outlook:\n  held: {'013': [sanguine]}\nrigged:\n  vehicles: [rickshaw]\n",
    )
    assert lex.outlook.held["sanguine"] == "013"
    assert lex.outlook.held["optimistic"] == "013"  # the shipped words stay
    assert {"rickshaw", "car"} <= lex.rigged.vehicles
