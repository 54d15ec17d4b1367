"""Heritage Index of Economic Freedom reader."""

from __future__ import annotations

from pathlib import Path

import pytest

from warehouse.sources import get_source
from warehouse.sources.base import SourceFormatError
from warehouse.sources.heritage import normalise_number

FIXTURES = Path(__file__).parent / "fixtures" / "sources"
HERITAGE_FILE = FIXTURES / "economic_freedom_index2019_data.csv"


def read(path: Path = HERITAGE_FILE):
    return get_source("heritage").read([path])


def test_scores_components_and_money_parsing():
    result = read()
    frame = result.frame.set_index(["entity_code", "indicator_code"])
    assert frame.loc[("China", "2019 Score"), "value"] == 58.4
    assert frame.loc[("China", "2019 Score"), "unit"] == "score 0-100"
    assert frame.loc[("China", "2019 Score"), "year"] == 2019
    assert frame.loc[("China", "Judical Effectiveness"), "value"] == 75.2
    assert frame.loc[("China", "Investment Freedom"), "value"] == 25.0  # header stripped
    assert frame.loc[("China", "World Rank"), "unit"] == "rank"
    assert frame.loc[("China", "2019 Score"), "row_number"] == 3
    assert frame.loc[("Taiwan", "2019 Score"), "value"] == 77.3  # "Taiwan " stripped
    assert frame.loc[("Côte d'Ivoire", "2019 Score"), "value"] > 0
    macro = set(result.frame.indicator_code) & {"GDP (Billions, PPP)", "Population (Millions)"}
    assert macro == set()  # restated third-party macro fields are not read
    assert result.encodings == {HERITAGE_FILE.name: "utf-8"}
    assert result.vintages == {HERITAGE_FILE.name: "2019"}


def test_na_is_not_published_and_annotated_macro_cells_are_not_read():
    result = read()
    frame = result.frame
    assert not ((frame.entity_code == "Iraq") & (frame.indicator_code == "2019 Score")).any()
    liechtenstein = frame[frame.entity_code == "Liechtenstein"]
    assert set(liechtenstein.indicator_code) == {"Investment Freedom", "Financial Freedom"}
    assert result.rejected.empty  # "38,000 ppl." sits in a macro column, which is not read


def test_text_in_a_score_column_is_rejected(tmp_path):
    path = tmp_path / HERITAGE_FILE.name
    text = HERITAGE_FILE.read_text(encoding="utf-8")
    path.write_text(text.replace(",58.4,", ",58.4x,", 1), encoding="utf-8")
    result = read(path)
    assert result.rejected[["row_number", "column", "raw_value"]].values.tolist() == [
        [3, "2019 Score", "58.4x"]
    ]


def test_cp1252_file_is_decoded_and_recorded(tmp_path):
    path = tmp_path / HERITAGE_FILE.name
    path.write_bytes(HERITAGE_FILE.read_text(encoding="utf-8").encode("cp1252"))
    result = read(path)
    assert result.encodings[path.name] == "cp1252"
    assert "Côte d'Ivoire" in set(result.frame.entity_code)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$69.6 ", "69.6"),
        ("$1,958", "1958"),
        ("1,203.5", "1203.5"),
        ("-5032.4", "-5032.4"),
        ("$40.0 (2015 est.)", "$40.0 (2015 est.)"),
        ("1,2,3", "1,2,3"),
    ],
)
def test_normalise_number(text, expected):
    assert normalise_number(text) == expected


def test_missing_score_column(tmp_path):
    path = tmp_path / HERITAGE_FILE.name
    path.write_text(HERITAGE_FILE.read_text(encoding="utf-8").replace("2019 Score", "Score"))
    with pytest.raises(SourceFormatError, match="'<edition year> Score'"):
        read(path)


def test_missing_component_column(tmp_path):
    path = tmp_path / HERITAGE_FILE.name
    path.write_text(HERITAGE_FILE.read_text(encoding="utf-8").replace("Fiscal Health", "Fiscal"))
    with pytest.raises(SourceFormatError, match=r"'Fiscal Health'.*found.*'Fiscal'"):
        read(path)
