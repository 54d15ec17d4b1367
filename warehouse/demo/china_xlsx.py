"""A small, fast, deterministic xlsx writer for the China demo workbooks.

openpyxl needs ~10 s for the 16 CEADs workbooks (560,000 cells); this writer emits the
SpreadsheetML parts directly (shared strings, one bold style, numbers as ``repr(float)`` so
full float64 precision round-trips) into a zip with fixed entry times and fixed
``docProps/core.xml`` timestamps: same input → byte-identical file. Only what the demo needs:
text, int and float cells, empty cells skipped, optional bold rows.
"""

from __future__ import annotations

import datetime as dt
import math
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

FIXED_TIME = dt.datetime(2025, 12, 15, 9, 0, 0)
_ZIP_TIME = (2025, 12, 15, 9, 0, 0)
_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

Cell = str | int | float | None


def column_letter(j: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    out = ""
    j += 1
    while j:
        j, r = divmod(j - 1, 26)
        out = chr(65 + r) + out
    return out


class _Strings:
    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.count = 0

    def get(self, text: str) -> int:
        self.count += 1
        at = self.index.get(text)
        if at is None:
            at = self.index[text] = len(self.index)
        return at

    def xml(self) -> str:
        items = []
        for text in self.index:
            space = ' xml:space="preserve"' if text != text.strip() or "\n" in text else ""
            items.append(f"<si><t{space}>{escape(text)}</t></si>")
        return (
            f'{_XML}<sst xmlns="{_NS}" count="{self.count}" uniqueCount="{len(self.index)}">'
            + "".join(items)
            + "</sst>"
        )


def _sheet_xml(rows: Sequence[Sequence[Cell]], strings: _Strings, bold: set[int]) -> str:
    width = max((len(r) for r in rows), default=0)
    letters = [column_letter(j) for j in range(width)]
    dim = f"A1:{letters[-1]}{len(rows)}" if width and rows else "A1"
    out = [f'{_XML}<worksheet xmlns="{_NS}" xmlns:r="{_REL}"><dimension ref="{dim}"/><sheetData>']
    for i, row in enumerate(rows, start=1):
        style = ' s="1"' if i in bold else ""
        cells = []
        for j, v in enumerate(row):
            if v is None or v == "":
                continue
            ref = f"{letters[j]}{i}"
            if isinstance(v, str):
                cells.append(f'<c r="{ref}"{style} t="s"><v>{strings.get(v)}</v></c>')
            elif isinstance(v, bool):
                raise TypeError("bool cells are not supported")
            elif isinstance(v, int):
                cells.append(f'<c r="{ref}"{style}><v>{v}</v></c>')
            else:
                f = float(v)
                if not math.isfinite(f):
                    raise ValueError(f"non-finite value at {ref}")
                cells.append(f'<c r="{ref}"{style}><v>{f!r}</v></c>')
        out.append(f'<row r="{i}">' + "".join(cells) + "</row>")
    out.append("</sheetData></worksheet>")
    return "".join(out)


def _stamp(t: dt.datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def workbook_bytes(
    sheets: Iterable[tuple[str, Sequence[Sequence[Cell]]]],
    *,
    creator: str = "",
    bold_rows: dict[str, set[int]] | None = None,
) -> dict[str, bytes]:
    """The parts of an xlsx package (name -> bytes), in zip order."""
    bold_rows = bold_rows or {}
    strings = _Strings()
    sheet_parts = []
    names = []
    for name, rows in sheets:
        names.append(name)
        sheet_parts.append(_sheet_xml(rows, strings, bold_rows.get(name, set())))
    n = len(names)
    content_types = (
        f'{_XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/>'
        + "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            for i in range(1, n + 1)
        )
        + '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.styles+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
        'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-'
        'package.core-properties+xml"/></Types>'
    )
    root_rels = (
        f'{_XML}<Relationships xmlns="{_PKG_REL}">'
        f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
        'relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>'
    )
    core = (
        f'{_XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/'
        f'XMLSchema-instance"><dc:creator>{escape(creator)}</dc:creator>'
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{_stamp(FIXED_TIME)}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{_stamp(FIXED_TIME)}</dcterms:modified>'
        "</cp:coreProperties>"
    )
    workbook = (
        f'{_XML}<workbook xmlns="{_NS}" xmlns:r="{_REL}"><sheets>'
        + "".join(
            f'<sheet name="{escape(s, {chr(34): "&quot;"})}" sheetId="{i}" r:id="rId{i}"/>'
            for i, s in enumerate(names, start=1)
        )
        + "</sheets></workbook>"
    )
    wb_rels = (
        f'{_XML}<Relationships xmlns="{_PKG_REL}">'
        + "".join(
            f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, n + 1)
        )
        + f'<Relationship Id="rId{n + 1}" Type="{_REL}/styles" Target="styles.xml"/>'
        f'<Relationship Id="rId{n + 2}" Type="{_REL}/sharedStrings" '
        'Target="sharedStrings.xml"/></Relationships>'
    )
    styles = (
        f'{_XML}<styleSheet xmlns="{_NS}"><fonts count="2"><font><sz val="11"/>'
        '<name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font>'
        '</fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill>'
        '<patternFill patternType="gray125"/></fill></fills><borders count="1"><border>'
        "<left/><right/><top/><bottom/><diagonal/></border></borders>"
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
        '</cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" '
        'borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" '
        'xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" '
        'xfId="0" builtinId="0"/></cellStyles></styleSheet>'
    )
    parts = {
        "[Content_Types].xml": content_types,
        "_rels/.rels": root_rels,
        "docProps/core.xml": core,
        "xl/workbook.xml": workbook,
        "xl/_rels/workbook.xml.rels": wb_rels,
        "xl/styles.xml": styles,
        "xl/sharedStrings.xml": strings.xml(),
    }
    for i, xml in enumerate(sheet_parts, start=1):
        parts[f"xl/worksheets/sheet{i}.xml"] = xml
    return {k: v.encode("utf-8") for k, v in parts.items()}


def write_xlsx(
    path: Path,
    sheets: Iterable[tuple[str, Sequence[Sequence[Cell]]]],
    *,
    creator: str = "",
    bold_rows: dict[str, set[int]] | None = None,
) -> Path:
    """Write the workbook to ``path`` (fixed zip entry times: byte-identical for equal input)."""
    parts = workbook_bytes(sheets, creator=creator, bold_rows=bold_rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            zf.writestr(info, data, compresslevel=6)
    return path
