"""Convergence indices and tests on DataFrames (methods.md §3; docs/indices.md).

Two parts:

* **Reference implementations** (numpy) of the SQL index models, used by the tests to
  cross-check dbt: pooled min-max normalisation, entropy weights, the coupling coordination
  degree (standard and corrected), its bands, location quotients, the LQ co-agglomeration
  index CA_r and the Ellison-Glaeser-Kerr (EGK) pairwise index.
* **Convergence tests** called by the dbt Python model ``int_convergence__tests_computed``:
  σ-convergence with a trend test, absolute and conditional cross-sectional β-convergence,
  panel fixed-effects β-convergence, and the implied speed and half-life.

Formulas (U1 manufacturing, U2 producer services; all scores unit-free in [0, 1] + shift):

* min-max (pooled over every unit and year of a variant): positive
  ``z = (x − min)/(max − min) + shift``, negative ``z = (max − x)/(max − min) + shift``;
  ``z = shift`` when ``max = min``;
* entropy: ``p_ij = z_ij/Σ_i z_ij``, ``e_j = −(1/ln n) Σ_i p_ij ln p_ij`` (0·ln 0 = 0),
  ``w_j = (1 − e_j)/Σ_k (1 − e_k)``; ``e_j = 1`` when n = 1 or Σ z = 0; equal weights when
  every ``e_j = 1``;
* ``U_k = Σ_j w_j z_j``; standard ``C = 2 sqrt(U1 U2)/(U1 + U2)``; corrected (Wang Shujia,
  Kong Wei, Ren Liang, Zhi Dongdong 2021, Journal of Natural Resources 36: 793-810,
  doi:10.31497/zrzyxb.20210319, two systems) ``C = sqrt[(1 − |U2 − U1|) · min/max]``;
  ``T = α U1 + β U2``; ``D = sqrt(C T)``; bands of width 0.1, left-open right-closed, D = 0 in
  the first;
* ``LQ_ir = (E_ir/E_r)/(E_i/E)``; ``CA_r = [1 − |LQm − LQs|/(LQm + LQs)] + (LQm + LQs)``;
  ``EGK = Σ_r (s_rm − x_r)(s_rs − x_r)/(1 − Σ_r x_r²)`` with ``s_ri = E_ri/E_i`` and
  ``x_r = E_r/E``;
* σ-convergence: ``σ_t = SD_i(ln y_it)`` with ddof = 1 and ``CV_t = SD_i(y_it)/mean_i(y_it)``
  (ddof = 1, levels); trend: OLS of σ_t on year (classical SE);
* cross-section β: ``g_i = (ln y_i,last − ln y_i,first)/T = a + b ln y_i,first (+ region
  dummies) + e_i`` with T = last − first years, HC1 SE; the total-horizon coefficient is
  ``β = T·b``;
* panel FE β: ``Δln y_it = α_i + λ_t + β ln y_i,t−1 + e_it`` (consecutive years only), CR1 SE
  clustered by unit (:func:`analysis.panel.fit_panel_fe`); horizon T = 1 year;
* speed ``λ = −ln(1 + β)/T`` (per year) and half-life ``ln 2/λ`` (years), NaN when
  ``1 + β ≤ 0`` or λ ≤ 0 (no convergence).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
import statsmodels.api as sm

from analysis.panel import PanelSpecificationError, fit_panel_fe

BANDS: tuple[tuple[float, float, str], ...] = (
    (0.0, 0.1, "extreme imbalance"),
    (0.1, 0.2, "severe imbalance"),
    (0.2, 0.3, "moderate imbalance"),
    (0.3, 0.4, "mild imbalance"),
    (0.4, 0.5, "verge of imbalance"),
    (0.5, 0.6, "barely coordinated"),
    (0.6, 0.7, "primary coordination"),
    (0.7, 0.8, "intermediate coordination"),
    (0.8, 0.9, "good coordination"),
    (0.9, 1.0, "high-quality coordination"),
)


# --------------------------------------------------------------------------- index references


def minmax_normalise(
    values: np.ndarray, direction: str = "positive", shift: float = 0.0001
) -> np.ndarray:
    """Pooled min-max score of one indicator (unit-free): see the module docstring."""
    x = np.asarray(values, dtype=float)
    lo, hi = x.min(), x.max()
    if hi == lo:
        return np.zeros_like(x) + shift
    z = (hi - x) / (hi - lo) if direction == "negative" else (x - lo) / (hi - lo)
    return z + shift


def entropy_weights(z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Entropy ``e_j`` and weights ``w_j`` of the columns of ``z`` (n observations × k)."""
    z = np.asarray(z, dtype=float)
    n, k = z.shape
    e = np.ones(k)
    totals = z.sum(axis=0)
    for j in range(k):
        if n > 1 and totals[j] > 0:
            p = z[:, j] / totals[j]
            plogp = np.where(p > 0, p * np.log(np.where(p > 0, p, 1.0)), 0.0)
            e[j] = -plogp.sum() / math.log(n)
    d = 1.0 - e
    w = d / d.sum() if d.sum() > 0 else np.full(k, 1.0 / k)
    return e, w


