"""Classes of wording that used to be silent or false, each shown by sentences written for this
test: generic doers named by a common noun (criminals, investigators, commissions, lawmakers,
peacekeepers), sport's figures of speech, and acts not yet done ("has yet to", "failed to")."""

from __future__ import annotations

import pytest

import eventwire
from eventwire.errors import DataFileError
from eventwire.extract import lexicon as lexmod


def _events(text: str) -> list[tuple[str, str | None, str | None]]:
    return [
        (
            e.action.cameo,
            e.source.sector if e.source else None,
            e.target.sector if e.target else None,
        )
        for e in eventwire.code_text(text)
    ]


@pytest.mark.parametrize(
    ("text", "root", "sector"),
    [
        ("Armed bandits abducted 40 villagers in Katsina state on Sunday.", "18", "CRM"),
        ("Kidnappers freed a Catholic priest in Enugu after a week in captivity.", "08", "CRM"),
        ("Detectives arrested a senior customs official at Lagos airport on Tuesday.", "17", "COP"),
        ("Investigators searched the offices of the Moldovan energy ministry.", "17", "COP"),
        ("Peacekeepers evacuated civilians from the besieged town in South Sudan.", "07", "IGO"),
        ("Opposition MPs walked out of the Kenyan parliament on Tuesday.", "16", "OPP"),
    ],
)
def test_a_doer_named_by_a_common_noun_is_an_actor_of_its_kind(text, root, sector) -> None:
    found = _events(text)
    assert any(code.startswith(root) and src == sector for code, src, _ in found), found


SPORT = [
    "Morocco laid siege to the Spanish goal in extra time.",
    "Pakistan's bowlers attacked the Indian batsmen from the first over of the test match.",
    "Kenyan fans stormed the pitch after the final whistle.",
    "Orlando Pirates laid siege to the Chiefs goal in the second half.",
]
NOT_DONE = [
    "The Senate committee has yet to investigate the leaked memo on Iraqi contracts.",
    "Kenya failed to extradite the suspect to Uganda.",
    "The Nigerian army is yet to deploy troops to the border with Niger.",
]


@pytest.mark.parametrize(
    "text",
    [pytest.param(t, id=f"sport-{i}") for i, t in enumerate(SPORT)]
    + [pytest.param(t, id=f"not-done-{i}") for i, t in enumerate(NOT_DONE)],
)
def test_sport_figures_of_speech_and_acts_not_yet_done_or_failed_are_no_event(text) -> None:
    assert _events(text) == []


def test_the_state_acting_at_a_match_is_still_an_event() -> None:
    text = "Police fired tear gas at fans outside the stadium after the derby in Buenos Aires."
    assert any(code.startswith("17") and src == "COP" for code, src, _ in _events(text))


def test_an_unknown_sector_in_the_agents_file_is_a_load_error() -> None:
    agents = {
        "sectors": {"XYZ": ["plumber"]},
        "sector_groups": {g: [] for g in lexmod.SECTOR_GROUPS},
    }
    with pytest.raises(DataFileError, match="unknown sector 'XYZ'"):
        lexmod.build({}, agents, "verbs.yaml")


@pytest.mark.parametrize(
    ("text", "target", "place"),
    [
        ("Russian forces shelled Kharkiv overnight.", "UKR", "Kharkiv"),
        ("Drones attacked Belgorod on Sunday.", "RUS", "Belgorod"),
        ("Several missiles struck the port city of Odesa overnight.", "UKR", "Odesa"),
    ],
)
def test_a_place_that_is_hit_is_the_place_and_its_country_the_target(text, target, place) -> None:
    events = eventwire.code_text(text)
    assert events, text
    e = events[0]
    assert e.target is not None and e.target.country == target
    assert e.place is not None and e.place.name == place


def test_a_capital_praised_is_an_actor_not_the_place_of_the_praise() -> None:
    events = eventwire.code_text(
        "The Papua New Guinea prime minister praised Canberra for its help."
    )
    assert [e.action.cameo[:2] for e in events] == ["05"]
    assert events[0].target is not None and events[0].target.country == "AUS"
    assert events[0].place is None or events[0].place.name != "Canberra"


