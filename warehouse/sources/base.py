"""The contract every source reader fulfils.

A *source* is one publisher format (e.g. WDI per-indicator CSVs). It declares

* where its files are: glob ``patterns`` relative to the raw directory, so that a newer
  publisher download with a different file name drops in;
* its ``origin`` (publisher, dataset, edition, url, licence);
* the raw table it lands in (``raw.<table>``) and that table's grain;
* a ``read(paths)`` function returning a :class:`ReadResult`.

Three raw table shapes exist:

* **long observations** (most sources): the columns of :data:`LONG_COLUMNS`, one row per
  publisher indicator × publisher entity × year, with the publisher's own identifiers kept;
* **dimension tables** (code lists such as UN M49 and the World Bank country metadata):
  the source's own columns in snake_case plus :data:`PROVENANCE_COLUMNS`;
* **input-output cells** (``kind="io"``): one row per published table cell, the columns of
  :data:`warehouse.sources.io_registry.IO_COLUMNS`.

Besides cells it cannot parse, a reader may report :class:`Finding` s: results of domain
checks it runs while it has the table in hand (e.g. the IO accounting identities). A finding of
severity ``error`` fails the gate; ``known`` (a documented publisher feature) and ``note`` are
recorded, not failed. A source with ``isolate_files=True`` lands file by file: a file that cannot
be read, has rejected cells or an error finding fails on its own (its last good rows stay) while
the other files land.

Readers never drop a cell silently: a cell that cannot be parsed becomes a row in
``ReadResult.rejected`` (file, row, column, raw text, reason); an empty cell is simply "not
published" and produces no row and no rejection.  Structural problems (missing file, missing
column, wrong encoding, truncated file, missing sheet, empty file) raise
:class:`SourceFormatError` naming the file and what is wrong.
"""

from __future__ import annotations

import glob
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

#: Columns of a long observation table, in order (``load_id`` is added at landing).
LONG_COLUMNS: tuple[str, ...] = (
    "source",  # source name, e.g. "wdi_api"
    "indicator_code",  # publisher's indicator id, e.g. "NY.GDP.PCAP.CD"
    "indicator_name",  # publisher's indicator label
    "unit",  # unit of `value`, e.g. "current US$", "% of GDP"
    "entity_code",  # publisher's own entity id, e.g. "CHN", "chn", "156", "China"
    "entity_name",  # publisher's entity label (may equal entity_code)
    "year",  # int, calendar year
    "value",  # float64, in `unit`; never NaN (empty cells are not rows)
    "vintage",  # publisher release/last-updated date or edition, e.g. "2026-07-13"
    "file_name",  # base name of the file the value came from
    "row_number",  # 1-based physical line (CSV) or sheet row (xlsx) in that file
)

#: Provenance columns that dimension tables carry besides their own columns.
PROVENANCE_COLUMNS: tuple[str, ...] = ("source", "vintage", "file_name", "row_number")

#: Columns of ``ReadResult.rejected``.
REJECTED_COLUMNS: tuple[str, ...] = ("file_name", "row_number", "column", "raw_value", "reason")


class SourceFormatError(Exception):
    """A file cannot be read as its publisher's format.

    The message is one line: ``<file>: <what is wrong>`` (with row/column where known).
    """

    def __init__(
        self, path: str | Path, problem: str, row: int | None = None, column: str | None = None
    ) -> None:
        self.path = str(path)
        self.problem = problem
        self.row = row
        self.column = column
        where = []
        if row is not None:
            where.append(f"row {row}")
        if column is not None:
            where.append(f"column {column!r}")
        loc = f" ({', '.join(where)})" if where else ""
        super().__init__(f"{Path(path).name}{loc}: {problem}")


@dataclass(frozen=True)
class Origin:
    """Who published the data and under which terms (OWID-style origin block)."""

    publisher: str
    dataset: str
    edition: str
    url: str
    licence: str
    citation: str = ""


