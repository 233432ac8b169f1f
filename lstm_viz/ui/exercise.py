"""The step-through page's exercise, predict then reveal: its widgets, the reveal and the running score.

At step t the student picks rise, fall or stay for each asked quantity of the chosen unit (the cell's gates and
its memory, lstm_viz.explain.exercise) and presses Check: the reveal shows each prediction beside the truth, before
→ after with the trace's numbers, and why. Next goes on to t + 1 with fresh predictions. Each exercise (task, model,
sequence, layer, unit) keeps its predictions and score in the session (state.EX_RECORDS), so a rerun, a change of
language or a visit to another page loses nothing; Start again clears them. The link carries the exercise (exercise=1,
exq=f,c with the page's task, seq, cell, t and unit); answers=1 opens the teacher's table of every step's truth.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

import streamlit as st

from lstm_viz import words
from lstm_viz.explain import exercise as ex
from lstm_viz.explain.terms import num
from lstm_viz.ui.safe import plain
from lstm_viz.ui.state import (
    EX_ANSWERS,
    EX_ASKED,
    EX_KEPT,
    EX_ON,
    EX_PICK,
    EX_RECORDS,
    PLAYING,
    STEP_T,
    keep,
    put_back,
    write_link,
)

if TYPE_CHECKING:
    from lstm_viz.core.spec import CellSpec
    from lstm_viz.ui.view import Shown, View

EXERCISE = "exercise"  # the container of everything the exercise draws (tests read it by its key)
PANEL = "ex_panel"  # the question, the reveal and the score: a bordered container (CSS class st-key-ex_panel)
# Presenter mode: radios a projector's back row can read (their labels and their circles larger).
PRESENTER_CSS = f"""
<style>
.st-key-{PANEL} [role="radiogroup"] {{ gap: 0.6rem 1.6rem !important; }}
.st-key-{PANEL} [role="radiogroup"] label p {{ font-size: 1.6rem !important; }}
.st-key-{PANEL} [role="radiogroup"] label > div:first-child {{ transform: scale(1.5); margin-right: 0.6rem; }}
</style>
"""


def exercise_ui(view: View, shown: Shown, t: int, unit: int) -> bool:
    """The Exercise toggle, and when it is on (or the link asked for the answers) the exercise at step t.
    Returns whether the student is predicting, the question at t not yet checked (the page then hides what shows the
    steps after t)."""
    with st.container(key=EXERCISE):
        return _exercise(view, shown, t, unit)


def _exercise(view: View, shown: Shown, t: int, unit: int) -> bool:
    ss = st.session_state
    w = words.of(view.lang).exercise
    put_back(EX_KEPT)
    on = st.toggle(w.TOGGLE, key=EX_ON, help=w.TOGGLE_HELP)
    keep(EX_KEPT, (EX_ON,))
    answers = bool(ss.get(EX_ANSWERS))
    if not on and not answers:
        return False
    names = asked_ui(view, shown.spec)
    write_link(view, t=t, unit=unit, **link_part(on, names, answers))
    predicting = False
    if on and ss.get(PLAYING):
        st.caption(w.PLAYING)
    elif on and names:
        if view.presenter:
            st.html(PRESENTER_CSS)
        with st.container(border=True, key=PANEL):
            predicting = step_ui(view, shown, t, unit, names)
    if answers and names:
        answers_ui(view, shown, unit, names)
    return predicting and not answers


def link_part(on: bool, names: list[str], answers: bool) -> dict[str, str]:
    """The exercise's part of the link (state.read_exercise_link reads it back)."""
    q = {"exercise": "1"} if on else {}
    if names:
        q["exq"] = ",".join(names)
    if answers:
        q["answers"] = "1"
    return q


def quantity_title(view: View, spec: CellSpec, name: str) -> str:
    q = spec[name]
    return words.quantity_words(view.lang, spec.name, name, q.title, q.role)[0]


