"""Governance tools: lineage (table and column), grants, metadata quality, owners, PII tables, compliance."""

from __future__ import annotations

from health_monitor.tools.params import Choice, Days, Name, Text
from health_monitor.tools.spec import Coverage, Tool, ToolParams, columns

GOV = ("governance",)


class TableParam(ToolParams):
    table_name: Name("table", "Table name, schema.table or catalog.schema.table (e.g. main.sales.orders_gold); "
                              "omit for all.")


class LineageParams(TableParam):
    job: Name("job", "Job name or id: start from the tables this job writes (its lineage), when no table is "
                     "named; omit for any writer.")


class TableUsageParams(TableParam):
    days: Days(30, max_days=365)
    show: Choice("unread", description="'unread': only the tables nobody read in the window (archive candidates).")


#: Reads come from the audit log's table events; an account whose audit log holds none cannot say "unread".
READS_COVERAGE = Coverage(
    sql="select count(*) from main.health_monitor.fact_audit where securable_full_name is not null",
    why="the audit log holds no table read (system.access.audit has no getTable or credential event on a table)",
    how="enable Unity Catalog audit logging for the workspaces and grant the app SELECT on system.access.audit")


class ColumnLineageParams(TableParam):
    column_name: Text("Optional column name to follow.")


class RegulationParams(ToolParams):
    regulation: Choice("soc2", "gdpr", "hipaa", "pci", description="Regulation whose controls to check.")


class SchemaParam(ToolParams):
    schema_name: Name("schema", "Schema name or catalog.schema (e.g. sales or main.sales); omit for all.",
                      alias="schema")


class CatalogParam(ToolParams):
    catalog: Name("catalog", "Catalog name (e.g. main); omit for every catalog except system.")


class MetadataParams(SchemaParam):
    catalog: Name("catalog", "Catalog name (e.g. main); omit for every catalog except system.")


class GrantsParams(ToolParams):
    grantee: Text("User or group holding the privilege (e.g. contractors); omit for all.")
    # a user's name (NameOf user): the rows it keeps are about that grantor, so answers do not narrow them again
    grantor: Name("user", "User who granted the privilege (e.g. 'every grant admin@company.com made'); omit for all.")
    privilege: Text("Privilege type (SELECT, MODIFY, ALL PRIVILEGES, ...); omit for all.")
    catalog: Name("catalog", "Catalog name (e.g. finance); omit for all.")


class NoArgs(ToolParams):
    pass


