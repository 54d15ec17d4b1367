"""Benchmark: Leontief and Ghosh inverses at full WIOT size (2464 × 2464), 15 years.

Generated data (no WIOT file is in raw/): per year a non-negative Z with a realistic density,
gross output x with column sums of Z below x (so I − A is invertible).  For each year we time
``analysis.io`` (A, L = (I − A)^-1, H, G = (I − H)^-1) and pymrio's ``calc_A``/``calc_L``/``calc_B``
(allocation)/``calc_G`` on the same matrices, check the results agree, and print seconds per year
and the peak RSS of the process.

    python3 -m uv run --group bench python bench/bench_io_inverse.py [--years 15] [--size 2464]
"""

from __future__ import annotations

import argparse
import resource
import time

import numpy as np

from analysis.io import allocation_coefficients, ghosh_inverse, input_coefficients, leontief_inverse


def generated_table(size: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Z (size × size) with ~20 % non-zero cells and x such that column sums of Z are < x."""
    rng = np.random.default_rng(seed)
    z = rng.lognormal(mean=2.0, sigma=2.0, size=(size, size))
    z *= rng.random((size, size)) < 0.2
    x = z.sum(axis=0) / rng.uniform(0.3, 0.7, size=size) + 1.0
    return z, x


def ours(z: np.ndarray, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    a = input_coefficients(z, x)
    h = allocation_coefficients(z, x)
    return leontief_inverse(a), ghosh_inverse(h)


def pymrio_way(z: np.ndarray, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    from pymrio.tools import iomath

    a = iomath.calc_A(z, x)
    b = iomath.calc_B(z, x)
    return iomath.calc_L(a), iomath.calc_G(b)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--years", type=int, default=15)
    parser.add_argument("--size", type=int, default=2464)
    args = parser.parse_args()
    t_ours, t_pymrio, worst = [], [], 0.0
    for year in range(args.years):
        z, x = generated_table(args.size, seed=2000 + year)
        start = time.perf_counter()
        l_ours, g_ours = ours(z, x)
        t_ours.append(time.perf_counter() - start)
        start = time.perf_counter()
        l_ref, g_ref = pymrio_way(z, x)
        t_pymrio.append(time.perf_counter() - start)
        worst = max(worst, float(np.abs(l_ours - l_ref).max()), float(np.abs(g_ours - g_ref).max()))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{args.years} years of {args.size}×{args.size} tables (A, L, H, G per year)")
    print(f"analysis.io : {np.mean(t_ours):.2f} s/year (total {sum(t_ours):.1f} s)")
    print(f"pymrio      : {np.mean(t_pymrio):.2f} s/year (total {sum(t_pymrio):.1f} s)")
    print(f"max |difference| between the two: {worst:.2e}; peak RSS {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
