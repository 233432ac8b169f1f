"""Every sentence a user reads, one catalogue per language: `lstm_viz/words/en/` and `lstm_viz/words/zh/` hold the
same modules (home, step, why, ...) with the same names, each template taking its numbers as `{name}` parameters
(str.format). Code looks words up by code and language, never by their wording:

    w = words.of("zh")
    w.step.STEP_SAID.format(token="a", answer="…")

The catalogues are data and import nothing else of lstm_viz, so any layer may read them (core's refusals name
their code in `errors`). A cell's words (its title, its quantities' titles and roles) are its declaration's in
English; the other languages give them in `cells`, by cell and quantity name (`quantity_words`).
"""

from functools import cache
from types import ModuleType

from lstm_viz.words import en, zh

LANGUAGES = ("en", "zh")  # the order of the sidebar's choice
DEFAULT = "en"
NAMES = {"en": "English", "zh": "简体中文"}  # each in its own language
_CATALOGUES = {"en": en, "zh": zh}


def of(lang: str) -> ModuleType:
    """The catalogue of a language ("en" or "zh"); a ValueError names any other."""
    if lang not in _CATALOGUES:
        raise ValueError(f"lang: expected one of {', '.join(LANGUAGES)}, got {lang!r}")
    return _CATALOGUES[lang]


def cell_title(lang: str, cell: str, english: str) -> str:
    """A cell's title in `lang` (its declaration's `english` title in English)."""
    return english if lang == "en" else of(lang).cells.CELLS[cell]


def cell_role(lang: str, cell: str, english: str) -> str:
    """A cell's one-line role in `lang` (its declaration's `english` role in English)."""
    return english if lang == "en" else of(lang).cells.CELL_ROLES[cell]


def block_title(lang: str, block: str, english: str) -> str:
    """A parameter block's title in `lang` (its declaration's `english` title in English)."""
    return english if lang == "en" else of(lang).cells.BLOCKS[block]


def task_words(lang: str, task: str) -> dict[str, str]:
    """A task's words in `lang` by field ("title", "description", ...: lstm_viz/words/en/tasks.py TASKS)."""
    return of(lang).tasks.TASKS[task]


@cache  # read-only: every Refusal says itself through it
def error_words(lang: str) -> dict[str, str]:
    """Every refusal's words in `lang`, by code: the `ERRORS` of all the catalogue's modules together (each module
    keeps the refusals of its part of the app: tasks the typed sequences', model the uploaded models', ...)."""
    out: dict[str, str] = {}
    for module in of(lang).__all__:
        out.update(getattr(getattr(of(lang), module), "ERRORS", {}))
    return out


def quantity_words(lang: str, cell: str, name: str, title: str, role: str) -> tuple[str, str]:
    """A quantity's (title, role) in `lang`: the declaration's English ones, or the catalogue's for that cell."""
    return (title, role) if lang == "en" else of(lang).cells.QUANTITIES[cell][name]
