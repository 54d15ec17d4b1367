"""China NBS readers: values on the real files, and bad input on small generated files."""

from __future__ import annotations

from pathlib import Path

import pytest

from warehouse.sources import china_nbs
from warehouse.sources.base import LONG_COLUMNS, SourceFormatError
from warehouse.sources.china_nbs import (
    CHINA_NBS_EMPLOYMENT_WAGES,
    CHINA_NBS_EXPORTS,
    CHINA_NBS_NATIONAL,
    CHINA_NBS_PROVINCE,
    CHINA_POPULATION,
    read_file,
    split_label,
)
from warehouse.sources.china_provinces import ProvinceNameError

MANUFACTURING = "制造业城镇单位就业人员"


# ----------------------------------------------------------------------------- real files


@pytest.fixture(scope="module")
def real(shared_raw):
    """Every China NBS source read once: name -> ReadResult."""
    return {s.name: s.read(s.find_files(shared_raw)) for s in china_nbs.SOURCES}


def _value(frame, file_name, indicator, entity, year):
    sel = frame[
        (frame.file_name == file_name)
        & (frame.indicator_code == indicator)
        & (frame.entity_code == entity)
        & (frame.year == year)
    ]
    assert len(sel) == 1, (file_name, indicator, entity, year, len(sel))
    return sel.iloc[0]


def test_sources_declared_and_frames_typed(real):
    for source in china_nbs.SOURCES:
        result = real[source.name]
        assert tuple(result.frame.columns) == LONG_COLUMNS
        assert set(result.frame.source) == {source.name}
        assert result.rejected.empty, source.name
        assert set(result.frame.unit) <= set(source.known_units), source.name
        assert not result.frame.duplicated(list(source.grain)).any(), source.name
        assert source.min_rows <= len(result.frame) <= source.max_rows, source.name
        assert result.frame.value.notna().all()
        assert all(p.startswith("china/") for p in source.patterns)


def test_guangdong_grp_2019_fourth_census_vintage(real):
    row = _value(
        real["china_nbs_province"].frame, "地区生产总值.csv", "地区生产总值", "CN-GD", 2019
    )
    assert row.value == pytest.approx(107_986.9)
    assert row.unit == "亿元"
    assert row.entity_name == "广东省"
    assert row.indicator_name == "地区生产总值(亿元)"
    assert row.vintage == "2021 (4th economic census revision)"
    # row number: header line 1, then 20 rows (2019..2000) per province, Guangdong is the 19th
    assert row.row_number == 1 + 18 * 20 + 1
    beijing = _value(
        real["china_nbs_province"].frame, "地区生产总值.csv", "地区生产总值", "CN-BJ", 2019
    )
    assert beijing.value == pytest.approx(35_445.1)


def test_grp_panel_31_provinces_2000_2019(real):
    frame = real["china_nbs_province"].frame
    grp = frame[(frame.file_name == "地区生产总值.csv") & (frame.indicator_code == "地区生产总值")]
    assert len(grp) == 31 * 20
    per_year = grp.groupby("year").entity_code.nunique()
    assert per_year.index.tolist() == list(range(2000, 2020))
    assert set(per_year) == {31}
    assert grp[grp.entity_code == "CN-BJ"].year.tolist() == list(range(2019, 1999, -1))
    index = frame[frame.file_name == "地区生产总值指数.csv"]
    bj = _value(index, "地区生产总值指数.csv", "地区生产总值指数", "CN-BJ", 2019)
    assert bj.value == pytest.approx(106.1) and bj.unit == "上年=100"


def test_manufacturing_employment_2019_sums_to_national(real):
    prov = real["china_nbs_province"].frame
    manu = prov[(prov.indicator_code == MANUFACTURING) & (prov.year == 2019)]
    assert manu.entity_code.nunique() == 31
    assert manu.value.sum() == pytest.approx(3_832.03, abs=0.005)
    assert set(manu.unit) == {"万人"}
    natl = real["china_nbs_national"].frame
    national = _value(natl, "按行业分城镇单位就业人员.csv", MANUFACTURING, "CN", 2019)
    assert national.value == pytest.approx(3_832.0304)
    assert national.unit == "万人" and national.entity_name == "全国"
    assert manu.value.sum() == pytest.approx(national.value, abs=0.005)
    # employment by section: 2000-2007 empty, so 2008-2019 (the total has 12 provinces in 2004)
    emp = prov[prov.file_name == "按行业分城镇单位就业人员.csv"]
    sections = emp[emp.indicator_code != "城镇单位就业人员"]
    assert sections.year.min() == 2008 and sections.year.max() == 2019
    early = emp[emp.year < 2008]
    assert set(early.year) == {2004} and len(early) == 12


