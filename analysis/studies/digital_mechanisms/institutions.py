"""Moderation by institutional quality (paper Table 3 column 5 / methods §1 "Moderation").

- ``insti`` = first principal component of the six standardised WGI estimates (ddof = 1), fitted
  once on the pooled estimation panel (baseline-sample rows with all six WGI present); sign rule
  ``sum_positive`` (loadings sum > 0, i.e. all positive when they share a sign).
- ``ln upmf ~ ln imdig_c + insti_c + ln imdig_c × insti_c + W + FE``, both mean-centred on the
  model's estimation sample; marginal effect of ln imdig at the 10/50/90th percentiles of insti
  (delta-method SE from the CR1 covariance).
- Variant: ``economic_freedom_2019`` is a single-year (time-invariant) score, so it cannot enter
  a country-FE model as a level: countries above the cross-country median form group 1
  (:func:`entity_split_flag`) and the slope difference is tested in the pooled interaction model
  (:func:`group_slope_difference`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from analysis.moderation import (
    GroupDifferenceResult,
    ModerationResult,
    entity_split_flag,
    fit_moderation,
    group_slope_difference,
    marginal_effects,
)
from analysis.pca import PCAResult, first_component
from analysis.studies.digital_imports import CONTROLS, DEP_VAR, ENTITY, TIME, TREATMENT
from analysis.studies.digital_mechanisms.data import WGI, Bookkeeping

TABLE_ID = "table4_moderation"
IQ = "insti"
EF_FLAG = "ef_above_median"


@dataclass
class InstitutionsResult:
    pca: PCAResult | None = None
    moderation: ModerationResult | None = None
    marginal: pd.DataFrame = field(default_factory=pd.DataFrame)
    ef_split: GroupDifferenceResult | None = None
    ef_cutoff: float = float("nan")
    loadings: pd.DataFrame = field(default_factory=pd.DataFrame)


def run_institutions(
    sample: pd.DataFrame, book: Bookkeeping
) -> tuple[InstitutionsResult, pd.DataFrame]:
    """PCA, moderation model, marginal effects, economic-freedom split; returns (result, frame
    with the ``insti`` and ``ef_above_median`` columns added)."""
    out = InstitutionsResult()
    data = sample.copy()
    pca = book.attempt(TABLE_ID, "pca", lambda: first_component(data, WGI, "sum_positive"))
    if pca is not None:
        out.pca = pca
        data[IQ] = pca.scores
        out.loadings = pd.DataFrame(
            {
                "variable": pca.columns,
                "loading_pc1": pca.pc1_loadings.to_numpy(),
                "mean": pca.means.to_numpy(),
                "sd": pca.std_devs_input.to_numpy(),
            }
        )
        mod = book.attempt(
            TABLE_ID,
            "iq_interaction",
            lambda: fit_moderation(data, DEP_VAR, TREATMENT, IQ, CONTROLS, ENTITY, TIME),
        )
        if mod is not None:
            out.moderation = mod
            book.record(
                TABLE_ID,
                "iq_interaction",
                mod.panel,
                "; ".join(mod.notes),
                n_input=mod.sample.n_input,
                detail=mod.sample.describe(),
            )
            out.marginal = marginal_effects(mod, percentiles=(10, 50, 90))
    else:
        data[IQ] = float("nan")

    if "economic_freedom_2019" in data and data["economic_freedom_2019"].notna().any():
        flag = book.attempt(
            TABLE_ID,
            "ef_split",
            lambda: entity_split_flag(data, "economic_freedom_2019", ENTITY),
        )
        if flag is not None:
            data[EF_FLAG] = flag.to_numpy()
            per_country = data.groupby(ENTITY)["economic_freedom_2019"].first().dropna()
            out.ef_cutoff = float(per_country.median())
            split = book.attempt(
                TABLE_ID,
                "ef_split",
                lambda: group_slope_difference(
                    data, DEP_VAR, TREATMENT, EF_FLAG, CONTROLS, ENTITY, TIME
                ),
            )
            if split is not None:
                out.ef_split = split
                n_missing = int(data[EF_FLAG].isna().sum())
                book.record(
                    TABLE_ID,
                    "ef_split",
                    split.panel,
                    f"groups (obs): {split.n_obs_by_group}; countries: "
                    f"{split.n_entities_by_group}; {n_missing} rows without a 2019 score",
                )
    else:
        book.problem(TABLE_ID, "ef_split", "economic_freedom_2019 missing for every row")
    return out, data
