"""Fuzz load -> clean -> summarize -> render with atheris (libFuzzer for Python).

Run it with `make fuzz` (FUZZ_SECONDS=600 by default), or by hand:

    .venv/bin/python fuzz/fuzz_pipeline.py fuzz/corpus tests/fixtures/articles -max_total_time=60

The first byte of each input picks the summarizer (lead or the default),
whether the rest is read as bytes from a file or as text given to the API,
whether an article is rendered beside its summary, and whether the next 16
bytes are the file's name (decoded as Python decodes a name that is not UTF-8);
the rest is the document. A feed is read as the digest reads it
(digest/feeds.py). The only acceptable exception is NewsdigestError (a clear
message for the user); anything else, or an output that is not valid for its
format (JSON that a strict parser refuses, a control character, bidi override
or lone surrogate in any format), is a crash that libFuzzer saves under
fuzz/artifacts/.
"""

from __future__ import annotations

import json
import re
import sys
import warnings

import atheris

with atheris.instrument_imports(include=["newsdigest"]):
    # The pipeline imports its steps lazily; import them here so they are instrumented.
    import newsdigest.cleaning.dom  # noqa: F401
    import newsdigest.cleaning.html  # noqa: F401
    import newsdigest.cleaning.metadata  # noqa: F401
    import newsdigest.cleaning.model  # noqa: F401
    import newsdigest.cleaning.normalize  # noqa: F401
    import newsdigest.cleaning.repair  # noqa: F401
    import newsdigest.cleaning.text  # noqa: F401
    import newsdigest.digest.feeds  # noqa: F401
    import newsdigest.language  # noqa: F401
    import newsdigest.render.json_format  # noqa: F401
    import newsdigest.render.markdown  # noqa: F401
    import newsdigest.render.terminal  # noqa: F401
    import newsdigest.render.text  # noqa: F401
    import newsdigest.sentences  # noqa: F401
    import newsdigest.summarizers.lead  # noqa: F401
    import newsdigest.summarizers.sumy_adapter  # noqa: F401
    import newsdigest.textsafe  # noqa: F401
    from newsdigest.api import SummaryOptions, clean_document, clean_text, summarize_article
    from newsdigest.digest.feeds import feed_articles
    from newsdigest.errors import NewsdigestError
    from newsdigest.loading import load_bytes
    from newsdigest.render import RenderOptions, render
    from newsdigest.summarizers import DEFAULT_ALGORITHM

# What must never reach a terminal: C0 controls but tab and newline, DEL, C1, bidi controls, lone surrogates.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\ud800-\udfff]")
_OPTIONS = {alg: SummaryOptions(algorithm=alg) for alg in ("lead", DEFAULT_ALGORITHM)}


def _no_constants(name: str):
    raise AssertionError(f"JSON output holds {name}, which is not JSON")


def _check_outputs(items) -> None:
    for fmt in ("text", "json", "jsonl", "markdown", "rich"):
        out = render(items, RenderOptions(format=fmt, color=fmt == "rich", explain=True, show_removed=True))
        out.encode("utf-8")  # strict: what will be written must be encodable
        if fmt == "json":
            json.loads(out, parse_constant=_no_constants)
        elif fmt == "jsonl":
            for line in out.splitlines():
                json.loads(line, parse_constant=_no_constants)
        unsafe = _UNSAFE.search(out if fmt != "rich" else re.sub(r"\x1b\[[0-9;]*m", "", out))
        if unsafe:
            raise AssertionError(f"{fmt} output carries control character {unsafe.group()!r}")


def TestOneInput(data: bytes) -> None:
    if not data:
        return
    mode, data = data[0], data[1:]
    options = _OPTIONS["lead" if mode & 1 else DEFAULT_ALGORITHM]
    path = "fuzz-input"
    if mode & 16:  # a file name as Python gives it: bytes that are not UTF-8 become lone surrogates
        path, data = data[:16].decode("utf-8", "surrogateescape") or "-", data[16:]
    try:
        if mode & 2:
            # Text straight into the API (lone surrogates and all: what a caller may pass).
            text = (
                data[: len(data) // 2 * 2].decode("utf-16-le", "surrogatepass") if mode & 4 else data.decode("latin-1")
            )
            articles = [clean_text(text, path=path)]
        else:
            raw = load_bytes(data, path)
            if raw.format == "feed":
                articles = feed_articles(raw)[:3]
            else:
                articles = [clean_document(raw)]
        summaries = [summarize_article(article, options) for article in articles]
    except NewsdigestError:
        return
    if summaries:
        _check_outputs(summaries + articles[:1] if mode & 8 else summaries)


def main() -> None:
    # "Could not tell the language" is expected on random bytes; printing it for every input halves the speed.
    warnings.simplefilter("ignore", newsdigest.language.LanguageWarning)
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
