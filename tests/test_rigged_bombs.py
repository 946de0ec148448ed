"""Bombs with no named doer, in shapes that were silent (issue 10, eleventh step): a thing made a
bomb by what it carries, a bomb going off told by a participle or a passive, and a bomb that
wrecks what it hits. Sentences written for these tests."""

from __future__ import annotations

import pytest
from coding import codes_and_countries

_codes = codes_and_countries


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("A van packed with explosives blew up near the central bank in Kabul.", "1832"),
        ("An explosives-laden lorry went off at a checkpoint outside Kismayo.", "1832"),
        ("A booby-trapped motorcycle exploded at a market in Peshawar.", "1832"),
        ("A suitcase stuffed with dynamite exploded at the bus terminal in Quetta.", "183"),
    ],
)
def test_a_thing_packed_with_explosives_is_a_bomb(text, code):
    got = _codes(text)
    assert any(c == code and s is None for c, s, _ in got), got


@pytest.mark.parametrize(
    "text",
    [
        "A lorry loaded with grain blew a tyre on the highway near Mombasa.",
        "A van packed with tourists broke down outside Nairobi.",
    ],
)
def test_a_vehicle_carrying_no_charge_is_no_bomb(text):
    got = _codes(text)
    assert not [c for c, _, _ in got if c[:2] == "18"], got


@pytest.mark.parametrize(
    "text",
    [
        # a headline's shape: the participle hangs on the noun
        "Two explosive devices detonated outside a mosque in Kano",
        # the passive with no doer: it went off
        "A roadside bomb was detonated as an army convoy passed near Kidal in northern Mali.",
        # a bomb that wrecks what it hits
        "A bomb wrecked a minibus carrying soldiers in Homs.",
    ],
)
def test_a_bomb_going_off_with_no_doer_named_is_an_attack(text):
    got = _codes(text)
    assert any(c[:3] == "183" and s is None for c, s, _ in got), got


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("ELN guerrillas triggered a landmine that killed six soldiers in Arauca.", "COL"),
        ("Boko Haram fighters planted a bomb which killed ten villagers near Maiduguri.", "NGA"),
    ],
)
def test_whoever_set_off_the_weapon_did_what_it_did(text, source):
    # "X planted a bomb that killed Y": the bomb's deed is the planter's
    got = _codes(text)
    assert any(c[:2] in ("18", "19") and s == source for c, s, _ in got), got


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Syrian helicopters dropped barrels of chlorine on a suburb of Hama.", "SYR"),
        (
            "ISIS fighters shelled Kurdish positions near Kirkuk with mortar rounds filled with mustard gas.",
            None,
        ),
        ("Russian troops dropped grenades filled with chloropicrin on Ukrainian trenches.", "RUS"),
    ],
)
def test_an_attack_with_a_chemical_weapon_is_one_of_mass_destruction(text, source):
    got = _codes(text)
    assert any(c == "2041" and (source is None or s == source) for c, s, _ in got), got


def test_dropping_a_demand_is_no_bombing():
    got = _codes("The Kenyan government dropped its demand for a referendum.")
    assert not [c for c, _, _ in got if c[:2] in ("18", "19", "20")], got


@pytest.mark.parametrize(
    "text",
    [
        "A Kabul suicide bombing killed 20 worshippers.",
        "The Nairobi mall attack left 67 people dead.",
    ],
)
def test_a_capital_before_an_attacks_noun_says_where_not_who(text):
    got = _codes(text)
    assert all(s is None for c, s, _ in got if c[:2] in ("18", "19")), got


def test_a_capitals_possessive_attack_is_still_its_governments():
    got = _codes("Tehran's missile attack on Israel was condemned in Europe.")
    assert any(c[:2] == "19" and s == "IRN" for c, s, _ in got), got
