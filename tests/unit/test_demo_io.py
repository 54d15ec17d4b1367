"""The demo IO files: publisher layouts, readers, identities, determinism, the planted relation."""

from __future__ import annotations

import csv
import importlib
import io
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.io.groups import MANUFACTURING, PRODUCER_SERVICES
from warehouse.demo import DEFAULT_SEED, DemoTruth, generate, io_rda, niot
from warehouse.sources import SOURCES, nbs_iot, oecd_iot, sea_employment
from warehouse.sources.wiod import (
    FINAL_USES,
    INDUSTRIES,
    KNOWN_ZERO_OUTPUT,
    NIOT_VALUE_COLUMNS,
    TOT_ROWS,
    check_identities,
    read_niot_checked,
)

#: read with the reader here (every file is read by test_demo_sources): China's structural
#: zeros, Mexico (U active), Netherlands (T zero), the smallest and the largest economy
SAMPLE = ("CHN", "MEX", "NLD", "MLT", "USA")
RDA_FILES = (
    io_rda.OECD_FILE,
    io_rda.NBS_COMPETITIVE_FILE,
    io_rda.NBS_ORIGIN_FILE,
    io_rda.EMPLOYMENT_FILE,
)
N = len(INDUSTRIES)
_MFG = [INDUSTRIES.index(c) for c in MANUFACTURING]
_GROUPED = re.compile(r"-?\d{1,3}(?: \d{3})*")


#: generate()'s country-level writers (their files are tested in test_demo_files)
_COUNTRY_WRITERS = {
    "write_api_files": True, "write_topic_files": True, "write_ddf_files": True,
    "write_metadata": True, "write_snaama": False, "write_unctad": False, "write_wgi": False,
    "write_heritage": False, "write_m49": False,
}  # fmt: skip


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoTruth:
    """generate() as is, with the country-level writers stubbed out to keep this file fast."""
    module = importlib.import_module("warehouse.demo.generate")
    with pytest.MonkeyPatch.context() as mp:
        for name, many in _COUNTRY_WRITERS.items():
            assert hasattr(module, name), name
            stub = (lambda *_: []) if many else (lambda out_dir, *_: Path(out_dir) / "stub")
            mp.setattr(module, name, stub)
        return generate(tmp_path_factory.mktemp("demo_io") / "raw")


@pytest.fixture(scope="module")
def sim() -> niot.NiotSimulation:
    """The simulation generate() writes (same seed and stream)."""
    return niot.simulate_niot(np.random.default_rng([DEFAULT_SEED, 2]))


@pytest.fixture(scope="module")
def reads(demo: DemoTruth) -> dict[str, tuple]:
    return {c: read_niot_checked(niot.niot_path(demo.out_dir, c)) for c in SAMPLE}


def _niot(demo: DemoTruth, iso3: str) -> Path:
    return niot.niot_path(demo.out_dir, iso3)


# --------------------------------------------------------------------------- files, determinism
def test_generate_writes_and_registers_the_io_files(demo: DemoTruth) -> None:
    assert len(niot.WIOD_COUNTRIES) == 43
    expected = {f"io/wiod2016_niot_csv/{c}_NIOT_nov16.csv" for c in niot.WIOD_COUNTRIES}
    expected |= set(RDA_FILES)
    assert {f for f in demo.files if f.startswith(("io/", "sea/"))} == expected
    found = {name: len(SOURCES[name].find_files(demo.out_dir)) for name in
             ("wiod_niot", "wiod_wiot", "oecd_iot", "nbs_iot", "china_employment")}  # fmt: skip
    assert found == {"wiod_niot": 43, "wiod_wiot": 0, "oecd_iot": 1, "nbs_iot": 2,
                     "china_employment": 1}  # fmt: skip
    assert demo.io is not None and demo.io.beta == niot.IO_BETA
    assert demo.io.countries == niot.WIOD_COUNTRIES and demo.io.years == tuple(range(2000, 2015))


