"""Weights files (safetensors) and the presets: round trips, hostile files, and every preset still learned."""

import pickle
import subprocess
import sys

import numpy as np
import pytest

from lstm_viz import tasks
from lstm_viz.core import cells
from lstm_viz.core.config import TrainConfig
from lstm_viz.core.params import CellParams, LSTMParams, random_params
from lstm_viz.core.readout import TrainedModel
from lstm_viz.io import presets, weights


def small_model(task_name="counting", H=5, seed=0) -> TrainedModel:
    task = tasks.get(task_name)
    p = LSTMParams.random(task.input_size, H, seed=seed)
    rng = np.random.default_rng(seed)
    return TrainedModel(task_name, p, rng.normal(size=(task.output_size, H)), rng.normal(size=task.output_size))


def test_round_trip_keeps_weights_config_and_task():
    model = small_model()
    config = TrainConfig(hidden_size=5, lr=3e-3, seed=7)
    back, back_config = weights.from_bytes(weights.to_bytes(model, config))
    assert back.task == "counting" and back_config == config
    f32 = lambda a: np.asarray(a, dtype=np.float32).astype(np.float64)  # noqa: E731 (stored as float32)
    want = CellParams(model.params.spec, tuple({k: f32(v) for k, v in lay.items()} for lay in model.params.layers))
    assert back.params.allclose(want, 0)
    assert np.array_equal(back.W_out, f32(model.W_out)) and np.array_equal(back.b_out, f32(model.b_out))


@pytest.mark.parametrize("cell,layers", [("gru", 2), ("rnn", 1), ("lstm_ph", 3), ("lstm(activation=relu)", 1)])
def test_every_cell_and_stack_round_trips(cell, layers):
    spec = cells.from_key(cell)
    task = tasks.get("counting")
    p = random_params(spec, task.input_size, 4, num_layers=layers, seed=1)
    model = TrainedModel("counting", p, np.ones((task.output_size, 4)), np.zeros(task.output_size))
    back, _ = weights.from_bytes(weights.to_bytes(model))
    assert back.params.spec == spec and back.params.num_layers == layers
    assert back.params.allclose(p, atol=1e-6)


def test_a_first_format_lstm_file_still_opens():
    from safetensors.numpy import save

    m = small_model()
    layer = m.params.layers[0]
    arrays = {"W_x": layer["W_x"], "W_h": layer["W_h"], "b": layer["b"], "W_out": m.W_out, "b_out": m.b_out}
    data = save({k: np.ascontiguousarray(v, dtype=np.float32) for k, v in arrays.items()},
                metadata={"format": weights.FORMAT_V1, "task": "counting", "config": "{}"})  # fmt: skip
    back, _ = weights.from_bytes(data)
    assert back.cell == "lstm" and back.params.allclose(m.params, atol=1e-6)


@pytest.mark.parametrize(
    "change,message",
    [
        ((b'"cell":"lstm"', b'"cell":"gru!"'), "cell: unknown cell 'gru!'"),
        ((b'"cell":"lstm"', b'"cell":"rnn" '), "for a rnn"),  # an LSTM's weights declared as a plain RNN's
        ((b'"num_layers":"1"', b'"num_layers":"4"'), "num_layers: expected 1 to 3, got 4"),
        ((b'"num_layers":"1"', b'"num_layers":"0"'), "num_layers: expected 1 to 3, got 0"),
        ((b'"num_layers":"1"', b'"num_layers":"2"'), "missing tensors l1"),
    ],
)
def test_a_file_whose_cell_or_layers_do_not_fit_is_refused_by_name(change, message):
    data = weights.to_bytes(small_model())
    assert change[0] in data
    with pytest.raises(ValueError, match=message):
        weights.from_bytes(data.replace(*change))


def test_a_file_without_config_loads_with_none():
    assert weights.from_bytes(weights.to_bytes(small_model()))[1] is None


