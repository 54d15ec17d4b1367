"""Demo data generator: a synthetic raw directory in the real publishers' formats.

``generate(out_dir, seed)`` writes the same file names and byte layouts as the real country-level
raw files (WDI API and topic CSVs, open-numbers DDF, UN SNAAMA xlsx, UNCTAD Data360 CSV, WGI .dta,
Heritage 2019 CSV, UN M49 and WDI country metadata), so the same readers run on a fresh machine.
The numbers are synthetic; identities (codes, publisher names, regions, income groups, M49
status) are real. Same seed → byte-identical files.

Data-generating process (economy i, year t = 2000..2022; see :mod:`warehouse.demo.dgp`)::

    ln(mva_it) = a_i + l_t + b·ln(share_it) + 0.02·pgdp_it + 0.0002·fdi_it + 0.005·gfcf_it
                 + 0.04·rd_it + 0.018·urban_it + e_it,      b = 0.15,  e_it ~ N(0, 0.03²) iid

* ``pgdp`` GDP per capita (thousand US$): 2010 level calibrated per economy, trend growth 1–6 %
  a year, AR(1) noise, common dips in 2009 and 2020; ``pop`` grows at −0.5..2.5 % a year;
  GDP = 1000·pgdp·pop.
* ``fdi`` (% GDP): country mean (0.5–6; 12–25 for hubs) + iid noise, negatives allowed.
* ``gfcf`` (% GDP): country mean 17–32 (+14 for China) + trend + AR(1) noise.
* ``rd`` (% GDP): income-group level × trend × AR(1) noise; ``urban`` (%): 2010 level by income
  group (100 for HKG/SGP/MAC) + 0.1–0.6 pt a year, capped at 100.
* ``share`` (% of services imports that are digitally deliverable): 30–65 in 2010, trend
  −0.3..+1.8 pt a year, AR(1) noise (sd 3.5), clipped to [18, 88].
* ``a_i`` makes MVA/GDP in 2010 equal a calibrated share; ``l_t`` = 0.015·(t−2000) + N(0, 0.02²).

Where each regressor is published (what the warehouse derives it from):
mva = SNAAMA "Manufacturing (ISIC D)"; gdp = SNAAMA GDP; gfcf = 100·SNAAMA GFCF / SNAAMA GDP;
pgdp = WDI NY.GDP.PCAP.CD / 1000; fdi = WDI BX.KLT.DINV.WD.GD.ZS; rd = WDI GB.XPD.RSDV.GD.ZS (API
file); urban = SP.URB.TOTL.IN.ZS (urban topic file, to 2020); share = 100·UNCTAD DDS imports
(US$ m, whole numbers, 2010–2022) × 1e6 / open-numbers BM.GSR.NFSV.CD — the service-imports
figure is derived from the rounded DDS value, so the published ratio equals the true share.
Values are written with 15 significant digits (WDI), 5 decimals (DDF) or full float64 (xlsx).
Coverage gaps and defects mimic the real files (see the writer modules).
"""

from warehouse.demo.generate import DEFAULT_SEED, DemoTruth, generate

__all__ = ["DEFAULT_SEED", "DemoTruth", "generate"]
