"""Robustness of the ln imdig coefficient (one table, one row per check).

Reference: Table 2 column (6) (all controls, two-way FE, CR1 by country). Checks:
- ``lag``: L1.ln imdig (previous calendar year) replaces ln imdig; rows without it dropped;
- ``mfg_share``: dependent variable MVA / GDP × 100 instead of ln upmf;
- ``hc1``: HC1 instead of cluster SEs (same point estimate);
- ``driscoll_kraay``: Driscoll–Kraay SEs (robust to cross-country correlation and serial
  correlation; Bartlett kernel, Hoechle's default lag, xtscc small-sample factor, t(T−1));
- ``winsor``: y, ln imdig and the controls winsorised at their 1st/99th percentiles on the pooled
  estimation sample (``numpy.percentile``, linear);
- ``balanced``: only countries observed in every year of the estimation sample;
- ``loro``: leave one region out, one regression per region; the row shows the min and max of the
  coefficient over regions (each region's model is stored as ``loro:<region>``); rows without a
  region are never left out.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.panel import PanelResult, fit_panel_fe
from analysis.studies.digital_imports import CONTROLS, DEP_VAR, ENTITY, TIME, TREATMENT
from analysis.studies.digital_mechanisms.data import Bookkeeping

TABLE_ID = "robustness"
CHECKS = ["baseline", "lag", "mfg_share", "hc1", "driscoll_kraay", "winsor", "balanced", "loro"]
DESCRIPTIONS = {
    "baseline": "Baseline: Table 2 column (6)",
    "lag": "ln imdig lagged one year",
    "mfg_share": "Dependent: manufacturing % of GDP",
    "hc1": "HC1 (heteroskedasticity-robust) SEs",
    "driscoll_kraay": "Driscoll–Kraay SEs (cross-sectional dependence)",
    "winsor": "Variables winsorised at 1 % / 99 %",
    "balanced": "Balanced panel only",
    "loro": "Leave one region out (min / max)",
}


def winsorise(
    df: pd.DataFrame, columns: list[str], lower: float = 1, upper: float = 99
) -> pd.DataFrame:
    out = df.copy()
    for col in columns:
        values = out[col].astype(float)
        lo, hi = np.nanpercentile(values, [lower, upper])
        out[col] = values.clip(lo, hi)
    return out


def _fit(data: pd.DataFrame, y: str, x: str, vcov: str = "cluster") -> PanelResult:
    return fit_panel_fe(
        data,
        y,
        [x, *CONTROLS],
        ENTITY,
        TIME,
        vcov=vcov,
        cluster=ENTITY if vcov == "cluster" else None,
    )


def _row(check: str, res: PanelResult | None, x: str, note: str = "", problem: str = "") -> dict:
    base = {"check": check, "description": DESCRIPTIONS[check], "regressor": x, "note": note}
    if res is None:
        return base | {
            "estimate": np.nan,
            "std_error": np.nan,
            "p_value": np.nan,
            "n_obs": np.nan,
            "countries": np.nan,
            "vcov": "",
            "problem": problem,
        }
    return base | {
        "estimate": float(res.params[x]),
        "std_error": float(res.std_errors[x]),
        "p_value": float(res.pvalues[x]),
        "n_obs": res.n_obs,
        "countries": res.n_entities,
        "vcov": res.vcov_type
        + (f" (lag {res.dk_lags}, t({res.df_inference}))" if res.dk_lags is not None else ""),
        "problem": problem,
    }


def run_robustness(
    sample: pd.DataFrame, book: Bookkeeping
) -> tuple[dict[str, PanelResult], pd.DataFrame]:
    """Every check (model id -> PanelResult) and the table frame (one row per check)."""
    models: dict[str, PanelResult] = {}
    rows = []

    def one(
        check: str,
        data: pd.DataFrame,
        y: str = DEP_VAR,
        x: str = TREATMENT,
        vcov: str = "cluster",
        note: str = "",
    ) -> None:
        n_before = len(book.problems)
        res = book.attempt(TABLE_ID, check, lambda: _fit(data, y, x, vcov))
        problem = book.problems[-1]["problem"] if len(book.problems) > n_before else ""
        if res is not None:
            models[check] = res
            book.record(TABLE_ID, check, res, note)
        rows.append(_row(check, res, x, note, problem))

    one("baseline", sample)
    one(
        "lag",
        sample,
        x="ln_imdig_l1",
        note=f"{int(sample['ln_imdig_l1'].isna().sum())} rows without a previous-year value",
    )
    one(
        "mfg_share",
        sample,
        y="mfg_share",
        note=f"{int(sample['mfg_share'].isna().sum())} rows without GDP",
    )
    one("hc1", sample, vcov="hc1")
    one("driscoll_kraay", sample, vcov="driscoll_kraay")
    one("winsor", winsorise(sample, [DEP_VAR, TREATMENT, *CONTROLS]))
    n_years = sample[TIME].nunique()
    per_country = sample.groupby(ENTITY)[TIME].nunique()
    full = per_country.index[per_country == n_years]
    one(
        "balanced",
        sample.loc[sample[ENTITY].isin(full)],
        note=f"{len(full)} of {len(per_country)} countries observed in all {n_years} years",
    )

    regions = sorted(sample["region"].dropna().unique())
    coefs: dict[str, float] = {}
    loro_models: dict[str, PanelResult] = {}
    for region in regions:
        model_id = f"loro:{region}"
        res = book.attempt(
            TABLE_ID,
            model_id,
            lambda r=region: _fit(sample.loc[sample["region"] != r], DEP_VAR, TREATMENT),
        )
        if res is not None:
            loro_models[model_id] = res
            coefs[region] = float(res.params[TREATMENT])
            book.record(TABLE_ID, model_id, res, f"region {region!r} left out")
    models.update(loro_models)
    if coefs:
        lo, hi = min(coefs, key=coefs.get), max(coefs, key=coefs.get)
        rows.append(
            {
                "check": "loro",
                "description": DESCRIPTIONS["loro"],
                "regressor": TREATMENT,
                "estimate": coefs[lo],
                "estimate_max": coefs[hi],
                "std_error": float(loro_models[f"loro:{lo}"].std_errors[TREATMENT]),
                "std_error_max": float(loro_models[f"loro:{hi}"].std_errors[TREATMENT]),
                "p_value": float(loro_models[f"loro:{lo}"].pvalues[TREATMENT]),
                "p_value_max": float(loro_models[f"loro:{hi}"].pvalues[TREATMENT]),
                "n_obs": np.nan,
                "countries": np.nan,
                "vcov": "cluster",
                "note": f"min without {lo}, max without {hi}; {len(coefs)} of {len(regions)} "
                f"regions estimated; {int(sample['region'].isna().sum())} rows without a region "
                "always kept",
                "problem": "",
            }
        )
    else:
        rows.append(
            _row(
                "loro", None, TREATMENT, problem=f"no region could be left out (regions: {regions})"
            )
        )
    return models, pd.DataFrame.from_records(rows)
