"""Consultations told by a noun whose sides are an "of" phrase with two modifiers or a
"between" phrase, and phone calls told by their noun (issue 10, eleventh step). Sentences written
for these tests."""

from __future__ import annotations

import pytest
from coding import codes_and_countries

_codes = codes_and_countries


@pytest.mark.parametrize(
    ("text", "code", "source", "target"),
    [
        (
            "The meeting of Kenyan and Somali officials in Nairobi ended without a statement.",
            "040",
            "KEN",
            "SOM",
        ),
        (
            "A telephone call between the Turkish and Greek prime ministers eased the tension.",
            "041",
            "TUR",
            "GRC",
        ),
        ("Macron's phone conversation with Zelensky lasted an hour.", "041", "FRA", "UKR"),
    ],
)
def test_a_consultation_told_by_its_noun_with_both_sides(text, code, source, target):
    got = _codes(text)
    assert (code, source, target) in got, got


@pytest.mark.parametrize(
    "text",
    [
        # a call with no partner named is no consultation
        "The phone call lasted an hour.",
        # people of two countries done to are victims, not sides of a meeting
        "The killing of Kenyan and Somali traders near the border was condemned.",
    ],
)
def test_no_consultation_without_two_sides_meeting(text):
    got = _codes(text)
    assert not [c for c, _, _ in got if c[:2] == "04"], got


def test_those_urged_in_the_passive_are_the_target_of_the_appeal():
    # "X were urged by Y to ...": Y appeals to X, not to itself
    got = _codes(
        "Japan was urged by Ukrainian officials to recognise the deportations as genocide."
    )
    assert ("022", "UKR", "JPN") in got, got


@pytest.mark.parametrize(
    ("text", "code", "source", "target"),
    [
        (
            "Security cooperation between Niger and Russia has deepened this year.",
            "062",
            "NER",
            "RUS",
        ),
        (
            "Cooperation between Dutch and Belgian prosecutors led to the arrest of a smuggling ring.",
            "060",
            "NLD",
            "BEL",
        ),
    ],
)
def test_cooperation_between_two_named_sides_that_happens(text, code, source, target):
    got = _codes(text)
    assert any(c == code and s == source and t == target for c, s, t in got), got


@pytest.mark.parametrize(
    "text",
    [
        # a judgement of cooperation, an appeal for it, ties that are a state, and a war
        "Cooperation between Kenya and Ethiopia is essential for regional security.",
        "Relations between Chisinau and Moscow have been strained for years.",
        "The war between the army and the RSF has killed thousands.",
    ],
)
def test_no_cooperation_event_from_a_state_of_affairs(text):
    got = _codes(text)
    assert not [c for c, _, _ in got if c[:2] in ("05", "06")], got
