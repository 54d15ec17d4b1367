"""Provincial capital stock by perpetual inventory (Zhang Jun et al. 2004; CHNCapitalStock).

For each province ``K_t = K_{t-1}(1 - δ) + I_t / (P_t / P_base)`` with δ = ``depreciation``
(0.096), ``I_t`` = fixed-capital investment (亿元, current prices, ``invest`` of asset.rda),
``P_t`` = the investment price index (``InvestPrice``, 1952 = 1) and the first stock
``K_1952 = invest_1952 / 0.1`` (Chongqing: ``K_1996 = 1090 × 313 / 850``, price rebased on
Sichuan's before 1996), exactly as ``CompK_ZJ`` of the R package
(:func:`warehouse.sources.china_capital.zhang_capital_stock`, tested against the package's
published values to 3e-4). Output: 亿元 at ``base_year`` prices (config ``base_year``, default
2000), one row per province × year; the inputs come from raw.china_capital_asset via staging.
"""

from __future__ import annotations

import pandas as pd

from warehouse.sources.china_capital import zhang_capital_stock

#: zhang_capital_stock treats these two by name (Chongqing's start, Sichuan's price)
PRV_NAMES = {"CN-CQ": "chongqing", "CN-SC": "sichuan"}


def model(dbt, session):
    dbt.config(materialized="table")
    base_year = int(dbt.config.get("base_year", 2000))
    depreciation = float(dbt.config.get("depreciation", 0.096))  # = china_capital.DEPRECIATION
    rows = dbt.ref("stg_china__capital_asset_observations").df()
    rows = rows[rows["publisher_indicator_code"].isin(["invest", "InvestPrice"])]
    wide = rows.pivot_table(
        index=["publisher_entity_code", "year"],
        columns="publisher_indicator_code",
        values="value",
        aggfunc="first",
    ).reset_index()
    out = []
    if not wide.empty:
        asset = pd.DataFrame(
            {
                "prv": [PRV_NAMES.get(c, c) for c in wide["publisher_entity_code"]],
                "code": wide["publisher_entity_code"],
                "yr": wide["year"].astype("int64"),
                "invest": wide["invest"],
                "InvestPrice": wide["InvestPrice"],
            }
        ).dropna(subset=["invest", "InvestPrice"])
        for code, prv in asset[["code", "prv"]].drop_duplicates().itertuples(index=False):
            stock = zhang_capital_stock(asset, prv, base_year=base_year, depreciation=depreciation)
            out.append(
                pd.DataFrame(
                    {
                        "province_code": code,
                        "year": stock.index.astype("int64"),
                        "capital_stock_cny_100m": stock.to_numpy(dtype=float),
                        "price_base_year": base_year,
                        "depreciation_rate": depreciation,
                    }
                )
            )
    columns = [
        "province_code",
        "year",
        "capital_stock_cny_100m",
        "price_base_year",
        "depreciation_rate",
    ]
    frame = pd.concat(out, ignore_index=True) if out else pd.DataFrame(columns=columns)
    # typed even when empty (no capital-stock file landed): the mart's contract needs DOUBLE
    return frame[columns].astype(
        {
            "province_code": "object",
            "year": "int64",
            "capital_stock_cny_100m": "float64",
            "price_base_year": "int64",
            "depreciation_rate": "float64",
        }
    )
