"""The Python function behind marts.green_tfp (dbt model int_green_tfp_computed), called
directly: the score parameters (model, orientation, frontier) give the library's numbers."""

from __future__ import annotations

import runpy
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.dea import sbm, super_sbm

MODEL = runpy.run_path(
    str(
        Path(__file__).resolve().parents[2]
        / "dbt_project/models/intermediate/china/int_green_tfp_computed.py"
    ),
    run_name="green_tfp_model",
)
ScoreSpec, green_tfp = MODEL["ScoreSpec"], MODEL["green_tfp"]
INPUTS, GOOD, BAD = MODEL["INPUTS"], MODEL["GOOD"], MODEL["BAD"]


@pytest.fixture(scope="module")
def panel() -> pd.DataFrame:
    rng = np.random.default_rng(6)
    rows = []
    for i in range(6):
        for t, year in enumerate((2010, 2011, 2012)):
            x = rng.uniform(50, 150, size=3) * (1 + 0.05 * t)
            rows.append(
                {
                    "province_code": f"CN-{i:02d}",
                    "year": year,
                    "emp_urban_total_10k": x[0],
                    "capital_stock_cny_100m": x[1] * 10,
                    "energy_10k_tce": x[2] * 5,
                    "grp_real_cny_100m": float(x @ [2, 0.3, 0.5] * rng.uniform(0.7, 1.0)),
                    "co2_mt": x[2] * rng.uniform(0.5, 1.5),
                }
            )
    return pd.DataFrame(rows)


def _dmus(panel: pd.DataFrame) -> pd.DataFrame:
    return panel.rename(columns={"emp_urban_total_10k": "labour_10k"})


def test_default_is_super_sbm_u_per_year(panel) -> None:
    out = green_tfp(panel).set_index(["province_code", "year"])
    for year, part in _dmus(panel).groupby("year"):
        ref = super_sbm(part, INPUTS, GOOD, BAD, dmu="province_code", rts="crs")
        for code, score in ref[["province_code", "score"]].itertuples(index=False):
            assert out.loc[(code, year), "super_sbm_score"] == pytest.approx(score, abs=1e-10)
    assert (out["n_dmus"] == 6).all() and (out["labour_source"] == "observed").all()


def test_global_frontier_pools_every_province_year(panel) -> None:
    spec = ScoreSpec(frontier="global", rts="vrs", orientation="input")
    out = green_tfp(panel, spec).set_index(["province_code", "year"])
    ref = super_sbm(
        _dmus(panel), INPUTS, GOOD, BAD, dmu="province_code", period="year", rts="vrs",
        orientation="input",
    )  # fmt: skip
    for code, year, score, status in ref[["province_code", "year", "score", "status"]].itertuples(
        index=False
    ):
        # VRS super-SBM can be infeasible: NaN with the same status in both, never a number
        got = out.loc[(code, year)]
        assert got["super_sbm_score"] == pytest.approx(score, abs=1e-10, nan_ok=True)
        assert got["score_status"] == status
    assert (out["n_dmus"] == 18).all() and (out["rts"] == "vrs").all()
    assert out["dea_model"].str.contains("input").all()
    # fewer DMUs are on the pooled frontier than on the three yearly ones together
    yearly = green_tfp(panel, ScoreSpec(rts="vrs", orientation="input"))
    assert out["is_super_efficient"].sum() <= yearly["is_super_efficient"].sum()


def test_plain_sbm_u_scores_are_at_most_one(panel) -> None:
    out = green_tfp(panel, ScoreSpec(model="sbm_undesirable"))
    assert (out["super_sbm_score"] <= 1 + 1e-9).all() and not out["is_super_efficient"].any()
    part = _dmus(panel)[lambda d: d["year"] == 2011]
    ref = sbm(part, INPUTS, GOOD, BAD, dmu="province_code")
    got = out[out["year"] == 2011].set_index("province_code")["super_sbm_score"]
    assert np.allclose(got.loc[ref["province_code"]].to_numpy(), ref["score"].to_numpy())


@pytest.mark.parametrize(
    ("field", "value"),
    [("model", "ccr"), ("orientation", "sideways"), ("frontier", "sequential")],
)
def test_unknown_parameters_are_refused(field: str, value: str) -> None:
    with pytest.raises(ValueError, match="must be one of"):
        ScoreSpec(**{field: value})
