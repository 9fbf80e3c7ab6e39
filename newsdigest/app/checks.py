"""The checks a setting's value must pass, for the config file, the variables and the flags alike.

Each takes a value of the right type and returns it, or raises Invalid. The
name lists come from small library modules, imported when a check runs.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any


class Invalid(ValueError):
    """A value of the right type that cannot be used.

    str(err) is the reason as it follows the setting's name ("must be one of: ...");
    `flag` is the whole message for a command-line flag when it is not "<flag> <reason>".
    """

    def __init__(self, reason: str, flag: str | None = None) -> None:
        super().__init__(reason)
        self.flag = flag


def one_of(names: Callable[[], tuple[str, ...]]) -> Callable[[Any], Any]:
    def check(value):
        allowed = names()
        if value not in allowed:
            raise Invalid(f"must be one of: {', '.join(allowed)} (not {value!r})")
        return value

    return check


def group_by_names() -> tuple[str, ...]:
    from ..options import GROUP_BY

    return GROUP_BY


def dedup_names() -> tuple[str, ...]:
    from ..options import DEDUP

    return DEDUP


def digest_format(value):
    from ..render.formats import DIGEST_FORMATS

    if value != "auto" and value not in DIGEST_FORMATS:
        names = ", ".join(DIGEST_FORMATS)
        raise Invalid(
            f"must be one of: auto, {names} (not {value!r})",
            flag=f"unknown format {value!r}; choose one of: auto, {names}",
        )
    return value


def engine(value):
    from ..digest.engines import ENGINES, check_engine
    from ..errors import UsageError

    try:
        return check_engine(value)
    except UsageError as err:
        raise Invalid(f"must be one of: {', '.join(ENGINES)} (not {value!r})", flag=err.message) from None


def algorithm(value):
    from ..errors import UsageError
    from ..summarizers import canonical

    try:
        canonical(value)
    except UsageError as err:
        raise Invalid(f"is {err.message.removeprefix('unknown algorithm ')}", flag=err.message) from None
    return value


def age(value):
    from ..digest.state import parse_age
    from ..errors import UsageError

    try:
        parse_age(str(value))
    except UsageError as err:
        raise Invalid(f"must be an age like 30m, 24h, 7d or 2w (not {value!r})", flag=err.message) from None
    return value


def output_pattern(value):
    from ..errors import UsageError
    from ..options import output_path

    try:
        output_path(value, datetime(2000, 1, 1))
    except UsageError as err:
        raise Invalid(f"{value!r}: only {{date}} may appear in braces", flag=err.message) from None
    return value


def patterns(value):
    import re

    for pattern in value:
        try:
            re.compile(pattern)
        except re.error as err:
            raise Invalid(f"{pattern!r} is not a valid regular expression ({err})") from None
    return value
