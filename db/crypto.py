"""Encryption of integration secrets at rest, and their masked display form.

With ``cryptography`` installed (it is, through databricks-sdk's dependencies) values are Fernet tokens
(``fernet:<token>``). The key is ``HM_STATE_SECRET_KEY`` or, by default, ``$HM_DATA_DIR/state.key``
(created 0600 on first use). Without ``cryptography`` values are stored ``plain:`` and a warning is
logged once: install it for anything but a laptop demo.
"""

from __future__ import annotations

import base64
import logging
import os
from pathlib import Path

from health_monitor.db.errors import StateError

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
            return cls(settings.state_secret_key)
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
