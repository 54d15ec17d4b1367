"""EPS provincial energy and MEIC provincial CO2 readers: real files and generated bad files."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from warehouse.sources.base import SourceFormatError
from warehouse.sources.china_energy import (
    CHINA_EPS_ENERGY,
    CHINA_MEIC,
    EPS_TOTAL,
    MEIC_SHEET,
    read_eps,
    read_meic,
)

EPS_NAME = "消费量.xlsx"
MEIC_NAME = "1990-2023分省份碳排放-MEIC.xlsx"


def write_eps(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "中国能源数据库-年度（分省）"
    sheet.append(["", "", "2002", "2003", "2012", "2013"])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


EPS_ROWS = [
    ["能源消费量（万吨标煤）", "北京", "4000.00000", "4500.00000", "7000.00000", "6000.00000"],
    ["能源消费量（万吨标煤）", "西藏", "3713.00000", "4170.00000", "", ""],
    ["能源消费量（万吨标煤）", "陕西", "3713.00000", "4170.00000", "10625.70991", "10610.00000"],
    ["煤炭消费量（万吨）", "陕西", "3451.00000", "n/a", "", "17247.95000"],
]


def write_meic(path: Path, provinces=("Beijing", "Tibet"), sheet_name=MEIC_SHEET) -> Path:
    book = openpyxl.Workbook()
    book.active.title = "Data description"
    sheet = book.create_sheet(sheet_name)
    sheet.append(["MEIC - China CO2 emission database (last update: 2025-07-10)"])
    sheet.append(["Unit", "million tonnes of CO2"])
    sheet.append([])
    sheet.append(["Province", "Province_code", "Sector", 2019, 2020])
    for k, prov in enumerate(provinces):
        sheet.append([prov, "110000", "total", 10.0 + k, 11.0 + k])
    book.save(path)
    return path


# --------------------------------------------------------------------------- generated files
def test_eps_generated_values_tibet_copy_and_break(tmp_path):
    result = read_eps([write_eps(tmp_path / EPS_NAME, EPS_ROWS)])
    frame = result.frame.set_index(["indicator_code", "entity_code", "year"])
    assert frame.loc[(EPS_TOTAL, "CN-BJ", 2003), "value"] == 4500.0
    assert frame.loc[(EPS_TOTAL, "CN-BJ", 2003), "unit"] == "万吨标煤"
    assert frame.loc[(EPS_TOTAL, "CN-BJ", 2003), "row_number"] == 2
    assert frame.loc[("煤炭消费量", "CN-SN", 2013), "unit"] == "万吨"
    assert "CN-XZ" not in set(result.frame["entity_code"])  # copies of Shaanxi discarded
    known = [(f.check, f.country, f.year, f.severity) for f in result.findings]
    assert ("eps_tibet_copy", "CN-XZ", 2002, "known") in known
    assert ("eps_tibet_copy", "CN-XZ", 2003, "known") in known
    assert ("eps_2013_break", "CN-BJ", 2013, "known") in known  # 7000 -> 6000 (-14 %)
    assert ("eps_2013_break", "CN-SN", 2013, "known") not in known  # -0.15 %
    assert result.rejected[["row_number", "column", "raw_value", "reason"]].values.tolist() == [
        [5, "2003", "n/a", "not a number"]
    ]


def test_eps_unknown_province_names_file_and_row(tmp_path):
    rows = [*EPS_ROWS[:1], ["能源消费量（万吨标煤）", "火星", "1.0", "", "", ""]]
    with pytest.raises(SourceFormatError) as err:
        read_eps([write_eps(tmp_path / EPS_NAME, rows)])
    assert str(err.value).startswith(f"{EPS_NAME} (row 3, column 'B')")
    assert "火星" in str(err.value)


def test_eps_label_without_unit_is_an_error(tmp_path):
    rows = [["能源消费量", "北京", "1.0", "", "", ""]]
    with pytest.raises(SourceFormatError, match=r"row 2.*not '<name>（<unit>）'"):
        read_eps([write_eps(tmp_path / EPS_NAME, rows)])


def test_meic_generated_and_bad_inputs(tmp_path):
    result = read_meic([write_meic(tmp_path / MEIC_NAME)])
    frame = result.frame.set_index(["entity_code", "year"])
    assert frame.loc[("CN-XZ", 2020), "value"] == 12.0
    assert frame.loc[("CN-XZ", 2020), "row_number"] == 6
    assert set(result.frame["unit"]) == {"million tonnes of CO2"}
    assert result.vintages == {MEIC_NAME: "2025-07-10"}
    with pytest.raises(SourceFormatError, match=r"\(row 6, column 'Province'\).*'Atlantis'"):
        read_meic([write_meic(tmp_path / "a.xlsx", provinces=("Beijing", "Atlantis"))])
    with pytest.raises(SourceFormatError, match=r"b\.xlsx: missing sheet 'MEIC-China-CO2"):
        read_meic([write_meic(tmp_path / "b.xlsx", sheet_name="Sheet9")])


# --------------------------------------------------------------------------- real files
@pytest.fixture(scope="module")
def eps(shared_raw):
    return CHINA_EPS_ENERGY.read(CHINA_EPS_ENERGY.find_files(shared_raw))


@pytest.fixture(scope="module")
def meic(shared_raw):
    return CHINA_MEIC.read(CHINA_MEIC.find_files(shared_raw))


def test_real_eps_spot_values_match_nbs(eps):
    total = eps.frame[eps.frame["indicator_code"] == EPS_TOTAL].set_index(["entity_code", "year"])
    assert total.loc[("CN-GD", 2019), "value"] == 34_142.0
    assert total.loc[("CN-BJ", 2004), "value"] == 5_139.6
    assert total.loc[("CN-BJ", 2019), "value"] == 7_360.0
    assert total.loc[("CN-SD", 2019), "value"] == 41_390.0
    assert set(total["unit"]) == {"万吨标煤"}
    assert eps.rejected.empty


def test_real_eps_30_provinces_complete_2004_2019_no_tibet(eps):
    total = eps.frame[eps.frame["indicator_code"] == EPS_TOTAL]
    panel = total[total["year"].between(2004, 2019)]
    assert len(panel) == 30 * 16
    assert panel.groupby("year")["entity_code"].nunique().eq(30).all()
    assert "CN-XZ" not in set(eps.frame["entity_code"])
    copies = [f for f in eps.findings if f.check == "eps_tibet_copy"]
    assert [(f.country, f.year, f.severity) for f in copies] == [
        ("CN-XZ", 2002, "known"),
        ("CN-XZ", 2003, "known"),
    ]
    breaks = {f.country: f.difference for f in eps.findings if f.check == "eps_2013_break"}
    assert breaks["CN-SD"] == pytest.approx(35_358 - 38_899.25, abs=0.01)  # data-notes
    assert breaks["CN-HB"] == pytest.approx(15_703 - 17_675, abs=1)
    assert all(f.severity == "known" and f.reason for f in eps.findings)


def test_real_meic_31_provinces_with_tibet(meic):
    frame = meic.frame
    assert frame["entity_code"].nunique() == 31
    assert sorted(frame["year"].unique()) == list(range(1990, 2024))
    assert len(frame) == 31 * 34
    by = frame.set_index(["entity_code", "year"])["value"]
    assert by[("CN-XZ", 2019)] == pytest.approx(7.43, abs=0.005)  # SOURCES.md
    assert by.xs(2019, level="year").sum() == pytest.approx(10_089, abs=1)
    assert by.xs(2020, level="year").sum() == pytest.approx(10_166, abs=1)
    assert set(frame["entity_name"]) >= {"Inner Mongolia", "Tibet", "Shaanxi", "Shanxi"}
    assert meic.vintages == {"1990-2023分省份碳排放-MEIC.xlsx": "2025-07-10"}
