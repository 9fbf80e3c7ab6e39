"""Threads of dated posts (comments, replies, tickers) found in the DOM in any language:
sibling elements of one kind, each with its own date-time stamp. Every page here is invented."""

from __future__ import annotations

from newsdigest.api import clean_text
from newsdigest.cleaning import threads
from newsdigest.cleaning.html import parse_html

STORY_ZH = [
    "上週末我們一家四口來到山上的露營區，沿途的楓樹已經開始轉紅，整條山路都是秋天的顏色。",
    "營區主人很親切，一見面就帶我們認識環境，還介紹了附近幾條適合小朋友走的步道。",
    "傍晚起了一陣霧，山頭被雲氣包圍，孩子們在帳篷前玩了好久才肯進來吃晚餐。",
    "晚餐準備了火鍋和烤玉米，天氣冷冷的吃熱食特別舒服，大家都吃得很滿足。",
    "隔天早上陽光露臉，我們沿著溪邊散步，落葉鋪滿了小路，踩起來沙沙作響。",
    "收拾好裝備準備下山時，大家都有點捨不得，約好明年楓紅時節一定要再來一次。",
]
# Replies of a few short lines without sentence punctuation, each answered by the blog's
# author under a stamp of its own: too far apart for the text shapes' ticker rule (shapes.py),
# and the classifier alone reads them as story.
REPLIES_ZH = [
    (
        "阿芳",
        ["好美的楓葉", "下次也想帶家人去看看", "請問要先預約嗎"],
        ["要先打電話預約喔", "假日很快就滿了", "謝謝來訪"],
    ),
    (
        "小胖",
        ["火鍋看起來超好吃的啦", "冷天吃最對味", "我也想吃烤玉米"],
        ["哈哈下次一起來", "玉米是營地賣的", "很新鮮"],
    ),
    ("阿伯", ["這個營地我去過", "廁所很乾淨 熱水也夠", "推薦給大家"], ["對呀主人很用心", "環境維護得很好", "感謝分享"]),
    ("Amy", ["請問營地可以帶狗狗嗎", "我們家有兩隻", "怕吵到別人"], ["可以帶的", "記得繫牽繩就好", "晚安"]),
    ("阿明", ["照片拍得真好", "用什麼相機拍的呢", "顏色好漂亮"], ["只是手機而已", "天氣好就好拍", "謝謝稱讚"]),
]
STORY_ES = [
    "El ayuntamiento anunció este martes que las obras del nuevo puente sobre el río comenzarán en marzo.",
    "El coste se estima en doce millones de euros, un tercio más de lo previsto en el primer proyecto.",
    "Los vecinos llevan años quejándose del tráfico en el puente viejo, que solo tiene un carril por sentido.",
    "El pleno municipal votará el proyecto definitivo el mes que viene, según fuentes del consistorio.",
]
REPLIES_ES = [
    (
        "Pepe",
        ["Ya era hora", "llevamos diez años esperando", "a ver si esta vez es verdad"],
        ["Gracias Pepe", "lo seguiremos", "un saludo"],
    ),
    (
        "Lucía",
        ["Doce millones", "menudo despilfarro", "con lo que falta en los colegios"],
        ["Hola Lucía", "el dato es oficial", "gracias"],
    ),
    (
        "Antonio",
        ["¿Y quién paga los retrasos?", "siempre los mismos", "los vecinos"],
        ["Buena pregunta", "lo preguntaremos", "saludos"],
    ),
    (
        "Marta",
        ["Por fin una buena noticia", "para el barrio", "ojalá no se retrase"],
        ["Gracias Marta", "esperemos que no", "un abrazo"],
    ),
]


def _lines(lines: list[str]) -> str:
    return "".join(f"<p>{line}</p>" for line in lines)


def _page(story: list[str], replies, stamp, answer) -> str:
    body = _lines(story)
    posts = "".join(
        f'<ul class="reply"><li class="who"><a href="/u/{i}">{name}</a> <span>{stamp(i)}</span></li>'
        f'<li class="said">{_lines(said)}</li><li class="answer">{_lines(back)}<p>{answer(i)}</p></li></ul>'
        for i, (name, said, back) in enumerate(replies)
    )
    return (
        "<!DOCTYPE html><html><head><title>Blog</title></head><body>"
        f'<div class="entry">{body}</div><div class="replies"><h3>Replies</h3>{posts}</div></body></html>'
    )


def zh_page() -> str:
    return _page(
        STORY_ZH,
        REPLIES_ZH,
        lambda i: f"於 2026/01/{i + 3:02d} 21:{10 + i:02d}",
        lambda i: f"版主 於 2026/01/{i + 4:02d} 08:{30 + i:02d} 回覆",
    )


