"""Consent, newsletter and comment forms in text dumps, found by the shape of their controls
in any language: checkboxes, radio buttons and fields as lynx, w3m and copies render them,
and a dialog's close button. Every page here is invented."""

from __future__ import annotations

from newsdigest.api import clean_text
from newsdigest.cleaning.blocks import form_blocks, form_mark

STORY_DE = [
    "Die Stadt will im Frühjahr mit dem Bau der neuen Brücke über den Fluss beginnen, teilte die Verwaltung mit.",
    "Die Kosten werden auf rund zwölf Millionen Euro geschätzt, etwa ein Drittel mehr als zunächst geplant.",
    "Anwohner hatten sich seit Jahren über den Verkehr auf der alten Brücke beklagt, die nur einspurig ist.",
    "Der Gemeinderat soll im März über die endgültigen Pläne abstimmen, hieß es weiter aus dem Rathaus.",
]
STORY_PL = [
    "Władze miasta zapowiedziały we wtorek, że budowa nowego mostu na rzece ruszy w marcu przyszłego roku.",
    "Koszt inwestycji oszacowano na dwanaście milionów złotych, o jedną trzecią więcej niż w pierwszym planie.",
    "Mieszkańcy od lat skarżą się na korki na starym moście, który ma tylko jeden pas w każdą stronę.",
    "Rada miasta ma głosować nad ostatecznym projektem w przyszłym miesiącu, poinformował urząd miasta.",
]
STORY_FR = [
    "La mairie a annoncé mardi que les travaux du nouveau pont sur la rivière commenceront en mars prochain.",
    "Le coût est estimé à douze millions d'euros, soit un tiers de plus que prévu dans le premier projet.",
    "Les riverains se plaignent depuis des années des bouchons sur l'ancien pont, qui n'a qu'une seule voie.",
    "Le conseil municipal doit voter le projet définitif le mois prochain, selon les services de la ville.",
]
MORE_PL = [
    "Według urzędników prace potrwają około dwóch lat, a ruch na starym moście będzie w tym czasie ograniczony.",
    "Projekt przewiduje także ścieżkę rowerową i szerokie chodniki po obu stronach nowej przeprawy przez rzekę.",
    "Przedsiębiorcy z okolicy liczą, że nowy most ożywi handel w starym mieście i przyciągnie więcej turystów.",
    "Część radnych opozycji krytykuje jednak wzrost kosztów i domaga się dokładnego rozliczenia wydatków.",
]
MENU_PL = ["* Start", "* Kraj", "* Świat", "* Gospodarka", "* Sport", "* Kultura", "* Pogoda", "* Nauka"]
SOCIAL_PL = ["* Gazeta Miejska", "na Facebooku", "* Gazeta Miejska", "na Twitterze", "* Kanały RSS"]
# Invented consent legalese: long lines that read as prose to the classifier.
CONSENT_PL = [
    "Zgadzam się na przetwarzanie moich danych osobowych przez Wydawnictwo Przykład Sp. z o.o. z siedzibą "
    "w Lublinie w celu wysyłania mi codziennego biuletynu z wiadomościami z regionu.",
    "Administratorem danych jest Wydawnictwo Przykład Sp. z o.o. Dane są przetwarzane wyłącznie w celu "
    "wysyłki biuletynu i nie są przekazywane innym podmiotom, a zgodę można wycofać w każdej chwili.",
]
CONSENT_DE = (
    "[ ] Ich willige ein, dass die Beispiel Verlag GmbH meine E-Mail-Adresse speichert und mir den "
    "täglichen Newsletter schickt; die Einwilligung kann ich jederzeit mit Wirkung für die Zukunft widerrufen."
)
CONSENT_FR = (
    "J'accepte que les Éditions Exemple SAS traitent mon adresse électronique pour m'envoyer la lettre "
    "d'information quotidienne, conformément à leur politique de protection des données personnelles."
)


def dump(*parts: str) -> str:
    return "\n\n".join(parts)


def test_a_consent_dialog_at_the_top_of_a_polish_dump_goes():
    page = dump(
        *MENU_PL,
        "Biuletyn",
        "Zapisz się na nasz biuletyn i bądź na bieżąco",
        "×",
        "Zapisz",
        *CONSENT_PL,
        *SOCIAL_PL,
        "Reklama",
        "Nowy most na rzece od marca",
        "12 marca 2026, 10:15",
        "Fot. Jan Przykładowy",
        "Jan Przykładowy",
        "DOTYCZY:",
        "* most",
        "* rzeka",
        "* budowa",
        *STORY_PL,
        *MORE_PL,
        "Reklama",
        "* Kontakt",
        "* Regulamin",
        "© 2026 Gazeta Miejska",
    )
    article = clean_text(page, format="text")
    assert STORY_PL[0] in article.text and STORY_PL[-1] in article.text
    assert not [c for c in CONSENT_PL if c in article.text]


def test_a_comment_box_under_a_polish_story_goes():
    box = "Prosimy o zaznaczenie zgody przed dodaniem komentarza; dane autora komentarza przetwarza wydawca."
    page = dump(
        *MENU_PL,
        "Nowy most na rzece od marca",
        *STORY_PL,
        "Komentarze (3)",
        "× Twój komentarz czeka na moderację.",
        "Treść komentarza",
        box,
        "Dodaj komentarz",
        "× Anuluj",
    )
    article = clean_text(page, format="text")
    assert STORY_PL[-1] in article.text
    assert box not in article.text


def test_a_lynx_newsletter_form_under_a_german_story_goes():
    page = dump(
        "Neue Brücke für die Altstadt",
        *STORY_DE,
        "Newsletter",
        "E-Mail-Adresse: [____________________]",
        CONSENT_DE,
        "[Abonnieren]",
    )
    article = clean_text(page, format="text")
    assert STORY_DE[0] in article.text and STORY_DE[-1] in article.text
    assert "Beispiel Verlag" not in article.text


def test_a_french_sign_up_box_at_the_foot_goes():
    footer = ["* Mentions légales", "* Contact", "* Publicité", "* Plan du site", "* Archives", "* Emplois"]
    page = dump(
        "Un nouveau pont pour la vieille ville",
        *STORY_FR,
        *footer,
        "* Flux RSS",
        "* Accessibilité",
        "* Nous rejoindre",
        "* Abonnements",
        "* Aide",
        "* Cookies",
        "×",
        "Lettre d'information",
        "Votre adresse : ____________",
        CONSENT_FR,
        "(*) Oui ( ) Non",
    )
    article = clean_text(page, format="text")
    assert STORY_FR[-1] in article.text
    assert CONSENT_FR not in article.text


def test_close_buttons_between_a_storys_parts_mark_no_form():
    # A video's dialog between the story's parts: its close button is near story lines.
    page = dump("Neue Brücke für die Altstadt", *STORY_DE[:2], "Video: Die alte Brücke", "✕", *STORY_DE[2:])
    article = clean_text(page, format="text")
    for p in STORY_DE:
        assert p in article.text


def test_form_marks_are_controls_not_text():
    assert form_mark("[ ] Ja, ich möchte den Newsletter")
    assert form_mark("(*) Oui")
    assert form_mark("E-mail: [__________]")
    assert form_mark("×")
    assert not form_mark("Die Studie [1] zeigt (siehe unten) einen Anstieg.")
    assert not form_mark("Der Preis stieg um 5 × 3 Euro.")


def test_a_group_of_marks_only_is_left_to_the_story():
    texts = ["×", STORY_DE[0], "×", STORY_DE[1]]
    assert form_blocks(texts, {1, 3}) == set()
