"""WIOD 2016 release: National IO tables (NIOT, CSV conversion) and World IO tables (WIOT).

NIOT ``{ISO3}_NIOT_nov16.csv``: semicolon separated, UTF-8 with BOM; line 1 header
``Year;Code;Description;Origin;<56 industries>;CONS_h;CONS_np;CONS_g;GFCF;INVEN;EXP;GO``,
line 2 industry descriptions (skipped); then per year 120 rows: 56 ``Domestic`` (Z^d and
domestic final use, GO = output), 56 ``Imports`` (Z^m and imported final use), 8 ``TOT``
(II_fob, TXSP, EXP_adj, PURR, PURNR, VA, IntTTM, GO). Values: US$ million, current basic
prices, rounded to whole millions; thousands grouped with a space (``1 396 917``).

WIOT ``WIOT{year}_Nov16_ROW`` (no copy in hand; layout ASSUMED from the WIOD 2016 release
notes / Timmer et al. 2015 and the xlsb as commonly exported): a CSV (comma separated) or
xlsx whose first four columns are industry code, description, country, row number
(``r1`` …); a header row holding the use codes (56 industry codes per country, then
``CONS_h CONS_np CONS_g GFCF INVEN`` per country, then ``TOT``) found as the row whose 5th
cell is ``A01``, and the next row holding the country of each column (``AUS`` … ``ROW``,
``TOT`` for the last). Data rows: 44 × 56 rows (country × industry), then the value-added
block (II_fob … GO, country ``TOT``). Any other lines before the code row (title, units,
descriptions) are ignored.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from warehouse.sources.base import Finding, Origin, ReadResult, Source, SourceFormatError
from warehouse.sources.csv_records import Record, check_widths, column_index, decode
from warehouse.sources.io_registry import (
    combine,
    empty_io_frame,
    io_frame,
    repeated_codes,
    tiled_codes,
)
from warehouse.sources.long_frame import empty_rejected

UNIT = "US$ million"
VINTAGE = "2016-11"

#: the 56 WIOD 2016 industries (ISIC rev. 4), in file order
_INDUSTRY_CODES = (
    "A01 A02 A03 B C10-C12 C13-C15 C16 C17 C18 C19 C20 C21 C22 C23 C24 C25 C26 C27 C28 C29 "
    "C30 C31_C32 C33 D35 E36 E37-E39 F G45 G46 G47 H49 H50 H51 H52 H53 I J58 J59_J60 J61 "
    "J62_J63 K64 K65 K66 L68 M69_M70 M71 M72 M73 M74_M75 N O84 P85 Q R_S T U"
)
INDUSTRIES: tuple[str, ...] = tuple(_INDUSTRY_CODES.split())
FINAL_USES: tuple[str, ...] = ("CONS_h", "CONS_np", "CONS_g", "GFCF", "INVEN", "EXP")
NIOT_VALUE_COLUMNS: tuple[str, ...] = (*INDUSTRIES, *FINAL_USES, "GO")
TOT_ROWS: tuple[str, ...] = ("II_fob", "TXSP", "EXP_adj", "PURR", "PURNR", "VA", "IntTTM", "GO")
NIOT_ROW_CODES: tuple[str, ...] = (*INDUSTRIES, *(c for c in TOT_ROWS if c not in INDUSTRIES))
NIOT_YEARS: tuple[int, ...] = tuple(range(2000, 2015))
ROWS_PER_YEAR = 2 * len(INDUSTRIES) + len(TOT_ROWS)  # 120
_ORIGINS = {"Domestic": "domestic", "Imports": "imports", "TOT": "tot"}

#: industries with structurally zero domestic output (WIOD folds them into neighbours)
KNOWN_ZERO_OUTPUT: dict[str, tuple[str, ...]] = {
    "CHN": ("C33", "G45", "J58", "J59_J60", "K66", "M71", "M73", "T", "U"),
}

ZERO_OUTPUT_REASON = "structural zero output (WIOD folds the industry into a neighbour)"

#: Identity breaks published in the WIOD NIOT CSVs beyond :data:`ROUNDING_TOLERANCE`, accepted
#: as known defects: (country, year, check, industries) -> reason. Found on the delivered files
#: (github.com/davidqo1231/Energy-intensity @ 1f406e68); any other break is an error.
KNOWN_IDENTITY_BREAKS: dict[tuple[str, int, str, tuple[str, ...]], str] = {
    ("ROU", 2014, "va_block", ("R_S",)): "published VA block exceeds GO by 3,854 (WIOD file)",
    ("BGR", 2014, "va_block", ("R_S",)): "published VA block exceeds GO by 27 (WIOD file)",
    ("LUX", 2014, "va_block", ("H50", "H51", "H52", "H53")): (
        "published VA block off GO by 12 to 65 in LUX transport 2014 (WIOD file)"
    ),
    ("MLT", 2002, "va_block", ("K66",)): "MLT VA block off GO by 5 to 8 (rounding, WIOD file)",
    ("MLT", 2003, "va_block", ("K66",)): "MLT VA block off GO by 5 to 8 (rounding, WIOD file)",
    (
        "MLT",
        2010,
        "va_block",
        ("H49", "H52"),
    ): "MLT VA block off GO by 5 to 8 (rounding, WIOD file)",
}

_FILE_RE = re.compile(r"^(?P<iso3>[A-Z]{3})_NIOT_nov16", re.IGNORECASE)
_GROUPED_RE = re.compile(r"[+-]?\d{1,3}(?: \d{3})+(?:\.\d+)?")
_NUMBER_RE = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


# --------------------------------------------------------------------------- helpers
def _records(path: Path, delimiter: str) -> list[Record]:
    """Decode (strict UTF-8, BOM dropped) and split into records with their physical line."""
    text, _ = decode(path)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    out: list[Record] = []
    line = 1
    for fields in reader:
        if "".join(fields).strip():
            out.append(Record(line, fields))
        line = reader.line_num + 1
    if text.count('"') % 2 == 1:
        raise SourceFormatError(path, "truncated file: unterminated quoted field", row=line)
    return out


@lru_cache(maxsize=1 << 20)
def _parse_one(text: str) -> tuple[float, str]:
    t = text.strip()
    if not t:
        return np.nan, "empty"
    if " " in t:
        if not _GROUPED_RE.fullmatch(t):
            return np.nan, "bad thousands grouping"
        t = t.replace(" ", "")
    if not _NUMBER_RE.fullmatch(t):
        return np.nan, "not a number"
    value = float(t)
    return (value, "ok") if np.isfinite(value) else (np.nan, "not a finite number")


def parse_spaced(raw: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Parse number text with optional space thousands separators (``-1 396 917``).

    Returns ``(values, status)``; status is ``"ok"``, ``"empty"`` (blank: not published) or
    the rejection reason (``"not a number"``, ``"bad thousands grouping"`` for spaces not in
    groups of three, e.g. ``"12 34"``). Each distinct text is parsed once.
    """
    codes, uniques = pd.factorize(np.asarray(raw, dtype=object).ravel(), use_na_sentinel=False)
    parsed = [_parse_one("" if u is None or u is np.nan else str(u)) for u in uniques]
    values = np.array([v for v, _ in parsed], dtype="float64")
    status = np.array([s for _, s in parsed], dtype=object)
    return values[codes], status[codes]


