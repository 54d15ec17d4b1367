"""Benchmark: every WIOD NIOT country-year table from raw CSV to the IO marts.

Steps, timed one by one on a fresh warehouse file: read the 43 CSVs (parse, block and identity
checks), run the GX gate, land ``raw.wiod_niot`` (one writer), then ``dbt build`` of the IO
marts and everything upstream of them (seeds, staging, the Python model that computes the
coefficients, inverses and linkages of every country-year, the marts and their tests).
Prints wall time per step, the number of country-year tables, and the peak RSS of the loader
process and of the dbt worker. As in ``convergence run``, the dbt worker starts first and
imports dbt and parses the project while the files are read; the GX import is reported apart
(once per process, overlapped with reading in ``convergence run``). Usage:

    python3 -m uv run python bench/bench_io_pipeline.py --raw-dir ../shared/data/raw
"""

from __future__ import annotations

import argparse
import resource
import shutil
import tempfile
import time
from pathlib import Path

IO_MARTS = ("io_industry_year", "io_service_manufacturing_links", "io_country_year")


def _peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def _vm_hwm_mb(pid: int | None) -> float:
    """Peak resident set (VmHWM) of a live process, MB (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--raw-dir", default="../shared/data/raw", help="folder with io/...")
    args = parser.parse_args()

    from warehouse import landing
    from warehouse.db import writer
    from warehouse.settings import load_settings
    from warehouse.sources import SOURCES
    from warehouse.transform import DbtSession

    start = time.perf_counter()
    from warehouse.quality import GateContext

    context = GateContext.create(None)
    gx_import = time.perf_counter() - start

    tmp = Path(tempfile.mkdtemp(prefix="convergence-bench-io-"))
    try:
        settings = load_settings(db_path=tmp / "wh.duckdb").with_overrides(build_dir=tmp)
        source = SOURCES["wiod_niot"]
        times: dict[str, float] = {}
        t0 = time.perf_counter()
        session = DbtSession(settings)  # as `convergence run`: dbt imports and parses meanwhile
        with writer(settings.db_path) as con:
            landing.register_sources(con, [source])
            plan = landing.plan_source(con, source, Path(args.raw_dir))
            times["checksum"] = time.perf_counter() - t0
            t = time.perf_counter()
            batch = landing.read_files(plan)
            times["read + identities"] = time.perf_counter() - t
            t = time.perf_counter()
            landing.check_batch(batch, context)
            times["GX gate"] = time.perf_counter() - t
            t = time.perf_counter()
            outcome = landing.land_batch(con, batch, "bench")
            times["land"] = time.perf_counter() - t
        if not outcome.ok:
            raise SystemExit("\n".join(outcome.failure_lines))
        t = time.perf_counter()
        run = session.run(
            "build", "--indirect-selection", "cautious", "--select",
            *(f"+{m}" for m in IO_MARTS),
        )  # fmt: skip
        times["dbt build (IO marts)"] = time.perf_counter() - t
        worker_peak = _vm_hwm_mb(session._proc.pid)
        session.close()
        if not run.success:
            raise SystemExit(f"dbt failed: {run.error} {[n.unique_id for n in run.failures]}")
        total = time.perf_counter() - t0
        import duckdb

        con = duckdb.connect(str(settings.db_path), read_only=True)
        tables = con.execute("select count(*) from marts.io_country_year").fetchall()[0][0]
        links = con.execute("select count(*) from marts.io_service_manufacturing_links").fetchall()[
            0
        ][0]
        con.close()
        print(f"files: {len(plan.files)}, cells landed: {outcome.rows_landed:,}")
        print(f"country-year tables: {tables}, service-manufacturing links: {links:,}")
        print(f"GX import (once per process, not in the total): {gx_import:.1f} s")
        for step, secs in times.items():
            print(f"  {step:<24} {secs:6.1f} s")
        for node in sorted(run.nodes, key=lambda n: -n.seconds)[:4]:
            print(f"    dbt {node.unique_id:<52} {node.seconds:5.1f} s")
        per_table = total / max(tables, 1) * 1000
        print(f"raw CSV -> marts total: {total:.1f} s ({per_table:.0f} ms per table)")
        print(
            f"peak RSS: loader process {_peak_mb(resource.RUSAGE_SELF):.0f} MB, "
            f"dbt worker {worker_peak:.0f} MB"
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
