"""Keras models that carry their own vocabulary (a TextVectorization or StringLookup layer first), read without
TensorFlow: lstm-viz's token ids equal those Keras' own layer produced, exactly, and its predict Keras' within
1e-5. The fixtures and the facts beside them come from scripts/build_vocabulary_fixtures.py (TensorFlow 2.21,
Keras 3.15); the other settings are tested by editing a copy of a fixture's config.json inside its zip."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import numpy as np
import pytest

import lstm_viz as lv
from lstm_viz.io import text_lookup
from lstm_viz.io.imported import Embedding, Recurrent

FIXTURES = Path(__file__).parent / "fixtures"
TV, SL = "vocab_textvectorization", "vocab_stringlookup"
TOL = 1e-5


def fixture(name: str) -> tuple[bytes, dict]:
    return (FIXTURES / f"{name}.keras").read_bytes(), json.loads((FIXTURES / f"{name}.json").read_text("utf-8"))


def edited(data: bytes, drop_assets: bool = False, replace: dict | None = None, **options) -> bytes:
    """A copy of a .keras zip whose lookup layer (the config's second layer) has `options` set, its vocabulary
    assets dropped or members replaced."""
    src, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    config = json.loads(src.read("config.json"))
    config["config"]["layers"][1]["config"].update(options)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            if drop_assets and name.startswith("assets/"):
                continue
            body = json.dumps(config).encode() if name == "config.json" else src.read(name)
            dst.writestr(name, (replace or {}).get(name, body))
    return out.getvalue()


def lookup(data: bytes, **options) -> text_lookup.TextLookup:
    """The lookup layer alone of a fixture, its config's options set as `edited` sets them, its vocabulary the
    asset's: what it computes without the model around it (whose Embedding may have fewer rows)."""
    zf = zipfile.ZipFile(io.BytesIO(data))
    layer = json.loads(zf.read("config.json"))["config"]["layers"][1]
    config = {**layer["config"], **options}
    asset = next(name for name in zf.namelist() if name.endswith("vocabulary.txt"))
    checked = text_lookup.read_options(layer["class_name"], config, config["name"], None)
    lines = text_lookup.vocabulary_lines(zf.read(asset), config["name"])
    return text_lookup.build(layer["class_name"], config["name"], checked, lines)


@pytest.mark.parametrize("name", [TV, SL])
def test_ids_and_predict_match_keras(name):
    data, want = fixture(name)
    m = lv.io.load_model(data)
    assert m.vocabulary == tuple(want["vocabulary"])
    ids = m.encode(want["texts"])
    np.testing.assert_array_equal(ids, np.array(want["ids"]), err_msg=f"{name}: token ids differ from Keras'")
    assert ids.dtype == np.int64
    got = m.predict(want["texts"])
    err = float(np.abs(got - np.array(want["predict"])).max())
    print(f"\n{name}: ids equal, predict max abs error {err:.1e}")
    assert got.shape == np.array(want["predict"]).shape and err <= TOL
    np.testing.assert_array_equal(m.predict(ids), got)  # the ids themselves give the same
    one = want["texts"][0] if name == TV else " ".join(want["texts"][0])  # a StringLookup's string is split
    rec = m.forward(one)  # one string: one sequence, as (T,) ids
    np.testing.assert_array_equal(rec.x, ids[0])
    assert np.abs(rec.y - got[0]).max() <= 1e-12


@pytest.mark.parametrize("name", [TV, SL])
def test_every_supported_setting_matches_keras(name):
    """Each variant the build script ran through Keras (standardize x split x output_sequence_length; the
    StringLookup's mask_token x num_oov_indices), set in the file's config over the same saved vocabulary."""
    data, want = fixture(name)
    assert want["variants"]
    for variant in want["variants"]:
        ids = lookup(data, **variant["options"]).encode(variant["texts"])
        np.testing.assert_array_equal(ids, np.array(variant["ids"]), err_msg=str(variant))
        if variant["options"].get("mask_token") == "":  # one token more than the model's Embedding has rows
            with pytest.raises(ValueError, match=r"a vocabulary of 1[34] tokens, but the Embedding .* has 12 rows"):
                lv.io.load_model(edited(data, **variant["options"]))
        else:
            np.testing.assert_array_equal(
                lv.io.load_model(edited(data, **variant["options"])).encode(variant["texts"]), ids
            )


@pytest.mark.parametrize("name", [TV, SL])
def test_a_vocabulary_in_the_config_with_or_without_special_tokens(name):
    """A vocabulary passed to the layer's constructor lives in its config, not in assets; Keras drops the special
    tokens when the list starts with them and puts them back first either way."""
    data, want = fixture(name)
    special = 2 if name == TV else 1
    for vocabulary in (want["vocabulary"], want["vocabulary"][special:]):
        m = lv.io.load_model(edited(data, drop_assets=True, vocabulary=vocabulary))
        assert m.vocabulary == tuple(want["vocabulary"])
        np.testing.assert_array_equal(m.encode(want["texts"]), np.array(want["ids"]))
    with pytest.raises(ValueError, match="no vocabulary"):
        lv.io.load_model(edited(data, drop_assets=True))


REFUSED_TV = [
    ({"ngrams": 2}, "ngrams=2"),
    ({"standardize": {"class_name": "function", "config": "my_standardize"}}, "standardize=.*custom function"),
    ({"split": "character"}, "split=character .splits into characters"),
    ({"split": {"class_name": "function", "config": "my_split"}}, "split=.*custom function"),
    ({"output_mode": "multi_hot", "output_sequence_length": None}, "output_mode=multi_hot"),
    ({"output_mode": "count", "output_sequence_length": None}, "output_mode=count"),
    ({"output_mode": "tf_idf", "output_sequence_length": None}, "output_mode=tf_idf"),
    ({"output_mode": "one_hot", "output_sequence_length": None}, "output_mode=one_hot"),
    ({"ragged": True}, "ragged=True"),
    ({"sparse": True}, "sparse=True"),
    ({"encoding": "latin-1"}, "encoding=latin-1"),
    ({"idf_weights": [1.0, 2.0]}, "idf_weights"),
    ({"vocabulary": "/etc/passwords.txt"}, "a file outside the model archive"),
    ({"output_sequence_length": 0}, "output_sequence_length=0"),
    ({"max_tokens": 5}, "over its max_tokens=5"),
    ({"some_new_option": "on"}, "some_new_option=on"),
]
REFUSED_SL = [
    ({"invert": True}, "invert=True"),
    ({"num_oov_indices": 2}, "num_oov_indices=2"),
    ({"mask_token": "[PAD]"}, "mask_token='\\[PAD\\]'"),
    ({"output_mode": "one_hot"}, "output_mode=one_hot"),
    ({"vocabulary": ["a", "b", "a"]}, "repeats a token"),
    ({"vocabulary": ["a", 3]}, "not a list of strings"),
]


@pytest.mark.parametrize(("options", "match"), REFUSED_TV + REFUSED_SL)
def test_options_lstm_viz_does_not_compute_are_refused_by_name(options, match):
    name = TV if (options, match) in REFUSED_TV else SL
    data, _ = fixture(name)
    layer = json.loads(zipfile.ZipFile(io.BytesIO(data)).read("config.json"))["config"]["layers"][1]["config"]["name"]
    with pytest.raises(ValueError, match=match) as err:
        lv.io.load_model(edited(data, **options))
    assert layer in str(err.value), f"the message names no layer: {err.value}"


def test_the_vocabulary_limits():
    data, _ = fixture(SL)
    asset = "assets/layers/string_lookup/vocabulary.txt"
    lines = "\n".join(f"w{n}" for n in range(text_lookup.MAX_VOCABULARY + 1)).encode()
    with pytest.raises(ValueError, match="vocabulary of 100,001 tokens, over the limit of 100,000"):
        lv.io.load_model(edited(data, replace={asset: lines}))
    big = b"x" * (text_lookup.MAX_VOCABULARY_BYTES + 1)
    with pytest.raises(ValueError, match=r"vocabulary\.txt declares 4,194,305 bytes, over the limit"):
        lv.io.load_model(edited(data, replace={asset: big}))
    with pytest.raises(ValueError, match="over 1,000 characters"):
        lv.io.load_model(edited(data, replace={asset: b"[UNK]\n" + b"y" * 1001}))
    with pytest.raises(ValueError, match="not UTF-8 text"):
        lv.io.load_model(edited(data, replace={asset: b"[UNK]\n\xff\xfe"}))
    # more tokens than the Embedding has rows: Keras loads it and fails on the new token's id; lstm-viz refuses
    # it when it is loaded, naming both
    longer = edited(data, replace={asset: zipfile.ZipFile(io.BytesIO(data)).read(asset) + b"\nnew"})
    with pytest.raises(ValueError, match=r"string_lookup\w*: a vocabulary of 13 tokens, but the Embedding embedding"
                                         r"\w* has 12 rows"):  # fmt: skip
        lv.io.load_model(longer)


def test_the_two_copies_of_a_textvectorization_vocabulary_must_agree():
    data, _ = fixture(TV)
    other = "assets/layers/text_vectorization/_lookup_layer/vocabulary.txt"
    with pytest.raises(ValueError, match=r"its two vocabulary\.txt assets differ"):
        lv.io.load_model(edited(data, replace={other: b"\n[UNK]\nrain"}))


def test_bad_texts_and_text_for_a_model_without_vocabulary():
    m = lv.io.load_model(fixture(SL)[0])
    with pytest.raises(ValueError, match=r"reads a \(B, T\) array of tokens"):
        m.encode(["i do not", "rain"])
    np.testing.assert_array_equal(m.encode([["i", "do"], "i do"]), [[6, 7], [6, 7]])  # a string is split
    with pytest.raises(ValueError, match="num_oov_indices=0"):
        lv.io.load_model(edited(fixture(SL)[0], num_oov_indices=0)).encode([["snow"]])
    with pytest.raises(ValueError, match="non-empty list of texts"):
        m.encode("i do")
    with pytest.raises(ValueError, match="expected strings or lists of tokens"):
        m.encode([3])
    with pytest.raises(ValueError, match="over the limit of 100,000 characters"):
        m.encode(["a " * 60_000])
    tv = lv.io.load_model(fixture(TV)[0])
    np.testing.assert_array_equal(tv.encode([""]), [[0] * 8])  # padded: the empty text is 8 zeros, as in Keras
    with pytest.raises(ValueError, match="no tokens at all"):
        lv.io.load_model(edited(fixture(TV)[0], output_sequence_length=None)).encode(["", "!?"])
    p = lv.random_params("lstm", input_size=3, hidden_size=4, seed=0)
    model = lv.io.ImportedModel("keras", Embedding("e", np.ones((5, 3))), (Recurrent("lstm", p, False),))
    assert model.vocabulary is None
    with pytest.raises(ValueError, match="carries no vocabulary"):
        model.predict(["i do"])


def test_a_lookup_must_feed_an_embedding():
    data, _ = fixture(TV)
    config = json.loads(zipfile.ZipFile(io.BytesIO(data)).read("config.json"))
    del config["config"]["layers"][2]  # TextVectorization -> LSTM
    bad = edited(data, replace={"config.json": json.dumps(config).encode()})
    with pytest.raises(ValueError, match="TextVectorization 'text_vectorization': its token ids must go to an Emb"):
        lv.io.load_model(bad)


def test_text_steps_is_exposed_for_the_app_and_an_empty_embedding_is_refused():
    """The library reads any output_sequence_length up to MAX_SEQUENCE_LENGTH and says it (m.text_steps), so that
    an app with a shorter step limit (the page's tasks.MAX_CUSTOM_LEN) can refuse the model when it loads it."""
    data, _ = fixture(TV)
    assert lv.io.load_model(data).text_steps == 8
    assert lv.io.load_model(edited(data, output_sequence_length=500)).text_steps == 500
    assert lv.io.load_model(edited(data, output_sequence_length=None)).text_steps is None
    assert lv.io.load_model(fixture(SL)[0]).text_steps is None
    p = lv.random_params("lstm", input_size=3, hidden_size=4, seed=0)
    with pytest.raises(ValueError, match="e: an Embedding with 0 rows"):
        lv.io.ImportedModel("keras", Embedding("e", np.ones((0, 3))), (Recurrent("lstm", p, False),))
