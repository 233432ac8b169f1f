"""The sidebar, the link's problems, the tasks' words and the gate heat maps page in 简体中文 (lang=zh): no English
left (tests/english.py), the same numbers as in English, and every state of the page without an exception."""

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from lstm_viz import tasks, words
from lstm_viz.core.refusal import Refusal
from lstm_viz.ui.models import random_model
from lstm_viz.ui.state import SESSION_MODELS
from tests import test_app
from tests.english import english_words

PAGES = [None, "step", "heatmaps", "train", "why", "model"]
# Names on the heat map page that stay as written: the saturation study's authors, NumPy's file format and call.
PAGE_NAMES = {"karpathy", "johnson", "fei", "npz", "load", "false"}


def app(page: str | None = None, lang: str = "zh", state: dict | None = None, **query: str) -> AppTest:
    return test_app.app(page and f"app_pages/{page}.py", {"lang": lang, **query}, state)


def numbers(text: str) -> list[str]:
    return re.findall(r"\d+(?:\.\d+)?", text)


def figure_texts(at) -> str:
    return " ".join(json.dumps(json.loads(e.proto.spec), ensure_ascii=False) for e in at.get("plotly_chart"))


# --- the sidebar ---


@pytest.mark.parametrize("page", PAGES, ids=[p or "home" for p in PAGES])
def test_the_sidebar_is_chinese_on_every_page(page):
    at = app(page, task="counting")
    assert english_words(at.sidebar) == []
    assert at.sidebar.selectbox(key="lang").label == "语言 Language"


@pytest.mark.parametrize(
    "query",
    [
        {"task": "remember_first", "cell": "rnn", "model": "preset"},  # a preset that missed its target
        {"task": "counting", "cell": "lstm_nfg"},  # no preset
        {"task": "brackets", "model": "random", "layers": "3", "layer": "1"},  # a stack, the layer shown
        {"task": "counting", "model": "textbook"},  # built by hand
        {"task": "sine", "text": "0 0.5 0.9 1.4"},  # a typed sequence
    ],
    ids=["missed", "no-preset", "layers", "textbook", "own"],
)
def test_the_sidebar_is_chinese_in_every_state(query):
    at = app("heatmaps", **query)
    assert english_words(at.sidebar) == []


def test_a_session_model_is_named_in_chinese():
    model = random_model("counting", 11)
    at = app("heatmaps", state={SESSION_MODELS: {("counting", "lstm"): model}}, task="counting")
    at.radio(key="model").set_value("session").run()
    assert not at.exception and english_words(at.sidebar) == []
    assert "本次会话中训练的模型" in at.sidebar.radio(key="model").options


def test_a_preset_that_missed_its_target_says_the_same_numbers_in_both_languages():
    said = {}
    for lang in ("en", "zh"):
        at = app("step", lang=lang, task="remember_first", cell="rnn", model="preset")
        said[lang] = next(w.value for w in at.sidebar.warning)
    assert "did not reach" in said["en"] and "没有达到" in said["zh"]
    assert numbers(said["en"]) == numbers(said["zh"]) and "0.95" in said["zh"]


# --- a typed sequence that is refused ---


@pytest.mark.parametrize(
    "task_name, text, en, zh",
    [
        ("counting", "abxc", "unknown symbols 'c', 'x'", "未知的符号 'c', 'x'"),
        ("brackets", "(()))", "closes a bracket that was never opened", "关闭了一个从未打开的括号"),
        ("adding", "0.5* 0.3 1.7*", "is outside [0, 1]", "不在 [0, 1] 之内"),
        ("sine", "0.1 zz", "is not a number", "不是数字"),
        ("counting", "ab" * 101, "too long: 202 steps", "太长：202 个时间步"),
        ("negation_sentiment", "我 不 喜欢 榴莲", "unknown words", "未知的词"),
    ],
    ids=["symbols", "brackets", "adding", "number", "too-long", "words"],
)
def test_a_refused_sequence_is_named_in_the_readers_language_with_the_same_numbers(task_name, text, en, zh):
    said = {}
    for lang in ("en", "zh"):
        at = app("heatmaps", lang=lang, task=task_name, text=tasks.get(task_name).example)
        at.text_input(key="text").set_value(text).run()
        assert not at.exception, at.exception
        errors = [e.value for e in at.sidebar.error]
        assert len(errors) == 1, errors
        said[lang] = errors[0]
        if lang == "zh":  # the user's text, the task's examples and its vocabulary (cut short) are data, not words
            data = {"zz", "abxc", "c", "x", "aabab", "rai", tasks.get(task_name).example}
            assert english_words(at.sidebar, allowed=data) == []
            assert "仍在显示你上一次可用的序列" in " ".join(c.value for c in at.sidebar.caption)
    assert en.replace("'", "\\'") in said["en"] or en in said["en"].replace("\\", ""), said["en"]
    assert zh in said["zh"].replace("\\", ""), said["zh"]
    assert numbers(said["en"]) == numbers(said["zh"])


