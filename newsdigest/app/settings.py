"""Every command-line option, each spelled once: one record gives the flag, the help, the type, the
default, the check, and (for a setting) the TOML key and the NEWSDIGEST_* variable.

    TABLE["group_by"].env          # "NEWSDIGEST_GROUP_BY"
    options_of("digest")           # its options, in the order its help lists them
    check(setting, value)          # the value, or Invalid saying why not

A record with `config=True` is a setting: `digest` and `batch` take it from
the flag, else the variable, else the config file, else `default`
(app/config.py reads the file and the variables; app/typer_options.py makes
the Typer parameters). Where one command words an option differently (its
help, its default), `variants` says so, keyed by command name. The checks
are in app/checks.py; they import their name lists only when they run.
"""

from __future__ import annotations

import keyword
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from ..loading import DEFAULT_MAX_BYTES
from ..options import DEFAULT_TITLE
from . import checks
from .checks import Invalid

ENV_PREFIX = "NEWSDIGEST_"


@dataclass(frozen=True)
class Setting:
    name: str  # the TOML key, NEWSDIGEST_<NAME>, the key of the settled values
    flags: tuple[str, ...]  # "--sentences", "-n"; "--a/--b" for an on/off pair
    help: str
    kind: type = str  # str, int, float, bool, or list (of strings: a repeatable flag)
    default: Any = None  # the value when nothing sets it
    metavar: str | None = None
    minimum: int | None = None  # numbers: the smallest allowed (a flag's own check words it "at least")
    check: Callable[[Any], Any] | None = None  # other values: returns the value or raises Invalid
    needs: tuple[str, str] | None = None  # as a flag, needs this (setting, value): --scheduler, engine dask
    config: bool = True  # also a config key and a variable
    required: bool = False
    typer_range: bool = False  # the minimum checked by Typer's own range (batch --max-bytes words it so)
    variants: Mapping[str | tuple[str, ...], Mapping[str, Any]] = field(default_factory=dict)

    @property
    def param(self) -> str:
        """The Python parameter name ("from" is a keyword: from_)."""
        return f"{self.name}_" if keyword.iskeyword(self.name) else self.name

    @property
    def env(self) -> str:
        return ENV_PREFIX + self.name.upper()

    def for_command(self, command: str) -> Setting:
        """This record as `command` has it (its variant's help, default, ... over the common ones)."""
        for commands, changes in self.variants.items():
            if command == commands or (isinstance(commands, tuple) and command in commands):
                return replace(self, **changes)
        return self


SUMMARY_OUTPUT = {"help": "Write to FILE (atomically) instead of standard output.", "config": False, "check": None}
SUMMARY_FORMAT = {
    "help": "auto (rich on a terminal, text in a pipe, or by -o's extension), rich, text, json, jsonl, markdown.",
    "config": False,
    "check": None,
}
SETTINGS_FILE = "Settings file (TOML) [default: config.toml in the user's config folder, if any]."
STATE_COMMANDS = ("state prune", "state info")

