"""Caveats of the green-TFP study, generated from the data (frontiers, coverage, flags)."""

from __future__ import annotations

import re

import pandas as pd

from analysis.studies.green_tfp.measures import labour_sources
from analysis.studies.green_tfp.spec import LABOUR_COLUMN, LABOUR_SOURCE_COLUMN
from analysis.studies.shared import unit_names as _names
from analysis.studies.shared import years_text

_SPLIT = re.compile(r"\s*[;|]\s*")


def _bool(series: pd.Series) -> pd.Series:
    return series.fillna(False).astype(bool)


def frontier_caveats(green: pd.DataFrame, exclude: bool) -> list[str]:
    if "n_dmus" not in green.columns:
        return []
    scored = green[_bool(green["is_scored"])]
    partial = scored[_bool(scored["is_partial_frontier"])]
    if partial.empty:
        return []
    full = int(pd.to_numeric(green["n_dmus"], errors="coerce").max())
    sizes = partial.groupby("year")["n_dmus"].first()
    text = "; ".join(f"{y}: {int(n)} DMUs" for y, n in sizes.items())
    return [
        f"Partial frontiers (is_partial_frontier): {text}, against {full} in the fullest year; "
        "scores of these years are not comparable with the others"
        + (" and are left out of the score summaries." if exclude else ".")
    ]


def not_scored_caveats(green: pd.DataFrame, lookup: dict[str, str]) -> list[str]:
    """Province-years without a score, by reason (missing inputs, else score_status)."""
    rows = green[~_bool(green["is_scored"])]
    if rows.empty:
        return []
    reason = pd.Series("not scored", index=rows.index, dtype=object)
    if "score_status" in rows.columns:
        reason = rows["score_status"].astype(object).where(rows["score_status"].notna(), reason)
    if "missing_inputs" in rows.columns:
        has = rows["missing_inputs"].notna() & (rows["missing_inputs"].astype(str) != "")
        reason = ("missing input(s) " + rows["missing_inputs"].astype(str)).where(has, reason)
    frame = pd.DataFrame({"reason": reason, "code": rows["province_code"], "year": rows["year"]})
    out = []
    for why, grp in frame.groupby("reason", sort=True):
        n_prov = grp["code"].nunique()
        where = _names(grp["code"], lookup) if n_prov <= 4 else f"{n_prov} provinces"
        out.append(
            f"Not scored ({why}): {len(grp)} province-years, {where}, {years_text(grp['year'])}."
        )
    scored_codes = set(green.loc[_bool(green["is_scored"]), "province_code"])
    never = sorted(set(green["province_code"]) - scored_codes)
    if never:
        out.append(f"Never scored: {_names(never, lookup)}; not in any table of this section.")
    return out


def labour_caveats(green: pd.DataFrame) -> list[str]:
    sources = labour_sources(green)
    if sources is None:
        return [
            "Labour input: emp_urban_total_10k (urban-unit employment) as published; "
            f"marts.green_tfp has no {LABOUR_SOURCE_COLUMN} column, so no scored row is known "
            "to use an estimated labour input."
        ]
    used = LABOUR_COLUMN if LABOUR_COLUMN in green.columns else "emp_urban_total_10k"
    if sources.empty:
        return [f"Labour input: {used}; every scored row uses observed employment."]
    n_scored = int(_bool(green["is_scored"]).sum())
    parts = [
        f"{r.source}: {int(r.n)} rows ({int(r.provinces)} provinces, {years_text(r.years)})"
        for r in sources.itertuples(index=False)
    ]
    total = int(sources["n"].sum())
    return [
        f"Labour input: {used}; {total} of {n_scored} scored rows use an ESTIMATED labour input "
        f"({'; '.join(parts)}). Their scores and links rest on the estimate."
    ]


