"""Provincial statistical yearbook tables (china_yearbook): generated xlsx and CSV files."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures.yearbook_files import (
    SECTIONS_2002,
    csv_bytes,
    emp_table,
    va_table,
    write_csv,
    write_table,
)
from warehouse.sources.base import SourceFormatError
from warehouse.sources.china_yearbook import (
    CHINA_YEARBOOK,
    read_file,
    read_yearbook,
    section_of,
)


def _values(frame) -> dict[tuple[str, int], float]:
    return {(r.indicator_code, int(r.year)): r.value for r in frame.itertuples()}


# --------------------------------------------------------------------------- round trip
@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_va_and_emp_round_trip_exactly(tmp_path, suffix):
    va, emp = va_table(), emp_table()
    va_path = write_table(tmp_path / f"广东_分行业增加值{suffix}", va.rows)
    emp_path = write_table(tmp_path / f"Guangdong_emp_by_industry{suffix}", emp.rows)
    result = read_yearbook([va_path, emp_path])
    assert result.rejected.empty
    frame = result.frame
    assert set(frame["entity_code"]) == {"CN-GD"}
    assert _values(frame) == {**va.expected, **emp.expected}  # exact float equality
    assert len(frame) == 21 * 16 + 20 * 4
    va_rows = frame[frame["indicator_code"].str.startswith("va:")]
    emp_rows = frame[frame["indicator_code"].str.startswith("emp:")]
    assert set(va_rows["unit"]) == {"亿元"} and set(emp_rows["unit"]) == {"万人"}
    assert set(va_rows["year"]) == set(range(2004, 2020))
    assert set(emp_rows["year"]) == {2004, 2005, 2006, 2007}
    assert set(frame["source"]) == {"china_yearbook"}
    # vintages from the title (广东统计年鉴2020 / 2008)
    assert result.vintages == {va_path.name: "yearbook 2020", emp_path.name: "yearbook 2008"}
    # row numbers are sheet rows / physical lines
    rows = frame.set_index(["indicator_code", "year"])["row_number"]
    assert rows[("va:I", 2010)] == va.row_of["va:I"]
    assert rows[("emp:M", 2005)] == emp.row_of["emp:M"]
    if suffix == ".csv":
        assert result.encodings == {va_path.name: "gb18030", emp_path.name: "gb18030"}
    assert result.rows_read == {va_path.name: 21, emp_path.name: 20}


def test_pre_2011_section_names_map_to_2011_sections(tmp_path):
    emp = emp_table()
    result = read_yearbook([write_table(tmp_path / "广东_就业.xlsx", emp.rows)])
    names = result.frame.drop_duplicates("indicator_code").set_index("indicator_code")
    assert names.loc["emp:I", "indicator_name"] == "信息传输、计算机服务和软件业"
    assert names.loc["emp:M", "indicator_name"] == "科学研究、技术服务和地质勘查业"
    assert names.loc["emp:O", "indicator_name"] == "居民服务和其他服务业"
    assert names.loc["emp:D", "indicator_name"] == "电力、燃气及水的生产和供应业"
    assert names.loc["emp:Q", "indicator_name"] == "卫生、社会保障和社会福利业"
    assert names.loc["emp:S", "indicator_name"] == "公共管理和社会组织"
    assert {f"emp:{c}" for c, _ in SECTIONS_2002} | {"emp:total"} == set(names.index)


@pytest.mark.parametrize(
    ("label", "code"),
    [
        ("信息传输、计算机服务和软件业", "I"),
        ("信息传输、软件和信息技术服务业", "I"),
        ("科学研究、技术服务和地质勘查业", "M"),
        ("居民服务和其他服务业", "O"),
        ("居民服务、修理和其他服务业", "O"),
        ("租赁和商务服务业", "L"),
        ("I 信息传输、软件和信息技术服务业", "I"),
        ("G 信息传输、计算机服务和软件业", "I"),  # GB/T 4754-2002 letter
        ("信息传输、计算机服务和软件业(G)", "I"),
        ("F 交通运输、仓储和邮政业", "G"),  # 2002 letter F
        ("其中：农林牧渔业", "A"),
        ("　　#工业", "industry"),
        ("一、第一产业", "primary"),
        ("第三产业", "tertiary"),
        ("合计", "total"),
        ("总计", "total"),
        ("地区生产总值", "total"),
        ("广东省生产总值", "total"),
        ("城镇单位就业人员", "total"),
    ],
)
def test_section_of(label, code):
    assert section_of(label) == (code, "")


@pytest.mark.parametrize(
    "label", ["其他服务业", "农林牧渔服务业", "J 信息传输、软件和信息技术服务业"]
)
def test_section_of_rejects(label):
    code, reason = section_of(label)
    assert code is None and reason


def test_total_row_is_section_total(tmp_path):
    va = va_table()
    frame = read_yearbook([write_table(tmp_path / "广东_va.xlsx", va.rows)]).frame
    total = frame[frame["indicator_code"] == "va:total"]
    assert len(total) == 16
    assert set(total["indicator_name"]) == {"地区生产总值"}
    assert total.set_index("year")["value"][2019] == va.expected[("va:total", 2019)]


def test_footnote_rows_excluded_and_reported(tmp_path):
    va = va_table()
    result = read_yearbook([write_table(tmp_path / "广东_va.csv", va.rows)])
    assert not set(result.frame["row_number"]) & set(va.footnote_rows)
    notes = [f for f in result.findings if f.check == "publisher_note"]
    assert [f.row_number for f in notes] == va.footnote_rows
    assert all(f.severity == "note" for f in notes)
    assert notes[1].reason.startswith("资料来源")


def test_data_row_after_footnotes_is_an_error(tmp_path):
    va = va_table()
    va.rows.append(["金融业", *([1.0] * 16)])
    with pytest.raises(SourceFormatError, match="after the footnote rows"):
        read_yearbook([write_table(tmp_path / "广东_va.xlsx", va.rows)])


# --------------------------------------------------------------------------- unit row
@pytest.mark.parametrize(
    ("title", "unit_row", "kind"),
    [
        ("分行业增加值", ["单位：亿元"], "va"),
        ("分行业增加值", ["", "", "", "单位: 亿元"], "va"),  # right-aligned, ASCII colon
        ("分行业增加值（亿元）", ["2-5"], "va"),  # unit in the title
        ("分行业城镇单位就业人员", ["", "单位：万人"], "emp"),
    ],
)
def test_unit_row_detection(tmp_path, title, unit_row, kind):
    va = va_table(title=title, unit_row=unit_row)
    frame = read_yearbook([write_table(tmp_path / "广东_t.xlsx", va.rows)]).frame
    assert set(frame["indicator_code"].str.split(":").str[0]) == {kind}
    assert set(frame["unit"]) == {"亿元" if kind == "va" else "万人"}
    assert set(frame["vintage"]) == {"undated"}


def test_missing_or_unsupported_unit_or_kind_mismatch(tmp_path):
    path = tmp_path / "广东_t.xlsx"
    with pytest.raises(SourceFormatError, match="no unit"):
        read_yearbook([write_table(path, va_table(unit_row=["2-5"]).rows)])
    with pytest.raises(SourceFormatError, match="'万元' is not supported"):
        read_yearbook([write_table(path, va_table(unit_row=["单位：万元"]).rows)])
    with pytest.raises(SourceFormatError, match="disagree on the table kind"):
        read_yearbook([write_table(path, va_table(unit_row=["单位：万人"]).rows)])


# --------------------------------------------------------------------------- encodings
def test_gb18030_csv_decodes_and_is_refused_as_utf8(tmp_path):
    emp = emp_table()
    path = write_csv(tmp_path / "广东_emp.csv", emp.rows, "gb18030")
    read, _ = read_file(path)
    assert read.encoding == "gb18030"
    assert set(read.frame["indicator_name"]) >= {"信息传输、计算机服务和软件业"}
    with pytest.raises(SourceFormatError, match="not valid UTF-8"):
        read_file(path, encodings=("utf-8",))
    # the UTF-8 version reads as UTF-8 with identical values
    utf8 = write_csv(tmp_path / "广东_emp_u.csv", emp.rows, "utf-8")
    read_u, _ = read_file(utf8)
    assert read_u.encoding == "utf-8"
    assert _values(read_u.frame) == _values(read.frame) == emp.expected


def test_utf8_mojibake_of_gb18030_bytes_is_refused(tmp_path):
    raw = csv_bytes(emp_table().rows, "gb18030")
    mojibake = raw.decode("latin-1").encode("utf-8")  # what a wrong re-save produces
    path = tmp_path / "Guangdong_emp.csv"
    path.write_bytes(mojibake)
    with pytest.raises(SourceFormatError, match="mojibake") as err:
        read_yearbook([path])
    assert "Guangdong_emp.csv" in str(err.value)


# --------------------------------------------------------------------------- province
def test_unmapped_province_file_is_an_error_naming_the_file(tmp_path):
    rows = va_table(title="分行业增加值").rows
    path = write_table(tmp_path / "Atlantis_va.xlsx", rows)
    with pytest.raises(SourceFormatError, match="Atlantis") as err:
        read_yearbook([path])
    assert str(err.value).startswith("Atlantis_va.xlsx")


def test_province_from_title_and_conflict(tmp_path):
    rows = va_table(title="四川统计年鉴2015 分行业增加值").rows
    frame = read_yearbook([write_table(tmp_path / "va_by_industry.xlsx", rows)]).frame
    assert set(frame["entity_code"]) == {"CN-SC"}
    assert set(frame["vintage"]) == {"yearbook 2015"}
    with pytest.raises(SourceFormatError, match="file name says"):
        read_yearbook([write_table(tmp_path / "Guangdong_va.xlsx", rows)])


def test_shaanxi_and_vintage_from_file_name(tmp_path):
    rows = va_table(title="分行业增加值").rows
    result = read_yearbook([write_table(tmp_path / "Shaanxi_yb2019_va.xlsx", rows)])
    assert set(result.frame["entity_code"]) == {"CN-SN"}
    assert set(result.frame["vintage"]) == {"yearbook 2019"}
    result = read_yearbook([write_table(tmp_path / "山西_分行业增加值_2018年鉴.csv", rows)])
    assert set(result.frame["entity_code"]) == {"CN-SX"}
    assert set(result.frame["vintage"]) == {"yearbook 2018"}


# --------------------------------------------------------------------------- header
@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_footnote_marked_year_is_an_error_naming_file_row_column(tmp_path, suffix):
    labels = [f"{y}年" for y in range(2004, 2019)] + ["2019注"]
    rows = va_table(year_labels=labels).rows
    path = write_table(tmp_path / f"广东_va{suffix}", rows)
    with pytest.raises(SourceFormatError) as err:
        read_yearbook([path])
    e = err.value
    assert e.path.endswith(f"广东_va{suffix}")
    assert e.row == 3
    assert e.column == "Q 2019注"
    assert "2019注" in str(e) and "footnote" in str(e)


def test_duplicate_year_in_header_is_an_error(tmp_path):
    rows = va_table(year_labels=[*range(2004, 2019), 2018]).rows
    with pytest.raises(SourceFormatError, match="year 2018 twice"):
        read_yearbook([write_table(tmp_path / "广东_va.xlsx", rows)])


def test_single_year_table(tmp_path):
    rows = [
        ["2007年分行业城镇单位就业人员"],
        ["单位：万人"],
        ["项目", "合计", "国有单位", "城镇集体单位"],
        ["合计", 100.5, 60.25, 40.25],
        ["信息传输、计算机服务和软件业", 3.5, 2.0, 1.5],
        ["注：不含私营单位。"],
    ]
    result = read_yearbook([write_table(tmp_path / "广东_2007_emp.xlsx", rows)])
    assert _values(result.frame) == {("emp:total", 2007): 100.5, ("emp:I", 2007): 3.5}
    skipped = [f for f in result.findings if f.check == "column_not_read"]
    assert [f.row_code for f in skipped] == ["国有单位", "城镇集体单位"]


# --------------------------------------------------------------------------- rejected cells
def test_unknown_industry_label_becomes_rejected_cells(tmp_path):
    extra = [["其他服务业", 1.5, *([""] * 14), 2.5], ["按行业分"]]  # 2 values; a heading
    rows = va_table(extra_rows=extra).rows
    result = read_yearbook([write_table(tmp_path / "广东_va.xlsx", rows)])
    rej = result.rejected
    assert len(rej) == 2
    assert set(rej["row_number"]) == {25}
    assert list(rej["column"]) == ["2004", "2019"]
    assert list(rej["raw_value"]) == ["1.5", "2.5"]
    assert rej["reason"].str.contains("unknown industry label '其他服务业'").all()
    assert not (result.frame["row_number"] == 25).any()


def test_letter_contradicting_name_and_bad_value_are_rejected(tmp_path):
    extra = [["Z 邮电通信业", 1.0]]
    rows = va_table(letters=True, extra_rows=extra).rows
    rows[5][3] = "n/a"  # row 6 = section B, column C = 2005
    result = read_yearbook([write_table(tmp_path / "广东_va.csv", rows)])
    assert "va:I" in set(result.frame["indicator_code"])  # 'I 信息传输…' parsed
    reasons = dict(zip(result.rejected["row_number"], result.rejected["reason"], strict=True))
    assert reasons[6] == "not a number"
    assert "unknown industry label" in reasons[25]


def test_same_section_twice_in_a_file_is_an_error(tmp_path):
    rows = va_table(extra_rows=[["金融业", 1.0]]).rows
    with pytest.raises(SourceFormatError, match="section J twice"):
        read_yearbook([write_table(tmp_path / "广东_va.xlsx", rows)])


# --------------------------------------------------------------------------- duplicates
def test_duplicate_across_files_conflict_and_equal(tmp_path):
    a = write_table(tmp_path / "广东_va_a.xlsx", va_table().rows)
    b = write_table(tmp_path / "广东_va_b.csv", va_table().rows)
    result = read_yearbook([b, a])
    assert len(result.frame) == 21 * 16
    assert set(result.frame["file_name"]) == {a.name}  # sorted by name: a first
    known = [f for f in result.findings if f.check == "repeated_value"]
    assert len(known) == 21 * 16 and all(f.severity == "known" for f in known)
    assert a.name in known[0].reason and b.name in known[0].reason
    c = write_table(tmp_path / "广东_va_c.xlsx", va_table(scale=1.01).rows)
    with pytest.raises(SourceFormatError) as err:
        read_yearbook([a, c])
    assert a.name in str(err.value) and c.name in str(err.value)
    assert "different values" in str(err.value)


# --------------------------------------------------------------------------- source
def test_source_declaration_and_find_files(tmp_path):
    assert CHINA_YEARBOOK.name == CHINA_YEARBOOK.table == "china_yearbook"
    assert CHINA_YEARBOOK.kind == "long" and CHINA_YEARBOOK.optional
    assert CHINA_YEARBOOK.grain == ("indicator_code", "entity_code", "year")
    assert CHINA_YEARBOOK.find_files(tmp_path) == []
    a = write_table(tmp_path / "china/yearbook/广东_va.xlsx", va_table().rows)
    b = write_csv(tmp_path / "china/yearbook/广东_emp.csv", emp_table().rows)
    assert CHINA_YEARBOOK.find_files(tmp_path) == sorted([a, b])
    result = CHINA_YEARBOOK.read(CHINA_YEARBOOK.find_files(tmp_path))
    assert set(result.frame["unit"]) <= set(CHINA_YEARBOOK.known_units)


def test_two_sheets_is_an_error(tmp_path):
    from warehouse.demo.china_xlsx import write_xlsx

    rows = va_table().rows
    path = write_xlsx(tmp_path / "广东_va.xlsx", [("a", rows), ("b", rows)])
    with pytest.raises(SourceFormatError, match="one yearbook table per file"):
        read_file(Path(path))
