"""What each command does, below the CLI and above the library: returns the exit code.

The CLI hands over the flags as given, by parameter name (None: not given).
`digest` and `batch` settle each setting (flag, then NEWSDIGEST_* variable,
then config file, then default: app/config.py), run the library, write the
result (atomically to a file, or to standard output), report failed inputs
on stderr one line each, and return the exit code. No Typer here; tests may
call these directly with their own Environment.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from ..errors import ExitCode, UsageError
from .config import check_flags, settle
from .console import Environment
from .output import broken_pipe, use_color, width, write_stdout


def summarize(files: list[str], given: Mapping[str, Any], env: Environment | None = None) -> int:
    """`newsdigest summarize`: title, byline and the chosen sentences of each file."""
    from ..api import SummaryOptions, each_input, load_rules, summarize_matching
    from ..filters import compile_filter
    from ..summarizers.length import Length

    # No length given: 3 sentences, fewer for short articles.
    length = Length(sentences=given["sentences"], ratio=given["ratio"], words=given["words"], chars=given["chars"])
    options = SummaryOptions(
        algorithm=given["algorithm"],
        length=length,
        language=given["language"],
        keywords=given["keywords"],
        max_bytes=given["max_bytes"],
        rules=load_rules(given["rules"]),
    )
    # An unknown algorithm is a usage error before any file is read (summarize reads no settings: its flags
    # are its values).
    check_flags("summarize", given, given)
    select = compile_filter(given["include"] or (), given["exclude"] or ())
    results = each_input(files, lambda path: summarize_matching(path, options, select), strict=given["debug"])
    found = (r for r in results if r is not None)
    return finish(found, given, env, explain=given["explain"], keywords=bool(given["keywords"]))


def clean(files: list[str], given: Mapping[str, Any], env: Environment | None = None) -> int:
    """`newsdigest clean`: the story text cleaning kept."""
    from ..api import clean_file, each_input, load_rules

    site_rules = load_rules(given["rules"])
    max_bytes = given["max_bytes"]
    results = each_input(files, lambda path: clean_file(path, max_bytes, site_rules), strict=given["debug"])
    return finish(results, given, env, show_removed=given["show_removed"])


def finish(
    results: Iterable,
    given: Mapping[str, Any],
    env: Environment | None = None,
    explain: bool = False,
    show_removed: bool = False,
    keywords: bool = False,
) -> int:
    """Render what succeeded, report what failed; the exit code."""
    from ..render import RenderOptions, render, resolve_format

    env = env or Environment.from_process(given["no_color"])
    output, quiet = given["output"], given["quiet"]
    fmt = resolve_format(given["format"], env.stdout_isatty and not output, output)
    items, failed = _gathered(results, env, quiet)
    if keywords and not quiet:
        _keywords_unavailable(env, items)
    color = use_color(env, fmt, given["format"], output)
    options = RenderOptions(format=fmt, explain=explain, show_removed=show_removed, color=color, width=width(env))
    text = render(items, options) if items else ""
    if output:
        from ..atomic import atomic_write

        if items or not failed:
            atomic_write(output, text)
    elif text:
        try:
            write_stdout(env, [text])
        except BrokenPipeError:
            return broken_pipe()
    return ExitCode.INPUT_FAILED if failed else ExitCode.OK


def _gathered(results: Iterable, env: Environment, quiet: bool) -> tuple[list, int]:
    """The results that succeeded, and how many failed (each said on stderr unless quiet, as are language warnings)."""
    import warnings

    from ..language import LanguageWarning
    from ..models import Failure

    items, failed = [], 0
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", LanguageWarning)  # unknown language: one line each on stderr
        for result in results:
            if isinstance(result, Failure):
                failed += 1
                if not quiet:
                    env.error(f"{result.path}: {result.reason}")
            else:
                items.append(result)
    for warning in caught:
        if issubclass(warning.category, LanguageWarning):
            if not quiet:
                env.error(f"warning: {warning.message}")
        else:  # not ours to judge: shown as Python would have
            warnings.showwarning(warning.message, warning.category, warning.filename, warning.lineno)
    return items, failed


def _keywords_unavailable(env: Environment, summaries) -> None:
    """One stderr line per language that --keywords was asked in but is not offered for."""
    from ..keywords import keywords_available, language_name

    told: set = set()
    for summary in summaries:
        language = getattr(summary.article.meta, "language", None)
        if language not in told and not keywords_available(language):
            told.add(language)
            env.error(f"keywords are not available for {language_name(language)}")


def now(environ: Mapping[str, str] | None = None) -> datetime:
    """The digest's time: SOURCE_DATE_EPOCH when set (reproducible builds' convention), else now."""
    environ = os.environ if environ is None else environ
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=UTC)
        except (ValueError, OverflowError, OSError):
            raise UsageError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, not {epoch!r}") from None
    return datetime.now().astimezone()


def digest_format(requested: str, stdout_isatty: bool, output: str | None) -> str:
    """The format to write: as asked, else by -o's extension, else rich on a terminal and text elsewhere."""
    from ..render.formats import DIGEST, resolve_format

    return resolve_format(requested, stdout_isatty, output, DIGEST)


