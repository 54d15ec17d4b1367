{{ stg_long_observations(source('wdi', 'wdi_ddf')) }}
