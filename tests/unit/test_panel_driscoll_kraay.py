"""Driscoll-Kraay standard errors of :func:`analysis.panel.fit_panel_fe`.

Reference points:
- statsmodels ``OLS(...).get_robustcov_results("nw-groupsum", ...)`` on the explicit LSDV design
  (entity and time dummies): an independent implementation of the same meat;
- a hand computation with plain loops (3 entities x 4 periods, m=1);
- the identity m=0 <=> cluster-by-period sandwich;
- Stata ``xtscc`` output recorded in statsmodels' own test results (pooled OLS on Grunfeld), which
  anchors the statsmodels reference to Stata.

Small-sample factor under test (xtscc 1.3/1.4): ``T/(T-1) * (N-1)/(N-K_dk)`` with
``K_dk = k + (T-1) + 1`` (slopes, time dummies, constant; entity dummies not counted).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from scipy import stats
from statsmodels.datasets import grunfeld

from analysis.panel import PanelSpecificationError, default_dk_lags, fit_panel_fe
from analysis.tables import describe_vcov, regression_table


@pytest.fixture(scope="module")
def unbalanced() -> pd.DataFrame:
    """7 entities x 9 periods with 12 rows dropped, two regressors, shuffled row order."""
    rng = np.random.default_rng(20260126)
    rows = [(f"e{i}", 2000 + t) for i in range(7) for t in range(9)]
    df = pd.DataFrame(rows, columns=["firm", "year"])
    df = df.drop(index=rng.choice(len(df), size=12, replace=False))
    common = rng.normal(size=9)  # cross-sectional dependence through a common shock
    t_idx = df["year"].to_numpy() - 2000
    df["x1"] = rng.normal(size=len(df)) + 0.5 * common[t_idx]
    df["x2"] = rng.normal(size=len(df)) + 0.3 * t_idx
    df["y"] = (
        1.0
        + 0.7 * df["x1"]
        - 0.4 * df["x2"]
        + common[t_idx]
        + rng.normal(size=len(df)) * (1 + 0.5 * np.abs(df["x1"]))
    )
    return df.sample(frac=1.0, random_state=3).reset_index(drop=True)


@pytest.fixture(scope="module")
def grunfeld_df() -> pd.DataFrame:
    data = grunfeld.load_pandas().data
    data["firm"] = data["firm"].astype(str)
    return data


def _xtscc_factor(n: int, n_periods: int, k_dk: int) -> float:
    return n_periods / (n_periods - 1) * (n - 1) / (n - k_dk)


def _statsmodels_lsdv(
    df: pd.DataFrame, y: str, x: list[str], entity: str, time: str, maxlags: int, correction
):
    """OLS on [x, all entity dummies, time dummies but the first]; nw-groupsum covariance."""
    ent = pd.get_dummies(df[entity], prefix="E", dtype=float)
    tim = pd.get_dummies(df[time], prefix="T", dtype=float).iloc[:, 1:]
    design = pd.concat([df[x].astype(float), ent, tim], axis=1)
    time_codes = pd.factorize(df[time], sort=True)[0]
    ols = sm.OLS(df[y].astype(float), design).fit()
    robust = ols.get_robustcov_results(
        cov_type="nw-groupsum", time=time_codes, maxlags=maxlags, use_correction=correction
    )
    cov = np.asarray(robust.cov_params())[: len(x), : len(x)]
    return np.asarray(ols.params)[: len(x)], np.sqrt(np.diag(cov)), design.shape[1]


@pytest.mark.parametrize("lags", [0, 1, 2, 3, None])
def test_matches_statsmodels_nw_groupsum_on_lsdv(unbalanced: pd.DataFrame, lags) -> None:
    df = unbalanced
    res = fit_panel_fe(df, "y", ["x1", "x2"], "firm", "year", vcov="driscoll_kraay", dk_lags=lags)
    n, n_periods = len(df), df["year"].nunique()
    m = default_dk_lags(n_periods) if lags is None else lags
    assert res.dk_lags == m and res.glance()["dk_lags"] == m
    k_dk = 2 + (n_periods - 1) + 1

    b_sm, se_raw, k_lsdv = _statsmodels_lsdv(df, "y", ["x1", "x2"], "firm", "year", m, False)
    np.testing.assert_allclose(res.params[["x1", "x2"]], b_sm, rtol=1e-10)
    # statsmodels use_correction=False = xtscc option ase: our V / V_sm = T/(T-1)(N-1)/(N-K_dk)
    expected = se_raw * np.sqrt(_xtscc_factor(n, n_periods, k_dk))
    np.testing.assert_allclose(res.std_errors[["x1", "x2"]], expected, rtol=1e-10)

    # statsmodels use_correction="cluster" counts all LSDV columns: K = K_total = k + (T-1) + E
    _, se_cl, _ = _statsmodels_lsdv(df, "y", ["x1", "x2"], "firm", "year", m, "cluster")
    assert k_lsdv == res.k_total
    np.testing.assert_allclose(
        res.std_errors[["x1", "x2"]],
        se_cl * np.sqrt((n - res.k_total) / (n - k_dk)),
        rtol=1e-10,
    )


def test_grunfeld_matches_statsmodels_and_default_lag(grunfeld_df: pd.DataFrame) -> None:
    """Balanced 11 firms x 20 years: default m = floor(4 (20/100)^(2/9)) = 2."""
    res = fit_panel_fe(
        grunfeld_df, "invest", ["value", "capital"], "firm", "year", vcov="driscoll_kraay"
    )
    assert res.dk_lags == 2 and res.df_inference == 19
    _, se_raw, _ = _statsmodels_lsdv(
        grunfeld_df, "invest", ["value", "capital"], "firm", "year", 2, False
    )
    factor = _xtscc_factor(220, 20, 2 + 19 + 1)
    np.testing.assert_allclose(
        res.std_errors[["value", "capital"]], se_raw * np.sqrt(factor), rtol=1e-10
    )


def test_hand_computed_three_by_four_m1() -> None:
    """3 entities x 4 periods, one regressor, entity + time FE, m=1, plain loops."""
    y_vals = [[1.0, 2.5, 2.0, 4.0], [0.5, 1.0, 3.5, 3.0], [2.0, 2.0, 1.0, 5.5]]
    x_vals = [[0.2, 1.1, 0.7, 2.0], [-0.4, 0.3, 1.9, 1.2], [1.0, 0.8, -0.5, 2.6]]
    records = [
        {"id": i, "t": 10 + t, "y": y_vals[i][t], "x": x_vals[i][t]}
        for i in range(3)
        for t in range(4)
    ]
    df = pd.DataFrame(records)
    n_ent, n_per, n = 3, 4, 12

    # LSDV by loops: columns x, entity dummies (3), time dummies for periods 2..4 (3).
    w = np.zeros((n, 7))
    yv = np.zeros(n)
    per = np.zeros(n, dtype=int)
    row = 0
    for i in range(n_ent):
        for t in range(n_per):
            w[row, 0] = x_vals[i][t]
            w[row, 1 + i] = 1.0
            if t > 0:
                w[row, 3 + t] = 1.0
            yv[row] = y_vals[i][t]
            per[row] = t
            row += 1
    coef = np.linalg.solve(w.T @ w, w.T @ yv)
    e = yv - w @ coef

    # Slope: FWL, x residualised on all dummies.
    dummies = w[:, 1:]
    gamma = np.linalg.solve(dummies.T @ dummies, dummies.T @ w[:, 0])
    xr = w[:, 0] - dummies @ gamma
    h = [0.0] * n_per
    for r in range(n):
        h[per[r]] += xr[r] * e[r]
    omega0 = sum(h[t] * h[t] for t in range(n_per))
    omega1 = sum(h[t] * h[t - 1] for t in range(1, n_per))
    s_hat = omega0 + (1 - 1 / 2) * (omega1 + omega1)
    sxx = sum(v * v for v in xr)
    k_dk = 1 + 3 + 1
    factor = (n_per / (n_per - 1)) * ((n - 1) / (n - k_dk))  # 4/3 * 11/7
    var_slope = s_hat / sxx**2 * factor

    # _cons as xtscc, fe: regress (z - zbar_i + zbar) on [.., 1], h_t over all columns.
    raw = np.column_stack([w[:, 0], w[:, 4:], yv])
    ent_of = np.repeat(np.arange(n_ent), n_per)
    trans = np.zeros_like(raw)
    for c in range(raw.shape[1]):
        grand = raw[:, c].mean()
        for r in range(n):
            same = raw[ent_of == ent_of[r], c]
            trans[r, c] = raw[r, c] - same.mean() + grand
    zz = np.column_stack([trans[:, :-1], np.ones(n)])
    bz = np.linalg.solve(zz.T @ zz, zz.T @ trans[:, -1])
    ez = trans[:, -1] - zz @ bz
    hz = np.zeros((n_per, zz.shape[1]))
    for r in range(n):
        hz[per[r]] += zz[r] * ez[r]
    sz = hz.T @ hz
    om1 = np.zeros_like(sz)
    for t in range(1, n_per):
        om1 += np.outer(hz[t], hz[t - 1])
    sz = sz + 0.5 * (om1 + om1.T)
    inv = np.linalg.inv(zz.T @ zz)
    vz = inv @ sz @ inv * factor

    res = fit_panel_fe(df, "y", ["x"], "id", "t", vcov="driscoll_kraay", dk_lags=1)
    assert res.params["x"] == pytest.approx(coef[0], rel=1e-12)
    assert res.params["_cons"] == pytest.approx(bz[-1], rel=1e-12)
    assert res.cov.loc["x", "x"] == pytest.approx(var_slope, rel=1e-10)
    assert res.cov.loc["x", "x"] == pytest.approx(vz[0, 0], rel=1e-10)
    assert res.cov.loc["_cons", "_cons"] == pytest.approx(vz[-1, -1], rel=1e-10)
    assert res.cov.loc["x", "_cons"] == pytest.approx(vz[0, -1], rel=1e-10)
    assert res.df_inference == 3 and res.vcov_type == "driscoll_kraay" and res.dk_lags == 1
    t_stat = res.params["x"] / np.sqrt(var_slope)
    assert res.pvalues["x"] == pytest.approx(2 * stats.t.sf(abs(t_stat), 3), rel=1e-10)
    crit = stats.t.ppf(0.975, 3)
    assert res.conf_int().loc["x", "conf_high"] == pytest.approx(
        coef[0] + crit * np.sqrt(var_slope), rel=1e-10
    )


def test_lag_zero_is_cluster_by_period(unbalanced: pd.DataFrame) -> None:
    """m=0: S = sum_t h_t h_t' = the cluster-by-period meat. The module's CR1 by period uses
    T/(T-1) (N-1)/(N-K_total) (entities not nested in periods), DK uses (N-1)/(N-K_dk)."""
    df = unbalanced
    dk = fit_panel_fe(df, "y", ["x1", "x2"], "firm", "year", vcov="driscoll_kraay", dk_lags=0)
    cl = fit_panel_fe(df, "y", ["x1", "x2"], "firm", "year", vcov="cluster", cluster="year")
    n, n_periods = len(df), df["year"].nunique()
    k_dk = 2 + (n_periods - 1) + 1
    assert cl.n_clusters == n_periods and cl.df_inference == dk.df_inference == n_periods - 1
    ratio = (n - cl.k_total) / (n - k_dk)
    np.testing.assert_allclose(dk.cov.to_numpy(), cl.cov.to_numpy() * ratio, rtol=1e-12)
    # positive lags change the answer (common shocks make h_t autocorrelated here)
    dk2 = fit_panel_fe(df, "y", ["x1", "x2"], "firm", "year", vcov="driscoll_kraay", dk_lags=2)
    assert not np.allclose(dk2.std_errors.to_numpy(), dk.std_errors.to_numpy(), rtol=1e-6)


def test_statsmodels_reference_reproduces_stata_xtscc() -> None:
    """Published anchor: Stata ``xtscc invest mvalue kstock, lag(4)`` (pooled OLS, Grunfeld,
    first 200 rows) as recorded in statsmodels' test results
    (statsmodels/regression/tests/results/results_grunfeld_ols_robust_cluster.py,
    ``results_nw_groupsum4``: se .0134360177573, .04930800664089, 12.190347184209). That
    xtscc predates the small-sample factor (df_r = N_g-1 = 9 marks a pre-1.2 version), so it equals
    nw-groupsum without correction -- the reference used above. No published xtscc, fe / vcovSCC
    number on Grunfeld was found, so the FE estimator itself is only checked against it indirectly.
    """
    data = grunfeld.load_pandas().data.iloc[:200]
    exog = sm.add_constant(data[["value", "capital"]].astype(float), prepend=False)
    ols = sm.OLS(data["invest"].astype(float), exog).fit()
    time_codes = (data["year"].to_numpy() - data["year"].min()).astype(int)
    robust = ols.get_robustcov_results(
        cov_type="nw-groupsum", time=time_codes, maxlags=4, use_correction=False
    )
    # rtol 1e-6 as in statsmodels' own test: the stored Grunfeld values reproduce Stata's to ~1e-7.
    np.testing.assert_allclose(
        robust.bse, [0.0134360177573, 0.04930800664089, 12.190347184209], rtol=1e-6
    )


def test_default_lag_rule() -> None:
    assert [default_dk_lags(t) for t in (2, 3, 8, 10, 20, 100, 200)] == [1, 1, 2, 2, 2, 4, 4]


def test_glance_and_table_label(unbalanced: pd.DataFrame) -> None:
    res = fit_panel_fe(
        unbalanced, "y", ["x1", "x2"], "firm", "year", vcov="driscoll_kraay", dk_lags=2
    )
    g = res.glance()
    assert g["vcov"] == "driscoll_kraay" and g["dk_lags"] == 2 and g["cluster"] is None
    assert g["df_inference"] == unbalanced["year"].nunique() - 1
    label = describe_vcov(res)
    assert label.startswith("Driscoll–Kraay") and "maximum lag 2" in label
    table = regression_table([res], title="DK")
    assert "maximum lag 2" in table.note
    other = fit_panel_fe(unbalanced, "y", ["x1", "x2"], "firm", "year", vcov="hc1")
    assert other.dk_lags is None and other.glance()["dk_lags"] is None


def test_errors(unbalanced: pd.DataFrame) -> None:
    df = unbalanced
    args = (df, "y", ["x1", "x2"], "firm")
    with pytest.raises(PanelSpecificationError, match="needs the time variable"):
        fit_panel_fe(*args, None, vcov="driscoll_kraay")
    for bad in (-1, 1.5, True, "2"):
        with pytest.raises(PanelSpecificationError, match="non-negative integer"):
            fit_panel_fe(*args, "year", vcov="driscoll_kraay", dk_lags=bad)
    with pytest.raises(PanelSpecificationError, match="exceeds T-1"):
        fit_panel_fe(*args, "year", vcov="driscoll_kraay", dk_lags=df["year"].nunique())
    with pytest.raises(PanelSpecificationError, match="only to vcov='driscoll_kraay'"):
        fit_panel_fe(*args, "year", vcov="cluster", dk_lags=1)
    one_period = pd.DataFrame(
        {"firm": list("aaabbb"), "year": 2000, "x1": [0.0, 1.0, 2.0, 0.5, 1.5, -1.0]}
    )
    one_period["x2"] = [1.0, 0.0, 0.3, 2.0, 0.1, 0.9]
    one_period["y"] = [1.0, 2.0, 0.0, 1.5, 0.2, 0.7]
    with pytest.raises(PanelSpecificationError, match="at least 2 periods"):
        fit_panel_fe(one_period, "y", ["x1", "x2"], "firm", "year", vcov="driscoll_kraay")


def test_lags_count_positions_across_a_common_gap(unbalanced: pd.DataFrame) -> None:
    """Year 2004 absent for everybody: 2003 and 2005 are one lag apart (positions, not years)."""
    df = unbalanced[unbalanced["year"] != 2004].reset_index(drop=True)
    res = fit_panel_fe(df, "y", ["x1", "x2"], "firm", "year", vcov="driscoll_kraay", dk_lags=1)
    n, n_periods = len(df), 8
    _, se_raw, _ = _statsmodels_lsdv(df, "y", ["x1", "x2"], "firm", "year", 1, False)
    factor = _xtscc_factor(n, n_periods, 2 + (n_periods - 1) + 1)
    np.testing.assert_allclose(res.std_errors[["x1", "x2"]], se_raw * np.sqrt(factor), rtol=1e-10)
    assert res.df_inference == 7
