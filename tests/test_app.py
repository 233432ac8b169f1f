"""AppTest: every page runs without an exception and shows what it should."""

from streamlit.testing.v1 import AppTest


def test_home_page_shows_the_six_equations():
    at = AppTest.from_file("../app.py", default_timeout=60).run()
    assert not at.exception
    assert at.title[0].value.startswith("Inside an LSTM")
    latex = [e.value.strip("$\n") for e in at.latex]
    assert len(latex) == 6
    assert latex[1].startswith("f_t = ") and latex[4].startswith("c_t = f_t")


def plotly_array(value):
    """A figure's array from its JSON: a plain list, or Plotly's typed-array {dtype, bdata, shape}."""
    import base64

    import numpy as np

    if isinstance(value, dict):
        arr = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
        return arr.reshape([int(n) for n in str(value.get("shape", arr.size)).split(",")])
    return np.array(value, dtype=float)


def heatmap_spec(at):
    import json

    charts = [e for e in at.get("plotly_chart")]
    assert len(charts) == 1
    return json.loads(charts[0].proto.spec)


def test_heatmap_page_shows_the_reference_trace_of_the_chosen_model():
    import numpy as np

    from lstm_viz import reference, tasks
    from lstm_viz.ui.models import MODEL_KINDS, random_model

    at = AppTest.from_file("../pages/heatmaps.py", default_timeout=60).run()
    assert not at.exception
    at.selectbox(key="task").set_value("counting")
    at.radio(key="model").set_value(MODEL_KINDS[1])
    at.run()
    at.number_input(key="model_seed").set_value(3)
    at.number_input(key="seq").set_value(5)
    at.run()
    assert not at.exception
    spec = heatmap_spec(at)
    names = [t["name"] for t in spec["data"]]
    assert names == ["i", "f", "g", "o", "c", "h"]
    task = tasks.get("counting")
    x, _ = task.make_batch(1, task.default_config().seq_len, np.random.default_rng(5))
    tr = reference.forward(random_model("counting", 3).params, x[0])
    f_map = plotly_array(spec["data"][1]["z"])  # (H, T), units as is
    assert np.allclose(f_map, tr.f.T, atol=1e-12)
    assert spec["data"][0]["zmin"] == 0 and spec["data"][0]["zmax"] == 1
    assert spec["data"][2]["zmin"] == -1 and spec["data"][2]["zmax"] == 1
    assert spec["layout"]["xaxis6"]["ticktext"] == task.token_labels(x[0])


def test_heatmap_page_trains_and_shows_a_learned_model():
    at = AppTest.from_file("../pages/heatmaps.py", default_timeout=120).run()
    assert not at.exception
    assert heatmap_spec(at)["data"][0]["name"] == "i"
    assert any("Model output at the last step" in m.value for m in at.markdown)