@pytest.mark.parametrize(
    ("text", "country"),
    [
        (
            "Russian aircraft killed 12 civilians in an attack on a village in Idlib province.",
            "RUS",
        ),
        ("Israeli helicopters fired missiles at a car in Gaza City.", "ISR"),
        ("Turkish frigates shelled positions on the Libyan coast overnight.", "TUR"),
    ],
)
def test_a_country_s_war_machines_are_its_military(text, country) -> None:
    sources = [(e.source.country, e.source.sector) for e in eventwire.code_text(text) if e.source]
    assert (country, "MIL") in sources, sources


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Israeli troops fired missiles at a car in the southern Gaza Strip.", "PSE"),
        ("Ethiopian soldiers shot at a bus near Kassala in eastern Sudan.", "SDN"),
    ],
)
def test_a_strike_on_a_thing_abroad_targets_the_country_it_lands_in(text, target) -> None:
    found = [
        (e.action.cameo[:2], e.target.country if e.target else None)
        for e in eventwire.code_text(text)
    ]
    assert any(root in ("18", "19") and t == target for root, t in found), found


@pytest.mark.parametrize(
    "text",
    [
        "North Korea fired two ballistic missiles into the sea off its east coast.",
        "Russia test-fired a missile in the Arctic.",
    ],
)
def test_a_missile_fired_at_no_one_and_no_foreign_place_is_no_attack(text) -> None:
    """No assault or fighting; a weapons test may be a show of force (150), nothing more."""
    assert all(code == "150" for code, _, _ in _events(text)), _events(text)


@pytest.mark.parametrize(
    "text",
    [
        "Real Madrid beat Bayern Munich 2-1 to reach the Champions League final.",
        "Dynamo Kyiv thrashed Shakhtar Donetsk.",
        "Air France suspended flights to Tel Aviv.",
    ],
)
def test_a_club_or_company_named_after_a_place_is_not_its_state(text) -> None:
    assert all(e.source is None or e.source.sector != "GOV" for e in eventwire.code_text(text))


@pytest.mark.parametrize(
    ("text", "country", "sector"),
    [
        ("New Delhi accused Islamabad of backing militants.", "IND", "GOV"),
        ("Abu Dhabi pledged aid to Khartoum.", "ARE", "GOV"),
        ("The Kenya Anti-Corruption Commission arrested two officials.", "KEN", "GOV"),
        ("Mexico City police arrested two suspects.", "MEX", "COP"),
    ],
)
def test_a_place_in_a_body_s_name_or_a_whole_place_name_still_gives_the_country(
    text, country, sector
) -> None:
    sources = [(e.source.country, e.source.sector) for e in eventwire.code_text(text) if e.source]
    assert (country, sector) in sources, sources


@pytest.mark.parametrize(
    ("text", "country"),
    [
        (
            "The Rwandan government denied that its troops were fighting alongside rebels in Congo.",
            "RWA",
        ),
        ("Moscow denied that its jets had bombed a hospital in Aleppo.", "RUS"),
        (
            "Eritrea denied that its soldiers had attacked villages in Tigray.",
            "ERI",
        ),
    ],
)
def test_denying_that_one_did_an_act_is_a_denial_not_the_act(text, country) -> None:
    found = [
        (e.action.cameo, e.source.country if e.source else None) for e in eventwire.code_text(text)
    ]
    assert ("016", country) in found, found
    assert all(code[:2] not in ("18", "19") for code, _ in found), found


def test_denying_a_fact_that_is_no_act_is_no_event() -> None:
    assert _events("The finance minister denied that the economy was in recession.") == []


@pytest.mark.parametrize(
    ("text", "country", "target_sector"),
    [
        ("Police in Nairobi blocked a march by opposition supporters on Tuesday.", "KEN", "OPP"),
        (
            "Belarusian riot police prevented opposition activists from marching in Minsk.",
            "BLR",
            "OPP",
        ),
        ("Turkish police prevented the demonstration staged by students in Sivas.", "TUR", None),
    ],
)
def test_the_state_stopping_a_protest_restricts_freedoms(text, country, target_sector) -> None:
    found = [
        (
            e.action.cameo,
            e.source.country if e.source else None,
            e.target.sector if e.target else None,
        )
        for e in eventwire.code_text(text)
    ]
    assert any(c == "1721" and s == country for c, s, _ in found), found
    if target_sector:
        assert ("1721", country, target_sector) in found, found
    assert all(c[:2] != "14" for c, _, _ in found), found  # the stopped protest is not coded


