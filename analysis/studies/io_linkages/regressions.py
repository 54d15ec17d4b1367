"""Seed-000 IO linkage study: panel variables, specifications, estimation and tables.

Regressions (extension: the paper works on China alone; we use the WIOD panel, 43 countries
2000-2014 from ``marts.io_country_year``), all with country and year fixed effects (exact LSDV,
:func:`analysis.panel.fit_panel_fe`) and CR1 cluster-robust SEs by country (t with G−1 dof);
variables in :func:`build_panel_variables` (percent variables on a 0-100 scale). ``C(.)`` below
stands for the fixed effects; the full panel has 43 × 15 = 645 rows, growth 43 × 14 = 602:

- (i) forward, output growth (table ``io_growth``, N ≤ 602):
  (1) ``g_mfg ~ ps_imp_direct + ps_dom_direct + C(iso3) + C(year)``;
  (2) ``g_mfg ~ ps_imp_complete + ps_dom_complete + C(iso3) + C(year)``;
  (3), (4): the same with the previous year's intensities (``*_l1``). The contemporaneous
  coefficients are pushed down by construction (output is the intensity's denominator: a fast
  output year with sticky service inputs lowers it), hence the lagged variants;
- (ii) forward, upgrading (table ``io_upgrading``, N ≤ 645):
  (5) ``hmht_share ~ ps_imp_direct + ps_dom_direct``, (6) the same with complete coefficients,
  (7) ``hmht_share ~ ps_imp_kibs_direct + ps_imp_other_direct + ps_dom_direct`` (the abstract's
  "quality" of imports: knowledge-intensive = information & ICT, finance, professional & R&D),
  (8) ``high_tech_share ~ ps_imp_direct + ps_dom_direct``, (9) the same with complete
  coefficients (each + C(iso3) + C(year));
- (iii) backward pull (table ``io_backward_pull``, N ≤ 645):
  (10) ``ln_imp_ps_use ~ ln_mfg_output``, (11) ``ln_dom_ps_use ~ ln_mfg_output`` (domestic
  analogue), (12) ``ln_imp_ps_use ~ ln_mfg_output + hmht_share`` (each + C(iso3) + C(year)).
  PS use = coefficient × output, so an elasticity of 1 means a constant coefficient.

Each model's N, countries and dropped rows are in its ``PanelResult.sample`` and in the
report's specification table. Specifications that cannot be estimated are reported, not raised
(:func:`fit_models`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.panel import PanelResult, PanelSpecificationError, fit_panel_fe
from analysis.studies.io_linkages.measures import _require
from analysis.studies.io_linkages.spec import (
    ALL_MANUFACTURING,
    ENTITY,
    KNOWLEDGE_INTENSIVE,
    PANEL_COLUMNS,
    TIME,
    IOSampleRule,
    IOStudyError,
    RegSpec,
)
from analysis.tables import PublicationTable, descriptive_table, regression_table

#: Variables (see :func:`build_panel_variables`); percentages are 0-100.
VARIABLE_LABELS = {
    "g_mfg": "Δ ln mfg output (%)",
    "ps_imp_direct": "Imported PS, direct (%)",
    "ps_dom_direct": "Domestic PS, direct (%)",
    "ps_imp_complete": "Imported PS, complete (%)",
    "ps_dom_complete": "Domestic PS, complete (%)",
    "ps_imp_direct_l1": "Imported PS, direct, t−1 (%)",
    "ps_dom_direct_l1": "Domestic PS, direct, t−1 (%)",
    "ps_imp_complete_l1": "Imported PS, complete, t−1 (%)",
    "ps_dom_complete_l1": "Domestic PS, complete, t−1 (%)",
    "ps_imp_kibs_direct": "Imported knowledge-int. PS, direct (%)",
    "ps_imp_other_direct": "Imported other PS, direct (%)",
    "hmht_share": "High+medium-high tech share of MVA (%)",
    "high_tech_share": "High-tech share of MVA (%)",
    "ln_mfg_output": "ln mfg output",
    "ln_imp_ps_use": "ln imported PS use",
    "ln_dom_ps_use": "ln domestic PS use",
}
REGRESSION_VARIABLES: tuple[str, ...] = tuple(VARIABLE_LABELS)
LAGGED: tuple[str, ...] = ("ps_imp_direct", "ps_dom_direct", "ps_imp_complete", "ps_dom_complete")
REG_TABLES: dict[str, str] = {
    "io_growth": "Manufacturing output growth on producer-service intensity",
    "io_upgrading": "Manufacturing upgrading on producer-service intensity",
    "io_backward_pull": "Backward pull: producer-service use on manufacturing output",
}
_DIRECT, _COMPLETE = ("ps_imp_direct", "ps_dom_direct"), ("ps_imp_complete", "ps_dom_complete")
_DIRECT_L1 = ("ps_imp_direct_l1", "ps_dom_direct_l1")
_COMPLETE_L1 = ("ps_imp_complete_l1", "ps_dom_complete_l1")
_KIBS = ("ps_imp_kibs_direct", "ps_imp_other_direct", "ps_dom_direct")
_G, _U, _B = "io_growth", "io_upgrading", "io_backward_pull"
REG_SPECS: tuple[RegSpec, ...] = (
    RegSpec(_G, "(1)", "g_mfg", _DIRECT, "(i) imported PS (direct) and output growth"),
    RegSpec(_G, "(2)", "g_mfg", _COMPLETE, "(i) imported PS (complete) and output growth"),
    RegSpec(_G, "(3)", "g_mfg", _DIRECT_L1, "(i) previous year's imported PS (direct), growth"),
    RegSpec(_G, "(4)", "g_mfg", _COMPLETE_L1, "(i) previous year's imported PS (complete), growth"),
    RegSpec(_U, "(5)", "hmht_share", _DIRECT, "(ii) imported PS (direct), high+medium-high share"),
    RegSpec(_U, "(6)", "hmht_share", _COMPLETE, "(ii) imported PS (complete), hi+med-hi share"),
    RegSpec(_U, "(7)", "hmht_share", _KIBS, "(ii) knowledge-intensive vs other imported PS"),
    RegSpec(_U, "(8)", "high_tech_share", _DIRECT, "(ii) imported PS (direct), high-tech share"),
    RegSpec(_U, "(9)", "high_tech_share", _COMPLETE, "(ii) imported PS (complete), hi-tech share"),
    RegSpec(_B, "(10)", "ln_imp_ps_use", ("ln_mfg_output",), "(iii) imported PS use on output"),
    RegSpec(_B, "(11)", "ln_dom_ps_use", ("ln_mfg_output",), "(iii) domestic PS use on output"),
    RegSpec(_B, "(12)", "ln_imp_ps_use", ("ln_mfg_output", "hmht_share"),
            "(iii) imported PS use on output and upgrading"),
)  # fmt: skip


def build_panel_variables(country_year: pd.DataFrame, measures: pd.DataFrame) -> pd.DataFrame:
    """Regression variables per iso3 × year (percent variables on a 0-100 scale).

    - ``g_mfg = 100·(ln X_t − ln X_{t−1})``, X = manufacturing_output_musd (NaN unless the
      previous calendar year is present and both are positive);
    - ``ps_{imp,dom}_{direct,complete} = 100·ps_{direct,complete}_{imported,domestic}``
      (io_country_year);
    - ``<var>_l1``: the previous calendar year's value of the four PS intensities (NaN when
      that year is absent);
    - ``ps_imp_kibs_direct`` = 100 × GO-weighted imported direct coefficient of the
      knowledge-intensive sub-groups (information & ICT, finance, professional & R&D) from the
      links; ``ps_imp_other_direct = ps_imp_direct − ps_imp_kibs_direct``;
    - ``hmht_share = 100·hmht_share_mva``, ``high_tech_share = 100·high_tech_share_mva``;
    - ``ln_mfg_output``, ``ln_imp_ps_use``, ``ln_dom_ps_use``: natural logs of
      manufacturing_output_musd, imported_ps_use_musd, domestic_ps_use_musd (NaN if ≤ 0).
    """
    _require(country_year, PANEL_COLUMNS, "marts.io_country_year")
    cy = country_year.copy()
    cy["year"] = cy["year"].astype(int)
    for c in PANEL_COLUMNS[2:]:
        cy[c] = pd.to_numeric(cy[c], errors="coerce").astype(float)
    cy = cy.sort_values(["iso3", "year"]).reset_index(drop=True)

    def ln(s: pd.Series) -> pd.Series:
        return np.log(s.where(s > 0))

    out = cy[["iso3", "year"]].copy()
    out["ln_mfg_output"] = ln(cy["manufacturing_output_musd"])
    prev_year = cy.groupby("iso3")["year"].shift(1)
    prev_ln = out.groupby("iso3")["ln_mfg_output"].shift(1)
    out["g_mfg"] = (100.0 * (out["ln_mfg_output"] - prev_ln)).where(prev_year == cy["year"] - 1)
    out["ps_imp_direct"] = 100.0 * cy["ps_direct_imported"]
    out["ps_dom_direct"] = 100.0 * cy["ps_direct_domestic"]
    out["ps_imp_complete"] = 100.0 * cy["ps_complete_imported"]
    out["ps_dom_complete"] = 100.0 * cy["ps_complete_domestic"]
    prev_ok = prev_year == cy["year"] - 1
    for var in LAGGED:
        out[f"{var}_l1"] = out.groupby("iso3")[var].shift(1).where(prev_ok)
    kibs = measures[
        measures["source"].isin(KNOWLEDGE_INTENSIVE)
        & (measures["target"] == ALL_MANUFACTURING)
        & (measures["origin"] == "imported")
        & (measures["measure"] == "backward_direct")
    ]
    kibs = kibs.groupby(["iso3", "year"])["value"].sum(min_count=1).rename("kibs").reset_index()
    out = out.merge(kibs, on=["iso3", "year"], how="left")
    out["ps_imp_kibs_direct"] = 100.0 * out.pop("kibs")
    out["ps_imp_other_direct"] = out["ps_imp_direct"] - out["ps_imp_kibs_direct"]
    out["hmht_share"] = 100.0 * cy["hmht_share_mva"].to_numpy()
    out["high_tech_share"] = 100.0 * cy["high_tech_share_mva"].to_numpy()
    out["ln_imp_ps_use"] = ln(cy["imported_ps_use_musd"]).to_numpy()
    out["ln_dom_ps_use"] = ln(cy["domestic_ps_use_musd"]).to_numpy()
    if "is_flagged" in cy.columns:
        out["is_flagged"] = cy["is_flagged"].fillna(False).astype(bool).to_numpy()
        out["flag_reason"] = cy.get("flag_reason", pd.Series(None, index=cy.index)).to_numpy()
    return out[
        [
            "iso3",
            "year",
            *REGRESSION_VARIABLES,
            *[c for c in ("is_flagged", "flag_reason") if c in out],
        ]
    ]


def apply_panel_rule(panel: pd.DataFrame, rule: IOSampleRule) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Year window and (optionally) flags; returns (panel, accounting)."""
    if panel.duplicated(["iso3", "year"]).any():
        raise IOStudyError("io_country_year is not unique on (iso3, year)")
    data, steps = panel, []
    out_of_window = ~data["year"].between(rule.first_year, rule.last_year)
    if out_of_window.any():
        steps.append((f"year outside {rule.first_year}–{rule.last_year}", int(out_of_window.sum())))
        data = data.loc[~out_of_window]
    if rule.drop_flagged and "is_flagged" in data.columns:
        flagged = data["is_flagged"]
        reasons = data["flag_reason"].fillna("unspecified").astype(str)
        for reason in sorted(reasons[flagged].unique()):
            mask = flagged & (reasons == reason)
            steps.append((f"flagged in mart: {reason}", int(mask.sum())))
            data = data.loc[~mask]
            flagged, reasons = flagged.loc[data.index], reasons.loc[data.index]
    remaining, records = len(panel), []
    for i, (reason, n) in enumerate(steps, start=1):
        remaining -= n
        records.append({"step": i, "reason": reason, "n_dropped": n, "n_remaining": remaining})
    accounting = pd.DataFrame.from_records(
        records, columns=["step", "reason", "n_dropped", "n_remaining"]
    )
    return data.reset_index(drop=True), accounting