def wrong_shapes() -> bytes:
    from safetensors.numpy import save

    good = weights.from_bytes(weights.to_bytes(small_model()))[0]
    layer = good.params.layers[0]
    arrays = {"W_x": layer["W_x"][:, :, :-1], "W_h": layer["W_h"], "b": layer["b"]}
    arrays |= {"W_out": good.W_out, "b_out": good.b_out}
    tensors = {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in arrays.items()}
    return save(tensors, metadata={"format": weights.FORMAT_V1, "task": "counting", "config": "{}"})


def with_nan() -> bytes:
    m = small_model()
    W_out = np.array(m.W_out)
    W_out[0, 0] = np.nan
    return weights.to_bytes(TrainedModel(m.task, m.params, W_out, m.b_out))


def foreign_safetensors() -> bytes:
    from safetensors.numpy import save

    return save({"weight": np.zeros((2, 2), dtype=np.float32)})


HOSTILE = {
    "random bytes": (lambda: np.random.default_rng(0).bytes(3000), "not a safetensors file"),
    "a pickle": (lambda: pickle.dumps({"W_x": np.zeros(3)}), "pickle"),
    "a torch zip": (lambda: b"PK\x03\x04" + bytes(100), "pickle or a torch"),
    "truncated": (lambda: weights.to_bytes(small_model())[:-40], "not a readable safetensors file"),
    "truncated header": (lambda: weights.to_bytes(small_model())[:50], "truncated"),
    "empty": (lambda: b"", "only 0 bytes"),
    "wrong shapes": (
        wrong_shapes,
        r"l0.W_x: expected shape \(4, 5, 2\) for a lstm on task counting, got \(4, 5, 1\)",
    ),
    "NaN weights": (with_nan, "W_out: contains NaN"),
    "not lstm-viz": (foreign_safetensors, "not one written by lstm-viz"),
    "too large": (lambda: bytes(weights.MAX_BYTES + 1), "file too large"),
}


@pytest.mark.parametrize("case", HOSTILE, ids=list(HOSTILE))
def test_hostile_files_are_refused_with_a_clear_message(case):
    make, match = HOSTILE[case]
    with pytest.raises(ValueError, match=match):
        weights.from_bytes(make())


def handmade(header: dict, payload: bytes = b"", **metadata) -> bytes:
    """A safetensors file written byte by byte: whatever its header says, true or not."""
    import json

    meta = {"format": weights.FORMAT, "task": "counting", "cell": "lstm", "num_layers": "1"} | metadata
    text = json.dumps(header | {"__metadata__": meta}).encode()
    return len(text).to_bytes(8, "little") + text + payload


def test_declared_shapes_are_checked_before_any_array_is_built(monkeypatch):
    import safetensors.numpy

    misshapen = wrong_shapes()

    def no_arrays(*args, **kwargs):
        raise AssertionError("arrays were built before the header was checked")

    monkeypatch.setattr(safetensors.numpy, "load", no_arrays)
    huge = {"l0.W_h": {"dtype": "F32", "shape": [4, 100_000, 100_000], "data_offsets": [0, 16]}}
    with pytest.raises(ValueError, match="hidden size 100000: expected 1 to 256"):
        weights.from_bytes(handmade(huge, bytes(16)))
    bad = {"l0.W_h": {"dtype": "F32", "shape": "4x5x5", "data_offsets": [0, 16]}}
    with pytest.raises(ValueError, match=r"tensor l0\.W_h: its header entry has no readable shape"):
        weights.from_bytes(handmade(bad, bytes(16)))
    with pytest.raises(ValueError, match=r"l0.W_x: expected shape \(4, 5, 2\)"):
        weights.from_bytes(misshapen)


