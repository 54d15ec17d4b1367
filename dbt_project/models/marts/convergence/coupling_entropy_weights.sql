{#- Entropy weights of the coupling coordination indicators (int_convergence__entropy_weights_computed). -#}
with weights as (
    select * from {{ ref('int_convergence__entropy_weights_computed') }}
)

select
    cast(weights.variant as varchar) as variant,
    cast(weights.subsystem as varchar) as subsystem,
    cast(weights.indicator as varchar) as indicator,
    cast(weights.direction as varchar) as direction,
    cast(weights.e_j as double) as e_j,
    cast(weights.w_j as double) as w_j,
    cast(weights.n as integer) as n,
    cast(weights.n_input as integer) as n_input,
    cast(weights.min_value as double) as min_value,
    cast(weights.max_value as double) as max_value
from weights
