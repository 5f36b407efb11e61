"""Alerts: rules evaluated against the tool catalog, alert events that never double-page, channels.

* :mod:`alerts.rules`: the :class:`~alerts.rules.AlertRule` model, :func:`~alerts.rules.parse_rule`,
  ``AlertRule.validate_against(catalog)``, :func:`~alerts.rules.dedup_key`.
* :mod:`alerts.defaults`: the six rules a new install gets once; :mod:`alerts.columns`: the tool
  columns they (and the plain-language parser) assume.
* :mod:`alerts.evaluate`: ``evaluate_rule`` (rows -> observations), ``transition`` (the state
  machine) and ``run_evaluation`` (store + notifier), returning an ``EvaluationReport``.
* :mod:`alerts.store`: the ``AlertStore`` protocol the db/ layer implements, and an in-memory store.
* :mod:`alerts.channels`: Slack, e-mail, PagerDuty senders in a registry; ``ChannelNotifier``.
* :mod:`alerts.nl_rules`: ``propose_rule(text)`` -> a rule and a sentence to confirm, offline.
* :mod:`alerts.service`: what the CLI, the job and the app call (``install_default_rules``, ``evaluate_all``,
  ``test_rule``, ``save_rule``, ``user_rules``, ``propose_from_text``, ``send_test_notification``).
* :mod:`alerts.sql_store`: the ``AlertStore`` over the state database; :mod:`alerts.integrations`: channel
  settings from ``HM_ALERT_*`` overlaid with stored integrations, per rule owner.

Nothing here imports Streamlit, connects or reads the environment at import time. Sending installs a
logging filter on the ``httpx``/``httpcore`` loggers that strips URL paths (webhook tokens) from their
records.
"""
