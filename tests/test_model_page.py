"""The Your model page (issue 12): a shipped example or an uploaded Keras / PyTorch file, its prediction, the heat maps
of every gate and state of a layer and one unit at one step, all from lstm_viz.io's ImportedModel; bad input and
hostile files named in an error, the last good kept, no exception. Uploads are put in the session as bytes (AppTest
has no file uploader): the page reads them the way it reads the uploader's."""

import json
import pickle

import numpy as np
import pytest
from safetensors.numpy import save as save_safetensors
from streamlit.testing.v1 import AppTest

import lstm_viz as lv
from lstm_viz import tasks
from lstm_viz.ui import imported_view as iv
from lstm_viz.ui.safe import plain
from lstm_viz.ui.state import MODEL_FILE, MODEL_LAYER, MODEL_PICK, MODEL_RNN_ACT, MODEL_TEXT, MODEL_UNIT
from lstm_viz.viz import theme
from tests.test_app import APP, app, charts, plotly_array

PAGE = "app_pages/model.py"


def model_page(query: dict | None = None, state: dict | None = None):
    return app(PAGE, query=query, state=state)


def shown_prediction(at) -> np.ndarray:
    frame = next(d.value for d in at.dataframe if "y[0]" in d.value.columns)
    return frame[[c for c in frame.columns if c.startswith("y[")]].to_numpy(dtype=float)


def maps(at) -> dict[str, dict]:
    fig = next(c for c in charts(at) if any(t["type"] == "heatmap" for t in c["data"]))
    return {t["name"]: t for t in fig["data"] if t["type"] == "heatmap"}


def errors(at) -> str:
    return " ".join(e.value for e in at.error)


def said(text: str, at) -> bool:
    """Whether an error says `text` (shown through safe.plain: as typed, markdown escaped)."""
    return plain(text, 1000) in errors(at)


def test_the_first_visit_shows_an_example_with_nothing_uploaded():
    at = model_page()
    assert at.title[0].value == "Your model"
    assert at.session_state[MODEL_PICK] == "negation_embedding_lstm"
    assert not at.error and len(charts(at)) == 4  # the maps, the cell diagram, the bars at t, the timeline
    assert not [w for w in at.sidebar.selectbox if w.key in ("task", "cell")]  # the view widgets are hidden
    assert not [w for w in at.sidebar.radio if w.key in ("source", "model")]
    assert at.sidebar.toggle(key="presenter") is not None  # presenter mode stays


@pytest.mark.parametrize("name", list(iv.EXAMPLES))
def test_each_example_shows_its_prediction_and_the_maps_of_its_trace(name):
    at = model_page(query={"ex": name})
    assert not at.error
    model = lv.io.load_model(iv.example_path(name))
    x = iv.parse_input(model, iv.example_input(name), iv.example_task(name))
    assert np.allclose(shown_prediction(at), model.predict(x[None])[0].reshape(1, -1), atol=0, rtol=1e-12)
    tr = model.forward(x).layers[0].layers[0]
    shown = maps(at)
    assert list(shown) == list(tr.spec.names)
    ranges = theme.imported_ranges(model, x)[0]
    for q, m in shown.items():
        assert np.allclose(plotly_array(m["z"]), tr[q].T), q
        assert (m["zmin"], m["zmax"]) == ranges[q], q
    assert at.query_params["ex"] == name and at.query_params["input"] == iv.example_input(name)


def test_the_step_view_shows_the_units_numbers_at_t():
    at = model_page(query={"ex": "sine_stacked", "mt": "4", "munit": "3"})
    model = iv.example_model("sine_stacked")
    tr = model.forward(iv.parse_input(model, iv.example_input("sine_stacked"))).layers[0].layers[0]
    row = next(d.value for d in at.dataframe if "f — forget gate" in d.value.columns)
    assert list(row.columns) == [f"{tr.spec[q].symbol} — {tr.spec[q].title}" for q in tr.spec.names]
    assert list(row.iloc[0]) == [float(tr[q][4, 3]) for q in tr.spec.names]
    assert at.slider(key="model_t").value == 4
    timeline = next(c for c in charts(at) if any(d.get("meta") == "f" for d in c["data"]))  # the unit's timeline
    assert np.allclose(next(plotly_array(d["y"]) for d in timeline["data"] if d.get("meta") == "f"), tr["f"][:, 3])
    at.selectbox(key=MODEL_UNIT).set_value(5).run()
    assert at.query_params["munit"] == "5" and at.query_params["mt"] == "4"


