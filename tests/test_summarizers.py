"""Summarizers: the registry, our graph methods against sumy's, the news ranker,
non-story cues, the tree scorer and length selection. Tiny invented documents."""

from __future__ import annotations

import json

import pytest
from conftest import run_cli
from hypothesis import example, given, settings
from hypothesis import strategies as st

from newsdigest import summarizers
from newsdigest.errors import UsageError
from newsdigest.summarizers.base import Document
from newsdigest.summarizers.document import build, wanted_sentences
from newsdigest.summarizers.length import default_sentences
from newsdigest.summarizers.nonstory import lines_need_ends, nonstory_flags, nonstory_reason
from newsdigest.summarizers.select import Length, choose

STORY = (
    "The city council of Marlow approved a new budget for the harbor district on Tuesday.",
    "The budget sets aside 12 million dollars to repair the harbor walls and the old ferry pier.",
    "Council members argued for three hours before the vote, which passed seven to two.",
    "Harbor traders welcomed the decision and said the pier repairs were overdue.",
    "The mayor said work on the harbor walls would start in the spring.",
    "Critics said the budget ignores the schools in the north of the city.",
    "A second vote on the school budget is planned for next month.",
    "The ferry pier has been closed since a storm damaged it two winters ago.",
)
TITLE = "Marlow council approves harbor budget"


