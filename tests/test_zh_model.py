"""The Your model page in Chinese (lang=zh): an example opened and shown, a typed input refused, hostile uploads
refused, a state_dict's questions; no English in the page (at.main) but names, and the same numbers in a sentence in
both languages. The model readers' refusals are codes whose words are in both catalogues."""

import io
import pickle
import re
import zipfile
from unittest import mock

import numpy as np
import pytest

import lstm_viz as lv
from lstm_viz import words
from lstm_viz.core.refusal import Refusal
from lstm_viz.ui import imported_view as iv
from lstm_viz.ui.state import LANG, MODEL_FILE, MODEL_PICK, MODEL_RNN_ACT, MODEL_TEXT
from tests import english as finder
from tests.english import english_words
from tests.test_app import app
from tests.test_model_page import embedding_upload, rnn_state_dict

PAGE = "app_pages/model.py"
# Names a Chinese sentence of this page keeps: the catalogue's (options, classes, file formats, lstm-viz), the path
# of a shipped example (lstm_viz/data/examples/...), and the Keras classes and options a refusal names.
NAMES = set(words.zh.model.KEEP_ENGLISH) | {"data", "examples", "bidirectional", "conv1d", "go_backwards"}


def page(lang: str, state: dict | None = None, query: dict | None = None):
    return app(PAGE, query={"lang": lang, **(query or {})}, state=state)


def unescaped(text: str) -> str:
    """A text as read: safe.plain's markdown escapes taken out (state\\_dict is state_dict)."""
    return re.sub(r"\\(.)", r"\1", text)


def english(at) -> list[tuple[str, str]]:
    """The English on the page (at.main) but names, each text read without safe.plain's escapes (the finder would
    otherwise take an escaped identifier, state\\_dict, for two words)."""
    shown = finder.texts
    with mock.patch.object(finder, "texts", lambda node: [unescaped(t) for t in shown(node)]):
        return english_words(at.main, allowed=NAMES)


def errors(at) -> str:
    """The errors shown, as read."""
    return unescaped(" ".join(e.value for e in at.error))


def numbers(text: str) -> list[str]:
    return re.findall(r"\d[\d,.]*", text)


def caption(at, *marks: str) -> str:
    return next(c.value for c in at.caption if all(m in c.value for m in marks))


def test_an_example_model_is_shown_in_chinese():
    at = page("zh", query={"ex": "sine_stacked"})
    assert not at.exception and not at.error
    assert at.title[0].value == "你的模型"
    assert english(at) == []
    en = page("en", query={"ex": "sine_stacked"})
    said_en = caption(en, "units. Fixed colour ranges")
    said_zh = caption(at, "个单元。颜色范围固定")
    assert numbers(said_zh) == numbers(said_en) and numbers(said_en)  # the steps and units, in both languages
    assert at.dataframe[0].value.columns.tolist() == ["层", "类型", "形状", "说明"]


def test_a_text_example_says_its_classes_and_hint_in_chinese():
    at = page("zh", query={"ex": "negation_embedding_lstm"})
    assert not at.exception and not at.error
    assert english(at) == []
    classes = words.zh.tasks.TASKS["negation_sentiment"]["classes"]
    assert any(c.value.startswith("y[0] 是类别 1") and classes[1] in c.value for c in at.caption)


def test_a_typed_input_is_refused_in_chinese():
    at = page("zh", state={MODEL_PICK: "upload", MODEL_FILE: embedding_upload()})
    assert english(at) == []
    at.text_input(key=MODEL_TEXT).set_value("3 1 57 4").run()
    assert not at.exception
    assert "这个输入无法使用：词元 id 57 超出了词表：嵌入层的 id 是 0 到 56。" in errors(at)
    assert any(c.value.startswith("仍在显示上一个有效输入") for c in at.caption)
    assert english(at) == []
    at.text_input(key=MODEL_TEXT).set_value("3 1.5 4").run()  # a word typed is the user's: not the app's English
    assert "'1.5' 不是词元 id（应为 0 到 56 的整数）" in errors(at) and english(at) == []


def test_a_pickle_upload_is_refused_in_chinese_and_said_again_in_english():
    data = pickle.dumps({"weight": [1.0, 2.0]})  # tests/test_import_hostile.py: a pickle is never unpickled
    at = page("zh", state={MODEL_PICK: "upload", MODEL_FILE: {"id": "p1", "name": "evil.pt", "data": data}})
    assert not at.exception
    assert "pickle 可以执行代码，所以 lstm-viz 从不打开它" in errors(at)
    assert any("在文件打开之前，本页显示示例" in c.value for c in at.caption)
    assert english(at) == []
    at.session_state[LANG] = "en"  # the language changed: the same refusal, in the new language
    at.run()
    assert "a pickle can run code, so lstm-viz never opens one" in errors(at)


