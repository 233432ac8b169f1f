"""explain: the terms the step-through page shows add up to what the NumPy reference recorded."""

import numpy as np
import pytest

from lstm_viz import explain, reference, tasks
from lstm_viz.core.params import GATES, LSTMParams


@pytest.fixture
def step_and_params():
    p = LSTMParams.random(input_size=3, hidden_size=5, seed=4, forget_bias=1.0)
    xs = np.random.default_rng(1).normal(size=(9, 3))
    tr = reference.forward(p, xs, h0=np.full(5, 0.3), c0=np.linspace(-1, 1, 5))
    return p, tr


@pytest.mark.parametrize("t", [0, 4, 8])
@pytest.mark.parametrize("unit", [0, 3])
def test_terms_add_up_to_the_recorded_pre_activation_and_activation(step_and_params, t, unit):
    p, tr = step_and_params
    terms = explain.unit_terms(p, tr.at(t), unit)
    for n, gate in enumerate(GATES):
        g = terms[gate]
        assert g.x_part + g.h_part + g.bias == pytest.approx(tr.z[t, n, unit], abs=1e-12), gate
        assert g.value == getattr(tr, gate)[t, unit]
        rows = explain.products(p, tr.at(t), unit, gate, ["a", "b", "c"])
        assert len(rows) == 5 + 3 and rows[0]["input"] == "h_prev[0]" and rows[5]["input"] == "x[0] (a)"
        assert sum(r["product"] for r in rows) == pytest.approx(g.x_part + g.h_part, abs=1e-12)
    s = explain.state_terms(tr.at(t), unit)
    assert s.f * s.c_prev + s.i * s.g == pytest.approx(s.c, abs=1e-12)
    assert s.o * s.tanh_c == pytest.approx(s.h, abs=1e-12)


def test_latex_lines_carry_the_numbers(step_and_params):
    p, tr = step_and_params
    terms = explain.unit_terms(p, tr.at(2), 1)
    sep = explain.latex_separated(terms["f"], 1)
    cat = explain.latex_concatenated(terms["f"], 1)
    for line in (sep, cat):
        assert explain.num(terms["f"].pre) in line and line.endswith(f"{{{explain.num(terms['f'].value)}}}")
    assert explain.num(terms["f"].x_part) in sep and explain.num(terms["f"].x_part + terms["f"].h_part) in cat
    assert "\n" not in sep + cat  # one equation, one line
    assert "\\color" not in sep + cat  # no colours given: plain LaTeX groups
    coloured = explain.latex_separated(terms["f"], 1, colours={"f": "#c62828"})
    assert coloured.startswith(r"\color{#c62828}{f_{t}[1]}") and coloured.endswith(rf"\color{{#c62828}}{sep[-7:]}")


def test_sentences_name_the_gate_and_its_number(step_and_params):
    _, tr = step_and_params
    words = explain.sentences(tr.at(3), 2, "A")
    assert list(words) == ["f", "i", "g", "o", "c", "h"]
    assert f"keeps {tr.f[3, 2]:.0%} of unit 2's memory" in words["f"]


def test_a_batch_or_a_bad_unit_is_refused(step_and_params):
    p, _ = step_and_params
    batch = reference.forward(p, np.zeros((2, 4, 3)))
    with pytest.raises(ValueError, match="batch"):
        explain.unit_terms(p, batch.at(0), 0)
    with pytest.raises(ValueError, match="unit: expected 0 to 4, got 5"):
        explain.unit_terms(p, reference.forward(p, np.zeros((4, 3))).at(0), 5)


def test_output_words_give_the_answer_when_the_task_knows_it():
    task = tasks.get("counting")
    x = task.parse("aab")
    assert explain.output_words(task, x, np.array([1.96]), 1) == "the model's output at t = 1: 1.960 (the answer: 2)"
    first = tasks.get("remember_first")
    x = first.parse("CAB")
    assert "only the last step" in explain.output_words(first, x, np.zeros(4), 0)
    assert explain.output_words(first, x, np.array([0, 0, 5.0, 0]), 2).endswith("(the answer: C)")
