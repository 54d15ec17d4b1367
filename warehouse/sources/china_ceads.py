"""CEADs provincial CO2 emission inventories (two releases) and energy inventories.

**Emission workbooks** — ``ceads/Emission_Inventories_for_30_Provinces_{1997..2019}.xlsx``
(OpenClimate copy, release downloaded 2023-05-02) and
``ceads_v2022/emissions/{2004..2022}年30个省份排放清单.xlsx`` (later release, adds 2020-2022):

* sheet ``NOTE`` (metadata, not read), then one sheet per province named
  ``{Province}{Year}`` in pinyin without spaces (``Shanghai2019``, ``InnerMongolia2019``):
  30 provinces, no Tibet;
* each province sheet is 51 × 23: row 1 the column labels (``Emission_Inventory`` or blank in A1,
  then 17 fossil fuels ``Raw_Coal`` … ``Natural_Gas``, ``Scope_2_Heat``,
  ``Scope_2_Electricity``, ``Other_Energy``, ``Process``, ``Scope_1_Total``; the 1997 workbook
  writes them with spaces, ``Raw Coal`` … ``Scope 1 Total``), row 2 the unit of each column
  (``Mt CO2``), row 3 blank, row 4 the total (``TotalEmissions``; ``Total Emissions`` or
  ``Total Consumption`` in older sheets), rows 5-51 the 47 IPCC sectors (agriculture … ``Urban``,
  ``Rural``).

What lands (long rows, ``entity_code`` ISO 3166-2:CN, unit as published ``Mt CO2``):

* ``total``: row 4 × ``Scope_1_Total`` — the province's scope-1 CO2 (fuels + process);
* ``fuel:<label>``: row 4 × each other column (the 17 fuels, the two scope-2 columns,
  ``Other_Energy``, ``Process``), fuel labels normalised to the underscore spelling
  (``Raw Coal`` → ``Raw_Coal``; ``CleanedCoal`` → ``Cleaned_Coal``);
* ``sector:<label>``: each sector row × ``Scope_1_Total`` (label as published, whitespace
  collapsed).

The sector × fuel body (47 × 22 cells per sheet) is parsed and checked (every cell must be a
number; rows add up to the total row, fuels + process add up to ``Scope_1_Total``) but not
landed: 1.3 M rows for both releases, and no downstream use.

**Energy workbooks** — ``ceads_v2022/energy/省级能源清单_{2004..2022}.xlsx``: same sheet naming;
each province sheet is 70 × 21, row 1 ``Energy_inventory`` + 20 energy types, row 2 physical
units per column (``10^4 ton``, ``10^8 cu.m``, ``10^10 kj`` — written ``1010 kj`` in 2004-2011
— ``10^8 kwh``, ``10^4 tce``); rows ``Total Final Consumption``, 47 sectors, transformation
rows, ``Total Consumption``, ``Non-Energy Use`` … Only the rows ``Total Final Consumption`` and
``Total Consumption`` land (indicator ``<row>|<energy type>``), in each column's unit.

Reading: ``python_calamine.CalamineWorkbook`` directly (sheet -> list of rows). Measured on the
42 emission workbooks (1,260 sheets): raw sheet parsing 1.2 s (median 27 ms per workbook), the
whole reader (checks + long frame) 3.9 s (median 89 ms), against 4.9 s (median 121 ms) for just
``pandas.read_excel(sheet_name=None, engine="calamine")`` and ~0.5 s per workbook for openpyxl.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from warehouse.sources.base import (
    Finding,
    Origin,
    ReadResult,
    Source,
    SourceFormatError,
    empty_long_frame,
)
from warehouse.sources.china_provinces import PROVINCES, ProvinceNameError, require_province
from warehouse.sources.long_frame import (
    FileRead,
    cells_to_long,
    concat_long,
    concat_rejected,
    empty_rejected,
    parse_numbers,
)

UNIT = "Mt CO2"
VINTAGE_CEADS = "CEADs via OpenClimate 822037b7 (downloaded 2023-05-02)"
VINTAGE_V2022 = "CEADs release to 2022 via TJJM 81963934"
TOTAL_LABELS = frozenset({"TotalEmissions", "Total Emissions", "Total Consumption"})
SCOPE1 = "Scope_1_Total"
#: columns of the emission sheets that are not summed into Scope_1_Total
SCOPE2 = ("Scope_2_Heat", "Scope_2_Electricity")
ENERGY_ROWS: tuple[str, ...] = ("Total Final Consumption", "Total Consumption")
#: the 30 provinces CEADs covers (all but Tibet), ISO code -> sheet-name stem
CEADS_PROVINCES: dict[str, str] = {
    p.code: p.name_en.replace(" ", "") for p in PROVINCES if p.code != "CN-XZ"
}
#: absolute tolerance (Mt CO2) of the additivity checks (the cells are full-precision floats)
SUM_TOLERANCE = 1e-6
_SHEET_RE = re.compile(r"^(?P<name>[A-Za-z ]+?)\s*(?P<year>\d{4})$")
_YEAR_RE = re.compile(r"(?<!\d)(19|20)\d{2}(?!\d)")
_SPACES = re.compile(r"\s+")
_FUEL_ALIASES = {"CleanedCoal": "Cleaned_Coal"}


# --------------------------------------------------------------------------- workbook access
def open_workbook(path: Path):
    """A ``python_calamine.CalamineWorkbook``; :class:`SourceFormatError` if unreadable."""
    import python_calamine

    path = Path(path)
    if not path.exists():
        raise SourceFormatError(path, "file not found")
    if path.stat().st_size == 0:
        raise SourceFormatError(path, "empty file (0 bytes)")
    if path.suffix.lower() == ".xlsx" and not zipfile.is_zipfile(path):
        raise SourceFormatError(path, "not an xlsx workbook (not a zip container)")
    try:
        return python_calamine.CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types on corrupt workbooks
        raise SourceFormatError(path, f"not a readable workbook: {exc}") from exc


def sheet_rows(path: Path, book, sheet: str) -> list[list[object]]:
    """A sheet's cells as rows from A1 (index 0 = sheet row 1), rectangular."""
    try:
        rows = book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    except Exception as exc:
        raise SourceFormatError(path, f"sheet {sheet!r} cannot be read: {exc}") from exc
    width = max((len(r) for r in rows), default=0)
    return [list(r) + [""] * (width - len(r)) for r in rows]


