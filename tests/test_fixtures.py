"""Golden expectations: every fixture article paired with NAME.expected.json.

Adding a case means adding two files (an article and its expectations), no code.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsdigest import clean_file

HERE = Path(__file__).parent
CASES = sorted(p for p in (HERE / "fixtures" / "articles").iterdir() if not p.name.endswith(".json"))


def _expected(article: Path) -> dict:
    return json.loads(article.with_name(article.stem + ".expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", CASES, ids=[p.name for p in CASES])
def test_cleaning_matches_expectations(path):
    expected = _expected(path)
    article = clean_file(path)
    if expected.get("empty"):
        assert article.paragraphs == ()
        return
    meta = article.meta
    for key in ("title", "publisher", "section", "date"):
        if key in expected:
            assert getattr(meta, key) == expected[key], key
    if "authors" in expected:
        assert list(meta.authors) == expected["authors"]
    text = article.text
    words = text.split()
    if "story_first_words" in expected:
        assert " ".join(words[:8]) == expected["story_first_words"]
    if "story_last_words" in expected:
        assert " ".join(words[-8:]) == expected["story_last_words"]
    for needle in expected.get("must_contain", []):
        assert needle in text
    for needle in expected.get("must_not_contain", []):
        assert needle not in text
