{#-
  Pooled min-max normalisation (methods.md §3 step 1). Complete cases: a unit-year enters a
  variant only when it has a value for every indicator of that variant (every indicator
  present anywhere in the variant's input); otherwise its rows are dropped here and counted in
  marts.coupling_entropy_weights (n_input − n). Per variant × indicator, over every unit and year
  kept (pooled, so years compare):
    positive: z = (x − min)/(max − min) + shift;  negative: z = (max − x)/(max − min) + shift;
    max = min (no variation): z = shift.  shift = var coupling_shift (0.0001 by default).
-#}
with indicator_values as (
    select * from {{ ref('int_convergence_indicator_values') }}
),

variant_indicators as (
    select
        indicator_values.variant,
        count(distinct indicator_values.subsystem || '/' || indicator_values.indicator) as n_indicators
    from indicator_values
    group by indicator_values.variant
),

complete_unit_years as (
    select
        indicator_values.unit_type,
        indicator_values.unit_id,
        indicator_values.year,
        indicator_values.variant
    from indicator_values
    inner join variant_indicators on indicator_values.variant = variant_indicators.variant
    group by
        indicator_values.unit_type,
        indicator_values.unit_id,
        indicator_values.year,
        indicator_values.variant,
        variant_indicators.n_indicators
    having
        count(distinct indicator_values.subsystem || '/' || indicator_values.indicator)
        = variant_indicators.n_indicators
),

kept as (
    select indicator_values.*
    from indicator_values
    inner join complete_unit_years
        on
            indicator_values.unit_type = complete_unit_years.unit_type
            and indicator_values.unit_id = complete_unit_years.unit_id
            and indicator_values.year = complete_unit_years.year
            and indicator_values.variant = complete_unit_years.variant
),

ranges as (
    select
        kept.variant,
        kept.subsystem,
        kept.indicator,
        min(kept.value) as min_value,
        max(kept.value) as max_value
    from kept
    group by kept.variant, kept.subsystem, kept.indicator
)

select
    kept.unit_type,
    kept.unit_id,
    kept.year,
    kept.variant,
    kept.subsystem,
    kept.indicator,
    kept.direction,
    kept.value,
    ranges.min_value,
    ranges.max_value,
    case
        when ranges.max_value = ranges.min_value then 0.0
        when kept.direction = 'negative' then (ranges.max_value - kept.value) / (ranges.max_value - ranges.min_value)
        else (kept.value - ranges.min_value) / (ranges.max_value - ranges.min_value)
    end + {{ var('coupling_shift') }} as z
from kept
inner join ranges
    on
        kept.variant = ranges.variant
        and kept.subsystem = ranges.subsystem
        and kept.indicator = ranges.indicator
