"""Length honesty: every preset knows the sequence lengths it was trained on; counting's LSTM and GRU presets are
trained on a length curriculum (5 to 60 steps) and their accuracy by length is the README's table; where the
sequence shown is longer than the longest a preset was trained on, the step-through page and the heat maps say so
beside the answers, in English and Chinese, with the numbers of lstm_viz.explain.lengths."""

import re
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from lstm_viz import tasks, words
from lstm_viz.explain.lengths import LENGTHS, by_length, longer_words
from lstm_viz.io import presets, weights
from tests.english import english_words

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
SECTION = README.split("### Sequence lengths\n", 1)[1].split("\n#", 1)[0]
PAGES = ("app_pages/step.py", "app_pages/heatmaps.py")
COUNTING = tasks.get("counting")


def metadata(name: str, cell: str) -> dict[str, str]:
    return weights.read_header(presets.path(name, cell).read_bytes(), weights.MAX_BYTES)


# --- what a preset knows ---


@pytest.mark.parametrize("name", tasks.names())
def test_every_preset_knows_the_lengths_it_was_trained_on(name):
    for cell in presets.available(name):
        shortest, longest = presets.lengths(name, cell)
        config = presets.load(name, cell)[1]
        assert config.seq_len == longest, f"{name} {cell}: its config trained on {config.seq_len}, not {longest}"
        if (name, cell) in presets.CURRICULA:
            assert (shortest, longest) == presets.CURRICULA[name, cell]
            assert metadata(name, cell)["lengths"] == f"{shortest}-{longest}"
        else:
            assert shortest == longest, f"{name} {cell}: one length"


def test_counting_lstm_and_gru_were_trained_up_to_60_the_rnn_on_15():
    assert presets.lengths("counting", "lstm") == presets.lengths("counting", "gru") == (5, 60)
    assert presets.lengths("counting", "rnn") == (15, 15)
    assert presets.lengths("remember_first") == (30, 30)  # PRESET_CHANGES; its file has no `lengths`: its config's
    for cell in ("lstm", "gru"):  # the curriculum's preset still clears the task's target where it always did
        assert COUNTING.reached(presets.check("counting", cell=cell))
        assert COUNTING.reached(presets.check("counting", cell=cell, seq_len=60))


def test_a_file_says_its_lengths_or_its_config_does(tmp_path, monkeypatch):
    model, config = presets.load("counting", "rnn")
    monkeypatch.setattr(presets, "PRESET_DIR", tmp_path)
    weights.save(presets.path("counting", "rnn"), model, config.replace(seq_len=25))
    assert presets.lengths("counting", "rnn") == (25, 25)  # written before files said their lengths
    weights.save(presets.path("counting", "rnn"), model, config, lengths="5-60")
    assert presets.lengths("counting", "rnn") == (5, 60)
    weights.save(presets.path("counting", "rnn"), model, config, lengths="15")
    assert presets.lengths("counting", "rnn") == (15, 15)
    assert (presets.lengths_text(5, 60), presets.lengths_text(15, 15)) == ("5-60", "15")


def test_the_curriculum_draws_every_batch_length_from_the_runs_generator():
    trained_on = presets.LengthCurriculum(COUNTING, 5, 60)
    lengths = [trained_on.make_batch(2, 60, np.random.default_rng(s))[0].shape[1] for s in range(200)]
    assert min(lengths) == 5 and max(lengths) == 60 and len(set(lengths)) > 40
    again = [trained_on.make_batch(2, 60, np.random.default_rng(s))[0].shape[1] for s in range(200)]
    assert lengths == again  # the seed alone reproduces a run
    x, y = trained_on.held_out_batch(3, 60, np.random.default_rng(0))
    assert x.shape == (3, 60, 2) and np.array_equal(y, COUNTING.targets(x))  # held out at the longest
    assert trained_on.kind == COUNTING.kind and trained_on.evaluate is not None  # the rest is the task's


# --- accuracy by length ---


def test_one_length_measures_what_it_measures_among_others():
    model = presets.load("counting", "rnn")[0]
    every = by_length(COUNTING, model, (10, 20, 30), n=64)
    assert [by_length(COUNTING, model, (T,), n=64)[T] for T in (10, 20, 30)] == list(every.values())
    assert every[10] > every[30]  # trained on 15


def test_a_length_the_task_cannot_make_is_left_out():
    airline = tasks.get("airline")
    got = by_length(airline, presets.load("airline")[0], (30, 150), n=8)
    assert list(got) == [30] and got[30] >= 0  # 150 months do not fit in its training years (mse)
    neg = tasks.get("negation_sentiment")
    assert list(by_length(neg, presets.load("negation_sentiment")[0], (3, 10), n=8)) == [10]  # at least 6 steps


def table() -> dict[str, list[str]]:
    """The README's rows, by their first cell: [trained on, the metric at each length]."""
    rows = [[c.strip() for c in line.strip("|").split("|")] for line in SECTION.splitlines() if line.startswith("| ")]
    head, *body = rows
    assert head[2:] == [str(T) for T in LENGTHS]
    return {row[0]: row[1:] for row in body}


@pytest.mark.parametrize(("row", "cell"), [("LSTM, after", "lstm"), ("GRU, after", "gru"), ("plain RNN", "rnn")])
def test_the_readmes_table_is_the_shipped_presets(row, cell):
    measured = by_length(COUNTING, presets.load("counting", cell)[0])
    assert table()[row] == [presets.lengths_text(*presets.lengths("counting", cell))] + [
        f"{measured[T]:.0%}" for T in LENGTHS
    ]


