"""ui.state: the sequence reference and the URL's query string, the one place that knows their formats."""

import json

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from lstm_viz.ui.state import PRESENTER, STEP_UNIT, SeqRef, link_query
from lstm_viz.ui.view import View


@pytest.mark.parametrize("ref", [SeqRef.seed(3), SeqRef.text("a:b c"), SeqRef.text("")])
def test_a_sequence_reference_survives_its_key(ref):
    assert SeqRef.parse(str(ref)) == ref


def test_a_sequence_key_has_the_old_format_and_a_bad_one_is_named():
    assert str(SeqRef.seed(3)) == "seed:3" and str(SeqRef.text("ab:ba")) == "text:ab:ba"
    with pytest.raises(ValueError, match="sequence key"):
        SeqRef.parse("nope:1")


def test_link_query_names_the_whole_view():
    view = View("counting", str(SeqRef.seed(4)), "random", 7, presenter=False, cell="gru", num_layers=2, layer=1)
    assert link_query(view, t=3, unit=1) == {
        "task": "counting",
        "cell": "gru",
        "model": "random",
        "seq": "4",
        "mseed": "7",
        "layers": "2",
        "layer": "1",
        "t": "3",
        "unit": "1",
    }
    own = View("brackets", str(SeqRef.text("(())")), "preset", 0, presenter=False)
    assert link_query(own) == {"task": "brackets", "cell": "lstm", "model": "preset", "text": "(())"}


def test_presenter_mode_is_in_the_link_and_a_link_opens_it():
    view = View("counting", str(SeqRef.seed(2)), "preset", 0, presenter=True)
    assert link_query(view, t=4)["presenter"] == "1"
    at = AppTest.from_file("../app.py", default_timeout=60)
    at.query_params.update({"task": "counting", "seq": "2", "presenter": "1"})
    at.run()
    assert not at.exception, at.exception
    assert at.session_state[PRESENTER] is True and at.toggle(key=PRESENTER).value is True
    assert at.query_params["presenter"] == "1"  # written back: a link copied from this view opens it too
    at.toggle(key=PRESENTER).set_value(False).run()
    assert "presenter" not in at.query_params


def test_a_bad_presenter_value_is_named_and_ignored():
    at = AppTest.from_file("../app.py", default_timeout=60)
    at.query_params["presenter"] = "yes"
    at.run()
    assert not at.exception, at.exception
    assert at.session_state[PRESENTER] is False
    assert any("presenter yes is not 0 or 1" in w.value for w in at.sidebar.warning)


# --- what the pages keep of each other ---


def sidebar_labels(at) -> set[str]:
    return {
        w.label for kind in ("radio", "number_input", "selectbox", "text_input", "toggle") for w in at.sidebar.get(kind)
    }


@pytest.mark.parametrize(
    "query",
    [
        {"task": "counting", "seq": "5"},
        {"task": "brackets", "text": "(()())", "model": "random", "mseed": "7", "layers": "2", "layer": "1"},
    ],
    ids=["sample", "own-random-2-layers"],
)
def test_the_train_page_hides_the_view_widgets_and_keeps_their_values_and_the_link(query):
    at = AppTest.from_file("../app.py", default_timeout=60)
    at.query_params.update(query)
    at.run()
    assert not at.exception, at.exception
    link = dict(at.query_params)
    at.switch_page("app_pages/train.py").run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Train live"
    shown = sidebar_labels(at)
    assert {"Task", "Cell", "Presenter mode"} <= shown
    assert not shown & {"Sequence", "Model", "Layer shown", "Initialisation seed"}
    assert not any(label.startswith(("Sample number", "Your sequence", "Layers")) for label in shown)
    for _ in range(2):  # a rerun on the page (the widgets' own state is gone by then): the same view, the same link
        assert {k: v for k, v in at.query_params.items() if k != "run"} == link
        at.run()
        assert not at.exception, at.exception
    at.switch_page("app_pages/step.py").run()
    assert not at.exception, at.exception
    assert {k: v for k, v in at.query_params.items() if k not in ("t", "unit")} == link
    if "seq" in query:
        assert at.sidebar.number_input(key="seq").value == 5
    else:
        assert at.sidebar.text_input(key="text").value == "(()())"
        assert at.sidebar.number_input(key="model_seed").value == 7
        assert at.sidebar.selectbox(key="layer").value == 1


def test_the_heat_maps_outline_the_unit_the_step_page_shows():
    at = AppTest.from_file("../app.py", default_timeout=60)
    at.query_params.update({"task": "counting", "seq": "2"})
    at.run()
    at.switch_page("app_pages/heatmaps.py").run()
    assert not at.exception, at.exception
    assert not json.loads(at.get("plotly_chart")[0].proto.spec)["layout"].get("shapes")  # no unit chosen yet
    at.switch_page("app_pages/step.py").run()
    at.selectbox(key=STEP_UNIT).set_value(5).run()
    at.switch_page("app_pages/heatmaps.py").run()
    assert not at.exception, at.exception
    at.radio(key="order").set_value("by variance").run()  # a rerun: the step page's widget state is gone
    fig = json.loads(at.get("plotly_chart")[0].proto.spec)
    order = [int(u) for u in np.argsort(-np.var(heatmap_memory(), axis=0), kind="stable")]
    row = order.index(5)
    marks = [s for s in fig["layout"]["shapes"] if s.get("name") == "unit 5"]
    maps = [d for d in fig["data"] if d["type"] == "heatmap"]
    assert len(marks) == 2 * len(maps)  # a dark and a light outline on every map
    assert {(s["yref"], s["y0"], s["y1"]) for s in marks} == {(d.get("yaxis", "y"), row - 0.5, row + 0.5) for d in maps}
    ticks = fig["layout"]["yaxis"]["ticktext"]
    assert ticks[row] == "<b>u5</b>" and sum(t.startswith("<b>") for t in ticks) == 1
    assert any("outlined row is unit 5" in c.value for c in at.caption)


def heatmap_memory():
    """The C of the counting preset on sample 2, the quantity 'by variance' orders the units by."""
    from lstm_viz import reference, tasks
    from lstm_viz.io import presets

    x, _ = tasks.get("counting").make_batch(1, 15, np.random.default_rng(2))
    return reference.forward(presets.load("counting")[0].params, x[0]).c


def test_a_first_visit_without_a_link_puts_the_tours_sample_in_the_sidebar():
    """The home tour talks about one sample of remember_first: a first visit that named no task shows that sample in
    the sidebar too; a link that names a task keeps its own view; later visits to home change nothing."""
    at = AppTest.from_file("../app.py", default_timeout=60)
    at.run()
    assert not at.exception
    seed = at.session_state["seq"]
    assert at.session_state["task"] == "remember_first" and at.session_state["source"] == "sample"
    assert f"sample {seed}" in " ".join(m.value for m in at.markdown)  # the tour's step 2 names it
    at.number_input(key="seq").set_value(seed + 1).run()
    at.switch_page("app_pages/step.py").run()
    at.switch_page("app_pages/home.py").run()
    assert at.session_state["seq"] == seed + 1  # only the session's first run

    linked = AppTest.from_file("../app.py", default_timeout=60)
    linked.query_params.update({"task": "counting", "seq": "4"})
    linked.run()
    assert linked.session_state["task"] == "counting" and linked.session_state["seq"] == 4
