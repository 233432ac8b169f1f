"""Fixed ranges (issue 9): gates 0..1, C̃, tanh(C) and h -1..1, C symmetric on a range fixed per model from many
samples, the same in the diagram, the timeline and the heat maps, and decided in viz/theme.py alone."""

import ast
import re
from pathlib import Path

import numpy as np
import pytest

from lstm_viz import tasks
from lstm_viz.io import presets
from lstm_viz.viz import diagram, figures, heatmaps, theme
from tests.test_app import app, charts

TASK = "brackets"  # its LSTM preset's C: up to ±5.3 on sample 0, ±7.4 on sample 2, ±8.5 over 64 samples
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def model():
    return presets.load(TASK, "lstm")[0]


def sample(seed: int, seq_len: int | None = None) -> np.ndarray:
    task = tasks.get(TASK)
    x, _ = task.make_batch(1, seq_len or task.default_config().seq_len, np.random.default_rng(seed))
    return x[0]  # (T, D)


def rgb(colour: str) -> np.ndarray:
    return np.array([float(v) for v in re.findall(r"[\d.]+", colour)[:3]])


def test_the_c_range_is_the_models_not_the_samples(model):
    ranges = theme.model_ranges(model)[0]
    assert ranges["i"] == (0.0, 1.0) and ranges["g"] == ranges["h"] == (-1.0, 1.0)
    lo, hi = ranges["c"]
    assert lo == -hi and hi in {n * 10**k for n in theme.NICE for k in range(-1, 4)}  # symmetric, rounded
    assert theme.model_ranges(model) == theme.model_ranges(model)  # computed, not drawn at random
    per_sample = set()
    for seed in (0, 1, 2, 3):
        tr = model.trace(sample(seed)).layers[0]
        c_map = next(m for m in heatmaps.gate_heatmaps(tr, list("x" * tr.steps), ranges=ranges).data if m.name == "c")
        assert (c_map.zmin, c_map.zmax) == (lo, hi), seed
        assert np.abs(tr["c"]).max() <= hi
        per_sample.add(theme.ranges(tr)["c"])
    assert len(per_sample) > 1  # one sample's own range would move from sample to sample: the bug


def test_two_samples_on_the_heat_map_page_share_the_c_range(model):
    zs = []
    for seq in ("0", "2"):  # their own ranges would be ±6 and ±8
        at = app("app_pages/heatmaps.py", query={"task": TASK, "seq": seq, "model": "preset"})
        c_map = next(t for t in charts(at)[0]["data"] if t["type"] == "heatmap" and t["name"] == "c")
        zs.append((c_map["zmin"], c_map["zmax"]))
    assert zs[0] == zs[1] == theme.model_ranges(model)[0]["c"]


def test_a_candidate_of_minus_0_96_is_drawn_dark_blue_not_white(model):
    ranges = theme.model_ranges(model)[0]
    tr = model.trace(sample(1)).layers[0]
    t, unit = np.argwhere(tr["g"] < -0.9)[0]  # a candidate near -0.96 (the issue's)
    step = tr.at(int(t))
    g, c = float(step["g"][unit]), float(step["c"][unit])
    fig = diagram.cell_diagram(tr.spec, step, int(unit), "a", ranges)
    hover = fig.data[0]
    centres = {(x, y) for x, y, (key, _) in zip(hover.x, hover.y, hover.customdata) if key == "g"}
    g_box = next(
        s.fillcolor for s in fig.layout.shapes if s.type == "rect" and ((s.x0 + s.x1) / 2, (s.y0 + s.y1) / 2) in centres
    )
    assert g_box == theme.colour_of(g, -1.0, 1.0, theme.SIGNED_SCALE)
    assert g_box != theme.colour_of(g, *ranges["c"], theme.SIGNED_SCALE)  # not on C's range
    assert (255 - rgb(g_box)).sum() > 250, g_box  # far from white
    fills = {s.fillcolor for s in fig.layout.shapes if s.type == "rect"}
    lines = {s.line.color for s in fig.layout.shapes if s.type == "line"}
    assert theme.colour_of(float(np.tanh(c)), -1.0, 1.0, theme.SIGNED_SCALE) in fills  # tanh(C) on -1..1
    assert theme.colour_of(float(step["h"][unit]), *ranges["h"], theme.SIGNED_SCALE) in lines  # h on its own
    assert theme.colour_of(c, *ranges["c"], theme.SIGNED_SCALE) in lines  # the belt on the model's C range