def file_year(path: Path) -> int:
    """The inventory year in the file name (``..._2019.xlsx``, ``2019年...``)."""
    found = _YEAR_RE.search(Path(path).stem)
    if not found:
        raise SourceFormatError(path, "no year (19xx/20xx) in the file name")
    return int(found.group(0))


def province_sheets(path: Path, sheet_names: Sequence[str], year: int) -> dict[str, str]:
    """Province code -> sheet name for a CEADs workbook of ``year``; all 30 must be present."""
    found: dict[str, str] = {}
    for sheet in sheet_names:
        if sheet.strip().upper() == "NOTE":
            continue
        m = _SHEET_RE.match(sheet.strip())
        if not m:
            raise SourceFormatError(path, f"sheet {sheet!r} is not named '<Province><year>'")
        if int(m.group("year")) != year:
            raise SourceFormatError(
                path, f"sheet {sheet!r} is for {m.group('year')}, the file is for {year}"
            )
        try:
            code = require_province(path, m.group("name"), column=f"sheet {sheet}")
        except ProvinceNameError as exc:
            raise SourceFormatError(path, f"sheet {sheet!r}: {exc.problem}") from exc
        if code in found:
            raise SourceFormatError(
                path, f"two sheets for the same province: {found[code]!r} and {sheet!r}"
            )
        found[code] = sheet
    missing = [f"{stem}{year}" for code, stem in CEADS_PROVINCES.items() if code not in found]
    if missing:
        raise SourceFormatError(
            path,
            f"missing province sheet(s) {', '.join(repr(m) for m in missing)} "
            f"(expected one sheet per province for the 30 CEADs provinces)",
        )
    return found


def fuel_label(text: object) -> str:
    """A column label in the underscore spelling (``Raw Coal`` -> ``Raw_Coal``)."""
    label = _SPACES.sub("_", str(text).strip())
    return _FUEL_ALIASES.get(label, label)


def row_label(text: object) -> str:
    """A row label stripped, inner whitespace collapsed."""
    return _SPACES.sub(" ", str(text)).strip()


