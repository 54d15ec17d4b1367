"""Strict CSV reading shared by the CSV-based readers.

Decodes a file (strict UTF-8 unless told otherwise), splits it into records with the 1-based
physical line on which each record starts, and raises :class:`SourceFormatError` for empty,
wrongly encoded or truncated files.
"""

from __future__ import annotations

import csv
import difflib
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from warehouse.sources.base import SourceFormatError

_BOMS_NOT_UTF8 = {
    b"\xff\xfe": "UTF-16 LE",
    b"\xfe\xff": "UTF-16 BE",
}


@dataclass(frozen=True)
class Record:
    """One CSV record: the line it starts on (1-based, header lines counted) and its fields."""

    line: int
    fields: list[str]


@dataclass(frozen=True)
class CsvText:
    """A decoded CSV file split into records."""

    path: Path
    encoding: str
    records: list[Record]


def decode(path: Path, encodings: Sequence[str] = ("utf-8",)) -> tuple[str, str]:
    """Return ``(text, encoding)``, trying ``encodings`` strictly in order; BOM removed.

    Raises :class:`SourceFormatError` for a 0-byte file or when no encoding fits; the message
    names the byte offset and line of the first invalid byte for the first encoding.
    """
    data = Path(path).read_bytes()
    if not data:
        raise SourceFormatError(path, "empty file (0 bytes)")
    for bom, name in _BOMS_NOT_UTF8.items():
        if data.startswith(bom) and "utf-16" not in encodings:
            raise SourceFormatError(
                path,
                f"not valid UTF-8 at byte 0 (line 1): file starts with a {name} byte-order mark",
            )
    first_error: UnicodeDecodeError | None = None
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            first_error = first_error or exc
            continue
        return text.removeprefix("\ufeff"), encoding
    assert first_error is not None
    line = data[: first_error.start].count(b"\n") + 1
    tried = "" if len(encodings) == 1 else f" (also tried {', '.join(encodings[1:])})"
    raise SourceFormatError(
        path,
        f"not valid {encodings[0].upper()} at byte {first_error.start} (line {line}){tried}",
        row=line,
    )


def read_records(path: Path, encodings: Sequence[str] = ("utf-8",)) -> CsvText:
    """Decode ``path`` and split it into records (blank lines are skipped).

    Raises :class:`SourceFormatError` for an unterminated quoted field (a truncated file).
    """
    text, encoding = decode(path, encodings)
    reader = csv.reader(io.StringIO(text, newline=""))
    records: list[Record] = []
    next_line = 1
    try:
        for fields in reader:
            if fields and any(f != "" for f in fields):
                records.append(Record(next_line, fields))
            next_line = reader.line_num + 1
    except csv.Error as exc:  # pragma: no cover - csv with strict=False rarely raises
        raise SourceFormatError(path, f"malformed CSV: {exc}", row=next_line) from exc
    if text.count('"') % 2 == 1:
        row = records[-1].line if records else 1
        raise SourceFormatError(
            path, "truncated file: unterminated quoted field in the last record", row=row
        )
    return CsvText(Path(path), encoding, records)


def describe_found(names: Iterable[str], missing: Iterable[str] = (), limit: int = 8) -> str:
    """Column names found: those resembling a missing one first (a renamed column is then
    obvious), then the others, at most ``limit`` in all, plus the total count."""
    present = [n for n in names if n]
    similar: list[str] = []
    for wanted in missing:
        similar += [
            m
            for m in difflib.get_close_matches(wanted, present, n=2, cutoff=0.5)
            if m not in similar
        ]
    ordered = similar + [n for n in present if n not in similar]
    shown = [repr(n) for n in ordered[:limit]]
    more = f", … ({len(present)} columns)" if len(present) > limit else ""
    return ", ".join(shown) + more


def column_index(
    path: Path, header: Record, required: Iterable[str], strip: bool = True
) -> dict[str, int]:
    """Map each required column name to its position in ``header``.

    Raises :class:`SourceFormatError` naming the missing columns and listing those found.
    """
    names = [f.strip() if strip else f for f in header.fields]
    index = {name: i for i, name in reversed(list(enumerate(names)))}
    missing = [c for c in required if c not in index]
    if missing:
        raise SourceFormatError(
            path,
            f"missing required column(s) {', '.join(repr(m) for m in missing)}; "
            f"found {describe_found(names, missing)}",
            row=header.line,
        )
    return index


def check_widths(path: Path, records: Sequence[Record], width: int) -> None:
    """Raise :class:`SourceFormatError` for the first record whose field count is not ``width``.

    A record may carry extra *empty* trailing fields (publishers' trailing commas).
    """
    for rec in records:
        n = len(rec.fields)
        if n == width or (n > width and not any(rec.fields[width:])):
            continue
        kind = "truncated or malformed record" if n < width else "malformed record"
        raise SourceFormatError(path, f"{kind}: expected {width} fields, found {n}", row=rec.line)


def require_data(path: Path, records: Sequence[Record]) -> None:
    """Raise :class:`SourceFormatError` when a file has a header but no data rows."""
    if not records:
        raise SourceFormatError(path, "no data rows after the header")
