{#-
  Data-quality flags of the WIOD NIOT industries (values are never changed, only flagged):
    - documented source defects from seed known_source_defects with source 'wiod_niot'
      (publisher_indicator_code = WIOD industry code), e.g. China's structural zero-output
      industries C33 G45 J58 J59_J60 K66 M71 M73 T U, which WIOD folds into neighbours;
    - value-added block II_fob + TXSP + EXP_adj + PURR + PURNR + VA + IntTTM differing from GO
      by more than var io_va_block_tolerance_musd (as published, e.g. ROU 2014 R_S).
-#}
with measures as (
    select * from {{ ref('int_io_measures_computed') }}
),

known_defects as (
    select * from {{ ref('known_source_defects') }}
),

industry_years as (
    select
        measures.iso3,
        measures.year,
        measures.wiod_code,
        measures.value as va_block_residual_musd
    from measures
    where
        measures.kind = 'industry'
        and measures.measure = 'va_block_residual_musd'
),

defect_flags as (
    select
        industry_years.iso3,
        industry_years.year,
        industry_years.wiod_code,
        known_defects.reason as flag_reason
    from industry_years
    inner join known_defects
        on
            known_defects.source = 'wiod_niot'
            and industry_years.wiod_code = known_defects.publisher_indicator_code
            and industry_years.iso3 = known_defects.iso3
            and industry_years.year between known_defects.year_from and known_defects.year_to
),

rule_flags as (
    select
        industry_years.iso3,
        industry_years.year,
        industry_years.wiod_code,
        'value-added block (II_fob … IntTTM) differs from gross output by more than '
        || '{{ var("io_va_block_tolerance_musd") }} US$ million (as published)' as flag_reason
    from industry_years
    where abs(industry_years.va_block_residual_musd) > {{ var('io_va_block_tolerance_musd') }}
),

all_flags as (
    select * from defect_flags
    union
    select * from rule_flags
)

select
    all_flags.iso3,
    all_flags.year,
    all_flags.wiod_code,
    string_agg(all_flags.flag_reason, '; ' order by all_flags.flag_reason) as flag_reason
from all_flags
group by all_flags.iso3, all_flags.year, all_flags.wiod_code
