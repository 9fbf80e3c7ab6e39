"""Tests for newsdigest.sentences: the offline sentence splitter."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from newsdigest.sentences import (
    SumyTokenizer,
    normalize_language,
    split_sentences,
    word_tokens,
)

REPO_ROOT = Path(__file__).resolve().parent.parent

# ---------------------------------------------------------------------------
# English news: a subset of the benchmark's tricky cases that the splitter gets
# right (benchmarks/sentence_splitters.py lists all of them, failures included).
# ---------------------------------------------------------------------------

ENGLISH_CASES = [
    (
        "The U.S. economy grew 2.5% last year. Analysts expect more.",
        ["The U.S. economy grew 2.5% last year.", "Analysts expect more."],
    ),
    (
        "Mr. Smith met Dr. Jones on Tuesday. They discussed the budget.",
        ["Mr. Smith met Dr. Jones on Tuesday.", "They discussed the budget."],
    ),
    (
        "She moved to the U.S. in 2010. She now lives in Boston.",
        ["She moved to the U.S. in 2010.", "She now lives in Boston."],
    ),
    (
        "The U.K. and the E.U. agreed a deal. Talks lasted weeks.",
        ["The U.K. and the E.U. agreed a deal.", "Talks lasted weeks."],
    ),
    (
        "The meeting is set for Jan. 15 in Geneva. Both sides will attend.",
        ["The meeting is set for Jan. 15 in Geneva.", "Both sides will attend."],
    ),
    (
        "He wore shirt No. 5 for the club. Fans loved him.",
        ["He wore shirt No. 5 for the club.", "Fans loved him."],
    ),
    (
        "The train left at 9 a.m. and arrived at 3 p.m. on Friday. Nobody was hurt.",
        ["The train left at 9 a.m. and arrived at 3 p.m. on Friday.", "Nobody was hurt."],
    ),
    (
        "He joined Widget Inc. in 2019. He left a year later.",
        ["He joined Widget Inc. in 2019.", "He left a year later."],
    ),
    (
        "Gen. Ortiz visited the base on Monday. He met the troops.",
        ["Gen. Ortiz visited the base on Monday.", "He met the troops."],
    ),
    (
        "The parade went down St. Patrick's Avenue. Thousands watched.",
        ["The parade went down St. Patrick's Avenue.", "Thousands watched."],
    ),
    (
        "Lt. Col. Harris led the unit. He was decorated.",
        ["Lt. Col. Harris led the unit.", "He was decorated."],
    ),
    (
        "Several cities, e.g. Paris and Rome, banned cars. Others may follow.",
        ["Several cities, e.g. Paris and Rome, banned cars.", "Others may follow."],
    ),
    (
        "The firm raised $3.5 million in new funding. Investors were pleased.",
        ["The firm raised $3.5 million in new funding.", "Investors were pleased."],
    ),
    (
        "Profits hit £1.2bn, up 8%. The shares rose 3.5p.",
        ["Profits hit £1.2bn, up 8%.", "The shares rose 3.5p."],
    ),
    (
        '"We will win," she said. "The vote is ours."',
        ['"We will win," she said.', '"The vote is ours."'],
    ),
    (
        'He said: "The plan is dead." Then he left the room.',
        ['He said: "The plan is dead."', "Then he left the room."],
    ),
    (
        'She asked: "Is it over?" The crowd fell silent.',
        ['She asked: "Is it over?"', "The crowd fell silent."],
    ),
    (
        'Fans chanted "We want more!" The band returned.',
        ['Fans chanted "We want more!"', "The band returned."],
    ),
    (
        '"Why now?" asked the minister. Nobody answered.',
        ['"Why now?" asked the minister.', "Nobody answered."],
    ),
    (
        "\u201cWe are ready.\u201d The coach smiled.",
        ["\u201cWe are ready.\u201d", "The coach smiled."],
    ),
    (
        "The result was... disappointing. Fans left early.",
        ["The result was... disappointing.", "Fans left early."],
    ),
    (
        "J.R.R. Tolkien wrote the book in Oxford. It became a classic.",
        ["J.R.R. Tolkien wrote the book in Oxford.", "It became a classic."],
    ),
    (
        "George W. Bush visited Texas. He spoke briefly.",
        ["George W. Bush visited Texas.", "He spoke briefly."],
    ),
    (
        "Markets rally after rate cut\nShares in London rose sharply on Monday. Traders were upbeat.",
        [
            "Markets rally after rate cut",
            "Shares in London rose sharply on Monday.",
            "Traders were upbeat.",
        ],
    ),
    (
        "Storm hits coast\n\nThousands without power\n\nThe storm arrived overnight. Roads were closed.",
        [
            "Storm hits coast",
            "Thousands without power",
            "The storm arrived overnight.",
            "Roads were closed.",
        ],
    ),
    (
        "The plan has three parts:\n1. Cut taxes\n2. Raise spending\n3. Reduce debt",
        ["The plan has three parts:", "1. Cut taxes", "2. Raise spending", "3. Reduce debt"],
    ),
    (
        "Key points:\n1. Prices rose 3.2%.\n2. Wages fell. Rents rose.",
        ["Key points:", "1. Prices rose 3.2%.", "2. Wages fell.", "Rents rose."],
    ),
]


@pytest.mark.parametrize("text, expected", ENGLISH_CASES, ids=[c[0][:40] for c in ENGLISH_CASES])
def test_english_news_cases(text, expected):
    assert split_sentences(text) == expected
    assert split_sentences(text, "en") == expected


def test_default_language_is_english():
    text = "Mr. Brown met Dr. Green. They talked."
    assert split_sentences(text) == split_sentences(text, "english") == ["Mr. Brown met Dr. Green.", "They talked."]


# ---------------------------------------------------------------------------
# Layout
# ---------------------------------------------------------------------------


def test_never_joins_across_a_paragraph_break():
    # "Inc." mid-line would be an abbreviation; at a paragraph end it must not
    # pull the next paragraph into its sentence.
    text = "The contract went to Orbital Systems Inc.\n\nIts rivals protested the decision."
    assert split_sentences(text) == [
        "The contract went to Orbital Systems Inc.",
        "Its rivals protested the decision.",
    ]


def test_lines_without_punctuation_are_sentences():
    text = "  BREAKING NEWS  \r\nCity wins award\n\n\n   \nThe mayor was delighted.   \n"
    assert split_sentences(text) == ["BREAKING NEWS", "City wins award", "The mayor was delighted."]


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t\n"])
def test_blank_text(text):
    assert split_sentences(text) == []


def test_sentences_are_stripped_and_non_empty():
    text = "  First one.    Second one!   \n\n   Third one?  "
    assert split_sentences(text) == ["First one.", "Second one!", "Third one?"]


# ---------------------------------------------------------------------------
# Other languages
# ---------------------------------------------------------------------------

LANGUAGE_CASES = [
    (
        "de",
        "Am 3. Oktober 2024 begann das Fest in Berlin. Die Polizei war mit 500 Beamten vor Ort.",
        ["Am 3. Oktober 2024 begann das Fest in Berlin.", "Die Polizei war mit 500 Beamten vor Ort."],
    ),
    (
        "de",
        "Laut Dr. Müller ist das z. B. in Bayern so. Andere Länder folgen.",
        ["Laut Dr. Müller ist das z. B. in Bayern so.", "Andere Länder folgen."],
    ),
    (
        "fr",
        "M. Dupont est arrivé à Paris lundi. Il a rencontré le ministre.",
        ["M. Dupont est arrivé à Paris lundi.", "Il a rencontré le ministre."],
    ),
    (
        "es",
        "¿Dónde está el ministro? Nadie lo sabe. ¡Qué escándalo! La oposición pidió explicaciones.",
        ["¿Dónde está el ministro?", "Nadie lo sabe.", "¡Qué escándalo!", "La oposición pidió explicaciones."],
    ),
    (
        "es",
        "El Sr. García llegó a Madrid el lunes. Se reunió con el presidente.",
        ["El Sr. García llegó a Madrid el lunes.", "Se reunió con el presidente."],
    ),
    (
        "pt",
        "O Sr. Silva chegou a Lisboa na segunda-feira. A inflação subiu 2,5% em março.",
        ["O Sr. Silva chegou a Lisboa na segunda-feira.", "A inflação subiu 2,5% em março."],
    ),
    (
        "it",
        "Il sig. Rossi è arrivato a Roma lunedì. Ha incontrato il ministro.",
        ["Il sig. Rossi è arrivato a Roma lunedì.", "Ha incontrato il ministro."],
    ),
    (
        "ru",
        "Он родился в 1990 г. в Москве. Потом он переехал в Санкт-Петербург.",
        ["Он родился в 1990 г. в Москве.", "Потом он переехал в Санкт-Петербург."],
    ),
    (
        "zh",
        "今天天气很好。我们去公园吧！你觉得怎么样？",
        ["今天天气很好。", "我们去公园吧！", "你觉得怎么样？"],
    ),
    (
        "zh",
        "他说：“我们赢了！”大家都很高兴。",
        ["他说：“我们赢了！”", "大家都很高兴。"],
    ),
    (
        "ja",
        "東京は晴れです。明日は雨が降るでしょう。「本当ですか？」と彼は聞いた。",
        ["東京は晴れです。", "明日は雨が降るでしょう。", "「本当ですか？」と彼は聞いた。"],
    ),
    (
        "ja",
        "首相は会見を開いた。「全力を尽くす。」と述べた。\n新しい政策",
        ["首相は会見を開いた。", "「全力を尽くす。」と述べた。", "新しい政策"],
    ),
]


@pytest.mark.parametrize(
    "language, text, expected", LANGUAGE_CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(LANGUAGE_CASES)]
)
def test_languages(language, text, expected):
    assert split_sentences(text, language) == expected


@pytest.mark.parametrize("language", ["de", "DE", "de-AT", "german", "German", "de_DE.UTF-8"])
def test_language_spellings(language):
    text = "Er wurde am 1. Januar geboren. Seine Eltern lebten in Köln."
    assert split_sentences(text, language) == ["Er wurde am 1. Januar geboren.", "Seine Eltern lebten in Köln."]


@pytest.mark.parametrize(
    "given, code",
    [
        ("en", "en"),
        ("EN-gb", "en"),
        ("english", "en"),
        ("chinese", "zh"),
        ("zh-Hans", "zh"),
        ("ja_JP", "ja"),
        ("xx", "xx"),
        ("", None),
        (None, None),
        ("  ", None),
    ],
)
def test_normalize_language(given, code):
    assert normalize_language(given) == code


@pytest.mark.parametrize("language", [None, "xx", "klingon", "", "ko", "sw"])
def test_unknown_language_falls_back_to_neutral_splitter(language):
    text = "The team won the cup. Fans celebrated! Was it deserved? e.g. this stays joined.\nHeadline"
    assert split_sentences(text, language) == [
        "The team won the cup.",
        "Fans celebrated!",
        "Was it deserved? e.g. this stays joined.",
        "Headline",
    ]


def test_neutral_splitter_handles_full_width_and_initials():
    text = "J. Smith arrived. 今天很好。明天呢？Then he left."
    assert split_sentences(text, None) == ["J. Smith arrived.", "今天很好。", "明天呢？", "Then he left."]


# ---------------------------------------------------------------------------
# Linear time on hostile input (no timing assertions: they must just return)
# ---------------------------------------------------------------------------


def test_ten_megabyte_line_without_punctuation_returns():
    text = "word " * 2_000_000  # 10 MB, one line, no sentence end
    assert split_sentences(text) == [text.strip()]


@pytest.mark.parametrize("language", ["en", None, "zh"])
def test_ten_megabyte_line_without_spaces_returns(language):
    text = "a" * 10_000_000
    assert split_sentences(text, language) == [text]


def test_dense_punctuation_line_returns():
    text = "A. " * 400_000 + "?!" * 100_000  # 1.4 MB of candidates, one line
    assert split_sentences(text)


def test_many_sentences():
    text = "The minister said the plan was working. " * 20_000
    result = split_sentences(text)
    assert len(result) == 20_000
    assert set(result) == {"The minister said the plan was working."}


def test_shortcut_matches_plain_punkt():
    """The fast path in the Punkt subclass must give Punkt's own answers."""
    import punkt

    from newsdigest.sentences import fast_punkt

    params = punkt.with_nonbreaking_prefixes(punkt.load_model("english"), "english")
    plain = punkt.PunktSentenceTokenizer(params)
    fast = fast_punkt.fast_punkt_class(punkt)(params)
    texts = [text for text, _ in ENGLISH_CASES] + [
        "The contract went to Orbital Systems Inc. Its rivals protested.",
        "He was born in the U.S. His parents were not. He paused... Then he spoke.",
        "See No. 5 on the list. There is no. Absolutely not. It ended at 11 p.m. Officials left.",
        'Why? "Because!" (Really.) Yes... no. Corp. results. mid-co. Shares. Sept. 30 came.',
        "Rates rose 0.25 percentage points. Mr. O'Neil, Ms. Lee and Prof. Xu agreed. A. Smith too.",
    ]
    for text in texts:
        for line in text.splitlines():
            assert fast.tokenize(line) == plain.tokenize(line), line


