"""What an action is: typed parameters, the finding kinds it answers, a risk tier, a preview,
an executor per backend and a verification query. The catalog (:mod:`actions.catalog`) is data
made of these."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Risk = Literal["low", "medium", "high"]
RISK_RANK = {"low": 0, "medium": 1, "high": 2}


class ActionParams(BaseModel):
    """Base of every action's parameters: unknown fields are refused, so an edit cannot smuggle any in."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Change(BaseModel):
    """One field that changes: from -> to."""

    field: str
    before: Any = None
    after: Any = None


class Target(BaseModel):
    """The object an action changes, as the tools named it."""

    kind: str
    id: str
    name: str
    workspace_id: str | None = None
    workspace_name: str | None = None

    @property
    def label(self) -> str:
        where = f" in {self.workspace_name}" if self.workspace_name else ""
        return f"{self.kind} {self.name}{where}"


class Proposal(BaseModel):
    """A concrete action on a concrete object, before anyone decided on it."""

    action: str
    title: str
    risk: Risk
    target: Target
    params: dict[str, Any]
    changes: list[Change] = Field(default_factory=list)
    estimated_monthly_saving: float | None = None
    risk_removed: str | None = None
    #: Why: the finding's words (agent, title, the row that named the object).
    evidence: str = ""
    finding: dict[str, Any] = Field(default_factory=dict)

    @property
    def target_key(self) -> str:
        return f"{self.action}:{self.target.workspace_id or '-'}:{self.target.id}"


class Verification(BaseModel):
    """The outcome of an action's verification query."""

    status: Literal["verified", "regressed", "pending"]
    message: str
    observed: dict[str, Any] = Field(default_factory=dict)
    realised_monthly_saving: float | None = None


@dataclass(frozen=True)
class SdkPlan:
    """The one mutating SDK call an executor makes (``clusters.update`` with its kwargs), after reads.
    One call per action: a failure leaves nothing half-done."""

    api: str
    method: str
    kwargs: dict[str, Any]
    before: dict[str, Any]
    after: dict[str, Any]

    def jsonable(self) -> dict[str, Any]:
        def plain(v: Any) -> Any:
            if hasattr(v, "as_dict"):
                return v.as_dict()
            if hasattr(v, "value") and v.__class__.__module__.startswith("databricks"):
                return v.value
            if isinstance(v, list):
                return [plain(x) for x in v]
            if isinstance(v, dict):
                return {k: plain(x) for k, x in v.items()}
            return v

        return {"call": f"{self.api}.{self.method}", "kwargs": plain(self.kwargs)}


@dataclass(frozen=True)
class ActionSpec:
    """One entry of the catalog."""

    name: str
    title: str
    description: str
    risk: Risk
    params: type[ActionParams]
    #: Finding kinds (the tool whose rows named the object) this action answers.
    answers: tuple[str, ...]
    #: ``(lookup, finding) -> proposals``: the objects of a finding this action would fix.
    propose: Callable[[Any, Any], list[Proposal]]
    #: ``(client, params) -> SdkPlan``: reads with the Databricks SDK, then the one call to make.
    sdk_plan: Callable[[Any, Any], SdkPlan]
    #: ``(demo_tx, params) -> {"before": ..., "after": ...}``: writes the change into the demo's tables.
    demo: Callable[[Any, Any], dict[str, Any]]
    #: SQL over Gold/system tables with bound parameters; ``check`` reads its rows.
    verify_sql: str
    check: Callable[[list[dict[str, Any]], Any, dict[str, Any]], Verification]
    #: Which parameter an Edit may change (with the bounds its pydantic model sets).
    editable: tuple[str, ...] = ()

    def parse(self, params: dict[str, Any]) -> ActionParams:
        return self.params.model_validate(params)
