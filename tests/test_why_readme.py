"""The README's Why gates tables (gradient ratios, clamped gates) are what the code computes today."""

import re
from pathlib import Path

import numpy as np
import pytest

from lstm_viz import tasks
from lstm_viz.core.clamp import Clamp
from lstm_viz.explain.clamping import clamp_effect
from lstm_viz.explain.gradients import flow
from lstm_viz.explain.why_words import fmt
from lstm_viz.io import presets
from lstm_viz.ui.models import random_model

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
SECTION = README.split("### Why gates: gradients through time, clamped gates", 1)[1].split("\n### ", 1)[0]
GRADIENT_ROWS = re.findall(r"^\| (\w+) \| (\d+) \| (\w+) \| (\S+) \| (\S+) \|$", SECTION, re.M)
CLAMP_ROWS = re.findall(r"^\| (\w+) \| (lstm|gru) \| (\w) \| (\S+) \| (\S+) \| (\S+) \| (\S+) \|$", SECTION, re.M)


def test_the_tables_are_there():
    assert len(GRADIENT_ROWS) == 2 * 2 * 7 and len(CLAMP_ROWS) == 2 * 5


@pytest.mark.parametrize("row", GRADIENT_ROWS, ids=lambda r: "-".join(r[:3]))
def test_gradient_ratio_rows(row):
    task_name, T, cell, trained, random = row
    t = tasks.get(task_name)
    x, _ = t.make_batch(1, int(T), np.random.default_rng(0))
    x = t.parse(t.text_of(x[0]))
    if trained != "—":
        assert f"{flow(presets.load(task_name, cell)[0], t, x).ratio:.1e}" == trained
    assert f"{flow(random_model(task_name, 0, cell), t, x).ratio:.1e}" == random


@pytest.mark.parametrize("row", CLAMP_ROWS, ids=lambda r: "-".join(r[:3]))
def test_clamp_rows(row):
    task_name, cell, gate, *said = row
    t = tasks.get(task_name)
    model, config = presets.load(task_name, cell)
    x, _ = t.make_batch(1, config.seq_len, np.random.default_rng(0))
    effects = [clamp_effect(model, t, Clamp(gate, v), x[0], config.seq_len) for v in (0.0, 1.0, "mean")]
    assert said == [fmt(t, effects[0].free)] + [fmt(t, e.clamped) for e in effects]
