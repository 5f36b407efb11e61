"""Roles: ``admin`` or ``viewer`` (the default).

:func:`ensure_user` is called when a user opens the app: it records them; anyone in ``admins``
(``HM_ADMIN_USERS``, and as an App the workspace's admins) is an admin. The very first user becomes admin
only with ``first_user_admin`` (a local, single-user install): as a Databricks App it is off, so the
first e-mail to open the app gains nothing. Identity itself (the ``X-Forwarded-Email`` header behind
the Apps proxy, ``HM_LOCAL_USER`` outside it) is the app's job.
"""

from __future__ import annotations

from collections.abc import Collection

from health_monitor.db.errors import PermissionDenied
from health_monitor.db.models import USER_ROLES, UserRole
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from health_monitor.core.settings import Settings


def configured_admins(settings: Settings) -> frozenset[str]:
    return frozenset(u.strip().lower() for u in settings.admin_users.split(",") if u.strip())


def get_role(*, session: Session, user_id: str, admins: Collection[str] = ()) -> str:
    """``admin`` for a configured or recorded admin, else ``viewer``."""
    if user_id.lower() in {a.lower() for a in admins}:
        return "admin"
    row = session.get(UserRole, user_id)
    return row.role if row is not None else "viewer"


def is_admin(*, session: Session, user_id: str, admins: Collection[str] = ()) -> bool:
    return get_role(session=session, user_id=user_id, admins=admins) == "admin"


def ensure_user(*, session: Session, user_id: str, admins: Collection[str] = (),
                first_user_admin: bool = True) -> str:
    """Record a user on first sight (with ``first_user_admin``, the install's first user becomes admin);
    return the role."""
    row = session.get(UserRole, user_id)
    if row is None:
        if session.get_bind().dialect.name == "postgresql":
            session.execute(text("lock table user_roles in share row exclusive mode"))
        first = first_user_admin and not session.scalar(select(func.count()).select_from(UserRole))
        role = "admin" if first or user_id.lower() in {a.lower() for a in admins} else "viewer"
        row = UserRole(user_id=user_id, role=role, granted_by="first-user" if first else None)
        session.add(row)
        session.flush()
    return get_role(session=session, user_id=user_id, admins=admins)


def set_role(*, session: Session, user_id: str, target_user_id: str, role: str,
             admins: Collection[str] = ()) -> str:
    """An admin (``user_id``) gives ``target_user_id`` a role."""
    if role not in USER_ROLES:
        raise ValueError(f"role must be one of {', '.join(USER_ROLES)}, got {role!r}")
    if not is_admin(session=session, user_id=user_id, admins=admins):
        raise PermissionDenied("Only an admin can change roles; ask an admin of Health Monitor.")
    row = session.get(UserRole, target_user_id)
    if row is None:
        row = UserRole(user_id=target_user_id)
        session.add(row)
    row.role, row.granted_by = role, user_id
    session.flush()
    return role


def list_roles(*, session: Session, user_id: str, admins: Collection[str] = ()) -> dict[str, str]:
    """Every recorded user and role (admins only)."""
    if not is_admin(session=session, user_id=user_id, admins=admins):
        raise PermissionDenied("Only an admin can list roles.")
    return {r.user_id: r.role for r in session.scalars(select(UserRole).order_by(UserRole.user_id))}
