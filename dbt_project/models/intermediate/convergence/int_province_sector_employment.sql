{#-
  STUB (zero rows): employment by province and sector for the co-agglomeration indices
  (provinces, 2008-2020). Grain: one row per province_code × year × sector. Filled when the
  province employment data exist (marts.province_panel or its upstream): replace the body of
  the `base` CTE by a select returning the same columns.

  sector: 'total' (all sectors: the denominator E_r of the location quotients), 'C'
  (manufacturing) and the seven producer-service sections of GB/T 4754-2011: 'F' wholesale &
  retail (trade), 'G' transport, storage & post (transport_logistics), 'I' information
  transmission, software & IT services (information_ict), 'J' finance, 'K' real estate,
  'L' leasing & business services (business_support), 'M' scientific research & technical
  services (professional_rd). employment_10k_persons: urban non-private units, 10,000 persons.
-#}
with base as (
    select
        cast(null as varchar) as province_code,
        cast(null as integer) as year,
        cast(null as varchar) as sector,
        cast(null as double) as employment_10k_persons
    where false
)

select
    cast(base.province_code as varchar) as province_code,
    cast(base.year as integer) as year,
    cast(base.sector as varchar) as sector,
    cast(base.employment_10k_persons as double) as employment_10k_persons
from base
