"""Seed-000 IO linkage study: the pipeline (:func:`run_io_study`) and the stored frame."""

from __future__ import annotations

import pandas as pd

from analysis.studies.io_linkages.measures import (
    _industry_check,
    _require,
    compute_measures,
    cross_check,
    headline_wide,
    rounding_note,
    validate_links,
)
from analysis.studies.io_linkages.paper import paper_claims
from analysis.studies.io_linkages.regressions import (
    REG_SPECS,
    REGRESSION_VARIABLES,
    apply_panel_rule,
    build_panel_variables,
    descriptives_table,
    fit_models,
    regression_tables,
)
from analysis.studies.io_linkages.spec import (
    ALL_MANUFACTURING,
    ALL_PS,
    CHINA,
    ROUNDING_CAVEAT,
    IOSampleRule,
    IOStudyError,
    IOStudyResult,
)
from analysis.studies.io_linkages.tables import (
    china_effects,
    china_yearly,
    china_yearly_table,
    cross_country,
    cross_country_table,
    effects_table,
    select_years,
    tech_by_subgroup_table,
)
from analysis.tables import PublicationTable, descriptive_stats


def run_io_study(
    links: pd.DataFrame,
    country_year: pd.DataFrame,
    industry_year: pd.DataFrame | None = None,
    rule: IOSampleRule | None = None,
    *,
    focus: str = CHINA,
) -> IOStudyResult:
    """Measures -> cross-check -> China and cross-country tables -> ten regressions -> claims."""
    rule = rule or IOSampleRule()
    _require(country_year, ("iso3", "year"), "marts.io_country_year")
    window = validate_links(links)
    window = window[window["year"].between(rule.first_year, rule.last_year)]
    if window.empty:
        raise IOStudyError(f"no link rows in {rule.first_year}–{rule.last_year}")
    measures = compute_measures(window)
    headline = headline_wide(measures)
    cy = country_year.copy()
    cy["year"] = cy["year"].astype(int)
    cy = cy[cy["year"].between(rule.first_year, rule.last_year)]
    checks = cross_check(headline, cy)
    notes: list[str] = [ROUNDING_CAVEAT]
    bad = checks[checks["n_mismatch"] > 0]
    if not bad.empty:
        notes.append(
            "WARNING: our GO-weighted measures differ from io_country_year for "
            + ", ".join(
                f"{r.column} ({r.n_mismatch} rows, max |diff| {r.max_abs_diff:.2e})"
                for r in bad.itertuples()
            )
        )
    if industry_year is not None and not industry_year.empty:
        notes += _industry_check(window, industry_year)

    focus_years_present = sorted(headline.loc[headline["iso3"] == focus, "year"].unique())
    if not focus_years_present:
        raise IOStudyError(f"no {focus} rows in marts.io_service_manufacturing_links")
    notes[0] += " " + rounding_note(window, focus)
    all_years = sorted(headline["year"].unique())
    years = list(range(min(all_years), max(all_years) + 1))
    china = china_yearly(headline, cy, years, focus)
    selected = select_years(focus_years_present, rule.selected_years)
    effects = china_effects(measures, selected, focus)
    cross_years = (min(all_years), max(all_years))
    cross = cross_country(headline, cross_years)

    panel_all = build_panel_variables(cy, measures)
    panel, accounting = apply_panel_rule(panel_all, rule)
    models, failures = fit_models(panel)
    notes += [f"Model {m} not estimated: {why}" for m, why in failures.items()]
    descriptives = descriptive_stats(
        panel, [v for v in REGRESSION_VARIABLES if not v.endswith("_l1")]
    )
    claims = paper_claims(measures, models, focus)

    tables: dict[str, PublicationTable] = {
        "io_china_yearly": china_yearly_table(china, focus),
        "io_forward_subgroup": effects_table(
            effects, dimension="subgroup", effect="forward", years=selected, iso3=focus, number="2"
        ),
        "io_backward_subgroup": effects_table(
            effects, dimension="subgroup", effect="backward", years=selected, iso3=focus, number="3"
        ),
        "io_forward_tech": effects_table(
            effects,
            dimension="tech_intensity",
            effect="forward",
            years=selected,
            iso3=focus,
            number="4",
        ),
        "io_backward_tech": effects_table(
            effects,
            dimension="tech_intensity",
            effect="backward",
            years=selected,
            iso3=focus,
            number="5",
        ),
        "io_tech_by_subgroup": tech_by_subgroup_table(measures, selected[-1], focus, "6"),
        "io_cross_country": cross_country_table(cross, cross_years, focus, "7"),
        "io_descriptives": descriptives_table(descriptives, rule, panel["iso3"].nunique()),
    }
    tables.update(regression_tables(REG_SPECS, models, rule))
    return IOStudyResult(
        rule=rule,
        measures=measures,
        headline=headline,
        checks=checks,
        china_yearly=china,
        china_effects=effects,
        cross_country=cross,
        panel=panel,
        accounting=accounting,
        descriptives=descriptives,
        models=models,
        specs=REG_SPECS,
        tables=tables,
        claims=claims,
        years=tuple(years),
        selected_years=selected,
        cross_years=cross_years,
        notes=notes,
        extras={"focus": focus, "model_failures": failures},
    )


def store_frame(result: IOStudyResult) -> pd.DataFrame:
    """The measures persisted in analysis.io_measures: every measure of the focus country and
    the PS → all-manufacturing headline of every country (values unit-free, not %)."""
    m = result.measures
    focus = result.extras.get("focus", CHINA)
    keep = (m["iso3"] == focus) | ((m["source"] == ALL_PS) & (m["target"] == ALL_MANUFACTURING))
    return m.loc[keep].reset_index(drop=True)
