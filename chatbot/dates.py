"""Parsing the dates and times staff type, and formatting the ones they read.

The work is split by step: `chatbot.dates_parse` reads the written forms (and times),
`chatbot.dates_resolve` turns a form into one day (year-less dates, weekdays in brackets),
`chatbot.dates_period` reads absence periods, and `chatbot.dates_errors` words the refusals.
"""

from __future__ import annotations

from chatbot.dates_errors import DateParseError
from chatbot.dates_parse import is_time, looks_like_date, parse_time
from chatbot.dates_period import parse_period
from chatbot.dates_resolve import (
    JUST_PASSED,
    format_date,
    format_datetime,
    parse_date,
    parse_datetime,
)

__all__ = [
    "JUST_PASSED",
    "DateParseError",
    "format_date",
    "format_datetime",
    "is_time",
    "looks_like_date",
    "parse_date",
    "parse_datetime",
    "parse_period",
    "parse_time",
]
