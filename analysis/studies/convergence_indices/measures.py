"""Frames behind the tables and charts: provinces with names and regions, unweighted regional
means of D, band counts, σ of ln GRP per capita (computed here from ``marts.province_panel``)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from analysis.convergence import convergence_tests, coordination_band, sigma_convergence
from analysis.studies.convergence_indices.spec import REGIONS

NATIONAL = "all provinces"


def province_coupling(coupling: pd.DataFrame | None, lookup: pd.DataFrame) -> pd.DataFrame:
    """Province rows of coupling_coordination with ``province`` (name) and ``region``
    (``unknown`` when the province is not in province_panel)."""
    cols = [
        "variant",
        "unit_id",
        "province",
        "region",
        "year",
        "u1",
        "u2",
        "d",
        "band_rank",
        "band",
        "relative_development",
        "relative_development_label",
    ]
    if coupling is None:
        return pd.DataFrame(columns=cols)
    prov = coupling[coupling["unit_type"] == "province"].copy()
    prov["year"] = prov["year"].astype(int)
    prov["unit_id"] = prov["unit_id"].astype(str)
    prov = prov.merge(lookup, how="left", left_on="unit_id", right_on="province_code")
    prov["province"] = prov["province"].fillna(prov["unit_id"])
    prov["region"] = prov["region"].astype("object").where(prov["region"].notna(), "unknown")
    return prov[cols].reset_index(drop=True)


def regional_means(prov: pd.DataFrame) -> pd.DataFrame:
    """Unweighted mean of D per variant × year over all provinces and per region:
    columns variant, year, group ('all provinces' or a region), mean_d, n."""
    if prov.empty:
        return pd.DataFrame(columns=["variant", "year", "group", "mean_d", "n"])
    national = prov.groupby(["variant", "year"], as_index=False).agg(
        mean_d=("d", "mean"), n=("d", "size")
    )
    national["group"] = NATIONAL
    known = prov[prov["region"].isin(REGIONS)]
    regional = known.groupby(["variant", "year", "region"], as_index=False).agg(
        mean_d=("d", "mean"), n=("d", "size")
    )
    regional = regional.rename(columns={"region": "group"})
    out = pd.concat([national, regional], ignore_index=True)
    return out[["variant", "year", "group", "mean_d", "n"]]


def band_of(d: float) -> str:
    if d is None or not np.isfinite(d):
        return ""
    band = coordination_band(float(d))
    return band[1] if band else ""


def band_counts(prov: pd.DataFrame) -> pd.DataFrame:
    """Provinces per variant × year × band (band_rank, band)."""
    if prov.empty:
        return pd.DataFrame(columns=["variant", "year", "band_rank", "band", "n"])
    return (
        prov.groupby(["variant", "year", "band_rank", "band"], as_index=False)
        .agg(n=("unit_id", "nunique"))
        .sort_values(["variant", "year", "band_rank"])
        .reset_index(drop=True)
    )


_PER_CAPITA = re.compile(r"^(grp|gdp)\w*per_capita\w*$")
_LEVEL = re.compile(r"^(grp|gdp)(_nominal|_real)?_(cny|yuan)\w*$")
_EXCLUDE = re.compile(r"index|growth|deflator|share|pct|flag")


def _prefer(columns: list[str]) -> str | None:
    if not columns:
        return None
    real = [c for c in columns if "real" in c or "constant" in c]
    return sorted(real or columns)[0]


def grp_per_capita(panel: pd.DataFrame | None) -> tuple[pd.DataFrame, str]:
    """``unit_id, year, region, value`` = GRP per capita from province_panel, and a sentence
    saying which column(s) were used ('' and an empty frame when none fits).

    A ``grp…per_capita…`` column is used as is (a real one preferred); otherwise GRP / population
    (``…_cny_100m`` over ``…_10k_persons`` × 10,000 gives CNY per person).
    """
    empty = pd.DataFrame(columns=["unit_id", "year", "region", "value"])
    if panel is None:
        return empty, ""
    cols = [c for c in panel.columns if not _EXCLUDE.search(c)]
    per_capita = _prefer([c for c in cols if _PER_CAPITA.match(c)])
    if per_capita is not None:
        value = pd.to_numeric(panel[per_capita], errors="coerce")
        how = f"province_panel.{per_capita}"
    else:
        level = _prefer([c for c in cols if _LEVEL.match(c) and "per_capita" not in c])
        pops = sorted(c for c in cols if c.startswith("population"))
        if level is None or not pops:
            return empty, ""
        pop = pops[0]
        factor = 1e4 if level.endswith("_100m") and pop.endswith("_10k_persons") else 1.0
        value = (
            pd.to_numeric(panel[level], errors="coerce")
            / pd.to_numeric(panel[pop], errors="coerce")
            * factor
        )
        how = f"province_panel.{level} / province_panel.{pop}" + (
            " × 10,000 (CNY per person)" if factor != 1.0 else ""
        )
    frame = pd.DataFrame(
        {
            "unit_id": panel["province_code"].astype(str),
            "year": panel["year"],
            "region": panel["region"].astype("object"),
            "value": value.replace([np.inf, -np.inf], np.nan),
        }
    ).dropna(subset=["value", "year"])
    frame = frame[frame["value"] > 0]
    frame["year"] = frame["year"].astype(int)
    return frame.reset_index(drop=True), how


def grp_tests(grp: pd.DataFrame) -> pd.DataFrame:
    """analysis.convergence.convergence_tests of GRP per capita (series 'grp_per_capita')."""
    if grp.empty:
        return pd.DataFrame()
    data = grp.copy()
    data["region"] = data["region"].fillna("unknown")
    return convergence_tests(data, "province", "grp_per_capita", region="region")


def sigma_from_coupling(coupling: pd.DataFrame | None) -> pd.DataFrame:
    """σ of ln D per variant and year from coupling_coordination (fallback when the tests mart
    is unavailable): columns unit_type, series, year, n_units, mean_log, sigma, cv."""
    if coupling is None:
        return pd.DataFrame(columns=["unit_type", "series", "year", "sigma"])
    frames = []
    for (unit_type, variant), grp in coupling.groupby(["unit_type", "variant"]):
        sig = sigma_convergence(grp.assign(year=grp["year"].astype(int)), "unit_id", "year", "d")
        frames.append(sig.assign(unit_type=unit_type, series=f"coupling_d:{variant}"))
    if not frames:
        return pd.DataFrame(columns=["unit_type", "series", "year", "sigma"])
    return pd.concat(frames, ignore_index=True)
