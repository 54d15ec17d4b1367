"""China's 31 mainland provinces: names in every spelling the sources use → ISO 3166-2:CN.

Codes are the alphabetic ISO 3166-2:CN subdivision codes introduced by the ISO 3166-2
newsletter of 2017-11-23 (which replaced the numeric ``CN-11`` … ``CN-65`` codes), as currently
published: ``CN-BJ`` Beijing … ``CN-XJ`` Xinjiang. Hong Kong (``CN-HK``), Macao (``CN-MO``) and
Taiwan (``CN-TW``) are not mainland provinces and are not in :data:`PROVINCES`.

Region groups follow the NBS four-region division (国家统计局 东西中部和东北地区划分方法, 2011):

* ``east`` (东部, 10): Beijing, Tianjin, Hebei, Shanghai, Jiangsu, Zhejiang, Fujian, Shandong,
  Guangdong, Hainan;
* ``central`` (中部, 6): Shanxi, Anhui, Jiangxi, Henan, Hubei, Hunan;
* ``west`` (西部, 12): Inner Mongolia, Guangxi, Chongqing, Sichuan, Guizhou, Yunnan, Tibet,
  Shaanxi, Gansu, Qinghai, Ningxia, Xinjiang (the Western Development provinces);
* ``north-east`` (东北, 3): Liaoning, Jilin, Heilongjiang.

Name matching (:func:`province_code`):

* Chinese: whitespace (including the full-width space U+3000, which NBS exports use to pad
  two-character names such as ``北　京``) is removed; the full name (``广西壮族自治区``) and the
  short name (``广西``) both match; so do the bare name with ``省``/``市``/``自治区`` removed.
* Latin: case, spaces, hyphens, underscores, apostrophes and dots are ignored; the words
  ``province``, ``municipality``, ``autonomous region``, ``city``, the ISO romanised types
  (``Sheng``, ``Shi``, ``Zizhiqu``) and the ethnic qualifiers (``Zhuang(zu)``, ``Hui(zu)``,
  ``Uygur``/``Uyghur``/``Uighur``) are dropped, so the ISO names (``Guangxi Zhuangzu
  Zizhiqu``) match too. ``InnerMongolia``,
  ``Inner Mongolia``, ``Nei Mongol``, ``Neimenggu`` → ``CN-NM``; ``Tibet``, ``Xizang`` →
  ``CN-XZ``.
* **Shanxi vs Shaanxi.** 山西 and 陕西 are both *Shanxi* in toneless pinyin. The official
  romanisation (and CEADs, NBS English, CHNCapitalStock ``prv``) writes 陕西 ``Shaanxi`` with a
  double *a*; so the spelling ``Shanxi`` (any case, with or without "Province") always means
  山西 ``CN-SX`` and ``Shaanxi`` always means 陕西 ``CN-SN``. Tone-marked pinyin is honoured
  (``Shānxī`` → CN-SX, ``Shǎnxī`` → CN-SN), as are the postal spellings ``Shansi`` / ``Shensi``.
  A source that writes both provinces as ``Shanxi`` cannot be told apart by name; its reader
  must disambiguate by another column (e.g. a province code) — no source used here does so.

National totals (``全国``, ``National``, ``National Total``, ``China``, ``Total`` …) are not
provinces: :func:`province_code` returns ``None`` for them, :func:`is_national` says ``True``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from warehouse.sources.base import SourceFormatError

#: region groups of the NBS four-region division, in display order
REGIONS: tuple[str, ...] = ("east", "central", "west", "north-east")


@dataclass(frozen=True)
class Province:
    """One mainland province-level division."""

    code: str  # ISO 3166-2:CN, e.g. "CN-GD"
    name_zh: str  # short Chinese name, e.g. "广东"
    name_zh_full: str  # full Chinese name with suffix, e.g. "广东省"
    pinyin: str  # pinyin without tones, official spelling, e.g. "Guangdong", "Shaanxi"
    name_en: str  # English name, e.g. "Guangdong", "Inner Mongolia", "Tibet"
    region: str  # NBS four-region group: east / central / west / north-east


def _p(code: str, zh: str, full: str, pinyin: str, en: str, region: str) -> Province:
    return Province(code, zh, full, pinyin, en, region)


#: The 31 mainland provinces in NBS order (the order of the NBS 地区 lists, by area code).
PROVINCES: tuple[Province, ...] = (
    _p("CN-BJ", "北京", "北京市", "Beijing", "Beijing", "east"),
    _p("CN-TJ", "天津", "天津市", "Tianjin", "Tianjin", "east"),
    _p("CN-HE", "河北", "河北省", "Hebei", "Hebei", "east"),
    _p("CN-SX", "山西", "山西省", "Shanxi", "Shanxi", "central"),
    _p("CN-NM", "内蒙古", "内蒙古自治区", "Nei Mongol", "Inner Mongolia", "west"),
    _p("CN-LN", "辽宁", "辽宁省", "Liaoning", "Liaoning", "north-east"),
    _p("CN-JL", "吉林", "吉林省", "Jilin", "Jilin", "north-east"),
    _p("CN-HL", "黑龙江", "黑龙江省", "Heilongjiang", "Heilongjiang", "north-east"),
    _p("CN-SH", "上海", "上海市", "Shanghai", "Shanghai", "east"),
    _p("CN-JS", "江苏", "江苏省", "Jiangsu", "Jiangsu", "east"),
    _p("CN-ZJ", "浙江", "浙江省", "Zhejiang", "Zhejiang", "east"),
    _p("CN-AH", "安徽", "安徽省", "Anhui", "Anhui", "central"),
    _p("CN-FJ", "福建", "福建省", "Fujian", "Fujian", "east"),
    _p("CN-JX", "江西", "江西省", "Jiangxi", "Jiangxi", "central"),
    _p("CN-SD", "山东", "山东省", "Shandong", "Shandong", "east"),
    _p("CN-HA", "河南", "河南省", "Henan", "Henan", "central"),
    _p("CN-HB", "湖北", "湖北省", "Hubei", "Hubei", "central"),
    _p("CN-HN", "湖南", "湖南省", "Hunan", "Hunan", "central"),
    _p("CN-GD", "广东", "广东省", "Guangdong", "Guangdong", "east"),
    _p("CN-GX", "广西", "广西壮族自治区", "Guangxi", "Guangxi", "west"),
    _p("CN-HI", "海南", "海南省", "Hainan", "Hainan", "east"),
    _p("CN-CQ", "重庆", "重庆市", "Chongqing", "Chongqing", "west"),
    _p("CN-SC", "四川", "四川省", "Sichuan", "Sichuan", "west"),
    _p("CN-GZ", "贵州", "贵州省", "Guizhou", "Guizhou", "west"),
    _p("CN-YN", "云南", "云南省", "Yunnan", "Yunnan", "west"),
    _p("CN-XZ", "西藏", "西藏自治区", "Xizang", "Tibet", "west"),
    _p("CN-SN", "陕西", "陕西省", "Shaanxi", "Shaanxi", "west"),
    _p("CN-GS", "甘肃", "甘肃省", "Gansu", "Gansu", "west"),
    _p("CN-QH", "青海", "青海省", "Qinghai", "Qinghai", "west"),
    _p("CN-NX", "宁夏", "宁夏回族自治区", "Ningxia", "Ningxia", "west"),
    _p("CN-XJ", "新疆", "新疆维吾尔自治区", "Xinjiang", "Xinjiang", "west"),
)

#: code -> Province
BY_CODE: dict[str, Province] = {p.code: p for p in PROVINCES}

#: ISO code -> GB/T 2260 administrative division code (the 省份编码 of NBS exports)
GB2260: dict[str, str] = {
    "CN-BJ": "110000", "CN-TJ": "120000", "CN-HE": "130000", "CN-SX": "140000",
    "CN-NM": "150000", "CN-LN": "210000", "CN-JL": "220000", "CN-HL": "230000",
    "CN-SH": "310000", "CN-JS": "320000", "CN-ZJ": "330000", "CN-AH": "340000",
    "CN-FJ": "350000", "CN-JX": "360000", "CN-SD": "370000", "CN-HA": "410000",
    "CN-HB": "420000", "CN-HN": "430000", "CN-GD": "440000", "CN-GX": "450000",
    "CN-HI": "460000", "CN-CQ": "500000", "CN-SC": "510000", "CN-GZ": "520000",
    "CN-YN": "530000", "CN-XZ": "540000", "CN-SN": "610000", "CN-GS": "620000",
    "CN-QH": "630000", "CN-NX": "640000", "CN-XJ": "650000",
}  # fmt: skip

#: seed columns (dbt_project/seeds/province_codes.csv), in order
SEED_COLUMNS: tuple[str, ...] = ("code", "name_zh", "name_zh_full", "pinyin", "name_en", "region")

# Extra Latin spellings (normalised with _latin_key) besides pinyin and English names.
_LATIN_EXTRA: dict[str, str] = {
    "neimenggu": "CN-NM",
    "innermongolia": "CN-NM",
    "neimongol": "CN-NM",
    "nmg": "CN-NM",
    "tibet": "CN-XZ",
    "xizang": "CN-XZ",
    "shansi": "CN-SX",
    "shensi": "CN-SN",
    "peking": "CN-BJ",
    "canton": "CN-GD",
    "kwangtung": "CN-GD",
    "sinkiang": "CN-XJ",
}
# Tone-marked pinyin that would collide once tones are stripped.
_TONED: dict[str, str] = {
    "shānxī": "CN-SX",
    "shǎnxī": "CN-SN",
}
# Words dropped from Latin names (after lower-casing and removing separators).
_LATIN_SUFFIXES: tuple[str, ...] = (
    "autonomousregion",
    "zizhiqu",
    "zhuangzu",
    "huizu",
    "specialadministrativeregion",
    "municipality",
    "province",
    "uygur",
    "uyghur",
    "uighur",
    "zhuang",
    "city",
    "shi",
    "sheng",
    "hui",
)
_CN_SUFFIXES: tuple[str, ...] = (
    "维吾尔自治区",
    "壮族自治区",
    "回族自治区",
    "自治区",
    "维吾尔",
    "壮族",
    "回族",
    "省",
    "市",
)
_NATIONAL_ZH = {"全国", "全国合计", "全国总计", "中国", "全国总计数", "合计", "总计"}
_NATIONAL_LATIN = {
    "national",
    "nationaltotal",
    "china",
    "total",
    "chinatotal",
    "nationwide",
    "peoplesrepublicofchina",
    "prc",
    "cn",
    "chn",
}
_SPACE_RE = re.compile(r"[\s\u3000\u00a0]+")
_LATIN_SEP_RE = re.compile(r"[\s\u3000\u00a0\-_'’.,()]+")
_HAS_CJK_RE = re.compile(r"[\u4e00-\u9fff]")


def _latin_key(name: str) -> str:
    """Lower-case, separators removed (``Inner Mongolia`` -> ``innermongolia``)."""
    return _LATIN_SEP_RE.sub("", name).lower()


def _strip_latin_suffixes(key: str) -> str:
    """Drop trailing qualifier words until the key is a known name (or nothing is left to drop)."""
    while key not in _LATIN:
        for suffix in _LATIN_SUFFIXES:
            if key.endswith(suffix) and len(key) > len(suffix) + 2:
                key = key[: -len(suffix)]
                break
        else:
            return key
    return key


def _build_latin() -> dict[str, str]:
    table: dict[str, str] = {}
    for p in PROVINCES:
        for name in (p.pinyin, p.name_en):
            table[_latin_key(name)] = p.code
    table.update(_LATIN_EXTRA)
    return table


def _build_zh() -> dict[str, str]:
    table: dict[str, str] = {}
    for p in PROVINCES:
        table[p.name_zh] = p.code
        table[p.name_zh_full] = p.code
    return table


_LATIN = _build_latin()
_BY_GB2260 = {gb: iso for iso, gb in GB2260.items()}
_ZH = _build_zh()


def _clean(name: object) -> str:
    text = unicodedata.normalize("NFC", str(name)) if name is not None else ""
    return _SPACE_RE.sub("", text).strip()


def province_code(name: str) -> str | None:
    """The ISO 3166-2:CN code of a province name in any spelling, else ``None``.

    ``None`` also for national totals (see :func:`is_national`) and for Hong Kong, Macao and
    Taiwan. See the module docstring for the matching rules (Shanxi vs Shaanxi).
    """
    text = _clean(name)
    if not text:
        return None
    if _HAS_CJK_RE.search(text):
        if text in _ZH:
            return _ZH[text]
        for suffix in _CN_SUFFIXES:
            if text.endswith(suffix) and text[: -len(suffix)] in _ZH:
                return _ZH[text[: -len(suffix)]]
        return None
    toned = _latin_key(text)
    for spelled, code in _TONED.items():
        if toned.startswith(spelled) and toned[len(spelled) :] in ("", *_LATIN_SUFFIXES):
            return code
    key = _latin_key(
        "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    )
    return _LATIN.get(key) or _LATIN.get(_strip_latin_suffixes(key))


def is_national(name: str) -> bool:
    """``True`` for a national-total label (``全国``, ``National``, ``China``, ``Total`` …)."""
    text = _clean(name)
    if not text:
        return False
    if _HAS_CJK_RE.search(text):
        return text in _NATIONAL_ZH
    return _latin_key(text) in _NATIONAL_LATIN


class ProvinceNameError(SourceFormatError):
    """A province name in a file maps to no mainland province."""

    def __init__(
        self,
        path: str | Path,
        name: str,
        row: int | None = None,
        column: str | None = None,
        hint: str = "",
    ) -> None:
        self.name = name
        what = "is a national total, not a province" if is_national(name) else "maps to no"
        problem = f"province name {name!r} {what}" + (
            "" if is_national(name) else " mainland province (ISO 3166-2:CN)"
        )
        super().__init__(path, problem + (f"; {hint}" if hint else ""), row=row, column=column)


def require_province(
    path: str | Path,
    name: str,
    row: int | None = None,
    column: str | None = None,
    hint: str = "",
) -> str:
    """The ISO code of ``name``; raise :class:`ProvinceNameError` naming file, row and column.

    ``hint`` is appended to the message (e.g. "the file looks mis-decoded").
    """
    code = province_code(name)
    if code is None:
        raise ProvinceNameError(path, name, row=row, column=column, hint=hint)
    return code


def province_code_from_gb2260(code: str) -> str | None:
    """ISO code of a GB/T 2260 province code (``440000`` or ``44``), else ``None``."""
    text = str(code).strip()
    if len(text) == 2:
        text += "0000"
    return _BY_GB2260.get(text)


def seed_rows() -> list[dict[str, str]]:
    """The province table as seed rows (the content of ``seeds/province_codes.csv``)."""
    return [{c: getattr(p, c) for c in SEED_COLUMNS} for p in PROVINCES]
