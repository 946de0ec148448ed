"""Classes of wording that were silent (issue 10), eleventh step: a political speaker's outlook
(pessimistic or optimistic comments, CAMEO 012/013) and a measure being weighed (014) by verbs of
study and in the passive reported by the body weighing it. Sentences written for these tests."""

from __future__ import annotations

import pytest
from coding import codes_and_countries

_codes = codes_and_countries


# --- outlook held: an adjective of mood said of a political speaker --------------------------------


@pytest.mark.parametrize(
    ("text", "code", "source", "target"),
    [
        (
            "Norwegian diplomats were cautiously optimistic about the Sri Lankan talks.",
            "013",
            "NOR",
            "LKA",
        ),
        (
            "The Ghanaian finance minister said she remained hopeful that the budget would pass.",
            "013",
            "GHA",
            None,
        ),
        (
            "Peru's foreign minister sounded upbeat about a trade pact with Chile.",
            "013",
            "PER",
            "CHL",
        ),
        (
            "Indonesian officials are worried about the rise in piracy in the strait.",
            "012",
            "IDN",
            None,
        ),
        (
            "The Danish prime minister said she was not confident that the pact would survive.",
            "012",
            "DNK",
            None,
        ),
        ("Hungarian minister gloomy about prospects of deal with Brussels", "012", "HUN", None),
        ("Moldovan president upbeat on accession talks", "013", "MDA", None),
    ],
)
def test_a_political_speakers_mood_is_an_outlook(text, code, source, target):
    got = _codes(text)
    assert any(c == code and s == source and (target is None or t == target) for c, s, t in got), (
        got
    )


@pytest.mark.parametrize(
    "text",
    [
        # no political speaker: a company, a sportsman, a people polled
        "The carmaker's chief executive said he was optimistic about sales in Asia.",
        "The striker said he was confident of scoring in the final.",
        "Most Italians are pessimistic about the economy, a poll found.",
        # a condition or a possibility is no outlook stated
        "The minister may be optimistic if the rains come.",
    ],
)
def test_no_outlook_without_a_political_speaker_stating_it(text):
    assert not [c for c, _, _ in _codes(text) if c in ("012", "013")], _codes(text)


# --- outlook judged: a state of affairs judged bleak or bright by a political speaker -----------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The humanitarian situation in the camps is dire, Chad's health minister said.", "012"),
        ("The prospects for a settlement are bleak, a UN envoy said on Friday.", "012"),
        ("The next winter will be very difficult, Moldova's energy minister warned.", "012"),
        ("The outlook for exports is bright, Vietnam's trade minister told reporters.", "013"),
    ],
)
def test_a_state_of_affairs_judged_by_a_political_speaker_is_an_outlook(text, code):
    assert code in [c for c, _, _ in _codes(text)], _codes(text)


def test_an_actor_judged_is_not_an_outlook():
    got = _codes("Russia's conduct is alarming, Estonia's foreign minister said.")
    assert not [c for c, _, _ in got if c in ("012", "013")], got


def test_a_judgement_by_no_political_speaker_is_nothing():
    assert _codes("The outlook for house prices is bleak, the bank's economist said.") == []


# --- outlook warned: a warning of what lies ahead, no one warned and no threat ------------------


@pytest.mark.parametrize(
    "text",
    [
        "Bolivia's economy minister warned that the country faces a fuel shortage.",
        "The Kenyan central bank governor cautioned that inflation would rise in the coming months.",
        "Millions could go hungry this winter, the head of the UN food agency warned.",
    ],
)
def test_a_warning_of_hard_times_is_a_pessimistic_comment(text):
    assert "012" in [c for c, _, _ in _codes(text)], _codes(text)


@pytest.mark.parametrize(
    ("text", "target"),
    [
        # the speaker's own side may act: a threat
        ("Serbia's defence minister warned that the army would respond to any provocation.", None),
        ("Algeria warned that it could cut gas exports to Spain.", None),
        # a warning to another country
        ("Iran warned that Israel would pay a heavy price for the strike.", "ISR"),
        # a second clause of the warning is the speaker's own threat
        (
            "Beijing warned that any arms sale by Washington would harm ties, and that China "
            "would respond firmly.",
            None,
        ),
    ],
)
def test_a_warning_that_threatens_stays_a_threat(text, target):
    got = _codes(text)
    assert not [c for c, _, _ in got if c == "012"], got
    if target is not None:
        assert any(c[:2] == "13" and t == target for c, _, t in got), got