TOOLS: list[Tool] = [
    Tool(
        name="get_table_lineage", domain="governance", agents=GOV + ("quality",), params=LineageParams,
        description="Upstream sources and downstream consumers of a table (or of the tables a job writes) up to "
                    "3 hops, from system lineage and the Gold layer's own build edges, with the job or pipeline "
                    "writing each edge. Use for 'where does X come from', 'what consumes system.billing.usage', "
                    "'what does nightly_etl feed'.",
        returns=columns("direction string, hops int, source_table_full_name string, target_table_full_name string, "
                        "source_type string, target_type string, entity_type string, entity_id string, "
                        "job_id string, writer_name string, last_seen timestamp, events bigint"),
    ),
    Tool(
        name="get_column_lineage", domain="governance", agents=GOV, params=ColumnLineageParams,
        description="Column-level lineage into and out of a table (optionally one column): which source "
                    "columns feed which target columns.",
        returns=columns("direction string, source_table_full_name string, source_column_name string, "
                        "target_table_full_name string, target_column_name string, last_seen timestamp, "
                        "events bigint"),
    ),
    Tool(
        name="get_access_grants", domain="governance", agents=GOV + ("security",), params=TableParam,
        description="Who holds which privilege on a table (or on all tables, PII tables first, the most recently "
                    "granted first): grantee, privilege, grantor, inherited from, and when the audit log last saw "
                    "it granted. Use for access reviews of PII tables.",
        returns=columns("table_full_name string, grantee string, privilege_type string, grantor string, "
                        "is_grantable boolean, inherited_from string, is_pii boolean, last_granted timestamp"),
    ),
    Tool(
        name="get_table_usage", domain="governance", agents=GOV + ("security",), params=TableUsageParams,
        description="Who read a table (or every table) in the last N days, per reader: reads, days, last read; and "
                    "the tables nobody read in the window (reader empty, reads 0): archive candidates, and whom to "
                    "warn before retiring a table.",
        returns=columns("table_full_name string, table_owner string, is_pii boolean, reader string, "
                        "is_service_principal boolean, reads bigint, days_read bigint, last_read timestamp, "
                        "last_write_time timestamp"),
        coverage=READS_COVERAGE,
    ),
    Tool(
        name="get_grants_by_principal", domain="governance", agents=GOV + ("security",), params=GrantsParams,
        description="Privileges held by a user or group, or granted by one (grantor), and/or of one type (e.g. "
                    "MODIFY), optionally within a catalog; the most recently granted first. Use for 'who has MODIFY "
                    "on the finance catalog', 'what can contractors read', 'which grants did admin@ make'.",
        returns=columns("table_full_name string, table_catalog string, grantee string, privilege_type string, "
                        "grantor string, inherited_from string, is_pii boolean, last_granted timestamp"),
    ),
    Tool(
        name="get_compliance_report", domain="governance", agents=GOV + ("security",), params=RegulationParams,
        description="Control checks for a regulation (soc2, gdpr, hipaa, pci): PII access review, PII reads, "
                    "credentials without expiry, failed logins, documented and owned tables, tagged spend; each "
                    "with a status (pass, warn, fail, review) and evidence. Use for 'generate an access review'.",
        returns=columns("regulation string, control_id string, control string, status string, findings bigint, "
                        "evidence string"),
    ),
    Tool(
        name="get_metadata_quality", domain="governance", agents=GOV + ("quality",), params=MetadataParams,
        description="Metadata gaps of the tables of a schema or a catalog: missing description, owner or tags, and "
                    "PII flag; tables with most gaps first. Use for 'which tables have no description' or 'tables "
                    "in main with no owner or no tags'.",
        returns=columns("table_full_name string, table_type string, table_owner string, has_comment boolean, "
                        "has_tags boolean, is_pii boolean, gaps string, gap_count int, owner_tag_gaps int"),
    ),
    Tool(
        name="get_undocumented_tables", domain="governance", agents=GOV, params=CatalogParam,
        description="Tables without a description (comment) in a catalog, with owner and PII flag. Use for "
                    "'list tables missing a comment in the main catalog'.",
        returns=columns("table_full_name string, table_schema string, table_type string, table_owner string, "
                        "created timestamp, last_altered timestamp, is_pii boolean"),
    ),
    Tool(
        name="get_catalog_inventory", domain="governance", agents=GOV, params=CatalogParam,
        description="What exists: every catalog and schema (system aside) with its number of tables and views, "
                    "undocumented and PII tables, owners and last change. Use for 'what catalogs and schemas do "
                    "we have' or 'how many tables are in each schema'.",
        returns=columns("table_catalog string, table_schema string, tables bigint, views bigint, "
                        "undocumented bigint, pii_tables bigint, owners bigint, last_altered timestamp"),
    ),
    Tool(
        name="get_table_owners", domain="governance", agents=GOV, params=MetadataParams,
        description="Owner, creator and last modifier of each table of a schema or a catalog (or all).",
        returns=columns("table_full_name string, table_owner string, created_by string, created timestamp, "
                        "last_altered_by string, last_altered timestamp, is_pii boolean"),
    ),
    Tool(
        name="get_pii_tables", domain="governance", agents=GOV + ("security",), params=NoArgs,
        description="PII-tagged tables with their PII columns, owner and the principals who may read them.",
        returns=columns("table_full_name string, table_owner string, pii_columns string, readers bigint, "
                        "readers_list string, has_comment boolean"),
    ),
]
