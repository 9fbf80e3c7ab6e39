"""What a person at a terminal sees: the progress bar, styles per span, hanging indents."""

from __future__ import annotations

import io

from conftest import SAMPLES


class _Terminal(io.StringIO):
    """A stream that says it is a terminal and logs every write, in order, into a shared list."""

    def __init__(self, name: str, log: list) -> None:
        super().__init__()
        self.name, self.log = name, log

    def isatty(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if text:
            self.log.append((self.name, text))
        return super().write(text)


def test_the_progress_bar_is_cleared_before_the_digest_is_written(monkeypatch):
    from newsdigest.console import Environment
    from newsdigest.digest import job

    monkeypatch.setattr(job, "PROGRESS_AFTER_SECONDS", 0.0)  # draw the bar at once
    log: list = []
    env = Environment(_Terminal("out", log), _Terminal("err", log), True, True, color=False)
    code = job.run(job.DigestRequest(inputs=[str(SAMPLES)], format="text", config="/dev/null"), env)
    assert code == 0
    streams = [name for name, _ in log]
    assert "err" in streams and "out" in streams  # the bar was drawn, the digest written
    first_out = streams.index("out")
    assert "err" not in streams[first_out:]  # nothing reaches the terminal's stderr once the digest starts
    assert "reading articles" in "".join(text for name, text in log if name == "err")
    assert "reading articles" not in env.stdout.getvalue()
    assert env.stdout.getvalue().startswith("News digest — ")
