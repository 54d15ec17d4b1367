"""dbt build of the input-output layer on real WIOD/OECD/NBS files, checked against pandas.

A small real warehouse: raw IO tables landed from the published files of three WIOD NIOT
countries (CHN with its structural zero-output industries, USA, LUX with value-added blocks
that do not add up in 2014) plus the OECD, NBS and employment files and an empty WIOT table;
then ``dbt build`` of the IO seeds, staging, the Python model int_io_measures_computed and
the three IO marts (through ``warehouse.transform``, in a worker process). Expected values
are recomputed here independently from the NIOT CSV with pandas / numpy.
"""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest
import yaml

from warehouse.settings import DBT_PROJECT_DIR, Settings
from warehouse.sources.io_registry import IO_COLUMNS, IO_SOURCES
from warehouse.sources.wiod import KNOWN_ZERO_OUTPUT
from warehouse.transform import run_dbt

pytestmark = pytest.mark.integration

COUNTRIES = ("CHN", "LUX", "USA")
YEARS = 15
SELECT = (
    "path:models/staging/io+",
    "nbs_iot_classifications+",
    "nbs_sector_to_wiod+",
    "oecd_iot_to_wiod",
    "wiod_industries",
    "known_source_defects",
)


def _seed(name: str) -> list[dict[str, str]]:
    with open(DBT_PROJECT_DIR / "seeds" / f"{name}.csv", newline="") as handle:
        return list(csv.DictReader(handle))


INDUSTRIES = sorted(_seed("wiod_industries"), key=lambda r: int(r["position"]))
CODES = [r["wiod_code"] for r in INDUSTRIES]
MANUFACTURING = [r["wiod_code"] for r in INDUSTRIES if r["is_manufacturing"] == "true"]
PRODUCER_SERVICES = [r["wiod_code"] for r in INDUSTRIES if r["is_producer_service"] == "true"]


def _land(con: duckdb.DuckDBPyConnection, name: str, paths: list[Path]) -> int:
    """Write raw.<table> as the landing does: reader frame, text as VARCHAR, plus load_id."""
    source = IO_SOURCES[name]
    frame = source.read(paths).frame.copy()
    frame["load_id"] = f"{name}-test"
    text = [c for c in frame.columns if str(frame[c].dtype) in ("category", "object")]
    columns = ", ".join(f"cast({c} as varchar) as {c}" if c in text else c for c in frame.columns)
    con.register("landed", frame)
    con.execute(f"create or replace table raw.{source.table} as select {columns} from landed")
    con.unregister("landed")
    return len(frame)


@pytest.fixture(scope="module")
def io_db(shared_raw: Path, tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("dbt_io")
    db_path = work / "warehouse.duckdb"
    niot = [shared_raw / "io" / "wiod2016_niot_csv" / f"{c}_NIOT_nov16.csv" for c in COUNTRIES]
    with duckdb.connect(str(db_path)) as con:
        con.execute("create schema raw")
        assert _land(con, "wiod_niot", niot) == len(COUNTRIES) * YEARS * 120 * 63
        for name in ("oecd_iot", "nbs_iot", "china_employment"):
            assert _land(con, name, IO_SOURCES[name].find_files(shared_raw)) > 0
        assert _land(con, "wiod_wiot", []) == 0  # optional source: the table exists, empty
        assert [r[0] for r in con.execute("describe raw.wiod_wiot").fetchall()] == [
            *IO_COLUMNS,
            "load_id",
        ]
    settings = Settings(db_path=db_path, report_dir=work / "report", build_dir=work / "build")
    # the convergence indices downstream of the IO marts need the country and province panels
    # too: they have their own test (test_dbt_convergence.py)
    result = run_dbt(
        settings,
        "build",
        "--select",
        *SELECT,
        "--exclude",
        "path:models/intermediate/convergence",
        "path:models/marts/convergence",
    )
    failures = [(n.unique_id, n.status, n.message) for n in result.failures]
    assert result.success, (result.error, failures)
    python_model = [n for n in result.nodes if n.unique_id.endswith("int_io_measures_computed")]
    print(f"\nint_io_measures_computed: {python_model[0].seconds:.1f} s for 45 tables")
    return db_path


def frame(db: Path, sql: str) -> pd.DataFrame:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).df()


