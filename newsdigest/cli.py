"""The command line: parse options, call the library once, map errors to exit codes.

Nothing here does pipeline work; it all happens in newsdigest.api (and, for
digests, newsdigest.digest).
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Sequence
from typing import Annotated

import typer

from . import __version__
from .clihelp import Command, Group, at_least
from .errors import ExitCode, NewsdigestError
from .loading import DEFAULT_MAX_BYTES

app = typer.Typer(
    name="newsdigest",
    cls=Group,
    help=(
        "Clean and summarize raw news articles (plain-text page copies, saved HTML pages, "
        "RSS, Atom and JSON feeds), and turn a folder of them into a daily digest "
        "(terminal, text, Markdown, HTML, JSON or email)."
    ),
    epilog="""
        newsdigest summarize article.txt -n 5      # the sentences that carry a story
        newsdigest clean page.html --show-removed  # the story text, and what was cut
        newsdigest digest ~/news/inbox -o a.html   # a folder or feeds -> one digest
        newsdigest state info                      # what --new-only remembers
    """,
    no_args_is_help=True,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

FORMAT_HELP = "auto (rich on a terminal, text in a pipe, or by -o's extension), rich, text, json, jsonl, markdown."


def _version(value: bool) -> None:
    if value:
        print(f"newsdigest {__version__}")
        raise typer.Exit()


@app.callback(cls=Group)
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Clean and summarize raw news articles."""


Files = Annotated[
    list[str],
    typer.Argument(help="Article files (text or HTML); '-' reads standard input.", show_default=False, metavar="FILE"),
]
FormatOpt = Annotated[str, typer.Option("--format", "-f", help=FORMAT_HELP, metavar="FORMAT")]
OutputOpt = Annotated[
    str | None,
    typer.Option("--output", "-o", help="Write to FILE (atomically) instead of standard output.", metavar="FILE"),
]
NoColorOpt = Annotated[bool, typer.Option("--no-color", help="No styling at all (as does the NO_COLOR variable).")]
MaxBytesOpt = Annotated[
    int,
    typer.Option(
        "--max-bytes", help="Refuse input files larger than this many bytes.", metavar="BYTES", callback=at_least(1)
    ),
]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show a full traceback on unexpected errors.")]
QuietOpt = Annotated[
    bool, typer.Option("--quiet", "-q", help="Do not report failed inputs on stderr (the exit code still tells).")
]
EngineOpt = Annotated[
    str | None,
    typer.Option(
        "--engine",
        help="What runs the per-article work: local (default: this machine, --jobs processes) or dask (a Dask cluster; the output is the same).",
        metavar="NAME",
        show_default=False,
    ),
]
SchedulerOpt = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        help="--engine dask: a running Dask scheduler, tcp://HOST:PORT [default: a local cluster of --jobs workers].",
        metavar="ADDRESS",
        show_default=False,
    ),
]
DedupOpt = Annotated[
    str | None,
    typer.Option(
        "--dedup",
        help="Near-duplicates: leader (default: a story joins the earliest similar one) or components (connected components: merges transitively, so not identical).",
        metavar="MODE",
        show_default=False,
    ),
]
RulesOpt = Annotated[
    str | None,
    typer.Option(
        "--rules",
        help="Per-site cleaning rules (TOML) [default: rules.toml in the config folder, if any].",
        metavar="PATH",
    ),
]
IncludeOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--include",
        help="Keep only articles whose title or story text matches REGEX (case-insensitive; (?-i:...) for case); repeatable: any one.",
        metavar="REGEX",
        show_default=False,
    ),
]
SkipPaywalledOpt = Annotated[
    bool | None,
    typer.Option(
        "--skip-paywalled/--keep-paywalled",
        help="Leave out pages marked paywalled or truncated (the digest's counts say how many) [default: keep, marked].",
        show_default=False,
    ),
]
ExcludeOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--exclude",
        help="Leave out articles whose title or story text matches REGEX; repeatable.",
        metavar="REGEX",
        show_default=False,
    ),
]