NEGATION = tasks.get("negation_sentiment")
TEXT_EXAMPLES = ["negation_embedding_lstm", "negation_stacked_softmax"]


def encoded(name: str, sentence: str) -> np.ndarray:
    """The negation task's encoding of a sentence as an example was trained on: ids (T,) or one-hot (T, V)."""
    one_hot = NEGATION.parse(sentence)  # (6, V): left-padded with '·', as make_batch
    return np.argmax(one_hot, axis=-1) if name == "negation_embedding_lstm" else one_hot


@pytest.mark.parametrize("name", TEXT_EXAMPLES)
def test_a_negation_example_reads_a_typed_sentence_as_the_task_encodes_it(name):
    at = model_page(query={"ex": name})
    assert iv.example_task(name) is NEGATION
    assert at.text_input(key=MODEL_TEXT).value == "they do not hate rain"  # its JSON's first sample, as words
    assert any("The file itself carries no vocabulary" in c.value and NEGATION.title in c.value for c in at.caption)
    assert any(plain(NEGATION.input_hint, 300) in c.value for c in at.caption)
    classes = {"negation_embedding_lstm": "y[0] is the chance of class 1, positive (class 0 is negative).",
               "negation_stacked_softmax": "One column a class: y[0] negative, y[1] positive."}  # fmt: skip
    assert any(c.value == classes[name] for c in at.caption)
    model = iv.example_model(name)
    for sentence, positive in (("she doesn't like coffee", False), ("我喜欢吃苹果", True)):
        at.text_input(key=MODEL_TEXT).set_value(sentence).run()
        assert not at.error
        x = encoded(name, sentence)
        y = model.predict(x[None])
        assert np.allclose(shown_prediction(at), y, atol=0, rtol=1e-12)
        assert (y[0, -1] > 0.5) == positive  # sigmoid: P(positive); softmax: (negative, positive)
        assert np.allclose(plotly_array(maps(at)["h"]["z"]), model.forward(x).layers[0].layers[0]["h"].T)
        assert at.query_params["input"] == sentence
    fig = next(c for c in charts(at) if any(t["type"] == "heatmap" for t in c["data"]))
    ticks = [
        text for key, axis in fig["layout"].items() if key.startswith("xaxis") for text in axis.get("ticktext", [])
    ]
    assert ticks[:6] == ["·", "·", "我", "喜欢", "吃", "苹果"]  # the time axis: the words, left-padded as in training


@pytest.mark.parametrize("name", TEXT_EXAMPLES)
@pytest.mark.parametrize("bad", ["she doesn't like broccoli", "3 1 4", "", "like " * 201])
def test_a_bad_sentence_is_named_as_the_sidebar_names_it_and_the_last_good_is_kept(name, bad):
    at = model_page(query={"ex": name})
    at.text_input(key=MODEL_TEXT).set_value("we never hate music").run()
    assert not at.error
    good = iv.example_model(name).predict(encoded(name, "we never hate music")[None])
    at.text_input(key=MODEL_TEXT).set_value(bad).run()
    assert not at.exception
    with pytest.raises(ValueError) as err:
        NEGATION.parse(bad)  # the task's own words, as the sidebar shows them for a typed sentence
    assert said(str(err.value), at)
    assert any("Still showing the last good input: we never hate music" in c.value for c in at.caption)
    assert np.allclose(shown_prediction(at), good)
    assert at.query_params["input"] == "we never hate music"


def embedding_upload() -> dict:
    """An uploaded Keras model with an Embedding: the file holds no vocabulary, so it reads token ids."""
    return {"id": "e1", "name": "mine.keras", "data": iv.example_path("negation_embedding_lstm").read_bytes()}


@pytest.mark.parametrize(
    "bad, words",
    [
        ("3 1 x 4", "'x' is not a token id"),
        ("3 1 57 4", "token id 57 is outside the vocabulary: the embedding has ids 0 to 56"),
        ("1.5 2", "'1.5' is not a token id"),
        ("", "it is empty"),
        (" ".join(["1"] * 201), "too long: 201 steps (the limit is 200)"),
    ],
)
def test_bad_input_is_named_and_the_last_good_input_is_kept(bad, words):
    at = model_page(state={MODEL_PICK: "upload", MODEL_FILE: embedding_upload()})
    assert at.text_input(key=MODEL_TEXT).value == "3 1 4 1 5 9 2 6"  # token ids: an upload carries no words
    at.text_input(key=MODEL_TEXT).set_value("3 3 1 4").run()
    assert not at.error
    model = lv.io.load_model(embedding_upload()["data"])
    good = model.predict(np.array([[3, 3, 1, 4]]))
    at.text_input(key=MODEL_TEXT).set_value(bad).run()
    assert not at.exception
    assert said(words, at)
    assert any("Still showing the last good input: 3 3 1 4" in c.value for c in at.caption)
    assert np.allclose(shown_prediction(at), good)
    assert "input" not in at.query_params  # what is typed for one's own file stays out of the link


