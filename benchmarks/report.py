"""Turn the measurements into ratios against the ceilings, check the targets, print and save them."""
import json
from pathlib import Path

from .load import Measurement

# (page, ceiling it is compared with, the least ratio we aim for)
RATIOS = [
    ("quiz_page", "template_for_quiz_page", 0.5),
    ("submit", "insert_ceiling", 0.5),
    ("result_page", "template_for_result_page", 0.5),
    ("teacher_results", "template_for_teacher_results", None),
]
SCALING_LIMIT = 3.0


def summarize(figures: dict[str, Measurement]) -> dict:
    """ratios, scaling and target checks for one database."""
    ratios, round_ratios, targets = {}, {}, {}
    for page, ceiling, target in RATIOS:
        if page in figures and ceiling in figures and figures[ceiling].rps:
            ratios[page] = round(figures[page].rps / figures[ceiling].rps, 3)
            round_ratios[page] = _round_ratios(figures[page], figures[ceiling])
            if target is not None:
                targets[page] = {"target": f">= {target}", "met": ratios[page] >= target}
    scaling = {}
    small, big = figures.get("teacher_results_100_c1"), figures.get("teacher_results_10000_c1")
    if small and big and small.p50_ms:
        scaling["teacher_results_10000_over_100"] = round(big.p50_ms / small.p50_ms, 3)
        targets["teacher_results_10000_over_100"] = {"target": f"<= {SCALING_LIMIT}",
                                                     "met": scaling["teacher_results_10000_over_100"] <= SCALING_LIMIT}
    return {"ratios": ratios, "round_ratios": round_ratios, "scaling": scaling, "targets": targets,
            "endpoints": {name: m.as_dict() for name, m in figures.items()}}


def _round_ratios(page: Measurement, ceiling: Measurement) -> list[float]:
    """Each round's ratio against the ceiling's round right after it: shows a disturbed round."""
    return [round(ours / theirs, 3) for ours, theirs in zip(page.round_rps, ceiling.round_rps) if theirs]


def print_database(label: str, figures: dict[str, Measurement], summary: dict, notes: list[str]) -> None:
    print(f"\n{label}")
    print(f"  {'endpoint':34} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'bytes':>7} {'failed':>6}")
    for name, m in figures.items():
        print(f"  {name:34} {m.rps:9.1f} {m.p50_ms:8.2f} {m.p99_ms:8.2f} {m.bytes_per_request:7d} {m.failed:6d}")
    for page, ceiling, target in RATIOS:
        if page in summary["ratios"]:
            aim = f"(target >= {target}: {'met' if summary['ratios'][page] >= target else 'MISSED'})" if target else ""
            rounds = ", ".join(f"{ratio:.2f}" for ratio in summary["round_ratios"].get(page, []))
            print(f"  {page} / {ceiling}: {summary['ratios'][page]:.2f} {aim} [rounds: {rounds}]")
    for name, value in summary["scaling"].items():
        print(f"  {name} (median latency): {value:.2f} "
              f"(target <= {SCALING_LIMIT}: {'met' if value <= SCALING_LIMIT else 'MISSED'})")
    for note in notes:
        print(f"  note: {note}")


def write(path: Path, results: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")
