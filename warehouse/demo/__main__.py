"""``python -m warehouse.demo OUT_DIR [--seed N]``: write the demo raw directory."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from warehouse.demo import DEFAULT_SEED, generate


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(prog="python -m warehouse.demo", description=__doc__)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args()
    start = time.perf_counter()
    truth = generate(args.out_dir, args.seed)
    took = time.perf_counter() - start
    print(f"wrote {len(truth.files)} files to {args.out_dir} in {took:.1f} s (seed {truth.seed})")


if __name__ == "__main__":
    main()
