{#-
  Coupling coordination of manufacturing (U1) and producer services (U2): C, T, D from
  int_convergence__coupling_computed, the band of D (macro convergence_band: left-open,
  right-closed, D = 0 in the first band) and the relative development U1/U2 with a label of
  the lagging side (var coupling_synchronous_tolerance).
-#}
{%- set tol = var('coupling_synchronous_tolerance') %}

with coupled as (
    select * from {{ ref('int_convergence__coupling_computed') }}
)

select
    cast(coupled.unit_type as varchar) as unit_type,
    cast(coupled.unit_id as varchar) as unit_id,
    cast(coupled.year as integer) as year,
    cast(coupled.variant as varchar) as variant,
    cast(coupled.u1 as double) as u1,
    cast(coupled.u2 as double) as u2,
    cast(coupled.c as double) as c,
    cast(coupled.t as double) as t,
    cast(coupled.d as double) as d,
    cast({{ convergence_band('coupled.d', 'rank') }} as integer) as band_rank,
    cast({{ convergence_band('coupled.d', 'label') }} as varchar) as band,
    cast({{ convergence_band('coupled.d', 'lower') }} as double) as band_lower,
    cast({{ convergence_band('coupled.d', 'upper') }} as double) as band_upper,
    cast(case when coupled.u2 > 0 then coupled.u1 / coupled.u2 end as double) as relative_development,
    cast(
        case
            when coupled.u1 > (1 + {{ tol }}) * coupled.u2 then 'producer_services_lagging'
            when coupled.u1 < (1 - {{ tol }}) * coupled.u2 then 'manufacturing_lagging'
            else 'synchronous'
        end as varchar
    ) as relative_development_label,
    cast(coupled.formula as varchar) as formula
from coupled
