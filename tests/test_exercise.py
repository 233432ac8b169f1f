"""Predict, then reveal (lstm_viz/explain/exercise.py, lstm_viz/ui/exercise.py): the truth against the trace of
several cells, the threshold, the score; on the step-through page a link opens the exercise, checking scores it
as the trace says, the teacher's answers equal the truth, and the Chinese page says the same numbers."""

import re

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

import lstm_viz as lv
from lstm_viz import tasks, words
from lstm_viz.core import cells
from lstm_viz.core.refusal import Refusal
from lstm_viz.explain import exercise as ex
from lstm_viz.io import presets
from tests.english import english_words

APP, STEP = "../app.py", "app_pages/step.py"
KEPT = set(words.zh.exercise.KEEP_ENGLISH)  # the link's parameter names (answers=1), kept as written in a URL
NUMBER = re.compile(r"[-+]?\d+\.\d{3}")

# --- the truth, against the trace ---

CELLS = ("lstm", "gru", "lstm_nfg", "rnn", "lstm_cifg", "lstm_ph")


def random_case(cell: str):
    p = lv.random_params(cell, input_size=3, hidden_size=4, seed=7)
    xs = np.random.default_rng(1).normal(size=(6, 3))
    h0 = np.random.default_rng(2).normal(size=(1, 4)) * 0.5
    state0 = {"h": h0, "c": -h0} if "c" in p.spec.states else {"h": h0}
    return p, lv.forward(p, xs, state0=state0)


def test_the_quantities_asked_come_from_the_cells_declaration():
    assert ex.asked_quantities(cells.spec("lstm")) == ("i", "f", "o", "c")
    assert ex.asked_quantities(cells.spec("gru")) == ("r", "z", "h")
    assert ex.asked_quantities(cells.spec("lstm_nfg")) == ("i", "o", "c")  # no forget gate, no f
    assert ex.asked_quantities(cells.spec("rnn")) == ("h",)  # no gates: its memory only
    assert set(ex.every_quantity()) == {"i", "f", "o", "c", "r", "z", "h"}


@pytest.mark.parametrize("cell", CELLS)
def test_truth_is_the_traces_values_and_its_terms_add_up(cell):
    p, tr = random_case(cell)
    spec, layer, rec = p.spec, p.layers[0], tr.layers[0]
    x, T = rec.x, rec.steps
    h = np.vstack([rec.state0["h"], rec["h"]])  # h[t] is h_{t-1}
    for t in range(T - 1):
        for unit in range(4):
            for name in ex.asked_quantities(spec):
                got = ex.truth(spec, layer, rec, t, unit, name)
                before, after = rec[name][t, unit], rec[name][t + 1, unit]
                assert (got.before, got.after) == (before, after), f"{cell} {name} t={t}"
                d = after - before
                memory = name == ex.memory_state(spec)  # its threshold: 0.05 of its own scale (at most 1)
                limit = 0.05 * min(1.0, np.abs(rec[name][:, unit]).max()) if memory else 0.05
                assert got.threshold == pytest.approx(limit)
                assert got.move == ("stay" if abs(d) < limit else "rise" if d > 0 else "fall"), f"{cell} {name}"
                if spec[name].weighted:
                    row = spec.weighted.index(name)
                    x_parts = [layer["W_x"][row, unit] @ x[s] for s in (t, t + 1)]
                    h_parts = [layer["W_h"][row, unit] @ h[s] for s in (t, t + 1)]
                    terms = {term.name: term for term in got.terms}
                    assert np.allclose([terms["x"].before, terms["x"].after], x_parts, atol=1e-12), f"{cell} {name}"
                    assert np.allclose([terms["h"].before, terms["h"].after], h_parts, atol=1e-12), f"{cell} {name}"
                    assert terms["bias"].after == layer["b"][row, unit] and terms["bias"].effect == 0
                    assert (got.pre_before, got.pre_after) == (rec.pre[t, row, unit], rec.pre[t + 1, row, unit])
                    assert np.isclose(sum(term.after for term in got.terms), got.pre_after, atol=1e-12), name
                    assert np.isclose(sum(term.effect for term in got.terms), got.pre_after - got.pre_before)
                else:
                    assert np.isclose(sum(term.effect for term in got.terms), d, atol=1e-12), f"{cell} {name}"


