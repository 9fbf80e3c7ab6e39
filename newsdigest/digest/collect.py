"""Read, clean and summarize every input, in a process pool or not, in input order.

`process(path)` does all the per-file work (load, clean or expand a feed,
summarize, fingerprint, sketch) so that it can run in a worker process; what
it returns is small and cheap to send back: the summary without the article's
full text, the fingerprint and the MinHash signature. Results come back in
input order whatever the number of workers, so the digest is byte-identical
for any --jobs.
"""

from __future__ import annotations

import signal
import warnings
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime

from ..api import clean_document, summarize_article
from ..errors import NewsdigestError
from ..loading import STDIN, load, load_bytes, read_bytes
from ..models import Article, Failure, Summary
from .dedup import band_keys, fingerprint, signature


@dataclass(frozen=True)
class Collected:
    """One article read and summarized, ready to be deduplicated and placed in the digest."""

    summary: Summary  # its article keeps metadata and path, not the full text
    fingerprint: str
    signature: bytes
    date: str | None  # YYYY-MM-DD: the article's own publication date, if it gives one
    timestamp: float | None  # the file's modification time (for --since and ordering when undated)
    keys: tuple[int, ...] = ()  # the signature's LSH band keys (dedup.band_keys), made where the signature is
    isolated: bool = False  # set by an engine that counted band keys: no other story shares one of them
    kept: bool = True  # False: --include/--exclude leave it out (then it is not summarized)
    topic: tuple[str, ...] = ()  # key phrases and names, for --group-by topic (topics.py)
    absorbed: bool = False  # a copy whose story another item tells (joins.py): no source line of its own

    @property
    def saved(self) -> str | None:
        """YYYY-MM-DD of the file's modification time, in local time: when it was saved, not published.

        Worked out where it is asked for (the driver), not where the file was read: workers
        on other machines may keep another time zone, and the digest must not depend on it."""
        return saved_day(self.timestamp)


def saved_day(timestamp: float | None) -> str | None:
    if timestamp is None:
        return None
    try:
        return datetime.fromtimestamp(timestamp).date().isoformat()
    except (OverflowError, OSError, ValueError):  # a file time no calendar holds
        return None


def process(path: str, options, source: str | None = None) -> list[Collected | Failure]:
    """Everything about one input; never raises for a bad input (it becomes a Failure).

    `source` is where to read `path` from when that differs (a relative path
    resolved against the driver's folder on a worker); results name `path`."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # an unknown language is not a problem worth a cron mail
            return _process(path, options, source)
    except NewsdigestError as err:
        return [Failure(path, err.message if err.path in (path, source) else str(err))]
    except (KeyboardInterrupt, SystemExit, MemoryError):
        raise
    except RecursionError:
        return [Failure(path, "too deeply nested to process")]
    except Exception as err:  # a bug or a pathological input: report it, keep going
        return [Failure(path, f"could not be processed ({type(err).__name__}: {err})")]


def _process(path: str, options, source: str | None) -> list[Collected | Failure]:
    if source is None or source == path:
        raw = load(path, options.summary.max_bytes)
    else:
        data, mtime = read_bytes(source, options.summary.max_bytes)
        raw = load_bytes(data, path, mtime)
    if raw.format == "feed":
        from .feeds import feed_articles

        articles = feed_articles(raw)
    else:
        articles = [clean_document(raw, options.summary.rules)]
    results: list[Collected | Failure] = []
    for article in articles:
        if not article.paragraphs:
            results.append(Failure(article.path, "no story text found"))
            continue
        results.append(collected(article, options))
    return results


def collected(article: Article, options) -> Collected:
    """One cleaned article summarized (unless --include/--exclude leave it out) and fingerprinted."""
    select = getattr(options, "select", None)
    kept = select.keeps(article.meta.title, article.text) if select else True
    if kept:
        summary = summarize_article(article, options.summary)
    else:  # left out: no summary is worth its time (joins.py may still read its URL)
        summary = Summary(article, options.summary.algorithm or "", (), 0, len(article.text.split()))
    topic = ()
    if kept and getattr(options, "group_by", None) == "topic":
        from .topics import topic_terms

        topic = topic_terms(article.meta.title, article.text, summary.article.meta.language)
    return replace(_collected(summary, article), kept=kept, topic=topic)


def _collected(summary: Summary, article: Article) -> Collected:
    text = article.text
    date = article.meta.date[:10] if article.meta.date else None
    # A digest keeps every story (on disk) until it is written: keep what it shows, not
    # the full text, the removed blocks or the scores' parts (which no digest format shows).
    sentences = tuple(replace(s, parts=()) for s in summary.sentences)
    slim = replace(summary, sentences=sentences, article=replace(article, paragraphs=(), removed=()))
    language = summary.article.meta.language or article.meta.language
    sig = signature(text, language)  # the language picks word or character shingles
    return Collected(slim, fingerprint(text), sig, date, article.mtime, tuple(band_keys(sig)))


def collect(paths: Iterable[str | Failure], options, jobs: int = 1) -> Iterator[list[Collected | Failure]]:
    """process() over every path, results in input order; a Failure from the walk passes through."""
    if jobs <= 1:
        for path in paths:
            yield [path] if isinstance(path, Failure) else process(path, options)
        return
    yield from _parallel(paths, options, jobs)


def _parallel(paths: Iterable[str | Failure], options, jobs: int) -> Iterator[list[Collected | Failure]]:
    from concurrent.futures import ProcessPoolExecutor

    window = jobs * 8  # enough queued work to keep every worker busy; never the whole folder
    pending: deque = deque()
    with ProcessPoolExecutor(max_workers=jobs, initializer=_worker_init) as pool:
        try:
            for path in paths:
                if isinstance(path, Failure):
                    pending.append([path])
                elif path == STDIN:  # standard input belongs to this process
                    pending.append(process(path, options))
                else:
                    pending.append(pool.submit(process, path, options))
                while len(pending) > window or (pending and isinstance(pending[0], list)):
                    head = pending.popleft()
                    yield head if isinstance(head, list) else head.result()
            while pending:
                head = pending.popleft()
                yield head if isinstance(head, list) else head.result()
        except BaseException:
            # Ctrl-C or an error: stop now. Cancel what has not started and end the
            # workers themselves, so that none outlives the command (an orphan would
            # keep the terminal's or a pipe's stderr open).
            workers = list((getattr(pool, "_processes", None) or {}).values())  # shutdown() forgets them
            pool.shutdown(wait=False, cancel_futures=True)
            for worker in workers:
                worker.terminate()
            raise


def _worker_init() -> None:
    """Workers leave Ctrl-C to the main process, which stops them itself."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
