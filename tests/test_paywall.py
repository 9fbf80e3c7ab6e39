"""Paywalled and truncated pages: paywalled true/false/null from JSON-LD, the marker, --skip-paywalled."""

from __future__ import annotations

import json
import os

import pytest
from conftest import run_cli

from newsdigest.api import clean_text
from newsdigest.cleaning.paywall import MIN_BODY_WORDS, declared_free, free_flag, paywalled

BASE = {"SOURCE_DATE_EPOCH": "1795000000", "NEWSDIGEST_CONFIG": os.devnull}
TEASER = (
    "The Greyhaven harbor authority approved a plan on Tuesday to dredge the eastern channel for the first time in "
    "thirty years.",
    "Pilots have warned for months that silt left larger ships waiting outside the breakwater for the evening tide.",
)
REST = [
    f"Paragraph {n} of the full story goes on about the dredging contract, the barges, the spoil site and the cost to "
    f"the port's users."
    for n in range(1, 12)
]


def page(ld: dict | None, paragraphs=TEASER, title="Greyhaven to dredge eastern channel") -> str:
    script = f'<script type="application/ld+json">{json.dumps(ld)}</script>' if ld is not None else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<html lang=en><head><title>{title}</title>{script}</head>"
        f"<body><article><h1>{title}</h1>{body}</article></body></html>"
    )


def full_body() -> str:
    return "\n".join([*TEASER, *REST])


@pytest.mark.parametrize(
    "value, expected",
    [
        (False, False),
        ("False", False),
        ("false", False),
        ("https://schema.org/False", False),
        (True, True),
        ("True", True),
        ("maybe", None),
        (None, None),
        (0, None),
    ],
)
def test_free_flag_reads_booleans_and_their_spellings(value, expected):
    assert free_flag(value) is expected


def test_declared_on_the_article_or_on_a_part():
    assert declared_free([{"@type": "NewsArticle", "isAccessibleForFree": "False"}]) is False
    part = {"@type": "WebPageElement", "isAccessibleForFree": False, "cssSelector": ".paywall"}
    assert declared_free([{"@type": "NewsArticle", "isAccessibleForFree": True, "hasPart": [part]}]) is False
    assert declared_free([{"@type": ["Article", "NewsArticle"], "isAccessibleForFree": "true"}]) is True
    assert declared_free([{"@type": "Organization", "isAccessibleForFree": False}]) is None  # not about the page
    assert declared_free([{"@type": "NewsArticle"}]) is None


def test_the_articlebody_share_decides_when_there_is_one():
    body = " ".join(["word"] * 400)
    assert paywalled([{"@type": "NewsArticle", "articleBody": body}], 60) is True  # 15% of the body: a teaser
    assert paywalled([{"@type": "NewsArticle", "articleBody": body}], 390) is False
    # a subscriber's full copy of a page that says it is not free: the text covers the body
    assert paywalled([{"@type": "NewsArticle", "isAccessibleForFree": False, "articleBody": body}], 380) is False
    short = " ".join(["word"] * (MIN_BODY_WORDS - 1))
    assert paywalled([{"@type": "NewsArticle", "articleBody": short}], 10) is None  # too short to compare


def test_pages_get_the_flag_and_plain_text_gets_null():
    assert clean_text(page({"@type": "NewsArticle", "isAccessibleForFree": "False"})).meta.paywalled is True
    assert clean_text(page({"@type": "NewsArticle", "articleBody": full_body()})).meta.paywalled is True
    assert (
        clean_text(page({"@type": "NewsArticle", "articleBody": full_body()}, [*TEASER, *REST])).meta.paywalled is False
    )
    assert clean_text(page({"@type": "NewsArticle", "isAccessibleForFree": True})).meta.paywalled is False
    assert clean_text(page(None)).meta.paywalled is None
    assert clean_text("Harbor dredging plan\n\n" + "\n\n".join(TEASER), "text").meta.paywalled is None


def test_no_phrase_decides(tmp_path):
    # "Subscribe to continue reading" in a free page's text says nothing about a paywall here.
    text = page(None, [*TEASER, "Subscribe to continue reading. Already a subscriber? Log in."])
    assert clean_text(text).meta.paywalled is None


def write_inbox(folder):
    folder.mkdir()
    (folder / "locked.html").write_text(
        page({"@type": "NewsArticle", "isAccessibleForFree": "false"}), encoding="utf-8"
    )
    (folder / "open.html").write_text(
        page(
            {"@type": "NewsArticle", "isAccessibleForFree": True},
            [
                "Volunteers planted four thousand oak seedlings along the Tallow river on Saturday, the parks "
                "department said.",
                "The trees should shade the water and cool it for trout within fifteen years, according to the "
                "department's ecologist.",
            ],
            title="Volunteers plant oaks along the Tallow",
        ),
        encoding="utf-8",
    )
    return folder


def test_summarize_json_has_the_field(tmp_path):
    folder = write_inbox(tmp_path / "in")
    docs = json.loads(
        run_cli("summarize", str(folder / "locked.html"), str(folder / "open.html"), "--format", "json").stdout
    )
    assert [d["paywalled"] for d in docs] == [True, False]


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "rich", "email"])
def test_every_digest_format_marks_a_paywalled_story(tmp_path, fmt):
    folder = write_inbox(tmp_path / "in")
    out = run_cli("digest", str(folder), "--format", fmt, "--to", "me@example.org", env=BASE).stdout.decode()
    if fmt == "email":
        import email

        message = email.message_from_string(out)
        parts = [p.get_payload(decode=True).decode() for p in message.walk() if p.get_content_maintype() == "text"]
        assert parts and all(p.count("paywalled — the summary may be of a teaser") == 1 for p in parts)
    else:
        assert out.count("paywalled — the summary may be of a teaser") == 1


def test_digest_json_and_skip_paywalled(tmp_path):
    folder = write_inbox(tmp_path / "in")
    doc = json.loads(run_cli("digest", str(folder), "--format", "json", env=BASE).stdout)
    flags = {e["title"]: e["paywalled"] for g in doc["groups"] for e in g["entries"]}
    assert flags == {"Greyhaven to dredge eastern channel": True, "Volunteers plant oaks along the Tallow": False}
    result = run_cli("digest", str(folder), "--format", "json", "--skip-paywalled", env=BASE)
    doc = json.loads(result.stdout)
    assert [e["title"] for g in doc["groups"] for e in g["entries"]] == ["Volunteers plant oaks along the Tallow"]
    assert doc["counts"]["paywalled"] == 1 and doc["counts"]["inputs"] == 2
    text = run_cli("digest", str(folder), "--format", "text", "--skip-paywalled", env=BASE).stdout.decode()
    assert "1 paywalled skipped" in text
    # the setting from the environment, and the flag that turns it off again
    doc = json.loads(
        run_cli("digest", str(folder), "--format", "json", env={**BASE, "NEWSDIGEST_SKIP_PAYWALLED": "1"}).stdout
    )
    assert doc["counts"]["paywalled"] == 1
    doc = json.loads(
        run_cli(
            "digest",
            str(folder),
            "--format",
            "json",
            "--keep-paywalled",
            env={**BASE, "NEWSDIGEST_SKIP_PAYWALLED": "1"},
        ).stdout
    )
    assert doc["counts"]["paywalled"] == 0 and doc["counts"]["entries"] == 2