def doc(sentences=STORY, title=TITLE, wanted=3, language="en") -> Document:
    return Document(tuple(sentences), title, language, tuple(i // 3 for i in range(len(sentences))), wanted)


def test_registry_builds_every_algorithm_and_resolves_aliases():
    for name in summarizers.names():
        assert summarizers.get(name).rank(doc()) != []
    assert summarizers.canonical("lsa") == "sumy-lsa"
    assert summarizers.canonical("LexRank") == "lexrank"
    assert summarizers.DEFAULT_ALGORITHM in summarizers.names()
    with pytest.raises(UsageError):
        summarizers.get("no-such-method")


@pytest.mark.parametrize("name", ["news", "lead", "lexrank", "textrank"])
def test_rankings_cover_every_sentence_once(name):
    ranked = summarizers.get(name).rank(doc())
    assert sorted(r.index for r in ranked) == list(range(len(STORY)))
    assert summarizers.get(name).rank(doc(sentences=())) == []
    assert [r.index for r in summarizers.get(name).rank(doc(sentences=("One line only.",)))] == [0]


@pytest.mark.parametrize("method", ["lexrank", "textrank"])
def test_our_graph_methods_rank_as_sumy_does(method):
    from newsdigest.summarizers.sumy_adapter import SumySummarizer

    sentences = STORY + (STORY[1], "The pier, the walls and the harbor will cost the city 12 million dollars.")
    d = doc(sentences)
    ours = [r.index for r in summarizers.get(method).rank(d)]
    theirs = [r.index for r in SumySummarizer(method, our_stemmer=True).rank(d)]
    assert ours == theirs


def test_repeated_sentences_share_a_score_as_in_sumy():
    d = doc(STORY + (STORY[0],))
    scores = {r.index: r.score for r in summarizers.get("lexrank").rank(d)}
    assert scores[0] == scores[len(STORY)]


def test_news_explains_its_scores_and_parts_add_up():
    ranked = summarizers.get("news").rank(doc())
    for r in ranked:
        names = [name for name, _ in r.parts]
        assert {"position", "centrality", "title", "nonstory", "redundancy", "base"} <= set(names)
        assert sum(value for _, value in r.parts) == pytest.approx(r.score, abs=1e-6)


def test_news_prefers_story_over_non_story_sentences():
    sentences = ("Read more: our full coverage of the harbor here", "Photo: Jane Roe/Marlow Gazette") + STORY
    ranked = summarizers.get("news").rank(doc(sentences))
    top = [r.index for r in ranked[:3]]
    assert 0 not in top and 1 not in top
    assert {0, 1} == {r.index for r in ranked[-2:]}


def test_news_does_not_pick_near_duplicates_together():
    copy = STORY[0].replace("on Tuesday", "on Tuesday evening")
    sentences = (STORY[0], copy) + STORY[1:]
    chosen = choose(summarizers.get("news").rank(doc(sentences)), doc(sentences), Length(sentences=3))
    assert not {0, 1} <= {r.index for r in chosen}


@pytest.mark.parametrize(
    "text, reason",
    [
        ("Photo: Jane Roe/Marlow Gazette", "caption or credit"),
        ("The mayor (Photo by J. Roe) cut the ribbon.", "caption or credit"),
        ("Read more: the budget in full here", "call to action"),
        ("Click here to subscribe to our weekly letter.", "call to action"),
        ("MARLOW, March 3 (Gazette) -", "dateline or byline"),
        ("By Jane Roe", "dateline or byline"),
        ("Updated 12:30 GMT, 5 March 2024", "dateline or byline"),
        ('and then we left."', "quote fragment"),
        ("Harbor news", "fragment"),
        ("* 7 Bürgermeister tritt nach Streit um Hafen zurück", "list item"),
        ("岸田内閣、新たに6人が入閣　支持率は横ばい", "heading or teaser (no sentence end)"),
        ("رابط الخبر: الجامعة تعلن عن وظائف شاغرة", "heading or teaser (no sentence end)"),
    ],
)
def test_non_story_cues(text, reason):
    assert nonstory_reason(text) == reason


@pytest.mark.parametrize(
    "text",
    [
        "Share prices fell 3% on Monday.",
        "By the end of the year, prices had doubled.",
        "Published reports say 12 people died.",
        "The company launched a newsletter for its customers.",
        "Follow-up talks are planned for Friday in the capital.",
        '"We will rebuild the pier," the mayor said.',
        "市は来年、新しい橋を造ると発表した。",
        "「本当に造るのか」と住民は聞いた。」",
        "هل ستبني المدينة الجسر الجديد؟",
    ],
)
def test_story_sentences_are_not_flagged(text):
    assert nonstory_reason(text) is None


def test_vectorised_flags_agree_with_the_reasons():
    sentences = [
        "Photo: J. Roe",
        "The talks went on.",
        "Read more here",
        "By Jane Roe",
        'we left."',
        "A long story sentence about the harbor and its walls.",
        "* 3 Ferry strike ends after two weeks of talks at the port",
        "新しい橋の計画",
        "市は橋を造る。",
    ]
    assert nonstory_flags(sentences).tolist() == [nonstory_reason(s) is not None for s in sentences]


_CUE_WORDS = [
    "Photo",
    "PHOTOS",
    "Pictures",
    "image",
    "Video",
    "Credit",
    "Copyright",
    "All rights reserved",
    "Read",
    "See",
    "Watch",
    "Click",
    "Subscribe",
    "Sign up",
    "Follow",
    "Share",
    "Related",
    "Also read",
    "Don't miss",
    "Advertisement",
    "Lesen Sie",
    "Lire aussi",
    "\u00c0 lire",
    "Leer m\u00e1s",
    "Leia mais",
    "Leggi anche",
    "\u0427\u0438\u0442\u0430\u0439\u0442\u0435 \u0442\u0430\u043a\u0436\u0435",
    "\u76f8\u5173\u9605\u8bfb",
    "By",
    "von",
    "Par",
    "Updated",
    "Last updated",
    "Mis \u00e0 jour",
    "MARLOW",
    "NEW YORK",
    "The",
    "A",
]


_STORY_PIECES = [
    "The",
    "mayor",
    "said",
    "it",
    "(Photo: J. Roe)",
    "[image by X]",
    "click here",
    "Subscribe to our",
    "share this story",
    "all rights reserved",
    '"',
    "\u201c",
    "@marlow",
    "a@b.org",
    "https://x.org/a",
    "www.x.org",
    "By Jane Roe",
    "MARLOW -",
    "Updated 5 March 2024",
    "Read more:",
    ".",
    "!",
    "?",
    " ",
    "\u0130",
    "\u017f",
    "caf\u00e9",
    "\u2014",
    "9",
    "Photo:",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_STORY_PIECES), max_size=16).map(" ".join), min_size=1, max_size=6))
# 13 words to the quick count, 9 to the rules' (an address and a link are one word each)
@example(["The The The The The The a@b.org https://x.org/a ."])
def test_flags_are_the_reasons(sentences):
    """The quick paths of nonstory_flags decide as nonstory_reason does, sentence by sentence."""
    needs = lines_need_ends(sentences)
    assert nonstory_flags(sentences).tolist() == [nonstory_reason(s, e) is not None for s, e in zip(sentences, needs)]


