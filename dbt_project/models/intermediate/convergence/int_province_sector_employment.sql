{#-
  Employment by province and sector for the co-agglomeration indices (provinces, the years
  marts.province_panel has sector employment: 2008-2020). Grain: one row per province_code ×
  year × sector; NULL values are not rows.

  sector: 'total' (all sectors: the denominator E_r of the location quotients), 'C'
  (manufacturing) and the seven producer-service sections of GB/T 4754-2011: 'F' wholesale &
  retail, 'G' transport, storage & post, 'I' information transmission, software & IT services,
  'J' finance, 'K' real estate, 'L' leasing & business services, 'M' scientific research &
  technical services. employment_10k_persons: urban units, 10,000 persons.
-#}
{% set sectors = {
    'total': 'emp_urban_total_10k',
    'C': 'emp_manufacturing_10k',
    'F': 'emp_wholesale_retail_10k',
    'G': 'emp_transport_10k',
    'I': 'emp_it_10k',
    'J': 'emp_finance_10k',
    'K': 'emp_real_estate_10k',
    'L': 'emp_leasing_business_10k',
    'M': 'emp_research_10k',
} %}
with base as (
    {% for sector, column in sectors.items() %}
        select
            province_code,
            year,
            '{{ sector }}' as sector,
            {{ column }} as employment_10k_persons
        from {{ ref('province_panel') }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
)

select
    cast(base.province_code as varchar) as province_code,
    cast(base.year as integer) as year,
    cast(base.sector as varchar) as sector,
    cast(base.employment_10k_persons as double) as employment_10k_persons
from base
where base.employment_10k_persons is not null
