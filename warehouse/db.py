"""DuckDB access: the one writer connection, read-only connections and the meta schema DDL."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd

SCHEMAS: tuple[str, ...] = (
    "raw",
    "meta",
    "quarantine",
    "staging",
    "intermediate",
    "marts",
    "analysis",
)

META_DDL: tuple[str, ...] = (
    """
    create table if not exists meta.sources (
        source varchar primary key,
        raw_table varchar not null,
        kind varchar not null,
        publisher varchar,
        dataset varchar,
        edition varchar,
        url varchar,
        licence varchar,
        citation varchar,
        description varchar,
        known_defects varchar
    )
    """,
    """
    create table if not exists meta.load_log (
        load_id varchar not null,
        run_id varchar not null,
        source varchar not null,
        path varchar,
        file_name varchar,
        sha256 varchar,
        bytes bigint,
        rows_read bigint,
        rows_landed bigint,
        rows_rejected bigint,
        vintage varchar,
        started_at timestamp,
        finished_at timestamp,
        status varchar not null,
        gate_success boolean,
        message varchar
    )
    """,
    """
    create table if not exists meta.gate_results (
        load_id varchar not null,
        run_id varchar not null,
        source varchar not null,
        expectation varchar not null,
        column_name varchar,
        success boolean not null,
        detail varchar,
        checked_at timestamp
    )
    """,
    """
    create table if not exists meta.gate_reports (
        load_id varchar not null,
        run_id varchar not null,
        source varchar not null,
        success boolean not null,
        result_json varchar,
        docs_index varchar,
        checked_at timestamp
    )
    """,
    """
    create table if not exists meta.build_log (
        fingerprint varchar not null,
        finished_at timestamp not null
    )
    """,
    """
    create table if not exists meta.rejected_cells (
        load_id varchar not null,
        source varchar not null,
        file_name varchar,
        row_number bigint,
        column_name varchar,
        raw_value varchar,
        reason varchar
    )
    """,
)

_WRITE_SQL = re.compile(
    r"^\s*(insert|update|delete|create|drop|alter|copy|attach|detach|install|load|set|pragma|"
    r"truncate|replace|merge|checkpoint|vacuum|export|import|call|begin|commit|rollback|use)\b",
    re.IGNORECASE,
)


class ReadOnlyViolation(Exception):
    """A statement that would change the warehouse was sent through a read-only door."""


def connect_writer(db_path: Path) -> duckdb.DuckDBPyConnection:
    """Open the single writer connection (creating the file, schemas and meta tables)."""
    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(db_path))
    ensure_schemas(con)
    return con


@contextlib.contextmanager
def writer(db_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """Context manager around :func:`connect_writer` that always closes the connection."""
    con = connect_writer(db_path)
    try:
        yield con
    finally:
        con.close()


def ensure_schemas(con: duckdb.DuckDBPyConnection) -> None:
    """Create the warehouse schemas and the meta tables if they do not exist."""
    for schema in SCHEMAS:
        con.execute(f"create schema if not exists {schema}")
    for ddl in META_DDL:
        con.execute(ddl)


def connect_read_only(db_path: Path) -> duckdb.DuckDBPyConnection:
    """Open the warehouse read-only (what analysts and the analysis layer use)."""
    db_path = Path(db_path)
    if not db_path.exists():
        raise FileNotFoundError(
            f"no warehouse at {db_path}: run `convergence run` (or `convergence ingest`) first"
        )
    return duckdb.connect(str(db_path), read_only=True)


def query_read_only(db_path: Path, sql: str) -> pd.DataFrame:
    """Run one analyst query read-only and return its result; refuse statements that write.

    The refusal is double: statements that look like writes are refused before they reach
    DuckDB, and the connection itself is read-only, so anything that slips through fails too.
    """
    match = _WRITE_SQL.match(sql)
    if match:
        raise ReadOnlyViolation(
            f"refused: {match.group(1).upper()} would change the warehouse; `convergence query` "
            "is read-only (the pipeline is the only writer)"
        )
    con = connect_read_only(db_path)
    try:
        relation = con.sql(sql)
        return relation.df() if relation is not None else pd.DataFrame()
    except duckdb.Error as exc:
        if "read-only" in str(exc).lower() or "read only" in str(exc).lower():
            raise ReadOnlyViolation(
                "refused: the statement would change the warehouse; `convergence query` is "
                "read-only (the pipeline is the only writer)"
            ) from exc
        raise
    finally:
        con.close()


def table_exists(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    """True when ``schema.table`` exists (table or view)."""
    return bool(
        scalar(
            con,
            "select count(*) from information_schema.tables "
            "where table_schema = ? and table_name = ?",
            [schema, table],
        )
    )


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> object:
    """First column of the first row (None when no row); the result is fully consumed, which
    DuckDB requires before the connection runs anything else."""
    rows = con.execute(sql, params or []).fetchall()
    return rows[0][0] if rows else None
