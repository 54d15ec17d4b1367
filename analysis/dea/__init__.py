"""DEA library for green total factor productivity (methods.md §4; issue 6).

All models are linear programs on ``scipy.optimize.linprog(method="highs")`` and take a
DataFrame with a DMU id column and named input / good-output / bad-output columns
(:func:`.data.from_arrays` builds one from numpy arrays). They return tidy frames with
``score`` (or ``beta``), ``status`` and ``flag``; infeasible programs give NaN and a flag.

* :mod:`.data` — input checks (the ``problems`` frame) and the zero-value rules;
* :mod:`.radial` — CCR / BCC, input or output oriented, two-phase slacks, scale efficiency;
* :mod:`.sbm` — SBM (Tone 2001), SBM with undesirable outputs (Tone 2003), super-SBM (Tone 2002);
* :mod:`.ddf` — directional distance function with weakly disposable bad outputs (CFG 1997);
* :mod:`.malmquist` — Malmquist–Luenberger (contemporaneous, global) and radial Malmquist.
"""

from analysis.dea._common import attached_table, lambdas_long
from analysis.dea.data import DEADataError, check_inputs, from_arrays, prepare
from analysis.dea.ddf import ddf
from analysis.dea.malmquist import MalmquistPanelError, malmquist, malmquist_luenberger
from analysis.dea.radial import bcc, ccr, radial, scale_efficiency
from analysis.dea.sbm import sbm, super_sbm

__all__ = [
    "DEADataError",
    "MalmquistPanelError",
    "attached_table",
    "bcc",
    "ccr",
    "check_inputs",
    "ddf",
    "from_arrays",
    "lambdas_long",
    "malmquist",
    "malmquist_luenberger",
    "prepare",
    "radial",
    "sbm",
    "scale_efficiency",
    "super_sbm",
]
