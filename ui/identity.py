"""Who is using the app.

As a Databricks App (the platform sets ``DATABRICKS_APP_NAME``) the user is the e-mail the Apps proxy
forwards in ``X-Forwarded-Email``. Anywhere else the configured local user (``HM_LOCAL_USER``) is used
and forwarded headers are **ignored**: outside the proxy anyone can send any header, so trusting them
locally would let a browser claim to be an admin.

:func:`resolve_identity` is pure (headers and environment are arguments) so tests pin the rule;
:func:`current_identity` reads them from Streamlit and the process.
"""

from __future__ import annotations

import logging
import os
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from health_monitor.core.errors import HealthMonitorError

log = logging.getLogger(__name__)
#: Set by Databricks Apps in every app process (reference/databricks-platform.md section 5.3).
APP_ENV_VAR = "DATABRICKS_APP_NAME"
EMAIL_HEADER = "X-Forwarded-Email"
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+")


class IdentityUnavailable(HealthMonitorError):
    """Running as a Databricks App but the proxy forwarded no user: fail closed."""


@dataclass(frozen=True)
class Identity:
    user_id: str
    source: Literal["databricks-app", "local"]

    @property
    def display_name(self) -> str:
        """``jane.doe@company.com`` -> ``Jane Doe`` (used until the user sets a display name)."""
        local = self.user_id.split("@", 1)[0]
        words = [w for w in re.split(r"[._\-]+", local) if w]
        return " ".join(w.capitalize() for w in words) or self.user_id


def running_as_databricks_app(env: Mapping[str, str] | None = None) -> bool:
    """True inside a Databricks App (the only place forwarded headers come from a trusted proxy)."""
    environ = os.environ if env is None else env
    return bool((environ.get(APP_ENV_VAR) or "").strip())


def _header(headers: Mapping[str, str] | None, name: str) -> str | None:
    if not headers:
        return None
    value = headers.get(name)
    if value is None:  # plain dicts (tests) are case-sensitive; st.context.headers is not
        lowered = name.lower()
        value = next((v for k, v in headers.items() if str(k).lower() == lowered), None)
    return value


def resolve_identity(*, local_user: str, headers: Mapping[str, str] | None,
                     env: Mapping[str, str] | None = None) -> Identity:
    """The user: the forwarded e-mail as a Databricks App, else ``local_user`` (headers ignored)."""
    if not running_as_databricks_app(env):
        return Identity(user_id=local_user.strip() or "local@health-monitor", source="local")
    email = (_header(headers, EMAIL_HEADER) or "").strip()
    if not _EMAIL.fullmatch(email):
        raise IdentityUnavailable("The Databricks Apps proxy did not forward your e-mail (X-Forwarded-Email). "
                                  "Reload the page; if it persists, open the app through its Databricks URL.")
    return Identity(user_id=email.lower(), source="databricks-app")


#: Workspace group whose members are admins of the app (besides ``HM_ADMIN_USERS``).
WORKSPACE_ADMIN_GROUP = "admins"
_ADMIN_CACHE: dict[str, tuple[float, bool]] = {}
_ADMIN_TTL_S = 600.0


def is_workspace_admin(email: str, *, client: Any = None, group: str = WORKSPACE_ADMIN_GROUP,
                       clock: Callable[[], float] = time.monotonic) -> bool:
    """Whether ``email`` is in the workspace's admin group (databricks-sdk, cached 10 minutes).
    Any failure (no SDK, no permission, no such user) is "no": admin rights fail closed."""
    key = f"{group}:{email.lower()}"
    hit = _ADMIN_CACHE.get(key)
    if hit is not None and clock() - hit[0] < _ADMIN_TTL_S:
        return hit[1]
    try:
        if client is None:
            from databricks.sdk import WorkspaceClient

            client = WorkspaceClient()
        quoted = email.replace('"', "")
        users = list(client.users.list(filter=f'userName eq "{quoted}"', attributes="userName,groups"))
        answer = any((u.user_name or "").lower() == email.lower()
                     and any((g.display or "") == group for g in (u.groups or [])) for u in users)
    except Exception as e:  # noqa: BLE001 - fail closed, and say why in the log
        log.warning("could not check whether %s is a workspace admin: %s", email, type(e).__name__)
        answer = False
    _ADMIN_CACHE[key] = (clock(), answer)
    return answer


def current_identity(local_user: str) -> Identity:
    """The identity of this Streamlit session (headers of its initial request)."""
    import streamlit as st

    try:
        headers = st.context.headers
    except Exception:  # no browser session (bare script run): nothing was forwarded
        headers = None
    return resolve_identity(local_user=local_user, headers=headers)
