"""OECD IOT, NBS IOT and China employment readers on tiny generated .rda files."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyreadr
import pytest
import rdata

from warehouse.sources.base import SourceFormatError
from warehouse.sources.io_registry import IO_COLUMNS, IO_SOURCES
from warehouse.sources.oecd_iot import FINAL_USES, INDUSTRIES, TOTAL_ROWS


def oecd_frame(year: int) -> pd.DataFrame:
    codes = [*INDUSTRIES, *TOTAL_ROWS]
    data = {"Code": codes, "Description": [f"d {c}" for c in codes]}
    for j, c in enumerate((*INDUSTRIES, *FINAL_USES)):
        data[c] = np.arange(len(codes), dtype=float) + 100 * j + year
    data["IMPO"] = -data["IMPO"]
    return plain_text(pd.DataFrame(data))


def plain_text(df: pd.DataFrame) -> pd.DataFrame:
    """Text columns as object arrays: with pyarrow installed pandas 3 backs ``str`` with Arrow,
    which rdata cannot write."""
    return df.astype({c: object for c in df.columns if pd.api.types.is_string_dtype(df[c])})


def write_oecd(path: Path, years=(2013, 2014), edit=None) -> Path:
    tables = {f"OECD21ed_CHN_{y}": oecd_frame(y) for y in years}
    if edit:
        edit(tables)
    rdata.write_rda(path, {"OECD21ed_CHN_1995to2018": tables})
    return path


def nbs_frame(n: int, origin: bool = False) -> pd.DataFrame:
    sectors = [f"{i + 1:03d}" for i in range(n)]
    totals = ["TII", "VA001", "VA002", "VA003", "VA004", "TVA", "TI"]
    codes = [*sectors, *sectors, *totals] if origin else [*sectors, *totals]
    df = pd.DataFrame({"Code": codes, "Description": "x", "DescriptionInChinese": "中"})
    if origin:
        df["Origin"] = ["Domestic"] * n + ["Imports"] * n + ["TOT"] * len(totals)
    for j, c in enumerate([*sectors, "TIU", "FU101", "EX", "IM", "GO"]):
        df[c] = np.arange(len(codes), dtype=float) * 10 + j
    df.loc[len(codes) - 1, "GO"] = np.nan  # not published
    return df


def read(name: str, *paths: Path):
    return IO_SOURCES[name].read(list(paths))


def test_registry():
    assert set(IO_SOURCES) == {"wiod_niot", "wiod_wiot", "oecd_iot", "nbs_iot", "china_employment"}
    for src in IO_SOURCES.values():
        assert src.origin.citation and src.known_defects and src.known_units and src.patterns


def test_oecd_list(tmp_path):
    path = write_oecd(tmp_path / "OECD21ed_CHN_1995to2018.rda")
    result = read("oecd_iot", path)
    f = result.frame
    assert list(f.columns) == list(IO_COLUMNS) and result.rejected.empty
    assert len(f) == 2 * 50 * 54 and result.rows_read == {path.name: 100}
    out = f[(f.year == 2014) & (f.row_code == "OUTPUT") & (f.column_code == "01")]
    assert out[["origin", "value", "row_number", "unit"]].values.tolist() == [
        ["total", 49.0 + 2014, 50, "US$ million"]
    ]
    assert (f[f.column_code == "IMPO"].value < 0).all()


def test_oecd_missing_row(tmp_path):
    def edit(tables):
        tables["OECD21ed_CHN_2014"] = tables["OECD21ed_CHN_2014"].iloc[:-1]

    path = write_oecd(tmp_path / "OECD21ed_CHN_1995to2018.rda", edit=edit)
    with pytest.raises(SourceFormatError, match=r"OECD21ed_CHN_2014: missing row.*OUTPUT"):
        read("oecd_iot", path)


def test_nbs_competitive(tmp_path):
    path = tmp_path / "china_2012_3.rda"
    pyreadr.write_rdata(str(path), nbs_frame(3), df_name="china_2012_3")
    result = read("nbs_iot", path)
    f = result.frame
    assert result.rows_read == {path.name: 10}
    assert len(f) == 10 * 8 - 1  # one NA cell
    assert set(f.origin) == {"total"} and set(f.year) == {2012} and set(f.unit) == {"10,000 CNY"}
    cell = f[(f.row_code == "TVA") & (f.column_code == "002")]
    assert cell[["value", "row_number"]].values.tolist() == [[81.0, 9]]


def test_nbs_with_origin_and_duplicate(tmp_path):
    path = tmp_path / "china_2017_2.rda"
    pyreadr.write_rdata(str(path), nbs_frame(2, origin=True), df_name="china_2017_2")
    f = read("nbs_iot", path).frame
    assert f.groupby("origin", observed=True).size().to_dict() == {
        "domestic": 14,
        "imports": 14,
        "tot": 48,
    }
    bad = nbs_frame(2, origin=True)
    bad.loc[1, "Code"] = "001"
    pyreadr.write_rdata(str(path), bad, df_name="china_2017_2")
    with pytest.raises(SourceFormatError, match="duplicated row code 'domestic/001'") as err:
        read("nbs_iot", path)
    assert err.value.row == 2


def test_nbs_sector_count_from_file_name(tmp_path):
    path = tmp_path / "china_2012_4.rda"
    pyreadr.write_rdata(str(path), nbs_frame(3), df_name="china_2012_4")
    with pytest.raises(SourceFormatError, match="3 sector columns, file name says 4"):
        read("nbs_iot", path)


def test_employment(tmp_path):
    df = pd.DataFrame(
        {
            "Code": ["TOT", "A", "A01"],
            "Description": "x",
            "DescriptionInChinese": "中",
            "1990": [100.0, 60.0, 50.0],
            "1991": [110.0, np.nan, 52.0],
        }
    )
    path = tmp_path / "china_employment.rda"
    pyreadr.write_rdata(str(path), df, df_name="china_employment")
    f = read("china_employment", path).frame
    assert len(f) == 5
    tot = f[f.row_code == "TOT"].sort_values("year")
    assert tot[["year", "value", "column_code", "unit"]].values.tolist() == [
        [1990, 100.0, "EMP", "10,000 persons"],
        [1991, 110.0, "EMP", "10,000 persons"],
    ]
