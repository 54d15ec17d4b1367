"""The source registry: names, declarations and file patterns."""

from __future__ import annotations

from pathlib import Path

import pytest

from warehouse.sources import SOURCES, get_source
from warehouse.sources.base import Source

CONTRACT = {
    "wdi_api": ("wdi_api", "wdi/API_*_DS2_*.csv"),
    "wdi_topic": ("wdi_topic", "wdi/*-raw-*.csv"),
    "wdi_ddf": ("wdi_ddf", "wdi_open_numbers/ddf--datapoints--*--by--geo--time.csv"),
    "unsd_snaama": ("unsd_snaama", "unsd_snaama/Download-GDPcurrent-USD-countries*.xlsx"),
    "unctad_de": ("unctad_de", "unctad/UNCTAD_DE*.csv"),
    "unctad_dds_category": (
        "unctad_dds_category",
        (
            "unctad/US_DigitallyDeliverableServices*.csv",
            "unctad/US.DigitallyDeliverableServices*.csv",
            "unctad/US_TradeServDigital*.csv",
        ),
    ),
    "wgi": ("wgi", "wgi/wgidataset*.dta"),
    "heritage": ("heritage", "heritage/economic_freedom_index*_data.csv"),
    "wb_country_meta": ("wb_country_metadata", "classification/Metadata_Country_*.csv"),
    "un_m49": ("un_m49", "classification/UNSD_M49*.csv"),
}
#: input-output sources (kind "io"): table and patterns
IO_CONTRACT = {
    "wiod_niot": ("wiod_niot", ("io/wiod2016_niot_csv/*_NIOT_nov16*.csv",)),
    "wiod_wiot": (
        "wiod_wiot",
        ("io/wiod2016_wiot/WIOT*_Nov16_ROW*.csv", "io/wiod2016_wiot/WIOT*_Nov16_ROW*.xlsx"),
    ),
    "oecd_iot": ("oecd_iot", ("io/oecd_iot2021_chn/OECD*ed_*.rda",)),
    "nbs_iot": ("nbs_iot", ("io/china_nbs_iot/china_*_*.rda",)),
    "china_employment": ("china_employment", ("sea/china_employment_nbs/china_employment*.rda",)),
}

#: China province files (long, entity = ISO 3166-2:CN), registered after the IO sources
CHINA_CONTRACT = {
    "china_nbs_province": ("china_nbs_province", ("china/nbs_fsnd_2021/prov/*.csv",)),
    "china_nbs_national": ("china_nbs_national", ("china/nbs_fsnd_2021/natl/*.csv",)),
    "china_nbs_exports": ("china_nbs_exports", ("china/nbs/*.csv",)),
    "china_nbs_employment_wages": (
        "china_nbs_employment_wages",
        ("china/nbs_workdata/work_data*.csv",),
    ),
    "china_population": ("china_population", ("china/gcam_china/China_Statistics_Yearbook*.csv",)),
    "china_eps_energy": ("china_eps_energy", None),
    "china_meic": ("china_meic", None),
    "china_ceads_v2022": ("china_ceads_v2022", None),
    "china_ceads": ("china_ceads", None),
    "china_ceads_energy": ("china_ceads_energy", None),
    "china_capital_asset": ("china_capital_asset", None),
    "china_capital_inputs": ("china_capital_inputs", None),
    "china_yearbook": ("china_yearbook", ("china/yearbook/*.xlsx", "china/yearbook/*.csv")),
}
#: sources a user may lack (no files: the raw table stays empty), in registry order
OPTIONAL = [
    "unctad_dds_category",
    "wiod_wiot",
    "china_nbs_exports",
    "china_ceads",
    "china_ceads_energy",
    "china_capital_inputs",
    "china_yearbook",
]


