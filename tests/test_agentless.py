"""Acts in the passive with no doer, no named target and no place (issue 10: "events without a
named doer"), acts whose "from" phrase decides what they are, and agreements named after a town.
Sentences written for these tests."""

from __future__ import annotations

import pytest

import eventwire


def _codes(text: str) -> list[str]:
    return [e.action.cameo for e in eventwire.code_text(text, "2025-11-25")]


@pytest.mark.parametrize(
    ("text", "root"),
    [
        ("Extra riot police were sent to the main square overnight.", "15"),
        ("An overnight curfew was imposed on the town after the clashes.", "17"),
        ("Diplomatic relations were broken off at noon on Friday.", "16"),
        ("Access to Facebook and WhatsApp was restricted across the country.", "17"),
        ("Security has been tightened at ports and airports.", "15"),
        ("Two opposition parties were banned ahead of the vote.", "17"),
        ("Food aid was delivered to the besieged district on Tuesday.", "07"),
        ("Tear gas was fired at the crowd outside the ministry.", "17"),
        ("The main highway was blocked with burning tyres.", "14"),
    ],
)
def test_an_agentless_act_on_something_of_public_life_is_an_event(text, root) -> None:
    codes = _codes(text)
    assert any(c.startswith(root) for c in codes), codes


@pytest.mark.parametrize(
    "text",
    [
        "The horse was withdrawn from the race after a vet found an injury.",
        "A new album was released on Friday to warm reviews.",
        "Firefighters were deployed to put out the blaze in the forest.",
        "The old cinema was sold to a developer last spring.",
        "A weather warning was issued as the storm approached.",
    ],
)
def test_an_agentless_act_on_private_things_or_against_a_hazard_is_none(text) -> None:
    assert _codes(text) == []


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Russia withdrew from the grain deal on Monday.", "160"),
        ("The United States pulled out of the nuclear accord.", "160"),
        ("Mali announced its withdrawal from the regional bloc.", "160"),
        ("The opposition withdrew from the talks with the government.", "164"),
        ("Israel withdrew its troops from the northern villages.", "087"),
    ],
)
def test_what_an_act_withdraws_from_decides_its_code(text, want) -> None:
    assert want in _codes(text), _codes(text)


@pytest.mark.parametrize(
    "text",
    [
        "The senator withdrew from the presidential race on Sunday.",
        "Spain pulled out of the tournament after two defeats.",
        "The former prime minister was released from hospital on Monday.",
        "The dissident was freed from intensive care after a week.",
    ],
)
def test_leaving_a_race_or_hospital_is_no_event(text) -> None:
    assert _codes(text) == []


def test_release_from_prison_is_still_a_release() -> None:
    assert "0841" in _codes("The jailed opposition leader was freed from prison on Friday.")


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("Moscow abandoned the Minsk agreements.", "Minsk"),
        ("The United States left the Paris climate accord.", "Paris"),
        ("Kosovo accused Serbia of violating the Brussels agreement.", "Brussels"),
        ("The Doha talks between the Taliban and Washington collapsed.", "Doha"),
        ("Russia walked away from the Istanbul grain deal.", "Istanbul"),
    ],
)
def test_a_town_naming_an_agreement_or_talks_is_no_party(text, town) -> None:
    actors = [
        a.text
        for e in eventwire.code_text(text, "2025-11-25")
        for a in (e.source, e.target)
        if a is not None
    ]
    assert not any(town in a for a in actors), actors


@pytest.mark.parametrize(
    "text",
    [
        "A rocket struck a bus station in Kramatorsk, wounding four passengers.",
        "Two mortar shells landed near a school in Deir al-Balah, killing three pupils.",
        "A rocket hit a fuel depot on the edge of Ashkelon overnight.",
        "A cruise missile destroyed a power station near Lviv.",
        "Rockets launched from Gaza destroyed a house in Sderot.",
    ],
)
def test_a_weapon_with_no_named_doer_hitting_people_or_places_is_an_attack(text) -> None:
    events = eventwire.code_text(text, "2025-11-25")
    assert any(e.action.cameo[:2] == "19" and e.source is None for e in events), _codes(text)
    assert all(e.target is not None or e.place is not None for e in events)


def _events(text: str) -> list[tuple[str, str | None]]:
    return [
        (e.action.cameo, e.source.code if e.source else None)
        for e in eventwire.code_text(text, "2025-11-25")
    ]


@pytest.mark.parametrize(
    ("text", "root"),
    [
        ("The night-time curfew in Harare was eased on Monday.", "08"),
        ("The state of emergency in the north was lifted at midnight.", "08"),
        ("Moscow's offer of a prisoner swap was flatly rejected.", "12"),
        ("Credit lines to Zambia were frozen after the default.", "16"),
        ("A police convoy was ambushed on the road to Maiduguri.", "19"),
        ("An end to Israel's blockade was demanded in a joint letter.", "10"),
    ],
)
def test_an_agentless_act_on_an_event_noun_is_that_act(text, root) -> None:
    """The verb acts on what its subject names: the curfew eased, the offer rejected."""
    codes = [c for c, _ in _events(text)]
    assert any(c.startswith(root) for c in codes), codes


@pytest.mark.parametrize(
    "text",
    [
        "The ultimatum was delivered to the embassy on Monday.",
        "A stern warning was relayed through intermediaries.",
    ],
)
def test_a_verb_that_only_carries_an_event_noun_is_not_coded_as_itself(text) -> None:
    """'The ultimatum was delivered' is no delivery of aid (070), nor a transfer of anything."""
    codes = [c for c, _ in _events(text)]
    assert not any(c.startswith("07") for c in codes), codes


@pytest.mark.parametrize(
    ("text", "root", "source"),
    [
        ("Hundreds of Turkish soldiers were put on alert along the frontier.", "15", "TURMIL"),
        ("Some 3,000 Polish troops were placed on standby in the east.", "15", "POLMIL"),
        ("Thousands of Russian troops were sent to the border region.", "15", "RUSMIL"),
        ("Indian troops went on alert in the Punjab.", "15", "INDMIL"),
    ],
)
def test_forces_shown_in_the_passive_are_the_doer(text, root, source) -> None:
    """A show of force told in the passive with no doer: the forces' country shows force."""
    got = _events(text)
    assert any(c.startswith(root) and s == source for c, s in got), got
