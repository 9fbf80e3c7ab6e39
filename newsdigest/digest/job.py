"""The `digest` and `state` commands' work, below the CLI and above the library.

The CLI hands over the flags as given (None: not given); this module settles
each setting (flag, then NEWSDIGEST_* variable, then config file, then
built-in default), runs the digest, writes it (atomically to a file, or to
standard output), reports failed inputs on stderr one line each, and returns
the exit code. It knows no Typer; tests may call it directly.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime

from ..console import Environment
from ..errors import ExitCode, UsageError

DEFAULTS = {
    "format": "auto",
    "group_by": "none",
    "jobs": 1,
    "title": None,
    "algorithm": None,
    "sentences": None,
    "language": None,
    "since": None,
    "max_articles": None,
    "output": None,
    "state": None,
    "to": None,
    "from": None,
    "max_bytes": None,
    "rules": None,
    "engine": "local",
    "scheduler": None,
    "dedup": "leader",
    "include": (),
    "exclude": (),
    "skip_paywalled": False,
}
# A progress bar appears only on a terminal, and only for a run this long.
PROGRESS_AFTER_SECONDS = 1.0


@dataclass(frozen=True)
class DigestRequest:
    inputs: list[str]
    output: str | None = None
    format: str | None = None
    new_only: bool = False
    since: str | None = None
    group_by: str | None = None
    max_articles: int | None = None
    sentences: int | None = None
    algorithm: str | None = None
    language: str | None = None
    jobs: int | None = None
    title: str | None = None
    to: str | None = None
    sender: str | None = None
    state: str | None = None
    config: str | None = None
    fail_if_empty: bool = False
    overwrite: bool = False
    no_color: bool = False
    max_bytes: int | None = None
    rules: str | None = None
    quiet: bool = False
    debug: bool = False
    include: list[str] | None = None  # --include patterns; None or empty: not given
    exclude: list[str] | None = None
    skip_paywalled: bool | None = None
    engine: str | None = None
    scheduler: str | None = None
    dedup: str | None = None


def settled(request: DigestRequest, environ=None) -> dict:
    """Every setting's value: the flag, else NEWSDIGEST_*, else the config file, else the default."""
    from ..config import load_settings, resolve

    environ = os.environ if environ is None else environ
    settings = load_settings(request.config, environ)
    flags = {
        "format": request.format,
        "group_by": request.group_by,
        "jobs": request.jobs,
        "title": request.title,
        "algorithm": request.algorithm,
        "sentences": request.sentences,
        "language": request.language,
        "since": request.since,
        "max_articles": request.max_articles,
        "output": request.output,
        "state": request.state,
        "to": request.to,
        "from": request.sender,
        "max_bytes": request.max_bytes,
        "rules": request.rules,
        "engine": request.engine,
        "scheduler": request.scheduler,
        "dedup": request.dedup,
        "include": request.include or None,
        "exclude": request.exclude or None,
        "skip_paywalled": request.skip_paywalled,
    }
    values = resolve(flags, settings, DEFAULTS)
    values["site_rules"] = settings.get("site_rules")
    return values


def now(environ=None) -> datetime:
    """The digest's time: SOURCE_DATE_EPOCH when set (reproducible builds' convention), else now."""
    environ = os.environ if environ is None else environ
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=UTC)
        except (ValueError, OverflowError, OSError):
            raise UsageError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, not {epoch!r}") from None
    return datetime.now().astimezone()


def output_path(pattern: str, when: datetime) -> str:
    """Expand {date} (YYYY-MM-DD) and a leading ~ in an output pattern."""
    try:
        path = pattern.format(date=when.date().isoformat())
    except (KeyError, IndexError, ValueError):
        raise UsageError(f"output pattern {pattern!r}: only {{date}} may appear in braces") from None
    return os.path.expanduser(path)


def digest_format(requested: str, stdout_isatty: bool, output: str | None) -> str:
    from ..render.formats import DIGEST, resolve_format

    return resolve_format(requested, stdout_isatty, output, DIGEST)


def summary_options(values: dict):
    """The per-article options from settled values: what digest and batch both hand to each article."""
    from ..api import SummaryOptions, load_rules
    from ..summarizers.length import Length

    site_rules = values["site_rules"]
    return SummaryOptions(
        algorithm=values["algorithm"],
        length=Length(sentences=values["sentences"]),
        language=values["language"],
        rules=site_rules if site_rules is not None and not values["rules"] else load_rules(values["rules"]),
        **({"max_bytes": values["max_bytes"]} if values["max_bytes"] else {}),
    )


