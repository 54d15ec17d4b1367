"""The paper's published Tables 3 and 4 (seed 002), typed from the seed, with how we read them.

Source: Ling & Wu, "The impact of digital service imports on manufacturing upgrading", §4 Table 3
("Regression results for mediating and moderating effects") and §5 Table 4 ("Results of
heterogeneity analysis"); file ``/work/shared/seeds/002_a0cd2b6ef81c490a.txt``.

How the garbled Table 3 of the seed is read (the text extraction split the table into two
blocks and repeated some cells):

- column (1) is the innovation a-path (``ln innov ~ ln imdig + controls``): 0.1443** (0.0730),
  _cons 3.6267, adj. R² 0.9896. The seed's column (6) repeats column (1) cell for cell, so it
  is treated as an extraction duplicate, not a sixth model;
- column (2) is the innovation outcome equation (``ln upmf ~ ln imdig + ln innov + controls``):
  ln innov 0.1110*** (0.0195). Its ln imdig cell prints the same 0.1110*** (0.0195) as the ln
  innov cell, a duplicate of the extraction, so the paper's c′ for innovation is **unknown**;
- column (3) is the Internet a-path (``ln inter ~ ln imdig``): 0.0768** (0.0321), adj. R²
  0.7472 (the only low R², as expected for a mediator equation);
- column (4) is the Internet outcome equation: ln imdig 0.1108*** (0.0368), ln inter 0.3745***
  (0.0421);
- column (5) is the moderation model: ln imdig 0.1648*** (0.0396), ln insti −0.0097 (0.0291),
  ln imdig × ln insti 0.1472*** (0.0548); its adj. R² is lost (the cells under it repeat the
  ln imdig estimate).

Consistency check of that reading: a·b = 0.1443 × 0.1110 = 0.0160 lies in the printed bootstrap
CI [0.0131, 0.0266] for innovation, and 0.0768 × 0.3745 = 0.0288 in [0.0010, 0.0614] for the
Internet channel. N is 819 in every column.

Table 4 is readable: (1) developed and (2) developing countries estimated separately (N 403 and
416), then (3)-(8) one regression per digital-service type replacing ln imdig: insurance and
pension, financial, intellectual property, ICT, other business, audiovisual.
"""

from __future__ import annotations

import pandas as pd

from analysis.panel import CONSTANT

CITATION = (
    "Ling, D. and Wu, Y., 'The impact of digital service imports on manufacturing upgrading', "
    "Table 3 (mediation and moderation) and Table 4 (heterogeneity); seed 002"
)
#: the paper's printed bootstrap CIs of a·b (Table 3 text)
BOOT_CI = {"innov": (0.0131, 0.0266), "inter": (0.0010, 0.0614)}

# (table, column, what the column estimates, our model key, dependent variable)
COLUMNS: tuple[tuple[str, str, str, str, str], ...] = (
    ("Table 3", "(1)", "innovation a-path", "innov:a_path", "ln innov"),
    ("Table 3", "(2)", "innovation outcome equation", "innov:direct", "ln upmf"),
    ("Table 3", "(3)", "Internet a-path", "inter:a_path", "ln inter"),
    ("Table 3", "(4)", "Internet outcome equation", "inter:direct", "ln upmf"),
    ("Table 3", "(5)", "moderation by institutional quality", "iq_interaction", "ln upmf"),
    ("Table 4", "(1)", "developed countries", "developed_only", "ln upmf"),
    ("Table 4", "(2)", "developing countries", "developing_only", "ln upmf"),
    ("Table 4", "(3)", "insurance and pension services (insur)", "category_insurance", "ln upmf"),
    ("Table 4", "(4)", "financial services (finan)", "category_financial", "ln upmf"),
    ("Table 4", "(5)", "intellectual property (intelpro)", "category_ip_charges", "ln upmf"),
    ("Table 4", "(6)", "ICT services (ICT)", "category_ict", "ln upmf"),
    ("Table 4", "(7)", "other business services (other)", "category_other_business", "ln upmf"),
    ("Table 4", "(8)", "audiovisual and related (audio)", "category_audiovisual", "ln upmf"),
)

