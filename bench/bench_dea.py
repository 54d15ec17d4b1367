"""Benchmark: super-efficiency SBM with undesirable outputs + global Malmquist–Luenberger on a
generated green-TFP panel (30 DMUs × 16 periods; labour, capital, energy → GDP, CO2).

Times ``analysis.dea.super_sbm`` (per period, CRS and VRS), ``malmquist_luenberger`` (global
and contemporaneous) and prints seconds, LPs solved and the peak RSS of the process. If an
existing Python DEA package is importable (pyfrontier, orangecontrib.dea, pydea) it is noted;
none is installed in this environment, so there is nothing to compare against (nothing is
installed by this script).

    uv run python bench/bench_dea.py [--dmus 30] [--periods 16]
"""

from __future__ import annotations

import argparse
import importlib.util
import resource
import time

import numpy as np
import pandas as pd

from analysis.dea import attached_table, malmquist_luenberger, super_sbm

INPUTS, OUTPUTS, BAD = ["labour", "capital", "energy"], ["gdp"], ["co2"]


def generated_panel(n: int, periods: int, seed: int = 4) -> pd.DataFrame:
    """Cobb-Douglas-like panel with inefficiency, technical progress and emission intensity."""
    rng = np.random.default_rng(seed)
    rows = []
    base = rng.lognormal(0.0, 0.6, size=(n, 3)) * [500.0, 4000.0, 800.0]
    for t in range(periods):
        x = base * np.exp(0.04 * t + rng.normal(0, 0.05, size=(n, 3)))
        eff = np.exp(-np.abs(rng.normal(0, 0.25, size=n)))
        gdp = 2.0 * np.exp(0.02 * t) * x[:, 0] ** 0.4 * x[:, 1] ** 0.4 * x[:, 2] ** 0.2 * eff
        co2 = x[:, 2] * rng.uniform(1.5, 3.0, size=n) * np.exp(-0.01 * t)
        for i in range(n):
            rows.append((f"P{i:02d}", 2005 + t, *x[i], gdp[i], co2[i]))
    return pd.DataFrame(rows, columns=["dmu", "year", *INPUTS, *OUTPUTS, *BAD])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dmus", type=int, default=30)
    parser.add_argument("--periods", type=int, default=16)
    args = parser.parse_args()
    panel = generated_panel(args.dmus, args.periods)
    print(f"panel: {args.dmus} DMUs × {args.periods} periods = {len(panel)} observations")

    timings = {}
    for rts in ("crs", "vrs"):
        start = time.perf_counter()
        frames = [
            super_sbm(part, INPUTS, OUTPUTS, BAD, rts=rts, period="year")
            for _, part in panel.groupby("year")
        ]
        res = pd.concat(frames, ignore_index=True)
        timings[f"super-SBM-U {rts.upper()}"] = time.perf_counter() - start
        n_super = int(res["super"].sum())
        n_bad = int((res["status"] != "optimal").sum())
        print(
            f"super-SBM-U {rts.upper()}: {timings[f'super-SBM-U {rts.upper()}']:.2f} s, "
            f"{len(res) + n_super} LPs, {n_super} super-efficient, {n_bad} not optimal"
        )
    for kind in ("global", "contemporaneous"):
        start = time.perf_counter()
        ml = malmquist_luenberger(panel, INPUTS, OUTPUTS, BAD, dmu="dmu", period="year", kind=kind)
        timings[f"ML {kind}"] = time.perf_counter() - start
        n_lp = len(attached_table(ml, "distances")) + len(attached_table(ml, "global_distances"))
        print(
            f"ML {kind}: {timings[f'ML {kind}']:.2f} s, {n_lp} LPs, "
            f"{int((ml['status'] != 'optimal').sum())} of {len(ml)} links infeasible"
        )
    core = timings["super-SBM-U CRS"] + timings["ML global"]
    print(f"super-SBM-U (CRS) + global ML: {core:.2f} s (target: well under 10 s)")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak_mb:.0f} MB")
    found = [
        m
        for m in ("pyfrontier", "orangecontrib.dea", "pydea")
        if importlib.util.find_spec(m.split(".")[0]) is not None
    ]
    print(f"other Python DEA packages importable: {found or 'none (no comparison run)'}")


if __name__ == "__main__":
    main()