def _rejected(file_name: str, rows, columns, raws, reasons) -> pd.DataFrame:
    if len(rows) == 0:
        return empty_rejected()
    out = pd.DataFrame(
        {
            "file_name": file_name,
            "row_number": np.asarray(rows, dtype="int64"),
            "column": pd.array(columns, dtype="string"),
            "raw_value": pd.array([str(r) for r in raws], dtype="string"),
            "reason": pd.array(reasons, dtype="string"),
        }
    )
    return out.astype(empty_rejected().dtypes.to_dict())


# --------------------------------------------------------------------------- NIOT
def niot_country(path: Path) -> str:
    """ISO3 from ``CHN_NIOT_nov16.csv``; SourceFormatError if the name does not say."""
    m = _FILE_RE.match(Path(path).name)
    if not m:
        raise SourceFormatError(path, "file name does not start with '<ISO3>_NIOT_nov16'")
    return m.group("iso3").upper()


def _check_blocks(
    path: Path,
    years: np.ndarray,
    origins: np.ndarray,
    codes: np.ndarray,
    lines: np.ndarray,
    expected_years: Sequence[int] | None,
) -> None:
    """Raise SourceFormatError for a missing/short year block or a duplicated row code."""
    found = sorted(set(years.tolist()))
    want = list(expected_years) if expected_years else list(range(found[0], found[-1] + 1))
    missing = [y for y in want if y not in found]
    if missing:  # row: where the first missing block should start
        after = [int(lines[years == y].min()) for y in found if y > missing[0]]
        raise SourceFormatError(
            path,
            f"missing year block(s) {', '.join(map(str, missing))}",
            row=after[0] if after else int(lines.max()) + 1,
        )
    expected = {"domestic": INDUSTRIES, "imports": INDUSTRIES, "tot": TOT_ROWS}
    for year in found:
        in_year = years == year
        first = int(lines[in_year].min())
        if in_year.sum() != ROWS_PER_YEAR:
            raise SourceFormatError(
                path,
                f"year {year}: block has {int(in_year.sum())} rows, expected {ROWS_PER_YEAR}",
                row=first,
            )
        for origin, want_codes in expected.items():
            sel = in_year & (origins == origin)
            block, block_lines = codes[sel], lines[sel]
            seen: set[str] = set()
            for code, line in zip(block.tolist(), block_lines.tolist(), strict=True):
                if code in seen:
                    raise SourceFormatError(
                        path, f"year {year}: duplicated {origin} row code {code!r}", row=line
                    )
                seen.add(code)
            if seen != set(want_codes):
                lack = sorted(set(want_codes) - seen)
                extra = sorted(seen - set(want_codes))
                raise SourceFormatError(
                    path,
                    f"year {year}: {origin} rows missing {lack} / unexpected {extra}",
                    row=int(block_lines.min()) if len(block_lines) else first,
                )