# --------------------------------------------------------------------------- emissions
def _emission_sheet(
    path: Path, sheet: str, rows: list[list[object]]
) -> tuple[np.ndarray, list[str], list[str], list[int], list[str]]:
    """Validate one province sheet.

    Returns ``(body raw cells, fuel labels, units, row numbers, row labels)``.
    """
    if len(rows) < 5:
        raise SourceFormatError(path, f"sheet {sheet!r}: {len(rows)} rows, expected 51")
    fuels = [fuel_label(c) for c in rows[0][1:]]
    while fuels and not fuels[-1]:
        fuels.pop()
    if SCOPE1 not in fuels:
        raise SourceFormatError(
            path, f"sheet {sheet!r}: no {SCOPE1!r} column in row 1", row=1, column=SCOPE1
        )
    width = len(fuels)
    units = [str(u).strip() for u in rows[1][1 : width + 1]]
    if any(not u for u in units):
        col = fuels[units.index("")]
        raise SourceFormatError(path, f"sheet {sheet!r}: no unit in row 2", row=2, column=col)
    total_at = next(
        (i for i in range(2, min(len(rows), 8)) if row_label(rows[i][0]) in TOTAL_LABELS), None
    )
    if total_at is None:
        raise SourceFormatError(
            path, f"sheet {sheet!r}: no total row ({' / '.join(sorted(TOTAL_LABELS))})"
        )
    body_idx = [total_at] + [i for i in range(total_at + 1, len(rows)) if row_label(rows[i][0])]
    labels = [row_label(rows[i][0]) for i in body_idx]
    if len(set(labels)) != len(labels):
        seen: set[str] = set()
        k = next(k for k, lab in enumerate(labels) if lab in seen or seen.add(lab))
        raise SourceFormatError(
            path, f"sheet {sheet!r}: duplicated sector {labels[k]!r}", row=body_idx[k] + 1
        )
    body = np.array([rows[i][1 : width + 1] for i in body_idx], dtype=object)
    return body, fuels, units, [i + 1 for i in body_idx], labels


def _sum_findings(
    file_name: str, sheet: str, code: str, year: int, values: np.ndarray, fuels: list[str],
    labels: list[str], row_numbers: list[int],
) -> list[Finding]:  # fmt: skip
    """Additivity checks of one sheet: sectors add to the total row; fuels add to scope 1."""
    out: list[Finding] = []
    col_diff = values[0] - np.nansum(values[1:], axis=0)
    for j in np.flatnonzero(np.abs(col_diff) > SUM_TOLERANCE):
        out.append(
            Finding(
                "ceads_sector_sum", file_name, code, year, labels[0], fuels[j],
                float(col_diff[j]), row_numbers[0],
            )
        )  # fmt: skip
    scope1 = fuels.index(SCOPE1)
    parts = [j for j, f in enumerate(fuels) if j != scope1 and f not in SCOPE2]
    row_diff = values[:, scope1] - np.nansum(values[:, parts], axis=1)
    for i in np.flatnonzero(np.abs(row_diff) > SUM_TOLERANCE):
        out.append(
            Finding(
                "ceads_fuel_sum", file_name, code, year, labels[i], SCOPE1,
                float(row_diff[i]), row_numbers[i],
            )
        )  # fmt: skip
    return out


