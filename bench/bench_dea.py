"""Benchmark: super-efficiency SBM with undesirable outputs + global Malmquist–Luenberger on a
generated green-TFP panel (30 DMUs × 16 periods; labour, capital, energy → GDP, CO2), and a
head-to-head comparison with an existing Python DEA package (DEAPack, PyPI ``deapack``).

Part 1 (always): times ``analysis.dea.super_sbm`` (per period, CRS and VRS),
``malmquist_luenberger`` (global and contemporaneous) and prints seconds, LPs solved and the
peak RSS of the process (measured before any comparison package is imported; with the bench
group installed it is ~40 MB higher because pandas then imports pyarrow, a pymrio dependency).

Part 2 (only when ``deapack`` is importable, i.e. with the ``bench`` dependency group):

    uv run --group bench python bench/bench_dea.py

runs the same programs on the same generated data with both libraries in the same process and
prints, per model, our wall time, theirs, the ratio (theirs / ours), the number of DMUs (or
period links) compared, max |score difference| and how many agree to 1e-6 / 1e-3. Common models:

* CCR and BCC, input oriented, per period (16 within-period frontiers) — both two-phase;
* SBM (Tone 2001) CRS and SBM with undesirable outputs (Tone 2003, separable, strongly
  disposable CO2) CRS, per period;
* super-SBM (Tone 2002) CRS and VRS **without** bad outputs, per period: the SBM screen of
  every DMU, and δ of the DMUs both libraries find SBM-efficient;
* Malmquist–Luenberger (Chung, Färe & Grosskopf 1997) and global ML (Oh 2010): CRS, DDF
  direction (y, −b), weakly disposable CO2 with null-jointness — index per DMU and link.

Not comparable: DEAPack 2.0.1's ``ToneSuperSBM`` rejects bad outputs ("does not infer
undesirable-output disposal"), so **super-SBM with undesirable outputs has no counterpart**;
only our own timing of it (part 1) is reported. DEAPack certifies every LP solution (primal,
dual, complementarity checks and post-solve accounts), which is part of its wall time.

Without ``deapack`` the comparison is skipped with a note on how to enable it.

Part 3 (with ``--db WAREHOUSE``): the mart computation itself on real rows — the function
behind ``marts.green_tfp`` (labour rule, super-SBM-U per year, global and contemporaneous ML,
chained indices) on ``marts.province_panel`` and the national employment total of that
warehouse (opened read-only), timed end to end.

    uv run python bench/bench_dea.py [--dmus 30] [--periods 16] [--db build/warehouse.duckdb]
"""

from __future__ import annotations

import argparse
import importlib.util
import resource
import time
from collections.abc import Callable

import numpy as np
import pandas as pd

from analysis.dea import attached_table, bcc, ccr, malmquist_luenberger, sbm, super_sbm

INPUTS, OUTPUTS, BAD = ["labour", "capital", "energy"], ["gdp"], ["co2"]
ENABLE = "uv run --group bench python bench/bench_dea.py"


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


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(fn: Callable[[], pd.DataFrame]) -> tuple[pd.DataFrame, float]:
    start = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - start


def own_benchmark(panel: pd.DataFrame) -> None:
    """Part 1: our super-SBM-U (CRS, VRS) and ML (global, contemporaneous), as before."""
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
    print(
        f"peak RSS (our library only, before any comparison package is imported): "
        f"{peak_rss_mb():.0f} MB"
    )


# --------------------------------------------------------------------------------------------
# Part 2: comparison with DEAPack


def per_period(fn: Callable[[pd.DataFrame], pd.DataFrame], panel: pd.DataFrame) -> pd.DataFrame:
    """Our model solved against each period's own frontier (16 frontiers of 30 DMUs)."""
    return pd.concat([fn(part) for _, part in panel.groupby("year")], ignore_index=True)


def agreement(ours: pd.Series, theirs: pd.Series) -> dict:
    """Compare two aligned score series: both finite → compared; NaN on one side only → counted."""
    a, b = ours.to_numpy(float), theirs.to_numpy(float)
    both = np.isfinite(a) & np.isfinite(b)
    diff = np.abs(a[both] - b[both])
    return {
        "n": int(both.sum()),
        "nan_mismatch": int((np.isfinite(a) != np.isfinite(b)).sum()),
        "max_diff": float(diff.max()) if diff.size else float("nan"),
        "agree_1e6": int((diff <= 1e-6).sum()),
        "agree_1e3": int((diff <= 1e-3).sum()),
        "worst": int(np.flatnonzero(both)[np.argmax(diff)]) if diff.size else -1,
    }