@settings(max_examples=400, deadline=None)
@given(
    lead=st.text(alphabet=" \t\"'(\u201c\u00a9-:_A", max_size=5),
    word=st.sampled_from(_CUE_WORDS),
    tail=st.lists(
        st.sampled_from(list("abcXY Z:,.-()|/0123456789\u2014\u00bb") + ["here", "more", " on Twitter"]), max_size=20
    ).map("".join),
)
def test_quick_start_tests_never_skip_a_cue(lead, word, tail):
    """The quick tests before the start-cue regex may only skip sentences the regex rejects."""
    from newsdigest.summarizers.nonstory import ANY_START, start_cues

    sentence = lead + word + tail
    assert start_cues([sentence]) == ([0] if ANY_START.match(sentence) else [])


@pytest.mark.parametrize("n, expected", [(1, 1), (2, 1), (3, 1), (4, 2), (6, 2), (7, 3), (40, 3)])
def test_default_length_shrinks_for_short_articles(n, expected):
    assert default_sentences(n) == expected
    d = doc(tuple(f"Sentence {i} about the harbor." for i in range(n)))
    assert len(choose(summarizers.get("news").rank(d), d, Length())) == expected


@pytest.mark.parametrize("length", [Length(sentences=2), Length(ratio=0.5), Length(words=40), Length(chars=150)])
@pytest.mark.parametrize("name", ["news", "lexrank", "textrank", "lead"])
def test_lengths_are_honoured_with_whole_sentences(name, length):
    d = doc(wanted=wanted_sentences(length, list(STORY)))
    chosen = choose(summarizers.get(name).rank(d), d, length)
    texts = [d.sentences[r.index] for r in chosen]
    assert [r.index for r in chosen] == sorted(r.index for r in chosen)
    assert all(t in STORY for t in texts)
    if length.sentences:
        assert len(chosen) == 2
    elif length.ratio:
        assert len(chosen) == 4
    elif length.words:
        assert 0 < sum(len(t.split()) for t in texts) <= 40
    else:
        assert 0 < len(" ".join(texts)) <= 150


def test_asked_length_reaches_the_summarizer():
    assert wanted_sentences(Length(sentences=5), list(STORY)) == 5
    assert wanted_sentences(Length(ratio=0.25), list(STORY)) == 2
    assert 1 <= wanted_sentences(Length(words=30), list(STORY)) <= 3
    d, total = build(["One. Two three.", "Four five six."], "T", "en", Length(sentences=1))
    assert total == 3 and d.paragraph_of == (0, 0, 1) and d.wanted == 1


def test_huge_documents_are_ranked_over_a_capped_prefix():
    from newsdigest.api import SummaryOptions, summarize_article
    from newsdigest.models import Article, Metadata
    from newsdigest.summarizers.news import NewsSummarizer

    paragraph = " ".join(f"Harbor item {i} reports on the walls and the pier number {i % 7}." for i in range(100))
    article = Article("<big>", tuple(paragraph for _ in range(60)), Metadata(title="Harbor", language="en"))
    summary = summarize_article(article, SummaryOptions(length=Length(sentences=3)))
    assert summary.sentences_in >= NewsSummarizer.max_sentences
    assert len(summary.sentences) == 3
    assert all(s.index < NewsSummarizer.max_sentences for s in summary.sentences)


@pytest.mark.parametrize("fmt", ["json", "text", "markdown"])
def test_explain_shows_parts_in_every_format(sample, fmt):
    result = run_cli("summarize", str(sample), "--explain", "--format", fmt)
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode()
    if fmt == "json":
        parts = json.loads(out)["sentences"][0]["parts"]
        assert {"position", "centrality", "title", "redundancy"} <= set(parts)
    else:
        assert "position" in out and "centrality" in out


def test_count_matrix_is_float_even_without_terms():
    """Counts are made by bincount with float weights; with no term at all it must still be floats."""
    from newsdigest.summarizers.graph import counts_from_scan
    from newsdigest.summarizers.terms import vocabulary

    for sentences in (("the of and", "it is"), ("Harbor vote passes.", "The harbor board voted.")):
        counts, _ = counts_from_scan(vocabulary("en", keep_numbers=True).scan(sentences))
        assert counts.dtype.kind == "f" and counts.shape[0] == 2
    assert [r.index for r in summarizers.get("news").rank(doc(("the of and", "it is", "and the")))] == [0, 1, 2]


def test_explain_shows_no_negative_zero_penalty():
    """The first pick has no redundancy penalty: its part is 0.0, never -0.0 ("-0.000" in --explain)."""
    import math

    d = doc(("Rain fell on the city overnight.", "The river rose by two metres.", "Schools stayed closed on Monday."))
    first = summarizers.get("news").rank(d)[0]
    value = dict(first.parts)["redundancy"]
    assert value == 0.0 and math.copysign(1.0, value) == 1.0