def test_work_data_adds_2020_and_matches_fsnd(real):
    work = real["china_nbs_employment_wages"].frame
    prov = real["china_nbs_province"].frame
    js = _value(work, "work_data.csv", MANUFACTURING, "CN-JS", 2020)
    assert js.value == pytest.approx(454.1) and js.unit == "万人"
    assert _value(work, "work_data.csv", MANUFACTURING, "CN-JS", 2012).value == pytest.approx(359.7)
    both = work[(work.indicator_code == MANUFACTURING) & work.year.between(2012, 2019)].merge(
        prov[prov.indicator_code == MANUFACTURING], on=["entity_code", "year"]
    )
    assert len(both) == 31 * 8
    assert (both.value_x - both.value_y).abs().max() < 0.051  # work_data has 1 decimal
    assert work.year.max() == 2020  # list_2021 is empty
    assert _value(work, "work_data.csv", "城镇单位就业人员平均工资", "CN-BJ", 2020).value == 178_178


def test_row_counts_per_file(real):
    prov = real["china_nbs_province"]
    assert prov.rows_read == {
        "固定资产投资价格指数(上年=100).csv": 620,
        "地区生产总值.csv": 620,
        "地区生产总值指数.csv": 620,
        "按行业分城镇单位就业人员.csv": 620,
        "能源消耗指标.csv": 620,
    }
    assert prov.frame.groupby("file_name").size().to_dict() == {
        "固定资产投资价格指数(上年=100).csv": 2396,
        "地区生产总值.csv": 8680,
        "地区生产总值指数.csv": 2480,
        "按行业分城镇单位就业人员.csv": 7436,
        "能源消耗指标.csv": 1056,
    }
    natl = real["china_nbs_national"]
    assert set(natl.rows_read.values()) == {20}
    # 国内生产总值, 国内生产总值指数, 能源消费总量 repeat in a second table: kept once
    assert natl.frame.groupby("file_name").size().to_dict() == {
        "分行业增加值.csv": 200,
        "分行业增加值指数(上年=100).csv": 200,
        "分行业能源消费总量.csv": 977,
        "国内生产总值.csv": 100,
        "国内生产总值指数(上年=100).csv": 100,
        "按行业分城镇单位就业人员.csv": 343,
        "能源消费总量.csv": 194,
    }
    assert [f.severity for f in natl.findings] == ["known"] * 60
    exports = real["china_nbs_exports"]
    assert set(exports.rows_read.values()) == {31}
    assert exports.frame.groupby("file_name").size().to_dict() == {
        "1lmq_resident_population_2015-2024.csv": 310,
        "eoocl_grp_2019-2022.csv": 124,
        "renjiyi_grp_2006-2024_rev2025.csv": 589,
        "renjiyi_population_sample_survey.csv": 527,
        "renjiyi_private_individual_employment.csv": 434,
        "renjiyi_urban_unit_employment_2006-2025.csv": 527,
        "tobby_grp_1993-2017.csv": 775,
    }
    work = real["china_nbs_employment_wages"]
    assert work.rows_read == {"work_data.csv": 3968}
    assert len(work.frame) == 32_904
    assert len(work.findings) == 124 and {f.severity for f in work.findings} == {"known"}
    pop = real["china_population"]
    assert pop.rows_read == {"China_Statistics_Yearbook.csv": 34}
    assert len(pop.frame) == 32 * 20


def test_encodings(real):
    assert set(real["china_nbs_exports"].encodings.values()) == {"gb18030"}
    for name in ("china_nbs_province", "china_nbs_national", "china_nbs_employment_wages"):
        assert set(real[name].encodings.values()) == {"utf-8"}


