-- Tables that are stale or likely to become stale within :hours hours (freshness_predictor): hours
-- since the last write, the usual refresh interval, and the probability of being stale.
-- Grain: one row per table with a learned schedule. Parameters: :hours.
with risk as (
    select table_full_name, last_write_time, hours_since_update, typical_refresh_hours, is_stale_now,
           case
               when :hours <= 6 then prob_stale_6h
               when :hours <= 12 then prob_stale_12h
               when :hours <= 24 then prob_stale_24h
               else prob_stale_48h
           end as prob_stale,
           expected_next_write, explanation
    from main.health_monitor.ml_freshness_risk
),

final as (
    select * from risk
    where is_stale_now or prob_stale >= 0.2
)

select * from final
order by is_stale_now desc, prob_stale desc, hours_since_update desc
