"""Provincial energy consumption (EPS) and MEIC provincial CO2 for China.

**EPS** ``china/eps_energy/消费量.xlsx`` (EPS 中国能源数据库-年度（分省）, NBS / China Energy
Statistical Yearbook figures): one sheet; row 1 is ``'', '', 1990 … 2019`` (years as text);
each further row is ``indicator（unit）, province (Chinese short name), value …`` with values as
text (``'2709.00000'``) and blanks for not published. Twelve indicators: 能源消费量（万吨标煤）
(31 rows incl. Tibet), coal, coke, oil, crude oil, gasoline, kerosene, diesel, fuel oil, LPG
(万吨), natural gas (亿立方米), electricity (亿千瓦小时), 29-30 provinces each.
``indicator_code`` is the indicator without its unit (``能源消费量``); ``unit`` is the unit in
its brackets as published (``万吨标煤``).

Known features, reported as :class:`Finding` s (severity ``known``):

* Tibet is blank except 2002-2003 of 能源消费量, which are an exact copy of Shaanxi's: every
  Tibet value equal to Shaanxi's in the same indicator and year is **discarded** (not landed)
  and reported (``eps_tibet_copy``);
* 2013 level break: NBS revised provincial energy data from 2013 on only (2005-2012 carry
  decimals, 2013+ integers); each province whose 能源消费量 falls by more than 5 % from 2012 to
  2013 is reported (``eps_2013_break``, difference = 2013 − 2012).

**MEIC** ``china/meic/1990-2023分省份碳排放-MEIC.xlsx`` (MEIC-China-CO2, Tsinghua, last update
2025-07-10): sheet ``MEIC-China-CO2 total emissions``; rows 1-7 metadata (``Unit`` row:
``million tonnes of CO2``), row 9 header ``Province, Province_code, Sector, 1990 … 2023``, rows
10-40 the 31 provinces (Tibet included), sector ``total``. The other three sheets are
definitions and are not read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from warehouse.sources.base import Finding, Origin, ReadResult, Source, SourceFormatError
from warehouse.sources.china_ceads import open_workbook, sheet_rows
from warehouse.sources.china_provinces import require_province
from warehouse.sources.long_frame import FileRead, cells_to_long, read_each

EPS_VINTAGE = "EPS export via TJJM 81963934"
EPS_TOTAL = "能源消费量"
EPS_UNIT = "万吨标煤"
#: relative fall from 2012 to 2013 reported as the NBS 2013 revision break
BREAK_THRESHOLD = 0.05
MEIC_SHEET = "MEIC-China-CO2 total emissions"
_LABEL_RE = re.compile(r"^(?P<name>.+?)\s*[（(](?P<unit>[^()（）]+)[)）]\s*$")
_YEAR_TEXT = re.compile(r"^\d{4}(\.0)?$")
_UPDATE_RE = re.compile(r"last update:\s*(\d{4}-\d{2}-\d{2})")


def _text(cell: object) -> str:
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return "" if cell is None else str(cell).strip()


def _year_columns(path: Path, header: list[object], first: int, row: int) -> list[tuple[int, int]]:
    """``(column index, year)`` of the year columns from ``first`` on; error if none/not years."""
    cols = []
    for j in range(first, len(header)):
        text = _text(header[j])
        if not text:
            continue
        if not _YEAR_TEXT.match(text):
            raise SourceFormatError(path, f"header cell {text!r} is not a year", row=row)
        cols.append((j, int(float(text))))
    if not cols:
        raise SourceFormatError(path, "no year columns in the header", row=row)
    return cols


# --------------------------------------------------------------------------- EPS
def read_eps_file(path: Path) -> tuple[FileRead, list[Finding]]:
    """The EPS provincial energy workbook -> ``(FileRead, known findings)``."""
    path = Path(path)
    book = open_workbook(path)
    if not book.sheet_names:
        raise SourceFormatError(path, "workbook has no sheets")
    sheet = book.sheet_names[0]
    rows = sheet_rows(path, book, sheet)
    if len(rows) < 2:
        raise SourceFormatError(path, f"sheet {sheet!r}: no data rows")
    years = _year_columns(path, rows[0], 2, 1)
    records, seen = [], {}
    for i, row in enumerate(rows[1:], start=2):
        label, prov = _text(row[0]), _text(row[1])
        if not label and not prov and not any(_text(row[j]) for j, _ in years):
            continue  # blank line
        m = _LABEL_RE.match(label)
        if not m:
            raise SourceFormatError(
                path, f"indicator {label!r} is not '<name>（<unit>）'", row=i, column="A"
            )
        code = require_province(path, prov, row=i, column="B")
        key = (m.group("name"), code)
        if key in seen:
            raise SourceFormatError(
                path, f"{key[0]} / {prov}: second row (first at row {seen[key]})", row=i
            )
        seen[key] = i
        records.append((i, m.group("name"), m.group("unit"), code, prov, row))
    if not records:
        raise SourceFormatError(path, f"sheet {sheet!r}: no data rows")
    if not any(r[1] == EPS_TOTAL for r in records):
        raise SourceFormatError(path, f"no {EPS_TOTAL} rows (total energy consumption)")
    n_y = len(years)
    cells = pd.DataFrame(
        {
            "indicator_code": np.repeat([r[1] for r in records], n_y),
            "indicator_name": np.repeat([f"{r[1]}（{r[2]}）" for r in records], n_y),
            "unit": np.repeat([r[2] for r in records], n_y),
            "entity_code": np.repeat([r[3] for r in records], n_y),
            "entity_name": np.repeat([r[4] for r in records], n_y),
            "year": np.tile([y for _, y in years], len(records)),
            "raw": pd.Series([r[5][j] for r in records for j, _ in years], dtype=object),
            "row_number": np.repeat([r[0] for r in records], n_y),
            "column": np.tile([str(y) for _, y in years], len(records)),
        }
    )
    frame, rejected = cells_to_long(
        cells, source="china_eps_energy", file_name=path.name, vintage=EPS_VINTAGE
    )
    frame, findings = _eps_known(path.name, frame)
    return FileRead(frame, rejected, len(records), EPS_VINTAGE, None), findings


def _eps_known(file_name: str, frame: pd.DataFrame) -> tuple[pd.DataFrame, list[Finding]]:
    """Drop Tibet values copied from Shaanxi; report them and the 2013 break."""
    findings: list[Finding] = []
    key = ["indicator_code", "year"]
    tibet = frame[frame["entity_code"] == "CN-XZ"]
    shaanxi = frame[frame["entity_code"] == "CN-SN"][[*key, "value"]]
    both = tibet.reset_index().merge(shaanxi, on=key, suffixes=("", "_sn"))
    copied = both[both["value"] == both["value_sn"]]
    for r in copied.itertuples():
        findings.append(
            Finding(
                "eps_tibet_copy", file_name, "CN-XZ", int(r.year), str(r.indicator_code),
                str(r.year), 0.0, int(r.row_number), "known",
                "EPS 消费量.xlsx: Tibet's value equals Shaanxi's (a copy; Tibet is not "
                "published) - discarded (data-notes Part C)",
            )
        )  # fmt: skip
    frame = frame.drop(index=copied["index"]).reset_index(drop=True)
    total = frame[frame["indicator_code"] == EPS_TOTAL]
    wide = total.pivot(index="entity_code", columns="year", values="value")
    rows = total.set_index(["entity_code", "year"])["row_number"]
    if 2012 in wide.columns and 2013 in wide.columns:
        change = wide[2013] - wide[2012]
        falls = change[(change < -BREAK_THRESHOLD * wide[2012])].dropna()
        for code, diff in falls.items():
            findings.append(
                Finding(
                    "eps_2013_break", file_name, str(code), 2013, EPS_TOTAL, "2013",
                    float(diff), int(rows[(code, 2013)]), "known",
                    "NBS revised provincial energy consumption from 2013 on only (2005-2012 "
                    "carry the 2nd-census decimals, 2013+ integers): level break 2012->2013",
                )
            )  # fmt: skip
    return frame, findings


def read_eps(paths: Sequence[Path]) -> ReadResult:
    """Read the EPS provincial energy workbook(s)."""
    findings: list[Finding] = []

    def one(path: Path) -> FileRead:
        read, found = read_eps_file(path)
        findings.extend(found)
        return read

    result = read_each(paths, one)
    result.findings = findings
    return result


# --------------------------------------------------------------------------- MEIC
def read_meic_file(path: Path) -> FileRead:
    """The MEIC provincial CO2 workbook (sheet ``MEIC-China-CO2 total emissions``)."""
    path = Path(path)
    book = open_workbook(path)
    if MEIC_SHEET not in book.sheet_names:
        raise SourceFormatError(
            path, f"missing sheet {MEIC_SHEET!r} (found {', '.join(book.sheet_names)})"
        )
    rows = sheet_rows(path, book, MEIC_SHEET)
    head = next((i for i, r in enumerate(rows[:30]) if _text(r[0]) == "Province"), None)
    if head is None:
        raise SourceFormatError(path, f"sheet {MEIC_SHEET!r}: no header row 'Province, …'")
    header = [_text(c) for c in rows[head]]
    for j, want in enumerate(("Province", "Province_code", "Sector")):
        if j >= len(header) or header[j] != want:
            raise SourceFormatError(
                path, f"header column {j + 1} is not {want!r}", row=head + 1, column=want
            )
    meta = {_text(r[0]): _text(r[1]) if len(r) > 1 else "" for r in rows[:head]}
    unit = meta.get("Unit", "")
    if not unit:
        raise SourceFormatError(path, f"sheet {MEIC_SHEET!r}: no 'Unit' row above the header")
    found = _UPDATE_RE.search(_text(rows[0][0])) if rows else None
    vintage = found.group(1) if found else "undated"
    years = _year_columns(path, rows[head], 3, head + 1)
    records = []
    for i in range(head + 1, len(rows)):
        row = rows[i]
        if not any(_text(c) for c in row):
            continue
        prov = _text(row[0])
        code = require_province(path, prov, row=i + 1, column="Province")
        records.append((i + 1, code, prov, _text(row[2]) or "total", row))
    n_y = len(years)
    cells = pd.DataFrame(
        {
            "indicator_code": np.repeat([r[3] for r in records], n_y),
            "indicator_name": np.repeat([f"CO2 emissions, {r[3]}" for r in records], n_y),
            "unit": unit,
            "entity_code": np.repeat([r[1] for r in records], n_y),
            "entity_name": np.repeat([r[2] for r in records], n_y),
            "year": np.tile([y for _, y in years], len(records)),
            "raw": pd.Series([r[4][j] for r in records for j, _ in years], dtype=object),
            "row_number": np.repeat([r[0] for r in records], n_y),
            "column": np.tile([str(y) for _, y in years], len(records)),
        }
    )
    frame, rejected = cells_to_long(
        cells, source="china_meic", file_name=path.name, vintage=vintage
    )
    dup = frame.duplicated(["indicator_code", "entity_code", "year"])
    if dup.any():
        r = frame[dup].iloc[0]
        raise SourceFormatError(
            path, f"second row for {r['entity_name']} / {r['indicator_code']}", row=r["row_number"]
        )
    return FileRead(frame, rejected, len(records), vintage, None)


def read_meic(paths: Sequence[Path]) -> ReadResult:
    """Read the MEIC provincial CO2 workbook(s)."""
    return read_each(paths, read_meic_file)


# --------------------------------------------------------------------------- sources
CHINA_EPS_ENERGY = Source(
    name="china_eps_energy",
    table="china_eps_energy",
    patterns=("china/eps_energy/消费量.xlsx",),
    origin=Origin(
        publisher="EPS China Data (中国能源数据库), from NBS / China Energy Statistical Yearbook",
        dataset="Provincial energy consumption by energy type, annual "
        "(中国能源数据库-年度（分省）)",
        edition="export 消费量.xlsx, github.com/fallingsnow1111/TJJM Raw/省份维度/能源相关/ @ "
        "81963934 (added 2026-04-24)",
        url="https://www.epsnet.com.cn/",
        licence="none stated; EPS is a commercial platform, the figures are NBS statistics",
        citation="National Bureau of Statistics, China Energy Statistical Yearbook; via EPS.",
    ),
    grain=("indicator_code", "entity_code", "year"),
    read=read_eps,
    description="Provincial energy consumption 1990-2019: 能源消费量 (万吨标煤; 30 provinces, "
    "2004-2019 complete; no Tibet) and 11 fuels in physical units.",
    known_units=(EPS_UNIT, "万吨", "亿立方米", "亿千瓦小时"),
    min_rows=30 * 16,
    max_rows=12 * 31 * 40,
    known_defects=(
        "Tibet is not published; its 2002-2003 能源消费量 are a copy of Shaanxi's and are "
        "discarded (finding eps_tibet_copy).",
        "Level break in 2013: NBS revised provincial energy data from 2013 on only "
        "(finding eps_2013_break for falls > 5 %).",
        "1991-1994 are empty for most series; fuel series stop in 2015 for some provinces.",
    ),
    domain_checks=("eps_tibet_copy", "eps_2013_break"),
)

CHINA_MEIC = Source(
    name="china_meic",
    table="china_meic",
    patterns=("china/meic/*MEIC*.xlsx",),
    origin=Origin(
        publisher="MEIC team, Tsinghua University",
        dataset="MEIC-China-CO2 provincial CO2 emissions (fossil fuel combustion and cement "
        "process), total by province",
        edition="last update 2025-07-10, 1990-2023; github.com/fallingsnow1111/TJJM "
        "Raw/省份维度/碳排放相关/ @ 81963934",
        url="http://meicmodel.org.cn/",
        licence="MEIC products: non-commercial use only; cite meicmodel.org.cn and the papers",
        citation="Li M. et al. (2017) Natl. Sci. Rev. 4:834-866; Zheng B. et al. (2018) "
        "Atmos. Chem. Phys. 18:14095-14111; Xu R. et al. (2023) Sci. China Earth Sci. 67(2).",
    ),
    grain=("indicator_code", "entity_code", "year"),
    read=read_meic,
    description="MEIC provincial CO2 totals, million tonnes of CO2, 31 provinces (Tibet "
    "included) x 1990-2023.",
    known_units=("million tonnes of CO2",),
    min_rows=31 * 30,
    max_rows=31 * 60,
    known_defects=("Non-commercial licence.", "Only the province totals (sector 'total')."),
)
