"""Start-up stays cheap (the CLI module and --help load none of the heavy libraries), and the library
never imports the application layer (newsdigest/app)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HEAVY = (
    "sumy",
    "nltk",
    "bs4",
    "lxml",
    "numpy",
    "scipy",
    "charset_normalizer",
    "py3langid",
    "feedparser",
    "datasketch",
    "ftfy",
    "trafilatura",
    "yake",
    "dask",
    "distributed",
    "pyarrow",
)


def _loaded_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys\nprint(' '.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    return {name.split(".")[0] for name in out.split()}


def test_importing_the_cli_loads_no_heavy_library():
    loaded = _loaded_after("import newsdigest.app.cli")
    assert not loaded & set(HEAVY), loaded & set(HEAVY)


def test_help_loads_no_heavy_library():
    code = (
        "import sys\n"
        "from newsdigest.app.cli import app\n"
        "try:\n"
        "    app(args=['--help'], prog_name='newsdigest', standalone_mode=False)\n"
        "except SystemExit:\n"
        "    pass\n"
    )
    loaded = _loaded_after(code)
    assert not loaded & set(HEAVY), loaded & set(HEAVY)


def test_public_api_import_is_cheap():
    loaded = _loaded_after("import newsdigest")
    assert not loaded & set(HEAVY), loaded & set(HEAVY)


LIBRARY_ROOT = Path(__file__).resolve().parent.parent / "newsdigest"


def _library_modules() -> list[str]:
    """Every module of the library: newsdigest/ without the application (app/) and __main__."""
    names = []
    for path in sorted(LIBRARY_ROOT.rglob("*.py")):
        parts = path.relative_to(LIBRARY_ROOT.parent).with_suffix("").parts
        if parts[1:2] == ("app",) or parts[-1] == "__main__":
            continue
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def test_the_library_never_loads_the_application():
    modules = _library_modules()
    assert "newsdigest.api" in modules and "newsdigest.digest.collect" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    try:\n"
        "        importlib.import_module(name)\n"
        "    except ImportError as err:\n"  # an optional extra (dask, pyarrow) missing: that module is not checked
        "        if (err.name or '').startswith('newsdigest'):\n"
        "            raise\n"
        "print(' '.join(sorted(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    loaded = [name for name in out.split() if name == "newsdigest.app" or name.startswith("newsdigest.app.")]
    assert not loaded, loaded


def _imports_of_the_application(source: str, package: tuple[str, ...]) -> list[int]:
    """The lines of the imports (at any depth: inside functions too) that name newsdigest.app, in a module
    of `package` (its parts: ("newsdigest", "digest"))."""
    import ast

    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = list(package[: len(package) - node.level + 1]) if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            targets = [module] + [f"{module}.{alias.name}" for alias in node.names]
        else:
            continue
        if any(t == "newsdigest.app" or t.startswith("newsdigest.app.") for t in targets):
            found.append(node.lineno)
    return found


def test_no_library_module_imports_the_application():
    found = []
    checked = 0
    for path in sorted(LIBRARY_ROOT.rglob("*.py")):
        relative = path.relative_to(LIBRARY_ROOT.parent)
        if relative.parts[1] == "app" or path.name == "__main__.py":
            continue
        checked += 1
        package = relative.with_suffix("").parts[:-1]
        found += [f"{relative}:{line}" for line in _imports_of_the_application(path.read_text("utf-8"), package)]
    assert checked > 50
    assert not found, found


def test_the_static_check_sees_relative_and_nested_imports():
    nested = "def f():\n    from ..app import cli\n\n\ndef g():\n    import newsdigest.app.cli\n"
    assert _imports_of_the_application(nested, ("newsdigest", "digest")) == [2, 6]
    assert _imports_of_the_application("from .app.output import width\n", ("newsdigest",)) == [1]
    innocent = "from .. import api\nfrom ..application import x\nfrom . import app\n"
    assert _imports_of_the_application(innocent, ("newsdigest", "digest")) == []
