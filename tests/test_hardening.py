"""Issue 14, hardening: user text is never a link or markup, a link's t and unit past the view are said, weights
files with deep or wrong metadata are refused by name, a crafted heat-map click is ignored, and a long pasted
sentence costs little, once."""

import json
import re
import time

import numpy as np
import pytest
from streamlit.elements.plotly_chart import PlotlySelectionState, PlotlyState
from streamlit.testing.v1 import AppTest

from lstm_viz import tasks
from lstm_viz.io import weights
from lstm_viz.ui.safe import plain
from lstm_viz.ui.state import RUNS
from tests.test_weights import small_model

APP = "../app.py"
EVIL = [
    "www.evil.example",
    "WWW.Evil.Example",
    "[click](http://evil.example)",
    "0.1 http://evil.example/x 0.3",
    "they do not hate www.evil.example",
    "www.evil.example [x](http://evil.example).safetensors",
    "<b>x</b>[y](http://evil.example)",
    "a@evil.example",
    "mailto:a@evil.example",
    "(https://evil.example)",
    "x`y``www.evil.example```z",
    ":material/home: :streamlit: $x$ :red[y] *z* <http://evil.example>",
    "a:material/b@evil.example",
]


# --- a reader of what `plain` writes: code spans and backslash escapes, nothing else ---

CODE_SPAN = re.compile(r"(`+) (.*?) \1(?!`)")


def outside_code(md: str) -> str:
    """The markdown with its code spans taken out: the only part that markdown reads."""
    return CODE_SPAN.sub(" ", md)


def shown(md: str) -> str:
    """The text a browser shows for `plain`'s markdown: code spans as they are, escaped characters unescaped."""
    out, pos = [], 0
    for m in CODE_SPAN.finditer(md):
        out.append(re.sub(r"\\(.)", r"\1", md[pos : m.start()]))
        out.append(m.group(2))
        pos = m.end()
    out.append(re.sub(r"\\(.)", r"\1", md[pos:]))
    return "".join(out)


def can_link(md: str) -> bool:
    """Whether an autolink literal (www., a scheme, an e-mail) is left outside the code spans once markdown has
    read the escapes, or a Streamlit icon (":material/" in the raw text)."""
    rest = outside_code(md)
    read = re.sub(r"\\(.)", r"\1", rest)
    return bool(re.search(r"www\.|://|@", read, re.IGNORECASE)) or ":material/" in rest


def forms_no_link(md: str) -> bool:
    """`plain`'s markdown: nothing can link, and no character outside the code spans is read as syntax (a link,
    tag, emphasis, code or LaTeX)."""
    return not can_link(md) and not re.search(r"[\[\]<>`*$:]", re.sub(r"\\.", "", outside_code(md)))


@pytest.mark.parametrize("text", EVIL)
def test_plain_shows_every_character_as_typed_and_forms_no_link(text):
    md = plain(text, 500)
    assert shown(md) == text
    assert forms_no_link(md), md


def test_plain_writes_bidi_controls_out():
    md = plain("abc\u202edef\u2066g\u200fh", 500)
    assert not re.search("[\u202a-\u202e\u2066-\u2069\u200e\u200f]", md)
    assert shown(md) == "abc\\u202edef\\u2066g\\u200fh"


# --- every message a page shows: user text in it forms no link ---


def app(path: str = "", query: dict | None = None) -> AppTest:
    """The app opened at a page by a link (the session's first run is that page's)."""
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    if path:
        at.switch_page(path)
    at.run()
    assert not at.exception, at.exception
    return at


def messages(at) -> list[str]:
    """Every warning, error and info box, in the sidebar and the page."""
    return [e.value for kind in ("warning", "error", "info") for e in getattr(at, kind)]


def upload(at, name: str, data: bytes):
    at.get("file_uploader")[0].set_value((name, data, "application/octet-stream")).run()
    assert not at.exception, at.exception


EVIL_NAME = "www.evil.example [x](http://evil.example).safetensors"
EVIL_TASK = "<b>x</b>[y](http://evil.example)"