def link_caveats(green: pd.DataFrame, links: pd.DataFrame) -> list[str]:
    out = []
    gaps = links[~links["is_annual"]]
    if not gaps.empty:
        spans = gaps.groupby(["prev_year", "year"]).size()
        text = "; ".join(
            f"{int(a)}→{int(b)}: {n} provinces" for (a, b), n in spans.items() if pd.notna(a)
        )
        out.append(
            f"GML links across unscored years left out of the means, cumulative indices and "
            f"regressions: {len(gaps)} ({text or 'no previous scored year'})."
        )
    for prefix, name in (("gml", "Global ML (GML)"), ("ml", "Contemporaneous ML")):
        status_col = f"{prefix}_status"
        if status_col not in green.columns:
            continue
        scored = green[_bool(green["is_scored"])]
        counts = scored[status_col].fillna("null").value_counts()
        bad = {k: int(v) for k, v in counts.items() if k not in ("optimal", "base_year")}
        if bad:
            years = scored.loc[scored[status_col].isin(list(bad)), "year"]
            out.append(
                f"{name} links of scored rows not computed: "
                + ", ".join(f"{k} {v}" for k, v in sorted(bad.items()))
                + f" ({years_text(years)})"
                + (
                    "; mixed-period distances are infeasible under CRS when a DMU lies beyond "
                    "the other year's frontier — the GML (pooled frontier) has no such gap."
                    if prefix == "ml" and "infeasible" in bad
                    else "."
                )
            )
    return out


def frontier_gml_caveats(
    links: pd.DataFrame, lookup: dict[str, str], min_years: int = 3, tol: float = 1e-9
) -> list[str]:
    """Provinces whose chained GML returns to exactly 1 in at least ``min_years`` later years:
    Π gml = (1 + D_G(base)) / (1 + D_G(t)), so a return to 1 means the pooled-frontier distance
    equals the base year's (in practice 0 in both: on the global frontier)."""
    if links.empty or "is_annual" not in links.columns:
        return []
    annual = links[links["is_annual"]].sort_values(["province_code", "year"])
    cum = annual.groupby("province_code")["gml_index"].cumprod()
    back = ((cum - 1.0).abs() < tol).groupby(annual["province_code"]).sum()
    back = back[back >= min_years]
    if back.empty:
        return []
    names = ", ".join(f"{lookup.get(c, c)} ({int(n)} years)" for c, n in back.items())
    return [
        f"Chained GML back at exactly 1 in {min_years}+ years: {names}. These provinces lie "
        "on the pooled frontier in those years (distance 0), where a GML of 1 means 'still on "
        "the frontier', not 'no change'. Besides efficient provinces, the frontier can hold "
        "provinces whose CO2 is high for their inputs: CO2 is weakly disposable (the DDF's "
        "equality constraint on bad outputs), so cutting it means cutting output too."
    ]


def break_caveats(green: pd.DataFrame, panel: pd.DataFrame | None) -> list[str]:
    out = []
    col = "panel_flag_reason"
    if col in green.columns:
        flagged = green[green[col].fillna("").astype(str).str.contains("2013")]
        if not flagged.empty:
            reasons = sorted(
                {p for r in flagged[col].astype(str) for p in _SPLIT.split(r) if "2013" in p}
            )
            out.append(
                f"{'; '.join(reasons)}: applies to {len(flagged)} province-years "
                f"({years_text(flagged['year'])}); not repaired — year fixed effects absorb a "
                "common level shift; scores and links across 2012→2013 mix the two coverages."
            )
    elif panel is not None and "is_after_2013_coverage_break" in panel.columns:
        after = panel[_bool(panel["is_after_2013_coverage_break"])]
        if not after.empty:
            out.append(
                "Employment and energy coverage break from 2013 (province_panel "
                f"is_after_2013_coverage_break, {years_text(after['year'])})."
            )
    return out


def build_caveats(
    green: pd.DataFrame | None,
    panel: pd.DataFrame | None,
    links: pd.DataFrame,
    lookup: dict[str, str],
    exclude_partial: bool,
    structure_how: str,
) -> list[str]:
    out: list[str] = []
    if green is not None:
        out += frontier_caveats(green, exclude_partial)
        out += not_scored_caveats(green, lookup)
        out += labour_caveats(green)
        out += link_caveats(green, links)
        out += frontier_gml_caveats(links, lookup)
        out += break_caveats(green, panel)
    if structure_how:
        out.append(
            f"Structure ratio R_p: {structure_how}; industry (mining, manufacturing, utilities) "
            "proxies manufacturing and only four producer-service branches have provincial VA."
        )
    out.append(
        "Regional, group and national values are unweighted over provinces (geometric means for "
        "GML indices)."
    )
    return out
