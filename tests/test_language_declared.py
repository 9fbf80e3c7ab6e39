"""The page's declared language is a prior, not a verdict: the text decides the
splitter, stemmer, stop words and keywords; JSON says what was declared when it
differed. Bytes are made here."""

from __future__ import annotations

import json

from newsdigest.api import SummaryOptions, clean_document, summarize_article
from newsdigest.language import language_of_text
from newsdigest.loading import load_bytes
from newsdigest.summarizers.select import Length

GERMAN = (
    "Die Stadtwerke haben am Montag bzw. am Dienstag insgesamt 4,5 Mio. Euro für den Ausbau der Fernwärme "
    "bereitgestellt. Der Bürgermeister sagte, die neuen Leitungen würden bis zum Herbst verlegt. "
    "Anwohner müssen sich während der Bauarbeiten auf gesperrte Straßen und Umleitungen einstellen. "
    "Die Kosten für die Haushalte sollen nach Angaben der Stadtwerke nicht steigen. "
    "Kritiker bemängeln jedoch, dass die Planung zu spät öffentlich gemacht worden sei."
)
CHINESE = (
    "市政府星期一宣布，连接港口和小岛的渡轮在冬季风暴过后恢复运行。岛上四百名居民终于不再依靠每周一次的补给船。"
    "工程师用新的钢桩重建了码头。他们说新码头能够承受两倍高的海浪。"
)


def html(lang: str, title: str, body: str, extra_head: str = "") -> bytes:
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n"))
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">{extra_head}<title>{title}</title>'
        f"</head><body><article><h1>{title}</h1>{paragraphs}</article></body></html>"
    ).encode()


def test_german_page_declaring_english_is_processed_as_german():
    article = clean_document(load_bytes(html("en", "Stadtwerke bauen Fernwärme aus", GERMAN), "fw.html"))
    assert article.meta.language == "de" and article.meta.language_declared == "en"
    summary = summarize_article(article, SummaryOptions(length=Length(sentences=5), keywords=5))
    texts = [s.text for s in summary.sentences]
    # No split after "bzw." or "Mio.": German abbreviations.
    assert any("bzw. am Dienstag insgesamt 4,5 Mio. Euro" in t for t in texts)
    assert not {"und", "die", "der"} & {k.lower() for k in summary.keywords}


def test_chinese_page_declaring_english_is_split_at_the_full_stop():
    article = clean_document(load_bytes(html("en", "渡轮恢复运行", CHINESE), "zh.html"))
    assert article.meta.language == "zh" and article.meta.language_declared == "en"
    summary = summarize_article(article, SummaryOptions(length=Length(sentences=2)))
    assert all(s.text.endswith("。") and s.text.count("。") == 1 for s in summary.sentences)


def test_content_language_header_is_a_prior_too():
    head = '<meta http-equiv="Content-Language" content="fr">'
    article = clean_document(load_bytes(html("", "Stadtwerke", GERMAN, head), "fw.html"))
    assert article.meta.language == "de" and article.meta.language_declared == "fr"


def test_the_declared_language_stays_when_the_text_agrees_or_cannot_tell():
    article = clean_document(load_bytes(html("de", "Stadtwerke bauen Fernwärme aus", GERMAN), "fw.html"))
    assert article.meta.language == "de" and article.meta.language_declared is None
    assert language_of_text("OK", "pt") == "pt"  # too short to tell: the prior holds
    assert language_of_text(GERMAN, "en") == "de"


def test_json_gives_language_and_the_declared_one(tmp_path):
    from conftest import run_cli

    path = tmp_path / "fw.html"
    path.write_bytes(html("en", "Stadtwerke bauen Fernwärme aus", GERMAN))
    done = run_cli("summarize", str(path), "--format", "json")
    assert done.returncode == 0
    data = json.loads(done.stdout)
    assert data["language"] == "de" and data["language_declared"] == "en"
    same = tmp_path / "same.html"
    same.write_bytes(html("de", "Stadtwerke bauen Fernwärme aus", GERMAN))
    data = json.loads(run_cli("summarize", str(same), "--format", "json").stdout)
    assert data["language"] == "de" and "language_declared" not in data
