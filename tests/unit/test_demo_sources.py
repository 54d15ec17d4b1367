"""Every registered source reader finds and reads the demo files without rejected cells."""

from __future__ import annotations

from pathlib import Path

import pytest

from warehouse.demo import generate
from warehouse.sources import SOURCES

#: optional sources the demo does not write: the full WIOT, and China files that no mart reads
#: (GRP vintages of the NBS exports, the older CEADs release, CEADs energy, capital-stock inputs)
NOT_IN_DEMO = {
    "wiod_wiot",
    "china_nbs_exports",
    "china_ceads",
    "china_ceads_energy",
    "china_capital_inputs",
    "china_yearbook",  # user-supplied provincial yearbook tables (generated in its own tests)
}


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("demo_sources") / "raw").out_dir


def test_demo_covers_every_registered_source() -> None:
    assert len(SOURCES) == 28  # the parametrised test below then runs once per source


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_source_reads_demo_files_cleanly(demo_dir: Path, name: str) -> None:
    source = SOURCES[name]
    files = source.find_files(demo_dir)
    if name in NOT_IN_DEMO:  # optional formats users may supply, not needed by the marts
        assert source.optional and not files
        return
    assert files, f"{name} finds no demo file"
    result = source.read(files)
    assert len(result.frame) > 0
    assert len(result.rejected) == 0, result.rejected.head().to_string()
    assert not result.file_errors
    assert not [f for f in result.findings if f.severity == "error"]


def test_demo_dds_categories_sum_to_the_unctad_de_totals(demo_dir: Path) -> None:
    """The six DDS import categories of a country-year add up to its UNCTAD_DE DDS imports."""
    from warehouse.demo.countries import COUNTRIES
    from warehouse.demo.unctad import UNCTADSTAT_CODES

    category = SOURCES["unctad_dds_category"]
    frame = category.read(category.find_files(demo_dir)).frame
    six = frame[frame["indicator_code"].isin([f"S{c}.imports" for c in "FGHIJK"])]
    sums = six.groupby(["entity_code", "year"])["value"].sum()
    totals = SOURCES["unctad_de"].read(SOURCES["unctad_de"].find_files(demo_dir)).frame
    totals = totals[totals["indicator_code"] == "UNCTAD_DE_DIG_SERVTRADE_ANN_IMP"]
    total = totals.set_index(["entity_code", "year"])["value"]
    code = {c.iso3: f"{c.m49:03d}" for c in COUNTRIES if c.m49} | UNCTADSTAT_CODES
    pairs = [(code[iso3], year, value) for (iso3, year), value in total.items() if iso3 in code]
    assert len(pairs) > 900
    for economy, year, value in pairs:
        assert sums[(economy, year)] == pytest.approx(value, abs=0.05), (economy, year)
    assert {"0000", "1400"} <= set(frame["entity_code"])  # World and a group, as published
