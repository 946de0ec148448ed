"""Who did it, when the text says it by a crowd's size, a plural, a weapon's fire or a bomb going
off; and when the doer makes it no political event (an accident, business among companies).
Issue 10 ("events without a named doer", "word sense"); sentences written for these tests."""

from __future__ import annotations

import pytest

import eventwire


def _events(text: str) -> list[tuple[str, str | None, str | None]]:
    return [
        (e.action.cameo, e.source.code if e.source else None, e.target.code if e.target else None)
        for e in eventwire.code_text(text, "2025-11-25")
    ]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "Thousands marched through central Nairobi on Saturday against the new finance bill.",
            "KENCVL",
        ),
        ("Tens of thousands rallied outside parliament in Bucharest.", "ROUCVL"),
        ("Thousands protested in Lima.", "PERCVL"),
        ("Crowds took to the streets of Dakar after the verdict.", "CVL"),
    ],
)
def test_a_crowd_counted_by_its_size_that_protests_is_civilians(text, source) -> None:
    found = _events(text)
    assert any(code.startswith("14") and src == source for code, src, _ in found), found


@pytest.mark.parametrize(
    "text",
    [
        "Thousands of runners took to the streets of Berlin for the marathon.",
        "Thousands fled the fighting in El Fasher.",
    ],
)
def test_a_crowd_of_others_or_in_flight_is_no_protest(text) -> None:
    assert not any(code.startswith("14") for code, _, _ in _events(text))


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("Opposition parties called on the electoral commission to resign.", "OPP"),
        ("Unknown assailants torched a polling station in the north.", "REB"),
    ],
)
def test_a_plural_the_dictionary_has_in_the_singular_is_the_same_actor(text, sector) -> None:
    found = _events(text)
    assert any(src is not None and src.endswith(sector) for _, src, _ in found), found


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Two border guards were killed by sniper fire on the frontier with Tajikistan.", "193"),
        ("Mortar fire wounded four peacekeepers near Goma.", "194"),
        ("A car bomb exploded outside the interior ministry in Mogadishu.", "1832"),
        ("A bomb went off near a bus station in Peshawar, killing three people.", "183"),
        ("A blast at a checkpoint in Peshawar killed three policemen.", "183"),
    ],
)
def test_fire_named_by_its_weapon_and_bombs_going_off_are_attacks(text, code) -> None:
    assert code in [c for c, _, _ in _events(text)], _events(text)


@pytest.mark.parametrize(
    "text",
    [
        "A fire killed nine people in a Manila shopping mall.",
        "A gas explosion wrecked a block of flats in Moscow, killing four residents.",
        "An explosion at a fertiliser factory in Texas killed fifteen workers.",
        "The bomb exploded.",
    ],
)
def test_accidents_and_a_bomb_going_off_nowhere_are_no_attack(text) -> None:
    assert _events(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The football club signed a Brazilian midfielder on a five-year deal.",
        "The bank agreed to lend the developer 40 million euros.",
        "The two carmakers agreed to share battery technology.",
    ],
)
def test_business_among_companies_and_people_is_no_political_event(text) -> None:
    assert _events(text) == []


def test_a_company_dealing_with_a_state_stays_coded() -> None:
    found = _events("A Chinese bank agreed to lend Kenya 2 billion dollars for the railway.")
    assert any(tgt == "KEN" for _, _, tgt in found), found


@pytest.mark.parametrize(
    "text",
    [
        "The 1991 coup against Gorbachev failed within three days.",
        "The general strike of 1926 paralysed Britain for nine days.",
        "Thailand and Cambodia fought a series of border clashes between 2008 and 2011.",
    ],
)
def test_an_event_dated_by_its_own_year_is_background(text) -> None:
    events = eventwire.code_text(text, "2025-11-25")
    assert all(e.when.historical for e in events), [(e.action.cameo, e.when) for e in events]


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        (
            "Germany's chancellor said on Tuesday that Hungary was isolating itself within the EU.",
            "DEUGOV",
            "HUN",
        ),
        (
            "Japan's foreign minister told reporters that North Korea remained the gravest threat.",
            "JPNGOV",
            "PRK",
        ),
        (
            "The situation in Haiti is deteriorating fast, the French foreign minister said.",
            "FRAGOV",
            "HTI",
        ),
    ],
)
def test_a_political_speakers_comment_on_another_country_is_a_statement(
    text, source, target
) -> None:
    assert ("010", source, target) in _events(text), _events(text)


