"""UNCTADstat DDS-by-category bulk reader on small generated files in the bulk layout."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from warehouse.sources.base import SourceFormatError
from warehouse.sources.unctad_dds_category import (
    UNCTAD_DDS_CATEGORY,
    read,
    vintage_of,
)

VALUE = "US$ at current prices in millions"
HEADER = [
    "Year",
    "Economy",
    "Economy Label",
    "Flow",
    "Flow Label",
    "Category",
    "Category Label",
    VALUE,
    f"{VALUE} Footnote",
    f"{VALUE} Missing value",
    "Percentage of total world",
    "Percentage of total world Footnote",
    "Percentage of total world Missing value",
]
ROWS = [
    # line 2: USA imports of ICT services
    [
        "2019",
        "842",
        "United States of America",
        "01",
        "Imports",
        "SI",
        "Telecommunications, computer, and information services",
        "85123.4",
        "",
        "",
        "9.1",
        "",
        "",
    ],
    # line 3: footnoted value (kept)
    [
        "2019",
        "156",
        "China",
        "01",
        "Imports",
        "SH",
        "Charges for the use of intellectual property n.i.e.",
        "34370",
        "Estimated",
        "",
        "",
        "",
        "",
    ],
    # line 4: aggregate economy World
    [
        "2019",
        "0000",
        "World",
        "02",
        "Exports",
        "SJ",
        "Other business services",
        "1500000.5",
        "",
        "",
        "100",
        "",
        "",
    ],
    # line 5: missing-value flag, empty value: not published
    [
        "2019",
        "004",
        "Afghanistan",
        "01",
        "Imports",
        "SF",
        "Insurance and pension services",
        "",
        "",
        "Not available",
        "",
        "",
        "",
    ],
    # line 6: non-numeric value: rejected
    [
        "2019",
        "076",
        "Brazil",
        "01",
        "Imports",
        "SG",
        "Financial services",
        "n.a.",
        "",
        "",
        "",
        "",
        "",
    ],
    # line 7: value despite missing flag: rejected
    [
        "2019",
        "276",
        "Germany",
        "01",
        "Imports",
        "SK",
        "Personal, cultural, and recreational services",
        "0",
        "",
        "Not available",
        "",
        "",
        "",
    ],
    # line 8: bad year: rejected
    [
        "20x9",
        "842",
        "United States of America",
        "02",
        "Exports",
        "SI",
        "Telecommunications, computer, and information services",
        "1.5",
        "",
        "",
        "",
        "",
        "",
    ],
]


def bulk_csv(rows=ROWS, header=HEADER, quote=csv.QUOTE_ALL) -> str:
    out = io.StringIO()
    writer = csv.writer(out, quoting=quote, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


@pytest.fixture
def bulk(tmp_path: Path) -> Path:
    path = tmp_path / "US_DigitallyDeliverableServices.csv"
    path.write_text("\ufeff" + bulk_csv(), encoding="utf-8")
    return path


def test_values_codes_units_and_rows(bulk):
    result = read([bulk])
    frame = result.frame.set_index(["indicator_code", "entity_code", "year"])
    usa = frame.loc[("SI.imports", "842", 2019)]
    assert usa.value == pytest.approx(85123.4)
    assert usa.unit == "US$ millions"
    assert usa.entity_name == "United States of America"
    assert usa.indicator_name == "Telecommunications, computer, and information services, Imports"
    assert usa.row_number == 2
    assert usa.source == "unctad_dds_category"
    assert usa.vintage == "undated"
    assert frame.loc[("SH.imports", "156", 2019), "value"] == 34370.0
    # the aggregate keeps its zero-padded UNCTAD code
    assert frame.loc[("SJ.exports", "0000", 2019), "value"] == pytest.approx(1500000.5)
    assert len(result.frame) == 3  # AFG flagged missing with empty value: not published
    assert result.rows_read == {bulk.name: 7}
    assert result.vintages == {bulk.name: "undated"}


def test_rejected_cells(bulk):
    rejected = read([bulk]).rejected
    assert rejected[["row_number", "column", "raw_value"]].values.tolist() == [
        [6, VALUE, "n.a."],
        [7, VALUE, "0"],
        [8, "Year", "20x9"],
    ]
    assert rejected.loc[0, "reason"] == "not a number"
    assert "Missing value" in rejected.loc[1, "reason"]
    assert "Not available" in rejected.loc[1, "reason"]
    assert set(rejected["file_name"]) == {bulk.name}


def test_footnote_is_a_note_finding(bulk):
    findings = read([bulk]).findings
    assert len(findings) == 1
    note = findings[0]
    assert (note.check, note.severity, note.reason) == ("footnote", "note", "Estimated")
    assert (note.country, note.year, note.row_code, note.row_number) == (
        "156",
        2019,
        "SH.imports",
        3,
    )
    assert note.check in UNCTAD_DDS_CATEGORY.domain_checks


def test_truncated_file_in_quoted_field(tmp_path):
    path = tmp_path / "US_DigitallyDeliverableServices.csv"
    text = bulk_csv()
    path.write_text(text[: text.index("Brazil") + 3])
    with pytest.raises(SourceFormatError, match=r"row 6.*truncated") as info:
        read([path])
    assert "US_DigitallyDeliverableServices.csv" in str(info.value)


def test_truncated_file_short_last_record(tmp_path):
    path = tmp_path / "US_DigitallyDeliverableServices.csv"
    text = bulk_csv(quote=csv.QUOTE_MINIMAL)
    path.write_text(text[: text.index("Brazil") + 6])
    with pytest.raises(SourceFormatError, match=r"row 6.*expected 13 fields, found 3"):
        read([path])


def test_renamed_value_column(tmp_path):
    path = tmp_path / "US_DigitallyDeliverableServices.csv"
    header = [h.replace(VALUE, "US$ at current prices in thousands") for h in HEADER]
    path.write_text(bulk_csv(header=header))
    with pytest.raises(SourceFormatError) as info:
        read([path])
    message = str(info.value)
    assert message.startswith("US_DigitallyDeliverableServices.csv (row 1)")
    assert "missing required value column" in message
    assert "'US$ at current prices in thousands'" in message


def test_renamed_economy_column(tmp_path):
    path = tmp_path / "US_DigitallyDeliverableServices.csv"
    header = ["Economy Code" if h == "Economy" else h for h in HEADER]
    path.write_text(bulk_csv(header=header))
    with pytest.raises(SourceFormatError, match=r"missing required column\(s\) 'Economy';"):
        read([path])


def test_service_category_alias_and_reordered_columns(tmp_path, bulk):
    header = [h.replace("Category", "Service category") for h in HEADER]
    order = list(reversed(range(len(header))))
    path = tmp_path / "US_DigitallyDeliverableServices_2025.csv"
    path.write_text(
        bulk_csv(rows=[[r[i] for i in order] for r in ROWS], header=[header[i] for i in order])
    )
    got = read([path]).frame.drop(columns="file_name")
    want = read([bulk]).frame.drop(columns="file_name")
    assert got.equals(want)


def test_legacy_layout_with_partner_world_and_stamp(tmp_path):
    legacy_value = "US dollars at current prices in millions"
    header = [
        "Year",
        "Economy",
        "Economy Label",
        "Partner",
        "Partner Label",
        "Flow",
        "Flow Label",
        "Category",
        "Category Label",
        legacy_value,
        f"{legacy_value} Footnote",
    ]
    rows = [
        [
            "2018",
            "826",
            "United Kingdom",
            "0000",
            "World",
            "01",
            "Imports",
            "SJ",
            "Other business services",
            "98765.1",
            "",
        ]
    ]
    path = tmp_path / "US_TradeServDigital_ST202007241022_v1.csv"
    path.write_text(bulk_csv(rows=rows, header=header, quote=csv.QUOTE_MINIMAL))
    result = read([path])
    row = result.frame.iloc[0]
    assert (row.indicator_code, row.entity_code, row.year, row.value) == (
        "SJ.imports",
        "826",
        2018,
        pytest.approx(98765.1),
    )
    assert row.vintage == "2020-07-24" == vintage_of(path)
    rows.append(
        [
            "2018",
            "826",
            "United Kingdom",
            "156",
            "China",
            "01",
            "Imports",
            "SJ",
            "Other business services",
            "12",
            "",
        ]
    )
    path.write_text(bulk_csv(rows=rows, header=header, quote=csv.QUOTE_MINIMAL))
    with pytest.raises(SourceFormatError, match=r"row 3, column 'Partner'.*not World"):
        read([path])


def test_unknown_flow_is_kept_not_dropped(tmp_path):
    path = tmp_path / "US_DigitallyDeliverableServices.csv"
    row = list(ROWS[0])
    row[3], row[4] = "03", "Balance"
    path.write_text(bulk_csv(rows=[row]))
    assert read([path]).frame.indicator_code.tolist() == ["SI.flow03"]


def test_empty_and_header_only_files(tmp_path):
    path = tmp_path / "US_DigitallyDeliverableServices.csv"
    path.write_bytes(b"")
    with pytest.raises(SourceFormatError, match="empty file"):
        read([path])
    path.write_text(bulk_csv(rows=[]))
    with pytest.raises(SourceFormatError):
        read([path])


def test_source_declaration_and_patterns(tmp_path, bulk):
    src = UNCTAD_DDS_CATEGORY
    assert (src.name, src.kind, src.optional) == ("unctad_dds_category", "long", True)
    assert src.known_units == ("US$ millions",)
    assert src.grain == ("indicator_code", "entity_code", "year")
    assert src.find_files(tmp_path) == []  # optional: no file is fine
    (tmp_path / "unctad").mkdir()
    target = tmp_path / "unctad" / bulk.name
    target.write_bytes(bulk.read_bytes())
    (tmp_path / "unctad" / "UNCTAD_DE.csv").write_text("x\n")
    assert [p.name for p in src.find_files(tmp_path)] == [bulk.name]


def test_registered_after_unctad_de_with_a_non_negative_value_gate(bulk):
    """The registry holds the source; its GX suite refuses a negative US$ millions value."""
    from warehouse.quality import GateContext, run_gate
    from warehouse.sources import SOURCES, get_source

    assert get_source("unctad_dds_category") is UNCTAD_DDS_CATEGORY
    names = list(SOURCES)
    assert names.index("unctad_dds_category") == names.index("unctad_de") + 1
    frame = read([bulk]).frame
    context = GateContext.create(None)
    assert run_gate(UNCTAD_DDS_CATEGORY, frame, context=context).success
    frame.loc[0, "value"] = -1.0
    result = run_gate(UNCTAD_DDS_CATEGORY, frame, context=context)
    assert not result.success
    assert [f.expectation for f in result.failures] == ["expect_column_values_to_be_between"]
