"""The home and step-through pages in 简体中文 (lang=zh): every state of the page speaks Chinese (tests/english.py
finds no English on the page, the sidebar aside), the sentences with numbers say the same numbers as in English, and
a link's step or unit past the view is named in Chinese."""

import json
import re

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from lstm_viz import explain, tasks, words
from lstm_viz.io import presets
from lstm_viz.ui.state import STEPPER
from tests import test_app
from tests.english import english_words

# Names, not prose: the gates' colour scale (Viridis) and a subscript in the GRU diagram's formula
# (W<sub>hn</sub>h<sub>t-1</sub>+b<sub>hn</sub>).
NOT_PROSE = {"viridis", "hn"}
NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?%?")


def app(lang: str, page: str | None = None, query: dict | None = None) -> AppTest:
    return test_app.app(page and f"app_pages/{page}.py", {"lang": lang, **(query or {})})


def speaks_chinese(at) -> None:
    assert not at.exception, at.exception
    assert english_words(at.main, allowed=NOT_PROSE) == []


def numbers(text: str) -> list[str]:
    return [n.lstrip("+") for n in NUMBER.findall(text)]


def sentences(at) -> list[str]:
    """The step page's "in words" sentences, one per quantity (each starts with its coloured symbol)."""
    return [m.value for m in at.main.markdown if m.value.startswith(":") and "[**" in m.value]


def frames(at) -> dict:
    (component,) = [e for e in at.main if getattr(e, "type", None) == "component_instance"]
    return json.loads(component.proto.json_args)["data"]


def test_home_speaks_chinese_and_its_tour_says_the_english_numbers():
    zh, en = app("zh"), app("en")
    speaks_chinese(zh)
    assert zh.title[0].value == words.zh.home.TITLE
    assert len(zh.latex) == 6 and [e.value for e in zh.latex] == [e.value for e in en.latex]
    guide = {lang: next(m.value for m in at.markdown if "1. **" in m.value) for lang, at in (("zh", zh), ("en", en))}
    assert "选一个任务" in guide["zh"] and "Pick a task" in guide["en"]
    # The tour's computed claims (the unit, its gates and its memory) are the same numbers in both languages.
    tour = [numbers(g[g.index("2. **") : g.index("4. **")]) for g in (guide["en"], guide["zh"])]
    assert sorted(tour[0]) == sorted(tour[1]) and len(tour[0]) >= 6
    zh.button(key="guide_step").click().run()
    speaks_chinese(zh)
    assert zh.title[0].value == words.zh.step.TITLE and zh.session_state["task"] == "remember_first"


VIEWS = {
    "remember_first, the preset LSTM": {"task": "remember_first", "seq": "3"},
    "counting, a GRU at random": {"task": "counting", "cell": "gru", "model": "random", "seq": "2", "t": "4"},
    "brackets, a plain RNN": {"task": "brackets", "cell": "rnn", "model": "random", "seq": "1"},
    "adding, peepholes": {"task": "adding", "cell": "lstm_ph", "model": "random", "unit": "2"},
    "sine, a coupled gate": {"task": "sine", "cell": "lstm_cifg", "model": "random"},
    "negation, padded": {"task": "negation_sentiment", "text": "I like apples", "t": "5"},
    "airline, no output activation, two layers": {
        "task": "airline", "cell": "lstm_noaf", "model": "random", "layers": "2", "layer": "1",
    },
    "counting, no forget gate": {"task": "counting", "cell": "lstm_nfg", "model": "random"},
    "counting, longer than trained on": {"task": "counting", "text": "ab" * 20},
    "counting, built by hand": {"task": "counting", "model": "textbook"},
    "remember_first, the exercise": {"task": "remember_first", "exercise": "1", "exq": "f,c", "t": "2"},
}  # fmt: skip


