{#-
  Candidate indicators of the wiod variant, one row per iso3 × year of marts.io_industry_year
  (43 WIOD countries × 2000-2014): gross output and value added (US$ million) of manufacturing
  (is_manufacturing, 19 industries) and producer services (is_producer_service, 22 industries),
  their logs, value-added shares of the economy (%) and value added per unit of gross output.
-#}
with industries as (
    select * from {{ ref('io_industry_year') }}
),

totals as (
    select
        industries.iso3,
        industries.year,
        sum(industries.value_added_musd) as total_va_musd,
        sum(case when industries.is_manufacturing then industries.gross_output_musd else 0 end)
            as manufacturing_go_musd,
        sum(case when industries.is_manufacturing then industries.value_added_musd else 0 end)
            as manufacturing_va_musd,
        sum(case when industries.is_producer_service then industries.gross_output_musd else 0 end)
            as producer_services_go_musd,
        sum(case when industries.is_producer_service then industries.value_added_musd else 0 end)
            as producer_services_va_musd
    from industries
    group by industries.iso3, industries.year
)

select
    totals.iso3,
    totals.year,
    totals.manufacturing_go_musd,
    totals.manufacturing_va_musd,
    totals.producer_services_go_musd,
    totals.producer_services_va_musd,
    totals.total_va_musd,
    case when totals.manufacturing_go_musd > 0 then ln(totals.manufacturing_go_musd) end
        as ln_manufacturing_go_musd,
    case when totals.manufacturing_va_musd > 0 then ln(totals.manufacturing_va_musd) end
        as ln_manufacturing_va_musd,
    case when totals.total_va_musd > 0 then 100 * totals.manufacturing_va_musd / totals.total_va_musd end
        as manufacturing_va_share_pct,
    case when totals.manufacturing_go_musd > 0 then totals.manufacturing_va_musd / totals.manufacturing_go_musd end
        as manufacturing_va_go_ratio,
    case when totals.producer_services_go_musd > 0 then ln(totals.producer_services_go_musd) end
        as ln_producer_services_go_musd,
    case when totals.producer_services_va_musd > 0 then ln(totals.producer_services_va_musd) end
        as ln_producer_services_va_musd,
    case when totals.total_va_musd > 0 then 100 * totals.producer_services_va_musd / totals.total_va_musd end
        as producer_services_va_share_pct,
    case
        when totals.producer_services_go_musd > 0
            then totals.producer_services_va_musd / totals.producer_services_go_musd
    end as producer_services_va_go_ratio
from totals
