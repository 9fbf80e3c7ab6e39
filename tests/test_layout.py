"""The code's size and import limits (issue 13), each failing with the offender's name.

- no module over 500 lines and no function over 80, in newsdigest/, benchmarks/ and scripts/;
- no ``_private`` name imported from another module or a third-party package (tests too);
- no import cycle, imports inside functions included: grimp's graph of newsdigest, and the
  imports between the scripts of benchmarks/, scripts/ and fuzz/ (they import each other
  by file name).

Each check is a function over source text, so the tests at the bottom can show that it
fails on a planted violation.
"""

from __future__ import annotations

import ast
import graphlib
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SIZED = ("newsdigest", "benchmarks", "scripts")
IMPORTING = SIZED + ("tests", "fuzz")
SCRIPT_FOLDERS = ("benchmarks", "scripts", "fuzz")
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 80


def python_files(*folders: str) -> list[Path]:
    return sorted(p for folder in folders for p in (ROOT / folder).rglob("*.py"))


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def module_length(source: str) -> int:
    return len(source.splitlines())


def long_functions(source: str, limit: int = MAX_FUNCTION_LINES) -> Iterator[tuple[str, int, int]]:
    """(dotted name, first line, length) of every function longer than `limit` lines, nested ones too."""

    def walk(node: ast.AST, prefix: str) -> Iterator[tuple[str, int, int]]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                name = prefix + child.name
                if not isinstance(child, ast.ClassDef):
                    length = child.end_lineno - child.lineno + 1
                    if length > limit:
                        yield name, child.lineno, length
                yield from walk(child, name + ".")
            else:
                yield from walk(child, prefix)

    yield from walk(ast.parse(source), "")


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def private_imports(source: str) -> Iterator[tuple[int, str]]:
    """(line, what) for each import of a _private name or from a _private module."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            module = "." * node.level + (node.module or "")
            if any(_private(part) for part in (node.module or "").split(".")):
                yield node.lineno, f"from {module} import ..."
            for alias in node.names:
                if _private(alias.name):
                    yield node.lineno, f"{alias.name} from {module}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if any(_private(part) for part in alias.name.split(".")):
                    yield node.lineno, f"import {alias.name}"


def script_imports(sources: dict[str, str]) -> dict[str, set[str]]:
    """Which of the scripts in one folder each imports (at any depth of the code), by file name."""
    graph = {}
    for name, source in sources.items():
        found = set()
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
        graph[name] = (found & sources.keys()) - {name}  # (its own name is a package: distributed.py imports dask's)
    return graph


def package_imports(package: str) -> dict[str, set[str]]:
    """grimp's graph of `package`: module -> the package's modules it imports, function-level imports included."""
    import grimp

    graph = grimp.build_graph(package, cache_dir=None)
    return {module: set(graph.find_modules_directly_imported_by(module)) for module in graph.modules}


def cycle_in(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle of `graph` (its first module again at the end), or None."""
    try:
        graphlib.TopologicalSorter(graph).prepare()
    except graphlib.CycleError as err:
        return list(reversed(err.args[1]))
    return None


def test_no_module_over_500_lines():
    over = [
        f"{rel(path)}: {n} lines"
        for path in python_files(*SIZED)
        if (n := module_length(path.read_text(encoding="utf-8"))) > MAX_MODULE_LINES
    ]
    assert not over, f"modules over {MAX_MODULE_LINES} lines: " + "; ".join(over)


def test_no_function_over_80_lines():
    over = [
        f"{rel(path)}:{line} {name} ({length} lines)"
        for path in python_files(*SIZED)
        for name, line, length in long_functions(path.read_text(encoding="utf-8"))
    ]
    assert not over, f"functions over {MAX_FUNCTION_LINES} lines: " + "; ".join(over)


def test_no_private_name_imported():
    found = [
        f"{rel(path)}:{line} imports {what}"
        for path in python_files(*IMPORTING)
        for line, what in private_imports(path.read_text(encoding="utf-8"))
    ]
    assert not found, "private names imported from another module: " + "; ".join(found)


def test_no_import_cycles_in_the_package():
    cycle = cycle_in(package_imports("newsdigest"))
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


@pytest.mark.parametrize("folder", SCRIPT_FOLDERS)
def test_no_import_cycles_between_scripts(folder):
    sources = {path.stem: path.read_text(encoding="utf-8") for path in (ROOT / folder).glob("*.py")}
    cycle = cycle_in(script_imports(sources))
    assert cycle is None, f"import cycle in {folder}/: " + " -> ".join(cycle)


# The checks on planted violations: each would let a real one through if it found nothing here.


def test_long_functions_finds_a_nested_function_and_names_it():
    body = "".join(f"        x{i} = {i}\n" for i in range(80))
    source = f"class A:\n    def short(self):\n        pass\n\n    def long(self):\n{body}"
    assert list(long_functions(source)) == [("A.long", 5, 81)]
    assert list(long_functions(source, limit=81)) == []


def test_private_imports_are_found_in_every_form():
    source = (
        "from __future__ import annotations\n"
        "from a.b import public, _hidden\n"
        "def f():\n    from .c import _inner\n"
        "import pkg._impl\n"
        "from pkg._impl import thing\n"
    )
    assert sorted(private_imports(source)) == [
        (2, "_hidden from a.b"),
        (4, "_inner from .c"),
        (5, "import pkg._impl"),
        (6, "from pkg._impl import ..."),
    ]


def test_cycles_through_function_level_imports_are_found():
    sources = {"a": "import b\n", "b": "def f():\n    from c import x\n", "c": "import a\n", "d": "import a\n"}
    cycle = cycle_in(script_imports(sources))
    assert cycle is not None and set(cycle) == {"a", "b", "c"} and cycle[0] == cycle[-1]
    assert cycle_in(script_imports({**sources, "c": "import os\n"})) is None
