"""Seed 002: digital service imports and manufacturing upgrading (Ling & Wu), Tables 1 and 2.

Paper: Dan Ling, Yueping Wu, "The impact of digital service imports on manufacturing upgrading",
63 countries, 2008-2020, N = 819 (``/work/shared/seeds/002_a0cd2b6ef81c490a.txt``, §3.2.4 Table 1
and §3.3 Table 2).

Model (methods.md §1): ``ln_upmf_it = b ln_imdig_it + g'controls_it + a_i + l_t + e_it`` with
- ``ln_upmf = ln(mva_usd / 1e9)`` -- manufacturing value added in current US$ *billions* (the
  paper's Table 1 max 8.261 = ln 3870, i.e. China's MVA in billions);
- ``ln_imdig = ln(dds_share_of_service_imports_pct)`` -- digitally-deliverable services imports as
  a percentage of services imports (paper max 4.540 = ln 93.7);
- ``pgdp = gdp_pc_usd / 1000`` (thousand US$), ``fdi``, ``gfcf``, ``rd``, ``urban`` in percent.
Table 2 adds the controls one at a time; every column has country and year FE and CR1
cluster-robust SEs by country (:mod:`analysis.panel`).

Sample rule (:class:`SampleRule`), applied in this order, every dropped row counted by reason:
years ``first_year..last_year`` (default 2010-2020: our UNCTAD DDS series starts in 2010, the
paper's in 2008); rows flagged in the mart (``is_flagged``) only if ``drop_flagged`` (off by
default: most flags concern variables outside Table 2, such as the ICT share, and the one that
matters here, a DDS share above 100, is removed by the share rule below); rows missing a
Table-2 input (attributed to the first missing column); DDS share outside (0, 100]; MVA <= 0;
countries with fewer than ``min_obs_per_country`` remaining observations.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.panel import CONSTANT, PanelResult, fit_panel_fe
from analysis.tables import (
    PublicationTable,
    descriptive_stats,
    descriptive_table,
    regression_table,
    stars,
)

STUDY = "digital_imports"
ENTITY, TIME = "iso3", "year"
DEP_VAR = "ln_upmf"
TREATMENT = "ln_imdig"
CONTROLS = ["pgdp", "fdi", "gfcf", "rd", "urban"]
VARIABLES = [DEP_VAR, TREATMENT, *CONTROLS]
MODEL_IDS = [f"({i})" for i in range(1, 7)]
SPECS: dict[str, list[str]] = {
    model_id: [TREATMENT, *CONTROLS[:i]] for i, model_id in enumerate(MODEL_IDS)
}
RAW_INPUTS = {
    "mva_usd": DEP_VAR,
    "dds_share_of_service_imports_pct": TREATMENT,
    "gdp_pc_usd": "pgdp",
    "fdi_pct_gdp": "fdi",
    "gfcf_pct_gdp": "gfcf",
    "rd_pct_gdp": "rd",
    "urban_pct": "urban",
}
LABELS = {
    DEP_VAR: "ln upmf",
    TREATMENT: "ln imdig",
    "pgdp": "pgdp",
    "fdi": "fdi",
    "gfcf": "gfcf",
    "rd": "rd",
    "urban": "urban",
}
PAPER_CITATION = (
    "Ling, D. and Wu, Y., 'The impact of digital service imports on manufacturing upgrading', "
    "Tables 1-2 (63 countries, 2008-2020, N = 819); seed 002"
)

# Paper Table 1 (typed from the seed): Obs., Avg., S.D., Min., Max.
PAPER_TABLE1 = pd.DataFrame(
    [
        (DEP_VAR, 819, 3.463, 1.924, -1.219, 8.261),
        (TREATMENT, 819, 3.631, 0.454, 1.550, 4.540),
        ("pgdp", 819, 24.501, 22.992, 0.871, 123.679),
        ("fdi", 819, 6.625, 21.845, -40.081, 280.132),
        ("gfcf", 819, 22.507, 5.444, 10.578, 48.412),
        ("rd", 819, 1.286, 1.054, 0.018, 5.436),
        ("urban", 819, 71.576, 16.328, 30.246, 100.0),
    ],
    columns=["variable", "n", "mean", "sd", "min", "max"],
)

# Paper Table 2 (typed from the seed): term -> (coefficient, SE, stars) per column.
_T2 = {
    TREATMENT: [(0.0834, 0.0432, "*"), (0.1129, 0.0386, "***"), (0.1145, 0.0387, "***"),
                (0.1203, 0.0386, "***"), (0.1211, 0.0386, "***"), (0.1395, 0.0386, "***")],
    "pgdp": [None, (0.0206, 0.0015, "***"), (0.0206, 0.0015, "***"), (0.0203, 0.0015, "***"),
             (0.0204, 0.0015, "***"), (0.0210, 0.0015, "***")],
    "fdi": [None, None, (0.0002, 0.0003, ""), (0.0002, 0.0003, ""), (0.0002, 0.0003, ""),
            (0.0001, 0.0003, "")],
    "gfcf": [None, None, None, (0.0045, 0.0016, "***"), (0.0044, 0.0016, "***"),
             (0.0048, 0.0015, "***")],
    "rd": [None, None, None, None, (0.0407, 0.0270, ""), (0.0365, 0.0268, "")],
    "urban": [None, None, None, None, None, (0.0178, 0.0050, "***")],
    CONSTANT: [(3.9511, 0.1584, "***"), (3.6078, 0.1433, "***"), (3.6013, 0.1439, "***"),
               (3.5024, 0.1473, "***"), (3.4809, 0.1478, "***"), (1.8061, 0.4942, "***")],
}  # fmt: skip
PAPER_TABLE2 = pd.DataFrame.from_records(
    [
        {"model_id": MODEL_IDS[i], "term": term, "estimate": v[0], "std_error": v[1], "stars": v[2]}
        for term, cells in _T2.items()
        for i, v in enumerate(cells)
        if v is not None
    ]
)
PAPER_TABLE2_FIT = pd.DataFrame(
    {
        "model_id": MODEL_IDS,
        "n_obs": [819] * 6,
        "lsdv_adj_r2": [0.9937, 0.9950, 0.9950, 0.9951, 0.9951, 0.9952],
    }
)
PAPER_SE_NOTE = "Paper: 'Robust standard errors in brackets' (type not stated further)."


@dataclass(frozen=True)
class SampleRule:
    """Which rows enter the estimation sample (see the module docstring for the order)."""

    first_year: int = 2010
    last_year: int = 2020
    min_obs_per_country: int = 3
    drop_flagged: bool = False

    def describe(self) -> str:
        flagged = "; rows flagged in the mart excluded" if self.drop_flagged else ""
        return (
            f"years {self.first_year}–{self.last_year}; every Table-2 variable present; "
            "DDS share of "
            f"services imports in (0, 100]; countries with at least {self.min_obs_per_country} "
            f"observations{flagged}"
        )


@dataclass
class StudyResult:
    """Everything the report and the store need from one run of the baseline study."""

    rule: SampleRule
    sample: pd.DataFrame
    accounting: pd.DataFrame  # step, reason, n_dropped, n_remaining
    descriptives: pd.DataFrame  # variable, n, mean, sd, min, max
    models: dict[str, PanelResult]
    table1: PublicationTable
    table2: PublicationTable
    comparison: pd.DataFrame
    differences: list[str]
    headline: str
    extras: dict[str, object] = field(default_factory=dict)

    @property
    def study(self) -> str:
        return STUDY

    @property
    def years(self) -> tuple[int, int]:
        return int(self.sample[TIME].min()), int(self.sample[TIME].max())


def build_study_variables(panel: pd.DataFrame) -> pd.DataFrame:
    """Add the study variables; logs are NaN where their argument is not positive."""
    out = panel.copy()
    mva = pd.to_numeric(out["mva_usd"], errors="coerce").astype(float)
    share = pd.to_numeric(out["dds_share_of_service_imports_pct"], errors="coerce").astype(float)
    out[DEP_VAR] = np.log((mva / 1e9).where(mva > 0))
    out[TREATMENT] = np.log(share.where(share > 0))
    out["pgdp"] = pd.to_numeric(out["gdp_pc_usd"], errors="coerce").astype(float) / 1000.0
    for raw, var in (("fdi_pct_gdp", "fdi"), ("gfcf_pct_gdp", "gfcf"), ("rd_pct_gdp", "rd"),
                     ("urban_pct", "urban")):  # fmt: skip
        out[var] = pd.to_numeric(out[raw], errors="coerce").astype(float)
    return out


def apply_sample_rule(panel: pd.DataFrame, rule: SampleRule) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (sample, accounting); accounting rows sum exactly to the rows removed."""
    if panel.duplicated([ENTITY, TIME]).any():
        raise ValueError("country panel is not unique on (iso3, year)")
    data = build_study_variables(panel)
    steps: list[tuple[str, int]] = []

    def drop(mask: pd.Series, reason: str) -> None:
        nonlocal data
        mask = mask.reindex(data.index, fill_value=False).astype(bool)
        n = int(mask.sum())
        if n:
            steps.append((reason, n))
            data = data.loc[~mask]

    years = pd.to_numeric(data[TIME], errors="coerce")
    drop(
        ~years.between(rule.first_year, rule.last_year),
        f"year outside {rule.first_year}–{rule.last_year}",
    )
    if rule.drop_flagged and "is_flagged" in data.columns:
        flagged = data["is_flagged"].fillna(False).astype(bool)
        reasons = data.get("flag_reason", pd.Series("", index=data.index)).fillna("unspecified")
        for reason in sorted(reasons[flagged].astype(str).unique()):
            drop(flagged & (reasons == reason), f"flagged in mart: {reason}")
    for raw in RAW_INPUTS:
        drop(data[raw].isna(), f"missing {raw}")
    share = data["dds_share_of_service_imports_pct"].astype(float)
    drop(~((share > 0) & (share <= 100)), "DDS share outside (0, 100]")
    drop(data["mva_usd"].astype(float) <= 0, "mva_usd <= 0 (log undefined)")
    drop(data[VARIABLES].isna().any(axis=1) | ~np.isfinite(data[VARIABLES]).all(axis=1),
         "non-finite study variable")  # fmt: skip
    counts = data.groupby(ENTITY)[ENTITY].transform("size")
    drop(
        counts < rule.min_obs_per_country, f"country with < {rule.min_obs_per_country} observations"
    )

    remaining = len(panel)
    records = []
    for i, (reason, n) in enumerate(steps, start=1):
        remaining -= n
        records.append({"step": i, "reason": reason, "n_dropped": n, "n_remaining": remaining})
    accounting = pd.DataFrame.from_records(
        records, columns=["step", "reason", "n_dropped", "n_remaining"]
    )
    sample = data[[ENTITY, TIME, *VARIABLES]].sort_values([ENTITY, TIME]).reset_index(drop=True)
    return sample, accounting


