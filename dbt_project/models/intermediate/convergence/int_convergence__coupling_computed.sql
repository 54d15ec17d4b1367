{#-
  Coupling C, comprehensive development T and coupling coordination D of manufacturing (U1)
  and producer services (U2), methods.md §3 step 3. Grain: one row per unit_type × unit_id ×
  year × variant with both subsystem scores.
    C: macro convergence_coupling_c with var coupling_formula (standard | corrected);
    T = α·U1 + β·U2 (vars coupling_alpha, coupling_beta);  D = sqrt(C·T).
-#}
{%- set formula = var('coupling_formula') %}

with scores as (
    select * from {{ ref('int_convergence__subsystem_scores') }}
),

pivoted as (
    select
        scores.unit_type,
        scores.unit_id,
        scores.year,
        scores.variant,
        max(case when scores.subsystem = 'manufacturing' then scores.score end) as u1,
        max(case when scores.subsystem = 'producer_services' then scores.score end) as u2
    from scores
    group by scores.unit_type, scores.unit_id, scores.year, scores.variant
),

coupled as (
    select
        pivoted.*,
        {{ convergence_coupling_c('pivoted.u1', 'pivoted.u2', formula) }} as c,
        {{ var('coupling_alpha') }} * pivoted.u1 + {{ var('coupling_beta') }} * pivoted.u2 as t
    from pivoted
    where pivoted.u1 is not null and pivoted.u2 is not null
)

select
    coupled.unit_type,
    coupled.unit_id,
    coupled.year,
    coupled.variant,
    coupled.u1,
    coupled.u2,
    coupled.c,
    coupled.t,
    sqrt(coupled.c * coupled.t) as d,
    '{{ formula }}' as formula
from coupled
