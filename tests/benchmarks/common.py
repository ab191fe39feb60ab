"""What the benchmarks share: a result row, the table, peak memory, running a measurement in a child process.

Each figure is printed beside its ceiling measured in the same run (on a shared
machine, figures from different runs are not comparable; their ratio is).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Row:
    """One line of the table: a measurement, its ceiling, and the ratio between them."""

    what: str
    value: float
    unit: str
    ceiling_what: str = ""
    ceiling: float | None = None
    note: str = ""
    #: ``True`` for rates (words/s): the ratio is the share of the ceiling reached; ``False`` for
    #: durations and sizes: the ratio is how many times the ceiling's cost it took
    higher_is_better: bool = False

    @property
    def ratio(self) -> str:
        if not self.ceiling:
            return ""
        r = self.value / self.ceiling
        return f"{r:.1%} of ceiling" if self.higher_is_better else f"{r:.2f}x ceiling"


def fmt(v: float, unit: str) -> str:
    if unit in ("words/s",):
        return f"{v:,.0f} {unit}"
    if unit == "MB":
        return f"{v:,.0f} MB"
    if unit == "s":
        return f"{v:.2f} s"
    return f"{v:,.2f} {unit}"


def table(rows: list[Row]) -> str:
    """A Markdown table (it reads as plain text too)."""
    lines = ["| measurement | value | ceiling (same run) | ceiling value | ratio | note |",
             "| --- | ---: | --- | ---: | ---: | --- |"]
    for r in rows:
        lines.append(f"| {r.what} | {fmt(r.value, r.unit)} | {r.ceiling_what} | "
                     f"{fmt(r.ceiling, r.unit) if r.ceiling is not None else ''} | {r.ratio} | {r.note} |")
    return "\n".join(lines)


def peak_mb() -> float:
    """This process's peak resident memory so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_mb() -> float:
    """This process's resident memory now (the baseline before a measurement; ``peak_mb`` is the peak since start)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return peak_mb()


def run_child(module: str, *args: str) -> dict:
    """Run ``python -m module args`` in a fresh process (so its peak memory is its own); its last line is JSON."""
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.run([sys.executable, "-m", module, *args], capture_output=True, text=True, cwd=ROOT, env=env)
    if proc.returncode != 0:
        raise RuntimeError(f"{module} {' '.join(args)} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def load_average() -> str:
    """The 1-minute load average, printed with the table: on a shared machine it explains noise."""
    try:
        return f"{os.getloadavg()[0]:.1f}"
    except OSError:
        return "?"