def compare_with_paper(models: dict[str, PanelResult]) -> pd.DataFrame:
    """Ours vs paper per (model, term): estimates, SEs, stars, sign and significance agreement."""
    rows = []
    for paper in PAPER_TABLE2.itertuples(index=False):
        res = models.get(paper.model_id)
        if res is None or paper.term not in res.params.index:
            continue
        est, se, p = res.params[paper.term], res.std_errors[paper.term], res.pvalues[paper.term]
        rows.append(
            {
                "model_id": paper.model_id,
                "term": paper.term,
                "estimate": float(est),
                "std_error": float(se),
                "p_value": float(p),
                "stars": stars(p),
                "paper_estimate": paper.estimate,
                "paper_std_error": paper.std_error,
                "paper_stars": paper.stars,
                "same_sign": bool(np.sign(est) == np.sign(paper.estimate)),
                "same_significance": stars(p) == paper.stars,
                "ratio_to_paper": float(est / paper.estimate) if paper.estimate else np.nan,
                "diff_in_paper_se": float((est - paper.estimate) / paper.std_error),
            }
        )
    return pd.DataFrame.from_records(rows)


def _significance_words(star: str) -> str:
    return {
        "***": "significant at 1 %",
        "**": "significant at 5 %",
        "*": "significant at 10 %",
    }.get(star, "not significant at 10 %")