def test_same_seed_gives_identical_io_bytes(
    demo: DemoTruth, sim: niot.NiotSimulation, tmp_path: Path
) -> None:
    pd.testing.assert_frame_equal(sim.truth, demo.io.panel)
    again = niot.write_niot_files(tmp_path, sim, countries=SAMPLE)
    again += io_rda.write_io_rda_files(tmp_path, np.random.default_rng([DEFAULT_SEED, 3]))
    for path in again:
        rel = path.relative_to(tmp_path)
        assert path.read_bytes() == (demo.out_dir / rel).read_bytes(), rel


def test_other_seed_changes_the_numbers() -> None:
    one, other = (niot.simulate_niot(seed, countries=("CHN", "DEU")) for seed in (1, 7))
    assert not np.array_equal(one.tables["DEU"], other.tables["DEU"])
    assert one.zero_output == other.zero_output


# --------------------------------------------------------------------------- NIOT layout
def test_niot_byte_layout(demo: DemoTruth) -> None:
    raw = _niot(demo, "CHN").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfYear;Code;Description;Origin;A01;A02;A03;B;C10-C12;")
    assert b"\r" not in raw and raw.endswith(b"0\n")
    text = raw.decode("utf-8")[1:]
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert len(rows) == 2 + 15 * 120
    assert rows[0] == ["Year", "Code", "Description", "Origin", *NIOT_VALUE_COLUMNS]
    assert rows[1][:4] == ["", "", "", ""]
    assert rows[1][4] == "Crop and animal production, hunting and related service activities"
    assert rows[1][-1] == "Total output"
    line2 = text.split("\n")[1]
    assert ';"Manufacture of furniture; other manufacturing";' in line2  # quoted (holds a ';')
    assert ";Manufacture of coke and refined petroleum products ;" in line2  # trailing blank
    for k, year in enumerate(range(2000, 2015)):
        block = rows[2 + 120 * k : 2 + 120 * (k + 1)]
        assert {r[0] for r in block} == {str(year)}
        assert [r[3] for r in block] == ["Domestic"] * N + ["Imports"] * N + ["TOT"] * 8
        assert [r[1] for r in block] == [*INDUSTRIES, *INDUSTRIES, *TOT_ROWS]
    assert rows[2][:4] == ["2000", "A01", rows[1][4], "Domestic"]
    assert rows[-1][:4] == ["2014", "GO", "Output at basic prices", "TOT"]
    cells = [c for r in rows[2:] for c in r[4:]]
    assert all(_GROUPED.fullmatch(c) for c in cells)
    assert sum(" " in c for c in cells) > 10_000  # e.g. "1 396 917"


def test_negatives_only_where_the_real_files_have_them(sim: niot.NiotSimulation) -> None:
    inven, cons_h = N + FINAL_USES.index("INVEN"), N + FINAL_USES.index("CONS_h")
    txsp, purnr = 2 * N + TOT_ROWS.index("TXSP"), 2 * N + TOT_ROWS.index("PURNR")
    ii_fob = 2 * N + TOT_ROWS.index("II_fob")
    allowed = {(r, inven) for r in range(N)} | {(ii_fob, inven), (purnr, cons_h)}
    seen = set()
    for table in sim.tables.values():
        _, r, c = np.nonzero(table < 0)
        seen |= {(int(i), int(j)) for i, j in zip(r, c, strict=True) if i != txsp}
    assert seen <= allowed
    assert (N + FINAL_USES.index("INVEN")) in {j for _, j in seen}
    assert any((t[:, txsp, :N] < 0).any() for t in sim.tables.values())
    assert any((t[:, purnr, cons_h] < 0).any() for t in sim.tables.values())


