"""Golden expectations: every fixture article paired with NAME.expected.json,
and every sample in samples/ with tests/golden/samples/FILE.expected.json.

Adding a case means adding two files (an article and its expectations), no code.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsdigest import NoStoryError, clean_file

HERE = Path(__file__).parent
GOLDEN_SAMPLES = HERE / "golden" / "samples"
CASES = sorted(p for p in (HERE / "fixtures" / "articles").iterdir() if not p.name.endswith(".json"))
CASES += sorted(p for p in (HERE.parent / "samples").iterdir() if p.suffix in (".txt", ".html"))


def _expected(article: Path) -> dict:
    if article.parent.name == "samples":
        golden = GOLDEN_SAMPLES / f"{article.name}.expected.json"
    else:
        golden = article.with_name(article.stem + ".expected.json")
    return json.loads(golden.read_text(encoding="utf-8"))


def test_every_sample_has_expectations():
    samples = {p.name for p in CASES if p.parent.name == "samples"}
    assert samples and samples == {p.name.removesuffix(".expected.json") for p in GOLDEN_SAMPLES.iterdir()}


@pytest.mark.parametrize("path", CASES, ids=[f"{p.parent.name}/{p.name}" for p in CASES])
def test_cleaning_matches_expectations(path):
    expected = _expected(path)
    if expected.get("empty"):
        with pytest.raises(NoStoryError) as caught:
            clean_file(path)
        assert caught.value.article.paragraphs == () and caught.value.path == str(path)
        return
    article = clean_file(path)
    meta = article.meta
    assert len(article.paragraphs) >= expected.get("min_paragraphs", 1)
    for key in ("title", "publisher", "section", "date", "updated", "language"):
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
