"""The views of every cell read its declaration: a map per quantity with the trace's numbers, terms that add up
to the pre-activations, a diagram whose hover numbers are the step's, a sentence per quantity."""

import numpy as np
import pytest

import lstm_viz as lv
from lstm_viz import explain
from lstm_viz.core.activations import ACTIVATIONS
from lstm_viz.viz import diagram, figures, heatmaps, theme

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
    order = heatmaps.unit_order(tr, "by variance")
    fig = heatmaps.gate_heatmaps(tr, tokens, order)
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
    assert theme.colour_range(spec["c"], np.array([-3.5, 2.0])) == (-4.0, 4.0)  # symmetric, rounded up
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
    sat = heatmaps.saturation(tr)
    if spec.gates:
        assert list(sat) == list(spec.gates)
        assert heatmaps.saturation_figure(spec, sat) is not None
    else:
        assert sat is None


@pytest.mark.parametrize("cell", CELLS)
def test_the_diagram_with_the_weights_gives_each_boxs_terms(cell):
    spec, layer, tr = layer_of(cell)
    step = tr.at(4)
    fig = diagram.cell_diagram(spec, step, 2, "a", theme.ranges(tr), layer=layer)
    texts = list(fig.data[0].text)
    terms = explain.unit_terms(spec, layer, step, 2)
    for name, t in terms.items():  # every weighted box says its pre-activation and its terms
        line = next(s for s in texts if s.startswith(f"{spec[name].title}: {name}_t[2] = "))
        assert f"pre-activation {explain.num(t.pre)} = {explain.num(t.x_part)}" in line, (cell, name)
        if t.peephole:
            assert any(s.startswith(f"peephole into {name}") and s.endswith(explain.num(t.peep)) for s in texts)
        if t.reset is not None:  # the GRU's recurrent part, before and after r multiplies it
            assert any(s.endswith(f"= {explain.num(t.h_dot + t.recurrent_bias)}") for s in texts)
            assert any(
                s.endswith(f"= {explain.num(t.h_part)}") and s.startswith(f"{spec[name].reset_by} × (") for s in texts
            )


def test_the_lstm_variants_draw_what_they_change():
    def notes(cell):
        spec, _, tr = layer_of(cell)
        fig = diagram.cell_diagram(spec, tr.at(1), 0, "a", theme.ranges(tr))
        return " ".join(a.text for a in fig.layout.annotations), " ".join(fig.data[0].text)

    assert "f ≡ 1" in notes("lstm_nfg")[0] and "i ≡ 1" in notes("lstm_nig")[0] and "o ≡ 1" in notes("lstm_nog")[0]
    assert "f = 1 − i" in notes("lstm_cifg")[0]
    assert "peepholes" in notes("lstm_ph")[0] and "peephole into o: w_co ⊙ c_t" in notes("lstm_ph")[1]
    assert "no activation" in notes("lstm_noaf")[0] and "C̃  linear" in notes("lstm_niaf")[0]
    assert (
        "C̃  relu" in notes("lstm(activation=relu)")[0]
        and "i  σ hard" in notes("lstm(recurrent_activation=hard_sigmoid)")[0]
    )
    lstm = notes("lstm")[0]
    assert "≡ 1" not in lstm and "peepholes" not in lstm and "1 − i" not in lstm


def test_the_diagram_colours_each_wire_on_its_own_range():
    """C̃, tanh(C) and h on -1..1, C on its own (wider) range: a C of 3 is not the colour of an h of 3."""
    spec, _, tr = layer_of("lstm")
    step = tr.at(4)
    ranges = dict(theme.ranges(tr), c=(-10.0, 10.0))
    fig = diagram.cell_diagram(spec, step, 2, "a", ranges)
    colour = {}
    for shape in fig.layout.shapes:
        if shape.type == "rect" and shape.fillcolor:
            colour.setdefault(shape.fillcolor, 0)
    h_box = theme.colour_of(float(step["g"][2]), -1.0, 1.0, theme.SIGNED_SCALE)
    assert h_box in colour  # the candidate's box on -1..1, not on C's ±10
    squashed = float(np.tanh(step["c"][2]))
    assert theme.colour_of(squashed, -1.0, 1.0, theme.SIGNED_SCALE) in colour


@pytest.mark.parametrize("cell", CELLS)
def test_memory_analyses_read_the_declaration(cell):
    from lstm_viz.explain import analysis

    spec = lv.cells.from_key(cell)
    p = lv.random_params(spec, 3, 6, seed=3)
    rng = np.random.default_rng(4)
    x = rng.normal(size=(40, 9, 3))
    labels = (x[:, 0, 0] > 0).astype(int)
    tr = lv.forward(p, x).layers[0]
    unit, keep, write = explain.memory_unit(tr, labels)
    story = explain.gate_story(tr, labels, unit)
    m = analysis.memory_state(spec)
    assert m == ("c" if "c" in spec else "h") and story[f"{m}_same"] == story["memory_same"]
    kf, wf = analysis.keep_factor(spec), analysis.write_factor(spec)
    if spec.family == "rnn":
        assert kf is None and wf is None and np.isnan(keep) and np.isnan(write)
        return
    if kf is None:  # no forget gate: c_{t-1} is kept whole
        assert keep == 1.0 and story["keep_same"] == 1.0
    else:
        assert keep == pytest.approx(analysis.factor_values(tr, kf)[:, 1:, unit].mean())
    if wf is None:  # no input gate: the candidate is written whole
        assert write == 1.0
    if spec.family == "gru":
        assert (kf.name, wf.name, wf.one_minus) == ("z", "z", True)
        assert keep + write == pytest.approx(1.0) and "z_same" in story


def test_memory_unit_of_an_lstm_is_the_scored_one():
    """The LSTM's score: class spread of the final C over its spread within a class, × mean f × (1 - mean i)."""
    p = lv.random_params("lstm", 3, 6, seed=3, forget_bias=1.0)
    x = np.random.default_rng(4).normal(size=(40, 9, 3))
    y = (x[:, 0, 0] > 0).astype(int)
    tr = lv.forward(p, x).layers[0]
    c_end = tr["c"][:, -1]
    means = np.stack([c_end[y == k].mean(axis=0) for k in (0, 1)])
    within = np.mean([c_end[y == k].std(axis=0) for k in (0, 1)], axis=0) + 1e-9
    f, i = tr["f"][:, 1:].mean(axis=(0, 1)), tr["i"][:, 1:].mean(axis=(0, 1))
    unit = int(np.argmax(means.std(axis=0) / within * f * (1 - i)))
    assert explain.memory_unit(tr, y) == (unit, float(f[unit]), float(i[unit]))
    story = explain.gate_story(tr, y, unit)
    assert {"cls", "i_same", "f_same", "c_same", "i_other", "f_other", "c_other"} <= set(story)
