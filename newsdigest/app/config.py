"""Settings for `digest` and `batch` from a TOML file and NEWSDIGEST_* variables, settled with the flags.

Precedence, highest first: command-line flags, environment variables, the
config file, built-in defaults.

    values = settle("digest", given)      # the flags given, else the environment, else the file, else the default
    check_flags("digest", given, values)  # the flags' values, checked as the file's are

The keys, their types, their checks and their variables all come from the
table in app/settings.py (the README's "Settings file" shows every key).

The file is `config.toml` in the user's config folder
(~/.config/newsdigest/config.toml on Linux; the folder platformdirs gives
elsewhere), or the one named by --config, else by NEWSDIGEST_CONFIG. A missing
default file is fine; a missing file that was named is an error. Settings are
plain keys at the top of the file (before any [table]), and per-site cleaning
rules may follow as [sites."DOMAIN"] tables, as in a rules file:

    sentences = 2
    output = "~/digests/{date}.md"   # {date} becomes YYYY-MM-DD
    rules = "rules.toml"             # a relative path is read from this file's folder

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
from dataclasses import dataclass, field
from typing import Any

from ..errors import UsageError
from .checks import Invalid
from .settings import CONFIG_KEYS, ENV_PREFIX, TABLE, Setting, check, options_of

CONFIG_NAME = "config.toml"
ENV_CONFIG = ENV_PREFIX + "CONFIG"


@dataclass(frozen=True)
class Settings:
    """What the config file and the environment set."""

    values: Mapping[str, Any] = field(default_factory=dict)  # by config key; only the keys that are set
    site_rules: Any = None  # a cleaning RuleSet from the file's inline [sites] tables
    path: str | None = None  # the config file that was read; None when there was none

    def get(self, key: str) -> Any:
        """The value for a config key ("from", "group_by", "site_rules", ...), or None."""
        return self.site_rules if key == "site_rules" else self.values.get(key)

    def merged_over(self, other: Settings) -> Settings:
        """These settings, with `other`'s filling in what these leave unset."""
        return Settings(
            {**other.values, **self.values},
            other.site_rules if self.site_rules is None else self.site_rules,
            other.path if self.path is None else self.path,
        )


def resolve(flags: Mapping[str, Any], settings: Settings, defaults: Mapping[str, Any]) -> dict[str, Any]:
    """The final value of every key in `defaults`: the flag when given (not None), else the setting, else default."""
    out = {}
    for key, default in defaults.items():
        value = flags.get(key)
        if value is None:
            value = settings.get(key)
        out[key] = default if value is None else value
    return out


def settle(command: str, given: Mapping[str, Any], environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Every option of `command` by name: a setting's flag when given, else its variable, else the config
    file, else its default; another option's flag, else its default. Also "site_rules": the [sites] rules.

    `given` holds the flags by parameter name; None (or an empty list) means not given."""
    settings = load_settings(given.get("config"), environ)
    options = options_of(command)
    flags = {setting.name: given_flag(setting, given) for setting in options}
    values = resolve(flags, settings, {setting.name: setting.default for setting in options if setting.config})
    for setting in options:
        if not setting.config:
            values[setting.name] = setting.default if flags[setting.name] is None else flags[setting.name]
    values["site_rules"] = settings.site_rules
    return values


def given_flag(setting: Setting, given: Mapping[str, Any]) -> Any:
    """The flag's value, or None when it was not given (a repeatable flag given no times: None too)."""
    value = given.get(setting.param)
    return None if setting.kind is list and not value else value


def check_flags(command: str, given: Mapping[str, Any], values: Mapping[str, Any]) -> None:
    """The given flags of `command`'s settings, checked as a config file's values are, in its help's order;
    a UsageError for the first that cannot be used. (A pattern, --include, is checked when
    filters.compile_filter builds the filter, which words the error for the flag.)"""
    for setting in options_of(command):
        value = given_flag(setting, given)
        if value is None or not setting.config or setting.kind is list:
            continue
        try:
            check(setting, value)
        except Invalid as err:
            raise UsageError(err.flag or f"{setting.flags[0]} {err}") from None
        if setting.needs and values[setting.needs[0]] != setting.needs[1]:
            other, wanted = setting.needs
            flag = TABLE[other].flags[0]
            raise UsageError(f'{setting.flags[0]} needs {flag} {wanted} (or {other} = "{wanted}" in the settings)')


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
    for key, kind in CONFIG_KEYS.items():
        name = TABLE[key].env
        raw = environ.get(name)
        if raw is None or raw.strip() == "":
            continue
        try:
            values[key] = check(TABLE[key], _from_text(kind, raw.strip()))
        except Invalid as err:
            raise UsageError(str(err), name) from None
    return Settings(values)


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

    values: dict[str, Any] = {}
    for key, value in table.items():
        if key == "sites":
            continue
        if key not in CONFIG_KEYS:
            hint = " (settings are plain keys at the top of the file, not a table)" if isinstance(value, dict) else ""
            raise fail(key, f"unknown setting {key!r}{hint}; known: {', '.join(CONFIG_KEYS)}, and [sites] tables")
        kind = CONFIG_KEYS[key]
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
            raise fail(key, f"{key} must be {_kind_name(kind)}, not {_toml_repr(value)}")
        if kind is list:
            if not all(isinstance(v, str) for v in value):
                raise fail(key, f"{key} must be a list of strings (regular expressions in quotes)")
            value = tuple(value)
        try:
            values[key] = check(TABLE[key], value)
        except Invalid as err:
            raise fail(key, f"{key} {err}") from None
    if values.get("rules"):
        rules = os.path.expanduser(values["rules"])
        values["rules"] = os.path.join(
            os.path.dirname(os.path.abspath(path)), rules
        )  # an absolute `rules` stays as it is
    site_rules = None
    if "sites" in table:
        if "rules" in table:
            raise fail(
                "rules", "give per-site rules either as a rules file (rules = ...) or as [sites] tables, not both"
            )
        site_rules = _site_rules(text, table["sites"], path)
    return Settings(values, site_rules, path)


def _site_rules(text: str, sites: Any, path: str):
    """The [sites] tables, read by the rules-file parser itself (so both forms mean the same)."""
    import tomllib

    from ..cleaning.rules import parse_rules

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


def _from_text(kind: type, raw: str) -> Any:
    if kind is list:
        return tuple(line for line in raw.splitlines() if line.strip())
    if kind is bool:
        if raw.lower() in ("1", "true", "yes", "on"):
            return True
        if raw.lower() in ("0", "false", "no", "off"):
            return False
        raise Invalid(f"must be true or false, not {raw!r}")
    if kind is int:
        try:
            return int(raw)
        except ValueError:
            raise Invalid(f"must be a whole number, not {raw!r}") from None
    return raw


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
