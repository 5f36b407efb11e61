"""From finding to fix: an action catalog (:mod:`actions.catalog`), proposals from the specialists'
findings, approval by a person, execution (Databricks SDK or the demo account), an append-only audit
trail in the state database and verification after the next Gold build.

    from health_monitor.actions import service
    service.propose(findings, lookup=..., engine=..., user_id=...)   # -> recorded proposals
    service.decide(engine, action_id, "approve", user_id=..., role="admin", settings=...)
"""