def describe_row(row: pd.Series) -> str:
    """One plain-words sentence comparing our estimate with the paper's (from the numbers)."""
    label = LABELS.get(row.term, row.term)
    ours = f"{row.estimate:.4f}{row.stars} (SE {row.std_error:.4f})"
    paper = f"{row.paper_estimate:.4f}{row.paper_stars} (SE {row.paper_std_error:.4f})"
    sign = "same sign" if row.same_sign else "OPPOSITE sign"
    if row.same_significance:
        sig = f"both {_significance_words(row.stars)}"
    else:
        ours_sig, paper_sig = _significance_words(row.stars), _significance_words(row.paper_stars)
        sig = f"ours {ours_sig}, the paper's {paper_sig}"
    if abs(row.diff_in_paper_se) <= 1:
        size = "magnitude within one paper SE"
    else:
        size = f"magnitude {abs(row.ratio_to_paper):.2f}× the paper's"
    return f"Column {row.model_id}, {label}: ours {ours} vs paper {paper}: {sign}; {sig}; {size}."


def headline_sentence(comparison: pd.DataFrame) -> str:
    """Summary of the treatment coefficient across the six columns, generated from the numbers."""
    t = comparison[comparison["term"] == TREATMENT]
    if t.empty:
        return "No ln imdig coefficient could be compared with the paper."
    n = len(t)
    pos, paper_pos = int((t["estimate"] > 0).sum()), int((t["paper_estimate"] > 0).sum())
    sig, paper_sig = int((t["p_value"] < 0.10).sum()), int((t["paper_stars"] != "").sum())
    text = (
        f"Our ln imdig coefficient is positive in {pos} of {n} columns "
        f"(paper: {paper_pos} of {n}), "
        f"between {t['estimate'].min():.4f} and {t['estimate'].max():.4f} "
        f"(paper: {t['paper_estimate'].min():.4f} to {t['paper_estimate'].max():.4f}), and "
        f"significant at 10 % in {sig} of {n} (paper: {paper_sig} of {n})."
    )
    verdict = []
    if pos != paper_pos:
        verdict.append("the sign differs from the paper in some columns")
    if sig < paper_sig:
        verdict.append("our evidence is statistically weaker than the paper's")
    elif sig > paper_sig:
        verdict.append("our evidence is statistically stronger than the paper's")
    ratio = float((t["estimate"] / t["paper_estimate"]).median())
    if not 0.5 <= ratio <= 2:
        verdict.append(f"the typical magnitude is {ratio:.2f}× the paper's")
    if verdict:
        text += " In short: " + "; ".join(verdict) + "."
    else:
        text += " In short: sign, significance and order of magnitude agree with the paper."
    controls = comparison[comparison["term"].isin(CONTROLS)]
    sign_diff = sorted(set(controls.loc[~controls["same_sign"], "term"]))
    sig_diff = sorted(set(controls.loc[~controls["same_significance"], "term"]))
    if sign_diff or sig_diff:
        parts = []
        if sign_diff:
            parts.append(f"the sign differs from the paper for {', '.join(sign_diff)}")
        if sig_diff:
            parts.append(f"the significance level differs for {', '.join(sig_diff)}")
        text += " Controls: " + "; ".join(parts) + " (in at least one column)."
    elif not controls.empty:
        text += " Controls: signs and significance levels agree with the paper."
    return text