# ---------------------------------------------------------------------------
# Words
# ---------------------------------------------------------------------------


def test_word_tokens():
    assert word_tokens("Shares in Allied Domecq rose 4.5% on Monday's news — über-fast!") == [
        "Shares",
        "in",
        "Allied",
        "Domecq",
        "rose",
        "4",
        "5",
        "on",
        "Monday",
        "s",
        "news",
        "über",
        "fast",
    ]


def test_word_tokens_cjk_per_character():
    assert word_tokens("东京タワー is tall，今天。") == ["东", "京", "タ", "ワ", "ー", "is", "tall", "今", "天"]


def test_word_tokens_empty():
    assert word_tokens("") == []
    assert word_tokens(" ,.;!? ") == []


# ---------------------------------------------------------------------------
# sumy integration
# ---------------------------------------------------------------------------


def test_sumy_tokenizer_interface():
    tokenizer = SumyTokenizer()
    assert tokenizer.language == "english"
    assert SumyTokenizer("german").language == "german"
    assert SumyTokenizer("zh").language == "chinese"
    assert tokenizer.to_sentences("Mr. Smith left. He was tired.") == ("Mr. Smith left.", "He was tired.")
    assert tokenizer.to_words("Shares rose 4% to 120p in 2004, Mr. Smith's firm said.") == (
        "Shares",
        "rose",
        "to",
        "120p",
        "in",
        "Mr",
        "Smith",
        "s",
        "firm",
        "said",
    )
    chinese = SumyTokenizer("chinese")
    assert chinese.to_sentences("今天天气很好。我们去公园吧！") == ("今天天气很好。", "我们去公园吧！")
    assert chinese.to_words("今天很好。") == ("今", "天", "很", "好")


