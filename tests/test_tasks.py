"""The toy tasks: shapes, determinism per seed, and labels checked by hand."""

import numpy as np
import pytest

from lstm_viz import tasks

ALL = tasks.names()


def test_registry_has_the_built_in_tasks():
    for name in ("remember_first", "counting", "brackets", "adding", "sine", "negation_sentiment", "airline"):
        assert name in ALL
    with pytest.raises(ValueError, match="no task named 'nope'"):
        tasks.get("nope")


@pytest.mark.parametrize("name", ALL)
def test_batches_have_the_declared_shapes_and_are_seeded(name):
    task = tasks.get(name)
    T = max(task.min_len, 12)
    x, y = task.make_batch(5, T, np.random.default_rng(3))
    assert x.shape == (5, T, task.input_size) and np.all(np.isfinite(x))
    assert y.shape == ((5, T) if task.kind.seq2seq else (5,))
    x2, y2 = task.make_batch(5, T, np.random.default_rng(3))
    x3, _ = task.make_batch(5, T, np.random.default_rng(4))
    assert np.array_equal(x, x2) and np.array_equal(y, y2) and not np.array_equal(x, x3)
    assert len(task.token_labels(x[0])) == T
    for attr in ("title", "description", "teaching_note", "input_hint"):
        assert getattr(task, attr)
    assert task.default_config().seq_len >= task.min_len
    assert task.parse(task.example).shape[1] == task.input_size


def test_remember_first_by_hand():
    task = tasks.get("remember_first")
    x = task.parse("CABDDA")
    assert task.token_labels(x) == list("CABDDA")
    assert task.targets(x[None])[0] == 2  # C
    xb, yb = task.make_batch(50, 8, np.random.default_rng(0))
    assert np.array_equal(yb, np.argmax(xb[:, 0], axis=-1))


def test_counting_by_hand():
    task = tasks.get("counting")
    x = task.parse("aabab")
    assert task.targets(x).tolist() == [1, 2, 2, 3, 3]


def test_brackets_by_hand():
    task = tasks.get("brackets")
    x = task.parse("(()(()))")
    assert task.targets(x).tolist() == [1, 2, 1, 2, 3, 2, 1, 0]
    _xb, yb = task.make_batch(200, 30, np.random.default_rng(1))
    assert yb.min() >= 0 and yb.max() <= task.max_depth
    with pytest.raises(ValueError, match="never opened"):
        task.parse("())")
    with pytest.raises(ValueError, match="deeper than 4"):
        task.parse("(((((")


def test_adding_by_hand():
    task = tasks.get("adding")
    x = task.parse("0.3 0.8* 0.1 0.5* 0.9")
    assert task.targets(x) == pytest.approx(1.3)
    assert task.token_labels(x) == ["0.30", "0.80*", "0.10", "0.50*", "0.90"]
    xb, yb = task.make_batch(100, 20, np.random.default_rng(2))
    assert np.all(xb[..., 1].sum(axis=1) == 2)
    assert np.allclose(yb, (xb[..., 0] * xb[..., 1]).sum(axis=1))
    with pytest.raises(ValueError, match="exactly two"):
        task.parse("0.1 0.2* 0.3")


def test_sine_targets_are_the_next_value():
    x, y = tasks.get("sine").make_batch(4, 10, np.random.default_rng(0))
    assert np.array_equal(x[:, 1:, 0], y[:, :-1])


def test_airline_series_and_held_out_years():
    task = tasks.get("airline")
    assert len(task.months()) == 144 and task.months()[0] == "1949-01"
    x, y = task.held_out_batch(0, 24, None)
    assert x.shape == (24, 24, 1) and np.array_equal(x[:, 1:, 0], y[:, :-1])
    assert y[-1, -1] == task.series()[-1]
    _xb, yb = task.make_batch(50, 24, np.random.default_rng(0))
    assert np.isin(yb, task.series()[: 144 - 24]).all()  # training windows stay in 1949-1958


def test_negation_sentences_flip_with_negation():
    task = tasks.get("negation_sentiment")
    sentences, _vocab = tasks.sentence_bank()
    label = {" ".join(tokens): y for tokens, y in sentences}
    assert label["I like apples"] == 1 and label["I don't like apples"] == 0
    assert label["she doesn't like coffee"] == 0 and label["she never hates rain"] == 1
    assert label["我 喜欢 吃 苹果"] == 1 and label["我 不 喜欢 吃 苹果"] == 0
    padded = [tasks.PAD, "我", "不", "喜欢", "吃", "苹果"]  # left-padded to 6 steps, as the training sentences
    assert task.token_labels(task.parse("我不喜欢吃苹果")) == padded
    x, y = task.make_batch(20, 6, np.random.default_rng(0))
    for row in range(20):
        words = [w for w in task.token_labels(x[row]) if w != tasks.PAD]
        assert label[" ".join(words)] == y[row]


@pytest.mark.parametrize(
    "name, text, match",
    [
        ("remember_first", "", "empty"),
        ("remember_first", "ABXZ", "unknown symbols 'X', 'Z'"),
        ("counting", "a" * 100_000, "too long"),
        ("counting", "<script>alert(1)</script>", "unknown symbols"),
        ("sine", "1 2 banana", "step 2: 'banana' is not a number"),
        ("sine", "1 nan 2", "not a finite number"),
        ("negation_sentiment", "I like <b>pizza</b>", "unknown words"),
        ("adding", " ".join(["0.5"] * 300), "too long: 300 steps"),
        ("brackets", "()" * 101, "too long: 202 steps"),
    ],
)
def test_parse_names_the_problem(name, text, match):
    with pytest.raises(ValueError, match=match):
        tasks.get(name).parse(text)