def test_exports_keep_three_grp_vintages_apart(real):
    frame = real["china_nbs_exports"].frame
    gd = frame[(frame.entity_code == "CN-GD") & (frame.indicator_code == "地区生产总值")]
    by_file = gd.set_index(["file_name", "year"]).value
    assert by_file[("eoocl_grp_2019-2022.csv", 2019)] == pytest.approx(107_986.9)
    assert by_file[("renjiyi_grp_2006-2024_rev2025.csv", 2019)] == pytest.approx(110_468.1)
    assert by_file[("tobby_grp_1993-2017.csv", 2017)] == pytest.approx(89_705.23)
    assert gd.groupby("year").vintage.nunique().max() == 2  # never merged across vintages
    assert set(gd.vintage) == {
        "2025 (5th economic census revision)",
        "pre-2019 (before 4th economic census revision)",
        "2023 (4th economic census revision)",
    }
    pop = _value(frame, "1lmq_resident_population_2015-2024.csv", "年末常住人口", "CN-BJ", 2024)
    assert pop.value == 2183 and pop.unit == "万人" and pop.entity_name == "北京市"
    # note lines are findings, not data (2 + 2 + 3 + 4 + 4 + 2 + 1)
    notes = real["china_nbs_exports"].findings
    assert len(notes) == 18 and {f.check for f in notes} == {"publisher_note"}
    assert any(f.reason.startswith("注：按照我国国民经济核算数据修订制度") for f in notes)
    assert not frame.entity_name.str.startswith(("注", "数据来源")).any()


def test_national_values(real):
    natl = real["china_nbs_national"].frame
    assert _value(natl, "分行业增加值.csv", "国内生产总值", "CN", 2019).value == 986_515.2
    assert _value(natl, "分行业增加值.csv", "金融业增加值", "CN", 2019).value == 76_250.6
    # 能源消费总量 is in two files with equal values: the first file (by name) keeps it
    energy = _value(natl, "分行业能源消费总量.csv", "能源消费总量", "CN", 2019)
    assert energy.value == 487_000 and energy.unit == "万吨标准煤"
    assert _value(natl, "能源消费总量.csv", "天然气消费量", "CN", 2018).unit == "亿立方米"


def test_population(real):
    frame = real["china_population"].frame
    title = "Population at year-end by region"
    assert _value(frame, "China_Statistics_Yearbook.csv", title, "CN", 2019).value == 140_005
    bj = _value(frame, "China_Statistics_Yearbook.csv", title, "CN-BJ", 2000)
    assert bj.value == 1364 and bj.unit == "10000 persons" and bj.entity_name == "Beijing"
    sn = _value(frame, "China_Statistics_Yearbook.csv", title, "CN-SN", 2019)
    assert sn.entity_name == "Shaanxi"
    sx = _value(frame, "China_Statistics_Yearbook.csv", title, "CN-SX", 2019)
    assert sx.entity_name == "Shanxi"
    assert real["china_population"].findings == []  # sum and difference rows agree


# ------------------------------------------------------------------------ generated files

WIDE_HEADER = "数据库：分省年度数据\n指标：地区生产总值(亿元)\n时间：最近3年\n"


def _wide(rows: list[str], header: str = "地区,2019年,2018年", notes: str = "") -> str:
    body = "\n".join(rows)
    return WIDE_HEADER + header + "\n" + body + "\n" + notes


def _write(tmp_path: Path, name: str, text: str, encoding: str = "gb18030") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


GOOD_ROWS = ["北京市,35445.1,33106.0", "广东省,107986.9,", "新疆维吾尔自治区,1.5,1.4"]
NOTES = "注：本表按当年价格计算。\n\u3000\u3000\u30002.续行。\n数据来源：国家统计局\n"


