"""Settings for `newsdigest digest` from a TOML file and NEWSDIGEST_* variables.

Precedence, highest first: command-line flags, environment variables, the
config file, built-in defaults.

    settings = load_settings(config_flag)            # the file, then the environment over it
    values = resolve(flags, settings, DEFAULTS)      # then the flags that were given over both

The file is `config.toml` in the user's config folder
(~/.config/newsdigest/config.toml on Linux; the folder platformdirs gives
elsewhere), or the one named by --config, else by NEWSDIGEST_CONFIG. A missing
default file is fine; a missing file that was named is an error. Settings are
plain keys at the top of the file (before any [table]):

    algorithm = "news"               # a summarizer name (newsdigest.summarizers)
    sentences = 2                    # whole numbers of 1 or more: sentences, max_articles, jobs, max_bytes
    format = "markdown"              # auto, rich, text, markdown, html, json or email
    output = "~/digests/{date}.md"   # {date} becomes YYYY-MM-DD
    state = "~/news/state.sqlite3"
    title = "Morning news"
    group_by = "source"              # source, section, day, topic or none
    max_articles = 40
    jobs = 2
    language = "en"
    since = "24h"                    # an age: 30m, 24h, 7d, 2w
    to = "me@example.org"
    from = "News <newsdigest@example.org>"
    rules = "rules.toml"             # a per-site rules file; a relative path is read from this file's folder
    max_bytes = 5000000
    include = ["election", "(?-i:NASA)"]   # regular expressions: keep only articles matching one
    exclude = ["sponsored", "horoscope"]   # ... and none of these (title and story text)
    skip_paywalled = true            # leave out paywalled or truncated pages
    engine = "dask"                  # local (default) or dask: what runs the per-article work
    scheduler = "tcp://10.0.0.5:8786"  # --engine dask: a running Dask scheduler (else a local cluster of `jobs`)
    dedup = "leader"                 # leader (default) or components

    [sites."northern-tribune.example"]   # or per-site cleaning rules inline, as in a rules file
    drop_lines = ['^Listen to this article']

Each key has a variable: NEWSDIGEST_ALGORITHM, NEWSDIGEST_SENTENCES, ...,
NEWSDIGEST_FROM (the key upper-cased); an empty variable counts as unset.
NEWSDIGEST_INCLUDE and NEWSDIGEST_EXCLUDE hold one pattern per line;
NEWSDIGEST_SKIP_PAYWALLED is true/false (also 1/0, yes/no).

Every problem is a UsageError (exit code 2) whose message names the file and
the line (bad TOML, an unknown key, a value of the wrong type or out of range,
bad [sites] rules), or the variable ("NEWSDIGEST_SENTENCES: must be a whole
number, not 'abc'").
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

from .errors import UsageError

CONFIG_NAME = "config.toml"
ENV_PREFIX = "NEWSDIGEST_"
ENV_CONFIG = ENV_PREFIX + "CONFIG"
# Every setting and its TOML type (the CLI flag of the same name, with - for _, overrides it).
KEYS: dict[str, type] = {
    "algorithm": str,
    "sentences": int,
    "format": str,
    "output": str,
    "state": str,
    "title": str,
    "group_by": str,
    "max_articles": int,
    "jobs": int,
    "language": str,
    "since": str,
    "to": str,
    "from": str,
    "rules": str,
    "max_bytes": int,
    "include": list,
    "exclude": list,
    "skip_paywalled": bool,
    "engine": str,
    "scheduler": str,
    "dedup": str,
}


@dataclass(frozen=True)
class Settings:
    """What the config file and the environment set; None = not set. `from` is spelled `from_`."""

    algorithm: str | None = None
    sentences: int | None = None
    format: str | None = None
    output: str | None = None
    state: str | None = None
    title: str | None = None
    group_by: str | None = None
    max_articles: int | None = None
    jobs: int | None = None
    language: str | None = None
    since: str | None = None
    to: str | None = None
    from_: str | None = None
    rules: str | None = None  # a rules file path (relative paths already made absolute against the config file)
    max_bytes: int | None = None
    include: tuple[str, ...] | None = None  # --include patterns (regular expressions)
    exclude: tuple[str, ...] | None = None
    skip_paywalled: bool | None = None
    engine: str | None = None  # local or dask (digest.engines)
    scheduler: str | None = None  # a Dask scheduler's address, tcp://HOST:PORT
    dedup: str | None = None  # leader or components
    site_rules: Any = None  # a cleaning RuleSet from the file's inline [sites] tables
    path: str | None = None  # the config file that was read; None when there was none

    def get(self, key: str) -> Any:
        """The value for a config key ("from", "group_by", "site_rules", ...), or None."""
        return getattr(self, _attr(key))

    def as_dict(self) -> dict[str, Any]:
        """The settings that are set, by config key (without `path`)."""
        out = {}
        for key in (*KEYS, "site_rules"):
            value = self.get(key)
            if value is not None:
                out[key] = value
        return out

    def merged_over(self, other: Settings) -> Settings:
        """These settings, with `other`'s filling in what these leave unset."""
        changes = {f.name: getattr(other, f.name) for f in fields(self) if getattr(self, f.name) is None}
        return replace(self, **changes)


