"""Teaching texts that cannot lie: every sentence that says what a shipped preset does is checked here against the
preset, so that a preset that behaves differently fails a test instead of showing a false sentence.

    the task notes (Task.teaching_note)     each number the note writes, measured on fresh samples of the preset
    the README's ten-minute lesson          each claim of each step, on the samples and units it names
    the computed texts (explain.behaviour)  what the heat-map note and the home tour say of a preset and of a random
                                            initialisation, and that they are the pages' words

Fresh samples here use another seed than the pages' (2026, not [0, 4]): a claim must hold beyond the batch the
app happens to show.
"""

import json
import re
from functools import cache
from pathlib import Path

import numpy as np
import pytest

from lstm_viz import explain, tasks
from lstm_viz.io import presets
from lstm_viz.tasks.base import DATA
from lstm_viz.ui.models import random_model
from lstm_viz.viz.heatmaps import unit_order

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
LESSON = README.split("## Teaching with it: a ten-minute lesson", 1)[1].split("\n## ", 1)[0]
N = 1024


def step(lesson_step: int) -> str:
    """The text of one numbered step of the lesson, on one line."""
    text = re.search(rf"^{lesson_step}\. (.*?)(?=^\d\. |^With ten|\Z)", LESSON, re.S | re.M).group(1)
    return " ".join(text.split())


def said(text: str, *fragments: str) -> None:
    """The text still makes each claim the test checks (rewording a claim means checking it again)."""
    flat = " ".join(text.split())
    for fragment in fragments:
        assert fragment in flat, f"the text no longer says {fragment!r}"


def about(measured: float, written: float, tol: float, what: str) -> None:
    assert abs(measured - written) <= tol, f"{what}: the text says about {written}, the preset gives {measured:.3f}"


@cache
def batch(name: str, cell: str = "lstm"):
    """The task, N fresh samples (x, y) and the preset's first layer's trace on them."""
    task = tasks.get(name)
    model = presets.load(name, cell)[0]
    x, y = task.make_batch(N, task.default_config().seq_len, np.random.default_rng(2026))
    return task, x, np.asarray(y), model.trace(x).layers[0]


def moves(trace) -> np.ndarray:
    """The change of C at every step, from c0: (B, T, H)."""
    c = trace["c"]
    return np.diff(np.concatenate([np.zeros_like(c[:, :1]), c], axis=1), axis=1)


def corr(a, b) -> float:
    return float(np.corrcoef(np.ravel(a), np.ravel(b))[0, 1])


def sample(name: str, seed: int):
    """The page's sample `seed` of the task (seq=seed in a link) and the preset's trace on it."""
    task = tasks.get(name)
    x, _ = task.make_batch(1, task.default_config().seq_len, np.random.default_rng(seed))
    return x[0], presets.load(name)[0].trace(x[0]).layers[0]


def class_units(trace, y: np.ndarray) -> dict[int, tuple[int, float, float, float]]:
    """For each answer k: the unit whose final C sets k apart from the rest best, its C after t = 0, its mean
    change per step after t = 0 and its final C, for sequences whose answer is k."""
    c = trace["c"]  # (B, T, H)
    out = {}
    for k in np.unique(y):
        same = y == k
        sep = (c[same, -1].mean(axis=0) - c[~same, -1].mean(axis=0)) / (c[:, -1].std(axis=0) + 1e-9)
        u = int(np.argmax(np.abs(sep)))
        start, end = c[same, 0, u].mean(), c[same, -1, u].mean()
        out[int(k)] = (u, float(start), float((end - start) / (c.shape[1] - 1)), float(end))
    return out


# --- the task notes ---


