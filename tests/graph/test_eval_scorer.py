"""The eval scorer counts a parse that fell back to the router alone as an error, even when the answer scores."""
import json
import subprocess
import sys
from pathlib import Path

SCORE = Path(__file__).resolve().parents[1] / "eval" / "score.py"


def _score(tmp_path: Path, notes: list[str]) -> subprocess.CompletedProcess:
    questions = tmp_path / "q.jsonl"
    answers = tmp_path / "a.jsonl"
    questions.write_text(json.dumps({"id": "x1", "conversation": None, "question": "spend yesterday?",
                                     "require": ["cost"], "allow": ["cost"], "mentions": [["ml-workspace"]],
                                     "kind": "single"}) + "\n")
    answers.write_text(json.dumps({"id": "x1", "agents": ["cost"], "answer": "ml-workspace cost $10",
                                   "tool_calls": [{"tool": "get_cost", "ok": True}], "notes": notes}) + "\n")
    return subprocess.run([sys.executable, str(SCORE), str(questions), str(answers), "--show-misses"],
                          capture_output=True, text=True)


def test_a_clean_answer_passes(tmp_path: Path) -> None:
    out = _score(tmp_path, notes=[])
    assert out.returncode == 0, out.stdout
    assert "parser errors 0" in out.stdout


def test_a_parser_fallback_fails_the_run_and_is_named(tmp_path: Path) -> None:
    note = ("I could not read this question in the conversation's context (NameError); "
            "I answered it on its own words.")
    out = _score(tmp_path, notes=[note])
    assert out.returncode == 1
    assert "parser errors 1" in out.stdout
    assert "PARSER x1" in out.stdout