def resolve(flags: Mapping[str, Any], settings: Settings, defaults: Mapping[str, Any]) -> dict[str, Any]:
    """The final value of every key in `defaults`: the flag when given (not None), else the setting, else the default."""
    out = {}
    for key, default in defaults.items():
        value = flags.get(key)
        if value is None:
            value = settings.get(key)
        out[key] = default if value is None else value
    return out


def default_config_path() -> str:
    """config.toml in the user's config folder (beside rules.toml)."""
    import platformdirs

    return os.path.join(platformdirs.user_config_dir("newsdigest"), CONFIG_NAME)


def load_settings(path: str | None = None, environ: Mapping[str, str] | None = None) -> Settings:
    """The settings of the config file (`path`, else NEWSDIGEST_CONFIG, else the default file if it
    exists) with the NEWSDIGEST_* variables over them."""
    environ = os.environ if environ is None else environ
    explicit = path or environ.get(ENV_CONFIG) or None
    file_path = os.path.expanduser(explicit) if explicit else default_config_path()
    return settings_from_env(environ).merged_over(read_config(file_path, required=bool(explicit)))


def settings_from_env(environ: Mapping[str, str]) -> Settings:
    """The settings NEWSDIGEST_* variables give; an empty variable counts as unset."""
    values = {}
    for key, kind in KEYS.items():
        name = ENV_PREFIX + key.upper()
        raw = environ.get(name)
        if raw is None or raw.strip() == "":
            continue
        try:
            values[_attr(key)] = _checked(key, _from_text(kind, raw.strip()))
        except _Invalid as err:
            raise UsageError(str(err), name) from None
    return Settings(**values)


def read_config(path: str, required: bool = False) -> Settings:
    """The settings of one config file; a missing file gives no settings unless `required`."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except FileNotFoundError:
        if required:
            raise UsageError("config file not found (check --config or NEWSDIGEST_CONFIG)", path) from None
        return Settings()
    except IsADirectoryError:
        raise UsageError("config file is a folder; name the file", path) from None
    except OSError as err:
        raise UsageError(f"cannot read the config file ({err.strerror or err})", path) from None
    try:
        text = data.decode("utf-8-sig")  # a byte-order mark, as some Windows editors write, is fine
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise UsageError(f"line {line}: config file is not UTF-8 text", path) from None
    return parse_config(text, path)


def parse_config(text: str, path: str = "<config>") -> Settings:
    import tomllib

    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise UsageError(_toml_problem(str(err), text), path) from None

    def fail(key: str, message: str) -> UsageError:
        line = _line_of(text, key)
        return UsageError(f"line {line}: {message}" if line else message, path)

    values: dict[str, Any] = {"path": path}
    for key, value in table.items():
        if key == "sites":
            continue
        if key not in KEYS:
            hint = " (settings are plain keys at the top of the file, not a table)" if isinstance(value, dict) else ""
            raise fail(key, f"unknown setting {key!r}{hint}; known: {', '.join(KEYS)}, and [sites] tables")
        kind = KEYS[key]
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
            raise fail(key, f"{key} must be {_kind_name(kind)}, not {_toml_repr(value)}")
        if kind is list:
            if not all(isinstance(v, str) for v in value):
                raise fail(key, f"{key} must be a list of strings (regular expressions in quotes)")
            value = tuple(value)
        try:
            values[_attr(key)] = _checked(key, value)
        except _Invalid as err:
            raise fail(key, f"{key} {err}") from None
    if values.get("rules"):
        rules = os.path.expanduser(values["rules"])
        values["rules"] = os.path.join(
            os.path.dirname(os.path.abspath(path)), rules
        )  # an absolute `rules` stays as it is
    if "sites" in table:
        if "rules" in table:
            raise fail(
                "rules", "give per-site rules either as a rules file (rules = ...) or as [sites] tables, not both"
            )
        values["site_rules"] = _site_rules(text, table["sites"], path)
    return Settings(**values)


def _site_rules(text: str, sites: Any, path: str):
    """The [sites] tables, read by the rules-file parser itself (so both forms mean the same)."""
    import tomllib

    from .cleaning.rules import parse_rules

    only_sites = _sites_only(text)
    try:
        same = tomllib.loads(only_sites).get("sites") == sites
    except tomllib.TOMLDecodeError:
        same = False
    if not same:
        # `sites` written as dotted keys or an inline table at the top: ask for the documented form.
        raise UsageError(f'line {_line_of(text, "sites") or 1}: write per-site rules as [sites."DOMAIN"] tables', path)
    return parse_rules(only_sites, path)


def _sites_only(text: str) -> str:
    """The file with everything outside [sites...] tables blanked out (line numbers kept)."""
    out, in_sites = [], False
    for line in text.splitlines():
        header = re.match(r"\s*\[+\s*([^\].]+)", line)
        if header:
            in_sites = header.group(1).strip().strip("\"'") == "sites"
        out.append(line if in_sites else "")
    return "\n".join(out)


class _Invalid(ValueError):
    """A value of the right type that cannot be used; the message follows the key's name."""


