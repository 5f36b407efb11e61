"""Governance specialist: lineage, grants and access reviews, documentation and ownership, compliance."""

from __future__ import annotations

import dataclasses

from health_monitor.agents.spec import CLUSTERS, JOB_OWNERS, AgentSpec, Before, Lens, Play

from health_monitor.core.phrases import DESCRIPTION_WORDS

#: Tables nobody uses: archive or deprecation candidates.
UNREAD = (r"(?:nobody|no ?one|no one) (?:has |have |even )?(?:\w+ )?(?:read|reads|uses?|used|touch\w*|quer\w*|open\w*|"
          r"look\w* at)|(?:unused|unread|orphan\w*|abandoned|dead) tables?|tables? (?:that )?(?:no ?one|nobody) "
          r"(?:\w+ )?(?:reads?|uses?|used|touch\w*)|archiv\w*|(?:deprecat|decommission)\w* candidates?|candidates? (?:for|to) "
          r"(?:archiv|deprecat|retir|drop|delet)\w*|(?:not|never) (?:been )?(?:read|used|queried|touched) (?:in|for|since)")
#: Who reads a table: whom a change or a retirement affects.
READERS = (r"(?:heaviest|top|biggest|main|frequent|regular|active) (?:readers?|users?|consumers?)|readers? of|"
           r"(?:reading|reads|read|using|uses|querying|queries) (?:\w+ ){0,3}the most|"
           r"who (?:\w+ )?(?:reads|uses|queries|consumes|relies on) (?:it|that|this|them|the \w+|[\w]+\.[\w.]+)|"
           r"(?:warn|tell|notify) (?:\w+ ){0,2}before (?:we |i )?(?:retire|drop|deprecate|delete|archive|decommission)")

GOVERNANCE_PROMPT = """You are the governance specialist of a Databricks platform health monitor, answering {user}.
The data is as of {as_of}.
You cover Unity Catalog lineage (upstream and downstream, tables and columns), grants and who can
read what (PII tables first), documentation and ownership gaps (tables with no description) and
compliance controls (SOC 2, GDPR, HIPAA, PCI).
Your tools: {tools}. Use at most {max_steps} tool-calling steps.
Quote only names and figures the tools returned. Finish with what you found, how severe it is
(info, low, medium, high) and one concrete recommendation."""

PII_TABLES = Lens(sort="readers desc", rows=3,
                  say="{table_full_name} (owner {table_owner}) can be read by {readers:plural:principal}: {readers_list:clip}")

