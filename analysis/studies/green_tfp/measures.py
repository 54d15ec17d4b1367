"""Frames behind the tables and charts of the green-TFP study.

Conventions (stated in the table notes):

* **Scores**: ``super_sbm_score`` of the scored rows (``is_scored``), each against its year's
  frontier; with ``exclude_partial_frontier`` the years flagged ``is_partial_frontier`` are
  left out of the score summaries. Group means are arithmetic means over province-years.
* **Annual links**: ``gml_index`` of year t measures the change from the province's previous
  scored year to t. Only annual links (previous scored year = t − 1) are used; a link across a
  gap (e.g. 2004 → 2008 where 2005–2007 are not scored) is left out and counted.
* **Geometric mean GML** of a set of links = exp(mean ln gml_index) (unit-free; 1.02 = green
  TFP grew 2 % a year on average).
* **Cumulative GML over a period** of a province = Π of its annual links with t in the period
  (change from the year before the period's first link year to its last link year); only
  provinces with every link year of the period; a group's value is the geometric mean over
  its provinces.
* **Structure**: R_p = mean over the province's scored years of producer-services VA /
  industry VA (both nominal, 亿元, ``marts.province_panel``); service-heavy if R_p ≥ cutoff.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.studies.green_tfp.spec import (
    BASELINE_SCENARIO,
    COUNTRY_INPUTS,
    COUNTRY_RELATED,
    GROUP_LABELS,
    LABOUR_SOURCE_COLUMN,
    MANUFACTURING_HEAVY,
    NATIONAL,
    NATIONAL_SCENARIO_UNIT,
    OBSERVED_LABOUR,
    PS_BRANCHES,
    REGIONS,
    SCENARIO_VARIABLES,
    SERVICE_HEAVY,
    GreenTfpOptions,
)


def geometric_mean(values: pd.Series | np.ndarray) -> float:
    """exp(mean ln x) of the positive finite values; NaN when there is none."""
    arr = np.asarray(values, dtype=float)
    arr = arr[np.isfinite(arr) & (arr > 0)]
    return float(np.exp(np.log(arr).mean())) if arr.size else float("nan")


def _bool(series: pd.Series) -> pd.Series:
    return series.fillna(False).astype(bool)


# --------------------------------------------------------------------------- scores, links


def scored_rows(green: pd.DataFrame, options: GreenTfpOptions) -> pd.DataFrame:
    """Scored province-years: province_code, region, year, super_sbm_score,
    is_super_efficient, is_partial_frontier, in_summary (used in the score summaries)."""
    scored = green[_bool(green["is_scored"]) & green["super_sbm_score"].notna()].copy()
    scored["is_partial_frontier"] = _bool(scored["is_partial_frontier"])
    if "is_super_efficient" in scored.columns:
        scored["is_super_efficient"] = _bool(scored["is_super_efficient"])
    else:
        scored["is_super_efficient"] = scored["super_sbm_score"] >= 1.0
    scored["in_summary"] = (
        ~scored["is_partial_frontier"] if options.exclude_partial_frontier else True
    )
    cols = [
        "province_code",
        "region",
        "year",
        "super_sbm_score",
        "is_super_efficient",
        "is_partial_frontier",
        "in_summary",
    ]
    return scored[cols].sort_values(["province_code", "year"]).reset_index(drop=True)


def gml_links(green: pd.DataFrame) -> pd.DataFrame:
    """GML links: province_code, region, year, gml_index, prev_year (previous scored year),
    gap (year − prev_year), is_annual (gap 1 and a positive index), ln_gml (ln of annual
    links, else NaN)."""
    scored = green[_bool(green["is_scored"])][["province_code", "year"]].drop_duplicates()
    scored = scored.sort_values(["province_code", "year"])
    scored["prev_year"] = scored.groupby("province_code")["year"].shift(1)
    links = green[green["gml_index"].notna()][["province_code", "region", "year", "gml_index"]]
    links = links.merge(scored, on=["province_code", "year"], how="left")
    links["gap"] = links["year"] - links["prev_year"]
    links["is_annual"] = (links["gap"] == 1) & (links["gml_index"] > 0)
    links["ln_gml"] = np.where(
        links["is_annual"], np.log(links["gml_index"].where(links["gml_index"] > 0)), np.nan
    )
    return links.sort_values(["province_code", "year"]).reset_index(drop=True)


def link_years(links: pd.DataFrame, first: int, last: int) -> list[int]:
    """Years t in [first, last] with at least one annual link."""
    annual = links[links["is_annual"]]
    return sorted(int(y) for y in annual["year"].unique() if first <= y <= last)


def province_cumulative(links: pd.DataFrame, years: Sequence[int]) -> pd.Series:
    """Π of the annual links with t in ``years`` per province having every one of them."""
    if not years:
        return pd.Series(dtype=float)
    annual = links[links["is_annual"] & links["year"].isin(years)]
    counts = annual.groupby("province_code")["year"].nunique()
    complete = counts[counts == len(years)].index
    sub = annual[annual["province_code"].isin(complete)]
    return np.exp(sub.groupby("province_code")["ln_gml"].sum())


def cumulative_paths(links: pd.DataFrame, groups: pd.DataFrame) -> pd.DataFrame:
    """Chained annual links per province from the base year (first link year − 1, index 1)
    until the first missing link; then the geometric mean per year over the provinces of each
    region and of all provinces. Columns: group ('national' or a region), year, value, n."""
    empty = pd.DataFrame(columns=["group", "year", "value", "n"])
    years = link_years(links, -(10**6), 10**6)
    if not years:
        return empty
    base = years[0] - 1
    annual = links[links["is_annual"]].set_index(["province_code", "year"])["gml_index"]
    records = []
    for code in sorted(links["province_code"].unique()):
        level = 1.0
        records.append((code, base, level))
        for y in range(base + 1, years[-1] + 1):
            value = annual.get((code, y), np.nan)
            if not np.isfinite(value):
                break
            level *= float(value)
            records.append((code, y, level))
    chain = pd.DataFrame(records, columns=["province_code", "year", "value"])
    chain = chain.merge(groups[["province_code", "region"]], on="province_code", how="left")
    out = []
    for group, frame in [(NATIONAL, chain)] + [(r, chain[chain["region"] == r]) for r in REGIONS]:
        if frame.empty:
            continue
        agg = frame.groupby("year")["value"].agg([geometric_mean, "size"]).reset_index()
        agg.columns = ["year", "value", "n"]
        agg["group"] = group
        out.append(agg)
    return pd.concat(out, ignore_index=True)[["group", "year", "value", "n"]] if out else empty


# ---------------------------------------------------------------------------------- structure


def structure_ratio(panel: pd.DataFrame | None) -> tuple[pd.DataFrame, str]:
    """province_code, year, ratio = producer-services VA / industry VA (nominal) and a sentence
    naming the columns used (empty frame and '' when the panel lacks them)."""
    empty = pd.DataFrame(columns=["province_code", "year", "ratio"])
    if panel is None:
        return empty, ""
    if "va_producer_services_cny_100m" in panel.columns:
        ps = pd.to_numeric(panel["va_producer_services_cny_100m"], errors="coerce")
        ps_how = "va_producer_services_cny_100m (transport + trade + finance + real estate)"
    elif all(c in panel.columns for c in PS_BRANCHES):
        ps = sum(pd.to_numeric(panel[c], errors="coerce") for c in PS_BRANCHES)
        ps_how = " + ".join(PS_BRANCHES)
    else:
        return empty, ""
    for col in ("va_industry_cny_100m", "va_secondary_cny_100m"):
        if col in panel.columns:
            ind = pd.to_numeric(panel[col], errors="coerce")
            ind_how = col
            break
    else:
        return empty, ""
    ratio = (ps / ind.where(ind > 0)).replace([np.inf, -np.inf], np.nan)
    frame = pd.DataFrame(
        {"province_code": panel["province_code"], "year": panel["year"], "ratio": ratio}
    ).dropna(subset=["ratio"])
    return frame.reset_index(drop=True), f"province_panel.{ps_how} / province_panel.{ind_how}"


def structure_groups(
    ratio: pd.DataFrame, scores: pd.DataFrame, lookup: pd.DataFrame, options: GreenTfpOptions
) -> tuple[pd.DataFrame, float]:
    """One row per scored province: province_code, province, region, r_p (mean ratio over its
    scored years), group (service_heavy / manufacturing_heavy; NaN when R_p is unknown); and
    the cutoff used."""
    years = scores[["province_code", "year"]].drop_duplicates()
    merged = years.merge(ratio, on=["province_code", "year"], how="left")
    r_p = merged.groupby("province_code")["ratio"].mean()
    frame = pd.DataFrame({"province_code": sorted(years["province_code"].unique())})
    frame["r_p"] = frame["province_code"].map(r_p)
    known = frame["r_p"].dropna()
    cutoff = options.structure_cutoff
    if isinstance(cutoff, str):
        value = float(known.median()) if cutoff == "median" else float(known.mean())
    else:
        value = float(cutoff)
    frame["group"] = np.where(
        frame["r_p"].isna(),
        None,
        np.where(frame["r_p"] >= value, SERVICE_HEAVY, MANUFACTURING_HEAVY),
    )
    frame = frame.merge(lookup, on="province_code", how="left")
    frame["province"] = frame["province"].fillna(frame["province_code"])
    frame["region"] = frame["region"].fillna("unknown")
    return frame[["province_code", "province", "region", "r_p", "group"]], value


# ---------------------------------------------------------------------------------- summaries


def periods_with_data(
    scores: pd.DataFrame, links: pd.DataFrame, options: GreenTfpOptions
) -> list[tuple[str, int, int]]:
    """(label, first, last) of the requested sub-periods holding summary scores or annual
    links, then the whole period (first to last year with either)."""
    used = scores[scores["in_summary"]]
    years = set(used["year"].astype(int)) | set(links.loc[links["is_annual"], "year"].astype(int))
    if not years:
        return []
    out = []
    for first, last in options.periods:
        if any(first <= y <= last for y in years):
            out.append((f"{first}–{last}", int(first), int(last)))
    lo, hi = min(years), max(years)
    whole = (f"{lo}–{hi} (whole)", lo, hi)
    if not any(p[1] == lo and p[2] == hi for p in out):
        out.append(whole)
    return out


def _members(groups: pd.DataFrame) -> list[tuple[str, set[str]]]:
    out: list[tuple[str, set[str]]] = [(NATIONAL, set(groups["province_code"]))]
    for g in GROUP_LABELS:
        out.append((g, set(groups.loc[groups["group"] == g, "province_code"])))
    for r in REGIONS:
        out.append((r, set(groups.loc[groups["region"] == r, "province_code"])))
    return [(name, codes) for name, codes in out if codes]


def group_summary(
    scores: pd.DataFrame,
    links: pd.DataFrame,
    groups: pd.DataFrame,
    periods: Sequence[tuple[str, int, int]],
) -> pd.DataFrame:
    """Per period × group: n_provinces (with a summary score or an annual link in the
    period), mean_score and n_scores (province-years), geo_gml and n_links (annual links),
    cumulative (geometric mean over provinces of Π links), n_cumulative, base_year, last_year."""
    records = []
    used = scores[scores["in_summary"]]
    for label, first, last in periods:
        sc = used[(used["year"] >= first) & (used["year"] <= last)]
        lk = links[links["is_annual"] & (links["year"] >= first) & (links["year"] <= last)]
        years = link_years(links, first, last)
        cum = province_cumulative(links, years)
        for group, codes in _members(groups):
            g_sc = sc[sc["province_code"].isin(codes)]
            g_lk = lk[lk["province_code"].isin(codes)]
            g_cum = cum[cum.index.isin(codes)]
            provinces = set(g_sc["province_code"]) | set(g_lk["province_code"])
            records.append(
                {
                    "period": label,
                    "first": first,
                    "last": last,
                    "group": group,
                    "n_provinces": len(provinces),
                    "mean_score": float(g_sc["super_sbm_score"].mean()) if len(g_sc) else np.nan,
                    "n_scores": len(g_sc),
                    "geo_gml": geometric_mean(g_lk["gml_index"]),
                    "n_links": len(g_lk),
                    "cumulative": geometric_mean(g_cum.to_numpy()),
                    "n_cumulative": len(g_cum),
                    "base_year": years[0] - 1 if years else np.nan,
                    "last_year": years[-1] if years else np.nan,
                }
            )
    return pd.DataFrame.from_records(records)


def province_summary(
    scores: pd.DataFrame, links: pd.DataFrame, groups: pd.DataFrame
) -> pd.DataFrame:
    """Per scored province: mean_score, n_scores, n_super_efficient, geo_gml, n_links,
    cumulative over all link years (NaN when a link is missing), base_year, last_year, rank
    (by mean score, 1 = highest)."""
    used = scores[scores["in_summary"]]
    per = used.groupby("province_code").agg(
        mean_score=("super_sbm_score", "mean"),
        n_scores=("super_sbm_score", "size"),
        n_super_efficient=("is_super_efficient", "sum"),
    )
    annual = links[links["is_annual"]]
    geo = annual.groupby("province_code")["gml_index"].agg(geometric_mean)
    n_links = annual.groupby("province_code").size()
    years = link_years(links, -(10**6), 10**6)
    cum = province_cumulative(links, years)
    out = groups.set_index("province_code").join(per, how="left")
    out["geo_gml"] = geo
    out["n_links"] = n_links
    out["n_links"] = out["n_links"].fillna(0).astype(int)
    out["cumulative"] = cum
    out["base_year"] = years[0] - 1 if years else np.nan
    out["last_year"] = years[-1] if years else np.nan
    out["n_scores"] = out["n_scores"].fillna(0).astype(int)
    out["n_super_efficient"] = out["n_super_efficient"].fillna(0).astype(int)
    out["rank"] = out["mean_score"].rank(ascending=False, method="min")
    out = out.reset_index().sort_values(["rank", "province_code"], na_position="last")
    return out.reset_index(drop=True)


# --------------------------------------------------------------------------------- regression


def _col(panel: pd.DataFrame, name: str) -> pd.Series:
    return pd.to_numeric(panel[name], errors="coerce") if name in panel.columns else None


def controls(panel: pd.DataFrame | None) -> tuple[pd.DataFrame, dict[str, str]]:
    """Control variables from province_panel: province_code, year and those that can be built;
    and name -> label (with units and the columns used).

    * ``ln_grp_pc`` = ln(grp_real_cny_100m / population_10k × 10⁴), CNY per person at
      base-year prices;
    * ``secondary_share`` = 100 × va_secondary_cny_100m / grp_cny_100m (%, nominal), else the
      industry share;
    * ``ln_k_per_worker`` = ln(capital_stock_cny_100m / emp_urban_total_10k × 10⁴), CNY per
      urban-unit worker at base-year prices.
    """
    if panel is None:
        return pd.DataFrame(columns=["province_code", "year"]), {}
    out = panel[["province_code", "year"]].copy()
    labels: dict[str, str] = {}
    grp_real, pop = _col(panel, "grp_real_cny_100m"), _col(panel, "population_10k")
    if grp_real is not None and pop is not None:
        out["ln_grp_pc"] = np.log((grp_real / pop.where(pop > 0) * 1e4).where(lambda s: s > 0))
        labels["ln_grp_pc"] = "ln real GRP per capita (CNY, base-year prices)"
    grp = _col(panel, "grp_cny_100m")
    for col, name in (("va_secondary_cny_100m", "secondary"), ("va_industry_cny_100m", "industry")):
        va = _col(panel, col)
        if va is not None and grp is not None:
            out["secondary_share"] = 100 * va / grp.where(grp > 0)
            labels["secondary_share"] = f"{name.capitalize()} share of GRP (%, nominal)"
            break
    cap, emp = _col(panel, "capital_stock_cny_100m"), _col(panel, "emp_urban_total_10k")
    if cap is not None and emp is not None:
        out["ln_k_per_worker"] = np.log((cap / emp.where(emp > 0) * 1e4).where(lambda s: s > 0))
        labels["ln_k_per_worker"] = "ln capital per urban-unit worker (CNY, base-year prices)"
    return out.replace([np.inf, -np.inf], np.nan), labels


def regression_frame(
    links: pd.DataFrame,
    panel: pd.DataFrame | None,
    coag: pd.DataFrame | None,
    coupling: pd.DataFrame | None,
    options: GreenTfpOptions,
) -> tuple[pd.DataFrame, dict[str, str]]:
    """One row per annual GML link: gtfp_growth = 100 × ln gml_index (%), ca (CA_lq of the
    headline pair, same year), ca_lag1 (previous year), ca_sq (ca²), coupling_d, controls;
    and the control labels."""
    frame = links[links["is_annual"]][["province_code", "year", "gml_index"]].copy()
    frame["gtfp_growth"] = 100 * np.log(frame["gml_index"])
    if coag is not None:
        ca = coag[
            (coag["unit_type"] == "province")
            & (coag["measure"] == "ca_lq")
            & (coag["variant"] == options.ca_variant)
            & (coag["industry_pair"] == options.headline_pair)
        ][["unit_id", "year", "value"]].rename(columns={"unit_id": "province_code", "value": "ca"})
        ca = ca.drop_duplicates(["province_code", "year"])
        lag = ca.assign(year=ca["year"] + 1).rename(columns={"ca": "ca_lag1"})
        frame = frame.merge(ca, on=["province_code", "year"], how="left")
        frame = frame.merge(lag, on=["province_code", "year"], how="left")
    else:
        frame["ca"] = np.nan
        frame["ca_lag1"] = np.nan
    frame["ca_sq"] = frame["ca"] ** 2
    if coupling is not None:
        d = coupling[
            (coupling["unit_type"] == "province")
            & (coupling["variant"] == options.coupling_variant)
        ][["unit_id", "year", "d"]].rename(columns={"unit_id": "province_code", "d": "coupling_d"})
        frame = frame.merge(
            d.drop_duplicates(["province_code", "year"]), on=["province_code", "year"], how="left"
        )
    else:
        frame["coupling_d"] = np.nan
    ctrl, labels = controls(panel)
    frame = frame.merge(ctrl, on=["province_code", "year"], how="left")
    return frame.reset_index(drop=True), labels


# ------------------------------------------------------------------------------ country inputs


def country_input_status(columns: Sequence[str] | None) -> pd.DataFrame:
    """Per input a country green TFP needs: input, label, role, columns found in
    marts.country_panel (by name pattern), present, related (columns that exist but do not
    qualify, with why), needed (publisher series)."""
    cols = list(columns or [])
    records = []
    for key, (label, role, pattern, needed) in COUNTRY_INPUTS.items():
        rx = re.compile(pattern)
        found = [c for c in cols if rx.search(c) and not c.endswith("_source")]
        related = {
            "capital": ["gfcf_pct_gdp"],
            "labour": ["population"],
            "real_output": ["gdp_usd", "gdp_pc_usd"],
        }.get(key, [])
        related_text = "; ".join(
            f"{c}: {COUNTRY_RELATED[c]}" for c in related if c in cols and c not in found
        )
        records.append(
            {
                "input": key,
                "label": label,
                "role": role,
                "columns": ", ".join(found),
                "present": bool(found),
                "related": related_text,
                "needed": needed,
            }
        )
    return pd.DataFrame.from_records(records)


# ---------------------------------------------------------------------------------- scenarios


def scenario_summary(scen: pd.DataFrame | None) -> tuple[pd.DataFrame, dict[str, object]]:
    """National rows of marts.scenarios in the target year: scenario, variable, value,
    change_pct (vs baseline, %), growth (annual real GRP growth, %); and the assumptions read
    from the mart (base_year, target_year, energy- and carbon-intensity change a year)."""
    empty = pd.DataFrame(columns=["scenario", "variable", "value", "change_pct"])
    if scen is None:
        return empty, {}
    nat = scen[scen["unit_type"] == NATIONAL_SCENARIO_UNIT]
    if nat.empty:
        return empty, {}
    target = int(nat["year"].max())
    observed = nat[~_bool(nat["is_projection"])]
    base_year = int(observed["year"].max()) if not observed.empty else None
    last = nat[nat["year"] == target]
    wide = last.pivot_table(index="scenario", columns="variable", values="value", aggfunc="first")
    records = []
    for scenario in wide.index:
        for var in SCENARIO_VARIABLES:
            if var not in wide.columns:
                continue
            value = wide.loc[scenario, var]
            base = wide.loc[BASELINE_SCENARIO, var] if BASELINE_SCENARIO in wide.index else np.nan
            records.append(
                {
                    "scenario": scenario,
                    "variable": var,
                    "value": value,
                    "change_pct": 100 * (value / base - 1)
                    if base and np.isfinite(base)
                    else np.nan,
                }
            )
    out = pd.DataFrame.from_records(records, columns=empty.columns)
    info: dict[str, object] = {"target_year": target, "base_year": base_year}
    if "gdp_growth_rate" in wide.columns:
        info["growth"] = (100 * wide["gdp_growth_rate"]).to_dict()
    if base_year is not None:
        for var in ("energy_intensity", "carbon_intensity_of_energy"):
            sub = nat[nat["variable"] == var]
            a = sub[sub["year"] == base_year].groupby("scenario")["value"].first()
            b = sub[sub["year"] == target].groupby("scenario")["value"].first()
            span = target - base_year
            if span > 0 and not a.empty and not b.empty:
                rate = (100 * ((b / a) ** (1 / span) - 1)).dropna()
                info[var] = rate.to_dict()
        obs = observed[observed["year"] == base_year].groupby("variable")["value"].first()
        info["observed"] = obs.to_dict()
    if "unit" in nat.columns:
        info["units"] = nat.groupby("variable")["unit"].first().to_dict()
    return out, info


def labour_sources(green: pd.DataFrame) -> pd.DataFrame | None:
    """Scored rows by labour_source other than 'observed' (source, n, provinces, years);
    ``None`` when marts.green_tfp has no labour_source column."""
    if LABOUR_SOURCE_COLUMN not in green.columns:
        return None
    scored = green[_bool(green["is_scored"])]
    src = scored[LABOUR_SOURCE_COLUMN]
    est = scored[src.notna() & (src.astype(str) != OBSERVED_LABOUR)]
    if est.empty:
        return pd.DataFrame(columns=["source", "n", "provinces", "years"])
    return (
        est.groupby(LABOUR_SOURCE_COLUMN)
        .agg(
            n=("year", "size"),
            provinces=("province_code", "nunique"),
            years=("year", lambda s: sorted(set(int(y) for y in s))),
        )
        .reset_index()
        .rename(columns={LABOUR_SOURCE_COLUMN: "source"})
    )
