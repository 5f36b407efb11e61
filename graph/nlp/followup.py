"""Follow-up turns: does this question lean on the previous one, and what does it change?

:func:`detect_followup` reads cues only (no context needed): an opening "and ..."/"what about ...", a
reference ("that job", "those runs", "it", "the jump"), or a question too short to stand alone.
:func:`merge_context` then combines the parsed question with the stored :class:`TurnContext`:
what the follow-up specifies wins (a new time window replaces the whole old window); what it leaves
out (domains, other parameters, the entities it points back at) is carried over.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from health_monitor.graph.nlp.models import TIME_KEYS, ParsedQuestion, TurnContext

_OPENERS = re.compile(r"^\s*(?:and|also|plus|but|ok(?:ay)?|so|then|what about|how about|same (?:for|but)|"
                      r"now|go back to|back to|compare (?:that|it|this)|and what about|what else)\b", re.IGNORECASE)
#: Reference word -> the entity kind it points at ("any": whatever the last turn named).
_REFERENCES: dict[str, str] = {
    "job": "job", "jobs": "job", "run": "job", "runs": "job", "user": "user", "users": "user",
    "principal": "user", "person": "user", "account": "user", "ip": "ip", "address": "ip",
    "table": "table", "tables": "table", "workspace": "workspace", "warehouse": "warehouse",
    "cluster": "cluster", "model": "model", "endpoint": "endpoint", "pipeline": "pipeline",
    "group": "group", "expectation": "expectation", "check": "expectation", "one": "any", "ones": "any",
}
_REF = re.compile(r"\b(?:that|those|these|this|the same|same)\s+(?:[a-z]+\s+){0,2}?"
                  r"(job|jobs|runs?|users?|principal|person|account|ip|address|tables?|workspace|warehouse|"
                  r"cluster|model|endpoint|pipeline|group|expectation|check|ones?)\b", re.IGNORECASE)
_PRONOUN = re.compile(r"\b(?:it|its|them|they|those)\b|\bthat\s*\?*$", re.IGNORECASE)
_ANAPHORIC = re.compile(r"\b(?:the|that|this)\s+(?:jump|spike|increase|drop|dip|change|failure|error|outage|"
                        r"incident|alert|event|anomaly|breach|one)\b|\bwho (?:was|is) (?:that|it)\b|"
                        r"\bwhat else\b|\binstead\b|\bas well\b|\btoo\b\s*\??$", re.IGNORECASE)


@dataclass
class FollowUp:
    """Whether the turn is a follow-up, the cues seen, and the references by kind."""

    is_followup: bool = False
    cues: list[str] = field(default_factory=list)
    references: dict[str, str] = field(default_factory=dict)


def detect_followup(text: str, *, has_own_domain: bool = True, has_own_entities: bool = False) -> FollowUp:
    """Cues that the turn depends on the previous one. ``has_own_domain``: the router found a domain in the
    text itself (an elliptical "and last week?" has none, which is itself a cue)."""
    t = (text or "")[:2000]
    out = FollowUp()
    if _OPENERS.search(t):
        out.cues.append(_OPENERS.search(t)[0].strip().lower())
    for m in _REF.finditer(t):
        out.references[m[0].lower()] = _REFERENCES[m[1].lower()]
    if _ANAPHORIC.search(t):
        out.cues.append(_ANAPHORIC.search(t)[0].lower())
    words = re.findall(r"[a-zA-Z']+", t)
    pronoun = _PRONOUN.search(t)
    if pronoun and not has_own_entities and len(words) <= 12:
        out.references.setdefault(pronoun[0].lower(), "any")
    if not has_own_domain and 0 < len(words) <= 6:
        out.cues.append("short question with no topic of its own")
    out.cues += [f"refers to {r!r}" for r in out.references]
    out.is_followup = bool(out.cues)
    return out


def merge_context(previous: TurnContext | None, current: ParsedQuestion) -> ParsedQuestion:
    """``current`` completed from ``previous``: a pure function (neither argument is changed).

    - not a follow-up, or no previous turn (or it was off-topic): ``current`` unchanged;
    - domains: the follow-up's own when it has any, else the previous turn's;
    - params: the previous ones, with the follow-up's on top; a new time window drops the old one whole;
    - entities: the follow-up's own, plus the previous kinds it refers to ("that job", "it") or does not
      name at all when it keeps the previous domains ("and last week?" keeps the workspace).
    """
    if not current.is_followup or previous is None or previous.off_topic:
        return current
    merged = current.model_copy(deep=True)
    carried: list[str] = []
    if not merged.domains and previous.domains:
        merged.domains = list(previous.domains)
        merged.off_topic = False
        carried.append("domains")
    kept_domains = "domains" in carried
    params = {k: v for k, v in previous.params.items()
              if not (k in TIME_KEYS and any(t in current.params for t in TIME_KEYS))}
    carried += [f"params.{k}" for k in params if k not in current.params]
    merged.params = {**params, **current.params}
    wanted = set(current.references.values())
    for kind, names in previous.entities.items():
        if kind in merged.entities:
            continue
        if "any" in wanted or kind in wanted or kept_domains:
            merged.entities[kind] = list(names)
            carried.append(f"entities.{kind}")
    merged.carried = carried
    return merged
