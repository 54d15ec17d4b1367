"""analysis.dea.data: the problems frame (DMU named), exclusions only where no model can cope."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.dea import (
    DEADataError,
    attached_table,
    check_inputs,
    from_arrays,
    lambdas_long,
    malmquist_luenberger,
    sbm,
)

INPUTS, OUTPUTS, BAD = ["labour", "capital"], ["gdp"], ["co2"]


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "province": ["Anhui", "Beijing", "Chongqing", "Fujian", "Gansu", "Gansu"],
            "year": [2020] * 6,
            "labour": [3.0, 2.0, np.nan, 4.0, 5.0, 5.0],
            "capital": [6.0, 5.0, 4.0, 0.0, 7.0, 7.0],
            "gdp": [4.0, 6.0, 3.0, 5.0, -1.0, 2.0],
            "co2": [5.0, 0.0, 3.0, 4.0, 6.0, 6.0],
        }
    )


def test_each_problem_is_reported_with_the_dmu_named():
    problems = check_inputs(_frame(), INPUTS, OUTPUTS, BAD, dmu="province", period="year")
    found = {(r.dmu, r.problem): r.action for r in problems.itertuples()}
    assert found[("Chongqing", "missing or non-finite value")] == "excluded"
    assert found[("Gansu", "negative value")] == "excluded"
    assert found[("Gansu", "duplicate DMU id within the period")] == "excluded"
    assert found[("Fujian", "zero input")].startswith("kept")
    assert found[("Beijing", "zero bad output")].startswith("kept")
    assert (problems["period"] == 2020).all()


def test_models_exclude_only_unusable_rows_and_compute_the_rest():
    res = sbm(_frame(), INPUTS, OUTPUTS, BAD, dmu="province", period="year")
    status = res.groupby("province")["status"].first().to_dict()
    assert status["Chongqing"] == "excluded"
    assert status["Gansu"] == "excluded"
    for name in ("Anhui", "Beijing", "Fujian"):
        assert status[name] == "optimal"
    flags = res.set_index("province")["flag"]
    assert "missing" in flags["Chongqing"]
    assert res.loc[res["status"] == "optimal", "score"].notna().all()


def test_all_zero_column_and_dominating_dmu_are_reported():
    data = pd.DataFrame(
        {"dmu": ["a", "b", "c"], "x": [1.0, 2, 3], "z": [0.0, 0, 0], "y": [3.0, 2, 1]}
    )
    problems = check_inputs(data, ["x", "z"], ["y"])
    assert ((problems["variable"] == "z") & (problems["problem"] == "all-zero column")).any()
    dominant = problems[problems["problem"] == "dominates every other DMU of the period"]
    assert dominant["dmu"].tolist() == ["a"]
    assert dominant["action"].str.startswith("kept").all()


def test_column_and_variable_checks():
    with pytest.raises(DEADataError, match="not in the data"):
        check_inputs(_frame(), ["labour", "land"], OUTPUTS, dmu="province")
    with pytest.raises(DEADataError, match="at least one input"):
        check_inputs(_frame(), [], OUTPUTS, dmu="province")


def test_from_arrays_and_lambdas_long():
    frame, inputs, outputs, bad = from_arrays(
        np.array([[2.0, 5], [2, 4]]), np.array([[1.0], [2]]), np.array([[1.0], [1]]), ["p", "q"]
    )
    assert inputs == ["x1", "x2"] and outputs == ["y1"] and bad == ["b1"]
    res = sbm(frame, inputs, outputs, bad)
    long = lambdas_long(res)
    assert list(long.columns) == ["dmu", "peer", "lambda"]
    assert set(long["dmu"]) == {"p", "q"}


def test_excluded_panel_rows_do_not_break_malmquist_luenberger():
    panel = pd.DataFrame(
        {
            "dmu": ["a", "b", "c"] * 2,
            "period": [1, 1, 1, 2, 2, 2],
            "x": [1.0, 2, 3, 1, 2, np.nan],
            "y": [1.0, 1.5, 3, 1.2, 1.5, 3],
            "b": [1.0, 2, 2, 1, 2, 2],
        }
    )
    res = malmquist_luenberger(panel, ["x"], ["y"], ["b"], kind="global")
    assert set(res["dmu"]) == {"a", "b"}  # c has no usable period-2 row
    assert (res["status"] == "optimal").all()
    excluded = attached_table(res, "excluded")
    assert excluded["dmu"].tolist() == ["c"]
