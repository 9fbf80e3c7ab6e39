"""Boilerplate found by shape and position in any language: teaser lists cut off from the
story, news tickers and comment threads under timestamps, and subscription, donation and
contact appeals at the story's edge. Every page here is invented."""

from __future__ import annotations

from newsdigest.api import clean_text
from newsdigest.cleaning.blocks import appeal_shape, detached, edge_appeals, groups

STORY_PT = [
    "A prefeitura anunciou nesta terça-feira que as obras da nova ponte sobre o rio começam em março.",
    "O custo estimado é de doze milhões de reais, um terço a mais do que o previsto no primeiro projeto.",
    "Moradores reclamam há anos do trânsito na ponte antiga, que tem apenas uma faixa em cada sentido.",
    "A Câmara deve votar o projeto final no mês que vem, segundo a secretaria de obras da cidade.",
]
STORY_FR = [
    "La mairie a annoncé mardi que les travaux du nouveau pont sur la rivière commenceront en mars prochain.",
    "Le coût est estimé à douze millions d'euros, soit un tiers de plus que prévu dans le premier projet.",
    "Les riverains se plaignent depuis des années des bouchons sur l'ancien pont, qui n'a qu'une seule voie.",
    "Le conseil municipal doit voter le projet définitif le mois prochain, selon les services de la ville.",
]
STORY_DE = [
    "Die Stadt will im Frühjahr mit dem Bau der neuen Brücke über den Fluss beginnen, teilte die Verwaltung mit.",
    "Die Kosten werden auf rund zwölf Millionen Euro geschätzt, etwa ein Drittel mehr als zunächst geplant.",
    "Anwohner hatten sich seit Jahren über den Verkehr auf der alten Brücke beklagt, die nur einspurig ist.",
    "Der Gemeinderat soll im März über die endgültigen Pläne abstimmen, hieß es weiter aus dem Rathaus.",
]
MENU = ["* Start", "* Politik", "* Wirtschaft", "* Sport", "* Kultur", "* Wetter"]
FOOTER = ["* Impressum", "* Datenschutz", "* Kontakt", "* Mediadaten", "* Karriere", "* Archiv", "© 2026 Stadtblatt"]


def page(*parts: str) -> str:
    return "\n\n".join(parts)


def test_groups_split_at_six_dropped_lines():
    assert groups({1, 2, 8, 9, 20}) == [[1, 2, 8, 9], [20]]


def test_a_detached_group_of_short_lines_goes_and_a_detached_paragraph_stays():
    texts = [*STORY_DE, *MENU, "* Neues Café am Markt", "* Bahn sperrt Strecke", *MENU, STORY_DE[0]]
    prose = [True] * 4 + [False] * 14 + [True]
    keep = {0, 1, 2, 3, 10, 11, 18}
    assert detached(texts, prose, keep) == {10, 11}


def test_teaser_headlines_far_below_a_german_story_go():
    teasers = ["* Streit um Parkplätze eskaliert", "* Neues Café am Markt eröffnet", "* Bahn sperrt Strecke"]
    text = page("Neue Brücke für die Altstadt", *STORY_DE, *MENU, "Auch interessant", *MENU, *teasers, "Impressum")
    article = clean_text(text)
    assert article.paragraphs[:4] == tuple(STORY_DE)
    assert not any(t[2:] in article.text for t in teasers)


def test_a_polish_comment_thread_under_timestamps_goes():
    story = [
        "Miasto rozpocznie wiosną budowę nowego mostu na rzece, poinformował w poniedziałek urząd miejski.",
        "Koszt inwestycji oszacowano na dwanaście milionów złotych, o jedną trzecią więcej niż planowano.",
        "Mieszkańcy od lat skarżą się na korki na starym moście, który ma tylko jeden pas w każdą stronę.",
    ]
    thread = []
    for name, day, comment in [
        ("Marek", "11", "Najwyższy czas, od dziesięciu lat stoimy w tych korkach każdego ranka do pracy."),
        ("Ania", "12", "Ciekawe, ile to naprawdę będzie kosztować, bo zwykle wychodzi dwa razy drożej."),
        ("Gość", "13", "Most to jedno, ale kto naprawi drogi dojazdowe po obu stronach rzeki w końcu?"),
    ]:
        thread += [name, f"wtorek, {day} maja 2026, 21:{day}", comment, "Odpowiedz"]
    article = clean_text(page("Nowy most na rzece", *story, "Komentarze", *thread))
    assert all(s in article.text for s in story)
    assert "korkach każdego ranka" not in article.text and "drogi dojazdowe" not in article.text


