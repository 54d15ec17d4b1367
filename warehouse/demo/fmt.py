"""Number formatting and byte-exact text writing shared by the writers."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from pathlib import Path

BOM = "\ufeff"


def g15(value: float | None) -> str:
    """WDI style: 15 significant digits, no exponent, "" for missing."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return f"{value:.15g}"


def dec(value: float, places: int) -> str:
    """Fixed decimals with trailing zeros stripped (open-numbers style: ``64.41989``, ``0``)."""
    text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def quoted_row(fields: Sequence[str], eol: str) -> str:
    """A WDI line: every field double-quoted, a trailing comma, then ``eol``."""
    return ",".join('"' + f.replace('"', '""') + '"' for f in fields) + "," + eol


def csv_field(text: str) -> str:
    """Minimal CSV quoting (quote only when needed), as Excel/pandas exports do."""
    if any(ch in text for ch in ',"\n\r'):
        return '"' + text.replace('"', '""') + '"'
    return text


def minimal_row(fields: Iterable[str], eol: str) -> str:
    """A minimally quoted CSV line."""
    return ",".join(csv_field(f) for f in fields) + eol


def write_text(path: Path, text: str, *, bom: bool = False) -> None:
    """Write UTF-8 text exactly as given (no newline translation)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(((BOM if bom else "") + text).encode("utf-8"))
