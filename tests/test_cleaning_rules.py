"""Per-site rules: parsing, matching, errors that name the file and line, and their effect."""

from __future__ import annotations

import pytest

from newsdigest import clean_text
from newsdigest.cleaning.rules import RulesError, find_rules, load_rules, parse_rules
from newsdigest.errors import UsageError

STORY = """Home | World | Business

Harbour pilots agree new pay deal

By Nadia Costa

Harbour pilots at Port Averley accepted a new two-year pay deal on Tuesday, ending a dispute that had delayed ships \
for almost a week.

Listen to this article (3 minutes)

The agreement raises pay by five percent this year and four percent next year, the pilots' association said in a \
statement.

FACT BOX: Pilots guide about 40 ships a day through the narrow channel.

Port managers said the backlog of waiting vessels should be cleared by the weekend, and apologised to shipping lines \
for the delays.

© 2025 Averley Shipping News
"""

RULES = """
[sites."averley-news.example"]
names = ["Averley Shipping News"]
drop_lines = ['^Listen to this article']
keep_lines = ['^FACT BOX:']
"""


def test_rules_drop_and_keep_lines_for_a_matching_publisher():
    plain = clean_text(STORY, format="text")
    ruled = clean_text(STORY, format="text", rules=parse_rules(RULES))
    assert "Listen to this article" not in ruled.text
    assert "FACT BOX: Pilots guide" in ruled.text
    reason = next(r.reason for r in ruled.removed if r.text.startswith("Listen to this article"))
    assert "site rule" in reason and "averley-news.example" in reason
    # The rules are what changed the result.
    assert plain.text != ruled.text


def test_rules_match_on_url_domain_and_subdomains():
    rules = parse_rules(RULES)
    assert rules.for_page("https://www.averley-news.example/a/b", None)
    assert rules.for_page("https://m.averley-news.example/a", None)
    assert rules.for_page("https://not-averley-news.example/a", None) is None
    assert rules.for_page(None, "averley shipping news")
    assert rules.for_page(None, "Other Paper") is None


def test_star_site_applies_everywhere():
    rules = parse_rules('[sites."*"]\ndrop_lines = ["^Port managers"]\n')
    article = clean_text(STORY, format="text", rules=rules)
    assert "Port managers said" not in article.text
    assert "Harbour pilots at Port Averley" in article.text


def test_rules_for_another_site_change_nothing():
    rules = parse_rules('[sites."elsewhere.example"]\ndrop_lines = ["Harbour pilots"]\n')
    assert clean_text(STORY, format="text", rules=rules).text == clean_text(STORY, format="text").text


HTML = """<html><head><meta property="og:site_name" content="Averley Shipping News">
<link rel="canonical" href="https://averley-news.example/pilots"></head><body>
<article><h1>Harbour pilots agree new pay deal</h1>
<p>Harbour pilots at Port Averley accepted a new two-year pay deal on Tuesday, ending a dispute that had delayed \
ships for almost a week.</p>
<div class="promo-box"><p>Our new podcast about ports and the people who run them is out now, with a first episode \
recorded on the quay at dawn.</p></div>
<p>The agreement raises pay by five percent this year and four percent next year, the pilots' association said in a \
statement.</p>
<p>Port managers said the backlog of waiting vessels should be cleared by the weekend, and apologised to shipping \
lines for the delays.</p>
</article></body></html>"""


def test_css_selectors_drop_elements_of_html_pages():
    rules = parse_rules('[sites."averley-news.example"]\ndrop_selectors = ["div.promo-box"]\n')
    plain = clean_text(HTML, format="html")
    ruled = clean_text(HTML, format="html", rules=rules)
    assert "podcast" not in ruled.text
    assert "Harbour pilots at Port Averley" in ruled.text
    assert any("div.promo-box" in r.reason for r in ruled.removed)
    assert "podcast" in plain.text or any("podcast" in r.text for r in plain.removed)


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('[sites."a.example"]\ndrop_lines = ["(unclosed"]\n', 2, "bad regular expression"),
        ('[sites."a.example"]\n\ndrop_selectors = ["div[["]\n', 3, "bad CSS selector"),
        ('[sites."a.example"]\ndrop_line = ["x"]\n', 2, "unknown key 'drop_line'"),
        ('[sites."a.example"]\nkeep_lines = "x"\n', 2, "must be a list of strings"),
        ('[site."a.example"]\n', 1, "unknown table"),
        ('[sites."a.example"\ndrop_lines = []\n', 1, "not valid TOML"),
    ],
)
def test_bad_rules_name_the_file_and_line(tmp_path, text, line, words):
    path = tmp_path / "rules.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RulesError) as err:
        load_rules(path)
    message = str(err.value)
    assert str(path) in message
    assert words in message
    assert f"line {line}" in message
    assert isinstance(err.value, UsageError)  # the CLI maps it to the usage exit code


def test_missing_rules_file_is_an_error(tmp_path):
    with pytest.raises(RulesError, match="not found"):
        load_rules(tmp_path / "nope.toml")


def test_config_folder_rules_are_found(tmp_path, monkeypatch):
    folder = tmp_path / "config"
    (folder / "newsdigest").mkdir(parents=True)
    (folder / "newsdigest" / "rules.toml").write_text('[sites."*"]\ndrop_lines = ["x"]\n', encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder))
    monkeypatch.setattr("platformdirs.user_config_dir", lambda name: str(folder / name))
    rules = find_rules(None)
    assert rules is not None and rules.sites[0].key == "*"
    assert find_rules(tmp_path / "config" / "newsdigest" / "rules.toml") is not None


def test_cli_rules_option(tmp_path):
    from newsdigest.app.cli import main

    page = tmp_path / "page.txt"
    page.write_text(STORY, encoding="utf-8")
    rules = tmp_path / "rules.toml"
    rules.write_text(RULES, encoding="utf-8")
    with pytest.raises(SystemExit) as done:
        main(["clean", str(page), "--rules", str(rules), "--format", "text"])
    assert done.value.code == 0
    bad = tmp_path / "bad.toml"
    bad.write_text('[sites."x"]\ndrop_lines = ["("]\n', encoding="utf-8")
    with pytest.raises(SystemExit) as done:
        main(["clean", str(page), "--rules", str(bad)])
    assert done.value.code == 2


def test_the_readme_example_is_a_valid_rules_file():
    import re
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    blocks = [b for b in re.findall(r"```toml\n(.*?)```", readme, flags=re.S) if "drop_selectors" in b]
    assert blocks, "the README shows an example rules file"
    rules = parse_rules(blocks[0], "README.md")
    assert rules.for_page("https://www.northern-tribune.example/story", None)
    assert rules.for_page(None, "Northern Tribune")
