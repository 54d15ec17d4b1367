{{ stg_long_observations(source('unctad', 'unctad_de')) }}
