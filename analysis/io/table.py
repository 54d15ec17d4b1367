"""``CountryYearIO``: one labelled national IO table in, cached coefficients and tidy results out.

Example (WIOD NIOT, million US$)::

    io = CountryYearIO(zd, zm, x, m=imports_total, country="CHN", year=2014)
    io.frame("Ad").loc["K64", "C26"]          # domestic finance input per unit of C26 output
    io.tidy_linkages()                         # industry, measure, value
    io.tidy_servitisation()                    # manufacturing servitisation, 6 measures

``zd``/``zm`` are n×n DataFrames indexed (rows and columns) by industry codes (e.g. WIOD56
``A01 … U``), ``x`` a Series of gross output by code. Codes follow ``x.index``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import cached_property

import numpy as np
import pandas as pd

from analysis.io import coefficients as co
from analysis.io import intensity as it
from analysis.io import linkages as lk
from analysis.io.groups import MANUFACTURING, PRODUCER_SERVICE_SUBGROUPS, PRODUCER_SERVICES

#: Matrices available through ``frame``/``tidy_matrix`` and their definitions.
MATRICES: dict[str, str] = {
    "A": "direct consumption coefficients, (Zd+Zm)·diag(x)^-1",
    "Ad": "domestic direct coefficients, Zd·diag(x)^-1",
    "Am": "imported direct coefficients, Zm·diag(x)^-1",
    "L": "Leontief inverse, (I−A)^-1",
    "Ld": "domestic Leontief inverse, (I−Ad)^-1",
    "B": "complete consumption coefficients, L−I",
    "Bd": "domestic complete consumption coefficients, Ld−I",
    "AmLd": "complete imported-input coefficients, Am·Ld",
    "H": "allocation coefficients, diag(x)^-1·(Zd+Zm)",
    "Hd": "domestic allocation coefficients, diag(x)^-1·Zd",
    "Hm": "imported allocation coefficients, diag(m)^-1·Zm",
    "G": "Ghosh inverse, (I−H)^-1",
    "Gd": "domestic Ghosh inverse, (I−Hd)^-1",
    "HmGd": "complete imported distribution, Hm·Gd",
}


class CountryYearIO:
    """One country-year non-competitive-import IO table with cached derived matrices.

    Parameters: ``zd``, ``zm`` domestic / imported intermediate flows (n×n, row = product,
    column = using industry); ``x`` gross output (n); optional ``f`` final demand for domestic
    products, ``v`` value added, ``m`` total imports by product (intermediate + final; the
    normaliser of ``Hm``; defaults to the row sums of ``zm``). All in one money unit.
    Note: ``H`` uses ``x`` as row normaliser for both parts of ``Z`` (imported rows of an
    inactive domestic industry are then 0); use ``Hm`` for the distribution of imports.
    """

    def __init__(
        self,
        zd: pd.DataFrame,
        zm: pd.DataFrame,
        x: pd.Series,
        f: pd.Series | None = None,
        v: pd.Series | None = None,
        m: pd.Series | None = None,
        country: str | None = None,
        year: int | None = None,
    ) -> None:
        self.codes = pd.Index(x.index, name="industry")
        for name, z in (("zd", zd), ("zm", zm)):
            missing = self.codes.difference(z.index).union(self.codes.difference(z.columns))
            if len(missing):
                raise KeyError(f"{name} lacks codes {list(missing)}")
        self.zd = zd.loc[self.codes, self.codes].to_numpy(dtype=float)
        self.zm = zm.loc[self.codes, self.codes].to_numpy(dtype=float)
        self.x = x.to_numpy(dtype=float)
        self.f = None if f is None else f.reindex(self.codes).to_numpy(dtype=float)
        self.v = None if v is None else v.reindex(self.codes).to_numpy(dtype=float)
        self.m = self.zm.sum(axis=1) if m is None else m.reindex(self.codes).to_numpy(float)
        self.country, self.year = country, year

    @classmethod
    def from_arrays(
        cls,
        codes: Sequence[str],
        zd: np.ndarray,
        zm: np.ndarray,
        x: np.ndarray,
        f: np.ndarray | None = None,
        v: np.ndarray | None = None,
        m: np.ndarray | None = None,
        country: str | None = None,
        year: int | None = None,
    ) -> CountryYearIO:
        """The same table from aligned numpy arrays (order = ``codes``), without label checks.

        For bulk work (e.g. all 645 WIOD country-years), where building labelled frames per
        table would cost more than the inverses.
        """
        self = cls.__new__(cls)
        n = len(codes)
        self.codes = pd.Index(codes, name="industry")
        self.zd = np.asarray(zd, dtype=float).reshape(n, n)
        self.zm = np.asarray(zm, dtype=float).reshape(n, n)
        self.x = np.asarray(x, dtype=float).reshape(n)
        self.f = None if f is None else np.asarray(f, dtype=float)
        self.v = None if v is None else np.asarray(v, dtype=float)
        self.m = self.zm.sum(axis=1) if m is None else np.asarray(m, dtype=float)
        self.country, self.year = country, year
        return self

    # ---- matrices (numpy, cached) -------------------------------------------------------
    @cached_property
    def active(self) -> np.ndarray:
        """Boolean mask of industries with ``x > 0``."""
        return co.active_mask(self.x)

    @cached_property
    def matrices(self) -> dict[str, np.ndarray]:
        """All matrices of ``MATRICES`` as numpy arrays (computed once)."""
        eye = np.eye(len(self.codes))
        ad = co.input_coefficients(self.zd, self.x)
        am = co.input_coefficients(self.zm, self.x)
        hd = co.allocation_coefficients(self.zd, self.x)
        hm = co.allocation_coefficients(self.zm, self.m)
        a, h = ad + am, co.allocation_coefficients(self.zd + self.zm, self.x)
        lmat, ld = co.leontief_inverse(a), co.leontief_inverse(ad)
        g, gd = co.ghosh_inverse(h), co.ghosh_inverse(hd)
        return {
            "A": a, "Ad": ad, "Am": am, "L": lmat, "Ld": ld, "B": lmat - eye, "Bd": ld - eye,
            "AmLd": co.complete_imported_coefficients(am, ad),
            "H": h, "Hd": hd, "Hm": hm, "G": g, "Gd": gd,
            "HmGd": co.complete_imported_distribution(hm, hd),
        }  # fmt: skip

    def frame(self, name: str) -> pd.DataFrame:
        """Matrix ``name`` (a key of ``MATRICES``) labelled by industry codes."""
        if name not in MATRICES:
            raise KeyError(f"unknown matrix {name!r}; choose from {list(MATRICES)}")
        return pd.DataFrame(self.matrices[name], index=self.codes, columns=self.codes)

    def _meta(self, df: pd.DataFrame) -> pd.DataFrame:
        df.insert(0, "year", self.year)
        df.insert(0, "country", self.country)
        return df.reset_index(drop=True)

    # ---- tidy outputs -------------------------------------------------------------------
    def tidy_matrix(self, name: str) -> pd.DataFrame:
        """Long form of one matrix: ``country, year, row, col, measure, value``."""
        m = self.frame(name)
        long = m.rename_axis(index="row", columns="col").stack().rename("value").reset_index()
        long.insert(2, "measure", name)
        return self._meta(long)

    def tidy_coefficients(self, names: Iterable[str] = tuple(MATRICES)) -> pd.DataFrame:
        """Long form of several matrices (default all of ``MATRICES``)."""
        return pd.concat([self.tidy_matrix(n) for n in names], ignore_index=True)

    @cached_property
    def linkages(self) -> pd.DataFrame:
        """Rasmussen indices over active industries, wide (industry × measure); NaN if inactive.

        ``bl``: backward (L columns); ``fl_ghosh``: forward (G rows); ``fl_leontief``: forward
        (L rows). Suffix ``_total`` uses A/H, ``_domestic`` uses Ad/Hd.
        """
        mt, out = self.matrices, {}
        for suffix, lmat, g in (("total", "L", "G"), ("domestic", "Ld", "Gd")):
            out[f"bl_{suffix}"] = lk.backward_linkage(mt[lmat], self.active)
            out[f"fl_ghosh_{suffix}"] = lk.forward_linkage_ghosh(mt[g], self.active)
            out[f"fl_leontief_{suffix}"] = lk.forward_linkage_leontief(mt[lmat], self.active)
        return pd.DataFrame(out, index=self.codes)

    def tidy_linkages(self) -> pd.DataFrame:
        """Long linkages: ``country, year, industry, measure, value``."""
        long = self.linkages.rename_axis(columns="measure").stack()
        return self._meta(long.rename("value").reset_index())

    def _present(self, codes: Sequence[str]) -> list[str]:
        return [c for c in codes if c in self.codes]

    def _pos(self, codes: Sequence[str]) -> np.ndarray:
        """Integer positions of the codes present in the table (absent codes are ignored)."""
        return self.codes.get_indexer(self._present(codes))

    def servitisation(
        self,
        services: Sequence[str] = PRODUCER_SERVICES,
        manufacturing: Sequence[str] = MANUFACTURING,
    ) -> dict[str, float]:
        """Servitisation shares (see ``intensity.servitisation``); absent codes are ignored."""
        return it.servitisation(
            self.matrices["Ad"], self.matrices["Am"], self.x,
            self._pos(services), self._pos(manufacturing),
        )  # fmt: skip

    def tidy_servitisation(
        self,
        services: Sequence[str] = PRODUCER_SERVICES,
        manufacturing: Sequence[str] = MANUFACTURING,
    ) -> pd.DataFrame:
        """Long servitisation: ``country, year, measure, value``."""
        s = self.servitisation(services, manufacturing)
        return self._meta(pd.DataFrame({"measure": list(s), "value": list(s.values())}))

    def tidy_effects(
        self,
        source_groups: Mapping[str, Sequence[str]] | None = None,
        target_groups: Mapping[str, Sequence[str]] | None = None,
    ) -> pd.DataFrame:
        """Forward driving (H, G) and backward pulling (A, L) effects, domestic vs imported.

        Defaults: sources = producer services and each sub-group (``ps_<name>``), target =
        manufacturing. Columns ``country, year, source, target, effect, measure, value`` with
        ``effect`` ∈ {forward_driving, backward_pulling} and ``measure`` ∈
        {direct,complete}_{domestic,imported}.
        """
        if source_groups is None:
            source_groups = {"producer_services": PRODUCER_SERVICES}
            source_groups |= {f"ps_{k}": v for k, v in PRODUCER_SERVICE_SUBGROUPS.items()}
        target_groups = target_groups or {"manufacturing": MANUFACTURING}
        mt, rows = self.matrices, []
        for sname, src in source_groups.items():
            for tname, tgt in target_groups.items():
                r, c = self._pos(src), self._pos(tgt)
                fwd = it.forward_driving(mt["Hd"], mt["Hm"], self.x, self.m, r, c)
                bwd = it.backward_pulling(mt["Ad"], mt["Am"], self.x, r, c)
                for effect, res in (("forward_driving", fwd), ("backward_pulling", bwd)):
                    rows += [(sname, tname, effect, k, val) for k, val in res.items()]
        cols = ["source", "target", "effect", "measure", "value"]
        return self._meta(pd.DataFrame(rows, columns=cols))

    def tidy_group_intensity(
        self,
        name: str,
        row_groups: Mapping[str, Sequence[str]],
        col_groups: Mapping[str, Sequence[str]],
    ) -> pd.DataFrame:
        """GO-weighted group intensities of matrix ``name`` for every (row group, col group).

        Row-type matrices (H, Hd, Hm, G, Gd, HmGd) are weighted by row output (``m`` for Hm,
        HmGd), the others by column output. Columns ``country, year, source, target, measure,
        value``.
        """
        by_rows = name.startswith(("H", "G"))
        w = self.m if name in ("Hm", "HmGd") else self.x
        mat, rows = self.frame(name), []
        for rn, rg in row_groups.items():
            for cn, cg in col_groups.items():
                val = it.group_intensity(
                    mat, pd.Series(w, index=self.codes), self._present(rg), self._present(cg),
                    weight_by="rows" if by_rows else "columns",
                )  # fmt: skip
                rows.append((rn, cn, name, val))
        return self._meta(pd.DataFrame(rows, columns=["source", "target", "measure", "value"]))