@pytest.fixture(scope="module")
def chn_2014(shared_raw: Path) -> dict[str, pd.DataFrame]:
    """CHN 2014 straight from the CSV with pandas: Zd, Zm (56×56), x, m, VA."""
    raw = pd.read_csv(
        shared_raw / "io" / "wiod2016_niot_csv" / "CHN_NIOT_nov16.csv",
        sep=";",
        skiprows=[1],  # line 2: industry descriptions
        thousands=" ",
        encoding="utf-8-sig",
        dtype={"Code": str, "Origin": str},
    )
    raw = raw[raw["Year"] == 2014]
    block = {o: raw[raw["Origin"] == o].set_index("Code") for o in ("Domestic", "Imports", "TOT")}
    uses = [*CODES, "CONS_h", "CONS_np", "CONS_g", "GFCF", "INVEN", "EXP", "GO"]
    return {
        "zd": block["Domestic"].loc[CODES, CODES].astype(float),
        "zm": block["Imports"].loc[CODES, CODES].astype(float),
        "x": block["TOT"].loc["GO", CODES].astype(float),
        "va": block["TOT"].loc["VA", CODES].astype(float),
        "m": block["Imports"].loc[CODES, uses].astype(float).sum(axis=1),
    }


def test_marts_have_the_full_grain_for_every_country_year(io_db: Path) -> None:
    counts = frame(
        io_db,
        """
        select
            (select count(*) from marts.io_service_manufacturing_links) as n_links,
            (select count(*) from marts.io_industry_year) as n_industries,
            (select count(*) from marts.io_country_year) as n_countries,
            (select count(distinct iso3 || year) from marts.io_country_year) as n_country_years
        """,
    ).iloc[0]
    n = len(COUNTRIES) * YEARS
    assert counts.to_dict() == {
        "n_links": 266 * n,
        "n_industries": 56 * n,
        "n_countries": n,
        "n_country_years": n,
    }
    per = frame(
        io_db,
        "select iso3, year, count(*) as n from marts.io_service_manufacturing_links group by all",
    )
    assert set(per["n"]) == {266}


def test_direct_imported_ps_coefficient_of_c26_equals_pandas(io_db: Path, chn_2014) -> None:
    zm, x = chn_2014["zm"], chn_2014["x"]
    expected = zm.loc[PRODUCER_SERVICES, "C26"].sum() / x["C26"]
    links = frame(
        io_db,
        """
        select service_subgroup, direct_coefficient, input_flow_musd, manufacturing_output_musd
        from marts.io_service_manufacturing_links
        where iso3 = 'CHN' and year = 2014 and wiod_code = 'C26' and origin = 'imported'
        """,
    )
    assert len(links) == 7
    assert links["direct_coefficient"].sum() == pytest.approx(expected, rel=1e-12)
    assert links["input_flow_musd"].sum() == zm.loc[PRODUCER_SERVICES, "C26"].sum()
    assert set(links["manufacturing_output_musd"]) == {x["C26"]} == {1_583_061.0}
    finance = links.set_index("service_subgroup").loc["finance", "direct_coefficient"]
    assert finance == pytest.approx(zm.loc[["K64", "K65", "K66"], "C26"].sum() / x["C26"])


def test_complete_domestic_coefficient_equals_numpy_inverse(io_db: Path, chn_2014) -> None:
    zd, x = chn_2014["zd"].to_numpy(), chn_2014["x"].to_numpy()
    ad = np.divide(zd, x, out=np.zeros_like(zd), where=x != 0)
    bd = np.linalg.inv(np.eye(len(CODES)) - ad) - np.eye(len(CODES))
    ps = [CODES.index(c) for c in PRODUCER_SERVICES]
    manuf = [CODES.index(c) for c in MANUFACTURING]
    expected = pd.Series(bd[np.ix_(ps, manuf)].sum(axis=0), index=MANUFACTURING)
    got = frame(
        io_db,
        """
        select wiod_code, sum(complete_coefficient) as complete_coefficient
        from marts.io_service_manufacturing_links
        where iso3 = 'CHN' and year = 2014 and origin = 'domestic'
        group by wiod_code
        """,
    ).set_index("wiod_code")["complete_coefficient"]
    pd.testing.assert_series_equal(got.loc[MANUFACTURING], expected, check_names=False, rtol=1e-9)
    # GO-weighted: Σ_j x_j Σ_S b_Sj / Σ_j x_j
    weighted = (expected * x[manuf]).sum() / x[manuf].sum()
    country = frame(
        io_db, "select * from marts.io_country_year where iso3 = 'CHN' and year = 2014"
    ).iloc[0]
    assert country["ps_complete_domestic"] == pytest.approx(weighted, rel=1e-9)