SUMY_SCRIPT = textwrap.dedent(
    """
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.nlp.stemmers import Stemmer
    from sumy.utils import get_stop_words
    from newsdigest.sentences import SumyTokenizer

    TEXT = '''COUNCIL APPROVES BUDGET
    The city council approved a new budget on Monday. The budget raises school spending by 5%.

    Mayor Jane Doe said the budget was fair. Critics said the budget would raise taxes.
    The council will meet again in Jan. to review the budget.

    Residents can comment online until Friday.
    '''
    parser = PlaintextParser.from_string(TEXT, SumyTokenizer("english"))
    summarizer = LexRankSummarizer(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    summary = [str(s) for s in summarizer(parser.document, 2)]
    assert len(summary) == 2, summary
    sentences = [str(s) for s in parser.document.sentences]
    assert "The council will meet again in Jan. to review the budget." in sentences, sentences
    assert set(summary) <= set(sentences)
    print("OK", summary)
    """
)


def test_sumy_lexrank_runs_without_nltk_data(tmp_path):
    """sumy + SumyTokenizer on a fresh HOME with no NLTK data anywhere."""
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("NLTK")}
    env.update(
        HOME=str(home),
        NLTK_DATA=str(tmp_path / "nonexistent"),
        PYTHONPATH=os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")])),
    )
    result = subprocess.run(
        [sys.executable, "-c", SUMY_SCRIPT],
        check=False,
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK")


# ---------------------------------------------------------------------------
# Import cost
# ---------------------------------------------------------------------------


def test_import_is_cheap():
    code = (
        "import sys, newsdigest.sentences as s\n"
        "heavy = [m for m in ('nltk', 'sumy', 'lxml', 'bs4', 'punkt') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
        "s.split_sentences('One. Two.')\n"
        "assert 'punkt' in sys.modules\n"
        "assert 'nltk' not in sys.modules\n"
    )
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")])))
    result = subprocess.run(
        [sys.executable, "-c", code], check=False, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr


def test_japanese_sentences_open_with_to_and_tsu_after_a_full_stop():
    from newsdigest.sentences.regex import cjk_split

    text = "市は計画を発表した。ところが住民は反対した。「本当ですか？」と記者は聞いた。「行きます。」と答えた。"
    assert cjk_split(text) == [
        "市は計画を発表した。",
        "ところが住民は反対した。",
        "「本当ですか？」と記者は聞いた。",
        "「行きます。」と答えた。",
    ]


def test_a_japanese_quotation_ending_in_an_exclamation_is_the_subject_of_its_sentence():
    from newsdigest.sentences.regex import cjk_split

    text = "大賞は番組「橋を渡れ！」が受賞した。審査員は「なぜ今？」を問うた。会議は終わった。」では次に進む。"
    assert cjk_split(text) == [
        "大賞は番組「橋を渡れ！」が受賞した。",
        "審査員は「なぜ今？」を問うた。",
        "会議は終わった。」",
        "では次に進む。",
    ]