def read_niot_file(
    path: Path, expected_years: Sequence[int] | None = NIOT_YEARS
) -> tuple[pd.DataFrame, pd.DataFrame, int, str]:
    """One NIOT CSV -> ``(IO frame, rejected, data rows, vintage)``.

    ``expected_years=None`` accepts any contiguous run of years.
    """
    return read_niot_checked(path, expected_years)[0]


def read_niot_checked(
    path: Path, expected_years: Sequence[int] | None = NIOT_YEARS
) -> tuple[tuple[pd.DataFrame, pd.DataFrame, int, str], list[Finding]]:
    """:func:`read_niot_file` plus the file's identity findings (:func:`identity_findings`)."""
    path = Path(path)
    country = niot_country(path)
    records = _records(path, ";")
    if not records:
        raise SourceFormatError(path, "no header")
    header, data = records[0], records[1:]
    index = column_index(path, header, ("Year", "Code", "Origin", *NIOT_VALUE_COLUMNS))
    if data and not data[0].fields[index["Year"]].strip():
        data = data[1:]  # line 2: industry descriptions
    if not data:
        raise SourceFormatError(path, "no data rows after the header")
    check_widths(path, data, len(header.fields))
    width = len(header.fields)
    matrix = np.array([r.fields[:width] for r in data], dtype=object)
    lines = np.array([r.line for r in data], dtype=np.int64)
    year_text = np.char.strip(matrix[:, index["Year"]].astype(str))
    bad_year = ~np.char.isdigit(year_text)
    if bad_year.any():
        i = int(np.argmax(bad_year))
        raise SourceFormatError(path, f"Year {year_text[i]!r} is not a year", int(lines[i]), "Year")
    years = year_text.astype(np.int64)
    origin_text = np.char.strip(matrix[:, index["Origin"]].astype(str))
    unknown = ~np.isin(origin_text, list(_ORIGINS))
    if unknown.any():
        i = int(np.argmax(unknown))
        raise SourceFormatError(
            path, f"year {years[i]}: unknown Origin {origin_text[i]!r}", int(lines[i]), "Origin"
        )
    origins = np.vectorize(_ORIGINS.__getitem__, otypes=[object])(origin_text)
    codes = np.char.strip(matrix[:, index["Code"]].astype(str)).astype(object)
    _check_blocks(path, years, origins, codes, lines, expected_years)

    cols = [index[c] for c in NIOT_VALUE_COLUMNS]
    raw = matrix[:, cols]
    values, status = parse_spaced(raw.ravel())
    n_rows, n_cols = raw.shape
    rep = lambda a: np.repeat(a, n_cols)  # noqa: E731
    col_codes = np.tile(np.array(NIOT_VALUE_COLUMNS, dtype=object), n_rows)
    bad = (status != "ok") & (status != "empty")
    reasons = [f"{r} (year {y})" for r, y in zip(status[bad], rep(years)[bad], strict=True)]
    rejected = _rejected(path.name, rep(lines)[bad], col_codes[bad], raw.ravel()[bad], reasons)
    keep = status == "ok"
    frame = io_frame(
        {
            "source": "wiod_niot",
            "country": country,
            "year": rep(years)[keep],
            "origin": pd.Categorical.from_codes(
                np.repeat(pd.Index(["domestic", "imports", "tot"]).get_indexer(origins), n_cols)[
                    keep
                ],
                ["domestic", "imports", "tot"],
            ),
            "row_code": pd.Categorical.from_codes(
                np.repeat(pd.Index(NIOT_ROW_CODES).get_indexer(codes), n_cols)[keep],
                NIOT_ROW_CODES,
            ),
            "column_code": tiled_codes(NIOT_VALUE_COLUMNS, n_rows, keep),
            "value": values[keep],
            "unit": UNIT,
            "vintage": VINTAGE,
            "file_name": path.name,
            "row_number": rep(lines)[keep],
        },
        int(keep.sum()),
    )
    findings = identity_findings(
        path.name, country, years, origins, codes, lines, values.reshape(n_rows, n_cols)
    )
    return (frame, rejected, len(data), VINTAGE), findings


