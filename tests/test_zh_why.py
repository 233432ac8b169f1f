"""Why gates in 简体中文 (lang=zh): the page in its main states (each memory task, both gradient models, a clamp of
every kind, the GRU's gates, a length the presets were not trained on, Train now and its finished runs) and with a
bad link shows no English a reader would see; and every sentence built from numbers (memory, gradients, clamp, the
tutorials' cells, a live run) says the same numbers and the same verdict in Chinese as in English, on the page and
in the library for every task, cell and clamp."""

import re
import string

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from lstm_viz import tasks, words
from lstm_viz.core import cells
from lstm_viz.core.clamp import Clamp
from lstm_viz.explain import why_words
from lstm_viz.explain.clamping import clamp_effect
from lstm_viz.explain.gradients import flow
from lstm_viz.io import presets, study
from lstm_viz.ui.models import random_model
from lstm_viz.ui.state import (
    CLAMP_CELL,
    CLAMP_GATE,
    CLAMP_UNIT,
    WHY_CELLS,
    WHY_GRAD,
    WHY_LENGTH,
    WHY_LIVE,
    WHY_SEQ,
    WHY_TASK,
)
from lstm_viz.ui.why import GRAD_KINDS, machine_words
from tests.english import english_words
from tests.test_app import APP, charts, plotly_array

WHY = "app_pages/why.py"
EN, ZH = words.en.why, words.zh.why
DATA = study.read()
# The rebuild command in the protocol caption (`python -m lstm_viz.io.study`) and the machine's Python version: a
# command and a name, written as they are in every language.
COMMAND = {"python", "io", "study"}
NUMBER = re.compile(r"\d+(?:[.,]\d+)*(?:e[-+]\d+)?%?")
CJK = re.compile(r"[\u4e00-\u9fff]")


