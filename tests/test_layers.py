"""The package's layers (DESIGN.md, "Layers"): imports point down only, read from the source with `ast`.

    words < core < tasks < torch_backend < training < io < explain < viz < ui

(words, the catalogues, is data that imports nothing else of lstm_viz: any layer may read it, so a refusal
raised in core or io carries a code whose words are in the catalogue.)

- streamlit is imported only under lstm_viz/ui/;
- nothing under lstm_viz/core/ (or lstm_viz/tasks/) imports torch, at any level;
- a module imports only from its own layer or the layers below it. The one way up is a lazy
  import inside a function, and only the ones listed in LAZY_UP (the LSTMParams.from_torch /
  to_torch handover to torch_backend): it runs on first use, so the NumPy side loads without torch.
"""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "lstm_viz"
LAYERS = ("words", "core", "tasks", "torch_backend", "training", "io", "words", "explain", "viz", "ui")
NO_TORCH = ("core", "tasks")  # NumPy only

# (importing module, imported module): the lazy imports, inside a function, allowed to point up.
LAZY_UP = {
    ("lstm_viz.core.params", "lstm_viz.torch_backend"),  # LSTMParams.from_torch / to_torch
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def exists(name: str) -> bool:
    path = PACKAGE.parent / name.replace(".", "/")
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def imports(path: Path):
    """(imported module, line, lazy) for every import in the file; lazy: inside a function."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    lazy_nodes = {
        id(node)
        for fn in ast.walk(tree)
        if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
        for node in ast.walk(fn)
    }
    for node in ast.walk(tree):
        lazy = id(node) in lazy_nodes
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno, lazy
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: from . import x, from ..core import y
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module
            for alias in node.names:
                sub = f"{module}.{alias.name}"
                yield (sub if exists(sub) else module), node.lineno, lazy


def layer(module: str) -> str | None:
    """The layer of an lstm_viz module ("lstm_viz" itself, the facade, has none)."""
    parts = module.split(".")
    return parts[1] if parts[0] == "lstm_viz" and len(parts) > 1 else None


FILES = sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)
MODULES = [module_name(p) for p in FILES]


def test_every_module_is_in_a_layer():
    top = {layer(m) for m in MODULES} - {None}
    assert top <= set(LAYERS), f"modules outside the layers {LAYERS}: {sorted(top - set(LAYERS))}"
    assert set(LAYERS) <= top, "a layer has no module"


@pytest.mark.parametrize("path", FILES, ids=MODULES)
def test_streamlit_only_in_ui(path):
    if layer(module_name(path)) == "ui":
        return
    bad = [f"line {line}: {m}" for m, line, _ in imports(path) if m.split(".")[0] == "streamlit"]
    assert not bad, f"{module_name(path)} imports streamlit (only lstm_viz/ui/ may): {bad}"


@pytest.mark.parametrize("path", [p for p in FILES if layer(module_name(p)) in NO_TORCH],
                         ids=[m for m in MODULES if layer(m) in NO_TORCH])  # fmt: skip
def test_core_and_tasks_never_import_torch(path):
    name = module_name(path)
    bad = [f"line {line}: {m}" for m, line, _ in imports(path) if m.split(".")[0] == "torch"]
    assert not bad, f"{name} imports torch: {bad}"
    upward = [
        f"line {line}: {m}"
        for m, line, lazy in imports(path)
        if layer(m) in ("torch_backend", "training") and not (lazy and (name, m) in LAZY_UP)
    ]
    assert not upward, f"{name} imports the torch side (only the lazy imports in LAZY_UP may): {upward}"


@pytest.mark.parametrize("path", FILES, ids=MODULES)
def test_imports_point_down_the_layers(path):
    name = module_name(path)
    own = layer(name)
    if own is None:  # lstm_viz/__init__.py, the facade over every layer
        return
    bad = []
    for m, line, lazy in imports(path):
        if m.split(".")[0] != "lstm_viz":
            continue
        target = layer(m)
        if target is None:
            bad.append(f"line {line}: {m} (the package facade; import the module itself)")
        elif LAYERS.index(target) > LAYERS.index(own) and not (lazy and (name, m) in LAZY_UP):
            bad.append(f"line {line}: {m} ({target} is above {own})")
    assert not bad, f"{name} imports up the layers: {bad}"


def test_the_listed_exceptions_are_still_needed():
    """LAZY_UP lists only lazy imports that exist, so that it cannot quietly allow more than it says."""
    found = {(module_name(p), m) for p in FILES for m, _, lazy in imports(p) if lazy}
    assert found >= LAZY_UP, f"no longer in the code: {sorted(LAZY_UP - found)}"
