"""The green-TFP study (:func:`run_green_tfp_study`)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from analysis.panel import PanelResult, PanelSpecificationError, fit_panel_fe
from analysis.studies.green_tfp.caveats import build_caveats, years_text
from analysis.studies.green_tfp.data import GreenTfpInputs, load_inputs, province_lookup
from analysis.studies.green_tfp.measures import (
    country_input_status,
    cumulative_paths,
    gml_links,
    group_summary,
    periods_with_data,
    province_summary,
    regression_frame,
    scenario_summary,
    scored_rows,
    structure_groups,
    structure_ratio,
)
from analysis.studies.green_tfp.spec import (
    COAGGLOMERATION,
    COUNTRY_PANEL,
    COUPLING,
    GREEN_TFP,
    LABOUR_COLUMN,
    PROVINCE_PANEL,
    SCENARIOS,
    GreenTfpOptions,
    GreenTfpStudyResult,
)
from analysis.studies.green_tfp.tables import (
    country_inputs_table,
    groups_table,
    provinces_table,
    regression_gtfp_table,
    scenarios_table,
)
from analysis.tables import PublicationTable

DEP_VAR = "gtfp_growth"
#: column label -> (main regressors); the controls are appended to each
MODEL_SPECS: dict[str, tuple[str, ...]] = {
    "(1) CA": ("ca",),
    "(2) CA lagged": ("ca_lag1",),
    "(3) CA + CA²": ("ca", "ca_sq"),
    "(4) D": ("coupling_d",),
}


def _why(inputs: GreenTfpInputs, table: str) -> str:
    return inputs.problems.get(table, f"{table} has no usable rows")


def score_frontier_text(green: pd.DataFrame) -> str:
    """'global' when every DMU's frontier holds the DMUs of all years (n_dmus = all DMUs of the
    range, more than one year), else per year; read from n_dmus of marts.green_tfp."""
    if "n_dmus" not in green.columns or "missing_inputs" not in green.columns:
        return "per year (contemporaneous): each year's scored provinces"
    dmus = green[green["missing_inputs"].isna()]
    n = pd.to_numeric(dmus["n_dmus"], errors="coerce")
    if dmus["year"].nunique() > 1 and (n == len(dmus)).all():
        return f"global: one frontier of all {len(dmus)} province-years (config score_frontier)"
    return "per year (contemporaneous): each year's scored provinces"


def dea_defaults(green: pd.DataFrame | None) -> dict[str, str]:
    """The DEA set-up as read from the scored rows of marts.green_tfp."""
    if green is None:
        return {}
    scored = green[green["is_scored"].fillna(False).astype(bool)]

    def distinct(col: str) -> str:
        if col not in scored.columns:
            return "not in the mart"
        values = sorted(scored[col].dropna().astype(str).unique())
        return ", ".join(values) if values else "n/a"

    labour = LABOUR_COLUMN if LABOUR_COLUMN in green.columns else "emp_urban_total_10k"
    return {
        "dea_model": distinct("dea_model"),
        "rts": distinct("rts"),
        "score_frontier": score_frontier_text(green),
        "gml_frontier": "global (pooled over all scored province-years), Oh (2010)",
        "inputs": f"labour ({labour}, 万人), capital (capital_stock_cny_100m, 亿元), "
        "energy (energy_10k_tce, 万吨标煤)",
        "good_output": "real GRP (grp_real_cny_100m, 亿元)",
        "bad_output": "CO2 (co2_mt, Mt)",
    }


def _fit_models(
    frame: pd.DataFrame, control_names: list[str], unavailable: dict[str, str], why_none: str
) -> tuple[dict[str, PanelResult], dict[str, str]]:
    models: dict[str, PanelResult] = {}
    years: dict[str, str] = {}
    for label, main in MODEL_SPECS.items():
        x = [*main, *control_names]
        usable = frame.dropna(subset=[DEP_VAR, *x])
        if usable.empty or usable[list(main)].isna().all().any():
            unavailable[f"Table G-3 column {label}"] = why_none.format(var=", ".join(main))
            continue
        try:
            res = fit_panel_fe(frame, DEP_VAR, x, "province_code", "year", vcov="cluster")
        except (PanelSpecificationError, ValueError, np.linalg.LinAlgError) as exc:
            unavailable[f"Table G-3 column {label}"] = f"not estimated: {exc}"
            continue
        models[label] = res
        years[label] = f"{int(usable['year'].min())}–{int(usable['year'].max())}"
    return models, years


def run_green_tfp_study(
    con_or_db_path: duckdb.DuckDBPyConnection | str | Path,
    options: GreenTfpOptions | None = None,
) -> GreenTfpStudyResult:
    """Tables G-1 … G-5, chart data and caveats from marts.green_tfp and related marts.

    Read-only. Never raises for absent or empty marts: each part that cannot be built is
    listed in ``result.unavailable`` with the reason. Raises FileNotFoundError when the
    database file does not exist.
    """
    options = options or GreenTfpOptions()
    inputs = load_inputs(con_or_db_path)
    green = inputs.get(GREEN_TFP)
    panel = inputs.get(PROVINCE_PANEL)
    coag = inputs.get(COAGGLOMERATION)
    coupling = inputs.get(COUPLING)
    scen = inputs.get(SCENARIOS)

    unavailable: dict[str, str] = dict(inputs.problems)
    tables: dict[str, PublicationTable] = {}
    frames: dict[str, pd.DataFrame] = {}
    models: dict[str, PanelResult] = {}
    lookup = province_lookup(green, panel)
    names = dict(zip(lookup["province_code"], lookup["province"], strict=True))
    structure_how = ""
    links = pd.DataFrame(
        columns=["province_code", "region", "year", "gml_index", "prev_year", "gap", "is_annual"]
    )

    if green is None:
        reason = _why(inputs, GREEN_TFP)
        for part in ("Table G-1 (groups)", "Table G-2 (provinces)", "Table G-3 (regression)"):
            unavailable[part] = reason
    else:
        scores = scored_rows(green, options)
        links = gml_links(green)
        if scores.empty:
            reason = f"{GREEN_TFP} has no scored province-years"
            for part in ("Table G-1 (groups)", "Table G-2 (provinces)", "Table G-3 (regression)"):
                unavailable[part] = reason
        else:
            ratio, structure_how = structure_ratio(panel)
            groups, cutoff = structure_groups(ratio, scores, lookup, options)
            if groups["group"].isna().all():
                unavailable["Structure groups"] = (
                    _why(inputs, PROVINCE_PANEL)
                    if panel is None
                    else f"{PROVINCE_PANEL} has no producer-services and industry VA for the "
                    "scored years"
                )
            partial = sorted(
                int(y) for y in scores.loc[scores["is_partial_frontier"], "year"].unique()
            )
            periods = periods_with_data(scores, links, options)
            summary = group_summary(scores, links, groups, periods)
            provinces = province_summary(scores, links, groups)
            skipped = [
                f"{a}–{b}"
                for a, b in options.periods
                if not any(p[1] == a and p[2] == b for p in periods)
            ]
            if skipped:
                unavailable["Table G-1 sub-periods"] = (
                    f"no usable scores or annual links in {', '.join(skipped)}"
                )
            tables["gtfp_g1_groups"] = groups_table(
                summary, options, cutoff, structure_how or "n/a", partial
            )
            tables["gtfp_g2_provinces"] = provinces_table(
                provinces, partial if options.exclude_partial_frontier else []
            )
            frames.update(
                scores=scores,
                structure=groups,
                group_summary=summary,
                provinces=provinces,
                paths=cumulative_paths(links, groups),
            )

            # G-3 -----------------------------------------------------------------------------
            reg, labels = regression_frame(links, panel, coag, coupling, options)
            control_names = [c for c in labels if reg[c].notna().any()]
            if panel is None:
                unavailable["Table G-3 controls"] = f"{_why(inputs, PROVINCE_PANEL)}: no controls"
            why_none = "no annual GML link has a value of {var}"
            if coag is None:
                unavailable["Table G-3 columns (1)–(3)"] = _why(inputs, COAGGLOMERATION)
            if coupling is None:
                unavailable["Table G-3 column (4)"] = _why(inputs, COUPLING)
            models, years = _fit_models(reg, control_names, unavailable, why_none)
            frames["regression_frame"] = reg
            if models:
                coefs = pd.concat(
                    [m.tidy(include_constant=False).assign(model=k) for k, m in models.items()],
                    ignore_index=True,
                )
                frames["coefficients"] = coefs
                n_pos = int((reg.dropna(subset=[DEP_VAR])[DEP_VAR].notna()).sum())
                note = (
                    "Dependent variable: 100 × ln gml_index, the annual green TFP growth in per "
                    "cent (log points), annual links only "
                    f"({n_pos} links, {years_text(reg['year'])}). CA: LQ-based co-agglomeration "
                    f"of {options.headline_pair} ({COAGGLOMERATION}, {options.ca_variant}); "
                    "CA² tests a nonlinear effect; D: coupling coordination degree "
                    f"({COUPLING}, {options.coupling_variant}). Controls (province_panel): "
                    + (
                        "; ".join(labels[c] for c in control_names)
                        if control_names
                        else "none available"
                    )
                    + ". Province and year fixed effects."
                )
                tables["gtfp_g3_regression"] = regression_gtfp_table(
                    models,
                    {c: labels[c] for c in control_names},
                    options,
                    note,
                    years,
                )
            elif "Table G-3 (regression)" not in unavailable:
                unavailable["Table G-3 (regression)"] = "no column could be estimated"

    # G-4 -------------------------------------------------------------------------------------
    if inputs.country_columns is None:
        unavailable["Table G-4 (country inputs)"] = _why(inputs, COUNTRY_PANEL)
    else:
        status = country_input_status(inputs.country_columns)
        frames["country_inputs"] = status
        tables["gtfp_g4_country_inputs"] = country_inputs_table(status)
        missing = status.loc[~status["present"], "label"].tolist()
        if missing:
            unavailable["Country green TFP"] = f"not computed: {COUNTRY_PANEL} has no " + ", ".join(
                m.lower() for m in missing
            )

    # G-5 -------------------------------------------------------------------------------------
    if scen is None:
        unavailable["Table G-5 (scenarios)"] = _why(inputs, SCENARIOS)
    else:
        summary5, info = scenario_summary(scen)
        if summary5.empty:
            unavailable["Table G-5 (scenarios)"] = (
                f"{SCENARIOS} has no national rows of "
                "va_industry_real, va_producer_services_real, energy or co2"
            )
        else:
            tables["gtfp_g5_scenarios"] = scenarios_table(summary5, info)
            frames["scenario_summary"] = summary5
            frames["scenarios"] = scen
            frames["scenario_info"] = pd.DataFrame([{k: str(v) for k, v in info.items()}])

    frames["links"] = links
    caveats = build_caveats(
        green, panel, links, names, options.exclude_partial_frontier, structure_how
    )
    return GreenTfpStudyResult(
        source=inputs.source,
        tables=tables,
        frames=frames,
        caveats=caveats,
        unavailable=unavailable,
        options=options,
        models=dict(models),
        defaults=dea_defaults(green),
        mart_rows=dict(inputs.rows),
    )