def test_remember_first_note_an_integrator_not_a_latch():
    task, x, y, tr = batch("remember_first")
    note = task.teaching_note
    said(note, "gradient descent found an integrator, not a latch", "unit 1's input gate opens",
         "about 0.2 at t = 0, about 0.9 after", "moves by about -0.8 at every step", "to about -12 after 15 steps",
         "its input gate stays near 0 and its C near 0", "1.00 after a first A, about 0.9 otherwise",
         "Its output gate is open (about 0.9)", "Units 7, 12 and 5 do the same for B, C and D",
         "moving by 0.4 to 0.5 a step")  # fmt: skip
    f = explain.memory_finding(tr, y)
    assert (f.code, f.switch, f.unit, task.class_names[f.cls]) == ("integrator", "write", 1, "A")
    about(f.write0, 0.2, 0.05, "i at t = 0 after a first A")
    about(f.write_same, 0.9, 0.05, "i after t = 0, first A")
    about(f.step, -0.8, 0.1, "C's change per step, first A")
    assert x.shape[1] == 15
    about(f.end, -12, 1.0, "C after 15 steps, first A")
    assert f.write_other < 0.05 and abs(f.end_other) < 0.1, "another first letter: i and C near 0"
    assert f"{f.keep_same:.2f}" == "1.00"
    about(f.keep_other, 0.9, 0.05, "f after t = 0, another first letter")
    about(float(tr["o"][y == 0, :, 1].mean()), 0.9, 0.05, "o of unit 1, first A")
    units = class_units(tr, y)
    assert units[0][0] == 1 and [units[k][0] for k in (1, 2, 3)] == [7, 12, 5]
    for k in (1, 2, 3):
        u, start, per_step, end = units[k]
        assert 0.35 <= abs(per_step) <= 0.55, f"unit {u} for {task.class_names[k]}: {per_step:+.2f} a step"
        assert abs(end - start) > 0.5 * abs(end), f"unit {u} for {task.class_names[k]}: an integrator too"


def test_counting_note_unit_4_counts():
    task, x, y, tr = batch("counting")
    said(task.teaching_note, "unit 4 is the counter", "rises by about 0.11 at every a",
         "moves by only about 0.01 at a b", "gives the count at 97% of steps", "more on a than on b",
         "(0.18 on a, 0.08 on b)", "(C̃ about 0.69 on a, 0.45 on b)",
         "brings unit 4 to the top on most samples")  # fmt: skip
    f = explain.signal_finding(tr, y, task.ids(x), 2)
    assert (f.code, f.how, f.unit) == ("follows", "both", 4)
    about(f.move[0], 0.11, 0.02, "C's change at an a")
    about(f.move[1], 0.01, 0.02, "C's change at a b")
    about(f.right, 0.97, 0.02, "share of steps a line through unit 4 gets right")
    about(f.write[0], 0.18, 0.03, "i on a")
    about(f.write[1], 0.08, 0.03, "i on b")
    about(f.candidate[0], 0.69, 0.05, "C̃ on a")
    about(f.candidate[1], 0.45, 0.05, "C̃ on b")
    tops = [int(unit_order(sample("counting", s)[1], "by correlation", task.targets(sample("counting", s)[0]))[0])
            for s in range(40)]  # fmt: skip
    assert tops.count(4) > len(tops) / 2, f"unit 4 tops {tops.count(4)} of {len(tops)} samples"


def test_brackets_note_the_candidate_changes_sign():
    task, x, y, tr = batch("brackets")
    said(task.teaching_note, "unit 9's C tracks the depth", "rises by about 0.47 at every (",
         "falls by about 0.53 at every )", "gives the depth at 97% of steps", "wide open on both brackets (about 0.95)",
         "(+0.50 on (, -0.50 on ))")  # fmt: skip
    f = explain.signal_finding(tr, y, task.ids(x), 2)
    assert (f.code, f.how, f.unit) == ("follows", "candidate", 9)
    about(f.move[0], 0.47, 0.03, "C's change at (")
    about(f.move[1], -0.53, 0.03, "C's change at )")
    about(f.right, 0.97, 0.02, "share of steps a line through unit 9 gets right")
    for v in f.write:
        about(v, 0.95, 0.03, "i on a bracket")
    about(f.candidate[0], 0.50, 0.05, "C̃ on (")
    about(f.candidate[1], -0.50, 0.05, "C̃ on )")


