"""`newsdigest batch`: one row per input article, in part files, for pipelines and data people.

    failures = write_batch(["~/news/inbox"], "out/", "parquet", DigestOptions(engine="dask", jobs=2))

The per-article work runs on any engine (engines.py), as for the digest; rows
come back in input order and are written a part at a time (PART_ROWS rows per
part file: part-00000.jsonl, part-00001.jsonl, ... or .parquet). Each row is
one article (a feed gives one per item) or one failed input:

    path, url, title, authors, publisher, section, date, saved, language,
    summary, sentences [{index, text, score}], story, fingerprint, error,
    paywalled (true/false/null: cleaning/paywall.py), joined

`joined` lists the inputs whose story this row tells and that have no row of
their own (joins.py): a feed's teaser item told by its saved page, the later
pages of a multi-page article. Articles that --include/--exclude or
--skip-paywalled leave out have no row.

`story` is the fingerprint of the story's first copy: every near-duplicate
copy has the same one, grouped exactly as the digest groups them (dedup.py,
leader clustering in input order, with the isolated-story shortcut when the
engine counted band keys; with --dedup components, components.py, the rows
wait in a scratch database until every input is read). `date` is the published date when the article
gives one; `saved` is the file's day (in this machine's time zone, not a
worker's) when it does not. `error` is null, or the one-line reason the input failed; a failed
input's other fields are null.

The folder is written atomically: the parts go to a temporary folder beside
it, renamed to DIR only once all of them are written, so DIR appears complete
or not at all. DIR must not exist yet, or be empty.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from contextlib import closing

from ..errors import OutputError, UsageError
from ..models import Failure
from .engines import open_engine
from .inputs import iter_inputs
from .joins import resolved
from .scratch import scratch_database

FORMATS = ("jsonl", "parquet")
PART_ROWS = 10_000
_COMMIT_EVERY = 500  # rows per part file: a few MB of JSON, one row group of Parquet
COLUMNS = (
    "path",
    "url",
    "title",
    "authors",
    "publisher",
    "section",
    "date",
    "saved",
    "language",
    "summary",
    "sentences",
    "story",
    "fingerprint",
    "error",
    "paywalled",
    "joined",
)


def write_batch(
    specs: Iterable[str],
    folder: str,
    fmt: str,
    options,
    progress: Callable[[int], None] | None = None,
    part_rows: int = PART_ROWS,
) -> tuple[int, list[Failure]]:
    """Write every input's row under `folder` (atomically); returns (rows written, the failures)."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown batch format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    if fmt == "parquet":
        _pyarrow()
    target = os.path.abspath(os.path.expanduser(folder))
    if os.path.exists(target) and (not os.path.isdir(target) or os.listdir(target)):
        raise OutputError("already exists and is not an empty folder; name a new folder", folder)
    parent = os.path.dirname(target)
    try:
        os.makedirs(parent, exist_ok=True)
        scratch = tempfile.mkdtemp(prefix=f".{os.path.basename(target)}.", dir=parent)
        os.chmod(scratch, 0o777 & ~_umask())  # mkdtemp's folder is private; DIR is an ordinary folder
    except OSError as err:
        raise OutputError(f"cannot write there ({err.strerror or err})", folder) from None
    try:
        writer = _Parts(scratch, fmt, part_rows)
        failures = _rows(specs, options, writer.add, progress)
        writer.close()
        os.rename(scratch, target)  # replaces an empty folder; the parts appear all at once
    except OSError as err:
        shutil.rmtree(scratch, ignore_errors=True)
        raise OutputError(f"cannot write ({err.strerror or err})", folder) from None
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    return writer.rows, failures


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _rows(specs, options, add: Callable[[dict], None], progress) -> list[Failure]:
    """Every input's row, in input order, to `add`; with --dedup components, once all are read."""
    grouping = _Grouping(options.dedup)
    emit = grouping.hold if grouping.components else (lambda row, _number: add(row))
    failures: list[Failure] = []
    with open_engine(options.engine, options.jobs, options.scheduler) as engine:
        with closing(engine.results(iter_inputs(specs), options)) as batches:
            # Every input is read before the first row: teasers and multi-page articles need them all (joins.py).
            for copies, reason in resolved(batches, options, progress):
                item = copies[0]
                if isinstance(item, Failure):
                    failures.append(item)
                    emit(failure_row(item), None)
                elif not reason:  # left out by --include/--exclude or --skip-paywalled: no row
                    story, number = grouping.place(item)
                    emit(story_row(item, story, [c.summary.article.path for c in copies[1:]]), number)
    grouping.release(add)
    return failures


