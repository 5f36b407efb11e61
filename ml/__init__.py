"""The health monitor's own models: features over Gold, training, scoring into Gold prediction tables.

Entry point: :func:`ml.train.train_all`. Nothing here imports scikit-learn or statsmodels at
import time.
"""