def test_adding_note_unit_10_opens_at_the_marks():
    task, x, y, tr = batch("adding")
    said(task.teaching_note, "unit 10 does what the textbook says", "about 0.76 at the two marked steps",
         "about 0.05 at the others", "its forget gate about 0.97 at the unmarked steps", "about ten times more",
         "final C follows the answer (r = 0.99)")  # fmt: skip
    c = tr["c"]
    r = [corr(c[:, -1, u], y) for u in range(c.shape[-1])]
    assert int(np.argmax(np.abs(r))) == 10
    about(r[10], 0.99, 0.01, "r of unit 10's final C with the answer")
    marked = x[..., 1] == 1
    i, f, d = tr["i"][..., 10], tr["f"][..., 10], np.abs(moves(tr)[..., 10])
    about(i[marked].mean(), 0.76, 0.04, "i at a marked step")
    about(i[~marked].mean(), 0.05, 0.03, "i at an unmarked step")
    about(f[~marked].mean(), 0.97, 0.02, "f at an unmarked step")
    assert 7 <= d[marked].mean() / d[~marked].mean() <= 15, "C moves about ten times more at a marked step"


def test_sine_note_a_sine_and_a_cosine():
    task, x, y, tr = batch("sine")
    said(task.teaching_note, "unit 15's (r = +0.91 with the current value)", "unit 2's in antiphase (r = -0.96)",
         "unit 14's h does not follow the value (r = 0.00)", "the change to the next one (r = +0.63)",
         "so does unit 13's (r = -0.75)")  # fmt: skip
    h, now, change = tr["h"][:, 5:], x[:, 5:, 0], (y - x[..., 0])[:, 5:]  # past the first steps of each wave
    about(corr(h[..., 15], now), 0.91, 0.03, "unit 15's h with the value")
    about(corr(h[..., 2], now), -0.96, 0.03, "unit 2's h with the value")
    about(corr(h[..., 14], now), 0.00, 0.05, "unit 14's h with the value")
    about(corr(h[..., 14], change), 0.63, 0.05, "unit 14's h with the change")
    assert abs(corr(h[..., 13], now)) < 0.1, "unit 13's h does not follow the value either"
    about(corr(h[..., 13], change), -0.75, 0.05, "unit 13's h with the change")


def test_airline_note_a_slow_trend_unit_and_season_units():
    task = tasks.get("airline")
    said(task.teaching_note, "unit 14 is the slow one", "moves least (about 0.07 a month)",
         "(r = +0.98 with the 13-month average)", "Units 13 and 15 follow the season",
         "(r = -0.77 and -0.76)", "(|r| under 0.1)")  # fmt: skip
    s, T = task.series(), task.default_config().seq_len
    trend = np.convolve(s, np.ones(13) / 13, mode="same")  # the centred 13-month average
    starts = range(6, len(s) - T - 6)  # every window whose months have a centred average
    x = np.stack([s[a : a + T] for a in starts])[..., None]  # (B, T, 1)
    tr = presets.load("airline")[0].trace(x).layers[0]
    months = np.stack([np.arange(a, a + T) for a in starts])[:, 6:]  # past each window's first steps
    c, h, value = tr["c"][:, 6:], tr["h"][:, 6:], x[:, 6:, 0]
    d = np.abs(np.diff(tr["c"], axis=1)).mean(axis=(0, 1))
    assert int(np.argmin(d)) == 14
    about(d[14], 0.07, 0.01, "unit 14's mean change of C a month")
    about(corr(c[..., 14], trend[months]), 0.98, 0.02, "unit 14's C with the trend")
    for u, written in ((13, -0.77), (15, -0.76)):
        about(corr(h[..., u], (s - trend)[months]), written, 0.03, f"unit {u}'s h with the season")
        assert abs(corr(h[..., u], value)) < 0.1, f"unit {u}'s h hardly follows the raw value"


