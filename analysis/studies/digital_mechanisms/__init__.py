"""Seed 002, issue 4: mechanisms (mediation, moderation), heterogeneity and robustness.

Paper: Ling & Wu (seed 002) Tables 3-4 and the robustness text; methods.md §1. Everything runs
on the baseline sample (:class:`analysis.studies.digital_imports.SampleRule`, reused, not
re-implemented) with the Table-2 column-(6) controls, country and year FE and CR1 SEs by country
unless a check says otherwise. Parts (one module each):

- :mod:`.channels` -- mediation via innovation and Internet development (+ variants), Sobel z,
  cluster bootstrap of a·b, identity ``c = c' + a·b``;
- :mod:`.institutions` -- WGI principal component, moderation, marginal effects, economic-freedom
  split;
- :mod:`.heterogeneity` -- developed/developing, income groups, service types;
- :mod:`.robustness` -- lag, manufacturing share, HC1, Driscoll–Kraay, winsorising, balanced
  panel, leave-one-region-out;
- :mod:`.paper_layout` -- Tables 3 and 4 in the paper's own layout (with Table 4's separate
  developed/developing regressions and the six service types); :mod:`.paper` holds the paper's
  published cells and :mod:`.replication` puts them beside ours.

Entry point :func:`run_mechanisms`; bad input in any model is recorded in
``result.problems`` (table_id, model_id, problem), never raised, and every model's sample is in
``result.samples``. Tables are :class:`analysis.tables.PublicationTable` in ``result.tables``;
the stored regressions per table id are in ``result.models_by_table``.
"""

from __future__ import annotations

import time as _time
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.mediation import DEFAULT_SEED
from analysis.moderation import marginal_effect_chart
from analysis.panel import PanelResult
from analysis.studies.digital_imports import STUDY, SampleRule
from analysis.studies.digital_mechanisms import (
    channels,
    heterogeneity,
    institutions,
    paper_layout,
    robustness,
)
from analysis.studies.digital_mechanisms.data import Bookkeeping, estimation_sample
from analysis.studies.digital_mechanisms.tables import (
    frame_table,
    mediation_tests_table,
    models_table,
)
from analysis.tables import PublicationTable, format_number, stars

CHART_FILE = "figures/imdig_marginal_effect_insti.png"
TABLE_ORDER = (
    "table3_paper",
    "table4_paper",
    "table3_mediation",
    "table3_mediation_tests",
    "table3_mediation_variants",
    "table4_moderation",
    "table4_iq_loadings",
    "table4_marginal_effects",
    "heterogeneity",
    "heterogeneity_tests",
    "robustness",
    "mechanisms_samples",
)


@dataclass
class MechanismsResult:
    rule: SampleRule
    sample: pd.DataFrame
    accounting: pd.DataFrame
    n_boot: int
    seed: int
    mediation: dict[str, object]
    mediation_summary: pd.DataFrame
    institutions: institutions.InstitutionsResult
    heterogeneity_tests: pd.DataFrame
    robustness_frame: pd.DataFrame
    #: Table 4 (3)-(8): service-type variable used per UNCTAD category (absent: not estimated)
    category_variables: dict[str, str]
    models_by_table: dict[str, dict[str, PanelResult]]
    tables: dict[str, PublicationTable]
    samples: pd.DataFrame
    problems: pd.DataFrame
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def study(self) -> str:
        return STUDY

    @property
    def max_identity_gap(self) -> float:
        return channels.max_identity_gap(self.mediation_summary)

    def write_chart(self, path: str | Path) -> Path | None:
        """Marginal effect of ln imdig over insti (None when the moderation model failed)."""
        mod = self.institutions.moderation
        if mod is None:
            return None
        return marginal_effect_chart(
            mod,
            path,
            x_label="insti (PC1 of the six WGI estimates)",
            y_label="Marginal effect of ln imdig on ln upmf",
            title="Marginal effect of digital service imports by institutional quality",
        )

    def summary_lines(self) -> list[str]:
        """Short plain-text lines for the flow summary."""
        lines = []
        for r in self.mediation_summary.itertuples(index=False):
            lines.append(
                f"mediation {r.channel}: a {r.a:.4f}, b {r.b:.4f}, a·b {r.indirect:.4f} "
                f"(boot CI [{r.boot_ci_low:.4f}, {r.boot_ci_high:.4f}], {r.boot_failed} failed of "
                f"{r.boot_n}), N {r.n_obs}"
            )
        if not self.mediation_summary.empty:
            lines.append(f"max identity gap c − c′ − a·b: {self.max_identity_gap:.1e}")
        mod = self.institutions.moderation
        if mod is not None:
            t = mod.interaction_test()
            lines.append(
                f"moderation ln imdig × insti: {t['estimate']:.4f} (SE {t['std_error']:.4f})"
            )
        for r in self.problems.itertuples(index=False):
            lines.append(f"not estimated: {r.table_id}/{r.model_id}: {r.problem}")
        return lines