def compare(panel: pd.DataFrame) -> None:
    import deapack as dp

    print(f"\ncomparison with DEAPack {dp.__version__} (same data, same process)")
    plain = dp.DEAData.from_frame(panel, inputs=INPUTS, outputs=OUTPUTS, dmu="dmu", period="year")
    green = dp.DEAData.from_frame(
        panel, inputs=INPUTS, outputs=OUTPUTS, bad_outputs=BAD, dmu="dmu", period="year"
    )
    contemp = "contemporaneous"  # DEAPack: each period's own frontier, as our per-period loop
    keys = ["dmu", "year"]
    link_keys = ["dmu", "period_from", "period_to"]

    def theirs_static(model, data) -> pd.DataFrame:
        s = model.fit(data).summary()
        return s.rename(columns={"dmu_id": "dmu", "period": "year"})

    def theirs_links(model) -> pd.DataFrame:
        s = model.fit(green).summary()
        return s.rename(
            columns={
                "dmu_id": "dmu",
                "base_period": "period_from",
                "comparison_period": "period_to",
            }
        )

    # (name, our run, their run, [(our column, DEAPack column), ...]); rows matched on the keys
    cases = [
        (
            "CCR input, per period",
            lambda: per_period(lambda d: ccr(d, INPUTS, OUTPUTS, period="year"), panel),
            lambda: theirs_static(dp.CCR(orientation="input", reference=contemp), plain),
            [("score", "score")],
        ),
        (
            "BCC input, per period",
            lambda: per_period(lambda d: bcc(d, INPUTS, OUTPUTS, period="year"), panel),
            lambda: theirs_static(dp.BCC(orientation="input", reference=contemp), plain),
            [("score", "score")],
        ),
        (
            "SBM CRS, per period",
            lambda: per_period(lambda d: sbm(d, INPUTS, OUTPUTS, period="year"), panel),
            lambda: theirs_static(dp.SBM(returns_to_scale="crs", reference=contemp), plain),
            [("score", "score")],
        ),
        (
            "SBM-U CRS (CO2 bad), per period",
            lambda: per_period(lambda d: sbm(d, INPUTS, OUTPUTS, BAD, period="year"), panel),
            lambda: theirs_static(
                dp.UndesirableSBM(returns_to_scale="crs", reference=contemp), green
            ),
            [("score", "score")],
        ),
    ]
    for rts in ("crs", "vrs"):
        cases.append(
            (
                f"super-SBM {rts.upper()} (no bad outputs)",
                lambda rts=rts: per_period(
                    lambda d: super_sbm(d, INPUTS, OUTPUTS, rts=rts, period="year"), panel
                ).assign(delta=lambda f: f["score"].where(f["super"])),
                lambda rts=rts: theirs_static(
                    dp.ToneSuperSBM(returns_to_scale=rts, reference=contemp), plain
                ),
                [("sbm_score", "sbm_screen_score"), ("delta", "super_sbm_score")],
            )
        )
    cases += [
        (
            "ML contemporaneous (DDF, CRS)",
            lambda: malmquist_luenberger(
                panel, INPUTS, OUTPUTS, BAD, dmu="dmu", period="year", kind="contemporaneous"
            ),
            lambda: theirs_links(dp.MalmquistLuenbergerDEA()),
            [
                ("ml", "productivity_change"),
                ("mlec", "efficiency_change"),
                ("d_t_t1", "distance_comparison_on_base"),
            ],
        ),
        (
            "global ML (Oh 2010, CRS)",
            lambda: malmquist_luenberger(
                panel, INPUTS, OUTPUTS, BAD, dmu="dmu", period="year", kind="global"
            ),
            lambda: theirs_links(dp.GlobalMalmquistLuenbergerDEA()),
            [
                ("gml", "productivity_change"),
                ("ec", "efficiency_change"),
                ("bpc", "technical_change"),
            ],
        ),
    ]

    header = (
        f"{'model':<34} {'column':<12} {'ours s':>7} {'theirs s':>8} {'ratio':>6} "
        f"{'n':>4} {'max|diff|':>10} {'≤1e-6':>6} {'≤1e-3':>6} {'NaN≠':>5}"
    )
    print(header)
    print("-" * len(header))
    worst_rows = []
    for name, ours_fn, theirs_fn, columns in cases:
        ours, t_ours = timed(ours_fn)
        theirs, t_theirs = timed(theirs_fn)
        k = link_keys if "period_from" in ours.columns else keys
        merged = ours.merge(theirs, on=k, how="outer", suffixes=("", "_dp"), indicator=True)
        unmatched = int((merged["_merge"] != "both").sum())
        for j, (col, their_col) in enumerate(columns):
            their_key = their_col if their_col not in ours.columns else f"{their_col}_dp"
            agr = agreement(merged[col], merged[their_key])
            timing = (
                f"{t_ours:>7.2f} {t_theirs:>8.2f} {t_theirs / t_ours:>6.1f}"
                if j == 0
                else f"{'':>7} {'':>8} {'':>6}"
            )
            print(
                f"{name if j == 0 else '':<34} {col:<12} {timing} {agr['n']:>4} "
                f"{agr['max_diff']:>10.2e} {agr['agree_1e6']:>6} {agr['agree_1e3']:>6} "
                f"{agr['nan_mismatch']:>5}"
            )
            if agr["worst"] >= 0 and agr["max_diff"] > 1e-6:
                row = merged.iloc[agr["worst"]]
                worst_rows.append(
                    f"  {name} / {col}: worst at "
                    + ", ".join(f"{c}={row[c]}" for c in k)
                    + f": ours {row[col]:.8g}, DEAPack {row[their_key]:.8g}"
                )
        if unmatched:
            print(f"  ({unmatched} rows present in only one library's output)")
    print(
        "ratio = DEAPack s / ours s; n = DMU-periods (ML: DMU links) finite in both; NaN≠ = finite "
        "in one library only. ML d_t_t1 (period-t frontier, period-t+1 data): when the other "
        "mixed-period program of a link is infeasible we still report this distance, DEAPack "
        "blanks all four distances of the link, hence NaN≠ there (the infeasible links "
        "themselves coincide: see ml)."
    )
    if worst_rows:
        print("largest disagreements (> 1e-6):")
        print("\n".join(worst_rows))
    else:
        print("all compared scores agree to 1e-6")
    print(
        "not compared: super-SBM with undesirable outputs (DEAPack's ToneSuperSBM rejects bad "
        "outputs; our timing of it is in part 1)"
    )
    print(f"peak RSS (whole process, both libraries): {peak_rss_mb():.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dmus", type=int, default=30)
    parser.add_argument("--periods", type=int, default=16)
    parser.add_argument("--db", help="warehouse file: also time the marts.green_tfp computation")
    args = parser.parse_args()
    panel = generated_panel(args.dmus, args.periods)
    print(f"panel: {args.dmus} DMUs × {args.periods} periods = {len(panel)} observations")
    own_benchmark(panel)
    if args.db:
        mart_benchmark(args.db)
    if importlib.util.find_spec("deapack") is None:
        print(
            "comparison with another Python DEA package skipped: deapack is not installed "
            f"(it is in the 'bench' dependency group; run `{ENABLE}`)"
        )
        return
    compare(panel)