# (table, column) -> {paper term label: (estimate, SE, stars) or None when the cell is lost}
_CELLS: dict[tuple[str, str], dict[str, tuple[float, float, str] | None]] = {
    ("Table 3", "(1)"): {"ln imdig": (0.1443, 0.0730, "**"), CONSTANT: (3.6267, 0.9115, "***")},
    ("Table 3", "(2)"): {
        "ln imdig": None,  # the seed prints the ln innov cell twice
        "ln innov": (0.1110, 0.0195, "***"),
        CONSTANT: (1.5919, 0.4887, "***"),
    },
    ("Table 3", "(3)"): {"ln imdig": (0.0768, 0.0321, "**"), CONSTANT: (-0.4142, 0.4113, "")},
    ("Table 3", "(4)"): {
        "ln imdig": (0.1108, 0.0368, "***"),
        "ln inter": (0.3745, 0.0421, "***"),
        CONSTANT: (1.9612, 0.4703, "***"),
    },
    ("Table 3", "(5)"): {
        "ln imdig": (0.1648, 0.0396, "***"),
        "ln insti": (-0.0097, 0.0291, ""),
        "ln imdig × ln insti": (0.1472, 0.0548, "***"),
        CONSTANT: (1.6759, 0.4952, "***"),
    },
    ("Table 4", "(1)"): {"ln imdig": (0.1430, 0.0495, "***"), CONSTANT: (4.3930, 0.6383, "***")},
    ("Table 4", "(2)"): {"ln imdig": (0.0091, 0.0483, ""), CONSTANT: (2.5410, 0.6554, "***")},
    ("Table 4", "(3)"): {"ln insur": (0.0500, 0.0135, "***"), CONSTANT: (2.4734, 0.4510, "***")},
    ("Table 4", "(4)"): {"ln finan": (0.0837, 0.0114, "***"), CONSTANT: (3.1865, 0.4376, "***")},
    ("Table 4", "(5)"): {
        "ln intelpro": (0.1021, 0.0134, "***"),
        CONSTANT: (2.6661, 0.4403, "***"),
    },
    ("Table 4", "(6)"): {"ln ICT": (0.0897, 0.0166, "***"), CONSTANT: (2.3994, 0.4324, "***")},
    ("Table 4", "(7)"): {"ln other": (0.1349, 0.0167, "***"), CONSTANT: (2.2451, 0.4389, "***")},
    ("Table 4", "(8)"): {"ln audio": (0.0141, 0.0083, "*"), CONSTANT: (2.3788, 0.4338, "***")},
}
# (table, column) -> (N, adj. R² or None when lost)
_FIT: dict[tuple[str, str], tuple[int, float | None]] = {
    ("Table 3", "(1)"): (819, 0.9896),
    ("Table 3", "(2)"): (819, 0.9954),
    ("Table 3", "(3)"): (819, 0.7472),
    ("Table 3", "(4)"): (819, 0.9956),
    ("Table 3", "(5)"): (819, None),
    ("Table 4", "(1)"): (403, 0.9984),
    ("Table 4", "(2)"): (416, 0.9942),
    ("Table 4", "(3)"): (817, 0.9952),
    ("Table 4", "(4)"): (817, 0.9957),
    ("Table 4", "(5)"): (818, 0.9954),
    ("Table 4", "(6)"): (818, 0.9956),
    ("Table 4", "(7)"): (819, 0.9955),
    ("Table 4", "(8)"): (817, 0.9956),
}


def paper_cells() -> pd.DataFrame:
    """One row per printed cell: table, column, description, model_key, term (paper label),
    estimate, std_error, stars, lost (True when the seed's extraction lost the cell)."""
    described = {(t, c): (d, k) for t, c, d, k, _ in COLUMNS}
    rows = []
    for (table, column), cells in _CELLS.items():
        description, key = described[(table, column)]
        for term, cell in cells.items():
            est, se, mark = cell if cell is not None else (float("nan"), float("nan"), "")
            rows.append(
                {
                    "table": table,
                    "column": column,
                    "description": description,
                    "model_key": key,
                    "term": term,
                    "estimate": est,
                    "std_error": se,
                    "stars": mark,
                    "lost": cell is None,
                }
            )
    return pd.DataFrame.from_records(rows)


def paper_fit() -> pd.DataFrame:
    """table, column, model_key, n_obs, adj_r2 (NaN when lost)."""
    keys = {(t, c): k for t, c, _, k, _ in COLUMNS}
    return pd.DataFrame.from_records(
        [
            {
                "table": t,
                "column": c,
                "model_key": keys[(t, c)],
                "n_obs": n,
                "adj_r2": float("nan") if r2 is None else r2,
            }
            for (t, c), (n, r2) in _FIT.items()
        ]
    )


__all__ = ["BOOT_CI", "CITATION", "COLUMNS", "paper_cells", "paper_fit"]