def zip_bomb() -> bytes:
    """tests/test_import_hostile.py's highly compressible member: 70 MB of zeros in a 70 KB zip."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("config.json", "{}")
        z.writestr("model.weights.h5", bytes(70 * 2**20))
    return out.getvalue()


def test_a_zip_bomb_is_refused_with_the_same_numbers_in_both_languages():
    state = {MODEL_PICK: "upload", MODEL_FILE: {"id": "z1", "name": "bomb.keras", "data": zip_bomb()}}
    zh, en = page("zh", state=state), page("en", state=state)
    assert not zh.exception and "zip 炸弹" in errors(zh) and english(zh) == []
    assert "a zip bomb" in errors(en)
    assert numbers(errors(zh)) == numbers(errors(en)) and "73,400,320" in errors(zh)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # Keras' own, on NumPy 2
def test_a_keras_layer_not_computed_is_named_in_chinese(tmp_path):
    """tests/test_import_hostile.py's Bidirectional LSTM: the layer's class and name stay, the sentence is Chinese."""
    from tests.test_import_hostile import keras_layers, small_keras

    layers = keras_layers()
    data = small_keras(tmp_path, layers.Bidirectional(layers.LSTM(4)))
    at = page("zh", state={MODEL_PICK: "upload", MODEL_FILE: {"id": "b1", "name": "bi.keras", "data": data}})
    assert not at.exception
    assert "lstm-viz 不计算 Bidirectional 层（它正向和反向各运行一遍它包装的层）" in errors(at)
    assert english(at) == []


def test_a_state_dict_asks_in_chinese():
    data = rnn_state_dict()
    at = page("zh", state={MODEL_PICK: "upload", MODEL_FILE: {"id": "r1", "name": "rnn.safetensors", "data": data}})
    assert not at.exception
    assert "是 nn.RNN，而 state_dict 不保存它的非线性函数" in errors(at)
    assert at.selectbox(key=MODEL_RNN_ACT).options[0] == "不是 nn.RNN"
    assert english(at) == []
    at.selectbox(key=MODEL_RNN_ACT).set_value("relu").run()
    assert not at.error and english(at) == []


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (pickle.dumps([1]), "model.pickle"),
        (b"", "model.empty"),
        (b"\x00\x17 not a model" * 50, "model.unknown_file"),
        (b"PK\x03\x04" + bytes(100), "model.zip_no_end"),
        (zip_bomb(), "model.zip_bomb_member"),
        (rnn_state_dict(), "model.sd_rnn_activation"),
    ],
)
def test_a_file_refused_is_a_code_said_in_both_languages(data, code):
    with pytest.raises(Refusal) as err:
        iv.open_upload(data)
    assert err.value.code == code
    assert str(err.value) == err.value.say("en") and err.value.say("zh") != err.value.say("en")


def test_a_layer_and_a_reason_are_said_in_the_readers_language():
    """A refusal's parts (the file, a layer, a tensor) and reasons are Phrases: Chinese in a Chinese sentence."""
    from lstm_viz.io.file_limits import Phrase
    from lstm_viz.io.file_limits import Refusal as FileRefusal

    err = FileRefusal(
        "model.layer_refused", layer="Bidirectional 'bi'", cls="Bidirectional", why=Phrase("Bidirectional")
    )
    assert str(err) == (
        "layer Bidirectional 'bi': a Bidirectional layer (runs its layer forwards and backwards over the sequence) "
        "is not computed by lstm-viz"
    )
    assert (
        err.say("zh") == "层 Bidirectional 'bi'：lstm-viz 不计算 Bidirectional 层（它正向和反向各运行一遍它包装的层）"
    )
    err = FileRefusal("model.not_finite", what=Phrase("weight", layer="LSTM 'lstm'", role="kernel"))
    assert str(err) == "layer LSTM 'lstm': kernel: contains NaN or infinite values"
    assert err.say("zh") == "层 LSTM 'lstm' 的 kernel：含有 NaN 或无穷大"


def test_the_examples_words_are_the_catalogues():
    """Each shipped example's JSON says what it does after its layers; the English catalogue says the same."""
    for lang in words.LANGUAGES:
        assert set(words.of(lang).model.EXAMPLES) == set(iv.EXAMPLES)
    for name, about in iv.EXAMPLES.items():
        assert about == f"{iv.example_layers(name)}: {words.en.model.EXAMPLES[name]}"


def test_the_input_help_in_chinese():
    model = lv.io.load_model(embedding_upload()["data"])
    assert iv.input_help(model, lang="zh").startswith("词元 id：0 到 56 的整数")
    x = iv.parse_input(model, "3 1 4")
    assert np.array_equal(x, [3, 1, 4])