def mart_benchmark(db: str, first: int = 2004, last: int = 2019) -> None:
    """Time the marts.green_tfp computation on the real rows of a warehouse (read-only)."""
    import runpy

    import duckdb

    model = runpy.run_path(
        "dbt_project/models/intermediate/china/int_green_tfp_computed.py", run_name="bench"
    )
    with duckdb.connect(db, read_only=True) as con:
        rows = con.execute(
            "select * from marts.province_panel where year between ? and ?", [first, last]
        ).df()
        national = con.execute(
            "select year, value from staging.stg_china__nbs_national_observations "
            "where publisher_indicator_code = ?",
            [model["NATIONAL_EMPLOYMENT"]],
        ).df()
    start = time.perf_counter()
    out = model["green_tfp"](rows, national_employment=national.set_index("year")["value"])
    wall = time.perf_counter() - start
    scored = out[out["is_scored"]]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"marts.green_tfp computation on {db}: {wall:.2f} s for {len(out)} province-years "
        f"({len(scored)} scored, {scored['province_code'].nunique()} provinces, "
        f"{scored['year'].min()}-{scored['year'].max()}; {out['gml_index'].notna().sum()} "
        f"global ML links); peak RSS so far {peak:.0f} MB"
    )


if __name__ == "__main__":
    main()
