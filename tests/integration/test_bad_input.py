"""Bad input never corrupts the warehouse: one-line error, last good data kept, exit 1.

Each case starts from a warehouse where every demo source landed, breaks one file in a copy
of the raw folder, runs `convergence ingest --source <that source>` and checks the outcome.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import duckdb
import openpyxl
import pytest
from click.testing import CliRunner

from warehouse.cli import main


@pytest.fixture(scope="module")
def good_state(tmp_path_factory, demo_raw, prefect_harness):
    root = tmp_path_factory.mktemp("bad_input_base")
    db = root / "good.duckdb"
    res = CliRunner().invoke(
        main, ["ingest", "--raw-dir", str(demo_raw), "--db", str(db)], catch_exceptions=False
    )
    assert res.exit_code == 0, res.output
    return db


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * 0.6)].rstrip(b"\r\n")[:-3])


def _utf16(path: Path) -> None:
    path.write_bytes(path.read_text(encoding="utf-8-sig").encode("utf-16"))


def _rename_column(old: str, new: str) -> Callable[[Path], None]:
    def apply(path: Path) -> None:
        text = path.read_text(encoding="utf-8-sig")
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return apply


def _duplicate_row(path: Path) -> None:
    lines = path.read_text().splitlines(keepends=True)
    lines.insert(3, lines[2])
    path.write_text("".join(lines))


def _text_in_value(path: Path) -> None:
    lines = path.read_text().splitlines(keepends=True)
    geo, time, _ = lines[5].rstrip("\n").split(",")
    lines[5] = f"{geo},{time},abc\n"
    path.write_text("".join(lines))


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _drop_first_sheet(path: Path) -> None:
    wb = openpyxl.load_workbook(path)
    del wb[wb.sheetnames[0]]
    wb.save(path)


def _unmapped_province(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("广东", "火星", 1), encoding="utf-8")


def _mojibake(path: Path) -> None:
    """A UTF-8 file once decoded as Latin-1 and saved again: the names are garbage."""
    text = path.read_bytes().decode("latin-1")
    path.write_bytes(text.encode("utf-8"))


def _footnote_year(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",2019,", ",2019注,", 1), encoding="utf-8")


CASES = {
    "truncated_csv": ("wdi_api", "wdi/API_NY.GDP.PCAP.CD_*.csv", _truncate),
    "wrong_encoding": ("wdi_api", "wdi/API_NY.GDP.PCAP.CD_*.csv", _utf16),
    "renamed_column": ("unctad_de", "unctad/UNCTAD_DE.csv", _rename_column("OBS_VALUE", "OBS_VAL")),
    "duplicated_keys": (
        "wdi_ddf",
        "wdi_open_numbers/ddf--datapoints--bm_gsr_nfsv_cd--*",
        _duplicate_row,
    ),
    "text_in_numeric": (
        "wdi_ddf",
        "wdi_open_numbers/ddf--datapoints--bm_gsr_nfsv_cd--*",
        _text_in_value,
    ),
    "empty_file": ("heritage", "heritage/economic_freedom_index2019_data.csv", _empty),
    "xlsx_missing_sheet": ("unsd_snaama", "unsd_snaama/*.xlsx", _drop_first_sheet),
    # China province files (issue 5)
    "china_unmapped_province": (
        "china_nbs_province",
        "china/nbs_fsnd_2021/prov/地区生产总值.csv",
        _unmapped_province,
    ),
    "china_mis_encoded": (
        "china_nbs_province",
        "china/nbs_fsnd_2021/prov/地区生产总值.csv",
        _mojibake,
    ),
    "china_footnote_year": (
        "china_nbs_province",
        "china/nbs_fsnd_2021/prov/地区生产总值.csv",
        _footnote_year,
    ),
}


def _raw_count(db: Path, table: str) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(f"select count(*) from raw.{table}").fetchone()[0]
    finally:
        con.close()


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_file_is_refused_and_good_data_stays(case, good_state, demo_raw, tmp_path):
    from warehouse.sources import SOURCES

    source_name, pattern, corrupt = CASES[case]
    source = SOURCES[source_name]
    raw = tmp_path / "raw"
    shutil.copytree(demo_raw, raw)
    db = tmp_path / "wh.duckdb"
    shutil.copy(good_state, db)
    before = _raw_count(db, source.table)
    [target] = sorted(raw.glob(pattern))
    corrupt(target)

    res = CliRunner().invoke(
        main, ["ingest", "--raw-dir", str(raw), "--db", str(db), "--source", source_name]
    )

    assert res.exit_code == 1, res.output
    failure_lines = [ln for ln in res.output.splitlines() if source_name in ln and "failed" in ln]
    assert failure_lines, res.output
    assert any(target.name in ln for ln in failure_lines), res.output
    assert _raw_count(db, source.table) == before
    con = duckdb.connect(str(db), read_only=True)
    try:
        status = con.execute(
            "select status from meta.load_log where source = ? order by finished_at desc limit 1",
            [source_name],
        ).fetchone()[0]
    finally:
        con.close()
    assert status in ("failed", "quarantined")
    if case == "text_in_numeric":  # the unparseable cell is kept, with its file, row and text
        con = duckdb.connect(str(db), read_only=True)
        try:
            cells = con.execute(
                "select file_name, row_number, column_name, raw_value from meta.rejected_cells"
            ).fetchall()
        finally:
            con.close()
        assert cells == [(target.name, 6, "bm_gsr_nfsv_cd", "abc")]


def test_missing_files_fail_the_source_only(good_state, demo_raw, tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(demo_raw, raw)
    shutil.rmtree(raw / "wgi")
    db = tmp_path / "wh.duckdb"
    shutil.copy(good_state, db)
    before = _raw_count(db, "wgi")
    res = CliRunner().invoke(main, ["ingest", "--raw-dir", str(raw), "--db", str(db)])
    assert res.exit_code == 1
    assert "wgi" in res.output and "no files found" in res.output
    assert _raw_count(db, "wgi") == before
    con = duckdb.connect(str(db), read_only=True)
    try:
        statuses = dict(
            con.execute(
                """
                select source, any_value(status) from meta.load_log
                where run_id = (select max(run_id) from meta.load_log) group by source
                """
            ).fetchall()
        )
    finally:
        con.close()
    # the other sources went through the same run: unchanged files are not read again
    assert statuses.pop("wgi") == "failed"
    absent = ["wiod_wiot", "china_nbs_exports", "china_ceads", "china_ceads_energy",
              "china_capital_inputs", "china_yearbook"]  # fmt: skip
    assert [statuses.pop(n) for n in absent] == ["absent"] * len(absent)
    assert set(statuses.values()) == {"unchanged"} and len(statuses) == 21


def test_check_reports_without_touching_the_warehouse(good_state, demo_raw, tmp_path):
    """`convergence check` runs the same reading and gates as a dry run."""
    raw = tmp_path / "raw"
    shutil.copytree(demo_raw, raw)
    [target] = sorted(raw.glob("wdi_open_numbers/ddf--datapoints--bm_gsr_nfsv_cd--*"))
    _duplicate_row(target)
    db = tmp_path / "wh.duckdb"
    shutil.copy(good_state, db)
    before = db.read_bytes()
    args = ["check", "--raw-dir", str(raw), "--db", str(db)]
    res = CliRunner().invoke(main, [*args, "--source", "wdi_api", "--source", "wdi_ddf"])
    assert res.exit_code == 1
    assert "wdi_api          passed" in res.output
    assert "expect_compound_columns_to_be_unique" in res.output and target.name in res.output
    assert db.read_bytes() == before


def test_ceads_workbook_missing_a_sheet_fails_alone(good_state, demo_raw, tmp_path):
    """One CEADs workbook without a province sheet: that file fails (named, with the sheet),
    the other years land, the source is 'partial' and the run exits 1."""
    raw = tmp_path / "raw"
    shutil.copytree(demo_raw, raw)
    db = tmp_path / "wh.duckdb"
    shutil.copy(good_state, db)
    before = _raw_count(db, "china_ceads_v2022")
    [target] = sorted(raw.glob("china/ceads_v2022/emissions/2010年*.xlsx"))
    wb = openpyxl.load_workbook(target)
    del wb["Hebei2010"]
    wb.save(target)
    res = CliRunner().invoke(
        main, ["ingest", "--raw-dir", str(raw), "--db", str(db), "--source", "china_ceads_v2022"]
    )
    assert res.exit_code == 1, res.output
    assert target.name in res.output and "Hebei2010" in res.output, res.output
    assert _raw_count(db, "china_ceads_v2022") == before  # the file keeps its last good rows
    con = duckdb.connect(str(db), read_only=True)
    try:
        by_file = dict(
            con.execute(
                """
                select file_name, status from meta.load_log
                where load_id = (select max_by(load_id, finished_at) from meta.load_log
                                 where source = 'china_ceads_v2022')
                """
            ).fetchall()
        )
    finally:
        con.close()
    # mixed file outcomes: `convergence status` shows the source as 'partial'
    assert by_file.pop(target.name) == "failed"
    assert len(by_file) == 15 and set(by_file.values()) <= {"landed", "unchanged"}
