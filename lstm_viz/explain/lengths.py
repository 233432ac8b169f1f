"""How well a model does by sequence length: its task's metric on held-out samples of each length.

    by_length(task, model)              {T: metric} at LENGTHS (5 to 200 steps: what the sidebar accepts)
    by_length(task, model, (120,))      at one length, as the pages' note beside the answers measures it
    longer_words(task, 60, 120, {120: 0.64, 60: 0.98}, lang)
                                        the note: trained on up to 60 steps, this sequence has 120, what was measured

The metric is the task's own (`task.evaluate`, as presets.check measures it): for a sequence-to-sequence task
the share of every step of every sample that is right (a counting model's rounded count), for a
sequence-to-one task the answer at the last step; mse for a regression. The samples are the task's held-out
ones (`task.held_out_batch`: fresh samples, or the airline's windows ending in its two held-out years); those
of each length come from their own generator, seeded by `seed` and the length, so one length measures the same
whichever others are asked for, and a page measuring one length gives the number the README's table gives.
Pure: NumPy only, nothing cached here.
"""

from __future__ import annotations

import numpy as np

from lstm_viz import words
from lstm_viz.core.readout import TrainedModel
from lstm_viz.tasks import Task

LENGTHS = (5, 10, 15, 20, 30, 40, 60, 100, 150, 200)  # up to tasks.MAX_CUSTOM_LEN, what a user may type
SAMPLES = 512  # held-out samples a length (200 steps of 512 samples: about 0.4 s with the NumPy cells)
SEED = 2026  # neither training nor its held-out batch uses it (presets.CHECK_SEED)


def by_length(task: Task, model: TrainedModel, lengths=LENGTHS, n: int = SAMPLES, seed: int = SEED) -> dict[int, float]:
    """The task's metric for the model on n held-out samples of each length, {T: value}. A length the task cannot
    make (shorter than its minimum, or longer than the airline's series holds before its held-out years) is left
    out."""
    out = {}
    for T in lengths:
        try:
            x, y = task.held_out_batch(n, int(T), np.random.default_rng([seed, int(T)]))  # (n, T, D)
        except ValueError:
            continue
        if x.shape[1] != T:  # the airline's held-out windows cut short at the start of its series
            continue
        out[int(T)] = task.evaluate(model.predict(x, task.kind.seq2seq), y)
    return out


def longer_words(task: Task, longest: int, steps: int, measured: dict[int, float], lang: str = "en") -> str | None:
    """What the pages say beside the answers when a sequence of `steps` is longer than the `longest` the model was
    trained on (None when it is not): with the metric `measured` (by_length's) at both lengths, where it has them."""
    if steps <= longest:
        return None
    w = words.of(lang).lengths
    said = w.LONGER["seq2seq" if task.kind.seq2seq else "seq2one"].format(n=longest, T=steps)
    if steps in measured and longest in measured:
        return said + w.MEASURED[task.metric].format(n=longest, T=steps, at_T=measured[steps], at_n=measured[longest])
    return said + w.END