def _sample_note(rule: SampleRule, sample: pd.DataFrame) -> str:
    return (
        f"Baseline sample: N = {len(sample)}, countries = {sample['iso3'].nunique()}; "
        f"{rule.describe()}."
    )


def run_mechanisms(
    panel_df: pd.DataFrame,
    rule: SampleRule | None = None,
    *,
    n_boot: int = 1000,
    seed: int = DEFAULT_SEED,
) -> MechanismsResult:
    """Mediation, moderation, heterogeneity and robustness on the baseline sample.

    Raises ``ValueError`` only when the baseline sample itself is empty (as the baseline does);
    every model-level problem is recorded in ``result.problems``.
    """
    rule = rule or SampleRule()
    timings: dict[str, float] = {}
    t0 = _time.perf_counter()
    sample, accounting = estimation_sample(panel_df, rule)
    if sample.empty:
        raise ValueError(
            f"empty sample after the sample rule; dropped: {accounting.to_dict('records')}"
        )
    book = Bookkeeping(n_base=len(sample))
    note = _sample_note(rule, sample)

    t = _time.perf_counter()
    med_fits, med_summary = channels.run_channels(sample, book, n_boot=n_boot, seed=seed)
    timings["mediation"] = _time.perf_counter() - t
    t = _time.perf_counter()
    inst, data = institutions.run_institutions(sample, book)
    timings["moderation"] = _time.perf_counter() - t
    t = _time.perf_counter()
    het_models, het_tests = heterogeneity.run_heterogeneity(data, book)
    timings["heterogeneity"] = _time.perf_counter() - t
    t = _time.perf_counter()
    sub_models = paper_layout.subsample_models(data, book)
    cat_models, cat_used, cat_missing = paper_layout.category_models(data, book)
    timings["table4_columns"] = _time.perf_counter() - t
    t = _time.perf_counter()
    rob_models, rob_frame = robustness.run_robustness(data, book)
    timings["robustness"] = _time.perf_counter() - t

    main_channels = [c for c in ("innov", "inter") if c in med_fits]
    variant_channels = [c for c in med_fits if c not in main_channels]

    def eqs(chs: list[str]) -> dict[str, PanelResult]:
        return {f"{c}:{k}": eq for c in chs for k, eq in med_fits[c][0].equations.items()}

    moderation_models: dict[str, PanelResult] = {}
    if inst.moderation is not None:
        moderation_models["iq_interaction"] = inst.moderation.panel
    if inst.ef_split is not None:
        moderation_models["ef_split"] = inst.ef_split.panel
    models_by_table = {
        channels.TABLE_ID: eqs(main_channels) | eqs(variant_channels),
        institutions.TABLE_ID: moderation_models,
        heterogeneity.TABLE_ID: het_models,
        robustness.TABLE_ID: rob_models,
        paper_layout.TABLE_ID: sub_models | cat_models,
    }

    tables: dict[str, PublicationTable | None] = {
        "table3_paper": paper_layout.table3_paper(
            eqs(main_channels),
            inst.moderation.panel if inst.moderation is not None else None,
            note,
        ),
        "table4_paper": paper_layout.table4_paper(
            sub_models, cat_models, cat_used, cat_missing, note
        ),
        "table3_mediation": models_table(
            eqs(main_channels),
            "Table 3. Mediation: technological innovation and Internet development",
            note + " Columns: <channel>:total (ln upmf ~ ln imdig), :a_path (mediator ~ ln imdig), "
            ":direct (ln upmf ~ ln imdig + mediator); one common sample per channel.",
        ),
        "table3_mediation_variants": models_table(
            eqs(variant_channels),
            "Table 3c. Mediation, variant measures (resident patents; Internet users %)",
            note,
        ),
        "table4_moderation": models_table(
            moderation_models,
            "Table 4. Moderation by institutional quality (dependent variable: ln upmf)",
            note + " iq_interaction: ln imdig and insti mean-centred before the product; "
            f"ef_split: ln imdig × 1[economic freedom 2019 above the median of countries, "
            f"{inst.ef_cutoff:.2f}] (level absorbed by the country FE).",
            labels={
                "ln_imdig:ef_above_median": "ln imdig × high economic freedom",
                "ln_imdig:insti": "ln imdig × insti",
            },
        ),
        "heterogeneity": models_table(
            het_models,
            "Table 5. Heterogeneity: development level, income group, service type",
            note + " developed/income_group: pooled interaction models (reference: developing; "
            "High income); service_*: the service type replaces ln imdig.",
            labels={"ln_imdig:developed": "ln imdig × developed"},
        ),
    }
    if not med_summary.empty:
        tables["table3_mediation_tests"] = mediation_tests_table(med_summary)
    if inst.pca is not None:
        pca = inst.pca
        tables["table4_iq_loadings"] = frame_table(
            inst.loadings,
            "Table 4b. Institutional quality: PC1 loadings of the six WGI estimates",
            {
                "variable": "WGI estimate",
                "loading_pc1": "PC1 loading",
                "mean": "Mean",
                "sd": "S.D.",
            },
            f"Note: {pca.describe()}. Explained variance of PC1: "
            f"{float(pca.explained_variance_ratio.iloc[0]):.4f} (eigenvalue "
            f"{float(pca.eigenvalues.iloc[0]):.4f}). {' '.join(pca.notes)}",
        )
    if not inst.marginal.empty:
        tables["table4_marginal_effects"] = frame_table(
            inst.marginal.assign(percentile=[f"p{p:g}" for p in inst.marginal["percentile"]]),
            "Table 4c. Marginal effect of ln imdig at percentiles of insti",
            {
                "percentile": "Percentile of insti",
                "z": "insti",
                "effect": "d ln upmf / d ln imdig",
                "std_error": "SE",
                "p_value": "p",
                "conf_low": "95% CI low",
                "conf_high": "95% CI high",
            },
            "Note: b1 + b3·(insti − mean); delta-method SE from the CR1 covariance; t(G−1). "
            "Percentiles over the estimation-sample rows.",
        )
    if not het_tests.empty:
        tables["heterogeneity_tests"] = frame_table(
            het_tests,
            "Table 5b. Heterogeneity: slopes of ln imdig by group and tests of difference",
            {
                "model_id": "Model",
                "contrast": "Slope / contrast",
                "estimate": "Estimate",
                "std_error": "SE",
                "statistic": "t / F",
                "p_value": "p",
                "n_obs": "N",
                "countries": "Countries",
            },
            "Note: pooled interaction models; group slopes and differences with CR1 SEs, t(G−1); "
            "income groups: joint Wald F-test that all slope differences are zero.",
        )
    rob_view = rob_frame.copy()
    for col in ("n_obs", "countries"):
        rob_view[col] = rob_view[col].astype(float).astype("Int64")
    rob_view["stars"] = [stars(p) for p in rob_view["p_value"].astype(float)]
    for col in ("estimate", "std_error"):
        high = rob_view.get(f"{col}_max")
        rob_view[col] = [
            format_number(v, 4)
            + (f" / {format_number(h, 4)}" if high is not None and pd.notna(h) else "")
            for v, h in zip(
                rob_view[col].astype(float),
                high if high is not None else [None] * len(rob_view),
                strict=True,
            )
        ]
    tables["robustness"] = frame_table(
        rob_view,
        "Table 6. Robustness of the ln imdig coefficient",
        {
            "description": "Check",
            "regressor": "Regressor",
            "estimate": "Estimate",
            "stars": "Sig.",
            "std_error": "SE",
            "n_obs": "N",
            "countries": "Countries",
            "vcov": "SE type",
            "note": "Sample note",
            "problem": "Problem",
        },
        note + " Controls as Table 2 column (6); country and year FE; stars from each model's "
        "own p (loro: of the minimum).",
    )
    samples, problems = book.samples_frame(), book.problems_frame()
    tables["mechanisms_samples"] = frame_table(
        samples,
        "Estimation samples of every mechanism model",
        {
            "table_id": "Table",
            "model_id": "Model",
            "n_input": "Rows in",
            "n_used": "N",
            "n_dropped": "Dropped",
            "countries": "Countries",
            "dropped_detail": "Drops",
            "note": "Note",
        },
        note,
    )
    timings["total"] = _time.perf_counter() - t0
    return MechanismsResult(
        rule=rule,
        sample=data,
        accounting=accounting,
        n_boot=n_boot,
        seed=seed,
        mediation=med_fits,
        mediation_summary=med_summary,
        institutions=inst,
        heterogeneity_tests=het_tests,
        robustness_frame=rob_frame,
        category_variables=cat_used,
        models_by_table={k: v for k, v in models_by_table.items() if v},
        tables={k: tables[k] for k in TABLE_ORDER if tables.get(k) is not None},
        samples=samples,
        problems=problems,
        timings=timings,
    )


__all__ = ["CHART_FILE", "TABLE_ORDER", "MechanismsResult", "run_mechanisms"]
