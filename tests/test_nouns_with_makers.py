"""Classes of wording that were silent (issue 10), tenth step: a noun of act whose maker is its
"by" phrase, whatever the word and wherever the small model hangs it ("the seizure of two
boats by the navy", "a threat by the ruling party to ..."), and nouns made from more verbs of
the lexicon ("the reinstatement of", "the questioning of", "the hijacking of", "the dismantling
of"). Sentences written for these tests."""

from __future__ import annotations

import pytest
from coding import codes_and_countries

_codes = codes_and_countries


# --- the maker in a "by" phrase -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code", "source"),
    [
        # the "by" phrase hung on the "of" phrase, as the small model often does
        ("The expulsion of two French diplomats by Mali deepened the rift.", "166", "MLI"),
        ("The seizure of three fishing boats by the Indonesian navy angered Hanoi.", "171", "IDN"),
        ("The condemnation of the coup by Nigeria was swift.", "111", "NGA"),
        # a maker named by a common noun that the actor stage resolves
        (
            "A threat by Zambia's ruling party to dissolve parliament unsettled investors.",
            "130",
            "ZMB",
        ),
        ("An offer by Egypt's president to mediate in the dispute was turned down.", "030", "EGY"),
    ],
)
def test_a_noun_of_act_made_by_its_by_phrase_is_the_act_of_that_maker(text, code, source):
    got = _codes(text)
    assert any(c == code and s == source for c, s, _ in got), got


@pytest.mark.parametrize(
    "text",
    [
        # no maker that is an actor: nothing to code
        "The seizure of the painting by the thief shocked the museum.",
        "The rejection of the manuscript by three publishers did not stop her.",
        # a date is no maker
        "The expulsion of the players by Saturday's referee drew boos.",
    ],
)
def test_a_by_phrase_that_names_no_actor_makes_no_event(text):
    assert _codes(text) == []


# --- nouns made from verbs of the lexicon ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "root", "source"),
    [
        (
            "The reinstatement of the dismissed judges by Pakistan's president calmed the protests.",
            "08",
            "PAK",
        ),
        (
            "The questioning of the former governor by Kenyan detectives lasted eight hours.",
            "09",
            "KEN",
        ),
        ("Nepal's inspection of Indian border posts found no violations.", "09", "NPL"),
        ("The hijacking of a bus by Baloch separatists ended after a day.", "18", None),
        ("Serbia's dismantling of the roadblocks eased tensions in the north.", "08", "SRB"),
        ("The Thai army's retreat from the hilltop was confirmed on Sunday.", "08", "THA"),
        ("Uganda's persecution of opposition supporters drew criticism.", "17", "UGA"),
    ],
)
def test_a_noun_made_from_a_lexicon_verb_codes_as_its_verb(text, root, source):
    got = _codes(text)
    assert any(c[:2] == root and s == source for c, s, _ in got), got


@pytest.mark.parametrize(
    "text",
    [
        # rescues of animals and people with no doer named are no political act
        "The rescue of a stranded whale on the beach drew hundreds of onlookers.",
        # a noun of act with no maker, in passing, is not coded
        "Questioning in the case is expected to take several weeks.",
        "The inspection found nothing unusual.",
    ],
)
def test_a_noun_of_act_with_no_maker_is_no_event(text):
    assert _codes(text) == []


# --- intelligence shared, forces carried ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code", "source", "target"),
    [
        (
            "Polish and Czech police exchanged wiretap records on the smuggling ring.",
            "064",
            "POL",
            "CZE",
        ),
        (
            "Canadian investigators shared their evidence with Dutch prosecutors.",
            "064",
            "CAN",
            "NLD",
        ),
        (
            "Egyptian intelligence passed a warning to the Libyan government about the plot.",
            "064",
            "EGY",
            "LBY",
        ),
        ("Kenya flew two more battalions into Mogadishu on Friday.", "154", "KEN", "SOM"),
        ("Chad trucked hundreds of soldiers to the border with Sudan.", "154", "TCD", "SDN"),
        ("Ghana flew 300 peacekeepers into Juba.", "074", "GHA", "SSD"),
    ],
)
def test_intelligence_shared_and_forces_carried_are_their_acts(text, code, source, target):
    got = _codes(text)
    assert (code, source, target) in got, got


