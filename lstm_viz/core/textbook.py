"""The textbook model: an LSTM whose weights are set by hand, so that the mechanism is exact.

For two tasks, remember_first and counting, `textbook_model(task_name)` builds an ordinary TrainedModel (one LSTM
layer and a linear read-out) from the formula below: no training, no randomness. Every page shows it like any
other model. The numbers rest on two facts about the gates' activations:

    σ(+20) = 1 − 2.06e-9 and σ(−20) = 2.06e-9     a gate is open (1) or shut (0) to eight decimal places
    tanh(z) = z − z³/3 + ...                     near 0, tanh is a straight line: tanh(0.04) = 0.04 − 2.1e-5

Gate order i, f, g, o as everywhere (W_x (4, H, D), W_h (4, H, H), b (4, H)); every weight not named is 0.

Remember the first symbol (D = 4: one-hot A, B, C, D; H = 5): units 0 to 3 hold A to D, unit 4 is a clock.

    clock, unit 4:   b_i = +20, b_f = −20, b_g = +20, b_o = +20
                     C_4 = σ(−20)·C_4 + σ(20)·tanh(20) = 1 at every step,
                     so h_4 = 0 before the first step (the initial state) and σ(20)·tanh(1) = 0.7616 after it
    symbol unit k:   i_k = σ(20 − 60·h_4)       W_hi[k, 4] = −60, b_i = +20:
                                                 at t = 0: σ(20) = 1 − 2.1e-9 (h_4 is still 0)
                                                 after:    σ(20 − 60·0.7616) = σ(−25.7) = 6.9e-12
                     f_k = σ(20)                b_f = +20: after 200 steps C keeps (1 − 2.06e-9)^199 = 1 − 4.1e-7
                     C̃_k = tanh(1·x_k)          W_xg[k, k] = 1: 0.7616 when symbol k is read, exactly 0 otherwise
                     o_k = σ(20)                b_o = +20
    so C_k = 0.7616 at the end if the first symbol was k, else 0; h_k = σ(20)·tanh(C_k) = 0.6420 or 0.
    read-out:        logit_k = 20·h_k           W_out[k, k] = 20, b_out = 0: the first symbol's logit is 12.84,
                                                 every other one at most about 2e-8 (what leaks in through i = 6.9e-12)

Count the a's (D = 2: one-hot a, b; H = 1): one unit whose C goes up by STEP = 0.0002 at each a.

    i = σ(20·x_a − 20·x_b)      W_xi = [+20, −20]: open at an a (1 − 2.1e-9), shut at a b (2.1e-9)
    f = σ(20)                   b_f = +20: C is kept
    C̃ = tanh(artanh(0.0002))    b_g = artanh(0.0002): C̃ = 0.0002 at every step; the input gate decides
    o = σ(20)                   b_o = +20
    so C = 0.0002 · (the a's so far), and h = σ(20)·tanh(C).
    read-out:  y = 5000·h       W_out = 1/STEP, b_out = 0. The step is small so that C stays where tanh is a
               straight line: the count n is read as 5000·tanh(0.0002·n) = n − (0.0002)²·n³/3 + ..., at most
               0.11 too low at n = 200 (the longest sequence a user may type), and the task rounds the output.
"""

from __future__ import annotations

import numpy as np

from lstm_viz.core.params import LSTMParams
from lstm_viz.core.readout import TrainedModel
from lstm_viz.core.refusal import Refusal

TASKS = ("remember_first", "counting")  # the tasks that have a textbook model (an LSTM)
BIG = 20.0  # a gate's pre-activation that opens it (σ(20) = 1 − 2.1e-9) or, negated, shuts it
CLOCK = 60.0  # the clock unit's h shuts the symbol units' input gates: 20 − 60·tanh(1) = −25.7
WRITE = 1.0  # W_xg of a symbol unit: C̃ = tanh(1) = 0.7616 when its symbol is read
VOTE = 20.0  # the read-out's weight on each symbol unit's h
STEP = 0.0002  # the counter's C̃: what C goes up by at each a
I, F, G, O = range(4)  # gate order of W_x, W_h and b


def textbook_model(task_name: str) -> TrainedModel:
    """The hand-built LSTM of the task (remember_first or counting), by the formula in this module's docstring."""
    if task_name == "remember_first":
        return remember_first()
    if task_name == "counting":
        return counting()
    raise Refusal("textbook.no_model", task=task_name, tasks=", ".join(TASKS))


def remember_first(symbols: int = 4) -> TrainedModel:
    """Units 0 to symbols − 1 latch their symbol at t = 0; unit `symbols` is the clock."""
    H, D, clock = symbols + 1, symbols, symbols
    W_x, W_h, b = np.zeros((4, H, D)), np.zeros((4, H, H)), np.zeros((4, H))
    k = np.arange(symbols)
    b[I], b[F], b[G], b[O] = BIG, BIG, 0.0, BIG  # symbol units: open to write (until the clock ticks), keep, show
    W_h[I, k, clock] = -CLOCK  # the clock's h shuts the symbol units' input gates after t = 0
    W_x[G, k, k] = WRITE  # C̃_k = tanh(1) on symbol k, tanh(0) = 0 on any other
    b[F, clock], b[G, clock] = -BIG, BIG  # the clock forgets and writes tanh(20) = 1 at every step: C_4 = 1
    W_out = np.zeros((symbols, H))
    W_out[k, k] = VOTE
    return TrainedModel("remember_first", LSTMParams(W_x, W_h, b), W_out, np.zeros(symbols))


def counting() -> TrainedModel:
    """One unit: C goes up by STEP at each a and stays at each b; the read-out is C's count, 1/STEP·h."""
    W_x, W_h, b = np.zeros((4, 1, 2)), np.zeros((4, 1, 1)), np.zeros((4, 1))
    W_x[I, 0] = [BIG, -BIG]  # open at a, shut at b
    b[F], b[G], b[O] = BIG, np.arctanh(STEP), BIG
    return TrainedModel("counting", LSTMParams(W_x, W_h, b), np.array([[1.0 / STEP]]), np.zeros(1))
