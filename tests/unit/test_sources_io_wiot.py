"""WIOD WIOT reader on generated files in the assumed WIOT{year}_Nov16_ROW layout."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest

from warehouse.sources.base import SourceFormatError
from warehouse.sources.wiod import INDUSTRIES, TOT_ROWS, WIOT_FINAL_USES, read_wiot

_REGIONS = (
    "AUS AUT BEL BGR BRA CAN CHE CHN CYP CZE DEU DNK ESP EST FIN FRA GBR GRC HRV HUN IDN IND "
    "IRL ITA JPN KOR LTU LUX LVA MEX MLT NLD NOR POL PRT ROU RUS SVK SVN SWE TUR TWN USA ROW"
)
WIOD_REGIONS = _REGIONS.split()


def write_wiot(
    path: Path, countries: list[str], industries: tuple[str, ...], seed: int = 0
) -> tuple[Path, np.ndarray]:
    """Write a WIOT CSV: title, units, descriptions, codes, countries, c-numbers, then
    country × industry rows (``r1`` …) and the value-added block (country ``TOT``).

    Returns the path and the value matrix (rows × use columns incl. the final TOT column).
    """
    n_ind, n_ctry = len(industries), len(countries)
    use_codes = [c for _ in countries for c in industries]
    use_codes += [f for _ in countries for f in WIOT_FINAL_USES] + ["TOT"]
    use_ctry = [k for k in countries for _ in industries]
    use_ctry += [k for k in countries for _ in WIOT_FINAL_USES] + ["TOT"]
    n_use = len(use_codes)
    rng = np.random.default_rng(seed)
    values = rng.integers(0, 1000, (n_ind * n_ctry + len(TOT_ROWS), n_use))
    values[:, -1] = values[:, :-1].sum(1)
    words = [str(i) for i in range(int(values.max()) + 1)] if values.max() < 10**6 else None
    text = [[words[v] for v in row] if words else [str(v) for v in row] for row in values.tolist()]
    lines = [
        "World Input-Output Table (generated)",
        "(millions of US$)",
        ",,,," + ",".join(f'"use {i}, described"' for i in range(n_use)),
        ",,,," + ",".join(use_codes),
        ",,,," + ",".join(use_ctry),
        ",,,," + ",".join(f"c{i + 1}" for i in range(n_use)),
    ]
    r = 0
    for k in countries:
        for code in industries:
            lines.append(f'{code},"industry {code}",{k},r{r + 1},' + ",".join(text[r]))
            r += 1
    for i, code in enumerate(TOT_ROWS):
        lines.append(f'{code},"{code} total",TOT,r{64 + i},' + ",".join(text[r]))
        r += 1
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, values


def test_small_wiot(tmp_path):
    path, values = write_wiot(
        tmp_path / "WIOT2014_Nov16_ROW.csv", ["CHN", "USA", "ROW"], INDUSTRIES[:4]
    )
    result = read_wiot([path])
    frame = result.frame
    n_use = 3 * 4 + 3 * 5 + 1
    assert result.rows_read == {path.name: 12 + 8} and result.rejected.empty
    assert len(frame) == (12 + 8) * n_use
    assert set(frame.year) == {2014}
    # CHN A02 supplies USA A03: row 2 (line 8), column 4 + 3 = 7th use column
    cell = frame[
        (frame.row_code == "CHN/A02") & (frame.country == "USA") & (frame.column_code == "A03")
    ]
    assert cell[["origin", "value", "row_number"]].values.tolist() == [["imports", values[1, 6], 8]]
    own = frame[
        (frame.row_code == "USA/B") & (frame.country == "USA") & (frame.column_code == "CONS_h")
    ]
    assert own.origin.tolist() == ["domestic"] and own.value.tolist() == [values[7, 17]]
    go = frame[(frame.row_code == "ROW/A01") & (frame.column_code == "GO")]
    assert go[["country", "origin"]].values.tolist() == [["ROW", "domestic"]]
    assert go.value.iloc[0] == values[8, :-1].sum()
    va = frame[(frame.row_code == "TOT/VA") & (frame.column_code == "B") & (frame.country == "CHN")]
    assert va.origin.tolist() == ["tot"] and va.value.tolist() == [values[12 + 5, 3]]


def test_wiot_bad_cell_and_duplicate(tmp_path):
    path, _ = write_wiot(tmp_path / "WIOT2010_Nov16_ROW.csv", ["CHN", "ROW"], INDUSTRIES[:2])
    lines = path.read_text().splitlines()
    fields = lines[7].split(",")
    fields[5] = "x"
    lines[7] = ",".join(fields)
    path.write_text("\n".join(lines) + "\n")
    rejected = read_wiot([path]).rejected
    assert rejected[["row_number", "column", "raw_value"]].values.tolist() == [[8, "CHN/A02", "x"]]
    lines[8] = lines[8].replace("A01,", "A02,", 1).replace('"industry A01"', '"industry A02"')
    path.write_text("\n".join(lines) + "\n")
    lines_txt = path.read_text().splitlines()
    assert lines_txt[8].startswith("A02,")
    with pytest.raises(SourceFormatError, match=r"year 2010: duplicated row 'ROW/A02'"):
        read_wiot([path])


def test_full_size_wiot_parses(tmp_path):
    path, values = write_wiot(tmp_path / "WIOT2014_Nov16_ROW.csv", WIOD_REGIONS, INDUSTRIES)
    assert values.shape == (2464 + 8, 2464 + 44 * 5 + 1)
    start = time.perf_counter()
    result = read_wiot([path])
    seconds = time.perf_counter() - start
    assert result.rows_read[path.name] == 2472 and result.rejected.empty
    assert len(result.frame) == values.size
    chn = result.frame[(result.frame.row_code == "CHN/C26") & (result.frame.column_code == "GO")]
    assert chn.value.tolist() == [values[7 * 56 + INDUSTRIES.index("C26"), -1]]
    print(f"full-size WIOT ({values.size:,} cells) read in {seconds:.1f} s")  # not asserted


def test_small_wiot_xlsx(tmp_path):
    import csv

    from openpyxl import Workbook

    path, values = write_wiot(tmp_path / "x.csv", ["CHN", "ROW"], INDUSTRIES[:2])
    wb = Workbook()
    ws = wb.active
    for row in csv.reader(path.read_text().splitlines()):
        ws.append([int(c) if c.isdigit() else (c or None) for c in row])
    xlsx = tmp_path / "WIOT2005_Nov16_ROW.xlsx"
    wb.save(xlsx)
    result = read_wiot([xlsx])
    assert result.rejected.empty and result.rows_read[xlsx.name] == 4 + 8
    frame = result.frame
    cell = frame[
        (frame.row_code == "ROW/A02") & (frame.country == "CHN") & (frame.column_code == "A01")
    ]
    assert cell[["year", "origin", "value", "row_number"]].values.tolist() == [
        [2005, "imports", values[3, 0], 10]
    ]
