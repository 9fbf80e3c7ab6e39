"""Settings for `newsdigest digest` from a TOML file and NEWSDIGEST_* variables.

Precedence, highest first: command-line flags, environment variables
(NEWSDIGEST_ALGORITHM, NEWSDIGEST_SENTENCES, ...; one per key, upper-cased),
the config file, built-in defaults. The file is `config.toml` in the user's
config folder (~/.config/newsdigest/config.toml on Linux), or the one given by
--config or NEWSDIGEST_CONFIG; a missing default file is fine, a missing
explicit one is an error.

    algorithm = "news"
    sentences = 2
    output = "~/digests/{date}.md"
    group_by = "source"
    [sites."northern-tribune.example"]     # per-site cleaning rules, as in rules.toml
    drop_lines = ['^Listen to this article']

Every problem (bad TOML, an unknown key, a value of the wrong type) is a
UsageError naming the file and the line.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping

from .errors import UsageError

CONFIG_NAME = "config.toml"
ENV_PREFIX = "NEWSDIGEST_"
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
}


def default_config_path() -> str:
    import platformdirs

    return os.path.join(platformdirs.user_config_dir("newsdigest"), CONFIG_NAME)


def load_settings(path: str | None = None, environ: Mapping[str, str] | None = None) -> dict:
    """The settings the file and the environment give: {key: value}, only keys that are set,
    plus "site_rules" (a cleaning RuleSet) when the file holds [sites] tables."""
    environ = os.environ if environ is None else environ
    explicit = path or environ.get(ENV_PREFIX + "CONFIG") or None
    file_path = os.path.expanduser(explicit) if explicit else default_config_path()
    settings = read_config(file_path, required=bool(explicit))
    for key, kind in KEYS.items():
        raw = environ.get(ENV_PREFIX + key.upper())
        if raw is not None and raw != "":
            settings[key] = _from_env(key, kind, raw)
    return settings


def read_config(path: str, required: bool = False) -> dict:
    import tomllib

    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except FileNotFoundError:
        if required:
            raise UsageError("config file not found", path) from None
        return {}
    except IsADirectoryError:
        raise UsageError("config file is a directory", path) from None
    except OSError as err:
        raise UsageError(f"cannot read the config file ({err.strerror or err})", path) from None
    try:
        text = data.decode("utf-8")
        table = tomllib.loads(text)
    except UnicodeDecodeError:
        raise UsageError("config file is not UTF-8 text", path) from None
    except tomllib.TOMLDecodeError as err:
        raise UsageError(f"not valid TOML: {err}", path) from None
    settings: dict = {}
    for key, value in table.items():
        if key == "sites":
            continue
        if key not in KEYS:
            raise UsageError(f"{_where(text, key)}unknown setting {key!r} (known: {', '.join(KEYS)}, and [sites] tables)", path)
        kind = KEYS[key]
        if not isinstance(value, kind) or isinstance(value, bool):
            raise UsageError(f"{_where(text, key)}{key} must be {_kind_name(kind)}, not {value!r}", path)
        settings[key] = value
    if "sites" in table:
        from .cleaning.rules import parse_rules

        if "rules" in settings:
            raise UsageError(f"{_where(text, 'rules')}give per-site rules either as a rules file or as [sites] tables, not both", path)
        settings["site_rules"] = parse_rules(_sites_only(text), path)
    return settings


def _sites_only(text: str) -> str:
    """The file with its plain settings blanked out (line numbers kept), for the rules parser."""
    out, in_sites = [], False
    for line in text.splitlines():
        header = re.match(r"\s*\[+\s*([^\].]+)", line)
        if header:
            in_sites = header.group(1).strip().strip("\"'") == "sites"
        out.append(line if in_sites else "")
    return "\n".join(out)


def _where(text: str, key: str) -> str:
    for number, line in enumerate(text.splitlines(), 1):
        if re.match(rf"\s*[\"']?{re.escape(key)}[\"']?\s*=", line):
            return f"line {number}: "
    return ""


def _kind_name(kind: type) -> str:
    return "a whole number" if kind is int else "a string (in quotes)"


def _from_env(key: str, kind: type, raw: str):
    if kind is int:
        try:
            return int(raw)
        except ValueError:
            raise UsageError(f"{ENV_PREFIX}{key.upper()} must be a whole number, not {raw!r}") from None
    return raw
