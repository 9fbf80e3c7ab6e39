"""Per-site cleaning rules from a TOML file, for the pages the classifier gets wrong.

A rules file names sites and, for each, extra lines to drop or keep (regular
expressions, searched in each line) and, for HTML pages, CSS selectors of
elements to drop or keep. A site is matched on the page's URL domain (the
domain itself or any subdomain) or on its publisher / site name::

    [sites."northern-tribune.example"]
    names = ["Northern Tribune"]                # publisher names that also match
    drop_lines = ['^Listen to this article', '^Sponsored by ']
    keep_lines = ['^Editor.s note:']
    drop_selectors = ["div.promo-box", "#newsletter-signup"]
    keep_selectors = ["aside.fact-box"]

    [sites."*"]                                 # rules for every page
    drop_lines = ['^Advertisement$']

Keep wins over drop, and both win over the classifier. A file that cannot be
used raises `RulesError` naming the file and the line.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..errors import UsageError

RULE_KEYS = ("names", "drop_lines", "keep_lines", "drop_selectors", "keep_selectors")
CONFIG_NAME = "rules.toml"


class RulesError(UsageError):
    """A rules file that cannot be read or used; the message names the file and line."""


@dataclass(frozen=True)
class SiteRules:
    """The rules that apply to one page (every matching site's rules together)."""

    drop_lines: tuple[re.Pattern, ...] = ()
    keep_lines: tuple[re.Pattern, ...] = ()
    drop_selectors: tuple[str, ...] = ()
    keep_selectors: tuple[str, ...] = ()
    sites: tuple[str, ...] = ()

    def judge_line(self, line: str) -> str | None:
        """ "keep", a reason to drop, or None when no rule speaks about `line`."""
        for pattern in self.keep_lines:
            if pattern.search(line):
                return "keep"
        for pattern in self.drop_lines:
            if pattern.search(line):
                return f"dropped by site rule ({', '.join(self.sites)}: {pattern.pattern!r})"
        return None

    @staticmethod
    def select(root, selector: str) -> list:
        from lxml.cssselect import CSSSelector

        return CSSSelector(selector)(root)

    def __bool__(self) -> bool:
        return bool(self.drop_lines or self.keep_lines or self.drop_selectors or self.keep_selectors)


@dataclass(frozen=True)
class _Site:
    key: str
    names: tuple[str, ...]
    rules: SiteRules


@dataclass(frozen=True)
class RuleSet:
    """All the sites of a rules file."""

    path: str
    sites: tuple[_Site, ...] = field(default_factory=tuple)

    def for_page(self, url: str | None, publisher: str | None) -> SiteRules | None:
        """The rules of every site matching the page's URL domain or publisher, merged; None if none match."""
        host = _host(url)
        pub = (publisher or "").casefold().strip()
        matched = []
        for site in self.sites:
            if (
                site.key == "*"
                or (host and (host == site.key or host.endswith("." + site.key)))
                or (pub and pub in site.names)
            ):
                matched.append(site)
        if not matched:
            return None
        return SiteRules(
            drop_lines=tuple(p for s in matched for p in s.rules.drop_lines),
            keep_lines=tuple(p for s in matched for p in s.rules.keep_lines),
            drop_selectors=tuple(p for s in matched for p in s.rules.drop_selectors),
            keep_selectors=tuple(p for s in matched for p in s.rules.keep_selectors),
            sites=tuple(s.key for s in matched),
        )


def _host(url: str | None) -> str:
    if not url:
        return ""

    host = (urlsplit(url if "//" in url else "//" + url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def _line_of(text: str, needle: str) -> int | None:
    """The first line of the file that contains `needle` (to point the user at a bad value)."""
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return number
    return None


def parse_rules(text: str, path: str = "<rules>") -> RuleSet:
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise RulesError(f"not valid TOML: {err}", path) from None

    def fail(message: str, needle: str) -> RulesError:
        line = _line_of(text, needle)
        where = f"line {line}: " if line else ""
        return RulesError(f"{where}{message}", path)

    unknown = set(data) - {"sites"}
    if unknown:
        key = sorted(unknown)[0]
        raise fail(f'unknown table or key {key!r} (expected [sites."DOMAIN"] tables)', key)
    sites = data.get("sites", {})
    if not isinstance(sites, dict):
        raise fail("'sites' must be a table of [sites.\"DOMAIN\"] tables", "sites")
    out = []
    for key, table in sites.items():
        if not isinstance(table, dict):
            raise fail(f"site {key!r} must be a table", key)
        for name, value in table.items():
            if name not in RULE_KEYS:
                raise fail(f"site {key!r}: unknown key {name!r} (known: {', '.join(RULE_KEYS)})", name)
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise fail(f"site {key!r}: {name} must be a list of strings", name)
        patterns = {}
        for name in ("drop_lines", "keep_lines"):
            compiled = []
            for pattern in table.get(name, []):
                try:
                    compiled.append(re.compile(pattern))
                except re.error as err:
                    raise fail(f"site {key!r}: {name}: bad regular expression {pattern!r} ({err})", pattern) from None
            patterns[name] = tuple(compiled)
        for name in ("drop_selectors", "keep_selectors"):
            for selector in table.get(name, []):
                _check_selector(selector, f"site {key!r}: {name}", fail)
        rules = SiteRules(
            drop_lines=patterns["drop_lines"],
            keep_lines=patterns["keep_lines"],
            drop_selectors=tuple(table.get("drop_selectors", [])),
            keep_selectors=tuple(table.get("keep_selectors", [])),
            sites=(key,),
        )
        names = tuple(n.casefold().strip() for n in table.get("names", []))
        out.append(_Site(key.lower().removeprefix("www."), names, rules))
    return RuleSet(path, tuple(out))


def _check_selector(selector: str, where: str, fail) -> None:
    try:
        from cssselect import GenericTranslator, SelectorError
    except ImportError:  # lxml's CSS support needs cssselect; without it selectors fail at use
        return
    try:
        GenericTranslator().css_to_xpath(selector)
    except SelectorError as err:
        raise fail(f"{where}: bad CSS selector {selector!r} ({err})", selector) from None


def load_rules(path: str | os.PathLike) -> RuleSet:
    path = os.fspath(path)
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except FileNotFoundError:
        raise RulesError("rules file not found", path) from None
    except (OSError, UnicodeDecodeError) as err:
        raise RulesError(f"cannot read the rules file ({err})", path) from None
    return parse_rules(text, path)


def default_rules_path() -> str:
    """rules.toml in the user's config folder (e.g. ~/.config/newsdigest/rules.toml on Linux)."""
    import platformdirs

    return os.path.join(platformdirs.user_config_dir("newsdigest"), CONFIG_NAME)


def find_rules(path: str | os.PathLike | None) -> RuleSet | None:
    """The rules from `path`, else from the config folder's rules.toml if there is one, else None."""
    if path is not None:
        return load_rules(path)
    default = default_rules_path()
    return load_rules(default) if os.path.isfile(default) else None