def test_the_readmes_before_rows_are_the_15_step_presets():
    rows = table()
    for row in ("LSTM, before", "GRU, before"):
        assert rows[row][0] == "15" and rows[row][1 + LENGTHS.index(60)] in ("33%", "34%")  # the 34% at 60
    assert "(until commit 278886d)" in " ".join(SECTION.split())


# --- the note beside the answers ---


def numbers(text: str) -> list[str]:
    return re.findall(r"\d+(?:\.\d+)?%?", text)


def test_the_note_says_the_same_numbers_in_both_languages():
    measured = {120: 0.5412, 60: 0.9833}
    en = longer_words(COUNTING, 60, 120, measured, "en")
    zh = longer_words(COUNTING, 60, 120, measured, "zh")
    assert en == (
        "This model was trained on sequences of up to 60 steps; this one has 120: past step 60 its answers are "
        "outside what it learned (measured on samples it was not trained on: 54% of the answers right on sequences "
        "of 120 steps, 98% on 60)."
    )
    assert sorted(numbers(en)) == sorted(numbers(zh)) and "54%" in zh and "98%" in zh
    assert longer_words(COUNTING, 60, 60, measured) is None and longer_words(COUNTING, 60, 59, measured) is None


def test_the_note_fits_the_task():
    first = tasks.get("remember_first")
    said = longer_words(first, 30, 40, {40: 0.5, 30: 0.99})
    assert "its answer at the last step is outside what it learned" in said and "50% of the answers" in said
    sine = tasks.get("sine")
    said = longer_words(sine, 30, 100, {100: 0.0123, 30: 0.0061}, "zh")
    assert "均方误差为 0.0123" in said and "0.0061" in said
    assert longer_words(sine, 30, 100, {}, "zh").endswith("范围。")  # nothing measured: the sentence just ends
    assert longer_words(sine, 30, 100, {}).endswith("outside what it learned.")


def page(path: str, lang: str, **query) -> AppTest:
    at = AppTest.from_file("../app.py", default_timeout=60)
    at.query_params.update({"lang": lang, "task": "counting", **query})
    at.run()
    assert not at.exception, at.exception
    at.switch_page(path).run()
    assert not at.exception, at.exception
    return at


def unescaped(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown)


def notes(at: AppTest, lang: str) -> list:
    """The length notes on the page (without the sidebar)."""
    start = words.of(lang).lengths.LONGER["seq2seq"].split("{", 1)[0]
    return [e for e in at.main.info if unescaped(e.value).startswith(start)]


@pytest.mark.parametrize("path", PAGES)
def test_a_typed_sequence_longer_than_training_is_said_beside_the_answers(path):
    measured = by_length(COUNTING, presets.load("counting")[0], (120, 60))
    said = {}
    for lang in words.LANGUAGES:
        at = page(path, lang, text="ab" * 60, model="preset")
        [note] = notes(at, lang)
        assert unescaped(note.value) == longer_words(COUNTING, 60, 120, measured, lang)
        said[lang] = unescaped(note.value)
        if lang == "zh":
            assert english_words(note) == []
    assert sorted(numbers(said["en"])) == sorted(numbers(said["zh"]))
    assert f"{measured[120]:.0%}" in said["zh"] and f"{measured[60]:.0%}" in said["zh"]


@pytest.mark.parametrize("path", PAGES)
def test_no_note_within_training_nor_for_a_model_trained_on_nothing(path):
    for lang in words.LANGUAGES:
        assert notes(page(path, lang, text="ab" * 20, model="preset"), lang) == []  # 40 steps: within 60
        assert notes(page(path, lang, text="ab" * 60, model="random"), lang) == []
        assert notes(page(path, lang, seq="3", model="preset", cell="rnn"), lang) == []  # a sample: 15 steps


def test_the_plain_rnn_preset_says_so_past_15_steps():
    at = page("app_pages/step.py", "zh", text="ab" * 10, model="preset", cell="rnn")
    [note] = notes(at, "zh")
    measured = by_length(COUNTING, presets.load("counting", "rnn")[0], (20, 15))
    assert unescaped(note.value) == longer_words(COUNTING, 15, 20, measured, "zh")


@pytest.mark.parametrize("path", PAGES)
def test_the_chinese_pages_with_the_note_have_no_english(path):
    at = page(path, "zh", text="ab" * 60, model="preset")
    assert notes(at, "zh")
    assert english_words(at.main) == []


def test_a_session_model_knows_the_length_its_run_trained_on():
    """A model trained on Train live at another length than the task's default says that length (its run's
    config, kept beside it by set_session_model), not the default."""
    import streamlit as st

    from lstm_viz.ui import models
    from lstm_viz.ui.state import SESSION_LENGTHS, SESSION_MODELS

    for key in (SESSION_MODELS, SESSION_LENGTHS):
        st.session_state.pop(key, None)
    model = models.random_model("counting", 0, "lstm")
    models.set_session_model(model, 40)
    assert models.trained_lengths("counting", "lstm", "session") == (40, 40)
    models.set_session_model(model)  # a run that said no length: the task's default
    default = COUNTING.default_config().seq_len
    assert models.trained_lengths("counting", "lstm", "session") == (default, default)
