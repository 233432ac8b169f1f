"""The LSTM built by hand (lstm_viz.core.textbook): right at every length a user may type, its gates what its
formula says, its docstring's and the README's numbers the model's own, its lesson's numbers computed from the two
models and the same in English and Chinese, and the pages that show it (AppTest, lang=zh)."""

import re
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from lstm_viz import explain, tasks, words
from lstm_viz.core import textbook as core
from lstm_viz.core.refusal import Refusal
from lstm_viz.core.textbook import STEP, textbook_model
from lstm_viz.explain import textbook
from lstm_viz.io import presets
from tests import test_app
from tests.english import english_words

LENGTHS = (1, 2, 5, 10, 20, 50, 100, 150, 200)  # the README's table
README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
NUMBER = re.compile(r"\d+(?:\.\d+)?(?:e[-+]?\d+)?%?")


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


# --- the model ---


@pytest.mark.parametrize("name", core.TASKS)
def test_right_on_fresh_samples_at_every_length(name):
    task, model = tasks.get(name), textbook_model(name)
    for T in LENGTHS:
        x, y = task.make_batch(128, T, np.random.default_rng([T, 11]))
        assert task.evaluate(model.predict(x, task.kind.seq2seq), y) == 1.0, T


@pytest.mark.parametrize("name", core.TASKS)
def test_right_on_typed_sequences(name):
    task, model = tasks.get(name), textbook_model(name)
    rng = np.random.default_rng(12)
    a, b = task.alphabet[0], task.alphabet[-1]
    texts = ["".join(rng.choice(list(task.alphabet), T)) for T in LENGTHS]
    texts += [a * 200, b * 200, a + b * 199, b * 199 + a, b + a * 199]  # the longest count, a late first-other
    for text in texts:
        x = task.parse(text)
        out = model.predict(x, task.kind.seq2seq)
        assert task.evaluate(out, task.targets(x)) == 1.0, text[:20]


def test_remember_first_gates_are_the_formula():
    task, model = tasks.get("remember_first"), textbook_model("remember_first")
    x, y = task.make_batch(64, 200, np.random.default_rng(13))
    tr = model.trace(x).layers[0]  # (64, 200, 5): units 0-3 the symbols A-D, unit 4 the clock
    rows = np.arange(64)
    assert tr.i[:, 0, :4].min() > 1 - 1e-8, "i opens at t = 0"
    assert tr.i[:, 1:, :4].max() < 1e-10, "i is shut after t = 0"
    assert tr.f[:, :, :4].min() > 1 - 1e-8, "f keeps"
    assert np.allclose(tr.h[:, :, 4], np.tanh(1.0), atol=1e-8), "the clock's h from t = 0 on"
    assert np.allclose(tr.g[rows, 0, y], np.tanh(1.0)), "the first symbol's unit writes tanh(1)"
    others = ~np.eye(4, dtype=bool)[y]  # (64, 4): the units of the other symbols
    assert np.all(tr.g[:, 0, :4][others] == 0.0), "the other units write 0"
    written = tr.i[rows, 0, y] * tr.g[rows, 0, y]
    assert np.abs(tr.c[rows, -1, y] - written).max() < 1e-6, "C carries the write to the end"
    assert np.abs(tr.c[:, -1, :4][others]).max() < 1e-6, "the other units' C stays at 0"


def test_counting_gates_are_the_formula():
    task, model = tasks.get("counting"), textbook_model("counting")
    x, y = task.make_batch(64, 200, np.random.default_rng(14))
    tr = model.trace(x).layers[0]  # (64, 200, 1)
    a = task.ids(x) == 0
    assert tr.i[..., 0][a].min() > 1 - 1e-8 and tr.i[..., 0][~a].max() < 1e-8, "i: open at a, shut at b"
    assert tr.f.min() > 1 - 1e-8, "f keeps"
    assert np.allclose(tr.g, STEP, rtol=1e-12), "C̃ is the step"
    assert np.abs(tr.c[..., 0] - STEP * y).max() < 1e-8, "C is the step times the count (to 1e-4 of a step)"
    out = model.predict(x, True)[..., 0]
    assert np.abs(out - y).max() < 0.11, "the read-out is within 0.11 of the count"


def test_only_the_two_tasks_and_refused_by_code():
    with pytest.raises(Refusal, match="no model built by hand for task brackets") as err:
        textbook_model("brackets")
    assert err.value.code == "textbook.no_model"
    assert "brackets" in err.value.say("zh")


