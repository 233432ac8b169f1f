"""Train live in 简体中文 (lang=zh): the form, a training's progress and result, a divergence, two runs compared,
uploads good and bad, the sidebar's training line; no English a reader would see, and the same numbers as in
English. Also the words of training's refusals and stop reasons in both languages."""

import re

import pytest
from streamlit.testing.v1 import AppTest

from lstm_viz import tasks
from lstm_viz.core.refusal import Refusal
from lstm_viz.io import weights
from lstm_viz.training.jobs import TrainingJob
from lstm_viz.training.loop import stop_words, validate
from lstm_viz.ui.runs import task_title
from lstm_viz.ui.state import JOB, LANG, RUNS
from tests.english import english_words
from tests.test_train_page import finish, texts
from tests.test_weights import HOSTILE, small_model

NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def zh_page(task="counting") -> AppTest:
    at = AppTest.from_file("../app.py", default_timeout=60)
    at.query_params["lang"] = "zh"
    at.query_params["task"] = task
    at.run()
    at.switch_page("app_pages/train.py").run()
    assert not at.exception, at.exception
    return at


def start(at, **values):
    task = at.session_state["task"]
    for key, value in values.items():
        name = f"{key}_{task}"
        widget = at.select_slider(key=name) if key == "cfg_lr" else at.number_input(key=name)
        widget.set_value(value)
    next(b for b in at.button if b.label == "开始训练").click().run()
    assert not at.exception, at.exception


def no_english(at):
    assert not at.exception, at.exception
    found = english_words(at.main)
    assert found == [], found[:10]


def upload(at, name, data):
    at.get("file_uploader")[0].set_value((name, data, "application/octet-stream")).run()
    assert not at.exception, at.exception


def test_the_form_is_chinese():
    at = zh_page("counting")
    no_english(at)
    assert at.title[0].value == "现场训练"
    assert at.selectbox(key="cfg_cell_counting").label == "循环单元"
    assert "目标：**准确率 ≥ 0.95**" in texts(at.markdown)
    at.selectbox(key="cfg_cell_counting").set_value("gru").run()
    assert "没有自带权重的遗忘门" in at.number_input(key="cfg_bias_counting").help
    no_english(at)


def test_a_training_in_chinese_says_the_same_numbers_as_in_english():
    at = zh_page("counting")
    start(at, cfg_steps=200, cfg_hidden=8)
    progress = at.get("progress")[0].proto.text
    assert progress.startswith(("训练中：", "等待中：", "完成：")), progress
    finish(at)
    no_english(at)
    run = at.session_state[RUNS][-1]
    progress = at.get("progress")[0].proto.text
    assert progress.startswith("完成：") and run.stop_words("zh") in progress
    said = texts(at.success) or texts(at.warning)
    assert f"{run.final_metric:.4f}" in said and "个留出序列上准确率为" in said
    assert any(c.value.startswith(run.stop_words("zh")[:4]) for c in at.caption)
    at.session_state[LANG] = "en"  # the sidebar's choice: the same run, in English
    at.run()
    assert not at.exception, at.exception
    english = texts(at.success) or texts(at.warning)
    assert english.startswith(("Learned: accuracy", "Not learned yet: accuracy"))
    assert sorted(NUMBER.findall(said)) == sorted(NUMBER.findall(english)), (said, english)


def test_two_runs_are_compared_and_named_in_chinese():
    at = zh_page("counting")
    for seed in (0, 1):
        start(at, cfg_steps=30, cfg_seed=seed)
        finish(at)
    no_english(at)
    assert [s.value for s in at.subheader][:3] == ["结果", "看门控如何学习", "比较两次训练"]
    first = at.selectbox(key="cmp_a")
    assert first.label == "第一次训练" and first.format_func(0).startswith("第 1 次训练：")


