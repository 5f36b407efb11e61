"""The quality bar: every labelled dev question through ``ask --batch`` (in process), scored by score.py."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

EVAL = Path(__file__).resolve().parents[1] / "eval"
QUESTIONS = EVAL / "dev_questions.jsonl"


def test_dev_questions_meet_the_bar(demo_context, tmp_path):
    from health_monitor.commands.ask import answer_batch, read_batch

    records = answer_batch(read_batch(str(QUESTIONS)), ctx=demo_context)
    answers = tmp_path / "answers.jsonl"
    answers.write_text("".join(json.dumps(r, default=str) + "\n" for r in records))
    ids = [json.loads(line)["id"] for line in QUESTIONS.read_text().splitlines() if line.strip()]
    assert [r["id"] for r in records] == ids, "output must keep the input order and ids"
    out = subprocess.run([sys.executable, str(EVAL / "score.py"), str(QUESTIONS), str(answers), "--show-misses"],
                         capture_output=True, text=True, timeout=120)
    summary = out.stdout.strip().splitlines()[-1]
    print(out.stdout)
    assert out.returncode == 0, out.stdout
    assert "tool errors 0/" in summary
