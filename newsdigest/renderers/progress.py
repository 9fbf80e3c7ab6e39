"""A transient progress line on stderr for long digests (a terminal only; the caller decides)."""

from __future__ import annotations

from typing import TextIO


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
