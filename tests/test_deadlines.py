"""Deadlines and ultimatums in sentences, resolved against the article's publication date."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

import pytest

from dyadwatch.analysis.deadlines import DeadlineMention, find_deadlines

MON = date(2025, 2, 10)  # a Monday

# sentence, published, due, precision, kind
CASES = [
    # end of the year
    ("North Korea gave the United States until the end of the year to drop sanctions.", date(2019, 12, 17), date(2019, 12, 31), "year", "ultimatum"),
    ("Pyongyang said Washington had until this year's end to change course.", date(2019, 12, 3), date(2019, 12, 31), "year", "deadline"),
    ("The government promised to publish the report by the end of the year.", MON, date(2025, 12, 31), "year", "deadline"),
    ("The rebels face a year-end deadline to disarm.", MON, date(2025, 12, 31), "year", "ultimatum"),
    ("Officials hope to close the deal by year's end.", MON, date(2025, 12, 31), "year", "deadline"),
    ("Parliament must ratify the treaty before the end of the year.", MON, date(2025, 12, 31), "year", "ultimatum"),
    ("Creditors set an end-of-year deadline for the repayment.", MON, date(2025, 12, 31), "year", "ultimatum"),
    ("The mission is to be wound down by the end of next year.", MON, date(2026, 12, 31), "year", "deadline"),
    ("The bases are to close by the end of 2027.", MON, date(2027, 12, 31), "year", "deadline"),
    # end of a month
    ("The talks are expected to conclude by the end of March.", MON, date(2025, 3, 31), "month", "deadline"),
    ("The talks are expected to conclude by the end of March.", date(2025, 4, 2), date(2026, 3, 31), "month", "deadline"),
    ("Troops will stay until the end of the month.", MON, date(2025, 2, 28), "month", "deadline"),
    ("The ministry said the plan would be ready by the end of this month.", date(2024, 2, 5), date(2024, 2, 29), "month", "deadline"),
    ("Kyiv expects the first deliveries by the end of next month.", date(2024, 12, 15), date(2025, 1, 31), "month", "deadline"),
    # calendar days and weekdays
    ("The ceasefire must be agreed by March 1.", MON, date(2025, 3, 1), "day", "ultimatum"),
    ("The ceasefire must be agreed by March 1.", date(2025, 3, 15), date(2026, 3, 1), "day", "ultimatum"),
    ("Lawmakers have to vote by 1 March.", MON, date(2025, 3, 1), "day", "deadline"),
    ("The sanctions are set to lapse by March 1, 2020, officials said.", date(2019, 11, 20), date(2020, 3, 1), "day", "deadline"),
    ("The demand is that the prisoners be freed before April 15.", MON, date(2025, 4, 15), "day", "ultimatum"),
    ("Both sides agreed to submit proposals no later than June 30.", MON, date(2025, 6, 30), "day", "deadline"),
    ("A March 1 deadline for the deal is looming.", MON, date(2025, 3, 1), "day", "ultimatum"),
    ("Talks will continue until Friday.", MON, date(2025, 2, 14), "day", "deadline"),
    ("The opposition demanded an answer by Monday.", MON, date(2025, 2, 17), "day", "ultimatum"),
    ("The union wants a reply by the end of the week.", MON, date(2025, 2, 16), "week", "deadline"),
    # spans
    ("Hamas must respond within 48 hours or face consequences.", MON, date(2025, 2, 12), "hours", "ultimatum"),
    ("The army was told to leave within 72 hours.", MON, date(2025, 2, 13), "hours", "deadline"),
    ("Aid convoys are expected to arrive within 24 hours.", MON, date(2025, 2, 11), "hours", "deadline"),
    ("Iran has 48 hours to respond, the minister warned.", MON, date(2025, 2, 12), "hours", "ultimatum"),
    ("The report is to be delivered within two weeks.", MON, date(2025, 2, 24), "day", "deadline"),
    ("Candidates must register within 30 days.", MON, date(2025, 3, 12), "day", "ultimatum"),
    ("A new cabinet should be formed within a month.", date(2025, 1, 31), date(2025, 2, 28), "day", "deadline"),
    ("Withdraw your forces in two weeks or else, the general said.", MON, date(2025, 2, 24), "day", "ultimatum"),
    ("The permit to stay expires in 10 days.", MON, date(2025, 2, 20), "day", "deadline"),
    ("The group was given twelve days to leave the country.", MON, date(2025, 2, 22), "day", "deadline"),
    # "N-unit deadline / ultimatum"
    ("Washington issued a two-week deadline for the hostages' release.", MON, date(2025, 2, 24), "day", "ultimatum"),
    ("The junta rejected a 30-day ultimatum from the regional bloc.", MON, date(2025, 3, 12), "day", "ultimatum"),
    ("Militants issued a 48-hour ultimatum to the government.", MON, date(2025, 2, 12), "hours", "ultimatum"),
    ("The forty-eight-hour deadline runs out at midnight.", MON, date(2025, 2, 12), "hours", "ultimatum"),
]


@pytest.mark.parametrize(("sentence", "published", "due", "precision", "kind"), CASES)
def test_finds_and_resolves(sentence, published, due, precision, kind):
    found = find_deadlines(sentence, published)
    assert len(found) == 1, found
    mention = found[0]
    assert (mention.due, mention.precision, mention.kind) == (due, precision, kind)
    assert mention.text == sentence[mention.start:mention.end]


@pytest.mark.parametrize(
    "sentence",
    [
        "On March 1 the talks began in Geneva.",
        "The conflict has simmered since 2010.",
        "Last year the two sides signed a truce.",
        "The accord was signed in 1998.",
        "Talks will resume in two weeks.",  # "in N weeks" without any deadline wording
        "The vote was delayed by two weeks.",
        "The siege lasted 48 hours before the army withdrew.",
        "Until last year, the border crossing was open.",
        "The deal must be signed by April 31.",  # no such day
        "The minister spoke before the vote on Friday's budget.",
        "",
    ],
)
def test_no_deadline(sentence):
    assert find_deadlines(sentence, MON) == []


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("Pyongyang said Washington had until this year's end to change course.", "until this year's end"),
        ("Washington issued a two-week deadline for the hostages' release.", "two-week deadline"),
        ("Hamas must respond within 48 hours or face consequences.", "within 48 hours"),
        ("The sanctions are set to lapse by March 1, 2020, officials said.", "by March 1, 2020"),
    ],
)
def test_text_is_the_expression_as_written(sentence, text):
    (mention,) = find_deadlines(sentence, MON)
    assert mention.text == text
    assert sentence[mention.start:mention.end] == text


def test_several_mentions_in_reading_order():
    sentence = "Iran has until Friday to reply, and must withdraw within 48 hours after that."
    found = find_deadlines(sentence, MON)
    assert [m.text for m in found] == ["until Friday", "within 48 hours"]
    assert [m.due for m in found] == [date(2025, 2, 14), date(2025, 2, 12)]
    assert all(sentence[m.start:m.end] == m.text for m in found)
    assert {m.kind for m in found} == {"ultimatum"}  # "must ... within"
    assert found[0].end <= found[1].start


def test_weekday_on_that_weekday_means_the_next_one():
    friday = date(2025, 2, 14)
    (mention,) = find_deadlines("They have until Friday.", friday)
    assert mention.due == date(2025, 2, 21)


def test_end_of_week_on_a_sunday_is_that_day():
    sunday = date(2025, 2, 16)
    (mention,) = find_deadlines("A reply is expected by the end of the week.", sunday)
    assert mention.due == sunday


def test_leap_day_without_year_takes_next_leap_year():
    (mention,) = find_deadlines("The law must pass by February 29.", MON)
    assert mention.due == date(2028, 2, 29)


def test_datetime_publication_is_accepted():
    (mention,) = find_deadlines("Reply within 24 hours.", datetime(2025, 2, 10, 23, 30))
    assert mention.due == date(2025, 2, 11)
    assert type(mention.due) is date


def test_mention_is_immutable():
    (mention,) = find_deadlines("Reply within 24 hours.", MON)
    assert isinstance(mention, DeadlineMention)
    with pytest.raises(dataclasses.FrozenInstanceError):
        mention.due = MON  # type: ignore[misc]