def read_niot(paths: Sequence[Path]) -> ReadResult:
    """Read WIOD NIOT CSV files into the ``wiod_niot`` IO long table, file by file.

    A file that cannot be read is reported in ``file_errors`` (the others are still read);
    identity findings of every file are in ``findings``.
    """
    reads, findings, errors = {}, [], {}
    for p in map(Path, paths):
        try:
            reads[p.name], found = read_niot_checked(p)
        except SourceFormatError as exc:
            errors[p.name] = str(exc)
            continue
        findings += found
    result = combine(reads)
    result.findings, result.file_errors = findings, errors
    return result


# --------------------------------------------------------------------------- identities
#: Finding of the identity checks (kept under its first name for callers)
IdentityProblem = Finding

#: Tolerance per identity (US$ million): the worst case of rounding every term of the identity
#: to a whole million, 0.5 × (number of rounded terms). row_sum: 56 flows + 6 final uses + GO;
#: ii_fob: 112 flows + II_fob; va_block: 7 components + GO.
ROUNDING_TOLERANCE: dict[str, float] = {"row_sum": 31.5, "ii_fob": 56.5, "va_block": 4.0}

_VA_PARTS = tuple(c for c in TOT_ROWS if c != "GO")
_IND = {c: i for i, c in enumerate(INDUSTRIES)}
_TOT = {c: i for i, c in enumerate(TOT_ROWS)}
_N = len(INDUSTRIES)
_GO_COL = NIOT_VALUE_COLUMNS.index("GO")


