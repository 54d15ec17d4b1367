"""dbt build of marts.green_tfp on the raw fixture plus hand rows for a three-DMU frontier.

The raw fixture has Guangdong (EPS energy, CEADs CO2) and Tibet (neither), 2000-2002, and no
urban-unit employment. This module inserts, into its own copy of the fixture database:
城镇单位就业人员 (万人) for Guangdong and Tibet, and a full set of raw rows (GRP, GRP index,
investment, investment price, employment, EPS energy, CEADs CO2) for Jiangsu and Zhejiang.
Zhejiang has no provincial employment for 2001; the national total 城镇单位就业人员 (1000, 1100,
1200 万人) is inserted, so the national-share rule fills it (60/1000 and 65/1200 interpolated).
The year range is set to the fixture's 2000-2002 (env DBT_GREEN_TFP_FIRST_YEAR / _LAST_YEAR).
"""

from __future__ import annotations

import math
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from analysis.dea import malmquist_luenberger, super_sbm
from tests.fixtures.raw_fixture import build_raw_fixture
from warehouse.settings import Settings
from warehouse.transform import run_dbt

pytestmark = pytest.mark.integration

YEARS = (2000, 2001, 2002)
VINTAGE = "fsnd 2021 (4th economic census revision)"
INPUTS = ["labour_10k", "capital_stock_cny_100m", "energy_10k_tce"]
GOOD = ["grp_real_cny_100m"]
BAD = ["co2_mt"]
#: urban-unit employment (万人) by province and year
EMPLOYMENT = {
    "CN-GD": (80.0, 84.0, 90.0),
    "CN-XZ": (3.0, 3.1, 3.2),
    "CN-JS": (70.0, 71.0, 73.0),
    "CN-ZJ": (60.0, None, 65.0),
}
#: national urban-unit employment total (万人)
NATIONAL = (1000.0, 1100.0, 1200.0)
#: Zhejiang 2001 by the national-share rule: share linear between 2000 and 2002, times N_2001
ZJ_2001 = (60.0 / 1000.0 + (65.0 / 1200.0 - 60.0 / 1000.0) / 2) * 1100.0
#: the two added provinces: GRP, GRP index, investment, price index, energy, CO2
EXTRA = {
    "CN-JS": {
        "name": "江苏",
        "grp": (90.0, 100.0, 112.0),
        "index": (None, 110.0, 111.0),
        "invest": (25.0, 29.0, 34.0),
        "price": (2.0, 2.05, 2.1),
        "energy": (12.0, 12.5, 12.6),
        "co2": (30.0, 31.0, 30.5),
    },
    "CN-ZJ": {
        "name": "浙江",
        "grp": (70.0, 77.0, 85.0),
        "index": (None, 109.0, 112.0),
        "invest": (20.0, 24.0, 27.0),
        "price": (2.0, 2.1, 2.3),
        "energy": (7.0, 7.9, 8.1),
        "co2": (15.0, 17.0, 16.0),
    },
}


def _row(source, code, unit, entity, name, year, value, vintage, file_name):
    return (source, code, code, unit, entity, name, year, float(value), vintage, file_name)


def _extra_rows() -> dict[str, list[tuple]]:
    names = {"CN-GD": "广东", "CN-XZ": "西藏"} | {c: v["name"] for c, v in EXTRA.items()}
    prov, asset, energy, ceads = [], [], [], []
    national = [
        _row("china_nbs_national", "城镇单位就业人员", "万人", "CN", "全国", year, v, VINTAGE,
             "按行业分城镇单位就业人员.csv")
        for year, v in zip(YEARS, NATIONAL, strict=True)
    ]  # fmt: skip
    for code, values in EMPLOYMENT.items():
        for year, v in zip(YEARS, values, strict=True):
            if v is None:
                continue
            prov.append(
                _row(
                    "china_nbs_province",
                    "城镇单位就业人员",
                    "万人",
                    code,
                    names[code],
                    year,
                    v,
                    VINTAGE,
                    "城镇单位就业人员.csv",
                )
            )
    for code, d in EXTRA.items():
        n = d["name"]
        for i, year in enumerate(YEARS):
            prov.append(
                _row(
                    "china_nbs_province", "地区生产总值", "亿元", code, n, year, d["grp"][i],
                    VINTAGE, "地区生产总值.csv",
                )
            )  # fmt: skip
            if d["index"][i] is not None:
                prov.append(
                    _row(
                        "china_nbs_province", "地区生产总值指数", "上年=100", code, n, year,
                        d["index"][i], VINTAGE, "地区生产总值指数.csv",
                    )
                )  # fmt: skip
            asset.append(
                _row(
                    "china_capital_asset", "invest", "亿元", code, n, year, d["invest"][i],
                    "CHNCapitalStock", "asset.rda",
                )
            )  # fmt: skip
            asset.append(
                _row(
                    "china_capital_asset", "InvestPrice", "1952=1", code, n, year, d["price"][i],
                    "CHNCapitalStock", "asset.rda",
                )
            )  # fmt: skip
            energy.append(
                _row(
                    "china_eps_energy", "能源消费量", "万吨标煤", code, n, year, d["energy"][i],
                    "EPS", "消费量.xlsx",
                )
            )  # fmt: skip
            ceads.append(
                _row(
                    "china_ceads_v2022", "total", "Mt CO2", code, n, year, d["co2"][i],
                    "CEADs 2022", "2000年30个省份排放清单.xlsx",
                )
            )  # fmt: skip
    return {
        "china_nbs_national": national,
        "china_nbs_province": prov,
        "china_capital_asset": asset,
        "china_eps_energy": energy,
        "china_ceads_v2022": ceads,
    }