# The settings first, in the order a config file's "known:" list names them; then the other options.
_RECORDS = (
    Setting(
        "algorithm",
        ("--algorithm", "-a"),
        "Summarizer (see `summarize --help`) [default: news].",
        metavar="NAME",
        check=checks.algorithm,
        variants={
            "summarize": {
                "help": "Summarizer: news (default), lead, lexrank, textrank, or any of sumy's: sumy-lexrank, "
                "sumy-textrank, lsa, luhn, kl, sumbasic, edmundson, reduction, random."
            },
            "batch": {"metavar": None},
        },
    ),
    Setting(
        "sentences",
        ("--sentences", "-n"),
        "Sentences per story [default: 3, fewer for short articles].",
        kind=int,
        metavar="N",
        minimum=1,
        variants={
            "summarize": {"help": "Sentences per summary [default: 3, at most a third of a short article]."},
            "batch": {"help": "Sentences per summary [default: 3, fewer for short articles]."},
        },
    ),
    Setting(
        "format",
        ("--format", "-f"),
        "auto (rich on a terminal, text in a pipe, or by -o's extension: .md .html .json .txt .eml), "
        "rich, text, markdown, html, json, email.",
        default="auto",
        metavar="FORMAT",
        check=checks.digest_format,
        variants={
            ("summarize", "clean"): SUMMARY_FORMAT,
            "batch": {
                "help": "jsonl or parquet (parquet needs the parquet extra).",
                "default": "jsonl",
                "config": False,
                "check": None,
            },
        },
    ),
    Setting(
        "output",
        ("--output", "-o"),
        "Write the digest to FILE, atomically; {date} expands to the digest's date, "
        "and the extension picks the format.",
        metavar="FILE",
        check=checks.output_pattern,
        variants={
            ("summarize", "clean"): SUMMARY_OUTPUT,
            "batch": {
                "help": "The folder to create with the part files (atomically: it appears complete or not at all).",
                "metavar": "DIR",
                "required": True,
                "config": False,
                "check": None,
            },
        },
    ),
    Setting(
        "state",
        ("--state",),
        "The state file for --new-only [default: state.sqlite3 in the user's data folder].",
        metavar="PATH",
        variants={STATE_COMMANDS: {"help": "The state file [default: state.sqlite3 in the user's data folder]."}},
    ),
    Setting("title", ("--title",), "The digest's title [default: News digest].", default=DEFAULT_TITLE, metavar="TEXT"),
    Setting(
        "group_by",
        ("--group-by",),
        "Group stories by source, section, day, topic (one event across outlets), or none [default: none].",
        default="none",
        metavar="KEY",
        check=checks.one_of(checks.group_by_names),
    ),
    Setting("max_articles", ("--max-articles",), "At most N stories (the newest).", kind=int, metavar="N", minimum=1),
    Setting(
        "jobs",
        ("--jobs", "-j"),
        "Worker processes; the output is the same for any number [default: 1].",
        kind=int,
        default=1,
        metavar="N",
        minimum=1,
        variants={"batch": {"help": "Worker processes (local engine) or local Dask workers [default: 1]."}},
    ),
    Setting(
        "language",
        ("--language", "-l"),
        "ISO 639-1 code; detected per article when not given.",
        metavar="CODE",
        variants={"summarize": {"help": "ISO 639-1 code (en, de, fr, ...); detected when not given."}},
    ),
    Setting(
        "since",
        ("--since",),
        "Only articles dated (or, undated, saved) within this age: 24h, 7d, 2w, 30m.",
        metavar="AGE",
        check=checks.age,
    ),
    Setting(
        "to",
        ("--to",),
        "Recipient(s) for --format email (other formats ignore it, with a warning).",
        metavar="ADDRESS",
    ),
    Setting(
        "from",
        ("--from",),
        "Sender for --format email (other formats ignore it, with a warning) [default: newsdigest@HOST, "
        "HOST being this machine's fully qualified host name; newsdigest@localhost when it has none].",
        metavar="ADDRESS",
    ),
    Setting(
        "rules",
        ("--rules",),
        "Per-site cleaning rules (TOML) [default: rules.toml in the config folder, if any].",
        metavar="PATH",
    ),
    Setting(
        "max_bytes",
        ("--max-bytes",),
        f"Refuse input files larger than this many bytes [default: {DEFAULT_MAX_BYTES}].",
        kind=int,
        default=DEFAULT_MAX_BYTES,
        metavar="BYTES",
        minimum=1,
        variants={
            ("summarize", "clean"): {"help": "Refuse input files larger than this many bytes."},
            "batch": {"typer_range": True},
        },
    ),
    Setting(
        "include",
        ("--include",),
        "Keep only articles whose title or story text matches REGEX (case-insensitive; (?-i:...) for case); "
        "repeatable: any one.",
        kind=list,
        metavar="REGEX",
        check=checks.patterns,
    ),
    Setting(
        "exclude",
        ("--exclude",),
        "Leave out articles whose title or story text matches REGEX; repeatable.",
        kind=list,
        metavar="REGEX",
        check=checks.patterns,
    ),
    Setting(
        "skip_paywalled",
        ("--skip-paywalled/--keep-paywalled",),
        "Leave out pages marked paywalled or truncated (the digest's counts say how many) [default: keep, marked].",
        kind=bool,
        default=False,
    ),
    Setting(
        "engine",
        ("--engine",),
        "What runs the per-article work: local (default: this machine, --jobs processes) "
        "or dask (a Dask cluster; the output is the same).",
        default="local",
        metavar="NAME",
        check=checks.engine,
    ),
    Setting(
        "scheduler",
        ("--scheduler",),
        "--engine dask: a running Dask scheduler, tcp://HOST:PORT [default: a local cluster of --jobs workers].",
        metavar="ADDRESS",
        needs=("engine", "dask"),
    ),
    Setting(
        "dedup",
        ("--dedup",),
        "Near-duplicates: leader (default: a story joins the earliest similar one) "
        "or components (connected components: merges transitively, so not identical).",
        default="leader",
        metavar="MODE",
        check=checks.one_of(checks.dedup_names),
    ),
    # Options of the command line only.
    Setting(
        "config",
        ("--config",),
        SETTINGS_FILE,
        metavar="PATH",
        config=False,
        variants={STATE_COMMANDS: {"help": "Settings file (TOML), for its state path."}},
    ),
    Setting(
        "new_only",
        ("--new-only",),
        "Only stories that no earlier --new-only digest contained (remembered in the state file).",
        kind=bool,
        default=False,
        config=False,
    ),
    Setting(
        "fail_if_empty",
        ("--fail-if-empty",),
        "Exit 3 when the digest has no stories.",
        kind=bool,
        default=False,
        config=False,
    ),
    Setting(
        "overwrite",
        ("--overwrite",),
        "With --new-only and -o: replace an existing file (by default the digest takes the next free name: "
        "today.2.md).",
        kind=bool,
        default=False,
        config=False,
    ),
    Setting(
        "no_color",
        ("--no-color",),
        "No styling at all (as does the NO_COLOR variable).",
        kind=bool,
        default=False,
        config=False,
    ),
    Setting(
        "quiet",
        ("--quiet", "-q"),
        "Do not report failed inputs on stderr (the exit code still tells).",
        kind=bool,
        default=False,
        config=False,
    ),
    Setting(
        "debug",
        ("--debug",),
        "Show a full traceback on unexpected errors.",
        kind=bool,
        default=False,
        config=False,
    ),
    Setting(
        "ratio",
        ("--ratio",),
        "Summary length as a share of the article's sentences (0-1).",
        kind=float,
        metavar="SHARE",
        config=False,
    ),
    Setting(
        "words",
        ("--words",),
        "A word budget, filled with whole sentences.",
        kind=int,
        metavar="N",
        minimum=1,
        config=False,
    ),
    Setting(
        "chars",
        ("--chars",),
        "A character budget, filled with whole sentences.",
        kind=int,
        metavar="N",
        minimum=1,
        config=False,
    ),
    Setting(
        "explain",
        ("--explain",),
        "Show each chosen sentence's score and its parts.",
        kind=bool,
        default=False,
        config=False,
    ),
    Setting(
        "keywords",
        ("--keywords",),
        "Add the top N key phrases.",
        kind=int,
        default=0,
        metavar="N",
        minimum=0,
        config=False,
    ),
    Setting(
        "show_removed",
        ("--show-removed",),
        "Also list every removed block and why.",
        kind=bool,
        default=False,
        config=False,
    ),
    Setting(
        "older_than",
        ("--older-than",),
        "Forget stories recorded longer ago than this: 90d, 12w, 24h.",
        metavar="AGE",
        config=False,
        required=True,
    ),
)
TABLE: dict[str, Setting] = {record.name: record for record in _RECORDS}
# The config keys and their TOML types, in the table's order.
CONFIG_KEYS: dict[str, type] = {record.name: record.kind for record in _RECORDS if record.config}

