"""Worldwide Governance Indicators Stata file (``wgi/wgidataset.dta``, 2022 update layout).

Stata 118, variables ``code`` (WGI's own codes: ROM, ZAR, KSV …), ``countryname``, ``year``
(int16: 1996, 1998, 2000, 2002–2021) and 36 float32 fields: for each of va, pv, ge, rq, rl, cc the
estimate (e), standard error (s), number of sources (n), percentile rank (r) and the ranks of the
90 % CI bounds (l, u). A balanced country × year grid; NaN where WGI has no estimate.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

from warehouse.demo.countries import COUNTRIES

YEARS: tuple[int, ...] = (1996, 1998, 2000, *range(2002, 2022))
DIMENSIONS = {
    "va": "Voice and Accountability",
    "pv": "Political Stability and Absence of Violence/Terrorism",
    "ge": "Government Effectiveness",
    "rq": "Regulatory Quality",
    "rl": "Rule of Law",
    "cc": "Control of Corruption",
}
FIELDS = {
    "e": "Estimate",
    "s": "Standard Error",
    "n": "Number of Sources",
    "r": "Percentile Rank (0-100)",
    "l": "Percentile Rank of Lower Bound of 90% Confidence Interval (0-100)",
    "u": "Percentile Rank of Upper Bound of 90% Confidence Interval (0-100)",
}
VARIABLES: tuple[str, ...] = tuple(d + f for d in DIMENSIONS for f in FIELDS)
_INCOME_MEAN = {
    "High income": 1.2,
    "Upper middle income": -0.1,
    "Lower middle income": -0.5,
    "Low income": -1.0,
    "": -0.6,
}
TIME_STAMP = dt.datetime(2022, 12, 14, 0, 47)


def _pct_rank(x: np.ndarray, ref: np.ndarray) -> np.ndarray:
    """Percentile rank (0–100) of ``x`` among the year's estimates ``ref``."""
    ref = np.sort(ref[~np.isnan(ref)])
    return 100.0 * np.searchsorted(ref, x, side="right") / max(len(ref), 1)


def frame(rng: np.random.Generator) -> pd.DataFrame:
    """The WGI table (one row per economy × year, sorted by code and year)."""
    econ = sorted((c for c in COUNTRIES if c.wgi_code), key=lambda c: c.wgi_code)
    rows = []
    for c in econ:
        level = _INCOME_MEAN[c.income] + rng.normal(0, 0.4)
        for dim in DIMENSIONS:
            base = level + rng.normal(0, 0.25)
            path = base + np.cumsum(rng.normal(0, 0.06, len(YEARS)))
            for y, e in zip(YEARS, path, strict=True):
                late = (c.iso3 == "XKX" and y < 2009) or (c.small and y == 1996)
                rows.append((c.wgi_code, c.wgi_name, y, dim, np.nan if late else e))
    long = pd.DataFrame(rows, columns=["code", "countryname", "year", "dim", "e"])
    long["s"] = 0.15 + 0.15 * np.exp(-np.abs(long["e"])) + rng.uniform(0, 0.05, len(long))
    long["n"] = np.floor(rng.uniform(4, 13, len(long)))
    for col in ("s", "n"):
        long.loc[long["e"].isna(), col] = np.nan
    parts = []
    for (_, _), g in long.groupby(["dim", "year"], sort=True):
        ref = g["e"].to_numpy()
        g = g.assign(
            r=_pct_rank(ref, ref),
            l=_pct_rank(ref - 1.645 * g["s"].to_numpy(), ref),
            u=_pct_rank(ref + 1.645 * g["s"].to_numpy(), ref),
        )
        g.loc[g["e"].isna(), ["r", "l", "u"]] = np.nan
        parts.append(g)
    long = pd.concat(parts)
    wide = long.pivot(index=["code", "countryname", "year"], columns="dim", values=list(FIELDS))
    out = pd.DataFrame(index=wide.index)
    for dim in DIMENSIONS:
        for f in FIELDS:
            out[dim + f] = wide[(f, dim)].astype("float32")
    out = out.reset_index().sort_values(["code", "year"], kind="stable").reset_index(drop=True)
    out["year"] = out["year"].astype("int16")
    return out


def write_wgi(out: Path, rng: np.random.Generator) -> Path:
    """Write wgidataset.dta."""
    df = frame(rng)
    labels = {"code": "code", "countryname": "countryname"}
    for dim, dname in DIMENSIONS.items():
        for f, fname in FIELDS.items():
            labels[dim + f] = f"{dname}, {fname}"[:80]
    path = out / "wgi" / "wgidataset.dta"
    path.parent.mkdir(parents=True, exist_ok=True)
    df.to_stata(path, write_index=False, version=118, time_stamp=TIME_STAMP, variable_labels=labels)
    return path
