"""Prints the English words a Chinese reader would see on a page: `python tests/show_english.py [step|heatmaps|...]`
(a helper for translating; tests/english.py does the finding, the pages' tests assert there is none)."""

import sys

sys.path[:0] = ["tests", "."]
from english import english_words, texts  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

page = sys.argv[1] if len(sys.argv) > 1 else None
at = AppTest.from_file("../app.py", default_timeout=60)
at.query_params["lang"] = "zh"
at.run()
if page:
    at.switch_page(f"app_pages/{page}.py").run()
assert not at.exception, at.exception
words = english_words(at)
print(len(texts(at)), "texts;", len(words), "English words")
seen = set()
for w, t in words:
    if t not in seen:
        seen.add(t)
        print(repr(w), "|", t)
