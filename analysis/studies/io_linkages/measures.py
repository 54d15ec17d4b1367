"""Seed-000 IO linkage study: validation of the links mart, the linkage measures, checks.

Measures (methods.md §2), for a source group of producer services (one sub-group S, or all
producer services "PS") and a target group of manufacturing industries T (all manufacturing, or
one OECD technology-intensity class), per iso3 × year × origin (domestic | imported):

* backward pulling (manufacturing's consumption of services), direct (``Ad``/``Am``) and
  complete (``Ld − I`` / ``Am·Ld``): the GO-weighted coefficient
  ``Σ_{j∈T} x_j Σ_{S∈src} coef_{S,j} / Σ_{j∈T} x_j`` with ``x_j`` = manufacturing_output_musd.
  For T = all manufacturing and src = PS this is the headline "PS coefficient of manufacturing"
  and must equal ``io_country_year.ps_{direct,complete}_{domestic,imported}`` (cross-checked);
* forward driving (services' distribution into manufacturing), direct (``H``) and complete
  (``G``): the supply-weighted share ``Σ_{S∈src} s_S Σ_{j∈T} share_{S,j} / Σ_{S∈src} s_S`` with
  ``share_{S,j}`` = forward_share_{direct,complete} and ``s_S`` = service_supply_musd (domestic
  output, or total imports of the sub-group's products); for src = PS, T = all manufacturing it
  equals ``io_country_year.ps_forward_{direct,complete}_{domestic,imported}`` (cross-checked).
  A single sub-group with zero supply gives NaN.

All coefficients and shares are presented ×100 (per 100 US$ of manufacturing output, or % of
the services' supply).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.studies.io_linkages.spec import (
    ALL_MANUFACTURING,
    ALL_PS,
    CHINA,
    COUNTRY_YEAR_COLUMNS,
    LINK_COLUMNS,
    LINK_GRAIN,
    ORIGINS,
    IOStudyError,
)


def _require(frame: pd.DataFrame, columns: tuple[str, ...], name: str) -> None:
    absent = [c for c in columns if c not in frame.columns]
    if absent:
        raise IOStudyError(f"{name}: columns missing from the mart: {absent}")
    if frame.empty:
        raise IOStudyError(f"{name} has no rows")


def validate_links(links: pd.DataFrame) -> pd.DataFrame:
    """Typed copy of ``io_service_manufacturing_links``; raises :class:`IOStudyError`."""
    _require(links, LINK_COLUMNS, "marts.io_service_manufacturing_links")
    out = links.loc[:, list(LINK_COLUMNS)].copy()
    out["year"] = out["year"].astype(int)
    for c in LINK_COLUMNS[6:]:
        out[c] = pd.to_numeric(out[c], errors="coerce").astype(float)
    bad_origin = sorted(set(out["origin"]) - set(ORIGINS))
    if bad_origin:
        raise IOStudyError(f"links: unexpected origin values {bad_origin}")
    if out.duplicated(list(LINK_GRAIN)).any():
        raise IOStudyError(f"links are not unique on {LINK_GRAIN}")
    if out["tech_intensity"].isna().any():
        raise IOStudyError("links: tech_intensity missing for some manufacturing rows")
    return out


def compute_measures(links: pd.DataFrame) -> pd.DataFrame:
    """Forward and backward measures for every (source, target) group; long, unit-free.

    Sources: each producer-service sub-group and ``producer_services``; targets: each
    technology class and ``manufacturing``. Columns ``iso3, year, origin, source, target,
    measure, value`` (see the module docstring for the formulas).
    """
    lk = validate_links(links)
    keys = ["iso3", "year", "origin"]
    x = lk["manufacturing_output_musd"].fillna(0.0)
    supply = lk["service_supply_musd"].fillna(0.0)
    lk = lk.assign(
        bnum_direct=x * lk["direct_coefficient"].fillna(0.0),
        bnum_complete=x * lk["complete_coefficient"].fillna(0.0),
        fsum_direct=lk["forward_share_direct"].fillna(0.0),
        fsum_complete=lk["forward_share_complete"].fillna(0.0),
    )
    lk["fw_direct"] = supply * lk["fsum_direct"]
    lk["fw_complete"] = supply * lk["fsum_complete"]
    sums = [
        "bnum_direct",
        "bnum_complete",
        "fsum_direct",
        "fsum_complete",
        "fw_direct",
        "fw_complete",
    ]
    fine = (
        lk.groupby([*keys, "service_subgroup", "tech_intensity"], observed=True)[sums]
        .sum()
        .reset_index()
    )
    # Denominators: Σ x_j over the target (one value per industry j), Σ s_S over the source.
    outputs = lk.drop_duplicates(["iso3", "year", "wiod_code"])
    den_t = (
        outputs.groupby(["iso3", "year", "tech_intensity"])["manufacturing_output_musd"]
        .sum()
        .rename("x_sum")
        .reset_index()
    )
    supplies = lk.drop_duplicates([*keys, "service_subgroup"])
    sup_s = (
        supplies.groupby([*keys, "service_subgroup"])["service_supply_musd"]
        .sum()
        .rename("s_sum")
        .reset_index()
    )

    frames = []
    for source_all in (False, True):
        for target_all in (False, True):
            gkeys = [*keys]
            if not source_all:
                gkeys.append("service_subgroup")
            if not target_all:
                gkeys.append("tech_intensity")
            agg = fine.groupby(gkeys)[sums].sum().reset_index()
            den = den_t if not target_all else den_t.groupby(["iso3", "year"])["x_sum"].sum()
            den = den.reset_index() if isinstance(den, pd.Series) else den
            sup = sup_s if not source_all else sup_s.groupby(keys)["s_sum"].sum().reset_index()
            agg = agg.merge(den, on=[k for k in den.columns if k != "x_sum"], how="left")
            agg = agg.merge(sup, on=[k for k in sup.columns if k != "s_sum"], how="left")
            xs = agg["x_sum"].where(agg["x_sum"] > 0)
            ss = agg["s_sum"].where(agg["s_sum"] > 0)
            values = {
                "backward_direct": agg["bnum_direct"] / xs,
                "backward_complete": agg["bnum_complete"] / xs,
                "forward_direct": agg["fw_direct"] / ss,
                "forward_complete": agg["fw_complete"] / ss,
            }
            base = pd.DataFrame(
                {
                    "iso3": agg["iso3"],
                    "year": agg["year"],
                    "origin": agg["origin"],
                    "source": ALL_PS if source_all else agg["service_subgroup"],
                    "target": ALL_MANUFACTURING if target_all else agg["tech_intensity"],
                }
            )
            for measure, value in values.items():
                frames.append(base.assign(measure=measure, value=value.to_numpy()))
    out = pd.concat(frames, ignore_index=True)
    return out.sort_values(["iso3", "year", "origin", "source", "target", "measure"]).reset_index(
        drop=True
    )


def headline_wide(measures: pd.DataFrame) -> pd.DataFrame:
    """PS → all manufacturing, one row per iso3 × year, columns named as in io_country_year."""
    sel = measures[(measures["source"] == ALL_PS) & (measures["target"] == ALL_MANUFACTURING)]
    sel = sel.assign(
        column=[
            COUNTRY_YEAR_COLUMNS[(m, o)] for m, o in zip(sel["measure"], sel["origin"], strict=True)
        ]
    )
    wide = sel.pivot_table(
        index=["iso3", "year"], columns="column", values="value", aggfunc="first", dropna=False
    )
    wide = wide.reindex(columns=list(COUNTRY_YEAR_COLUMNS.values()))
    wide.columns.name = None
    wide = wide.reset_index()
    dom, imp = wide["ps_direct_domestic"], wide["ps_direct_imported"]
    wide["imported_share_direct"] = imp / (dom + imp).where((dom + imp) > 0)
    return wide


def cross_check(
    headline: pd.DataFrame, country_year: pd.DataFrame, rtol: float = 1e-6, atol: float = 1e-9
) -> pd.DataFrame:
    """Our GO-/supply-weighted PS measures vs the same columns of ``io_country_year``.

    One row per column: ``n_compared`` (both present), ``n_only_ours``, ``n_only_mart``,
    ``max_abs_diff`` and ``n_mismatch`` (|diff| > atol + rtol·|mart|).
    """
    rows = []
    merged = headline.merge(country_year, on=["iso3", "year"], how="outer", suffixes=("", "_m"))
    for col in COUNTRY_YEAR_COLUMNS.values():
        ours = merged[col] if col in merged else pd.Series(np.nan, index=merged.index)
        mart_col = f"{col}_m"
        if mart_col not in merged:
            rows.append(
                {
                    "column": col,
                    "n_compared": 0,
                    "n_only_ours": int(ours.notna().sum()),
                    "n_only_mart": 0,
                    "max_abs_diff": np.nan,
                    "n_mismatch": 0,
                    "note": "column absent from io_country_year",
                }
            )
            continue
        mart = pd.to_numeric(merged[mart_col], errors="coerce").astype(float)
        both = ours.notna() & mart.notna()
        diff = (ours - mart).abs()[both]
        rows.append(
            {
                "column": col,
                "n_compared": int(both.sum()),
                "n_only_ours": int((ours.notna() & mart.isna()).sum()),
                "n_only_mart": int((ours.isna() & mart.notna()).sum()),
                "max_abs_diff": float(diff.max()) if len(diff) else np.nan,
                "n_mismatch": int((diff > atol + rtol * mart.abs()[both]).sum()),
                "note": "",
            }
        )
    return pd.DataFrame.from_records(rows)


def rounding_note(links: pd.DataFrame, iso3: str = CHINA) -> str:
    """How many of the focus country's imported sub-group × industry flows are 0 or tiny."""
    lk = links[(links["iso3"] == iso3) & (links["origin"] == "imported")]
    lk = lk[lk["manufacturing_output_musd"] > 0]
    parts = []
    for year in sorted({lk["year"].min(), lk["year"].max()}):
        flows = lk.loc[lk["year"] == year, "input_flow_musd"]
        parts.append(
            f"{year}: {int((flows == 0).sum())} of {len(flows)} zero and "
            f"{int(((flows > 0) & (flows < 5)).sum())} below US$ 5 million"
        )
    return (
        f"{iso3}'s imported producer-service inputs by sub-group × active manufacturing "
        f"industry — {'; '.join(parts)}."
    )


def _industry_check(links: pd.DataFrame, industry_year: pd.DataFrame) -> list[str]:
    """Manufacturing output in the links equals gross output in io_industry_year (per j)."""
    need = ("iso3", "year", "wiod_code", "gross_output_musd")
    if any(c not in industry_year.columns for c in need):
        return ["io_industry_year lacks columns for the output check; skipped."]
    lk = links.drop_duplicates(["iso3", "year", "wiod_code"])[
        ["iso3", "year", "wiod_code", "manufacturing_output_musd"]
    ]
    iy = industry_year[list(need)].copy()
    iy["year"] = iy["year"].astype(int)
    m = lk.merge(iy, on=["iso3", "year", "wiod_code"], how="left")
    diff = (m["manufacturing_output_musd"] - m["gross_output_musd"]).abs()
    n_bad = int((diff > 1e-6 * m["gross_output_musd"].abs() + 1e-9).sum() + diff.isna().sum())
    if n_bad:
        return [
            f"WARNING: manufacturing output in the links differs from io_industry_year "
            f"gross output in {n_bad} industry-years."
        ]
    return []
