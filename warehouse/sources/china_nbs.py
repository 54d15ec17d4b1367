"""China NBS provincial and national statistics (data.stats.gov.cn exports and scrapes).

Five layouts, all CSV, all read into the long observation table (``entity_code`` = ISO 3166-2:CN
such as ``CN-GD``, or ``CN`` for national rows; ``entity_name`` = the name as written;
``indicator_code`` = the publisher's indicator label without its unit; ``indicator_name`` = the
label as published, unit included; ``unit`` as published, e.g. ``亿元``, ``万人``, ``上年=100``):

* **fsnd long** (``nbs_fsnd_2021/prov/*.csv``, UTF-8): ``省份编码,省份,年份,<indicator(unit)>…``,
  one row per province × year. ``省份编码`` (GB/T 2260) must agree with ``省份``.
* **hgnd national** (``nbs_fsnd_2021/natl/*.csv``, UTF-8): ``年份,<indicator>…``, one row per
  year; entity ``CN``/``全国``. These headers carry no unit: the unit comes from
  :func:`national_unit` (a rule table; an indicator it does not know is a format error).
* **NBS web export, wide** (``nbs/*.csv``, GB18030): optional 3-line header block
  (``数据库：`` / ``指标：<label>(<unit>)`` / ``时间：``), then ``地区,2024年,…``,
  one row per province, then note lines (``注：…``, continuation lines,
  ``数据来源：国家统计局``). The note lines are kept out of the data and
  reported as ``note`` findings (check ``publisher_note``). A file without
  the header block (``eoocl_grp_*``) takes its indicator from :data:`HEADERLESS`.
* **work_data** (``nbs_workdata/work_data.csv``, UTF-8): ``city,exp,industry,list_2012…
  list_2021,unit``; ``industry`` is the indicator, ``exp`` its NBS definition (not landed).
* **GCAM-China yearbook population** (``gcam_china/China_Statistics_Yearbook.csv``, ASCII):
  ``#`` header lines (``# Title:``, ``# Units:`` are used), then ``Region,2000,…``; rows
  ``National Total`` (entity ``CN``), 31 provinces, ``sum`` and ``difference``. The last two are
  derived rows: they are checked (``gcam_population_sum``: ``sum`` = Σ provinces,
  ``difference`` = national − ``sum``) and not landed.

Encoding: each file is decoded strictly with UTF-8, then GB18030 (:data:`ENCODINGS`); a file
is never decoded leniently. Since a wrongly decoded file can still be valid text, every province
name must then map (:func:`~warehouse.sources.china_provinces.require_province`): a name that
does not map raises, and says when the text looks mis-decoded (mojibake).

Years: ``年`` suffixes are stripped (``2019年`` → 2019). A year header with anything else
(``2019年注``, ``2019*``) is a format error naming the column; a year *cell* in a long file that
is not an integer is a rejected cell. Empty cells are "not published". Duplicate
indicator × entity × year keys raise, naming both rows — except in ``work_data.csv``, where the
scrape repeats some indicators verbatim (the same NBS series appears in several tables, e.g.
城镇单位就业人员平均工资 three times per province): an exact repeat is dropped and reported as a
``known`` finding (``repeated_indicator``); a repeat with a different value raises. The same
holds *across* the files of one source (the national files repeat 国内生产总值, 国内生产总值指数
and 能源消费总量 in two tables each, with equal values): the first file (sorted by name) keeps the
value, the repeat is a ``known`` finding, a conflicting value raises naming both files and rows.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from warehouse.sources.base import Finding, Origin, ReadResult, Source, SourceFormatError
from warehouse.sources.china_provinces import (
    is_national,
    province_code_from_gb2260,
    require_province,
)
from warehouse.sources.csv_records import (
    CsvText,
    Record,
    check_widths,
    column_index,
    decode,
    read_records,
    require_data,
)
from warehouse.sources.long_frame import (
    FileRead,
    cells_to_long,
    concat_long,
    concat_rejected,
)

#: encodings tried, strictly, in this order
ENCODINGS: tuple[str, ...] = ("utf-8", "gb18030")

#: entity code and name of national rows
NATIONAL_CODE = "CN"
NATIONAL_NAME = "全国"

#: indicator of wide exports that lack the 数据库/指标/时间 header block, by file-name prefix
HEADERLESS: dict[str, str] = {"eoocl_grp_": "地区生产总值(亿元)"}

#: vintage by file-name prefix (first match wins); see SOURCES.md "China provinces"
VINTAGES: tuple[tuple[str, str], ...] = (
    ("renjiyi_grp_", "2025 (5th economic census revision)"),
    ("renjiyi_", "2025"),
    ("tobby_grp_", "pre-2019 (before 4th economic census revision)"),
    ("eoocl_grp_", "2023 (4th economic census revision)"),
    ("1lmq_", "2025"),
    ("work_data", "2021-2022 scrape"),
    ("China_Statistics_Yearbook", "China Statistical Yearbook to 2020 (GCAM-China copy)"),
)
#: vintage of the nbs_fsnd_2021 scrape (prov and natl)
FSND_2021_VINTAGE = "2021 (4th economic census revision)"

_MOJIBAKE_RE = re.compile(r"[\u00c0-\u00ff\ufffd]")
_YEAR_RE = re.compile(r"^\s*(\d{4})\s*年?\s*$")
_LABEL_UNIT_RE = re.compile(r"^(?P<name>.*?)\s*[(（](?P<unit>[^()（）]*)[)）]\s*$")
_NOTE_PREFIXES = ("注", "数据来源", "资料来源", "说明")
_HEADER_BLOCK = ("数据库：", "指标：", "时间：")

# National (hgnd) headers carry no unit: (substring, unit), first match wins.
_NATIONAL_UNITS: tuple[tuple[str, str], ...] = (
    ("比重", "%"),
    ("人均国内生产总值", "元/人"),
    ("城镇单位就业人员", "万人"),
    ("能源消费总量", "万吨标准煤"),
    ("天然气消费量", "亿立方米"),
    ("电力消费量", "亿千瓦小时"),
    ("煤炭消费量", "万吨"),
    ("焦炭消费量", "万吨"),
    ("原油消费量", "万吨"),
    ("汽油消费量", "万吨"),
    ("煤油消费量", "万吨"),
    ("柴油消费量", "万吨"),
    ("燃料油消费量", "万吨"),
    ("国民总收入", "亿元"),
    ("国内生产总值", "亿元"),
    ("增加值", "亿元"),
)


# --------------------------------------------------------------------------- helpers


def vintage_of(path: Path, default: str = "undated") -> str:
    """The vintage of a file from its name (:data:`VINTAGES`), else ``default``."""
    for prefix, vintage in VINTAGES:
        if path.name.startswith(prefix):
            return vintage
    return default


def split_label(label: str) -> tuple[str, str | None]:
    """``地区生产总值(亿元)`` -> ``("地区生产总值", "亿元")``; no trailing parenthesis -> None.

    Only the last parenthesis is the unit:
    ``人口数(人口抽样调查)(人)`` -> ``人口数(人口抽样调查)``, ``人``.
    """
    text = label.strip()
    m = _LABEL_UNIT_RE.match(text)
    if not m or not m.group("name"):
        return text, None
    return m.group("name").strip(), m.group("unit").strip()


def national_unit(indicator: str) -> str | None:
    """Unit of a national (hgnd) column from its label, per the rule table; ``None`` if unknown."""
    code, unit = split_label(indicator)
    if unit is not None and ("=" in unit or unit in ("%", "亿元", "万人", "元", "元/人")):
        return unit
    for needle, rule_unit in _NATIONAL_UNITS:
        if needle in code:
            return rule_unit
    return None


def parse_year_header(path: Path, text: str, line: int) -> int:
    """``2019年`` / ``2019`` -> 2019; anything else (``2019年注``, ``2019*``) raises."""
    m = _YEAR_RE.match(text)
    if not m:
        raise SourceFormatError(
            path,
            f"year column header {text!r} is not a year (expected 'YYYY' or 'YYYY年'; "
            "footnote markers are not accepted)",
            row=line,
            column=text,
        )
    return int(m.group(1))


def _decoded(path: Path) -> CsvText:
    """Strictly decoded records; leading ``#`` comment lines (GCAM header) become one-field
    records taken verbatim, so that a stray quote in a comment cannot swallow the data."""
    text, encoding = decode(path, ENCODINGS)
    lines = text.splitlines(keepends=True)
    n_comments = 0
    while n_comments < len(lines) and lines[n_comments].startswith("#"):
        n_comments += 1
    if n_comments == 0:
        return read_records(path, ENCODINGS)
    comments = [Record(i + 1, [lines[i].rstrip("\r\n")]) for i in range(n_comments)]
    reader = csv.reader(io.StringIO("".join(lines[n_comments:]), newline=""))
    records: list[Record] = []
    next_line = n_comments + 1
    for fields in reader:
        if fields and any(f != "" for f in fields):
            records.append(Record(next_line, fields))
        next_line = n_comments + reader.line_num + 1
    return CsvText(path, encoding, comments + records)


def _entity(path: Path, name: str, row: int, column: str, encoding: str) -> str:
    """ISO code of a province name (``CN`` for national totals); raises for unknown names."""
    if is_national(name):
        return NATIONAL_CODE
    hint = ""
    if _MOJIBAKE_RE.search(name):
        hint = f"the text looks mis-decoded (mojibake) as {encoding}"
    return require_province(path, name, row=row, column=column, hint=hint)


def _no_duplicates(path: Path, frame: pd.DataFrame) -> None:
    """Raise naming both rows when an indicator × entity × year key repeats."""
    key = ["indicator_code", "entity_code", "year"]
    dup = frame.duplicated(key, keep=False)
    if dup.any():
        first = frame[dup].sort_values("row_number").iloc[0]
        same = frame[dup & (frame[key] == first[key].values).all(axis=1)]
        rows = same["row_number"].tolist()
        raise SourceFormatError(
            path,
            f"duplicate key {first['indicator_code']!r} × {first['entity_name']!r} × "
            f"{int(first['year'])} in rows {rows[0]} and {rows[1]}",
            row=int(rows[1]),
        )


def _note_findings(path: Path, notes: list[Record]) -> list[Finding]:
    return [
        Finding(
            check="publisher_note",
            file_name=path.name,
            country=NATIONAL_CODE,
            year=0,
            row_code="注",
            column_code="",
            difference=0.0,
            row_number=rec.line,
            severity="note",
            reason=" ".join(f.strip() for f in rec.fields if f.strip()),
        )
        for rec in notes
    ]


def _is_note(rec: Record) -> bool:
    first = rec.fields[0].strip()
    rest_empty = not any(f.strip() for f in rec.fields[1:])
    starts = first.startswith(_NOTE_PREFIXES) or rec.fields[0][:1] in ("\u3000", " ", "\t")
    return starts and rest_empty


# ------------------------------------------------------------------ per-layout readers


def _cells(
    indicator_code: list[str] | np.ndarray,
    indicator_name: list[str] | np.ndarray,
    unit: list[str] | np.ndarray,
    entity_code: list[str] | np.ndarray,
    entity_name: list[str] | np.ndarray,
    year: list | np.ndarray,
    raw: list[str] | np.ndarray,
    row_number: list[int] | np.ndarray,
    column: list[str] | np.ndarray,
) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator_code": indicator_code,
            "indicator_name": indicator_name,
            "unit": unit,
            "entity_code": entity_code,
            "entity_name": entity_name,
            "year": pd.array([str(y) for y in year], dtype="string"),
            "raw": pd.array(list(raw), dtype="string"),
            "row_number": np.asarray(row_number, dtype=np.int64),
            "column": column,
        }
    )


def _melt(
    data: list[Record],
    value_columns: list[tuple[int, str, str, str]],
    entity_codes: list[str],
    entity_names: list[str],
    years: list[str],
) -> pd.DataFrame:
    """Cells of ``value_columns`` ``(index, indicator_code, indicator_name, unit)``, one year
    per row (long layouts)."""
    n = len(data)
    lines = [rec.line for rec in data]
    pieces = [
        _cells(
            [code] * n,
            [name] * n,
            [unit] * n,
            entity_codes,
            entity_names,
            years,
            [rec.fields[i] for rec in data],
            lines,
            [name] * n,
        )
        for i, code, name, unit in value_columns
    ]
    return pd.concat(pieces, ignore_index=True) if pieces else _cells(*([[]] * 9))


def _read_fsnd_long(path: Path, csv_text: CsvText) -> tuple[pd.DataFrame, int]:
    """``省份编码,省份,年份,<indicator(unit)>…`` (nbs_fsnd_2021/prov)."""
    header, data = csv_text.records[0], csv_text.records[1:]
    index = column_index(path, header, ("省份编码", "省份", "年份"))
    require_data(path, data)
    check_widths(path, data, len(header.fields))
    codes, names = [], []
    for rec in data:
        name = rec.fields[index["省份"]].strip()
        iso = _entity(path, name, rec.line, "省份", csv_text.encoding)
        gb = rec.fields[index["省份编码"]].strip()
        if province_code_from_gb2260(gb) != iso:
            raise SourceFormatError(
                path,
                f"省份编码 {gb!r} does not match 省份 {name!r} ({iso})",
                row=rec.line,
                column="省份编码",
            )
        codes.append(iso)
        names.append(name)
    years = [rec.fields[index["年份"]].strip().removesuffix("年") for rec in data]
    fixed = {index["省份编码"], index["省份"], index["年份"]}
    value_columns = []
    for i, label in enumerate(header.fields):
        if i in fixed or not label.strip():
            continue
        code, unit = split_label(label)
        unit = unit or national_unit(label)
        if unit is None:
            raise SourceFormatError(
                path, f"no unit in column header {label!r}", row=header.line, column=label
            )
        value_columns.append((i, code, label.strip(), unit))
    return _melt(data, value_columns, codes, names, years), len(data)


def _read_national(path: Path, csv_text: CsvText) -> tuple[pd.DataFrame, int]:
    """``年份,<indicator>…`` (nbs_fsnd_2021/natl): entity ``CN``; units from the rule table."""
    header, data = csv_text.records[0], csv_text.records[1:]
    index = column_index(path, header, ("年份",))
    require_data(path, data)
    check_widths(path, data, len(header.fields))
    years = [rec.fields[index["年份"]].strip().removesuffix("年") for rec in data]
    value_columns = []
    for i, label in enumerate(header.fields):
        if i == index["年份"] or not label.strip():
            continue
        unit = national_unit(label)
        if unit is None:
            raise SourceFormatError(
                path,
                f"unknown unit for national indicator {label!r} (add it to the unit rules)",
                row=header.line,
                column=label,
            )
        value_columns.append((i, split_label(label)[0], label.strip(), unit))
    n = len(data)
    frame = _melt(data, value_columns, [NATIONAL_CODE] * n, [NATIONAL_NAME] * n, years)
    return frame, n


def _read_wide_export(path: Path, csv_text: CsvText) -> tuple[pd.DataFrame, int, list[Finding]]:
    """NBS 分省年度数据 export: header block, ``地区,YYYY年…``, province rows, note lines."""
    records = csv_text.records
    meta: dict[str, str] = {}
    pos = 0
    while pos < len(records) and records[pos].fields[0].strip().startswith(_HEADER_BLOCK):
        text = records[pos].fields[0].strip()
        key, _, value = text.partition("：")
        meta[key] = value.strip()
        pos += 1
    if pos >= len(records) or records[pos].fields[0].strip() != "地区":
        raise SourceFormatError(
            path,
            "expected the header row '地区,YYYY年,…' after the 数据库/指标/时间 block",
            row=records[pos].line if pos < len(records) else None,
        )
    header = records[pos]
    if "指标" in meta:
        label = meta["指标"]
    else:
        label = next((v for k, v in HEADERLESS.items() if path.name.startswith(k)), "")
        if not label:
            raise SourceFormatError(
                path,
                "no '指标：' header line and the file is not a known headerless export "
                f"({', '.join(HEADERLESS)})",
                row=header.line,
            )
    code, unit = split_label(label)
    if unit is None:
        raise SourceFormatError(path, f"no unit in indicator {label!r}", row=header.line - 1)
    year_of_column: dict[int, int] = {}
    for i, text in enumerate(header.fields[1:], start=1):
        if not text.strip():
            continue
        year = parse_year_header(path, text, header.line)
        if year in year_of_column.values():
            raise SourceFormatError(
                path, f"year {year} appears twice in the header row", row=header.line, column=text
            )
        year_of_column[i] = year
    if not year_of_column:
        raise SourceFormatError(path, "no year columns in the header row", row=header.line)
    data: list[Record] = []
    notes: list[Record] = []
    for rec in records[pos + 1 :]:
        if notes or _is_note(rec):
            if not _is_note(rec):
                raise SourceFormatError(
                    path,
                    f"data row {rec.fields[0]!r} after the note lines",
                    row=rec.line,
                )
            notes.append(rec)
        else:
            data.append(rec)
    require_data(path, data)
    check_widths(path, data, len(header.fields))
    codes, names = [], []
    for rec in data:
        name = rec.fields[0].strip()
        codes.append(_entity(path, name, rec.line, "地区", csv_text.encoding))
        names.append(name)
    # one indicator, one column per year
    value_columns = [(i, code, label, unit) for i in year_of_column]
    frame = _melt_wide(data, value_columns, year_of_column, header, codes, names)
    return frame, len(data), _note_findings(path, notes)


def _melt_wide(
    data: list[Record],
    value_columns: list[tuple[int, str, str, str]],
    year_of_column: dict[int, int],
    header: Record,
    codes: list[str],
    names: list[str],
) -> pd.DataFrame:
    pieces = []
    lines = [rec.line for rec in data]
    n = len(data)
    for i, code, label, unit in value_columns:
        pieces.append(
            _cells(
                [code] * n,
                [label] * n,
                [unit] * n,
                codes,
                names,
                [year_of_column[i]] * n,
                [rec.fields[i] for rec in data],
                lines,
                [header.fields[i].strip()] * n,
            )
        )
    return pd.concat(pieces, ignore_index=True)


_WORK_REQUIRED = ("city", "exp", "industry", "unit")
_WORK_YEAR_RE = re.compile(r"^list_(\d{4})$")


def _read_work_data(path: Path, csv_text: CsvText) -> tuple[pd.DataFrame, int, list[Finding]]:
    """``city,exp,industry,list_2012..list_2021,unit``: cells, data rows, findings (repeats)."""
    header, data = csv_text.records[0], csv_text.records[1:]
    index = column_index(path, header, _WORK_REQUIRED)
    require_data(path, data)
    check_widths(path, data, len(header.fields))
    year_of_column = {}
    for i, name in enumerate(header.fields):
        m = _WORK_YEAR_RE.match(name.strip())
        if m:
            year_of_column[i] = int(m.group(1))
        elif name.strip() not in _WORK_REQUIRED:
            raise SourceFormatError(
                path, f"unexpected column {name!r}", row=header.line, column=name
            )
    if not year_of_column:
        raise SourceFormatError(path, "no list_YYYY year columns", row=header.line)
    seen: dict[tuple[str, str], Record] = {}
    kept: list[Record] = []
    findings: list[Finding] = []
    year_idx = sorted(year_of_column)
    for rec in data:
        city = rec.fields[index["city"]].strip()
        indicator = rec.fields[index["industry"]].strip()
        key = (city, indicator)
        if key in seen:
            first = seen[key]
            same = [first.fields[i].strip() for i in [*year_idx, index["unit"]]] == [
                rec.fields[i].strip() for i in [*year_idx, index["unit"]]
            ]
            if not same:
                raise SourceFormatError(
                    path,
                    f"duplicate key {indicator!r} × {city!r} in rows {first.line} and "
                    f"{rec.line} with different values",
                    row=rec.line,
                )
            findings.append(
                Finding(
                    check="repeated_indicator",
                    file_name=path.name,
                    country=_entity(path, city, rec.line, "city", csv_text.encoding),
                    year=0,
                    row_code=indicator,
                    column_code="",
                    difference=0.0,
                    row_number=rec.line,
                    severity="known",
                    reason=f"exact repeat of row {first.line} (same NBS series in several "
                    "tables of the scrape); dropped",
                )
            )
            continue
        seen[key] = rec
        kept.append(rec)
    codes, names = [], []
    for rec in kept:
        city = rec.fields[index["city"]].strip()
        codes.append(_entity(path, city, rec.line, "city", csv_text.encoding))
        names.append(city)
    pieces = []
    lines = [rec.line for rec in kept]
    n = len(kept)
    indicators = [rec.fields[index["industry"]].strip() for rec in kept]
    units = [rec.fields[index["unit"]].strip() for rec in kept]
    for i in year_idx:
        pieces.append(
            _cells(
                indicators,
                indicators,
                units,
                codes,
                names,
                [year_of_column[i]] * n,
                [rec.fields[i] for rec in kept],
                lines,
                [header.fields[i].strip()] * n,
            )
        )
    return pd.concat(pieces, ignore_index=True), len(data), findings


def _read_gcam_population(path: Path, csv_text: CsvText) -> tuple[pd.DataFrame, int, list]:
    """GCAM-China ``China_Statistics_Yearbook.csv``: ``#`` header, Region × years."""
    meta: dict[str, str] = {}
    records = csv_text.records
    pos = 0
    while pos < len(records) and records[pos].fields[0].startswith("#"):
        text = records[pos].fields[0].lstrip("#").strip()
        key, sep, value = text.partition(":")
        if sep:
            meta[key.strip()] = value.strip()
        pos += 1
    for needed in ("Title", "Units"):
        if needed not in meta:
            raise SourceFormatError(path, f"missing '# {needed}:' header line")
    if pos >= len(records):
        raise SourceFormatError(path, "no header row after the '#' lines")
    header, data = records[pos], records[pos + 1 :]
    column_index(path, header, ("Region",))
    require_data(path, data)
    check_widths(path, data, len(header.fields))
    year_of_column = {
        i: parse_year_header(path, text, header.line)
        for i, text in enumerate(header.fields)
        if i > 0 and text.strip()
    }
    derived = {"sum", "difference"}
    landed = [rec for rec in data if rec.fields[0].strip().lower() not in derived]
    extra = {rec.fields[0].strip().lower(): rec for rec in data if rec not in landed}
    codes = [_entity(path, r.fields[0].strip(), r.line, "Region", "utf-8") for r in landed]
    names = [r.fields[0].strip() for r in landed]
    code, unit = meta["Title"], meta["Units"]
    cells = _melt_wide(
        landed,
        [(i, code, code, unit) for i in year_of_column],
        year_of_column,
        header,
        codes,
        names,
    )
    findings = _gcam_checks(path, landed, codes, extra, year_of_column)
    return cells, len(data), findings


