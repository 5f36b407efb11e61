"""Evaluation: rows -> observations (pure), observation + open alert -> action (pure), and the run that
applies actions to a store and notifies channels.

* :func:`evaluate_rule` reduces a tool's rows to one :class:`Observation` per subject.
* :func:`transition` is the state machine: no open alert + firing = ``fire``; open + firing =
  ``still_firing`` (refresh, no page); open + not firing = ``resolve``; otherwise ``none``.
* :func:`run_evaluation` evaluates every enabled rule, writes events, notifies channels for *new*
  firings and resolutions only, and first retries deliveries that failed on earlier runs. A rule whose
  tool fails is reported and skipped: its open alerts stay open (no data is not a recovery).

Notifications go through an **outbox**: the store writes a ``pending`` delivery per channel in the same
transaction that opens or resolves the event, and the run then drains pending deliveries. A process
killed between the two, or a channel that raises, leaves the row pending: the next run sends it. A
delivery whose latest record is ``delivered`` is never sent again (one per event, channel and kind).
Deliveries of one drain run concurrently within a per-run time budget; a result that cannot improve
by retrying (channel not configured, host not allowed) is recorded ``abandoned``, not retried forever.
"""

from __future__ import annotations

import enum
import logging
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any, Protocol

from health_monitor.alerts.channels.base import DeliveryResult, Kind, Notification
from health_monitor.alerts.columns import SCOPE_COLUMNS
from health_monitor.alerts.rules import AGGREGATES, BASELINES, AlertRule, dedup_key, format_value, param_names
from health_monitor.alerts.store import AlertEvent, AlertStore, DeliveryStatus, DueDelivery

from health_monitor.core.dates import as_date
from health_monitor.core.errors import HealthMonitorError

log = logging.getLogger(__name__)
Row = Mapping[str, Any]
#: Seconds one run may spend delivering (each send also has its own deadline, ChannelConfig.deadline_s).
DELIVERY_BUDGET_S = 120.0
#: Deliveries sent at the same time.
DELIVERY_WORKERS = 8
RunTool = Callable[[str, dict[str, Any]], Sequence[Row]]


class RuleEvaluationError(HealthMonitorError):
    """The tool's rows do not fit the rule (a column is missing); the message names it."""


@dataclass(frozen=True)
class Observation:
    """What one rule saw for one subject: the value, the reference it was compared with, the verdict."""

    subject: str | None
    value: float | None
    firing: bool
    message: str
    threshold: float | None = None
    baseline: float | None = None


class Action(str, enum.Enum):
    FIRE = "fire"
    STILL_FIRING = "still_firing"
    RESOLVE = "resolve"
    NONE = "none"


def transition(open_event: AlertEvent | None, observation: Observation) -> Action:
    """The state machine of one alert (rule x subject)."""
    if open_event is None:
        return Action.FIRE if observation.firing else Action.NONE
    return Action.STILL_FIRING if observation.firing else Action.RESOLVE


# --- rows -> observations ---------------------------------------------------------------------------

def _number(value: Any) -> float | None:
    if value is None or isinstance(value, str) and not value.strip():
        return None
    if isinstance(value, (bool, int, float, Decimal)):
        return float(value)
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _require(rule: AlertRule, rows: Sequence[Row], column: str | None, role: str) -> None:
    if column and rows and column not in rows[0]:
        raise RuleEvaluationError(
            f"rule {rule.name!r}: {role} column {column!r} is not in the rows of {rule.measure.tool} "
            f"(columns: {', '.join(rows[0]) or 'none'}); fix the rule or alerts/columns.py")


def _in_scope(rule: AlertRule, row: Row) -> bool:
    for key, wanted in rule.scope.items():
        for column in SCOPE_COLUMNS.get(key, (key,)):
            if column in row and row[column] is not None and str(row[column]).lower() != str(wanted).lower():
                return False
    return True


def _reduce(rule: AlertRule, rows: Sequence[Row], column: str | None) -> float | None:
    """Aggregate one group of rows (already ordered) to a number; count counts rows (truthy ``column``)."""
    agg = rule.measure.value.aggregate
    if agg == "count":
        return float(sum(1 for r in rows if column is None or r.get(column)))
    values = [v for v in (_number(r.get(column)) for r in rows) if v is not None]
    return AGGREGATES[agg](values) if values else None