@pytest.fixture(scope="module")
def tfp_db(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("dbt_green_tfp")
    db_path = work / "warehouse.duckdb"
    build_raw_fixture(db_path)
    with duckdb.connect(str(db_path)) as con:
        for table, rows in _extra_rows().items():
            start = con.execute(f"select max(row_number) from raw.{table}").fetchone()[0] or 1
            con.executemany(
                f"insert into raw.{table} values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'fixture')",
                [(*r, start + i + 1) for i, r in enumerate(rows)],
            )
    settings = Settings(db_path=db_path, report_dir=work / "report", build_dir=work / "build")
    # the year range is rendered when the (spawned) dbt worker parses: env vars, not --vars
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DBT_GREEN_TFP_FIRST_YEAR", "2000")
        mp.setenv("DBT_GREEN_TFP_LAST_YEAR", "2002")
        result = run_dbt(
            settings,
            "build",
            "--select",
            "+green_tfp",
            "--exclude",
            "test_type:unit",
            "--indirect-selection",
            "cautious",
        )
    failures = [(n.unique_id, n.status, n.message) for n in result.failures]
    assert result.success, (result.error, failures)
    return db_path


def frame(db: Path, sql: str) -> pd.DataFrame:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).df()


def mart(db: Path) -> pd.DataFrame:
    return frame(db, "select * from marts.green_tfp order by province_code, year")


def test_one_row_per_panel_province_year(tfp_db: Path) -> None:
    out = mart(tfp_db)
    assert len(out) == 31 * 3 and not out.duplicated(["province_code", "year"]).any()
    scored = out[out["is_scored"]]
    assert sorted(scored["province_code"].unique()) == ["CN-GD", "CN-JS", "CN-ZJ"]
    assert (scored["n_dmus"] == 3).all() and (scored["score_status"] == "optimal").all()
    assert not out["is_partial_frontier"].any()  # every year's frontier has the same 3 DMUs
    # the inserted employment arrives unchanged
    gd = out[out["province_code"] == "CN-GD"]
    assert gd["emp_urban_total_10k"].tolist() == list(EMPLOYMENT["CN-GD"])
    assert gd["labour_10k"].tolist() == list(EMPLOYMENT["CN-GD"])
    assert (gd["labour_source"] == "observed").all()


def test_missing_labour_is_estimated_by_the_national_share_and_labelled(tfp_db: Path) -> None:
    zj = mart(tfp_db).set_index(["province_code", "year"]).loc["CN-ZJ"]
    assert math.isnan(zj.loc[2001, "emp_urban_total_10k"])  # the observed column stays empty
    assert zj.loc[2001, "labour_10k"] == pytest.approx(ZJ_2001, abs=1e-9)  # 62.7916...
    assert zj.loc[2001, "labour_source"] == "interpolated_national_share"
    assert zj.loc[2000, "labour_source"] == "observed" and zj.loc[2001, "is_scored"]
    # a province never observed is not estimated: no share to carry
    bj = mart(tfp_db).query("province_code == 'CN-BJ'")
    assert bj["labour_10k"].isna().all() and bj["labour_source"].isna().all()


def test_tibet_is_not_scored_and_says_why(tfp_db: Path) -> None:
    out = mart(tfp_db)
    xz = out[out["province_code"] == "CN-XZ"]
    assert len(xz) == 3
    assert xz["super_sbm_score"].isna().all() and xz["gml_index"].isna().all()
    assert xz["ml_cumulative"].isna().all() and not xz["is_scored"].any()
    assert (xz["missing_inputs"] == "energy_10k_tce; co2_mt").all()
    assert (xz["score_status"] == "missing_inputs").all()
    assert xz["emp_urban_total_10k"].notna().all()  # labour is there: the reason is energy/CO2
    # provinces without any data: every variable named, nothing invented
    bj = out[out["province_code"] == "CN-BJ"]
    assert bj["missing_inputs"].str.contains("labour_10k").all()
    assert bj["super_sbm_score"].isna().all()


