"""`convergence dea` on a CSV outside the warehouse (issue 6 acceptance).

Reference: Coelli's DEAP 2.1 example eg1 (5 firms, inputs x1 x2, output y), input-oriented CRS
technical efficiency printed in eg1-out.txt: 0.500, 1.000, 0.833, 0.714, 1.000 (the same data
and source as tests/unit/test_dea_radial.py).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from analysis.dea.runner import read_table, write_table
from warehouse.cli import main

EG1 = pd.DataFrame(
    {
        "firm": [1, 2, 3, 4, 5],
        "y": [1.0, 2, 3, 1, 2],
        "x1": [2.0, 2, 6, 3, 6],
        "x2": [5.0, 4, 6, 2, 2],
    }
)


def run(*args: str) -> tuple[int, str]:
    res = CliRunner().invoke(main, ["dea", *args], catch_exceptions=False)
    return res.exit_code, res.output


def test_ccr_on_a_csv_reproduces_deap_eg1(tmp_path: Path) -> None:
    src = tmp_path / "eg1.csv"
    EG1.to_csv(src, index=False)
    out = tmp_path / "scores.csv"
    code, output = run(
        str(src),
        "--dmu",
        "firm",
        "--inputs",
        "x1,x2",
        "--outputs",
        "y",
        "--model",
        "ccr",
        "--out",
        str(out),
    )
    assert code == 0, output
    scores = pd.read_csv(out).set_index("firm")["score"]
    assert scores.round(3).tolist() == [0.5, 1.0, 0.833, 0.714, 1.0]


def test_global_ml_on_a_parquet_panel(tmp_path: Path) -> None:
    """Two periods; firm 1 doubles its output with the same inputs and emissions, so the global
    ML index of firm 1 exceeds 1 and GML = EC × BPC."""
    panel = pd.concat(
        [
            EG1.assign(year=2020, co2=[1.0, 1, 2, 1, 1]),
            EG1.assign(year=2021, co2=[1.0, 1, 2, 1, 1], y=[2.0, 2, 3, 1, 2]),
        ]
    )
    src = tmp_path / "panel.parquet"
    write_table(panel, src)
    out = tmp_path / "gml.parquet"
    code, output = run(
        str(src),
        "--dmu",
        "firm",
        "--period",
        "year",
        "--inputs",
        "x1,x2",
        "--outputs",
        "y",
        "--bad-outputs",
        "co2",
        "--model",
        "gml",
        "--out",
        str(out),
    )
    assert code == 0, output
    res = read_table(out).set_index("firm")
    assert res.loc[1, "gml"] > 1
    assert (res["gml"] - res["ec"] * res["bpc"]).abs().max() < 1e-12


def test_complete_rows_drops_dmus_missing_a_used_column() -> None:
    from analysis.dea.runner import DEASpec, complete_rows

    data = EG1.assign(x2=[5.0, None, 6, 2, 2], note=[None] * 5)  # 'note' is not used
    spec = DEASpec(model="ccr", inputs=("x1", "x2"), outputs=("y",), dmu="firm")
    kept, n = complete_rows(data, spec)
    assert n == 1 and kept["firm"].tolist() == [1, 3, 4, 5]


def test_bad_request_is_one_clear_line(tmp_path: Path) -> None:
    src = tmp_path / "eg1.csv"
    EG1.to_csv(src, index=False)
    code, output = run(
        str(src),
        "--dmu",
        "firm",
        "--inputs",
        "x1,labour",
        "--outputs",
        "y",
        "--out",
        str(tmp_path / "o.csv"),
    )
    assert code == 2 and "labour" in output
    code, output = run(
        str(src),
        "--dmu",
        "firm",
        "--inputs",
        "x1",
        "--outputs",
        "y",
        "--model",
        "gml",
        "--out",
        str(tmp_path / "o.csv"),
    )
    assert code == 2 and "bad-outputs" in output


@pytest.mark.parametrize("suffix", [".xlsx"])
def test_unknown_format_is_refused(tmp_path: Path, suffix: str) -> None:
    src = tmp_path / f"eg1{suffix}"
    src.write_bytes(b"not a table")
    res = CliRunner().invoke(
        main,
        [
            "dea",
            str(src),
            "--dmu",
            "firm",
            "--inputs",
            "x1",
            "--outputs",
            "y",
            "--out",
            str(tmp_path / "o.csv"),
        ],
    )
    assert res.exit_code != 0
