"""E-mail over SMTP: STARTTLS when configured or offered, login when credentials are given.

``smtp_starttls``: ``always`` (refuse to send in clear), ``auto`` (upgrade when the server offers it),
``never``. A login (username and password) is only ever sent over TLS. Transient failures (disconnects, timeouts, 4xx replies) are retried with backoff; 5xx
replies and authentication errors are not. The password never appears in results or logs.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
import time
from collections.abc import Callable
from email.message import EmailMessage

from health_monitor.alerts.channels.base import ChannelConfig, DeliveryResult, Notification, mask
from health_monitor.alerts.rules import format_value

log = logging.getLogger(__name__)


def email_message(n: Notification, config: ChannelConfig, recipients: list[str]) -> EmailMessage:
    msg = EmailMessage()
    # a header from the data: no line breaks or control characters (they would inject or refuse headers)
    msg["Subject"] = "".join(ch for ch in f"[Health Monitor] {n.title}" if ch.isprintable())[:200]
    msg["From"] = config.smtp_from
    msg["To"] = ", ".join(recipients)
    lines = [
        n.message,
        "",
        f"Rule:      {n.rule_name}",
        f"Subject:   {n.subject or 'whole account'}",
        f"Value:     {format_value(n.value, n.unit)}",
        f"Threshold: {format_value(n.threshold, n.unit)}",
        f"Severity:  {n.severity}",
        f"When:      {n.at:%Y-%m-%d %H:%M} UTC",
        "",
        f"Open in Health Monitor: {n.link(config.base_url)}",
        "",
        f"Alert key: {n.dedup_key}",
    ]
    msg.set_content("\n".join(lines) + "\n")
    return msg


class _Permanent(Exception):
    """A failure retrying cannot fix."""


class EmailChannel:
    name = "email"

    def __init__(self, config: ChannelConfig, *, sleep: Callable[[float], None] = time.sleep) -> None:
        self.config = config
        self.sleep = sleep

    def recipients(self, n: Notification) -> list[str]:
        if self.config.email_to:
            return list(self.config.email_to)
        return [n.owner] if n.owner and "@" in n.owner else []

    def tls_context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=self.config.smtp_ca_file)

    def send(self, notification: Notification) -> DeliveryResult:
        cfg = self.config
        if not cfg.smtp_host:
            return DeliveryResult(ok=False, attempts=0, permanent=True,
                                  error="e-mail is not configured: set HM_ALERT_SMTP_HOST")
        to = self.recipients(notification)
        if not to:
            return DeliveryResult(ok=False, attempts=0, permanent=True,
                                  error="no e-mail recipient: set HM_ALERT_EMAIL_TO or give the rule an e-mail owner")
        message = email_message(notification, cfg, to)
        secrets = cfg.secret_values()
        attempts, code, error, permanent = 0, None, "not sent", False
        for attempt in range(cfg.retries + 1):
            if attempt:
                pause = min(cfg.backoff_max_s, cfg.backoff_s * 2 ** (attempt - 1))
                log.info("retrying e-mail via %s in %.2fs: %s", cfg.smtp_host, pause, error)
                self.sleep(pause)
            attempts += 1
            try:
                self._deliver(message, to)
                return DeliveryResult(ok=True, status=250, attempts=attempts)
            except _Permanent as e:
                error, permanent = mask(str(e), secrets), True
                break
            except smtplib.SMTPResponseException as e:
                code = e.smtp_code
                error = mask(f"SMTP {e.smtp_code} from {cfg.smtp_host}: {_text(e.smtp_error)}", secrets)
                if isinstance(e, smtplib.SMTPAuthenticationError) or not 400 <= e.smtp_code < 500:
                    permanent = True
                    break
            except smtplib.SMTPRecipientsRefused as e:
                error, permanent = mask(f"recipients refused by {cfg.smtp_host}: {', '.join(e.recipients)}", secrets), True
                break
            except (smtplib.SMTPNotSupportedError, ssl.SSLError) as e:
                error = mask(f"{type(e).__name__} talking to {cfg.smtp_host}:{cfg.smtp_port}: {e}", secrets)
                permanent = True
                break
            except (smtplib.SMTPException, OSError) as e:
                code = None
                error = mask(f"{type(e).__name__} talking to {cfg.smtp_host}:{cfg.smtp_port}: {e}", secrets)
        log.warning("e-mail via %s failed after %d attempt(s): %s", cfg.smtp_host, attempts, error)
        return DeliveryResult(ok=False, status=code, attempts=attempts, error=error, permanent=permanent)

    def _deliver(self, message: EmailMessage, to: list[str]) -> None:
        cfg = self.config
        with smtplib.SMTP(cfg.smtp_host or "", cfg.smtp_port, timeout=cfg.http_timeout_s) as smtp:
            smtp.ehlo()
            offered = smtp.has_extn("starttls")
            if cfg.smtp_starttls == "always" and not offered:
                raise _Permanent(f"{cfg.smtp_host} does not offer STARTTLS and smtp_starttls is 'always'")
            tls = False
            if cfg.smtp_starttls != "never" and offered:
                smtp.starttls(context=self.tls_context())
                smtp.ehlo()
                tls = True
            if cfg.smtp_username and not tls:  # a login in clear text is readable by anyone on the path
                raise _Permanent(f"refusing to send the SMTP login to {cfg.smtp_host} without TLS: the server "
                                 "offers no STARTTLS (or smtp_starttls is 'never'); use a TLS server or no login")
            if cfg.smtp_username:
                password = cfg.smtp_password.get_secret_value() if cfg.smtp_password else ""
                smtp.login(cfg.smtp_username, password)
            smtp.send_message(message, from_addr=cfg.smtp_from, to_addrs=to)


def _text(value: bytes | str) -> str:
    return value.decode(errors="replace") if isinstance(value, bytes) else str(value)
