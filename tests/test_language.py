"""Languages: offline detection, the --language override, language-neutral fallback
with a warning, and summaries of short invented articles in each language."""

from __future__ import annotations

import warnings

import pytest
from conftest import run_cli

from newsdigest.api import SummaryOptions, summarize_text
from newsdigest.language import LanguageWarning, detect_language, resolve_language, supported
from newsdigest.summarizers.select import Length
from newsdigest.summarizers.terms import stemmer, stop_words, vocabulary

ARTICLES = {
    "en": (
        "Harbor bridge reopens after repairs",
        "The harbor bridge in Marlow reopened on Friday after fourteen months of repairs. "
        "Engineers replaced the corroded cables and rebuilt the road deck. "
        "The work cost the city more than forty million dollars. "
        "Commuters had used a long detour around the bay during the closure. "
        "The mayor thanked the residents for their patience.",
    ),
    "de": (
        "Neue Brücke in Hafenstadt eröffnet",
        "Die neue Brücke über den Hafen wurde am 3. Oktober nach zwei Jahren Bauzeit eröffnet. "
        "Die Baukosten lagen bei rund vierzig Millionen Euro. "
        "Pendler mussten während der Bauarbeiten einen langen Umweg fahren. "
        "Der Bürgermeister dankte den Anwohnern für ihre Geduld. "
        "Ab Montag fahren auch wieder die Busse über die Brücke.",
    ),
    "fr": (
        "Le pont du port rouvre après des travaux",
        "Le pont du port a rouvert vendredi après quatorze mois de travaux. "
        "Les ingénieurs ont remplacé les câbles rouillés et refait la chaussée. "
        "Les travaux ont coûté plus de quarante millions d'euros à la ville. "
        "Les habitants devaient faire un long détour pendant la fermeture. "
        "Le maire a remercié les riverains pour leur patience.",
    ),
    "es": (
        "Reabre el puente del puerto",
        "El puente del puerto reabrió el viernes después de catorce meses de obras. "
        "¿Cuánto costaron las reparaciones? "
        "Los ingenieros cambiaron los cables oxidados y rehicieron la calzada. "
        "¡La espera terminó por fin! "
        "El alcalde agradeció a los vecinos su paciencia durante el cierre.",
    ),
    "pt": (
        "Ponte do porto reabre após obras",
        "A ponte do porto foi reaberta na sexta-feira depois de catorze meses de obras. "
        "Os engenheiros substituíram os cabos enferrujados e refizeram o pavimento. "
        "As obras custaram mais de quarenta milhões de euros à cidade. "
        "Os moradores tiveram de fazer um longo desvio durante o encerramento. "
        "O presidente da câmara agradeceu aos moradores a sua paciência.",
    ),
    "it": (
        "Riapre il ponte del porto",
        "Il ponte del porto è stato riaperto venerdì dopo quattordici mesi di lavori. "
        "Gli ingegneri hanno sostituito i cavi arrugginiti e rifatto la carreggiata. "
        "I lavori sono costati alla città più di quaranta milioni di euro. "
        "Durante la chiusura i pendolari hanno dovuto fare una lunga deviazione. "
        "Il sindaco ha ringraziato i residenti per la loro pazienza.",
    ),
    "ru": (
        "Мост в порту снова открыт",
        "Мост через порт снова открылся в пятницу после четырнадцати месяцев ремонта. "
        "Инженеры заменили ржавые тросы и отремонтировали дорожное покрытие. "
        "Работы обошлись городу более чем в сорок миллионов рублей. "
        "Во время закрытия жителям приходилось ездить в объезд. "
        "Мэр поблагодарил жителей за терпение.",
    ),
    "zh": (
        "港口大桥修复后重新开放",
        "港口大桥在经过十四个月的维修后于周五重新开放。"
        "工程师更换了生锈的钢缆并重新铺设了桥面。"
        "这项工程花费了城市四千多万元。"
        "大桥关闭期间，通勤者不得不绕行很远的路。"
        "市长感谢市民在维修期间的耐心。",
    ),
}


@pytest.mark.parametrize("code", sorted(ARTICLES))
def test_language_is_detected_offline(code):
    assert detect_language(ARTICLES[code][1]) == code


@pytest.mark.parametrize("code", sorted(ARTICLES))
def test_each_language_is_summarized_with_its_resources(code):
    title, text = ARTICLES[code]
    with warnings.catch_warnings():
        warnings.simplefilter("error", LanguageWarning)  # a supported language warns about nothing
        summary = summarize_text(f"{title}\n\n{text}", SummaryOptions(length=Length(sentences=2)))
    assert summary.article.meta.language == code
    assert summary.sentences_in >= 5  # the splitter found the sentences (full-width 。 included)
    assert len(summary.sentences) == 2
    assert all(s.text in text for s in summary.sentences)
    assert supported(code) and stop_words(code)


@pytest.mark.parametrize(
    "code, word, stem",
    [
        ("en", "bridges", "bridg"),
        ("de", "Brücken", "bruck"),
        ("fr", "travaux", "travail"),
        ("es", "puentes", "puent"),
        ("pt", "pontes", "pont"),
        ("it", "ponti", "pont"),
        ("ru", "мосты", "мост"),
    ],
)
def test_terms_are_stemmed_per_language(code, word, stem):
    assert stemmer(code)(word.lower()).startswith(stem[:4])
    assert vocabulary(code).terms(f"die the le el o il и {word}")[-1] == stemmer(code)(word.lower())


def test_chinese_terms_are_character_bigrams():
    assert vocabulary("zh").terms("港口大桥") == ["港口", "口大", "大桥"]


def test_language_override_beats_detection():
    _, text = ARTICLES["de"]
    summary = summarize_text(text, SummaryOptions(language="fr", length=Length(sentences=1)))
    assert summary.article.meta.language == "fr"


def test_unknown_language_falls_back_with_a_warning():
    with pytest.warns(LanguageWarning, match="language-neutral"):
        assert resolve_language("Some text here.", asked="tlh") is None
    gibberish = " ".join("zxq vrrk plonth gwyx" for _ in range(80))
    with pytest.warns(LanguageWarning):
        assert resolve_language(gibberish) is None
    with warnings.catch_warnings():
        warnings.simplefilter("error", LanguageWarning)
        assert resolve_language("Hi.") is None  # too short to tell: no warning


def test_unsupported_language_still_gives_a_summary_and_one_warning_line(tmp_path):
    page = tmp_path / "story.txt"
    page.write_text(ARTICLES["en"][1], encoding="utf-8")
    result = run_cli("summarize", str(page), "--language", "tlh", "--format", "json", "-n", "2")
    assert result.returncode == 0
    err = result.stderr.decode()
    assert err.count("warning:") == 1 and "language-neutral" in err
    import json

    assert len(json.loads(result.stdout)["sentences"]) == 2