@pytest.mark.parametrize("view", VIEWS, ids=list(VIEWS))
def test_every_view_of_the_step_page_speaks_chinese_with_its_products_table(view):
    at = app("zh", "step", VIEWS[view])
    speaks_chinese(at)
    assert at.title[0].value == words.zh.step.TITLE
    at.toggle(key="show_products").set_value(True).run()
    speaks_chinese(at)
    table = at.main.dataframe[-1].value  # the last table on the page (the lesson of a model built by hand has one)
    assert list(table.columns) == list(words.zh.explain.PRODUCT_COLUMNS.values())
    at.session_state["eq_form"] = "concatenated"
    at.run()
    speaks_chinese(at)


def test_the_step_pages_sentences_and_stepper_say_the_same_numbers_in_both_languages():
    query = {"task": "counting", "seq": "5", "model": "random", "mseed": "3", "t": "4", "unit": "2"}
    zh, en = app("zh", "step", query), app("en", "step", query)
    said = {"zh": sentences(zh), "en": sentences(en)}
    assert len(said["zh"]) == len(said["en"]) == 6
    for z, e in zip(said["zh"], said["en"]):
        assert numbers(z) == numbers(e) or sorted(numbers(z)) == sorted(numbers(e)), (z, e)
    assert "单元 2 的遗忘门 f 为" in " ".join(said["zh"])
    zf, ef = frames(zh), frames(en)
    assert zf["labels"] == words.zh.step.STEPPER_LABELS and ef["labels"] == words.en.step.STEPPER_LABELS
    assert (zf["lang"], ef["lang"]) == ("zh", "en")
    assert [numbers(s) for s in zf["said"]] == [numbers(s) for s in ef["said"]]
    assert zf["said"][4].startswith("读到 ") and "模型在 t = 4 的输出" in zf["said"][4]
    running = {lang: next(c.value for c in at.main.caption if c.value.startswith(start))
               for lang, at, start in (("zh", zh, "每一步"), ("en", en, "At every step"))}  # fmt: skip
    assert numbers(running["zh"]) == numbers(running["en"])


def test_the_stepper_and_the_cell_diagram_move_with_the_page_in_chinese():
    at = app("zh", "step", {"task": "brackets", "seq": "1", "model": "preset"})
    at.session_state[STEPPER] = {"t": 3, "n": 1}  # Next, pressed in the browser
    at.run()
    speaks_chinese(at)
    assert at.session_state["t"] == 3
    model, _ = presets.load("brackets")
    task = tasks.get("brackets")
    x, _ = task.make_batch(1, task.default_config().seq_len, np.random.default_rng(1))
    trace = model.trace(x[0])
    out = model.outputs(trace)[3]
    assert frames(at)["said"][3] == "读到 {}：{}。".format(
        task.token_labels(x[0])[3], explain.output_words(task, x[0], out, 3, "zh")
    )
    diagram = next(json.loads(c.proto.spec) for c in at.main.get("plotly_chart"))
    hovers = " ".join(diagram["data"][0]["text"])
    assert "遗忘门" in hovers and "预激活值" in hovers


def test_a_link_past_the_sequence_is_named_in_chinese():
    at = app("zh", "step", {"task": "counting", "seq": "2", "t": "999", "unit": "-3"})
    speaks_chinese(at)
    warning = " ".join(w.value for w in at.main.warning).replace("\\", "")  # markdown's escapes
    last_t = at.session_state["t"]
    assert warning.startswith("链接中的位置已调整：") and f"t = 999 超出了这个序列的时间步（0 到 {last_t}）" in warning
    assert "单元 -3 超出了这个模型的单元" in warning and at.session_state["unit"] == 0


def test_a_refused_sequence_leaves_the_page_in_chinese():
    at = app("zh", "step", {"task": "remember_first"})
    at.sidebar.radio(key="source").set_value("own").run()
    at.sidebar.text_input(key="text").set_value("ABXZ").run()
    assert at.sidebar.error  # the sidebar names the problem (in Chinese: tests/test_zh_sidebar_heatmaps.py)
    speaks_chinese(at)
