-- Every D lies in its band: band_lower < D <= band_upper (D = 0 in the first band; D > 1 only
-- in the top band), and U1/U2 matches relative_development (returns the failing rows).
select
    coordination.unit_type,
    coordination.unit_id,
    coordination.year,
    coordination.variant,
    coordination.d,
    coordination.band,
    coordination.relative_development
from {{ ref('coupling_coordination') }} as coordination
where
    not (
        (coordination.d > coordination.band_lower or (coordination.band_rank = 1 and coordination.d = 0))
        and (coordination.d <= coordination.band_upper or coordination.band_rank = 10)
        and coordination.band_upper - coordination.band_lower between 0.0999999 and 0.1000001
    )
    or abs(coordination.relative_development - coordination.u1 / coordination.u2) > 1e-12