def test_a_divergence_is_said_in_chinese_with_the_step_it_kept():
    at = zh_page("adding")
    start(at, cfg_lr=10.0, cfg_steps=500)
    finish(at)
    no_english(at)
    run = at.session_state[RUNS][-1]
    k = run.steps_done
    error = texts(at.error).replace("\\", "")
    assert error.startswith("训练发散了：") and f"下面的模型是第 {k} 步之后的模型" in error
    assert f"保留了第 {k} 步之后的权重" in error or "什么也没能训练" in error


def test_a_good_upload_opens_as_a_run_named_in_chinese():
    at = zh_page("counting")
    upload(at, "我的权重.safetensors", weights.to_bytes(small_model("counting", H=5)))
    no_english(at)
    run = next(s for s in at.main.selectbox if s.label == "训练记录")
    title = task_title("zh", "counting")
    assert not at.error and run.format_func(0) == f"上传：我的权重.safetensors（{title}，lstm，H=5）"


@pytest.mark.parametrize(
    "case,said",
    [
        ("random bytes", "不是 safetensors 文件"),
        ("a pickle", "序列化"),
        ("truncated", "文件却有"),
        ("too large", "文件太大"),
    ],
)
def test_a_bad_upload_is_refused_in_chinese(case, said):
    at = zh_page("counting")
    upload(at, "我的权重.safetensors", HOSTILE[case][0]())
    no_english(at)
    message = texts(at.error).replace("\\", "")
    assert message.startswith("未打开：") and said in message and "没有做任何更改" in message, message
    assert RUNS not in at.session_state or at.session_state[RUNS] == []


def test_the_sidebar_line_of_a_running_training_is_chinese():
    at = zh_page("remember_first")
    start(at, cfg_steps=20_000, cfg_lr=1e-4)
    try:
        at.switch_page("app_pages/step.py").run()
        assert not at.exception, at.exception
        line = " ".join([p.proto.text for p in at.sidebar.get("progress")] + [c.value for c in at.sidebar.caption])
        assert re.search(r"训练：(第 \d+ 步，共 20000 步|正在等待)", line), line
    finally:
        at.session_state[JOB].stop()
        assert at.session_state[JOB].wait(20)


def test_refusals_and_stop_reasons_have_the_same_numbers_in_both_languages():
    task = tasks.get("counting")
    with pytest.raises(Refusal) as err:
        validate(task.default_config().replace(num_layers=4), task)
    assert err.value.code == "train.whole_number"
    assert str(err.value) == "num_layers: expected a whole number from 1 to 3, got 4"
    assert err.value.say("zh") == "num_layers：应为 1 到 3 之间的整数，实际为 4"
    with pytest.raises(Refusal) as err:
        weights.from_bytes(b"x" * 3_000_000)
    assert err.value.say("zh") == "文件太大：3,000,000 字节（上限为 2,000,000）"
    diverged = {"cause": "exploded", "step": 3, "kept": 2, "loss": 2.5e5, "first_loss": 0.25, "factor": 1e4}
    for code, params in [("target", {"metric": "accuracy", "target": 0.95, "step": 350}), ("diverged", diverged)]:
        en, zh = stop_words(code, params, "en"), stop_words(code, params, "zh")
        assert sorted(NUMBER.findall(en)) == sorted(NUMBER.findall(zh)), (en, zh)
    assert (
        stop_words("target", {"metric": "accuracy", "target": 0.95, "step": 350}, "zh")
        == "在第 350 步达到目标（准确率 0.95）"
    )


def test_a_job_that_never_started_says_so_in_both_languages():
    job = TrainingJob("counting", tasks.get("counting").default_config())
    job.failure = Refusal("train.never_started")
    assert job.error.startswith("stopped before it started") and job.say_error("zh").startswith("还没开始就停止了")
    job.failure = Refusal("train.failed", reason=Refusal("train.lr", value="'x'"))
    assert job.error == "training failed: lr: expected a number, got 'x'"
    assert job.say_error("zh") == "训练失败：lr：应为一个数，实际为 'x'"