class _Grouping:
    """Story ids as the digest groups stories: leader clustering as rows come, or components at the end."""

    def __init__(self, dedup: str) -> None:
        self.components = dedup == "components"
        self.db = scratch_database()
        if self.components:
            from .components import Components

            self.clusters = Components(self.db)
            self.db.execute("CREATE TABLE held (id INTEGER PRIMARY KEY, story INTEGER, data TEXT NOT NULL)")
        else:
            from .dedup import Clusters

            self.clusters = Clusters(self.db)
        self.prints: list[str] = []  # cluster (or story) number -> the fingerprint of its first copy: the story id
        self.added = 0
        self.db.execute("BEGIN")  # written in transactions of _COMMIT_EVERY stories, as a digest does

    def place(self, item) -> tuple[str | None, int]:
        number = self.clusters.add(item.signature, item.keys, item.isolated)
        if number == len(self.prints):
            self.prints.append(item.fingerprint)
        self._tick()
        return (None if self.components else self.prints[number]), number

    def hold(self, row: dict, number: int | None) -> None:
        self.db.execute("INSERT INTO held (story, data) VALUES (?, ?)", (number, json.dumps(row, ensure_ascii=False)))
        self._tick()

    def release(self, add: Callable[[dict], None]) -> None:
        self.db.execute("COMMIT")
        if self.components:
            roots = self.clusters.finish()
            for number, data in self.db.execute("SELECT story, data FROM held ORDER BY id"):
                row = json.loads(data)
                if number is not None:
                    row["story"] = self.prints[roots.get(number, number)]
                add(row)
        self.db.close()

    def _tick(self) -> None:
        self.added += 1
        if self.added % _COMMIT_EVERY == 0:
            self.db.execute("COMMIT")
            self.db.execute("BEGIN")


def story_row(item, story: str, joined: list[str] | None = None) -> dict:
    summary = item.summary
    meta = summary.article.meta
    return {
        "path": summary.article.path,
        "url": meta.url,
        "title": meta.title,
        "authors": list(meta.authors),
        "publisher": meta.publisher,
        "section": meta.section,
        "date": meta.date,
        "saved": None if meta.date else item.saved,
        "language": meta.language,
        "summary": summary.text,
        "sentences": [{"index": s.index, "text": s.text, "score": s.score} for s in summary.sentences],
        "story": story,
        "fingerprint": item.fingerprint,
        "error": None,
        "paywalled": meta.paywalled,
        "joined": list(joined or ()),
    }


def failure_row(failure: Failure) -> dict:
    row = dict.fromkeys(COLUMNS)
    row.update(path=failure.path, authors=[], sentences=[], error=failure.reason, joined=[])
    return row


class _Parts:
    """Rows into numbered part files, `per_part` rows each."""

    def __init__(self, folder: str, fmt: str, per_part: int) -> None:
        self.folder, self.fmt, self.per_part = folder, fmt, max(1, per_part)
        self.buffer: list[dict] = []
        self.parts = 0
        self.rows = 0

    def add(self, row: dict) -> None:
        self.buffer.append(row)
        self.rows += 1
        if len(self.buffer) >= self.per_part:
            self._write()

    def close(self) -> None:
        if self.buffer or self.parts == 0:  # an empty batch still has one (empty) part: the schema
            self._write()

    def _write(self) -> None:
        path = os.path.join(self.folder, f"part-{self.parts:05d}.{self.fmt}")
        if self.fmt == "jsonl":
            with open(path, "w", encoding="utf-8", newline="\n") as fh:
                for row in self.buffer:
                    fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            _write_parquet(path, self.buffer)
        self.buffer = []
        self.parts += 1


def _pyarrow():
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise UsageError("--format parquet needs pyarrow: pip install 'newsdigest[parquet]'") from None


def parquet_schema():
    import pyarrow as pa

    text = pa.string()
    sentence = pa.struct([("index", pa.int64()), ("text", text), ("score", pa.float64())])
    return pa.schema(
        [
            ("path", text),
            ("url", text),
            ("title", text),
            ("authors", pa.list_(text)),
            ("publisher", text),
            ("section", text),
            ("date", text),
            ("saved", text),
            ("language", text),
            ("summary", text),
            ("sentences", pa.list_(sentence)),
            ("story", text),
            ("fingerprint", text),
            ("error", text),
            ("paywalled", pa.bool_()),
            ("joined", pa.list_(text)),
        ]
    )


def _write_parquet(path: str, rows: list[dict]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pylist(rows, schema=parquet_schema()), path)
