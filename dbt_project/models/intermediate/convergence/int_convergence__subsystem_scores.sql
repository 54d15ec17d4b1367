{#-
  Subsystem development scores (methods.md §3 step 3): U_k = Σ_j w_j z_j over the indicators j
  of subsystem k. Grain: one row per unit_type × unit_id × year × variant × subsystem.
-#}
with normalised as (
    select * from {{ ref('int_convergence__indicators_normalised') }}
),

weights as (
    select * from {{ ref('int_convergence__entropy_weights_computed') }}
)

select
    normalised.unit_type,
    normalised.unit_id,
    normalised.year,
    normalised.variant,
    normalised.subsystem,
    sum(weights.w_j * normalised.z) as score,
    count(*) as n_indicators
from normalised
inner join weights
    on
        normalised.variant = weights.variant
        and normalised.subsystem = weights.subsystem
        and normalised.indicator = weights.indicator
group by normalised.unit_type, normalised.unit_id, normalised.year, normalised.variant, normalised.subsystem
