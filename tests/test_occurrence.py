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
