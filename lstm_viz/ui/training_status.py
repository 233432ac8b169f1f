"""The session's training run, seen from every page: one line in the sidebar while it runs.

A run stops by itself when its browser session has not looked at it for
`training.jobs.ORPHAN_AFTER_S` (the tab was closed): this line, polled every two seconds on the
pages other than Train live (which polls the run itself), is how a session that is still open says
that it is watching. It reads the job from st.session_state and never imports torch, so pages that
only show models stay light.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime import Runtime
from streamlit.runtime.scriptrunner import get_script_run_ctx

from lstm_viz.ui.lang import ui_words
from lstm_viz.ui.state import JOB, WHY_LIVE

POLL_S = 2.0


def training_status(on_train_page: bool) -> None:
    """The sidebar's line about the session's run (none on the Train live page, which shows it), and one about the
    Why gates page's runs while they train."""
    job = st.session_state.get(JOB)
    if job is not None and not on_train_page and job.running:
        with st.sidebar:
            _status()
    if why_jobs():
        with st.sidebar:
            _why_status()


def why_jobs() -> list:
    """The Why gates page's runs (Train … now) still training."""
    runs = st.session_state.get(WHY_LIVE) or {}
    return [j for j in runs.get("jobs", {}).values() if j.running]


@st.fragment(run_every=POLL_S)
def _why_status() -> None:
    running = why_jobs()
    for job in running:
        job.touch()
    if running:
        total = len((st.session_state.get(WHY_LIVE) or {}).get("jobs", {}))
        st.caption(ui_words().train.STATUS["why"].format(running=len(running), total=total))


def watcher(sid: str | None):
    """A run's `watched`: whether the browser session that started it is still connected."""
    return lambda: session_is_open(sid)


@st.fragment(run_every=POLL_S)
def _status() -> None:
    job = st.session_state.get(JOB)
    if job is None:
        return
    job.touch()
    point = job.last_point()
    said = ui_words().train.STATUS
    if job.running and job.queued:
        st.caption(said["waiting"])
    elif job.running:
        done = point.step if point else 0
        text = said["step"].format(done=done, total=job.config.steps)
        st.progress(min(done / max(job.config.steps, 1), 1.0), text=text)
    else:
        st.caption(said["finished"])


def session_id() -> str | None:
    """This browser session's id (None outside a Streamlit run)."""
    ctx = get_script_run_ctx()
    return ctx.session_id if ctx is not None else None


def session_is_open(sid: str | None) -> bool:
    """Whether a browser session is still connected to this server (False for a reloaded or closed tab)."""
    return sid is not None and Runtime.exists() and Runtime.instance().is_active_session(sid)
