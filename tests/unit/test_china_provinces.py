"""China province names → ISO 3166-2:CN: the table, every spelling, the seed, the real files."""

from __future__ import annotations

import csv
import re
from collections import Counter

import pytest

from warehouse.settings import PROJECT_ROOT
from warehouse.sources import china_nbs
from warehouse.sources.base import SourceFormatError
from warehouse.sources.china_provinces import (
    BY_CODE,
    GB2260,
    PROVINCES,
    REGIONS,
    SEED_COLUMNS,
    ProvinceNameError,
    is_national,
    province_code,
    province_code_from_gb2260,
    require_province,
    seed_rows,
)

SEED = PROJECT_ROOT / "dbt_project" / "seeds" / "province_codes.csv"


def test_table_has_31_mainland_provinces_with_iso_codes():
    codes = [p.code for p in PROVINCES]
    assert len(codes) == 31 == len(set(codes))
    assert all(re.fullmatch(r"CN-[A-Z]{2}", c) for c in codes)
    assert not {"CN-HK", "CN-MO", "CN-TW"} & set(codes)
    assert BY_CODE["CN-HE"].name_zh == "河北" and BY_CODE["CN-HA"].name_zh == "河南"
    assert BY_CODE["CN-HB"].name_zh == "湖北" and BY_CODE["CN-HN"].name_zh == "湖南"
    assert BY_CODE["CN-SX"].name_zh == "山西" and BY_CODE["CN-SN"].name_zh == "陕西"
    assert BY_CODE["CN-HI"].name_zh == "海南" and BY_CODE["CN-XZ"].name_en == "Tibet"
    assert set(GB2260) == set(codes) and len(set(GB2260.values())) == 31


def test_nbs_four_regions():
    counts = Counter(p.region for p in PROVINCES)
    assert counts == {"east": 10, "central": 6, "west": 12, "north-east": 3}
    assert set(counts) == set(REGIONS)
    assert BY_CODE["CN-NM"].region == "west" and BY_CODE["CN-GX"].region == "west"
    assert BY_CODE["CN-HI"].region == "east" and BY_CODE["CN-SX"].region == "central"
    assert {p.code for p in PROVINCES if p.region == "north-east"} == {"CN-LN", "CN-JL", "CN-HL"}


@pytest.mark.parametrize(
    ("name", "code"),
    [
        # Shanxi / Shaanxi
        ("Shanxi", "CN-SX"),
        ("SHANXI", "CN-SX"),
        ("shanxi", "CN-SX"),
        ("Shanxi Province", "CN-SX"),
        ("Shaanxi", "CN-SN"),
        ("shaanxi", "CN-SN"),
        ("Shaanxi Province", "CN-SN"),
        ("Shānxī", "CN-SX"),
        ("Shǎnxī", "CN-SN"),
        ("Shansi", "CN-SX"),
        ("Shensi", "CN-SN"),
        ("山西", "CN-SX"),
        ("山西省", "CN-SX"),
        ("陕西", "CN-SN"),
        ("陕西省", "CN-SN"),
        # Inner Mongolia
        ("InnerMongolia", "CN-NM"),
        ("Inner Mongolia", "CN-NM"),
        ("inner mongolia", "CN-NM"),
        ("Nei Mongol", "CN-NM"),
        ("NeiMongol", "CN-NM"),
        ("Neimenggu", "CN-NM"),
        ("Inner Mongolia Autonomous Region", "CN-NM"),
        ("内蒙古", "CN-NM"),
        ("内蒙古自治区", "CN-NM"),
        # Tibet
        ("西藏", "CN-XZ"),
        ("西藏自治区", "CN-XZ"),
        ("Xizang", "CN-XZ"),
        ("Tibet", "CN-XZ"),
        ("Tibet Autonomous Region", "CN-XZ"),
        # other autonomous regions
        ("广西", "CN-GX"),
        ("广西壮族自治区", "CN-GX"),
        ("Guangxi Zhuang", "CN-GX"),
        ("Guangxi Zhuang Autonomous Region", "CN-GX"),
        ("宁夏回族自治区", "CN-NX"),
        ("Ningxia Hui", "CN-NX"),
        ("新疆维吾尔自治区", "CN-XJ"),
        ("Xinjiang Uygur", "CN-XJ"),
        ("Xinjiang Uyghur Autonomous Region", "CN-XJ"),
        # municipalities, suffixes, whitespace
        ("北京", "CN-BJ"),
        ("北京市", "CN-BJ"),
        ("北　京", "CN-BJ"),
        (" 北京市\u3000", "CN-BJ"),
        ("Beijing", "CN-BJ"),
        ("Beijing Municipality", "CN-BJ"),
        ("Chongqing", "CN-CQ"),
        ("重庆市", "CN-CQ"),
        ("Heilongjiang", "CN-HL"),
        ("黑龙江省", "CN-HL"),
        ("Henan", "CN-HA"),
        ("Hainan", "CN-HI"),
        ("Hubei", "CN-HB"),
        ("Hunan", "CN-HN"),
        ("Hebei", "CN-HE"),
        ("Anhui Province", "CN-AH"),
        ("广东省", "CN-GD"),
        ("guang-dong", "CN-GD"),
        # ISO 3166-2 subdivision names
        ("Anhui Sheng", "CN-AH"),
        ("Beijing Shi", "CN-BJ"),
        ("Guangxi Zhuangzu Zizhiqu", "CN-GX"),
        ("Nei Mongol Zizhiqu", "CN-NM"),
        ("Ningxia Huizu Zizhiqu", "CN-NX"),
        ("Xinjiang Uygur Zizhiqu", "CN-XJ"),
        ("Xizang Zizhiqu", "CN-XZ"),
        ("Shaanxi Sheng", "CN-SN"),
        ("Shanxi Sheng", "CN-SX"),
    ],
)
def test_province_code_variants(name, code):
    assert province_code(name) == code