def coupling_degree(u1, u2, formula: str = "standard"):
    """Coupling C of two subsystem scores (arrays or floats); 0 when both are 0."""
    u1, u2 = np.asarray(u1, dtype=float), np.asarray(u2, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        if formula == "standard":
            c = np.where(u1 + u2 > 0, 2 * np.sqrt(u1 * u2) / (u1 + u2), 0.0)
        elif formula == "corrected":
            hi, lo = np.maximum(u1, u2), np.minimum(u1, u2)
            c = np.where(hi > 0, np.sqrt((1 - np.abs(u2 - u1)) * lo / hi), 0.0)
        else:
            raise ValueError(f"formula must be 'standard' or 'corrected', not {formula!r}")
    return c


def coupling_coordination(u1, u2, alpha=0.5, beta=0.5, formula="standard"):
    """``(C, T, D)`` with ``T = α U1 + β U2`` and ``D = sqrt(C T)``."""
    c = coupling_degree(u1, u2, formula)
    t = alpha * np.asarray(u1, dtype=float) + beta * np.asarray(u2, dtype=float)
    return c, t, np.sqrt(c * t)


def coordination_band(d: float) -> tuple[int, str, float, float] | None:
    """``(rank, label, lower, upper)`` of D: (lower, upper], D = 0 in the first band.

    D > 1 (only through the shift, at most sqrt(1 + shift)) is in the top band; None if D < 0.
    """
    for rank, (lower, upper, label) in enumerate(BANDS, start=1):
        if (d >= lower if rank == 1 else d > lower) and (d <= upper or rank == len(BANDS)):
            return rank, label, lower, upper
    return None


def reference_coupling(
    values: pd.DataFrame,
    shift: float = 0.0001,
    alpha: float = 0.5,
    beta: float = 0.5,
    formula: str = "standard",
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The whole CCD pipeline on the long input (int_convergence_indicator_values columns).

    Returns ``(weights, coordination)``: weights one row per variant × subsystem × indicator
    (e_j, w_j, n); coordination one row per unit_type × unit_id × year × variant (u1, u2, c,
    t, d). Complete cases per variant as in the SQL (every indicator of the variant present).
    """
    keys = ["unit_type", "unit_id", "year"]
    weights_out, coord_out = [], []
    for variant, part in values.groupby("variant", sort=True):
        part = part.assign(key=part["subsystem"] + "/" + part["indicator"])
        wide = part.pivot_table(index=keys, columns="key", values="value", aggfunc="first")
        wide = wide.dropna()
        directions = part.groupby("key")["direction"].first()
        z = pd.DataFrame(
            {
                col: minmax_normalise(wide[col].to_numpy(), directions[col], shift)
                for col in wide.columns
            },
            index=wide.index,
        )
        scores = {}
        for subsystem in ("manufacturing", "producer_services"):
            cols = [c for c in z.columns if c.split("/")[0] == subsystem]
            if not cols:
                continue
            e, w = entropy_weights(z[cols].to_numpy())
            for col, ej, wj in zip(cols, e, w, strict=True):
                weights_out.append(
                    {
                        "variant": variant,
                        "subsystem": subsystem,
                        "indicator": col.split("/", 1)[1],
                        "e_j": ej,
                        "w_j": wj,
                        "n": len(z),
                    }
                )
            scores[subsystem] = z[cols].to_numpy() @ w
        if len(scores) == 2 and len(z):
            u1, u2 = scores["manufacturing"], scores["producer_services"]
            c, t, d = coupling_coordination(u1, u2, alpha, beta, formula)
            frame = z.index.to_frame(index=False)
            frame["variant"] = variant
            coord_out.append(frame.assign(u1=u1, u2=u2, c=c, t=t, d=d))
    weights = pd.DataFrame(
        weights_out, columns=["variant", "subsystem", "indicator", "e_j", "w_j", "n"]
    )
    columns = [*keys, "variant", "u1", "u2", "c", "t", "d"]
    coordination = (
        pd.concat(coord_out, ignore_index=True) if coord_out else pd.DataFrame(columns=columns)
    )
    return weights, coordination[columns]


def location_quotients(activity: np.ndarray, totals: np.ndarray) -> np.ndarray:
    """``LQ_ir = (E_ir/E_r)/(E_i/E)`` for ``activity`` (units r × sectors i) and unit totals E_r."""
    activity = np.asarray(activity, dtype=float)
    totals = np.asarray(totals, dtype=float)
    share_in_unit = activity / totals[:, None]
    share_overall = activity.sum(axis=0) / totals.sum()
    return share_in_unit / share_overall[None, :]


def ca_index(lq_m, lq_s):
    """LQ co-agglomeration ``CA_r = [1 − |LQm − LQs|/(LQm + LQs)] + (LQm + LQs)``."""
    lq_m, lq_s = np.asarray(lq_m, dtype=float), np.asarray(lq_s, dtype=float)
    return 1 - np.abs(lq_m - lq_s) / (lq_m + lq_s) + (lq_m + lq_s)


def egk_index(activity_m, activity_s, totals) -> float:
    """Ellison-Glaeser-Kerr pairwise index over the units (arrays of one value per unit)."""
    e_m, e_s = np.asarray(activity_m, dtype=float), np.asarray(activity_s, dtype=float)
    totals = np.asarray(totals, dtype=float)
    s_m, s_s, x = e_m / e_m.sum(), e_s / e_s.sum(), totals / totals.sum()
    return float(((s_m - x) * (s_s - x)).sum() / (1 - (x**2).sum()))


# --------------------------------------------------------------------------- convergence tests


@dataclass(frozen=True)
class Estimate:
    """One convergence regression: coefficient of the log level and its inference."""

    coefficient: float
    std_error: float
    t_stat: float
    p_value: float
    n_obs: int
    n_units: int
    se_type: str
    horizon_years: float
    first_year: int
    last_year: int
    speed: float
    half_life_years: float
    note: str = ""


def speed_and_half_life(beta: float, horizon: float) -> tuple[float, float]:
    """Speed ``λ = −ln(1 + β)/T`` (per year) and half-life ``ln 2/λ`` (years).

    ``beta`` is the coefficient of the log level in a regression of the growth of ln y over
    ``horizon`` = T years (total, not annualised). NaN when ``1 + β ≤ 0``; the half-life is NaN
    when λ ≤ 0 (no convergence).
    """
    if not np.isfinite(beta) or 1 + beta <= 0 or horizon <= 0:
        return math.nan, math.nan
    speed = -math.log(1 + beta) / horizon
    return speed, (math.log(2) / speed if speed > 0 else math.nan)


def _logs(df: pd.DataFrame, unit: str, time: str, value: str) -> pd.DataFrame:
    data = df[[unit, time, value]].dropna()
    data = data[data[value] > 0]
    return data.assign(ln_y=np.log(data[value].to_numpy(float)))


def sigma_convergence(df: pd.DataFrame, unit: str, time: str, value: str) -> pd.DataFrame:
    """Per year: n units, mean of ln y, σ = SD(ln y) (ddof = 1), CV = SD(y)/mean(y) (ddof = 1).

    Only positive values enter (ln y defined); years with fewer than 2 units are left out.
    """
    data = _logs(df, unit, time, value)
    grouped = data.groupby(time)
    out = pd.DataFrame(
        {
            "n_units": grouped[unit].nunique(),
            "mean_log": grouped["ln_y"].mean(),
            "sigma": grouped["ln_y"].std(ddof=1),
            "cv": grouped[value].std(ddof=1) / grouped[value].mean(),
        }
    )
    out = out[out["n_units"] >= 2].reset_index().rename(columns={time: "year"})
    return out.astype({"year": "int64", "n_units": "int64"})


def sigma_trend(sigma: pd.DataFrame) -> dict[str, float]:
    """OLS of σ_t on the year (classical SE): slope (σ per year) < 0 means σ-convergence."""
    data = sigma.dropna(subset=["sigma"])
    if len(data) < 3:
        raise ValueError(f"σ trend needs at least 3 years, got {len(data)}")
    fit = sm.OLS(data["sigma"].to_numpy(float), sm.add_constant(data["year"].to_numpy(float))).fit()
    return {
        "coefficient": float(fit.params[1]),
        "std_error": float(fit.bse[1]),
        "t_stat": float(fit.tvalues[1]),
        "p_value": float(fit.pvalues[1]),
        "n_obs": len(data),
        "first_year": int(data["year"].min()),
        "last_year": int(data["year"].max()),
    }


def beta_convergence_cross_section(
    df: pd.DataFrame,
    unit: str,
    time: str,
    value: str,
    region: str | None = None,
) -> Estimate:
    """Absolute (``region=None``) or conditional (region dummies) cross-sectional β.

    Window: first and last year of the data; units need a positive value in both.
    ``g_i = (ln y_i,last − ln y_i,first)/T`` on ``ln y_i,first`` (+ dummies of ``region``, the
    first level the base), OLS with HC1 SE. The speed uses the total-horizon ``β = T·b``.
    """
    data = _logs(df, unit, time, value)
    if data.empty:
        raise ValueError("no positive values")
    first, last = int(data[time].min()), int(data[time].max())
    horizon = last - first
    if horizon <= 0:
        raise ValueError("the data span a single year")
    start = data[data[time] == first].set_index(unit)["ln_y"]
    end = data[data[time] == last].set_index(unit)["ln_y"]
    cross = pd.DataFrame({"ln_y0": start, "ln_yT": end}).dropna()
    cross["growth"] = (cross["ln_yT"] - cross["ln_y0"]) / horizon
    columns = ["ln_y0"]
    if region is not None:
        regions = df[[unit, region]].dropna().drop_duplicates(unit).set_index(unit)[region]
        cross = cross.join(regions, how="inner")
        dummies = pd.get_dummies(cross[region], prefix="region", drop_first=True, dtype=float)
        if dummies.shape[1] == 0:
            raise ValueError("conditional β needs at least two regions")
        cross = pd.concat([cross, dummies], axis=1)
        columns += list(dummies.columns)
    k = len(columns) + 1
    if len(cross) <= k:
        raise ValueError(f"{len(cross)} units for {k} parameters")
    design = sm.add_constant(cross[columns].to_numpy(float), has_constant="add")
    fit = sm.OLS(cross["growth"].to_numpy(float), design).fit(cov_type="HC1")
    b = float(fit.params[1])
    speed, half_life = speed_and_half_life(horizon * b, horizon)
    return Estimate(
        coefficient=b,
        std_error=float(fit.bse[1]),
        t_stat=float(fit.tvalues[1]),
        p_value=float(fit.pvalues[1]),
        n_obs=len(cross),
        n_units=len(cross),
        se_type="hc1",
        horizon_years=float(horizon),
        first_year=first,
        last_year=last,
        speed=speed,
        half_life_years=half_life,
        note=(
            f"coefficient b on average annual growth over T = {horizon} years; "
            f"speed from beta = T*b = {horizon * b:.6g}"
            + (f"; region dummies of {region}" if region else "")
        ),
    )


def panel_growth_frame(df: pd.DataFrame, unit: str, time: str, value: str) -> pd.DataFrame:
    """``dln_y = ln y_t − ln y_t−1`` and ``ln_y_lag`` for consecutive years of each unit."""
    data = _logs(df, unit, time, value).sort_values([unit, time])
    lag = data.groupby(unit)[["ln_y", time]].shift(1)
    data = data.assign(ln_y_lag=lag["ln_y"], dln_y=data["ln_y"] - lag["ln_y"])
    consecutive = (data[time] - lag[time]) == 1
    return data[consecutive].reset_index(drop=True)


def beta_convergence_panel(df: pd.DataFrame, unit: str, time: str, value: str) -> Estimate:
    """Panel FE β: ``Δln y_it = α_i + λ_t + β ln y_i,t−1`` with CR1 SE by unit (T = 1 year).

    Estimated by :func:`analysis.panel.fit_panel_fe` (entity and time effects, cluster = unit).
    Known small-T (Nickell) bias: β is biased downwards, the speed upwards.
    """
    data = panel_growth_frame(df, unit, time, value)
    fit = fit_panel_fe(data, "dln_y", ["ln_y_lag"], entity=unit, time=time, vcov="cluster")
    b = float(fit.params["ln_y_lag"])
    speed, half_life = speed_and_half_life(b, 1.0)
    return Estimate(
        coefficient=b,
        std_error=float(fit.std_errors["ln_y_lag"]),
        t_stat=float(fit.tvalues["ln_y_lag"]),
        p_value=float(fit.pvalues["ln_y_lag"]),
        n_obs=fit.n_obs,
        n_units=fit.n_entities,
        se_type="cr1_unit",
        horizon_years=1.0,
        first_year=int(data[time].min()),
        last_year=int(data[time].max()),
        speed=speed,
        half_life_years=half_life,
        note="annual growth, unit and year fixed effects; Nickell bias in short panels",
    )


TEST_COLUMNS = [
    "unit_type",
    "series",
    "test",
    "year",
    "n_units",
    "n_obs",
    "mean_log",
    "sigma",
    "cv",
    "coefficient",
    "std_error",
    "t_stat",
    "p_value",
    "se_type",
    "first_year",
    "last_year",
    "horizon_years",
    "speed",
    "half_life_years",
    "status",
    "note",
]


def convergence_tests(
    df: pd.DataFrame,
    unit_type: str,
    series: str,
    unit: str = "unit_id",
    time: str = "year",
    value: str = "value",
    region: str | None = "region",
) -> pd.DataFrame:
    """Every test of one series as rows of :data:`TEST_COLUMNS`.

    Tests: ``sigma`` (one row per year), ``sigma_trend``, ``beta_absolute``,
    ``beta_conditional`` (region dummies), ``beta_panel_fe``. A test that cannot be estimated
    (too few units or years, no variation, …) gives one row with status ``not_estimated`` and the
    reason in ``note``: nothing is dropped silently.
    """
    rows: list[dict] = []
    base = {"unit_type": unit_type, "series": series}
    sigma = sigma_convergence(df, unit, time, value)
    for rec in sigma.to_dict("records"):
        rows.append(
            {**base, "test": "sigma", **rec, "se_type": None, "status": "ok", "note": "ddof=1"}
        )

    def attempt(test: str, fn) -> None:
        try:
            result = fn()
        except (ValueError, PanelSpecificationError, np.linalg.LinAlgError) as err:
            rows.append({**base, "test": test, "status": "not_estimated", "note": str(err)})
            return
        record = result if isinstance(result, dict) else result.__dict__.copy()
        rows.append({**base, "test": test, "status": "ok", **record})

    attempt(
        "sigma_trend",
        lambda: {**sigma_trend(sigma), "se_type": "ols", "note": "OLS of sigma on year"},
    )
    attempt("beta_absolute", lambda: beta_convergence_cross_section(df, unit, time, value))
    if region is not None and region in df.columns:
        attempt(
            "beta_conditional",
            lambda: beta_convergence_cross_section(df, unit, time, value, region=region),
        )
    attempt("beta_panel_fe", lambda: beta_convergence_panel(df, unit, time, value))
    out = pd.DataFrame(rows).reindex(columns=TEST_COLUMNS)
    numeric = out.columns.difference(["unit_type", "series", "test", "se_type", "status", "note"])
    return out.astype({c: "float64" for c in numeric})