@app.command(
    cls=Command,
    short_help="Title, byline and the sentences that carry each story.",
    epilog="""
    newsdigest summarize article.txt -n 5 --keywords 5
    newsdigest summarize a.txt --format json | jq -r .summary
    newsdigest summarize *.html --exclude '^sponsored' --include '(?-i:NASA)'
""",
)
def summarize(
    files: Files,
    sentences: Annotated[
        int | None,
        typer.Option(
            "--sentences",
            "-n",
            help="Sentences per summary [default: 3, at most a third of a short article].",
            show_default=False,
            metavar="N",
            callback=at_least(1),
        ),
    ] = None,
    ratio: Annotated[
        float | None,
        typer.Option("--ratio", help="Summary length as a share of the article's sentences (0-1).", metavar="SHARE"),
    ] = None,
    words: Annotated[
        int | None,
        typer.Option("--words", help="A word budget, filled with whole sentences.", metavar="N", callback=at_least(1)),
    ] = None,
    chars: Annotated[
        int | None,
        typer.Option(
            "--chars", help="A character budget, filled with whole sentences.", metavar="N", callback=at_least(1)
        ),
    ] = None,
    algorithm: Annotated[
        str | None,
        typer.Option(
            "--algorithm",
            "-a",
            metavar="NAME",
            help="Summarizer: news (default), lead, lexrank, textrank, or any of sumy's: sumy-lexrank, sumy-textrank, lsa, luhn, kl, sumbasic, edmundson, reduction, random.",
        ),
    ] = None,
    language: Annotated[
        str | None,
        typer.Option(
            "--language", "-l", help="ISO 639-1 code (en, de, fr, ...); detected when not given.", metavar="CODE"
        ),
    ] = None,
    explain: Annotated[
        bool, typer.Option("--explain", help="Show each chosen sentence's score and its parts.")
    ] = False,
    keywords: Annotated[
        int, typer.Option("--keywords", help="Add the top N key phrases.", callback=at_least(0), metavar="N")
    ] = 0,
    format: FormatOpt = "auto",
    output: OutputOpt = None,
    no_color: NoColorOpt = False,
    max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES,
    rules: RulesOpt = None,
    include: IncludeOpt = None,
    exclude: ExcludeOpt = None,
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Summarize articles: title, byline and the sentences that carry the story."""
    from .api import SummaryOptions, each_input, load_rules, summarize_matching
    from .filters import compile_filter
    from .summarizers.select import Length

    length = Length(
        sentences=sentences, ratio=ratio, words=words, chars=chars
    )  # none given: 3, fewer for short articles
    options = SummaryOptions(
        algorithm=algorithm,
        length=length,
        language=language,
        keywords=keywords,
        max_bytes=max_bytes,
        rules=load_rules(rules),
    )
    if algorithm is not None:
        from . import summarizers

        summarizers.get(algorithm)  # an unknown name is a usage error before any file is read
    select = compile_filter(include or (), exclude or ())
    results = each_input(files, lambda path: summarize_matching(path, options, select), strict=debug)
    _finish(
        (r for r in results if r is not None), format, output, no_color, quiet, explain=explain, keywords=bool(keywords)
    )


@app.command(
    cls=Command,
    short_help="The story text that cleaning kept (and what it removed).",
    epilog="""
    newsdigest clean page.html --show-removed
    newsdigest clean page.html --format json | jq '.removed[].reason'
""",
)
def clean(
    files: Files,
    show_removed: Annotated[
        bool, typer.Option("--show-removed", help="Also list every removed block and why.")
    ] = False,
    format: FormatOpt = "auto",
    output: OutputOpt = None,
    no_color: NoColorOpt = False,
    max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES,
    rules: RulesOpt = None,
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Print the story text that cleaning kept (JSON adds metadata and removed blocks)."""
    from .api import clean_file, each_input, load_rules

    site_rules = load_rules(rules)
    results = each_input(files, lambda path: clean_file(path, max_bytes, site_rules), strict=debug)
    _finish(results, format, output, no_color, quiet, show_removed=show_removed)


DIGEST_FORMAT_HELP = "auto (rich on a terminal, text in a pipe, or by -o's extension: .md .html .json .txt .eml), rich, text, markdown, html, json, email."


@app.command(
    cls=Command,
    short_help="Folders, files or feeds of articles -> one digest.",
    epilog="""
    newsdigest digest ~/news/inbox --new-only -o ~/digests/{date}.md
    newsdigest digest feeds/*.xml --format email --to me@example.org
    newsdigest digest ~/news/inbox --group-by topic --skip-paywalled
""",
)
def digest(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Folders (read recursively), files, globs or feed files (RSS, Atom, JSON Feed); '-' reads standard input.",
            show_default=False,
            metavar="PATH",
        ),
    ],
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the digest to FILE, atomically; {date} expands to the digest's date, and the extension picks the format.",
            metavar="FILE",
        ),
    ] = None,
    format: Annotated[
        str | None, typer.Option("--format", "-f", help=DIGEST_FORMAT_HELP, metavar="FORMAT", show_default=False)
    ] = None,
    new_only: Annotated[
        bool,
        typer.Option(
            "--new-only",
            help="Only stories that no earlier --new-only digest contained (remembered in the state file).",
        ),
    ] = False,
    since: Annotated[
        str | None,
        typer.Option(
            "--since", help="Only articles dated (or, undated, saved) within this age: 24h, 7d, 2w, 30m.", metavar="AGE"
        ),
    ] = None,
    group_by: Annotated[
        str | None,
        typer.Option(
            "--group-by",
            help="Group stories by source, section, day, topic (one event across outlets), or none [default: none].",
            metavar="KEY",
            show_default=False,
        ),
    ] = None,
    max_articles: Annotated[
        int | None,
        typer.Option("--max-articles", help="At most N stories (the newest).", callback=at_least(1), metavar="N"),
    ] = None,
    sentences: Annotated[
        int | None,
        typer.Option(
            "--sentences",
            "-n",
            help="Sentences per story [default: 3, fewer for short articles].",
            show_default=False,
            callback=at_least(1),
            metavar="N",
        ),
    ] = None,
    algorithm: Annotated[
        str | None,
        typer.Option(
            "--algorithm",
            "-a",
            help="Summarizer (see `summarize --help`) [default: news].",
            show_default=False,
            metavar="NAME",
        ),
    ] = None,
    language: Annotated[
        str | None,
        typer.Option("--language", "-l", help="ISO 639-1 code; detected per article when not given.", metavar="CODE"),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            help="Worker processes; the output is the same for any number [default: 1].",
            callback=at_least(1),
            metavar="N",
            show_default=False,
        ),
    ] = None,
    engine: EngineOpt = None,
    scheduler: SchedulerOpt = None,
    dedup: DedupOpt = None,
    title: Annotated[
        str | None,
        typer.Option("--title", help="The digest's title [default: News digest].", show_default=False, metavar="TEXT"),
    ] = None,
    to: Annotated[
        str | None,
        typer.Option(
            "--to", help="Recipient(s) for --format email (other formats ignore it, with a warning).", metavar="ADDRESS"
        ),
    ] = None,
    sender: Annotated[
        str | None,
        typer.Option(
            "--from",
            help="Sender for --format email (other formats ignore it, with a warning) [default: newsdigest@HOST, HOST being this machine's fully qualified host name; newsdigest@localhost when it has none].",
            metavar="ADDRESS",
            show_default=False,
        ),
    ] = None,
    state: Annotated[
        str | None,
        typer.Option(
            "--state",
            help="The state file for --new-only [default: state.sqlite3 in the user's data folder].",
            metavar="PATH",
            show_default=False,
        ),
    ] = None,
    config: Annotated[
        str | None,
        typer.Option(
            "--config",
            help="Settings file (TOML) [default: config.toml in the user's config folder, if any].",
            metavar="PATH",
            show_default=False,
        ),
    ] = None,
    fail_if_empty: Annotated[
        bool, typer.Option("--fail-if-empty", help="Exit 3 when the digest has no stories.")
    ] = False,
    overwrite: Annotated[
        bool,
        typer.Option(
            "--overwrite",
            help="With --new-only and -o: replace an existing file (by default the digest takes the next free name: today.2.md).",
        ),
    ] = False,
    no_color: NoColorOpt = False,
    max_bytes: Annotated[
        int | None,
        typer.Option(
            "--max-bytes",
            help=f"Refuse input files larger than this many bytes [default: {DEFAULT_MAX_BYTES}].",
            metavar="BYTES",
            show_default=False,
            callback=at_least(1),
        ),
    ] = None,
    rules: RulesOpt = None,
    include: IncludeOpt = None,
    exclude: ExcludeOpt = None,
    skip_paywalled: SkipPaywalledOpt = None,
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Turn a folder (or files, or feeds) of raw articles into one digest."""
    from .digest.job import DigestRequest, run

    request = DigestRequest(
        inputs=inputs,
        output=output,
        format=format,
        new_only=new_only,
        since=since,
        group_by=group_by,
        max_articles=max_articles,
        sentences=sentences,
        algorithm=algorithm,
        language=language,
        jobs=jobs,
        title=title,
        to=to,
        sender=sender,
        state=state,
        config=config,
        fail_if_empty=fail_if_empty,
        overwrite=overwrite,
        no_color=no_color,
        max_bytes=max_bytes,
        rules=rules,
        quiet=quiet,
        debug=debug,
        include=include,
        exclude=exclude,
        skip_paywalled=skip_paywalled,
        engine=engine,
        scheduler=scheduler,
        dedup=dedup,
    )
    raise typer.Exit(run(request))


@app.command()
def batch(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Folders (read recursively), files, globs or feed files; '-' reads standard input.",
            show_default=False,
            metavar="PATH",
        ),
    ],
    output: Annotated[
        str,
        typer.Option(
            "--output",
            "-o",
            help="The folder to create with the part files (atomically: it appears complete or not at all).",
            metavar="DIR",
        ),
    ],
    format: Annotated[
        str,
        typer.Option("--format", "-f", help="jsonl or parquet (parquet needs the parquet extra).", metavar="FORMAT"),
    ] = "jsonl",
    engine: EngineOpt = None,
    scheduler: SchedulerOpt = None,
    dedup: DedupOpt = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            help="Worker processes (local engine) or local Dask workers [default: 1].",
            callback=at_least(1),
            metavar="N",
            show_default=False,
        ),
    ] = None,
    sentences: Annotated[
        int | None,
        typer.Option(
            "--sentences",
            "-n",
            help="Sentences per summary [default: 3, fewer for short articles].",
            show_default=False,
            callback=at_least(1),
            metavar="N",
        ),
    ] = None,
    algorithm: Annotated[
        str | None,
        typer.Option(
            "--algorithm", "-a", help="Summarizer (see `summarize --help`) [default: news].", show_default=False
        ),
    ] = None,
    language: Annotated[
        str | None,
        typer.Option("--language", "-l", help="ISO 639-1 code; detected per article when not given.", metavar="CODE"),
    ] = None,
    config: Annotated[
        str | None,
        typer.Option(
            "--config",
            help="Settings file (TOML) [default: config.toml in the user's config folder, if any].",
            metavar="PATH",
            show_default=False,
        ),
    ] = None,
    max_bytes: Annotated[
        int | None,
        typer.Option(
            "--max-bytes",
            help=f"Refuse input files larger than this many bytes [default: {DEFAULT_MAX_BYTES}].",
            metavar="BYTES",
            show_default=False,
            min=1,
        ),
    ] = None,
    rules: RulesOpt = None,
    include: IncludeOpt = None,
    exclude: ExcludeOpt = None,
    skip_paywalled: SkipPaywalledOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """One row per input article (summary, metadata, story id, error) in part files under DIR.

    Example: newsdigest batch ~/news/inbox -o rows/ --format parquet --engine dask --scheduler tcp://HOST:8786
    """
    from .digest.batch_job import BatchRequest, run

    request = BatchRequest(
        inputs=inputs,
        output=output,
        format=format,
        engine=engine,
        scheduler=scheduler,
        jobs=jobs,
        sentences=sentences,
        algorithm=algorithm,
        language=language,
        max_bytes=max_bytes,
        rules=rules,
        config=config,
        quiet=quiet,
        dedup=dedup,
        include=include,
        exclude=exclude,
        skip_paywalled=skip_paywalled,
    )
    raise typer.Exit(run(request))


state_app = typer.Typer(
    cls=Group,
    help="The record of stories earlier --new-only digests contained.",
    short_help="What --new-only remembers: show it, prune it.",
    epilog="""
        newsdigest state info
        newsdigest state prune --older-than 90d
    """,
    no_args_is_help=True,
)
app.add_typer(state_app, name="state")


@state_app.command(
    "prune",
    cls=Command,
    epilog="""
    newsdigest state prune --older-than 90d
    newsdigest state prune --older-than 12w --state ~/news/state.sqlite3
