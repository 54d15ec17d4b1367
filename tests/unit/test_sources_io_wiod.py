"""WIOD NIOT reader and identity checks on generated NIOT files (same layout as the release)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from warehouse.sources.base import SourceFormatError
from warehouse.sources.io_registry import IO_COLUMNS
from warehouse.sources.wiod import (
    FINAL_USES,
    INDUSTRIES,
    KNOWN_ZERO_OUTPUT,
    NIOT_VALUE_COLUMNS,
    TOT_ROWS,
    check_identities,
    parse_spaced,
    read_niot,
    read_niot_checked,
    read_niot_file,
)

N = len(INDUSTRIES)


def spaced(v: int) -> str:
    """1396917 -> '1 396 917' (the NIOT CSV thousands separator)."""
    return f"{v:,}".replace(",", " ")


def niot_rows(year: int, rng: np.random.Generator, zero: tuple[str, ...] = ()) -> list[list]:
    """One balanced year block: 56 Domestic, 56 Imports, 8 TOT rows (values in US$ million)."""
    zd = rng.integers(0, 2000, (N, N))
    zm = rng.integers(0, 300, (N, N))
    fd = rng.integers(0, 5000, (N, len(FINAL_USES)))
    fm = rng.integers(0, 500, (N, len(FINAL_USES)))
    fm[:, -1] = 0  # imports: EXP = 0
    for code in zero:  # structural zero output: nothing produced, nothing used domestically
        zd[INDUSTRIES.index(code), :] = 0
        fd[INDUSTRIES.index(code), :] = 0
    go = zd.sum(1) + fd.sum(1)
    ii = zd.sum(0) + zm.sum(0)
    small = rng.integers(0, 50, (4, N))
    ttm = rng.integers(0, 20, N)
    va = go - ii - small.sum(0) - ttm
    rows = []
    for i, code in enumerate(INDUSTRIES):
        rows.append([year, code, f"desc {code}", "Domestic", *zd[i], *fd[i], go[i]])
    for i, code in enumerate(INDUSTRIES):
        rows.append([year, code, f"desc {code}", "Imports", *zm[i], *fm[i], 0])
    final0 = [0] * (len(FINAL_USES) + 1)
    tot = [ii, *small, va, ttm, go]
    for code, values in zip(TOT_ROWS, tot, strict=True):
        rows.append([year, code, f"desc {code}", "TOT", *values, *final0])
    return rows


def write_niot(
    path: Path,
    years=range(2000, 2015),
    seed: int = 1,
    edit=None,
    zero: tuple[str, ...] = (),
) -> Path:
    """Write a NIOT CSV: BOM, ';', description line 2, spaced thousands; ``edit(rows)`` may
    mutate the data rows (lists of cells) before writing."""
    rng = np.random.default_rng(seed)
    rows = [r for y in years for r in niot_rows(y, rng, zero)]
    if edit:
        edit(rows)
    header = ["Year", "Code", "Description", "Origin", *NIOT_VALUE_COLUMNS]
    lines = [";".join(header), ";;;;" + ";".join(f'"name; {c}"' for c in NIOT_VALUE_COLUMNS)]
    for r in rows:
        cells = [str(c) if not isinstance(c, (int, np.integer)) else spaced(int(c)) for c in r]
        cells[0] = str(r[0])
        lines.append(";".join(cells))
    path.write_text("\ufeff" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def good(tmp_path_factory) -> Path:
    return write_niot(tmp_path_factory.mktemp("niot") / "CHN_NIOT_nov16.csv", years=(2013, 2014))


def test_parse_spaced_strict():
    values, status = parse_spaced(np.array(["1 396 917", "-46", "", "12 34", "1x", " 7 "]))
    assert values[0] == 1396917 and values[1] == -46 and values[5] == 7
    assert list(status) == ["ok", "ok", "empty", "bad thousands grouping", "not a number", "ok"]


def test_reads_long_cells(good):
    frame, rejected, rows, vintage = read_niot_file(good, expected_years=(2013, 2014))
    assert list(frame.columns) == list(IO_COLUMNS)
    assert rows == 240 and vintage == "2016-11" and rejected.empty
    assert len(frame) == 240 * len(NIOT_VALUE_COLUMNS)
    assert set(frame["origin"]) == {"domestic", "imports", "tot"}
    assert set(frame["country"]) == {"CHN"} and set(frame["unit"]) == {"US$ million"}
    first = frame.iloc[0]
    assert (first["year"], first["row_code"], first["column_code"], first["row_number"]) == (
        2013,
        "A01",
        "A01",
        3,  # line 1 header, line 2 descriptions
    )
    go = frame[(frame.origin == "tot") & (frame.row_code == "GO") & (frame.year == 2014)]
    dom = frame[(frame.origin == "domestic") & (frame.column_code == "GO") & (frame.year == 2014)]
    assert go.value.sum() == dom.value.sum() > 1000  # spaced thousands parsed
    assert check_identities(frame) == []


def test_non_numeric_cell_is_rejected(tmp_path):
    def edit(rows):
        rows[5][4 + 2] = "n/a"  # year 2013, A01-row 6 (C10-C12), column A03
        rows[7][4] = "12 34"

    path = write_niot(tmp_path / "USA_NIOT_nov16.csv", years=(2013,), edit=edit)
    frame, rejected, _, _ = read_niot_file(path, expected_years=(2013,))
    assert len(rejected) == 2
    assert rejected.iloc[0].to_dict() == {
        "file_name": "USA_NIOT_nov16.csv",
        "row_number": 8,
        "column": "A03",
        "raw_value": "n/a",
        "reason": "not a number (year 2013)",
    }
    assert rejected.iloc[1]["reason"] == "bad thousands grouping (year 2013)"
    assert len(frame) == 120 * len(NIOT_VALUE_COLUMNS) - 2


def test_missing_year_block(tmp_path):
    path = write_niot(
        tmp_path / "DEU_NIOT_nov16.csv", years=[y for y in range(2000, 2015) if y != 2007]
    )
    message = r"DEU_NIOT_nov16.csv \(row 843\): missing year block\(s\) 2007"
    with pytest.raises(SourceFormatError, match=message):  # row: where 2007 should start
        read_niot_file(path)
    good = write_niot(tmp_path / "AUT_NIOT_nov16.csv")
    result = read_niot([path, good])  # the other file is still read
    assert list(result.file_errors) == ["DEU_NIOT_nov16.csv"]
    assert "missing year block(s) 2007" in result.file_errors["DEU_NIOT_nov16.csv"]
    assert set(result.frame["file_name"]) == {"AUT_NIOT_nov16.csv"}


def test_short_year_block(tmp_path):
    path = write_niot(
        tmp_path / "FRA_NIOT_nov16.csv", years=(2013, 2014), edit=lambda r: r.pop(130)
    )
    with pytest.raises(SourceFormatError, match="year 2014: block has 119 rows") as err:
        read_niot_file(path, expected_years=None)
    assert err.value.row == 123


def test_duplicated_industry_code(tmp_path):
    def edit(rows):
        rows[130][1] = "A01"  # 2014 Domestic row 11 (C17) becomes a second A01

    path = write_niot(tmp_path / "ITA_NIOT_nov16.csv", years=(2013, 2014), edit=edit)
    with pytest.raises(
        SourceFormatError, match="year 2014: duplicated domestic row code 'A01'"
    ) as e:
        read_niot_file(path, expected_years=None)
    assert e.value.row == 133
    assert "ITA_NIOT_nov16.csv (row 133)" in str(e.value)


def test_missing_column(tmp_path):
    path = write_niot(tmp_path / "JPN_NIOT_nov16.csv", years=(2014,))
    text = path.read_text(encoding="utf-8").replace(";INVEN;", ";INVENT;", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceFormatError, match=r"missing required column.*'INVEN'"):
        read_niot_file(path, expected_years=None)


def test_identity_broken_beyond_tolerance(tmp_path):
    def edit(rows):
        rows[120 + 3][4 + 10] = int(rows[120 + 3][4 + 10]) + 60  # 2014 Domestic B, column C20
        rows[120 + 116][4 + 20] = int(rows[120 + 116][4 + 20]) + 5  # 2014 TOT PURNR, column C30

    path = write_niot(tmp_path / "KOR_NIOT_nov16.csv", years=(2013, 2014), edit=edit)
    frame, *_ = read_niot_file(path, expected_years=None)
    problems = [p for p in check_identities(frame) if p.severity == "error"]
    got = {
        (p.check, p.year, p.row_code, p.column_code, p.difference, p.row_number) for p in problems
    }
    assert got == {
        ("row_sum", 2014, "B", "GO", 60.0, 126),  # row sum off by 60 > 31.5 (63 rounded terms)
        ("ii_fob", 2014, "II_fob", "C20", 60.0, 235),  # column sum off by 60 > 56.5 (113 terms)
        ("va_block", 2014, "GO", "C30", 5.0, 242),  # VA+… - GO = 5 > 4 (8 terms)
    }
    assert all(p.file_name == "KOR_NIOT_nov16.csv" for p in problems)
    assert any(
        str(p) == "row_sum: KOR_NIOT_nov16.csv year 2014, row 126, B/GO: off by 60"
        for p in problems
    )
    # the reader runs the same checks while reading
    (_, _, _, _), findings = read_niot_checked(path, expected_years=None)
    assert {(p.check, p.row_number) for p in findings if p.severity == "error"} == {
        (c, r) for c, _, _, _, _, r in got
    }


def test_known_identity_break_is_not_an_error(tmp_path):
    def edit(rows):  # ROU 2014 R_S: the published VA block exceeds GO by 3,854
        col = 4 + INDUSTRIES.index("R_S")
        rows[112 + 5][col] = int(rows[112 + 5][col]) + 3854  # 2014 TOT VA, column R_S

    path = write_niot(tmp_path / "ROU_NIOT_nov16.csv", years=(2014,), edit=edit)
    frame, *_ = read_niot_file(path, expected_years=None)
    found = [p for p in check_identities(frame) if p.check == "va_block"]
    assert [(p.severity, p.column_code) for p in found] == [("known", "R_S")]
    assert "3,854" in found[0].reason


def test_within_tolerance_is_quiet(tmp_path):
    def edit(rows):
        rows[3][4 + 10] = int(rows[3][4 + 10]) + 31  # row sum and II_fob off by 31 <= 31.5

    path = write_niot(tmp_path / "ESP_NIOT_nov16.csv", years=(2014,), edit=edit)
    frame, *_ = read_niot_file(path, expected_years=None)
    assert check_identities(frame) == []


def test_negative_flow_and_known_zero_output(tmp_path):
    def edit(rows):
        rows[60][4 + 5] = -3  # Imports row C10-C12, column C13-C15

    zero = KNOWN_ZERO_OUTPUT["CHN"]
    path = write_niot(tmp_path / "CHN_NIOT_nov16.csv", years=(2014,), edit=edit, zero=zero)
    frame, *_ = read_niot_file(path, expected_years=None)
    problems = check_identities(frame, tolerance={"ii_fob": 1e9})
    errors = [p for p in problems if p.severity == "error"]
    assert [(p.check, p.row_code, p.column_code, p.difference) for p in errors] == [
        ("negative_flow", "C10-C12", "C13-C15", -3.0)
    ]
    known = sorted(p.column_code for p in problems if p.severity == "known")
    assert known == sorted(zero)
    assert all(p.check == "zero_output" for p in problems if p.severity == "known")
