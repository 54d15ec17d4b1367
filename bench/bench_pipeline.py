"""Benchmark: `convergence run` cold (fresh warehouse) and warm (unchanged inputs).

Prints wall time, peak RSS of the whole process tree (max over children, via getrusage) and
the per-step times the CLI reports.  Usage:

    python3 -m uv run python bench/bench_pipeline.py --raw-dir ../shared/data/raw
"""

from __future__ import annotations

import argparse
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def run_once(raw_dir: str | None, db: Path, report: Path, build: Path) -> tuple[float, str]:
    cmd = [
        str(Path(sys.executable).parent / "convergence"),
        "run",
        "--db",
        str(db),
        "--report-dir",
        str(report),
    ]
    if raw_dir:
        cmd += ["--raw-dir", raw_dir]
    env = {**__import__("os").environ, "CONVERGENCE_BUILD_DIR": str(build)}
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        print(proc.stdout, proc.stderr, sep="\n")
        raise SystemExit(f"run failed with exit {proc.returncode}")
    return wall, proc.stderr


def step_times(output: str) -> list[tuple[str, float]]:
    steps, current = [], None
    for line in output.splitlines():
        if m := re.match(r"\[\d/\d\] (\w+)", line):
            current = m.group(1)
        elif (m := re.match(r"\s+\((\d+\.\d) s\)", line)) and current:
            steps.append((current, float(m.group(1))))
    return steps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--raw-dir", default=None, help="raw folder (default: demo data)")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="convergence-bench-"))
    try:
        db, report, build = tmp / "wh.duckdb", tmp / "report", tmp / "build"
        for label in ("cold", "warm (unchanged inputs)"):
            wall, output = run_once(args.raw_dir, db, report, build)
            peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            steps = ", ".join(f"{name} {sec:.1f} s" for name, sec in step_times(output))
            print(f"{label:<24} wall {wall:6.1f} s   peak RSS {peak_mb:7.0f} MB   [{steps}]")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
