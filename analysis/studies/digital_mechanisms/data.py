"""Seed 002 mechanisms: variables, the estimation sample and per-model bookkeeping.

The sample is the baseline sample (:func:`analysis.studies.digital_imports.apply_sample_rule`,
same :class:`SampleRule`), to which the mechanism inputs are attached by (iso3, year). Each model
then drops rows missing its own extra inputs; every model's N, countries and drops are recorded in
:class:`Bookkeeping` (never silent), and every model that cannot be estimated is recorded as a
problem instead of raising.

Derived variables (logs are NaN where the argument is not positive):
- ``ln_innov = ln(patents_resident + patents_nonresident)`` (only where both exist);
  variant ``ln_innov_res = ln(patents_resident)``;
- ``ln_inter = ln(mobile_per_100)``; variant ``ln_internet = ln(internet_pct)``;
- ``ln_ict``, ``ln_insfin`` = ln of the ICT / insurance-and-financial shares of services imports
  (%), ``ln_ip = ln(ip_charges_usd / 1e6)`` (US$ million);
- ``ln_dds_<category>`` = ln of the category's digitally-deliverable imports as a share of
  services imports (%), ``100 × dds_imports_<category>_usd / service_imports_usd``, for the six
  UNCTAD categories of :data:`DDS_CATEGORIES` (NaN when the user has not supplied the UNCTAD
  by-category file); the same share definition as ln imdig;
- ``mfg_share = mva_usd / gdp_usd × 100``; ``ln_imdig_l1`` = ln imdig of the same country in the
  previous calendar year (from the full mart, so 2009 values feed 2010 when they exist);
- ``developed`` (0/1 from ``is_developed``), ``income_group``, ``region``,
  ``economic_freedom_2019`` and the six WGI estimates carried over unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from analysis.mediation import MediationInputError
from analysis.panel import PanelResult, PanelSpecificationError
from analysis.pca import PCAInputError
from analysis.studies.digital_imports import (
    ENTITY,
    TIME,
    TREATMENT,
    SampleRule,
    apply_sample_rule,
    build_study_variables,
)

WGI = [
    "wgi_voice_accountability",
    "wgi_political_stability",
    "wgi_government_effectiveness",
    "wgi_regulatory_quality",
    "wgi_rule_of_law",
    "wgi_control_of_corruption",
]
#: UNCTAD DDS category -> (country_panel column, paper label); paper Table 4 columns (3)-(8)
DDS_CATEGORIES: dict[str, tuple[str, str]] = {
    "insurance": ("dds_imports_insurance_usd", "ln insur"),
    "financial": ("dds_imports_financial_usd", "ln finan"),
    "ip_charges": ("dds_imports_ip_charges_usd", "ln intelpro"),
    "ict": ("dds_imports_ict_usd", "ln ICT"),
    "other_business": ("dds_imports_other_business_usd", "ln other"),
    "audiovisual": ("dds_imports_audiovisual_usd", "ln audio"),
}
CATEGORY_VARS = [f"ln_dds_{key}" for key in DDS_CATEGORIES]
EXTRA_VARS = [
    "ln_innov",
    "ln_innov_res",
    "ln_inter",
    "ln_internet",
    "ln_ict",
    "ln_insfin",
    "ln_ip",
    *CATEGORY_VARS,
    "mfg_share",
    "ln_imdig_l1",
    "developed",
    "income_group",
    "region",
    "economic_freedom_2019",
    *WGI,
]
LABELS_EXTRA = {
    "ln_innov": "ln innov",
    "ln_innov_res": "ln innov (resident)",
    "ln_inter": "ln inter",
    "ln_internet": "ln internet",
    "ln_ict": "ln ICT",
    "ln_insfin": "ln insfin",
    "ln_ip": "ln intelpro",
    "mfg_share": "MVA % GDP",
    "ln_imdig_l1": "L1.ln imdig",
    "insti": "insti (PC1 of WGI)",
    **{f"ln_dds_{key}": label for key, (_, label) in DDS_CATEGORIES.items()},
}
#: errors a model may raise on bad input; they are recorded, never propagated
MODEL_ERRORS = (PanelSpecificationError, MediationInputError, PCAInputError, ValueError)


def _num(df: pd.DataFrame, col: str) -> pd.Series:
    if col not in df.columns:
        return pd.Series(np.nan, index=df.index, dtype=float)
    return pd.to_numeric(df[col], errors="coerce").astype(float)


def _log(values: pd.Series) -> pd.Series:
    return np.log(values.where(values > 0))


def mechanism_variables(panel: pd.DataFrame) -> pd.DataFrame:
    """iso3, year and every variable of :data:`EXTRA_VARS`, computed on the full mart."""
    base = build_study_variables(panel)
    out = base[[ENTITY, TIME]].copy()
    res, nonres = _num(base, "patents_resident"), _num(base, "patents_nonresident")
    out["ln_innov"] = _log(res + nonres)  # NaN unless both exist
    out["ln_innov_res"] = _log(res)
    out["ln_inter"] = _log(_num(base, "mobile_per_100"))
    out["ln_internet"] = _log(_num(base, "internet_pct"))
    out["ln_ict"] = _log(_num(base, "ict_share_of_service_imports_pct"))
    out["ln_insfin"] = _log(_num(base, "insfin_share_of_service_imports_pct"))
    out["ln_ip"] = _log(_num(base, "ip_charges_usd") / 1e6)
    services = _num(base, "service_imports_usd")
    for key, (column, _) in DDS_CATEGORIES.items():
        out[f"ln_dds_{key}"] = _log(100.0 * _num(base, column) / services.where(services > 0))
    gdp = _num(base, "gdp_usd")
    out["mfg_share"] = (_num(base, "mva_usd") / gdp.where(gdp > 0)) * 100.0
    lag = base[[ENTITY, TIME, TREATMENT]].copy()
    lag[TIME] = pd.to_numeric(lag[TIME]) + 1
    lag = lag.rename(columns={TREATMENT: "ln_imdig_l1"})
    out = out.merge(lag, on=[ENTITY, TIME], how="left")
    if "is_developed" in base.columns:
        dev = base["is_developed"].map({True: 1.0, False: 0.0}).astype(float)
    else:
        dev = pd.Series(np.nan, index=base.index, dtype=float)
    out["developed"] = dev.to_numpy()
    for col in ("income_group", "region"):
        out[col] = base[col].to_numpy() if col in base.columns else None
    for col in ("economic_freedom_2019", *WGI):
        out[col] = _num(base, col).to_numpy()
    return out


def estimation_sample(panel: pd.DataFrame, rule: SampleRule) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(baseline sample + mechanism variables, baseline sample accounting)."""
    sample, accounting = apply_sample_rule(panel, rule)
    extra = mechanism_variables(panel)
    extra[TIME] = extra[TIME].astype(sample[TIME].dtype)
    merged = sample.merge(extra, on=[ENTITY, TIME], how="left", validate="one_to_one")
    return merged, accounting


