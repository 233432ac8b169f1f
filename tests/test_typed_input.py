"""A typed sequence is encoded exactly as the task's generated training data (padding, length, vocabulary,
normalisation), the presets answer it as they answer the generated sample, and what lies outside the
training data is said so (Task.coverage); a sequence-to-sequence task's answer is shown at every step."""

import json

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from lstm_viz import explain, tasks
from lstm_viz.io import presets
from lstm_viz.ui.safe import plain
from lstm_viz.words.en.explain import COVERAGE, PAD_NOTE

NEG = tasks.get("negation_sentiment")
NEG_CELLS = presets.available("negation_sentiment")


def typed(tokens: list[str]) -> str:
    """A template sentence as a user types it: English words with spaces, Chinese unsegmented."""
    return " ".join(tokens) if tokens[0].isascii() else "".join(tokens)


def generated_templates() -> dict[tuple[str, ...], tuple[np.ndarray, int]]:
    """Every template sentence's first generated sample (x (T, D), label), from make_batch itself."""
    n_templates = len(tasks.sentence_bank()[0])
    found: dict[tuple[str, ...], tuple[np.ndarray, int]] = {}
    rng = np.random.default_rng(2026)
    while len(found) < n_templates:
        x, y = NEG.make_batch(4000, NEG.default_config().seq_len, rng)
        for row in range(len(x)):
            found.setdefault(NEG.words(x[row]), (x[row], int(y[row])))
    return found


@pytest.fixture(scope="module")
def templates():
    return generated_templates()


def test_every_template_sentence_typed_is_encoded_as_the_generated_sample(templates):
    bank = tasks.sentence_bank()[0]
    assert len(templates) == len(bank)
    for tokens, label in bank:
        x_gen, y_gen = templates[tuple(tokens)]
        x = NEG.parse(typed(tokens))
        assert np.array_equal(x, x_gen), f"{typed(tokens)!r}: {NEG.token_labels(x)} != {NEG.token_labels(x_gen)}"
        assert NEG.token_labels(x)[0] == tasks.PAD  # left-padded: no template fills the 6 steps
        assert y_gen == label and NEG.targets(x) == label
        assert NEG.coverage(typed(tokens)) is None


@pytest.mark.parametrize("cell", NEG_CELLS)
def test_presets_answer_typed_template_sentences_as_they_answer_the_generated_ones(cell, templates):
    model = presets.load("negation_sentiment", cell)[0]
    bank = tasks.sentence_bank()[0]
    x_typed = np.stack([NEG.parse(typed(tokens)) for tokens, _ in bank])
    x_gen = np.stack([templates[tuple(tokens)][0] for tokens, _ in bank])
    labels = np.array([label for _, label in bank])
    out_typed, out_gen = model.predict(x_typed, False), model.predict(x_gen, False)
    assert np.array_equal(out_typed, out_gen)
    assert NEG.evaluate(out_typed, labels) >= NEG.target  # every template once, as typed


# Written by hand, as a user would type them: case, punctuation, curly or no apostrophes, spaces in Chinese or
# none. A sentence the templates make reads as a reader expects; any other is flagged by its coverage code.
HAND_WRITTEN = [
    ("I like apples", "positive"),
    ("I love music", "positive"),
    ("they hate rain", "negative"),
    ("we don't like coffee", "negative"),
    ("我喜欢吃苹果", "positive"),
    ("我不喜欢吃苹果", "negative"),
    ("You never fear winter.", "positive"),
    ("i dont enjoy school", "negative"),
    ("She doesn’t like movies!", "negative"),
    ("  WE   LOVE   DOGS  ", "positive"),
    ("他们从不害怕狗", "positive"),
    ("我们 爱 听 音乐", "positive"),
    ("你讨厌下雨。", "negative"),
    ("he does not love dogs", "negative"),
    ("he like apples", "not_a_template_sentence"),  # the verb does not agree
    ("she don't like rain", "not_a_template_sentence"),
    ("我喜欢苹果", "not_a_template_sentence"),  # no 吃: the templates say 吃 苹果
    ("I 不 like apples", "not_a_template_sentence"),  # two languages
    ("we don't don't like music", "not_a_template_sentence"),
    ("I do not like apples music coffee", "longer_than_training"),  # 7 words: the model saw 6 steps
]


@pytest.mark.parametrize("cell", NEG_CELLS)
def test_hand_written_sentences_read_as_expected_or_are_flagged(cell):
    assert len(HAND_WRITTEN) == 20
    model = presets.load("negation_sentiment", cell)[0]
    for text, expected in HAND_WRITTEN:
        x = NEG.parse(text)
        code = NEG.coverage(x)
        if expected in NEG.class_names:
            said = NEG.class_names[int(np.argmax(model.predict(x, False)))]
            assert code is None and said == expected, f"{cell}: {text!r} read as {said} ({code})"
        else:
            assert code == expected, f"{cell}: {text!r} gives {code}, expected {expected}"


def test_a_sentence_longer_than_training_is_kept_whole_and_one_of_training_length_is_padded():
    assert NEG.token_labels(NEG.parse("I do not like apples music coffee"))[0] == "I"  # 7 steps, nothing cut
    assert NEG.token_labels(NEG.parse("我不喜欢吃苹果")) == [tasks.PAD, "我", "不", "喜欢", "吃", "苹果"]
    assert NEG.parse("I like apples", seq_len=10).shape == (10, NEG.input_size)
    with pytest.raises(ValueError, match="no known label"):
        NEG.targets(NEG.parse("he like apples"))


