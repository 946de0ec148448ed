"""Events told by a noun and a verb of happening, going on or ending, with no named doer (issue
10: "events carried by nouns"). Sentences written for these tests."""

from __future__ import annotations

import pytest

import eventwire


def _roots(text: str) -> list[str]:
    return [e.action.cameo[:2] for e in eventwire.code_text(text)]


@pytest.mark.parametrize(
    ("text", "root"),
    [
        ("Peace talks took place behind closed doors in Lusaka on Monday.", "04"),
        ("Fresh negotiations opened in Geneva on the future of the enclave.", "04"),
        ("Demonstrations against the new tax have spread to four more provinces.", "14"),
        ("A nationwide strike by transport workers paralysed the capital on Thursday.", "14"),
        ("The protest outside the parliament ended peacefully after dark.", "14"),
        ("The bombardment of the eastern suburbs intensified on Sunday.", "19"),
        ("A truce came into force at midnight along the whole front.", "08"),
        ("The mobilisation of 50,000 reservists got under way on Wednesday.", "15"),
    ],
)
def test_an_event_noun_that_happens_goes_on_or_ends_is_an_event(text, root) -> None:
    assert root in _roots(text), _roots(text)


@pytest.mark.parametrize(
    "text",
    [
        "Peace talks will begin in Lusaka next month.",
        "The march planned for Saturday did not go ahead.",
        "Negotiations could resume if both sides drop their conditions.",
        "The 1999 accords ended the war and created a new constitution.",
        "Two people were hurt in the capital before the truce came into force.",
    ],
)
def test_events_that_will_happen_did_not_happen_or_only_give_a_time_are_not_told(text) -> None:
    roots = _roots(text)
    assert "04" not in roots and "14" not in roots and "08" not in roots, roots


@pytest.mark.parametrize(
    "text",
    [
        "The rally in Lusaka planned for Saturday has been called off by the organisers.",
        "A nationwide walkout by nurses, set for Monday, has been postponed.",
        "Talks between the two governments, due to open in Doha, were put off until March.",
        "Scheduled airstrikes on the rebel bases were scrubbed because of fog.",
        "An assault on the port city is unlikely before the rains end, analysts said.",
        "A naval blockade of the strait would disrupt a third of the world's oil trade.",
        "The opposition has held no talks with the government since the election.",
        "The authorities have expelled no foreign journalists this year.",
    ],
)
def test_acts_planned_called_off_unlikely_hypothetical_or_quantified_by_no_are_not_told(
    text,
) -> None:
    assert _roots(text) == [], _roots(text)


def test_the_state_stopping_a_planned_protest_is_still_its_own_act() -> None:
    assert "1721" in [
        e.action.cameo for e in eventwire.code_text("Police banned the march planned for Friday.")
    ]


def _dyads(text: str) -> list[tuple[str, str | None, str | None]]:
    return [
        (e.action.cameo[:2], e.source and e.source.country, e.target and e.target.country)
        for e in eventwire.code_text(text)
    ]


@pytest.mark.parametrize(
    ("text", "root"),
    [
        # an -ing subject the parser tags as a verb is the event noun of that spelling
        ("Fighting resumed around the airport in Kherson on Friday.", "19"),
        ("Shelling of the northern districts of Kharkiv went on all night.", "19"),
        # fire named by its weapon, or traded between sides
        ("Heavy gunfire erupted near the state broadcaster in Niamey before dawn.", "19"),
        ("Mortar fire intensified along the front line outside Bakhmut on Sunday.", "19"),
        ("A fierce exchange of fire broke out at a checkpoint near Jenin.", "19"),
        ("An artillery duel began across the border near Kupiansk overnight.", "19"),
    ],
)
def test_fighting_and_fire_told_by_their_noun_are_events(text, root) -> None:
    assert root in _roots(text), _roots(text)


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        # the sides hang on the verb of happening, not on the noun
        ("Clashes erupted between Ethiopian and Eritrean troops near Badme.", "ETH", "ERI"),
        ("Heavy fighting broke out between Armenia and Azerbaijan on Tuesday.", "ARM", "AZE"),
        ("Talks resumed between Serbia and Kosovo in Brussels.", "SRB", "XKX"),
        # the sides as adjectives of one noun
        ("Negotiations between Sudanese and Chadian officials opened in Abeche.", "SDN", "TCD"),
    ],
)
def test_the_sides_of_an_event_noun_are_its_source_and_target(text, source, target) -> None:
    assert any(s == source and t == target for _, s, t in _dyads(text)), _dyads(text)


def test_fighting_given_only_as_a_time_is_not_an_event() -> None:
    assert _roots("The truce held for a decade until fighting resumed in 2015.") == []


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Bus services in Leeds were halted by a strike of transport workers.", "143"),
        ("Every school in the province was shut by a teachers' strike on Monday.", "143"),
        ("Ferry crossings were disrupted by a walkout of dockers.", "143"),
        ("The ministry's servers were crippled by a cyber attack overnight.", "170"),
    ],
)
def test_an_event_noun_as_the_doer_of_a_disruption_is_an_event(text, code) -> None:
    """'was halted by a strike': the strike happened; held by workers, it is a stoppage (143)."""
    codes = [e.action.cameo for e in eventwire.code_text(text)]
    assert code in codes, codes


@pytest.mark.parametrize(
    ("text", "root"),
    [
        ("Hundreds of farmers drove their tractors into Brussels in protest at the new rules.", "14"),
        ("Shop windows were smashed in central Athens during a protest against the reform.", "14"),
    ],
)
def test_a_protest_named_as_a_clause_setting_is_the_clause_act(text, root) -> None:
    assert root in _roots(text), _roots(text)


@pytest.mark.parametrize(
    "text",
    [
        "A lightning strike grounded flights at the airport for two hours.",
        "The finance minister resigned in protest at the budget cuts.",
    ],
)
def test_no_protest_from_hazards_victims_or_a_coded_verb(text) -> None:
    """A hazard's 'strike' is no attack; resigning in protest is a resignation."""
    codes = [e.action.cameo for e in eventwire.code_text(text)]
    assert not any(c.startswith(("19", "141")) for c in codes), codes


@pytest.mark.parametrize(
    ("text", "root"),
    [
        ("The inquiry into the collapse of the dam is entering its second year.", "09"),
        ("Security cooperation between Kenyan and Somali officials resumed last month.", "06"),
        ("New sanctions on Venezuelan gold exports took effect at midnight.", "16"),
        ("A judicial probe into the missing election funds began in Lilongwe on Monday.", "09"),
    ],
)
def test_an_act_that_needs_a_light_verb_is_still_told_by_its_happening(text, root) -> None:
    """'Investigation', 'cooperation', 'sanctions' need a verb to be done ('launched an
    investigation'); going on, beginning or taking effect tells them too."""
    assert root in _roots(text), _roots(text)


@pytest.mark.parametrize(
    "text",
    [
        "Demand for copper from Chinese smelters hit a record in March.",
        "A medical emergency on board forced the plane to land in Shannon.",
        "The inquiry concluded that the fire had started in the kitchen.",
        "Exports have doubled since sanctions began.",
    ],
)
def test_no_act_from_other_senses_reports_or_times(text) -> None:
    """Economic demand, a medical emergency, an inquiry's finding and a time are no event."""
    assert _roots(text) == [], _roots(text)