def short(value: float, fmt: str) -> str:
    """A number as the docstring writes it: 2.06e-9, not 2.06e-09."""
    return re.sub(r"e([-+])0*(\d)", r"e\1\2", format(value, fmt))


def test_the_docstring_says_the_models_numbers():
    doc = " ".join(core.__doc__.split())
    clock_h = sigmoid(20) * np.tanh(sigmoid(20) * np.tanh(20))
    h_k = sigmoid(20) * np.tanh(sigmoid(20) * np.tanh(1))
    at_200 = textbook_model("counting").predict(tasks.get("counting").parse("a" * 200), True)[-1, 0]
    said = [
        ("σ(+20) = 1 − 2.06e-9", 1 - sigmoid(20), ".2e"),
        ("σ(−20) = 2.06e-9", sigmoid(-20), ".2e"),
        ("tanh(0.04) = 0.04 − 2.1e-5", 0.04 - np.tanh(0.04), ".1e"),
        ("σ(20)·tanh(1) = 0.7616", clock_h, ".4f"),
        ("σ(20 − 60·0.7616) = σ(−25.7)", -(20 - 60 * clock_h), ".1f"),
        ("σ(−25.7) = 6.9e-12", sigmoid(20 - 60 * clock_h), ".1e"),
        ("(1 − 2.06e-9)^199 = 1 − 4.1e-7", 1 - (1 - sigmoid(-20)) ** 199, ".1e"),
        ("h_k = σ(20)·tanh(C_k) = 0.6420", h_k, ".4f"),
        ("the first symbol's logit is 12.84", 20 * h_k, ".2f"),
        ("at most 0.11", 200 - at_200, ".2f"),
    ]
    for text, value, fmt in said:
        assert text in doc, text
        assert short(value, fmt) in text.split("=")[-1], (text, value)


# --- the lesson ---


@pytest.fixture(scope="module")
def lessons():
    out = {}
    for name in core.TASKS:
        task, preset = tasks.get(name), presets.load(name, "lstm")[0]
        for lang in words.LANGUAGES:
            out[name, lang] = textbook.lesson(task, textbook_model(name), preset, presets.lengths(name, "lstm"), lang)
    return out


def numbers(text: str) -> list[str]:
    return sorted(NUMBER.findall(text.replace("−", "-")))


@pytest.mark.parametrize("name", core.TASKS)
def test_the_lesson_says_the_same_numbers_in_both_languages(lessons, name):
    en, zh = lessons[name, "en"], lessons[name, "zh"]
    for part in ("designed", "found", "contrast", "table_title"):
        assert numbers(getattr(en, part)) == numbers(getattr(zh, part)), part
    assert en.equations == zh.equations
    assert list(en.table.values()) == list(zh.table.values())


def test_the_lesson_on_remember_first_is_the_models(lessons):
    task, preset = tasks.get("remember_first"), presets.load("remember_first", "lstm")[0]
    lesson = lessons["remember_first", "en"]
    for said in ("0.7616", "0.999999998 at t = 0", "at most 6.9e-12 after", "holds 0.9999996", "logit is 12.84"):
        assert said in lesson.designed, said
    f = explain.finding(task, preset)  # the heat-map note's analysis of the preset, on the same samples
    assert lesson.numbers["found"]["code"] == f.code
    assert f"Unit {f.unit} carries the answer {task.alphabet[f.cls]}" in lesson.found or f.code != "integrator"
    for v in (f.write0, f.write_same, f.write_other, f.keep_same):
        assert f"{v:.2f}" in lesson.found
    shortest, longest = presets.lengths("remember_first")
    assert f"{longest}-step sequences" in lesson.found or f"{shortest} to {longest}" in lesson.found
    assert f"the design uses {lesson.numbers['found']['designed_carriers']}," in lesson.found
    assert lesson.numbers["found"]["designed_carriers"] == 4


def test_the_lesson_on_counting_is_the_models(lessons):
    task, preset = tasks.get("counting"), presets.load("counting", "lstm")[0]
    lesson = lessons["counting", "en"]
    for said in ("C̃ is always 0.0002", "goes up by 0.000200 at each a", "y = 5000 × h", "says 199.89",
                 "which rounds to 200"):  # fmt: skip
        assert said in lesson.designed, said
    f = explain.finding(task, preset)
    assert lesson.numbers["found"]["unit"] == f.unit and lesson.numbers["found"]["right"] == f.right
    assert f"at {f.right:.0%} of the steps" in lesson.found
    assert lesson.numbers["found"]["designed_carriers"] == 1