def test_a_numeric_model_reads_numbers_and_names_a_word():
    at = model_page(query={"ex": "airline_lstm_relu", "input": "0.1 0.5 -0.2"})
    model = iv.example_model("airline_lstm_relu")
    assert np.allclose(shown_prediction(at), model.predict(np.array([[[0.1], [0.5], [-0.2]]])))
    at.text_input(key=MODEL_TEXT).set_value("0.1 nan 2").run()
    assert said("'nan' is not a finite number", at)
    at.text_input(key=MODEL_TEXT).set_value("0.1 www.evil.example 2").run()
    assert "www.evil.example" in errors(at) and not at.exception


def test_the_stacked_example_shows_the_layer_chosen():
    at = model_page(query={"ex": "sine_stacked"})
    model = iv.example_model("sine_stacked")
    rec = model.forward(iv.parse_input(model, iv.example_input("sine_stacked")))
    first = maps(at)
    assert np.allclose(plotly_array(first["c"]["z"]), rec.layers[0].layers[0]["c"].T)
    at.selectbox(key=MODEL_LAYER).set_value(1).run()
    second = maps(at)
    assert np.allclose(plotly_array(second["c"]["z"]), rec.layers[1].layers[0]["c"].T)
    assert not np.allclose(plotly_array(second["c"]["z"]), plotly_array(first["c"]["z"]))
    assert at.query_params["mlayer"] == "1"
    at.radio(key=MODEL_PICK).set_value("negation_embedding_lstm").run()  # another model: its own input, layer 0
    assert not at.error and at.session_state[MODEL_LAYER] == 0
    assert at.session_state[MODEL_TEXT] == iv.example_input("negation_embedding_lstm") == "they do not hate rain"


def opened_from(query: dict) -> AppTest:
    """The page opened from a link as a session's first run (the sidebar's warnings are shown on that run)."""
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in query.items():
        at.query_params[k] = v
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def test_a_link_with_an_upload_or_an_unknown_example_is_named():
    at = opened_from({"ex": "upload"})
    warned = " ".join(w.value for w in at.sidebar.warning)
    assert (
        "a file uploaded in another browser session" in warned
        and at.session_state[MODEL_PICK] == "negation_embedding_lstm"
    )
    at = opened_from({"ex": "[x](http://evil.example)", "mlayer": "lots"})
    warned = " ".join(w.value for w in at.sidebar.warning)
    assert "unknown example model" in warned and plain("[x](http://evil.example)", 30) in warned
    assert "layer lots is not a whole number" in warned and at.title[0].value == "Your model"


# --- uploads ---

HOSTILE = [
    (b"\x00\x17 not a model" * 50, "evil.keras", "not a model file lstm-viz reads"),
    (pickle.dumps({"weight": [1.0, 2.0]}), "evil.pt", "a pickle"),
    (b"PK\x03\x04" + bytes(100), "evil.keras", "zip"),
    (b"", "empty.h5", "the file is empty"),
]


@pytest.mark.parametrize("data, name, words", HOSTILE)
def test_a_hostile_file_is_refused_by_name(data, name, words):
    with pytest.raises(ValueError) as err:
        iv.open_upload(data)
    assert words in str(err.value)
    at = model_page(state={MODEL_PICK: "upload", MODEL_FILE: {"id": "f1", "name": name, "data": data}})
    assert not at.exception
    assert f"Not opened: {plain(name)}: {plain(str(err.value), 400)}." in errors(at)
    assert len(charts(at)) == 4  # the page stays: the example, said so
    assert any("this page shows the example negation_embedding_lstm" in c.value for c in at.caption)