def test_every_refusal_of_a_typed_sequence_is_a_code_with_words_in_both_languages():
    cases = {"counting": "", "brackets": "())", "adding": "0.5 0.2", "airline": "112 0.5", "sine": "1 nan"}
    for name, text in cases.items():
        with pytest.raises(Refusal) as err:
            tasks.get(name).parse(text)
        assert err.value.code.startswith("tasks.")
        assert str(err.value) == err.value.say("en") != err.value.say("zh")


# --- the link ---


def test_a_bad_link_is_named_in_chinese():
    at = app(task="nope", seq="x")
    warned = [w.value for w in at.sidebar.warning]
    assert warned == ["链接中的问题：未知的任务 nope。", "链接中的问题：样本编号：x 不是整数。"]
    assert english_words(at.sidebar, allowed={"nope"}) == []


def test_a_links_problems_say_the_same_numbers_in_both_languages():
    query = {"task": "counting", "seq": "99999", "layers": "9", "model": "random"}
    said = {lang: [w.value for w in app(lang=lang, **query).sidebar.warning] for lang in ("en", "zh")}
    assert said["en"] == ["From the link: sample 99999 is outside 0 to 10000.",
                          "From the link: number of layers 9 is outside 1 to 3."]  # fmt: skip
    assert [numbers(s) for s in said["zh"]] == [numbers(s) for s in said["en"]]


# --- the tasks' words ---


def test_every_task_has_its_words_in_both_languages():
    for name in tasks.names():
        task = tasks.get(name)
        en, zh = words.task_words("en", name), words.task_words("zh", name)
        assert (task.title, task.description, task.input_hint) == (en["title"], en["description"], en["input_hint"])
        assert len(zh["classes"]) == len(task.class_names) == (task.output_size if task.class_names else 0)
        assert sorted(numbers(en["teaching_note"])) == sorted(numbers(zh["teaching_note"])), name  # the preset's


# --- the heat maps page ---


def test_the_heat_map_page_is_chinese_in_its_main_states():
    at = app("heatmaps", task="counting", seq="2", model="preset")
    assert english_words(at.main, allowed=PAGE_NAMES) == []
    assert at.title[0].value == "门控热力图"
    assert "时间步（输入的词元）" in figure_texts(at) and "遗忘门" in figure_texts(at)
    for order in ("by variance", "by correlation", "as is"):
        at.radio(key="order").set_value(order).run()
        assert not at.exception and english_words(at.main, allowed=PAGE_NAMES) == []
    for query in (
        {"task": "brackets", "model": "random", "layers": "2", "layer": "1"},
        {"task": "remember_first", "cell": "rnn"},  # no gates: nothing saturates
        {"task": "negation_sentiment", "text": "我 不 喜欢 吃 苹果"},
        {"task": "airline", "seq": "1", "cell": "gru"},
        {"task": "sine", "text": "0 0.5 0.9 3"},  # outside the training values
    ):
        at = app("heatmaps", **query)
        assert english_words(at.main, allowed=PAGE_NAMES) == [], query
        assert english_words(at.sidebar) == [], query


def test_the_heat_map_figures_say_the_same_numbers_in_both_languages():
    figs = {}
    for lang in ("en", "zh"):
        at = app("heatmaps", lang=lang, task="counting", seq="2")
        figs[lang] = [json.loads(e.proto.spec) for e in at.get("plotly_chart")]
    sat_en, sat_zh = (f[1]["layout"] for f in (figs["en"], figs["zh"]))
    assert sat_en["xaxis"]["title"]["text"] == "fraction < 0.1" and sat_zh["xaxis"]["title"]["text"] == "< 0.1 的比例"
    hover_en, hover_zh = (f[1]["data"][0]["hovertemplate"] for f in (figs["en"], figs["zh"]))
    assert numbers(hover_en) == numbers(hover_zh)
    maps_en, maps_zh = (f[0]["data"][0] for f in (figs["en"], figs["zh"]))
    assert maps_en["z"] == maps_zh["z"]  # the numbers are the same; only the words change


def test_a_refusal_is_said_again_when_the_language_changes():
    at = app("heatmaps", lang="en", task="counting", text="abxb")
    assert "unknown symbols" in at.sidebar.error[0].value
    at.selectbox(key="lang").set_value("zh").run()
    assert not at.exception, at.exception
    assert "未知的符号" in at.sidebar.error[0].value and at.query_params["lang"] == "zh"
    assert at.session_state["text"] == "abxb"  # the view is the same, only its words change
    assert english_words(at.main, allowed=PAGE_NAMES) == []
