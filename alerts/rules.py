"""Alert rules: what to measure, when it fires, whom to tell.

A rule names a tool of the catalog (a typed, parameterised query returning rows), says how to reduce
those rows to one number per *subject* (per IP, per table, per job, or one number for the whole
result) and compares that number with a fixed ``threshold`` or with a multiple of a ``baseline``
("twice its 7-day median").

Rules are plain data (pydantic), stored as JSON in ``alert_rules.definition``. Two levels of checks:

* :func:`parse_rule` turns a dict into a rule or raises :class:`RuleError` with messages that name the
  field ("threshold: must be a number, got 'lots'").
* :meth:`AlertRule.validate_against` checks the rule against the tool catalog, injected as a callable
  ``catalog(tool_name) -> parameter schema | None`` (a pydantic model class, a JSON schema or a
  mapping/collection of parameter names), so unknown tools and parameters are refused at save time.
"""

from __future__ import annotations

import hashlib
import math
import operator
import re
import statistics
from collections.abc import Callable, Collection, Mapping
from datetime import datetime, timedelta
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from health_monitor.core.errors import HealthMonitorError

# --- vocabularies ---------------------------------------------------------------------------------

COMPARATORS: dict[str, Callable[[float, float], bool]] = {
    ">": operator.gt,
    ">=": operator.ge,
    "<": operator.lt,
    "<=": operator.le,
    "==": operator.eq,
    "!=": operator.ne,
}

#: Words people use for a comparator. Longest phrases are matched first by the NL parser.
COMPARATOR_WORDS: dict[str, str] = {
    "above": ">", "over": ">", "more than": ">", "greater than": ">", "higher than": ">", "exceeds": ">",
    "exceed": ">", "exceeding": ">", "gt": ">",
    "at least": ">=", "reaches": ">=", "reach": ">=", "no less than": ">=", "gte": ">=",
    "below": "<", "under": "<", "less than": "<", "lower than": "<", "fewer than": "<", "drops below": "<",
    "falls below": "<", "lt": "<",
    "at most": "<=", "no more than": "<=", "lte": "<=",
    "equals": "==", "equal to": "==", "eq": "==", "=": "==",
    "not equal to": "!=", "ne": "!=", "<>": "!=",
}

COMPARATOR_TEXT: dict[str, str] = {
    ">": "exceeds", ">=": "reaches", "<": "drops below", "<=": "is at most", "==": "equals", "!=": "differs from",
}

AGGREGATES: dict[str, Callable[[list[float]], float]] = {
    "max": max,
    "min": min,
    "sum": math.fsum,
    "mean": statistics.fmean,
    "count": len,
    "first": lambda values: values[0],
    "last": lambda values: values[-1],
}

BASELINES: dict[str, Callable[[list[float]], float]] = {
    "median": statistics.median,
    "mean": statistics.fmean,
}

Severity = Literal["info", "warning", "high", "critical"]
ChannelName = Literal["slack", "email", "pagerduty"]
#: Keep in step with ``alerts.channels.REGISTRY`` (a test checks it).
KNOWN_CHANNELS: tuple[str, ...] = ("slack", "email", "pagerduty")
Unit = Literal["usd", "count", "pct", "minutes", "hours", "score"]

#: How a window reaches a tool: the first parameter of this list the tool takes (hours per unit).
WINDOW_PARAMS: dict[str, int] = {"hours": 1, "days": 24, "lookback_days": 24}
#: Tools taking a date range get ``start_date = now - window`` and ``end_date = now``
#: (``Window.param = "date_range"`` asks for it explicitly).
DATE_RANGE_PARAMS = ("start_date", "end_date")
DATE_RANGE = "date_range"


class RuleError(HealthMonitorError):
    """A rule that cannot be saved; the message names the field and what to write instead."""


# --- models ----------------------------------------------------------------------------------------

class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class MeasureValue(_Model):
    """How rows become numbers: one per ``subject`` value, or one for all rows when ``subject`` is None."""

    field: str | None = Field(None, description="Column to read; None only with aggregate 'count'.")
    aggregate: Literal["max", "min", "sum", "mean", "count", "first", "last"] = "max"
    subject: str | None = Field(None, description="Column naming the entity (IP, table...); each its own alert.")
    subject_label: str | None = Field(None, description="Human name of one subject: 'IP', 'table'.")
    order_by: str | None = Field(None, description="Column ordering rows (first/last) and dating them (daily).")
    per_day: bool = Field(False, description="Value of the latest complete day (rows bucketed by order_by).")

    @model_validator(mode="after")
    def _field_needed(self) -> MeasureValue:
        if self.per_day and not self.order_by:
            raise ValueError("value.order_by is required with per_day: name the date column")
        if self.field is None and self.aggregate != "count":
            raise ValueError(f"value.field is required with aggregate {self.aggregate!r} (only 'count' counts rows)")
        if self.aggregate in ("first", "last") and not self.order_by:
            raise ValueError(f"value.order_by is required with aggregate {self.aggregate!r}: name the date column")
        return self


