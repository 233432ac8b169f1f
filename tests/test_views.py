"""The views of every cell read its declaration: a map per quantity with the trace's numbers, terms that add up
to the pre-activations, a diagram whose hover numbers are the step's, a sentence per quantity."""

import numpy as np
import pytest

import lstm_viz as lv
from lstm_viz import explain
from lstm_viz.core.activations import ACTIVATIONS
from lstm_viz.viz import diagram, figures, theme

CELLS = [
    *lv.cells.names(),
    "lstm(activation=relu)",
    "gru(activation=relu)",
    "rnn(activation=relu)",
    "lstm(recurrent_activation=tanh)",
]


def layer_of(cell, layers=2, layer=1, T=7, H=5):
    p = lv.random_params(lv.cells.from_key(cell), 3, H, num_layers=layers, seed=6)
    xs = np.random.default_rng(2).normal(size=(T, 3)) * 2
    state0 = {s: np.linspace(-0.5, 0.5, layers * H).reshape(layers, H) for s in p.spec.states}
    return p.spec, p.layers[layer], lv.forward(p, xs, state0).layers[layer]


@pytest.mark.parametrize("cell", CELLS)
def test_heat_maps_one_per_quantity_with_the_traces_numbers(cell):
    spec, _, tr = layer_of(cell)
    tokens = [f"t{k}" for k in range(tr.steps)]
    order = figures.unit_order(tr, "by variance")
    fig = figures.gate_heatmaps(tr, tokens, order)
    maps = [t for t in fig.data if t.type == "heatmap"]
    assert [m.name for m in maps] == list(spec.names)
    titles = [a.text for a in fig.layout.annotations]
    for q, m in zip(spec.quantities, maps):
        assert np.allclose(np.asarray(m.z), tr[q.name][:, order].T, atol=0), q.name
        assert (m.zmin, m.zmax) == theme.colour_range(q, tr[q.name])
        assert f"{q.symbol} — {q.title}" in titles or f"{q.name} — {q.title}" in titles


def test_colour_ranges_come_from_the_declaration():
    spec = lv.cells.spec("lstm")
    assert theme.colour_range(spec["f"], np.array([0.2])) == (0.0, 1.0)
    assert theme.colour_range(spec["h"], np.array([0.2])) == (-1.0, 1.0)
    assert theme.colour_range(spec["c"], np.array([-3.5, 2.0])) == (-3.5, 3.5)
    relu = lv.cells.spec("gru", activation="relu")
    assert theme.colour_range(relu["n"], np.array([0.5, 4.0])) == (-4.0, 4.0)
    assert theme.colourscale(spec["f"]) == theme.GATE_SCALE and theme.colourscale(spec["c"]) == theme.SIGNED_SCALE
    names = {q for c in lv.cells.names() for q in lv.cells.spec(c).names}
    assert names <= set(theme.COLOURS) and names <= set(theme.STREAMLIT_COLOURS)


@pytest.mark.parametrize("cell", CELLS)
@pytest.mark.parametrize("t", [0, 3, 6])
def test_terms_reproduce_the_pre_activations_and_every_equation_its_value(cell, t):
    spec, layer, tr = layer_of(cell)
    step = tr.at(t)
    for unit in range(tr.hidden_size):
        terms = explain.unit_terms(spec, layer, step, unit)
        for row, name in enumerate(spec.weighted):
            g = terms[name]
            assert abs(g.x_part + g.h_part + g.peep + g.bias - step.pre[row, unit]) < 1e-12, (cell, name)
            assert abs(ACTIVATIONS[g.activation].fn(np.array(g.pre)) - step[name][unit]) < 1e-12
        for q in spec.quantities:
            if q.sum_of:
                total = sum(np.prod([explain.terms.factor_value(f, step, unit) for f in term]) for term in q.sum_of)
                assert abs(total - step[q.name][unit]) < 1e-12, (cell, q.name)
    lines = dict(explain.equation_lines(spec, layer, step, 1))
    assert list(lines) == list(spec.names)
    for name, line in lines.items():
        assert line.endswith(f"{{{explain.num(float(step[name][1]))}}}"), (cell, name)


@pytest.mark.parametrize("cell", CELLS)
def test_the_diagram_builds_and_its_hover_numbers_are_the_steps(cell):
    spec, _, tr = layer_of(cell)
    step = tr.at(4)
    fig = diagram.cell_diagram(spec, step, 2, "<b>a</b>", theme.ranges(tr))
    points = {}
    for key, value in fig.data[0].customdata:
        if key:
            points.setdefault(key, []).append(value)
    for name in spec.names:
        assert name in points, (cell, name)
        assert all(v == float(step[name][2]) for v in points[name]), (cell, name)
    for s in spec.states:
        assert points.get(f"{s}_prev", [float(step.prev[s][2])])[0] == float(step.prev[s][2])
    assert "<b>a</b>" not in str([a.text for a in fig.layout.annotations])  # the token is escaped


@pytest.mark.parametrize("cell", CELLS)
def test_a_sentence_per_quantity_with_its_number(cell):
    spec, _, tr = layer_of(cell)
    words = explain.sentences(spec, tr.at(2), 1, "x")
    assert list(words) == list(spec.names)
    for name, sentence in words.items():
        assert explain.num(float(tr[name][2, 1])) in sentence and spec[name].title in sentence


@pytest.mark.parametrize("cell", CELLS)
def test_timeline_bars_and_saturation_read_the_spec(cell):
    spec, _, tr = layer_of(cell)
    ranges = theme.ranges(tr)
    values = {q: tr[q][:, 1] for q in spec.names}
    fig = figures.unit_timeline(spec, values, [str(k) for k in range(tr.steps)], 1, 3, ranges)
    assert sorted(d.meta for d in fig.data) == sorted(spec.names)
    for _, names, (lo, hi) in figures.timeline_panels(spec, ranges):
        for name in names:  # every line fits its panel, and no panel mixes C's range with -1..1
            assert lo <= values[name].min() and values[name].max() <= hi
            if spec[name].range is None:
                assert names == [name]
    bars = figures.step_bars(spec, {q: tr.at(3)[q] for q in spec.names}, 1, ranges)
    assert len(bars.data) == len(spec.names)
    sat = figures.saturation(tr)
    if spec.gates:
        assert list(sat) == list(spec.gates)
        assert figures.saturation_figure(spec, sat) is not None
    else:
        assert sat is None