def digest_options(values: Mapping[str, Any], when: datetime | None = None):
    """The library's DigestOptions for settled values (digest and batch)."""
    from ..digest import DigestOptions
    from ..filters import compile_filter
    from ..options import DEFAULT_TITLE, summary_options

    since = None
    if values.get("since"):
        from ..digest.state import parse_age

        since = parse_age(str(values["since"]))
    summary = summary_options(
        values["algorithm"],
        values["sentences"],
        values["language"],
        values["max_bytes"],
        values["rules"],
        values["site_rules"],
    )
    return DigestOptions(
        summary=summary,
        group_by=values.get("group_by", "none"),
        max_articles=values.get("max_articles"),
        since=since,
        new_only=values.get("new_only", False),
        state_path=os.path.expanduser(values["state"]) if values.get("state") else None,
        jobs=int(values["jobs"]),
        engine=values["engine"],
        scheduler=values["scheduler"] if values["engine"] == "dask" else None,
        dedup=values["dedup"],
        title=values.get("title") or DEFAULT_TITLE,
        select=compile_filter(values["include"] or (), values["exclude"] or ()) or None,
        skip_paywalled=bool(values["skip_paywalled"]),
        **({"now": when} if when is not None else {}),
    )


def digest(inputs: list[str], given: Mapping[str, Any], env: Environment | None = None) -> int:
    """`newsdigest digest`: many inputs, one digest."""
    from ..digest import run_digest
    from ..options import output_path
    from .progress import ProgressLine

    values = settle("digest", given)
    env = env or Environment.from_process(values["no_color"])
    when = now()
    check_flags("digest", given, values)
    output = output_path(values["output"], when) if values["output"] else None
    fmt = digest_format(values["format"], env.stdout_isatty and not output, output)
    if not values["quiet"]:
        for problem in _idle_options(given, fmt, output):
            env.error(f"warning: {problem}")
        if fmt == "email" and not values["to"]:
            env.error("warning: no --to address: `sendmail -t` will not know where to send this digest")
    options = digest_options(values, when)
    notes: list[str] = []  # said on stderr once the run is over (unless --quiet)
    try:
        with ProgressLine(env, values["quiet"]) as progress:
            write = _digest_writer(env, values, fmt, output, notes, progress.finish)
            result = run_digest(inputs, options, write, progress.update if progress.enabled else None)
    except BrokenPipeError:
        return broken_pipe()  # the state is not updated: the digest was not delivered
    return _digest_report(env, values, result, notes)


def _digest_writer(
    env: Environment, values: Mapping[str, Any], fmt: str, output: str | None, notes: list, before: Callable
) -> Callable:
    """The function that writes a finished digest (called by the library, under the state's lock)."""
    color = use_color(env, fmt, values["format"], output)
    new_only = values["new_only"]

    def write(digest) -> None:
        from ..render import RenderOptions, iter_digest

        before()  # the progress bar is gone from the terminal before the first byte of the digest
        if not digest.counts.entries and digest.failures:
            # Every input failed: keep whatever the file held (perhaps an earlier good digest);
            # on stdout, print no empty digest (the failures on stderr and exit 1 say it all).
            if output:
                env.error(f"{output}: not written: every input failed")
            return
        if new_only and not digest.counts.entries:
            # Nothing new: an empty digest would only bury (or, at the same name, replace) the last real one.
            notes.append("nothing new: no stories since the last --new-only digest")
            return
        render = RenderOptions(format=fmt, color=color, width=width(env), to=values["to"], sender=values["from"])
        pieces = iter_digest(digest, render)
        if output:
            # A --new-only digest is the only record of the stories it reports: never replace an
            # earlier one (an hourly run, or a rerun, on the same {date}); take the next free name.
            _write_file(output, pieces, new_only and not values["overwrite"], notes)
        else:
            write_stdout(env, pieces)  # a BrokenPipeError ends digest() quietly

    return write


