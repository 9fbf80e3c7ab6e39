"""Articles that are one story across inputs: a feed's teaser and the saved page, and multi-page articles.

Both need the whole set of inputs, so every collected item waits here (in a
scratch database, like the collection) until the last input is read; then
`stories()` gives them back in input order, each story as a list: the item
that tells it, then the items it absorbed (marked `absorbed`, so a digest lists
the story once, yet --new-only remembers every copy's fingerprint).

- **Teasers**: a feed item whose link is, once normalised (urls.url_key), the
  URL of a saved page in the same inputs (its og:url or canonical link) is the
  same article; the page's story is told, the feed item absorbed. When the
  feed item's text is the longer one (a full-text feed, a paywalled page), the
  feed item tells the story and absorbs the page instead.
- **Multi-page articles**: saved pages with one headline (but for a "Page 2")
  that share a URL up to a page number (?page=2, /2/, -page-2; urls.page_key),
  or that rel="next"/rel="prev" links join, are one article. Their files are read again, in page order (the links'
  order, else the page numbers), and their paragraphs joined into one story,
  summarized once, at the place of the first page read. Two pages claiming the
  same page number are not both joined: the later stays a story of its own.

The order of everything depends on the inputs and their order only, never on
the number of workers, so the digest stays the same for any --jobs.
"""

from __future__ import annotations

import heapq
import pickle
import re
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from urllib.parse import urljoin

from ..api import clean_document
from ..cleaning.repair import drop_repeated_paragraphs
from ..errors import NewsdigestError
from ..loading import load
from ..models import Article, Failure
from ..urls import page_key, url_key
from .collect import collected
from .scratch import scratch_database

MAX_PAGES = 50  # more "pages" than this under one URL is a site-wide canonical link, not one article


def resolved(
    batches: Iterable[list], options, progress: Callable[[int], None] | None = None
) -> Iterator[tuple[list, str | None]]:
    """(story, why it is left out or None) for every story in `batches` (each a list of the items
    one input gave, in input order), once all are read; a Failure comes as ([failure], None)."""
    joiner = Joiner()
    try:
        for done, batch in enumerate(batches, 1):
            for item in batch:
                joiner.add(item)
            if progress:
                progress(done)
        for story in joiner.stories(options):
            yield story, left_out(story[0], options)
    finally:
        joiner.close()


def left_out(item, options) -> str | None:
    """Why a story is left out before it is placed ("filtered": --include/--exclude,
    "paywalled": --skip-paywalled), or None."""
    if isinstance(item, Failure):
        return None
    if not item.kept:
        return "filtered"
    if getattr(options, "skip_paywalled", False) and item.summary.article.meta.paywalled:
        return "paywalled"
    return None


