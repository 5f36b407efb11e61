"""The lexical classifier: TF-IDF (word 1-2 grams + character 3-5 grams) and one-vs-rest logistic regression.

Trained on the phrasings in ``training/`` (one file per specialist of the agents' registry,
``off_topic.txt`` with no label and ``multi.txt`` with several labels a line). Fitting needs
scikit-learn and happens at build time (``health-monitor router --fit``, run by the demo build); the
result is stored as plain arrays (:data:`MODEL_PATH`: vocabularies, idf weights, coefficients) and
read back with numpy alone, so answering a question never imports scikit-learn. The arrays carry a
hash of the training files: if the phrasings changed since the fit, the first question refits in
process (and says so in the log) rather than route with a stale model.
"""

from __future__ import annotations

import hashlib
import logging
import math
import re
import threading
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from health_monitor.graph.nlp.vocabulary import DOMAINS

TRAINING_DIR = Path(__file__).resolve().parent / "training"
MODEL_PATH = Path(__file__).resolve().parent / "router_model.npz"
#: Longest text the classifier sees (longer questions are cut; the clause splitter handles the rest).
MAX_CHARS = 2000
_TOKEN = re.compile(r"(?u)\b\w[\w'-]*\b")
_SPACES = re.compile(r"\s\s+")
log = logging.getLogger(__name__)


class TrainingDataError(ValueError):
    """The training phrasings do not match the agents' registry."""


@dataclass(frozen=True)
class Example:
    """One training phrasing and its domains (empty: off-topic)."""

    text: str
    labels: tuple[str, ...]


def _lines(path: Path) -> list[str]:
    return [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()
            if ln.strip() and not ln.lstrip().startswith("#")]


def training_files(directory: Path = TRAINING_DIR, domains: tuple[str, ...] = DOMAINS) -> list[Path]:
    """The files the router is fitted on; raises naming every specialist without phrasings."""
    wanted = [directory / f"{d}.txt" for d in domains] + [directory / "off_topic.txt", directory / "multi.txt"]
    missing = [p.name for p in wanted if not p.is_file()]
    if missing:
        raise TrainingDataError(f"training phrasings missing: {', '.join(missing)} in {directory} (every "
                                "specialist of agents/registry.py needs graph/nlp/training/<name>.txt)")
    stray = sorted(p.stem for p in directory.glob("*.txt")
                   if p.stem not in domains and p.stem not in ("off_topic", "multi"))
    if stray:
        raise TrainingDataError(f"training file(s) for unknown specialist(s) {', '.join(stray)}: add the agent to "
                                "agents/registry.py or remove the file")
    return wanted


def load_examples(directory: Path = TRAINING_DIR, domains: tuple[str, ...] = DOMAINS) -> list[Example]:
    """Every phrasing: ``<domain>.txt`` (one label), ``off_topic.txt`` (none), ``multi.txt``
    (``a,b | text``). Raises naming the file and line for an unknown domain."""
    training_files(directory, domains)
    examples: list[Example] = []
    for domain in domains:
        examples += [Example(t, (domain,)) for t in _lines(directory / f"{domain}.txt")]
    examples += [Example(t, ()) for t in _lines(directory / "off_topic.txt")]
    for n, line in enumerate(_lines(directory / "multi.txt"), 1):
        labels, _, text = line.partition("|")
        doms = tuple(d.strip() for d in labels.split(",") if d.strip())
        unknown = [d for d in doms if d not in domains]
        if unknown or not text.strip():
            raise TrainingDataError(f"training/multi.txt line {n}: write 'domain,domain | question' with domains "
                                    f"from {', '.join(domains)} (got {line!r})")
        examples.append(Example(text.strip(), doms))
    return examples


def training_hash(directory: Path = TRAINING_DIR, domains: tuple[str, ...] = DOMAINS) -> str:
    h = hashlib.sha256("|".join(domains).encode())
    for path in training_files(directory, domains):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


# --- features, exactly as scikit-learn's TfidfVectorizer computes them ------------------------------

def word_terms(text: str) -> list[str]:
    tokens = _TOKEN.findall(text)
    return tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)]


def char_terms(text: str) -> list[str]:
    """``analyzer="char_wb"``, n = 3..5 (each word padded with one space each side)."""
    out: list[str] = []
    for word in _SPACES.sub(" ", text).split():
        w = f" {word} "
        for n in range(3, 6):
            offset = 0
            out.append(w[offset:offset + n])
            while offset + n < len(w):
                offset += 1
                out.append(w[offset:offset + n])
            if offset == 0:
                break
    return out


def _tfidf(terms: list[str], vocab: dict[str, int], idf: np.ndarray) -> dict[int, float]:
    counts = Counter(t for t in terms if t in vocab)
    vec = {vocab[t]: (1.0 + math.log(c)) * float(idf[vocab[t]]) for t, c in counts.items()}
    norm = math.sqrt(sum(v * v for v in vec.values()))
    return {i: v / norm for i, v in vec.items()} if norm else {}