def test_the_kept_and_written_parts_are_the_cells_products():
    def lstm_kept(r, t, k):
        return r["f"][t + 1, k] * r["c"][t, k]  # f_{t+1} C_t

    def lstm_written(r, t, k):
        return r["i"][t + 1, k] * r["g"][t + 1, k]  # i_{t+1} C̃_{t+1}

    def nfg_kept(r, t, k):
        return r["c"][t, k]  # f ≡ 1: all of C_t

    def gru_kept(r, t, k):
        return r["z"][t + 1, k] * r["h"][t, k]  # z_{t+1} h_t

    def gru_written(r, t, k):
        return (1 - r["z"][t + 1, k]) * r["n"][t + 1, k]  # (1 - z_{t+1}) n_{t+1}

    for cell, kept, written in (
        ("lstm", lstm_kept, lstm_written),
        ("lstm_nfg", nfg_kept, lstm_written),
        ("gru", gru_kept, gru_written),
    ):
        p, tr = random_case(cell)
        rec = tr.layers[0]
        name = "c" if "c" in p.spec.states else "h"
        got = ex.truth(p.spec, p.layers[0], rec, 2, 3, name)
        assert got.kind == "state"
        terms = {term.name: term for term in got.terms}
        assert np.isclose(terms["kept"].after, kept(rec, 2, 3), atol=1e-12), cell
        assert np.isclose(terms["written"].after, written(rec, 2, 3), atol=1e-12), cell
        assert np.isclose(terms["kept"].effect + terms["written"].effect, got.change, atol=1e-12), cell


def test_the_textbook_counters_memory_rises_at_every_a_and_says_its_small_numbers():
    """The model built by hand counts with C rising 0.0002 at each a: the memory's threshold, scaled to its values,
    calls that a rise (an absolute 0.05 said "stay" at every step), and the reveal writes 2.0e-04, not 0.000."""
    from lstm_viz import tasks
    from lstm_viz.core.textbook import textbook_model

    model, task = textbook_model("counting"), tasks.get("counting")
    x = task.parse("aabab")
    rec = model.trace(x).layers[0]
    spec, layer = model.params.spec, model.params.layers[0]
    moves = [ex.truth(spec, layer, rec, t, 0, "c").move for t in range(4)]
    assert moves == ["rise", "stay", "rise", "stay"]  # reading a, b, a, b next
    tr = ex.truth(spec, layer, rec, 0, 0, "c")
    said = ex.reveal_words(spec, tr, "stay")
    assert "+2.0e-04" in said and "(+0.000)" not in said, said
    assert "2.0e-04" in ex.why_words(spec, tr, "zh")


def test_the_coupled_gate_is_derived_and_the_threshold_decides_stay():
    p, tr = random_case("lstm_cifg")
    got = ex.truth(p.spec, p.layers[0], tr.layers[0], 1, 0, "f")
    assert got.kind == "derived" and np.isclose(got.after, 1 - tr.layers[0]["i"][2, 0])
    assert ex.THRESHOLD == 0.05
    assert ex.move(0.5, 0.5499) == "stay" and ex.move(0.5, 0.5501) == "rise"
    assert ex.move(0.5, 0.4501) == "stay" and ex.move(0.5, 0.4499) == "fall"
    assert ex.move(-3.0, -3.0) == "stay"


def test_the_last_step_and_a_quantity_the_cell_lacks_are_refused_by_code():
    p, tr = random_case("lstm_nfg")
    with pytest.raises(Refusal) as err:
        ex.truth(p.spec, p.layers[0], tr.layers[0], 5, 0, "c")
    assert err.value.code == "exercise.no_next_step" and "last step is 5" in str(err.value)
    with pytest.raises(Refusal) as err:
        ex.truth(p.spec, p.layers[0], tr.layers[0], 0, 0, "f")
    assert err.value.code == "exercise.not_asked"
    assert "没有下一步" in Refusal("exercise.no_next_step", t=5, last=5).say("zh")
    said = Refusal("exercise.link_quantity", value="zz", names="f, c").say("zh")
    assert "zz" in said and "不是" in said


def test_the_score_counts_right_predictions_overall_and_per_quantity():
    checked = {2: {"f": ("rise", "rise"), "c": ("fall", "stay")}, 3: {"f": ("stay", "stay"), "c": ("stay", "stay")}}
    score = ex.score(checked)
    assert (score.right, score.asked) == (3, 4)
    assert score.by_quantity == {"f": (2, 2), "c": (1, 2)}
    assert ex.score({}).asked == 0


