{#- σ- and β-convergence tests of int_convergence__tests_computed (analysis.convergence), typed. -#}
with tests as (
    select * from {{ ref('int_convergence__tests_computed') }}
)

select
    cast(tests.unit_type as varchar) as unit_type,
    cast(tests.series as varchar) as series,
    cast(tests.test as varchar) as test,
    cast(tests.year as integer) as year,
    cast(tests.n_units as integer) as n_units,
    cast(tests.n_obs as integer) as n_obs,
    cast(tests.mean_log as double) as mean_log,
    cast(tests.sigma as double) as sigma,
    cast(tests.cv as double) as cv,
    cast(tests.coefficient as double) as coefficient,
    cast(tests.std_error as double) as std_error,
    cast(tests.t_stat as double) as t_stat,
    cast(tests.p_value as double) as p_value,
    cast(tests.se_type as varchar) as se_type,
    cast(tests.first_year as integer) as first_year,
    cast(tests.last_year as integer) as last_year,
    cast(tests.horizon_years as double) as horizon_years,
    cast(tests.speed as double) as speed,
    cast(tests.half_life_years as double) as half_life_years,
    cast(tests.status as varchar) as status,
    cast(tests.note as varchar) as note
from tests
