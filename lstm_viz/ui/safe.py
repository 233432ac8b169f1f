"""User text shown safely: Streamlit renders markdown in st.error, st.info and st.markdown, so any text
that came from a user (or from a link) is escaped first and appears exactly as typed, never as
markdown, LaTeX or HTML."""

from __future__ import annotations

import re

_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:&])")


def plain(text: str, limit: int = 80) -> str:
    """`text` as literal markdown: every markdown, LaTeX ($) and HTML character escaped, cut to `limit`."""
    text = str(text)
    if len(text) > limit:
        text = text[:limit] + "…"
    return _SPECIAL.sub(r"\\\1", text.replace("\n", " "))