class Joiner:
    """Collected items (and failures) in input order, held until every input is read."""

    def __init__(self) -> None:
        self._db = scratch_database()
        self._db.executescript(
            """
            CREATE TABLE item (id INTEGER PRIMARY KEY, words INTEGER NOT NULL, data BLOB NOT NULL);
            CREATE TABLE ident (id INTEGER NOT NULL, key TEXT NOT NULL);
            CREATE INDEX ident_key ON ident (key);
            CREATE TABLE pageno (id INTEGER NOT NULL, base TEXT NOT NULL, number INTEGER NOT NULL);
            CREATE INDEX pageno_base ON pageno (base);
            CREATE TABLE rel (id INTEGER NOT NULL, prev TEXT, next TEXT);
            CREATE TABLE feed (id INTEGER NOT NULL, key TEXT NOT NULL);
            CREATE TABLE headline (id INTEGER PRIMARY KEY, key TEXT NOT NULL);
            """
        )
        self._count = 0
        self._db.execute("BEGIN")

    def add(self, item) -> None:
        number = self._count
        self._count += 1
        words = 0 if isinstance(item, Failure) else item.summary.words_in
        self._db.execute(
            "INSERT INTO item VALUES (?, ?, ?)", (number, words, pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL))
        )
        if not isinstance(item, Failure):
            self._index(number, item.summary.article)

    def _index(self, number: int, article) -> None:
        meta = article.meta
        db = self._db
        if article.format == "feed":
            key = url_key(meta.url)
            if key:
                db.execute("INSERT INTO feed VALUES (?, ?)", (number, key))
            return
        own = [u for u in (meta.url, meta.canonical) if u]
        keys = {k for k in map(url_key, own) if k}
        db.executemany("INSERT INTO ident VALUES (?, ?)", ((number, k) for k in sorted(keys)))
        if article.path == "-":
            return  # standard input cannot be read again: never one page of several
        pages = {p for p in map(page_key, own) if p}
        db.executemany("INSERT INTO pageno VALUES (?, ?, ?)", ((number, base, n) for base, n in sorted(pages)))
        base = own[0] if own else None
        prev = url_key(urljoin(base or "", meta.prev_url)) if meta.prev_url else None
        following = url_key(urljoin(base or "", meta.next_url)) if meta.next_url else None
        if prev or following:
            db.execute("INSERT INTO rel VALUES (?, ?, ?)", (number, prev, following))
        db.execute("INSERT INTO headline VALUES (?, ?)", (number, headline_key(meta.title)))

    def close(self) -> None:
        self._db.close()

    def stories(self, options) -> Iterator[list]:
        """Every item in input order: a Failure alone, or a story as [teller, *absorbed copies]."""
        self._db.execute("COMMIT")
        groups = self._page_groups()
        absorbed, members = self._teasers(groups)
        heads = {group[0]: group for group in groups}  # group[0]: the page of the group read first
        for member in (m for group in groups for m in group[1:]):
            absorbed.setdefault(member, None)
        for number, data in self._rows():
            if number in absorbed:
                continue
            item = pickle.loads(data)
            if isinstance(item, Failure):
                yield [item]
                continue
            copies = []
            if number in heads:
                order = _page_order(self._db, heads[number])
                joined = _joined([self._item(n) for n in order], options)
                if joined is not None:  # told as page one (its path, its metadata); the other pages absorbed
                    copies = [self._item(n) for n in sorted(heads[number]) if n != order[0]]
                    item = joined
                else:  # a page could not be read again: each page its own story
                    copies, absorbed_again = [], [n for n in heads[number] if n != number]
                    for n in absorbed_again:
                        absorbed.pop(n, None)
            copies += [self._item(n) for n in members.get(number, ())]
            yield [item, *(replace(c, absorbed=True) for c in copies)]

    def _rows(self) -> Iterator[tuple[int, bytes]]:
        last = -1
        while True:  # a chunk at a time: no cursor stays open while the caller works
            rows = self._db.execute("SELECT id, data FROM item WHERE id > ? ORDER BY id LIMIT 500", (last,)).fetchall()
            if not rows:
                return
            yield from rows
            last = rows[-1][0]

    def _item(self, number: int):
        return pickle.loads(self._db.execute("SELECT data FROM item WHERE id = ?", (number,)).fetchone()[0])

    def _page_groups(self) -> list[list[int]]:
        """The multi-page articles: groups of page ids, each sorted by input order."""
        db = self._db
        parent: dict[int, int] = {}

        def find(x: int) -> int:
            parent.setdefault(x, x)
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        def union(a: int, b: int) -> None:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)

        bases = db.execute(
            "SELECT base FROM pageno GROUP BY base HAVING count(DISTINCT number) > 1 AND count(*) <= ?", (MAX_PAGES,)
        )
        for (base,) in bases.fetchall():
            first_of_number: dict[tuple[str, int], int] = {}  # (headline, page number) -> the first page read
            rows = db.execute(
                "SELECT pageno.id, number, headline.key FROM pageno JOIN headline ON headline.id = pageno.id "
                "WHERE base = ? ORDER BY pageno.id",
                (base,),
            )
            for number, page, headline in rows:
                first_of_number.setdefault((headline, page), number)
            by_headline: dict[str, list[int]] = {}
            for (headline, _), number in first_of_number.items():
                by_headline.setdefault(headline, []).append(number)
            for ids in by_headline.values():
                ids.sort()
                for other in ids[1:]:
                    union(ids[0], other)
        for a, b in _rel_edges(db):
            union(a, b)
        groups: dict[int, list[int]] = {}
        for x in list(parent):
            groups.setdefault(find(x), []).append(x)
        return sorted(sorted(g) for g in groups.values() if 1 < len(g) <= MAX_PAGES)

    def _teasers(self, groups: list[list[int]]) -> tuple[dict[int, int | None], dict[int, list[int]]]:
        """Feed items told by a saved page of the same URL (or the page by a longer feed item):
        ({absorbed id: its teller}, {teller: [absorbed ids in input order]})."""
        db = self._db
        head_of = {m: g[0] for g in groups for m in g}
        matches: dict[int, list[int]] = {}  # the page (or multi-page head) -> feed items with its URL
        rows = db.execute(
            "SELECT feed.id, min(ident.id) FROM feed JOIN ident ON ident.key = feed.key "
            "GROUP BY feed.id ORDER BY feed.id"
        )
        for feed_id, page in rows.fetchall():
            matches.setdefault(head_of.get(page, page), []).append(feed_id)
        absorbed: dict[int, int | None] = {}
        members: dict[int, list[int]] = {}
        for page, feeds in sorted(matches.items()):
            teller = page
            if page not in head_of:  # a joined multi-page story is never shorter than its teaser
                words = dict(
                    db.execute(
                        f"SELECT id, words FROM item WHERE id IN ({','.join('?' * (len(feeds) + 1))})", (page, *feeds)
                    ).fetchall()
                )
                teller = max([page, *feeds], key=lambda n: (words[n], n == page, -n))
            story = [n for n in sorted([page, *feeds]) if n != teller]
            for n in story:
                absorbed[n] = teller
            members[teller] = story
        return absorbed, members


