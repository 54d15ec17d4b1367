"""UN M49 and WB country metadata (dimension) readers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from warehouse.sources import get_source
from warehouse.sources.base import PROVENANCE_COLUMNS, SourceFormatError

FIXTURES = Path(__file__).parent / "fixtures" / "sources"
M49_FILE = FIXTURES / "UNSD_M49_Methodology.csv"
WB_FILE = FIXTURES / "Metadata_Country_API_IP.PAT.RESD_DS2_en_csv_v2_226.csv"


def test_m49_columns_codes_flags_and_provenance():
    result = get_source("un_m49").read([M49_FILE])
    frame = result.frame.set_index("m49_code")
    assert list(result.frame.columns[-4:]) == list(PROVENANCE_COLUMNS)
    assert list(frame.index) == ["12", "108", "344", "10", "680"]
    assert frame.loc["12", "global_code"] == "1"
    assert frame.loc["12", "iso_alpha3_code"] == "DZA"
    assert frame.loc["108", "is_ldc"] and frame.loc["108", "is_lldc"]
    assert not frame.loc["108", "is_sids"]
    assert frame.loc["344", "country_or_area"] == "China, Hong Kong Special Administrative Region"
    assert pd.isna(frame.loc["10", "developed_developing"])  # Antarctica
    assert pd.isna(frame.loc["680", "iso_alpha3_code"])  # Sark
    assert frame.loc["680", "row_number"] == 6
    assert frame.loc["680", "vintage"] == "2025-12-05"
    assert result.rejected.empty


def test_m49_bad_flag_is_rejected(tmp_path):
    path = tmp_path / M49_FILE.name
    path.write_text(M49_FILE.read_text(encoding="utf-8-sig").replace("BDI,x,x", "BDI,yes,x"))
    result = get_source("un_m49").read([path])
    assert result.rejected[["row_number", "column", "raw_value"]].values.tolist() == [
        [3, "is_ldc", "yes"]
    ]


def test_m49_missing_column(tmp_path):
    path = tmp_path / M49_FILE.name
    path.write_text(M49_FILE.read_text(encoding="utf-8-sig").replace("M49 Code", "M49"))
    with pytest.raises(SourceFormatError, match=r"UNSD_M49_Methodology.csv.*'M49 Code'"):
        get_source("un_m49").read([path])


def test_wb_metadata_multiline_notes_vintage_and_rows():
    result = get_source("wb_country_meta").read([WB_FILE])
    frame = result.frame.set_index("country_code")
    assert frame.loc["AFG", "region"] == "Middle East & North Africa"
    assert frame.loc["AFG", "special_notes"] == "Fiscal year end: March 20.\n\nSecond paragraph."
    assert frame.loc["AFG", "row_number"] == 3
    assert frame.loc["WLD", "row_number"] == 6  # AFG's notes span lines 3-5
    assert pd.isna(frame.loc["WLD", "region"])
    assert frame.loc["ABW", "vintage"] == "2026-01"
    assert result.rows_read == {WB_FILE.name: 3}


def test_wb_metadata_unknown_file_is_undated(tmp_path):
    (tmp_path / "classification").mkdir()
    target = tmp_path / "classification" / "Metadata_Country_API_NY.GDP.PCAP.CD_DS2_en_csv_v2_9.csv"
    shutil.copy(WB_FILE, target)
    source = get_source("wb_country_meta")
    files = source.find_files(tmp_path)
    assert files == [target]
    assert set(source.read(files).frame.vintage) == {"undated"}


def test_wb_metadata_reordered_columns(tmp_path):
    text = WB_FILE.read_text(encoding="utf-8-sig")
    text = text.replace('"Country Code","Region"', '"Region","Country Code"', 1)
    text = text.replace('"ABW","Latin America & Caribbean"', '"Latin America & Caribbean","ABW"')
    text = text.replace('"AFG","Middle East & North Africa"', '"Middle East & North Africa","AFG"')
    text = text.replace('"WLD","",', '"","WLD",')
    path = tmp_path / WB_FILE.name
    path.write_text(text, newline="")
    got = get_source("wb_country_meta").read([path]).frame
    want = get_source("wb_country_meta").read([WB_FILE]).frame
    assert got.equals(want)