def test_the_timeline_puts_c_on_its_own_axis(model):
    ranges = theme.model_ranges(model)[0]
    tr = model.trace(sample(1)).layers[0]
    unit = int(np.argmax(np.abs(tr["c"]).max(axis=0)))
    values = {q: tr[q][:, unit] for q in tr.spec.names}
    fig = figures.unit_timeline(tr.spec, values, [str(k) for k in range(tr.steps)], unit, 2, ranges)
    axis = {d.meta: d.yaxis for d in fig.data}
    assert axis["c"] not in {axis[q] for q in ("i", "f", "o", "g", "h")}
    assert axis["g"] == axis["h"] != axis["f"]
    span = {a: fig.layout[a.replace("y", "yaxis")].range for a in set(axis.values())}
    assert span[axis["g"]] == (-1.05, 1.05) and span[axis["f"]][1] < 1.1
    assert span[axis["c"]] == (ranges["c"][0] * 1.05, ranges["c"][1] * 1.05)


def test_a_long_typed_sequence_clips_colours_and_widens_axes(model):
    ranges = dict(theme.model_ranges(model)[0], c=(-2.0, 2.0))  # as if the samples had stayed within ±2
    tr = model.trace(sample(1, 40)).layers[0]
    t, unit = (int(v) for v in np.unravel_index(np.argmax(np.abs(tr["c"])), tr["c"].shape))
    c = float(tr["c"][t, unit])
    fig = diagram.cell_diagram(tr.spec, tr.at(t), unit, "a", ranges)
    end = theme.colour_of(np.sign(c) * 2.0, *ranges["c"], theme.SIGNED_SCALE)
    assert theme.colour_of(c, *ranges["c"], theme.SIGNED_SCALE) == end  # the colour clips...
    assert any(key == "c" and v == c for key, v in fig.data[0].customdata)  # ...the hover keeps the number
    values = {q: tr[q][:, unit] for q in tr.spec.names}
    (_, _, (lo, hi)) = figures.timeline_panels(tr.spec, ranges, values)[-1]
    assert lo <= values["c"].min() and values["c"].max() <= hi  # the axis shows every point


def test_ranges_are_decided_in_theme_alone():
    """No module that draws (viz, ui, app_pages) takes a range from |values|, and no other module defines a range
    function (the UI's cache of theme.model_ranges aside); the UI passes the model's ranges (not one trace's) to
    every figure."""
    sources = [p for d in ("lstm_viz", "app_pages") for p in (ROOT / d).rglob("*.py")]
    theme_py = ROOT / "lstm_viz" / "viz" / "theme.py"
    from_values = re.compile(r"np\.(nan)?(max|amax)\(\s*np\.abs\(|abs\([^()]*\)\.max\(|max\(abs\(")
    draws = ("viz", "ui", "app_pages")  # where figures are built and given their ranges (explain/ measures, not draws)
    for path in sources:
        if path == theme_py:
            continue
        where, text = path.relative_to(ROOT), path.read_text()
        if path.parts[-2] in draws:
            assert not from_values.search(text), f"{where} takes a range from the values"
        for f in ast.walk(ast.parse(text)):
            if isinstance(f, ast.FunctionDef) and "range" in f.name:
                body = [ast.unparse(line) for line in f.body if not isinstance(line, ast.Expr)]  # no docstring
                assert body == ["return theme.model_ranges(_model)"], f"{where} defines {f.name}"
        if path.parts[-2] in ("ui", "app_pages"):
            assert "theme.ranges(" not in text and "colour_range(" not in text, f"{where}: one trace's range"
    assert "def model_ranges(" in theme_py.read_text()
