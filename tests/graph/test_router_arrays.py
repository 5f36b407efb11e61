"""The stored router: numpy inference equals scikit-learn's, the arrays are fresh, no sklearn on load."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from health_monitor.graph.nlp.classifier import (
    MODEL_PATH,
    Example,
    LexicalClassifier,
    RouterArrays,
    TrainingDataError,
    char_terms,
    load_examples,
    training_hash,
    word_terms,
)

SMALL = [Example("why did costs jump", ("cost",)), Example("spend by sku last week", ("cost",)),
         Example("failed logins from odd ips", ("security",)), Example("who accessed pii", ("security",)),
         Example("tell me a joke", ()), Example("costs and failed logins", ("cost", "security"))]
DOMS = ("cost", "security")


def test_numpy_inference_matches_scikit_learn():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.pipeline import FeatureUnion, Pipeline

    clf = LexicalClassifier.fit(SMALL, DOMS)
    features = FeatureUnion([
        ("w", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True,
                              token_pattern=r"(?u)\b\w[\w'-]*\b")),
        ("c", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True))])
    y = np.array([[int(d in e.labels) for d in DOMS] for e in SMALL])
    pipe = Pipeline([("f", features), ("m", OneVsRestClassifier(
        LogisticRegression(C=8.0, solver="liblinear", class_weight="balanced")))]).fit([e.text for e in SMALL], y)
    texts = ["costs jumped", "suspicious  logins from ips", "zzz", "Cost of PII access?"]
    ours = np.array([[p[d] for d in DOMS] for p in clf.predict(texts)])
    theirs = pipe.predict_proba([t.lower() for t in texts])
    assert np.allclose(ours, theirs, atol=1e-4), (ours, theirs)


def test_analyzers_match_scikit_learn():
    from sklearn.feature_extraction.text import TfidfVectorizer

    text = "why did  costs jump, at 3am? it's odd-ish"
    w = TfidfVectorizer(analyzer="word", ngram_range=(1, 2), token_pattern=r"(?u)\b\w[\w'-]*\b").build_analyzer()
    c = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5)).build_analyzer()
    assert sorted(word_terms(text)) == sorted(w(text))
    assert sorted(char_terms(text)) == sorted(c(text))


def test_stored_router_is_fitted_on_the_current_phrasings():
    arrays = RouterArrays.load(MODEL_PATH)
    assert arrays.fingerprint == training_hash(), "run `health-monitor router --fit` and commit router_model.npz"


def test_loading_the_router_does_not_import_scikit_learn():
    code = ("import sys; from health_monitor.graph.nlp import route; route('why did costs jump?'); "
            "print('sklearn' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"


def test_a_specialist_without_phrasings_fails_loudly(tmp_path):
    for name in ("cost", "off_topic", "multi"):
        (tmp_path / f"{name}.txt").write_text("how much did we spend\n")
    with pytest.raises(TrainingDataError, match="security.txt"):
        load_examples(tmp_path, ("cost", "security"))
