-- purpose: SQL warehouse state intervals (each event until the next one, the last until as_of), with
--          outages marked. An interval is an outage when the warehouse was wanted but unavailable:
--          a STOPPED not preceded by STOPPING (crash or failed start), or a STARTING that failed
--          (followed by STOPPED) or took longer than 10 minutes. is_outage_start marks the first
--          interval of each outage episode.
-- grain:   one row per warehouse event (workspace_id, warehouse_id, start_time)
-- params:  :as_of (timestamp)
-- depends: dim_warehouse
with warehouse_events as (
    select * from main.health_monitor_staging.compute__warehouse_events
),

warehouses as (
    select workspace_id, warehouse_id, warehouse_name from main.health_monitor.dim_warehouse
),

sequenced as (
    select
        workspace_id,
        warehouse_id,
        event_type,
        cluster_count,
        event_time as start_time,
        coalesce(
            lead(event_time) over (partition by workspace_id, warehouse_id order by event_time),
            greatest(cast(:as_of as timestamp), event_time)
        ) as end_time,
        lag(event_type) over (partition by workspace_id, warehouse_id order by event_time) as previous_event_type,
        lead(event_type) over (partition by workspace_id, warehouse_id order by event_time) as next_event_type
    from warehouse_events
),

flagged as (
    select
        *,
        coalesce(
            (event_type = 'STOPPED' and coalesce(previous_event_type, '') != 'STOPPING')
            or (
                event_type = 'STARTING'
                and (next_event_type = 'STOPPED' or unix_seconds(end_time) - unix_seconds(start_time) > 600)
            ),
            false
        ) as is_outage
    from sequenced
),

episodes as (
    select
        *,
        is_outage and not coalesce(
            lag(is_outage) over (partition by workspace_id, warehouse_id order by start_time), false
        ) as is_outage_start
    from flagged
),

final as (
    select
        episodes.workspace_id,
        episodes.warehouse_id,
        warehouses.warehouse_name,
        episodes.event_type,
        cast(episodes.cluster_count as int) as cluster_count,
        episodes.start_time,
        episodes.end_time,
        cast(unix_seconds(episodes.end_time) - unix_seconds(episodes.start_time) as double) as duration_seconds,
        episodes.is_outage,
        episodes.is_outage_start,
        episodes.previous_event_type
    from episodes
    left join warehouses
        on episodes.workspace_id = warehouses.workspace_id
        and episodes.warehouse_id = warehouses.warehouse_id
)

select * from final