def asked_ui(view: View, spec: CellSpec) -> list[str]:
    """The quantities to predict: the last choice (the link's exq or the multiselect) that this cell has, all of
    the cell's when it has none of them; a name the cell lacks is said."""
    ss = st.session_state
    w = words.of(view.lang).exercise
    options = list(ex.asked_quantities(spec))
    asked = ss.get(EX_ASKED)
    chosen = options if asked is None else [n for n in asked if n in options]
    missing = [] if asked is None else [n for n in asked if n not in options]
    if missing and not chosen:
        chosen = options
    ss[EX_PICK] = chosen

    def label(name: str) -> str:
        return w.ASK_OPTION.format(symbol=spec[name].symbol, title=quantity_title(view, spec, name))

    st.multiselect(w.ASK, options, key=EX_PICK, format_func=label, on_change=_on_pick, help=w.ASK_HELP)
    if missing:
        cell = words.cell_title(view.lang, spec.name, spec.title)
        st.caption(plain(w.NOT_IN_CELL.format(cell=cell, names=", ".join(missing)), 300))
    if not chosen:
        st.info(w.NONE_ASKED, icon=":material/checklist:")
    return chosen


def _on_pick() -> None:
    ss = st.session_state
    ss[EX_ASKED] = list(ss[EX_PICK])


def exercise_id(view: View, shown: Shown, unit: int) -> str:
    """What one exercise is: the task, the model, the sequence, the layer and the unit (not the language)."""
    return "|".join((view.task, shown.model_id, view.seq_key, str(shown.layer), str(unit)))


def radio_key(ex_id: str, t: int, name: str) -> str:
    return f"ex_said_{tag(ex_id)}_{t}_{name}"


def tag(ex_id: str) -> str:
    return hashlib.sha1(ex_id.encode()).hexdigest()[:12]


def step_ui(view: View, shown: Shown, t: int, unit: int, names: list[str]) -> bool:
    """The question at step t (or the last step's note), the reveal once checked, and the score. Returns whether
    the question at t is still open (predicted, not yet checked)."""
    ss = st.session_state
    w = words.of(view.lang).exercise
    spec, trace = shown.spec, shown.layer_trace
    ex_id = exercise_id(view, shown, unit)
    record = ss.setdefault(EX_RECORDS, {}).setdefault(ex_id, {"start": t, "said": {}, "checked": {}})
    open_question = False
    if t >= trace.steps - 1:
        st.info(w.LAST_STEP.format(t=t), icon=":material/flag:")
    else:
        checked = record["checked"].get(t)
        asked = list(checked) if checked else names  # once checked, a step keeps what it asked
        truths = ex.truths(spec, shown.layer_params, trace, t, unit, asked)
        question = w.QUESTION.format(unit=unit, t=t, next=t + 1, token=shown.tokens[t + 1])
        st.markdown(f"**{plain(question, 600)}**")
        note = w.THRESHOLD_NOTE.format(threshold=ex.THRESHOLD)
        for tr in truths.values():
            if tr.threshold < ex.THRESHOLD:  # the memory's threshold, scaled to its values on this sequence
                note += w.THRESHOLD_MEMORY.format(symbol=spec[tr.name].symbol, scale=num(tr.threshold / ex.THRESHOLD),
                                                  threshold=num(tr.threshold))  # fmt: skip
        st.caption(note)
        said = record["said"].setdefault(t, {})
        columns = st.columns(min(len(asked), 2 if view.presenter else 4))
        for k, name in enumerate(asked):
            prior = checked[name][0] if checked else said.get(name)
            choice = columns[k % len(columns)].radio(
                w.PREDICT.format(symbol=spec[name].symbol, title=quantity_title(view, spec, name), next=t + 1),
                ex.MOVES,
                index=ex.MOVES.index(prior) if prior in ex.MOVES else None,
                format_func=w.MOVES.get,
                horizontal=True,
                key=radio_key(ex_id, t, name),
                disabled=bool(checked),
            )
            if choice is not None and not checked:
                said[name] = choice
        if checked:
            reveal_ui(view, spec, truths, checked)
            st.button(w.NEXT, key="ex_next", type="primary", help=w.NEXT_HELP.format(next=t + 1),
                      on_click=_go_to, args=(t + 1,))  # fmt: skip
        else:
            ready = all(name in said for name in asked)
            moves = {name: tr.move for name, tr in truths.items()}
            st.button(w.CHECK, key="ex_check", type="primary", help=w.CHECK_HELP, disabled=not ready,
                      on_click=_check, args=(ex_id, t, moves))  # fmt: skip
            if not ready:
                st.caption(w.PREDICT_ALL)
            open_question = True
    score_ui(view, spec, ex_id, record)
    return open_question