@pytest.mark.parametrize(
    "text",
    [
        # other things shared, swapped, passed or flown are no act
        "The two leaders shared a laugh at the press conference.",
        "Protesters exchanged blows with riot police outside the stadium.",
        "The senator passed the microphone to the mayor of Lagos.",
        "The airline flew 200 stranded tourists to Paris.",
    ],
)
def test_other_things_shared_or_flown_are_no_intelligence_or_deployment(text):
    got = _codes(text)
    assert not any(c in ("064", "154", "153") for c, _, _ in got), got


# --- the work of investigators --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("UN investigators collected testimony from refugees in Cox's Bazar.", None),
        ("Human Rights Watch documented dozens of killings by soldiers in Burkina Faso.", None),
        ("Peruvian prosecutors traced the missing funds to accounts in Panama.", "PER"),
        ("The council set up an inquiry into the deaths of migrants in Libya.", None),
        ("Interpol gathered evidence against the smuggling network in Niger.", None),
    ],
)
def test_the_work_of_investigators_is_an_investigation(text, source):
    got = _codes(text)
    assert any(c[:2] == "09" and (source is None or s == source) for c, s, _ in got), got


@pytest.mark.parametrize(
    "text",
    [
        "Volunteers collected signatures for the petition in Lima.",
        "The photographer documented daily life in the camp.",
        "Nigeria's government collected more taxes this year.",
        # a record kept by a government is no inquiry
        "Argentina's government documented the disappearances of thousands under the junta.",
    ],
)
def test_collecting_or_documenting_other_things_or_by_others_is_no_investigation(text):
    got = _codes(text)
    assert not any(c[:2] == "09" for c, _, _ in got), got


# --- crowds and walkouts --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "root"),
    [
        # people counted by a number are a crowd; the reporting verb given two subjects by the parser
        ("About 3,000 people protested outside the French embassy in Niamey, police said.", "14"),
        ("Some 400 villagers marched to the governor's office in Bihar.", "14"),
        ("Rioting broke out in the capital after the election results were announced.", "14"),
        ("Services were suspended in Leeds as bus drivers walked out over pay.", "14"),
    ],
)
def test_crowds_counted_rioting_and_walkouts_are_protests(text, root):
    got = _codes(text)
    assert any(c[:2] == root for c, _, _ in got), got


@pytest.mark.parametrize(
    "text",
    [
        "About 3,000 people attended the concert in Niamey, police said.",
        "Five people were killed in the crash on the highway.",
    ],
)
def test_counted_people_doing_nothing_political_are_no_protest(text):
    got = _codes(text)
    assert not any(c[:2] == "14" for c, _, _ in got), got


# --- measures lifted, by whom or by what means ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "root"),
    [
        # a decision's means in the "by" phrase: no doer named, the act still stands
        ("The night curfew in Goma was lifted by presidential decree on Friday.", "08"),
        ("The state of emergency in Quito was ended by a parliamentary vote.", "08"),
        # measures dropped, scrapped, loosened or scaled back, whatever the verb of lifting
        ("Beijing dropped its tariffs on Australian wine in March.", "08"),
        ("Export duties on Indonesian palm oil were scrapped on Monday.", "08"),
        ("Restrictions on foreign reporters in Minsk were loosened on Tuesday.", "08"),
        ("Burundi's security ministry scaled back the curfew in Bujumbura.", "08"),
    ],
)
def test_measures_lifted_are_concessions_whoever_or_whatever_lifted_them(text, root):
    got = _codes(text)
    assert any(c[:2] == root for c, _, _ in got), got


def test_a_decree_is_no_doer():
    got = _codes("The ban on the newspaper was lifted by presidential decree in Harare.")
    assert got and all(s is None for c, s, _ in got if c[:2] == "08"), got


@pytest.mark.parametrize(
    "text",
    [
        "About 4,000 troops were moved to the northern border by rail.",
        "Several hundred soldiers were sent to the front by train overnight.",
    ],
)
def test_a_means_of_transport_is_no_doer(text):
    got = _codes(text)
    assert any(c[:2] == "15" and s is None for c, s, _ in got), got


def test_a_plural_written_with_a_capital_is_read_as_its_singular():
    # the small model leaves "Marines" unlemmatised; the object list knows "marine"
    got = _codes("Washington sent 2,000 Marines to the Gulf on Monday.")
    assert ("154", "USA", None) in got or any(c == "154" and s == "USA" for c, s, _ in got), got


def test_an_act_an_inquiry_documents_keeps_its_own_named_doer():
    got = _codes(
        "Amnesty International documented the abduction of journalists by Malian soldiers."
    )
    codes = {c for c, _, _ in got}
    assert "090" in codes and "181" in codes, got
