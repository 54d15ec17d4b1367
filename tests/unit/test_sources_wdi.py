"""WDI bulk CSV reader (wdi_api and wdi_topic) on tiny hand-written files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from warehouse.sources import get_source
from warehouse.sources.base import LONG_COLUMNS, SourceFormatError, empty_long_frame
from warehouse.sources.wdi_bulk import unit_from_indicator_name

FIXTURES = Path(__file__).parent / "fixtures" / "sources"
API_FILE = FIXTURES / "API_NY.GDP.PCAP.CD_DS2_en_csv_v2_1.csv"
TOPIC_FILE = FIXTURES / "urban-development-raw-2021.csv"


def read_api(*paths: Path):
    return get_source("wdi_api").read(list(paths))


def test_api_file_long_rows_values_and_types():
    result = read_api(API_FILE)
    frame = result.frame
    assert list(frame.columns) == list(LONG_COLUMNS)
    assert frame.dtypes.to_dict() == empty_long_frame().dtypes.to_dict()
    # 2 + 3 + 1 non-empty parseable cells; CHN 2020 and WLD 2018 are blank (not published)
    assert len(frame) == 6
    usa = frame[(frame.entity_code == "USA") & (frame.year == 2019)].iloc[0]
    assert usa.value == pytest.approx(65227.77)
    assert usa.indicator_code == "NY.GDP.PCAP.CD"
    assert usa.indicator_name == "GDP per capita (current US$)"
    assert usa.unit == "current US$"
    assert usa.entity_name == "United States"
    assert usa.vintage == "2026-07-13"
    assert usa.file_name == API_FILE.name
    assert usa.row_number == 7  # 4 preamble lines + header on line 5, CHN line 6
    assert usa.source == "wdi_api"
    assert result.rows_read == {API_FILE.name: 3}
    assert result.vintages == {API_FILE.name: "2026-07-13"}
    assert not frame.value.isna().any()


def test_text_in_numeric_cell_is_rejected_with_row_and_column():
    rejected = read_api(API_FILE).rejected
    assert len(rejected) == 1
    row = rejected.iloc[0]
    assert (row.file_name, row.row_number, row.column, row.raw_value) == (
        API_FILE.name,
        8,
        "2019",
        "abc",
    )
    assert "not a number" in row.reason


def test_topic_file_crlf_units_and_rejection():
    result = get_source("wdi_topic").read([TOPIC_FILE])
    frame = result.frame.set_index(["indicator_code", "year"])
    assert frame.loc[("SP.URB.TOTL.IN.ZS", 2020), "value"] == pytest.approx(61.428)
    assert frame.loc[("SP.URB.TOTL.IN.ZS", 2020), "unit"] == "% of total population"
    assert frame.loc[("IP.PAT.RESD", 2019), "value"] == 1243568
    assert frame.loc[("IP.PAT.RESD", 2019), "unit"] == "count"
    assert frame.loc[("BM.GSR.ROYL.CD", 2019), "unit"] == "current US$"
    assert frame.loc[("SP.URB.TOTL.IN.ZS", 2020), "row_number"] == 6
    assert len(result.frame) == 4
    assert result.rejected[["row_number", "column", "raw_value"]].values.tolist() == [
        [8, "2020", "1.2.3"]
    ]
    assert result.vintages[TOPIC_FILE.name] == "2021-09-15"


@pytest.mark.parametrize(
    ("name", "unit"),
    [
        ("GDP per capita (current US$)", "current US$"),
        (
            "Charges for the use of intellectual property, payments (BoP, current US$)",
            "current US$",
        ),
        ("GDP per capita, PPP (constant 2021 international $)", "constant 2021 international $"),
        ("Population, total", "count"),
        ("Urban population growth (annual %)", "annual %"),
    ],
)
def test_unit_from_indicator_name(name, unit):
    assert unit_from_indicator_name(name) == unit


def _write(tmp_path: Path, text: str | bytes, name: str = API_FILE.name) -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8", newline="")
    return path


def test_reordered_columns_read_identically(tmp_path):
    original = read_api(API_FILE).frame
    text = API_FILE.read_text(encoding="utf-8-sig")
    lines = text.splitlines()
    reordered = []
    for line in lines[4:]:
        cells = pd.read_csv(pd.io.common.StringIO(line), header=None, dtype=str).iloc[0]
        cells = cells.fillna("").tolist()[:7]
        order = [5, 3, 0, 6, 2, 1, 4]  # years and ids shuffled
        reordered.append(",".join(f'"{cells[i]}"' for i in order) + ",")
    path = _write(tmp_path, "\n".join(lines[:4] + reordered) + "\n")
    frame = read_api(path).frame
    key = ["entity_code", "year"]
    got = frame.drop(columns="file_name").sort_values(key).reset_index(drop=True)
    want = original.drop(columns="file_name").sort_values(key).reset_index(drop=True)
    pd.testing.assert_frame_equal(got, want)


def test_empty_file_raises(tmp_path):
    with pytest.raises(SourceFormatError, match=r"API_NY.*empty file \(0 bytes\)"):
        read_api(_write(tmp_path, b""))


def test_header_without_data_rows_raises(tmp_path):
    text = "\n".join(API_FILE.read_text(encoding="utf-8-sig").splitlines()[:5]) + "\n"
    with pytest.raises(SourceFormatError, match="no data rows"):
        read_api(_write(tmp_path, text))


def test_utf16_file_raises_encoding_error(tmp_path):
    data = API_FILE.read_text(encoding="utf-8-sig").encode("utf-16")
    with pytest.raises(SourceFormatError, match=r"not valid UTF-8 at byte 0 \(line 1\).*UTF-16"):
        read_api(_write(tmp_path, data))


def test_cp1252_bytes_raise_encoding_error_with_byte_and_line(tmp_path):
    text = API_FILE.read_text(encoding="utf-8-sig").replace("China", "Côte d'Ivoire")
    data = text.encode("cp1252")
    offset = data.index(b"\xf4")
    with pytest.raises(SourceFormatError) as info:
        read_api(_write(tmp_path, data))
    assert f"not valid UTF-8 at byte {offset} (line 6)" in str(info.value)
    assert API_FILE.name in str(info.value)


def test_truncated_last_record_unterminated_quote(tmp_path):
    text = API_FILE.read_text(encoding="utf-8-sig")
    cut = text[: text.rindex('"10941.6"') + 4]  # ends inside a quoted field
    with pytest.raises(SourceFormatError, match=r"row 8.*truncated"):
        read_api(_write(tmp_path, cut))


def test_truncated_last_record_missing_fields(tmp_path):
    text = API_FILE.read_text(encoding="utf-8-sig")
    cut = text[: text.rindex(',"10941.6"')] + "\n"
    with pytest.raises(SourceFormatError, match=r"row 8.*expected 8 fields, found 6"):
        read_api(_write(tmp_path, cut))


def test_renamed_column_names_missing_and_found(tmp_path):
    text = API_FILE.read_text(encoding="utf-8-sig").replace('"Country Code"', '"Code"')
    with pytest.raises(SourceFormatError) as info:
        read_api(_write(tmp_path, text))
    message = str(info.value)
    assert "missing required column(s) 'Country Code'" in message
    assert "'Code'" in message and "'Country Name'" in message
    assert "\n" not in message


def test_missing_header_raises(tmp_path):
    text = '"Data Source","World Development Indicators",\n"a","b",\n'
    with pytest.raises(SourceFormatError, match="header row 'Country Name"):
        read_api(_write(tmp_path, text))


def test_duplicated_keys_are_kept(tmp_path):
    text = API_FILE.read_text(encoding="utf-8-sig")
    usa = next(line for line in text.splitlines() if line.startswith('"United States"'))
    path = _write(tmp_path, text + usa + "\n")
    frame = read_api(path).frame
    assert len(frame[(frame.entity_code == "USA") & (frame.year == 2019)]) == 2


def test_patterns_find_newer_downloads(tmp_path):
    (tmp_path / "wdi").mkdir()
    shutil.copy(API_FILE, tmp_path / "wdi" / "API_NY.GDP.PCAP.CD_DS2_en_csv_v2_99999.csv")
    shutil.copy(TOPIC_FILE, tmp_path / "wdi" / "urban-development-raw-2026.csv")
    api = get_source("wdi_api").find_files(tmp_path)
    topic = get_source("wdi_topic").find_files(tmp_path)
    assert [p.name for p in api] == ["API_NY.GDP.PCAP.CD_DS2_en_csv_v2_99999.csv"]
    assert [p.name for p in topic] == ["urban-development-raw-2026.csv"]
