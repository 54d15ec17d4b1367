{#-
  marts.green_tfp: green total factor productivity of Chinese provinces (issue 6).
  One row per province_panel province × year of the year range of int_green_tfp_computed
  (config first_year / last_year: env DBT_GREEN_TFP_FIRST_YEAR / _LAST_YEAR, else vars
  green_tfp_first_year / green_tfp_last_year, else 2004-2019; the computed model has one row per
  panel province-year of the range); scores and indices from int_green_tfp_computed (super-SBM
  with CO2 as bad output, per-year frontier; global and contemporaneous Malmquist-Luenberger).
  Province-years that are not DMUs keep their row with NULL scores and missing_inputs.
  Casts keep the contract when the computed model is empty (no panel year in the range).
-#}
with panel as (
    select
        province_code,
        province_name_en,
        region,
        year,
        flag_reason
    from {{ ref('province_panel') }}
),

computed as (
    select * from {{ ref('int_green_tfp_computed') }}
)

select
    panel.province_code,
    panel.province_name_en,
    panel.region,
    panel.year,
    cast(computed.emp_urban_total_10k as double) as emp_urban_total_10k,
    cast(computed.labour_10k as double) as labour_10k,
    cast(computed.labour_source as varchar) as labour_source,
    cast(computed.capital_stock_cny_100m as double) as capital_stock_cny_100m,
    cast(computed.energy_10k_tce as double) as energy_10k_tce,
    cast(computed.grp_real_cny_100m as double) as grp_real_cny_100m,
    cast(computed.co2_mt as double) as co2_mt,
    cast(computed.missing_inputs as varchar) as missing_inputs,
    cast(computed.dea_model as varchar) as dea_model,
    cast(computed.rts as varchar) as rts,
    cast(computed.super_sbm_score as double) as super_sbm_score,
    cast(computed.sbm_score as double) as sbm_score,
    cast(computed.is_super_efficient as boolean) as is_super_efficient,
    cast(computed.score_flag as varchar) as score_flag,
    cast(computed.gml_index as double) as gml_index,
    cast(computed.gml_ec as double) as gml_ec,
    cast(computed.gml_bpc as double) as gml_bpc,
    cast(computed.gml_cumulative as double) as gml_cumulative,
    cast(computed.gml_status as varchar) as gml_status,
    cast(computed.gml_flag as varchar) as gml_flag,
    cast(computed.ml_index as double) as ml_index,
    cast(computed.ml_ec as double) as ml_ec,
    cast(computed.ml_tc as double) as ml_tc,
    cast(computed.ml_cumulative as double) as ml_cumulative,
    cast(computed.ml_status as varchar) as ml_status,
    cast(computed.ml_flag as varchar) as ml_flag,
    panel.flag_reason as panel_flag_reason,
    cast(computed.is_scored as boolean) as is_scored,
    cast(computed.n_dmus as bigint) as n_dmus,
    cast(computed.score_status as varchar) as score_status,
    -- a year whose frontier has fewer DMUs than the fullest year (e.g. 2004 with labour_fill
    -- none: labour for 12 provinces only) is not comparable with the others
    coalesce(computed.n_dmus < max(computed.n_dmus) over (), false) as is_partial_frontier
from panel
inner join computed
    on panel.province_code = computed.province_code and panel.year = computed.year
order by panel.province_code, panel.year