@pytest.mark.parametrize("name", ["remember_first", "counting", "brackets"])
def test_typed_symbols_are_encoded_as_generated(name):
    task = tasks.get(name)
    x, _ = task.make_batch(20, task.default_config().seq_len, np.random.default_rng(1))
    for row in x:
        assert np.array_equal(task.parse("".join(task.token_labels(row))), row)  # no padding, no start token


@pytest.mark.parametrize("name", ["adding", "sine", "airline"])
def test_typed_numbers_are_encoded_as_generated(name):
    task = tasks.get(name)
    x, _ = task.make_batch(5, task.default_config().seq_len, np.random.default_rng(1))
    for row in x:
        marks = row[:, 1] if name == "adding" else np.zeros(len(row))
        text = " ".join(repr(float(v)) + ("*" if m else "") for v, m in zip(row[:, 0], marks, strict=True))
        assert np.array_equal(task.parse(text), row)
        assert task.coverage(text) is None


def test_airline_passenger_counts_are_standardised_as_the_series():
    task = tasks.get("airline")
    x = task.parse("112 118 132 129 121")  # January to May 1949
    assert np.allclose(x[:, 0], task.series()[:5], atol=1e-12)
    with pytest.raises(ValueError, match="step 1: mixes passenger counts"):
        task.parse("-1.2 300 -0.9")


@pytest.mark.parametrize(
    "name, text, seq_len, code",
    [
        ("counting", "a" * 16, None, "longer_than_training"),  # counts past 15 were never seen
        ("counting", "aab", None, None),  # a seq2seq task's prefixes are training data
        ("brackets", "()" * 11, None, "longer_than_training"),
        ("remember_first", "CABDDABA", 30, "shorter_than_training"),  # answered at the last step only
        ("remember_first", "CABD" * 7 + "AB", 30, None),
        ("adding", "0.5* 0.5* " + "0.1 " * 18, None, "marks_outside_training"),  # both in the first half
        ("adding", tasks.get("adding").example, None, None),
        ("adding", "0.3 0.8* 0.1 0.5* 0.9", None, "shorter_than_training"),
        ("sine", "0 0.5 3", None, "values_outside_training"),
        ("sine", tasks.get("sine").example, None, None),
        ("airline", "-1 9", None, "values_outside_training"),
        ("airline", tasks.get("airline").example, None, None),
    ],
)
def test_coverage_says_what_lies_outside_training(name, text, seq_len, code):
    assert tasks.get(name).coverage(text, seq_len) == code


def test_every_coverage_code_has_its_words():
    assert set(COVERAGE) == set(tasks.COVERAGE_CODES)
    for words in COVERAGE.values():
        assert words.format(n=6, T=7)


def test_a_sequence_to_sequence_task_gives_its_answer_at_every_step():
    counting = tasks.get("counting")
    x = counting.parse("aabab")
    out = np.array([[0.9], [2.2], [1.8], [3.4], [2.6]])
    said = explain.running_words(counting, x, out)
    assert said == "At every step, the answer: 1 2 2 3 3; the model (rounded): 1 2 2 3 3"
    brackets = tasks.get("brackets")
    x = brackets.parse("(()")
    said = np.eye(5)[[1, 2, 2]]
    assert explain.running_words(brackets, x, said).endswith("the model: depth 1, depth 2, depth 2")
    assert explain.running_words(NEG, NEG.parse("I like apples"), np.zeros((6, 2))) is None  # sequence-to-one
    rows = explain.prediction_rows(counting, presets.load("counting")[0], 15, 3)
    for row in rows:
        count = np.cumsum([tok == "a" for tok in row["sequence"].split()])
        assert row["answer"] == " ".join(str(c) for c in count)  # the running count, not only the last
        assert len(row["model says"].split()) == 15


def app(page: str, query: dict) -> AppTest:
    at = AppTest.from_file("../app.py", default_timeout=60)
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def test_the_step_page_shows_and_explains_the_padding_of_a_typed_sentence():
    at = app("app_pages/step.py", {"task": "negation_sentiment", "text": "I like apples", "t": "5"})
    assert at.session_state["t"] == 5
    captions = " ".join(c.value for c in at.caption)
    assert plain(PAD_NOTE.format(pad=tasks.PAD, n=6), 300) in captions
    stepper = next(e for e in at.main if getattr(e, "type", None) == "component_instance")
    said = json.loads(stepper.proto.json_args)["data"]["said"][5]  # the stepper's sentence at t = 5
    assert "positive" in said and "(the answer: positive)" in said
    assert not at.sidebar.info  # a template sentence is inside the training data
    at.text_input(key="text").set_value("he like apples").run()
    assert plain(COVERAGE["not_a_template_sentence"], 300) in " ".join(i.value for i in at.sidebar.info)


def test_the_heatmaps_page_shows_the_running_count():
    at = app("app_pages/heatmaps.py", {"task": "counting", "text": "aabab"})
    captions = " ".join(c.value for c in at.caption)
    assert plain("At every step, the answer: 1 2 2 3 3; the model (rounded): ") in captions
