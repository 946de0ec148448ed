"""Claims and denials of one's own part in an act, told without a verb of claiming (issue 10,
eleventh step), and a capitalised name the small model tags as a pronoun. Sentences written for
these tests."""

from __future__ import annotations

import pytest
from coding import codes_and_countries

_codes = codes_and_countries


@pytest.mark.parametrize(
    ("text", "code", "source"),
    [
        # owning: an adjective or preposition said of the speaker itself
        (
            "The Somali militant group said it was behind the hotel siege in Mogadishu.",
            "015",
            "SOM",
        ),
        (
            "Peru's health ministry admitted that it was responsible for the delay in vaccine deliveries.",
            "015",
            "PER",
        ),
        ("Nepal's government said it was not responsible for the fuel shortage.", "016", "NPL"),
        # disowning
        ("Moscow said it had nothing to do with the poisoning of the defector.", "016", "RUS"),
        ("Our army had nothing to do with the blast, Sudan's defence minister said.", "016", "SDN"),
        # taking responsibility
        (
            "Ukraine's defence ministry took responsibility for the loss of the transport plane.",
            "015",
            "UKR",
        ),
    ],
)
def test_a_speaker_owning_or_disowning_its_part(text, code, source):
    got = _codes(text)
    assert (code, source) in [(c, s) for c, s, _ in got], got


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("The Turkish army said it had not bombed any village in northern Iraq.", "TUR", None),
        ("Eritrea said its troops did not attack the Ethiopian border town.", "ERI", None),
    ],
)
def test_a_speakers_denial_of_its_own_past_act(text, source, target):
    got = _codes(text)
    assert any(c == "016" and s == source for c, s, _ in got), got
    assert not [c for c, _, _ in got if c[:2] in ("18", "19")], got


@pytest.mark.parametrize(
    "text",
    [
        # blame of another is no claim of one's own part
        "Colombian police said the rebels were behind the pipeline bombing.",
        # a duty to come, not a claim
        "Kenya's interior minister said the police would be responsible for security at the polls.",
        # the reporter's account: no one says it
        "The group was behind a string of bombings in the capital.",
        # an act to come denied is a refusal or reassurance, not a denial of responsibility
        "Armenia said it would not attack Azerbaijani positions.",
    ],
)
def test_no_claim_or_denial_of_ones_own_part(text):
    got = _codes(text)
    assert not [c for c, _, _ in got if c in ("015", "016")], got


def test_a_capitalised_name_tagged_as_a_pronoun_is_still_a_name():
    # the small model tags the headline's "Houthis" as a pronoun
    got = _codes("Houthis claim responsibility for strike on tanker in Gulf of Aden")
    assert ("015", "YEM") in [(c, s) for c, s, _ in got], got


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        (
            "The junta in Niamey was behind the bombing of the pipeline, Benin's interior minister said.",
            "BEN",
            "NER",
        ),
        (
            "Lithuania's foreign minister said Moscow was responsible for the cyber attack.",
            "LTU",
            "RUS",
        ),
    ],
)
def test_another_side_said_responsible_is_an_accusation(text, source, target):
    got = _codes(text)
    assert ("112", source, target) in got, got


def test_standing_behind_an_ally_is_no_accusation():
    got = _codes("Germany's chancellor said Berlin stood firmly behind Kyiv.")
    assert not [c for c, _, _ in got if c[:2] == "11" or c in ("015", "016")], got


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "The government bears no responsibility for the floods, Pakistan's planning minister said.",
            "PAK",
        ),
        ("Tehran said it played no part in the attack on the tanker.", "IRN"),
    ],
)
def test_bearing_no_part_in_an_act_is_a_denial(text, source):
    got = _codes(text)
    assert ("016", source) in [(c, s) for c, s, _ in got], got
