"""Writing model files (newsdigest.trees' format) and their record of how they were made.

Used by train_cleaner.py, train_summarizer.py and convert_models.py, so every
shipped model says the same things in the same place: the script and
parameters that trained it, the SHA-256 of its training data, the LightGBM
version, and its held-out scores.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from newsdigest.trees import FORMAT


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def lightgbm_version() -> str:
    try:
        import lightgbm
    except ImportError:
        return "unknown (lightgbm not installed where this file was written)"
    return lightgbm.__version__


def data_record(path: Path, records: int, note: str = "") -> dict:
    """The training data: the set file's name, its SHA-256 and its size."""
    out = {"file": f"{path.parent.name}/{path.name}", "sha256": sha256_file(path), "records": records}
    if note:
        out["note"] = note
    return out


def made_record(script: str, params: dict, data: dict, held_out: dict, params_status: str) -> dict:
    """`made`: how a model file was made. `params_status` says whether re-running
    `script` with `params` was checked to rebuild the trees exactly."""
    return {
        "script": script,
        "lightgbm": lightgbm_version(),
        "params": params,
        "params_status": params_status,
        "data": data,
        "held_out": held_out,
    }


def write_model(path: Path, about: str, ensembles: dict, settings: dict, made: dict) -> None:
    model = {"format": FORMAT, "about": about, "ensembles": ensembles, "settings": settings, "made": made}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(model, separators=(",", ":")) + "\n", encoding="utf-8")


def trained_on(model_file: str, set_path: Path) -> bool:
    """Whether the shipped model `model_file` was trained on this set file (its `made` records the SHA-256):
    then a benchmark on that set scores it in-sample."""
    from newsdigest.trees import load

    return load(model_file).made.get("data", {}).get("sha256") == sha256_file(set_path)


def held_out_lines(model_file: str) -> list[str]:
    """The held-out figures of a model file's `made`, one line each."""
    from newsdigest.trees import load

    lines = []
    for how, figures in load(model_file).made.get("held_out", {}).items():
        for where, f in figures.items():
            if "news" in f:  # trained on one source, tested on the other, beside Lead-k on the same articles
                lines.append(f"  news {where}: {_rouge(f['news'])}   lead-k: {_rouge(f['lead-k'])}   ({how})")
            else:
                lines.append(f"  news on {where}: {_rouge(f)}   ({how})")
    return lines


def _rouge(f: dict) -> str:
    return " / ".join(f"{f[m]:.2f}" for m in ("R1", "R2", "RL"))
