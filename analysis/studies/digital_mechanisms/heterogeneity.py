"""Heterogeneity (paper Table 4): development level, income group, type of digital service.

- Developed vs developing (``is_developed``): pooled model ``ln upmf ~ ln imdig +
  ln imdig·1[developed] + W + FE``; the t-test of the interaction tests the slope difference
  (:func:`analysis.moderation.group_slope_difference`). Rows without the flag are dropped (counted).
- Income group (World Bank): ``ln imdig`` interacted with a dummy for every group except the
  reference (``High income`` when present, else the largest group); per-group slopes with
  delta-method SEs, t-tests of each difference, and a joint Wald F-test that all differences are
  zero (``F = d'V⁻¹d / q`` with the CR1 covariance, ``F(q, G−1)``).
- Service type: each of ln ICT share, ln insurance-and-financial share and ln IP charges replaces
  ln imdig in its own regression (paper Table 4 columns 3-8 do the same for six types).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import special

from analysis.moderation import group_slope_difference
from analysis.panel import PanelResult, fit_panel_fe
from analysis.studies.digital_imports import CONTROLS, DEP_VAR, ENTITY, TIME, TREATMENT
from analysis.studies.digital_mechanisms.data import Bookkeeping

TABLE_ID = "heterogeneity"
SERVICE_TYPES = {"ict": "ln_ict", "insfin": "ln_insfin", "intelpro": "ln_ip"}


def _slug(text: str) -> str:
    return "".join(ch if ch.isalnum() else "_" for ch in str(text).lower()).strip("_")


def _row(model_id: str, label: str, est: float, var: float, res: PanelResult) -> dict:
    se = float(np.sqrt(max(var, 0.0)))
    t = est / se if se > 0 else float("nan")
    return {
        "model_id": model_id,
        "contrast": label,
        "estimate": est,
        "std_error": se,
        "statistic": t,
        "p_value": float(2 * special.stdtr(res.df_inference, -abs(t))),
        "n_obs": res.n_obs,
        "countries": res.n_entities,
    }


def income_group_model(
    sample: pd.DataFrame, book: Bookkeeping, reference: str | None = None
) -> tuple[PanelResult | None, pd.DataFrame]:
    """Pooled income-group interaction model and its slope/difference/joint-test rows."""
    data = sample.loc[sample["income_group"].notna()].copy()
    n_missing = int(sample["income_group"].isna().sum())
    groups = data["income_group"].value_counts()
    if len(groups) < 2:
        book.problem(TABLE_ID, "income_group", f"fewer than two income groups: {groups.to_dict()}")
        return None, pd.DataFrame()
    ref = reference or ("High income" if "High income" in groups.index else str(groups.index[0]))
    others = [g for g in sorted(groups.index) if g != ref]
    names = []
    for g in others:
        name = f"{TREATMENT}:inc_{_slug(g)}"
        data[name] = data[TREATMENT] * (data["income_group"] == g).astype(float)
        names.append(name)
    res = book.attempt(
        TABLE_ID,
        "income_group",
        lambda: fit_panel_fe(
            data,
            DEP_VAR,
            [TREATMENT, *names, *CONTROLS],
            ENTITY,
            TIME,
            vcov="cluster",
            cluster=ENTITY,
        ),
    )
    if res is None:
        return None, pd.DataFrame()
    book.record(
        TABLE_ID,
        "income_group",
        res,
        f"{n_missing} rows without income_group dropped; "
        f"reference {ref!r}; obs per group {groups.to_dict()}",
    )
    b, v = res.params, res.cov
    rows = [
        _row(
            "income_group",
            f"slope | {ref} (reference)",
            float(b[TREATMENT]),
            float(v.loc[TREATMENT, TREATMENT]),
            res,
        )
    ]
    for g, name in zip(others, names, strict=True):
        rows.append(
            _row(
                "income_group",
                f"slope | {g}",
                float(b[TREATMENT] + b[name]),
                float(v.loc[TREATMENT, TREATMENT] + v.loc[name, name] + 2 * v.loc[TREATMENT, name]),
                res,
            )
        )
        rows.append(
            _row(
                "income_group",
                f"difference {g} − {ref}",
                float(b[name]),
                float(v.loc[name, name]),
                res,
            )
        )
    d = b[names].to_numpy()
    vd = v.loc[names, names].to_numpy()
    q, dof = len(names), res.df_inference
    try:
        f_stat = float(d @ np.linalg.solve(vd, d) / q)
        p = float(special.fdtrc(q, dof, f_stat))
    except np.linalg.LinAlgError:
        f_stat, p = float("nan"), float("nan")
    rows.append(
        {
            "model_id": "income_group",
            "contrast": f"joint: all {q} differences = 0",
            "estimate": np.nan,
            "std_error": np.nan,
            "statistic": f_stat,
            "p_value": p,
            "n_obs": res.n_obs,
            "countries": res.n_entities,
            "test": f"Wald F({q}, {dof})",
        }
    )
    return res, pd.DataFrame.from_records(rows)


def run_heterogeneity(
    sample: pd.DataFrame, book: Bookkeeping
) -> tuple[dict[str, PanelResult], pd.DataFrame]:
    """All heterogeneity models (model id -> PanelResult) and the slope/test frame."""
    models: dict[str, PanelResult] = {}
    frames = []
    data = sample.copy()
    dev = book.attempt(
        TABLE_ID,
        "developed",
        lambda: group_slope_difference(
            data, DEP_VAR, TREATMENT, "developed", CONTROLS, ENTITY, TIME
        ),
    )
    if dev is not None:
        models["developed"] = dev.panel
        n_missing = int(data["developed"].isna().sum())
        book.record(
            TABLE_ID,
            "developed",
            dev.panel,
            f"{n_missing} rows without is_developed "
            f"dropped; obs by group {dev.n_obs_by_group}, countries "
            f"{dev.n_entities_by_group}",
        )
        t = dev.table().reset_index(names="contrast")
        t["contrast"] = [
            "slope | developing",
            "slope | developed",
            "difference developed − developing",
        ]
        t["model_id"] = "developed"
        t["n_obs"], t["countries"] = dev.panel.n_obs, dev.panel.n_entities
        frames.append(t.drop(columns=["conf_low", "conf_high"]))
    inc, inc_rows = income_group_model(data, book)
    if inc is not None:
        models["income_group"] = inc
        frames.append(inc_rows)
    for key, var in SERVICE_TYPES.items():
        res = book.attempt(
            TABLE_ID,
            f"service_{key}",
            lambda var=var: fit_panel_fe(
                data, DEP_VAR, [var, *CONTROLS], ENTITY, TIME, vcov="cluster", cluster=ENTITY
            ),
        )
        if res is None:
            continue
        models[f"service_{key}"] = res
        book.record(TABLE_ID, f"service_{key}", res)
        frames.append(
            pd.DataFrame(
                [
                    _row(
                        f"service_{key}",
                        f"slope of {var}",
                        float(res.params[var]),
                        float(res.cov.loc[var, var]),
                        res,
                    )
                ]
            )
        )
    frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    return models, frame