def fast_numbers(flat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """:func:`parse_numbers` for calamine cells (floats, ints, ``''``, rare text), vectorised.

    Returns ``(float64 values, status)``; status ``"ok"``, ``"empty"`` or a rejection reason.
    """
    kinds = np.fromiter((type(v) in (float, int) for v in flat), bool, len(flat))
    values = np.full(len(flat), np.nan)
    status = np.full(len(flat), "empty", dtype=object)
    values[kinds] = flat[kinds].astype(np.float64)
    status[kinds] = "ok"
    other = np.flatnonzero(~kinds)
    if len(other):
        rest = flat[other]
        text = np.fromiter((v == "" for v in rest), bool, len(rest))
        hard = other[~text]
        if len(hard):
            v, st = parse_numbers(pd.Series(flat[hard], dtype=object))
            values[hard] = v.to_numpy()
            status[hard] = st.to_numpy()
    bad = status == "ok"
    bad &= ~np.isfinite(values)
    status[bad] = "not a finite number"
    return values, status


def read_emission_file(path: Path, *, source: str, vintage: str) -> tuple[FileRead, list[Finding]]:
    """One CEADs emission workbook -> ``(FileRead, additivity findings)``."""
    path = Path(path)
    year = file_year(path)
    book = open_workbook(path)
    sheets = province_sheets(path, book.sheet_names, year)
    parts: dict[str, list] = {
        k: [] for k in ("ind", "name", "unit", "code", "ent", "raw", "row", "col")
    }
    bad, findings, n_rows = [], [], 0
    for code, sheet in sorted(sheets.items()):
        rows = sheet_rows(path, book, sheet)
        body, fuels, units, row_numbers, labels = _emission_sheet(path, sheet, rows)
        n_r, n_c = body.shape
        n_rows += n_r
        values, status = fast_numbers(body.ravel())
        bad_mask = (status != "ok") & (status != "empty")
        if bad_mask.any():
            pos = np.flatnonzero(bad_mask)
            bad.append(
                pd.DataFrame(
                    {
                        "file_name": path.name,
                        "row_number": np.asarray(row_numbers)[pos // n_c],
                        "column": [f"{sheet}!{fuels[j]}" for j in pos % n_c],
                        "raw_value": [str(v) for v in body.ravel()[pos]],
                        "reason": status[pos],
                    }
                )
            )
        else:
            findings += _sum_findings(
                path.name, sheet, code, year, values.reshape(n_r, n_c), fuels, labels,
                row_numbers,
            )  # fmt: skip
        scope1 = fuels.index(SCOPE1)
        n = n_c + n_r - 1
        parts["ind"] += ["total" if f == SCOPE1 else f"fuel:{f}" for f in fuels]
        parts["ind"] += [f"sector:{lab}" for lab in labels[1:]]
        parts["name"] += [f"CO2 emissions, {labels[0]} / {f}" for f in fuels]
        parts["name"] += [f"CO2 emissions, {lab} / {SCOPE1}" for lab in labels[1:]]
        parts["unit"] += units + [units[scope1]] * (n_r - 1)
        parts["code"] += [code] * n
        parts["ent"] += [sheet[: -len(str(year))]] * n
        parts["raw"] += list(body[0]) + list(body[1:, scope1])
        parts["row"] += [row_numbers[0]] * n_c + row_numbers[1:]
        parts["col"] += [f"{sheet}!{f}" for f in fuels] + [f"{sheet}!{SCOPE1}"] * (n_r - 1)
    cells = pd.DataFrame(
        {
            "indicator_code": parts["ind"],
            "indicator_name": parts["name"],
            "unit": parts["unit"],
            "entity_code": parts["code"],
            "entity_name": parts["ent"],
            "year": year,
            "raw": pd.Series(parts["raw"], dtype=object),
            "row_number": parts["row"],
            "column": parts["col"],
        }
    )
    frame, _ = cells_to_long(cells, source=source, file_name=path.name, vintage=vintage)
    rejected = concat_rejected([b.astype(empty_rejected().dtypes.to_dict()) for b in bad])
    return FileRead(frame, rejected, n_rows, vintage, None), findings


def read_isolated(
    paths: Sequence[Path], read_one: Callable[[Path], tuple[FileRead, list[Finding]]]
) -> ReadResult:
    """Read file by file; a file raising :class:`SourceFormatError` goes to ``file_errors``."""
    reads: dict[str, FileRead] = {}
    findings: list[Finding] = []
    errors: dict[str, str] = {}
    for p in map(Path, paths):
        try:
            reads[p.name], found = read_one(p)
        except SourceFormatError as exc:
            errors[p.name] = str(exc)
            continue
        findings += found
    return ReadResult(
        frame=concat_long([r.frame for r in reads.values()]) if reads else empty_long_frame(),
        rejected=concat_rejected([r.rejected for r in reads.values()]),
        rows_read={name: r.rows_read for name, r in reads.items()},
        vintages={name: r.vintage for name, r in reads.items()},
        findings=findings,
        file_errors=errors,
    )


def read_ceads(paths: Sequence[Path]) -> ReadResult:
    """Read the OpenClimate copy of the CEADs inventories (1997-2019), file by file."""
    return read_isolated(
        paths, lambda p: read_emission_file(p, source="china_ceads", vintage=VINTAGE_CEADS)
    )


def read_ceads_v2022(paths: Sequence[Path]) -> ReadResult:
    """Read the CEADs release to 2022 (2004-2022 emission inventories), file by file."""
    return read_isolated(
        paths,
        lambda p: read_emission_file(p, source="china_ceads_v2022", vintage=VINTAGE_V2022),
    )


# --------------------------------------------------------------------------- energy
def read_energy_file(path: Path, *, vintage: str = VINTAGE_V2022) -> tuple[FileRead, list[Finding]]:
    """One CEADs provincial energy inventory -> the ``Total (Final) Consumption`` rows."""
    path = Path(path)
    year = file_year(path)
    book = open_workbook(path)
    sheets = province_sheets(path, book.sheet_names, year)
    cells, n_rows = [], 0
    for code, sheet in sorted(sheets.items()):
        rows = sheet_rows(path, book, sheet)
        if len(rows) < 3:
            raise SourceFormatError(path, f"sheet {sheet!r}: {len(rows)} rows, expected 70")
        fuels = [fuel_label(c) for c in rows[0][1:]]
        while fuels and not fuels[-1]:
            fuels.pop()
        if not fuels:
            raise SourceFormatError(path, f"sheet {sheet!r}: no energy types in row 1", row=1)
        units = [str(u).strip() for u in rows[1][1 : len(fuels) + 1]]
        if any(not u for u in units):
            col = fuels[units.index("")]
            raise SourceFormatError(path, f"sheet {sheet!r}: no unit in row 2", row=2, column=col)
        labels = [row_label(r[0]) for r in rows]
        n_rows += sum(1 for lab in labels[2:] if lab)
        for wanted in ENERGY_ROWS:
            at = [i for i, lab in enumerate(labels) if lab == wanted]
            if len(at) != 1:
                what = "no" if not at else f"{len(at)}"
                raise SourceFormatError(path, f"sheet {sheet!r}: {what} {wanted!r} row")
            i = at[0]
            cells.append(
                pd.DataFrame(
                    {
                        "indicator_code": [f"{wanted}|{f}" for f in fuels],
                        "indicator_name": [f"Energy use, {wanted} / {f}" for f in fuels],
                        "unit": units,
                        "entity_code": code,
                        "entity_name": sheet[: -len(str(year))],
                        "year": year,
                        "raw": rows[i][1 : len(fuels) + 1],
                        "row_number": i + 1,
                        "column": [f"{sheet}!{f}" for f in fuels],
                    }
                )
            )
    frame, rejected = cells_to_long(
        pd.concat(cells, ignore_index=True),
        source="china_ceads_energy",
        file_name=path.name,
        vintage=vintage,
    )
    return FileRead(frame, rejected, n_rows, vintage, None), []


def read_ceads_energy(paths: Sequence[Path]) -> ReadResult:
    """Read the CEADs provincial energy inventories (2004-2022), file by file."""
    return read_isolated(paths, read_energy_file)


# --------------------------------------------------------------------------- sources
_CEADS_CITATION = (
    "Shan Y. et al. (2016) Applied Energy 184; Shan Y. et al. (2018) Sci. Data 5:170201; "
    "Shan Y. et al. (2020) Sci. Data 7:54; Guan Y. et al. (2021) Earth's Future 9. "
    "Data: CEADs, www.ceads.net."
)
_KNOWN_UNITS_ENERGY = (
    "10^4 ton",
    "10^8 cu.m",
    "10^10 kj",
    "1010 kj",
    "10^8 kwh",
    "10^4 tce",
)
_GRAIN = ("indicator_code", "entity_code", "year")
_CHECKS = ("ceads_sector_sum", "ceads_fuel_sum")
_COMMON_DEFECTS = (
    "30 provinces: Tibet (and HK/MO/TW) are not covered.",
    "Provincial sums exceed the national CEADs inventory (apparent consumption, "
    "inter-provincial double counting), as in CEADs itself.",
    "Only the total row (by fuel) and the Scope_1_Total column (by sector) land; the "
    "sector x fuel body is parsed and checked, not landed.",
)

CHINA_CEADS = Source(
    name="china_ceads",
    table="china_ceads",
    patterns=(
        "china/ceads/Emission_Inventories_for_30_Provinces_*.xlsx",
        "china/ceads/Emission_inventories_for_30_provinces_*.xlsx",
    ),
    origin=Origin(
        publisher="CEADs (Carbon Emission Accounts and Datasets)",
        dataset="China provincial CO2 emission inventories (IPCC sectoral approach), 1997-2019",
        edition="downloaded 2023-05-02 by OpenClimate; github.com/Open-Earth-Foundation/"
        "OpenClimate harmonize/data/raw/CEADS_china_provinces/ @ 822037b7",
        url="https://www.ceads.net/data/province/",
        licence="CEADs terms: free to the public and the scientific community; cite and "
        "mention CEADs (no formal open licence)",
        citation=_CEADS_CITATION,
    ),
    grain=_GRAIN,
    read=read_ceads,
    description="CEADs provincial scope-1 CO2 (Mt CO2), 30 provinces x 1997-2019: total, by "
    "fuel (total row) and by sector (Scope_1_Total column); entity_code ISO 3166-2:CN.",
    known_units=(UNIT,),
    min_rows=30 * 69 * 20,
    max_rows=30 * 69 * 30,
    known_defects=(
        *_COMMON_DEFECTS,
        "The 2019 totals differ from the ceads_v2022 release by about 0.3% nationally (e.g. "
        "Yunnan's 2019 cement Process emissions: 0.0037 here against 37.3 Mt in v2022): use "
        "one release for a panel, do not splice.",
        "1997 workbook spells labels with spaces ('Raw Coal', 'Total Consumption'); labels "
        "are normalised to the underscore spelling.",
    ),
    isolate_files=True,
    domain_checks=_CHECKS,
    # not needed by marts.province_panel; the demo data do not include it
    optional=True,
)

CHINA_CEADS_V2022 = Source(
    name="china_ceads_v2022",
    table="china_ceads_v2022",
    patterns=("china/ceads_v2022/emissions/*年30个省份排放清单.xlsx",),
    origin=Origin(
        publisher="CEADs (Carbon Emission Accounts and Datasets)",
        dataset="China provincial CO2 emission inventories (IPCC sectoral approach), 2004-2022",
        edition="later CEADs release (to 2022); github.com/fallingsnow1111/TJJM "
        "Raw/省份维度/碳排放相关/2001-2022省份排放清单-CEADs/ @ 81963934",
        url="https://www.ceads.net/data/province/",
        licence="CEADs terms: free to the public and the scientific community; cite and "
        "mention CEADs (no formal open licence)",
        citation=_CEADS_CITATION,
    ),
    grain=_GRAIN,
    read=read_ceads_v2022,
    description="CEADs provincial scope-1 CO2 (Mt CO2), 30 provinces x 2004-2022 (the release "
    "to use for 2004-2020 panels): total, by fuel and by sector.",
    known_units=(UNIT,),
    min_rows=30 * 69 * 15,
    max_rows=30 * 69 * 30,
    known_defects=(
        *_COMMON_DEFECTS,
        "2001-2003 workbooks of this release exist upstream but were not copied.",
    ),
    isolate_files=True,
    domain_checks=_CHECKS,
)

CHINA_CEADS_ENERGY = Source(
    name="china_ceads_energy",
    table="china_ceads_energy",
    patterns=("china/ceads_v2022/energy/省级能源清单_*.xlsx",),
    origin=Origin(
        publisher="CEADs (Carbon Emission Accounts and Datasets)",
        dataset="China provincial energy inventories, 2004-2022",
        edition="github.com/fallingsnow1111/TJJM Raw/省份维度/能源相关/"
        "1997-2022分行业省级能源清单/ @ 81963934",
        url="https://www.ceads.net/data/province/",
        licence="CEADs terms: cite and mention CEADs (no formal open licence)",
        citation=_CEADS_CITATION,
    ),
    grain=_GRAIN,
    read=read_ceads_energy,
    description="CEADs provincial energy inventories: Total Final Consumption and Total "
    "Consumption by energy type (20 types), physical units per type, 30 provinces x 2004-2022.",
    known_units=_KNOWN_UNITS_ENERGY,
    min_rows=30 * 40 * 15,
    max_rows=30 * 40 * 30,
    known_defects=(
        "Physical units differ by energy type; heat is written '1010 kj' (meaning 10^10 kJ) "
        "in 2004-2011 and '10^10 kj' later (landed as published).",
        "Final consumption excludes transformation losses: not equal to NBS 能源消费总量.",
        "Only the Total Final Consumption and Total Consumption rows land (not the 47 "
        "sectors or the transformation block).",
        "30 provinces: no Tibet.",
    ),
    isolate_files=True,
    # not needed by marts.province_panel; the demo data do not include it
    optional=True,
)