AGENT = AgentSpec(
    name="governance",
    title="Governance",
    description="Unity Catalog lineage (upstream sources, downstream consumers), grants and access reviews, "
                "tables missing descriptions or owners, PII tables and compliance controls.",
    system_prompt=GOVERNANCE_PROMPT,
    examples=(
        "What consumes system.billing.usage downstream?",
        "List tables missing a comment in the main catalog",
        "Who can read the PII tables?",
    ),
    all_clear="No governance gap stands out.",
    playbook=(
        Play("get_table_lineage", when=(r"lineage|linage|upstream|downstream|consum|depend|comes? from|coming from|"
                                        # (an arrow between tables; "admin@company.com -> group contractors" is a grant)
                                        r"\b(?:chain|path|flow) (?:\w+ ){0,2}from\b|(?<!user)(?<!group)(?<!grantee)(?<!principal)"
                                        r"(?<!\s)\s+(?:->|→|=>)\s+(?!(?:the )?(?:group|grantee|user|principal|role)\b)|"
                                        # "which tables make up the orders reporting chain, from raw through to gold?"
                                        r"\b(?:reporting|data|processing|refresh|medallion|table|etl|pipeline) chain\b|"
                                        r"\bfrom (?:the )?(?:raw|bronze|source)\b.{0,20}\b(?:to|into|up to) (?:the )?(?:gold|silver|end)\b|"
                                        r"where (?:does|do|did) .{0,50}\b(?:pull|load|source)\w* (?:its |their )?(?:data |rows )?from\b|"
                                        r"feeds?|\bfed\b|(?:built|derived|sourced|loaded|computed) (?:from|off)\b|trac\w* .{0,40}back|sources?\b|origin\w*|"
                                        r"\breads? (?:directly |straight |only )?from\b|source of|get\w* (?:its|their) data|(?:up|down) the chain|\bbreak|\bbroke\b|blast radius|impact|if (?:i|we) (?:drop|delete|remove|"
                                        r"rename|deprecate)\b",), weight=3, title="Lineage",
             args={"table_name": "$table|$_figures_table"},
             lens=Lens(sort="direction desc, hops", rows=5,
                       headline="{n:plural:lineage edge} found.",
                       say="{source_table_full_name} -> {target_table_full_name} ({direction}, {hops:plural:hop})",
                       empty="No lineage recorded for that table.")),
        Play("get_column_lineage", when=(r"column.?level|which columns?|column lineage",), weight=3,
             title="Column lineage",
             lens=Lens(rows=4, say="{source_table_full_name}.{source_column_name} -> "
                                   "{target_table_full_name}.{target_column_name}")),
        # "every grant admin@ made", "privileges she handed out": what that person granted (planner: the grantor slot)
        Play("get_grants_by_principal", when=(r"privileges?|permissions?|perms|grant\w*|access|handed|gave|made",),
             # (every privilege the person granted, read for the one asked: "why did admin grant MODIFY?" when it was
             # SELECT says none of that kind and shows what was granted)
             needs=("grantor",), weight=4, args={"grantor": "$grantor", "grantee": "$group", "privilege": None},
             title="Grants made",
             lens=Lens(sort="is_pii desc", rows=5, headline="{grantor} granted {n:plural:privilege} in all.",
                       say="{privilege_type} on {table_full_name} to {grantee}[ (granted {last_granted:time})]",
                       severity=(("medium", "is_pii == true"),),
                       empty="That person granted nothing that is still in place.")),
        Play("get_grants_by_principal", when=(r"\bmodify\b|\bselect\b|privileges?|granted|grants?|who (has|can)|"
                                              r"what can",), weight=2, unless=("grantor",),
             args={"grantee": "$group|$user", "privilege": "$privilege", "grantor": None}, title="Grants",
             lens=Lens(sort="is_pii desc", rows=4,
                       say="{grantee} holds {privilege_type} on {table_full_name} (granted by {grantor})",
                       severity=(("high", "is_pii == true and privilege_type == MODIFY"),
                                 ("high", "is_pii == true and privilege_type == ALL PRIVILEGES"),
                                 ("medium", "is_pii == true")),
                       empty="No grant matches.")),
        Play("get_permission_changes", when=(r"chang\w*|recent\w*|who granted|revok\w*|permissions?|who gave|"
                                             r"gave (?:\w+ ){0,4}access|given (?:\w+ ){0,2}access|new grants?|"
                                             r"grants? (?:\w+ ){0,3}(?:issued|given|added|made|created)|"
                                             r"(?:issued|added|made) (?:\w+ ){0,2}grants?",), weight=3,
             title="Permission changes", before=Before(),
             lens=Lens(sort="event_time desc", rows=3,
                       say="{principal} ran {action_name} on {securable_full_name} at {event_time:time} ({detail:clip})",
                       severity=(("high", "severity == high"), ("medium", "severity == medium")),
                       empty="No grant or permission changed in the period.")),
        Play("get_access_grants", when=(r"access review|who (?:else |all |exactly |currently |now )?(can|has|could) (access|read|see)|"
                                        r"review access|"
                                        r"(?:able|allowed|permitted|entitled) to (?:read|see|query|access)|"
                                        r"recertif|pii tables?|entitlements?|holds? (?:read|select)",), weight=2,
             title="Access review",
             lens=Lens(sort="is_pii desc", rows=5,
                       say="{grantee}: {privilege_type} on {table_full_name}[ (granted {last_granted:time})]",
                       severity=(("medium", "is_pii == true"),),
                       recommend="Have the owners of the PII tables confirm each grantee, starting with groups.")),
        Play("get_compliance_report", when=(r"complian|soc ?2|gdpr|hipaa|\bpci\b|audit readiness|controls?|"
                                            r"access review",), weight=2,
             args={"regulation": "$regulation"}, title="Compliance controls",
             lens=Lens(where="status != pass", sort="findings desc", rows=4,
                       say="{control_id} {control}: {status} ({findings:plural:finding}; {evidence:clip})",
                       severity=(("high", "status == fail"), ("medium", "status == warn")),
                       empty="Every control passes.")),
        # "who's allowed to spin up GPU clusters": not in the system tables (entitlements and cluster policies' permissions
        # live in the workspace); who owns or created the clusters that exist is, so that is shown, said as such
        Play("get_clusters", when=(r"\b(?:who|which (?:users|people|groups))(?:'s| is| are)? (?:\w+ ){0,2}(?:allowed|permitted|"
                                   r"able|entitled|authori[sz]ed|can|may) (?:to )?(?:\w+ ){0,1}(?:create|spin up|launch|start|"
                                   r"make|provision) (?:\w+ ){0,2}clusters?\b|\bcluster (?:creation|create) "
                                   r"(?:permissions?|rights|entitlements?)\b|\bcluster polic(?:y|ies)\b",), weight=5,
             args={"compute": "$compute"}, title="Who can create clusters",
             lens=dataclasses.replace(
                 CLUSTERS, headline="Who may create clusters is not measured: workspace entitlements and cluster policy "
                                    "permissions are not in the system tables (see the workspace admin settings or the "
                                    "Permissions API). Who owns the {n:plural:cluster} that exist: {all_owned_by}.")),
        # ("it's in my onboarding doc": the asker's own document, not the tables')
        Play("get_undocumented_tables", when=(rf"{DESCRIPTION_WORDS}|"
                                              # "a data dictionary; some tables have no explanation of what they are"
                                              r"data dictionar(?:y|ies)|\b(?:no|missing|without|lack\w*) (?:an? |any )?"
                                              r"explanations?\b|"
                                              # "do we document our tables at all"
                                              r"\bdocument(?:ing|ed|s)? (?:our |the |their |its |these |those |any )?(?:\w+ )?(?:tables?|"
                                              r"schemas?|datasets?|columns?|catalogs?)\b|"
                                              r"(?<!my )(?<!our )(?<!onboarding )(?<!the )\bdocs?\b",),
             weight=3, title="Tables without a description",
             lens=Lens(group="table_schema", sort="count desc", rows=4,
                       headline="Tables without a description in {n:plural:schema}.",
                       say="{table_schema}: {count:plural:table}, e.g. {table_full_name} (owner {table_owner})",
                       severity=(("low", "count >= 1"),),
                       recommend="Add a COMMENT to each table (owners first), starting with {table_full_name}.",
                       empty="Every table has a description.")),
        # "tables in main with no owner or no tags?": only those two gaps (a missing description is another ask)
        Play("get_metadata_quality", when=(r"\b(?:no|without|missing|lack\w*)\s+(?:an?\s+|any\s+)?(?:owners?|tags?)\b|"
                                           r"untagged tables|unowned|ownerless",), weight=3,
             title="Tables without an owner or tags",
             lens=Lens(where="owner_tag_gaps > 0", sort="owner_tag_gaps desc", rows=5, say="{table_full_name}: {gaps}",
                       recommend="Set an owner and at least one tag on {table_full_name} first.",
                       empty="Every table here has an owner and at least one tag.")),
        # "every table tagged PII" asks which tables carry the tag, not which lack one
        Play("get_metadata_quality", when=(r"metadata|tags?\b(?! (?:as )?(?:pii|sensitive|personal|confidential))|"
                                           r"tagged\b(?! (?:as |with )?(?:pii|sensitive|personal|confidential))|gaps?|"
                                           r"classification",), weight=2,
             title="Metadata gaps",
             lens=Lens(where="gap_count > 0", sort="gap_count desc", rows=4, say="{table_full_name}: {gaps}")),
        JOB_OWNERS,  # "who owns nightly_etl?": the job's creator and run-as identity
        # "every table tagged PII + the owner of each": the owners of the tables just listed, which their play says
        Play("get_table_owners", when=(r"(?<!\bno )(?<!without )(?<!without an )(?<!missing )(?<!lacking an )"
                                       r"owners?\b(?! of (?:each|them|those|these|it|every one|each one)\b)|\bowns?\b|owned|ownership|"
                                       r"who (created|maintains)",), weight=2,
             title="Owners",
             lens=Lens(rows=4, say="{table_full_name} is owned by {table_owner} (last changed by {last_altered_by})")),
        Play("get_catalog_inventory", when=(r"\bcatalogs\b|\bschemas\b|inventory|how many tables|what (?:tables|data|"
                                            r"datasets) (?:exist|do we have|is there)|landscape|what exists",),
             weight=3, title="Catalogs and schemas",
             lens=Lens(sort="tables desc", rows=5,
                       headline="{n:plural:schema} hold {total_tables:int} tables.",
                       say="{table_catalog}.{table_schema}: {tables:plural:table} ({views:int} views, "
                           "{undocumented:int} undocumented, {pii_tables:int} PII), {owners:plural:owner}")),
        # "which tables has nobody read in 90 days? archive candidates": tables with no read in the audit log
        Play("get_table_usage", when=(UNREAD,), args={"show": "unread"}, weight=4, title="Tables nobody read",
             lens=Lens(where="reads == 0", sort="last_write_time, table_full_name", rows=5,
                       headline="{n} tables nobody read in the period (least recently written first).",
                       say="{table_full_name} (owner {table_owner}[, last written {last_write_time:date}])",
                       empty="Every table was read in the period.")),
        # "who are the heaviest readers of orders_gold? I'll warn them before we retire it"
        Play("get_table_usage", when=(READERS,), weight=4, title="Who reads it",
             lens=Lens(where="reads > 0", sort="reads desc", rows=5,
                       say="{reader} read {table_full_name} {reads:times} on {days_read:plural:day} (last {last_read:time})",
                       empty="Nobody read it in the period.")),
        Play("get_pii_tables", when=(r"\bpii\b|sensitive|personal (?:data|info\w*)|confidential",), default=True, title="PII tables",
             lens=PII_TABLES),
        # "what PII tables do we have and who can query them?": the inventory, each with its readers
        # ("which PII-tagged tables do we have": the tag's word joined to it)
        Play("get_pii_tables", when=(r"(?:what|which|list|all|every)(?: \w+){0,2} (?:pii|sensitive|personal)(?:[- ](?:tagged|flagged|"
                                     r"labell?ed|classified|marked))? tables|"
                                     r"(?:pii|sensitive)(?:[- ](?:tagged|flagged|labell?ed|classified|marked))? tables (?:do we have|"
                                     r"are there|exist|we have)|"
                                     r"(?:which|what)(?: \w+){0,3} (?:tables?|ones?)(?: (?:in|of|across|on) (?:\w+ ){0,3}?\w+)? (?:carry|carries|have|has|hold|holds|contain|contains|"
                                     r"are tagged|tagged)(?: \w+){0,2} (?:pii|sensitive|personal)|"
                                     # "the inventory of tables carrying a PII classification tag"
                                     # ("the tables in the main catalog that are tagged as containing PII")
                                     r"\btables(?: (?:in|of|across|on|from) (?:\w+ ){0,3}?\w+)?,? (?:(?:that|which) )?(?:are )?"
                                     r"(?:carry\w*|contain\w*|having|holding|tagged|marked|labell?ed|classified|flagged)"
                                     r"(?: as| with)?(?: containing| holding| having)? (?:an? |the )?(?:pii|sensitive|personal)",),
             weight=5,
             title="PII tables",
             lens=PII_TABLES),
        # "tags on crm.customers?": a named table's classification (its PII tag and who can read it)
        Play("get_pii_tables", when=(r"\btags?\b|tagged|classif\w*|labell?ed",), needs=("table",), weight=3,
             title="Tags", lens=Lens(rows=3, say="{table_full_name} is tagged PII (owner {table_owner}); "
                                               "{readers:plural:principal} can read it: {readers_list:clip}",
                                     empty="That table carries no PII tag.")),
        Play("get_untagged_spend", when=(r"untagged(?! (?:tables?|datasets?|columns?|schemas?|views?|catalogs?)\b)|cost tags?|"
                                         r"attribution",), title="Untagged spend",
             lens=Lens(sort="untagged_cost desc", rows=3,
                       say="{workspace_name} {untagged_cost:money} untagged ({untagged_pct:pct100})")),
        Play("get_metadata_quality", when=(), default=True, title="Metadata gaps",
             lens=Lens(where="gap_count > 0", sort="gap_count desc", rows=3, say="{table_full_name}: {gaps}",
                       empty="Every table has a description, an owner and tags.")),
    ),
)