@dataclass
class Bookkeeping:
    """Per-model samples and problems of one run (the report prints both)."""

    n_base: int
    samples: list[dict[str, Any]] = field(default_factory=list)
    problems: list[dict[str, str]] = field(default_factory=list)

    def record(
        self,
        table_id: str,
        model_id: str,
        res: PanelResult,
        note: str = "",
        *,
        n_input: int | None = None,
        detail: str | None = None,
    ) -> None:
        """One sample row; ``n_input``/``detail`` override the regression's own accounting when
        the model's sample was prepared before the regression (mediation, moderation)."""
        n_in = res.sample.n_input if n_input is None else n_input
        self.samples.append(
            {
                "table_id": table_id,
                "model_id": model_id,
                "n_input": n_in,
                "n_used": res.n_obs,
                "n_dropped": n_in - res.n_obs,
                "countries": res.n_entities,
                "dropped_detail": res.sample.describe() if detail is None else detail,
                "note": note,
            }
        )

    def problem(self, table_id: str, model_id: str, exc: BaseException | str) -> None:
        self.problems.append({"table_id": table_id, "model_id": model_id, "problem": str(exc)})

    def attempt(self, table_id: str, model_id: str, fn: Callable[[], Any]) -> Any | None:
        """``fn()``; on bad input the problem is recorded and None returned."""
        try:
            return fn()
        except MODEL_ERRORS as exc:
            self.problem(table_id, model_id, f"{type(exc).__name__}: {exc}")
            return None

    def samples_frame(self) -> pd.DataFrame:
        return pd.DataFrame.from_records(
            self.samples,
            columns=[
                "table_id",
                "model_id",
                "n_input",
                "n_used",
                "n_dropped",
                "countries",
                "dropped_detail",
                "note",
            ],
        )

    def problems_frame(self) -> pd.DataFrame:
        return pd.DataFrame.from_records(self.problems, columns=["table_id", "model_id", "problem"])
