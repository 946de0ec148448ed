"""Whole-article classes found on the development articles (samples/dev): which country a body the
text does not place belongs to ("the government", "police", "both sides"), regional demonyms, where
a physical act at home happened, datelines, second acts told by a participle, and tolls summed up.
Issue 10; texts written for these tests."""

from __future__ import annotations

import pytest

import eventwire


def _codes(text: str) -> list[tuple[str, str | None, str | None]]:
    return [
        (e.action.cameo, e.source.code if e.source else None, e.target.code if e.target else None)
        for e in eventwire.code_text(text, "2024-01-17")
    ]


@pytest.mark.parametrize(
    "speaker",
    [
        "The U.S. State Department",  # a foreign source does not lend its own country
        "The opposition",  # a source of no named country keeps the context
    ],
)
def test_the_government_urged_is_the_one_the_article_is_about(speaker: str) -> None:
    text = (
        "Zimbabwe police detain opposition activists\n"
        "Police in Harare detained 30 opposition activists on Sunday.\n"
        f"{speaker} urged the government to release them.\n"
    )
    appeals = [(s, t) for code, s, t in _codes(text) if code.startswith("02")]
    assert appeals and all(t is not None and t.startswith("ZWE") for _, t in appeals), appeals


def test_a_regional_demonym_is_no_country() -> None:
    found = _codes("Guatemalan police detained 200 Central American migrants near the border.")
    assert found and not any(t is not None and t.startswith("USA") for _, _, t in found), found


def test_a_march_through_a_city_happens_there() -> None:
    events = eventwire.code_text(
        "Thousands of teachers marched through Lisbon on Saturday.", "2024-01-17"
    )
    places = [e.place.name for e in events if e.place is not None]
    assert "Lisbon" in places, [(e.action.cameo, e.place) for e in events]


def test_a_datelines_agency_is_not_the_subject() -> None:
    text = (
        "Police break up opposition rally in Dhaka\n"
        "DHAKA, Bangladesh (AP) — Riot police fired rubber bullets at opposition supporters"
        " outside the party's headquarters on Saturday.\n"
    )
    found = _codes(text)
    assert found and all(s is None or not s.startswith("USA") for _, s, _ in found), found
    assert any(s == "BGDCOP" for _, s, _ in found), found


def test_a_passive_the_weather_did_is_no_event() -> None:
    found = _codes("Motorists were pelted with hail as a violent storm swept through Pretoria.")
    assert found == [], found


def test_an_accusation_beside_another_act_is_a_second_act() -> None:
    found = _codes(
        "Ghana summoned Togo's ambassador on Monday, accusing Lome of sheltering coup plotters."
    )
    assert any(code.startswith("112") for code, _, _ in found), found
    # but the toll of an attack told by its participle is part of the attack
    attack = _codes("Gunmen attacked a police post in Zamfara, killing four officers.")
    assert len([c for c, _, _ in attack if c.startswith(("18", "19"))]) == 1, attack


def test_what_a_protest_demands_and_a_fronted_participle_are_no_second_act() -> None:
    strike = _codes("Nurses in Lagos walked off the job on Monday, demanding higher pay.")
    assert strike and all(c.startswith("14") for c, _, _ in strike), strike
    framed = _codes("Speaking at a rally in Accra, the president thanked his supporters.")
    assert not any(c.startswith("04") for c, _, _ in framed), framed


def test_a_body_not_placed_belongs_to_the_country_the_story_is_filed_from() -> None:
    text = (
        "Lawmakers pass media bill despite protests\n"
        "YEREVAN, Armenia (AP) — Parliament passed a media bill on Tuesday that critics say copies"
        " a Hungarian law.\n"
        "The opposition condemned the vote.\n"
    )
    found = [(c, s) for c, s, _ in _codes(text) if c.startswith("11")]
    assert found and all(s is not None and s.startswith("ARM") for _, s in found), found


def test_an_arrest_told_in_the_passive_is_the_reporting_police_s() -> None:
    found = _codes("Twenty-two people were detained overnight in Tunis, police said.")
    assert any(c == "173" and s is not None and s.endswith("COP") for c, s, _ in found), found
    rights = _codes("Three journalists were detained in Tunis, the rights group said.")
    assert all(s is None for c, s, _ in rights if c == "173"), rights


def test_a_physical_act_at_home_is_placed_in_its_country() -> None:
    events = eventwire.code_text(
        "Kenyan police fired tear gas at opposition supporters.", "2024-01-17"
    )
    placed = [e.place for e in events if e.action.cameo.startswith(("17", "18", "19"))]
    assert placed and all(p is not None and p.country == "KEN" for p in placed), placed
    said = eventwire.code_text("The Kenyan government criticised the opposition.", "2024-01-17")
    assert all(e.place is None for e in said), [(e.action.cameo, e.place) for e in said]
    abroad = eventwire.code_text("Russian troops shelled Ukrainian positions.", "2024-01-17")
    assert all(e.place is None or e.place.country != "RUS" for e in abroad)


def test_a_physical_act_at_home_takes_the_dateline_town_of_its_country() -> None:
    text = (
        "Police break up teachers' march\n"
        "NAIROBI, Kenya (Reuters) - Kenyan police fired tear gas at striking teachers on Monday.\n"
        "Kenya's foreign ministry criticised Uganda over the border dispute.\n"
    )
    events = eventwire.code_text(text, "2024-01-17")
    force = [e for e in events if e.action.cameo.startswith(("17", "18", "19"))]
    assert force and all(e.place is not None and e.place.name == "Nairobi" for e in force)
    said = [e for e in events if e.action.cameo.startswith("11")]
    assert all(e.place is None for e in said), [(e.action.cameo, e.place) for e in said]


def test_both_sides_of_a_conflict_are_its_country() -> None:
    text = (
        "Fighting flares in Ethiopia's Amhara region\n"
        "Clashes between government forces and Fano militias killed 12 people in Amhara.\n"
        "The African Union urged both sides to halt the fighting.\n"
    )
    appeals = [t for c, _, t in _codes(text) if c.startswith("02")]
    assert appeals and all(t is not None and t.startswith("ETH") for t in appeals), appeals


def test_a_toll_summed_up_to_describe_a_conflict_is_no_attack() -> None:
    found = _codes(
        "Chad sent 500 troops to help Niger fight an insurgency that has killed more than"
        " 4,000 people since 2015."
    )
    assert not any(c.startswith(("18", "19")) and t is not None and t.endswith("CVL")
                   for c, _, t in found), found  # fmt: skip
    news = _codes("Drone strikes have killed at least nine militant commanders since March.")
    assert any(c.startswith(("18", "19")) for c, _, _ in news), news
