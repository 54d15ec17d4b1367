"""dbt build of marts.province_panel on the raw fixture's two-province China data.

Hand values (tests/fixtures/raw_fixture.py): Guangdong GRP 100, 110, 125 (2000-2002) with GRP
indices 108 and 110; Tibet 10, 11, 12 with 105 and 104; industry VA 40 % of GRP; transport,
trade, finance and real estate 5, 10, 6 and 4 %; investment 30, 33, 36 with the price index
2.0, 2.1, 2.2; EPS energy and CEADs CO2 for Guangdong only (as in the real files).
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tests.fixtures.raw_fixture import build_raw_fixture
from warehouse.settings import Settings
from warehouse.transform import run_dbt

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def china_db(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("dbt_china")
    db_path = work / "warehouse.duckdb"
    build_raw_fixture(db_path)
    settings = Settings(db_path=db_path, report_dir=work / "report", build_dir=work / "build")
    result = run_dbt(
        settings,
        "build",
        "--select",
        "+province_panel",
        "int_province_convergence_indicators",
        "int_province_sector_employment",
        "--exclude",
        "test_type:unit",
        "--indirect-selection",
        "cautious",
    )
    failures = [(n.unique_id, n.status, n.message) for n in result.failures]
    assert result.success, (result.error, failures)
    return db_path


def rows(db: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def panel(db: Path, code: str, year: int, column: str) -> object:
    [(value,)] = rows(
        db,
        f"select {column} from marts.province_panel where province_code = '{code}' "
        f"and year = {year}",
    )
    return value


def test_grain_31_provinces_by_year(china_db: Path) -> None:
    [(n, provinces, first, last)] = rows(
        china_db,
        "select count(*), count(distinct province_code), min(year), max(year) "
        "from marts.province_panel",
    )
    assert (n, provinces, first, last) == (93, 31, 2000, 2002)


def test_real_grp_is_chained_with_the_grp_index(china_db: Path) -> None:
    assert panel(china_db, "CN-GD", 2000, "grp_real_cny_100m") == pytest.approx(100.0)
    assert panel(china_db, "CN-GD", 2001, "grp_real_cny_100m") == pytest.approx(108.0, abs=1e-9)
    assert panel(china_db, "CN-GD", 2002, "grp_real_cny_100m") == pytest.approx(118.8, abs=1e-9)
    assert panel(china_db, "CN-XZ", 2002, "grp_real_cny_100m") == pytest.approx(10.92, abs=1e-9)
    assert panel(china_db, "CN-GD", 2002, "grp_cny_100m") == 125.0  # nominal as published


def test_producer_service_va_and_capital_stock(china_db: Path) -> None:
    assert panel(china_db, "CN-GD", 2000, "va_producer_services_cny_100m") == pytest.approx(25.0)
    k2000 = 30.0 / 0.1  # first stock: investment / 0.1
    k2001 = k2000 * (1 - 0.096) + 33.0 / (2.1 / 2.0)  # 2000 prices
    k2002 = k2001 * (1 - 0.096) + 36.0 / (2.2 / 2.0)
    for year, k in ((2000, k2000), (2001, k2001), (2002, k2002)):
        assert panel(china_db, "CN-GD", year, "capital_stock_cny_100m") == pytest.approx(
            k, abs=1e-9
        )


def test_known_gaps_are_flagged_not_filled(china_db: Path) -> None:
    assert panel(china_db, "CN-XZ", 2001, "energy_10k_tce") is None
    reason = panel(china_db, "CN-XZ", 2001, "flag_reason")
    assert "EPS has no Tibet" in reason and "CEADs has no Tibet" in reason
    assert panel(china_db, "CN-XZ", 2001, "co2_meic_mt") == 5.5  # MEIC covers Tibet
    assert panel(china_db, "CN-GD", 2001, "is_flagged") is False
    assert panel(china_db, "CN-GD", 2001, "energy_10k_tce") == 9.5
    # provinces without data are rows with NULLs, never invented values
    assert panel(china_db, "CN-BJ", 2001, "grp_cny_100m") is None


def test_province_inputs_of_the_convergence_indices(china_db: Path) -> None:
    [(n, share)] = rows(
        china_db,
        "select count(*), max(ps_va_pct_gdp) from intermediate.int_province_convergence_indicators "
        "where province_code = 'CN-GD' and ps_va_pct_gdp is not null",
    )
    assert n == 3 and share == pytest.approx(25.0)
    [(sectors,)] = rows(
        china_db,
        "select list(distinct sector order by sector) from "
        "intermediate.int_province_sector_employment",
    )
    assert sectors == ["C"]  # the fixture has manufacturing employment only


def test_user_supplied_yearbook_fills_what_raw_lacks(china_db: Path) -> None:
    """IT value added exists only in the yearbook table; yearbook employment fills 2000 only
    (fsnd has 2001: the primary wins, the fallback fills only what it lacks)."""
    assert panel(china_db, "CN-GD", 2001, "va_it_cny_100m") == 3.3
    assert panel(china_db, "CN-GD", 2000, "va_it_cny_100m") is None
    assert panel(china_db, "CN-GD", 2000, "emp_manufacturing_10k") == 48.0
    assert panel(china_db, "CN-GD", 2001, "emp_manufacturing_10k") == 50.0  # fsnd, not 49
    assert panel(china_db, "CN-GD", 2000, "employment_source") == "china_yearbook"
