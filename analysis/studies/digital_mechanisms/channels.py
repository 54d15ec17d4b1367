"""Mediation (paper Table 3 style): stepwise equations, Sobel z, cluster bootstrap of a·b.

Per channel (:data:`CHANNELS`) on its own common sample (baseline sample rows with the mediator
present, singleton countries dropped, all counted by :func:`analysis.mediation.fit_mediation`):
total ``ln upmf ~ ln imdig + W`` (c), a-path ``M ~ ln imdig + W`` (a), direct
``ln upmf ~ ln imdig + M + W`` (c', b); W = the five Table-2 controls; country and year FE; CR1 SEs
by country. Sobel z (normal); percentile CI of a·b from a cluster bootstrap (countries resampled,
``B`` draws, fixed ``seed``; failed draws counted); the identity gap ``c − c' − a·b``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.mediation import DEFAULT_SEED, bootstrap_indirect, fit_mediation
from analysis.studies.digital_imports import CONTROLS, DEP_VAR, ENTITY, TIME, TREATMENT
from analysis.studies.digital_mechanisms.data import Bookkeeping

TABLE_ID = "table3_mediation"
#: channel id -> (mediator column, description); the first two are the paper's
CHANNELS: dict[str, tuple[str, str]] = {
    "innov": ("ln_innov", "technological innovation: ln(resident + non-resident patents)"),
    "inter": ("ln_inter", "Internet development: ln(mobile subscriptions per 100)"),
    "innov_res": ("ln_innov_res", "variant: ln(resident patents)"),
    "internet": ("ln_internet", "variant: ln(Internet users, % of population)"),
}


def run_channels(
    sample: pd.DataFrame,
    book: Bookkeeping,
    *,
    n_boot: int = 1000,
    seed: int = DEFAULT_SEED,
    channels: dict[str, tuple[str, str]] | None = None,
) -> tuple[dict[str, object], pd.DataFrame]:
    """Fit every channel; return ({channel: (MediationResult, BootstrapResult)}, summary frame).

    The summary has one row per channel that could be estimated: N, countries, a, se_a, b, se_b,
    c, c_prime, indirect, proportion mediated, identity gap, Sobel z/p, bootstrap CI/SE, draws,
    failed draws (by reason), seconds, and the sample accounting (drops, mediator missing for
    whole countries).
    """
    fits: dict[str, object] = {}
    rows = []
    for channel, (m, description) in (channels or CHANNELS).items():
        med = book.attempt(
            TABLE_ID,
            channel,
            lambda m=m: fit_mediation(sample, DEP_VAR, TREATMENT, m, CONTROLS, ENTITY, TIME),
        )
        if med is None:
            continue
        boot = book.attempt(
            TABLE_ID,
            f"{channel}:bootstrap",
            lambda m=m: bootstrap_indirect(
                sample, DEP_VAR, TREATMENT, m, CONTROLS, ENTITY, TIME, B=n_boot, seed=seed
            ),
        )
        fits[channel] = (med, boot)
        missing_whole = med.sample.entities_all_missing.get(m, [])
        note = f"mediator {m} missing for whole countries: {missing_whole}" if missing_whole else ""
        for eq_name, eq in med.equations.items():
            book.record(
                TABLE_ID,
                f"{channel}:{eq_name}",
                eq,
                note,
                n_input=med.sample.n_input,
                detail=med.sample.describe(),
            )
        sob = med.sobel
        g = boot.glance() if boot is not None else {}
        rows.append(
            {
                "channel": channel,
                "mediator": m,
                "description": description,
                "n_obs": med.total.n_obs,
                "countries": med.total.n_entities,
                "a": med.a,
                "se_a": med.se_a,
                "p_a": float(med.a_path.pvalues[TREATMENT]),
                "b": med.b,
                "se_b": med.se_b,
                "p_b": float(med.direct.pvalues[m]),
                "c": med.c,
                "c_prime": med.c_prime,
                "indirect": med.indirect,
                "proportion_mediated": med.proportion_mediated,
                "identity_gap": med.identity_gap,
                "sobel_se": sob.std_error,
                "sobel_z": sob.z,
                "sobel_p": sob.p_value,
                "boot_ci_low": g.get("ci_low", np.nan),
                "boot_ci_high": g.get("ci_high", np.nan),
                "boot_se": g.get("boot_se", np.nan),
                "boot_n": n_boot,
                "boot_seed": seed,
                "boot_failed": g.get("n_failed", np.nan),
                "boot_failures": str(g.get("failures_by_reason", {})),
                "boot_seconds": g.get("elapsed_seconds", np.nan),
                "sample_accounting": med.sample.describe(),
                "notes": "; ".join(med.notes + list(g.get("notes", []))),
            }
        )
    return fits, pd.DataFrame.from_records(rows)


def max_identity_gap(summary: pd.DataFrame) -> float:
    """Largest |c − c' − a·b| over the channels (NaN when none was estimated)."""
    if summary.empty:
        return float("nan")
    return float(summary["identity_gap"].abs().max())