def test_every_table_name_maps_to_its_own_code():
    for p in PROVINCES:
        for name in (p.name_zh, p.name_zh_full, p.pinyin, p.name_en, p.pinyin.upper()):
            assert province_code(name) == p.code, name
        assert province_code_from_gb2260(GB2260[p.code]) == p.code
        assert province_code_from_gb2260(GB2260[p.code][:2]) == p.code


@pytest.mark.parametrize("name", ["全国", "National", "National Total", "China", "Total", "中国"])
def test_national_totals_are_not_provinces(name):
    assert is_national(name)
    assert province_code(name) is None


@pytest.mark.parametrize(
    "name", ["", "Hong Kong", "香港", "澳门", "台湾", "sum", "Atlantis", "±±¾©"]
)
def test_unknown_names_map_to_nothing(name):
    assert province_code(name) is None
    assert not is_national(name)


def test_require_province_names_file_row_and_column(tmp_path):
    assert require_province(tmp_path / "x.csv", "广东省", 5, "地区") == "CN-GD"
    with pytest.raises(ProvinceNameError) as err:
        require_province(tmp_path / "prov.csv", "广东省X", 7, "地区")
    assert isinstance(err.value, SourceFormatError)
    msg = str(err.value)
    assert "prov.csv" in msg and "row 7" in msg and "'地区'" in msg and "广东省X" in msg
    with pytest.raises(ProvinceNameError, match="national total"):
        require_province(tmp_path / "prov.csv", "全国", 3, "地区")


def test_seed_equals_module_table():
    with SEED.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert tuple(reader.fieldnames or ()) == SEED_COLUMNS
        rows = list(reader)
    assert rows == seed_rows()


def test_every_province_name_in_the_real_files_maps(shared_raw):
    """Every entity name the China NBS readers land maps back to its entity code; every
    file covers all 31 provinces (or is national)."""
    for source in china_nbs.SOURCES:
        files = source.find_files(shared_raw)
        assert files, source.name
        frame = source.read(files).frame
        for (file_name, name), codes in frame.groupby(["file_name", "entity_name"])["entity_code"]:
            expected = "CN" if is_national(name) else province_code(name)
            assert expected is not None, (file_name, name)
            assert set(codes) == {expected}, (file_name, name)
        per_file = frame[frame.entity_code != "CN"].groupby("file_name").entity_code.nunique()
        if source is not china_nbs.CHINA_NBS_NATIONAL:
            # NBS publishes no FAI price index for Tibet: its rows are all empty
            expected = {
                n: 30 if n.startswith("固定资产投资价格指数") else 31 for n in per_file.index
            }
            assert per_file.to_dict() == expected
