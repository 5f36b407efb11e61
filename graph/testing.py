"""Helpers for scripted chat models (tests and the benchmark's fixed-latency LLM).

langchain-core's fake models cannot stream a tool-call-only message (stack notes), so our fakes
stream their replies through :func:`stream_as_chunks`: the text word by word, then the tool calls.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from langchain_core.messages import AIMessage, AIMessageChunk
from langchain_core.outputs import ChatGenerationChunk


def stream_as_chunks(reply: AIMessage, run_manager: Any = None) -> Iterator[ChatGenerationChunk]:
    """Yield ``reply`` as a model would stream it, reporting each text token to ``run_manager``."""
    words = reply.content.split(" ") if isinstance(reply.content, str) and reply.content else []
    for i, word in enumerate(words):
        chunk = AIMessageChunk(content=word + (" " if i < len(words) - 1 else ""))
        if run_manager:
            run_manager.on_llm_new_token(chunk.content, chunk=ChatGenerationChunk(message=chunk))
        yield ChatGenerationChunk(message=chunk)
    if reply.tool_calls:
        yield ChatGenerationChunk(message=AIMessageChunk(content="", tool_call_chunks=[
            {"name": c["name"], "args": json.dumps(c["args"]), "id": c["id"], "index": i}
            for i, c in enumerate(reply.tool_calls)]))
