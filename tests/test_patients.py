"""Acts of a named doer on people or property no dictionary names (issue 10: "the victims are
still a target"), territory taken, and one attack told with its whole toll. Sentences written
for these tests."""

from __future__ import annotations

import pytest

import eventwire


def _events(text: str) -> list[tuple[str, str | None, str | None, str | None]]:
    return [
        (
            e.action.cameo,
            e.source.country if e.source else None,
            e.target.text if e.target else None,
            e.target.country if e.target else None,
        )
        for e in eventwire.code_text(text)
    ]


@pytest.mark.parametrize(
    ("text", "root", "target", "country"),
    [
        ("Zimbabwean police bulldozed dozens of market stalls in Harare.", "17", "stalls", "ZWE"),
        (
            "Off-duty soldiers beat a taxi driver outside a bar in Douala.",
            "18",
            "taxi driver",
            "CMR",
        ),
        (
            "Kazakh authorities barred the editor of an opposition weekly from leaving.",
            "17",
            "editor",
            None,
        ),
        ("Houthi rebels seized a cargo ship in the Red Sea on Sunday.", "18", "cargo ship", None),
        ("Turkish jets fired missiles at fuel depots near Qamishli.", "19", "fuel depots", "SYR"),
        (
            "The Venezuelan electoral council disqualified the leading candidate.",
            "17",
            "leading candidate",
            None,
        ),
    ],
)
def test_a_named_doer_s_act_on_unnamed_people_or_property_keeps_them_as_target(
    text, root, target, country
) -> None:
    found = _events(text)
    hit = [f for f in found if f[0][:2] == root]
    assert hit, found
    _, _, got_text, got_country = hit[0]
    assert got_text is not None and target in got_text
    if country is not None:
        assert got_country == country


@pytest.mark.parametrize(
    "text",
    [
        "The Polish government bulldozed the budget through the lower house.",
        "Chilean pension funds locked up their gains before the holiday.",
        "Hungary's finance minister hung a painting of a horse in his office.",
        "The Peruvian president seized the initiative in the debate.",
        "Brazil's real hit a record low against the dollar on Monday.",
        "The Indian navy fired a torpedo into the sea during the exercise.",
    ],
)
def test_figurative_objects_and_things_that_are_no_one_stay_no_act(text) -> None:
    assert [f for f in _events(text) if f[0][:2] in ("17", "18", "19", "20")] == []


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Jihadist fighters captured the town of Djibo after a two-day assault.", "192"),
        ("Rebels seized three districts in the north of the country on Friday.", "192"),
        ("Insurgents overran the provincial capital overnight.", "192"),
        ("Militiamen stormed the airport and held it for six hours.", "192"),
    ],
)
def test_seizing_or_capturing_a_place_is_taking_territory(text, code) -> None:
    assert code in [f[0] for f in _events(text)], _events(text)


@pytest.mark.parametrize(
    "text",
    [
        "Police captured two suspected kidnappers in a raid on Tuesday.",
        "Customs officers seized a shipment of cocaine at the port.",
    ],
)
def test_capturing_people_or_seizing_goods_is_not_taking_territory(text) -> None:
    codes = [f[0] for f in _events(text)]
    assert codes and "192" not in codes, codes


def test_an_attack_that_killed_and_wounded_is_one_event_with_its_whole_toll() -> None:
    events = eventwire.code_text(
        "Bandits killed five farmers and wounded eight others in Katsina state on Sunday."
    )
    assaults = [e for e in events if e.action.plover_type == "ASSAULT"]
    assert len(assaults) == 1, events
    assert (assaults[0].killed, assaults[0].injured) == (5, 8)


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Rebels torched three lorries on the road to Bunia on Friday.", "COD"),
        ("Gunmen ambushed a police patrol on the main road to Maiduguri.", "NGA"),
    ],
)
def test_an_act_on_the_road_to_a_town_is_placed_in_the_town_s_country(text, country) -> None:
    events = eventwire.code_text(text)
    assert events and events[0].place is not None, events
    assert events[0].place.country == country
