"""A local OpenAI-compatible chat-completions server for tests (stdlib only, 127.0.0.1, a free port).

The test decides every reply with a ``responder(body) -> Reply`` (``body`` is the request JSON), so one
server drives routing, the specialists' tool calls and the final answer. It speaks both shapes:

* non-streaming: one ``chat.completion`` JSON with ``usage``;
* streaming (``"stream": true``): SSE ``chat.completion.chunk`` lines, tool calls as deltas, and a
  final usage chunk when the client asks for it (``stream_options.include_usage``).

Failure modes, each a :class:`Reply`: ``hang`` (headers never come), ``trickle`` (one token a second),
``status`` (e.g. 500), ``malformed`` (200 with broken JSON). The server records every request body and
every client disconnect it noticed (``disconnects``), so a test can check a call was really cancelled.

Paths: ``/v1/chat/completions`` and ``/chat/completions`` (OpenAI clients) and
``/serving-endpoints/chat/completions`` or ``/serving-endpoints/<name>/invocations`` (Databricks).
"""

from __future__ import annotations

import json
import select
import socket
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    """What the server does with one request."""

    content: str = ""
    tool_calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    mode: str = "ok"  # ok | hang | trickle | status | malformed
    status: int = 200
    prompt_tokens: int = 0
    completion_tokens: int = 0
    #: seconds per streamed token in "trickle" mode, and the pause before any reply ("ok" mode).
    delay_s: float = 0.0

    @classmethod
    def text(cls, content: str, **kw: Any) -> Reply:
        return cls(content=content, **kw)

    @classmethod
    def tools(cls, *calls: tuple[str, dict[str, Any]], **kw: Any) -> Reply:
        return cls(tool_calls=list(calls), **kw)

    @classmethod
    def hang(cls) -> Reply:
        return cls(mode="hang")

    @classmethod
    def trickle(cls, content: str = "word " * 120, per_token_s: float = 1.0) -> Reply:
        return cls(mode="trickle", content=content, delay_s=per_token_s)

    @classmethod
    def error(cls, status: int = 500, after_s: float = 0.0) -> Reply:
        return cls(mode="status", status=status, delay_s=after_s)

    @classmethod
    def malformed(cls) -> Reply:
        return cls(mode="malformed")


Responder = Callable[[dict[str, Any]], Reply]


