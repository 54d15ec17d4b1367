"""Bad WIOD NIOT files: a clear error naming file, year and row; the other countries land.

Starts from a warehouse where three real NIOT files (AUT, CHN, DEU) landed, breaks one of
them in a copy of the raw folder and runs ``convergence ingest --source wiod_niot``.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from warehouse.cli import main

pytestmark = pytest.mark.integration

COUNTRIES = ("AUT", "CHN", "DEU")
NIOT_DIR = Path("io/wiod2016_niot_csv")


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8-sig").splitlines(keepends=True)


def _write(path: Path, lines: list[str]) -> None:
    path.write_text("".join(lines), encoding="utf-8-sig")


def _drop_year(year: int) -> Callable[[Path], None]:
    def apply(path: Path) -> None:
        _write(path, [ln for ln in _lines(path) if not ln.startswith(f"{year};")])

    return apply


def _edit_cell(line_no: int, column: int, new: Callable[[str], str]) -> Callable[[Path], None]:
    """Replace field ``column`` (0-based) of physical line ``line_no`` (1-based)."""

    def apply(path: Path) -> None:
        lines = _lines(path)
        fields = lines[line_no - 1].rstrip("\r\n").split(";")
        fields[column] = new(fields[column])
        lines[line_no - 1] = ";".join(fields) + "\n"
        _write(path, lines)

    return apply


def _add_million(text: str) -> str:
    return str(int(text.replace(" ", "")) + 1_000_000)


# line 3 = 2000 Domestic A01; the 2005 block starts at line 3 + 5 * 120 = 603; within a year,
# Domestic rows are lines +0..55, Imports +56..111, TOT +112..119; fields: Year, Code,
# Description, Origin, then the 56 industries (A01 is field 4, C26 field 20).
CASES: dict[str, tuple[Callable[[Path], None], tuple[str, ...]]] = {
    "missing_year_block": (_drop_year(2007), ("missing year block(s) 2007", "row 843")),
    "identity_broken": (
        _edit_cell(603 + 16, 20, _add_million),  # 2005 Domestic C26 row, column C26
        ("row_sum", "year 2005", "row 619", "C26/GO"),
    ),
    "non_numeric_cell": (
        _edit_cell(603 + 3, 4, lambda _: "n/a"),  # 2005 Domestic B row, column A01
        ("row 606", "'A01'", "'n/a'", "year 2005"),
    ),
    "duplicated_industry": (
        _edit_cell(603 + 10, 1, lambda _: "C10-C12"),  # 2005 Domestic C18 labelled C10-C12
        ("year 2005", "duplicated domestic row code 'C10-C12'", "row 613"),
    ),
}


def _raw(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="module")
def niot_state(tmp_path_factory, shared_raw, prefect_harness):
    root = tmp_path_factory.mktemp("niot_base")
    raw = root / "raw"
    (raw / NIOT_DIR).mkdir(parents=True)
    for iso3 in COUNTRIES:
        src = shared_raw / NIOT_DIR / f"{iso3}_NIOT_nov16.csv"
        if not src.exists():
            pytest.skip(f"{src} not available")
        shutil.copy(src, raw / NIOT_DIR)
    db = root / "good.duckdb"
    args = ["ingest", "--raw-dir", str(raw), "--db", str(db), "--source", "wiod_niot"]
    res = CliRunner().invoke(main, args, catch_exceptions=False)
    assert res.exit_code == 0, res.output
    return raw, db


def test_good_files_land_with_known_zero_output_recorded(niot_state):
    _, db = niot_state
    per_file = _raw(db, "select file_name, count(*) from raw.wiod_niot group by 1 order by 1")
    assert per_file == [(f"{c}_NIOT_nov16.csv", 15 * 120 * 63) for c in COUNTRIES]
    checks = dict(
        _raw(db, "select expectation, detail from meta.gate_results where expectation like 'id%'")
    )
    assert sorted(checks) == [
        f"identity:{c}" for c in ("ii_fob", "negative_flow", "row_sum", "va_block", "zero_output")
    ]
    assert checks["identity:row_sum"] == "0 beyond tolerance"
    assert "135 known (structural zero output" in checks["identity:zero_output"]  # CHN 9 x 15


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_niot_fails_alone(case, niot_state, tmp_path):
    good_raw, good_db = niot_state
    corrupt, expected = CASES[case]
    raw, db = tmp_path / "raw", tmp_path / "wh.duckdb"
    shutil.copytree(good_raw, raw)
    shutil.copy(good_db, db)
    target = raw / NIOT_DIR / "DEU_NIOT_nov16.csv"
    before = _raw(db, "select sum(value), count(*) from raw.wiod_niot where file_name = ?",
                  [target.name])  # fmt: skip
    corrupt(target)
    # touch the good files too, so that they are re-landed in this run
    args = ["ingest", "--raw-dir", str(raw), "--db", str(db), "--source", "wiod_niot", "--force"]
    res = CliRunner().invoke(main, args)

    assert res.exit_code == 1, res.output
    lines = [ln for ln in res.output.splitlines() if target.name in ln and "failed" in ln]
    assert lines, res.output
    assert any(all(part in ln for part in expected) for ln in lines), lines
    # the bad file keeps its last good rows; the other countries landed in this run
    after = _raw(db, "select sum(value), count(*) from raw.wiod_niot where file_name = ?",
                 [target.name])  # fmt: skip
    assert after == before
    log = dict(
        _raw(
            db,
            """select file_name, status from meta.load_log
            where run_id = (select max(run_id) from meta.load_log)""",
        )
    )
    assert log == {
        "AUT_NIOT_nov16.csv": "landed",
        "CHN_NIOT_nov16.csv": "landed",
        "DEU_NIOT_nov16.csv": "failed",
    }
    loads = _raw(db, "select count(distinct load_id) from raw.wiod_niot")
    assert loads == [(2,)]  # AUT and CHN from this run, DEU from the good run