def fit_models(
    panel: pd.DataFrame, specs: tuple[RegSpec, ...] = REG_SPECS
) -> tuple[dict[str, PanelResult], dict[str, str]]:
    """Every specification: two-way FE (country, year), CR1 clustered by country.

    Returns ``(models, failures)``: a specification that cannot be estimated (empty sample, no
    within variation, too few clusters: :class:`~analysis.panel.PanelSpecificationError`) is
    left out of ``models`` and its reason kept in ``failures`` (reported, not raised).
    """
    models: dict[str, PanelResult] = {}
    failures: dict[str, str] = {}
    for s in specs:
        try:
            models[s.model_id] = fit_panel_fe(
                panel, s.dep_var, list(s.regressors), ENTITY, TIME, vcov="cluster", cluster=ENTITY
            )
        except PanelSpecificationError as exc:
            failures[s.model_id] = str(exc)
    return models, failures


def spec_frame(specs: tuple[RegSpec, ...], models: dict[str, PanelResult]) -> pd.DataFrame:
    """Model id, table, question, formula, N, countries, years (for the report)."""
    rows = []
    for s in specs:
        res = models.get(s.model_id)
        if res is None:
            rows.append(
                {
                    "model": s.model_id,
                    "table": s.table_id,
                    "question": s.question,
                    "formula": s.formula(),
                    "N": 0,
                    "countries": 0,
                    "years": 0,
                    "sample": "not estimated",
                }
            )
            continue
        rows.append(
            {
                "model": s.model_id,
                "table": s.table_id,
                "question": s.question,
                "formula": s.formula(),
                "N": res.n_obs,
                "countries": res.n_entities,
                "years": res.n_periods,
                "sample": res.sample.describe(),
            }
        )
    return pd.DataFrame.from_records(rows)


