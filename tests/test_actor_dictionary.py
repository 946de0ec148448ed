"""The named-actor dictionary: dated roles, user files, and the schema. Names below are invented
for these tests (a fictional state, Freedonia's neighbour Sylvania: ISO codes of real countries
are used only so that the country check passes)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

import eventwire
from eventwire import pipeline
from eventwire.cli import app
from eventwire.errors import DataFileError
from eventwire.extract.actor_dictionary import ActorDictionary, parse_entries

PERSON = """\
- name: Ilsa Vantoro
  patterns: [Ilsa Vantoro]
  country: NOR
  roles:
    - {role: head_of_government, from: 2019-03-01, to: 2023-06-30}
    - {role: foreign_minister, from: 2024-02}
"""
GROUP = """\
- {name: Brotherhood of the Cedar Valley, patterns: [Brotherhood of the Cedar Valley, BCV], country: LBN, sector: REB}
"""


@pytest.fixture()
def user_actors(tmp_path, monkeypatch):
    f = tmp_path / "mine.yaml"
    f.write_text(PERSON + GROUP, encoding="utf-8")
    monkeypatch.setenv("EVENTWIRE_ACTORS", str(f))
    pipeline.extractor.cache_clear()
    yield f
    monkeypatch.delenv("EVENTWIRE_ACTORS")
    pipeline.extractor.cache_clear()


def source_of(text: str, day: dt.date) -> tuple[str | None, str | None, str]:
    ev = eventwire.code_text(text, day)
    assert ev, text
    s = ev[0].source
    assert s is not None
    return s.country, s.sector, ev[0].to_dict()["mentions"][0]["actor_rules"]["source"]


def test_a_role_is_picked_by_the_article_date(user_actors):
    text = "Ilsa Vantoro condemned the Russian missile strikes on Kyiv."
    in_office = source_of(text, dt.date(2021, 5, 4))
    assert in_office[:2] == ("NOR", "GOV") and "head_of_government" in in_office[2]
    between = source_of(text, dt.date(2023, 11, 20))
    assert between[:2] == ("NOR", None) and "no role held" in between[2]
    minister = source_of(text, dt.date(2025, 1, 8))
    assert minister[:2] == ("NOR", "GOV") and "foreign_minister" in minister[2]
    assert "mine.yaml" in minister[2]  # the evidence names the file the actor came from


def test_a_users_organisation_is_resolved_with_its_acronym(user_actors):
    ev = eventwire.code_text("BCV fighters attacked an army post near Tyre on Sunday.", dt.date(2025, 3, 12))
    assert ev and ev[0].source is not None and (ev[0].source.country, ev[0].source.sector) == ("LBN", "REB")


def test_the_actors_option_of_the_cli(tmp_path):
    f = tmp_path / "mine.yaml"
    f.write_text(GROUP, encoding="utf-8")
    art = tmp_path / "a.txt"
    art.write_text("The Brotherhood of the Cedar Valley attacked an army post near Tyre on Sunday.\n")
    pipeline.extractor.cache_clear()
    try:
        res = CliRunner().invoke(
            app, ["--actors", str(f), "code", str(art), "--published", "2025-03-12", "--format", "jsonl"]
        )
    finally:
        import os

        os.environ.pop("EVENTWIRE_ACTORS", None)
        pipeline.extractor.cache_clear()
    assert res.exit_code == 0, res.output
    rec = json.loads(res.stdout.splitlines()[0])
    assert rec["source"]["sector"] == "REB" and rec["source"]["country"] == "LBN"


@pytest.mark.parametrize(
    "text, line, message",
    [
        ("- {name: A, patterns: [A b], country: LBN, sector: REB}\n- {name: B, patterns: [B c], country: LBN, sectr: REB}\n", 2, "unknown field"),
        ("- {name: A, patterns: [A b], country: XYZ, sector: REB}\n", 1, "unknown country"),
        ("- {name: A, patterns: [A b], country: LBN, sector: PIRATES}\n", 1, "unknown sector"),
        ("- name: A\n  patterns: [A b]\n  country: NOR\n  roles: [{role: king, from: 2020-01-01}]\n", 1, "bad role"),
        ("- name: A\n  patterns: [A b]\n  country: NOR\n  roles: [{role: head_of_state, from: 2020-01-01, to: 2019-01-01}]\n", 1, "ends before"),
        ("- name: A\n  patterns: [A b]\n  country: NOR\n  roles: [{role: head_of_state, from: last year}]\n", 1, "not a date"),
    ],
)
def test_bad_entries_are_errors_naming_file_and_line(text, line, message):
    with pytest.raises(DataFileError, match=message) as err:
        parse_entries("mine.yaml", text)
    assert f"mine.yaml:{line}:" in str(err.value)


def test_two_shipped_files_may_not_claim_one_pattern_but_a_user_file_may_override():
    a = ("dictionaries/organisations/a.yaml", "- {name: A, patterns: [Cedar Front], country: LBN, sector: REB}\n", False)
    b = ("dictionaries/organisations/b.yaml", "- {name: B, patterns: [Cedar Front], country: SYR, sector: REB}\n", False)
    with pytest.raises(DataFileError, match="already 'A' in dictionaries/organisations/a.yaml"):
        ActorDictionary([a, b])
    mine = ("mine.yaml", b[1], True)
    hit = ActorDictionary([a, mine]).find("the Cedar Front")
    assert hit is not None and hit[0].country == "SYR"


def test_a_dictionaries_folder_supplies_actors_and_verbs(tmp_path, monkeypatch):
    (tmp_path / "actors_local.yaml").write_text(GROUP, encoding="utf-8")
    (tmp_path / "verbs_local.yaml").write_text('verbs:\n  sideline: {code: "111", target: [dobj]}\n')
    monkeypatch.setenv("EVENTWIRE_DICTIONARIES", str(tmp_path))
    from eventwire.extract.lexicon import lexicon

    pipeline.extractor.cache_clear()
    lexicon.cache_clear()
    try:
        ev = eventwire.code_text("The Brotherhood of the Cedar Valley sidelined the Lebanese army.")
        assert [(e.source.sector if e.source else None, e.action.cameo) for e in ev] == [("REB", "111")]
    finally:
        monkeypatch.delenv("EVENTWIRE_DICTIONARIES")
        pipeline.extractor.cache_clear()
        lexicon.cache_clear()


def test_the_checked_dictionary_is_kept_in_the_cache_and_read_back(tmp_path, monkeypatch):
    from eventwire.extract import actor_dictionary as ad

    monkeypatch.setenv("EVENTWIRE_CACHE", str(tmp_path))
    ad.actor_dictionary.cache_clear()
    first = ad.actor_dictionary()
    assert len(list(tmp_path.glob("actors-*.pickle"))) == 1
    ad.actor_dictionary.cache_clear()

    def no_build(*args, **kwargs):
        raise AssertionError("the cached dictionary should have been read")

    monkeypatch.setattr(ad.ActorDictionary, "__init__", no_build)
    again = ad.actor_dictionary()
    assert again.size == first.size and again.find("Emmanuel Macron") is not None
    ad.actor_dictionary.cache_clear()


def test_people_files_give_leaders_their_roles_on_the_day():
    from eventwire.extract.actor_dictionary import actor_dictionary

    hit = actor_dictionary().find("Emmanuel Macron")
    assert hit is not None
    macron = hit[0]
    assert macron.country == "FRA"
    assert macron.on(dt.date(2020, 1, 1))[0] == "GOV"
    assert macron.on(dt.date(2016, 1, 1))[0] is None  # before he was president


def test_the_dictionaries_command_checks_and_caches(tmp_path, monkeypatch):
    from eventwire.cli import main
    from eventwire.extract import actor_dictionary as ad

    monkeypatch.setenv("EVENTWIRE_CACHE", str(tmp_path / "cache"))
    ad.actor_dictionary.cache_clear()
    res = CliRunner().invoke(app, ["dictionaries"])
    assert res.exit_code == 0, res.output
    assert "actors:" in res.stdout and list((tmp_path / "cache").glob("actors-*.pickle"))
    bad = tmp_path / "bad.yaml"
    bad.write_text("- {name: A, patterns: [A b], country: XYZ, sector: REB}\n", encoding="utf-8")
    monkeypatch.setenv("EVENTWIRE_ACTORS", str(bad))
    monkeypatch.setattr("sys.argv", ["eventwire", "dictionaries"])
    ad.actor_dictionary.cache_clear()
    with pytest.raises(SystemExit) as code:
        main()
    assert code.value.code == 2
    ad.actor_dictionary.cache_clear()