def bad_upload():
    at = app("app_pages/train.py", {"task": "counting"})
    upload(at, EVIL_NAME, b"not weights")
    return at


def evil_task():
    at = app("app_pages/train.py", {"task": "counting"})
    upload(at, "w.safetensors", weights.to_bytes(small_model(), None, {"task": EVIL_TASK}))
    return at


# case: (how the page is reached, the user's text as the message writes it)
EVIL_VIEWS = {
    "a link's task": (lambda: app("", {"task": "www.evil.example"}), "www.evil.example"),
    "a link's task on the heat maps": (
        lambda: app("app_pages/heatmaps.py", {"task": "[click](http://evil.example)"}),
        "[click](http://evil.example)",
    ),
    "a typed sine": (
        lambda: app("", {"task": "sine", "text": "0.1 http://evil.example/x 0.3"}),
        "'http://evil.example/'",  # the word, cut to 20 characters
    ),
    "a typed sentence": (  # punctuation is dropped before the words are looked up: they are named one by one
        lambda: app("", {"task": "negation_sentiment", "text": "they do not hate www.evil.example"}),
        "'www', 'evil', 'example'",
    ),
    "a refused upload's name": (bad_upload, EVIL_NAME),
    "a weights file's task": (evil_task, EVIL_TASK),
}


@pytest.mark.parametrize("case", EVIL_VIEWS)
def test_user_text_in_a_message_is_shown_as_typed_and_is_never_a_link(case):
    make, text = EVIL_VIEWS[case]
    at = make()
    said = [m for m in messages(at) if text in shown(m)]
    assert said, messages(at)
    for m in said:
        assert not can_link(m), m


def test_an_opened_files_name_in_its_runs_title_is_never_a_link():
    at = app("app_pages/train.py", {"task": "counting"})
    upload(at, EVIL_NAME, weights.to_bytes(small_model()))
    upload(at, "second.safetensors", weights.to_bytes(small_model(seed=1)))  # two runs: their titles compared
    title = next(m.value for m in at.markdown if EVIL_NAME[:40] in shown(m.value))  # the label keeps 40 characters
    assert not can_link(title), title


# --- a link's t or unit past the view: said, with what is shown instead ---


@pytest.mark.parametrize(
    "query,t,unit,words",
    [
        ({"task": "counting", "seq": "3", "t": "150"}, 14, 0, "t = 150 is outside this sequence's steps (0 to 14): "
         "showing t = 14"),
        ({"task": "counting", "seq": "3", "t": "2", "unit": "500"}, 2, 15, "unit 500 is outside this model's units "
         "(0 to 15): showing unit 15"),
        ({"task": "counting", "text": "abab", "t": "4"}, 3, 0, "t = 4 is outside this sequence's steps (0 to 3): "
         "showing t = 3"),
        ({"task": "counting", "seq": "3", "t": "-2", "unit": "-1"}, 0, 0, "t = -2 is outside this sequence's steps "
         "(0 to 14): showing t = 0; unit -1 is outside this model's units (0 to 15): showing unit 0"),
    ],
)  # fmt: skip
def test_a_links_t_or_unit_past_the_view_is_said_with_what_is_shown(query, t, unit, words):
    at = app("app_pages/step.py", query)
    assert (at.session_state["t"], at.session_state["unit"]) == (t, unit)
    said = [shown(w.value) for w in at.warning]
    assert said == [f"From the link: {words}."], said
    at.slider(key="t").set_value(1 if t != 1 else 2).run()  # another step: the note is gone
    assert not at.warning and not at.exception


def test_a_link_inside_the_view_says_nothing():
    at = app("app_pages/step.py", {"task": "counting", "seq": "3", "t": "14", "unit": "15"})
    assert (at.session_state["t"], at.session_state["unit"]) == (14, 15) and not at.warning


# --- weights files with deep or wrong metadata, uploaded ---