def test_a_ticker_between_clock_times_goes_but_the_story_stays():
    ticker = [
        "* 14:44 Un artiste arrêté pour avoir coloré une fontaine en rose",
        "Selon la police, l'homme a versé du colorant dans la fontaine de la place centrale pendant la nuit.",
        "* 14:10 Séisme de magnitude 5 au large des côtes",
        "L'institut géologique n'a signalé aucun dégât, mais plusieurs habitants ont ressenti la secousse.",
        "* 13:54 La grève des transports reconduite jusqu'à jeudi",
        "* 13:31 Un nouveau directeur pour le musée municipal",
    ]
    article = clean_text(page("Un nouveau pont pour la ville", *STORY_FR, "Direct", *ticker))
    assert article.paragraphs[:4] == tuple(STORY_FR)
    assert "colorant" not in article.text and "secousse" not in article.text


def test_a_japanese_ranking_with_month_day_stamps_goes():
    story = [
        "市は新しい橋の建設を来年春に始めると発表した。総工費は約十二億円で、当初の計画より三割ほど多い。",
        "古い橋は片側一車線しかなく、朝夕の渋滞が長年の課題になっていた。住民からは早期の完成を望む声が上がっている。",
        "市議会は来月、最終的な計画案を審議する予定だ。工事は三年ほどかかる見込みだという。",
    ]
    ranking = [f"* {k} 駅前に新しいカフェが開店、行列も 地元新聞 3/{k}(木) 1{k}:05" for k in range(1, 5)]
    article = clean_text(page("新しい橋の建設へ", *story, "アクセスランキング", *ranking))
    assert all(s in article.text for s in story)
    assert "カフェ" not in article.text


def test_appeal_shape_is_a_short_line_with_a_price_an_address_or_a_link():
    assert appeal_shape("Abonnez-vous à partir de 1 € par mois")
    assert appeal_shape("Apoie o jornalismo independente: chave Pix apoio@exemplo.org")
    assert appeal_shape("Jetzt unterstützen: www.beispiel-zeitung.de/spenden")
    assert not appeal_shape(STORY_PT[1])
    long_price = "Die Stadt zahlt 12 € pro Quadratmeter, " + "und die Anwohner tragen den Rest der Kosten " * 3
    assert not appeal_shape(long_price)


def test_appeals_at_the_edge_go_and_a_price_inside_the_story_stays():
    texts = ["Bilety kosztują 20 zł.", *STORY_DE, "Wesprzyj nas: 10 zł miesięcznie", "Napisz: redakcja@przyklad.pl"]
    keep = set(range(len(texts)))
    assert edge_appeals(texts, keep) == {5, 6}  # a sentence giving a price is story
    assert edge_appeals(["Spenden: 5 €", "www.beispiel.de"], {0, 1}) == set()


def test_a_portuguese_donation_appeal_after_the_story_goes():
    appeal = "Assine o Diário 24, apoie por Pix: apoio@diario24.example"
    article = clean_text(page("Nova ponte sobre o rio", *STORY_PT, appeal, *FOOTER))
    assert article.paragraphs[:4] == tuple(STORY_PT)
    assert "apoie por Pix" not in article.text
    assert any("edge" in r.reason for r in article.removed if r.text == appeal)


def test_a_french_subscription_offer_after_the_story_goes():
    offer = "Abonnez-vous à partir de 1 € le premier mois"
    article = clean_text(page("Un nouveau pont pour la ville", *STORY_FR, offer, *FOOTER))
    assert article.paragraphs[:4] == tuple(STORY_FR)
    assert offer not in article.text


def test_a_last_sentence_giving_a_sum_is_no_appeal():
    assert not appeal_shape("Der Bürgermeister kündigte einen Hilfsfonds mit 250.000 € für die Händler an.")
    assert appeal_shape("Jetzt abonnieren: 4,99 € im Monat")