def test_the_why_says_the_traces_numbers_in_both_languages():
    p, tr = random_case("lstm")
    for name in ("f", "c"):
        got = ex.truth(p.spec, p.layers[0], tr.layers[0], 3, 1, name)
        en, zh = ex.why_words(p.spec, got, "en"), ex.why_words(p.spec, got, "zh")
        assert NUMBER.findall(en) == NUMBER.findall(zh), name
        assert f"{got.after:.3f}" in ex.reveal_words(p.spec, got, "rise", "zh")
    got, rec = ex.truth(p.spec, p.layers[0], tr.layers[0], 3, 1, "c"), tr.layers[0]
    f, c = (round(v, 3) + 0.0 for v in (rec["f"][4, 1], rec["c"][3, 1]))  # C_4 = f_4 C_3 + i_4 g_4
    kept = f"{f:.3f} × " + (f"{c:.3f}" if c >= 0 else f"({c:.3f})")
    assert f"Kept: {kept} = {round(f * c, 3) + 0.0:.3f}" in ex.why_words(p.spec, got)


# --- the page ---

TASK, SEQ = "remember_first", 3
LINK = {"task": TASK, "seq": str(SEQ), "model": "preset", "exercise": "1", "exq": "f,c", "unit": "1", "t": "2"}


def open_link(query: dict, said: list | None = None) -> AppTest:
    """The step-through page opened from a link; `said` gets the link's problems (the first run's warnings)."""
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, at.exception
    if said is not None:
        said.extend(w.value for w in at.warning)
    at.switch_page(STEP).run()
    assert not at.exception, at.exception
    return at


def page_trace(task: str = TASK, seq: int = SEQ):
    """The preset's trace of the sample the page shows, by lstm_viz.forward."""
    model, _ = presets.load(task)
    x, _ = tasks.get(task).make_batch(1, tasks.get(task).default_config().seq_len, np.random.default_rng(seq))
    return lv.forward(model.params, x[0]).layers[0]


def true_move(rec, name: str, t: int, unit: int) -> str:
    """The move from the trace itself: 0.05, or for the memory C 0.05 of its largest |value| here (at most 1)."""
    d = rec[name][t + 1, unit] - rec[name][t, unit]
    limit = 0.05 * min(1.0, np.abs(rec[name][:, unit]).max()) if name == "c" else 0.05
    return "stay" if abs(d) < limit else "rise" if d > 0 else "fall"


def predict(at, t: int, said: dict[str, str]) -> None:
    for name, move in said.items():
        [key] = [r.key for r in at.radio if r.key and r.key.startswith("ex_said_") and r.key.endswith(f"_{t}_{name}")]
        at.radio(key=key).set_value(move).run()
        assert not at.exception, at.exception


def said_radios(at) -> dict[str, str | None]:
    return {r.key.rsplit("_", 1)[1]: r.value for r in at.radio if r.key and r.key.startswith("ex_said_")}


def reveals(at) -> list[str]:
    """The reveal's alerts, one a quantity ("f: 0.982 → 0.975 ...", "C：..."), as read."""
    alerts = [unescape(a.value) for a in (*at.success, *at.warning)]
    return [a for a in alerts if re.match(r"[fC][:：]", a)]


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def part(at, key: str):
    """The block of the container with `key` (the exercise's, lstm_viz.ui.exercise.EXERCISE)."""

    def find(node):
        proto = getattr(node, "proto", None)
        if proto is not None and str(getattr(proto, "id", "")).endswith("-" + key):
            return node
        for child in getattr(node, "children", {}).values():
            if (found := find(child)) is not None:
                return found
        return None

    found = find(at.main)
    assert found is not None, key
    return found


def test_a_link_opens_the_exercise_and_checking_scores_it_as_the_trace_says():
    said = []
    at = open_link(LINK, said)
    ss = at.session_state
    assert ss["ex_on"] and ss["t"] == 2 and ss["unit"] == 1
    assert at.multiselect(key="ex_pick").value == ["f", "c"]
    assert said_radios(at) == {"f": None, "c": None}
    assert not said
    q = at.query_params
    assert (q["exercise"], q["exq"], q["t"], q["unit"]) == ("1", "f,c", "2", "1")
    assert at.button(key="ex_check").disabled
    keys = lambda: [c.proto.id for c in at.get("plotly_chart")]  # noqa: E731
    timeline_shown = lambda: any("timeline" in k for k in keys())  # noqa: E731
    assert not timeline_shown()  # the unit over the whole sequence would give the answers away

    rec = page_trace()
    f_true, c_true = true_move(rec, "f", 2, 1), true_move(rec, "c", 2, 1)
    c_wrong = next(m for m in ex.MOVES if m != c_true)
    predict(at, 2, {"f": f_true, "c": c_wrong})
    at.run()  # a rerun keeps the predictions
    assert said_radios(at) == {"f": f_true, "c": c_wrong}
    at.button(key="ex_check").click().run()
    assert not at.exception, at.exception
    assert at.metric[0].value == "1 / 2"
    assert "f: 1 / 1" in " ".join(c.value for c in at.caption) and "C: 0 / 1" in " ".join(c.value for c in at.caption)
    [right] = [unescape(s.value) for s in at.success]
    [wrong] = [unescape(s.value) for s in at.warning]
    assert right.startswith(f"f: {rec['f'][2, 1]:.3f} → {rec['f'][3, 1]:.3f}")
    assert wrong.startswith(f"C: {rec['c'][2, 1]:.3f} → {rec['c'][3, 1]:.3f}")
    assert f"You predicted {c_wrong}" in wrong and f"pre-activation went from {rec.pre[2, 1, 1]:.3f}" in right
    assert timeline_shown()  # checked: nothing left to give away

    at.button(key="ex_next").click().run()  # Next: step 3, fresh predictions, the score kept
    assert ss["t"] == 3 and said_radios(at) == {"f": None, "c": None} and at.metric[0].value == "1 / 2"
    predict(at, 3, {"f": "stay", "c": "stay"})
    at.button(key="ex_check").click().run()
    right = 1 + (true_move(rec, "f", 3, 1) == "stay") + (true_move(rec, "c", 3, 1) == "stay")
    assert at.metric[0].value == f"{right} / 4"

    at.button(key="ex_again").click().run()  # Start again: the score cleared, back at step 2
    assert ss["t"] == 2 and at.metric[0].value == "0 / 0" and said_radios(at) == {"f": None, "c": None}


