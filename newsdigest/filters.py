"""Keep or drop whole articles by pattern: --include and --exclude.

    keep = compile_filter(include=["election"], exclude=["(?-i:Sponsored)"])
    keep.keeps(article.meta.title, article.text)   # True: the article stays

Each pattern is a Python regular expression searched (not matched from the
start) in the title and in the story text. Patterns are case-insensitive; a
pattern that wants case says so inline with a scoped flag group: `(?-i:NASA)`
matches "NASA" only, `(?-i:...)` around the whole pattern makes all of it
case-sensitive. An article is kept when it matches at least one include
pattern (if any are given) and no exclude pattern.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .errors import UsageError


@dataclass(frozen=True)
class ArticleFilter:
    include: tuple[re.Pattern, ...] = ()
    exclude: tuple[re.Pattern, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.include or self.exclude)

    def keeps(self, title: str | None, text: str) -> bool:
        """Whether an article with this title and story text stays."""
        fields = (title or "", text)

        def hit(pattern: re.Pattern) -> bool:
            return any(pattern.search(field) for field in fields)

        if self.include and not any(hit(p) for p in self.include):
            return False
        return not any(hit(p) for p in self.exclude)


def compile_filter(include: Iterable[str] = (), exclude: Iterable[str] = ()) -> ArticleFilter:
    """The filter for these patterns; a pattern that is not a valid regular expression is a UsageError."""
    return ArticleFilter(_compiled(include, "--include"), _compiled(exclude, "--exclude"))


def _compiled(patterns: Iterable[str], option: str) -> tuple[re.Pattern, ...]:
    out = []
    for pattern in patterns:
        try:
            out.append(re.compile(pattern, re.IGNORECASE))
        except re.error as err:
            raise UsageError(f"{option} {pattern!r}: not a valid regular expression ({err})") from None
    return tuple(out)