# --- 014: a measure weighed -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("A proposal to tax sugary drinks is being studied by the Philippine government.", "PHL"),
        ("The Kenyan government is exploring the option of a sovereign bond.", "KEN"),
        ("Japan is examining a proposal to join the grain corridor.", "JPN"),
        # in the passive, weighed by the state body that reports it
        ("Options to support the lira are being reviewed, Turkey's finance ministry said.", "TUR"),
        ("A curfew on motorcycles is being considered, Nigeria's police minister said.", "NGA"),
    ],
)
def test_a_measure_weighed_is_a_policy_option_considered(text, source):
    got = _codes(text)
    assert ("014", source) in [(c, s) for c, s, _ in got], got


@pytest.mark.parametrize(
    "text",
    [
        "The student studied law in Lyon for four years.",
        "Police examined the body of the victim.",
        "Options are being considered, analysts said.",
    ],
)
def test_no_measure_weighed(text):
    assert "014" not in [c for c, _, _ in _codes(text)], _codes(text)


# --- regret voiced to the wronged: an apology (055) ------------------------------------------


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        (
            "The Dutch king expressed his deep regret to the people of Indonesia for colonial violence.",
            "NLD",
            "IDN",
        ),
        (
            "Germany's president expressed remorse to Namibia for the killings of the Herero.",
            "DEU",
            "NAM",
        ),
    ],
)
def test_regret_voiced_to_the_wronged_is_an_apology(text, source, target):
    got = _codes(text)
    assert ("055", source, target) in got, got


def test_regret_over_anothers_act_is_no_apology():
    got = _codes("Japan's prime minister expressed regret over the North Korean missile launch.")
    assert "055" not in [c for c, _, _ in got], got


# --- accord stated with another side (019) -------------------------------------------------------


def test_a_stated_accord_with_another_side_is_expressed_accord():
    got = _codes("Chile's president said he was in full agreement with Buenos Aires on the border.")
    assert ("019", "CHL", "ARG") in got, got


def test_agreement_with_no_side_named_is_no_accord():
    got = _codes("The two carmakers are in agreement on the merger.")
    assert "019" not in [c for c, _, _ in got], got


def test_flowers_laid_at_a_tomb_are_a_symbolic_act():
    got = _codes("Senegal's president laid flowers at the tomb of the unknown soldier.")
    assert ("017", "SEN", None) in got, got
    assert "017" not in [c for c, _, _ in _codes("Kenyan farmers grew flowers for export.")]


# --- bodies and files of inquiry (09) -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code", "source"),
    [
        (
            "Kenyan prosecutors opened a criminal case against the former governor of Nairobi.",
            "091",
            "KEN",
        ),
        (
            "The Nigerian army set up a court of inquiry into the killing of the villagers.",
            "090",
            "NGA",
        ),
        ("Canada launched a royal commission into abuse in residential schools.", "090", "CAN"),
    ],
)
def test_a_body_or_file_of_inquiry_opened_is_an_investigation(text, code, source):
    got = _codes(text)
    assert (code, source) in [(c, s) for c, s, _ in got], got


def test_a_case_heard_is_no_inquiry_opened():
    got = _codes("The court in Nairobi heard the criminal case on Monday.")
    assert not [c for c, _, _ in got if c[:2] == "09"], got


# --- a comment told by its noun (010) -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        (
            "A statement on the crisis in Haiti was issued by Jamaica's foreign ministry.",
            "JAM",
            "HTI",
        ),
        (
            "A statement by Norway's foreign minister on the verdict in Iran was posted online.",
            "NOR",
            "IRN",
        ),
        ("The Turkish foreign ministry's comment on the Greek election was brief.", "TUR", "GRC"),
    ],
)
def test_a_political_speakers_comment_noun_on_another_country_is_a_statement(text, source, target):
    got = _codes(text)
    assert ("010", source, target) in got, got


@pytest.mark.parametrize(
    "text",
    [
        "Remarks by India's defence minister on the state of the northern border were broadcast.",
        "The carmaker's statement on the French market was brief.",
    ],
)
def test_no_statement_on_ones_own_country_or_by_a_company(text):
    assert "010" not in [c for c, _, _ in _codes(text)], _codes(text)
