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
