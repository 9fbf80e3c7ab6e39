"""The command line: parse options, call the library or app/commands once, map errors to exit codes.

The options come from the settings table (app/settings.py) through
app/typer_options.py; what each command does is app/commands.py.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Annotated

import typer

from .. import __version__
from ..errors import ExitCode, NewsdigestError, UsageError
from .help import Command, Group
from .typer_options import with_options

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
Paths = Annotated[
    list[str],
    typer.Argument(
        help="Folders (read recursively), files, globs or feed files (RSS, Atom, JSON Feed); '-' reads standard input.",
        show_default=False,
        metavar="PATH",
    ),
]
BatchPaths = Annotated[
    list[str],
    typer.Argument(
        help="Folders (read recursively), files, globs or feed files; '-' reads standard input.",
        show_default=False,
        metavar="PATH",
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
@with_options("summarize")
def summarize(files: Files, **given) -> None:
    """Summarize articles: title, byline and the sentences that carry the story."""
    from . import commands

    raise typer.Exit(commands.summarize(files, given))


@app.command(
    cls=Command,
    short_help="The story text that cleaning kept (and what it removed).",
    epilog="""
    newsdigest clean page.html --show-removed
    newsdigest clean page.html --format json | jq '.removed[].reason'
""",
)
@with_options("clean")
def clean(files: Files, **given) -> None:
    """Print the story text that cleaning kept (JSON adds metadata and removed blocks)."""
    from . import commands

    raise typer.Exit(commands.clean(files, given))


@app.command(
    cls=Command,
    short_help="Folders, files or feeds of articles -> one digest.",
    epilog="""
    newsdigest digest ~/news/inbox --new-only -o ~/digests/{date}.md
    newsdigest digest feeds/*.xml --format email --to me@example.org
    newsdigest digest ~/news/inbox --group-by topic --skip-paywalled
""",
)
@with_options("digest")
def digest(inputs: Paths, **given) -> None:
    """Turn a folder (or files, or feeds) of raw articles into one digest."""
    from . import commands

    raise typer.Exit(commands.digest(inputs, given))


@app.command()
@with_options("batch")
def batch(inputs: BatchPaths, **given) -> None:
    """One row per input article (summary, metadata, story id, error) in part files under DIR.

    Example: newsdigest batch ~/news/inbox -o rows/ --format parquet --engine dask --scheduler tcp://HOST:8786
    """
    from . import commands

    raise typer.Exit(commands.batch(inputs, given))


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
@with_options("state prune")
def state_prune(**given) -> None:
    """Forget old records so the state file stays small."""
    from . import commands

    raise typer.Exit(commands.state_prune(given))


@state_app.command(
    "info",
    cls=Command,
    epilog="""
    newsdigest state info
    newsdigest state info --config ~/news/config.toml
""",
)
@with_options("state info")
def state_info(**given) -> None:
    """Where the state file is and how many stories it remembers."""
    from . import commands

    raise typer.Exit(commands.state_info(given))


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
        from .output import broken_pipe

        code = broken_pipe()
    except NewsdigestError as err:
        if debug:
            raise
        from ..textsafe import visible_path

        usage = isinstance(err, UsageError)
        print(f"newsdigest: {'error: ' if usage else ''}{visible_path(str(err))}", file=sys.stderr)
        code = ExitCode.USAGE if usage else ExitCode.INPUT_FAILED
    except typer.TyperException as err:  # Click's usage errors (Typer vendors Click)
        if type(err).__name__ == "NoArgsIsHelpError":  # no arguments at all: the help, as asked for
            err.show()
        else:
            from ..textsafe import visible_path
            from .help import usage_line

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
        from .output import broken_pipe

        code = broken_pipe()
    if argv is None:
        try:
            sys.stderr.flush()
        finally:
            os._exit(int(code))
    sys.exit(int(code))