def test_gb18030_export_decodes(tmp_path):
    path = _write(tmp_path, "grp.csv", _wide(GOOD_ROWS, notes=NOTES))
    one, notes = read_file(path)
    assert one.encoding == "gb18030"
    frame = one.frame.set_index(["entity_code", "year"])
    assert frame.loc[("CN-GD", 2019), "value"] == 107_986.9
    assert frame.loc[("CN-GD", 2019), "entity_name"] == "广东省"
    assert frame.loc[("CN-BJ", 2018), "indicator_code"] == "地区生产总值"
    assert frame.loc[("CN-BJ", 2018), "unit"] == "亿元"
    assert ("CN-GD", 2018) not in frame.index  # empty cell: not published
    assert len(frame) == 5 and one.rows_read == 3
    assert [n.row_number for n in notes] == [8, 9, 10]
    assert notes[0].reason == "注：本表按当年价格计算。"


def test_gb18030_bytes_are_never_read_as_utf8(tmp_path):
    from warehouse.sources.csv_records import decode

    path = _write(tmp_path, "grp.csv", _wide(GOOD_ROWS))
    with pytest.raises(SourceFormatError, match="not valid UTF-8"):
        decode(path, ("utf-8",))
    # the classic mojibake (GB18030 bytes read as latin-1, saved as UTF-8) is valid UTF-8,
    # but its province names map to nothing: the reader refuses it
    garbled = _wide(GOOD_ROWS).encode("gb18030").decode("latin-1")
    bad = _write(
        tmp_path,
        "eoocl_grp_garbled.csv",
        "地区,2019年,2018年\n" + garbled.split("\n", 4)[4],
        "utf-8",
    )
    with pytest.raises(ProvinceNameError, match="mojibake") as err:
        read_file(bad)
    assert "eoocl_grp_garbled.csv" in str(err.value) and "row 2" in str(err.value)


def test_utf8_export_also_reads(tmp_path):
    path = _write(tmp_path, "grp.csv", _wide(GOOD_ROWS), "utf-8")
    one, _ = read_file(path)
    assert one.encoding == "utf-8" and len(one.frame) == 5


def test_unknown_province_names_file_row_and_column(tmp_path):
    rows = [*GOOD_ROWS[:2], "广东X省,1,2"]
    path = _write(tmp_path, "grp.csv", _wide(rows))
    with pytest.raises(ProvinceNameError) as err:
        read_file(path)
    msg = str(err.value)
    assert "grp.csv" in msg and "row 7" in msg and "'地区'" in msg and "广东X省" in msg


@pytest.mark.parametrize("year", ["2019年注", "2019*", "19年", "2019年 (p)"])
def test_year_header_with_footnote_marker_is_an_error(tmp_path, year):
    path = _write(tmp_path, "grp.csv", _wide(GOOD_ROWS, header=f"地区,{year},2018年"))
    with pytest.raises(SourceFormatError, match="is not a year") as err:
        read_file(path)
    assert repr(year) in str(err.value) and "row 4" in str(err.value)


def test_footnote_lines_excluded_and_data_after_notes_is_an_error(tmp_path):
    path = _write(tmp_path, "grp.csv", _wide(GOOD_ROWS, notes=NOTES))
    one, notes = read_file(path)
    assert set(one.frame.entity_name) == {"北京市", "广东省", "新疆维吾尔自治区"}
    assert len(notes) == 3
    late = _write(tmp_path, "late.csv", _wide(GOOD_ROWS, notes=NOTES + "上海市,1,2\n"))
    with pytest.raises(SourceFormatError, match="after the note lines"):
        read_file(late)


def test_duplicate_year_column_is_an_error(tmp_path):
    path = _write(tmp_path, "grp.csv", _wide(GOOD_ROWS, header="地区,2019年,2019"))
    with pytest.raises(SourceFormatError, match="year 2019 appears twice"):
        read_file(path)


def test_duplicate_province_row_names_both_rows(tmp_path):
    path = _write(tmp_path, "grp.csv", _wide([*GOOD_ROWS, "广东省,1,2"]))
    with pytest.raises(SourceFormatError, match=r"duplicate key .* rows 6 and 8"):
        read_file(path)