def _known_reason(country: str, year: int, check: str, column: str) -> str:
    for (c, y, k, cols), reason in KNOWN_IDENTITY_BREAKS.items():
        if c == country and y == year and k == check and column in cols:
            return reason
    return ""


def identity_findings(
    file_name: str,
    country: str,
    years: np.ndarray,
    origins: np.ndarray,
    codes: np.ndarray,
    lines: np.ndarray,
    values: np.ndarray,
    tolerance: dict[str, float] | None = None,
) -> list[Finding]:
    """The NIOT identity checks on one file held as arrays (one entry per data row).

    ``values`` is rows × :data:`NIOT_VALUE_COLUMNS` (NaN = empty cell, counted as 0); the
    other arrays give each row's year, origin (domestic/imports/tot), code and line. Blocks
    must be complete (``_check_blocks``). Checks per year, with ``tolerance`` (default
    :data:`ROUNDING_TOLERANCE`):

    * ``row_sum``: Domestic row i: Σ_j z_ij + Σ final uses − GO_i;
    * ``ii_fob``: column j: Σ_i zd_ij + Σ_i zm_ij − II_fob_j;
    * ``va_block``: II_fob + TXSP + EXP_adj + PURR + PURNR + VA + IntTTM − GO, column j;
    * ``negative_flow``: zd_ij < 0 or zm_ij < 0 (no tolerance);
    * ``zero_output``: GO_j = 0 — ``known`` for :data:`KNOWN_ZERO_OUTPUT`, else ``note``.

    A break listed in :data:`KNOWN_IDENTITY_BREAKS` is ``known`` (with its reason), not an
    error. Row numbers: the checked Domestic row (row_sum, negative_flow) or the TOT row.
    """
    tol = ROUNDING_TOLERANCE | (tolerance or {})
    v = np.nan_to_num(np.asarray(values, dtype="float64"))
    out: list[Finding] = []

    def add(check, year, row_code, column, diff, line, severity="error", reason=""):
        if severity == "error":
            reason = _known_reason(country, year, check, column)
            severity = "known" if reason else "error"
        out.append(
            Finding(
                check, file_name, country, int(year), row_code, column, float(diff),
                int(line), severity, reason,
            )
        )  # fmt: skip

    for year in np.unique(years).tolist():
        in_year = years == year
        rows = {}
        for origin, order in (("domestic", _IND), ("imports", _IND), ("tot", _TOT)):
            idx = np.flatnonzero(in_year & (origins == origin))
            rows[origin] = idx[np.argsort([order[c] for c in codes[idx]])]
        dom, imp, tot = (v[rows[o]] for o in ("domestic", "imports", "tot"))
        dom_lines, tot_lines = lines[rows["domestic"]], lines[rows["tot"]]
        row_diff = dom[:, :_GO_COL].sum(axis=1) - dom[:, _GO_COL]
        for i in np.flatnonzero(np.abs(row_diff) > tol["row_sum"]):
            add("row_sum", year, INDUSTRIES[i], "GO", row_diff[i], dom_lines[i])
        for block, block_lines in ((dom, dom_lines), (imp, lines[rows["imports"]])):
            for i, j in zip(*np.nonzero(block[:, :_N] < 0), strict=True):
                add(
                    "negative_flow", year, INDUSTRIES[i], INDUSTRIES[j], block[i, j], block_lines[i]
                )
        go = tot[_TOT["GO"], :_N]
        checks = (
            ("ii_fob", dom[:, :_N].sum(axis=0) + imp[:, :_N].sum(axis=0) - tot[_TOT["II_fob"], :_N],
             "II_fob"),
            ("va_block", tot[[_TOT[c] for c in _VA_PARTS], :_N].sum(axis=0) - go, "GO"),
        )  # fmt: skip
        for check, diff, target in checks:
            for j in np.flatnonzero(np.abs(diff) > tol[check]):
                add(check, year, target, INDUSTRIES[j], diff[j], tot_lines[_TOT[target]])
        for j in np.flatnonzero(go == 0):
            known = INDUSTRIES[j] in KNOWN_ZERO_OUTPUT.get(country, ())
            add("zero_output", year, "GO", INDUSTRIES[j], 0.0, tot_lines[_TOT["GO"]],
                "known" if known else "note", ZERO_OUTPUT_REASON if known else "")  # fmt: skip
    return out