def page(lang: str, query: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = lang
    for k, v in {"task": "remember_first", **(query or {})}.items():
        at.query_params[k] = v
    at.switch_page(WHY).run()  # the link read on the session's first run, on this page
    assert not at.exception, at.exception
    return at


def no_english(at) -> None:
    """No English word on the page but the command and the sample shown (remember_first's letters: data)."""
    assert not at.exception, at.exception
    assert at.title[0].value == ZH.TITLE
    ss = at.session_state
    t = tasks.get(ss[WHY_TASK])
    x, _ = t.make_batch(1, ss[WHY_LENGTH], np.random.default_rng(ss[WHY_SEQ]))
    sample = t.text_of(x[0])
    found = [(w, text) for w, text in english_words(at.main, allowed=COMMAND) if w not in sample]
    assert found == [], found[:10]


def numbers(text: str) -> list[str]:
    """The numbers a sentence says, in order of size (a translation may say them in another order)."""
    return sorted(NUMBER.findall(text))


def mark(templates: dict, code: str) -> str:
    """The longest piece of the template `code`'s own words (between its parameters) that no other template of
    `templates` has: what tells its sentence apart."""
    others = [t for c, t in templates.items() if c != code]
    pieces = [lit.strip() for lit, *_ in string.Formatter().parse(templates[code])]
    return max((p for p in pieces if p and not any(p in t for t in others)), key=len)


def said_as(sentence: str, templates: dict, code: str) -> None:
    """`sentence` is the template `code`'s and no other's of `templates`."""
    assert mark(templates, code) in sentence, (code, sentence)
    for other in templates:
        if other != code:
            assert mark(templates, other) not in sentence, (other, sentence)


def same_numbers(en: str, zh: str) -> None:
    assert CJK.search(zh), zh
    assert numbers(en) == numbers(zh), f"\nen: {en}\nzh: {zh}"


def blind(task: str) -> dict[int, float]:
    return {int(n): v for n, v in DATA["blind"][task].items()}


# --- the page ---


@pytest.mark.parametrize(
    "query",
    [
        {},  # the defaults: the adding problem (an MSE), both models, the LSTM's f forced to 0 in every unit
        {"wtask": "remember_first", "len": "100", "grad": "trained", "clamp": "off"},
        {"wtask": "remember_first", "grad": "random", "ccell": "gru", "gate": "z", "clamp": "mean", "cunit": "3"},
        {"wtask": "adding", "len": "5", "gate": "o", "clamp": "1", "cells": ",".join(study.CELLS)},
        {"wtask": "remember_first", "gate": "i", "clamp": "1", "cunit": "0", "presenter": "1"},
    ],
    ids=["defaults", "long-unclamped", "gru-mean-unit", "every-cell", "presenter"],
)
def test_the_page_speaks_chinese_in_each_state(query):
    at = page("zh", query)
    no_english(at)
    gradients = 2 if at.session_state[WHY_GRAD] == "both" else 1
    assert len(at.info) == 5 + gradients  # memory, gradients, clamp, two misread charts, two gates
    assert {m.label for m in at.metric} >= {ZH.METRIC_BLIND}


def test_the_controls_say_their_options_in_chinese():
    at = page("zh")
    assert at.radio(key=WHY_GRAD).options == [ZH.GRAD_KINDS[k] for k in GRAD_KINDS]
    assert at.radio(key=WHY_TASK).options == [words.task_words("zh", t)["title"] for t in study.MEMORY_TASKS]
    assert "普通 RNN" in at.multiselect(key=WHY_CELLS).options
    assert ZH.UNIT_OPTIONS["all"] in at.selectbox(key=CLAMP_UNIT).options
    assert at.radio(key=CLAMP_GATE).options == ["i：输入门", "f：遗忘门", "o：输出门"]
    at.radio(key=CLAMP_CELL).set_value("gru").run()
    no_english(at)
    assert at.radio(key=CLAMP_GATE).options == ["r：重置门", "z：更新门"]


def test_a_bad_link_is_named_in_chinese_and_the_page_still_speaks_chinese():
    at = page("zh", {"wtask": "nope", "len": "7", "gate": "<b>x</b>", "cells": "lstm,bogus", "wseq": "-3"})
    no_english(at)
    said = " ".join(w.value for w in at.sidebar.warning)
    assert CJK.search(said) and "nope" in said and "bogus" in said


def test_the_same_numbers_in_both_languages_on_the_page():
    """Every sentence under a chart, the metrics and the memory chart's points: the same in zh as in en."""
    query = {"wtask": "remember_first", "len": "50", "wseq": "2", "gate": "f", "clamp": "0"}
    en, zh = page("en", query), page("zh", query)
    assert len(en.info) == len(zh.info) == 7
    for a, b in zip(en.info, zh.info):
        same_numbers(a.value, b.value)
    assert [m.value for m in en.metric] == [m.value for m in zh.metric]
    assert [m.label for m in zh.metric] == ["准确率（未固定）", "准确率（固定后）", "盲猜"]
    for fig_en, fig_zh in zip(charts(en), charts(zh)):
        assert len(fig_en["data"]) == len(fig_zh["data"])
        for tr_en, tr_zh in zip(fig_en["data"], fig_zh["data"]):
            assert np.array_equal(plotly_array(tr_en["y"]), plotly_array(tr_zh["y"]))


def test_train_now_in_chinese_and_its_runs_said_with_the_english_numbers():
    at = page("zh", {"wtask": "adding", "len": "5"})
    assert at.button(key="why_train_now").label == ZH.TRAIN_NOW.format(length=5)
    at.button(key="why_train_now").click().run()
    assert not at.exception, at.exception
    runs = at.session_state[WHY_LIVE]
    for job in runs["jobs"].values():
        assert job.wait(timeout=240), "a live run did not finish"
    at.run()
    no_english(at)
    said = [c.value for c in at.caption if c.value.startswith("现在训练的")]
    assert len(said) == 3, [c.value for c in at.caption]
    t = tasks.get("adding")
    for cell, job in runs["jobs"].items():
        r = job.result
        args = (t, cell, 5, r.final_metric)
        file_value = next(
            run["metric"]
            for run in DATA["runs"]
            if (run["task"], run["cell"], run["length"], run["seed"]) == ("adding", cell, 5, 0)
        )
        zh = why_words.live_words(*args, r.stop_words("zh"), file_value, True, "zh")
        en = why_words.live_words(*args, r.stop_words("en"), file_value, True, "en")
        assert zh.replace("\\", "") in [s.replace("\\", "") for s in said]
        same_numbers(en, zh)
        said_as(zh, ZH.WHY_LIVE_AGAIN, "same")
        said_as(en, EN.WHY_LIVE_AGAIN, "same")
    names = {tr["name"] for tr in charts(at)[0]["data"]}
    assert {"LSTM，现在训练的", "GRU，现在训练的", "普通 RNN，现在训练的"} <= names


# --- the sentences, for every task, cell and clamp ---


@pytest.mark.parametrize("task_name", study.MEMORY_TASKS)
def test_memory_words_say_the_same_numbers_and_verdict(task_name):
    t, points = tasks.get(task_name), study.summarise(DATA, task_name)
    en = why_words.memory_words(t, points, blind(task_name), len(study.SEEDS))
    zh = why_words.memory_words(t, points, blind(task_name), len(study.SEEDS), lang="zh")
    same_numbers(en, zh)
    code = "holds" if why_words.rnn_falls_at(t, points, blind(task_name)) is None else "falls"
    said_as(en, EN.WHY_MEMORY, code)
    said_as(zh, ZH.WHY_MEMORY, code)
    for lang, sentence in (("en", en), ("zh", zh)):
        w = words.of(lang).why
        assert (mark({"": w.WHY_MEMORY_GATED_LOST}, "") in sentence) == (mark({"": EN.WHY_MEMORY_GATED_LOST}, "") in en)
        assert (mark({"": w.WHY_MEMORY_RNN_BEST}, "") in sentence) == (mark({"": EN.WHY_MEMORY_RNN_BEST}, "") in en)


@pytest.mark.parametrize("task_name", study.MEMORY_TASKS)
@pytest.mark.parametrize("length", [5, 50, 100])
def test_gradient_words_say_the_same_numbers_and_verdicts(task_name, length):
    t = tasks.get(task_name)
    x, _ = t.make_batch(1, length, np.random.default_rng(1))
    for kind in ("trained", "random"):
        models = {c: presets.load(task_name, c)[0] if kind == "trained" else random_model(task_name, 0, c)
                  for c in cells.MAIN}  # fmt: skip
        flows = {c: flow(m, t, x[0]) for c, m in models.items()}
        en, zh = why_words.gradient_words(flows, kind), why_words.gradient_words(flows, kind, "zh")
        same_numbers(en, zh)
        kept = flows["lstm"].keep[0]
        said_as(zh, ZH.WHY_CAROUSEL, "kept" if kept.max() >= 0.1 else "none")
        bound = "bound" if flows["rnn"].jacobian[0] < 1 else "loose"
        said_as(en, EN.WHY_JACOBIAN, bound)
        said_as(zh, ZH.WHY_JACOBIAN, bound)
        assert ZH.WHY_GRADIENT_WHO[kind] in zh


@pytest.mark.parametrize("task_name", study.MEMORY_TASKS)
@pytest.mark.parametrize("cell", ["lstm", "gru"])
def test_clamp_words_say_the_same_numbers_and_verdict(task_name, cell):
    t = tasks.get(task_name)
    model, config = presets.load(task_name, cell)
    x, _ = t.make_batch(1, config.seq_len, np.random.default_rng(0))
    guess = blind(task_name)[min(study.LENGTHS, key=lambda n: abs(n - config.seq_len))]
    spec = cells.spec(cell)
    clamps = [None] + [Clamp(g, v, u) for g in spec.gates for v, u in ((0.0, None), (1.0, 3), ("mean", None))]
    codes = set()
    for clamp in clamps:
        effect = clamp_effect(model, t, clamp, x[0], config.seq_len)
        en = why_words.clamp_words(t, spec, effect, guess)
        zh = why_words.clamp_words(t, spec, effect, guess, "zh")
        same_numbers(en, zh)
        if clamp is None:
            assert mark({"": ZH.WHY_UNCLAMPED}, "") in zh
            continue
        code = why_words.clamp_code(t, effect, guess)
        codes.add(code)
        said_as(en, EN.WHY_CLAMP, code)
        said_as(zh, ZH.WHY_CLAMP, code)
        title = words.quantity_words("zh", cell, clamp.gate, spec[clamp.gate].title, spec[clamp.gate].role)[0]
        assert title in zh
    assert len(codes) > 1  # the clamps do not all say the same thing


@pytest.mark.parametrize("task_name,other,say,templates", [
    ("remember_first", "lstm_misread", why_words.misread_words, "WHY_MISREAD"),
    ("counting", "lstm_misread", why_words.misread_words, "WHY_MISREAD"),
    ("remember_first", "lstm_nog", why_words.two_gate_words, "WHY_TWO_GATES"),
    ("adding", "lstm_nog", why_words.two_gate_words, "WHY_TWO_GATES"),
])  # fmt: skip
def test_the_tutorials_cells_verdicts_are_the_same_in_both_languages(task_name, other, say, templates):
    t, points = tasks.get(task_name), study.summarise(DATA, task_name)
    en, zh = say(t, points, blind(task_name)), say(t, points, blind(task_name), "zh")
    same_numbers(en, zh)
    code, length = why_words.verdict(t, points, blind(task_name), other)
    said_as(en, getattr(EN, templates), code)
    said_as(zh, getattr(ZH, templates), code)
    assert f"长度 {length} 时" in zh and f"at length {length}" in en


def test_the_english_is_the_default_and_the_machine_is_said_in_each_language():
    t, points = tasks.get("adding"), study.summarise(DATA, "adding")
    assert why_words.memory_words(t, points, blind("adding"), 3) == why_words.memory_words(
        t, points, blind("adding"), 3, "en"
    )
    assert machine_words("x86_64, 2 CPU cores, Python 3.11.7") == "x86_64, 2 CPU cores, Python 3.11.7"
    assert machine_words("x86_64, 2 CPU cores, Python 3.11.7", "zh") == "x86_64、2 个 CPU 核心、Python 3.11.7 的机器"
    assert machine_words("a laptop", "zh") == "a laptop"  # not in study's form: as written
