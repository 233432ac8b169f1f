"""The README's library example runs as written, and its set-up commands are the real ones."""

import re
from pathlib import Path

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def test_library_api_example_runs(tmp_path, monkeypatch):
    section = README.split("## Library API", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    monkeypatch.chdir(tmp_path)
    exec(compile(code, "README.md", "exec"), {})
    assert (tmp_path / "trace.npz").exists()


def test_every_cell_example_runs():
    section = README.split("### Every cell and stack", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    exec(compile(code, "README.md", "exec"), {})


def test_tasks_example_runs():
    section = README.split("## Tasks and live training", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    exec(compile(code.replace("on_progress=print", "on_progress=None"), "README.md", "exec"), {})


def test_setup_commands_are_word_for_word():
    assert "pip install -r requirements.txt && streamlit run app.py" in README
    assert "pip install -r requirements-dev.txt && pytest" in README
    ci = (Path(__file__).parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install -r requirements-dev.txt && pytest" in ci


def test_screenshots_exist_and_the_sequence_limit_is_the_real_one():
    from lstm_viz.tasks import MAX_CUSTOM_LEN

    for path in re.findall(r"\]\((docs/screenshots/[^)]+)\)", README):
        assert (Path(__file__).parent.parent / path).is_file(), path
    assert f"at most **{MAX_CUSTOM_LEN} steps**" in README


def test_model_import_example_runs(monkeypatch):
    monkeypatch.chdir(Path(__file__).parent.parent)  # its paths are the repository's
    section = README.split("### Models from Keras and PyTorch", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    exec(compile(code, "README.md", "exec"), {})


def test_why_gates_example_runs():
    section = README.split("### Why gates, from Python", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    exec(compile(code, "README.md", "exec"), {})
