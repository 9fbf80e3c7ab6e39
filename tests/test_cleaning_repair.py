"""Copy glitches inside the story: a fragment repeated back to back, a paragraph repeated."""

from __future__ import annotations

import pytest

from newsdigest.cleaning.repair import collapse_repeated_fragment, drop_repeated_paragraphs


@pytest.mark.parametrize(
    ("glitched", "repaired"),
    [
        (
            "The conference, scheduled to end The conference, scheduled to end on Friday, aims to tackle hot issues.",
            "The conference, scheduled to end on Friday, aims to tackle hot issues.",
        ),
        (
            "Officials said the bridge would reopen Officials said the bridge would reopen in May after repairs.",
            "Officials said the bridge would reopen in May after repairs.",
        ),
        # The glitch in mid-sentence.
        (
            "Rain fell for a third day as crews worked to clear as crews worked to clear the blocked drains.",
            "Rain fell for a third day as crews worked to clear the blocked drains.",
        ),
    ],
)
def test_a_repeated_fragment_is_collapsed_once(glitched, repaired):
    assert collapse_repeated_fragment(glitched) == repaired


@pytest.mark.parametrize(
    "prose",
    [
        "She had had enough of the delays, she said.",
        "It was very, very cold on the quay that night.",
        "The crowd chanted bye bye bye as the old mayor left.",
        "The numbers were 12 12 12 on three dials, the engineer said.",
        "No repeats in this perfectly ordinary sentence about a town council meeting.",
    ],
)
def test_real_prose_with_short_repeats_is_left_alone(prose):
    assert collapse_repeated_fragment(prose) == prose


def test_repeated_paragraphs_are_kept_once_at_their_first_place():
    paragraphs = [
        "The mayor opened the new library on Monday.",
        "About 300 people attended the ceremony.",
        "The mayor opened the new library on Monday.",
        "The building cost four million euros.",
        "About 300 people attended  the ceremony!",  # the same words: a copy, whatever the spacing
    ]
    kept, dropped = drop_repeated_paragraphs(paragraphs)
    assert kept == [paragraphs[0], paragraphs[1], paragraphs[3]]
    assert dropped == [paragraphs[2], paragraphs[4]]


def test_the_repaired_story_reports_the_dropped_copy():
    from newsdigest import clean_text

    page = "\n\n".join(
        [
            "Ferry service resumes after storm",
            "Ferries between the mainland and the islands resumed on Sunday after three days of cancellations caused "
            "by the storm.",
            "The operator said extra sailings would run on Monday to carry passengers who had been stranded on both "
            "sides.",
            "Ferries between the mainland and the islands resumed on Sunday after three days of cancellations caused "
            "by the storm.",
            "Harbour staff worked through the night to repair a damaged ramp at the island terminal, officials said.",
        ]
    )
    article = clean_text(page, format="text")
    assert article.text.count("Ferries between the mainland") == 1
    assert any(r.reason == "repeated paragraph" for r in article.removed)