""",
)
def state_prune(
    older_than: Annotated[
        str,
        typer.Option(
            "--older-than", help="Forget stories recorded longer ago than this: 90d, 12w, 24h.", metavar="AGE"
        ),
    ],
    state: Annotated[
        str | None,
        typer.Option(
            "--state",
            help="The state file [default: state.sqlite3 in the user's data folder].",
            metavar="PATH",
            show_default=False,
        ),
    ] = None,
    config: Annotated[
        str | None, typer.Option("--config", help="Settings file (TOML), for its state path.", metavar="PATH")
    ] = None,
) -> None:
    """Forget old records so the state file stays small."""
    from .digest.job import prune

    raise typer.Exit(prune(older_than, state, config))


@state_app.command(
    "info",
    cls=Command,
    epilog="""
    newsdigest state info
    newsdigest state info --config ~/news/config.toml
""",
)
def state_info(
    state: Annotated[
        str | None,
        typer.Option(
            "--state",
            help="The state file [default: state.sqlite3 in the user's data folder].",
            metavar="PATH",
            show_default=False,
        ),
    ] = None,
    config: Annotated[
        str | None, typer.Option("--config", help="Settings file (TOML), for its state path.", metavar="PATH")
    ] = None,
) -> None:
    """Where the state file is and how many stories it remembers."""
    from .digest.job import info

    raise typer.Exit(info(state, config))


def _keywords_unavailable(env, summaries) -> None:
    """One stderr line per language that --keywords was asked in but is not offered for."""
    from .keywords import keywords_available, language_name

    told: set = set()
    for summary in summaries:
        language = getattr(summary.article.meta, "language", None)
        if language not in told and not keywords_available(language):
            told.add(language)
            env.error(f"keywords are not available for {language_name(language)}")


def _finish(
    results,
    format: str,
    output: str | None,
    no_color: bool,
    quiet: bool,
    explain: bool = False,
    show_removed: bool = False,
    keywords: bool = False,
) -> None:
    """Render what succeeded, report what failed, set the exit code."""
    import warnings

    from .console import Environment
    from .language import LanguageWarning
    from .models import Failure
    from .render import RenderOptions, render, resolve_format

    env = Environment.from_process(no_color)
    fmt = resolve_format(format, env.stdout_isatty and not output, output)
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
    if keywords and not quiet:
        _keywords_unavailable(env, items)
    width = shutil.get_terminal_size((100, 24)).columns if env.stdout_isatty else 100
    # Colour only for a terminal, or when rich output was asked for by name (e.g. for `less -R`).
    color = env.color and fmt == "rich" and (env.stdout_isatty or format == "rich") and not output
    text = (
        render(items, RenderOptions(format=fmt, explain=explain, show_removed=show_removed, color=color, width=width))
        if items
        else ""
    )
    if output:
        from .atomic import atomic_write

        if items or not failed:
            atomic_write(output, text)
    elif text:
        write_stdout(env, text)
    raise typer.Exit(ExitCode.INPUT_FAILED if failed else ExitCode.OK)


def write_stdout(env, text: str) -> None:
    """Write to stdout; a closed pipe ends the run quietly (141), a full disk is a clear error."""
    from .errors import OutputError

    try:
        env.stdout.write(text)
        env.stdout.flush()
    except BrokenPipeError:
        raise typer.Exit(_broken_pipe()) from None
    except OSError as err:
        _discard_stdout_buffer()
        raise OutputError(f"cannot write: {err.strerror or err}", "standard output") from None


def main(argv: Sequence[str] | None = None) -> None:
    """Console-script entry: run the app and turn every ending into an exit code."""
    debug = "--debug" in (argv if argv is not None else sys.argv[1:])
    try:
        code = app(args=list(argv) if argv is not None else None, prog_name="newsdigest", standalone_mode=False)
        code = code if isinstance(code, int) else ExitCode.OK
    except typer.Exit as done:
        code = done.exit_code
    except typer.Abort:  # Click's name for Ctrl-C (and end of input at a prompt)
        print("newsdigest: interrupted", file=sys.stderr)
        code = ExitCode.INTERRUPTED
    except KeyboardInterrupt:
        print("newsdigest: interrupted", file=sys.stderr)
        code = ExitCode.INTERRUPTED
    except BrokenPipeError:
        code = _broken_pipe()
    except NewsdigestError as err:
        if debug:
            raise
        from .errors import UsageError
        from .textsafe import visible_path

        usage = isinstance(err, UsageError)
        print(f"newsdigest: {'error: ' if usage else ''}{visible_path(str(err))}", file=sys.stderr)
        code = ExitCode.USAGE if usage else ExitCode.INPUT_FAILED
    except typer.TyperException as err:  # Click's usage errors (Typer vendors Click)
        if type(err).__name__ == "NoArgsIsHelpError":  # no arguments at all: the help, as asked for
            err.show()
        else:
            from .clihelp import usage_line
            from .textsafe import visible_path

            print(visible_path(usage_line(err)), file=sys.stderr)
        code = getattr(err, "exit_code", ExitCode.USAGE)
    except Exception as err:  # a bug: one line, not a traceback, unless --debug
        if debug:
            raise
        print(
            f"newsdigest: internal error: {type(err).__name__}: {err} (run with --debug for a traceback)",
            file=sys.stderr,
        )
        code = ExitCode.INPUT_FAILED
    if argv is None:
        # A real process (console script, python -m): the work is done and its output
        # written, so a Ctrl-C from here on is ignored, and the process leaves without
        # the interpreter's finalization (which restores the default SIGINT action, so
        # a late Ctrl-C would kill it by signal instead of exit 130, and which spends
        # time freeing memory the OS frees anyway).
        import signal

        signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        code = _broken_pipe()
    if argv is None:
        try:
            sys.stderr.flush()
        finally:
            os._exit(int(code))
    sys.exit(int(code))


def _broken_pipe() -> int:
    """The reader went away (`| head -1`): stop quietly, as `cat` does."""
    from .console import silence_stdout

    silence_stdout()
    return ExitCode.BROKEN_PIPE


def _discard_stdout_buffer() -> None:
    """After a failed write (a full disk), drop what is still buffered so the final flush cannot fail noisily."""
    from .console import silence_stdout

    try:
        silence_stdout()
    except OSError:
        pass
