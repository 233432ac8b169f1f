"""Presenter mode: the figures fit their text at presenter font sizes, and presenter mode reaches the page. (The
token strip of a long sequence is the stepper's: tests/test_e2e.py looks at it at T = 200.)"""

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

import lstm_viz as lv
from lstm_viz.ui.presenter import PRESENTER_CSS
from lstm_viz.viz import figures, heatmaps, theme

PRESENTER_FONT, PLAIN_FONT = 18, 12  # View.font_size


@pytest.mark.parametrize("cell", ["lstm", "gru", "lstm_ph"])
@pytest.mark.parametrize("font", [PLAIN_FONT, PRESENTER_FONT])
def test_the_bar_titles_fit_their_panels(cell, font):
    spec = lv.cells.spec(cell)
    values = {q: np.linspace(-0.5, 0.5, 16) for q in spec.names}
    ranges = {q.name: q.range or (-4.0, 4.0) for q in spec.quantities}
    fig = figures.step_bars(spec, values, 3, ranges, font_size=font)
    domains = [fig.layout[f"xaxis{'' if k == 0 else k + 1}"].domain for k in range(len(spec.names))]
    for note, (x0, x1) in zip(fig.layout.annotations, domains):
        lines = note.text.replace("<b>", "").replace("</b>", "").split("<br>")
        sizes = [note.font.size] + [note.font.size - 3] * (len(lines) - 1)
        width = max(figures.text_px(line.split(">")[-1].split("<")[0], s) for line, s in zip(lines, sizes))
        assert width <= figures.FIGURE_PX * (x1 - x0), note.text
    if font == PLAIN_FONT or len(spec.names) <= 4:  # "f — forget gate" fits
        assert fig.layout.annotations[0].text == figures.title(spec, spec.names[0])
    else:  # six panels at the presenter's size: the symbol over its name, "i" / "input gate"
        assert fig.layout.annotations[0].text.startswith(f"<b>{spec[spec.names[0]].symbol}</b><br>")
        assert fig.layout.margin.t >= 2.4 * fig.layout.annotations[0].font.size


def test_mark_unit_copies_the_cached_figure_and_outlines_one_row_per_map():
    p = lv.random_params("gru", input_size=2, hidden_size=6, seed=0)
    tr = lv.forward(p, np.random.default_rng(0).normal(size=(9, 2))).layers[0]
    order = np.array([2, 0, 5, 1, 4, 3])
    fig = heatmaps.gate_heatmaps(tr, [str(k) for k in range(9)], order, font_size=PRESENTER_FONT)
    marked = heatmaps.mark_unit(fig, order, 5)
    assert marked is not fig and not fig.layout.shapes  # the cached figure is left as it is
    rows = {(s.yref, s.y0, s.y1, s.line.color) for s in marked.layout.shapes}
    assert rows == {(ax, 1.5, 2.5, c) for ax in ("y", "y2", "y3", "y4") for c in (theme.CHOSEN_OUTLINE, theme.PAPER)}
    assert marked.layout.yaxis.ticktext[2] == "<b>u5</b>"
    assert heatmaps.mark_unit(fig, order, None) is fig and heatmaps.mark_unit(fig, order, 9) is fig


def test_presenter_mode_from_the_link_reaches_every_page_and_buttons_never_ellipsise():
    assert "text-overflow: clip" in PRESENTER_CSS and ":has(" in PRESENTER_CSS
    at = AppTest.from_file("../app.py", default_timeout=60)
    at.query_params.update({"task": "counting", "seq": "2", "presenter": "1"})
    at.run()
    for page in ("app_pages/step.py", "app_pages/heatmaps.py", "app_pages/home.py"):
        at.switch_page(page).run()
        assert not at.exception, at.exception
        assert any(PRESENTER_CSS.strip() in h.proto.body for h in at.get("html")), page
        assert at.query_params["presenter"] == "1"