def run(request: DigestRequest, env: Environment | None = None) -> int:
    """The whole `newsdigest digest` job; returns the exit code."""
    from ..filters import compile_filter
    from . import GROUP_BY, DigestOptions, run_digest

    env = env or Environment.from_process(request.no_color)
    values = settled(request)
    when = now()
    group_by = values["group_by"]
    if group_by not in GROUP_BY:
        raise UsageError(f"--group-by must be one of: {', '.join(GROUP_BY)} (not {group_by!r})")
    output = output_path(values["output"], when) if values["output"] else None
    fmt = digest_format(values["format"], env.stdout_isatty and not output, output)
    since = None
    if values["since"]:
        from .state import parse_age

        since = parse_age(str(values["since"]))
    engine_options(values, request.scheduler)
    if values["algorithm"] is not None:
        from .. import summarizers

        summarizers.get(values["algorithm"])  # an unknown name is a usage error before any file is read
    if not request.quiet:
        for problem in _idle_options(request, fmt, output):
            env.error(f"warning: {problem}")
    if fmt == "email" and not values["to"] and not request.quiet:
        env.error("warning: no --to address: `sendmail -t` will not know where to send this digest")
    options = DigestOptions(
        summary=summary_options(values),
        group_by=group_by,
        max_articles=values["max_articles"],
        since=since,
        new_only=request.new_only,
        state_path=os.path.expanduser(values["state"]) if values["state"] else None,
        jobs=int(values["jobs"]),
        engine=values["engine"],
        scheduler=values["scheduler"] if values["engine"] == "dask" else None,
        dedup=values["dedup"],
        title=values["title"] or "News digest",
        select=compile_filter(values["include"], values["exclude"]) or None,
        skip_paywalled=bool(values["skip_paywalled"]),
        now=when,
    )
    color = env.color and fmt == "rich" and (env.stdout_isatty or values["format"] == "rich") and not output

    notes: list[str] = []  # said on stderr once the run is over (unless --quiet)

    def write(digest) -> None:
        from ..render import RenderOptions, iter_digest

        progress.finish()  # the bar is gone from the terminal before the first byte of the digest

        if not digest.counts.entries and digest.failures:
            # Every input failed: keep whatever the file held (perhaps an earlier good digest);
            # on stdout, print no empty digest (the failures on stderr and exit 1 say it all).
            if output:
                env.error(f"{output}: not written: every input failed")
            return
        if request.new_only and not digest.counts.entries:
            # Nothing new: an empty digest would only bury (or, at the same name, replace) the last real one.
            notes.append("nothing new: no stories since the last --new-only digest")
            return
        pieces = iter_digest(
            digest,
            RenderOptions(format=fmt, color=color, width=_width(env), to=values["to"], sender=values["from"]),
        )
        if output:
            from ..atomic import atomic_open

            _make_folder(output)  # {date} patterns often name a new folder
            # A --new-only digest is the only record of the stories it reports: never replace an
            # earlier one (an hourly run, or a rerun, on the same {date}); take the next free name.
            keep = request.new_only and not request.overwrite

            def written(path: str) -> None:
                if path != output:
                    notes.append(f"{output} holds an earlier digest; this one is {path}")

            with atomic_open(output, keep_existing=keep, written=written) as fh:
                for piece in pieces:
                    fh.write(piece.encode("utf-8"))
        else:
            try:
                for piece in pieces:
                    env.stdout.write(piece)
                env.stdout.flush()
            except BrokenPipeError:
                raise  # run() ends quietly; the state is not updated: the digest was not delivered
            except OSError as err:
                from ..console import silence_stdout
                from ..errors import OutputError

                silence_stdout()
                raise OutputError(f"cannot write: {err.strerror or err}", "standard output") from None

    try:
        with _progress(env, request.quiet) as progress:
            result = run_digest(request.inputs, options, write, progress.update if progress.enabled else None)
    except BrokenPipeError:
        from ..console import silence_stdout

        silence_stdout()  # the reader went away (`| head`): stop quietly, as `cat` does
        return ExitCode.BROKEN_PIPE
    if not request.quiet:
        for failure in result.failures:
            env.error(f"{failure.path}: {failure.reason}")
        for note in notes:
            env.error(note)
    if result.failures:
        return ExitCode.INPUT_FAILED
    if request.fail_if_empty and not result.counts.entries:
        if not request.quiet and not notes:  # "nothing new" already said why
            env.error("the digest has no stories (--fail-if-empty)")
        return ExitCode.EMPTY
    return ExitCode.OK


