"""Publication tables: stars, parentheses, labels, and well-formed Markdown/CSV/LaTeX/HTML."""

from __future__ import annotations

import csv
import io

import numpy as np
import pandas as pd
import pytest

from analysis.panel import fit_panel_fe
from analysis.tables import (
    descriptive_stats,
    descriptive_table,
    regression_table,
    stars,
    to_csv,
    to_html,
    to_latex,
    to_markdown,
)


@pytest.fixture(scope="module")
def results():
    rng = np.random.default_rng(7)
    rows = [
        {"id": i, "t": t, "x": rng.normal(), "z": rng.normal()}
        for i in range(12) for t in range(6)
    ]  # fmt: skip
    df = pd.DataFrame(rows)
    df["y"] = 0.8 * df["x"] + 0.01 * df["z"] + df["id"] * 0.3 + rng.normal(0, 0.5, len(df))
    return [
        fit_panel_fe(df, "y", ["x"], "id", "t"),
        fit_panel_fe(df, "y", ["x", "z"], "id", "t"),
    ]


@pytest.mark.parametrize(
    ("p", "mark"), [(0.009, "***"), (0.01, "**"), (0.049, "**"), (0.05, "*"), (0.099, "*"),
                    (0.10, ""), (0.5, ""), (float("nan"), "")],
)  # fmt: skip
def test_star_thresholds(p: float, mark: str) -> None:
    assert stars(p) == mark


def test_regression_table_cells(results) -> None:
    table = regression_table(results, title="T", fe_labels={"id": "Country FE", "t": "Year FE"},
                             entity_label="Countries")  # fmt: skip
    frame = table.to_frame()
    first = frame.iloc[0]
    assert first[""] == "x" and first["(1)"].endswith("***")
    assert frame.iloc[1]["(1)"].startswith("(") and frame.iloc[1]["(1)"].endswith(")")
    assert frame.iloc[2]["(1)"] == ""  # z absent from column (1)
    labels = list(frame[""])
    for label in ("Country FE", "Year FE", "N", "Countries", "Within R²", "LSDV adj. R²"):
        assert label in labels
    assert "R²" not in labels  # never an unlabelled R²
    assert "Cluster-robust (CR1" in table.note and "* p<0.10" in table.note


def test_renderers(results) -> None:
    table = regression_table(results, title="Results & more_stuff", note_extra="Sample: 100 %.")
    latex = to_latex(table, label="tab:x")
    assert r"\begin{tabular}" in latex and r"\toprule" in latex and r"\bottomrule" in latex
    assert latex.count("{") == latex.count("}")
    assert latex.count(r"\begin{") == latex.count(r"\end{")
    assert r"\&" in latex and r"\_" in latex and r"100 \%" in latex and "$^{***}$" in latex
    md = to_markdown(table)
    assert md.count("\n| ") >= len(table.rows) and "\\*\\*\\*" in md
    html = to_html(table)
    assert html.count("<tr") == len(table.rows) + 2 and "<tfoot>" in html and "&amp;" in html
    parsed = list(csv.reader(io.StringIO(to_csv(table))))
    assert parsed[0] == table.header and parsed[-1][0].startswith("Note:")


def test_descriptive_stats_and_table() -> None:
    df = pd.DataFrame({"a": [1.0, 2.0, 3.0, np.nan], "b": [10.0, 10.0, 13.0, 11.0]})
    stats_frame = descriptive_stats(df, ["a", "b"])
    a = stats_frame.set_index("variable").loc["a"]
    assert a["n"] == 3 and a["mean"] == 2.0 and a["sd"] == pytest.approx(1.0)
    assert (a["min"], a["max"]) == (1.0, 3.0)
    table = descriptive_table(stats_frame, title="Desc", labels={"a": "Alpha"})
    assert table.header == ["Variable", "Obs.", "Mean", "S.D.", "Min.", "Max."]
    assert table.rows[0] == ["Alpha", "3", "2.000", "1.000", "1.000", "3.000"]