def test_registry_names_order_and_tables():
    assert set(SOURCES) == set(CONTRACT) | set(IO_CONTRACT) | set(CHINA_CONTRACT)
    assert list(SOURCES)[:2] == ["un_m49", "wb_country_meta"]
    assert list(SOURCES)[-len(CHINA_CONTRACT) :] == list(CHINA_CONTRACT)
    n_tail = len(IO_CONTRACT) + len(CHINA_CONTRACT)
    assert list(SOURCES)[-n_tail : -len(CHINA_CONTRACT)] == list(IO_CONTRACT)
    for name, (table, patterns) in CHINA_CONTRACT.items():
        assert SOURCES[name].table == table and SOURCES[name].kind == "long"
        if patterns is not None:
            assert SOURCES[name].patterns == patterns
    expected = {
        n: (t, p if isinstance(p, tuple) else (p,)) for n, (t, p) in CONTRACT.items()
    } | IO_CONTRACT
    for name, (table, patterns) in expected.items():
        source = SOURCES[name]
        assert isinstance(source, Source)
        assert source.name == name
        assert source.table == table
        assert source.patterns == patterns
    assert [n for n, s in SOURCES.items() if s.kind == "io"] == list(IO_CONTRACT)
    assert list(SOURCES).index("unctad_dds_category") == list(SOURCES).index("unctad_de") + 1
    assert [n for n, s in SOURCES.items() if s.optional] == OPTIONAL
    assert [n for n, s in SOURCES.items() if s.isolate_files] == [
        "wiod_niot",
        "china_ceads_v2022",
        "china_ceads",
        "china_ceads_energy",
    ]


@pytest.mark.parametrize("name", list(CONTRACT))
def test_declarations_are_complete(name):
    source = get_source(name)
    assert source.origin.publisher and source.origin.url and source.origin.licence
    assert source.origin.edition and source.origin.citation
    assert source.known_defects
    assert source.min_rows is not None and source.min_rows <= 50
    assert source.max_rows is not None and source.max_rows > source.min_rows
    if source.kind == "long":
        assert source.grain == ("indicator_code", "entity_code", "year")
        assert source.known_units
    else:
        assert source.kind == "dimension"


def test_get_source_unknown_name_lists_known():
    with pytest.raises(KeyError, match=r"unknown source 'nope'.*wdi_api"):
        get_source("nope")


def test_patterns_find_newer_file_names(tmp_path: Path):
    newer = {
        "wdi_api": "wdi/API_NY.GDP.PCAP.CD_DS2_en_csv_v2_99999.csv",
        "wdi_topic": "wdi/science-and-technology-raw-2026.csv",
        "wdi_ddf": "wdi_open_numbers/ddf--datapoints--ny_gdp_pcap_cd--by--geo--time.csv",
        "unsd_snaama": "unsd_snaama/Download-GDPcurrent-USD-countries-2026.xlsx",
        "unctad_de": "unctad/UNCTAD_DE_2026.csv",
        "unctad_dds_category": "unctad/US_DigitallyDeliverableServices_2026.csv",
        "wgi": "wgi/wgidataset_2024.dta",
        "heritage": "heritage/economic_freedom_index2025_data.csv",
        "wb_country_meta": "classification/Metadata_Country_API_SP.POP.TOTL_DS2_en_csv_v2_1.csv",
        "un_m49": "classification/UNSD_M49_2026.csv",
    }
    for rel in newer.values():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    for name, rel in newer.items():
        assert [
            p.relative_to(tmp_path).as_posix() for p in get_source(name).find_files(tmp_path)
        ] == [rel], name


def test_optional_sources_have_an_empty_raw_layout():
    """An optional source without files still gets its raw table (empty, right columns)."""
    from warehouse.landing import _empty_raw_frame
    from warehouse.sources.base import LONG_COLUMNS
    from warehouse.sources.io_registry import IO_COLUMNS
    from warehouse.sources.unctad_dds_category import UNCTAD_DDS_CATEGORY

    assert list(_empty_raw_frame(SOURCES["wiod_wiot"]).columns) == list(IO_COLUMNS)
    assert list(_empty_raw_frame(UNCTAD_DDS_CATEGORY).columns) == list(LONG_COLUMNS)
    with pytest.raises(ValueError, match="must be long or io"):
        _empty_raw_frame(SOURCES["un_m49"])
