"""POST JSON with retries: exponential backoff on 5xx, 429 and transport errors (timeouts, refused
connections); no retry on other 4xx. Errors and logs never show the URL's path or any secret."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from typing import Any

import httpx
from health_monitor.alerts.channels.base import ChannelConfig, DeliveryResult, mask, redact_url

log = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({429}) | frozenset(range(500, 600))


class _MaskUrls(logging.Filter):
    """httpx logs every request with its full URL at INFO: keep scheme and host only."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask(record.getMessage())
        record.args = None
        return True


def _guard_httpx_logs() -> None:
    for name in ("httpx", "httpcore"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, _MaskUrls) for f in logger.filters):
            logger.addFilter(_MaskUrls())


def post_json(url: str, payload: dict[str, Any], *, config: ChannelConfig, secrets: Iterable[str] = (),
              ok_statuses: Iterable[int] = (200, 201, 202, 204), sleep: Callable[[float], None] = time.sleep,
              transport: httpx.BaseTransport | None = None) -> DeliveryResult:
    """POST ``payload`` to ``url``; retry per ``config``; return what happened (never raise)."""
    _guard_httpx_logs()
    secrets = [*secrets, *config.secret_values()]
    where = redact_url(url)
    ok_set = set(ok_statuses)
    attempts = 0
    status: int | None = None
    error = "not sent"
    with httpx.Client(timeout=config.http_timeout_s, transport=transport, follow_redirects=False) as client:
        for attempt in range(config.retries + 1):
            if attempt:
                pause = min(config.backoff_max_s, config.backoff_s * 2 ** (attempt - 1))
                log.info("retrying POST %s in %.2fs (attempt %d of %d): %s", where, pause, attempt + 1,
                         config.retries + 1, error)
                sleep(pause)
            attempts += 1
            try:
                response = client.post(url, json=payload)
            except httpx.TransportError as e:
                status = None
                error = mask(f"{type(e).__name__} posting to {where}: {e}", secrets)
                continue
            status = response.status_code
            if status in ok_set:
                return DeliveryResult(ok=True, status=status, attempts=attempts)
            body = mask(response.text[:200].strip(), secrets)
            error = f"HTTP {status} from {where}" + (f": {body}" if body else "")
            if status not in RETRY_STATUSES:
                break
    log.warning("delivery to %s failed after %d attempt(s): %s", where, attempts, error)
    return DeliveryResult(ok=False, status=status, attempts=attempts, error=error)
