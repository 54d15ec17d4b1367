"""GDP-growth scenarios for China and its provinces (methods.md §5; seed 004).

Reads ``marts.province_panel`` and the scenario YAML named by the model config
``scenarios_config`` (a path relative to the dbt project directory, default
``scenarios.yml`` = ``dbt_project/scenarios.yml``) and writes the observed years
(``is_projection`` false, repeated under every scenario) and the projections from the base year
+ 1 to ``target_year``: ``Y_t = Y_t0 (1 + g)^(t − t0)`` (亿元, 2000 prices), value added =
trended nominal share × Y, energy ``E = Y · e_t`` (万吨标准煤), CO2 ``C = E · c_t`` (Mt CO2).
All formulas: :mod:`analysis.scenarios`.
"""

from __future__ import annotations

from pathlib import Path

from analysis.scenarios import DBT_PROJECT_DIR, load_scenario_config, run_scenarios


def model(dbt, session):
    dbt.config(materialized="table")
    # a plain get(key, literal default): dbt ships only keys its parser sees in this form
    config_path = Path(dbt.config.get("scenarios_config", "scenarios.yml"))
    if not config_path.is_absolute():
        config_path = DBT_PROJECT_DIR / config_path
    config = load_scenario_config(config_path)
    panel = dbt.ref("province_panel").df()
    return run_scenarios(panel, config)
