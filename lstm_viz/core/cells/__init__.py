"""Every cell the package knows, by name: `spec(name, **options)` gives its CellSpec.

    lstm, gru, rnn, and the LSTM variants of Greff et al. (2017): lstm_nig, lstm_nfg, lstm_nog,
    lstm_cifg, lstm_ph, lstm_niaf, lstm_noaf.

Adding a cell is one module here (its spec, NumPy forward and backward, weight layouts) and one
line in FAMILIES.

Beside them, STUDIED holds cells that are not offered in the sidebar but that the Why gates page trains and
shows: lstm_misread, the LSTM as one tutorial misstates it (cells/misread.py). `spec` knows every cell;
`names()` lists those the pages offer.
"""

from __future__ import annotations

from lstm_viz.core.cells import gru, lstm, misread, rnn
from lstm_viz.core.refusal import Refusal
from lstm_viz.core.spec import CellSpec

FAMILIES = {name: lstm for name in lstm.VARIANTS} | {"gru": gru, "rnn": rnn}
STUDIED = {"lstm_misread": misread}
MAIN = ("lstm", "gru", "rnn")
OPTIONS = {lstm: ("activation", "recurrent_activation"), gru: ("activation", "recurrent_activation"),
           rnn: ("activation",), misread: ()}  # fmt: skip


def names() -> list[str]:
    """The cells the pages offer (the sidebar, Train live, links)."""
    return list(FAMILIES)


def known() -> list[str]:
    """Every cell `spec` builds and training accepts: names() and the studied cells."""
    return list(FAMILIES | STUDIED)


def spec(name: str, **options) -> CellSpec:
    """The CellSpec of cell `name` with its options (activation, recurrent_activation); ValueError names a bad one."""
    every = FAMILIES | STUDIED
    if not isinstance(name, str) or name not in every:
        raise Refusal("core.unknown_cell", name=str(name)[:40], names=", ".join(every))
    module = every[name]
    allowed = OPTIONS[module]
    unknown = [k for k in options if k not in allowed]
    if unknown:
        its = Refusal("core.options_are", options=", ".join(allowed)) if allowed else Refusal("core.no_options")
        raise Refusal("core.not_an_option", option=unknown[0], cell=name, its=its)
    return module.spec(name, **{k: v for k, v in options.items() if v is not None})


def from_key(key: str) -> CellSpec:
    """The CellSpec that `spec.key` names: "lstm", "gru(activation=relu)", ...; ValueError names a bad key."""
    name, _, rest = str(key).partition("(")
    options = {}
    for part in filter(None, (p.strip() for p in rest.rstrip(")").split(","))):
        option, sep, value = part.partition("=")
        if not sep:
            raise ValueError(f"cell: cannot read the cell key {str(key)[:60]!r}")
        options[option.strip()] = value.strip()
    return spec(name, **options)