@dataclass(frozen=True)
class Finding:
    """One domain-check result: which check, where (file, year, row/column) and by how much."""

    check: str
    file_name: str
    country: str
    year: int
    row_code: str
    column_code: str
    difference: float
    row_number: int | None = None
    #: "error" (identity broken), "known" (documented publisher feature, e.g. China's
    #: structural zero-output industries) or "note" (worth knowing, not a defect)
    severity: str = "error"
    #: why a ``known`` finding is accepted (the documented defect)
    reason: str = ""

    @property
    def known(self) -> bool:
        return self.severity == "known"

    def __str__(self) -> str:
        tag = "" if self.severity == "error" else f"{self.severity.upper()} "
        where = f", row {self.row_number}" if self.row_number else ""
        return (
            f"{tag}{self.check}: {self.file_name} year {self.year}{where}, "
            f"{self.row_code}/{self.column_code}: off by {self.difference:g}"
        )


@dataclass
class ReadResult:
    """What a reader returns: the typed frame, the rejected cells and per-file row counts."""

    frame: pd.DataFrame
    rejected: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=list(REJECTED_COLUMNS))
    )
    #: rows read per file (data rows seen, before typing), keyed by file base name
    rows_read: dict[str, int] = field(default_factory=dict)
    #: vintage per file, keyed by file base name
    vintages: dict[str, str] = field(default_factory=dict)
    #: text encoding each file was decoded with (CSV sources), keyed by file base name
    encodings: dict[str, str] = field(default_factory=dict)
    #: domain-check results (errors, known defects, notes), see :class:`Finding`
    findings: list[Finding] = field(default_factory=list)
    #: files that could not be read at all (``isolate_files`` sources): name -> message
    file_errors: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Source:
    """A declared source: files, origin, target table, grain and reader."""

    name: str  # e.g. "wdi_api"
    table: str  # raw table name without schema, e.g. "wdi_api"
    patterns: tuple[str, ...]  # globs relative to the raw directory
    origin: Origin
    grain: tuple[str, ...]  # unique key of the raw table
    read: Callable[[Sequence[Path]], ReadResult]
    kind: str = "long"  # "long", "dimension" or "io"
    description: str = ""
    #: units the gate accepts (long tables only)
    known_units: tuple[str, ...] = ()
    #: expected number of landed rows (gate bounds); None = unbounded
    min_rows: int | None = 1
    max_rows: int | None = None
    #: known defects of the publisher's file, written next to the reader
    known_defects: tuple[str, ...] = ()
    #: land file by file: a bad file fails alone, the others land (e.g. one NIOT per country)
    isolate_files: bool = False
    #: no files is fine (a format the user may supply, e.g. the full WIOT): raw table stays empty
    optional: bool = False
    #: names of the domain checks the reader runs (its :class:`Finding` ``check`` values); the
    #: gate reports each of them, with or without findings
    domain_checks: tuple[str, ...] = ()

    def find_files(self, raw_dir: Path) -> list[Path]:
        """Files under ``raw_dir`` matching any pattern, sorted, without duplicates."""
        found: set[Path] = set()
        for pattern in self.patterns:
            found.update(Path(p) for p in glob.glob(str(Path(raw_dir) / pattern)))
        return sorted(p for p in found if p.is_file())


def empty_long_frame() -> pd.DataFrame:
    """An empty frame with the long columns and their dtypes."""
    return pd.DataFrame(
        {
            "source": pd.Series(dtype="string"),
            "indicator_code": pd.Series(dtype="string"),
            "indicator_name": pd.Series(dtype="string"),
            "unit": pd.Series(dtype="string"),
            "entity_code": pd.Series(dtype="string"),
            "entity_name": pd.Series(dtype="string"),
            "year": pd.Series(dtype="int64"),
            "value": pd.Series(dtype="float64"),
            "vintage": pd.Series(dtype="string"),
            "file_name": pd.Series(dtype="string"),
            "row_number": pd.Series(dtype="int64"),
        }
    )
