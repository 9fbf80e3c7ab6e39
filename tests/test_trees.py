"""The tree-model runtime (newsdigest.trees): export, file format, scores and parts."""

from __future__ import annotations

import json
import random

import numpy as np
import pytest

from newsdigest import trees


def leaf(v):
    return {"leaf_value": v, "leaf_index": 0}


def split(feature, threshold, internal, left, right):
    return {
        "split_feature": feature,
        "threshold": threshold,
        "decision_type": "<=",
        "missing_type": "None",
        "internal_value": internal,
        "left_child": left,
        "right_child": right,
    }


def walk(node, row):
    while "split_feature" in node:
        node = node["left_child"] if row[node["split_feature"]] <= node["threshold"] else node["right_child"]
    return node["leaf_value"]


def grow(rng, leaves, features):
    if leaves == 1:
        return leaf(rng.uniform(-1, 1))
    cut = rng.randint(1, leaves - 1)
    return split(
        rng.randrange(features),
        rng.uniform(0, 1),
        rng.uniform(-1, 1),
        grow(rng, cut, features),
        grow(rng, leaves - cut, features),
    )


def model_file(ensembles, settings=None):
    """A whole model file's JSON text, as modelfile.write_model writes it."""
    return json.dumps(
        {"format": trees.FORMAT, "about": "test", "ensembles": ensembles, "settings": settings or {}, "made": {}}
    )


def test_scores_and_parts_match_a_plain_walk_of_the_trees():
    tree1 = split(0, 0.5, 0.1, leaf(-1.0), split(1, 2.0, 0.5, leaf(0.25), leaf(2.0)))
    tree2 = split(1, 1.0, 0.0, leaf(0.5), leaf(-0.5))
    dump = {"feature_names": ["a", "b"], "tree_info": [{"tree_structure": tree1}, {"tree_structure": tree2}]}
    exported = trees.from_lightgbm(dump, ["a", "b"], {"ga": ("a",), "gb": ("b",)})
    model = trees.from_dict(json.loads(model_file({"score": exported}))).ensembles["score"]
    rows = np.array([[0.0, 0.0], [1.0, 1.5], [1.0, 3.0], [0.5, 1.0], [0.7, 1.01]])
    scores, parts = model.predict(rows)
    expected = [walk(tree1, r) + walk(tree2, r) for r in rows]
    assert scores.tolist() == pytest.approx(expected)
    assert (parts.sum(axis=1) + model.base).tolist() == pytest.approx(expected)
    assert model.groups == ("ga", "gb")
    # the first tree's split on a credits group ga: row 0 goes left (-1.0 from the root's 0.1)
    assert parts[0, 0] == pytest.approx(-1.1)


@pytest.mark.parametrize("most_leaves", [1, 2, 3, 8, 17, 40])
def test_trees_of_any_size_and_depth_in_one_ensemble(most_leaves):
    rng = random.Random(most_leaves)
    tree_list = [grow(rng, most_leaves, 3), grow(rng, 1, 3), grow(rng, 2, 3), grow(rng, max(1, most_leaves // 2), 3)]
    dump = {"feature_names": ["a", "b", "c"], "tree_info": [{"tree_structure": t} for t in tree_list]}
    model = trees.ensemble_from_dict(trees.from_lightgbm(dump, ["a", "b", "c"], {"g": ("a", "b", "c")}))
    rows = np.random.default_rng(most_leaves).random((50, 3))
    scores, parts = model.predict(rows)
    expected = [sum(walk(t, r) for t in tree_list) for r in rows]
    assert scores.tolist() == pytest.approx(expected)
    assert (parts.sum(axis=1) + model.base).tolist() == pytest.approx(expected)
    assert model.probability(rows).tolist() == pytest.approx([1 / (1 + np.exp(-e)) for e in expected])


def test_a_model_without_groups_scores_the_same_across_blocks():
    rng = random.Random(5)
    tree_list = [grow(rng, 6, 4) for _ in range(7)]
    dump = {"feature_names": [f"Column_{i}" for i in range(4)], "tree_info": [{"tree_structure": t} for t in tree_list]}
    model = trees.ensemble_from_dict(trees.from_lightgbm(dump, ["w", "x", "y", "z"]))
    rows = np.random.default_rng(5).random((trees.BLOCK_ROWS * 2 + 17, 4))
    whole = model.scores(rows)
    assert model.predict(rows)[1].shape == (len(rows), 0)
    assert whole.tolist() == pytest.approx([sum(walk(t, r) for t in tree_list) for r in rows])
    assert whole[-17:].tolist() == model.scores(rows[-17:]).tolist()  # a row's score does not depend on its block
    assert model.scores(np.zeros((0, 4))).shape == (0,)


def test_export_refuses_what_the_runtime_cannot_run():
    with pytest.raises(ValueError, match="columns"):
        trees.from_lightgbm({"feature_names": ["a"], "tree_info": []}, ["a", "b"])
    categorical = {**split(0, 1.0, 0.0, leaf(1.0), leaf(2.0)), "decision_type": "=="}
    with pytest.raises(ValueError, match="<= splits"):
        trees.from_lightgbm({"feature_names": ["a"], "tree_info": [{"tree_structure": categorical}]}, ["a"])
    missing = {**split(0, 1.0, 0.0, leaf(1.0), leaf(2.0)), "missing_type": "NaN"}
    with pytest.raises(ValueError, match="missing"):
        trees.from_lightgbm({"feature_names": ["a"], "tree_info": [{"tree_structure": missing}]}, ["a"])


def test_a_file_in_another_format_is_refused_with_the_way_out():
    with pytest.raises(ValueError, match="convert_models.py"):
        trees.from_dict({"features": ["a"], "stage1": []})


def test_a_tiny_lightgbm_model_round_trips_through_the_exporter():
    lightgbm = pytest.importorskip("lightgbm")  # the bench extra
    x = np.random.default_rng(0).random((300, 3))
    y = (x[:, 0] + 0.5 * x[:, 1] > 0.8).astype(float)
    params = {"objective": "binary", "num_leaves": 5, "verbose": -1, "num_threads": 1, "seed": 1, "min_data_in_leaf": 5}
    booster = lightgbm.train(params, lightgbm.Dataset(x, y, feature_name=["a", "b", "c"]), num_boost_round=12)
    model = trees.ensemble_from_dict(
        trees.from_lightgbm(booster.dump_model(), ["a", "b", "c"], {"ab": ("a", "b"), "c": ("c",)})
    )
    assert model.probability(x).tolist() == pytest.approx(booster.predict(x).tolist(), abs=1e-12)
    scores, parts = model.predict(x)
    assert (parts.sum(axis=1) + model.base).tolist() == pytest.approx(scores.tolist(), abs=1e-12)


@pytest.mark.parametrize("name", ["line_model.json", "html_model.json", "news_summarizer.json"])
def test_every_shipped_model_says_how_it_was_made(name):
    made = trees.load(name).made
    assert made["script"].startswith("benchmarks/train_")
    assert made["params"]["lightgbm"] and made["lightgbm"][0].isdigit()
    assert len(made["data"]["sha256"]) == 64
    assert made["params_status"].split(":")[0] in ("verified", "reconstructed", "as trained")
    assert made["held_out"]


def test_shipped_models_match_the_features_the_code_computes():
    from newsdigest.cleaning.model import load_model
    from newsdigest.summarizers.features import FEATURES
    from newsdigest.summarizers.news import MODEL_FILE

    assert trees.load(MODEL_FILE).ensembles["score"].features == FEATURES
    for kind in ("text", "html"):
        assert 0 < load_model(kind).threshold < 1
