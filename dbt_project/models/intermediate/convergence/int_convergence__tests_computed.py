"""σ- and β-convergence tests of the convergence series (dbt Python model; analysis.convergence).

Grain: one row per unit_type × series × test × year (year set for test ``sigma`` only).
Series:

* ``coupling_d:<variant>``: the coupling coordination degree D of every variant of
  int_convergence__coupling_computed (countries: country_panel, wiod; provinces: province_va,
  province_employment once filled);
* ``gdp_pc_usd`` (countries): GDP per capita, current US$ (marts.country_panel);
* ``grp_pc_real_cny`` (provinces): real GRP per capita, CNY at the panel's base-year prices
  (1e4 × grp_real_cny_100m / population_10k of marts.province_panel);
* ``manufacturing_labour_productivity`` (provinces): industry VA per manufacturing worker, CNY
  at current prices (int_province_convergence_indicators). No country series: the country
  marts carry no manufacturing employment.

Regions for the conditional β: World Bank region of int_countries_harmonised (countries),
seed province_codes.region (east / central / west / northeast; provinces). Tests that cannot be
estimated are rows with status ``not_estimated`` and the reason (analysis.convergence).
"""

from __future__ import annotations

import pandas as pd

from analysis.convergence import TEST_COLUMNS, convergence_tests


def model(dbt, session):
    dbt.config(materialized="table")
    coupling = dbt.ref("int_convergence__coupling_computed").df()
    countries = dbt.ref("int_convergence__country_indicators_derived").df()
    provinces = dbt.ref("int_province_convergence_indicators").df()
    country_regions = dbt.ref("int_countries_harmonised").df()[["iso3", "region"]]
    province_regions = dbt.ref("province_codes").df()[["code", "region"]]
    regions = pd.concat(
        [
            country_regions.rename(columns={"iso3": "unit_id"}).assign(unit_type="country"),
            province_regions.rename(columns={"code": "unit_id"}).assign(unit_type="province"),
        ],
        ignore_index=True,
    )

    series: list[tuple[str, str, pd.DataFrame]] = []
    for (unit_type, variant), part in coupling.groupby(["unit_type", "variant"], sort=True):
        frame = part[["unit_id", "year", "d"]].rename(columns={"d": "value"})
        series.append((unit_type, f"coupling_d:{variant}", frame))
    series.append(
        (
            "country",
            "gdp_pc_usd",
            countries.rename(columns={"iso3": "unit_id", "gdp_pc_usd": "value"})[
                ["unit_id", "year", "value"]
            ],
        )
    )
    panel = dbt.ref("province_panel").df()
    population = panel["population_10k"].where(panel["population_10k"] > 0)
    series.append(
        (
            "province",
            "grp_pc_real_cny",
            pd.DataFrame(
                {
                    "unit_id": panel["province_code"],
                    "year": panel["year"],
                    "value": 1e4 * panel["grp_real_cny_100m"] / population,
                }
            ),
        )
    )
    series.append(
        (
            "province",
            "manufacturing_labour_productivity",
            provinces.rename(
                columns={
                    "province_code": "unit_id",
                    "industry_va_per_manufacturing_worker_cny": "value",
                }
            )[["unit_id", "year", "value"]],
        )
    )

    results = []
    for unit_type, name, frame in series:
        frame = frame.dropna()
        if frame.empty:
            continue
        frame = frame.astype({"unit_id": str, "year": "int64", "value": float})
        frame = frame.merge(
            regions[regions["unit_type"] == unit_type][["unit_id", "region"]],
            on="unit_id",
            how="left",
        )
        results.append(convergence_tests(frame, unit_type, name))
    out = pd.concat(results, ignore_index=True) if results else pd.DataFrame(columns=TEST_COLUMNS)
    text = ["unit_type", "series", "test", "se_type", "status", "note"]
    return out.astype({c: "string" for c in text}).astype(
        {c: "float64" for c in TEST_COLUMNS if c not in text}
    )