def _write_file(output: str, pieces: Iterable[str], keep: bool, notes: list) -> None:
    from ..atomic import atomic_open

    _make_folder(output)  # {date} patterns often name a new folder

    def written(path: str) -> None:
        if path != output:
            notes.append(f"{output} holds an earlier digest; this one is {path}")

    with atomic_open(output, keep_existing=keep, written=written) as fh:
        for piece in pieces:
            fh.write(piece.encode("utf-8"))


def _digest_report(env: Environment, values: Mapping[str, Any], result, notes: list[str]) -> int:
    """Failures and notes on stderr (unless --quiet); the exit code."""
    quiet = values["quiet"]
    if not quiet:
        for failure in result.failures:
            env.error(f"{failure.path}: {failure.reason}")
        for note in notes:
            env.error(note)
    if result.failures:
        return ExitCode.INPUT_FAILED
    if values["fail_if_empty"] and not result.counts.entries:
        if not quiet and not notes:  # "nothing new" already said why
            env.error("the digest has no stories (--fail-if-empty)")
        return ExitCode.EMPTY
    return ExitCode.OK


def _idle_options(given: Mapping[str, Any], fmt: str, output: str | None) -> list[str]:
    """Flags given on the command line that do nothing without another: one warning each (the run goes on)."""
    problems = []
    if fmt != "email":
        for flag, value in (("--to", given.get("to")), ("--from", given.get("from_"))):
            if value is not None:
                problems.append(f"{flag} does nothing without --format email (or an .eml output); ignored")
    if given.get("state") is not None and not given.get("new_only"):
        problems.append("--state does nothing without --new-only; ignored")
    if given.get("overwrite") and not (given.get("new_only") and output):
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


def batch(inputs: list[str], given: Mapping[str, Any], env: Environment | None = None) -> int:
    """`newsdigest batch`: one row per input article, in part files under a new folder."""
    from ..digest.batch import write_batch

    env = env or Environment.from_process(True)
    values = settle("batch", given)
    check_flags("batch", given, values)
    rows, failures = write_batch(inputs, values["output"], values["format"], digest_options(values))
    if not values["quiet"]:
        for failure in failures:
            env.error(f"{failure.path}: {failure.reason}")
    return ExitCode.INPUT_FAILED if failures else ExitCode.OK


def state_prune(given: Mapping[str, Any]) -> int:
    """`newsdigest state prune`: forget the records older than --older-than."""
    from ..digest.state import parse_age
    from ..digest.state import prune as prune_state

    age = parse_age(given["older_than"])
    path = _state_path(given)
    removed = prune_state(os.path.expanduser(path), age)
    noun = "story" if removed == 1 else "stories"
    print(f"{path}: forgot {removed} {noun} recorded before {given['older_than']} ago")
    return ExitCode.OK


def state_info(given: Mapping[str, Any]) -> int:
    """`newsdigest state info`: where the state file is and what it holds."""
    from ..digest.state import stats

    path = os.path.expanduser(_state_path(given))
    if not os.path.exists(path):
        print(f"{path}: no state yet (a --new-only digest creates it)")
        return ExitCode.OK
    print(f"{path}: {stats(path)}")
    return ExitCode.OK


def _state_path(given: Mapping[str, Any]) -> str:
    """--state, else NEWSDIGEST_STATE, else the config file's `state`, else the default state file."""
    from ..digest.state import default_state_path

    # A --state flag needs no settings: a broken config file does not stand in its way.
    return given.get("state") or settle("state info", given)["state"] or default_state_path()