def test_unparseable_cell_is_rejected_not_dropped(tmp_path):
    path = _write(tmp_path, "grp.csv", _wide(["北京市,35445.1,1,2x", "广东省,…,2"]))
    with pytest.raises(SourceFormatError, match="fields"):
        read_file(path)  # a row wider than the header is a format error
    path = _write(tmp_path, "grp2.csv", _wide(["北京市,35445.1,12x", "广东省,…,2"]))
    one, _ = read_file(path)
    assert one.rejected[["row_number", "column", "raw_value"]].values.tolist() == [
        [5, "2018年", "12x"],
        [6, "2019年", "…"],
    ]
    assert len(one.frame) == 2


def test_headerless_export(tmp_path):
    text = "地区,2020年,2019年\n北京市,35943.3,35445.1\n数据来源：国家统计局,,\n"
    one, notes = read_file(_write(tmp_path, "eoocl_grp_2019-2022.csv", text))
    assert set(one.frame.indicator_code) == {"地区生产总值"} and set(one.frame.unit) == {"亿元"}
    assert one.vintage == "2023 (4th economic census revision)" and len(notes) == 1
    with pytest.raises(SourceFormatError, match="no '指标：' header line"):
        read_file(_write(tmp_path, "other.csv", text))


FSND_HEADER = "省份编码,省份,年份,地区生产总值(亿元),地区生产总值指数(上年=100)\n"


def test_fsnd_long_file(tmp_path):
    text = FSND_HEADER + "440000,广东省,2019,107986.9,106.2\n440000,广东省,2018年,99945.2,\n"
    one, _ = read_file(_write(tmp_path, "prov.csv", text, "utf-8"))
    frame = one.frame.set_index(["indicator_code", "year"])
    assert frame.loc[("地区生产总值", 2018), "value"] == 99_945.2
    assert frame.loc[("地区生产总值指数", 2019), "unit"] == "上年=100"
    assert len(frame) == 3


def test_fsnd_long_bad_year_cell_is_rejected(tmp_path):
    text = FSND_HEADER + "440000,广东省,2019*,107986.9,\n"
    one, _ = read_file(_write(tmp_path, "prov.csv", text, "utf-8"))
    assert one.frame.empty
    assert one.rejected[["row_number", "column", "raw_value", "reason"]].values.tolist() == [
        [2, "年份", "2019*", "year is not an integer"]
    ]


def test_fsnd_long_duplicate_and_code_mismatch(tmp_path):
    dup = FSND_HEADER + "440000,广东省,2019,1,\n110000,北京市,2019,2,\n440000,广东,2019,3,\n"
    with pytest.raises(SourceFormatError, match="rows 2 and 4"):
        read_file(_write(tmp_path, "dup.csv", dup, "utf-8"))
    wrong = FSND_HEADER + "440000,广西壮族自治区,2019,1,\n"
    with pytest.raises(SourceFormatError, match="省份编码 '440000' does not match"):
        read_file(_write(tmp_path, "wrong.csv", wrong, "utf-8"))


def test_national_unknown_unit_is_an_error(tmp_path):
    good = "年份,国内生产总值,制造业城镇单位就业人员\n2019,986515.2,3832.0304\n"
    one, _ = read_file(_write(tmp_path, "natl.csv", good, "utf-8"))
    assert dict(zip(one.frame.indicator_code, one.frame.unit, strict=True)) == {
        "国内生产总值": "亿元",
        MANUFACTURING: "万人",
    }
    assert set(one.frame.entity_code) == {"CN"}
    with pytest.raises(SourceFormatError, match="unknown unit"):
        read_file(_write(tmp_path, "natl2.csv", "年份,幸福指数\n2019,1\n", "utf-8"))


def test_cross_file_repeat_conflict_is_an_error(tmp_path):
    a = _write(tmp_path, "a.csv", "年份,国内生产总值\n2019,986515.2\n", "utf-8")
    b = _write(tmp_path, "b.csv", "年份,国内生产总值,第一产业增加值\n2019,986515.2,1\n", "utf-8")
    result = CHINA_NBS_NATIONAL.read([a, b])
    assert len(result.frame) == 2 and [f.severity for f in result.findings] == ["known"]
    c = _write(tmp_path, "c.csv", "年份,国内生产总值\n2019,986000\n", "utf-8")
    with pytest.raises(SourceFormatError, match=r"a.csv row 2 and c.csv row 2"):
        CHINA_NBS_NATIONAL.read([a, c])