def test_negation_note_the_negation_word_writes():
    task, x, _, tr = batch("negation_sentiment")
    said(task.teaching_note, "less than 0.2 more open than on other words", "unit 15's C drops by about 0.6",
         "unit 2's rises by about 0.6", "unit 3's C goes down by about 0.3 in a plain sentence",
         "up by about 0.6 after a negation")  # fmt: skip
    spec = json.loads((DATA / "negation_templates.json").read_text(encoding="utf-8"))
    neg_words = {w for key in ("negations", "negations_3rd_person") for n in spec["en"][key] for w in n}
    neg_words |= {w for n in spec["zh"]["negations"] for w in n}
    positive = {w for lang in ("en", "zh") for v in spec[lang]["positive_verbs"] for w in v}
    tokens = np.array(task.vocab, dtype=object)[np.argmax(x, axis=-1)]  # (B, T)
    is_neg, is_pad = np.isin(tokens, list(neg_words)), tokens == tasks.PAD
    negated = is_neg.any(axis=1)[:, None]  # (B, 1)
    i, d = tr["i"], moves(tr)
    more = i[is_neg].mean(axis=0) - i[~is_neg & ~is_pad].mean(axis=0)  # (H,)
    assert more.max() < 0.2, f"unit {int(np.argmax(more))}'s input gate is {more.max():.2f} more open on negations"
    about(d[is_neg][:, 15].mean(), -0.6, 0.06, "unit 15's change of C at a negation word")
    about(d[is_neg][:, 2].mean(), 0.6, 0.06, "unit 2's change of C at a negation word")
    at_verb = np.isin(tokens, list(positive))
    about(d[at_verb & ~negated][:, 3].mean(), -0.3, 0.05, "unit 3 at a positive verb, plain")
    about(d[at_verb & negated][:, 3].mean(), 0.6, 0.06, "unit 3 at a positive verb, negated")


NOTE_TESTS = {
    "remember_first": test_remember_first_note_an_integrator_not_a_latch,
    "counting": test_counting_note_unit_4_counts,
    "brackets": test_brackets_note_the_candidate_changes_sign,
    "adding": test_adding_note_unit_10_opens_at_the_marks,
    "sine": test_sine_note_a_sine_and_a_cosine,
    "airline": test_airline_note_a_slow_trend_unit_and_season_units,
    "negation_sentiment": test_negation_note_the_negation_word_writes,
}


def test_every_note_speaks_of_the_preset_and_is_checked_here():
    assert sorted(NOTE_TESTS) == sorted(tasks.names()), "a task's note has no test that checks it"
    for name in tasks.names():
        assert "pre-trained preset" in tasks.get(name).teaching_note, name


# --- the README lesson ---


def test_lesson_step_2_f_stays_high_or_not_depending_on_unit_and_sample():
    said(step(2), "sample 11 (`AADBCCCABABDCAC`), unit 1", "(f ≥ 0.97 at every step)",
         "`/step?task=remember_first&seq=11&unit=6`", "starts at 0.96, falls below 0.5 at t = 3 and ends near 0.2",
         "On sample 1, which starts with B, unit 6's f stays above 0.9", "unit 8's falls instead, to about 0.4",
         "`/step?task=remember_first&seq=1&unit=8`")  # fmt: skip
    task, model = tasks.get("remember_first"), presets.load("remember_first")[0]
    found = explain.finding(task, model)  # the home tour's unit and first symbol
    seed = next(s for s in range(100) if sample("remember_first", s)[0][0].argmax() == found.cls)
    x, tr = sample("remember_first", seed)
    assert (seed, found.unit, "".join(task.token_labels(x))) == (11, 1, "AADBCCCABABDCAC")
    assert tr.state0["h"].max() == tr.state0["h"].min() == 0, "h_{t-1} is zero at the first step"
    assert tr["f"][:, 1].min() >= 0.97
    f6 = tr["f"][:, 6]
    about(f6[0], 0.96, 0.01, "unit 6's f at t = 0")
    assert f6[2] >= 0.5 > f6[3] and f6[3:].max() < 0.5, "unit 6's f falls below 0.5 at t = 3 and stays there"
    about(f6[-1], 0.2, 0.05, "unit 6's last f")
    x, tr = sample("remember_first", 1)
    assert task.token_labels(x)[0] == "B"
    assert tr["f"][:, 6].min() > 0.9
    about(tr["f"][-1, 8], 0.4, 0.05, "unit 8's last f on sample 1")


