"""End to end in Chinese: every page opened with `lang=zh` in Chromium, normal and presenter mode, screenshots in
test-artifacts/e2e/zh/. The page speaks Chinese (its title, no English word in the text a reader sees outside
tests/english.py's allow-list, also inside the step-through page's stepper), no exception, no cut button label, no
chart text out of its box; and a CJK font is installed, so the screenshots show characters, not boxes (in CI a
missing font is a failure, not a skip)."""

import os
import re
import subprocess

import pytest

from lstm_viz import words
from tests.english import ALLOWED, IDENTIFIER, PATH, WORD, task_tokens
from tests.test_e2e import (  # noqa: F401 (fixtures)
    ARTIFACTS,
    CROWDED_TEXT,
    CUT_LABELS,
    STEPPER,
    chromium_browser,
    open_page,
    server,
    tab,
)

pytestmark = pytest.mark.e2e

ZH = ARTIFACTS / "zh"
PAGES = {
    "home": "?task=counting&seq=2",
    "step": "step?task=remember_first&seq=11&t=3&unit=1",
    "heatmaps": "heatmaps?task=counting&seq=2",
    "train": "train?task=counting",
    "why": "why?task=remember_first&wtask=remember_first&len=20",
    "model": "model?task=counting&ex=negation_embedding_lstm&mt=4&munit=2",
}
CJK = re.compile(r"[\u4e00-\u9fff]")
# The visible text of a part of the page without its formulas (KaTeX writes W_{xi} as "Wxi"), code and icons (a
# Material icon is a word drawn as a ligature: "home").
PROSE = """part => {
    const root = document.querySelector(`[data-testid="${part}"]`);
    root.querySelectorAll('.katex, code, pre, [data-testid="stIconMaterial"], [aria-hidden="true"][translate="no"]')
        .forEach(e => e.remove());
    return root.innerText;
}"""


def cjk_font() -> bool:
    try:
        out = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return bool(out.strip())


@pytest.fixture(scope="module", autouse=True)
def font():
    if not cjk_font():
        message = "no CJK font (fc-list :lang=zh is empty): apt-get install fonts-wqy-zenhei"
        if os.environ.get("LSTM_VIZ_REQUIRE_BROWSER"):
            pytest.fail(message + " (CI installs it: the Chinese screenshots must show characters)")
        pytest.skip(message)


# Streamlit's own words in its file uploader's drop zone ("Drag and drop file here", "Limit 2MB per file",
# "Browse files", "Upload"): Streamlit does not translate them and lets an app set none of them.
STREAMLIT_OWN = {"drag", "and", "drop", "file", "files", "here", "limit", "per", "browse", "upload", "mb"}
# The names a Chinese catalogue module says it keeps (its KEEP_ENGLISH: layer and option names, link parameters).
KEPT = {w.lower() for m in words.zh.__all__ for w in getattr(getattr(words.zh, m), "KEEP_ENGLISH", ())}
DATA = re.compile(r"[ABCD]+|[ab]+")  # a sequence of a task's symbols written together (AADBC, abba)


def english_in(text: str) -> list[str]:
    """English words in a text a reader sees, outside the allow-list, the kept names, Streamlit's own uploader
    words and the tasks' data."""
    ok = ALLOWED | task_tokens() | KEPT | STREAMLIT_OWN
    prose = IDENTIFIER.sub(" ", PATH.sub(" ", re.sub(r"https?://\S+", " ", text)))
    return [w for w in WORD.findall(prose) if w.lower().strip("'") not in ok and not DATA.fullmatch(w)]


@pytest.mark.parametrize("presenter", [False, True], ids=["normal", "presenter"])
@pytest.mark.parametrize("name", PAGES)
def test_every_page_in_chinese(server, tab, name, presenter):  # noqa: F811 (the fixtures imported above)
    open_page(tab, f"{server}/{PAGES[name]}&lang=zh" + ("&presenter=1" if presenter else ""))
    if name != "train":
        tab.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
    tab.wait_for_timeout(800)
    title = tab.locator("h1").first.inner_text()
    assert CJK.search(title), title
    side = tab.locator('[data-testid="stSidebar"]').inner_text()
    assert all(t in side for t in words.zh.common.PAGES.values()), side[:200]
    if name == "step":
        strip = tab.frame_locator(STEPPER).locator("body").inner_text()
        assert english_in(strip) == [], strip[:200]
    assert tab.evaluate(CUT_LABELS) == []
    if presenter:
        assert tab.evaluate(CROWDED_TEXT) == []
    ZH.mkdir(parents=True, exist_ok=True)
    tab.set_viewport_size({"width": 1280, "height": 2600})
    tab.wait_for_timeout(800)
    tab.screenshot(path=ZH / f"{name}{'-presenter' if presenter else ''}.png", full_page=True)
    # Last (it takes the formulas out of the page): the text a reader sees, but formulas and code.
    for part in ("stMain", "stSidebar"):
        text = tab.evaluate(PROSE, part)
        assert english_in(text) == [], (part, english_in(text)[:20])
