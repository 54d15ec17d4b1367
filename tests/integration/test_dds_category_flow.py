"""UNCTADstat DDS by category: raw file -> reader -> gate -> raw table -> dbt -> country_panel.

A tiny ``unctad/US_DigitallyDeliverableServices.csv`` in the UNCTADstat data-centre layout
(written here, not by the demo generator) is landed into the raw fixture warehouse of
tests/fixtures/raw_fixture.py with the real landing code, then dbt builds the panel. The file
holds the fixture's economies under their zero-padded UNCTAD (M49) codes, World (0000), a group
(1400), export rows and unpublished cells; the absent-file case is covered by landing on an
empty raw folder here and by test_dbt_build (the fixture's empty raw table -> NULL columns).
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tests.fixtures.raw_fixture import build_raw_fixture
from tests.integration.test_dbt_build import run_dbt

FILE = "US_DigitallyDeliverableServices.csv"
VALUE = "US$ at current prices in millions"
HEADER = (
    "Year,Economy,Economy Label,Flow,Flow Label,Category,Category Label,"
    f"{VALUE},{VALUE} Footnote,{VALUE} Missing value"
)
LABELS = {
    "SF": "Insurance and pension services",
    "SG": "Financial services",
    "SH": "Charges for the use of intellectual property n.i.e.",
    "SI": '"Telecommunications, computer, and information services"',
    "SJ": "Other business services",
    "SK": '"Personal, cultural, and recreational services"',
    "DDS": "Digitally-deliverable services",
}
COLUMNS = {
    "SF": "dds_imports_insurance_usd",
    "SG": "dds_imports_financial_usd",
    "SH": "dds_imports_ip_charges_usd",
    "SI": "dds_imports_ict_usd",
    "SJ": "dds_imports_other_business_usd",
    "SK": "dds_imports_audiovisual_usd",
}
#: China 2019 imports by category (US$ millions, as published) and their total
CHN_2019 = {"SF": 1234.5, "SG": 2000.25, "SH": 3000.0, "SI": 45678.9, "SJ": 50000.0, "SK": 800.1}
#: (year, economy, label, flow, category, value text, missing-value flag)
ROWS: list[tuple[int, str, str, str, str, str, str]] = [
    (2019, "0000", "World", "01", "SI", "999999.0", ""),
    (2019, "0000", "World", "01", "DDS", "2999999.0", ""),
    *[(2019, "156", "China", "01", c, repr(v), "") for c, v in CHN_2019.items()],
    (2019, "156", "China", "01", "DDS", repr(round(sum(CHN_2019.values()), 2)), ""),
    (2019, "156", "China", "02", "SI", "99999.9", ""),
    (2020, "156", "China", "01", "SI", "", "1"),  # not published
    (2020, "156", "China", "01", "SJ", "", ""),  # not published
    (2020, "156", "China", "01", "SF", "1300.0", ""),
    (2019, "031", "Azerbaijan", "01", "SK", "2.0", ""),
    (2019, "404", "Kenya", "01", "SF", "1.5", ""),
    (2019, "412", "Kosovo", "01", "SG", "3.0", ""),
    (2019, "842", "United States of America", "01", "SI", "100.0", ""),  # UNCTADstat: 842
    (2019, "1400", "Developing economies", "01", "SI", "555.0", ""),
]


def write_category_csv(raw: Path) -> Path:
    """The UNCTADstat bulk layout the reader implements (UTF-8 with BOM, CRLF)."""
    flows = {"01": "Imports", "02": "Exports"}
    lines = [HEADER] + [
        f"{y},{e},{lab},{f},{flows[f]},{c},{LABELS[c]},{v},,{flag}"
        for y, e, lab, f, c, v, flag in ROWS
    ]
    path = raw / "unctad" / FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8"))
    return path


def land(db: Path, raw: Path):
    """Plan, read, gate and land the one source, as `convergence ingest` does per source."""
    from warehouse import landing
    from warehouse.db import writer
    from warehouse.sources import SOURCES

    source = SOURCES["unctad_dds_category"]
    with writer(db) as con:
        plan = landing.plan_source(con, source, raw)
        batch = landing.read_and_check(plan)
        return landing.land_batch(con, batch, landing.new_run_id())


@pytest.fixture(scope="module")
def flow_db(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("dds_category_flow")
    db = work / "warehouse.duckdb"
    build_raw_fixture(db)
    write_category_csv(work / "raw")
    outcome = land(db, work / "raw")
    assert outcome.status == "landed", outcome.failure_lines
    # 19 published cells; the two empty ones are not rows
    assert outcome.rows_landed == len(ROWS) - 2
    # unit tests run in test_dbt_build; here the models and data tests up to the panel
    result = run_dbt(
        db,
        work,
        "build",
        "--select",
        "+country_panel",
        "+dim_countries",
        "--exclude",
        "test_type:unit",
    )
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]
    return db


def query(db: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_raw_table_holds_the_file_as_published(flow_db: Path) -> None:
    [(n, unit, codes)] = query(
        flow_db,
        "select count(*), any_value(unit), list_sort(list_distinct(list(entity_code))) "
        "from raw.unctad_dds_category",
    )
    assert (n, unit) == (len(ROWS) - 2, "US$ millions")
    assert codes == ["0000", "031", "1400", "156", "404", "412", "842"]


def test_china_2019_categories_are_the_file_values_times_1e6(flow_db: Path) -> None:
    cols = ", ".join(COLUMNS.values())
    [row] = query(
        flow_db, f"select {cols} from marts.country_panel where iso3 = 'CHN' and year = 2019"
    )
    assert row == tuple(pytest.approx(CHN_2019[c] * 1e6, rel=1e-12) for c in COLUMNS)
    assert row[list(COLUMNS).index("SI")] == pytest.approx(45_678_900_000.0, rel=1e-12)
    # the DDS total still comes from UNCTAD_DE (fixture: 125,000 US$ m)
    [(total,)] = query(
        flow_db,
        "select dds_imports_usd from marts.country_panel where iso3 = 'CHN' and year = 2019",
    )
    assert total == pytest.approx(125_000e6)


def test_zero_padded_m49_codes_map_like_other_m49_sources(flow_db: Path) -> None:
    got = dict(
        query(
            flow_db,
            "select iso3, list(publisher_entity_code) "
            "from intermediate.int_country_observations_unioned "
            "where source = 'unctad_dds_category' group by iso3",
        )
    )
    assert {k: sorted(v) for k, v in got.items()} == {
        "CHN": ["156"] * 7,  # six 2019 categories + SF 2020
        "AZE": ["031"],
        "KEN": ["404"],
        "XKX": ["412"],  # Kosovo: the m49 family's 412, as for SNAAMA
        "USA": ["842"],  # UNCTADstat's code, not M49 840
    }
    [row] = query(
        flow_db,
        "select dds_imports_audiovisual_usd, dds_imports_insurance_usd, "
        "dds_imports_financial_usd, dds_imports_ict_usd from marts.country_panel "
        "where year = 2019 and iso3 in ('AZE') ",
    )
    assert row == (pytest.approx(2e6), None, None, None)
    values = dict(
        query(
            flow_db,
            "select iso3, coalesce(dds_imports_insurance_usd, dds_imports_financial_usd, "
            "dds_imports_ict_usd) from marts.country_panel "
            "where year = 2019 and iso3 in ('KEN', 'XKX', 'USA')",
        )
    )
    assert values == {
        "KEN": pytest.approx(1.5e6),
        "XKX": pytest.approx(3e6),
        "USA": pytest.approx(100e6),
    }


def test_world_groups_exports_and_unpublished_cells_stay_out(flow_db: Path) -> None:
    unioned = query(
        flow_db,
        "select count(*) filter (where publisher_entity_code in ('0000', '1400')), "
        "count(*) filter (where publisher_indicator_code not like '%.imports'), "
        "count(*) filter (where publisher_indicator_code like 'DDS.%') "
        "from intermediate.int_country_observations_unioned "
        "where source = 'unctad_dds_category'",
    )
    assert unioned == [(0, 0, 0)]
    iso3 = {r[0] for r in query(flow_db, "select distinct iso3 from marts.country_panel")}
    assert iso3 == {"CHN", "USA", "KEN", "AZE", "XKX"}
    [chn_2020] = query(
        flow_db,
        "select dds_imports_ict_usd, dds_imports_other_business_usd, dds_imports_insurance_usd "
        "from marts.country_panel where iso3 = 'CHN' and year = 2020",
    )
    assert chn_2020 == (None, None, pytest.approx(1300e6))
    # a country-year the file does not cover is NULL
    [usa_2018] = query(
        flow_db,
        "select dds_imports_ict_usd from marts.country_panel where iso3 = 'USA' and year = 2018",
    )
    assert usa_2018 == (None,)


def test_selected_values_keep_their_provenance(flow_db: Path) -> None:
    rows = query(
        flow_db,
        "select distinct variable, source, publisher_indicator_code, file_name "
        "from intermediate.int_country_years_selected where source = 'unctad_dds_category'",
    )
    assert {r[0]: r[2] for r in rows} == {v: f"{c}.imports" for c, v in COLUMNS.items()}
    assert {r[3] for r in rows} == {FILE}


def test_absent_file_lands_an_empty_table(tmp_path: Path) -> None:
    db = tmp_path / "wh.duckdb"
    (tmp_path / "raw").mkdir()
    outcome = land(db, tmp_path / "raw")
    assert outcome.status == "absent"
    [(n,)] = query(db, "select count(*) from raw.unctad_dds_category")
    assert n == 0
    [(status,)] = query(db, "select status from meta.load_log where source = 'unctad_dds_category'")
    assert status == "absent"