def _checked(key: str, value: Any) -> Any:
    """`value` if it is usable for `key`, else _Invalid saying why."""
    if isinstance(value, bool):
        return value
    if isinstance(value, tuple):  # include / exclude: every pattern must compile
        import re

        for pattern in value:
            try:
                re.compile(pattern)
            except re.error as err:
                raise _Invalid(f"{pattern!r} is not a valid regular expression ({err})") from None
        return value
    if isinstance(value, int):
        if value < 1:
            raise _Invalid(f"must be 1 or more, not {value}")
        return value
    if key == "group_by":
        from .digest import GROUP_BY

        if value not in GROUP_BY:
            raise _Invalid(f"must be one of: {', '.join(GROUP_BY)} (not {value!r})")
    elif key == "format":
        from .render.formats import DIGEST_FORMATS

        if value not in ("auto", *DIGEST_FORMATS):
            raise _Invalid(f"must be one of: auto, {', '.join(DIGEST_FORMATS)} (not {value!r})")
    elif key == "engine":
        from .digest.engines import ENGINES

        if value not in ENGINES:
            raise _Invalid(f"must be one of: {', '.join(ENGINES)} (not {value!r})")
    elif key == "dedup":
        from .digest import DEDUP

        if value not in DEDUP:
            raise _Invalid(f"must be one of: {', '.join(DEDUP)} (not {value!r})")
    elif key == "algorithm":
        from .summarizers import canonical

        try:
            canonical(value)
        except UsageError as err:
            raise _Invalid(f"is {err.message.removeprefix('unknown algorithm ')}") from None
    elif key == "since":
        from .digest.state import parse_age

        try:
            parse_age(value)
        except UsageError as err:
            raise _Invalid(f"must be an age like 30m, 24h, 7d or 2w (not {value!r})") from err
    elif key == "output":
        try:
            value.format(date="2000-01-01")
        except (KeyError, IndexError, ValueError):
            raise _Invalid(f"{value!r}: only {{date}} may appear in braces") from None
    return value


def _from_text(kind: type, raw: str) -> Any:
    if kind is list:
        return tuple(line for line in raw.splitlines() if line.strip())
    if kind is bool:
        if raw.lower() in ("1", "true", "yes", "on"):
            return True
        if raw.lower() in ("0", "false", "no", "off"):
            return False
        raise _Invalid(f"must be true or false, not {raw!r}")
    if kind is int:
        try:
            return int(raw)
        except ValueError:
            raise _Invalid(f"must be a whole number, not {raw!r}") from None
    return raw


def _attr(key: str) -> str:
    return "from_" if key == "from" else key


def _line_of(text: str, key: str) -> int | None:
    """The line where top-level `key` is set (`key = ...`, `"key" = ...` or `key.sub = ...`)."""
    pattern = re.compile(rf"\s*[\"']?{re.escape(key)}[\"']?\s*[=.]|\s*\[+\s*[\"']?{re.escape(key)}[\"']?\s*[\].]")
    for number, line in enumerate(text.splitlines(), 1):
        if pattern.match(line):
            return number
    return None


def _toml_problem(message: str, text: str) -> str:
    """tomllib's "Invalid value (at line 3, column 7)" as "line 3, column 7: not valid TOML: invalid value"."""
    where = re.search(r"\s*\(at line (\d+), column (\d+)\)$", message)
    if where:
        problem = message[: where.start()]
        location = f"line {where.group(1)}, column {where.group(2)}"
    else:
        problem = message.replace(" (at end of document)", "")
        location = f"line {max(1, len(text.splitlines()))} (the end)"
    return f"{location}: not valid TOML: {problem[:1].lower()}{problem[1:]}"


def _kind_name(kind: type) -> str:
    return {int: "a whole number", list: "a list of strings", bool: "true or false"}.get(kind, "a string (in quotes)")


def _toml_repr(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return str(value)