def test_identities_hold_exactly_in_every_table(sim: niot.NiotSimulation) -> None:
    go = N + len(FINAL_USES)
    tot = {r: 2 * N + k for k, r in enumerate(TOT_ROWS)}
    for iso3, t in sim.tables.items():
        dom, imp, va = t[:, :N], t[:, N : 2 * N], t[:, 2 * N :]
        assert (dom[:, :, :go].sum(axis=2) == dom[:, :, go]).all(), iso3
        ii = dom[:, :, :N].sum(axis=1) + imp[:, :, :N].sum(axis=1)
        assert (ii == t[:, tot["II_fob"], :N]).all(), iso3
        assert (va[:, :-1, :N].sum(axis=1) == t[:, tot["GO"], :N]).all(), iso3
        assert (t[:, tot["GO"], :N] == dom[:, :, go]).all(), iso3
        assert (dom[:, :, :N] >= 0).all() and (imp[:, :, :N] >= 0).all(), iso3
        assert (imp[:, :, go] == 0).all() and (imp[:, :, N + FINAL_USES.index("EXP")] == 0).all()
        assert (va[:, :, go] == 0).all() and (va[:, TOT_ROWS.index("EXP_adj")] == 0).all()
        assert (t[:, tot["VA"], :N] >= 0).all(), iso3


# --------------------------------------------------------------------------- readers on NIOT
def test_reader_reads_the_sample_cleanly(demo: DemoTruth, reads: dict[str, tuple]) -> None:
    for iso3, ((frame, rejected, n_rows, _), findings) in reads.items():
        assert len(rejected) == 0, iso3
        assert n_rows == 15 * 120 and len(frame) == 15 * 120 * len(NIOT_VALUE_COLUMNS)
        assert not [f for f in findings if f.severity == "error"], iso3
    chn = reads["CHN"][0][0]
    assert not [p for p in check_identities(chn) if p.severity == "error"]


def test_zero_output_industries(sim: niot.NiotSimulation, reads: dict[str, tuple]) -> None:
    zero = sim.zero_output
    assert set(zero["CHN"]) == set(KNOWN_ZERO_OUTPUT["CHN"])
    assert zero["MEX"] == ()
    assert set(zero["NLD"]) == {"T", "U"} and zero["DEU"] == ("U",)
    known = {(f.column_code, f.year) for f in reads["CHN"][1] if f.check == "zero_output"}
    assert known == {(c, y) for c in KNOWN_ZERO_OUTPUT["CHN"] for y in range(2000, 2015)}
    assert {f.severity for f in reads["CHN"][1]} == {"known"}
    chn = sim.tables["CHN"]
    for code in KNOWN_ZERO_OUTPUT["CHN"]:
        k = INDUSTRIES.index(code)
        assert (chn[:, k] == 0).all() and (chn[:, : 2 * N, k] == 0).all()  # row and inputs
        assert (chn[:, 2 * N :, k] == 0).all()  # its value-added block
        imports = chn[:, N + k, : N + len(FINAL_USES)].sum(axis=1)
        assert (imports > 0).all() if code != "U" else (imports == 0).all()


# --------------------------------------------------------------------------- planted relation
def _ips_and_output(path: Path) -> pd.DataFrame:
    """Imported PS intensity of manufacturing (%) and manufacturing GO, from the file's text.

    The 63 value cells close every line (descriptions may hold quoted ';'), so split from the
    right; values drop their space thousands separators.
    """
    ps, go = {}, {}
    for line in path.read_text(encoding="utf-8-sig").split("\n"):
        if ";Imports;" not in line and ";TOT;" not in line:
            continue
        head, *cells = line.rsplit(";", len(NIOT_VALUE_COLUMNS))
        year, code, *_, origin = head.split(";")
        if origin == "Imports" and code in PRODUCER_SERVICES:
            ps[year] = ps.get(year, 0) + sum(int(cells[j].replace(" ", "")) for j in _MFG)
        elif origin == "TOT" and code == "GO":
            go[year] = sum(int(cells[j].replace(" ", "")) for j in _MFG)
    years = sorted(go)
    frame = pd.DataFrame(
        {
            "year": [int(y) for y in years],
            "ps": [float(ps[y]) for y in years],
            "mfg_output": [float(go[y]) for y in years],
        }
    )
    return frame.assign(ips=100 * frame["ps"] / frame["mfg_output"])


