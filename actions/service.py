"""Proposals, decisions, execution and verification of actions, over the state database.

Nothing executes without an approval event in the audit trail; the approval and the outcome each take
a once-only slot, so replaying an approval does nothing. Who may decide is data (:data:`DECIDERS`);
which actions may run at all, and whether a real account is changed or only dry-run, is the policy
an admin sets (state ``actions_policy``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from health_monitor.actions.catalog import ACTIONS, CATALOG, ActionRefused
from health_monitor.actions.lookup import GOLD, Lookup, finding_field, finding_parts
from health_monitor.actions.spec import RISK_RANK, Proposal, Verification
from health_monitor.db import actions_repo as repo
from health_monitor.db import session_scope
from health_monitor.db.errors import PermissionDenied
from health_monitor.db.types import utcnow
from pydantic import ValidationError

from health_monitor.core.errors import first_line

log = logging.getLogger(__name__)

#: Roles allowed to decide on each risk tier. The role model has admins and viewers; viewers only propose.
DECIDERS: dict[str, frozenset[str]] = {"low": frozenset({"admin"}), "medium": frozenset({"admin"}),
                                       "high": frozenset({"admin"})}
MAX_PROPOSALS = 3
DECISIONS = ("approve", "reject")
SYSTEM_ACTOR = "health-monitor"
#: Days of usage after a change before a realised saving is reported.
REALISED_MIN_DAYS = 7


class ActionError(ValueError):
    """A decision that cannot be taken (bad parameters, not allowed, unknown action); the message says why."""


# --- policy --------------------------------------------------------------------------------------------

@dataclass
class Policy:
    #: On a real account, execute (True) or only dry-run (False, the default until an admin enables it).
    execute_on_real: bool = False
    #: Action names that may run; None = every action of the catalog.
    allowed: list[str] | None = None

    def allows(self, name: str) -> bool:
        return self.allowed is None or name in self.allowed


def get_policy(engine: Any) -> Policy:
    with session_scope(engine) as s:
        raw = repo.get_policy(session=s)
    return Policy(execute_on_real=bool(raw.get("execute_on_real", False)), allowed=raw.get("allowed"))


def set_policy(engine: Any, *, user_id: str, role: str, execute_on_real: bool | None = None,
               allowed: list[str] | None | str = "keep") -> Policy:
    if role != "admin":
        raise PermissionDenied("Only an admin can change which actions may run.")
    current = get_policy(engine)
    if execute_on_real is not None:
        current.execute_on_real = execute_on_real
    if allowed != "keep":
        unknown = set(allowed or []) - set(CATALOG)
        if unknown:
            raise ActionError(f"Unknown action(s): {', '.join(sorted(unknown))}")
        current.allowed = list(allowed) if allowed is not None else None
    with session_scope(engine) as s:
        repo.set_policy(session=s, value={"execute_on_real": current.execute_on_real, "allowed": current.allowed,
                                          "changed_by": user_id, "changed_at": utcnow().isoformat()})
    return current


# --- who executes --------------------------------------------------------------------------------------

def executor_of(settings: Any, *, user_token: str | None = None, policy: Policy | None = None) -> dict[str, Any]:
    """Which executor runs an approved action, as whom, and whether it only dry-runs (shown in the preview)."""
    if settings.warehouse_backend == "duckdb":
        return {"executor": "demo", "run_as": "the demo account (synthetic system tables)", "dry_run": False}
    run_as = ("the approving user (on-behalf-of-user token)" if user_token
              else "the app's service principal (no user token available)")
    return {"executor": "databricks", "run_as": run_as, "dry_run": not (policy and policy.execute_on_real)}


def workspace_client(settings: Any, user_token: str | None = None) -> Any:
    from databricks.sdk import WorkspaceClient

    if user_token:
        return WorkspaceClient(host=settings.databricks_host, token=user_token, auth_type="pat")
    kwargs = {k: v for k, v in (("host", settings.databricks_host), ("profile", settings.databricks_profile)) if v}
    return WorkspaceClient(**kwargs)


# --- proposing -----------------------------------------------------------------------------------------

def _findings(reports: Any) -> list[Any]:
    out: list[Any] = []
    for report in (reports.values() if isinstance(reports, dict) else reports or []):
        fs = report.get("findings") if isinstance(report, dict) else getattr(report, "findings", None)
        out.extend(fs or [])
    return out


def _calls_for_action(finding: Any) -> bool:
    """A finding that needs attention, or one that answers what was asked: a plain listing the question also brought
    ("hourly_ingest ran 183 times" beside the failed runs asked about) proposes nothing."""
    return finding_field(finding, "severity") not in ("info", "low") or bool(finding_field(finding, "asked"))


def proposals_for(reports: Any, lookup: Lookup, *, limit: int = MAX_PROPOSALS) -> list[Proposal]:
    """The actions that would fix what the findings found (best first: saving, then risk removed)."""
    found: dict[str, Proposal] = {}
    for finding in _findings(reports):
        if not _calls_for_action(finding):
            continue
        tools = set(finding_parts(finding)[2])
        for spec in ACTIONS:
            if not tools & set(spec.answers):
                continue
            try:
                for p in spec.propose(lookup, finding):
                    found.setdefault(p.target_key, p)
            except Exception as e:  # a proposer that cannot read its data proposes nothing
                log.warning("action %s could not propose: %s", spec.name, e)
    ranked = sorted(found.values(), key=lambda p: (-(p.estimated_monthly_saving or 0.0),
                                                   -RISK_RANK[p.risk], p.title))
    return ranked[:limit]


def record(engine: Any, proposals: list[Proposal], *, user_id: str, settings: Any,
           conversation_id: str | None = None, user_token: str | None = None) -> list[str]:
    """Store proposals (an undecided one for the same object is reused); returns their ids."""
    policy = get_policy(engine)
    ids = []
    with session_scope(engine) as s:
        for p in proposals:
            existing = repo.open_action(session=s, target_key=p.target_key)
            if existing is not None:
                ids.append(existing.id)
                continue
            preview = {**p.model_dump(mode="json"), **executor_of(settings, user_token=user_token, policy=policy),
                       "editable": list(CATALOG[p.action].editable)}
            row = repo.add_action(session=s, kind=p.action, title=p.title, target_key=p.target_key, risk=p.risk,
                                  params=p.params, preview=preview, proposed_by=user_id, finding=p.finding,
                                  estimated_monthly_saving=p.estimated_monthly_saving,
                                  backend="demo" if settings.warehouse_backend == "duckdb" else "databricks",
                                  conversation_id=conversation_id)
            ids.append(row.id)
    return ids


# --- reading -------------------------------------------------------------------------------------------

@dataclass
class ActionView:
    id: str
    kind: str
    title: str
    risk: str
    status: str
    params: dict[str, Any]
    preview: dict[str, Any]
    proposed_by: str
    proposed_at: datetime
    estimated_monthly_saving: float | None
    events: list[dict[str, Any]] = field(default_factory=list)

    @property
    def decided(self) -> bool:
        return any(e["event"] in ("approved", "rejected") for e in self.events)

    def last(self, *names: str) -> dict[str, Any] | None:
        return next((e for e in reversed(self.events) if e["event"] in names), None)


def _view(row: Any, events: list[Any]) -> ActionView:
    evs = [{"seq": e.seq, "event": e.event, "actor": e.actor, "at": e.at, "detail": e.detail or {},
            "message": e.message} for e in events]
    return ActionView(id=row.id, kind=row.kind, title=row.title, risk=row.risk, status=evs[-1]["event"] if evs
                      else "proposed", params=dict(row.params or {}), preview=dict(row.preview or {}),
                      proposed_by=row.proposed_by, proposed_at=row.proposed_at,
                      estimated_monthly_saving=row.estimated_monthly_saving, events=evs)


def get(engine: Any, action_id: str) -> ActionView:
    with session_scope(engine) as s:
        row = repo.get_action(session=s, action_id=action_id)
        return _view(row, repo.events(session=s, action_id=row.id))


def list_views(engine: Any, *, limit: int = 200, kinds: tuple[str, ...] | None = None,
               conversation_id: str | None = None) -> list[ActionView]:
    with session_scope(engine) as s:
        rows = repo.list_actions(session=s, limit=limit, kinds=kinds, conversation_id=conversation_id)
        evs = repo.latest_events(session=s, action_ids=[r.id for r in rows])
        return [_view(r, evs[r.id]) for r in rows]


# --- deciding ------------------------------------------------------------------------------------------

def check_decision(engine: Any, action_id: str, decision: str, *, role: str, params: dict[str, Any] | None = None
                   ) -> tuple[ActionView, dict[str, Any]]:
    """Refuse a decision the user may not take, with a message; returns the action and its final params."""
    if decision not in DECISIONS:
        raise ActionError(f"decision must be one of {', '.join(DECISIONS)}, got {decision!r}")
    view = get(engine, action_id)
    if role not in DECIDERS[view.risk]:
        raise PermissionDenied(f"Only an admin may {decision} a {view.risk}-risk action; viewers may only propose. "
                               "Ask an admin of Health Monitor.")
    final = dict(view.params)
    if params:
        spec = CATALOG[view.kind]
        changed = {k for k, v in params.items() if final.get(k) != v}
        locked = changed - set(spec.editable)
        if locked:
            raise ActionError(f"Only {', '.join(spec.editable) or 'nothing'} may be edited here, not "
                              f"{', '.join(sorted(locked))}.")
        final.update(params)
    try:
        CATALOG[view.kind].parse(final)
    except ValidationError as e:
        first = e.errors()[0]
        raise ActionError(f"{'.'.join(str(x) for x in first['loc'])}: {first['msg']}") from None
    return view, final


@dataclass
class Outcome:
    action_id: str
    status: str
    message: str
    replayed: bool = False
    detail: dict[str, Any] = field(default_factory=dict)


def apply_decision(engine: Any, action_id: str, decision: str, *, user_id: str, role: str, settings: Any,
                   params: dict[str, Any] | None = None, note: str = "", client: Any = None,
                   user_token: str | None = None) -> Outcome:
    """Record the decision (once) and, for an approval, carry the action out and record the outcome (once)."""
    view, final = check_decision(engine, action_id, decision, role=role, params=params)
    policy = get_policy(engine)
    if decision == "approve" and not policy.allows(view.kind):
        raise PermissionDenied(f"{view.kind} is not in the allow-list of actions (Settings → Actions).")
    with session_scope(engine) as s:
        ev = repo.add_event(session=s, action_id=view.id, event="approved" if decision == "approve" else "rejected",
                            actor=user_id, detail={"params": final, "edited": final != view.params, "note": note},
                            message=note)
    if ev is None:
        latest = get(engine, view.id)
        return Outcome(view.id, latest.status, f"Already decided ({latest.status}); nothing was done again.",
                       replayed=True)
    if decision == "reject":
        return Outcome(view.id, "rejected", "Rejected; nothing was changed.")
    event, detail, message = execute(view.kind, final, settings=settings, actor=user_id, policy=policy,
                                     client=client, user_token=user_token)
    with session_scope(engine) as s:
        written = repo.add_event(session=s, action_id=view.id, event=event, actor=user_id, detail=detail,
                                 message=message)
    if written is None:
        return Outcome(view.id, get(engine, view.id).status, "Already carried out; nothing was done again.",
                       replayed=True)
    return Outcome(view.id, event, message, detail=detail)


def execute(kind: str, params: dict[str, Any], *, settings: Any, actor: str, policy: Policy, client: Any = None,
            user_token: str | None = None) -> tuple[str, dict[str, Any], str]:
    """Carry one approved action out: (event, detail, message). Never raises: a failure is an outcome."""
    spec = CATALOG[kind]
    p = spec.parse(params)
    who = executor_of(settings, user_token=user_token, policy=policy)
    try:
        if who["executor"] == "demo":
            from health_monitor.actions.demo import demo_transaction

            with demo_transaction(settings.system_db_path, actor) as tx:
                result = spec.demo(tx, p)
            changed = result.pop("changed_at", None)
            return "executed", {**result, "params": params, **who, "changed_at": _iso(changed),
                                "response": {"system_tables": str(settings.system_db_path)}}, \
                "Done on the demo account; Gold shows it after the next build."
        w = client or workspace_client(settings, user_token)
        plan = spec.sdk_plan(w, p)
        detail = {"params": params, **who, "before": plan.before, "after": plan.after, "request": plan.jsonable()}
        if who["dry_run"]:
            return "dry_run", detail, ("Dry run: nothing was changed. An admin can enable execution on this "
                                       "account in Settings → Actions.")
        response = getattr(getattr(w, plan.api), plan.method)(**plan.kwargs)
        raw = getattr(response, "response", response)
        detail["response"] = raw.as_dict() if hasattr(raw, "as_dict") else (raw if isinstance(raw, dict) else None)
        detail["changed_at"] = utcnow().replace(tzinfo=None).isoformat()
        return "executed", detail, f"Done as {who['run_as']}."
    except ActionRefused as e:
        return "failed", {"params": params, **who, "error": str(e)}, f"Not carried out: {e}"
    except Exception as e:  # the executor's error, recorded whole; nothing was half-applied (one call / atomic)
        text = first_line(e)
        return "failed", {"params": params, **who, "error": f"{e.__class__.__name__}: {text}"}, \
            f"Failed, nothing was changed: {text}"


def _iso(v: Any) -> str | None:
    return v.isoformat() if hasattr(v, "isoformat") else v


# --- verifying -----------------------------------------------------------------------------------------

def verify(engine: Any, warehouse: Any, *, action_id: str | None = None, actor: str = SYSTEM_ACTOR
           ) -> list[tuple[str, Verification]]:
    """Run the verification query of every executed action (or one); append the result when it changed."""
    views = [get(engine, action_id)] if action_id else list_views(engine, limit=500)
    built = _gold_built_at(warehouse)
    out = []
    for view in views:
        done = view.last("executed")
        if done is None:
            continue
        result = verify_one(view, done, warehouse, built)
        out.append((view.id, result))
        last = view.last("verified", "regressed", "pending")
        if last and last["event"] == result.status and last["message"] == result.message:
            continue
        with session_scope(engine) as s:
            repo.add_event(session=s, action_id=view.id, event=result.status, actor=actor,
                           detail=result.model_dump(mode="json"), message=result.message)
    return out


def verify_one(view: ActionView, done: dict[str, Any], warehouse: Any, built: datetime | None) -> Verification:
    spec = CATALOG[view.kind]
    executed_at = done["at"]
    # Gold stamps its build to the second.
    if built is not None and built < executed_at.astimezone(timezone.utc).replace(microsecond=0):
        return Verification(status="pending", message="Gold has not been rebuilt since the change: run "
                                                      "`health-monitor gold build` (or wait for the scheduled build).")
    p = spec.parse(done["detail"].get("params") or view.params)
    since = done["detail"].get("changed_at") or executed_at.replace(tzinfo=None).isoformat()
    params = {**p.model_dump(), "since": datetime.fromisoformat(since)}
    from health_monitor.warehouse.dialect import referenced_params

    used = referenced_params(spec.verify_sql)
    try:
        rows = warehouse.query(spec.verify_sql, {k: v for k, v in params.items() if k in used}).rows
    except Exception as e:
        return Verification(status="pending", message=f"Not measured: the verification query failed ({e}).")
    result = spec.check(rows, p, done["detail"])
    if result.status == "verified" and view.estimated_monthly_saving:
        result.realised_monthly_saving, note = realised_saving(view, since, warehouse)
        result.message += f" {note}"
    return result


def _gold_built_at(warehouse: Any) -> datetime | None:
    try:
        v = warehouse.query(f"select built_at from {GOLD}.meta_build").scalar()
    except Exception:
        return None
    if isinstance(v, datetime):
        return v if v.tzinfo else v.replace(tzinfo=timezone.utc)
    return None


REALISED_COLUMNS = {"cluster": "cluster_id", "warehouse": "warehouse_id"}


def realised_saving(view: ActionView, since: str, warehouse: Any) -> tuple[float | None, str]:
    """Monthly saving seen in billing: the object's daily cost in the 30 days before the change minus its daily
    cost since, times 30 — once ``REALISED_MIN_DAYS`` complete days of usage exist after it."""
    target = view.preview.get("target") or {}
    column = REALISED_COLUMNS.get(target.get("kind", ""))
    if column is None:
        return None, "Realised saving: not measured for this kind of action."
    changed = datetime.fromisoformat(since).date()
    sql = (f"select sum(case when usage_date < :changed then list_cost else 0 end) / 30.0 as before_daily, "
           f"sum(case when usage_date > :changed then list_cost else 0 end) as after_cost, "
           f"count(distinct case when usage_date > :changed then usage_date end) as after_days, "
           f"(select as_of_date from {GOLD}.meta_build) as as_of_date "
           f"from {GOLD}.fact_usage_daily where workspace_id = :ws and {column} = :id and "
           f"usage_date >= :start")
    try:
        r = warehouse.query(sql, {"changed": changed, "ws": target.get("workspace_id"), "id": target.get("id"),
                                  "start": changed - timedelta(days=30)}).rows[0]
    except Exception as e:
        return None, f"Realised saving: not measured ({e})."
    days = (r["as_of_date"] - changed).days - 1 if r.get("as_of_date") else 0
    if days < REALISED_MIN_DAYS:
        return None, (f"Realised saving: not measured yet ({max(days, 0)} complete day(s) of billing since the change; "
                      f"{REALISED_MIN_DAYS} needed).")
    realised = ((r["before_daily"] or 0.0) - (r["after_cost"] or 0.0) / days) * 30.0
    return realised, f"Realised saving: about ${realised:,.0f}/month over {days} days."


def savings_summary(engine: Any) -> dict[str, Any]:
    """Estimated vs realised monthly savings of executed actions (the Cost Center's figure)."""
    views = [v for v in list_views(engine, limit=500) if v.last("executed") and v.estimated_monthly_saving]
    realised = [v.last("verified")["detail"].get("realised_monthly_saving") for v in views if v.last("verified")]
    measured = [x for x in realised if x is not None]
    return {"executed": len(views), "estimated": sum(v.estimated_monthly_saving or 0 for v in views),
            "realised": sum(measured) if measured else None, "measured": len(measured)}