def check_identities(
    frame: pd.DataFrame, tolerance: dict[str, float] | None = None
) -> list[Finding]:
    """:func:`identity_findings` for every NIOT file in an IO long frame (values US$ million).

    ``[p for p in findings if p.severity == "error"]`` are the broken identities; the reader
    runs the same checks while reading (``ReadResult.findings``).
    """
    out: list[Finding] = []
    if frame.empty:
        return out
    for (file_name, country), part in frame.groupby(["file_name", "country"], observed=True):
        wide = part.pivot_table(
            index=["year", "origin", "row_code"],
            columns="column_code",
            values="value",
            aggfunc="sum",
            observed=True,
        ).reindex(columns=list(NIOT_VALUE_COLUMNS))
        line = part.groupby(["year", "origin", "row_code"], observed=True)["row_number"].min()
        keys = wide.index.to_frame(index=False)
        out += identity_findings(
            str(file_name),
            str(country),
            keys["year"].to_numpy(),
            keys["origin"].astype(str).to_numpy(dtype=object),
            keys["row_code"].astype(str).to_numpy(dtype=object),
            line.reindex(wide.index).to_numpy(),
            wide.to_numpy(),
            tolerance,
        )
    return out


# --------------------------------------------------------------------------- WIOT
WIOT_FINAL_USES: tuple[str, ...] = ("CONS_h", "CONS_np", "CONS_g", "GFCF", "INVEN")
_WIOT_YEAR_RE = re.compile(r"WIOT(?P<year>\d{4})_Nov16_ROW", re.IGNORECASE)


def _wiot_rows(path: Path) -> list[Record]:
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xlsb"):
        from python_calamine import CalamineWorkbook

        wb = CalamineWorkbook.from_path(str(path))
        rows = wb.get_sheet_by_index(0).to_python()
        return [
            Record(
                i + 1, ["" if v is None else (v if isinstance(v, str) else repr(v)) for v in row]
            )
            for i, row in enumerate(rows)
            if any(v not in (None, "") for v in row)
        ]
    return _records(path, ",")