def headline_key(title: str | None) -> str:
    """A page's headline without its page marker ("Wind farm vote - Page 2" -> "wind farm vote")."""
    words = re.findall(r"\w+", (title or "").lower())
    return " ".join(w for w in words if not w.isdigit() and w not in _PAGE_WORDS)


_PAGE_WORDS = frozenset(("page", "pages", "part", "of", "seite", "pagina", "página", "teil", "partie"))


def _rel_edges(db) -> list[tuple[int, int]]:
    """(earlier page, later page) for every rel="next" and rel="prev" link between two inputs with
    one headline: blogs also link a post to the next *post* with rel="next", which is another story."""
    same = "JOIN headline h1 ON h1.id = rel.id JOIN headline h2 ON h2.id = ident.id AND h2.key = h1.key"
    edges = db.execute(
        f"SELECT rel.id, ident.id FROM rel JOIN ident ON ident.key = rel.next {same} WHERE ident.id != rel.id "
        f"UNION SELECT ident.id, rel.id FROM rel JOIN ident ON ident.key = rel.prev {same} WHERE ident.id != rel.id"
    ).fetchall()
    return sorted(set(edges))


def _page_order(db, group: list[int]) -> list[int]:
    """The group's pages in reading order: the rel links' order, else the page numbers, else input order."""
    marks = ",".join("?" * len(group))
    numbers: dict[int, int] = {}
    for number, page in db.execute(f"SELECT id, min(number) FROM pageno WHERE id IN ({marks}) GROUP BY id", group):
        numbers[number] = page
    members = set(group)
    after: dict[int, set[int]] = {n: set() for n in group}
    for a, b in _rel_edges(db):
        if a in members and b in members:
            after[a].add(b)
    by_number = sorted(group, key=lambda n: (numbers.get(n, 1), n))
    for a, b in zip(by_number, by_number[1:]):
        if numbers.get(a, 1) < numbers.get(b, 1) and a not in after[b]:
            after[a].add(b)
    # Kahn's sort; among pages free to come next, the lowest page number, then input order.
    before = {n: 0 for n in group}
    for a in group:
        for b in after[a]:
            before[b] += 1
    ready = [(numbers.get(n, 1), n) for n in group if before[n] == 0]
    heapq.heapify(ready)
    order: list[int] = []
    while ready:
        _, n = heapq.heappop(ready)
        order.append(n)
        for b in sorted(after[n]):
            before[b] -= 1
            if before[b] == 0:
                heapq.heappush(ready, (numbers.get(b, 1), b))
    order += [n for n in by_number if n not in order]  # a cycle of links: the rest by number
    return order


def _joined(pages: list, options):
    """One Collected for the pages (in order) read again and joined, or None if one cannot be read."""
    articles = []
    for page in pages:
        try:
            articles.append(
                clean_document(load(page.summary.article.path, options.summary.max_bytes), options.summary.rules)
            )
        except (NewsdigestError, OSError):
            return None
    first = articles[0]
    paragraphs, _ = drop_repeated_paragraphs([p for a in articles for p in a.paragraphs])
    flags = [a.meta.paywalled for a in articles]
    paywalled = True if True in flags else (False if flags and all(f is False for f in flags) else None)
    article = Article(
        path=first.path,
        paragraphs=tuple(paragraphs),
        meta=replace(first.meta, paywalled=paywalled),
        encoding=first.encoding,
        format=first.format,
        mtime=first.mtime,
    )

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return collected(article, options)