@pytest.mark.parametrize(
    "text",
    [
        "Brazil's president said the Brazilian economy would grow by 3 percent.",
        "The chief executive of Unilever said demand in India was strong.",
        "The economy grew 2 percent last quarter, the statistics office said.",
        "Floods have killed 12 people, Kenya's interior minister said.",
        "Ugandan police said the crash was caused by a burst tyre.",
        "Schools will reopen next week, Ghana's education minister said.",
    ],
)
def test_news_told_or_a_comment_by_no_political_speaker_is_no_statement(text) -> None:
    assert not any(code == "010" for code, _, _ in _events(text)), _events(text)


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("The Bolivian president spoke about the fuel shortage in a televised address.", "BOLGOV"),
        ("Nepal's finance minister talked on the budget at length.", "NPLGOV"),
        ("Addressing parliament, the Ghanaian president spoke on youth unemployment.", "GHAGOV"),
    ],
)
def test_a_political_speaker_speaking_on_a_topic_alone_makes_a_statement(text, source) -> None:
    assert ("010", source, None) in _events(text), _events(text)


def test_speaking_with_someone_is_a_consultation_not_a_statement() -> None:
    found = _events("Peru's president spoke with Chile's president about the border.")
    assert found and all(code[:2] == "04" for code, _, _ in found), found


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("The prospects for a vote in Libya this year are dim, the UN envoy said.", "LBY"),
        ("The head of the IMF said Argentina had made real progress on inflation.", "ARG"),
    ],
)
def test_an_international_bodys_comment_on_a_country_is_a_statement_about_it(text, target):
    assert ("010", "IGO", target) in _events(text), _events(text)


@pytest.mark.parametrize(
    "text",
    [
        # an assessment of the speaker's own affairs: news told, no event between actors
        "The outlook for the coffee harvest is grim, Colombia's agriculture minister said.",
        "Inflation should ease by the spring, Poland's finance minister said.",
        "Peru's prime minister said the cabinet was following the protests in Puno closely.",
        "Chile's president said the country was ready to send firefighters to Bolivia.",
        "The central bank must act now, Hungary's finance minister said.",
        "The verdict is a travesty, the UN human rights chief said.",
        "Prosecutors in Lima said they had charged the former mayor with fraud.",
    ],
)
def test_home_assessments_intent_demand_criticism_or_told_acts_are_no_bare_statement(text):
    assert not any(code == "010" for code, _, _ in _events(text)), _events(text)


def test_a_comment_that_reports_an_act_is_that_act_only() -> None:
    found = _events("Egypt's foreign minister said Israeli troops had shelled the Rafah crossing.")
    assert found and not any(code == "010" for code, _, _ in found), found


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Israel denied attacking Lebanon.", ("016", "ISR", "LBN")),
        ("Iran denies supplying drones to Russia", ("016", "IRN", "RUS")),
        ("Both armies denied firing first.", ("016", "MIL", None)),
    ],
)
def test_denying_an_act_told_by_a_gerund_is_a_denial(text, want) -> None:
    assert want in _events(text), _events(text)


def test_denying_someone_a_thing_is_no_denial_of_responsibility() -> None:
    assert not any(code == "016" for code, _, _ in _events("The government denied him a visa."))


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "The night curfew in Jos will be lifted on Monday, Plateau state's governor said.",
            "NGAGOV",
        ),
        (
            "Mobile internet in Balochistan will be restored by Friday, Pakistan's interior minister said.",
            "PAKGOV",
        ),
    ],
)
def test_a_measure_announced_in_the_future_passive_is_the_speakers_intent(text, source) -> None:
    found = _events(text)
    assert any(code[:2] == "03" and src == source for code, src, _ in found), found


