"""A transient progress line on stderr for long digests: only on a terminal, only once a run proves long."""

from __future__ import annotations

import time
from typing import TextIO

from .console import Environment

# A progress bar appears only on a terminal, and only for a run this long.
PROGRESS_AFTER_SECONDS = 1.0


def start_progress(stream: TextIO):
    """A started Rich Progress on `stream` counting inputs read; returns (progress, task id)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    console = Console(file=stream, stderr=True)
    progress = Progress(
        SpinnerColumn(),
        TextColumn("reading articles"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        redirect_stdout=False,
        redirect_stderr=False,  # stdout carries the digest only, never the bar
    )
    task = progress.add_task("digest", total=None)
    progress.start()
    return progress, task


class ProgressLine:
    """Counts inputs read; draws the bar once PROGRESS_AFTER_SECONDS have passed (stderr a terminal, not --quiet)."""

    def __init__(self, env: Environment, quiet: bool) -> None:
        self.enabled = env.stderr_isatty and not quiet
        self.env = env
        self.bar = None
        self.task = None
        self.started = None

    def __enter__(self):
        self.started = time.monotonic()
        return self

    def update(self, done: int) -> None:
        if not self.enabled:
            return
        if self.bar is None:
            if time.monotonic() - self.started < PROGRESS_AFTER_SECONDS:
                return
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