@pytest.fixture(scope="module")
def published(demo: DemoTruth) -> pd.DataFrame:
    parts = [_ips_and_output(_niot(demo, c)).assign(iso3=c) for c in niot.WIOD_COUNTRIES]
    return pd.concat(parts, ignore_index=True).sort_values(["iso3", "year"], ignore_index=True)


def test_published_values_match_the_reader_and_the_truth(
    demo: DemoTruth, reads: dict[str, tuple], published: pd.DataFrame
) -> None:
    for iso3, ((frame, *_), _) in reads.items():
        f = frame[frame["column_code"].isin(MANUFACTURING)]
        ps = f[(f["origin"] == "imports") & f["row_code"].isin(PRODUCER_SERVICES)]
        go = f[(f["origin"] == "tot") & (f["row_code"] == "GO")]
        mine = published[published["iso3"] == iso3].set_index("year")
        np.testing.assert_array_equal(go.groupby("year")["value"].sum(), mine["mfg_output"])
        np.testing.assert_array_equal(ps.groupby("year")["value"].sum(), mine["ps"])
    truth = demo.io.panel.sort_values(["iso3", "year"], ignore_index=True)
    np.testing.assert_allclose(published["ips"], truth["ips"], rtol=1e-12)
    np.testing.assert_array_equal(published["mfg_output"], truth["mfg_output"])
    assert published["ips"].between(0.2, 12.5).all()


def test_two_way_fe_recovers_io_beta(demo: DemoTruth, published: pd.DataFrame) -> None:
    p = published.assign(
        growth=np.log(published["mfg_output"]).groupby(published["iso3"]).diff(),
        ips_lag=published.groupby("iso3")["ips"].shift(1),
    ).dropna()
    assert len(p) == 43 * 14
    x = np.column_stack(
        [
            p["ips_lag"],
            pd.get_dummies(p["iso3"], dtype=float),
            pd.get_dummies(p["year"], drop_first=True, dtype=float),
        ]
    )
    y = p["growth"].to_numpy()
    b, *_ = np.linalg.lstsq(x, y, rcond=None)
    resid = y - x @ b
    s2 = resid @ resid / (len(y) - x.shape[1])
    se = np.sqrt(s2 * np.linalg.inv(x.T @ x)[0, 0])
    assert abs(b[0] - demo.io.beta) < 3 * se and abs(b[0] - demo.io.beta) < 0.006
    assert 0.5 * demo.io.sigma < np.sqrt(s2) < 1.5 * demo.io.sigma


def test_country_trends_of_imported_ps_intensity(demo: DemoTruth, published: pd.DataFrame) -> None:
    slopes = published.groupby("iso3").apply(
        lambda g: np.polyfit(g["year"], np.log(g["ips"]), 1)[0], include_groups=False
    )
    trend = demo.io.panel.groupby("iso3")["ips_trend"].first().loc[slopes.index]
    assert np.corrcoef(slopes, trend)[0, 1] > 0.9
    assert (slopes - trend).abs().median() < 0.01


