"""Why a model does not train: too little data, or features over the memory budget (imports nothing of ours)."""

from __future__ import annotations


class InsufficientData(Exception):
    """The model cannot be trained (or scored) on this data; the message says why, for a person."""


#: The setting that bounds one feature frame in Python.
BUDGET_SETTING = "HM_ML_FEATURE_MEMORY_MB"


class OverBudget(InsufficientData):
    """A feature frame would take more memory in Python than the budget allows; only this model stops."""