def regression_tables(
    specs: tuple[RegSpec, ...], models: dict[str, PanelResult], rule: IOSampleRule
) -> dict[str, PublicationTable]:
    out = {}
    for i, (table_id, title) in enumerate(REG_TABLES.items(), start=1):
        ids = [s for s in specs if s.table_id == table_id and s.model_id in models]
        if not ids:
            continue
        n_c = max(models[s.model_id].n_entities for s in ids)
        deps = ", ".join(f"{s.model_id}: {VARIABLE_LABELS[s.dep_var]}" for s in ids)
        n_text = ", ".join(f"{s.model_id} N = {models[s.model_id].n_obs}" for s in ids)
        out[table_id] = regression_table(
            [models[s.model_id] for s in ids],
            title=f"Table IO-R{i}. {title}",
            column_labels=[s.model_id for s in ids],
            term_labels=VARIABLE_LABELS,
            fe_labels={ENTITY: "Country FE", TIME: "Year FE"},
            entity_label="Countries",
            note_extra=(
                f"Dependent variables: {deps}. {n_text}. WIOD panel of {n_c} countries "
                f"(marts.io_country_year); sample: {rule.describe()}."
            ),
        )
    return out


def descriptives_table(
    descriptives: pd.DataFrame, rule: IOSampleRule, n_countries: int
) -> PublicationTable:
    return descriptive_table(
        descriptives,
        title="Table IO-D. Descriptive statistics of the regression variables",
        labels=VARIABLE_LABELS,
        note=(
            "Note: S.D. with n−1 denominator; percentages on a 0–100 scale; WIOD panel of "
            f"{n_countries} countries, {rule.first_year}–{rule.last_year}, all rows with the "
            "variable present."
        ),
    )
