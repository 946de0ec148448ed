"""Cutting help and ties (CAMEO 16) by more verbs, and an amount read as what it is an amount of
(issue 10, eleventh step). Sentences written for these tests."""

from __future__ import annotations

import pytest
from coding import codes_and_countries

_codes = codes_and_countries


@pytest.mark.parametrize(
    ("text", "code", "source", "target"),
    [
        # the amount is of what its phrase names, wherever the parser hangs the phrase
        ("Sweden cut 40 million dollars in aid to Zimbabwe.", "162", "SWE", "ZWE"),
        ("The Netherlands slashed development assistance to Mali by half.", "162", "NLD", "MLI"),
        ("Canada cut its aid programme in Haiti by a quarter.", "162", "CAN", "HTI"),
        ("Argentina cancelled a planned state visit to Venezuela.", "161", "ARG", "VEN"),
        # a portion of talks is talks
        (
            "The rebels called off a fresh round of talks with the Yemeni government.",
            "164",
            None,
            "YEM",
        ),
    ],
)
def test_help_visits_and_talks_cut(text, code, source, target):
    got = _codes(text)
    assert any(c == code and (source is None or s == source) and t == target for c, s, t in got), (
        got
    )


@pytest.mark.parametrize(
    "text",
    [
        "The central bank cut interest rates by half a point.",
        "The airline cancelled flights to Lisbon because of the storm.",
        "Police cancelled the concert in Lyon.",
        # cancelled debts are relief, not a cut
        "Japan cancelled 300 million dollars in loans to Ghana.",
    ],
)
def test_no_reduction_of_relations(text):
    got = _codes(text)
    assert not [c for c, _, _ in got if c[:2] == "16"], got


def test_an_amount_of_things_is_those_things():
    # "thousands of homes ... in the district": the homes, not the district
    got = _codes("Soldiers tore down thousands of homes in the old quarter of Juba.")
    assert any(c == "1712" for c, _, _ in got), got
