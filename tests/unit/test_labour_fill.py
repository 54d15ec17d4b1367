"""The national-share rule for provincial labour (analysis.labour_fill), by hand."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analysis.labour_fill import (
    BACKCAST,
    CARRIED_FORWARD,
    INTERPOLATED,
    OBSERVED,
    fill_labour_national_share,
)

NATIONAL = pd.Series({2004: 1000.0, 2005: 1100.0, 2006: 1200.0, 2007: 1300.0, 2008: 1400.0})


def rows(values: dict[str, list[float | None]]) -> pd.DataFrame:
    years = list(NATIONAL.index)
    return pd.DataFrame(
        [
            (code, year, np.nan if v is None else v)
            for code, vals in values.items()
            for year, v in zip(years, vals, strict=True)
        ],
        columns=["province_code", "year", "emp_urban_total_10k"],
    )


def test_interpolates_the_share_between_observed_years() -> None:
    # shares 0.10 (2004) and 0.05 (2008): 0.0875, 0.075, 0.0625 in 2005-2007
    out = fill_labour_national_share(rows({"A": [100.0, None, None, None, 70.0]}), NATIONAL)
    assert out["labour_10k"].tolist() == pytest.approx([100.0, 96.25, 90.0, 81.25, 70.0])
    assert out["labour_source"].tolist() == [OBSERVED, *[INTERPOLATED] * 3, OBSERVED]


def test_backcast_and_carry_forward_hold_the_nearest_share() -> None:
    out = fill_labour_national_share(rows({"B": [None, None, 240.0, 260.0, None]}), NATIONAL)
    # share 0.2 in 2006 held back to 2004-05; share 0.2 in 2007 carried to 2008
    assert out["labour_10k"].tolist() == pytest.approx([200.0, 220.0, 240.0, 260.0, 280.0])
    expected = [BACKCAST, BACKCAST, OBSERVED, OBSERVED, CARRIED_FORWARD]
    assert out["labour_source"].tolist() == expected


def test_never_observed_or_no_national_total_stays_missing() -> None:
    national = NATIONAL.drop(2005)
    out = fill_labour_national_share(
        rows({"C": [None] * 5, "D": [50.0, None, None, None, 70.0]}), national
    )
    c = out[out["province_code"] == "C"]
    assert c["labour_10k"].isna().all() and c["labour_source"].isna().all()
    d = out[out["province_code"] == "D"].set_index("year")
    assert math.isnan(d.loc[2005, "labour_10k"]) and pd.isna(d.loc[2005, "labour_source"])
    assert d.loc[2006, "labour_10k"] == pytest.approx((0.05 + 0.05) / 2 * 1200.0)


def test_observed_values_are_never_changed_and_row_order_is_kept() -> None:
    data = rows({"A": [100.0, 111.0, None, 133.0, 150.0]}).iloc[::-1].reset_index(drop=True)
    out = fill_labour_national_share(data, NATIONAL)
    assert out["year"].tolist() == data["year"].tolist()
    observed = data["emp_urban_total_10k"].notna()
    assert (out.loc[observed, "labour_10k"] == data.loc[observed, "emp_urban_total_10k"]).all()
    # 2006: the share halfway between 111/1100 (2005) and 133/1300 (2007), times 1200
    expected = (111.0 / 1100.0 + 133.0 / 1300.0) / 2 * 1200.0
    assert out.loc[~observed, "labour_10k"].iloc[0] == pytest.approx(expected)


def test_bad_input_is_refused_with_the_reason() -> None:
    dup = pd.concat([rows({"A": [1.0] * 5}), rows({"A": [1.0] * 5})])
    with pytest.raises(ValueError, match=r"duplicated province-years.*A"):
        fill_labour_national_share(dup, NATIONAL)
    with pytest.raises(ValueError, match="must be positive"):
        fill_labour_national_share(rows({"A": [1.0] * 5}), NATIONAL.replace(1200.0, 0.0))