def _tokens(text: str) -> int:
    return max(1, len(text) // 4) if text else 0


class OpenAIServer:
    """``with OpenAIServer(responder) as server: ... server.base_url``."""

    def __init__(self, responder: Responder, *, model: str = "test-model") -> None:
        self.responder = responder
        self.model = model
        self.requests: list[dict[str, Any]] = []
        self.paths: list[str] = []
        self.disconnects: list[float] = []
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="openai-test-server", daemon=True)

    @property
    def port(self) -> int:
        return self._httpd.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def host(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> OpenAIServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        self._stop.set()
        self._httpd.shutdown()
        self._httpd.server_close()

    def wait_for_disconnects(self, n: int, timeout_s: float) -> bool:
        end = time.monotonic() + timeout_s
        while time.monotonic() < end:
            if len(self.disconnects) >= n:
                return True
            time.sleep(0.05)
        return len(self.disconnects) >= n

    # -- the handler ----------------------------------------------------------------------------
    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:  # quiet
                pass

            def do_GET(self) -> None:  # noqa: N802 - model listing some clients probe
                self._json(200, {"object": "list", "data": [{"id": server.model, "object": "model"}]})

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                try:
                    body = json.loads(raw or b"{}")
                except ValueError:
                    self._json(400, {"error": {"message": "bad json"}})
                    return
                with server._lock:
                    server.requests.append(body)
                    server.paths.append(self.path)
                reply = server.responder(body)
                stream = bool(body.get("stream"))
                usage_wanted = bool((body.get("stream_options") or {}).get("include_usage"))
                handler = {"ok": self._ok, "hang": self._hang, "trickle": self._trickle,
                           "status": self._status, "malformed": self._malformed}[reply.mode]
                try:
                    handler(reply, stream, usage_wanted)
                except (BrokenPipeError, ConnectionResetError):
                    server.disconnects.append(time.monotonic())
                self.close_connection = True

            # -- replies ------------------------------------------------------------------------
            def _json(self, status: int, payload: Any) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _usage(self, reply: Reply, body_text: str) -> dict[str, int]:
                prompt = reply.prompt_tokens or 100
                completion = reply.completion_tokens or _tokens(body_text) or 5
                return {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}

            def _ok(self, reply: Reply, stream: bool, usage_wanted: bool) -> None:
                if reply.delay_s:
                    time.sleep(reply.delay_s)
                calls = [{"id": f"call_{uuid.uuid4().hex[:10]}", "type": "function",
                          "function": {"name": name, "arguments": json.dumps(args)}} for name, args in reply.tool_calls]
                usage = self._usage(reply, reply.content + json.dumps([c["function"] for c in calls]))
                if not stream:
                    message: dict[str, Any] = {"role": "assistant", "content": reply.content or None}
                    if calls:
                        message["tool_calls"] = calls
                    self._json(200, {"id": f"chatcmpl-{uuid.uuid4().hex[:8]}", "object": "chat.completion",
                                     "created": int(time.time()), "model": server.model,
                                     "choices": [{"index": 0, "message": message,
                                                  "finish_reason": "tool_calls" if calls else "stop"}],
                                     "usage": usage})
                    return
                self._start_sse()
                words = reply.content.split(" ") if reply.content else []
                for i, word in enumerate(words):
                    self._chunk({"content": word + (" " if i < len(words) - 1 else "")},
                                role=i == 0)
                for i, call in enumerate(calls):
                    self._chunk({"tool_calls": [{"index": i, **call}]}, role=not words and i == 0)
                self._chunk({}, finish="tool_calls" if calls else "stop")
                if usage_wanted:
                    self._sse({"id": "usage", "object": "chat.completion.chunk", "created": int(time.time()),
                               "model": server.model, "choices": [], "usage": usage})
                self._sse_raw(b"data: [DONE]\n\n")

            def _client_gone(self, wait_s: float) -> bool:
                """Wait up to ``wait_s``; True (and recorded) once the client has closed its socket."""
                readable, _, _ = select.select([self.connection], [], [], wait_s)
                try:
                    gone = bool(readable) and not self.connection.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT)
                except (BlockingIOError, InterruptedError):
                    gone = False
                except OSError:
                    gone = True
                if gone:
                    server.disconnects.append(time.monotonic())
                return gone

            def _hang(self, reply: Reply, stream: bool, usage_wanted: bool) -> None:
                # Never answer; notice when the client gives up (its socket closes).
                while not server._stop.is_set():
                    if self._client_gone(0.1):
                        return

            def _trickle(self, reply: Reply, stream: bool, usage_wanted: bool) -> None:
                words = reply.content.split(" ")
                if stream:
                    self._start_sse()
                    for i, word in enumerate(words):
                        if server._stop.is_set():
                            return
                        self._chunk({"content": word + " "}, role=i == 0)
                        if self._client_gone(reply.delay_s):
                            return
                    self._chunk({}, finish="stop")
                    self._sse_raw(b"data: [DONE]\n\n")
                    return
                data = json.dumps({"id": "x", "object": "chat.completion", "created": 0, "model": server.model,
                                   "choices": [{"index": 0, "message": {"role": "assistant", "content": reply.content},
                                                "finish_reason": "stop"}]}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                for i in range(0, len(data), 8):
                    if server._stop.is_set():
                        return
                    self.wfile.write(data[i:i + 8])
                    self.wfile.flush()
                    if self._client_gone(reply.delay_s):
                        return

            def _status(self, reply: Reply, stream: bool, usage_wanted: bool) -> None:
                if reply.delay_s:
                    time.sleep(reply.delay_s)
                self._json(reply.status, {"error": {"message": "internal error (test server)", "type": "server_error"}})

            def _malformed(self, reply: Reply, stream: bool, usage_wanted: bool) -> None:
                if stream:
                    self._start_sse()
                    self._sse_raw(b'data: {"id": "x", "choices": [{"delta": {"content": "Hel\n\n')
                    self._sse_raw(b"data: [DONE]\n\n")
                    return
                data = b'{"id": "x", "object": "chat.completion", "choices": [{"message": {"content": "oops'
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            # -- SSE helpers --------------------------------------------------------------------
            def _start_sse(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Cache-Control", "no-cache")
                self.send_header("Connection", "close")
                self.end_headers()

            def _sse_raw(self, data: bytes) -> None:
                self.wfile.write(data)
                self.wfile.flush()

            def _sse(self, payload: dict[str, Any]) -> None:
                self._sse_raw(b"data: " + json.dumps(payload).encode() + b"\n\n")

            def _chunk(self, delta: dict[str, Any], *, role: bool = False, finish: str | None = None) -> None:
                if role:
                    delta = {"role": "assistant", **delta}
                self._sse({"id": "chatcmpl-stream", "object": "chat.completion.chunk", "created": int(time.time()),
                           "model": server.model, "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]})

        return Handler


def stage_of(body: dict[str, Any]) -> str:
    """Which step of the graph sent ``body``: "route", "synthesis" or the specialist's name ("cost" ...)."""
    messages = body.get("messages") or []
    system = next((m.get("content") or "" for m in messages if m.get("role") == "system"), "")
    if isinstance(system, list):
        system = " ".join(p.get("text", "") for p in system if isinstance(p, dict))
    if "route questions" in system:
        return "route"
    if "specialists' findings" in system or "Findings:" in system:
        return "synthesis"
    for name in ("cost", "security", "performance", "reliability", "quality", "mlops", "governance", "optimization"):
        if f"{name} specialist" in system.lower() or f"the {name} agent" in system.lower():
            return name
    return "other"


def has_tool_results(body: dict[str, Any]) -> bool:
    return any(m.get("role") == "tool" for m in body.get("messages") or [])
