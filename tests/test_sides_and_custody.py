"""Who is on the other side (issue 10): the second side of "Thai and Cambodian troops", who is
held in "his detention", a court that orders a detention, acts someone is kept from doing, and
event nouns that set an act in time ("pending an investigation"). Sentences written for these
tests."""

from __future__ import annotations

import pytest
from coding import codes_and_countries

import eventwire

_codes = codes_and_countries


@pytest.mark.parametrize(
    ("text", "root", "source", "target"),
    [
        (
            "Indian and Pakistani soldiers clashed along the frontier on Tuesday.",
            "19",
            "IND",
            "PAK",
        ),
        ("Thai and Cambodian troops traded artillery fire on Friday.", "19", "THA", "KHM"),
        ("Kenyan and Somali police began joint patrols near the border.", "06", "KEN", "SOM"),
        ("Iranian and Saudi diplomats met in Baghdad on Sunday.", "04", "IRN", "SAU"),
    ],
)
def test_the_second_side_of_a_coordinated_adjective_is_the_target(text, root, source, target):
    codes = _codes(text)
    assert any(c[:2] == root and s == source and t == target for c, s, t in codes), codes


def test_a_coordinated_adjective_of_the_same_country_is_no_second_side():
    codes = _codes("Afghan and Taliban officials agreed to cooperate on trade.")
    assert codes and all(t is None for _, _, t in codes), codes


@pytest.mark.parametrize(
    "text",
    [
        "A court in Cairo ordered the detention of the blogger for fifteen days.",
        "A judge in Ankara ordered the arrest of the mayor on Monday.",
        "A Dhaka court extended the detention of the opposition leader by a month.",
    ],
)
def test_a_court_ordering_a_detention_detains(text):
    codes = _codes(text)
    assert any(c == "173" for c, _, _ in codes), codes
    assert not any(c[:2] in ("09", "10") for c, _, _ in codes), codes


def test_an_event_noun_that_only_dates_the_act_is_not_its_object():
    # the detention is ordered; no investigation is ordered or opened
    codes = _codes(
        "A Tunisian judge ordered the detention of the opposition leader pending an inquiry "
        "into his remarks."
    )
    assert [c for c, _, _ in codes] == ["173"], codes


@pytest.mark.parametrize(
    ("text", "kept_from"),
    [
        ("Police barred the union from holding meetings at its offices.", "04"),
        ("The army refrained from attacking the rebel town.", "19"),
        ("The Kremlin stopped the two parties from contesting the election.", "14"),
    ],
)
def test_an_act_someone_is_kept_from_is_not_done(text, kept_from):
    codes = _codes(text)
    assert not any(c[:2] == kept_from for c, _, _ in codes), codes


@pytest.mark.parametrize(
    "text",
    [
        "Hundreds marched in Minsk to protest against his detention.",
        "Navalny's arrest drew condemnation from Western governments.",
        "Their release was welcomed by the families.",
    ],
)
def test_a_persons_possessive_on_custody_is_who_is_held_not_the_holder(text):
    # "his detention": he is held; nobody named here detains anyone
    codes = _codes(text)
    assert not any(c[:2] == "17" or c[:3] == "084" for c, _, _ in codes), codes


def test_a_states_possessive_on_custody_is_the_holder():
    codes = _codes("Iran's detention of two French tourists angered Paris.")
    assert ("173", "IRN", "FRA") in codes, codes


def _full(text: str) -> list[tuple[str, str | None, str | None, str | None, str | None]]:
    return [
        (
            e.action.cameo,
            e.source.country if e.source else None,
            e.source.sector if e.source else None,
            e.target.country if e.target else None,
            e.when.date if e.when.precision == "day" else None,
        )
        for e in eventwire.code_text(text, "2025-03-12")
    ]


@pytest.mark.parametrize(
    ("text", "root", "source"),
    [
        (
            "Britain's foreign secretary said the verdict was deeply unjust and urged Minsk to "
            "free the activists.",
            "02",
            "GBR",
        ),
        (
            "The French foreign ministry said the crackdown was unacceptable and called for the "
            "release of all detained protesters.",
            "02",
            "FRA",
        ),
    ],
)
def test_an_appeal_joined_to_a_quoted_judgement_is_the_speakers(text, root, source):
    # the parse hangs "urged" on "was"; the verdict does not urge anyone
    codes = _full(text)
    assert any(c[:2] == root and s == source for c, s, _, _, _ in codes), codes


def test_a_consulate_general_is_a_diplomatic_mission_not_an_army():
    codes = _full("The Canadian consulate general in Shanghai condemned the raid on the school.")
    assert codes and all(sec == "GOV" for _, _, sec, _, _ in codes), codes


@pytest.mark.parametrize(
    "text",
    [
        "ANKARA, March 12 (Reuters) - Parliament passed the media bill on Tuesday. The Council of "
        "Europe said the new law was incompatible with press freedom.",
        "MINSK, March 12 (AP) - A court jailed the blogger for six years on Monday. Sweden said the "
        "sentence was unjust.",
    ],
)
def test_a_foreign_judgement_of_a_law_or_verdict_criticises_the_storys_country(text):
    home = "TUR" if text.startswith("ANKARA") else "BLR"
    codes = _full(text)
    assert any(c == "111" and t == home for c, _, _, t, _ in codes), codes


def test_a_day_the_parse_hangs_on_the_subject_dates_its_verb():
    codes = _full("Kenya's foreign ministry on Monday summoned Uganda's ambassador.")
    assert any(d == "2025-03-10" for *_, d in codes), codes


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Prosecutors reinstated arrest warrants against the rebel commanders.", "173"),
        ("The government lifted arrest warrants against the guerrilla negotiators.", "081"),
    ],
)
def test_warrants_issued_again_or_lifted(text, code):
    codes = _full(text)
    assert any(c == code for c, *_ in codes), codes


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Tehran hit back at the French minister's remarks on Friday.", "111"),
        ("Beijing hit back at Washington's new export rules.", "111"),
        ("The rebels hit back at army positions near the airport.", "force"),
    ],
)
def test_hitting_back_at_words_is_words_and_at_positions_is_force(text, code):
    codes = [c for c, *_ in _full(text)]
    if code == "force":
        assert len(codes) == 1 and codes[0][:2] in ("18", "19"), codes
    else:
        assert codes == [code], codes


@pytest.mark.parametrize(
    ("text", "root"),
    [
        ("The ministry did not confirm the losses but accused the rebels of shelling homes.", "11"),
        ("The minister did not resign but apologised to the victims' families.", "05"),
    ],
)
def test_a_negation_does_not_cross_but(text, root):
    codes = _full(text)
    assert any(c[:2] == root for c, *_ in codes), codes


def test_a_negation_still_spreads_over_and():
    assert _full("The army did not attack the town and shelled no villages.") == []
