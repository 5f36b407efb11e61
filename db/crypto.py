"""Encryption of integration secrets at rest, and their masked display form.

With ``cryptography`` installed (it is, through databricks-sdk's dependencies) values are Fernet tokens
(``fernet:<token>``). The key, first match wins:

1. ``HM_STATE_SECRET_KEY`` (the deployed app gets it from a Databricks secret through ``app.yaml``);
2. ``HM_STATE_SECRET_SCOPE`` / ``HM_STATE_SECRET_NAME``: read from that Databricks secret with the SDK
   (what the bundle's jobs do);
3. ``$HM_DATA_DIR/state.key`` (created 0600 on first use) - local use only: inside a Databricks App the
   data dir is wiped on restart, so there a missing key is an error, never a fresh throwaway key.

Without ``cryptography`` values are stored ``plain:`` and a warning is logged once: install it for
anything but a laptop demo. :func:`check_key` says whether the key loads and decrypts what is stored.
"""

from __future__ import annotations

import base64
import logging
import os
from pathlib import Path

from health_monitor.db.engine import session_scope
from health_monitor.db.errors import StateError
from health_monitor.db.models import Integration, IntegrationSecret

from health_monitor.core.settings import Settings

log = logging.getLogger(__name__)
MASK = "••••"


def mask(value: str | None, *, keep: int = 4) -> str:
    """``'••••abcd'``: the last ``keep`` characters of a long enough secret, else only dots."""
    if not value:
        return ""
    return MASK + (value[-keep:] if len(value) >= 2 * keep else "")


class SecretBox:
    """Encrypts and decrypts secret strings; ``repr`` never shows the key."""

    def __init__(self, key: bytes | str | None) -> None:
        self._fernet = None
        if key is not None:
            from cryptography.fernet import Fernet

            self._fernet = Fernet(key.encode() if isinstance(key, str) else key)

    @classmethod
    def from_settings(cls, settings: Settings) -> SecretBox:
        try:
            from cryptography.fernet import Fernet
        except ImportError:  # pragma: no cover - cryptography is installed with databricks-sdk
            log.warning("cryptography is not installed: integration secrets are stored unencrypted")
            return cls(None)
        if settings.state_secret_key:
            return cls(_fernet_key(settings.state_secret_key, "HM_STATE_SECRET_KEY"))
        if settings.state_secret_scope:
            return cls(_fernet_key(_databricks_secret(settings), f"secret {settings.state_secret_scope}/"
                                                                  f"{settings.state_secret_name}"))
        if settings.databricks_app_name:
            raise StateError("No key for integration secrets: set HM_STATE_SECRET_KEY from a Databricks secret "
                             "(app.yaml valueFrom) - a key file in the App's data dir is lost on restart.")
        path = Path(settings.data_dir) / "state.key"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as fh:
                fh.write(Fernet.generate_key())
        return cls(path.read_bytes().strip())

    @property
    def encrypted(self) -> bool:
        return self._fernet is not None

    def encrypt(self, value: str) -> str:
        if self._fernet is None:
            return "plain:" + base64.b64encode(value.encode()).decode()
        return "fernet:" + self._fernet.encrypt(value.encode()).decode()

    def decrypt(self, stored: str) -> str:
        scheme, _, body = stored.partition(":")
        if scheme == "plain":
            return base64.b64decode(body).decode()
        if scheme != "fernet" or self._fernet is None:
            raise StateError("This secret was encrypted with a key this process does not have; set "
                             "HM_STATE_SECRET_KEY (or restore $HM_DATA_DIR/state.key) and retry.")
        from cryptography.fernet import InvalidToken

        try:
            return self._fernet.decrypt(body.encode()).decode()
        except InvalidToken:
            raise StateError("An integration secret cannot be decrypted with the configured key; set "
                             "HM_STATE_SECRET_KEY to the key it was saved with, or enter the secret again.") from None

    def __repr__(self) -> str:
        return f"SecretBox(encrypted={self.encrypted})"


def _fernet_key(value: str | bytes, where: str) -> bytes:
    """The key as bytes, checked: a wrong length or alphabet is a clear error naming its source."""
    from cryptography.fernet import Fernet

    key = (value.encode() if isinstance(value, str) else value).strip()
    try:
        Fernet(key)
    except (ValueError, TypeError):
        raise StateError(f"{where} is not a Fernet key (32 url-safe base64 bytes); create one with "
                         "`python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'`"
                         ) from None
    return key


def _databricks_secret(settings: Settings) -> str:
    """The key stored in a Databricks secret (``HM_STATE_SECRET_SCOPE``/``HM_STATE_SECRET_NAME``)."""
    try:
        from databricks.sdk import WorkspaceClient

        kwargs = {k: v for k, v in (("host", settings.databricks_host),
                                    ("profile", settings.databricks_profile)) if v}
        got = WorkspaceClient(**kwargs).secrets.get_secret(scope=settings.state_secret_scope,
                                                           key=settings.state_secret_name)
    except Exception as e:  # noqa: BLE001 - SDK auth, permission and lookup errors all mean "no key"
        raise StateError(f"Cannot read the key from Databricks secret {settings.state_secret_scope}/"
                         f"{settings.state_secret_name}: {type(e).__name__}: {e}") from None
    return base64.b64decode(got.value or "").decode()


def check_key(settings: Settings, engine: object | None = None) -> tuple[bool, str]:
    """``(ok, message)`` for ``doctor``: does the key load, where does it come from, will it survive a
    restart, and (with ``engine``) can it decrypt every stored integration secret."""
    try:
        box = SecretBox.from_settings(settings)
    except (StateError, OSError) as e:
        return False, f"integration-secret key: {e}"
    if not box.encrypted:
        return False, "integration-secret key: cryptography is not installed; secrets would be stored unencrypted"
    if settings.state_secret_key:
        source = "HM_STATE_SECRET_KEY"
    elif settings.state_secret_scope:
        source = f"Databricks secret {settings.state_secret_scope}/{settings.state_secret_name}"
    else:
        source = f"key file {Path(settings.data_dir) / 'state.key'}"
    notes = []
    if source.startswith("key file") and str(Path(settings.data_dir).resolve()).startswith(("/tmp", "/var/tmp")):
        notes.append("it lives in a temporary folder and will be lost; set HM_STATE_SECRET_KEY")
    if engine is not None:
        from sqlalchemy import select

        bad: list[str] = []
        with session_scope(engine) as s:  # type: ignore[arg-type]
            rows = s.execute(select(Integration.name, IntegrationSecret.name, IntegrationSecret.ciphertext)
                             .join(IntegrationSecret, IntegrationSecret.integration_id == Integration.id)).all()
            for integration, name, ciphertext in rows:
                try:
                    box.decrypt(ciphertext)
                except StateError:
                    bad.append(f"{integration}.{name}")
        if bad:
            return False, (f"integration-secret key from {source} cannot decrypt {len(bad)} of {len(rows)} stored "
                           f"secret(s) ({', '.join(sorted(bad)[:5])}): restore the key they were saved with, or "
                           "enter those secrets again")
        notes.insert(0, f"decrypts all {len(rows)} stored secret(s)")
    return not any("lost" in n for n in notes), f"integration-secret key from {source}" + (
        f": {'; '.join(notes)}" if notes else "")
