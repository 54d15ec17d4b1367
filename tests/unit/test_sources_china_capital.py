"""Capital-stock inputs (asset.rda, source spreadsheets) and the perpetual inventory."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from warehouse.sources.base import SourceFormatError
from warehouse.sources.china_capital import (
    CHINA_CAPITAL_ASSET,
    CHINA_CAPITAL_INPUTS,
    CHONGQING_K1996,
    load_asset,
    perpetual_inventory,
    read_inputs,
    zhang_capital_stock,
)

YEARS = [1952, 1953, 1954]


# --------------------------------------------------------------------------- perpetual inventory
def test_pim_hand_computed():
    invest = pd.Series([10.0, 20.0, 30.0], index=YEARS)
    price = pd.Series([1.0, 2.0, 1.5], index=YEARS)
    k = perpetual_inventory(invest, price)
    # I = 10, 10, 20; K1952 = 10 / 0.1 = 100; K1953 = 100 x 0.904 + 10; K1954 = K1953 x 0.904 + 20
    assert k.tolist() == pytest.approx([100.0, 100.4, 110.7616])
    assert k.index.tolist() == YEARS
    # a price index on another base is rebased to base_year = 1 (same result)
    assert perpetual_inventory(invest, price * 2).tolist() == pytest.approx(k.tolist())


def test_pim_other_base_year_initial_stock_and_parameters():
    invest = pd.Series([10.0, 20.0, 30.0], index=YEARS)
    price = pd.Series([1.0, 2.0, 1.5], index=YEARS)
    # base 1953: P = 0.5, 1, 0.75 -> I = 20, 20, 40; K1952 = 10 / 0.1 (current prices, CompK_ZJ)
    k = perpetual_inventory(invest, price, base_year=1953)
    assert k.tolist() == pytest.approx([100.0, 110.4, 110.4 * 0.904 + 40])
    k = perpetual_inventory(invest, price, depreciation=0.1, initial_ratio=0.2)
    assert k.tolist() == pytest.approx([50.0, 55.0, 69.5])
    k = perpetual_inventory(invest, price, initial_stock=7.0)
    assert k.tolist() == pytest.approx([7.0, 7 * 0.904 + 10, (7 * 0.904 + 10) * 0.904 + 20])


def test_pim_rejects_gaps_and_missing_values():
    price = pd.Series(1.0, index=[1952, 1953, 1955])
    with pytest.raises(ValueError, match="not consecutive"):
        perpetual_inventory(pd.Series([1.0, 2.0, 3.0], index=[1952, 1953, 1955]), price)
    with pytest.raises(ValueError, match="missing investment"):
        perpetual_inventory(pd.Series([1.0, None], index=YEARS[:2]), price)
    with pytest.raises(ValueError, match="no price index"):
        perpetual_inventory(pd.Series([1.0, 2.0], index=[1953, 1954]), price)


# --------------------------------------------------------------------------- real asset.rda
@pytest.fixture(scope="module")
def asset(shared_raw):
    return load_asset(shared_raw / "china/capital_stock/asset.rda")


#: CHNCapitalStock's own published values: README (bt = 1952) and tests/testthat
PACKAGE_VALUES = [
    ("beijing", 1952, 1952, 7.9),
    ("beijing", 1952, 2021, 38866.56346),
    ("beijing", 1952, 2022, 40271.13639),
    ("beijing", 2000, 2000, 7066.979),
    ("chongqing", 1952, 1997, 434.2679),
    ("chongqing", 2000, 2000, 2143.611),
]


def test_pim_reproduces_the_package_published_stocks(asset):
    gaps = []
    for prv, base, year, published in PACKAGE_VALUES:
        k = zhang_capital_stock(asset, prv, base_year=base)
        gaps.append(abs(k[year] - published))
        print(f"{prv} bt={base} K{year}: ours {k[year]:.6f} vs package {published} ")
        assert k[year] == pytest.approx(published, abs=1e-3)  # values published to 3-5 dp
    print(f"max abs gap {max(gaps):.2e} (100 million yuan)")
    assert zhang_capital_stock(asset, "chongqing")[1996] == pytest.approx(CHONGQING_K1996)


def test_real_asset_rows(shared_raw):
    result = CHINA_CAPITAL_ASSET.read(CHINA_CAPITAL_ASSET.find_files(shared_raw))
    frame = result.frame
    assert result.rejected.empty and result.rows_read == {"asset.rda": 2157}
    assert frame["entity_code"].nunique() == 31
    invest = frame[frame["indicator_code"] == "invest"].set_index(["entity_code", "year"])
    assert len(invest) == 2157
    assert invest.loc[("CN-BJ", 1952), "value"] == 0.79
    assert invest.loc[("CN-BJ", 1952), "unit"] == "亿元"
    names = invest.reset_index().groupby("entity_code")["entity_name"].first()
    assert names["CN-SX"] == "shanxi" and names["CN-SN"] == "shaanxi"
    assert names["CN-NM"] == "neimenggu" and names["CN-XZ"] == "xizang"
    cq = invest.loc["CN-CQ"]
    assert cq.index.min() == 1996 and cq.index.max() == 2022
    panel = invest.reset_index()
    assert panel[panel["year"].between(2004, 2020)].groupby("year").size().eq(31).all()


def test_real_input_spreadsheets(shared_raw):
    files = CHINA_CAPITAL_INPUTS.find_files(shared_raw)
    assert len(files) == 7
    result = CHINA_CAPITAL_INPUTS.read(files)
    assert result.rejected.empty
    f = result.frame.set_index(["file_name", "indicator_code", "entity_code", "year"])
    price = f.loc[("固定资产投资价格指数2019.xlsx", "固定资产投资价格指数", "CN-BJ", 2019)]
    assert price["value"] == 102.098 and price["unit"] == "上年=100"
    gfcf = f.loc[("固定资本形成总额2018.xlsx", "资本形成总额:固定资本形成总额", "CN-BJ", 2017)]
    assert gfcf["value"] == 10375.27 and gfcf["unit"] == "亿元"
    hist = f.loc[("各地区固定资本生产总额及指数.xlsx", "固定资本形成总额", "CN-BJ", 1953)]
    assert hist["value"] == 5.36  # = asset.rda invest, Beijing 1953
    rpi = f.loc[("2022RPI.xlsx", "RPI", "CN-BJ", 2022)]
    assert rpi["value"] == 101.8


# --------------------------------------------------------------------------- generated bad files
def write_wind(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["国家", "指标名称", "频率", "单位", "指标ID", "时间区间", "来源", "更新时间",
                  "2019-12-31", "2018-12-31"])  # fmt: skip
    for row in rows:
        sheet.append(row)
    sheet.append([])
    sheet.append(["数据来源：Wind"])
    book.save(path)
    return path


def _series(name: str, a: object, b: object) -> list[object]:
    return ["中国", name, "年", "上年=100", "M1", "1991:2019", "国家统计局", "'2020-10-09", a, b]


def test_wind_series_values_rejection_and_unknown_province(tmp_path):
    path = write_wind(
        tmp_path / "固定资产投资价格指数2019.xlsx",
        [
            _series("北京:固定资产投资价格指数", 102.1, "--"),
            _series("陕西:固定资产投资价格指数", 101.0, 99.5),
        ],
    )
    result = read_inputs([path])
    frame = result.frame.set_index(["entity_code", "year"])
    assert frame.loc[("CN-BJ", 2019), "value"] == 102.1
    assert frame.loc[("CN-SN", 2018), "row_number"] == 3
    assert result.rejected[["row_number", "column", "raw_value", "reason"]].values.tolist() == [
        [2, "2018-12-31", "--", "not a number"]
    ]
    bad = write_wind(tmp_path / "x.xlsx", [_series("火星:固定资产投资价格指数", 1.0, 1.0)])
    with pytest.raises(SourceFormatError, match=r"^x\.xlsx \(row 2, column '指标名称'\)"):
        read_inputs([bad])
