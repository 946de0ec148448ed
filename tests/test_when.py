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