def test_scores_equal_super_sbm_on_the_same_numbers(tfp_db: Path) -> None:
    panel = frame(
        tfp_db,
        "select province_code, year, " + ", ".join(INPUTS + GOOD + BAD) + " from "
        "marts.green_tfp where missing_inputs is null order by province_code, year",
    )
    assert len(panel) == 9
    # the DEA variables other than labour are the province panel's, unchanged
    source = frame(
        tfp_db,
        "select province_code, year, " + ", ".join(INPUTS[1:] + GOOD + BAD) + " from "
        "marts.province_panel where province_code in ('CN-GD', 'CN-JS', 'CN-ZJ') "
        "order by province_code, year",
    )
    pd.testing.assert_frame_equal(
        panel.drop(columns="labour_10k").reset_index(drop=True), source, check_dtype=False
    )
    out = mart(tfp_db).set_index(["province_code", "year"])
    for year in YEARS:
        part = panel[panel["year"] == year].drop(columns="year")
        expected = super_sbm(part, INPUTS, GOOD, BAD, dmu="province_code", rts="crs")
        for code, score, sbm_score in expected[["province_code", "score", "sbm_score"]].itertuples(
            index=False
        ):
            assert out.loc[(code, year), "super_sbm_score"] == pytest.approx(score, abs=1e-9)
            assert out.loc[(code, year), "sbm_score"] == pytest.approx(sbm_score, abs=1e-9)
    # the global ML too, called directly on the pooled panel
    gml = malmquist_luenberger(
        panel, INPUTS, GOOD, BAD, dmu="province_code", period="year", rts="crs", kind="global"
    )
    for code, year, value in gml[["province_code", "period_to", "gml"]].itertuples(index=False):
        assert out.loc[(code, int(year)), "gml_index"] == pytest.approx(value, abs=1e-9)


def test_gml_decomposes_and_cumulative_is_the_chain_product(tfp_db: Path) -> None:
    out = mart(tfp_db)
    scored = out[out["is_scored"]]
    links = scored[scored["gml_index"].notna()]
    assert len(links) == 6
    for row in links.itertuples():
        assert row.gml_index == pytest.approx(row.gml_ec * row.gml_bpc, abs=1e-12)
    ml = scored[scored["ml_index"].notna()]
    for row in ml.itertuples():
        assert row.ml_index == pytest.approx(row.ml_ec * row.ml_tc, abs=1e-12)
    for _, part in scored.groupby("province_code"):
        part = part.sort_values("year")
        assert part["gml_cumulative"].iloc[0] == 1.0
        assert part["gml_status"].iloc[0] == "base_year"
        assert math.isnan(part["gml_index"].iloc[0])
        product = 1.0
        for idx, cum in zip(
            part["gml_index"].iloc[1:], part["gml_cumulative"].iloc[1:], strict=True
        ):
            product *= idx
            assert cum == pytest.approx(product, abs=1e-12)
        ml_product = 1.0
        for idx, cum in zip(part["ml_index"].iloc[1:], part["ml_cumulative"].iloc[1:], strict=True):
            ml_product *= idx  # NaN once a link is infeasible: the chain stays broken
            if math.isnan(ml_product):
                assert math.isnan(cum)
            else:
                assert cum == pytest.approx(ml_product, abs=1e-12)


def test_scenarios_follow_a_users_yaml(tfp_db: Path, tmp_path: Path) -> None:
    """marts.scenarios reads the YAML named by env CONVERGENCE_SCENARIOS_CONFIG (target year,
    scenario names and rates); real GRP compounds at the scenario rate from the base year."""
    config = tmp_path / "my_scenarios.yml"
    config.write_text("target_year: 2006\nscenarios:\n  slow: 0.02\n  fast: 0.09\n")
    settings = Settings(
        db_path=tfp_db, report_dir=tmp_path / "report", build_dir=tfp_db.parent / "build"
    )
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CONVERGENCE_SCENARIOS_CONFIG", str(config))
        mp.setenv("DBT_GREEN_TFP_FIRST_YEAR", "2000")
        mp.setenv("DBT_GREEN_TFP_LAST_YEAR", "2002")
        result = run_dbt(settings, "build", "--select", "scenarios")
    assert result.success, result.error
    out = frame(tfp_db, "select * from marts.scenarios")
    assert set(out["scenario"]) == {"slow", "fast"}
    assert out.loc[out["is_projection"], "year"].max() == 2006
    grp = out[(out["variable"] == "grp_real") & (out["unit_type"] == "national")]
    assert not grp.empty
    for scenario, rate in (("slow", 0.02), ("fast", 0.09)):
        s = grp[grp["scenario"] == scenario].set_index("year")["value"]
        base = int(grp.loc[~grp["is_projection"], "year"].max())
        assert s[2006] == pytest.approx(s[base] * (1 + rate) ** (2006 - base), rel=1e-12)