class Measure(_Model):
    """A tool of the catalog with its parameters, and how to read its rows."""

    tool: str = Field(min_length=1)
    params: dict[str, Any] = Field(default_factory=dict)
    value: MeasureValue
    label: str | None = Field(None, description="What is measured, in words: 'failed login attempts'.")
    unit: Unit | None = None

    @field_validator("tool")
    @classmethod
    def _tool_name(cls, v: str) -> str:
        if not re.fullmatch(r"[a-z_][a-z0-9_]*", v):
            raise ValueError(f"tool name {v!r} is not a catalog name (lowercase letters, digits, underscores)")
        return v


class Baseline(_Model):
    """A moving reference: fires when the value compares against ``multiple`` x the baseline.

    With ``field`` set, the tool already returns the baseline (e.g. a trailing average column).
    Otherwise rows are bucketed per day (``value.order_by`` dates them): the latest day is the value,
    the ``days`` days before it give the median or mean.
    """

    kind: Literal["median", "mean"] = "median"
    days: int = Field(7, ge=1, le=365)
    multiple: float = Field(2.0, gt=0)
    field: str | None = None


class Window(_Model):
    """The evaluation window, passed to the tool (``hours``, ``days``, ``lookback_days`` or a date range)."""

    amount: int = Field(ge=1, le=24 * 400)
    unit: Literal["hours", "days"] = "hours"
    param: str | None = Field(None, description="Force the tool parameter that receives the window.")

    @property
    def hours(self) -> int:
        return self.amount * (24 if self.unit == "days" else 1)

    def text(self) -> str:
        one = self.unit[:-1]
        return f"{self.amount} {one if self.amount == 1 else self.unit}"