def test_country_year_values_for_china_2014(io_db: Path, chn_2014) -> None:
    zd, zm, x, va = chn_2014["zd"], chn_2014["zm"], chn_2014["x"], chn_2014["va"]
    row = frame(
        io_db, "select * from marts.io_country_year where iso3 = 'CHN' and year = 2014"
    ).iloc[0]
    assert row["gross_output_musd"] == 31_745_104 == x.sum()
    assert row["manufacturing_output_musd"] == 15_869_407
    assert row["manufacturing_va_musd"] == va[MANUFACTURING].sum()
    assert row["high_tech_share_mva"] == pytest.approx(
        va[["C21", "C26"]].sum() / va[MANUFACTURING].sum()
    )
    imported = zm.loc[PRODUCER_SERVICES, MANUFACTURING].to_numpy().sum()
    domestic = zd.loc[PRODUCER_SERVICES, MANUFACTURING].to_numpy().sum()
    assert (row["imported_ps_use_musd"], row["domestic_ps_use_musd"]) == (imported, domestic)
    assert row["imported_ps_dependence"] == pytest.approx(imported / (imported + domestic))
    assert row["ps_direct_imported"] == pytest.approx(imported / x[MANUFACTURING].sum())
    supply = chn_2014["m"][PRODUCER_SERVICES].sum()
    assert row["ps_forward_direct_imported"] == pytest.approx(imported / supply)
    assert row["active_industries"] == 56 - len(KNOWN_ZERO_OUTPUT["CHN"]) == 47
    assert row["is_flagged"]
    assert row["flag_reason"] == (
        "structural zero output (WIOD folds it into a neighbour): "
        + " ".join(KNOWN_ZERO_OUTPUT["CHN"])
    )


def test_china_zero_output_industries_are_flagged_and_inactive(io_db: Path) -> None:
    seeded = {
        r["publisher_indicator_code"]
        for r in _seed("known_source_defects")
        if r["source"] == "wiod_niot" and r["iso3"] == "CHN"
    }
    assert seeded == set(KNOWN_ZERO_OUTPUT["CHN"])  # seed and reader agree
    chn = frame(io_db, "select * from marts.io_industry_year where iso3 = 'CHN'")
    flagged = chn[chn["is_flagged"]]
    assert set(flagged["wiod_code"]) == seeded
    assert len(flagged) == len(seeded) * YEARS
    assert not flagged["is_active"].any()
    assert flagged["bl_total"].isna().all() and flagged["fl_ghosh_domestic"].isna().all()
    assert (flagged["gross_output_musd"] == 0).all() and (flagged["imports_musd"] > 0).any()
    assert (
        flagged["flag_reason"].eq("structural zero output (WIOD folds it into a neighbour)").all()
    )


def test_linkages_average_one_over_active_industries(io_db: Path) -> None:
    means = frame(
        io_db,
        """
        select iso3, year, count(*) filter (where is_active) as n_active,
            avg(bl_total) as bl_total, avg(bl_domestic) as bl_domestic,
            avg(fl_ghosh_total) as fl_ghosh_total, avg(fl_leontief_domestic) as fl_leontief
        from marts.io_industry_year
        group by iso3, year
        """,
    )
    for column in ("bl_total", "bl_domestic", "fl_ghosh_total", "fl_leontief"):
        np.testing.assert_allclose(means[column], 1.0, rtol=1e-12)
    assert set(means.loc[means["iso3"] == "CHN", "n_active"]) == {47}


def test_value_added_block_breaks_are_flagged(io_db: Path) -> None:
    lux = frame(
        io_db,
        "select wiod_code from marts.io_industry_year "
        "where iso3 = 'LUX' and year = 2014 and flag_reason like 'value-added block%'",
    )
    # beyond the rounding bound of 4 (C24 and C25 are off by less and are not flagged)
    assert set(lux["wiod_code"]) == {"H50", "H51", "H52", "H53"}
    usa = frame(
        io_db, "select count(*) as n from marts.io_country_year where iso3 = 'USA' and is_flagged"
    )
    assert usa["n"].iloc[0] == 0


def test_dbt_sources_expose_the_origins_declared_in_code() -> None:
    path = DBT_PROJECT_DIR / "models" / "staging" / "io" / "_io__sources.yml"
    declared = {
        table["name"]: table["meta"]["origin"]
        for source in yaml.safe_load(path.read_text(encoding="utf-8"))["sources"]
        for table in source["tables"]
    }
    assert set(declared) == set(IO_SOURCES)
    for name, origin in declared.items():
        code = IO_SOURCES[name].origin
        assert origin == {k: getattr(code, k) for k in origin}, name
        assert set(origin) == {"publisher", "dataset", "edition", "url", "licence"}
