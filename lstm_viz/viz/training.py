"""Plotly figures for training: loss and metric curves, one run or several on one chart. No Streamlit."""

from __future__ import annotations

from html import escape

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from lstm_viz import words
from lstm_viz.viz import theme
from lstm_viz.viz.theme import PALETTE


def training_curves(
    runs: list[tuple[str, list[tuple[int, float, float]]]],
    metric: str,
    target: float,
    mark_step: int | None = None,
    font_size: int = 12,
    height: int | None = None,
    lang: str = "en",
) -> go.Figure:
    """Loss above (log scale when it spans more than a factor of 20), the task's metric below, for each
    (label, history) run; history rows are (step, loss, metric on the training batch). A dashed line marks the target
    and, if given, a dotted one marks `mark_step` (the snapshot shown). `metric` is the task's ("accuracy", "mse"),
    its words and the chart's in `lang`."""
    w = words.of(lang).train
    said = w.CURVES
    titles = [said["loss"], said["metric"].format(metric=w.METRICS.get(metric, metric))]
    losses = np.array([row[1] for _, history in runs for row in history], dtype=float)
    losses = losses[np.isfinite(losses) & (losses > 0)]
    log_scale = losses.size > 1 and losses.max() / losses.min() > 20  # log only when it spans decades
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.08,
                        subplot_titles=titles)  # fmt: skip
    for n, (label, history) in enumerate(runs):
        if not history:
            continue
        h = np.asarray(history, dtype=float)
        finite = np.isfinite(h[:, 1]) & (h[:, 1] > 0)
        colour = PALETTE[n % len(PALETTE)]
        extra = f"<extra>{escape(label)}</extra>"  # the run's name beside the hovered point
        fig.add_trace(
            go.Scatter(x=h[finite, 0], y=h[finite, 1], mode="lines", name=label, line=dict(color=colour),
                       legendgroup=label, hovertemplate=said["loss_hover"].format() + extra),
            row=1, col=1,
        )  # fmt: skip
        fig.add_trace(
            go.Scatter(x=h[:, 0], y=h[:, 2], mode="lines", name=label, line=dict(color=colour), showlegend=False,
                       legendgroup=label, hovertemplate=said["metric_hover"].format() + extra),
            row=2, col=1,
        )  # fmt: skip
    fig.add_hline(y=target, line=dict(color=theme.TARGET_LINE, dash="dash"),
                  annotation_text=said["target"].format(target=target), annotation_position="bottom right",
                  row=2, col=1)  # fmt: skip
    if mark_step is not None:
        for row in (1, 2):
            fig.add_vline(x=mark_step, line=dict(color=theme.SNAPSHOT_LINE, dash="dot"), row=row, col=1)
    fig.update_yaxes(type="log" if log_scale else "linear", row=1, col=1)
    fig.update_xaxes(title_text=said["x"], row=2, col=1)
    fig.update_annotations(font_size=font_size)
    fig.update_layout(
        height=height or 360 + 8 * font_size,
        margin=dict(l=50, r=20, t=35, b=40),
        font=dict(size=font_size),
        legend=dict(orientation="h", y=-0.2),
    )
    return fig
