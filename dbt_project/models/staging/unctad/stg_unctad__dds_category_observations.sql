{{ stg_long_observations(source('unctad', 'unctad_dds_category')) }}
