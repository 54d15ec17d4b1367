"""The analysis layer's one door to the warehouse: read-only queries of DuckDB marts."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pandas as pd

_QUALIFIED_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*){0,2}$")
COUNTRY_PANEL = "marts.country_panel"


def read_mart(db_path: str | Path, sql_or_table: str) -> pd.DataFrame:
    """Return a table (``schema.table``) or the result of a SELECT as a DataFrame.

    The database is opened with ``read_only=True``: analysis never writes through this door.
    """
    path = Path(db_path)
    if not path.exists():
        raise FileNotFoundError(f"warehouse database not found: {path}")
    query = sql_or_table.strip()
    if _QUALIFIED_NAME.match(query):
        query = f"SELECT * FROM {query}"
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(query).df()


def load_country_panel(db_path: str | Path) -> pd.DataFrame:
    """``marts.country_panel``: one row per iso3 × year (the seed-002 inputs and flags)."""
    return read_mart(db_path, COUNTRY_PANEL)


IO_INDUSTRY_YEAR = "marts.io_industry_year"
IO_LINKS = "marts.io_service_manufacturing_links"
IO_COUNTRY_YEAR = "marts.io_country_year"
IO_MARTS: tuple[str, ...] = (IO_INDUSTRY_YEAR, IO_LINKS, IO_COUNTRY_YEAR)


def mart_row_counts(
    db_path: str | Path, tables: tuple[str, ...] = IO_MARTS
) -> dict[str, int | None]:
    """Rows per ``schema.table``; ``None`` when the table does not exist (read-only)."""
    path = Path(db_path)
    if not path.exists():
        raise FileNotFoundError(f"warehouse database not found: {path}")
    out: dict[str, int | None] = {}
    with duckdb.connect(str(path), read_only=True) as con:
        present = {
            f"{s}.{t}"
            for s, t in con.execute(
                "select table_schema, table_name from information_schema.tables"
            ).fetchall()
        }
        for table in tables:
            if not _QUALIFIED_NAME.match(table):
                raise ValueError(f"not a table name: {table!r}")
            out[table] = (
                int(con.execute(f"select count(*) from {table}").fetchone()[0])
                if table in present
                else None
            )
    return out


def io_marts_problems(db_path: str | Path) -> list[str]:
    """Plain-words problems that stop the IO study (absent or empty marts); [] when ready.

    The pipeline always builds the three IO marts, so any of them absent or empty is a problem.
    """
    counts = mart_row_counts(db_path)
    problems = []
    for table in IO_MARTS:
        if counts[table] is None:
            problems.append(f"{table} does not exist in {db_path}")
        elif counts[table] == 0:
            problems.append(f"{table} is empty in {db_path}")
    return problems


def load_io_industry_year(db_path: str | Path) -> pd.DataFrame:
    """``marts.io_industry_year``: iso3 × year × WIOD industry (output, VA, linkages, flags)."""
    return read_mart(db_path, IO_INDUSTRY_YEAR)


def load_io_links(db_path: str | Path) -> pd.DataFrame:
    """``marts.io_service_manufacturing_links``: iso3 × year × PS sub-group × mfg industry ×
    origin (flows, direct/complete coefficients, forward shares, x_j, sub-group supply)."""
    return read_mart(db_path, IO_LINKS)


def load_io_country_year(db_path: str | Path) -> pd.DataFrame:
    """``marts.io_country_year``: iso3 × year (output, upgrading shares, PS coefficients)."""
    return read_mart(db_path, IO_COUNTRY_YEAR)
