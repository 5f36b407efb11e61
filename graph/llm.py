"""Calling the chat model safely: a time limit, one error type, streaming with a fallback.

Every LLM call in the graph goes through :func:`invoke_llm` or :func:`stream_llm`; any exception or
a timeout (``llm_timeout_s``) becomes :class:`LLMFailure`, which callers answer by taking the
offline path and saying so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any

from health_monitor.graph.context import RunContext


class LLMFailure(Exception):
    """The LLM failed, timed out or answered in an unusable shape."""


def _short(e: BaseException) -> str:
    text = str(e).splitlines()[0] if str(e) else ""
    return f"{e.__class__.__name__}: {text}"[:200].strip(": ")


def invoke_llm(ctx: RunContext, call: Callable[[Any], Any]) -> Any:
    """``call(llm)`` within ``llm_timeout_s``; raises :class:`LLMFailure` on any problem."""
    if ctx.llm is None:
        raise LLMFailure("no LLM configured")
    pool = ThreadPoolExecutor(max_workers=1)
    try:
        future = pool.submit(call, ctx.llm)
        return future.result(timeout=ctx.settings.llm_timeout_s)
    except FutureTimeout:
        raise LLMFailure(f"no answer within {ctx.settings.llm_timeout_s:g} s") from None
    except LLMFailure:
        raise
    except Exception as e:
        raise LLMFailure(_short(e)) from e
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def stream_llm(ctx: RunContext, messages: list[Any]) -> Iterator[str]:
    """Text chunks of the model's reply; raises :class:`LLMFailure` (possibly mid-stream)."""
    if ctx.llm is None:
        raise LLMFailure("no LLM configured")
    try:
        for chunk in ctx.llm.stream(messages):
            text = chunk.content if isinstance(chunk.content, str) else _text_of(chunk.content)
            if text:
                yield text
    except Exception as e:
        raise LLMFailure(_short(e)) from e


def _text_of(content: Any) -> str:
    if isinstance(content, list):
        return "".join(part.get("text", "") if isinstance(part, dict) else str(part) for part in content)
    return str(content or "")
