"""explain: the terms the step-through page shows add up to what the NumPy cell recorded, for every cell."""

import numpy as np
import pytest

import lstm_viz as lv
from lstm_viz import explain, tasks
from lstm_viz.core.activations import ACTIVATIONS

CELLS = [*lv.cells.names(), "lstm(activation=relu)", "gru(recurrent_activation=hard_sigmoid)"]


def layer_of(cell, layers=1, layer=0):
    p = lv.random_params(lv.cells.from_key(cell), 3, 5, num_layers=layers, seed=4)
    xs = np.random.default_rng(1).normal(size=(9, 3))
    state0 = {s: np.full((layers, 5), 0.3) for s in p.spec.states}
    return p.spec, p.layers[layer], lv.forward(p, xs, state0).layers[layer]


@pytest.mark.parametrize("cell", CELLS)
@pytest.mark.parametrize("t", [0, 4, 8])
def test_terms_add_up_to_the_recorded_pre_activation_and_activation(cell, t):
    spec, layer, tr = layer_of(cell, layers=2, layer=1)
    unit = 3
    terms = explain.unit_terms(spec, layer, tr.at(t), unit)
    assert list(terms) == list(spec.weighted)
    for row, gate in enumerate(spec.weighted):
        g = terms[gate]
        assert g.x_part + g.h_part + g.peep + g.bias == pytest.approx(tr.pre[t, row, unit], abs=1e-12), gate
        assert g.value == tr[gate][t, unit]
        assert ACTIVATIONS[g.activation].fn(np.array(g.pre)) == pytest.approx(g.value, abs=1e-15)
        rows = explain.products(spec, layer, tr.at(t), unit, gate, ["a", "b", "c", "d", "e"])
        assert len(rows) == 5 + 5 and rows[0]["input"] == "h_prev[0]" and rows[5]["input"] == "x[0] (a)"
        assert sum(r["product"] for r in rows) == pytest.approx(g.x_part + g.h_dot, abs=1e-12)


@pytest.mark.parametrize("cell", CELLS)
def test_every_equation_carries_its_numbers(cell):
    spec, layer, tr = layer_of(cell)
    step = tr.at(2)
    for form in ("separated", "concatenated"):
        lines = explain.equation_lines(spec, layer, step, 1, form)
        assert [name for name, _ in lines] == list(spec.names)
        for name, line in lines:
            assert "\n" not in line and line.endswith(f"{{{explain.num(float(step[name][1]))}}}"), (cell, name)
            if name in spec.weighted:
                pre = step.pre[spec.weighted.index(name), 1]
                assert explain.num(float(pre)) in line, (cell, name)


def test_latex_lines_carry_the_numbers_and_the_colours():
    spec, layer, tr = layer_of("lstm")
    terms = explain.unit_terms(spec, layer, tr.at(2), 1)
    sep = explain.latex_separated(terms["f"], 1)
    cat = explain.latex_concatenated(terms["f"], 1)
    assert explain.num(terms["f"].x_part) in sep and explain.num(terms["f"].x_part + terms["f"].h_part) in cat
    assert "\\color" not in sep + cat  # no colours given: plain LaTeX groups
    coloured = explain.latex_separated(terms["f"], 1, colours={"f": "#c62828"})
    assert coloured.startswith(r"\color{#c62828}{f_{t}[1]}") and coloured.endswith(rf"\color{{#c62828}}{sep[-7:]}")
    step = tr.at(2)
    c_line = explain.latex_derived(spec, "c", step, 1)
    f, c_prev, i, g = float(step["f"][1]), float(step.prev["c"][1]), float(step["i"][1]), float(step["g"][1])
    assert explain.num(f * c_prev) in c_line and explain.signed(i * g) in c_line  # c = f × c_{t-1} + i × g, worked out


def test_a_gru_candidate_shows_the_reset_gate_on_its_recurrent_part():
    spec, layer, tr = layer_of("gru")
    g = explain.unit_terms(spec, layer, tr.at(3), 2)["n"]
    assert g.reset == tr["r"][3, 2] and g.recurrent_bias == layer["b_hn"][2]
    assert g.h_part == pytest.approx(g.reset * (g.h_dot + g.recurrent_bias), abs=1e-15)
    line = explain.latex_separated(g, 2)
    assert explain.num(g.reset) in line and "r_t \\odot" in line


@pytest.mark.parametrize("cell", CELLS)
def test_sentences_name_every_quantity_and_its_number(cell):
    spec, _, tr = layer_of(cell)
    words = explain.sentences(spec, tr.at(3), 2, "A")
    assert list(words) == list(spec.names)
    for name, sentence in words.items():
        assert explain.num(float(tr[name][3, 2])) in sentence and spec[name].title in sentence


def test_a_batch_or_a_bad_unit_is_refused():
    p = lv.random_params("lstm", 3, 5, seed=0)
    batch = lv.forward(p, np.zeros((2, 4, 3))).layers[0]
    with pytest.raises(ValueError, match="batch"):
        explain.unit_terms(p.spec, p.layers[0], batch.at(0), 0)
    with pytest.raises(ValueError, match="unit: expected 0 to 4, got 5"):
        explain.unit_terms(p.spec, p.layers[0], lv.forward(p, np.zeros((4, 3))).layers[0].at(0), 5)


def test_output_words_give_the_answer_when_the_task_knows_it():
    task = tasks.get("counting")
    x = task.parse("aab")
    assert explain.output_words(task, x, np.array([1.96]), 1) == "the model's output at t = 1: 1.960 (the answer: 2)"
    first = tasks.get("remember_first")
    x = first.parse("CAB")
    assert "only the last step" in explain.output_words(first, x, np.zeros(4), 0)
    assert explain.output_words(first, x, np.array([0, 0, 5.0, 0]), 2).endswith("(the answer: C)")
