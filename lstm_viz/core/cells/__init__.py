"""Every cell the package knows, by name: `spec(name, **options)` gives its CellSpec.

    lstm, gru, rnn, and the LSTM variants of Greff et al. (2017): lstm_nig, lstm_nfg, lstm_nog,
    lstm_cifg, lstm_ph, lstm_niaf, lstm_noaf.

Adding a cell is one module here (its spec, NumPy forward and backward, weight layouts) and one
line in FAMILIES.
"""

from __future__ import annotations

from lstm_viz.core.cells import gru, lstm, rnn
from lstm_viz.core.spec import CellSpec

FAMILIES = {name: lstm for name in lstm.VARIANTS} | {"gru": gru, "rnn": rnn}
MAIN = ("lstm", "gru", "rnn")


def names() -> list[str]:
    return list(FAMILIES)


def spec(name: str, **options) -> CellSpec:
    """The CellSpec of cell `name` with its options (activation, recurrent_activation); ValueError names a bad one."""
    if not isinstance(name, str) or name not in FAMILIES:
        raise ValueError(f"cell: unknown cell {str(name)[:40]!r}; expected one of {', '.join(FAMILIES)}")
    module = FAMILIES[name]
    allowed = ("activation",) if module is rnn else ("activation", "recurrent_activation")
    unknown = [k for k in options if k not in allowed]
    if unknown:
        raise ValueError(f"{unknown[0]}: not an option of cell {name}; its options are {', '.join(allowed)}")
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