def test_what_a_rights_group_says_others_will_do_is_not_its_intent() -> None:
    found = _events("Three prisoners will be executed next week, Amnesty International said.")
    assert not any(code[:2] == "03" for code, _, _ in found), found


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Relations between Morocco and Iran were restored last week.", ("054", "MAR", "IRN")),
        ("Diplomatic ties between Nicaragua and Taiwan were cut on Friday.", ("161", "NIC", "TWN")),
    ],
)
def test_a_passive_whose_subject_names_both_sides_has_them_as_source_and_target(text, want):
    assert want in _events(text), _events(text)


@pytest.mark.parametrize(
    "text",
    [
        "The Pope condemned the bombing of a hospital in Khartoum.",
        "In his Christmas message, the pope urged Russia to agree to a prisoner exchange.",
    ],
)
def test_the_pope_by_his_title_is_the_holy_see(text) -> None:
    assert any(src == "VATGOV" for _, src, _ in _events(text)), _events(text)


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        (
            "The Ghanaian president met the speaker of parliament in Accra on Monday.",
            "GHAGOV",
            "GHAGOV",
        ),
        (
            "Bolivia's interior minister praised the national police for the arrests.",
            "BOLGOV",
            "BOLCOP",
        ),
        (
            "The ruling party in Zambia endorsed the finance minister's budget plan.",
            "ZMBGOV",
            "ZMBGOV",
        ),
    ],
)
def test_two_bodies_of_one_country_named_apart_act_on_each_other(text, source, target) -> None:
    assert any(s == source and t == target for _, s, t in _events(text)), _events(text)


@pytest.mark.parametrize(
    "text",
    [
        "Zambia's president praised Zambia's resilience after the drought.",
        "The Ghanaian government visited Ghana's northern regions last week.",
    ],
)
def test_a_state_praising_or_visiting_its_own_country_is_no_event(text) -> None:
    assert _events(text) == [], _events(text)


def test_a_title_in_the_text_gives_the_sector_a_dated_dictionary_lacks_that_day() -> None:
    (e,) = eventwire.code_text(
        "Kenyan President William Ruto met opposition leader Raila Odinga in Mombasa.", "2025-03-01"
    )
    assert e.target is not None and e.target.code == "KENOPP"


@pytest.mark.parametrize(
    "text",
    [
        "Rioters set fire to two police stations in the suburbs of Marseille.",
        "Marchers torched cars along the main avenue of Santiago.",
        "Protesters looted supermarkets in the centre of Lima overnight.",
    ],
)
def test_rioters_burning_smashing_or_looting_are_a_riot(text) -> None:
    codes = [c for c, _, _ in _events(text)]
    assert "145" in codes, codes


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        (
            "Chile and Argentina opened a joint border control post in the Andes on Monday.",
            "CHL",
            "ARG",
        ),
        (
            "Polish and Ukrainian engineers are jointly repairing the bridge over the Bug.",
            "POL",
            "UKR",
        ),
        (
            "Indonesian and Malaysian warships sailed together through the Strait of Malacca.",
            "IDN",
            "MYS",
        ),
    ],
)
def test_two_countries_doing_a_thing_together_is_material_cooperation(text, source, target) -> None:
    assert any(
        c == "060" and s and s.startswith(source) and t and t.startswith(target)
        for c, s, t in _events(text)
    ), _events(text)


def test_words_issued_jointly_are_no_material_cooperation() -> None:
    codes = [
        c for c, _, _ in _events("Chile and Argentina issued a joint statement on the glacier.")
    ]
    assert "060" not in codes, codes


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "Striking nurses sang outside the ministry in Lusaka as they marched to parliament.",
            "ZMB",
        ),
        ("Ethiopia massed troops near the border and it later shelled Eritrean positions.", "ETH"),
    ],
)
def test_a_pronoun_doer_of_a_joined_clause_is_the_main_clauses_doer(text, source) -> None:
    sources = [s for _, s, _ in _events(text)]
    assert any(s and s.startswith(source) for s in sources), _events(text)


def test_a_pronoun_of_the_other_number_takes_no_doer_from_the_main_clause() -> None:
    events = eventwire.code_text(
        "The minister toured the camp in Gaza as they shelled the town.", "2025-11-25"
    )
    assert all(not (e.source and e.source.rule.startswith("anaphor:they→minister")) for e in events)


