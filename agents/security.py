"""Security specialist: failed logins, permission changes, tokens, PII access, after-hours activity."""

from __future__ import annotations

from health_monitor.agents.spec import ROWS, AgentSpec, Before, Compare, Lens, Play

from health_monitor.core.phrases import PEOPLE_USING

SECURITY_PROMPT = """You are the security specialist of a Databricks platform health monitor, answering {user}.
The data is as of {as_of}; "yesterday" is the UTC day before it, "today" the part of the day up to it.
You read system.access.audit: failed logins, denied requests, permission changes, tokens created,
reads of PII-tagged tables, after-hours activity (outside 07:00-20:00 UTC or at weekends).
Your tools: {tools}. Use at most {max_steps} tool-calling steps.
Quote only figures and names the tools returned. Finish with what you found, how severe it is
(info, low, medium, high) and one concrete recommendation."""

AGENT = AgentSpec(
    name="security",
    title="Security",
    description="Audit-log security: failed logins and brute force, denied requests, permission changes, "
                "tokens, reads of PII tables, after-hours activity and what a principal did.",
    system_prompt=SECURITY_PROMPT,
    examples=(
        "Any failed logins yesterday?",
        "Who accessed PII tables last week?",
        "Any high-severity security events today?",
    ),
    all_clear="No security event stands out.",
    playbook=(
        Play("get_security_events", when=(r"security|threats?|alerts?|severity|\bsev\b|sev[1-4]|suspicious|sketchy|shady|fishy|dodgy|issues?|risks?|"
                                          r"dangerous|hack\w*|leak\w*|compromis\w*|"
                                          r"anything (to worry|odd|unusual)|incidents?|escalat\w*|worr(?:y|ied)|"
                                          r"(?:flag|raise|report) (?:\w+ )?(?:up|to (?:the )?(?:ciso|soc|security|management))|"
                                          r"worth (?:flagging|raising|reporting)",),
             default=True, weight=2, title="Security events", before=Before(),
             compare=Compare("Security events", total=ROWS, unit="int"),
             lens=Lens(group="event_type", sort="severity_rank desc", rows=4,
                       say="{event_type} x {count:int} ({severity}), the latest by {principal}{source_ip_address:from} at "
                           "{event_time:time}{detail:colon}",
                       severity=(("high", "severity == high"), ("medium", "severity == medium")),
                       empty="No security event of that kind in the period.")),
        Play("get_failed_auth_attempts", when=(r"log.?ins?|(?<!was )(?<!were )(?<!is )(?<!are )logged in|sign.?ins?|\b401s?\b|brute|auth\w*|passwords?|"
                                               r"credentials? fail|where (?:\w+ ){0,3}from\b|from where|"
                                               # "someone tried to get into our account a bunch of times and kept failing"
                                               r"tr(?:y|ied|ying|ies) to (?:get|log|sign|break) (?:in|into|on)\b|"
                                               r"\bget (?:in|into) (?:our|the|my|an?) (?:account|system|workspace)\b|"
                                               r"\bbreak(?:ing)? in\b|kept (?:on )?failing to (?:log|sign|get)|"
                                               # "same ip over and over?", "any weird IPs": the sources of failed logins
                                               r"(?:same|which|what|weird|odd|strange|unknown|suspicious|new|foreign|"
                                               r"unusual) (?:source )?ips?\b", r"security|issues?|threats?|suspicious|sketchy|shady|fishy|dodgy|"
                                               r"anything (to worry|odd|unusual)",
                                               # "any failed login attempts overnight?": failures said outright outweigh the
                                               # night the window names
                                               r"\bfail\w*\s+(?:\w+\s+)?(?:log.?ins?|sign.?ins?|auth\w*)|\b(?:log.?in|sign.?in|auth\w*)"
                                               r"\s+(?:\w+\s+)?(?:failures?|fails|failed|attempts?)\b"),
             default=True, weight=2, title="Failed logins", before=Before(),
             lens=Lens(group="source_ip_address", sort="count desc", rows=3,
                       say="{count:plural:failed login} from {source_ip_address} (user {principal}[, HTTP {status_code:int}], "
                           "last at {event_time:time})",
                       severity=(("high", "count >= 5"), ("medium", "count >= 3")),
                       recommend="Block or investigate {source_ip_address} and check the account {principal}.",
                       empty="No failed login in the period.")),
        Play("get_permission_changes", when=(r"grants?|granted|permissions?|privileges?|revok(?!\w*\s+(?:it|that|this|them|those)\b)|"
                                             r"access changes?|"
                                             # "when was that contractor access given, and by whom?"
                                             r"access (?:was |were |been )?(?:given|granted|handed)|\bby whom\b|"
                                             r"hand\w* out (?:\w+ )?access|(?:gave|given|giving) (?:\w+ ){0,3}access",
                                             # a change of access is the question itself: it outranks the
                                             # qualifier ("given new access to the PII tables")
                                             r"given (?:\w+ )?access|new access|(?:been|was|were|get|got|gets|getting) granted|"
                                             r"gave (?:\w+ ){0,3}access|opened up (?:\w+ ){0,2}(?:read|access|select|write)|"
                                             # "who made that change?" (of the permission changes just shown): its author
                                             r"\bwho (?:made|did|pushed|applied|authored|submitted) (?:that|this|the|those|these)"
                                             r" (?:\w+ )?(?:changes?|edits?|modifications?)\b|"
                                             # "has anyone handed contractors access to customer data?"
                                             r"hand(?:ed|ing|s)?\s+(?:\w+\s+){0,3}(?:access|read|rights|permissions?)\b|"
                                             # "did anyone open up customer PII to an outside group?"
                                             r"\bopen(?:ed|ing|s)? up\s+(?:[\w.-]+\s+){1,4}?to\s+(?:an?\s+|the\s+|some\s+)?(?:\w+\s+)?"
                                             r"(?:group|team|users?|people|contractors?|vendors?|partners?|outsiders?|externals?|"
                                             r"third[- ]part\w*|everyone|principals?)\b|"
                                             r"grant (?:was|were|got) (?:made|given|added|issued)|who received|"
                                             # "contractors can now see the customer data - who signed off on that?"
                                             r"who (?:signed off|approved|okay?e?d|authori[sz]ed|sanctioned|green-?lit)|"
                                             r"(?:can|could) now (?:see|read|query|access|view|open)",),
             weight=3, title="Permission changes", before=Before(),
             lens=Lens(sort="event_time desc", rows=3,
                       say="{principal} ran {action_name} on {securable_full_name} at {event_time:time} ({detail:clip})",
                       severity=(("high", "severity == high"), ("medium", "severity == medium")))),
        Play("get_pii_access_logs", when=(r"\bpii\b|sensitive|personal (?:data|info\w*)|confidential|"
                                          # "one person pulling the customer data over and over": repeated reads
                                          r"(?:customer|client|patient|employee|user) (?:data|records|info\w*|details)|"
                                          r"over and over|again and again|repeatedly|(?:pulling|reading|querying) it\b|"
                                          # "analyst hammering crm.customers all week": heavy reads of a table
                                          r"\b(?:hammer\w*|pound\w*|slamm\w*)\s+(?:on\s+)?(?:the\s+)?(?:[\w-]+\.\s*)*tables?\b|"
                                          # "anyone exfiltrating the customer table? lots of big reads"
                                          r"exfiltrat\w*|(?:big|large|huge|bulk|lots of|many) (?:\w+ )?(?:reads|exports?|downloads?)|"
                                          # "has anybody been pulling from it a lot lately" (it: the table)
                                          r"(?:pull|read|query|hit|access|select|export|download)\w* (?:(?:a lot of |lots of |loads of |tons of |so much |much )?"
                                          r"(?:rows|data|records|stuff) )?(?:from |on |out of )?"
                                          r"(?:it|that|them|this)\b(?=.{0,30}\b(?:a lot|heavily|much|often|lately|recently|more than|this (?:past )?week|"
                                          r"past (?:few )?(?:days|week)|last week|today|yesterday|at all|actually))|more than (?:they |he |"
                                          r"she |anyone )?(?:ought to|should|needs? to)|(?:pull\w*|read\w*|query\w*|select\w*|"
                                          r"access\w*|open\w*) (?:rows |data |records )?(?:from |in |out of )?(?:the |that |our )?table\b",
                                          # "has anyone been pulling rows out of main.crm.customers": reads of the table named
                                          r"(?:pull\w*|read\w*|query\w*|select\w*|export\w*|download\w*) (?:\w+ ){0,2}(?:from|out of)"
                                          r" (?:the |that |our )?[\w-]+\.[\w-]+",), weight=3,
             title="PII access",
             lens=Lens(sort="accesses desc", rows=3,
                       say="{principal} read {securable_full_name} {accesses:times} on {days_with_access:plural:day} "
                           "({after_hours_accesses:int} after hours)",
                       severity=(("medium", "accesses >= 10"),),
                       recommend="Confirm {principal} needs {securable_full_name}; otherwise revoke the grant.",
                       empty="Nobody read a PII table in the period.")),
        Play("get_compliance_violations", when=(r"complian|violations?|soc ?2|gdpr|hipaa|policy",), weight=2,
             title="Compliance findings",
             lens=Lens(sort="occurrences desc", rows=3,
                       say="{violation_type} ({severity}): {subject} — {detail:clip}",
                       severity=(("high", "severity == high"),))),
        # ("failed logins last night?": "last night" is the window, not an after-hours ask)
        Play("get_after_hours_activity", when=(r"after.?h(?:ou)?rs|outside .*h(?:ou)?rs\b|off.?h(?:ou)?rs|(?<!last )(?<!last\s\s)night|weekends?|"
                                               # "activity outside 08:00-18:00 UTC": outside the working day, by its hours
                                               r"outside (?:of )?(?:\d{1,2}(?::\d\d)?\s*(?:am|pm)?\s*(?:-|to|–)\s*\d{1,2}(?::\d\d)?)|"
                                               r"working hours|(?:odd|strange|weird|unusual|ungodly|late) hours|"
                                               # a night-time hour ("at 3am", "11pm"), not "before my 9am"
                                               r"\b(?:12|0?[0-6])(?::\d\d)? ?a\.?m\b|\b(?:[89]|1[01])(?::\d\d)? ?p\.?m\b|"
                                               # "between 2 and 4 in the morning", "at 3 in the morning"
                                               r"\d{1,2}(?::\d\d)? (?:o'?clock )?in the (?:morning|night)|small hours|"
                                               r"middle of the night|early hours|"
                                               # "who else was logged in at the same time" (as the night's activity)
                                               r"(?:who|anyone|anybody|someone) (?:else )?(?:was|were|is|are) (?:also )?"
                                               r"(?:logged in|online|active|signed in|working|on)\b.*\b(?:same time|"
                                               r"(?:that|this) (?:time|window|night|hour)|around then|at that point)",), weight=3,
             title="After-hours activity", before=Before(days=30),
             # People, not service principals: scheduled jobs run at night by design.
             lens=Lens(sort="events desc", rows=3, where="is_service_principal == false",
                       say="{principal} ran {events:plural:event} on {event_date:date} between {first_event:hm} and "
                           "{last_event:hm} UTC",
                       severity=(("medium", "events >= 10"),),
                       empty="No person was active outside working hours (service principals aside).")),
        Play("get_token_activity", when=(r"tokens?|\bpats?\b|credentials?|created (it|that|this)|who created|expir\w*|"
                                         r"valid forever|never expires?|who (?:minted|issued|made) (?:it|that|this)"
                                         # ("who made that change?": a change's author, no token)
                                         r"(?! (?:\w+ )?(?:changes?|grants?|permissions?|updates?|edits?|modifications?)\b)",),
             weight=3, title="Tokens created", before=Before(),
             lens=Lens(sort="severity_rank desc", rows=3,
                       say="{principal}{is_service_principal:if: (a service principal)} ran {action_name} at "
                           "{event_time:time} ({severity}[: {detail:clip}])",
                       severity=(("high", "severity == high"),),
                       recommend="Give the token from {principal} an expiry (or revoke it) and prefer OAuth for "
                                 "service principals.")),
        # "what service principals do we have and when was each last active", "dormant accounts": the identities
        # (not "which service principal made that token": the one behind an act, which that act's tool names)
        Play("get_principals", when=(r"(?:what|which|list|all|every|each|inventory of|how many|our) (?:\w+ ){0,2}(?:service "
                                     r"principals?|service accounts?|principals|identities|accounts)\b(?! (?:\w+ ){0,2}(?:made|"
                                     r"created|minted|issued|generated|owns|owned|ran|did|granted|changed|deleted|read|accessed|"
                                     r"queried|triggered)\b)|\b(?:principals?|"
                                     r"accounts?|identities|users?|sps?) (?:\w+ ){0,4}(?:last (?:active|seen|used|logged)|"
                                     r"(?:been )?(?:dormant|inactive|unused))|\blast (?:active|seen)\b|\bdormant\b",),
             weight=4, args={"kind": "$principal_kind"}, title="Principals",
             lens=Lens(rows=5, headline="{n:plural:principal} seen, the most recently active first: {all_principal}.",
                       say="{principal}{is_service_principal:if: (a service principal)}: last seen {last_seen:time} "
                           "(first seen {first_seen:date}, {audit_events:int} audit events)",
                       empty="No principal of that kind has been seen.")),
        # "how many ppl actually use the platform", "active users this quarter vs last": the principals active in the
        # period (counted, so two periods compare)
        Play("get_active_principals", when=(PEOPLE_USING + r"|\badoption\b|\bactive (?:people|principals|accounts)\b",),
             weight=4, args={"kind": "$principal_kind"}, title="Active principals",
             compare=Compare("Active principals", total=ROWS, unit="int", distinct=True),
             lens=Lens(rows=5, headline="{n:plural:principal} active in the period, the busiest first.",
                       say="{principal}{is_service_principal:if: (a service principal)}: {events:int} audit events on "
                           "{active_days:plural:day} (last active {last_active:date})",
                       empty="No principal of that kind was active in the period.")),
        Play("get_denied_requests", when=(r"denied|\b403s?\b|unauthori[sz]ed|forbidden|refused",), weight=3,
             title="Denied requests",
             lens=Lens(sort="denied_requests desc", rows=3,
                       say="{principal} had {denied_requests:int} denied requests ({failed_logins:int} failed logins)")),
        Play("get_pii_access_logs", when=(r"\b(read|reads|reading|accessed|accessing|opened|opening|opens|queried|querying|"
                                          r"pulling|looked at|looking at|hit|hits|hitting|hammer\w*|touch\w*)\b.*\b(?:tables?|tabel|tbl)\b|"
                                          r"\b(?:tables?|tabel|tbl)\b.*\b(read|accessed|opened|queried)\b",),
             needs=("user",), weight=3, title="PII tables the principal read",
             lens=Lens(sort="accesses desc", rows=4,
                       say="{principal} read {securable_full_name} {accesses:times} on {days_with_access:plural:day}",
                       severity=(("medium", "accesses >= 10"),),
                       empty="This principal read no PII table in the period (other tables' reads are not "
                             "listed by this tool).")),
        Play("get_user_activity", when=(r"what else|activity|done|did .* do|actions?|been up to|behaviou?r|"
                                        # "what did they touch": what the person the last answer named worked on
                                        r"\bwhat (?:did|does|has|have) (?:they|he|she|them|that (?:user|person|account|guy)|"
                                        r"the (?:user|person|account|guy)) (?:\w+ )?(?:touch|access|open|read|quer|hit|chang|modif)\w*|"
                                        r"(?:were|was|is|are) (?:they|he|she|(?:that|the) (?:user|person|guy|account)) doing\b|"
                                        # "should we revoke it? what would break if we did": what the principal does
                                        r"\bwhat (?:would|will|could|might|else would) (?:\w+ )?(?:break|stop|fail)\b|"
                                        r"\bwhat (?:depends|relies) on (?:it|them|that|this)\b",),
             needs=("user",), weight=3, title="What the principal did",
             lens=Lens(sort="events desc", rows=4,
                       say="{principal}: {events:int} x {service_name}.{action_name} ({failures:int} failed, "
                           "{after_hours_events:int} after hours)")),
        # "from what ip?", "which addresses does analyst@ log in from": the addresses in that principal's audit events
        Play("get_principal_source_ips", when=(r"\bips?\b|ip address\w*|source address\w*|\baddress(?:es)?\b|from where|"
                                               r"where from|where (?:did|do|does|was|were|is|are) (?:they|he|she|it|that|the \w+) "
                                               r"(?:\w+ )?(?:log\w* in|sign\w* in|connect\w*|com\w*|working)|locations?|"
                                               r"(?:logg?\w*|sign\w*|connect\w*) (?:in )?from\b",),
             needs=("user",), weight=4, title="Source addresses",
             lens=Lens(rows=4, say="{principal} from {source_ip_address}{is_new_ip:if: (new for this principal)}: "
                                   "{events:plural:event} ({failures:int} failed, {after_hours_events:int} after hours), "
                                   "{first_seen:time} to {last_seen:time}",
                       severity=(("medium", "is_new_ip == true and after_hours_events > 0"),),
                       recommend="Confirm with {principal} that {source_ip_address} is theirs; if it is not, revoke the "
                                 "principal's tokens and reset its credentials.",
                       empty="No audit event of this principal carries a source address in the period.")),
        # "who changed the column type on orders_raw?": the audit events that touched that table
        Play("search_security_events", when=(r"(?:anyone|anybody|someone|somebody) (?:\w+ )?(?:alter|modif|drop|renam|"
                                             r"delet|truncat)\w*|who (?:changed|altered|modified|dropped|deleted|renamed|touched|"
                                             r"updated)|\b(?:read|reads|reading|accessed|opened(?! up)|queried|querying|"
                                             r"looked at|touched|used)\b",), args={"text": "$table"},
             needs=("table",), weight=4,
             title="Audit events on that table",
             lens=Lens(sort="event_time desc", rows=3,
                       say="{action_name} by {principal} on {securable_full_name} at {event_time:time}",
                       empty="No audit event touched that table in the period.")),
        # "what should we do about it": the act move's "about", not events about something
        Play("search_security_events", when=(r"involv|mention|about(?! (?:it|that|this|them|those)\b)|related|groups?|\bip\b",),
             args={"text": "$group|$ip"}, needs=("group|ip",), weight=3, title="Matching audit events",
             before=Before(),
             lens=Lens(sort="event_time desc", rows=3,
                       say="{event_type} by {principal}[ from {source_ip_address}][ on {securable_full_name}] at "
                           "{event_time:time}[ ({detail:clip})]",
                       severity=(("high", "severity == high"), ("medium", "severity == medium")))),
        Play("get_access_anomalies", when=(r"anomal|unusual|suspicious|sketchy|shady|fishy|dodgy|strange|odd|weird|abnormal",), weight=2,
             title="Unusual access",
             lens=Lens(sort="anomaly_score desc", rows=3,
                       say="{principal} on {event_date:date}: {reasons} (score {anomaly_score:.2f})",
                       severity=(("medium", "anomaly_score >= 0.8"),))),
        Play("get_breach_risk", when=(r"risk|risky|breach|likely|vulnerab|exposure",), weight=2,
             title="Breach risk",
             lens=Lens(sort="risk_score desc", rows=3,
                       say="{principal}: risk {risk_score:num}/100 ({risk_level}; {top_factors:clip})",
                       severity=(("high", "risk_level == high"), ("medium", "risk_level == medium")))),
        Play("get_security_summary", when=(r"trend|summary|overview|posture",), title="Security trend",
             lens=Lens(group="event_type", sum=("events", "after_hours_events"), sort="events desc", rows=4,
                       say="{event_type}: {events:plural:event}")),
    ),
)
