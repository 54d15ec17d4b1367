{{ stg_long_observations(source('china', 'china_yearbook')) }}