@dataclass
class RouterArrays:
    """The fitted router as plain arrays."""

    domains: tuple[str, ...]
    words: np.ndarray  # str, word-vocabulary terms by column
    word_idf: np.ndarray
    chars: np.ndarray  # str, char-vocabulary terms by column
    char_idf: np.ndarray
    coef: np.ndarray  # (n_words + n_chars, n_domains)
    intercept: np.ndarray  # (n_domains,)
    fingerprint: str

    def save(self, path: Path = MODEL_PATH) -> None:
        np.savez_compressed(path, domains=np.array(self.domains), words=self.words, word_idf=self.word_idf,
                            chars=self.chars, char_idf=self.char_idf, coef=self.coef, intercept=self.intercept,
                            fingerprint=np.array(self.fingerprint))

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> RouterArrays:
        with np.load(path, allow_pickle=False) as z:
            return cls(domains=tuple(str(d) for d in z["domains"]), words=z["words"], word_idf=z["word_idf"],
                       chars=z["chars"], char_idf=z["char_idf"], coef=z["coef"], intercept=z["intercept"],
                       fingerprint=str(z["fingerprint"]))


def fit_arrays(examples: list[Example], domains: tuple[str, ...] = DOMAINS, fingerprint: str = "") -> RouterArrays:
    """Fit TF-IDF + logistic regression with scikit-learn (build time only) and keep the arrays."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.pipeline import FeatureUnion

    if not examples:
        raise TrainingDataError("the lexical classifier needs training examples")
    words = TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, min_df=1,
                            token_pattern=_TOKEN.pattern)
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=1)
    features = FeatureUnion([("words", words), ("chars", chars)])
    texts = [ex.text.lower() for ex in examples]
    x = features.fit_transform(texts)
    y = np.array([[1 if d in ex.labels else 0 for d in domains] for ex in examples])
    model = OneVsRestClassifier(LogisticRegression(C=8.0, solver="liblinear", class_weight="balanced")).fit(x, y)
    coef = np.vstack([e.coef_[0] for e in model.estimators_]).T.astype(np.float32)
    intercept = np.array([e.intercept_[0] for e in model.estimators_], dtype=np.float32)

    def vocab(v: TfidfVectorizer) -> np.ndarray:
        terms = sorted(v.vocabulary_, key=v.vocabulary_.__getitem__)
        return np.array(terms)

    return RouterArrays(domains=tuple(domains), words=vocab(words), word_idf=words.idf_.astype(np.float32),
                        chars=vocab(chars), char_idf=chars.idf_.astype(np.float32), coef=coef,
                        intercept=intercept, fingerprint=fingerprint)


class LexicalClassifier:
    """Multi-label probabilities per domain for a batch of texts (numpy only)."""

    def __init__(self, arrays: RouterArrays) -> None:
        self.arrays = arrays
        self.domains = arrays.domains
        self._words = {str(t): i for i, t in enumerate(arrays.words)}
        self._chars = {str(t): i for i, t in enumerate(arrays.chars)}
        self._offset = len(self._words)

    @classmethod
    def fit(cls, examples: list[Example], domains: tuple[str, ...] = DOMAINS) -> LexicalClassifier:
        return cls(fit_arrays(examples, domains))

    def scores(self, text: str) -> np.ndarray:
        low = (text or "")[:MAX_CHARS].lower()
        a = self.arrays
        z = a.intercept.astype(np.float64).copy()
        for i, v in _tfidf(word_terms(low), self._words, a.word_idf).items():
            z += v * a.coef[i]
        for i, v in _tfidf(char_terms(low), self._chars, a.char_idf).items():
            z += v * a.coef[self._offset + i]
        return 1.0 / (1.0 + np.exp(-z))

    def predict(self, texts: list[str]) -> list[dict[str, float]]:
        """``[{domain: probability}]``, one dict per text (texts cut to :data:`MAX_CHARS`)."""
        return [{d: float(p) for d, p in zip(self.domains, self.scores(t), strict=True)} for t in texts]


def build_model(path: Path = MODEL_PATH) -> RouterArrays:
    """Fit on all of ``training/`` and store the arrays at ``path`` (the build step)."""
    arrays = fit_arrays(load_examples(), fingerprint=training_hash())
    arrays.save(path)
    return arrays


_lock = threading.Lock()
_default: LexicalClassifier | None = None


def default_classifier() -> LexicalClassifier:
    """The stored classifier (loaded once per process, thread-safe); refitted in process when missing
    or stale (the phrasings changed since the build)."""
    global _default
    if _default is None:
        with _lock:
            if _default is None:
                arrays = None
                if MODEL_PATH.is_file():
                    arrays = RouterArrays.load(MODEL_PATH)
                    if arrays.fingerprint != training_hash() or arrays.domains != DOMAINS:
                        log.warning("the stored router is stale (training phrasings changed); refitting. "
                                    "Run `health-monitor router --fit` to store the new one.")
                        arrays = None
                if arrays is None:
                    arrays = fit_arrays(load_examples(), fingerprint=training_hash())
                    try:
                        arrays.save(MODEL_PATH)
                    except OSError:  # an installed, read-only package: keep it in memory
                        pass
                _default = LexicalClassifier(arrays)
    return _default