def test_an_uploaded_keras_file_is_shown_and_a_bad_one_after_it_keeps_it():
    data = iv.example_path("sine_stacked").read_bytes()
    at = model_page(state={MODEL_PICK: "upload", MODEL_FILE: {"id": "f1", "name": "mine.keras", "data": data}})
    assert not at.error
    model = lv.io.load_model(data)
    x = iv.parse_input(model, iv.default_input(model))
    assert np.allclose(shown_prediction(at), model.predict(x[None]))
    assert np.allclose(plotly_array(maps(at)["h"]["z"]), model.forward(x).layers[0].layers[0]["h"].T)
    assert any("stays in this browser session" in c.value for c in at.caption)
    assert at.query_params["ex"] == "upload"
    at.session_state[MODEL_FILE] = {"id": "f2", "name": "bad.pt", "data": b"\x80\x04junk"}
    at.run()
    assert "Not opened: bad\\.pt" in errors(at) and not at.exception
    assert any("Still showing mine\\.keras" in c.value for c in at.caption)
    assert np.allclose(shown_prediction(at), model.predict(x[None]))


def rnn_state_dict(seed: int = 0) -> bytes:
    """A PyTorch nn.RNN(1, 5) + nn.Linear(5, 2) state_dict as .safetensors, written with NumPy (no torch)."""
    rng = np.random.default_rng(seed)
    H, D, K = 5, 1, 2
    shapes = {"rnn.weight_ih_l0": (H, D), "rnn.weight_hh_l0": (H, H), "rnn.bias_ih_l0": (H,), "rnn.bias_hh_l0": (H,),
              "fc.weight": (K, H), "fc.bias": (K,)}  # fmt: skip
    return save_safetensors({k: rng.normal(0, 0.5, s).astype(np.float32) for k, s in shapes.items()})


def test_a_state_dict_asks_for_what_it_does_not_hold():
    data = rnn_state_dict()
    at = model_page(state={MODEL_PICK: "upload", MODEL_FILE: {"id": "r1", "name": "rnn.safetensors", "data": data}})
    assert not at.exception
    with pytest.raises(ValueError) as err:
        lv.io.load_model(data)
    assert f"Not opened: rnn\\.safetensors: {plain(str(err.value), 400)}." in errors(at)  # the loader's own words
    assert "nonlinearity" in str(err.value)
    at.selectbox(key=MODEL_RNN_ACT).set_value("relu").run()
    assert not at.error
    model = lv.io.load_model(data, activation="relu")
    x = iv.parse_input(model, iv.default_input(model))
    assert np.allclose(shown_prediction(at), model.predict(x[None]))
    at.radio(key="model_readout_at").set_value("all").run()  # fc(out): one prediction a step
    model = lv.io.load_model(data, activation="relu", readout_at="all")
    assert shown_prediction(at).shape == (len(x), 2)
    assert np.allclose(shown_prediction(at), model.predict(x[None])[0])
    at.selectbox(key="model_out_act").set_value("softmax").run()
    assert np.allclose(shown_prediction(at).sum(axis=1), 1.0)


def test_numbers_of_several_per_step_are_read_a_step_a_group():
    rng = np.random.default_rng(1)
    p = lv.random_params("lstm", input_size=3, hidden_size=4, num_layers=1, seed=0)
    from lstm_viz.io.imported import ImportedModel, Recurrent

    model = ImportedModel("keras", None, (Recurrent("lstm", p, False),))
    x = iv.parse_input(model, "0.1 0.2 0.3; 1, 2, 3\n-1 0 1")
    assert x.shape == (3, 3) and x[1, 2] == 3.0
    with pytest.raises(ValueError, match="step 1 has 2 numbers; this model reads 3 a step"):
        iv.parse_input(model, "0.1 0.2 0.3; 1 2")
    assert iv.parse_input(model, iv.default_input(model)).shape[1] == 3
    assert iv.token_labels(rng.normal(size=(4, 3))) == ["0", "1", "2", "3"]


