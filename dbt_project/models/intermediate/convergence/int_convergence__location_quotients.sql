{#-
  Location quotients and shares for the co-agglomeration indices (methods.md §3). Grain: one
  row per unit_type × unit_id × year × variant × sector_group (not 'total'). Per variant and
  year, over the units with a positive total activity E_r:
    LQ_ir = (E_ir / E_r) / (E_i / E),  E_i = Σ_r E_ir,  E = Σ_r E_r;
    s_ir = E_ir / E_i (unit r's share of sector i);  x_r = E_r / E (its share of all activity).
  LQ and s are NULL when E_i = 0.
-#}
with activity as (
    select * from {{ ref('int_convergence__sector_activity') }}
),

totals as (
    select
        activity.unit_type,
        activity.unit_id,
        activity.year,
        activity.variant,
        activity.activity as unit_total
    from activity
    where activity.sector_group = 'total' and activity.activity > 0
),

with_totals as (
    select
        activity.unit_type,
        activity.unit_id,
        activity.year,
        activity.variant,
        activity.sector_group,
        activity.activity,
        totals.unit_total,
        sum(activity.activity) over (partition by activity.variant, activity.year, activity.sector_group)
            as sector_total
    from activity
    inner join totals
        on
            activity.unit_type = totals.unit_type
            and activity.unit_id = totals.unit_id
            and activity.year = totals.year
            and activity.variant = totals.variant
    where activity.sector_group != 'total'
),

grand as (
    select
        totals.variant,
        totals.year,
        sum(totals.unit_total) as grand_total,
        count(*) as n_units
    from totals
    group by totals.variant, totals.year
)

select
    with_totals.unit_type,
    with_totals.unit_id,
    with_totals.year,
    with_totals.variant,
    with_totals.sector_group,
    with_totals.activity,
    with_totals.unit_total,
    with_totals.sector_total,
    grand.grand_total,
    grand.n_units,
    case
        when with_totals.sector_total != 0
            then (with_totals.activity / with_totals.unit_total) / (with_totals.sector_total / grand.grand_total)
    end as lq,
    case when with_totals.sector_total != 0 then with_totals.activity / with_totals.sector_total end as s,
    with_totals.unit_total / grand.grand_total as x
from with_totals
inner join grand on with_totals.variant = grand.variant and with_totals.year = grand.year