def test_lesson_step_3_an_integrator_per_first_symbol():
    said(step(3), "after a first A its input gate opens (about 0.9)", "C moves by about −0.8 at every step",
         "Gradient descent found an integrator, not a latch", "units 7, 12 and 5 build up instead")  # fmt: skip
    _, tr = sample("remember_first", 11)
    per_step = np.diff(tr["c"][:, 1])
    assert np.all(per_step < 0), "unit 1's C grows more negative at every step of sample 11"
    about(per_step[2:].mean(), -0.8, 0.15, "unit 1's change of C a step on sample 11")
    _, _, y, trace = batch("remember_first")
    about(explain.memory_finding(trace, y).write_same, 0.9, 0.05, "i after a first A")
    assert [class_units(trace, y)[k][0] for k in (1, 2, 3)] == [7, 12, 5]


def test_lesson_step_4_the_counter_on_sample_1():
    said(step(4), "(sample 1)", "the top row is unit 4", "rises by about 0.11 at every a",
         "moves by less than 0.01 at every b", "about 0.2 on an a and under 0.1 on a b", "`aababbba`")  # fmt: skip
    task = tasks.get("counting")
    x, tr = sample("counting", 1)
    assert int(unit_order(tr, "by correlation", task.targets(x))[0]) == 4
    ids, d = task.ids(x), np.diff(tr["c"][:, 4], prepend=0.0)  # unit 4's change of C at every step
    assert np.all((d[ids == 0] > 0.08) & (d[ids == 0] < 0.14)), d[ids == 0]
    assert np.all(np.abs(d[ids == 1]) < 0.01), d[ids == 1]
    about(tr["i"][ids == 0, 4].mean(), 0.2, 0.05, "unit 4's i on an a")
    assert tr["i"][ids == 1, 4].mean() < 0.1, "unit 4's i on a b"
    typed = task.parse("aababbba")
    pred = presets.load("counting")[0].predict(typed, True)[:, 0]
    assert np.array_equal(np.rint(pred), task.targets(typed)), "the preset counts the typed example right"


def test_lesson_step_5_random_models_correlate_but_do_not_count():
    said(step(5), "*random initialisation* (seed 0)", "no unit tells the first symbols apart",
         "(|r| above 0.9", "at fewer than half of the steps, against 97% for the preset's unit 4")  # fmt: skip
    first = explain.finding(tasks.get("remember_first"), random_model("remember_first", 0))
    assert first.code == "none"
    count = explain.finding(tasks.get("counting"), random_model("counting", 0))
    assert count.code == "none" and abs(count.r) > 0.9 and count.right < 0.5
    preset = explain.finding(tasks.get("counting"), presets.load("counting")[0])
    assert (preset.unit, f"{preset.right:.0%}") == (4, "97%")


def test_lesson_extra_the_input_gate_not_the_forget_gate():
    said(LESSON, "in the preset it is the input gate that the first symbol")
    _, _, y, tr = batch("remember_first")
    assert explain.memory_finding(tr, y).switch == "write"


# --- the computed texts ---