def evaluate_rule(rule: AlertRule, rows: Iterable[Row], *, now: datetime | None = None) -> list[Observation]:
    """One observation per subject (or one for the whole result when the rule has no subject).

    With ``now``, daily rules ignore rows dated on ``now``'s (incomplete) day.
    """
    rows = [r for r in rows if _in_scope(rule, r)]
    v = rule.measure.value
    for column, role in ((v.subject, "subject"), (v.field, "value"), (v.order_by, "order_by"),
                         (rule.baseline.field if rule.baseline else None, "baseline")):
        _require(rule, rows, column, role)
    if v.order_by:
        rows.sort(key=lambda r: (r.get(v.order_by) is None, str(r.get(v.order_by))))
    groups: dict[str | None, list[Row]] = {}
    if v.subject:
        for row in rows:
            groups.setdefault(None if row.get(v.subject) is None else str(row[v.subject]), []).append(row)
    else:
        groups[None] = rows
    today = now.date() if now is not None else None
    return [_observe(rule, subject, group, today)
            for subject, group in sorted(groups.items(), key=lambda g: str(g[0]))]


def _observe(rule: AlertRule, subject: str | None, rows: list[Row], today: date | None) -> Observation:
    b = rule.baseline
    baseline = None
    if rule.daily:
        started = bool(rows)
        rows, history = _daily(rule, rows, today)
        if rows:
            value = _reduce(rule, rows, rule.measure.value.field)
        else:  # no row on the day: nothing counted or summed (once the data has started), else unknown
            value = 0.0 if started and history and rule.measure.value.aggregate in ("count", "sum") else None
        if b is not None and b.field is None:
            baseline = BASELINES[b.kind](history) if history else None
    else:
        value = _reduce(rule, rows, rule.measure.value.field)
    if b is not None and b.field is not None:
        if rule.measure.value.aggregate == "count":
            values = [x for x in (_number(r.get(b.field)) for r in rows) if x is not None]
            baseline = BASELINES["mean"](values) if values else None
        else:
            baseline = _reduce(rule, rows, b.field)
    if b is None:
        reference = rule.threshold
    else:
        reference = None if baseline is None else b.multiple * baseline
    firing = value is not None and reference is not None and rule.compare(value, reference)
    return Observation(subject=subject, value=value, firing=firing, threshold=reference, baseline=baseline,
                       message=_message(rule, subject, value, reference, baseline, firing))


def _daily(rule: AlertRule, rows: list[Row], today: date | None) -> tuple[list[Row], list[float]]:
    """Rows of the latest complete day, and the day values of the ``baseline.days`` days before it
    (days without rows count 0 for counts and sums, once the data has started)."""
    by_day: dict[date, list[Row]] = {}
    for row in rows:
        day = as_date(row.get(rule.measure.value.order_by or ""))
        if day is not None and (today is None or day < today):
            by_day.setdefault(day, []).append(row)
    if not by_day:
        return [], []
    # With ``now`` the day is yesterday: a subject whose latest row is older is not re-judged on stale data.
    latest = max(by_day) if today is None else today - timedelta(days=1)
    history: list[float] = []
    days = rule.baseline.days if rule.baseline is not None and rule.baseline.field is None else 0
    zero_fill = rule.measure.value.aggregate in ("count", "sum")
    for back in range(1, days + 1):
        day = latest - timedelta(days=back)
        if day in by_day:
            x = _reduce(rule, by_day[day], rule.measure.value.field)
            if x is not None:
                history.append(x)
        elif zero_fill and day >= min(by_day):
            history.append(0.0)
    return by_day.get(latest, []), history


def _message(rule: AlertRule, subject: str | None, value: float | None, reference: float | None,
             baseline: float | None, firing: bool) -> str:
    m, v = rule.measure, rule.measure.value
    what = m.label or (v.field or "rows")
    if subject is not None:
        what += f" for {v.subject_label or v.subject} {subject}"
    if value is None:
        return f"{what}: no value in the data"
    if rule.baseline is not None:
        b = rule.baseline
        if baseline is None:
            return f"{what}: {format_value(value, m.unit)}, no {b.days}-day history to compare with"
        ratio = f", {value / baseline:.2f} x" if baseline else ""
        kind = "median" if b.kind == "median" else "average"
        verdict = "fires" if firing else "fires when it"
        return (f"{what}: {format_value(value, m.unit)}{ratio} its {b.days}-day {kind} of "
                f"{format_value(baseline, m.unit)} ({verdict} {rule.comparator} {b.multiple:g} x)")
    return f"{what}: {format_value(value, m.unit)} ({'fires' if firing else 'fires when'} " \
           f"{rule.comparator} {format_value(reference, m.unit)})"


# --- the run -----------------------------------------------------------------------------------------

class Notifier(Protocol):
    def send(self, channel: str, notification: Notification) -> DeliveryResult: ...


@dataclass(frozen=True)
class Outcome:
    rule: str
    subject: str | None
    action: str
    value: float | None
    threshold: float | None
    dedup_key: str
    event_id: int | None
    message: str