def read_wiot_file(path: Path) -> tuple[pd.DataFrame, pd.DataFrame, int, str]:
    """One WIOT (CSV or xlsx) -> ``(IO frame, rejected, data rows, vintage)``.

    country = using country (column), row_code = ``<supplier>/<code>``; origin ``domestic``
    when supplier = user, ``imports`` otherwise, ``tot`` for the value-added block; the last
    (``TOT``) column becomes column_code ``GO`` of the supplier's own country.
    """
    path = Path(path)
    m = _WIOT_YEAR_RE.search(path.name)
    if not m:
        raise SourceFormatError(path, "file name does not contain 'WIOT<year>_Nov16_ROW'")
    year = int(m.group("year"))
    records = _wiot_rows(path)
    code_at = next(
        (
            i
            for i, r in enumerate(records)
            if len(r.fields) > 4 and r.fields[4].strip() == INDUSTRIES[0]
        ),
        None,
    )
    if code_at is None or code_at + 1 >= len(records):
        raise SourceFormatError(path, "no header row with use codes (5th cell 'A01') found")
    code_rec, country_rec = records[code_at], records[code_at + 1]
    width = len(code_rec.fields)
    use_codes = np.array([c.strip() for c in code_rec.fields[4:width]], dtype=object)
    use_ctry = np.array(
        [c.strip() for c in (country_rec.fields + [""] * width)[4:width]], dtype=object
    )
    if len(use_codes) == 0 or use_codes[-1] != "TOT":
        raise SourceFormatError(path, "last use column is not 'TOT'", row=code_rec.line)
    missing = [i for i, c in enumerate(use_ctry[:-1]) if not c]
    if missing:
        raise SourceFormatError(
            path,
            "use column without a country code",
            row=country_rec.line,
            column=str(use_codes[missing[0]]),
        )
    data = [
        r
        for r in records[code_at + 2 :]
        if len(r.fields) > 2 and (r.fields[0].strip() in INDUSTRIES or r.fields[2].strip() == "TOT")
    ]
    if not data:
        raise SourceFormatError(path, "no data rows after the header")
    check_widths(path, data, width)
    matrix = np.array([r.fields[:width] for r in data], dtype=object)
    lines = np.array([r.line for r in data], dtype=np.int64)
    sup_ctry = np.char.strip(matrix[:, 2].astype(str)).astype(object)
    sup_code = np.char.strip(matrix[:, 0].astype(str)).astype(object)
    row_key = sup_ctry + "/" + sup_code
    seen: dict[str, int] = {}
    for key, line in zip(row_key.tolist(), lines.tolist(), strict=True):
        if key in seen:
            raise SourceFormatError(path, f"year {year}: duplicated row {key!r}", row=line)
        seen[key] = line
    raw = matrix[:, 4:width]
    values, status = parse_spaced(raw.ravel())
    n_rows, n_cols = raw.shape
    # integer codes (n_rows × n_cols): the last (TOT) column is GO of the supplier's country
    countries = sorted(set(use_ctry[:-1]) | set(sup_ctry))
    ctry_of = {c: i for i, c in enumerate(countries)}
    sup_i = np.array([ctry_of[c] for c in sup_ctry], dtype=np.int32)
    ctry = np.empty((n_rows, n_cols), dtype=np.int32)
    ctry[:] = np.array([ctry_of[c] for c in use_ctry[:-1]] + [0], dtype=np.int32)
    ctry[:, -1] = sup_i
    origin_i = np.where(ctry == sup_i[:, None], 0, 1).astype(np.int8)  # domestic / imports
    origin_i[sup_ctry == "TOT", :] = 2
    use_labels = [*use_codes[:-1], "GO"]
    use_cat, use_uniques = pd.factorize(np.array(use_labels, dtype=object))
    col_i = np.broadcast_to(use_cat, (n_rows, n_cols)).ravel()
    bad = (status != "ok") & (status != "empty")
    lines_2d = np.repeat(lines, n_cols)
    if bad.any():
        names = np.char.add(
            np.char.add(np.array(countries)[ctry.ravel()[bad]], "/"),
            np.asarray(use_uniques, dtype=str)[col_i[bad]],
        )
        rejected = _rejected(path.name, lines_2d[bad], names, raw.ravel()[bad], status[bad])
    else:
        rejected = empty_rejected()
    keep = status == "ok"
    cat = pd.Categorical.from_codes
    frame = io_frame(
        {
            "source": "wiod_wiot",
            "country": cat(ctry.ravel()[keep], countries),
            "year": year,
            "origin": cat(origin_i.ravel()[keep], ["domestic", "imports", "tot"]),
            "row_code": repeated_codes(row_key, n_cols, keep),
            "column_code": cat(col_i[keep], list(use_uniques)),
            "value": values[keep],
            "unit": UNIT,
            "vintage": VINTAGE,
            "file_name": path.name,
            "row_number": lines_2d[keep],
        },
        int(keep.sum()),
    )
    return frame, rejected, len(data), VINTAGE


def read_wiot(paths: Sequence[Path]) -> ReadResult:
    """Read WIOT files (CSV or xlsx) into the ``wiod_wiot`` IO long table."""
    if not paths:
        return ReadResult(frame=empty_io_frame())
    return combine({Path(p).name: read_wiot_file(Path(p)) for p in paths})


