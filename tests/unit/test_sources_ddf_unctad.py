"""open-numbers DDF and UNCTAD Data360 readers on tiny hand-written files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from warehouse.sources import get_source
from warehouse.sources.base import SourceFormatError

FIXTURES = Path(__file__).parent / "fixtures" / "sources"
DDF_FILE = FIXTURES / "ddf--datapoints--bm_gsr_cmcp_zs--by--geo--time.csv"
UNCTAD_FILE = FIXTURES / "UNCTAD_DE.csv"


def test_ddf_rows_codes_units_and_vintage():
    result = get_source("wdi_ddf").read([DDF_FILE])
    frame = result.frame.set_index(["entity_code", "year"])
    assert len(frame) == 3
    chn = frame.loc[("chn", 2019)]
    assert chn.value == pytest.approx(26.17)
    assert chn.indicator_code == "BM.GSR.CMCP.ZS"
    assert chn.unit == "% of service imports"
    assert chn.row_number == 2
    assert chn.vintage == "01a34e8b54d76160a61b0325d74254e22db06b93"
    assert frame.loc[("nld_curacao", 2019), "value"] == 7.0
    assert result.rows_read == {DDF_FILE.name: 4}
    assert result.rejected[["row_number", "column", "raw_value"]].values.tolist() == [
        [5, "bm_gsr_cmcp_zs", "abc"]
    ]


def test_ddf_reordered_columns_and_unknown_file_vintage(tmp_path):
    lines = DDF_FILE.read_text().splitlines()
    swapped = [",".join([c[2], c[1], c[0]]) for c in (line.split(",") for line in lines)]
    path = tmp_path / "ddf--datapoints--bm_gsr_cmcp_zs--by--geo--time.csv"
    path.write_text("\n".join(swapped) + "\n")
    got = get_source("wdi_ddf").read([path]).frame
    want = get_source("wdi_ddf").read([DDF_FILE]).frame
    assert got[["entity_code", "year", "value", "row_number"]].equals(
        want[["entity_code", "year", "value", "row_number"]]
    )
    other = tmp_path / "ddf--datapoints--ny_gdp_pcap_cd--by--geo--time.csv"
    other.write_text("geo,time,ny_gdp_pcap_cd\nusa,2019,65000\n")
    row = get_source("wdi_ddf").read([other]).frame.iloc[0]
    assert (row.indicator_code, row.unit, row.vintage) == (
        "NY.GDP.PCAP.CD",
        "current US$",
        "undated",
    )


def test_ddf_bad_year_is_rejected(tmp_path):
    path = tmp_path / DDF_FILE.name
    path.write_text("geo,time,bm_gsr_cmcp_zs\nchn,19x9,1.5\nchn,2019,2\n")
    result = get_source("wdi_ddf").read([path])
    assert len(result.frame) == 1
    assert result.rejected[["row_number", "column", "raw_value"]].values.tolist() == [
        [2, "time", "19x9"]
    ]


def test_ddf_renamed_indicator_column(tmp_path):
    path = tmp_path / DDF_FILE.name
    path.write_text("geo,time,value\nchn,2019,1.5\n")
    with pytest.raises(SourceFormatError, match=r"missing required column\(s\) 'bm_gsr_cmcp_zs'"):
        get_source("wdi_ddf").read([path])


def test_ddf_truncated_row(tmp_path):
    path = tmp_path / DDF_FILE.name
    path.write_text("geo,time,bm_gsr_cmcp_zs\nchn,2019,1.5\nusa,20")
    with pytest.raises(SourceFormatError, match=r"row 3.*expected 3 fields, found 2"):
        get_source("wdi_ddf").read([path])


def test_ddf_pattern_finds_new_series(tmp_path):
    (tmp_path / "wdi_open_numbers").mkdir()
    name = "ddf--datapoints--bx_gsr_nfsv_cd--by--geo--time.csv"
    shutil.copy(DDF_FILE, tmp_path / "wdi_open_numbers" / name)
    assert [p.name for p in get_source("wdi_ddf").find_files(tmp_path)] == [name]


def test_unctad_values_units_missing_and_rejections():
    result = get_source("unctad_de").read([UNCTAD_FILE])
    frame = result.frame.set_index(["indicator_code", "entity_code", "year"])
    imp = "UNCTAD_DE_DIG_SERVTRADE_ANN_IMP"
    assert frame.loc[(imp, "USA", 2019), "value"] == 311798.0
    assert frame.loc[(imp, "USA", 2019), "unit"] == "US$ millions"
    assert frame.loc[(imp, "DEU", 2019), "value"] == 186214.0
    assert frame.loc[(imp, "DEU", 2019), "row_number"] == 3
    assert frame.loc[("UNCTAD_DE_ICT_CORE_UBS_ANN_ALL_B3", "AUS", 2019), "unit"] == "PT_BS"
    assert len(result.frame) == 3  # AFG is OBS_STATUS=O with empty value: not published
    assert result.rows_read == {UNCTAD_FILE.name: 6}
    assert result.rejected[["row_number", "column", "raw_value"]].values.tolist() == [
        [6, "OBS_VALUE", "n.a."],
        [7, "TIME_PERIOD", "20x9"],
    ]


def test_unctad_reordered_columns(tmp_path):
    lines = [line.split(",") for line in UNCTAD_FILE.read_text().splitlines()]
    path = tmp_path / UNCTAD_FILE.name
    path.write_text("\n".join(",".join(reversed(cells)) for cells in lines) + "\n")
    got = get_source("unctad_de").read([path]).frame
    want = get_source("unctad_de").read([UNCTAD_FILE]).frame
    assert got.drop(columns="file_name").equals(want.drop(columns="file_name"))


def test_unctad_missing_obs_value_column(tmp_path):
    path = tmp_path / UNCTAD_FILE.name
    path.write_text(UNCTAD_FILE.read_text().replace("OBS_VALUE", "VALUE", 1))
    with pytest.raises(SourceFormatError) as info:
        get_source("unctad_de").read([path])
    assert "UNCTAD_DE.csv" in str(info.value)
    assert "'OBS_VALUE'" in str(info.value) and "'VALUE'" in str(info.value)
