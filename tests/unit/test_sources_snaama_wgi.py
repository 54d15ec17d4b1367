"""SNAAMA workbook and WGI Stata readers on files built in tmp_path."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from warehouse.sources import get_source
from warehouse.sources.base import SourceFormatError

SNAAMA_NAME = "Download-GDPcurrent-USD-countries.xlsx"
HEADER = ["CountryID", "Country", "IndicatorName", 2018, 2019]
ROWS = [
    [156, "China", "Manufacturing (ISIC D)", 3.9e12, 3.813e12],
    [156, "China", "Gross Domestic Product (GDP)", 1.38e13, None],
    [840, "United States", "Manufacturing (ISIC D)", "n/a", 2.269e12],
]


def write_snaama(path: Path, header=HEADER, rows=ROWS, title=True, footnotes=True) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Download-GDPcurrent-USD-countri"
    if title:
        sheet.append(["GDP/breakdown at current prices in US Dollars (all countries)"])
        sheet.append([])
    for row in [header, *rows]:
        sheet.append(row)
    if footnotes:
        notes = book.create_sheet("Download-Footnotes-current")
        notes.append(["CountryID", "Country", "Item", "Footnote"])
        notes.append([4, "Afghanistan", "Agriculture", "Excludes irrigation canals"])
    book.save(path)
    return path


def read_snaama(path: Path):
    return get_source("unsd_snaama").read([path])


def test_snaama_long_rows_values_rows_and_rejection(tmp_path):
    result = read_snaama(write_snaama(tmp_path / SNAAMA_NAME))
    frame = result.frame.set_index(["entity_code", "indicator_code", "year"])
    china = frame.loc[("156", "Manufacturing (ISIC D)", 2019)]
    assert china.value == pytest.approx(3.813e12)
    assert china.unit == "current US$"
    assert china.entity_name == "China"
    assert china.row_number == 4  # title, blank, header, then the first data row
    assert frame.loc[("840", "Manufacturing (ISIC D)", 2019), "row_number"] == 6
    assert len(result.frame) == 4
    assert result.rows_read == {SNAAMA_NAME: 3}
    assert result.rejected[["row_number", "column", "raw_value"]].values.tolist() == [
        [6, "2018", "n/a"]
    ]


def test_snaama_reordered_columns(tmp_path):
    order = [4, 2, 0, 3, 1]
    path = write_snaama(
        tmp_path / SNAAMA_NAME,
        header=[HEADER[i] for i in order],
        rows=[[row[i] for i in order] for row in ROWS],
    )
    got = read_snaama(path).frame
    want = read_snaama(write_snaama(tmp_path / "ref.xlsx")).frame
    key = ["entity_code", "indicator_code", "year"]
    cols = [*key, "value", "row_number"]
    got = got[cols].sort_values(key).reset_index(drop=True)
    want = want[cols].sort_values(key).reset_index(drop=True)
    pd.testing.assert_frame_equal(got, want)


def test_snaama_without_expected_header(tmp_path):
    path = write_snaama(tmp_path / SNAAMA_NAME, header=["ID", "Country", "Item", 2018, 2019])
    with pytest.raises(SourceFormatError) as info:
        read_snaama(path)
    message = str(info.value)
    assert SNAAMA_NAME in message
    assert "'Download-GDPcurrent-USD-countri'" in message
    assert "CountryID, Country, IndicatorName" in message


def test_snaama_renamed_indicator_column(tmp_path):
    header = ["CountryID", "Country", "Item", 2018, 2019]
    with pytest.raises(SourceFormatError, match=r"'IndicatorName'.*found.*'Item'"):
        read_snaama(write_snaama(tmp_path / SNAAMA_NAME, header=header))


def test_snaama_not_a_workbook_and_empty(tmp_path):
    bad = tmp_path / SNAAMA_NAME
    bad.write_text("CountryID,Country\n")
    with pytest.raises(SourceFormatError, match="not an xlsx workbook"):
        read_snaama(bad)
    bad.write_bytes(b"")
    with pytest.raises(SourceFormatError, match="empty file"):
        read_snaama(bad)


def test_snaama_header_without_rows(tmp_path):
    with pytest.raises(SourceFormatError, match="no data rows"):
        read_snaama(write_snaama(tmp_path / SNAAMA_NAME, rows=[]))


WGI_NAME = "wgidataset.dta"
DIMS = ("va", "pv", "ge", "rq", "rl", "cc")
FIELDS = ("e", "s", "n", "r", "l", "u")


def wgi_frame() -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "code": ["USA", "USA", "ROM"],
            "countryname": ["United States", "United States", "Romania"],
            "year": np.array([2018, 2019, 2019], dtype=np.int16),
        }
    )
    for dim in DIMS:
        for field in FIELDS:
            frame[f"{dim}{field}"] = np.array([np.nan, 0.5, 1.0], dtype=np.float32)
    frame["gee"] = np.array([1.58, 1.482331, np.nan], dtype=np.float32)
    return frame


def test_wgi_long_rows_names_units_and_float32_widening(tmp_path):
    path = tmp_path / WGI_NAME
    wgi_frame().to_stata(path, write_index=False)
    result = get_source("wgi").read([path])
    frame = result.frame.set_index(["indicator_code", "entity_code", "year"])
    gee = frame.loc[("gee", "USA", 2019)]
    assert gee.value == 1.482331  # not 1.4823310375213623
    assert gee.indicator_name == "Government Effectiveness: estimate"
    assert gee.unit == "index (std. normal units)"
    assert gee.row_number == 2
    assert frame.loc[("ger", "ROM", 2019), "unit"] == "percentile rank 0-100"
    assert frame.loc[("ccn", "ROM", 2019), "unit"] == "count"
    # 35 variables x 2 non-missing obs + gee x 2
    assert len(result.frame) == 35 * 2 + 2
    assert result.rows_read == {WGI_NAME: 3}
    assert result.rejected.empty
    assert result.vintages == {WGI_NAME: "2022 update"}


def test_wgi_reordered_variables(tmp_path):
    frame = wgi_frame()
    path = tmp_path / WGI_NAME
    frame[list(reversed(frame.columns))].to_stata(path, write_index=False)
    other = tmp_path / "wgidataset_ref.dta"
    frame.to_stata(other, write_index=False)
    key = ["indicator_code", "entity_code", "year"]
    got = get_source("wgi").read([path]).frame.sort_values(key).reset_index(drop=True)
    want = get_source("wgi").read([other]).frame.sort_values(key).reset_index(drop=True)
    drop = ["file_name", "vintage"]
    pd.testing.assert_frame_equal(got.drop(columns=drop), want.drop(columns=drop))


def test_wgi_missing_variable(tmp_path):
    path = tmp_path / WGI_NAME
    wgi_frame().rename(columns={"gee": "ge_est"}).to_stata(path, write_index=False)
    with pytest.raises(
        SourceFormatError, match=r"wgidataset.dta: missing required variable\(s\) gee"
    ):
        get_source("wgi").read([path])


def test_wgi_not_a_stata_file(tmp_path):
    path = tmp_path / WGI_NAME
    path.write_text("code,countryname,year\nUSA,United States,2019\n")
    with pytest.raises(SourceFormatError, match=r"wgidataset.dta: not a readable Stata .dta file"):
        get_source("wgi").read([path])