WORK_HEADER = "city,exp,industry,list_2019,list_2020,list_2021,unit\n"


def test_work_data_repeats(tmp_path):
    same = WORK_HEADER + (
        '北京市,"定义\n\n",城镇单位就业人员平均工资,166803,178178,,元\n'
        "北京市,x,制造业城镇单位就业人员,1.5,,,万人\n"
        "北京市,y,城镇单位就业人员平均工资,166803,178178,,元\n"
    )
    one, findings = read_file(_write(tmp_path, "work_data.csv", same, "utf-8"))
    assert len(one.frame) == 3 and one.rows_read == 3
    assert sorted(one.frame.row_number) == [2, 2, 5]  # the quoted field spans 3 lines
    assert [(f.check, f.severity, f.row_number) for f in findings] == [
        ("repeated_indicator", "known", 6)
    ]
    differs = WORK_HEADER + (
        "北京市,x,城镇单位就业人员平均工资,166803,178178,,元\n"
        "北京市,y,城镇单位就业人员平均工资,166803,1,,元\n"
    )
    with pytest.raises(SourceFormatError, match="rows 2 and 3 with different values"):
        read_file(_write(tmp_path, "work_data2.csv", differs, "utf-8"))


GCAM = (
    "# File: China_Statistics_Yearbook.csv\n"
    "# Title: Population at year-end by region\n"
    "# Units: 10000 persons\n"
    '# Source: a stray quote."\n'
    "Region,2018,2019\n"
    "National Total,100,110\n"
    "Beijing,30,31\n"
    "Shaanxi,60,61\n"
    "sum,90,92\n"
    "difference,10,18\n"
)


def test_gcam_population_checks_sum_rows(tmp_path):
    one, findings = read_file(_write(tmp_path, "China_Statistics_Yearbook.csv", GCAM, "ascii"))
    assert len(one.frame) == 6 and one.rows_read == 5
    assert sorted(set(one.frame.entity_code)) == ["CN", "CN-BJ", "CN-SN"]
    assert findings == []  # sum = Σ provinces and difference = national − sum
    bad = GCAM.replace("sum,90,92", "sum,90,95")
    _, findings = read_file(_write(tmp_path, "bad.csv", bad, "ascii"))
    assert [(f.check, f.row_code, f.year, f.difference, f.severity) for f in findings] == [
        ("gcam_population_sum", "sum", 2019, 3.0, "error")
    ]
    with pytest.raises(SourceFormatError, match="Units"):
        read_file(_write(tmp_path, "nounit.csv", GCAM.replace("# Units", "# Unit"), "ascii"))


def test_unrecognised_layout_and_empty_file(tmp_path):
    with pytest.raises(SourceFormatError, match="unrecognised layout"):
        read_file(_write(tmp_path, "x.csv", "foo,bar\n1,2\n", "utf-8"))
    (tmp_path / "empty.csv").write_bytes(b"")
    with pytest.raises(SourceFormatError, match="empty file"):
        read_file(tmp_path / "empty.csv")


def test_split_label():
    assert split_label("地区生产总值(亿元)") == ("地区生产总值", "亿元")
    assert split_label("人口数(人口抽样调查)(人)") == ("人口数(人口抽样调查)", "人")
    assert split_label("固定资产投资价格指数(上年=100)") == ("固定资产投资价格指数", "上年=100")
    assert split_label("国内生产总值") == ("国内生产总值", None)


def test_source_constants():
    assert CHINA_NBS_PROVINCE.patterns == ("china/nbs_fsnd_2021/prov/*.csv",)
    assert CHINA_NBS_NATIONAL.patterns == ("china/nbs_fsnd_2021/natl/*.csv",)
    assert CHINA_NBS_EXPORTS.patterns == ("china/nbs/*.csv",)
    assert "vintage" in CHINA_NBS_EXPORTS.grain
    assert CHINA_NBS_EMPLOYMENT_WAGES.table == "china_nbs_employment_wages"
    assert CHINA_POPULATION.known_units == ("10000 persons",)
    assert len({s.name for s in china_nbs.SOURCES}) == 5
