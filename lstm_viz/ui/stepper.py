"""The step-through page's stepper, a component that steps in the browser (lstm_viz/ui/stepper/index.html).

It holds every step's tokens, sentence and unit values (viz.stepper.step_frames), so Prev, Next, the arrow keys
and a click on a token are painted at once, without waiting for the server; each move is then sent to the page
as an event {"t": t, "n": n} (n counts the moves), which the page applies and echoes back as `ack`. Until the
page has applied the stepper's latest move, the stepper keeps its own t; after that, the page's t (a slider,
a link, Play) is the one shown.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st
import streamlit.components.v1 as components

FRONTEND = Path(__file__).with_name("stepper")


def stepper(frames: dict, data_key: str, t: int, ack: int, font: int, key: str) -> None:
    """Draw the stepper at step t; `data_key` names the frames (a new key makes it take the new data)."""
    component = components.declare_component("lstm_viz_stepper", path=str(FRONTEND))
    component(data=frames, data_key=data_key, t=int(t), ack=int(ack), font=int(font), key=key, default=None)


def new_move(key: str, applied: int) -> tuple[int, int] | None:
    """The stepper's latest move (t, n) when it is newer than the move `applied` last; else None."""
    event = st.session_state.get(key)
    if not isinstance(event, dict):
        return None
    t, n = event.get("t"), event.get("n")
    if type(t) is not int or type(n) is not int or n == applied:
        return None
    return t, n