@dataclass(frozen=True)
class Delivery:
    event_id: int
    dedup_key: str
    channel: str
    kind: str
    ok: bool
    status: int | None
    attempts: int
    error: str | None
    retry: bool = False


@dataclass
class EvaluationReport:
    at: datetime
    rules_evaluated: int = 0
    outcomes: list[Outcome] = field(default_factory=list)
    deliveries: list[Delivery] = field(default_factory=list)
    errors: list[dict[str, str]] = field(default_factory=list)
    #: Rule name -> milliseconds spent running its tool and evaluating the rows.
    timings: dict[str, float] = field(default_factory=dict)

    def count(self, action: Action) -> int:
        return sum(1 for o in self.outcomes if o.action == action.value)

    @property
    def failed_deliveries(self) -> list[Delivery]:
        return [d for d in self.deliveries if not d.ok]

    def to_dict(self) -> dict[str, Any]:
        return {"at": self.at.isoformat(), "rules_evaluated": self.rules_evaluated,
                "fired": self.count(Action.FIRE), "still_firing": self.count(Action.STILL_FIRING),
                "resolved": self.count(Action.RESOLVE),
                "outcomes": [asdict(o) for o in self.outcomes if o.action != Action.NONE.value],
                "deliveries": [asdict(d) for d in self.deliveries], "errors": list(self.errors),
                "timings_ms": {k: round(v, 1) for k, v in self.timings.items()}}

    def text(self) -> str:
        lines = [f"{self.rules_evaluated} rules evaluated at {self.at:%Y-%m-%d %H:%M} UTC: "
                 f"{self.count(Action.FIRE)} fired, {self.count(Action.STILL_FIRING)} still firing, "
                 f"{self.count(Action.RESOLVE)} resolved, {len(self.failed_deliveries)} failed deliveries"]
        lines += [f"  {o.action:<12} {o.message}" for o in self.outcomes if o.action != Action.NONE.value]
        lines += [f"  delivery failed: {d.channel} {d.kind} {d.dedup_key}: {d.error}" for d in self.failed_deliveries]
        lines += [f"  error: {e['rule']}: {e['error']}" for e in self.errors]
        return "\n".join(lines)


def notification_for(event: AlertEvent, rule: AlertRule | None, kind: Kind, at: datetime) -> Notification:
    resolved = kind == "resolve"
    return Notification(
        kind=kind, rule_name=event.rule_name, dedup_key=event.dedup_key, severity=event.severity,
        subject=event.subject, value=event.resolved_value if resolved else event.value,
        threshold=event.threshold, message=event.message, at=at,
        unit=rule.measure.unit if rule else None, page=rule.page if rule else "alerts",
        tool=rule.measure.tool if rule else None, owner=rule.owner if rule else None)


def run_evaluation(rules: Iterable[AlertRule], run_tool: RunTool, store: AlertStore, notifier: Notifier,
                   now: datetime, *, catalog: Callable[[str], Any] | None = None,
                   budget_s: float = DELIVERY_BUDGET_S, workers: int = DELIVERY_WORKERS,
                   clock: Callable[[], float] = time.monotonic) -> EvaluationReport:
    """Evaluate enabled rules at ``now`` (the data's as-of instant), update the store, notify.

    ``catalog`` (tool name -> parameter schema) lets the window reach the right tool parameter;
    rules from :mod:`alerts.defaults` and :mod:`alerts.nl_rules` name that parameter themselves.
    Earlier runs' pending and failed deliveries go first; then the rules; then this run's deliveries.
    """
    rules = list(rules)
    by_id = {r.key: r for r in rules}
    report = EvaluationReport(at=now)
    deadline = clock() + budget_s
    attempted = _drain(store, notifier, by_id, now, report, deadline=deadline, workers=workers, clock=clock)

    for rule in rules:
        if not rule.enabled:
            continue
        started = time.perf_counter()
        try:
            accepted = param_names(schema) if catalog and (schema := catalog(rule.measure.tool)) else None
            rows = run_tool(rule.measure.tool, rule.tool_params(accepted, now=now))
            observations = evaluate_rule(rule, rows, now=now)
        except Exception as e:  # one broken rule never sinks the others; its open alerts stay open
            report.errors.append({"rule": rule.name, "error": f"{type(e).__name__}: {e}"})
            continue
        finally:
            report.timings[rule.name] = (time.perf_counter() - started) * 1000.0
        report.rules_evaluated += 1
        try:
            _apply_all(rule, observations, store, report, now)
        except Exception as e:  # the store refused (e.g. a concurrent run opened the alert first)
            report.errors.append({"rule": rule.name, "error": f"{type(e).__name__}: {e}"})
    _drain(store, notifier, by_id, now, report, deadline=deadline, workers=workers, clock=clock, skip=attempted)
    return report


