-- Entropy weights sum to 1 within every variant × subsystem (returns the failing groups).
select
    weights.variant,
    weights.subsystem,
    sum(weights.w_j) as w_sum
from {{ ref('coupling_entropy_weights') }} as weights
group by weights.variant, weights.subsystem
having abs(sum(weights.w_j) - 1) > 1e-9
