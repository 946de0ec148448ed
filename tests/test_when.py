import datetime as dt

import pytest

from eventwire.extract.when import is_historical, resolve_text

WED = dt.date(2024, 1, 17)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on Tuesday", ("2024-01-16", "day")),
        ("on Wednesday", ("2024-01-17", "day")),  # the article's own weekday is that day
        ("Thursday", ("2024-01-11", "day")),  # a weekday after publication is last week's
        ("January 4", ("2024-01-04", "day")),
        ("Jan. 4", ("2024-01-04", "day")),
        ("4 March 2023", ("2023-03-04", "day")),
        ("December 28", ("2023-12-28", "day")),  # later in the year than publication: last year
        ("in 2019", ("2019", "year")),
        ("in December", ("2023-12", "month")),
        ("yesterday", ("2024-01-16", "day")),
        ("earlier this month", ("2024-01", "month")),  # not the publication day
        ("last month", ("2023-12", "month")),
        ("20 minutes", None),
        ("last June", ("2023-06", "month")),  # the latest June before this month
        ("last January", ("2023-01", "month")),  # in a January article: a year before
        ("in May", ("2023-05", "month")),  # after a preposition, the month, not the modal
        ("nearly three years ago", ("2021", "year")),  # a hedged span is still the span
        ("over the weekend", ("2024-01-13", "day")),  # the Saturday of the weekend just gone
        ("more than a decade ago", ("2014", "year")),
    ],
)
def test_resolve_against_publication(text, expected):
    assert resolve_text(text, WED) == expected


def test_same_day_takes_the_last_date():
    assert resolve_text("on the same day", WED, last="2024-01-15") == ("2024-01-15", "day")


def test_historical():
    assert is_historical("2019", "year", WED)
    assert not is_historical("2024-01-04", "day", WED)
    assert is_historical("2023-11-01", "day", WED)


@pytest.mark.parametrize(
    ("text", "last", "expected"),
    [
        ("two days ago", None, ("2024-01-15", "day")),  # from publication
        ("a day earlier", "2024-01-12", ("2024-01-11", "day")),  # from the last date given
        ("the previous day", "2024-01-12", ("2024-01-11", "day")),
        ("the day before", "2024-01-12", ("2024-01-11", "day")),
        ("three days later", "2024-01-12", ("2024-01-15", "day")),
        ("the following day", "2024-01-12", ("2024-01-13", "day")),
        ("hours earlier", "2024-01-12", ("2024-01-12", "day")),
        ("a day earlier", None, None),  # no date to count from
        ("on the night of Monday", None, ("2024-01-15", "day")),
        ("Tuesday's", None, ("2024-01-16", "day")),  # "Tuesday's strike"
        # a weekday with its date: the date decides, even when the two disagree
        ("the evening of Thursday, January 4", None, ("2024-01-04", "day")),
        ("Monday 8 January 2024", None, ("2024-01-08", "day")),
        ("Jan. 10 (Wednesday)", None, ("2024-01-10", "day")),
        ("last night's", None, ("2024-01-16", "day")),
    ],
)
def test_days_counted_from_another_day(text, last, expected):
    assert resolve_text(text, WED, last=last) == expected


@pytest.mark.parametrize(
    ("text", "doer", "day"),
    [
        # a clause "a day after ..." dated from the clause it hangs on
        ("On Friday, the navy seized a tanker, a day after pirates attacked a freighter.",
         "pirates", "2024-01-11"),
        ("Rebels shelled the airport on Sunday, two days after the army bombed their camps.",
         "army", "2024-01-12"),
        # an event noun dated by its possessive
        ("Tuesday's bombing killed four soldiers, officials said.", None, "2024-01-16"),
        ("Last night's raid on the village killed three people.", None, "2024-01-16"),
    ],
)  # fmt: skip
def test_events_dated_from_another_clause_or_their_possessive(text, doer, day):
    from eventwire.pipeline import code_text

    events = code_text(text, WED)
    dates = {e.when.date for e in events if doer is None or (e.source and doer in e.source.text)}
    assert day in dates, [(e.source, e.when) for e in events]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("in the 1980s", ("1980", "year")),
        ("during the late 1990s", ("1990", "year")),
        ("from 1967 to 1973", ("1973", "year")),
        ("between 2004 and 2009", ("2009", "year")),
    ],
)
def test_a_decade_or_a_span_of_years_is_a_year(text, want):
    assert resolve_text(text, WED) == want


