"""Text from the data is data: render it as literal text, never as Markdown, links or images.

Pure functions (no Streamlit import), used wherever a page renders text that came from the account's
data (job names, alert messages, tool arguments and errors) or an answer built from it:

* :func:`escape` - plain data text for ``st.markdown``/``st.caption``: control characters removed,
  link and image syntax reduced to its label, every Markdown-active character backslash-escaped (so
  ``**``, ``[x](y)``, ``:red[...]``, ``$...$`` and bare URLs show as typed, nothing is fetched);
* :func:`defang` - an answer that is Markdown on purpose (bold, lists, tables): formatting kept, but
  images removed, absolute links reduced to their label, bare URLs and ``<autolinks>`` made inert;
* :func:`defang_stream` - :func:`defang` for streamed tokens, line by line;
* :func:`slack_text` - Slack ``mrkdwn``: ``&``, ``<``, ``>`` escaped (no ``<!channel>``, no links).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

_CONTROL = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_IMAGE = re.compile(r"!\[([^\]\n]*)\]\([^)\n]*\)")
_LINK = re.compile(r"\[([^\]\n]*)\]\(\s*([^)\s\n]*)[^)\n]*\)")
_REF_DEF = re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*\S+.*$", re.M)
_AUTOLINK = re.compile(r"<((?:[a-zA-Z][a-zA-Z0-9+.-]{1,31}:|www\.)[^>\s]*)>")
_BARE_URL = re.compile(r"\b([a-zA-Z][a-zA-Z0-9+.-]{1,31})://|\b(www)\.", re.I)
_EMAIL_AT = re.compile(r"(?<=[\w.+-])@(?=[\w-]+\.)")
#: U+2060 WORD JOINER: invisible, but GFM's autolink pass (which runs on the parsed text, after escapes)
#: no longer sees ``http://``, ``www.`` or ``a@b.c``.
JOINER = "\u2060"
_MD_ACTIVE = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$=^&])")


def strip_controls(text: str) -> str:
    """Without terminal escape sequences, control characters and bidi/zero-width marks (newline and tab kept)."""
    return _CONTROL.sub("", text)


def _labels(text: str) -> str:
    """Images and links reduced to their label."""
    return _LINK.sub(r"\1", _IMAGE.sub(r"\1", text))


def _no_autolinks(text: str) -> str:
    text = _BARE_URL.sub(lambda m: f"{m.group(1)}{JOINER}://" if m.group(1) else f"{m.group(2)}{JOINER}.", text)
    return _EMAIL_AT.sub(f"{JOINER}@", text)


def escape(value: object) -> str:
    """``value`` as literal text in Markdown: nothing in it formats, links or loads."""
    if value is None:
        return ""
    text = _no_autolinks(_labels(strip_controls(str(value))))
    return _MD_ACTIVE.sub(r"\\\1", text).replace("\n", "  \n")


def _relative(url: str) -> bool:
    return url.startswith(("/", "?", "#")) and not url.startswith("//")


def defang(markdown: str | None) -> str:
    """Markdown with its formatting kept but no image, no absolute link and no live bare URL."""
    if not markdown:
        return markdown or ""
    text = strip_controls(markdown)
    text = _IMAGE.sub(lambda m: escape(m.group(1)), text)
    text = _LINK.sub(lambda m: m.group(0) if _relative(m.group(2)) else m.group(1), text)
    text = _REF_DEF.sub("", text)
    text = _AUTOLINK.sub(lambda m: "\\<" + m.group(1) + "\\>", text)
    return _no_autolinks(text)


def defang_stream(chunks: Iterable[str]) -> Iterator[str]:
    """:func:`defang` over streamed chunks: whole lines at a time (a link never spans a line break)."""
    buffer = ""
    for chunk in chunks:
        buffer += chunk
        cut = buffer.rfind("\n")
        if cut >= 0:
            yield defang(buffer[: cut + 1])
            buffer = buffer[cut + 1:]
    if buffer:
        yield defang(buffer)


def slack_text(value: object) -> str:
    """Text for Slack ``mrkdwn``: control characters removed, ``&``/``<``/``>`` escaped as Slack requires,
    so data cannot write ``<!channel>``, ``<@user>`` or ``<url|label>``."""
    text = strip_controls("" if value is None else str(value))
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
