"""Provincial statistical yearbook tables (省统计年鉴), user-supplied: VA and employment by section.

Fills the gaps of data-notes Part C ("Still missing"): provincial value added of I (信息传输、
软件和信息技术服务业), L (租赁和商务服务业) and M (科学研究和技术服务业), and urban-unit
employment by section for 2004-2007. Files: ``china/yearbook/*.xlsx`` and
``china/yearbook/*.csv``, one table per file, as downloaded from CNKI's 中国经济社会大数据研究平台
(or typed in from a scanned yearbook).

**No real yearbook file was available when this reader was written.** The layout below is the
one described for CNKI/yearbook Excel tables and is tested on generated files only
(``tests/fixtures/yearbook_files.py``); every deviation from it raises
:class:`SourceFormatError` or produces rejected cells rather than being guessed at.

Supported layout (one sheet, or one CSV)
----------------------------------------
1. **Rows above the header**: a title row (e.g. ``广东统计年鉴2008``, ``2-5 分行业增加值``,
   ``广东省分行业城镇单位就业人员``) and a unit row (a cell ``单位：亿元`` / ``单位: 万人``, in any
   column, possibly in the title row itself); the unit may instead be in parentheses in a title
   or label cell (``分行业增加值（亿元）``, ``项目(万人)``). Any number of such rows.
2. **Header row**, one of two variants:

   * *years across* (the main variant): the first row with a year-like cell after the label
     column(s). Every non-empty header cell from the first year on must be ``YYYY`` or
     ``YYYY年`` (text or number, 1900-2099); a year cell with anything else (``2019注``,
     ``2019*``, ``2019①``, ``2019年比上年增长%``) is a :class:`SourceFormatError` naming the
     file, row and column. A repeated year is an error. The columns before the first year are
     label columns (``项目`` / ``行业`` / a separate section-letter column).
   * *single year* (less sure): a header row without years (``项目 | 合计 | 国有单位 | 集体单位
     | 其他``). The data year comes from the title (``2007年…``; ``2008年鉴`` is an edition, not
     a data year); the value column is the first header named like a total (:data:`VALUE_HEADERS`:
     ``合计``, ``总计``, ``增加值``, ``城镇单位就业人员``, ``年末人数`` …). The other columns
     (ownership breakdowns, shares, growth rates) are not landed; each is reported as a ``note``
     finding (check ``column_not_read``). No total-like header is an error.

   Multi-row (merged) headers are **not** supported: the second header row has no label and
   becomes rejected cells (``row has values but no industry label``).
3. **Industry rows**: the label (label columns joined) names a GB/T 4754 section, in the
   2011/2017 wording or a known earlier variant (:data:`SECTION_NAMES`), optionally with the
   section letter (``I 信息传输…``, ``I、…``, ``…(I)``, or a separate letter column) and with
   decorations ``其中：``, ``#``, ``（一）``/``1.`` numbering, spaces and full-width forms
   removed. Totals (``合计``, ``总计``, ``地区生产总值``, ``<省>生产总值``,
   ``城镇单位就业人员`` …) become section ``total``; the three-sector rows and 工业 become
   ``primary`` / ``secondary`` / ``tertiary`` / ``industry`` (B+C+D). A label that maps to none
   of them makes every non-empty value cell of its row a rejected cell (never silently dropped);
   a label row without values (a heading such as ``按行业分``) carries no data and is skipped.
   A letter that contradicts the name under both GB/T 4754-2011 and -2002 lettering (the 2002
   scheme letters transport F, IT G, trade H, hotels I) makes the row's cells rejected.
4. **Footnote rows**: from the first row whose first text starts with ``注`` / ``说明`` /
   ``资料来源`` / ``数据来源`` / ``备注`` to the end; each is a ``note`` finding (check
   ``publisher_note``), none is landed. A row with values after a footnote row is an error.

Cells: numbers or numeric text; empty, ``-``, ``—``, ``…`` are "not published" (no row);
anything else is a rejected cell. Row numbers are 1-based sheet rows (xlsx) or physical lines
(CSV). A workbook with more than one non-empty sheet is an error (save one table per file).
Excel lock files (``~$*.xlsx``) are not tables and are skipped.

Kind, unit, province, vintage
-----------------------------
* **unit** ``亿元`` → value added, indicator ``va:<section>``; ``万人`` → urban-unit employment,
  ``emp:<section>``. Any other unit (``万元``, ``人``) is an error (values are never rescaled);
  no unit is an error. A title saying 增加值/生产总值 with unit 万人, or 就业/从业/职工 with 亿元,
  is an error.
* **province** from the file name (a token mapped by
  :func:`~warehouse.sources.china_provinces.province_code`, ``Guangdong_va_by_industry.xlsx``,
  or a Chinese province name inside it, ``广东_分行业增加值.xlsx``) or else from a title cell
  (``广东统计年鉴``). No province, or two different ones (file name vs title), is a
  :class:`SourceFormatError` naming the file. ``entity_code`` is the ISO 3166-2:CN code,
  ``entity_name`` the name as written.
* **vintage**: the yearbook edition from the file name (``…_2008年鉴.xlsx``,
  ``…_yb2008…``, ``…yearbook2008…``) or else from the title (``广东统计年鉴2008``,
  ``2008 年鉴``, ``统计年鉴（2008）``), written ``yearbook 2008``; else ``undated``. A bare
  year in the file name is not taken as an edition. File name and title disagreeing is an error.

CSV: decoded strictly, UTF-8 then GB18030 (:data:`ENCODINGS`); never leniently. Text that
decodes but looks mis-decoded (Latin-1 letters and no Chinese: UTF-8 mojibake of GB18030
bytes) is an error.

Duplicates: the same section twice in one file is an error naming both rows. The same province ×
indicator × year in two files (two yearbook editions, or a VA table and a 3-sector table) is an
error naming both files — the editions are revised after each economic census, so the user
must keep one — unless the values are equal: then the first file (sorted by name) keeps it
and the repeat is a ``known`` finding (check ``repeated_value``).

Not covered: ``.xls`` (old binary Excel; save as xlsx), years-as-rows (transposed) tables (their
header has industry names, not years, and no total-like value column: error), multi-row
headers, tables with several provinces (the 分地区 tables), units other than 亿元/万人.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from warehouse.sources.base import (
    REJECTED_COLUMNS,
    Finding,
    Origin,
    ReadResult,
    Source,
    SourceFormatError,
)
from warehouse.sources.china_ceads import open_workbook, sheet_rows
from warehouse.sources.china_provinces import PROVINCES, province_code, require_province
from warehouse.sources.csv_records import read_records
from warehouse.sources.long_frame import (
    FileRead,
    cells_to_long,
    concat_long,
    concat_rejected,
    empty_rejected,
)

SOURCE_NAME = "china_yearbook"
#: encodings tried, strictly, in this order (CSV)
ENCODINGS: tuple[str, ...] = ("utf-8", "gb18030")
UNDATED = "undated"
#: unit -> table kind (indicator prefix)
UNIT_KIND: dict[str, str] = {"亿元": "va", "万人": "emp"}
KIND_UNIT: dict[str, str] = {kind: unit for unit, kind in UNIT_KIND.items()}
KIND_NAME: dict[str, str] = {"va": "value added", "emp": "urban-unit employment"}
#: cell texts meaning "not published"
MISSING: tuple[str, ...] = ("", "-", "--", "—", "——", "－", "…", "……", "...")

#: GB/T 4754-2011 section -> (2011/2017 name, earlier or common variants). Matching ignores
#: whitespace and the punctuation 、，,·; so 农林牧渔业 = 农、林、牧、渔业.
SECTION_NAMES: dict[str, tuple[str, ...]] = {
    "A": ("农、林、牧、渔业", "农林牧渔业", "农、林、牧、渔"),
    "B": ("采矿业", "采掘业"),
    "C": ("制造业",),
    "D": (
        "电力、热力、燃气及水生产和供应业",
        "电力、热力、燃气及水的生产和供应业",
        "电力、燃气及水的生产和供应业",
        "电力、燃气及水生产和供应业",
        "电力、煤气及水的生产和供应业",
        "电力、热力、燃气及水生产与供应业",
    ),
    "E": ("建筑业",),
    "F": ("批发和零售业", "批发零售业", "批发和零售贸易业", "批发与零售业"),
    "G": ("交通运输、仓储和邮政业", "交通运输、仓储及邮政业", "交通运输、仓储邮政业"),
    "H": ("住宿和餐饮业", "住宿餐饮业", "住宿与餐饮业"),
    "I": (
        "信息传输、软件和信息技术服务业",
        "信息传输、计算机服务和软件业",
        "信息传输、计算机服务及软件业",
        "信息传输、软件及信息技术服务业",
    ),
    "J": ("金融业", "金融保险业"),
    "K": ("房地产业",),
    "L": ("租赁和商务服务业", "租赁及商务服务业"),
    "M": (
        "科学研究和技术服务业",
        "科学研究、技术服务和地质勘查业",
        "科学研究、技术服务及地质勘查业",
        "科学研究与技术服务业",
    ),
    "N": ("水利、环境和公共设施管理业", "水利、环境及公共设施管理业"),
    "O": (
        "居民服务、修理和其他服务业",
        "居民服务和其他服务业",
        "居民服务、修理及其他服务业",
        "居民服务及其他服务业",
    ),
    "P": ("教育",),
    "Q": ("卫生和社会工作", "卫生、社会保障和社会福利业", "卫生、社会保障及社会福利业"),
    "R": ("文化、体育和娱乐业", "文化、体育及娱乐业"),
    "S": (
        "公共管理、社会保障和社会组织",
        "公共管理和社会组织",
        "公共管理、社会保障及社会组织",
    ),
    "T": ("国际组织",),
}
#: GB/T 4754-2011 section -> its letter in GB/T 4754-2002 (F-I are permuted)
LETTER_2002: dict[str, str] = {s: s for s in SECTION_NAMES} | {
    "F": "H",
    "G": "F",
    "H": "I",
    "I": "G",
}
#: labels of aggregate rows kept under their own codes
AGGREGATE_NAMES: dict[str, tuple[str, ...]] = {
    "total": (
        "合计",
        "总计",
        "总计数",
        "地区生产总值",
        "生产总值",
        "全省生产总值",
        "全市生产总值",
        "全区生产总值",
        "全省",
        "全市",
        "全区",
        "全省合计",
        "城镇单位就业人员",
        "城镇单位从业人员",
        "城镇非私营单位就业人员",
        "城镇非私营单位从业人员",
        "就业人员合计",
        "从业人员合计",
    ),
    "primary": ("第一产业",),
    "secondary": ("第二产业",),
    "tertiary": ("第三产业",),
    "industry": ("工业",),
}
#: single-year tables: headers of the value column (first match wins)
VALUE_HEADERS: tuple[str, ...] = (
    "合计",
    "总计",
    "增加值",
    "地区生产总值",
    "生产总值",
    "绝对数",
    "绝对值",
    "就业人员",
    "从业人员",
    "城镇单位就业人员",
    "城镇非私营单位就业人员",
    "城镇非私营单位从业人员",
    "年末人数",
    "年末就业人员",
    "年末从业人员",
)
_NOTE_PREFIXES = ("注", "说明", "资料来源", "数据来源", "备注")
_VA_WORDS = ("增加值", "生产总值", "GDP")
_EMP_WORDS = ("就业", "从业", "职工")
_PUNCT_RE = re.compile(r"[\s\u3000\u00a0、，,·・]+")
_DECOR_RE = re.compile(
    r"^(?:其中[:：]?|#|＃|\*|[(（]?[一二三四五六七八九十]+[)）、.．]|[(（]\d+[)）]|\d+[.．、])\s*"
)
_LEAD_LETTER_RE = re.compile(r"^([A-Ta-t])(?:[\s.、:：．]+|(?=[\u4e00-\u9fff]))(.+)$")
_TRAIL_LETTER_RE = re.compile(r"^(.+?)\s*[(（]\s*([A-Ta-t])\s*[)）]$")
_LETTER_ONLY_RE = re.compile(r"^[A-Ta-t]$")
_NUMBER_RE = re.compile(r"[+-]?\d+(?:\.\d*)?(?:[eE][+-]?\d+)?")
_YEARISH_RE = re.compile(r"^(?:19|20)\d{2}")
_YEAR_RE = re.compile(r"^((?:19|20)\d{2})\s*年?$")
_DATA_YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年(?!鉴)")
_UNIT_CELL_RE = re.compile(r"单位\s*[:：]\s*([^\s,，;；)）]+)")
_UNIT_PAREN_RE = re.compile(r"[(（]\s*(亿元|万元|元|万人|人)\s*[)）]")
_EDITION_TEXT_RES = (
    re.compile(r"((?:19|20)\d{2})\s*年鉴"),
    re.compile(r"年鉴\s*[(（]?\s*((?:19|20)\d{2})"),
)
_EDITION_NAME_RES = (
    *_EDITION_TEXT_RES,
    re.compile(r"(?i)(?:yearbook|yb)[\s_-]*((?:19|20)\d{2})"),
    re.compile(r"(?i)((?:19|20)\d{2})[\s_-]*(?:yearbook|yb)(?![a-z])"),
)
_NAME_SPLIT_RE = re.compile(r"[_\-\s.，,()（）]+")
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")
_LATIN1_RE = re.compile(r"[\u00c0-\u00ff]")


def _key(label: str) -> str:
    return _PUNCT_RE.sub("", label)


def _build_lookup() -> dict[str, str]:
    table: dict[str, str] = {}
    for code, names in {**SECTION_NAMES, **AGGREGATE_NAMES}.items():
        for name in names:
            key = _key(unicodedata.normalize("NFKC", name))
            assert table.get(key, code) == code, key
            table[key] = code
    return table


_LOOKUP = _build_lookup()


# --------------------------------------------------------------------------- labels
def normalise_label(label: str) -> tuple[str, str | None]:
    """``(name key, section letter or None)`` of a row label, decorations removed.

    ``"  其中：I 信息传输、计算机服务和软件业"`` -> ``("信息传输计算机服务和软件业", "I")``.
    """
    text = unicodedata.normalize("NFKC", str(label)).strip()
    text = text.replace("\u3000", " ").strip()
    for _ in range(3):
        stripped = _DECOR_RE.sub("", text).strip()
        if stripped == text:
            break
        text = stripped
    letter = None
    m = _LEAD_LETTER_RE.match(text)
    if m:
        letter, text = m.group(1).upper(), m.group(2)
    else:
        m = _TRAIL_LETTER_RE.match(text)
        if m:
            text, letter = m.group(1), m.group(2).upper()
    return _key(text), letter


def section_of(label: str) -> tuple[str | None, str]:
    """``(section code or None, reason)`` for a row label.

    Codes: GB/T 4754-2011 letters ``A``-``T``, ``total``, ``primary``, ``secondary``,
    ``tertiary``, ``industry``. ``None`` with a reason for an unknown label or a section letter
    that contradicts the name under both the 2011 and the 2002 lettering.
    """
    key, letter = normalise_label(label)
    code = _LOOKUP.get(key)
    if code is None and key.endswith("生产总值"):
        prefix = key.removesuffix("生产总值")
        if prefix and province_code(prefix):
            code = "total"  # 广东省生产总值
    if code is None:
        return None, f"unknown industry label {label.strip()!r} (not a GB/T 4754 section name)"
    if letter is not None:
        allowed = {code, LETTER_2002[code]} if code in SECTION_NAMES else set()
        if letter not in allowed:
            return None, (
                f"section letter {letter} contradicts the name {label.strip()!r} "
                f"({code if code in SECTION_NAMES else 'not a section'} in GB/T 4754-2011"
                + (f", {LETTER_2002[code]} in 4754-2002" if code in SECTION_NAMES else "")
                + ")"
            )
    return code, ""


# --------------------------------------------------------------------------- helpers
def _text(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float):
        if cell != cell:  # NaN
            return ""
        if cell.is_integer():
            return str(int(cell))
    return str(cell).strip()


def _letter(j: int) -> str:
    out, j = "", j + 1
    while j:
        j, r = divmod(j - 1, 26)
        out = chr(65 + r) + out
    return out


def _provinces_in(text: str) -> dict[str, str]:
    """Province code -> name as written, for Chinese province names inside ``text``."""
    found: dict[str, str] = {}
    for p in PROVINCES:
        for name in (p.name_zh_full, p.name_zh):
            if name in text:
                found.setdefault(p.code, name)
                break
    return found


def province_from_name(path: Path) -> tuple[str, str] | None:
    """``(code, name)`` from the file name, ``None`` when it names no province."""
    stem = Path(path).stem
    found: dict[str, str] = {}
    for token in _NAME_SPLIT_RE.split(stem):
        if token and not _CJK_RE.search(token):
            code = province_code(token)
            if code:
                found.setdefault(code, token)
    for code, name in _provinces_in(stem).items():
        found.setdefault(code, name)
    if len(found) > 1:
        raise SourceFormatError(
            path, f"the file name names several provinces ({', '.join(found.values())})"
        )
    return next(iter(found.items())) if found else None


def edition_from(text: str, patterns: Sequence[re.Pattern[str]]) -> int | None:
    """The yearbook edition year in ``text``, else ``None``."""
    for pattern in patterns:
        m = pattern.search(text)
        if m:
            return int(m.group(1))
    return None


@dataclass(frozen=True)
class Table:
    """One yearbook table as rows: ``(row number, cells)``, all-empty rows left out."""

    path: Path
    rows: list[tuple[int, list[object]]]
    encoding: str | None  # None for xlsx


def _csv_table(path: Path, encodings: Sequence[str]) -> Table:
    csv_text = read_records(path, encodings)
    text = " ".join(f for rec in csv_text.records for f in rec.fields)
    if _LATIN1_RE.search(text) and not _CJK_RE.search(text):
        raise SourceFormatError(
            path,
            f"the text looks mis-decoded (mojibake: Latin-1 letters, no Chinese) as "
            f"{csv_text.encoding}; save the file as UTF-8 or GB18030",
        )
    rows = [(rec.line, list(rec.fields)) for rec in csv_text.records]
    return Table(path, rows, csv_text.encoding)


def _xlsx_table(path: Path) -> Table:
    book = open_workbook(path)
    tables = []
    for sheet in book.sheet_names:
        rows = sheet_rows(path, book, sheet)
        kept = [(i + 1, r) for i, r in enumerate(rows) if any(_text(c) for c in r)]
        if kept:
            tables.append((sheet, kept))
    if not tables:
        raise SourceFormatError(path, "workbook has no non-empty sheet")
    if len(tables) > 1:
        raise SourceFormatError(
            path,
            f"{len(tables)} non-empty sheets ({', '.join(s for s, _ in tables)}); "
            "save one yearbook table per file",
        )
    return Table(path, tables[0][1], None)


def _is_note(texts: list[str]) -> bool:
    first = next((t for t in texts if t), "")
    return first.startswith(_NOTE_PREFIXES)


# --------------------------------------------------------------------------- one table
@dataclass
class _Layout:
    header_at: int  # index into table.rows
    label_cols: list[int]
    value_cols: list[tuple[int, int, str]]  # (column index, year, header text)
    unit: str
    kind: str
    province: tuple[str, str]
    vintage: str
    findings: list[Finding]


def _is_data_row(cells: list[object], texts: list[str]) -> bool:
    """A row with a number after its first column (not a footnote)."""
    if _is_note(texts):
        return False
    return any(
        (isinstance(cells[j], (int, float)) and not isinstance(cells[j], bool) and texts[j])
        or _NUMBER_RE.fullmatch(texts[j])
        for j in range(1, len(texts))
    )


def _find_header(table: Table) -> tuple[int, bool]:
    """``(index of the header row, years across?)``.

    Years across: the first row with a year-like cell after the first column. Single year: the
    last row with two or more filled cells (not a unit row) above the first data row.
    """
    path = table.path
    candidates: list[int] = []
    for k, (line, cells) in enumerate(table.rows):
        texts = [_text(c) for c in cells]
        filled = [(j, t) for j, t in enumerate(texts) if t]
        if any(j >= 1 and _YEARISH_RE.match(t) for j, t in filled) and not _is_note(texts):
            return k, True
        if _is_data_row(cells, texts):
            if not candidates:
                raise SourceFormatError(
                    path,
                    "data row before any header row (expected a header with years, "
                    "'YYYY' / 'YYYY年', or a single-year header such as '项目, 合计, …')",
                    row=line,
                )
            return candidates[-1], False
        if len(filled) >= 2 and not any(_UNIT_CELL_RE.search(t) for _, t in filled):
            candidates.append(k)
    raise SourceFormatError(path, "no header row (no row with year columns above the data)")


def _layout(table: Table) -> _Layout:
    path = table.path
    k, across = _find_header(table)
    line, header = table.rows[k]
    htexts = [_text(c) for c in header]
    head_texts = [_text(c) for _, cells in table.rows[:k] for c in cells if _text(c)]
    findings: list[Finding] = []
    # ---- unit and kind
    units = {m.group(1) for t in head_texts for m in _UNIT_CELL_RE.finditer(t)}
    if not units:
        scan = head_texts + [t for t in htexts if t and not _YEARISH_RE.match(t)]
        units = {m.group(1) for t in scan for m in _UNIT_PAREN_RE.finditer(t)}
    if not units:
        raise SourceFormatError(
            path,
            "no unit above the header (expected a cell '单位：亿元' or '单位：万人', or the unit "
            "in parentheses in the title)",
            row=line,
        )
    if len(units) > 1:
        raise SourceFormatError(path, f"several units above the header: {sorted(units)}", row=line)
    unit = units.pop()
    if unit not in UNIT_KIND:
        raise SourceFormatError(
            path,
            f"unit {unit!r} is not supported (亿元 for value added, 万人 for employment; "
            "values are never rescaled)",
            row=line,
        )
    kind = UNIT_KIND[unit]
    title = " ".join(_UNIT_CELL_RE.sub("", t) for t in head_texts)
    says_va = any(w in title for w in _VA_WORDS)
    says_emp = any(w in title for w in _EMP_WORDS)
    if (kind == "emp" and says_va and not says_emp) or (kind == "va" and says_emp and not says_va):
        raise SourceFormatError(
            path,
            f"the title {title.strip()!r} and the unit {unit!r} disagree on the table kind",
            row=line,
        )
    # ---- province
    by_name = province_from_name(path)
    by_title = _provinces_in(title)
    if len(by_title) > 1:
        raise SourceFormatError(
            path, f"the title names several provinces ({', '.join(by_title.values())})"
        )
    if by_name and by_title and by_name[0] not in by_title:
        raise SourceFormatError(
            path,
            f"the file name says {by_name[1]!r} ({by_name[0]}) but the title says "
            f"{next(iter(by_title.values()))!r} ({next(iter(by_title))})",
        )
    province = by_name or (next(iter(by_title.items())) if by_title else None)
    if province is None:
        first = _NAME_SPLIT_RE.split(path.stem)[0] or path.stem
        require_province(
            path,
            first,
            hint="no province in the file name and no title cell names one "
            "(name the file e.g. '广东_分行业增加值.xlsx')",
        )
        raise AssertionError("unreachable")  # pragma: no cover
    # ---- vintage
    ed_name = edition_from(path.stem, _EDITION_NAME_RES)
    ed_title = edition_from(title, _EDITION_TEXT_RES)
    if ed_name and ed_title and ed_name != ed_title:
        raise SourceFormatError(
            path, f"the file name says yearbook {ed_name} but the title says {ed_title}"
        )
    edition = ed_name or ed_title
    vintage = f"yearbook {edition}" if edition else UNDATED
    # ---- columns
    if across:
        first_year = next(j for j, t in enumerate(htexts) if j >= 1 and _YEARISH_RE.match(t))
        label_cols = list(range(first_year))
        value_cols: list[tuple[int, int, str]] = []
        seen: dict[int, int] = {}
        for j in range(first_year, len(htexts)):
            t = htexts[j]
            if not t:
                continue
            m = _YEAR_RE.match(t)
            if not m:
                what = (
                    "carries a footnote marker or other text"
                    if _YEARISH_RE.match(t)
                    else "is not a year"
                )
                raise SourceFormatError(
                    path,
                    f"year header {t!r} {what} (expected 'YYYY' or 'YYYY年'; remove the "
                    "marker and check the footnote)",
                    row=line,
                    column=f"{_letter(j)} {t}",
                )
            year = int(m.group(1))
            if year in seen:
                raise SourceFormatError(
                    path,
                    f"year {year} twice in the header (columns {_letter(seen[year])} and "
                    f"{_letter(j)})",
                    row=line,
                    column=_letter(j),
                )
            seen[year] = j
            value_cols.append((j, year, t))
    else:
        years = {int(m.group(1)) for m in _DATA_YEAR_RE.finditer(title)}
        if len(years) != 1:
            raise SourceFormatError(
                path,
                "single-year table (header without years): "
                + ("no data year ('YYYY年') in the title" if not years else "several data years ")
                + (f"{sorted(years)} in the title" if years else ""),
                row=line,
            )
        year = years.pop()
        wanted = {_key(h) for h in VALUE_HEADERS}
        chosen = next((j for j, t in enumerate(htexts) if j >= 1 and t and _key(t) in wanted), None)
        if chosen is None:
            raise SourceFormatError(
                path,
                "single-year table: no value column named like a total ("
                + ", ".join(VALUE_HEADERS[:4])
                + ", …); header: "
                + ", ".join(repr(t) for t in htexts if t),
                row=line,
            )
        label_cols = list(range(chosen))
        value_cols = [(chosen, year, htexts[chosen])]
        for j in range(chosen + 1, len(htexts)):
            if htexts[j]:
                findings.append(
                    Finding(
                        "column_not_read", path.name, province[0], year, htexts[j],
                        _letter(j), 0.0, line, "note",
                        f"single-year table: only column {_letter(chosen)} "
                        f"({htexts[chosen]!r}) is landed; column {htexts[j]!r} is not read",
                    )
                )  # fmt: skip
    return _Layout(k, label_cols, value_cols, unit, kind, province, vintage, findings)


def read_table(table: Table) -> tuple[FileRead, list[Finding]]:
    """One table -> ``(FileRead, findings)``."""
    path = table.path
    lay = _layout(table)
    code, name = lay.province
    findings = list(lay.findings)
    records: list[tuple[int, str, str, list[object]]] = []
    rejected: list[dict[str, object]] = []
    first_row: dict[str, int] = {}
    in_notes = False
    n_rows = 0
    for line, cells in table.rows[lay.header_at + 1 :]:
        texts = [_text(c) for c in cells]
        label = " ".join(texts[j] for j in lay.label_cols if j < len(texts) and texts[j])
        values = [cells[j] if j < len(cells) else "" for j, _, _ in lay.value_cols]
        filled = [(lay.value_cols[i], v) for i, v in enumerate(values) if _text(v) not in MISSING]
        if _is_note(texts):
            in_notes = True
        if in_notes:
            if not _is_note(texts) and filled:
                raise SourceFormatError(
                    path, f"data row {label!r} after the footnote rows", row=line
                )
            findings.append(
                Finding(
                    "publisher_note", path.name, code, 0, "注", "", 0.0, line, "note",
                    " ".join(t for t in texts if t),
                )
            )  # fmt: skip
            continue
        if not filled and not label:
            continue
        reason = ""
        section = None
        if not label:
            reason = "row has values but no industry label"
        else:
            section, reason = section_of(label)
            if section is None and not filled:
                continue  # a heading row without data (e.g. 按行业分)
        n_rows += 1
        if section is None:
            for (_j, _year, htext), raw in filled:
                rejected.append(
                    {
                        "file_name": path.name,
                        "row_number": line,
                        "column": htext,
                        "raw_value": _text(raw),
                        "reason": reason,
                    }
                )
            continue
        if section in first_row:
            raise SourceFormatError(
                path,
                f"section {section} twice: rows {first_row[section]} and {line} ({label!r})",
                row=line,
            )
        first_row[section] = line
        records.append((line, section, label, values))
    n_y = len(lay.value_cols)
    cells_frame = pd.DataFrame(
        {
            "indicator_code": np.repeat([f"{lay.kind}:{r[1]}" for r in records], n_y),
            "indicator_name": np.repeat([r[2] for r in records], n_y),
            "unit": lay.unit,
            "entity_code": code,
            "entity_name": name,
            "year": np.tile(
                np.array([y for _, y, _ in lay.value_cols], dtype=np.int64), len(records)
            ),
            "raw": pd.Series([v for r in records for v in r[3]], dtype=object),
            "row_number": np.repeat(np.array([r[0] for r in records], dtype=np.int64), n_y),
            "column": np.tile([h for _, _, h in lay.value_cols], len(records)),
        }
    )
    frame, bad = cells_to_long(
        cells_frame,
        source=SOURCE_NAME,
        file_name=path.name,
        vintage=lay.vintage,
        missing=MISSING,
        year_column="header",
    )
    if rejected:
        extra = pd.DataFrame(rejected)[list(REJECTED_COLUMNS)]
        extra = extra.astype(empty_rejected().dtypes.to_dict())
        bad = concat_rejected([bad, extra])
        bad = bad.sort_values(["row_number", "column"], kind="stable").reset_index(drop=True)
    if not records and not rejected:
        raise SourceFormatError(path, "no industry rows below the header")
    return FileRead(frame, bad, n_rows, lay.vintage, table.encoding), findings


def read_file(path: Path, encodings: Sequence[str] = ENCODINGS) -> tuple[FileRead, list[Finding]]:
    """One yearbook table file (``.xlsx`` or ``.csv``) -> ``(FileRead, findings)``."""
    path = Path(path)
    if not path.exists():
        raise SourceFormatError(path, "file not found")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        table = _csv_table(path, encodings)
    elif suffix == ".xlsx":
        table = _xlsx_table(path)
    else:
        raise SourceFormatError(path, f"unsupported file type {suffix!r} (xlsx or csv)")
    return read_table(table)


def _cross_file(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[Finding]]:
    """Drop equal repeats of province × indicator × year in later files; raise on conflicts."""
    key = ["indicator_code", "entity_code", "year"]
    dup = frame.duplicated(key, keep="first")
    if not dup.any():
        return frame, []
    firsts = frame[~dup].set_index(key)
    findings = []
    for row in frame[dup].itertuples(index=False):
        first = firsts.loc[(row.indicator_code, row.entity_code, row.year)]
        where = (
            f"{first['file_name']} row {first['row_number']} and {row.file_name} row "
            f"{row.row_number}"
        )
        if first["value"] != row.value:
            raise SourceFormatError(
                row.file_name,
                f"{row.entity_code} {row.indicator_code} {row.year} is in two files with "
                f"different values ({first['value']:g} vs {row.value:g}): {where}; keep one "
                "yearbook edition per table",
                row=int(row.row_number),
            )
        findings.append(
            Finding(
                "repeated_value", row.file_name, row.entity_code, int(row.year),
                row.indicator_code, str(row.year), 0.0, int(row.row_number), "known",
                f"same value in {where}; the repeat is dropped",
            )
        )  # fmt: skip
    return frame[~dup].reset_index(drop=True), findings


def read_yearbook(paths: Sequence[Path]) -> ReadResult:
    """Read yearbook table files (``~$`` Excel lock files are skipped)."""
    reads: dict[str, FileRead] = {}
    findings: list[Finding] = []
    for p in sorted(Path(p) for p in paths):
        if p.name.startswith("~$"):
            continue
        if p.name in reads:
            raise SourceFormatError(p, "two files with the same name")
        one, found = read_file(p)
        reads[p.name] = one
        findings += found
    frame = concat_long([r.frame for r in reads.values()])
    frame, repeats = _cross_file(frame)
    return ReadResult(
        frame=frame,
        rejected=concat_rejected([r.rejected for r in reads.values()]),
        rows_read={n: r.rows_read for n, r in reads.items()},
        vintages={n: r.vintage for n, r in reads.items()},
        encodings={n: r.encoding for n, r in reads.items() if r.encoding},
        findings=findings + repeats,
    )


CHINA_YEARBOOK = Source(
    name="china_yearbook",
    table="china_yearbook",
    patterns=("china/yearbook/*.xlsx", "china/yearbook/*.csv"),
    origin=Origin(
        publisher="Provincial bureaus of statistics (省统计局), provincial statistical yearbooks",
        dataset="分行业增加值 / 按行业分地区生产总值 and 分行业城镇单位就业人员 / "
        "城镇非私营单位从业人员 tables, one province per file",
        edition="user-supplied; the yearbook edition of each file is its vintage",
        url="https://data.cnki.net/ (中国经济社会大数据研究平台)",
        licence="none stated; official statistics, CNKI download terms apply",
        citation="<Province> Bureau of Statistics, <Province> Statistical Yearbook <edition>.",
    ),
    grain=("indicator_code", "entity_code", "year"),
    read=read_yearbook,
    kind="long",
    description=(
        "Provincial VA (亿元, va:<section>) and urban-unit employment (万人, emp:<section>) by "
        "GB/T 4754-2011 section A-T, plus total/primary/secondary/tertiary/industry rows, from "
        "user-supplied yearbook tables; fills I/L/M VA and 2004-2007 employment."
    ),
    known_units=("亿元", "万人"),
    min_rows=1,
    max_rows=31 * 2 * 25 * 50,
    known_defects=(
        "Layout implemented from the description of CNKI yearbook tables; not yet checked "
        "against a real downloaded file.",
        "Pre-2011 tables use GB/T 4754-2002 names (mapped by name to 2011 sections; the 2002 "
        "coverage of I and M differs slightly from 2011).",
        "Yearbook editions are revised after each economic census: one edition per "
        "province × table, or equal values (repeated_value findings).",
    ),
    optional=True,
    domain_checks=("publisher_note", "column_not_read", "repeated_value"),
)