def test_short_replies_under_a_chinese_blog_post_go():
    article = clean_text(zh_page())
    assert STORY_ZH[0] in article.text and STORY_ZH[-1] in article.text
    for _name, said, back in REPLIES_ZH:
        assert not [line for line in said + back if line in article.text]


def test_replies_stamped_in_another_shape_go():
    page = _page(
        STORY_ES,
        REPLIES_ES,
        lambda i: f"{i + 2} de enero de 2026, {18 + i}:05",
        lambda i: f"Respuesta del autor · {i + 3}.01.2026 {9 + i}:15",
    )
    article = clean_text(page)
    assert STORY_ES[0] in article.text and STORY_ES[-1] in article.text
    for _name, said, back in REPLIES_ES:
        assert not [line for line in said + back if line in article.text]


def test_the_siblings_of_one_kind_are_the_thread():
    found = threads.find(parse_html(zh_page()))
    assert [[el.get("class") for el in t] for t in found] == [["reply"] * len(REPLIES_ZH)]


def test_one_stamp_shown_in_several_places_is_no_thread():
    posts = "".join(f'<div class="box"><span>2026/01/03 21:10</span><p>{p}</p></div>' for p in STORY_ES)
    assert threads.find(parse_html(f"<html><body>{posts}</body></html>")) == []


LIVE_ES = [
    [
        f"Los técnicos del ayuntamiento revisan el tramo {k} del puente antes de abrir el paso a los peatones hoy."
        for k in range(e * 6, e * 6 + 6)
    ]
    for e in range(3)
]


def test_a_live_blog_whose_dated_entries_are_the_story_stays():
    # Dated entries after an intro, each of several paragraphs: a thread by its shape,
    # but it holds the page's prose, so it is the story.
    entries = "".join(
        f'<div class="entry"><p>3 de enero de 2026, {9 + e}:00</p>{_lines(paragraphs)}</div>'
        for e, paragraphs in enumerate(LIVE_ES)
    )
    article = clean_text(f"<html><head><title>Directo</title></head><body><p>{STORY_ES[0]}</p>{entries}</body></html>")
    assert len(threads.find(parse_html(entries))) == 1
    for paragraphs in LIVE_ES:
        assert paragraphs[0] in article.text and paragraphs[-1] in article.text


STORY_EN = [
    "The city's new tram line will open a month late because signalling equipment arrived damaged from the supplier.",
    "Officials said on Monday that replacement parts are already being fitted and tested along the eastern section.",
    "Passengers who bought season tickets in advance will be offered a refund or an extra month at no charge.",
    "The line links the railway station with the hospital and the university campus in eleven minutes.",
]
REPLIES_EN = [
    (
        "tramfan",
        ["Another delay", "we were promised spring", "then summer"],
        ["Thanks for reading", "the refund offer is new", "details above"],
    ),
    (
        "commuter_jo",
        ["Eleven minutes would save me", "half an hour a day", "worth the wait"],
        ["Glad to hear", "ok", "!"],
    ),
    (
        "rk",
        ["Who pays for the damaged parts", "the supplier I hope", "not us"],
        ["Good question", "we asked", "no answer"],
    ),
    ("Mia B", ["Refund or a free month", "easy choice", "the month for me"], ["Same here", "thanks", "cheers"]),
]


def test_replies_stamped_with_a_time_and_no_date_go():
    # "2 days ago at 08:49 am": no date, so no stamp by the text shapes; the time in a short
    # header repeated across sibling posts is the evidence.
    page = _page(
        STORY_EN,
        REPLIES_EN,
        lambda i: f"{i + 2} days ago at 0{i + 1}:4{i} am",
        lambda i: f"Author replied {i + 1} hours ago at {i + 1}:05 pm",
    )
    assert [[el.get("class") for el in t] for t in threads.find(parse_html(page))] == [["reply"] * len(REPLIES_EN)]
    article = clean_text(page)
    assert STORY_EN[0] in article.text and STORY_EN[-1] in article.text
    for _name, said, back in REPLIES_EN:
        assert not [line for line in said + back if line in article.text]


def test_a_time_inside_a_paragraph_is_no_stamp():
    # The same clock in longer text (a timetable's sentences) is not a post's header.
    posts = "".join(
        f'<div class="stop"><p>{p} The first tram leaves at 0{i}:15.</p></div>' for i, p in enumerate(STORY_EN)
    )
    assert threads.find(parse_html(f"<html><body>{posts}</body></html>")) == []
