"""The lexical classifier: TF-IDF (word 1-2 grams + character 3-5 grams) and one-vs-rest logistic regression.

Trained on the phrasings in ``training/`` (one file per domain, ``off_topic.txt`` with no label and
``multi.txt`` with two labels a line). Fitting takes a few hundred milliseconds, so the model is fitted
once per process on first use (:func:`default_classifier`) and kept in memory; liblinear makes it
deterministic. Nothing is downloaded and nothing is fitted at import time.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from health_monitor.graph.nlp.vocabulary import DOMAINS
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import FeatureUnion, Pipeline

TRAINING_DIR = Path(__file__).resolve().parent / "training"
#: Longest text the classifier sees (longer questions are cut; the clause splitter handles the rest).
MAX_CHARS = 2000


@dataclass(frozen=True)
class Example:
    """One training phrasing and its domains (empty: off-topic)."""

    text: str
    labels: tuple[str, ...]


def _lines(path: Path) -> list[str]:
    return [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()
            if ln.strip() and not ln.lstrip().startswith("#")]


def load_examples(directory: Path = TRAINING_DIR) -> list[Example]:
    """Every phrasing: ``<domain>.txt`` (one label), ``off_topic.txt`` (none), ``multi.txt``
    (``a,b | text``). Raises ValueError naming the file and line for an unknown domain."""
    examples: list[Example] = []
    for domain in DOMAINS:
        examples += [Example(t, (domain,)) for t in _lines(directory / f"{domain}.txt")]
    examples += [Example(t, ()) for t in _lines(directory / "off_topic.txt")]
    for n, line in enumerate(_lines(directory / "multi.txt"), 1):
        labels, _, text = line.partition("|")
        doms = tuple(d.strip() for d in labels.split(",") if d.strip())
        unknown = [d for d in doms if d not in DOMAINS]
        if unknown or not text.strip():
            raise ValueError(f"training/multi.txt line {n}: write 'domain,domain | question' with domains "
                             f"from {', '.join(DOMAINS)} (got {line!r})")
        examples.append(Example(text.strip(), doms))
    return examples


def _pipeline() -> Pipeline:
    features = FeatureUnion([
        ("words", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, min_df=1,
                                  token_pattern=r"(?u)\b\w[\w'-]*\b")),
        ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=1)),
    ])
    model = OneVsRestClassifier(LogisticRegression(C=8.0, solver="liblinear", class_weight="balanced"))
    return Pipeline([("features", features), ("model", model)])


class LexicalClassifier:
    """Multi-label probabilities per domain for a batch of texts."""

    def __init__(self, examples: list[Example]) -> None:
        if not examples:
            raise ValueError("the lexical classifier needs training examples")
        y = np.array([[1 if d in ex.labels else 0 for d in DOMAINS] for ex in examples])
        self._pipe = _pipeline().fit([ex.text.lower() for ex in examples], y)

    def predict(self, texts: list[str]) -> list[dict[str, float]]:
        """``[{domain: probability}]``, one dict per text (texts cut to :data:`MAX_CHARS`)."""
        probs = self._pipe.predict_proba([(t or "")[:MAX_CHARS].lower() for t in texts])
        return [{d: float(p[i]) for i, d in enumerate(DOMAINS)} for p in probs]


_lock = threading.Lock()
_default: LexicalClassifier | None = None


def default_classifier() -> LexicalClassifier:
    """The classifier fitted on all of ``training/``, fitted once per process (thread-safe)."""
    global _default
    if _default is None:
        with _lock:
            if _default is None:
                _default = LexicalClassifier(load_examples())
    return _default
