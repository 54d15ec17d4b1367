"""IO source readers on the real published files (../shared/data/raw/io, sea)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from analysis.io.groups import MANUFACTURING
from warehouse.sources.io_registry import IO_SOURCES
from warehouse.sources.wiod import INDUSTRIES, KNOWN_ZERO_OUTPUT, check_identities

pytestmark = pytest.mark.integration

RAW = Path(
    os.environ.get(
        "CONVERGENCE_SHARED_RAW", Path(__file__).resolve().parents[2].parent / "shared/data/raw"
    )
)

#: va_block breaks beyond the rounding bound (4) in the published CSVs: (country, year) -> codes
VA_BLOCK_BREAKS = {
    ("BGR", 2014): {"R_S"},
    ("ROU", 2014): {"R_S"},
    ("LUX", 2014): {"H50", "H51", "H52", "H53"},
    ("MLT", 2002): {"K66"},
    ("MLT", 2003): {"K66"},
    ("MLT", 2010): {"H49", "H52"},
}


def files(name: str) -> list[Path]:
    found = IO_SOURCES[name].find_files(RAW)
    if not found:
        pytest.skip(f"no {name} files under {RAW}")
    return found


@pytest.fixture(scope="module")
def niot():
    paths = files("wiod_niot")
    start = time.perf_counter()
    result = IO_SOURCES["wiod_niot"].read(paths)
    print(f"\n43 NIOT files read in {time.perf_counter() - start:.1f} s")
    return paths, result


def test_niot_structure(niot):
    paths, result = niot
    f = result.frame
    assert len(paths) == 43 and result.rejected.empty
    assert set(result.rows_read.values()) == {1800}
    assert len(f) == 43 * 15 * 120 * 63
    rows = f.groupby(["file_name", "year", "origin"], observed=True)["row_code"].nunique()
    assert len(rows) == 43 * 15 * 3
    per_origin = rows.groupby(level="origin", observed=True).agg(lambda s: set(s.tolist()))
    assert per_origin.to_dict() == {"domestic": {56}, "imports": {56}, "tot": {8}}


def test_niot_values(niot):
    f = niot[1].frame
    y14 = f[f.year == 2014]
    go = y14[(y14.origin == "tot") & (y14.row_code == "GO")].groupby("country", observed=True)
    total_go = go["value"].sum()
    assert total_go["CHN"] == 31_745_104 and total_go["USA"] == 30_971_024
    chn = y14[y14.country == "CHN"]
    imp = chn[(chn.origin == "imports") & chn.column_code.isin(INDUSTRIES)]
    assert imp.value.sum() == 1_374_480
    manuf = chn[
        (chn.origin == "tot") & (chn.row_code == "GO") & chn.column_code.isin(MANUFACTURING)
    ]
    assert manuf.value.sum() == 15_869_407


def test_niot_identities(niot):
    start = time.perf_counter()
    problems = check_identities(niot[1].frame)
    print(f"identities checked in {time.perf_counter() - start:.1f} s")
    # within the rounding bound everywhere, except the publisher's known breaks
    assert [p for p in problems if p.severity == "error"] == []
    assert sorted(problems, key=str) == sorted(niot[1].findings, key=str)  # reader = frame check
    va = {}
    for p in problems:
        if p.check == "va_block":
            assert p.severity == "known" and p.reason
            va.setdefault((p.country, p.year), set()).add(p.column_code)
    assert va == VA_BLOCK_BREAKS
    zero = [p for p in problems if p.check == "zero_output"]
    known = [p for p in zero if p.severity == "known"]
    assert {p.column_code for p in known} == set(KNOWN_ZERO_OUTPUT["CHN"])
    assert len(known) == 15 * len(KNOWN_ZERO_OUTPUT["CHN"])


def test_oecd_output():
    result = IO_SOURCES["oecd_iot"].read(files("oecd_iot"))
    f = result.frame
    assert result.rejected.empty and len(f) == 24 * 50 * 54
    out = f[(f.year == 2014) & (f.row_code == "OUTPUT")]
    assert round(out.value.sum()) == 28_981_682


def test_nbs_tables():
    result = IO_SOURCES["nbs_iot"].read(files("nbs_iot"))
    assert result.rejected.empty and len(result.rows_read) == 12
    t = result.frame[result.frame.file_name == "china_2012_139.rda"]
    assert (t.row_code.nunique(), t.column_code.nunique()) == (146, 152)  # 146 × 155 with text
    assert len(t) == 146 * 152 - 72  # 72 NA cells
    ti = t[(t.row_code == "TI") & (t.column_code == "001")].value.iloc[0]
    go = t[(t.row_code == "001") & (t.column_code == "GO")].value.iloc[0]
    assert ti == pytest.approx(go) == pytest.approx(469_404_579.66)


def test_employment():
    result = IO_SOURCES["china_employment"].read(files("china_employment"))
    f = result.frame
    assert result.rows_read == {"china_employment.rda": 115}
    tot = f[f.row_code == "TOT"]
    assert sorted(tot.year) == list(range(1990, 2019))
    assert tot[tot.year == 2014].value.iloc[0] == 77_253
