"""The catalogues (lstm_viz/words/en, lstm_viz/words/zh): the same modules, names and parameters in both; the
Chinese one in Chinese; every refusal code raised has words; the catalogues import nothing else of lstm_viz."""

import ast
import re
import string
from pathlib import Path

import pytest

from lstm_viz import words
from lstm_viz.core import cells
from lstm_viz.core.refusal import Refusal
from tests.english import ALLOWED, IDENTIFIER, WORD, task_tokens

ROOT = Path(__file__).resolve().parents[1]
MODULES = words.en.__all__


def public(module) -> dict:
    """The catalogue's words: its UPPERCASE names (but KEEP_ENGLISH, a zh module's own list of words it keeps)."""
    return {k: v for k, v in vars(module).items() if k.isupper() and k != "KEEP_ENGLISH"}


def fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f is not None}


def leaves(value, path=""):
    """(path, string) for every string in a nested catalogue value; the shape is part of the path."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from leaves(v, f"{path}[{k!r}]")
    elif isinstance(value, list | tuple):
        yield f"{path}#len", str(len(value))
        for i, v in enumerate(value):
            yield from leaves(v, f"{path}[{i}]")
    elif isinstance(value, str):
        yield path, value
    else:
        yield f"{path}#{type(value).__name__}", repr(value)


def test_both_languages_have_the_same_modules():
    assert words.en.__all__ == words.zh.__all__
    assert words.LANGUAGES == ("en", "zh")


@pytest.mark.parametrize("module", MODULES)
def test_the_same_names_shapes_and_parameters_in_both_catalogues(module):
    en, zh = public(getattr(words.en, module)), public(getattr(words.zh, module))
    if module == "cells":  # English cells' words are their declarations'; see the next test
        return
    assert sorted(en) == sorted(zh), f"{module}: names only in one catalogue: {set(en) ^ set(zh)}"
    for name in en:
        a, b = dict(leaves(en[name], name)), dict(leaves(zh[name], name))
        assert a.keys() == b.keys(), f"{module}.{name}: keys/shape differ: {set(a) ^ set(b)}"
        for path in a:
            if path.endswith("#len") or "#" in path:
                assert a[path] == b[path], f"{module}.{path}"
            else:
                assert fields(a[path]) == fields(b[path]), f"{module}.{path}: {fields(a[path])} vs {fields(b[path])}"


@pytest.mark.parametrize("module", MODULES)
def test_the_chinese_catalogue_is_chinese(module):
    ok = ALLOWED | task_tokens() | set(getattr(words.zh, module).__dict__.get("KEEP_ENGLISH", ()))
    for path, text in leaves(public(getattr(words.zh, module))):
        if "#" in path:
            continue
        prose = IDENTIFIER.sub(" ", re.sub(r"\{[^{}]*\}|\$[^$]*\$|`[^`]*`|\\[A-Za-z]+|https?://\S+|<[^>]+>", " ", text))
        english = [w for w in WORD.findall(prose) if w.lower().strip("'") not in ok]
        assert not english, f"zh.{module}{path}: English left: {english[:5]} in {text[:80]!r}"


def test_refusal_codes_are_not_repeated_across_modules():
    for lang in words.LANGUAGES:
        codes = [c for m in words.of(lang).__all__ for c in getattr(getattr(words.of(lang), m), "ERRORS", {})]
        assert len(codes) == len(set(codes)), {c for c in codes if codes.count(c) > 1}


def test_every_cell_has_chinese_words_for_itself_and_every_quantity():
    zh = words.zh.cells
    for name in cells.known():
        spec = cells.spec(name)
        assert zh.CELLS.get(name) and zh.CELL_ROLES.get(name), f"zh.cells.CELLS[{name!r}]"
        assert all(zh.BLOCKS.get(b.name) for b in spec.blocks), f"zh.cells.BLOCKS for {name}"
        for q in spec.quantities:
            title, role = zh.QUANTITIES[name][q.name]
            assert title and role, f"zh.cells.QUANTITIES[{name!r}][{q.name!r}]"


def test_every_refusal_raised_has_words_in_both_catalogues():
    raised = set()
    for path in (ROOT / "lstm_viz").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            call = isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Refusal" and node.args
            if call and isinstance(node.args[0], ast.Constant):
                raised.add(node.args[0].value)
    assert raised <= set(words.error_words("en")), raised - set(words.error_words("en"))
    for code, template in words.error_words("en").items():
        err = Refusal.__new__(Refusal)
        specs = {f: spec for _, f, spec, _ in string.Formatter().parse(template) if f is not None}
        err.code, err.params = code, {f: 1 if spec else "x" for f, spec in specs.items()}
        assert err.say("zh") and err.say("en")


def test_the_catalogues_import_nothing_else_of_the_package():
    for path in (ROOT / "lstm_viz" / "words").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("lstm_viz"):
                assert node.module.startswith("lstm_viz.words"), f"{path.name} imports {node.module}"


def test_an_unknown_language_is_refused_by_name():
    with pytest.raises(ValueError, match="lang"):
        words.of("fr")