def _check(ex_id: str, t: int, moves: dict[str, str]) -> None:
    """Check (before the rerun): the step's predictions beside the truth's moves, into the record."""
    ss = st.session_state
    record = ss[EX_RECORDS][ex_id]
    said = record["said"].setdefault(t, {})
    for name in moves:  # the radios' latest values
        said[name] = ss.get(radio_key(ex_id, t, name), said.get(name))
    if all(said.get(name) in ex.MOVES for name in moves):
        record["checked"][t] = {name: (said[name], move) for name, move in moves.items()}


def _go_to(t: int) -> None:
    st.session_state[STEP_T] = t


def _again(ex_id: str) -> None:
    """Start again: the exercise's predictions and score cleared, back at the step it started from."""
    ss = st.session_state
    start = ss[EX_RECORDS][ex_id]["start"]
    ss[EX_RECORDS][ex_id] = {"start": start, "said": {}, "checked": {}}
    prefix = f"ex_said_{tag(ex_id)}_"
    for key in [k for k in ss if isinstance(k, str) and k.startswith(prefix)]:
        del ss[key]
    ss[STEP_T] = start


def reveal_ui(view: View, spec: CellSpec, truths: dict[str, ex.Truth], checked: dict) -> None:
    """Per quantity: right or not, before → after with the numbers, and why."""
    for name, tr in truths.items():
        said = checked[name][0]
        text = (
            plain(ex.reveal_words(spec, tr, said, view.lang), 600)
            + "  \n"
            + plain(ex.why_words(spec, tr, view.lang), 2000)
        )
        if said == tr.move:
            st.success(text, icon=":material/check_circle:")
        else:
            st.warning(text, icon=":material/cancel:")


def score_ui(view: View, spec: CellSpec, ex_id: str, record: dict) -> None:
    """The running score (right / asked, and per quantity) and Start again."""
    w = words.of(view.lang).exercise
    score = ex.score(record["checked"])
    columns = st.columns([1, 3, 1.4], vertical_alignment="center")
    columns[0].metric(w.SCORE, w.SCORE_VALUE.format(right=score.right, asked=score.asked))
    by = [w.SCORE_BY.format(symbol=spec[n].symbol, right=r, asked=a) for n, (r, a) in score.by_quantity.items()]
    columns[1].caption(" · ".join(by) if by else w.SCORE_NONE)
    columns[2].button(w.AGAIN, key="ex_again", help=w.AGAIN_HELP.format(t=record["start"]), on_click=_again,
                      args=(ex_id,))  # fmt: skip


def answers_ui(view: View, shown: Shown, unit: int, names: list[str]) -> None:
    """The teacher's view (answers=1): every step's truth in one table."""
    w = words.of(view.lang).exercise
    spec = shown.spec
    key = ex.answer_key(spec, shown.layer_params, shown.layer_trace, unit, names)
    st.subheader(w.ANSWERS_TITLE)
    st.caption(w.ANSWERS_NOTE.format(unit=unit, threshold=ex.THRESHOLD))
    st.dataframe(ex.answer_rows(spec, key, shown.tokens, view.lang), hide_index=True, width="stretch")