def test_integer_tensors_are_refused_by_name():
    from safetensors.numpy import save

    m = small_model()
    layer = m.params.layers[0]
    arrays = {"l0.W_x": layer["W_x"], "l0.W_h": layer["W_h"], "l0.b": layer["b"], "W_out": m.W_out}
    tensors = {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in arrays.items()}
    tensors["b_out"] = np.zeros(m.b_out.shape, dtype=np.int32)
    data = save(tensors, metadata={"format": weights.FORMAT, "task": "counting", "cell": "lstm", "num_layers": "1"})
    with pytest.raises(ValueError, match=r"b_out: expected floating-point numbers .*got I32"):
        weights.from_bytes(data)


def test_a_cell_with_options_keeps_them_and_its_config():
    spec = cells.spec("lstm", activation="relu", recurrent_activation="hard_sigmoid")
    task = tasks.get("adding")
    p = random_params(spec, task.input_size, 3, num_layers=2, seed=2)
    model = TrainedModel("adding", p, np.ones((task.output_size, 3)), np.zeros(task.output_size))
    config = TrainConfig(cell="lstm", num_layers=2, hidden_size=3, activation="relu",
                         recurrent_activation="hard_sigmoid")  # fmt: skip
    back, back_config = weights.from_bytes(weights.to_bytes(model, config))
    assert back.params.spec.key == "lstm(activation=relu, recurrent_activation=hard_sigmoid)"
    assert back_config == config


@pytest.mark.parametrize(
    "config",
    [
        {"hidden_size": 6},  # not the weights' H
        {"cell": "gru"},  # not the weights' cell
        {"num_layers": 2},
        {"activation": "relu"},  # the weights are a plain LSTM's
    ],
)
def test_a_config_that_does_not_fit_its_weights_is_dropped_and_the_weights_still_open(config):
    import json

    good = TrainConfig(hidden_size=5).to_dict()
    data = weights.to_bytes(small_model(), None, {"config": json.dumps(good | config)})
    model, back = weights.from_bytes(data)
    assert back is None and model.params.hidden_size == 5
    assert weights.from_bytes(weights.to_bytes(small_model(), None, {"config": json.dumps(good)}))[1] is not None


@pytest.mark.parametrize(
    "config,message",
    [
        ({"seq_len": 10**9}, r"config\.seq_len: expected a whole number from 1 to 200, got 1000000000"),
        ({"seq_len": 1_000_000}, r"config\.seq_len: expected a whole number from 1 to 200"),
        ({"seq_len": "20"}, r'config\.seq_len: .*got "20"'),
        ({"seq_len": "abc"}, r'config\.seq_len: .*got "abc"'),
        ({"seq_len": None}, r"config\.seq_len: .*got null"),
        ({"seq_len": -5}, r"config\.seq_len: .*got -5"),
        ({"seq_len": 0}, r"config\.seq_len: .*got 0"),
        ({"seq_len": 2.5}, r"config\.seq_len: .*got 2\.5"),
        ({"batch_size": 4096, "seq_len": 200}, None),  # 819,200 steps a batch: in bounds
        ({"lr": "fast"}, r"config\.lr: expected a finite number above 0"),
        ({"lr": float("nan")}, r"config\.lr: .*got NaN"),
        ({"forget_bias": 1e9}, r"config\.forget_bias: expected a finite number from -100 to 100"),
        ({"steps": True}, r"config\.steps: .*got true"),
        ({"device": ["cuda"]}, r"config\.device: expected auto, cpu or cuda"),
        ({"cell": "lstm!"}, r"config\.cell: expected a name"),
        ({"cell": "zzz"}, r"config\.cell: unknown cell 'zzz'"),
        ({"activation": "zzz"}, r"config\.activation: 'zzz' cannot be computed"),
        ({"seed": [1]}, r"config\.seed: .*got \[1\]"),
    ],
)
def test_a_config_field_of_the_wrong_type_or_out_of_range_is_refused_by_name(config, message):
    import json

    good = TrainConfig(hidden_size=5).to_dict()
    data = weights.to_bytes(small_model(), None, {"config": json.dumps(good | config)})
    if message is None:
        assert weights.from_bytes(data)[1] is not None
        return
    with pytest.raises(ValueError, match=message):
        weights.from_bytes(data)


