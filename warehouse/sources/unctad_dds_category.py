"""UNCTADstat bulk CSV of trade in digitally-deliverable services (DDS) **by category**.

A user-supplied file (``optional=True``): the category breakdown is not in ``raw/`` (see
SOURCES.md, "unctad/": only totals, via Data360).  Drop the unzipped bulk CSV of UNCTADstat
report ``US.DigitallyDeliverableServices`` into ``raw/unctad/`` under its publisher name
(``US_DigitallyDeliverableServices.csv``, or a legacy ``US_TradeServDigital_ST<stamp>_v1.csv``);
the patterns are :data:`PATTERNS`.

Layout implemented
------------------
One row per economy × flow × category × year, comma-separated, UTF-8 (a BOM is allowed):

* ``Year``; ``Economy`` (UNCTAD economy code, text, zero-padded: ``0000`` = World, 4-digit
  codes are groups, 3-digit codes are M49 countries) and ``Economy Label``;
* ``Flow`` and ``Flow Label``: ``01`` = Imports, ``02`` = Exports (an unknown flow is kept,
  coded ``flow<code>``, never dropped);
* ``Category`` and ``Category Label`` (also accepted: ``Service category`` /
  ``ServiceCategory`` with their `` Label`` column): EBOPS 2010 codes, for DDS expected
  ``SF`` insurance and pension, ``SG`` financial, ``SH`` charges for the use of IP,
  ``SI`` telecommunications/computer/information, ``SJ`` other business services, ``SK``
  personal/cultural/recreational (plus the DDS total under whatever code the file uses);
* the value ``US$ at current prices in millions`` (data-centre layout, 2023-) or
  ``US dollars at current prices in millions`` (legacy layout, before 2023), each with an
  optional ``<value> Footnote`` and ``<value> Missing value`` column;
* other measures (``Percentage of …``, ``Growth rate …``) and their flags are ignored;
* a ``Partner`` column (legacy ``US_TradeServDigital``) is accepted only when every row is
  partner World (``0000``); any other partner is a different grain and a format error.

How sure: the column *names* are confirmed from public code that reads UNCTADstat bulk files
(legacy ``US_TradeServDigital_ST202007241022_v1.csv``: Year, Economy, Economy Label, Partner,
Partner Label, Flow, Flow Label, Category, Category Label, "US dollars at current prices in
millions" + " Footnote", …; data-centre ``US_GDPTotal.csv``: "US$ at current prices in
millions" + " Footnote" + " Missing value", World = ``0000``; data-centre
``US_TradeServCatTotal.csv``: Flow ``01`` Imports / ``02`` Exports, Category ``S`` total
services).  **Not seen**: an actual ``US_DigitallyDeliverableServices.csv``, the DDS total's
category code, and what the ``Missing value`` flag holds; the reader therefore does not
depend on any of these.

Cells
-----
* value empty (with or without a ``Missing value`` flag): not published, no row;
* value present **and** ``Missing value`` flag set: contradictory, rejected cell;
* value not a number (``n.a.``, ``..``): rejected cell; bad ``Year``: rejected cell;
* a ``Footnote``: the value is kept and a ``note`` finding (check ``footnote``) records it.

Long rows: ``indicator_code`` = ``<category>.<flow>`` (e.g. ``SI.imports``),
``indicator_name`` = ``<Category Label>, <Flow Label>``, ``entity_code`` = ``Economy``,
unit ``US$ millions``.  Vintage: the ``_ST<yyyymmddhhmm>`` stamp of a legacy file name, else
``undated``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from warehouse.sources.base import Finding, Origin, ReadResult, Source, SourceFormatError
from warehouse.sources.csv_records import (
    check_widths,
    column_index,
    describe_found,
    read_records,
    require_data,
)
from warehouse.sources.long_frame import FileRead, cells_to_long, concat_long, concat_rejected

NAME = "unctad_dds_category"
UNIT = "US$ millions"
PATTERNS: tuple[str, ...] = (
    "unctad/US_DigitallyDeliverableServices*.csv",
    "unctad/US.DigitallyDeliverableServices*.csv",
    "unctad/US_TradeServDigital*.csv",
)
REQUIRED: tuple[str, ...] = ("Year", "Economy", "Economy Label", "Flow", "Flow Label")
#: accepted names of the category code column (its label column is ``<name> Label``)
CATEGORY_COLUMNS: tuple[str, ...] = ("Category", "Service category", "ServiceCategory")
#: accepted names of the value column: data-centre layout first, legacy layout second
VALUE_COLUMNS: tuple[str, ...] = (
    "US$ at current prices in millions",
    "US dollars at current prices in millions",
)
FLOWS: dict[str, str] = {"01": "imports", "02": "exports"}
WORLD_PARTNER = "0000"
#: EBOPS 2010 codes of the six DDS categories (seed 002), for reference and tests
DDS_CATEGORIES: dict[str, str] = {
    "SF": "Insurance and pension services",
    "SG": "Financial services",
    "SH": "Charges for the use of intellectual property n.i.e.",
    "SI": "Telecommunications, computer, and information services",
    "SJ": "Other business services",
    "SK": "Personal, cultural, and recreational services",
}
_STAMP = re.compile(r"_ST(\d{4})(\d{2})(\d{2})\d{0,4}")


def vintage_of(path: Path) -> str:
    """``US_TradeServDigital_ST202007241022_v1.csv`` -> ``2020-07-24``; otherwise ``undated``."""
    match = _STAMP.search(path.name)
    return "-".join(match.groups()) if match else "undated"


def flow_code(code: str, label: str) -> str:
    """``01``/``Imports`` -> ``imports``; an unknown flow stays visible as ``flow<code>``."""
    code, label = code.strip(), label.strip().lower()
    if code in FLOWS:
        return FLOWS[code]
    if label in ("imports", "exports"):
        return label
    return f"flow{code or label}"


def _pick(path: Path, names: list[str], options: Sequence[str], row: int, what: str) -> str:
    for option in options:
        if option in names:
            return option
    raise SourceFormatError(
        path,
        f"missing required {what} column (one of {', '.join(repr(o) for o in options)}); "
        f"found {describe_found(names, options)}",
        row=row,
    )


def read_file(path: Path) -> tuple[pd.DataFrame, pd.DataFrame, int, list[Finding]]:
    """Read one bulk CSV: ``(long frame, rejected, data rows, footnote findings)``."""
    csv_text = read_records(path, ("utf-8",))
    if not csv_text.records:
        raise SourceFormatError(path, "no header and no data rows")
    header, data = csv_text.records[0], csv_text.records[1:]
    names = [f.strip() for f in header.fields]
    category = _pick(path, names, CATEGORY_COLUMNS, header.line, "category")
    value = _pick(path, names, VALUE_COLUMNS, header.line, "value")
    index = column_index(path, header, (*REQUIRED, category, f"{category} Label", value))
    require_data(path, data)
    check_widths(path, data, len(header.fields))
    matrix = np.array([rec.fields for rec in data], dtype=object)
    lines = np.array([rec.line for rec in data], dtype=np.int64)

    def col(name: str) -> np.ndarray:
        return np.array([str(v).strip() for v in matrix[:, index[name]]], dtype=object)

    def optional(name: str) -> np.ndarray:
        if name not in names:
            return np.full(len(data), "", dtype=object)
        return np.array([str(v).strip() for v in matrix[:, names.index(name)]], dtype=object)

    if "Partner" in names:
        partners = optional("Partner")
        bad = np.flatnonzero(partners != WORLD_PARTNER)
        if bad.size:
            raise SourceFormatError(
                path,
                f"partner {partners[bad[0]]!r} is not World ({WORLD_PARTNER}): only the "
                "partner-World layout is supported",
                row=int(lines[bad[0]]),
                column="Partner",
            )

    flows = [flow_code(c, lab) for c, lab in zip(col("Flow"), col("Flow Label"), strict=True)]
    codes = [f"{c}.{f}" for c, f in zip(col(category), flows, strict=True)]
    labels = [f"{c}, {f}" for c, f in zip(col(f"{category} Label"), col("Flow Label"), strict=True)]
    raw = col(value)
    missing_flag = optional(f"{value} Missing value")
    footnote = optional(f"{value} Footnote")
    flagged = (missing_flag != "") & (raw != "")
    cells = pd.DataFrame(
        {
            "indicator_code": codes,
            "indicator_name": labels,
            "unit": UNIT,
            "entity_code": col("Economy"),
            "entity_name": col("Economy Label"),
            "year": pd.array(col("Year"), dtype="string"),
            "raw": pd.array(np.where(flagged, "", raw), dtype="string"),
            "row_number": lines,
            "column": value,
        }
    )
    frame, rejected = cells_to_long(
        cells, source=NAME, file_name=path.name, vintage=vintage_of(path), year_column="Year"
    )
    if flagged.any():
        contradictions = pd.DataFrame(
            {
                "file_name": path.name,
                "row_number": lines[flagged],
                "column": value,
                "raw_value": raw[flagged],
                "reason": [
                    f"value present although '{value} Missing value' is {flag!r}"
                    for flag in missing_flag[flagged]
                ],
            }
        )
        rejected = concat_rejected([rejected, contradictions.astype(rejected.dtypes.to_dict())])
        rejected = rejected.sort_values(["row_number", "column"], kind="stable")
        rejected = rejected.reset_index(drop=True)
    notes = _footnotes(path, frame, footnote, lines)
    return frame, rejected, len(data), notes


def _footnotes(
    path: Path, frame: pd.DataFrame, footnote: np.ndarray, lines: np.ndarray
) -> list[Finding]:
    """One ``note`` finding per landed value that carries a publisher footnote."""
    by_line = dict(zip(lines.tolist(), footnote.tolist(), strict=True))
    notes = []
    for row in frame.itertuples(index=False):
        text = by_line.get(int(row.row_number), "")
        if text:
            notes.append(
                Finding(
                    check="footnote",
                    file_name=path.name,
                    country=str(row.entity_code),
                    year=int(row.year),
                    row_code=str(row.indicator_code),
                    column_code="footnote",
                    difference=0.0,
                    row_number=int(row.row_number),
                    severity="note",
                    reason=text,
                )
            )
    return notes


def read(paths: Sequence[Path]) -> ReadResult:
    """Read UNCTADstat DDS-by-category bulk CSVs into the ``unctad_dds_category`` long table."""
    reads: dict[str, FileRead] = {}
    findings: list[Finding] = []
    for p in paths:
        path = Path(p)
        frame, rejected, n_rows, notes = read_file(path)
        reads[path.name] = FileRead(frame, rejected, n_rows, vintage_of(path))
        findings += notes
    return ReadResult(
        frame=concat_long([r.frame for r in reads.values()]),
        rejected=concat_rejected([r.rejected for r in reads.values()]),
        rows_read={name: r.rows_read for name, r in reads.items()},
        vintages={name: r.vintage for name, r in reads.items()},
        encodings={name: "utf-8" for name in reads},
        findings=findings,
    )


UNCTAD_DDS_CATEGORY = Source(
    name=NAME,
    table=NAME,
    patterns=PATTERNS,
    origin=Origin(
        publisher="UNCTAD (UNCTADstat)",
        dataset="International trade in digitally-deliverable services, value, shares and "
        "growth, annual (US.DigitallyDeliverableServices), by service category",
        edition="user-supplied bulk download (vintage from the file name when stamped)",
        url="https://unctadstat.unctad.org/datacentre/reportInfo/US.DigitallyDeliverableServices",
        licence="UNCTADstat terms of use (free reuse with attribution)",
        citation="UNCTAD, UNCTADstat, US.DigitallyDeliverableServices, bulk download.",
    ),
    grain=("indicator_code", "entity_code", "year"),
    read=read,
    kind="long",
    description=(
        "Imports and exports of digitally-deliverable services by EBOPS category (SF, SG, SH, "
        "SI, SJ, SK and the DDS total), US$ millions, economies and UNCTAD groups."
    ),
    known_units=(UNIT,),
    min_rows=1,
    max_rows=200_000,
    known_defects=(
        "Not delivered: the file must be supplied by the user (UNCTADstat bulk download).",
        "Layout inferred from other UNCTADstat bulk files; the DDS total's category code and "
        "the content of the 'Missing value' flag were not seen.",
        "Aggregates (0000 World and other 4-digit group codes) are rows like countries; "
        "drop them in dbt by joining to M49 countries.",
        "Economy codes are UNCTAD (M49-based) numeric codes, not ISO3: map through UN M49; a "
        "few are UNCTAD's own (490 Taiwan Province of China, 251 France, 381 Italy, 579 Norway, "
        "699 India, 757 Switzerland, 842 USA), listed in dbt seed country_code_map.",
        "Footnoted values are kept; each footnote is a 'note' finding of check 'footnote'.",
    ),
    optional=True,
    domain_checks=("footnote",),
)