@pytest.mark.parametrize("name", core.TASKS)
def test_the_lessons_table_is_both_models_accuracy(lessons, name):
    task, preset = tasks.get(name), presets.load(name, "lstm")[0]
    lesson = lessons[name, "en"]
    designed, found = textbook.accuracy(task, textbook_model(name)), textbook.accuracy(task, preset)
    assert designed == (1.0,) * len(textbook.LENGTHS)
    assert list(lesson.table.values()) == [list(textbook.LENGTHS), [f"{v:.1%}" for v in designed],
                                           [f"{v:.1%}" for v in found]]  # fmt: skip
    assert f"the preset {found[-1]:.1%}" in lesson.contrast


def test_the_readme_table_is_the_models_accuracy():
    section = README.split("### Built by hand", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| (\d+) \| ([\d.]+%) \| ([\d.]+%) \|$", section, re.M)
    assert [int(r[0]) for r in rows] == list(LENGTHS)
    for column, name in ((1, "remember_first"), (2, "counting")):
        right = textbook.accuracy(tasks.get(name), textbook_model(name), LENGTHS)
        assert [r[column] for r in rows] == [f"{v:.1%}" for v in right], name
    lesson = textbook.designed(tasks.get("counting"), textbook_model("counting"))
    assert f"the read-out says {lesson['y_end']:.2f}, which rounds to {lesson['count']}" in section
    first = textbook.designed(tasks.get("remember_first"), textbook_model("remember_first"))
    assert f"{first['clock_h']:.4f} after it" in section and f"({first['i_after']:.1e} after)" in section


# --- the pages ---


def app(query: dict, page: str = "app_pages/step.py") -> AppTest:
    return test_app.app(page, query)


def lesson_of(at):
    """The lesson's expander on the page."""
    titles = {words.of(lang).textbook.TITLE for lang in words.LANGUAGES}
    found = [e for e in at.expander if e.label in titles]
    assert len(found) == 1, [e.label for e in at.expander]
    return found[0]


@pytest.mark.parametrize("name", core.TASKS)
def test_step_through_shows_the_lesson_in_chinese(name):
    q = {"task": name, "model": "textbook", "seq": "3"}
    en, zh = app(q), app(dict(q, lang="zh"))
    for at in (en, zh):
        assert at.radio(key="model").value == "textbook" and at.query_params["model"] == "textbook"
    lesson = lesson_of(zh)
    assert lesson.label == words.of("zh").textbook.TITLE
    assert english_words(lesson) == []
    said = {lang: [m.value for m in lesson_of(at).markdown] for lang, at in (("en", en), ("zh", zh))}
    assert len(said["en"]) == len(said["zh"]) == 4
    for e, z in zip(said["en"], said["zh"]):
        assert numbers(e) == numbers(z), e[:60]
    assert [x.value for x in lesson_of(en).latex] == [x.value for x in lesson.latex]


@pytest.mark.parametrize("name", core.TASKS)
def test_step_through_in_chinese_has_no_english(name):
    at = app({"task": name, "model": "textbook", "seq": "3", "lang": "zh"})
    assert english_words(at.main) == []
    zh = words.of("zh").textbook
    assert zh.MODEL_LABEL in at.caption[0].value and zh.MODEL_LABEL in at.radio(key="model").options
    assert zh.SIDEBAR_NOTE in [c.value for c in at.sidebar.caption]


@pytest.mark.parametrize("name", core.TASKS)
def test_heat_maps_show_the_model_built_by_hand(name):
    at = app({"task": name, "model": "textbook", "seq": "2", "lang": "zh"}, "app_pages/heatmaps.py")
    assert at.radio(key="model").value == "textbook"
    assert len(at.get("plotly_chart")) > 0
    assert english_words(at.main) == []


def test_typed_sequences_good_and_bad():
    at = app({"task": "counting", "model": "textbook", "text": "a" * 200, "lang": "zh"})
    assert at.session_state["t"] == 0 and lesson_of(at) is not None
    at.sidebar.text_input(key="text").set_value("abc").run()  # an unknown symbol: refused, the last good one shown
    assert not at.exception and len(at.sidebar.error) == 1
    assert lesson_of(at) is not None


def test_offered_only_for_an_lstm_on_the_two_tasks():
    for q in ({"task": "brackets", "model": "textbook"}, {"task": "counting", "cell": "gru", "model": "textbook"}):
        at = app(q)
        assert at.radio(key="model").value == "preset" and "built by hand" not in at.radio(key="model").options
        assert not [e for e in at.expander if e.label == words.of("en").textbook.TITLE]
