"""CEADs provincial CO2 readers: real workbooks (both releases) and generated bad workbooks."""

from __future__ import annotations

import time
from pathlib import Path

import openpyxl
import pytest

from warehouse.sources.base import SourceFormatError
from warehouse.sources.china_ceads import (
    CEADS_PROVINCES,
    CHINA_CEADS,
    CHINA_CEADS_ENERGY,
    CHINA_CEADS_V2022,
    read_ceads_v2022,
    read_emission_file,
)

FUELS = ["Raw_Coal", "Natural_Gas", "Scope_2_Heat", "Scope_2_Electricity", "Process"]
HEADER = ["Emission_Inventory", *FUELS, "Scope_1_Total"]
SECTORS = {"Construction": [1.0, 2.0, 0.0, 0.0, 0.5], "Urban": [3.0, 4.0, 0.0, 0.0, 0.0]}


# --------------------------------------------------------------------------- generated files
def write_ceads(path: Path, year: int = 2019, skip=(), extra=(), bad_cell=None) -> Path:
    """A small CEADs-like workbook: NOTE + one sheet per province (5 fuels, 2 sectors)."""
    book = openpyxl.Workbook()
    book.active.title = "NOTE"
    book.active.append(["Unit/单位", "Mt"])
    stems = [s for c, s in CEADS_PROVINCES.items() if s not in skip] + list(extra)
    for k, stem in enumerate(stems):
        sheet = book.create_sheet(f"{stem}{year}")
        sheet.append(HEADER)
        sheet.append(["unit", *["Mt CO2"] * (len(HEADER) - 1)])
        sheet.append([])
        rows = {lab: [v * (k + 1) for v in vals] for lab, vals in SECTORS.items()}
        total = [sum(col) for col in zip(*rows.values(), strict=True)]
        scope1 = lambda r: r[0] + r[1] + r[4]  # noqa: E731 - fuels + process, no scope 2
        sheet.append(["TotalEmissions", *total, scope1(total)])
        for lab, vals in rows.items():
            sheet.append([lab, *vals, scope1(vals)])
    if bad_cell:
        sheet_name, ref, text = bad_cell
        book[sheet_name][ref] = text
    book.save(path)
    return path


def test_generated_workbook_lands_total_fuels_and_sectors(tmp_path):
    path = write_ceads(tmp_path / "2019年30个省份排放清单.xlsx")
    read, findings = read_emission_file(path, source="china_ceads_v2022", vintage="v")
    frame = read.frame.set_index(["entity_code", "indicator_code"])
    assert findings == []
    assert read.rejected.empty
    assert read.frame["entity_code"].nunique() == 30
    # Shanghai is the 9th province stem -> factor 9; total = (1+3)+(2+4)+0.5 = 10.5 x 9
    assert frame.loc[("CN-SH", "total"), "value"] == pytest.approx(10.5 * 9)
    assert frame.loc[("CN-SH", "total"), "row_number"] == 4
    assert frame.loc[("CN-SH", "fuel:Raw_Coal"), "value"] == pytest.approx(4.0 * 9)
    assert frame.loc[("CN-SH", "sector:Construction"), "value"] == pytest.approx(3.5 * 9)
    assert frame.loc[("CN-NM", "total"), "entity_name"] == "InnerMongolia"
    assert set(frame["unit"]) == {"Mt CO2"}
    assert set(frame["year"]) == {2019}


def test_missing_province_sheet_names_file_and_sheet(tmp_path):
    bad = write_ceads(tmp_path / "2019年30个省份排放清单.xlsx", skip=("Hebei",))
    good = write_ceads(tmp_path / "2018年30个省份排放清单.xlsx", year=2018)
    with pytest.raises(SourceFormatError) as err:
        read_emission_file(bad, source="x", vintage="v")
    assert "2019年30个省份排放清单.xlsx" in str(err.value)
    assert "'Hebei2019'" in str(err.value)
    # isolate_files: the bad file is reported, the good one still lands
    result = read_ceads_v2022([bad, good])
    assert set(result.file_errors) == {bad.name}
    assert "Hebei2019" in result.file_errors[bad.name]
    assert set(result.frame["file_name"]) == {good.name}
    assert len(result.frame) == 30 * (len(HEADER) - 1 + len(SECTORS))
    assert CHINA_CEADS_V2022.isolate_files and CHINA_CEADS.isolate_files


def test_non_numeric_cell_is_rejected_not_landed(tmp_path):
    path = write_ceads(
        tmp_path / "2019年30个省份排放清单.xlsx", bad_cell=("Beijing2019", "B5", "n.a.")
    )
    read, findings = read_emission_file(path, source="x", vintage="v")
    assert read.rejected[
        ["file_name", "row_number", "column", "raw_value", "reason"]
    ].values.tolist() == [[path.name, 5, "Beijing2019!Raw_Coal", "n.a.", "not a number"]]
    assert findings == []  # no additivity check on a sheet with rejected cells
    beijing = read.frame[read.frame["entity_code"] == "CN-BJ"]
    assert "sector:Construction" in set(beijing["indicator_code"])  # Scope_1_Total column
    bad_total = write_ceads(
        tmp_path / "2018年30个省份排放清单.xlsx", 2018, bad_cell=("Beijing2018", "G4", "?")
    )
    read, _ = read_emission_file(bad_total, source="x", vintage="v")
    assert read.rejected["column"].tolist() == ["Beijing2018!Scope_1_Total"]
    beijing = read.frame[read.frame["entity_code"] == "CN-BJ"]
    assert "total" not in set(beijing["indicator_code"])


