"""User text shown safely: Streamlit renders markdown in st.error, st.info and st.markdown, so any text
that came from a user (or from a link, or from a file) goes through `plain` first and appears exactly as
typed, never as markdown, LaTeX, HTML or a link.

Escaping with backslashes is not enough for links: Streamlit's markdown turns `www.…`, `http://…` and
e-mail addresses into live links after the escapes are read (GitHub's autolink literals). So every
whitespace-free run of the text that could become one is shown as an inline code span, which markdown
renders literally; so is a run holding an emoji shortcode (`:smile:`); the rest is backslash-escaped.
Either way the characters a user sees and copies are the ones typed, except bidirectional controls (U+202E
and its kind), which would reorder the text around them: they are written out as `\\u202e`.
"""

from __future__ import annotations

import re

_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:&/])")  # "/": Streamlit reads ":material/x:" before markdown
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# What a GFM autolink literal needs (an e-mail, www., a scheme), and an emoji shortcode (:smile:), which Streamlit's
# markdown turns into an emoji after the escapes are read: such runs are shown as code.
_LINKISH = re.compile(r"@|www\.|://|:[\w+-]+:", re.IGNORECASE)
_ICON = ":material/"  # Streamlit replaces this in the raw text, inside code spans too


def plain(text: str, limit: int = 80) -> str:
    """`text` as literal markdown, cut to `limit` characters: link-like runs as code spans, the rest escaped."""
    text = str(text)
    if len(text) > limit:
        text = text[:limit] + "…"
    text = _BIDI.sub(lambda m: f"\\u{ord(m.group()):04x}", text.replace("\n", " "))
    return "".join(
        _code(run) if _LINKISH.search(run) else _SPECIAL.sub(r"\\\1", run) for run in re.split(r"(\s+)", text)
    )


def _code(run: str) -> str:
    """A run without whitespace as an inline code span (its fence longer than any backticks in it; the spaces
    inside the fence are dropped by markdown). ":material/" is split around an escaped slash."""
    fence = "`" * (max(map(len, re.findall("`+", run)), default=0) + 1)
    pieces = run.split(_ICON)
    return "\\:material\\/".join(f"{fence} {p} {fence}" if p else "" for p in pieces)