class AlertRule(_Model):
    """One alert rule. ``threshold`` and ``baseline`` are exclusive: exactly one is given."""

    id: str | None = Field(None, description="Storage id; the dedup key prefers it to the name.")
    name: str = Field(min_length=1, max_length=120)
    description: str = ""
    measure: Measure
    comparator: str = ">"
    threshold: float | None = None
    baseline: Baseline | None = None
    window: Window | None = None
    severity: Severity = "warning"
    channels: list[ChannelName] = Field(default_factory=lambda: ["slack"])
    owner: str | None = None
    enabled: bool = True
    scope: dict[str, str] = Field(default_factory=dict, description="Filters, e.g. {'workspace': 'production'}.")
    page: str = Field("alerts", description="Page of the app the notification links to.")

    @field_validator("comparator", mode="before")
    @classmethod
    def _comparator(cls, v: Any) -> str:
        text = " ".join(str(v).strip().lower().split())
        if text in COMPARATORS:
            return text
        if text in COMPARATOR_WORDS:
            return COMPARATOR_WORDS[text]
        raise ValueError(f"unknown comparator {v!r}; use one of {', '.join(COMPARATORS)} "
                         "or words such as 'above', 'at least', 'below'")

    @field_validator("threshold", mode="before")
    @classmethod
    def _threshold(cls, v: Any) -> Any:
        if v is None or isinstance(v, bool):
            if isinstance(v, bool):
                raise ValueError(f"must be a number, got {v!r}")
            return v
        if isinstance(v, str):
            try:
                return float(v.replace(",", "").replace("$", "").strip())
            except ValueError:
                raise ValueError(f"must be a number, got {v!r}") from None
        if not isinstance(v, (int, float)):
            raise ValueError(f"must be a number, got {v!r}")
        if not math.isfinite(float(v)):
            raise ValueError(f"must be a finite number, got {v!r}")
        return v

    @field_validator("channels")
    @classmethod
    def _channels(cls, v: list[str]) -> list[str]:
        if not v:
            raise ValueError("name at least one channel: slack, email or pagerduty")
        return list(dict.fromkeys(v))

    @model_validator(mode="after")
    def _one_reference(self) -> AlertRule:
        if (self.threshold is None) == (self.baseline is None):
            raise ValueError("give either a threshold (a number) or a baseline (e.g. 2 x the 7-day median), not "
                             + ("both" if self.threshold is not None else "neither"))
        if self.baseline is not None and self.baseline.field is None and not self.measure.value.order_by:
            raise ValueError("a baseline computed from history needs measure.value.order_by (the date column)")
        return self

    # --- behaviour --------------------------------------------------------------------------------

    @property
    def key(self) -> str:
        """Identity of the rule for dedup keys: the storage id, else the name."""
        return self.id or self.name

    @property
    def daily(self) -> bool:
        """True when the value is one day's figure (per_day, or a baseline computed from daily history)."""
        return self.measure.value.per_day or (self.baseline is not None and self.baseline.field is None)

    def compare(self, value: float, reference: float) -> bool:
        return COMPARATORS[self.comparator](value, reference)

    def tool_params(self, accepted: Collection[str] | None = None, *, now: datetime | None = None) -> dict[str, Any]:
        """Parameters for the tool call: measure params, the window, and scope keys the tool takes.

        ``accepted`` is the tool's parameter names (None: unknown, then every scope key is passed).
        Scope keys the tool does not take stay row filters (see :func:`alerts.evaluate.evaluate_rule`).
        """
        params: dict[str, Any] = {}
        for key, value in self.scope.items():
            if accepted is None or key in accepted:
                params[key] = value
        if self.window is not None:
            params.update(self._window_params(accepted, now))
        params.update(self.measure.params)
        return params

    def _window_params(self, accepted: Collection[str] | None, now: datetime | None) -> dict[str, Any]:
        window = self.window
        assert window is not None
        hours = window.hours
        if self.daily:
            hours = max(hours, 48)  # the latest complete day, whatever the hour of ``now``
        if self.baseline is not None and self.baseline.field is None:
            hours = max(hours, (self.baseline.days + 2) * 24)  # and the history the baseline needs
        if window.param == DATE_RANGE:
            if now is None:
                return {}
            return {"start_date": (now - timedelta(hours=hours)).date().isoformat(),
                    "end_date": now.date().isoformat()}
        if window.param:
            return {window.param: max(1, math.ceil(hours / WINDOW_PARAMS.get(window.param, 1)))}
        if accepted is None:
            return {window.unit: max(1, math.ceil(hours / WINDOW_PARAMS[window.unit]))}
        for name, per in WINDOW_PARAMS.items():
            if name in accepted:
                return {name: max(1, math.ceil(hours / per))}
        if all(p in accepted for p in DATE_RANGE_PARAMS) and now is not None:
            return {"start_date": (now - timedelta(hours=hours)).date().isoformat(),
                    "end_date": now.date().isoformat()}
        return {}

    def validate_against(self, catalog: Callable[[str], Any]) -> AlertRule:
        """Refuse a rule whose tool is unknown or which passes parameters the tool does not take.

        ``catalog(name)`` returns the tool's parameter schema, or None for an unknown tool.
        Returns the rule itself so calls chain; raises :class:`RuleError`.
        """
        schema = catalog(self.measure.tool)
        if schema is None:
            raise RuleError(f"rule {self.name!r}: measure.tool: unknown tool {self.measure.tool!r}; "
                            "pick a tool of the catalog (e.g. get_failed_jobs)")
        accepted = param_names(schema)
        unknown = sorted(set(self.measure.params) - accepted)
        if unknown:
            raise RuleError(f"rule {self.name!r}: measure.params: {self.measure.tool} does not take "
                            f"{', '.join(map(repr, unknown))}; it takes {', '.join(sorted(accepted)) or 'no parameters'}")
        window = self.window
        if window is not None:
            takes_range = all(p in accepted for p in DATE_RANGE_PARAMS)
            if window.param == DATE_RANGE and not takes_range:
                raise RuleError(f"rule {self.name!r}: window.param: {self.measure.tool} takes no start_date/end_date "
                                f"range; it takes {', '.join(sorted(accepted)) or 'no parameters'}")
            if window.param not in (None, DATE_RANGE) and window.param not in accepted:
                raise RuleError(f"rule {self.name!r}: window.param: {self.measure.tool} has no parameter "
                                f"{window.param!r}; it takes {', '.join(sorted(accepted)) or 'no parameters'}")
            if window.param is None and not takes_range and not any(p in accepted for p in WINDOW_PARAMS):
                raise RuleError(f"rule {self.name!r}: window: {self.measure.tool} takes no window parameter "
                                f"({', '.join(WINDOW_PARAMS)} or a start_date/end_date range); remove the window")
        if isinstance(schema, type) and issubclass(schema, BaseModel):
            try:
                schema.model_validate(self.tool_params(accepted, now=datetime(2000, 1, 2)))
            except ValidationError as e:
                raise RuleError(f"rule {self.name!r}: measure.params: {_errors_text(e)}") from None
        return self

    def describe(self) -> str:
        """One sentence a person can check: what is measured, when it fires, who is told."""
        return describe_rule(self)