@pytest.mark.parametrize(
    "text",
    ["Heavy rain stopped the march in Lagos.", "Organisers cancelled the rally in Harare."],
)
def test_a_protest_stopped_by_no_state_actor_is_no_restriction(text) -> None:
    assert all(code != "1721" for code, _, _ in _events(text))


def test_an_event_word_naming_a_kind_of_actor_is_no_event() -> None:
    text = "Riot police arrested three protest leaders in Dhaka."
    assert [code[:2] for code, _, _ in _events(text)] == ["17"]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The Burmese junta ordered an independent newspaper to suspend publication.", "1721"),
        ("Niger ordered French troops to leave the country.", "166"),
        ("Russia ordered two American journalists to leave the country.", "174"),
        ("The Tajik government ordered the charity to close its offices in Dushanbe.", "1663"),
    ],
)
def test_the_state_ordering_someone_to_stop_or_leave_coerces_them(text, code) -> None:
    assert code in [c for c, _, _ in _events(text)]


def test_an_order_to_do_something_else_stays_a_demand() -> None:
    codes = [c for c, _, _ in _events("Kenya's president ordered Uganda to release the activists.")]
    assert all(c[:2] not in ("16", "17") for c in codes), codes


@pytest.mark.parametrize(
    "text",
    [
        "A large crowd gathered in Kerman to commemorate the slain general.",
        "Thousands of mourners paid their respects to the late king in Bangkok.",
    ],
)
def test_the_public_mourning_or_commemorating_is_no_political_act(text) -> None:
    assert all(code[:3] not in ("017", "018") for code, _, _ in _events(text))


def test_a_state_s_symbolic_act_is_coded() -> None:
    text = "The Iranian president laid a wreath at the tomb of the slain general in Kerman."
    assert [c for c, _, _ in _events(text)] == ["017"]


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Russia sent more troops to the border with Ukraine.", "UKR"),
        ("Thousands of additional troops were sent to the border with Sudan on Tuesday.", "SDN"),
        ("Kyrgyzstan closed its border with Kazakhstan to trucks.", "KAZ"),
    ],
)
def test_a_border_with_a_country_faces_that_country(text, target) -> None:
    events = eventwire.code_text(text)
    assert any(e.target is not None and e.target.country == target for e in events), events


def test_the_forces_of_a_build_up_are_its_doer() -> None:
    text = (
        "A build-up of Russian troops near the Finnish border was detected by Finnish intelligence."
    )
    found = [
        (e.action.cameo[:2], e.source.country if e.source else None)
        for e in eventwire.code_text(text)
    ]
    assert ("15", "RUS") in found, found


def _roots_of(text: str) -> list[str]:
    return [e.action.cameo[:2] for e in eventwire.code_text(text, "2025-11-25")]


@pytest.mark.parametrize(
    "text",
    [
        "An army checkpoint outside Kandahar came under attack from Taliban fighters overnight.",
        "A Malian army convoy came under heavy fire near Kidal on Tuesday.",
        "A UN supply column came under mortar fire from rebels north of Goma.",
    ],
)
def test_coming_under_attack_or_fire_is_an_attack_on_the_subject(text) -> None:
    assert "19" in _roots_of(text) or "18" in _roots_of(text), _roots_of(text)


@pytest.mark.parametrize(
    "text",
    [
        "The Spanish prime minister came under fire from opposition leaders over the amnesty law.",
        "Kenya's finance ministry has come under attack from economists for the new levies.",
        "The Peruvian president came under fire from lawmakers after the cabinet reshuffle.",
    ],
)
def test_coming_under_fire_from_critics_is_criticism_not_an_attack(text) -> None:
    roots = _roots_of(text)
    assert "11" in roots and "19" not in roots and "18" not in roots, roots


@pytest.mark.parametrize(
    ("text", "root"),
    [
        (
            "Three Zambian customs officials were placed under investigation by the anti-graft body.",
            "09",
        ),
        ("Two Kenyan senators are under investigation for bribery.", "09"),
        ("The former Bolivian interior minister was placed under arrest in La Paz.", "17"),
        ("The Burkinabe town of Djibo has been under siege by jihadists for months.", "19"),
    ],
)
def test_what_befalls_someone_under_it_is_that_act_and_a_duration_is_no_reason(text, root) -> None:
    assert root in _roots_of(text), _roots_of(text)
