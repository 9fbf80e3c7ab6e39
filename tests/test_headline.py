"""Text dumps: the headline is the short line above the story that the story is about, in any language."""

from __future__ import annotations

import pytest

from newsdigest.api import clean_text

PAGES = {
    "de": (
        "Neue Brücke über die Lahn kostet zwölf Millionen Euro",
        ["Startseite", "Anmelden", "Foto: Jana Berg", "von Jana Berg und Udo Kern", "Lesezeit 3 Minuten"],
        [
            "Die neue Brücke über die Lahn soll im Frühjahr gebaut werden und zwölf Millionen Euro kosten, teilte die "
            "Stadt mit.",
            "Die alte Brücke ist seit Jahren nur einspurig befahrbar, Anwohner klagen über lange Staus am Morgen.",
            "Der Gemeinderat stimmt im März über die Pläne für die Brücke ab, die Kosten trägt zum Teil das Land.",
        ],
    ),
    "fr": (
        "La nouvelle gare de Lyon ouvrira ses portes en septembre",
        ["Accueil", "Se connecter", "Partager sur Facebook Partager sur X", "Par Claire Dubois"],
        [
            "La nouvelle gare de Lyon ouvrira en septembre après trois ans de travaux, a annoncé la région lundi.",
            "Les voyageurs pourront emprunter douze quais au lieu de huit, et les portes resteront ouvertes la nuit.",
            "Le chantier a coûté plus que prévu, mais la région estime que la gare servira pendant un siècle.",
        ],
    ),
    "ja": (
        "市が新しい図書館の建設計画を発表",
        ["ホーム", "ログイン", "写真：市役所提供", "2026年5月3日 10:00"],
        [
            "市は三日、駅前に新しい図書館を建設する計画を発表した。完成は二年後の予定だという。",
            "新しい図書館には子ども向けの読書室や学習スペースが設けられ、夜九時まで開館する。",
            "市長は会見で、図書館を地域の人が集まる場所にしたいと述べた。建設費は約二十億円と見込まれる。",
        ],
    ),
}


@pytest.mark.parametrize("lang", ["de", "fr"])
def test_the_headline_is_the_line_the_story_is_about(lang):
    title, furniture, story = PAGES[lang]
    page = "\n\n".join([furniture[0], furniture[1], title, *furniture[2:], *story, "Impressum", "Kontakt"])
    article = clean_text(page)
    assert article.meta.title == title
    assert title not in article.paragraphs


def test_pick_prefers_the_line_the_story_repeats_in_any_script():
    from newsdigest.cleaning import headline

    for lang in sorted(PAGES):
        title, furniture, story = PAGES[lang]
        lines = [*furniture[:2], title, *furniture[2:]]
        assert headline.pick(lines, list(range(len(lines))), " ".join(story)) == 2, lang


def test_the_story_starts_at_its_biggest_block():
    from newsdigest.cleaning import headline

    lines = ["A cookie notice of some length here"] + ["menu"] * 20 + ["story paragraph " * 10] * 3
    assert headline.story_start([0, 21, 22, 23], lines) == 21


def test_a_short_menu_line_whose_words_all_recur_does_not_beat_the_headline():
    # "Latest news": both of its words are in the story, a full overlap by chance; the
    # headline shares seven of its eight words and wins, though the menu line comes first.
    from newsdigest.cleaning import headline

    title = "Harbour council approves plan to rebuild storm wall before winter"
    story = (
        "The latest news from the harbour: the council approved a plan on Tuesday to rebuild the storm wall "
        "before winter, after engineers found it had shifted. The plan costs 4.2 million pounds."
    )
    lines = ["Latest news", title, "Photo: Ana Reyes"]
    assert headline.pick(lines, [0, 1, 2], story) == 1


def test_the_headline_above_a_short_lead_is_found_past_a_long_box():
    # Headline, a one-paragraph lead, then a table of contents of 45 lines (its last ones name
    # the story's parts), then the body: the headline is over 40 lines above the story's
    # biggest block, but just above its first paragraph.
    title = "Harbour council approves plan to rebuild storm wall before winter"
    lead = (
        "The harbour council approved a plan on Tuesday to rebuild the storm wall before winter, "
        "after engineers found the old wall had shifted along its northern stretch."
    )
    body = [
        "Engineers said the storm wall moved by almost a metre last spring, and that a winter storm could "
        "breach it and flood the fish market and the streets behind the harbour.",
        "The council will share the cost of 4.2 million pounds with the national flood agency, and the "
        "first stones are to be moved in March once the tender for the work has closed.",
        "Fishing crews welcomed the plan to rebuild the wall but asked the council to keep the slipway "
        "open while the work goes on, since most boats land their catch there.",
    ]
    toc = [f"* Part {k}" for k in range(42)] + [
        "Why the harbour storm wall moved",
        "Who pays for the new wall",
        "What fishing crews asked the council",
    ]
    page = "\n\n".join(["Home", "News", title, lead, *toc, *body, "Contact"])
    assert clean_text(page).meta.title == title


def test_the_headline_is_looked_for_above_the_first_paragraph_and_the_biggest_block():
    from newsdigest.cleaning import headline

    span = headline.above_story(3, 60, 80)
    assert span[:3] == [0, 1, 2] and 3 not in span
    assert span[3:] == list(range(60 - headline.LOOK_BACK, 60))
    assert headline.above_story(50, 50, 80) == list(range(50 - headline.LOOK_BACK, 50))
    assert headline.above_story(200, 200, 80) == list(range(80 - headline.LOOK_BACK, 80))