_ORIGIN = Origin(
    publisher="Groningen Growth and Development Centre (World Input-Output Database)",
    dataset="WIOD 2016 release: National Input-Output Tables (CSV conversion of "
    "{ISO3}_NIOT_nov16.xlsx, sheet 'National IO-tables')",
    edition="2016 release (Nov16), 2000-2014; CSV from github.com/davidqo1231/Energy-intensity "
    "Data/NIOT @ 1f406e68",
    url="https://doi.org/10.34894/PJ2M1C",
    licence="none stated by the repository; WIOD asks users to cite Timmer et al. (2015)",
    citation="Timmer, M. P., Dietzenbacher, E., Los, B., Stehrer, R. and de Vries, G. J. (2015), "
    "'An Illustrated User Guide to the World Input-Output Database: the Case of Global "
    "Automotive Production', Review of International Economics 23: 575-605.",
)

WIOD_NIOT = Source(
    name="wiod_niot",
    kind="io",
    table="wiod_niot",
    patterns=("io/wiod2016_niot_csv/*_NIOT_nov16*.csv",),
    origin=_ORIGIN,
    grain=("country", "year", "origin", "row_code", "column_code"),
    read=read_niot,
    description="WIOD 2016 NIOT: 43 countries × 2000-2014 × 120 rows (56 Domestic, 56 Imports, "
    "8 TOT) × 63 value columns, US$ million at current basic prices.",
    known_units=(UNIT,),
    isolate_files=True,
    domain_checks=(*ROUNDING_TOLERANCE, "negative_flow", "zero_output"),
    min_rows=len(NIOT_YEARS) * ROWS_PER_YEAR * len(NIOT_VALUE_COLUMNS),  # one country
    max_rows=44 * len(NIOT_YEARS) * ROWS_PER_YEAR * len(NIOT_VALUE_COLUMNS),
    known_defects=(
        "CSV cells are rounded to whole US$ million (the xlsx has decimals): identities are "
        "checked within the rounding bound 0.5 x (terms summed); single small cells (imported "
        "services in early years) carry up to ±50% error, group sums do not.",
        "China: zero domestic output in C33, G45, J58, J59_J60, K66, M71, M73, T, U (structural; "
        "WIOD folds them into neighbours); their Imports rows are non-zero.",
        "Imports rows carry GO = 0 and EXP = 0: total imports of a product is the row sum.",
        "Column identity Domestic+Imports = II_fob is off by 11-15 in 236 country-year-industry "
        "columns (EST, HRV, MLT, SVN, LUX …): within the rounding bound of 112 cells (56.5).",
        "II_fob+TXSP+EXP_adj+PURR+PURNR+VA+IntTTM = GO breaks beyond the rounding bound (4) in "
        "ROU 2014 R_S (3,854), BGR 2014 R_S (27), LUX 2014 H50-H53 (up to 65) and MLT 2002, "
        "2003, 2010 (<= 8): KNOWN_IDENTITY_BREAKS, gate findings of severity 'known'.",
        "No partner-country split of imports (needs the WIOT).",
        "The repository owner converted the xlsx to CSV without documenting how.",
    ),
)

WIOD_WIOT = Source(
    name="wiod_wiot",
    kind="io",
    table="wiod_wiot",
    patterns=("io/wiod2016_wiot/WIOT*_Nov16_ROW*.csv", "io/wiod2016_wiot/WIOT*_Nov16_ROW*.xlsx"),
    origin=Origin(
        publisher=_ORIGIN.publisher,
        dataset="WIOD 2016 release: World Input-Output Tables WIOT{year}_Nov16_ROW",
        edition="2016 release (Nov16), 2000-2014",
        url=_ORIGIN.url,
        licence="CC BY 4.0 (GGDC Dataverse); cite Timmer et al. (2015)",
        citation=_ORIGIN.citation,
    ),
    grain=("country", "year", "origin", "row_code", "column_code"),
    read=read_wiot,
    description="WIOD 2016 WIOT (not in hand): 44 regions × 56 industries as rows plus the "
    "value-added block; columns 2464 intermediate uses + 5 final uses per country + TOT.",
    known_units=(UNIT,),
    optional=True,
    min_rows=None,
    max_rows=15 * 2472 * 2685,
    known_defects=(
        "Layout assumed from the release documentation: no copy was available to test against.",
    ),
)
