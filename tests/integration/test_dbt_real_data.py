"""dbt build on the real published files: the acceptance figures of marts.country_panel.

The raw tables are written straight from the source readers (``warehouse.sources.SOURCES``),
without the quality gates, so that this test isolates the dbt project; the full pipeline
(landing + gates + dbt) is tested elsewhere.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tests.integration.test_dbt_build import one, run_dbt

pytestmark = pytest.mark.integration

TABLE2 = (
    "mva_usd",
    "dds_share_of_service_imports_pct",
    "gdp_pc_usd",
    "fdi_pct_gdp",
    "gfcf_pct_gdp",
    "rd_pct_gdp",
    "urban_pct",
)


def land_sources(raw_dir: Path, db_path: Path) -> None:
    """raw.<table> for every registered source (load_id 'test') plus minimal meta tables."""
    from warehouse.sources import SOURCES

    con = duckdb.connect(str(db_path))
    try:
        con.execute("create schema raw; create schema meta")
        con.execute("""create table meta.sources (source VARCHAR, raw_table VARCHAR,
            kind VARCHAR, publisher VARCHAR, dataset VARCHAR, edition VARCHAR, url VARCHAR,
            licence VARCHAR, citation VARCHAR, description VARCHAR)""")
        con.execute("""create table meta.load_log (load_id VARCHAR, run_id VARCHAR,
            source VARCHAR, path VARCHAR, file_name VARCHAR, sha256 VARCHAR, bytes BIGINT,
            rows_read BIGINT, rows_landed BIGINT, rows_rejected BIGINT, vintage VARCHAR,
            started_at TIMESTAMP, finished_at TIMESTAMP, status VARCHAR, gate_success BOOLEAN,
            message VARCHAR)""")
        for name, src in SOURCES.items():
            frame = src.read(src.find_files(raw_dir)).frame.copy()
            frame["load_id"] = "test"
            con.register("frame", frame)
            con.execute(f"create table raw.{src.table} as select * from frame")
            con.unregister("frame")
            o = src.origin
            con.execute(
                "insert into meta.sources values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    name,
                    src.table,
                    src.kind,
                    o.publisher,
                    o.dataset,
                    o.edition,
                    o.url,
                    o.licence,
                    o.citation,
                    src.description,
                ],
            )
            con.execute(
                f"""insert into meta.load_log select 'test', 'test', ?, file_name, file_name,
                    '', 0, count(*), count(*), 0, max(vintage), now(), now(), 'landed', true, ''
                from raw.{src.table} group by file_name""",
                [name],
            )
    finally:
        con.close()


@pytest.fixture(scope="module")
def real_db(shared_raw: Path, tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("dbt_real")
    db_path = work / "warehouse.duckdb"
    land_sources(shared_raw, db_path)
    result = run_dbt(db_path, work, "build")
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]
    return db_path


def test_at_least_60_countries_have_every_table2_variable_each_year_2010_2020(real_db):
    complete = " and ".join(f"{v} is not null" for v in TABLE2)
    n = one(
        real_db,
        f"""select count(*) from (
        select iso3 from marts.country_panel where year between 2010 and 2020
        group by iso3 having count(*) filter (where {complete}) = 11)""",
    )[0]
    assert n >= 60


def test_china_manufacturing_2019(real_db):
    mva, source = one(
        real_db,
        "select mva_usd, mva_usd_source from marts.country_panel "
        "where iso3 = 'CHN' and year = 2019",
    )
    assert mva == pytest.approx(3.81e12, rel=0.01)
    assert source == "unsd_snaama"


def test_spot_checks_from_data_notes(real_db):
    usa = one(
        real_db,
        "select gdp_pc_usd, wgi_government_effectiveness from marts.country_panel "
        "where iso3 = 'USA' and year = 2019",
    )
    assert usa[0] == pytest.approx(65_228, rel=0.01)
    assert usa[1] == pytest.approx(1.48, abs=0.01)
    chn = one(
        real_db,
        "select gfcf_pct_gdp, dds_imports_usd, urban_pct from marts.country_panel "
        "where iso3 = 'CHN' and year = 2019",
    )
    assert chn[0] == pytest.approx(42.3, abs=0.1)
    assert chn[1] == pytest.approx(123_512e6, rel=1e-6)
    assert one(
        real_db, "select urban_pct from marts.country_panel where iso3 = 'CHN' and year = 2020"
    )[0] == pytest.approx(61.4, abs=0.1)


def test_no_aggregates_and_kosovo_taiwan_present(real_db):
    assert (
        one(
            real_db,
            "select count(*) from marts.dim_countries where iso3 in ('WLD', 'EAS', 'HIC', 'SSF')",
        )[0]
        == 0
    )
    assert (
        one(
            real_db, "select count(*) from marts.dim_countries where iso3 in ('XKX', 'TWN', 'CHI')"
        )[0]
        == 3
    )
