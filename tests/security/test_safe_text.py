"""ui.safe_text: what data text becomes before a page renders it."""

from __future__ import annotations

import pytest
from health_monitor.ui import safe_text

PLANTED = "nightly [click me](http://evil.test/x) ![pixel](http://evil.test/p.png) **ALL CLEAR** :red[ok] $x$"


def _unescape(text: str) -> str:
    return text.replace("\\", "").replace(safe_text.JOINER, "")


def test_escape_keeps_the_text_but_nothing_formats_links_or_loads():
    out = safe_text.escape(PLANTED)
    assert "](" not in out and "(http" not in out and "![" not in out
    assert "\\*\\*ALL CLEAR\\*\\*" in out and "\\:red\\[ok\\]" in out and "\\$x\\$" in out
    assert _unescape(out) == "nightly click me pixel **ALL CLEAR** :red[ok] $x$"


@pytest.mark.parametrize("url", ["http://evil.test/x", "https://evil.test", "www.evil.test"])
def test_escape_makes_bare_urls_inert(url):
    out = safe_text.escape(f"see {url} now")
    assert url not in out and _unescape(out) == f"see {url} now"


def test_escape_drops_control_and_bidi_characters():
    assert safe_text.escape("job\x1b[31mRED\x1b[0m\u202e\x07") == "jobRED"
    assert safe_text.escape(None) == ""


def test_defang_keeps_formatting_but_no_images_or_absolute_links():
    answer = ("**Costs** rose 40 % in `ml-workspace`.\n\n| job | cost |\n|---|---|\n| a | 1 |\n"
              "See [the cost page](/cost) or [this](https://evil.test/x) ![img](http://127.0.0.1:9/p.png)\n"
              "visit http://evil.test or <https://evil.test/a> or www.evil.test\n[ref]: http://evil.test\n")
    out = safe_text.defang(answer)
    assert "**Costs**" in out and "| job | cost |" in out and "[the cost page](/cost)" in out
    assert "https://evil.test/x" not in out and "this" in out and "p.png" not in out and "![" not in out
    assert "http://evil.test" not in out and "https://" not in out and "www.evil" not in out
    assert f"\\<https{safe_text.JOINER}://" in out  # an <autolink> shows as typed, inert
    assert "[ref]:" not in out


def test_defang_stream_is_defang_line_by_line():
    tokens = ["Visit [he", "re](http://ev", "il.test) now\nand ", "![x](http://e.test/p.png)", " done"]
    streamed = "".join(safe_text.defang_stream(tokens))
    assert streamed == safe_text.defang("".join(tokens))
    assert "evil" not in streamed and "p.png" not in streamed


def test_slack_text_escapes_mentions_and_links():
    out = safe_text.slack_text("<!channel> job <http://evil.test|click> & \x1b[2J")
    assert out == "&lt;!channel&gt; job &lt;http://evil.test|click&gt; &amp; "


def test_slack_payload_from_planted_data_pings_and_links_nobody():
    from datetime import datetime, timezone

    from health_monitor.alerts.channels.base import ChannelConfig, Notification
    from health_monitor.alerts.channels.email import email_message
    from health_monitor.alerts.channels.slack import slack_payload

    n = Notification(kind="trigger", rule_name="Job <!channel> failed\r\nBcc: x@evil.test", dedup_key="k",
                     severity="high", subject="<http://evil.test|click here>", value=3.0, threshold=1.0,
                     message="job <!here> & <@U123> \x1b[2J failed", at=datetime(2026, 1, 15, tzinfo=timezone.utc))
    payload = slack_payload(n, "https://hm.example.test")
    # what Slack parses as mrkdwn: the fallback text and every mrkdwn block (the header is plain_text)
    body = str([payload["text"], *[b for b in payload["blocks"] if b["type"] != "header"]])
    assert "<!channel>" not in body and "<!here>" not in body and "<@U123>" not in body
    assert "<http://evil.test|click here>" not in body and "&lt;!channel&gt;" in body and "\x1b" not in body
    assert "<https://hm.example.test/alerts?alert=k|Open in Health Monitor>" in body  # the product's own link
    msg = email_message(n, ChannelConfig(), ["ops@company.com"])
    assert "\n" not in msg["Subject"] and msg["Bcc"] is None
