"""The demo generator writes the real raw files' names and layouts, deterministically."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import pytest

from warehouse.demo import DemoTruth, generate

EXPECTED_FILES = {
    "classification/Metadata_Country_API_16_DS2_en_csv_v2_3064261.csv",
    "classification/Metadata_Country_API_IP.PAT.RESD_DS2_en_csv_v2_226.csv",
    "classification/UNSD_M49_Methodology.csv",
    "heritage/economic_freedom_index2019_data.csv",
    "unctad/UNCTAD_DE.csv",
    "unctad/US_DigitallyDeliverableServices.csv",
    "unsd_snaama/Download-GDPcurrent-USD-countries.xlsx",
    # China province files (warehouse.demo.china): the sources marts.province_panel reads
    "china/capital_stock/asset.rda",
    *(f"china/ceads_v2022/emissions/{y}年30个省份排放清单.xlsx" for y in range(2004, 2020)),
    "china/eps_energy/消费量.xlsx",
    "china/gcam_china/China_Statistics_Yearbook.csv",
    "china/meic/1990-2023分省份碳排放-MEIC.xlsx",
    "china/nbs_fsnd_2021/natl/分行业增加值.csv",
    "china/nbs_fsnd_2021/natl/国内生产总值.csv",
    "china/nbs_fsnd_2021/natl/国内生产总值指数(上年=100).csv",
    "china/nbs_fsnd_2021/natl/按行业分城镇单位就业人员.csv",
    "china/nbs_fsnd_2021/prov/固定资产投资价格指数(上年=100).csv",
    "china/nbs_fsnd_2021/prov/地区生产总值.csv",
    "china/nbs_fsnd_2021/prov/地区生产总值指数.csv",
    "china/nbs_fsnd_2021/prov/按行业分城镇单位就业人员.csv",
    "china/nbs_workdata/work_data.csv",
    "wdi/API_BX.KLT.DINV.WD.GD.ZS_DS2_en_csv_v2_13.csv",
    "wdi/API_GB.XPD.RSDV.GD.ZS_DS2_en_csv_v2_232.csv",
    "wdi/API_IP.PAT.RESD_DS2_en_csv_v2_226.csv",
    "wdi/API_NE.GDI.TOTL.ZS_DS2_en_csv_v2_698.csv",
    "wdi/API_NY.GDP.PCAP.CD_DS2_en_csv_v2_33610.csv",
    "wdi/API_NY.GDP.PCAP.PP.KD_DS2_en_csv_v2_4572.csv",
    "wdi/API_SP.POP.TOTL_DS2_en_csv_v2_45183.csv",
    "wdi/science-and-technology-raw-2021.csv",
    "wdi/urban-development-raw-2021.csv",
    "wgi/wgidataset.dta",
    *(
        f"wdi_open_numbers/ddf--datapoints--{c}--by--geo--time.csv"
        for c in (
            "bm_gsr_cmcp_zs",
            "bm_gsr_insf_zs",
            "bm_gsr_nfsv_cd",
            "bm_gsr_royl_cd",
            "it_cel_sets_p2",
            "it_net_user_zs",
            "ne_gdi_ftot_zs",
            "nv_ind_manf_cd",
            "nv_srv_totl_zs",
            "ny_gdp_pcap_kd",
        )
    ),
    # input-output sources: the 43 WIOD NIOT countries and the China .rda files
    *(
        f"io/wiod2016_niot_csv/{c}_NIOT_nov16.csv"
        for c in [
            "AUS",
            "AUT",
            "BEL",
            "BGR",
            "BRA",
            "CAN",
            "CHE",
            "CHN",
            "CYP",
            "CZE",
            "DEU",
            "DNK",
            "ESP",
            "EST",
            "FIN",
            "FRA",
            "GBR",
            "GRC",
            "HRV",
            "HUN",
            "IDN",
            "IND",
            "IRL",
            "ITA",
            "JPN",
            "KOR",
            "LTU",
            "LUX",
            "LVA",
            "MEX",
            "MLT",
            "NLD",
            "NOR",
            "POL",
            "PRT",
            "ROU",
            "RUS",
            "SVK",
            "SVN",
            "SWE",
            "TUR",
            "TWN",
            "USA",
        ]
    ),
    "io/oecd_iot2021_chn/OECD21ed_CHN_1995to2018.rda",
    "io/china_nbs_iot/china_2015_42.rda",
    "io/china_nbs_iot/china_2017_42.rda",
    "sea/china_employment_nbs/china_employment.rda",
}
WDI_HEAD = ["Country Name", "Country Code", "Indicator Name", "Indicator Code"]
UNCTAD_COLUMNS = [
    "STRUCTURE", "STRUCTURE_ID", "ACTION", "FREQ", "FREQ_LABEL", "REF_AREA", "REF_AREA_LABEL",
    "INDICATOR", "INDICATOR_LABEL", "SEX", "SEX_LABEL", "AGE", "AGE_LABEL", "URBANISATION",
    "URBANISATION_LABEL", "UNIT_MEASURE", "UNIT_MEASURE_LABEL", "COMP_BREAKDOWN_1",
    "COMP_BREAKDOWN_1_LABEL", "COMP_BREAKDOWN_2", "COMP_BREAKDOWN_2_LABEL", "COMP_BREAKDOWN_3",
    "COMP_BREAKDOWN_3_LABEL", "TIME_PERIOD", "OBS_VALUE", "AGG_METHOD", "AGG_METHOD_LABEL",
    "DATABASE_ID", "DATABASE_ID_LABEL", "UNIT_MULT", "UNIT_MULT_LABEL", "UNIT_TYPE",
    "UNIT_TYPE_LABEL", "TIME_FORMAT", "TIME_FORMAT_LABEL", "OBS_STATUS", "OBS_STATUS_LABEL",
    "OBS_CONF", "OBS_CONF_LABEL",
]  # fmt: skip
HERITAGE_COLUMNS = [
    "CountryID", "Country Name", "WEBNAME", "Region", "World Rank", "Region Rank", "2019 Score",
    "Property Rights", "Judical Effectiveness", "Government Integrity", "Tax Burden",
    "Gov't Spending", "Fiscal Health", "Business Freedom", "Labor Freedom", "Monetary Freedom",
    "Trade Freedom", "Investment Freedom ", "Financial Freedom", "Tariff Rate (%)",
    "Income Tax Rate (%)", "Corporate Tax Rate (%)", "Tax Burden % of GDP",
    "Gov't Expenditure % of GDP ", "Country", "Population (Millions)", "GDP (Billions, PPP)",
    "GDP Growth Rate (%)", "5 Year GDP Growth Rate (%)", "GDP per Capita (PPP)",
    "Unemployment (%)", "Inflation (%)", "FDI Inflow (Millions)", "Public Debt (% of GDP)",
]  # fmt: skip
M49_COLUMNS = [
    "Global Code", "Global Name", "Region Code", "Region Name", "Sub-region Code",
    "Sub-region Name", "Intermediate Region Code", "Intermediate Region Name", "Country or Area",
    "M49 Code", "ISO-alpha3 Code", "Least Developed Countries (LDC)",
    "Land Locked Developing Countries (LLDC)", "Small Island Developing States (SIDS)",
    "Developed / Developing Countries",
]  # fmt: skip
WGI_VARS = ["code", "countryname", "year"] + [
    d + f for d in ("va", "pv", "ge", "rq", "rl", "cc") for f in "esnrlu"
]


@pytest.fixture(scope="module")
def demo_truth(tmp_path_factory: pytest.TempPathFactory) -> DemoTruth:
    return generate(tmp_path_factory.mktemp("demo") / "raw")


@pytest.fixture(scope="module")
def demo_dir(demo_truth: DemoTruth) -> Path:
    return demo_truth.out_dir


def _digests(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_same_seed_gives_byte_identical_files(demo_dir: Path, tmp_path: Path) -> None:
    generate(tmp_path / "again")
    assert _digests(tmp_path / "again") == _digests(demo_dir)


def test_other_seed_changes_the_numbers(demo_dir: Path, tmp_path: Path) -> None:
    generate(tmp_path / "other", seed=7)
    other, base = _digests(tmp_path / "other"), _digests(demo_dir)
    assert other["unctad/UNCTAD_DE.csv"] != base["unctad/UNCTAD_DE.csv"]


def test_file_set_matches_the_real_raw_dir(demo_dir: Path, demo_truth) -> None:
    assert set(_digests(demo_dir)) == EXPECTED_FILES
    assert set(demo_truth.files) == EXPECTED_FILES


@pytest.mark.parametrize(
    ("name", "eol", "updated", "last_year"),
    [
        ("API_BX.KLT.DINV.WD.GD.ZS_DS2_en_csv_v2_13.csv", b"\r\n", "2026-04-08", "2025"),
        ("API_NY.GDP.PCAP.CD_DS2_en_csv_v2_33610.csv", b"\n", "2026-07-13", "2025"),
        ("API_SP.POP.TOTL_DS2_en_csv_v2_45183.csv", b"\r\n", "2024-05-30", "2023"),
        ("urban-development-raw-2021.csv", b"\r\n", "2021-09-15", "2020"),
    ],
)
def test_wdi_layout(demo_dir: Path, name: str, eol: bytes, updated: str, last_year: str) -> None:
    path = demo_dir / "wdi" / name
    raw = path.read_bytes()
    assert raw.startswith(b'\xef\xbb\xbf"Data Source","World Development Indicators",' + eol + eol)
    assert (b"\r\n" in raw) == (eol == b"\r\n")
    assert f'"Last Updated Date","{updated}",'.encode() in raw
    df = pd.read_csv(path, skiprows=4)
    assert list(df.columns[:5]) == [*WDI_HEAD, "1960"]
    assert df.columns[-2] == last_year and df.columns[-1].startswith("Unnamed")
    codes = set(df["Country Code"])
    assert {"WLD", "EAS", "HIC", "XKX", "CHI", "HKG", "MAC"} <= codes
    assert "TWN" not in codes
    assert df.loc[df["Country Code"] == "KOR", "Country Name"].iloc[0] == "Korea, Rep."


def test_topic_file_coverage(demo_dir: Path) -> None:
    sci = pd.read_csv(demo_dir / "wdi/science-and-technology-raw-2021.csv", skiprows=4)
    assert sci["Indicator Code"].nunique() == 13
    nres = sci[sci["Indicator Code"] == "IP.PAT.NRES"].set_index("Country Code")
    assert nres["2019"].notna().any() and nres["2020"].isna().all()
    urb = pd.read_csv(demo_dir / "wdi/urban-development-raw-2021.csv", skiprows=4)
    assert urb["Indicator Code"].nunique() == 19
    assert urb.loc[urb["Country Code"] == "TUR", "Country Name"].iloc[0] == "Turkey"


def test_ddf_layout_and_defects(demo_dir: Path) -> None:
    folder = demo_dir / "wdi_open_numbers"
    nfsv = pd.read_csv(folder / "ddf--datapoints--bm_gsr_nfsv_cd--by--geo--time.csv")
    assert list(nfsv.columns) == ["geo", "time", "bm_gsr_nfsv_cd"]
    assert "kos" in set(nfsv["geo"]) and "wld" not in set(nfsv["geo"])
    assert nfsv.equals(nfsv.sort_values(["geo", "time"]).reset_index(drop=True))
    cmcp = pd.read_csv(folder / "ddf--datapoints--bm_gsr_cmcp_zs--by--geo--time.csv")
    assert (cmcp["bm_gsr_cmcp_zs"] < 0).sum() == 1 and (cmcp["bm_gsr_cmcp_zs"] > 100).sum() == 1
    gfcf = pd.read_csv(folder / "ddf--datapoints--ne_gdi_ftot_zs--by--geo--time.csv")
    assert (gfcf.loc[gfcf["geo"] == "cod", "ne_gdi_ftot_zs"] == 0).sum() == 3


def test_snaama_workbook(demo_dir: Path) -> None:
    path = demo_dir / "unsd_snaama/Download-GDPcurrent-USD-countries.xlsx"
    sheets = pd.read_excel(path, sheet_name=None, header=None, engine="openpyxl")
    assert list(sheets) == ["Download-GDPcurrent-USD-countri", "Download-Footnotes-current"]
    first = sheets["Download-GDPcurrent-USD-countri"]
    assert first.iloc[0, 0] == "GDP/breakdown at current prices in US Dollars (all countries)"
    assert first.iloc[1].isna().all()
    df = pd.read_excel(path, skiprows=2, engine="calamine")
    assert list(df.columns[:4]) == ["CountryID", "Country", "IndicatorName", 1970]
    assert df.columns[-1] == 2024
    names = dict(zip(df["CountryID"], df["Country"], strict=False))
    assert names[410] == "Republic of Korea" and names[412] == "Kosovo"
    assert names[344] == "China, Hong Kong SAR" and 158 not in names
    chn = df[df["CountryID"] == 156].set_index("IndicatorName")[2019]
    assert chn["Manufacturing (ISIC D)"] < chn["Gross Domestic Product (GDP)"]
    assert df.groupby("CountryID").size().max() == 17


def test_unctad_csv(demo_dir: Path) -> None:
    df = pd.read_csv(demo_dir / "unctad/UNCTAD_DE.csv", dtype=str, keep_default_na=False)
    assert list(df.columns) == UNCTAD_COLUMNS
    dds = df[df["INDICATOR"] == "UNCTAD_DE_DIG_SERVTRADE_ANN_IMP"]
    assert sorted(set(dds["TIME_PERIOD"])) == [str(y) for y in range(2010, 2023)]
    assert list(dds["REF_AREA"].iloc[[0, 13]]) == ["WLD", "SSF"]
    assert {"TWN", "XKX"} <= set(dds["REF_AREA"])
    assert set(dds["UNIT_MULT"]) == {"6"}
    missing = dds[dds["OBS_VALUE"] == ""]
    assert len(missing) > 0 and set(missing["OBS_STATUS"]) == {"O"}


def test_wgi_stata(demo_dir: Path) -> None:
    df = pd.read_stata(demo_dir / "wgi/wgidataset.dta")
    assert list(df.columns) == WGI_VARS
    assert str(df["year"].dtype) == "int16"
    assert all(str(df[v].dtype) == "float32" for v in WGI_VARS[3:])
    assert sorted(set(df["year"])) == [1996, 1998, 2000, *range(2002, 2022)]
    assert {"ROM", "ZAR", "KSV", "TWN"} <= set(df["code"])
    assert not {"ROU", "COD", "XKX"} & set(df["code"])


def test_heritage_csv(demo_dir: Path) -> None:
    path = demo_dir / "heritage/economic_freedom_index2019_data.csv"
    assert path.read_bytes().count(b"\r\n") == path.read_bytes().count(b"\n")
    df = pd.read_csv(path)
    assert list(df.columns) == HERITAGE_COLUMNS
    names = set(df["Country Name"])
    assert {"Korea, South", "Taiwan ", "Macau", "Hong Kong", "Kosovo"} <= names
    assert df["GDP (Billions, PPP)"].str.match(r"^\$[\d,]+\.\d $").all()
    assert df["GDP per Capita (PPP)"].str.match(r"^\$[\d,]+$").all()


def test_classification_files(demo_dir: Path) -> None:
    m49 = pd.read_csv(demo_dir / "classification/UNSD_M49_Methodology.csv", dtype=str)
    assert list(m49.columns) == M49_COLUMNS
    assert "XKX" not in set(m49["ISO-alpha3 Code"]) and "TWN" not in set(m49["ISO-alpha3 Code"])
    assert m49.set_index("ISO-alpha3 Code").loc["HKG", "M49 Code"] == "344"
    for name in ("Metadata_Country_API_16_DS2_en_csv_v2_3064261.csv",
                 "Metadata_Country_API_IP.PAT.RESD_DS2_en_csv_v2_226.csv"):  # fmt: skip
        meta = pd.read_csv(demo_dir / "classification" / name)
        assert list(meta.columns[:5]) == ["Country Code", "Region", "IncomeGroup",
                                          "SpecialNotes", "TableName"]  # fmt: skip
        assert {"XKX", "CHI", "WLD"} <= set(meta["Country Code"])
        regions = meta.set_index("Country Code")["Region"]
        assert pd.isna(regions["WLD"]) and regions["CHN"] == "East Asia & Pacific"