def engine_options(values: dict, scheduler_flag: str | None) -> None:
    """Check the engine settings (flags are not checked by the config's rules); usage errors before any work.

    A scheduler from the settings is kept for when the engine is dask; --scheduler itself needs it."""
    from . import DEDUP
    from .engines import check_engine

    check_engine(values["engine"])
    if values.get("dedup", "leader") not in DEDUP:
        raise UsageError(f"--dedup must be one of: {', '.join(DEDUP)} (not {values['dedup']!r})")
    if scheduler_flag and values["engine"] != "dask":
        raise UsageError('--scheduler needs --engine dask (or engine = "dask" in the settings)')


def _idle_options(request: DigestRequest, fmt: str, output: str | None) -> list[str]:
    """Flags given on the command line that do nothing without another: one warning each (the run goes on)."""
    problems = []
    if fmt != "email":
        for flag, value in (("--to", request.to), ("--from", request.sender)):
            if value is not None:
                problems.append(f"{flag} does nothing without --format email (or an .eml output); ignored")
    if request.state is not None and not request.new_only:
        problems.append("--state does nothing without --new-only; ignored")
    if request.overwrite and not (request.new_only and output):
        problems.append("--overwrite does nothing without --new-only and -o; ignored")
    return problems


def _make_folder(output: str) -> None:
    """The output's folder, made if missing; one clear line (OutputError) when it cannot be."""
    from ..errors import OutputError

    folder = os.path.dirname(os.path.abspath(output))
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as err:
        blocker = folder
        while blocker and not os.path.exists(blocker):
            blocker = os.path.dirname(blocker)
        why = "a file is in the way" if os.path.isfile(blocker) else (err.strerror or str(err)).lower()
        raise OutputError(f"cannot create the folder {folder}: {why} ({blocker})", output) from None


def _width(env: Environment) -> int:
    import shutil

    return shutil.get_terminal_size((100, 24)).columns if env.stdout_isatty else 100


class _progress:
    """A transient progress line on stderr, only on a terminal and only once a run proves long."""

    def __init__(self, env: Environment, quiet: bool) -> None:
        self.enabled = env.stderr_isatty and not quiet
        self.env = env
        self.bar = None
        self.task = None
        self.started = None

    def __enter__(self):
        import time

        self.started = time.monotonic()
        return self

    def update(self, done: int) -> None:
        import time

        if not self.enabled:
            return
        if self.bar is None:
            if time.monotonic() - self.started < PROGRESS_AFTER_SECONDS:
                return
            from ..renderers.progress import start_progress

            self.bar, self.task = start_progress(self.env.stderr)
        self.bar.update(self.task, completed=done)

    def finish(self) -> None:
        """Stop and erase the bar (it is transient); later updates are ignored."""
        self.enabled = False
        if self.bar is not None:
            self.bar.stop()
            self.bar = None

    def __exit__(self, *exc) -> None:
        self.finish()


def prune(older_than: str, state: str | None, config: str | None) -> int:
    from ..config import load_settings
    from .state import default_state_path, parse_age
    from .state import prune as prune_state

    age = parse_age(older_than)
    path = state or load_settings(config, os.environ).get("state") or default_state_path()
    removed = prune_state(os.path.expanduser(path), age)
    print(f"{path}: forgot {removed} {'story' if removed == 1 else 'stories'} recorded before {older_than} ago")
    return ExitCode.OK


def info(state: str | None, config: str | None) -> int:
    from ..config import load_settings
    from .state import default_state_path, stats

    path = os.path.expanduser(state or load_settings(config, os.environ).get("state") or default_state_path())
    if not os.path.exists(path):
        print(f"{path}: no state yet (a --new-only digest creates it)")
        return ExitCode.OK
    print(f"{path}: {stats(path)}")
    return ExitCode.OK