def test_an_act_dated_by_a_decade_or_a_past_span_is_background_and_since_is_not():
    from eventwire.pipeline import code_text

    old = code_text("Soldiers tortured hundreds of students in the 1980s.", WED)
    assert old and all(e.when.historical for e in old)
    span = code_text("Rebel forces occupied the northern town from 2012 to 2014.", WED)
    assert span and all(e.when.historical for e in span)
    going = code_text("Iran has expelled thousands of Afghans since March.", WED)
    assert going and not any(e.when.historical for e in going)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("four years ago", (str(WED.year - 4), "year")),
        ("decades ago", (str(WED.year - 20), "year")),
        ("a century ago", (str(WED.year - 100), "year")),
        ("two weeks ago", ((WED - dt.timedelta(days=14)).isoformat(), "day")),
    ],
)
def test_units_counted_back_from_publication(text, want):
    assert resolve_text(text, WED) == want


def test_an_act_dated_years_or_decades_ago_is_background_and_days_ago_is_not():
    from eventwire.pipeline import code_text

    old = code_text("Turkey closed its border with Syria three years ago.", WED)
    assert old and all(e.when.historical for e in old)
    older = code_text("The Senegalese army expelled the rebels from the town decades ago.", WED)
    assert older and all(e.when.historical for e in older)
    recent = code_text("Militants seized the police station two days ago.", WED)
    assert recent and not any(e.when.historical for e in recent)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        # a time of day that carries its day
        ("Police detained the opposition leader at his home in Harare on Monday evening.",
         "2024-01-15"),
        ("Overnight, drones struck a fuel depot in the Bryansk region.", "2024-01-16"),
        ("Gunmen abducted 12 travellers on the night of January 9 near Kaduna.", "2024-01-09"),
        # the day of the occasion the act happened in
        ("In a separate raid on Sunday, troops arrested five militants in Borno state.",
         "2024-01-14"),
        # a participle of the same occasion
        ("Ministers of the bloc, gathering in Abuja on Saturday, agreed to suspend Niger.",
         "2024-01-13"),
    ],
)  # fmt: skip
def test_days_given_by_a_time_of_day_an_occasion_or_a_participle(text, day):
    from eventwire.pipeline import code_text

    events = code_text(text, WED)
    assert any(e.when.date == day and e.when.precision == "day" for e in events), [
        (e.action.cameo, e.when) for e in events
    ]


def test_a_headline_takes_the_day_its_lead_gives():
    from eventwire.pipeline import code_text

    text = (
        "Police detain dozens as protesters rally against fuel prices in Lagos\n"
        "Thousands of people marched through Lagos on Monday against a sharp rise in fuel"
        " prices, witnesses said.\n"
        "The police chief defended the operation.\n"
    )
    events = code_text(text, WED)
    detained = [e for e in events if e.action.cameo == "173"]
    assert detained and all(e.when.date == "2024-01-15" for e in detained), [
        (e.action.cameo, [m.line for m in e.mentions], e.when) for e in events
    ]
    # a body sentence with no date of its own keeps the publication date
    body = code_text("Protesters rallied in Lagos on Monday.\nPolice detained dozens.\n", WED)
    later = [e for e in body if all(m.line == 2 for m in e.mentions)]
    assert later and all(e.when.precision == "article" for e in later)


def test_a_headline_takes_the_day_of_the_leads_act_of_its_kind():
    from eventwire.pipeline import code_text

    text = (
        "Police arrest protest leaders as unrest spreads in Almaty\n"
        "Kazakh police arrested 40 protest leaders on Tuesday, a day after thousands of"
        " protesters rallied in Almaty on Monday.\n"
    )
    protests = [e for e in code_text(text, WED) if e.action.cameo.startswith("14")]
    assert protests and all(e.when.date == "2024-01-15" for e in protests), [
        (e.action.cameo, [m.line for m in e.mentions], e.when) for e in protests
    ]
