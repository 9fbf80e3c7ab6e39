"""Fuzz load -> clean -> summarize -> render with atheris (libFuzzer for Python).

Run it with `make fuzz` (FUZZ_SECONDS=600 by default), or by hand:

    .venv/bin/python fuzz/fuzz_pipeline.py fuzz/corpus tests/fixtures/articles -max_total_time=60

The first byte of each input picks the summarizer (lead or the default) and
whether the rest is read as bytes from a file or as text given to the API; the
rest is the document. The only acceptable exception is NewsdigestError (a clear
message for the user); anything else, or an output that is not valid for its
format, is a crash that libFuzzer saves under fuzz/artifacts/.
"""

from __future__ import annotations

import json
import re
import sys

import atheris

with atheris.instrument_imports(include=["newsdigest"]):
    # The pipeline imports its steps lazily; import them here so they are instrumented.
    import newsdigest.cleaning.html  # noqa: F401
    import newsdigest.cleaning.metadata  # noqa: F401
    import newsdigest.cleaning.normalize  # noqa: F401
    import newsdigest.cleaning.repair  # noqa: F401
    import newsdigest.cleaning.text  # noqa: F401
    import newsdigest.language  # noqa: F401
    import newsdigest.renderers.json_format  # noqa: F401
    import newsdigest.renderers.markdown  # noqa: F401
    import newsdigest.renderers.terminal  # noqa: F401
    import newsdigest.renderers.text  # noqa: F401
    import newsdigest.sentences  # noqa: F401
    import newsdigest.summarizers.lead  # noqa: F401
    import newsdigest.summarizers.sumy_adapter  # noqa: F401
    from newsdigest.api import SummaryOptions, clean_document, clean_text, summarize_article
    from newsdigest.errors import NewsdigestError
    from newsdigest.loading import load_bytes
    from newsdigest.renderers import RenderOptions, render
    from newsdigest.summarizers import DEFAULT_ALGORITHM

# What must never reach a terminal: C0 controls but tab and newline, DEL, C1, bidi controls.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_OPTIONS = {alg: SummaryOptions(algorithm=alg) for alg in ("lead", DEFAULT_ALGORITHM)}


def _check_outputs(items) -> None:
    for fmt in ("text", "json", "jsonl", "markdown", "rich"):
        out = render(items, RenderOptions(format=fmt, color=fmt == "rich"))
        if fmt == "json":
            json.loads(out)
        elif fmt == "jsonl":
            for line in out.splitlines():
                json.loads(line)
        unsafe = _UNSAFE.search(out if fmt != "rich" else re.sub(r"\x1b\[[0-9;]*m", "", out))
        if unsafe:
            raise AssertionError(f"{fmt} output carries control character {unsafe.group()!r}")


def TestOneInput(data: bytes) -> None:
    if not data:
        return
    mode, data = data[0], data[1:]
    options = _OPTIONS["lead" if mode & 1 else DEFAULT_ALGORITHM]
    try:
        if mode & 2:
            # Text straight into the API (lone surrogates and all: what a caller may pass).
            text = data[: len(data) // 2 * 2].decode("utf-16-le", "surrogatepass") if mode & 4 else data.decode("latin-1")
            article = clean_text(text)
        else:
            article = clean_document(load_bytes(data, "fuzz-input"))
        summary = summarize_article(article, options)
    except NewsdigestError:
        return
    _check_outputs([summary, article] if mode & 8 else [summary])


def main() -> None:
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