def run_baseline(panel_df: pd.DataFrame, rule: SampleRule | None = None) -> StudyResult:
    """Sample rule -> Table 1 -> six Table-2 regressions -> comparison with the paper."""
    rule = rule or SampleRule()
    sample, accounting = apply_sample_rule(panel_df, rule)
    if sample.empty:
        raise ValueError(
            f"empty sample after the sample rule; dropped: {accounting.to_dict('records')}"
        )
    models = {
        model_id: fit_panel_fe(sample, DEP_VAR, regs, ENTITY, TIME, vcov="cluster", cluster=ENTITY)
        for model_id, regs in SPECS.items()
    }
    descriptives = descriptive_stats(sample, VARIABLES)
    first, last = int(sample[TIME].min()), int(sample[TIME].max())
    n_countries = sample[ENTITY].nunique()
    sample_note = (
        f"N = {len(sample)}, countries = {n_countries}, years {first}–{last}. "
        f"Sample: {rule.describe()}."
    )
    table1 = descriptive_table(
        descriptives,
        title="Table 1. Descriptive statistics of the main variables",
        labels=LABELS,
        note=f"Note: S.D. with n−1 denominator. ln upmf = ln(MVA, current US$ bn); "
        f"ln imdig = ln(DDS imports, % of services imports); pgdp in thousand US$. {sample_note}",
    )
    table2 = regression_table(
        list(models.values()),
        title="Table 2. Benchmark regression results (dependent variable: ln upmf)",
        column_labels=MODEL_IDS,
        term_labels=LABELS,
        fe_labels={ENTITY: "Country FE", TIME: "Year FE"},
        entity_label="Countries",
        note_extra=sample_note,
    )
    comparison = compare_with_paper(models)
    differences = [describe_row(r) for _, r in comparison.iterrows()]
    return StudyResult(
        rule=rule,
        sample=sample,
        accounting=accounting,
        descriptives=descriptives,
        models=models,
        table1=table1,
        table2=table2,
        comparison=comparison,
        differences=differences,
        headline=headline_sentence(comparison),
    )
