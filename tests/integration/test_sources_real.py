"""Every source reads the real published files (../shared/data/raw) with the expected values."""

from __future__ import annotations

import os
import time
from functools import cache
from pathlib import Path

import pytest

from warehouse.sources import SOURCES, get_source
from warehouse.sources.base import ReadResult

pytestmark = pytest.mark.integration

RAW = Path(
    os.environ.get("CONVERGENCE_SHARED_RAW")
    or Path(__file__).resolve().parents[2].parent / "shared" / "data" / "raw"
)
if not RAW.is_dir():
    pytest.skip(f"real raw files not found at {RAW}", allow_module_level=True)

#: rejected cells expected on the real files (all explained in the source's known_defects)
#: (Heritage's annotated macro cells such as "38,000 ppl." sit in columns that are not read)
EXPECTED_REJECTED: dict[str, int] = {}


@cache
def read(name: str) -> tuple[ReadResult, float]:
    source = get_source(name)
    files = source.find_files(RAW)
    if not files:
        pytest.skip(f"no files for {name} under {RAW}")
    start = time.perf_counter()
    result = source.read(files)
    return result, time.perf_counter() - start


def value(name: str, indicator: str, entity: str, year: int) -> float:
    frame = read(name)[0].frame
    hit = frame[
        (frame.indicator_code == indicator) & (frame.entity_code == entity) & (frame.year == year)
    ]
    assert len(hit) == 1, (name, indicator, entity, year, len(hit))
    return float(hit.value.iloc[0])


@pytest.mark.parametrize("name", list(SOURCES))
def test_reads_within_bounds_with_known_rejections(name):
    source = get_source(name)
    result, seconds = read(name)
    assert (source.min_rows or 0) <= len(result.frame) <= (source.max_rows or len(result.frame))
    assert len(result.rejected) == EXPECTED_REJECTED.get(name, 0)
    assert set(result.rows_read) == {p.name for p in source.find_files(RAW)}
    print(f"{name}: {len(result.frame):,} rows in {seconds:.1f} s")  # timings: bench/, not asserted
    if source.kind == "long":
        assert set(result.frame.unit.unique()) <= set(source.known_units)
        assert not result.frame.value.isna().any()
        assert (result.frame.row_number >= 1).all()


def test_snaama_china_manufacturing_2019():
    assert value("unsd_snaama", "Manufacturing (ISIC D)", "156", 2019) == pytest.approx(
        3.813e12, rel=1e-3
    )
    assert value("unsd_snaama", "Manufacturing (ISIC D)", "840", 2019) == pytest.approx(
        2.269e12, rel=1e-3
    )


def test_wdi_api_spot_checks():
    assert value("wdi_api", "NY.GDP.PCAP.CD", "USA", 2019) == pytest.approx(65228, rel=1e-3)
    assert value("wdi_api", "IP.PAT.RESD", "CHN", 2019) == 1_243_568
    frame = read("wdi_api")[0].frame
    assert frame.loc[frame.indicator_code == "SP.POP.TOTL", "vintage"].unique().tolist() == [
        "2024-05-30"
    ]
    assert {"WLD", "XKX", "CHI"} <= set(frame.entity_code)


def test_wdi_topic_spot_checks():
    assert value("wdi_topic", "SP.URB.TOTL.IN.ZS", "CHN", 2020) == pytest.approx(61.4, abs=0.05)
    assert value("wdi_topic", "IP.PAT.RESD", "CHN", 2019) == 1_243_568
    assert value("wdi_topic", "BM.GSR.ROYL.CD", "CHN", 2019) == pytest.approx(34.4e9, rel=2e-3)


def test_unctad_dds_imports_2019():
    imp = "UNCTAD_DE_DIG_SERVTRADE_ANN_IMP"
    assert value("unctad_de", imp, "USA", 2019) == 311_798
    assert value("unctad_de", imp, "DEU", 2019) == 186_214
    assert value("unctad_de", imp, "CHN", 2019) == 123_512
    frame = read("unctad_de")[0].frame
    assert set(frame.loc[frame.indicator_code == imp, "unit"]) == {"US$ millions"}


def test_wgi_spot_checks():
    assert value("wgi", "gee", "USA", 2019) == pytest.approx(1.48, abs=0.01)
    years = set(read("wgi")[0].frame.year)
    assert {1997, 1999, 2001}.isdisjoint(years)
    assert min(years) == 1996 and max(years) == 2021


def test_ddf_spot_checks_and_known_defects():
    assert value("wdi_ddf", "BM.GSR.NFSV.CD", "usa", 2019) == pytest.approx(6.010e11, rel=1e-3)
    assert value("wdi_ddf", "BM.GSR.CMCP.ZS", "chn", 2019) == pytest.approx(26.17, abs=0.01)
    frame = read("wdi_ddf")[0].frame
    gfcf = frame[frame.indicator_code == "NE.GDI.FTOT.ZS"]
    zeros = gfcf[gfcf.value == 0]
    assert (zeros.entity_code == "ury").sum() == 10  # placeholder zeros kept as published
    ken = frame[(frame.indicator_code == "BM.GSR.CMCP.ZS") & (frame.entity_code == "ken")]
    by_year = ken.set_index("year").value
    assert [by_year[y] for y in range(2000, 2004)] == [by_year[y] for y in range(1993, 1997)]


def test_heritage_2019_cross_section():
    assert 0 < value("heritage", "2019 Score", "China", 2019) <= 100
    result = read("heritage")[0]
    frame = result.frame
    assert set(frame.year) == {2019}
    assert frame.entity_code.nunique() == 186
    assert {"Côte d'Ivoire", "Taiwan", "Korea, North"} <= set(frame.entity_code)
    assert set(result.encodings.values()) == {"utf-8"}
    assert not frame.indicator_code.str.endswith(" ").any()


def test_m49_developed_developing():
    frame = read("un_m49")[0].frame
    assert len(frame) == 249  # 248 classified + Antarctica
    assert frame.developed_developing.isin(["Developed", "Developing"]).sum() == 248
    assert not frame.m49_code.duplicated().any()
    china = frame[frame.iso_alpha3_code == "CHN"].iloc[0]
    assert china.m49_code == "156" and china.developed_developing == "Developing"


def test_wb_metadata_fy2026_has_217_economies_with_region():
    frame = read("wb_country_meta")[0].frame
    for vintage in ("2026-01", "2021-09"):
        part = frame[frame.vintage == vintage]
        assert part.region.notna().sum() == 217
    fy26 = frame[frame.vintage == "2026-01"]
    assert fy26.income_group.value_counts().to_dict() == {
        "High income": 86,
        "Upper middle income": 54,
        "Lower middle income": 50,
        "Low income": 25,
    }