# Each command's options, in the order its help lists them.
COMMANDS: dict[str, tuple[str, ...]] = {
    "summarize": (
        *("sentences", "ratio", "words", "chars", "algorithm", "language", "explain", "keywords"),
        *("format", "output", "no_color", "max_bytes", "rules", "include", "exclude", "quiet", "debug"),
    ),
    "clean": ("show_removed", "format", "output", "no_color", "max_bytes", "rules", "quiet", "debug"),
    "digest": (
        *("output", "format", "new_only", "since", "group_by", "max_articles", "sentences", "algorithm"),
        *("language", "jobs", "engine", "scheduler", "dedup", "title", "to", "from", "state", "config"),
        *("fail_if_empty", "overwrite", "no_color", "max_bytes", "rules", "include", "exclude"),
        *("skip_paywalled", "quiet", "debug"),
    ),
    "batch": (
        *("output", "format", "engine", "scheduler", "dedup", "jobs", "sentences", "algorithm", "language"),
        *("config", "max_bytes", "rules", "include", "exclude", "skip_paywalled", "quiet"),
    ),
    "state prune": ("older_than", "state", "config"),
    "state info": ("state", "config"),
}


def options_of(command: str) -> tuple[Setting, ...]:
    """The command's options as it has them, in its help's order."""
    return tuple(TABLE[name].for_command(command) for name in COMMANDS[command])


def settles(command: str) -> bool:
    """Whether the command reads settings (flag, variable, config file, default): it has --config."""
    return "config" in COMMANDS[command]


def check(setting: Setting, value: Any) -> Any:
    """`value` if it is usable for `setting` (a config value of the right type), else Invalid."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and setting.minimum is not None and value < setting.minimum:
        raise Invalid(f"must be {setting.minimum} or more, not {value}")
    return setting.check(value) if setting.check is not None else value
