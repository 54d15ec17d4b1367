"""Classification files: UN M49 methodology table and the two WDI country-metadata tables.

``UNSD_M49_Methodology.csv``: UTF-8 BOM, CRLF, minimal quoting, 15 columns, codes without leading
zeros, ``x`` flags, rows in M49's regional order (plus Sark and Antarctica as edge rows).
``Metadata_Country_*.csv``: the WDI download layout (BOM, every field quoted, trailing comma,
CRLF), FY2026 groups in the ``_226`` file and FY2022 groups in the ``_3064261`` file, aggregates
with empty Region/IncomeGroup; one special note contains a line break, as in the real file.
"""

from __future__ import annotations

from pathlib import Path

from warehouse.demo.countries import COUNTRIES, M49_INTERMEDIATE, M49_SUB_REGIONS
from warehouse.demo.fmt import minimal_row, quoted_row, write_text
from warehouse.demo.wdi import AGGREGATES

M49_COLUMNS: tuple[str, ...] = (
    "Global Code", "Global Name", "Region Code", "Region Name", "Sub-region Code",
    "Sub-region Name", "Intermediate Region Code", "Intermediate Region Name", "Country or Area",
    "M49 Code", "ISO-alpha3 Code", "Least Developed Countries (LDC)",
    "Land Locked Developing Countries (LLDC)", "Small Island Developing States (SIDS)",
    "Developed / Developing Countries",
)  # fmt: skip
META_COLUMNS: tuple[str, ...] = (
    "Country Code",
    "Region",
    "IncomeGroup",
    "SpecialNotes",
    "TableName",
)
META_FILES = {
    "Metadata_Country_API_IP.PAT.RESD_DS2_en_csv_v2_226.csv": "2026",
    "Metadata_Country_API_16_DS2_en_csv_v2_3064261.csv": "2021",
}
_NOTES = {
    "CHN": "On 1 July 1997 China resumed its exercise of sovereignty over Hong Kong; and on 20 "
    "December 1999 China resumed its exercise of sovereignty over Macao.",
    "PAK": "The reporting period for national accounts data is designated as either calendar "
    "year basis (CY) or fiscal year basis (FY). For this country, it is fiscal year-based "
    "(fiscal year-end: June 30).\nAn estimate of the exchange rate covers the same period.",
}


def write_m49(out: Path) -> Path:
    """Write UNSD_M49_Methodology.csv."""
    rows: list[tuple[int, list[str]]] = []
    for c in COUNTRIES:
        if c.m49 is None:
            continue
        reg_code, reg_name, sub_name = M49_SUB_REGIONS[c.m49_sub_region]
        inter = c.m49_intermediate
        flags = ["x" if f else "" for f in c.m49_flags]
        rows.append((c.m49_order, [
            "1", "World", str(reg_code), reg_name, str(c.m49_sub_region), sub_name,
            str(inter) if inter else "", M49_INTERMEDIATE.get(inter, "") if inter else "",
            c.m49_name, str(c.m49), c.iso3, *flags, c.developed,
        ]))  # fmt: skip
    rows.append(
        (119, ["1", "World", "", "", "", "", "", "", "Antarctica", "10", "ATA", "", "", "", ""])
    )
    rows.append(
        (
            183,
            [
                "1",
                "World",
                "150",
                "Europe",
                "154",
                "Northern Europe",
                "830",
                "Channel Islands",
                "Sark",
                "680",
                "",
                "",
                "",
                "",
                "Developed",
            ],
        )
    )
    rows.sort(key=lambda r: r[0])
    text = minimal_row(M49_COLUMNS, "\r\n") + "".join(minimal_row(r, "\r\n") for _, r in rows)
    path = out / "classification" / "UNSD_M49_Methodology.csv"
    write_text(path, text, bom=True)
    return path


def write_metadata(out: Path) -> list[Path]:
    """Write both WDI Metadata_Country files."""
    paths = []
    for name, vintage in META_FILES.items():
        new = vintage == "2026"
        rows = {}
        for c in COUNTRIES:
            if not c.in_wdi:
                continue
            rows[c.iso3] = [
                c.iso3, c.wb_region if new else c.wb_region_2021,
                c.income if new else c.income_2021, _NOTES.get(c.iso3, "") if new else "",
                c.wdi_name if new else c.wdi_name_2021,
            ]  # fmt: skip
        for a in AGGREGATES:
            note = "" if a.code == "WLD" and new else f"{a.name_2021} aggregate."
            rows[a.code] = [a.code, "", "", note, a.name if new else a.name_2021]
        lines = [quoted_row(META_COLUMNS, "\r\n")]
        lines += [quoted_row(rows[k], "\r\n") for k in sorted(rows)]
        path = out / "classification" / name
        write_text(path, "".join(lines), bom=True)
        paths.append(path)
    return paths
