"""Caveats of the convergence study, generated from the data (flags, coverage, metadata)."""

from __future__ import annotations

import re

import pandas as pd

from analysis.studies.convergence_indices.spec import (
    COAGGLOMERATION,
    COUPLING,
    PROVINCE_PANEL,
    TESTS,
    VARIANT_DEFINITIONS,
    WEIGHTS,
)
from analysis.studies.shared import unit_names as _names
from analysis.studies.shared import years_text as _years

_SPLIT = re.compile(r"\s*[;|]\s*")


def coverage_caveats(coupling: pd.DataFrame | None) -> list[str]:
    if coupling is None:
        return []
    out = []
    plural = {"country": "countries", "province": "provinces"}
    for (unit_type, variant), grp in coupling.groupby(["unit_type", "variant"], sort=True):
        n = grp["unit_id"].nunique()
        noun = unit_type if n == 1 else plural.get(unit_type, f"{unit_type} units")
        out.append(
            f"Coupling coordination {variant}: {n} {noun}, years {_years(grp['year'])}, "
            f"{len(grp)} unit-years."
        )
    formulas = sorted(coupling["formula"].dropna().astype(str).unique())
    if formulas:
        out.append(f"Coupling formula C: {', '.join(formulas)} (docs/indices.md).")
    return out


def weights_caveats(weights: pd.DataFrame | None) -> list[str]:
    if weights is None:
        return []
    out = []
    per_variant = weights.groupby("variant").agg(n=("n", "max"), n_input=("n_input", "max"))
    for variant, r in per_variant.iterrows():
        dropped = int(r["n_input"]) - int(r["n"])
        if dropped > 0:
            out.append(
                f"{variant}: {dropped} of {int(r['n_input'])} unit-years lack at least one "
                "indicator and are left out of the entropy weights and D (complete-case rule)."
            )
    zero = weights[weights["w_j"] <= 1e-12]
    for r in zero.itertuples(index=False):
        out.append(
            f"{r.variant}: indicator {r.indicator} ({r.subsystem}) gets weight 0 (constant over "
            "the pooled sample)."
        )
    return out


def flag_caveats(panel: pd.DataFrame | None, lookup: dict[str, str]) -> list[str]:
    """One sentence per distinct flag reason of province_panel (reasons split on ';' or '|')."""
    if panel is None or "flag_reason" not in panel.columns:
        return []
    flagged = panel[panel["flag_reason"].notna() & (panel["flag_reason"].astype(str) != "")]
    if "is_flagged" in panel.columns:
        extra = panel[panel["is_flagged"].fillna(False).astype(bool)]
        flagged = pd.concat([flagged, extra]).drop_duplicates(["province_code", "year"])
    records = []
    for r in flagged.itertuples(index=False):
        reason = getattr(r, "flag_reason", None)
        parts = _SPLIT.split(str(reason)) if pd.notna(reason) and str(reason) else ["(no reason)"]
        for part in parts:
            if part:
                records.append((part, str(r.province_code), int(r.year)))
    if not records:
        return []
    frame = pd.DataFrame(records, columns=["reason", "province_code", "year"])
    out = []
    for reason, grp in frame.groupby("reason", sort=True):
        n_prov = grp["province_code"].nunique()
        where = _names(grp["province_code"], lookup) if n_prov <= 8 else f"{n_prov} provinces"
        out.append(
            f"province_panel flag '{reason}': {len(grp)} province-year"
            f"{'s' if len(grp) != 1 else ''} ({where}; {_years(grp['year'])})."
        )
    return out


def missing_column_caveats(panel: pd.DataFrame | None, lookup: dict[str, str]) -> list[str]:
    """Energy/CO2/capital columns with no value at all for some provinces."""
    if panel is None:
        return []
    out = []
    pattern = re.compile(r"energy|co2|carbon|capital")
    for col in sorted(c for c in panel.columns if pattern.search(c)):
        if not pd.api.types.is_numeric_dtype(panel[col]):
            continue
        has = panel.groupby("province_code")[col].apply(lambda s: s.notna().any())
        missing = sorted(has[~has].index.astype(str))
        if missing and len(missing) < len(has):
            out.append(
                f"province_panel.{col} has no value for {_names(missing, lookup)} in any year."
            )
        elif missing:
            out.append(f"province_panel.{col} is empty for every province.")
    return out


def metadata_caveats(panel: pd.DataFrame | None) -> list[str]:
    """Vintage / source columns of province_panel: their distinct values."""
    if panel is None:
        return []
    out = []
    for col in sorted(c for c in panel.columns if "vintage" in c or c.endswith("_source")):
        values = panel[col].dropna().astype(str)
        if values.empty:
            continue
        counts = values.value_counts()
        text = "; ".join(f"{v} ({n} province-years)" for v, n in counts.items())
        out.append(f"province_panel.{col}: {text}.")
    return out


def tests_caveats(tests: pd.DataFrame | None) -> list[str]:
    if tests is None:
        return []
    bad = tests[tests["status"] != "ok"]
    return [
        f"Not estimated: {r.test} of {r.series} ({r.unit_type}): {r.note}."
        for r in bad.itertuples(index=False)
    ]


def definition_caveats(coupling: pd.DataFrame | None, coag: pd.DataFrame | None) -> list[str]:
    variants: set[str] = set()
    if coupling is not None:
        variants |= set(coupling["variant"].astype(str))
    if coag is not None:
        variants |= set(coag["variant"].astype(str))
    return [text for v, text in VARIANT_DEFINITIONS.items() if v in variants]


def coag_caveats(coag: pd.DataFrame | None) -> list[str]:
    if coag is None:
        return []
    out = []
    for (variant, measure), grp in coag.groupby(["variant", "measure"], sort=True):
        n_null = int(grp["value"].isna().sum())
        text = (
            f"Co-agglomeration {variant} {measure}: years {_years(grp['year'])}"
            + (f"; {n_null} rows undefined (NULL)" if n_null else "")
            + "."
        )
        out.append(text)
    return out


def build_caveats(
    frames: dict[str, pd.DataFrame | None], lookup: dict[str, str], grp_how: str
) -> list[str]:
    coupling = frames.get(COUPLING)
    panel = frames.get(PROVINCE_PANEL)
    out = ["Regional and national means of D and CA are unweighted means over provinces."]
    out += coverage_caveats(coupling)
    out += weights_caveats(frames.get(WEIGHTS))
    out += coag_caveats(frames.get(COAGGLOMERATION))
    out += definition_caveats(coupling, frames.get(COAGGLOMERATION))
    out += flag_caveats(panel, lookup)
    out += missing_column_caveats(panel, lookup)
    out += metadata_caveats(panel)
    out += tests_caveats(frames.get(TESTS))
    if grp_how:
        out.append(f"GRP per capita for σ/β of provinces: {grp_how}.")
    return out