@pytest.mark.parametrize(
    "config,field",
    [
        ("[" * 100_000, "config"),
        ("[" * 3_000, "config"),
        (json.dumps({"hidden_size": 5, "seq_len": "abc"}), "config.seq_len"),
        (json.dumps({"hidden_size": 5, "seq_len": None}), "config.seq_len"),
        (json.dumps({"hidden_size": 5, "seq_len": -5}), "config.seq_len"),
        (json.dumps({"hidden_size": 5, "seq_len": 1_000_000}), "config.seq_len"),
    ],
)
def test_an_upload_with_a_deep_or_wrong_config_is_refused_by_name(config, field):
    at = app("app_pages/train.py", {"task": "counting"})
    upload(at, "deep.safetensors", weights.to_bytes(small_model(), None, {"config": config}))
    assert RUNS not in at.session_state or at.session_state[RUNS] == []
    message = shown(" ".join(e.value for e in at.error))
    assert message.startswith(f"Not opened: deep.safetensors: {field}:") and "Nothing was changed" in message


def test_an_upload_of_a_header_nested_1_900_000_deep_is_refused_by_name():
    at = app("app_pages/train.py", {"task": "counting"})
    header = b'{"a":' + b"[" * 1_900_000
    upload(at, "deep.safetensors", len(header).to_bytes(8, "little") + header)
    message = shown(" ".join(e.value for e in at.error))
    assert message.startswith("Not opened: deep.safetensors: the header: JSON nested more than"), message


# --- a crafted heat-map click ---


def select(at, points):
    at.session_state["heatmaps"] = PlotlyState(
        {"selection": PlotlySelectionState({"points": points, "point_indices": [], "box": [], "lasso": []})}
    )
    at.run()


@pytest.mark.parametrize(
    "points",
    [
        [{"x": "nan", "y": 1}],
        [{"x": float("nan"), "y": 1}],
        [{"x": 2, "y": float("inf")}],
        [{"x": "inf", "y": "-inf"}],
        [{"x": [1, 2], "y": 1}],
        [{"x": None, "y": None}],
        [{"x": {"a": 1}, "y": True}],
        [{"x": 1e300, "y": 2}],
        [{"x": 3, "y": 99}],
        [None, 5, "x", [1]],
        "points",
        None,
    ],
    ids=repr,
)
def test_a_crafted_heatmap_click_is_ignored(points):
    at = app("app_pages/heatmaps.py", {"task": "counting", "seq": "2"})
    select(at, points)
    assert not at.exception, at.exception
    assert at.title[0].value == "Gate heat maps"


def test_a_real_heatmap_click_still_opens_the_step():
    at = app("app_pages/heatmaps.py", {"task": "counting", "seq": "2"})
    select(at, [{"x": "nan", "y": 0}, {"x": 3.0, "y": 2}])
    assert not at.exception and at.title[0].value == "Step through" and at.session_state["t"] == 3


# --- a long pasted sentence ---

NEG = tasks.get("negation_sentiment")


def test_segmenting_is_linear_in_the_text():
    for text in ("不" * 2000, "我" * 2000, "they do not hate " * 120):
        t0 = time.perf_counter()
        with pytest.raises(ValueError, match="too long"):
            NEG.parse(text)
        assert time.perf_counter() - t0 < 0.1  # 1 s before: every longest match tried every length
    assert NEG.token_labels(NEG.parse("我不喜欢吃苹果")) == ["·", "我", "不", "喜欢", "吃", "苹果"]


def test_a_bad_sentence_is_parsed_once_not_on_every_rerun(monkeypatch):
    calls = []
    parse = type(NEG).parse

    def counted(self, text, *args, **kwargs):
        calls.append(text)
        return parse(self, text, *args, **kwargs)

    monkeypatch.setattr(type(NEG), "parse", counted)
    text = "不" * 1990 + " " * int(np.random.default_rng().integers(1, 9))  # not in any earlier run's cache
    at = app("", {"task": "negation_sentiment", "text": text})
    assert "too long" in " ".join(e.value for e in at.sidebar.error)
    n = len([c for c in calls if c == text])
    at.run()
    at.run()
    assert len([c for c in calls if c == text]) == n == 1


def test_an_emoji_shortcode_typed_is_shown_as_typed():
    from lstm_viz.ui.safe import plain

    shown = plain("I said :smile: and :+1:")
    assert "` :smile: `" in shown and "` :+1: `" in shown
