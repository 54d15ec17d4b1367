{#-
  Entropy weights within each variant × subsystem (methods.md §3 step 2), over the n pooled
  unit-years of int_convergence__indicators_normalised:
    p_ij = z_ij / Σ_i z_ij;  e_j = −(1/ln n) Σ_i p_ij ln p_ij  (0·ln 0 = 0);
    w_j = (1 − e_j) / Σ_k (1 − e_k)  over the indicators k of the subsystem.
  Degenerate cases: e_j = 1 (no information) when n = 1 or Σ_i z_ij = 0; equal weights 1/k when
  every e_j of the subsystem is 1. n_input counts the unit-years of the variant before the
  complete-case rule.
-#}
with normalised as (
    select * from {{ ref('int_convergence__indicators_normalised') }}
),

indicator_values as (
    select * from {{ ref('int_convergence_indicator_values') }}
),

input_counts as (
    select
        indicator_values.variant,
        count(distinct indicator_values.unit_type || '/' || indicator_values.unit_id || '/' || indicator_values.year)
            as n_input
    from indicator_values
    group by indicator_values.variant
),

sums as (
    select
        normalised.variant,
        normalised.subsystem,
        normalised.indicator,
        any_value(normalised.direction) as direction,
        any_value(normalised.min_value) as min_value,
        any_value(normalised.max_value) as max_value,
        sum(normalised.z) as z_sum,
        count(*) as n
    from normalised
    group by normalised.variant, normalised.subsystem, normalised.indicator
),

entropy as (
    select
        sums.variant,
        sums.subsystem,
        sums.indicator,
        sums.direction,
        sums.min_value,
        sums.max_value,
        sums.n,
        case
            when sums.n > 1 and sums.z_sum > 0
                then
                    0.0 - sum(
                        case
                            when normalised.z > 0
                                then (normalised.z / sums.z_sum) * ln(normalised.z / sums.z_sum)
                            else 0.0
                        end
                    ) / ln(sums.n)
            else 1.0
        end as e_j
    from sums
    inner join normalised
        on
            sums.variant = normalised.variant
            and sums.subsystem = normalised.subsystem
            and sums.indicator = normalised.indicator
    group by
        sums.variant, sums.subsystem, sums.indicator, sums.direction, sums.min_value, sums.max_value,
        sums.n, sums.z_sum
),

divergence as (
    select
        entropy.*,
        sum(1 - entropy.e_j) over (partition by entropy.variant, entropy.subsystem) as d_sum,
        count(*) over (partition by entropy.variant, entropy.subsystem) as k
    from entropy
)

select
    divergence.variant,
    divergence.subsystem,
    divergence.indicator,
    divergence.direction,
    divergence.e_j,
    divergence.n,
    input_counts.n_input,
    divergence.min_value,
    divergence.max_value,
    case when divergence.d_sum > 0 then (1 - divergence.e_j) / divergence.d_sum else 1.0 / divergence.k end as w_j
from divergence
inner join input_counts on divergence.variant = input_counts.variant
