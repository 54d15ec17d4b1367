"""dbt build of dbt_project/ against the tiny raw fixture, with hand-computed mart values.

dbt runs in a subprocess (dbtRunner keeps DuckDB file locks in-process, dbt-core#11980);
the fixture values and the hand computations are documented in tests/fixtures/raw_fixture.py.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.fixtures.raw_fixture import build_raw_fixture

REPO = Path(__file__).resolve().parents[2]
PROJECT = REPO / "dbt_project"

RUNNER = """
import sys
from dbt.cli.main import dbtRunner
res = dbtRunner().invoke(sys.argv[1:])
sys.exit(0 if res.success else 1)
"""


def run_dbt(db_path: Path, work: Path, *args: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "CONVERGENCE_DB": str(db_path),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "DO_NOT_TRACK": "1",
        "DBT_TARGET_PATH": str(work / "target"),
        "DBT_LOG_PATH": str(work / "logs"),
    }
    return subprocess.run(
        [
            sys.executable,
            "-c",
            RUNNER,
            *args,
            "--project-dir",
            str(PROJECT),
            "--profiles-dir",
            str(PROJECT),
        ],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def built_db(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("dbt_build")
    db_path = work / "warehouse.duckdb"
    build_raw_fixture(db_path)
    result = run_dbt(db_path, work, "build")
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]
    return db_path


def one(db: Path, sql: str):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchone()


def test_build_creates_the_marts_with_one_row_per_country_year(built_db: Path) -> None:
    n, n_iso3, first, last = one(
        built_db,
        "select count(*), count(distinct iso3), min(year), max(year) from marts.country_panel",
    )
    # CHN, USA, KEN, AZE, XKX × 2000..2021 (last year with data in the fixture)
    assert (n_iso3, first, last) == (5, 2000, 2021)
    assert n == 5 * 22
    assert one(built_db, "select count(*) from marts.dim_indicators")[0] == 32


DDS_CATEGORY_COLUMNS = (
    "dds_imports_insurance_usd",
    "dds_imports_financial_usd",
    "dds_imports_ip_charges_usd",
    "dds_imports_ict_usd",
    "dds_imports_other_business_usd",
    "dds_imports_audiovisual_usd",
)


def test_dds_category_columns_exist_and_are_null_without_the_file(built_db: Path) -> None:
    """The optional UNCTADstat DDS-by-category file is absent from the fixture (empty raw table)."""
    counts = one(
        built_db,
        "select "
        + ", ".join(f"count({c})" for c in DDS_CATEGORY_COLUMNS)
        + " from marts.country_panel",
    )
    assert counts == (0,) * len(DDS_CATEGORY_COLUMNS)
    with duckdb.connect(str(built_db), read_only=True) as con:
        columns = [r[0] for r in con.execute("describe marts.country_panel").fetchall()]
    at = columns.index("dds_exports_usd")
    assert tuple(columns[at + 1 : at + 7]) == DDS_CATEGORY_COLUMNS


def test_aggregates_are_absent(built_db: Path) -> None:
    assert one(built_db, "select count(*) from marts.country_panel where iso3 = 'WLD'")[0] == 0
    assert one(built_db, "select count(*) from marts.dim_countries where iso3 = 'WLD'")[0] == 0
    # the former USSR (SNAAMA 810) is mapped to NULL and dropped
    assert (
        one(
            built_db,
            "select count(*) from intermediate.int_country_observations_unioned "
            "where publisher_entity_code = '810'",
        )[0]
        == 0
    )


def test_dds_share_and_its_flag(built_db: Path) -> None:
    chn = one(
        built_db,
        "select dds_share_of_service_imports_pct, dds_imports_usd, is_flagged "
        "from marts.country_panel where iso3 = 'CHN' and year = 2019",
    )
    assert chn[0] == pytest.approx(100 * 125_000e6 / 500e9)  # 25.0
    assert chn[1] == pytest.approx(125_000e6)
    assert chn[2] is False
    usa = one(
        built_db,
        "select dds_share_of_service_imports_pct, is_flagged, flag_reason "
        "from marts.country_panel where iso3 = 'USA' and year = 2019",
    )
    assert usa[0] == pytest.approx(100 * 700_000e6 / 600e9)  # 116.67
    assert usa[1] is True
    assert "DDS share of service imports > 100" in usa[2]


def test_source_wins_rule_and_fallbacks(built_db: Path) -> None:
    rows = {
        (r[0], r[1]): r[2:]
        for r in duckdb.connect(str(built_db), read_only=True)
        .execute(
            "select iso3, year, mva_usd, mva_usd_source, rd_pct_gdp, rd_pct_gdp_source, "
            "gfcf_pct_gdp, gfcf_pct_gdp_source from marts.country_panel "
            "where iso3 in ('CHN', 'USA') and year in (2019, 2020, 2021)"
        )
        .fetchall()
    }
    # primary present -> primary (SNAAMA 3.813e12, not WDI 3.823e12)
    assert rows[("CHN", 2019)][0:2] == (pytest.approx(3.813e12), "unsd_snaama")
    # primary missing -> fallback
    assert rows[("CHN", 2021)][0:2] == (pytest.approx(4.5e12), "wdi_ddf")
    assert rows[("CHN", 2020)][2:4] == (pytest.approx(2.40), "wdi_topic")
    assert rows[("CHN", 2019)][2:4] == (pytest.approx(2.23), "wdi_api")
    # GFCF ratio from SNAAMA, ddf fallback, placeholder zero -> NULL
    assert rows[("CHN", 2019)][4] == pytest.approx(100 * 6.1e12 / 14.3e12)
    assert rows[("CHN", 2021)][4:6] == (pytest.approx(43.0), "wdi_ddf")
    assert rows[("USA", 2021)][4:6] == (None, None)
    # both missing -> NULL (no SNAAMA or WDI manufacturing for the USA in 2021)
    assert rows[("USA", 2021)][0:2] == (None, None)
    reason = one(
        built_db, "select flag_reason from marts.country_panel where iso3 = 'USA' and year = 2021"
    )[0]
    assert "placeholder zero" in reason


def test_kosovo_harmonised_from_every_publisher_code(built_db: Path) -> None:
    codes = {
        r[0]: r[1]
        for r in duckdb.connect(str(built_db), read_only=True)
        .execute(
            "select source, list_distinct(list(publisher_entity_code)) "
            "from intermediate.int_country_observations_unioned where iso3 = 'XKX' group by source"
        )
        .fetchall()
    }
    assert codes == {
        "wdi_api": ["XKX"],
        "wdi_topic": ["XKX"],
        "wdi_ddf": ["kos"],
        "unsd_snaama": ["412"],
        "unctad_de": ["XKX"],
        "wgi": ["KSV"],
        "heritage": ["Kosovo"],
    }
    xkx = one(
        built_db,
        "select gdp_usd, service_imports_usd, dds_imports_usd, wgi_rule_of_law, "
        "economic_freedom_2019, is_developed from marts.country_panel "
        "where iso3 = 'XKX' and year = 2005",
    )
    # 2005: no time-varying data, but the time-invariant Heritage score is repeated
    assert xkx == (None, None, None, None, pytest.approx(67.0), None)
    dim = one(
        built_db,
        "select is_iso3166, is_developed, income_group from marts.dim_countries where iso3 = 'XKX'",
    )
    assert dim == (False, None, "Upper middle income")


def test_known_defects_and_out_of_range_shares_are_flagged(built_db: Path) -> None:
    ken = one(
        built_db,
        "select is_flagged, flag_reason, ict_share_of_service_imports_pct "
        "from marts.country_panel where iso3 = 'KEN' and year = 2001",
    )
    assert ken[0] is True and "Kenya" in ken[1]
    assert ken[2] == pytest.approx(34.84903)  # kept as published, only flagged
    aze = one(
        built_db,
        "select is_flagged, flag_reason from marts.country_panel "
        "where iso3 = 'AZE' and year = 2014",
    )
    assert aze[0] is True and "ICT share of service imports outside 0-100" in aze[1]
    assert (
        one(
            built_db,
            "select is_flagged from marts.country_panel where iso3 = 'AZE' and year = 2015",
        )[0]
        is False
    )


def test_dim_indicators_vintage_and_licence(built_db: Path) -> None:
    row = one(
        built_db,
        "select vintage, licence, unit from marts.dim_indicators where variable = 'mva_usd'",
    )
    assert row[0] == (
        "unsd_snaama Manufacturing (ISIC D): 2025-12; wdi_ddf NV.IND.MANF.CD: 00185452"
    )
    assert "unsd_snaama: UN terms (attribution)" in row[1]
    assert row[2] == "current US$"


def test_docs_generate(built_db: Path, tmp_path: Path) -> None:
    result = run_dbt(built_db, tmp_path, "docs", "generate")
    assert result.returncode == 0, result.stdout[-3000:]
    assert (tmp_path / "target" / "catalog.json").exists()
