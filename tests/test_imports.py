"""Start-up stays cheap: the CLI module and --help load none of the heavy libraries."""

from __future__ import annotations

import subprocess
import sys

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