def _deliver(store: AlertStore, notifier: Notifier, due: DueDelivery, note: Notification, now: datetime) -> Delivery:
    """Send one outbox delivery and record the result at once (in the sending thread, so a process killed
    later does not send it again)."""
    try:
        result = notifier.send(due.channel, note)
    except Exception as e:  # a channel bug must not lose the alert: recorded failed, retried next run
        log.warning("sending to %s raised %s", due.channel, type(e).__name__)
        result = DeliveryResult(ok=False, attempts=1, error=f"{type(e).__name__} while sending: {e}")
    status: DeliveryStatus | None = "abandoned" if result.permanent and not result.ok else None
    store.record_delivery(event_id=due.event.id, channel=due.channel, kind=due.kind, result=result, at=now,
                          status=status)
    return Delivery(due.event.id, due.event.dedup_key, due.channel, due.kind, result.ok, result.status,
                    result.attempts, result.error, retry=due.last_status != "pending" or due.runs > 1)


def _drain(store: AlertStore, notifier: Notifier, by_id: Mapping[str, AlertRule], now: datetime,
           report: EvaluationReport, *, deadline: float, workers: int, clock: Callable[[], float],
           skip: set[tuple[int, str, str]] | None = None) -> set[tuple[int, str, str]]:
    """Send every due delivery (concurrently, until ``deadline``) and record each result. Returns the
    ``(event, channel, kind)`` keys attempted. Sends still running at the deadline are left pending."""
    todo = []
    for due in store.due_deliveries(now):
        key = (due.event.id, due.channel, due.kind)
        if skip and key in skip:
            continue
        if due.kind == "trigger" and not due.event.is_open:
            store.record_delivery(event_id=due.event.id, channel=due.channel, kind=due.kind, at=now,
                                  status="abandoned",
                                  result=DeliveryResult(ok=False, attempts=0, error="alert resolved before delivery"))
            continue
        todo.append(due)
    if not todo:
        return set()
    pool = ThreadPoolExecutor(max_workers=max(1, min(workers, len(todo))), thread_name_prefix="hm-deliver")
    futures = [pool.submit(_deliver, store, notifier, due,
                           notification_for(due.event, by_id.get(due.event.rule_id), due.kind, now), now)
               for due in todo]
    _, unfinished = wait(futures, timeout=max(0.0, deadline - clock()))
    pool.shutdown(wait=False, cancel_futures=True)
    for due, future in zip(todo, futures, strict=True):
        if future in unfinished:  # over the budget: stays pending in the outbox, sent by a later run
            report.errors.append({"rule": due.event.rule_name, "error": (
                f"delivery to {due.channel} not finished within the run's delivery budget; left for the next run")})
        elif future.exception() is not None:  # the store refused the record: the row stays due
            report.errors.append({"rule": due.event.rule_name, "error": (
                f"delivery to {due.channel}: could not record the result: {future.exception()}")})
        else:
            report.deliveries.append(future.result())  # in outbox order
    return {(d.event.id, d.channel, d.kind) for d in todo}


def _apply_all(rule: AlertRule, observations: list[Observation], store: AlertStore, report: EvaluationReport,
               now: datetime) -> None:
    seen = set()
    for obs in observations:
        key = dedup_key(rule, obs.subject)
        seen.add(key)
        _apply(rule, key, store.open_event(rule.key, key), obs, store, report, now)
    for event in store.open_events(rule.key):
        if event.dedup_key not in seen:
            gone = Observation(subject=event.subject, value=None, firing=False,
                               message=f"{event.rule_name}: {event.subject or 'value'} no longer reported")
            _apply(rule, event.dedup_key, event, gone, store, report, now)


def _apply(rule: AlertRule, key: str, event: AlertEvent | None, obs: Observation, store: AlertStore,
           report: EvaluationReport, now: datetime) -> None:
    """Apply the transition; opening or resolving writes the channels' pending deliveries atomically."""
    action = transition(event, obs)
    if action is Action.FIRE:
        event = store.fire(rule_id=rule.key, rule_name=rule.name, dedup_key=key, subject=obs.subject,
                           severity=rule.severity, value=obs.value, threshold=obs.threshold,
                           message=obs.message, at=now, channels=rule.channels)
    elif action is Action.STILL_FIRING and event is not None:
        event = store.refresh(event.id, value=obs.value, threshold=obs.threshold, message=obs.message, at=now)
    elif action is Action.RESOLVE and event is not None:
        event = store.resolve(event.id, value=obs.value, message=f"Recovered: {obs.message}", at=now,
                              channels=rule.channels)
    report.outcomes.append(Outcome(rule.name, obs.subject, action.value, obs.value, obs.threshold, key,
                                   event.id if event else None, obs.message))