def _num(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return float("nan")


def _gcam_checks(
    path: Path,
    landed: list[Record],
    codes: list[str],
    extra: dict[str, Record],
    year_of_column: dict[int, int],
) -> list[Finding]:
    """``sum`` = Σ provinces and ``difference`` = national − sum, every year (tolerance 0.5)."""
    findings = []
    national = next((r for r, c in zip(landed, codes, strict=True) if c == NATIONAL_CODE), None)
    provinces = [r for r, c in zip(landed, codes, strict=True) if c != NATIONAL_CODE]
    for i, year in year_of_column.items():
        total = sum(_num(r.fields[i]) for r in provinces)
        checks = []
        if "sum" in extra:
            checks.append(("sum", _num(extra["sum"].fields[i]) - total, extra["sum"].line))
        if "difference" in extra and national is not None:
            diff = _num(national.fields[i]) - total - _num(extra["difference"].fields[i])
            checks.append(("difference", diff, extra["difference"].line))
        for row_code, off, line in checks:
            if not abs(off) <= 0.5:
                findings.append(
                    Finding(
                        check="gcam_population_sum",
                        file_name=path.name,
                        country=NATIONAL_CODE,
                        year=year,
                        row_code=row_code,
                        column_code=str(year),
                        difference=float(off),
                        row_number=line,
                    )
                )
    return findings


# ------------------------------------------------------------------------ dispatch


def read_file(path: Path, default_vintage: str = "undated") -> tuple[FileRead, list[Finding]]:
    """Read one China NBS CSV of any of the five layouts (detected from its first record)."""
    path = Path(path)
    csv_text = _decoded(path)
    if not csv_text.records:
        raise SourceFormatError(path, "no header and no data rows")
    first = csv_text.records[0].fields[0].strip()
    findings: list[Finding] = []
    if first == "省份编码":
        cells, n_rows = _read_fsnd_long(path, csv_text)
    elif first == "年份":
        cells, n_rows = _read_national(path, csv_text)
    elif first == "city":
        cells, n_rows, findings = _read_work_data(path, csv_text)
    elif first.startswith("#"):
        cells, n_rows, findings = _read_gcam_population(path, csv_text)
    elif first == "地区" or first.startswith(_HEADER_BLOCK):
        cells, n_rows, findings = _read_wide_export(path, csv_text)
    else:
        raise SourceFormatError(
            path,
            f"unrecognised layout: first field {first[:40]!r} (expected 省份编码, 年份, 地区, "
            "数据库：, city or a '#' header)",
            row=csv_text.records[0].line,
        )
    vintage = vintage_of(path, default_vintage)
    frame, rejected = cells_to_long(
        cells, source="china_nbs", file_name=path.name, vintage=vintage, year_column="年份"
    )
    _no_duplicates(path, frame)
    return FileRead(frame, rejected, n_rows, vintage, csv_text.encoding), findings


def _cross_file_repeats(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[Finding]]:
    """Drop exact repeats of a key in later files (``known`` findings); raise on conflicts."""
    key = ["indicator_code", "entity_code", "year", "vintage"]
    dup = frame.duplicated(key, keep="first")
    if not dup.any():
        return frame, []
    firsts = frame[~dup].set_index(key)
    findings = []
    for row in frame[dup].itertuples(index=False):
        first = firsts.loc[tuple(getattr(row, k) for k in key)]
        where = f"{first['file_name']} row {first['row_number']} and {row.file_name} row "
        where += str(row.row_number)
        if first["value"] != row.value:
            raise SourceFormatError(
                row.file_name,
                f"duplicate key {row.indicator_code!r} × {row.entity_name!r} × {row.year} "
                f"with different values in {where}",
                row=int(row.row_number),
            )
        findings.append(
            Finding(
                check="repeated_indicator",
                file_name=row.file_name,
                country=row.entity_code,
                year=int(row.year),
                row_code=row.indicator_code,
                column_code="",
                difference=0.0,
                row_number=int(row.row_number),
                severity="known",
                reason=f"same value in {where}; the repeat is dropped",
            )
        )
    return frame[~dup].reset_index(drop=True), findings


def make_reader(source: str, default_vintage: str = "undated"):
    """A ``read(paths)`` for :class:`Source` ``source`` (sets the ``source`` column)."""

    def read(paths: Sequence[Path]) -> ReadResult:
        reads: dict[str, FileRead] = {}
        findings: list[Finding] = []
        for p in paths:
            one, notes = read_file(Path(p), default_vintage)
            reads[Path(p).name] = one
            findings += notes
        frame = concat_long([r.frame for r in reads.values()])
        frame, repeats = _cross_file_repeats(frame)
        findings += repeats
        frame["source"] = pd.array([source] * len(frame), dtype="string")
        return ReadResult(
            frame=frame,
            rejected=concat_rejected([r.rejected for r in reads.values()]),
            rows_read={name: r.rows_read for name, r in reads.items()},
            vintages={name: r.vintage for name, r in reads.items()},
            encodings={name: r.encoding for name, r in reads.items() if r.encoding},
            findings=findings,
        )

    return read


# ------------------------------------------------------------------------- sources

_NBS_URL = "https://data.stats.gov.cn/easyquery.htm?cn=E0103"
_NBS_LICENCE = "none stated; public NBS data"
_FSND_CITATION = (
    "National Bureau of Statistics of China, data.stats.gov.cn (分省年度数据 fsnd and 年度数据 "
    "hgnd), scraped 2021; copied from 3112944976/National-Visualization-Web-Application "
    "@582d20bf (files added in 2e3008c5)."
)

CHINA_NBS_PROVINCE = Source(
    name="china_nbs_province",
    table="china_nbs_province",
    patterns=("china/nbs_fsnd_2021/prov/*.csv",),
    origin=Origin(
        publisher="National Bureau of Statistics of China",
        dataset="分省年度数据 (fsnd): GRP and value added by branch, GRP indices, urban-unit "
        "employment by 19 sections, FAI price index, energy intensity",
        edition=FSND_2021_VINTAGE,
        url=_NBS_URL,
        licence=_NBS_LICENCE,
        citation=_FSND_CITATION,
    ),
    grain=("indicator_code", "entity_code", "year"),
    read=make_reader("china_nbs_province", FSND_2021_VINTAGE),
    description=(
        "31 provinces × 2000-2019, one file per NBS table (long: 省份编码,省份,年份,<indicator>…); "
        "GRP/VA in the 4th-economic-census vintage; employment by section 2008-2019."
    ),
    known_units=("亿元", "元/人", "万人", "上年=100", "吨标准煤/万元", "千瓦小时/万元", "%"),
    min_rows=10_000,
    max_rows=60_000,
    domain_checks=("repeated_indicator",),
    known_defects=(
        "按行业分城镇单位就业人员: 2000-2007 empty; 房地产业 has 30 provinces in 2008-2011 and "
        "居民服务 29 in 2008-2012 and 2018; series break in 2013 (wider coverage).",
        "地区生产总值: 其他行业 is a residual; the six tertiary branches do not add to the "
        "tertiary total exactly.",
        "能源消耗指标: intensity only, patchy (mostly 2005-2009), 30 provinces.",
    ),
)

CHINA_NBS_NATIONAL = Source(
    name="china_nbs_national",
    table="china_nbs_national",
    patterns=("china/nbs_fsnd_2021/natl/*.csv",),
    origin=Origin(
        publisher="National Bureau of Statistics of China",
        dataset="年度数据 (hgnd): GDP, VA by 9 branches, indices, urban-unit employment by "
        "section, energy consumption",
        edition=FSND_2021_VINTAGE,
        url="https://data.stats.gov.cn/easyquery.htm?cn=C01",
        licence=_NBS_LICENCE,
        citation=_FSND_CITATION,
    ),
    grain=("indicator_code", "entity_code", "year"),
    read=make_reader("china_nbs_national", FSND_2021_VINTAGE),
    description=(
        "National series 2000-2019 (entity CN), one row per year; headers carry no unit, the "
        "unit comes from the reader's rule table."
    ),
    known_units=(
        "亿元",
        "元/人",
        "万人",
        "上年=100",
        "万吨标准煤",
        "%",
        "万吨",
        "亿立方米",
        "亿千瓦小时",
    ),
    min_rows=500,
    max_rows=10_000,
    domain_checks=("repeated_indicator",),
    known_defects=(
        "No manufacturing VA row (NBS does not publish it in hgnd).",
        "2019 energy consumption (487,000) is a preliminary value; sector breakdown empty.",
        "Employment by section from 2003 only (total from 2000).",
    ),
)

CHINA_NBS_EXPORTS = Source(
    name="china_nbs_exports",
    table="china_nbs_exports",
    patterns=("china/nbs/*.csv",),
    origin=Origin(
        publisher="National Bureau of Statistics of China",
        dataset="分省年度数据 web-database CSV exports: GRP (three vintages), urban-unit and "
        "private/individual employment, resident population, sample-survey population",
        edition="per file: GRP pre-2019 (tobby), 4th census (eoocl), 5th census 2025 (renjiyi)",
        url=_NBS_URL,
        licence=_NBS_LICENCE,
        citation=(
            "National Bureau of Statistics of China, data.stats.gov.cn exports; copied from "
            "RenJiyi163/panel_data_analysis_for_thesis @756964b1, Tobby-star/dynamic_datas "
            "@785e857d, eoocl/work @fef20326, 1lmq/FYP_QMM2_Chinese_Railways @5ed1c674."
        ),
    ),
    grain=("indicator_code", "entity_code", "year", "vintage"),
    read=make_reader("china_nbs_exports"),
    description=(
        "GB18030 wide exports (地区 × YYYY年), one indicator per file; the GRP files are three "
        "different vintages — never splice them (the vintage is part of the grain)."
    ),
    known_units=("亿元", "万人", "人"),
    min_rows=1_000,
    max_rows=20_000,
    known_defects=(
        "人口数(人口抽样调查) are sample counts, not population totals (1% samples in 2005/2015).",
        "eoocl_grp_2019-2022.csv has no 数据库/指标/时间 header block (indicator from the reader).",
    ),
    domain_checks=("publisher_note", "repeated_indicator"),
    # not needed by marts.province_panel; the demo data do not include it
    optional=True,
)

CHINA_NBS_EMPLOYMENT_WAGES = Source(
    name="china_nbs_employment_wages",
    table="china_nbs_employment_wages",
    patterns=("china/nbs_workdata/work_data*.csv",),
    origin=Origin(
        publisher="National Bureau of Statistics of China",
        dataset="分省年度数据 就业人员和工资 block (employment by section, private and "
        "individual employment, wages, registered unemployment)",
        edition="2021-2022 scrape, years 2012-2021 (2021 empty)",
        url=_NBS_URL,
        licence="none stated; public NBS data",
        citation=(
            "National Bureau of Statistics of China, data.stats.gov.cn; copied from "
            "gdit-ai/ershou_mall12 @c6460441 (work_data.csv, blob bef73e44)."
        ),
    ),
    grain=("indicator_code", "entity_code", "year"),
    read=make_reader("china_nbs_employment_wages"),
    description=(
        "31 provinces × 124 indicators × 2012-2020; adds 2020 to the urban-unit employment by "
        "section panel (equal to nbs_fsnd_2021 in 2012-2019)."
    ),
    known_units=("万人", "元", "亿元", "万户", "%"),
    min_rows=10_000,
    max_rows=60_000,
    known_defects=(
        "Some indicators are repeated verbatim (城镇单位就业人员平均工资 ×3, "
        "城镇单位就业人员工资总额 ×2, 城镇集体单位就业人员平均工资 ×2 per province); "
        "repeats are dropped (known findings).",
        "list_2021 is empty.",
    ),
    domain_checks=("repeated_indicator",),
)

CHINA_POPULATION = Source(
    name="china_population",
    table="china_population",
    patterns=("china/gcam_china/China_Statistics_Yearbook*.csv",),
    origin=Origin(
        publisher="National Bureau of Statistics of China (via GCAM-China)",
        dataset="China Statistical Yearbook: population at year-end by region",
        edition="2000-2019 (usual residents since 2005)",
        url="https://github.com/umd-cgs/gcam-china",
        licence="ECL-2.0 (GCAM repository); data from NBS",
        citation=(
            "NBS, China Statistical Yearbook, via umd-cgs/gcam-china @99a28acd "
            "input/gcamdata/inst/extdata/gcam-china/China_Statistics_Yearbook.csv."
        ),
    ),
    grain=("indicator_code", "entity_code", "year"),
    read=make_reader("china_population"),
    description=(
        "Year-end population (10000 persons), National Total (CN) and 31 provinces, 2000-2019; "
        "the file's sum and difference rows are checked, not landed."
    ),
    known_units=("10000 persons",),
    min_rows=500,
    max_rows=1_000,
    known_defects=(
        "Transcribed from a stored text copy; git blob not verified (SOURCES.md).",
        "The 31 provinces do not add to the national total (difference row, up to 2,152).",
    ),
    domain_checks=("gcam_population_sum",),
)

#: all China NBS sources of this module (not registered here; see warehouse.sources)
SOURCES: tuple[Source, ...] = (
    CHINA_NBS_PROVINCE,
    CHINA_NBS_NATIONAL,
    CHINA_NBS_EXPORTS,
    CHINA_NBS_EMPLOYMENT_WAGES,
    CHINA_POPULATION,
)
