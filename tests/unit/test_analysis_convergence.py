"""analysis.convergence against hand-computed cases and statsmodels (methods.md §3)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
import statsmodels.formula.api as smf

from analysis.convergence import (
    beta_convergence_cross_section,
    beta_convergence_panel,
    ca_index,
    convergence_tests,
    coordination_band,
    coupling_coordination,
    egk_index,
    entropy_weights,
    location_quotients,
    minmax_normalise,
    panel_growth_frame,
    reference_coupling,
    sigma_convergence,
    sigma_trend,
    speed_and_half_life,
)

# ----------------------------------------------------------------------------- indices


def test_minmax_positive_negative_constant_and_shift() -> None:
    # positive (x − 10)/20, negative (25 − y)/20, + shift .25; constant -> shift only
    assert minmax_normalise([10, 20, 30], "positive", 0.25).tolist() == [0.25, 0.75, 1.25]
    assert minmax_normalise([5, 15, 25], "negative", 0.25).tolist() == [1.25, 0.75, 0.25]
    assert minmax_normalise([7, 7], "positive", 0.25).tolist() == [0.25, 0.25]
    assert minmax_normalise([1, 3], "positive").tolist() == pytest.approx([0.0001, 1.0001])


def test_entropy_weights_with_zero_p_and_uniform_columns() -> None:
    # a = (1, 1): p = (.5, .5), e = 1; b = (0, 2): p = (0, 1), e = 0 (0·ln 0 = 0)
    e, w = entropy_weights(np.array([[1.0, 0.0], [1.0, 2.0]]))
    assert e.tolist() == [1.0, 0.0]
    assert w.tolist() == [0.0, 1.0]
    # c = (1, 3): p = (.25, .75), e = −(.25 ln .25 + .75 ln .75)/ln 2 = 0.8112781244591328
    e, w = entropy_weights(np.array([[1.0, 1.0], [3.0, 1.0]]))
    assert e[0] == pytest.approx(0.8112781244591328, abs=1e-15)
    assert w.tolist() == pytest.approx([1.0, 0.0])
    # all e = 1 -> equal weights; n = 1 -> e = 1
    assert entropy_weights(np.ones((3, 2)))[1].tolist() == [0.5, 0.5]
    e, w = entropy_weights(np.array([[0.3, 0.7]]))
    assert (e.tolist(), w.tolist()) == ([1.0, 1.0], [0.5, 0.5])


def test_coupling_standard_and_corrected() -> None:
    # standard: C = 2·sqrt(.25)/1.25 = .8, T = .625, D = sqrt(.5)
    c, t, d = coupling_coordination(0.25, 1.0)
    assert (float(c), float(t), float(d)) == (0.8, 0.625, math.sqrt(0.5))
    # U1 = U2 -> C = 1; zeros -> C = 0 by definition
    assert float(coupling_coordination(0.25, 0.25)[0]) == 1.0
    assert [float(v) for v in coupling_coordination(0.0, 0.0)] == [0.0, 0.0, 0.0]
    # corrected (Wang et al. 2021): sqrt[(1 − .75)·.25] = .25; α = .75 -> T = .4375
    c, t, d = coupling_coordination(0.25, 1.0, 0.75, 0.25, "corrected")
    assert (float(c), float(t), float(d)) == (0.25, 0.4375, math.sqrt(0.109375))
    # ordering: min/max, so swapping U1 and U2 leaves C unchanged
    assert float(coupling_coordination(1.0, 0.25, formula="corrected")[0]) == 0.25
    with pytest.raises(ValueError):
        coupling_coordination(0.1, 0.2, formula="other")


@pytest.mark.parametrize(
    ("d", "rank", "lower", "upper"),
    [
        (0.0, 1, 0.0, 0.1),
        (0.1, 1, 0.0, 0.1),
        (np.nextafter(0.1, 1), 2, 0.1, 0.2),
        (0.3, 3, 0.2, 0.3),
        (0.5, 5, 0.4, 0.5),
        (0.9, 9, 0.8, 0.9),
        (1.0, 10, 0.9, 1.0),
        (1.00005, 10, 0.9, 1.0),
    ],
)
def test_bands_left_open_right_closed(d: float, rank: int, lower: float, upper: float) -> None:
    band = coordination_band(d)
    assert band is not None
    assert (band[0], band[2], band[3]) == (rank, lower, upper)
    assert coordination_band(-0.1) is None


def test_location_quotients_ca_and_egk() -> None:
    # E = 400; E_m = 100 (.25), E_s = 200 (.5)
    lq = location_quotients(np.array([[75.0, 50.0], [25.0, 150.0]]), np.array([200.0, 200.0]))
    assert lq.tolist() == [[1.5, 0.5], [0.5, 1.5]]
    # 1 − |1.5 − .5|/2 + 2 = 2.5; 1 − |1.5 − 2.5|/4 + 4 = 4.75
    assert ca_index([1.5, 1.5], [0.5, 2.5]).tolist() == [2.5, 4.75]
    # [(.75 − .5)(.25 − .5) + (.25 − .5)(.75 − .5)] / (1 − .5) = −.25
    assert egk_index([75.0, 25.0], [50.0, 150.0], [200.0, 200.0]) == -0.25
    # [(.75 − .5)(1 − .5) + (.25 − .5)(0 − .5)] / .5 = .5
    assert egk_index([75.0, 25.0], [40.0, 0.0], [200.0, 200.0]) == 0.5


def test_reference_coupling_pipeline_drops_incomplete_unit_years() -> None:
    rows = []
    for unit, x, y in (("A", 10.0, 5.0), ("B", 20.0, 15.0), ("C", 30.0, 25.0)):
        rows.append(("country", unit, 2000, "v", "manufacturing", "x", "positive", x))
        rows.append(("country", unit, 2000, "v", "producer_services", "y", "negative", y))
    rows.append(("country", "D", 2000, "v", "manufacturing", "x", "positive", 99.0))
    values = pd.DataFrame(
        rows,
        columns=[
            "unit_type",
            "unit_id",
            "year",
            "variant",
            "subsystem",
            "indicator",
            "direction",
            "value",
        ],
    )
    weights, coordination = reference_coupling(values, shift=0.0)
    assert weights["w_j"].tolist() == [1.0, 1.0] and set(weights["n"]) == {3}
    assert coordination["unit_id"].tolist() == ["A", "B", "C"]
    # A: U1 = 0, U2 = 1 -> C = 0; B: .5, .5 -> C = 1, D = sqrt(.5); C: U1 = 1, U2 = 0
    assert coordination["c"].tolist() == [0.0, 1.0, 0.0]
    assert coordination["d"].tolist()[1] == math.sqrt(0.5)


# ----------------------------------------------------------------------------- convergence


def test_speed_and_half_life_of_known_beta() -> None:
    # β = −.5 over T = 10 years: λ = ln 2/10, half-life 10 years
    speed, half_life = speed_and_half_life(-0.5, 10)
    assert speed == pytest.approx(math.log(2) / 10, rel=1e-15)
    assert half_life == pytest.approx(10.0, rel=1e-14)
    assert speed_and_half_life(-0.02, 1) == pytest.approx(
        (-math.log(0.98), math.log(2) / -math.log(0.98))
    )
    assert all(math.isnan(v) for v in speed_and_half_life(-1.2, 1))  # 1 + β <= 0
    assert math.isnan(speed_and_half_life(0.1, 1)[1])  # divergence: no half-life


def _sigma_panel() -> pd.DataFrame:
    # two units per year with ln y = ±a: SD (ddof = 1) = a·sqrt(2); σ = 1, .8, .7
    rows = []
    for year, sigma in ((2000, 1.0), (2001, 0.8), (2002, 0.7)):
        a = sigma / math.sqrt(2)
        rows += [("A", year, math.exp(a)), ("B", year, math.exp(-a))]
    return pd.DataFrame(rows, columns=["unit_id", "year", "value"])


def test_sigma_per_year_ddof1_and_cv() -> None:
    frame = pd.DataFrame(
        {"unit_id": ["A", "B", "C"], "year": 2000, "value": np.exp([0.0, 1.0, 2.0])}
    )
    out = sigma_convergence(frame, "unit_id", "year", "value")
    assert out["sigma"].tolist() == pytest.approx([1.0])  # SD(0, 1, 2), ddof = 1
    y = np.exp([0.0, 1.0, 2.0])
    assert out["cv"].iloc[0] == pytest.approx(y.std(ddof=1) / y.mean())
    assert out["mean_log"].iloc[0] == pytest.approx(1.0)


def test_sigma_trend_hand_computed() -> None:
    sigma = sigma_convergence(_sigma_panel(), "unit_id", "year", "value")
    assert sigma["sigma"].tolist() == pytest.approx([1.0, 0.8, 0.7])
    trend = sigma_trend(sigma)
    # slope = Σ x σ / Σ x² with x = (−1, 0, 1): (−1 + .7)/2 = −.15
    # residuals (.01667, −.03333, .01667): SSR = 1/600, s² = SSR/1, SE = sqrt(s²/2) = .0288675
    assert trend["coefficient"] == pytest.approx(-0.15, abs=1e-12)
    assert trend["std_error"] == pytest.approx(math.sqrt(1 / 1200), rel=1e-9)
    assert trend["n_obs"] == 3


def _cross_section(seed: int = 3, n: int = 30) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    ln_y0 = rng.normal(8, 1, n)
    growth = 0.1 - 0.01 * ln_y0 + rng.normal(0, 0.005, n)
    region = np.array(["east", "west", "north"])[np.arange(n) % 3]
    return pd.DataFrame(
        {
            "unit_id": np.repeat([f"u{i}" for i in range(n)], 2),
            "year": np.tile([2000, 2010], n),
            "value": np.exp(np.column_stack([ln_y0, ln_y0 + 10 * growth]).ravel()),
            "region": np.repeat(region, 2),
        }
    )


def test_beta_cross_section_exact_line() -> None:
    # g = .1 − .05 ln y0 exactly over T = 10: b = −.05, β_T = −.5 -> half-life 10 years
    ln_y0 = np.array([1.0, 2.0, 3.0, 4.0])
    frame = pd.DataFrame(
        {
            "unit_id": np.repeat(list("ABCD"), 2),
            "year": np.tile([1990, 2000], 4),
            "value": np.exp(np.column_stack([ln_y0, ln_y0 + 10 * (0.1 - 0.05 * ln_y0)]).ravel()),
        }
    )
    est = beta_convergence_cross_section(frame, "unit_id", "year", "value")
    assert est.coefficient == pytest.approx(-0.05, abs=1e-12)
    assert est.horizon_years == 10 and est.n_obs == 4 and est.se_type == "hc1"
    assert est.half_life_years == pytest.approx(10.0, rel=1e-9)


def test_beta_cross_section_matches_statsmodels_hc1() -> None:
    frame = _cross_section()
    est = beta_convergence_cross_section(frame, "unit_id", "year", "value")
    wide = frame.pivot(index="unit_id", columns="year", values="value")
    cross = pd.DataFrame(
        {"ln_y0": np.log(wide[2000]), "g": (np.log(wide[2010]) - np.log(wide[2000])) / 10}
    )
    fit = smf.ols("g ~ ln_y0", data=cross).fit(cov_type="HC1")
    assert est.coefficient == pytest.approx(fit.params["ln_y0"], rel=1e-12)
    assert est.std_error == pytest.approx(fit.bse["ln_y0"], rel=1e-10)
    assert est.p_value == pytest.approx(fit.pvalues["ln_y0"], rel=1e-8)
    speed, half_life = speed_and_half_life(10 * fit.params["ln_y0"], 10)
    assert (est.speed, est.half_life_years) == pytest.approx((speed, half_life))

    conditional = beta_convergence_cross_section(frame, "unit_id", "year", "value", "region")
    cross = cross.join(frame.drop_duplicates("unit_id").set_index("unit_id")["region"])
    fit = smf.ols("g ~ ln_y0 + C(region)", data=cross).fit(cov_type="HC1")
    assert conditional.coefficient == pytest.approx(fit.params["ln_y0"], rel=1e-10)
    assert conditional.std_error == pytest.approx(fit.bse["ln_y0"], rel=1e-8)


def test_beta_panel_fe_matches_statsmodels_lsdv() -> None:
    rng = np.random.default_rng(7)
    rows = []
    for unit in range(12):
        ln_y = rng.normal(5, 1)
        for year in range(2000, 2012):
            rows.append((f"u{unit}", year, math.exp(ln_y)))
            ln_y = ln_y + 0.3 - 0.05 * ln_y + 0.02 * unit / 12 + rng.normal(0, 0.03)
    frame = pd.DataFrame(rows, columns=["unit_id", "year", "value"])
    frame = frame.drop(index=[30])  # a gap: that year and the next have no Δ
    est = beta_convergence_panel(frame, "unit_id", "year", "value")

    data = panel_growth_frame(frame, "unit_id", "year", "value")
    assert len(data) == 12 * 11 - 2
    fit = smf.ols("dln_y ~ ln_y_lag + C(unit_id) + C(year)", data=data).fit(
        cov_type="cluster", cov_kwds={"groups": pd.factorize(data["unit_id"])[0]}
    )
    assert est.coefficient == pytest.approx(fit.params["ln_y_lag"], rel=1e-9)
    # statsmodels counts every LSDV column (K = E + T); Stata's CR1 counts slopes, year
    # dummies and the constant (K = 1 + T): SE_stata = SE_sm · sqrt((N − K_sm)/(N − K_cr1))
    n, k_sm, k_cr1 = len(data), int(fit.df_model) + 1, 1 + data["year"].nunique()
    assert est.std_error == pytest.approx(
        fit.bse["ln_y_lag"] * math.sqrt((n - k_sm) / (n - k_cr1)), rel=1e-8
    )
    assert est.se_type == "cr1_unit" and est.horizon_years == 1.0
    assert est.speed == pytest.approx(-math.log(1 + est.coefficient))


def test_convergence_tests_reports_what_cannot_be_estimated() -> None:
    frame = _sigma_panel().assign(region="east")
    out = convergence_tests(frame, "province", "toy")
    by_test = out.set_index("test")["status"].groupby(level=0).first().to_dict()
    assert by_test["sigma"] == "ok" and by_test["sigma_trend"] == "ok"
    assert by_test["beta_conditional"] == "not_estimated"  # one region
    assert (out["test"] == "sigma").sum() == 3
    note = out.loc[out["test"] == "beta_conditional", "note"].iloc[0]
    assert "two regions" in note
    assert list(out.columns)[:4] == ["unit_type", "series", "test", "year"]
    full = convergence_tests(_cross_section(), "country", "cross")
    status = full.loc[full["test"] != "sigma"].set_index("test")["status"].to_dict()
    # two years ten apart: no σ trend (needs 3 years), no consecutive years for the panel
    assert status == {
        "sigma_trend": "not_estimated",
        "beta_absolute": "ok",
        "beta_conditional": "ok",
        "beta_panel_fe": "not_estimated",
    }
