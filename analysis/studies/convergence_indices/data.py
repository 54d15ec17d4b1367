"""Read-only loading of the convergence marts; absent, empty or malformed marts are reported,
never raised (only a missing database file raises)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from analysis.studies.convergence_indices.spec import (
    COUPLING,
    MARTS,
    PROVINCE_PANEL,
    REQUIRED_COLUMNS,
)


@dataclass
class ConvergenceInputs:
    """The marts as DataFrames (``None`` when unusable) and the reasons they are unusable."""

    source: str
    frames: dict[str, pd.DataFrame | None]
    problems: dict[str, str] = field(default_factory=dict)
    rows: dict[str, int | None] = field(default_factory=dict)

    def get(self, table: str) -> pd.DataFrame | None:
        return self.frames.get(table)


def _present_tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {
        f"{s}.{t}"
        for s, t in con.execute(
            "select table_schema, table_name from information_schema.tables"
        ).fetchall()
    }


def _normalise(table: str, df: pd.DataFrame) -> pd.DataFrame:
    df = df.copy()
    if "year" in df.columns:
        df["year"] = pd.to_numeric(df["year"], errors="coerce").astype("Int64")
    if "region" in df.columns:
        df["region"] = (
            df["region"]
            .astype("string")
            .str.strip()
            .str.lower()
            .replace({"northeast": "north-east", "north east": "north-east"})
        )
    if table == COUPLING:
        df = df[df["d"].notna()]
    return df


def read_inputs(
    con: duckdb.DuckDBPyConnection, source: str, tables: tuple[str, ...] = MARTS
) -> ConvergenceInputs:
    present = _present_tables(con)
    inputs = ConvergenceInputs(source=source, frames={})
    for table in tables:
        if table not in present:
            inputs.frames[table] = None
            inputs.rows[table] = None
            inputs.problems[table] = f"{table} does not exist in {source}"
            continue
        df = con.execute(f"select * from {table}").df()
        inputs.rows[table] = len(df)
        missing = [c for c in REQUIRED_COLUMNS[table] if c not in df.columns]
        if missing:
            inputs.frames[table] = None
            inputs.problems[table] = f"{table} lacks column(s) {', '.join(missing)}"
        elif df.empty:
            inputs.frames[table] = None
            inputs.problems[table] = f"{table} is empty in {source}"
        else:
            inputs.frames[table] = _normalise(table, df)
    return inputs


def load_inputs(con_or_db_path: duckdb.DuckDBPyConnection | str | Path) -> ConvergenceInputs:
    """Read the four convergence marts and ``marts.province_panel``.

    A path is opened ``read_only=True`` (FileNotFoundError when the file is missing); an open
    connection is used as is (only SELECTs are issued).
    """
    if isinstance(con_or_db_path, duckdb.DuckDBPyConnection):
        return read_inputs(con_or_db_path, "the given connection")
    path = Path(con_or_db_path)
    if not path.exists():
        raise FileNotFoundError(f"warehouse database not found: {path}")
    with duckdb.connect(str(path), read_only=True) as con:
        return read_inputs(con, str(path))


def province_lookup(inputs: ConvergenceInputs) -> pd.DataFrame:
    """One row per province_code: English name (else Chinese name, else code) and region."""
    panel = inputs.get(PROVINCE_PANEL)
    if panel is None:
        return pd.DataFrame(columns=["province_code", "province", "region"])
    cols = [c for c in ("province_name_en", "province_name_zh") if c in panel.columns]
    frame = panel.sort_values("year").groupby("province_code", as_index=False).last()
    name = frame["province_code"].astype(str)
    for col in reversed(cols):
        name = frame[col].where(frame[col].notna() & (frame[col].astype(str) != ""), name)
    return pd.DataFrame(
        {
            "province_code": frame["province_code"].astype(str),
            "province": name.astype(str),
            "region": frame["region"].astype("string"),
        }
    )
