"""Orchestration: simulate the panel and the IO tables, then let each writer write its files."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from warehouse.demo.china import write_china_demo
from warehouse.demo.classification import write_m49, write_metadata
from warehouse.demo.countries import COUNTRIES
from warehouse.demo.ddf import write_ddf_files
from warehouse.demo.dgp import BETA, GAMMA, SIGMA, YEARS, simulate
from warehouse.demo.heritage import write_heritage
from warehouse.demo.io_rda import write_io_rda_files
from warehouse.demo.niot import IOTruth, simulate_niot, write_niot_files
from warehouse.demo.snaama import write_snaama
from warehouse.demo.topics import write_topic_files
from warehouse.demo.unctad import write_unctad, write_unctad_dds_category
from warehouse.demo.wdi import write_api_files
from warehouse.demo.wgi import write_wgi

DEFAULT_SEED = 20260713
#: Years the model can be estimated on (DDS starts 2010, the urban topic file ends 2020).
ESTIMATION_YEARS: tuple[int, ...] = tuple(range(2010, 2021))


@dataclass(frozen=True, eq=False)
class DemoTruth:
    """What the demo data were generated from."""

    out_dir: Path
    seed: int
    beta: float
    gamma: dict[str, float]
    sigma: float
    countries: tuple[str, ...]  # ISO3 of every economy (incl. XKX, CHI, TWN)
    years: tuple[int, ...]
    estimation_years: tuple[int, ...]
    files: tuple[str, ...]  # written files, relative to out_dir, sorted
    panel: pd.DataFrame = field(repr=False)  # latent series, one row per iso3 × year
    io: IOTruth | None = field(default=None, repr=False)  # input-output layer (warehouse.demo.niot)


def generate(out_dir: Path, seed: int = DEFAULT_SEED) -> DemoTruth:
    """Write the demo raw directory into ``out_dir`` and return the truth behind it."""
    out_dir = Path(out_dir)
    panel = simulate(seed)
    rng = np.random.default_rng([seed, 1])  # cosmetic series, independent of the model draws
    # the IO layer draws from its own streams, so the country-level files do not change
    niot = simulate_niot(np.random.default_rng([seed, 2]))
    paths = [
        *write_api_files(out_dir, panel),
        *write_topic_files(out_dir, panel, rng),
        *write_ddf_files(out_dir, panel, rng),
        write_snaama(out_dir, panel, rng),
        write_unctad(out_dir, panel, rng),
        # DDS by category: its own stream, so the other files do not change
        write_unctad_dds_category(out_dir, panel, np.random.default_rng([seed, 4])),
        write_wgi(out_dir, rng),
        write_heritage(out_dir, rng),
        write_m49(out_dir),
        *write_metadata(out_dir),
        *write_niot_files(out_dir, niot),
        *write_io_rda_files(out_dir, np.random.default_rng([seed, 3])),
        # the China province files draw from their own streams (warehouse.demo.china_dgp)
        *(p for files in write_china_demo(out_dir, seed).values() for p in files),
    ]
    return DemoTruth(
        out_dir=out_dir,
        seed=seed,
        beta=BETA,
        gamma=dict(GAMMA),
        sigma=SIGMA,
        countries=tuple(c.iso3 for c in COUNTRIES),
        years=YEARS,
        estimation_years=ESTIMATION_YEARS,
        files=tuple(sorted(p.relative_to(out_dir).as_posix() for p in paths)),
        panel=panel,
        io=niot.io_truth(),
    )
