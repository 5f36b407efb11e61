"""The bench's outputs: ``bench-<scale>.json`` (everything), ``bench-<scale>.md`` (the tables) and
the text printed at the end of a run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from health_monitor.bench.stats import Figure, Section


def _value(f: Figure) -> str:
    if f.value is None:
        return "-"
    v = float(f.value)
    text = f"{v:.0f}" if f.unit in ("", "MiB") or abs(v) >= 100 else f"{v:.3g}" if f.unit == "x" else f"{v:.1f}"
    return f"{text} {f.unit}".strip()


def _load(values: Any) -> str:
    return " / ".join(f"{v:.2f}" for v in values) if values else "unknown"


def summary(sections: list[Section]) -> dict[str, Any]:
    judged = [(s, f) for s in sections for f in s.figures if f.met is not None]
    return {"goals": len(judged), "met": sum(1 for _, f in judged if f.met),
            "not_met": [f"{s.name}: {f.name} = {_value(f)} (goal {f.goal_text})" for s, f in judged if not f.met],
            "skipped": [f"{s.name}: {'; '.join(s.notes)}" for s in sections if s.skipped]}


def to_json(meta: dict[str, Any], sections: list[Section]) -> dict[str, Any]:
    return {"meta": meta, "summary": summary(sections), "sections": [s.to_dict() for s in sections]}


def to_markdown(meta: dict[str, Any], sections: list[Section]) -> str:
    lines = [f"# Health Monitor bench: scale {meta['scale']:g}{' (quick)' if meta.get('quick') else ''}", "",
             f"{meta.get('started_at', '')} on {meta.get('cpus', '?')} CPU(s), Python {meta.get('python', '?')}"
             f"{', commit ' + meta['commit'][:10] if meta.get('commit') else ''}; data: `{meta.get('data_dir', '')}`",
             "", f"load average (1, 5, 15 min) at start {_load(meta.get('load_average_start'))}, "
                 f"at end {_load(meta.get('load_average_end'))}", ""]
    for s in sections:
        lines += [f"## {s.title}", ""]
        if s.figures:
            lines += ["| figure | value | goal | result | detail |", "|---|---:|---|---|---|"]
            for f in s.figures:
                detail = f.detail.replace("|", "/")
                lines.append(f"| {f.name.strip()} | {_value(f)} | {f.goal_text} | {f.verdict} | {detail} |")
            lines.append("")
        lines += [f"- {n}" for n in s.notes]
        if s.notes:
            lines.append("")
    summ = summary(sections)
    lines += ["## Summary", "", f"{summ['met']} of {summ['goals']} goals met."]
    lines += [f"- not met: {x}" for x in summ["not_met"]]
    lines += [f"- skipped: {x}" for x in summ["skipped"]]
    return "\n".join(lines) + "\n"


def to_text(meta: dict[str, Any], sections: list[Section]) -> str:
    """A plain table for the terminal: figure, value, goal, met / NOT MET."""
    rows = []
    for s in sections:
        rows.append(f"\n== {s.title} ({s.seconds:.1f} s)")
        for f in s.figures:
            rows.append(f"  {f.name:<52.52} {_value(f):>12}  {f.goal_text:>10}  {f.verdict:<7}  {f.detail[:70]}")
        rows += [f"  note: {n}" for n in s.notes]
    summ = summary(sections)
    rows.append(f"\nload average at start {_load(meta.get('load_average_start'))}, "
                f"at end {_load(meta.get('load_average_end'))}")
    rows.append(f"{summ['met']} of {summ['goals']} goals met")
    rows += [f"  not met: {x}" for x in summ["not_met"]]
    return "\n".join(rows).lstrip("\n")


def write(out_dir: Path, meta: dict[str, Any], sections: list[Section]) -> tuple[Path, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = f"bench-{meta['scale']:g}"
    json_path, md_path = out_dir / f"{stem}.json", out_dir / f"{stem}.md"
    json_path.write_text(json.dumps(to_json(meta, sections), indent=2, default=str))
    md_path.write_text(to_markdown(meta, sections))
    return json_path, md_path