# --------------------------------------------------------------------------- rda files
def test_oecd_list_reads_cleanly_and_balances(demo: DemoTruth) -> None:
    path = demo.out_dir / io_rda.OECD_FILE
    tables = oecd_iot.load_rda_list(path)
    assert sorted(tables) == [f"OECD21ed_CHN_{y}" for y in range(1995, 2019)]
    for year in (1995, 2010, 2018):  # every table: test_demo_sources reads the whole file
        name = f"OECD21ed_CHN_{year}"
        frame, rejected = oecd_iot.read_table(path, name, tables[name])
        assert len(rejected) == 0 and len(frame) == 50 * 54, name
    df = tables["OECD21ed_CHN_2010"].set_index("Code")
    assert list(df.columns[:2]) == ["Description", "01"] and df.shape == (50, 55)
    ind = list(oecd_iot.INDUSTRIES)
    out = df.loc["OUTPUT", ind].to_numpy()
    rows = df.loc[ind, [*ind, *oecd_iot.FINAL_USES]].sum(axis=1).to_numpy()
    np.testing.assert_allclose(rows, out, atol=1e-6 * out.max())
    cols = df.loc[[*ind, "TXS_IMP_FNL", "TXS_INT_FNL"], ind].sum().to_numpy()
    np.testing.assert_allclose(cols, df.loc["TTL_INT_FNL", ind], atol=1e-6 * out.max())
    np.testing.assert_allclose(cols + df.loc["VALU", ind], out, atol=1e-6 * out.max())
    assert (df.loc[ind, "IMPO"] <= 0).all() and (df.loc["VALU", ind] >= 0).all()


def test_nbs_tables_read_cleanly_and_balance(demo: DemoTruth) -> None:
    comp = demo.out_dir / io_rda.NBS_COMPETITIVE_FILE
    split = demo.out_dir / io_rda.NBS_ORIGIN_FILE
    for path, cells in ((comp, 2666), (split, 4423)):
        frame, rejected, _, _ = nbs_iot.read_file(path)
        assert len(rejected) == 0 and len(frame) == cells, path.name
    sectors = [f"{i:02d}" for i in range(1, 43)]
    df = nbs_iot.load_rda_frame(comp).set_index("Code")
    s = df.loc[sectors]
    go = s["GO"]
    tol = 1e-6 * go.max()
    np.testing.assert_allclose(s["TIU"] + s["TFU"] - s["IM"] + s["ERR"], go, atol=tol)
    np.testing.assert_allclose(s["TC"] + s["GCF"] + s["EX"], s["TFU"], atol=tol)
    np.testing.assert_allclose(df.loc["TI", sectors], go, atol=tol)
    assert df.loc["TVA", "TC":].isna().all()  # NA, as ionet has it
    df = nbs_iot.load_rda_frame(split)
    assert list(df["Origin"].unique()) == ["Domestic", "Imports", "TOT"]
    d = df[df["Origin"] == "Domestic"].set_index("Code")
    m = df[df["Origin"] == "Imports"].set_index("Code")
    t = df[df["Origin"] == "TOT"].set_index("Code")
    np.testing.assert_allclose(d["TIU"] + d["TFU"], d["GO"], atol=tol)
    np.testing.assert_allclose(m["TIU"] + m["TFU"], m["GO"], atol=tol)
    np.testing.assert_allclose(d[sectors].sum() + m[sectors].sum(), t.loc["TII", sectors], atol=tol)
    np.testing.assert_allclose(t.loc["TI", sectors], d["GO"].to_numpy(), atol=tol)


def test_employment_reads_cleanly_and_adds_up(demo: DemoTruth) -> None:
    path = demo.out_dir / io_rda.EMPLOYMENT_FILE
    frame, rejected, n_rows, _ = sea_employment.read_file(path)
    assert len(rejected) == 0 and n_rows == 115 and len(frame) == 115 * 29
    df = nbs_iot.load_rda_frame(path).set_index("Code")
    years = [str(y) for y in range(1990, 2019)]
    assert list(df.columns) == ["Description", "DescriptionInChinese", *years]
    sections = [c for c in df.index if len(c) == 1]
    np.testing.assert_allclose(df.loc[sections, years].sum(), df.loc["TOT", years], atol=1e-6)
    for sec in sections:
        divisions = [c for c in df.index if len(c) == 3 and c[0] == sec]
        if divisions and sec != "T":  # "TOT" starts with T
            np.testing.assert_allclose(
                df.loc[divisions, years].sum(), df.loc[sec, years], atol=1e-6
            )
    assert df.loc["A", "1990"] > df.loc["A", "2018"] and df.loc["TOT", "2018"] > 70_000