def test_a_file_that_carries_its_vocabulary_takes_text():
    """A Keras model with its own TextVectorization (a fixture built with Keras and TensorFlow): the input box takes
    words, the file's layer turns them into ids as Keras does, and the maps' time axis shows the words."""
    from pathlib import Path

    data = (Path(__file__).parent / "fixtures" / "vocab_textvectorization.keras").read_bytes()
    model = lv.io.load_model(data)
    at = model_page(state={MODEL_PICK: "upload", MODEL_FILE: {"id": "v1", "name": "words.keras", "data": data}})
    assert at.session_state[MODEL_TEXT] == iv.default_input(model)  # a few of the file's own words
    at.session_state[MODEL_TEXT] = "They do NOT love rain!"
    at.run()
    assert not at.error and not at.exception
    ids = model.encode(["They do NOT love rain!"])[0]
    assert np.allclose(shown_prediction(at), model.predict(["They do NOT love rain!"]))
    labels = [model.vocabulary[i] or tasks.PAD for i in ids]
    assert labels[:5] == ["they", "do", "not", "love", "rain"] and labels[5:] == [tasks.PAD] * 3  # padded to 8
    heat = next(c for c in charts(at) if any(t["type"] == "heatmap" for t in c["data"]))
    axis_text = str([v for k, v in heat["layout"].items() if k.startswith("xaxis")])
    assert all(f"'{w}'" in axis_text for w in labels[:5]), axis_text[:300]  # the time axis shows the words
    assert any("carries its own vocabulary" in c.value for c in at.caption)
    at.session_state[MODEL_TEXT] = "   "
    at.run()
    assert "it is empty" in errors(at) and not at.exception
    assert np.allclose(shown_prediction(at), model.predict(["They do NOT love rain!"]))  # the last good kept


def test_the_step_view_puts_the_files_numbers_into_the_cells_equations():
    """One unit at one step as on the step-through page: every equation with the file's weights and this input's
    numbers (explain.equation_lines on the file's layer), and the cell diagram."""
    from lstm_viz import explain
    from lstm_viz.ui.state import MODEL_T

    at = model_page(state={MODEL_PICK: "negation_embedding_lstm", MODEL_T: 4, MODEL_UNIT: 3})
    assert not at.exception
    model = iv.example_model("negation_embedding_lstm")
    x = iv.parse_input(model, at.session_state[MODEL_TEXT], iv.example_task("negation_embedding_lstm"))
    trace = model.forward(x).layers[0].layers[0]
    lines = explain.equation_lines(trace.spec, model.recurrent[0].params.layers[0], trace.at(4), 3)
    shown = [e.value for e in at.latex]
    assert len(shown) == len(lines) == 6
    for (name, line), latex in zip(lines, shown):
        assert line.split("=")[-1].strip()[:6] in latex, name
        assert f"{trace[name][4, 3]:.3f}" in latex, name  # the value at t = 4 of unit 3
    assert any("cell state" in json.dumps(c) for c in charts(at))  # the diagram beside them


def test_a_model_whose_input_cannot_be_typed_here_is_named_not_a_traceback():
    """A state_dict reading 600 numbers a step: even its default input is past what the box takes; the page says
    so and stops, no exception."""
    rng = np.random.default_rng(0)
    H, D = 4, 600
    shapes = {"rnn.weight_ih_l0": (4 * H, D), "rnn.weight_hh_l0": (4 * H, H), "rnn.bias_ih_l0": (4 * H,),
              "rnn.bias_hh_l0": (4 * H,)}  # fmt: skip
    data = save_safetensors({k: rng.normal(0, 0.1, s).astype(np.float32) for k, s in shapes.items()})
    at = model_page(state={MODEL_PICK: "upload", MODEL_FILE: {"id": "w1", "name": "wide.safetensors", "data": data}})
    assert not at.exception
    assert "cannot be shown here" in errors(at) or "cannot be used" in errors(at)


def test_words_from_a_file_are_text_on_the_charts_not_markup():
    from lstm_viz.viz import heatmaps

    trace = lv.forward(lv.random_params("lstm", 2, 3, seed=0), np.zeros((2, 2))).layers[0]
    fig = heatmaps.gate_heatmaps(trace, ["<a href='http://evil.example'>x</a>", "<b>y</b>"])
    ticks = [t for k, v in fig.layout.to_plotly_json().items() if k.startswith("xaxis") for t in v.get("ticktext", [])]
    assert ticks and all("<" not in t for t in ticks), ticks


def test_a_text_layer_longer_than_the_page_shows_is_refused_on_opening():
    import io
    import json as json_module
    import zipfile
    from pathlib import Path

    data = (Path(__file__).parent / "fixtures" / "vocab_textvectorization.keras").read_bytes()
    src, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            body = src.read(item)
            if item.filename == "config.json":
                text = body.decode()
                config = json_module.loads(text)
                first = config["config"]["layers"][0] if config["config"]["layers"][0]["class_name"] != "InputLayer" \
                    else config["config"]["layers"][1]  # fmt: skip
                first["config"]["output_sequence_length"] = 500
                body = json_module.dumps(config).encode()
            dst.writestr(item, body)
    with pytest.raises(ValueError, match="turns every text into 500 steps; this page shows at most 200"):
        iv.open_upload(out.getvalue())