@pytest.mark.parametrize(
    ("text", "source_name", "target"),
    [
        (
            "A delegation from the African Union met Sudanese generals in Port Sudan.",
            "African Union",
            "SDNMIL",
        ),
        ("Officials from the World Bank visited Lusaka on Tuesday.", "World Bank", "ZMBGOV"),
        ("Monitors from the OSCE criticised the vote count in Baku.", "OSCE", None),
        (
            "Inspectors from the IAEA visited the Fordow site in Iran.",
            "International Atomic Energy Agency",
            None,
        ),
    ],
)
def test_people_from_a_named_body_are_that_body(text, source_name, target) -> None:
    """'Officials from the World Bank' are the World Bank, not the government of the place."""
    got = [
        (e.source.name if e.source else None, e.target.code if e.target else None)
        for e in eventwire.code_text(text, "2025-11-25")
    ]
    assert any(s == source_name and (target is None or t == target) for s, t in got), got


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("An official in the Ugandan foreign ministry criticised the Kenyan tariffs.", "UGA"),
        ("Officials in the Malian defence ministry condemned the French raid.", "MLI"),
    ],
)
def test_people_in_a_named_body_are_of_its_country(text, country) -> None:
    """'An official in the Ugandan foreign ministry' is Uganda's; 'journalists in Moscow' are
    still journalists (a place is no body they belong to)."""
    got = [
        (e.source.country if e.source else None) for e in eventwire.code_text(text, "2025-11-25")
    ]
    assert country in got, got
    place = eventwire.code_text("Journalists in Moscow criticised the new media law.", "2025-11-25")
    assert all(e.source is None or e.source.sector != "GOV" for e in place), place


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Witnesses reported heavy shelling in Goma overnight.", "194"),
        ("Residents heard gunfire near the army base in Gao.", "193"),
        ("Monitors from the OSCE reported shelling near Donetsk.", "194"),
    ],
)
def test_an_act_witnessed_or_reported_has_no_named_doer(text, code) -> None:
    """Whoever saw, heard or reported the shelling did not shell."""
    got = _events(text)
    assert any(c == code and s is None for c, s, _ in got), got


def test_an_international_body_investigating_at_a_place_looks_into_its_country() -> None:
    got = _events("Human Rights Watch investigated killings in Cabo Delgado.")
    assert any(c.startswith("09") and t == "MOZ" for c, _, t in got), got


@pytest.mark.parametrize(
    ("text", "code", "source", "target"),
    [
        (
            "Ghana's new anti-gay law drew sharp criticism from the United States.",
            "111",
            "USA",
            "GHA",
        ),
        (
            "The test of a hypersonic missile by Beijing drew condemnation from Tokyo.",
            "111",
            "JPNGOV",
            "CHNGOV",
        ),
        (
            "Kenya's offer to lead the mission won praise from the African Union.",
            "051",
            None,
            "KEN",
        ),
        ("Strong criticism of the verdict came from Washington on Friday.", "111", "USA", None),
    ],
)
def test_a_reaction_drawn_by_an_act_or_coming_from_someone_is_theirs(
    text, code, source, target
) -> None:
    """'X drew criticism from Y': Y criticises X (or X's doer); 'criticism came from Y': Y's."""
    got = _events(text)
    assert any(
        c == code and (source is None or s == source) and (target is None or t == target)
        for c, s, t in got
    ), got


def test_a_reaction_with_no_one_it_comes_from_is_no_event() -> None:
    assert not any(c.startswith("11") for c, _, _ in _events("The ruling drew criticism."))


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Troops shelled rebel positions near Bamenda on Tuesday.", "CMRMIL"),
        ("Troops arrested 14 suspected militants in a raid on a village in Borno state.", "NGAMIL"),
        ("Troops opened fire on protesters in Khartoum, killing three.", "SDNMIL"),
        ("Troops loyal to the junta arrested the prime minister in Niamey.", "NERMIL"),
    ],
)
def test_troops_with_no_owner_named_are_the_doer(text, source) -> None:
    found = _events(text)
    assert any(src == source for _, src, _ in found), found


def test_troops_that_are_sent_are_no_target() -> None:
    found = _events("Egypt expressed support for Somalia and offered to send troops.")
    assert not any(tgt is not None and tgt.endswith("MIL") for _, _, tgt in found), found