def test_the_answers_view_is_the_truth_of_every_step():
    at = open_link({**LINK, "exercise": "0", "answers": "1", "exq": "i,f,o,c"})
    assert not at.session_state["ex_on"] and not said_radios(at)  # the answers without predicting
    rec = page_trace()
    table = at.dataframe[0].value
    assert len(table) == rec.steps - 1
    assert list(table.columns) == ["t → t+1", "token read"] + [
        c for s in ("i", "f", "o", "C") for c in (f"{s}: before → after", f"{s}: move")
    ]
    for t in range(rec.steps - 1):
        for name, s in (("i", "i"), ("f", "f"), ("o", "o"), ("c", "C")):
            b, a = round(rec[name][t, 1], 3) + 0.0, round(rec[name][t + 1, 1], 3) + 0.0
            assert table[f"{s}: before → after"][t] == f"{b:.3f} → {a:.3f}"
            assert table[f"{s}: move"][t] == true_move(rec, name, t, 1)
    assert at.query_params["answers"] == "1" and "exercise" not in at.query_params


def test_a_bad_exq_is_named_and_a_quantity_the_cell_lacks_is_said():
    said = []
    at = open_link({**LINK, "exq": "zz,c"}, said)
    assert len(said) == 1 and "exq: zz is not a quantity an exercise asks about" in said[0]
    assert at.multiselect(key="ex_pick").value == ["c"] and set(said_radios(at)) == {"c"}
    at = open_link({**LINK, "cell": "lstm_nfg", "model": "random"})  # no forget gate: f is not asked
    assert at.multiselect(key="ex_pick").value == ["c"]
    assert any("has no f" in c.value for c in at.caption)
    at = open_link({**LINK, "cell": "gru", "model": "random", "exq": "f"})  # nothing it has: all of the GRU's
    assert at.multiselect(key="ex_pick").value == ["r", "z", "h"]


def test_the_exercise_in_chinese_has_no_english_and_says_the_same_numbers():
    at = open_link({**LINK, "answers": "1", "presenter": "1"})
    rec = page_trace()
    f_true = true_move(rec, "f", 2, 1)
    predict(at, 2, {"f": f_true, "c": "rise"})
    at.button(key="ex_check").click().run()
    en = reveals(at)
    at.selectbox(key="lang").set_value("zh").run()  # the same exercise, now in Chinese: nothing is lost
    assert not at.exception, at.exception
    right = 1 + (true_move(rec, "c", 2, 1) == "rise")
    assert at.metric[0].label == words.zh.exercise.SCORE and at.metric[0].value == f"{right} / 2"
    zh = reveals(at)
    assert len(zh) == len(en) == 2
    for a, b in zip(sorted(en), sorted(zh), strict=True):
        assert NUMBER.findall(a) == NUMBER.findall(b)
    assert "下降" in " ".join(zh) or "上升" in " ".join(zh) or "不变" in " ".join(zh)
    assert english_words(part(at, "exercise"), allowed=KEPT) == []
    at.button(key="ex_next").click().run()  # the question and the answers' table in Chinese too
    assert english_words(part(at, "exercise"), allowed=KEPT) == []
    assert list(at.dataframe[0].value.columns)[:2] == ["t → t+1", "读入的输入"]