@pytest.mark.parametrize(
    "config,message",
    [
        ("[" * 100_000, "config: 100,000 characters, at most 4,000"),
        ("[" * 3_000, "config: JSON nested more than 2 deep"),
        ('{"seq_len": [[1]]}', "config: JSON nested more than 2 deep"),
        ("{" + ", ".join(f'"k{n}": 1' for n in range(600)) + "}", "config: 6,490 characters, at most 4,000"),
        ("[]", "config: expected a JSON object, got list"),
        ("{'seq_len': 5}", "config: not valid JSON"),
    ],
)
def test_a_config_that_is_deep_long_or_not_json_is_refused_by_name(config, message):
    with pytest.raises(ValueError, match=message):
        weights.from_bytes(weights.to_bytes(small_model(), None, {"config": config}))


@pytest.mark.parametrize(
    "header,message",
    [
        (b'{"a":' + b"[" * 1_900_000, "the header: JSON nested more than 4 deep"),
        (b'{"a":[' + b"[]," * 600_000 + b"[]]}", "the header: more than 2,000 brackets and strings"),
        (b'{"a":"' + b"[" * 1_900_000 + b'"}', "not one written by lstm-viz"),  # brackets in a string do not nest
    ],
    ids=["deep", "wide", "in a string"],
)
def test_a_header_nested_deep_or_wide_is_refused_before_it_is_parsed(monkeypatch, header, message):
    import json
    import time

    loads = json.loads

    def bounded_loads(text, *args, **kwargs):
        assert text.count("[") < 2_000 or text.startswith('{"a":"'), "json.loads ran on a header past the bounds"
        return loads(text, *args, **kwargs)

    monkeypatch.setattr(json, "loads", bounded_loads)
    t0 = time.perf_counter()
    with pytest.raises(ValueError, match=message):
        weights.from_bytes(len(header).to_bytes(8, "little") + header)
    assert time.perf_counter() - t0 < 1.0


def test_metadata_that_is_not_text_is_refused_by_name():
    header = {"l0.W_h": {"dtype": "F32", "shape": [4, 5, 5], "data_offsets": [0, 400]}}
    with pytest.raises(ValueError, match="num_layers: expected text in the metadata, got int"):
        weights.from_bytes(handmade(header, bytes(400), num_layers=1))
    with pytest.raises(ValueError, match=r"num_layers: '1\.0' is not a whole number"):
        weights.from_bytes(handmade(header, bytes(400), num_layers="1.0"))


def test_an_unknown_task_is_named():
    data = weights.to_bytes(small_model()).replace(b'"counting"', b'"countinG"')
    with pytest.raises(ValueError, match="task: unknown task 'countinG'"):
        weights.from_bytes(data)


@pytest.mark.parametrize("cell", presets.PRESET_CELLS)
@pytest.mark.parametrize("name", tasks.names())
def test_every_preset_reaches_its_target_on_fresh_samples(name, cell):
    """LSTM and GRU presets reach the target; a plain RNN's says truthfully whether it did."""
    task = tasks.get(name)
    assert cell in presets.available(name), f"{name}: no {cell} preset"
    model, config = presets.load(name, cell)
    assert model.cell == cell and presets.path(name, cell).stat().st_size < 25_000
    assert config is not None and config.hidden_size == model.params.hidden_size and config.cell == cell
    metric = presets.check(name, model)
    reached = task.reached(metric)
    assert reached == presets.reached(name, cell), f"{name} {cell}: {task.metric} {metric:.4f} against its label"
    if cell != "rnn":
        assert reached, f"{name}: {cell} preset {task.metric} {metric:.4f} misses the target {task.target}"


def test_presets_load_without_torch():
    code = "import sys; from lstm_viz.io import presets; presets.load('remember_first'); print('torch' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
