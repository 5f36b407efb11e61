"""``health-monitor router --fit``: fit the offline router on the training phrasings and store it as plain
arrays (``graph/nlp/router_model.npz``), so answering never imports scikit-learn. The demo build and
the package build run it; ``--check`` exits 1 when the stored arrays are stale."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("router", help="fit (or check) the offline question router")
    p.add_argument("--fit", action="store_true", help="fit on graph/nlp/training and store the arrays")
    p.add_argument("--check", action="store_true", help="exit 1 when the stored router is missing or stale")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from health_monitor.graph.nlp.classifier import MODEL_PATH, RouterArrays, build_model, training_hash

    if args.fit:
        arrays = build_model()
        print(f"router fitted: {len(arrays.words):,} word and {len(arrays.chars):,} character features, "
              f"{len(arrays.domains)} specialists -> {MODEL_PATH}")
        return 0
    fresh = MODEL_PATH.is_file() and RouterArrays.load(MODEL_PATH).fingerprint == training_hash()
    print(f"router {'is fresh' if fresh else 'is missing or stale: run `health-monitor router --fit`'} ({MODEL_PATH})")
    return 0 if fresh else 1