@pytest.mark.parametrize("name", ["remember_first", "counting", "brackets"])
def test_the_heatmap_note_is_computed_from_the_model_on_screen(name):
    task = tasks.get(name)
    preset = explain.note_words(task, explain.finding(task, presets.load(name)[0]), preset=True)
    random = explain.note_words(task, explain.finding(task, random_model(name, 0)), preset=False)
    assert preset.startswith("In this model, unit ") and "no unit" not in preset
    assert "In this model, no unit" in random and random.endswith(task.teaching_note)
    assert "-0.0 " not in preset + random and "+0.00 " not in preset + random
    if name == "remember_first":
        assert "That is an integrator, not a latch" in preset


@pytest.mark.parametrize("name", ["remember_first", "counting", "brackets"])
@pytest.mark.parametrize("kind", ["preset", "random"])
def test_the_computed_texts_say_the_same_numbers_in_chinese(name, kind):
    """The same finding, the same template code, the same numbers: only the words around them change."""
    task = tasks.get(name)
    model = presets.load(name)[0] if kind == "preset" else random_model(name, 0)
    found = explain.finding(task, model)
    number = re.compile(r"[-+]?\d+(?:\.\d+)?%?")
    texts = [explain.finding_words(task, found, lang=lang) for lang in ("en", "zh")]
    if name == "remember_first":
        texts = [" ".join(explain.tour_words(task, found, lang)) for lang in ("en", "zh")] + texts
    for en, zh in zip(texts[::2], texts[1::2]):
        assert sorted(number.findall(en)) == sorted(number.findall(zh)), (en, zh)
        assert re.search(r"[\u4e00-\u9fff]", zh) and not re.search(r"[A-Za-z]{3,}", zh), zh


@pytest.mark.parametrize("name", ["adding", "sine", "airline", "negation_sentiment"])
def test_tasks_without_an_analysis_show_their_checked_note(name):
    task = tasks.get(name)
    assert explain.finding(task, presets.load(name)[0]) is None
    assert explain.note_words(task, None, preset=True) == task.teaching_note
    assert explain.note_words(task, None, preset=False).endswith(task.teaching_note)


def test_a_latch_is_called_a_latch():
    """Hand-made memories: C written at t = 0 and held is a latch; C that moves at every step is an integrator."""
    import lstm_viz as lv

    p = lv.random_params("lstm", 2, 1, seed=0)
    labels = np.repeat([0, 1], 50)
    tr = lv.forward(p, np.zeros((100, 10, 2))).layers[0]
    t, k = np.arange(10)[None, :, None], labels[:, None, None]  # (1, T, 1), (B, 1, 1)
    noise = 0.01 * np.random.default_rng(0).normal(size=(100, 10, 1))
    for c, code in ((3.0 * k + 0 * t, "latch"), (0.5 * k * (t + 1), "integrator")):
        fake = type(tr)(tr.spec, tr.x, tr.state0, tr.pre, dict(tr.values, c=c + noise))
        assert explain.memory_finding(fake, labels).code == code


def test_the_home_tour_says_what_the_finding_says():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file("../app.py", default_timeout=60).run()
    assert not at.exception, at.exception
    tour = " ".join(m.value for m in at.markdown)
    task = tasks.get("remember_first")
    found = explain.finding(task, presets.load("remember_first")[0])
    this_unit, other = explain.tour_words(task, found)
    assert " ".join(this_unit.split()) in " ".join(tour.split())
    assert " ".join(other.split()) in " ".join(tour.split())
    assert "Gradient descent found an integrator, not a latch" in this_unit


def test_the_heatmap_page_shows_the_computed_note():
    from streamlit.testing.v1 import AppTest

    for model, expect in (("preset", "In this model, unit 4's C gives the answer"), ("random", "no unit's C")):
        at = AppTest.from_file("../app.py", default_timeout=60)
        at.query_params.update({"task": "counting", "seq": "1", "model": model})
        at.run()
        at.switch_page("app_pages/heatmaps.py").run()
        assert not at.exception, at.exception
        info = " ".join(e.value for e in at.info)
        assert expect in info, info
