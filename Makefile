# Convenience targets; each is one `uv run` command (uv: `python3 -m pip install uv`).
UV ?= python3 -m uv
RAW ?= ../shared/data/raw

.PHONY: run run-real test test-fast lint format bench bench-io bench-study docs clean

run:            ## whole pipeline on the demo data
	$(UV) run convergence run

run-real:       ## whole pipeline on the real publisher files
	$(UV) run convergence run --raw-dir $(RAW)

test:           ## the full test suite (what CI runs)
	$(UV) run --frozen pytest

test-fast:      ## unit tests only
	$(UV) run pytest tests/unit -q

lint:           ## ruff + sqlfluff
	$(UV) run ruff check .
	$(UV) run ruff format --check .
	$(UV) run sqlfluff lint dbt_project/models dbt_project/tests

format:
	$(UV) run ruff format .
	$(UV) run ruff check --fix .

bench:          ## cold and warm pipeline timings on the real files
	$(UV) run python bench/bench_pipeline.py --raw-dir $(RAW)

bench-study:    ## the seed-002 study (Tables 1-2 and mechanisms, B = 1000) on build/warehouse.duckdb
	$(UV) run python bench/bench_digital_study.py --db build/warehouse.duckdb

bench-io:       ## Leontief/Ghosh inverses at WIOT size (2464 x 2464, 15 years) vs pymrio
	$(UV) run --group bench python bench/bench_io_inverse.py

docs:           ## dbt docs site (build/dbt_target/index.html)
	$(UV) run convergence build --force

clean:
	rm -rf build
