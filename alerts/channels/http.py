"""POST JSON with retries: exponential backoff on 5xx, 429 and transport errors (timeouts, refused
connections); no retry on other 4xx. Errors and logs never show the URL's path or any secret.

Only ``https`` URLs to an allowed host (``ChannelConfig.allowed_hosts``) are posted to, so a webhook
URL cannot make the server call an internal address; an entry with a scheme (``http://127.0.0.1:8080``)
allows that exact origin. A remote reply's body is never returned: the caller sees the status only.
Every send has a total deadline (``deadline_s``) covering attempts and pauses.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from typing import Any

import httpx
from health_monitor.alerts.channels.base import ChannelConfig, DeliveryResult, mask, redact_url

log = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({429}) | frozenset(range(500, 600))


def url_refusal(url: str, allowed_hosts: Iterable[str]) -> str | None:
    """Why ``url`` may not be posted to (None when it may): https to an allowed host, or an allowed origin."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError):
        return "the webhook URL is not a valid URL"
    host = (parsed.host or "").lower()
    origin = f"{parsed.scheme}://{host}" + (f":{parsed.port}" if parsed.port else "")
    for entry in (a.strip().lower().rstrip("/") for a in allowed_hosts if a and a.strip()):
        if "://" in entry:
            if origin == entry:
                return None
        elif parsed.scheme == "https" and host == entry:
            return None
    if parsed.scheme != "https":
        return f"only https webhook URLs are allowed, not {parsed.scheme or 'no scheme'}"
    return (f"webhook host {host or '(none)'} is not allowed; an admin can add it to HM_ALERT_ALLOWED_HOSTS "
            f"(allowed now: {', '.join(allowed_hosts) or 'none'})")


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
              transport: httpx.BaseTransport | None = None,
              clock: Callable[[], float] = time.monotonic) -> DeliveryResult:
    """POST ``payload`` to ``url``; retry per ``config`` within ``config.deadline_s``; return what
    happened (never raise)."""
    _guard_httpx_logs()
    secrets = [*secrets, *config.secret_values()]
    where = redact_url(url)
    refusal = url_refusal(url, config.allowed_hosts)
    if refusal:
        log.warning("not posting to %s: %s", where, refusal)
        return DeliveryResult(ok=False, attempts=0, permanent=True, error=mask(refusal, secrets))
    ok_set = set(ok_statuses)
    attempts = 0
    status: int | None = None
    error = "not sent"
    deadline = clock() + config.deadline_s
    with httpx.Client(timeout=config.http_timeout_s, transport=transport, follow_redirects=False) as client:
        for attempt in range(config.retries + 1):
            if attempt:
                pause = min(config.backoff_max_s, config.backoff_s * 2 ** (attempt - 1))
                if clock() + pause >= deadline:
                    error += f" (gave up: the {config.deadline_s:g} s delivery deadline)"
                    break
                log.info("retrying POST %s in %.2fs (attempt %d of %d): %s", where, pause, attempt + 1,
                         config.retries + 1, error)
                sleep(pause)
            left = deadline - clock()
            if left <= 0:
                break
            attempts += 1
            try:
                response = client.post(url, json=payload, timeout=min(config.http_timeout_s, left))
            except httpx.TransportError as e:
                status = None
                error = mask(f"{type(e).__name__} posting to {where}: {e}", secrets)
                continue
            status = response.status_code
            if status in ok_set:
                return DeliveryResult(ok=True, status=status, attempts=attempts)
            error = f"HTTP {status} from {where}"  # the reply's body is the remote's text: never shown
            if status not in RETRY_STATUSES:
                break
    log.warning("delivery to %s failed after %d attempt(s): %s", where, attempts, error)
    return DeliveryResult(ok=False, status=status, attempts=attempts, error=error)
