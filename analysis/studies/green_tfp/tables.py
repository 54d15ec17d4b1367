"""Tables G-1 … G-5 of the green-TFP study (display cells as strings)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from analysis.studies.green_tfp.spec import (
    BASELINE_SCENARIO,
    GROUP_LABELS,
    NATIONAL,
    NATIONAL_LABEL,
    REGION_LABELS,
    REGIONS,
    SCENARIO_VARIABLES,
    GreenTfpOptions,
)
from analysis.tables import PublicationTable, format_number, regression_table


def _num(value, digits: int = 3) -> str:
    if value is None or pd.isna(value) or not np.isfinite(float(value)):
        return ""
    return format_number(float(value), digits)


def group_label(group: str) -> str:
    if group == NATIONAL:
        return NATIONAL_LABEL
    return GROUP_LABELS.get(group, REGION_LABELS.get(group, str(group)))


# ---------------------------------------------------------------------------------------- G-1


def groups_table(
    summary: pd.DataFrame, options: GreenTfpOptions, cutoff: float, how: str, partial: Sequence[int]
) -> PublicationTable:
    """Table G-1: per period, mean super-SBM score, geometric-mean GML and cumulative GML for
    all provinces, the two structure groups and the four regions."""
    header = [
        "Group",
        "Provinces",
        "Mean super-SBM",
        "Province-years",
        "Geo. mean GML",
        "Links",
        "Cumulative GML",
        "Provinces (cum.)",
    ]
    rows: list[list[str]] = []
    breaks: set[int] = set()
    order = [NATIONAL, *GROUP_LABELS, *REGIONS]
    for period, sub in summary.groupby("period", sort=False):
        breaks.add(len(rows))
        first = sub.iloc[0]
        span = (
            f"{int(first['base_year'])}→{int(first['last_year'])}"
            if pd.notna(first["base_year"])
            else "no links"
        )
        rows.append([f"{period} (cumulative {span})"] + [""] * (len(header) - 1))
        sub = sub.set_index("group")
        for group in order:
            if group not in sub.index:
                continue
            r = sub.loc[group]
            rows.append(
                [
                    group_label(group),
                    str(int(r["n_provinces"])),
                    _num(r["mean_score"]),
                    str(int(r["n_scores"])),
                    _num(r["geo_gml"], 4),
                    str(int(r["n_links"])),
                    _num(r["cumulative"], 4),
                    str(int(r["n_cumulative"])),
                ]
            )
    partial_text = (
        f" Years with a partial frontier ({', '.join(str(y) for y in partial)}) are left out of "
        "the score means."
        if partial and options.exclude_partial_frontier
        else ""
    )
    note = (
        "Mean super-SBM: arithmetic mean of super_sbm_score over scored province-years of the "
        "period (each year against its own frontier; ≥ 1 = efficient)."
        f"{partial_text} Geo. mean GML: exp(mean ln gml_index) over annual links t−1→t with t "
        "in the period (global frontier; > 1 = green TFP growth). Cumulative GML: Π of a "
        "province's annual links of the period (base year → last year shown in the period "
        "row), geometric mean over provinces with every link; links across unscored years "
        f"are excluded. Structure groups: {how}; cutoff = {cutoff:.3f} "
        f"({options.describe_structure_rule()}). Regions: NBS four-region grouping."
    )
    return PublicationTable(
        title="Table G-1. Green TFP by structure group and region",
        header=header,
        rows=rows,
        note=note,
        section_breaks=breaks,
    )


# ---------------------------------------------------------------------------------------- G-2


def provinces_table(provinces: pd.DataFrame, partial: Sequence[int]) -> PublicationTable:
    """Table G-2: provinces ranked by mean super-SBM score."""
    first = provinces.iloc[0] if not provinces.empty else None
    span = (
        f"{int(first['base_year'])}→{int(first['last_year'])}"
        if first is not None and pd.notna(first["base_year"])
        else "n/a"
    )
    header = [
        "Rank",
        "Province",
        "Region",
        "Structure group",
        "R_p (PS/industry VA)",
        "Mean super-SBM",
        "Years (efficient)",
        "Geo. mean GML",
        f"Cumulative GML {span}",
    ]
    rows = []
    for r in provinces.itertuples(index=False):
        rows.append(
            [
                str(int(r.rank)) if pd.notna(r.rank) else "",
                f"{r.province} ({r.province_code})",
                REGION_LABELS.get(r.region, str(r.region)),
                GROUP_LABELS.get(r.group, "unclassified")
                if isinstance(r.group, str)
                else "unclassified",
                _num(r.r_p, 3),
                _num(r.mean_score),
                f"{int(r.n_scores)} ({int(r.n_super_efficient)})",
                _num(r.geo_gml, 4),
                _num(r.cumulative, 4),
            ]
        )
    partial_text = (
        f" Partial-frontier years ({', '.join(str(y) for y in partial)}) are not in the means."
        if partial
        else ""
    )
    note = (
        "Rank 1 = highest mean super-SBM score over the province's scored years (efficient "
        "years in parentheses: score ≥ 1)." + partial_text + " Cumulative GML: Π of the annual "
        "links (blank when a link is missing; a link across unscored years is not annual and "
        "breaks the chain, as marts.green_tfp.gml_cumulative does)."
    )
    return PublicationTable(
        title="Table G-2. Green TFP by province (ranked by mean super-SBM score)",
        header=header,
        rows=rows,
        note=note,
    )


# ---------------------------------------------------------------------------------------- G-3


def regression_gtfp_table(
    models: Mapping[str, object],
    labels: Mapping[str, str],
    options: GreenTfpOptions,
    note: str,
    years: Mapping[str, str] | None = None,
) -> PublicationTable:
    """Table G-3: two-way FE regressions of green TFP growth (100 × ln GML) on CA / D; a
    ``Years`` row (sample years per column) follows the Provinces row."""
    term_labels = {
        "ca": f"CA ({options.headline_pair}, {options.ca_variant})",
        "ca_lag1": "CA, lagged one year",
        "ca_sq": "CA²",
        "coupling_d": f"Coupling coordination D ({options.coupling_variant})",
        **labels,
    }
    table = regression_table(
        list(models.values()),
        title="Table G-3. Green TFP growth and co-agglomeration (two-way fixed effects)",
        column_labels=list(models),
        term_labels=term_labels,
        fe_labels={"province_code": "Province FE", "year": "Year FE"},
        digits=4,
        include_constant=False,
        entity_label="Provinces",
        note_extra=note,
    )
    if years:
        at = next(i for i, r in enumerate(table.rows) if r[0] == "Provinces") + 1
        table.rows.insert(at, ["Years", *[years.get(k, "") for k in models]])
    return table


# ---------------------------------------------------------------------------------------- G-4


def country_inputs_table(status: pd.DataFrame) -> PublicationTable:
    """Table G-4: which inputs of a country green TFP marts.country_panel carries."""
    rows = [
        [
            r.label,
            r.role,
            "yes" if r.present else "no",
            r.columns or "—",
            r.related or "",
            "" if r.present else r.needed,
        ]
        for r in status.itertuples(index=False)
    ]
    missing = status.loc[~status["present"], "label"].tolist()
    verdict = (
        "Country green TFP is not computed: marts.country_panel lacks "
        + ", ".join(m.lower() for m in missing)
        + "."
        if missing
        else "All inputs are present; country green TFP could be computed (not done here)."
    )
    return PublicationTable(
        title="Table G-4. Inputs for a country green TFP in marts.country_panel",
        header=["Input", "Role", "Present", "Column(s)", "Related columns", "Series needed"],
        rows=rows,
        note=verdict + " Columns are matched by name in the mart's column list.",
    )


# ---------------------------------------------------------------------------------------- G-5


def scenarios_table(summary: pd.DataFrame, info: Mapping[str, object]) -> PublicationTable:
    """Table G-5: national value in the target year per scenario and change vs baseline."""
    target = info.get("target_year")
    variables = [v for v in SCENARIO_VARIABLES if v in set(summary["variable"])]
    header = ["Scenario", "Real GRP growth a year (%)"]
    for var in variables:
        header += [SCENARIO_VARIABLES[var], "vs baseline (%)"]
    growth = info.get("growth", {}) or {}
    scenarios = list(dict.fromkeys(summary["scenario"]))
    if BASELINE_SCENARIO in scenarios:
        scenarios.remove(BASELINE_SCENARIO)
        scenarios.insert(0, BASELINE_SCENARIO)
    rows = []
    observed = info.get("observed", {}) or {}
    base_year = info.get("base_year")
    if observed and base_year is not None:
        row = [f"Observed {base_year}", ""]
        for var in variables:
            row += [_num(observed.get(var), 1), ""]
        rows.append(row)
    cells = summary.set_index(["scenario", "variable"])
    for scenario in scenarios:
        row = [str(scenario), _num(growth.get(scenario), 2)]
        for var in variables:
            if (scenario, var) in cells.index:
                c = cells.loc[(scenario, var)]
                change = c["change_pct"]
                row += [
                    _num(c["value"], 1),
                    ""
                    if scenario == BASELINE_SCENARIO
                    else f"{change:+.2f}"
                    if pd.notna(change)
                    else "",
                ]
            else:
                row += ["", ""]
        rows.append(row)
    bits = []
    for var, name in (
        ("energy_intensity", "energy intensity (energy / real GRP)"),
        ("carbon_intensity_of_energy", "carbon intensity of energy (CO2 / energy)"),
    ):
        rates = info.get(var) or {}
        if rates:
            vals = sorted({round(float(v), 2) for v in rates.values()})
            text = "/".join(f"{v:+.2f}" for v in vals)
            bits.append(f"{name} changes {text} % a year")
    note = (
        f"National unit (China = sum of provinces), marts.scenarios, target year {target}; "
        f"observed up to {base_year}, projected after. Real GRP grows at the scenario rate "
        "(baseline: mean of the last observed growth rates); VA = projected nominal share × real "
        "GRP (industry is the proxy for manufacturing; producer services = transport + trade + "
        "finance + real estate); energy = real GRP × energy intensity; CO2 = energy × carbon "
        "intensity"
        + (f"; in the mart {'; '.join(bits)}" if bits else "")
        + ". National energy and CO2 exclude Tibet. Config: dbt_project/scenarios.yml "
        "(analysis/scenarios.py)."
    )
    return PublicationTable(
        title=f"Table G-5. GDP-growth scenarios to {target}: value added, energy and CO2 (China)",
        header=header,
        rows=rows,
        note=note,
    )
