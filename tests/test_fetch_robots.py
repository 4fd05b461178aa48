"""robots.txt as RFC 9309 reads it, in cases modelled on Google's robots.txt test suite.

Each case is (robots.txt, URL path, allowed?) for the product token
``followup``; the suite's names are kept in the ids so a failure says which
rule of the RFC broke.
"""

from __future__ import annotations

import pytest

from followup_cli.fetch.robots import (
    ROBOTS_MAX_BYTES,
    RobotsAnswer,
    parse_rules,
    robots_text,
    rules_from_answer,
)

SITE = "http://city.example"
AGENT = "followup"

GROUPS = (
    "allow: /foo/bar/\n"
    "\n"
    "user-agent: followup\n"
    "disallow: /\n"
    "allow: /x/\n"
    "user-agent: BarBot\n"
    "disallow: /\n"
    "allow: /y/\n"
    "\n"
    "user-agent: BazBot\n"
    "user-agent: followup\n"
    "allow: /z/\n"
    "disallow: /\n"
)

CASES: list[tuple[str, str, str, bool]] = [
    ("line_syntax_correct", "user-agent: followup\ndisallow: /\n", "/x/y", False),
    ("line_syntax_unknown_keys", "foo: followup\nbar: /\n", "/x/y", True),
    ("groups_own_group", GROUPS, "/x/b", True),
    ("groups_merged_with_a_later_one", GROUPS, "/z/d", True),
    ("groups_other_agents_rules_ignored", GROUPS, "/y/c", False),
    ("groups_rule_before_any_agent_ignored", GROUPS, "/foo/bar/", False),
    (
        "group_merging",
        "user-agent: followup\ndisallow: /x/\nuser-agent: BarBot\ndisallow: /\n"
        "user-agent: followup\ndisallow: /y/\n",
        "/y/page.html",
        False,
    ),
    (
        "group_merging_keeps_the_rest_open",
        "user-agent: followup\ndisallow: /x/\nuser-agent: BarBot\ndisallow: /\n"
        "user-agent: followup\ndisallow: /y/\n",
        "/z/page.html",
        True,
    ),
    (
        "line_names_case_insensitive",
        "USER-AGENT: followup\nALLOW: /x/\nDISALLOW: /\n",
        "/x/y",
        True,
    ),
    ("agent_value_case_insensitive", "User-Agent: FOLLOWUP\nDisallow: /\n", "/x/y", False),
    (
        "specific_group_replaces_global",
        "user-agent: *\ndisallow: /\nuser-agent: followup\nallow: /\n",
        "/x/y",
        True,
    ),
    ("global_group_applies", "user-agent: *\ndisallow: /x/\n", "/x/y", False),
    ("other_agents_group_ignored", "user-agent: BarBot\ndisallow: /\n", "/x/y", True),
    ("empty_file_allows", "", "/x/y", True),
    ("paths_case_sensitive", "user-agent: *\ndisallow: /X/\n", "/x/y", True),
    # The two cases the first-match reader of the standard library gets wrong.
    (
        "longest_match_disallow",
        "user-agent: *\nallow: /\ndisallow: /private/\n",
        "/private/a.html",
        False,
    ),
    (
        "longest_match_allow",
        "user-agent: *\ndisallow: /x/\nallow: /x/page.html\n",
        "/x/page.html",
        True,
    ),
    (
        "longest_match_pattern",
        "user-agent: *\nallow: /page\ndisallow: /*.html\n",
        "/page.html",
        False,
    ),
    ("longest_match_tie_allows", "user-agent: *\nallow: /page\ndisallow: /page\n", "/page", True),
    ("empty_disallow_allows", "user-agent: *\ndisallow:\n", "/x/y", True),
    ("wildcard_in_the_middle", "user-agent: *\ndisallow: /foo/*/qux\n", "/foo/bar/qux", False),
    ("wildcard_needs_the_rest", "user-agent: *\ndisallow: /foo/*/qux\n", "/foo/quz", True),
    ("dollar_anchors_the_end", "user-agent: *\ndisallow: /*.html$\n", "/r2/taiou.html", False),
    ("dollar_with_a_query", "user-agent: *\ndisallow: /*.html$\n", "/r2/taiou.html?p=1", True),
    ("dollar_exact_path", "user-agent: *\ndisallow: /foo/bar$\n", "/foo/bar/qux", True),
    ("query_pattern", "user-agent: *\ndisallow: /*?\n", "/search?q=1", False),
    (
        "comments_ignored",
        "# disallow: /\nuser-agent: *\ndisallow: /foo/quz#qux\n",
        "/foo/bar",
        True,
    ),
    ("comment_after_a_rule", "user-agent: *\ndisallow: /foo/quz#qux\n", "/foo/quz", False),
    (
        "utf8_rule_matches_percent_encoded_url",
        "user-agent: *\ndisallow: /評価/\n",
        "/%E8%A9%95%E4%BE%A1/r2.html",
        False,
    ),
    ("byte_order_mark_skipped", "\ufeffuser-agent: *\ndisallow: /\n", "/x/y", False),
    ("crlf_line_ends", "user-agent: *\r\ndisallow: /private/\r\n", "/private/a.html", False),
]


@pytest.mark.parametrize(
    ("text", "path", "allowed"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_robots_rules_follow_rfc_9309(text: str, path: str, allowed: bool) -> None:
    rules = parse_rules(SITE, text.encode("utf-8"))
    assert rules.allows(AGENT, SITE + path) is allowed


def test_crawl_delay_of_our_group() -> None:
    rules = parse_rules(
        SITE, b"user-agent: *\ncrawl-delay: 2\nuser-agent: followup\ncrawl-delay: 5\n"
    )
    assert rules.crawl_delay(AGENT) == 5.0


def test_only_the_first_500_kib_are_read_cut_at_a_whole_line() -> None:
    head = b"user-agent: *\ndisallow: /private/\n"
    filler = b"# " + b"x" * 1000 + b"\n"
    body = head + filler * (ROBOTS_MAX_BYTES // len(filler) + 1) + b"disallow: /late/\n" * 1000
    assert len(body) > ROBOTS_MAX_BYTES
    text = robots_text(body)
    assert len(text.encode()) <= ROBOTS_MAX_BYTES
    assert text.endswith("\n")
    rules = rules_from_answer(SITE, RobotsAnswer(200, body))
    assert not rules.allows(AGENT, SITE + "/private/a.html")
    # Rules past the limit are not read, and the site is not refused for its size.
    assert rules.allows(AGENT, SITE + "/late/a.html")


@pytest.mark.parametrize(
    ("answer", "allowed"),
    [
        (RobotsAnswer(404), True),
        (RobotsAnswer(403), True),
        (RobotsAnswer(410), True),
        (RobotsAnswer(500), False),
        (RobotsAnswer(503), False),
        (RobotsAnswer(None, error="connection failed"), False),
    ],
    ids=["404", "403", "410", "500", "503", "unreachable"],
)
def test_unavailable_and_unreachable_files_follow_the_rfc(
    answer: RobotsAnswer, allowed: bool
) -> None:
    rules = rules_from_answer(SITE, answer)
    assert rules.allows(AGENT, SITE + "/r2.html") is allowed
    if not allowed:
        assert rules.deny_reason is not None
        assert "nothing is fetched" in rules.deny_reason