def param_names(schema: Any) -> set[str]:
    """Parameter names from a pydantic model class, a JSON schema, a mapping or a collection of names."""
    if isinstance(schema, type) and issubclass(schema, BaseModel):
        return {info.alias or name for name, info in schema.model_fields.items()}  # public names
    if isinstance(schema, Mapping):
        props = schema.get("properties")
        if isinstance(props, Mapping) and schema.get("type", "object") == "object":
            return set(props)
        return set(schema)
    if isinstance(schema, Collection) and not isinstance(schema, str):
        return {str(n) for n in schema}
    raise TypeError(f"cannot read parameter names from a {type(schema).__name__}")


# --- parsing & describing -------------------------------------------------------------------------

def _errors_text(error: ValidationError) -> str:
    parts = []
    for item in error.errors():
        loc = ".".join(str(p) for p in item["loc"]) or "rule"
        msg = str(item["msg"]).removeprefix("Value error, ")
        if item["type"] == "missing":
            msg = "is required"
        elif item["type"] == "extra_forbidden":
            msg = "is not a rule field"
        elif item["type"] == "literal_error":
            msg = f"{msg}, got {item.get('input')!r}"
        parts.append(f"{loc}: {msg}" if loc != "rule" else msg)
    return "; ".join(parts)


def parse_rule(data: Mapping[str, Any] | AlertRule) -> AlertRule:
    """A rule from its JSON form; :class:`RuleError` with field-named messages when it is not valid."""
    if isinstance(data, AlertRule):
        return data
    try:
        return AlertRule.model_validate(dict(data))
    except ValidationError as e:
        name = data.get("name") if isinstance(data, Mapping) else None
        prefix = f"rule {name!r}: " if name else "rule: "
        raise RuleError(prefix + _errors_text(e)) from None


def dedup_key(rule: AlertRule, subject: str | None) -> str:
    """Stable key of one alert (rule x subject): the same across runs, processes and machines.

    Readable prefix plus a hash of the exact identity, at most 100 characters (PagerDuty allows 255).
    """
    ident = f"{rule.key}\x1f{subject or ''}"
    digest = hashlib.sha256(ident.encode()).hexdigest()[:16]
    slug = re.sub(r"[^a-z0-9]+", "-", rule.key.lower()).strip("-")[:48] or "rule"
    sub = re.sub(r"[^a-z0-9.]+", "-", (subject or "all").lower()).strip("-")[:32] or "all"
    return f"hm-{slug}-{sub}-{digest}"


UNIT_FORMAT: dict[str, Callable[[float], str]] = {
    "usd": lambda v: f"${v:,.2f}",
    "pct": lambda v: f"{v:,.1f}%",
    "minutes": lambda v: f"{v:,.1f} min",
    "hours": lambda v: f"{v:,.1f} h",
    "count": lambda v: f"{v:,.0f}",
    "score": lambda v: f"{v:,.3g}",
}


def format_value(value: float | None, unit: str | None) -> str:
    if value is None:
        return "n/a"
    fmt = UNIT_FORMAT.get(unit or "")
    return fmt(value) if fmt else f"{value:,.6g}"


def describe_rule(rule: AlertRule) -> str:
    """E.g. 'Measures daily cost per job in workspace production; fires when it exceeds 2 x its 7-day
    median; notifies Slack'."""
    m = rule.measure
    what = m.label or ((f"{m.value.aggregate} of {m.value.field}" if m.value.field else "row count")
                       + f" from {m.tool}")
    if m.value.subject:
        what += f" per {m.value.subject_label or m.value.subject}"
    for key, value in rule.scope.items():
        what += f" in {key} {value}"
    if rule.window is not None and not rule.daily:
        what += f" over the last {rule.window.text()}"
    if rule.baseline is not None:
        b = rule.baseline
        mult = f"{b.multiple:g} x"
        ref = f"{mult} its {b.days}-day {'median' if b.kind == 'median' else 'average'}"
    else:
        ref = format_value(rule.threshold, m.unit)
    names = {"slack": "Slack", "email": "e-mail", "pagerduty": "PagerDuty"}
    notify = ", ".join(names.get(c, c) for c in rule.channels)
    return (f"Measures {what}; fires when it {COMPARATOR_TEXT[rule.comparator]} {ref} "
            f"(severity {rule.severity}); notifies {notify}")