def test_unknown_province_sheet_names_file_and_sheet(tmp_path):
    path = write_ceads(tmp_path / "2019年30个省份排放清单.xlsx", extra=("Atlantis",))
    with pytest.raises(SourceFormatError) as err:
        read_emission_file(path, source="x", vintage="v")
    assert "2019年30个省份排放清单.xlsx" in str(err.value)
    assert "'Atlantis2019'" in str(err.value)


def test_additivity_finding_when_sectors_do_not_add_up(tmp_path):
    path = write_ceads(tmp_path / "2019年30个省份排放清单.xlsx", bad_cell=("Jilin2019", "C4", 99.0))
    _, findings = read_emission_file(path, source="x", vintage="v")
    checks = {(f.check, f.country, f.column_code) for f in findings}
    assert ("ceads_sector_sum", "CN-JL", "Natural_Gas") in checks
    assert ("ceads_fuel_sum", "CN-JL", "Scope_1_Total") in checks
    assert all(f.severity == "error" for f in findings)


# --------------------------------------------------------------------------- real files
@pytest.fixture(scope="module")
def real(shared_raw):
    out = {}
    for src in (CHINA_CEADS, CHINA_CEADS_V2022, CHINA_CEADS_ENERGY):
        files = src.find_files(shared_raw)
        start = time.perf_counter()
        out[src.name] = (src.read(files), files)
        print(f"{src.name}: {len(files)} workbooks in {time.perf_counter() - start:.2f} s")
    return out


def test_real_releases_cover_30_provinces_without_tibet(real):
    for name, years in (
        ("china_ceads", range(1997, 2020)),
        ("china_ceads_v2022", range(2004, 2023)),
    ):
        result, files = real[name]
        assert len(files) == len(years)
        assert result.file_errors == {} and result.rejected.empty and result.findings == []
        total = result.frame[result.frame["indicator_code"] == "total"]
        assert sorted(total["year"].unique()) == list(years)
        assert total.groupby("year")["entity_code"].nunique().eq(30).all()
        assert "CN-XZ" not in set(result.frame["entity_code"])
        assert result.frame["indicator_code"].nunique() == 69  # total + 21 fuels + 47 sectors
        assert set(result.frame["unit"]) == {"Mt CO2"}
        assert not result.frame.duplicated(list(CHINA_CEADS.grain)).any()


def test_real_total_equals_the_sheet_cell(real, shared_raw):
    """Guangdong 2019 (v2022): cell W4 of sheet Guangdong2019 = Scope_1_Total of TotalEmissions."""
    path = shared_raw / "china/ceads_v2022/emissions/2019年30个省份排放清单.xlsx"
    sheet = openpyxl.load_workbook(path, data_only=True)["Guangdong2019"]
    cells = {ref: sheet[ref].value for ref in ("W1", "A4", "W4")}
    assert cells["W1"] == "Scope_1_Total" and cells["A4"] == "TotalEmissions"
    frame = real["china_ceads_v2022"][0].frame
    row = frame[
        (frame["entity_code"] == "CN-GD")
        & (frame["year"] == 2019)
        & (frame["indicator_code"] == "total")
    ]
    assert row["value"].item() == cells["W4"]
    assert row["row_number"].item() == 4
    print(f"Guangdong 2019 total CO2 (v2022, W4): {cells['W4']:.3f} Mt")


def test_real_releases_differ_by_about_0_3_percent_in_2019(real):
    sums = {}
    for name in ("china_ceads", "china_ceads_v2022"):
        frame = real[name][0].frame
        sums[name] = frame[(frame["indicator_code"] == "total") & (frame["year"] == 2019)][
            "value"
        ].sum()
    diff = sums["china_ceads_v2022"] / sums["china_ceads"] - 1
    print(
        f"2019 national sum: ceads {sums['china_ceads']:.1f}, "
        f"v2022 {sums['china_ceads_v2022']:.1f} Mt; diff {diff:.3%}"
    )
    assert sums["china_ceads"] == pytest.approx(10_864.4, abs=0.1)  # SOURCES.md
    assert 0.002 < diff < 0.005
    # the 2004 totals of both releases agree
    f1, f2 = (real[n][0].frame for n in ("china_ceads", "china_ceads_v2022"))
    s1 = f1[(f1["indicator_code"] == "total") & (f1["year"] == 2004)]["value"].sum()
    s2 = f2[(f2["indicator_code"] == "total") & (f2["year"] == 2004)]["value"].sum()
    assert s1 == pytest.approx(s2, rel=1e-9)


def test_real_energy_inventory_totals(real, shared_raw):
    result, files = real["china_ceads_energy"]
    assert len(files) == 19 and result.file_errors == {} and result.rejected.empty
    frame = result.frame
    assert len(frame) == 30 * 19 * 2 * 20
    assert {"10^4 ton", "10^8 kwh", "10^4 tce", "1010 kj", "10^10 kj"} <= set(frame["unit"])
    path = shared_raw / "china/ceads_v2022/energy/省级能源清单_2019.xlsx"
    sheet = openpyxl.load_workbook(path, read_only=True, data_only=True)["Shanghai2019"]
    raw_coal = next(sheet.iter_rows(min_row=3, max_row=3, max_col=2, values_only=True))
    row = frame[
        (frame["entity_code"] == "CN-SH")
        & (frame["year"] == 2019)
        & (frame["indicator_code"] == "Total Final Consumption|Raw_Coal")
    ]
    assert raw_coal[0] == "Total Final Consumption"
    assert row["value"].item() == pytest.approx(raw_coal[1])
    assert row["unit"].item() == "10^4 ton"
