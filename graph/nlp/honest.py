"""Honest "no": questions the data cannot answer get a specific sentence instead of unrelated figures.

Each check is a row of data: another product's bill or data (this monitor reads one Databricks
account's system tables), a window after the data's as-of instant, a window before the data starts,
a name that is not in the account (with the closest known names). Checks return a (refusal, sentence)
pair or None; the supervisor declines with the sentence, and no tool runs.
"""

from __future__ import annotations

import difflib
import re
from datetime import date

#: Stands for the vendor the question named ("our Slack bill": Slack).
_VENDOR = "vendor"
#: Vendors' names as written in the answer.
VENDORS = {"palo alto": "Palo Alto Networks", "fortigate": "Fortinet", "fortinet": "Fortinet", "check ?point": "Check Point",
           "cisco asa": "Cisco ASA", "pfsense": "pfSense", "purview": "Microsoft Purview", "sentinel": "Microsoft Sentinel", "chronicle": "Google Chronicle",
           "azure devops": "Azure DevOps", "github actions": "GitHub Actions", "jenkins": "Jenkins",
           "circleci": "CircleCI", "circle ci": "CircleCI", "gitlab": "GitLab", "salesforce": "Salesforce", "hubspot": "HubSpot", "opsgenie": "Opsgenie", "datadog": "Datadog", "new relic": "New Relic", "dynatrace": "Dynatrace", "honeycomb": "Honeycomb", "splunk": "Splunk", "pagerduty": "PagerDuty",
           "tableau": "Tableau", "looker": "Looker", "power bi": "Power BI", "powerbi": "Power BI",
           "dbt cloud": "dbt Cloud", "confluent": "Confluent", "msk": "Amazon MSK", "mongodb atlas": "MongoDB Atlas", "github": "GitHub",
           "jira": "Jira", "slack": "Slack", "okta": "Okta", "airflow": "Airflow", "dbt": "dbt",
           "alation": "Alation", "collibra": "Collibra", "atlan": "Atlan", "informatica": "Informatica",
           "monte carlo": "Monte Carlo", "fivetran": "Fivetran", "airbyte": "Airbyte", "hightouch": "Hightouch",
           "servicenow": "ServiceNow", "workday": "Workday", "bamboohr": "BambooHR", "bamboo hr": "BambooHR",
           "successfactors": "SuccessFactors", "aws": "AWS", "azure": "Azure", "gcp": "Google Cloud",
           "google cloud": "Google Cloud", "cloudflare": "Cloudflare", "crowdstrike": "CrowdStrike",
           "grafana": "Grafana", "prometheus": "Prometheus", "kibana": "Kibana", "elasticsearch": "Elasticsearch",
           "opensearch": "OpenSearch", "kafka": "Kafka", "statuspage": "Statuspage", "status page": "Statuspage",
           "microsoft teams": "Microsoft Teams", "ms teams": "Microsoft Teams", "zoom": "Zoom", "cloudera": "Cloudera", "hortonworks": "Hortonworks", "onetrust": "OneTrust", "trustarc": "TrustArc", "bigid": "BigID", "securiti": "Securiti", "osano": "Osano",
           "falcon": "CrowdStrike Falcon", "sentinelone": "SentinelOne", "qradar": "IBM QRadar", "sumo logic": "Sumo Logic",
           "sumologic": "Sumo Logic", "carbon black": "Carbon Black"}
#: What is out of sight, for the names that are not a product ("no household data or bill" would not read).
_OUT_OF_SIGHT = {"e-mail": "e-mails or e-mail threads", "household": "household bills", "office costs": "office or facilities costs", "cloud price lists": "cloud providers' price lists", "HR records": "HR system records (people, pay, leave, hire and exit dates)",
                 "training records": "people's course and training records (a learning system's)",
                 "exchange rates": "currency exchange rates (figures are in the list price's currency, USD)", "server log": "server logs", "cloud storage": "the cloud's own storage bill",
                 "Oracle or SQL Server database": "Oracle or SQL Server databases",
                 "privacy requests": "data subject requests or their case status (a privacy tool keeps those)",
                 "customer satisfaction": "customer satisfaction figures (NPS, surveys, reviews)",
                 "ERP": "ERP records or postings (SAP, NetSuite, QuickBooks and the like), and I post nothing",
                 "cloud billing console": "view of the cloud provider's own billing console or its budget alerts",
                 "container platform": "Kubernetes clusters or the servers on them, and I restart nothing"}
#: A question about a bill gets the Databricks bill offered; any other gets the account's other figures.
_BILL = re.compile(r"\b(?:bills?|invoices?|spend\w*|costs?|costing|paid|pay\w*|price\w*|licen[cs]\w*|subscriptions?|"
                   r"credits?|charges?|chargebacks?|showbacks?)\b", re.IGNORECASE)


#: Vendors' names as a question writes them (their own bills and status are not in Databricks' system tables).
_VENDOR_WORDS = ("tableau|looker|power ?bi|datadog|new relic|splunk|pagerduty|opsgenie|jira|slack|okta|fivetran|airbyte|"
                 "hightouch|salesforce|servicenow|github|gitlab|confluent|mongodb atlas|dbt cloud|alation|collibra|atlan|"
                 "informatica|monte carlo|snowflake|zoom")

#: Other products and clouds' own bills: pattern -> how to name it in the answer.
OTHER_PRODUCTS: dict[str, str] = {
    # ("kill the snowflake permissions": one-off, hand-made grants, not the product)
    r"\bsnow\s?flake\b(?!\s+(?:permissions?|grants?|access|exceptions?|acls?|rules|privileges?|roles?))": "Snowflake", r"\bbigquery\b|(?<!that )(?<!this )(?<!the )(?<!a )(?<!one )(?<!another )(?<!really )(?<!very )(?<!super )(?<!huge )"
    r"\bbig\s+query\b(?!\s+(?:on|in|against|from|that|which|ran|run|scanned|scanning|took|was|is)\b)|\bbq\b": "BigQuery", r"\bredshift\b": "Redshift",
    r"\bsynapse\b": "Azure Synapse", r"\bteradata\b": "Teradata", r"\bathena\b": "Amazon Athena",
    # other vendors' own bills (monitoring, BI, ticketing): not in Databricks' system tables
    r"\b(?:datadog|new relic|splunk|pagerduty|crowdstrike|sentinelone|wiz|snyk|1password|lastpass|tableau|looker|power ?bi|dbt cloud|confluent|mongodb atlas|github|jira|"
    r"slack|okta|alation|collibra|atlan|informatica|monte carlo|fivetran|airbyte|hightouch|salesforce|servicenow)\b.{0,40}\b(?:bills?|invoices?|spend\w*|cost\w*|licen[cs]\w*|subscriptions?|"
    r"renewals?|contracts?|seats?)\b": _VENDOR,
    # another vendor's own service down ("is Tableau Cloud having an outage right now?"), or paid for ("how much do we
    # pay for Power BI Premium capacity?")
    rf"\b(?:{_VENDOR_WORDS})\b(?: cloud| online| premium| server)?\s+(?:is |are )?(?:having (?:an? )?(?:outage|issues?|problems?|"
    r"incident)|down|degraded|(?:experiencing|seeing) (?:an? )?(?:outage|issues?))\b|"
    # ("burning spend like a snowflake warehouse": a simile, not that vendor's bill)
    rf"\b(?:pay|paying|paid|spend\w*|cost of|bill for|invoice for|licen[cs]\w* (?:for|of))\b(?:(?!\blike\b).){{0,20}}"
    rf"\b(?:{_VENDOR_WORDS})\b": _VENDOR,
    # a whole cloud region's own outage (history of the provider, not this account's warehouses)
    r"\b(?:aws|azure|gcp|google cloud)\b.{0,40}\b(?:us|eu|ap)-[a-z]+-\d\b.{0,30}\b(?:outages?|issues?|problems?|"
    r"degraded|incidents?|status|having|down)\b|"
    r"\b(?:aws|azure|gcp|google cloud|cloudflare|crowdstrike)\b.{0,40}\boutages?\b.{0,30}\b(?:19|20)\d\d\b": _VENDOR,
    # a ticketing or work-tracking tool's own records ("the ServiceNow report with the change tickets")
    r"\bservicenow\b.{0,40}\b(?:tickets?|incidents?|changes?|change requests?|reports?|cmdb|records?)\b|"
    r"\b(?:tickets?|change requests?)\b.{0,40}\bservicenow\b|\bjira\b.{0,40}\b(?:tickets?|issues?|epics?|sprints?|boards?)\b": _VENDOR,
    # the clouds' own price lists ("A100 vs H100 on-demand pricing across AWS and Azure")
    r"\b(?:on-?demand|spot|reserved|list) (?:instance |gpu |vm )?pric\w*\b.{0,60}\b(?:aws|azure|gcp|google cloud)\b|"
    r"\b(?:aws|azure|gcp|google cloud)\b.{0,40}\b(?:on-?demand|spot|reserved) (?:instance |gpu |vm )?pric\w*": "cloud price lists",
    # another vendor's governance or SIEM tool, by its own settings ("the default retention of audit logs in Purview")
    r"\b(?:microsoft |azure )?purview\b|\bsentinel\b.{0,30}\b(?:rules?|workbooks?|retention|alerts?)\b|"
    r"\b(?:google )?chronicle\b.{0,30}\b(?:rules?|retention)\b": _VENDOR,
    # an HR system's people records (joiners, leavers, rosters): not in Databricks' system tables
    r"\b(?:workday|bamboo ?hr|successfactors|hris)\b|\bhr (?:rosters?|systems?)\b|"
    r"\b(?:hire|start|termination|leaving) dates?\b|"
    # people's pay, leave and headcount, and HR's own plans and portal ("how many vacation days do I have left?")
    r"(?<!\.)\bsalar(?:y|ies)\b(?! (?:tables?|data|columns?|schemas?|fields?|datasets?|views?|files?)\b)|"
    r"\b(?:severance|(?:vacation|holiday|pto|sick) (?:days?|balance|allowance)|paid time off|"
    r"annual leave|parental leave|ftes?|full[- ]time equivalents?|layoffs?|performance reviews?|pay (?:grades?|bands?|rises?|raises?))\b|"
    r"\bhr (?:portal|tool|polic(?:y|ies)|(?:is |are )?plan\w*)\b|"
    # "who is on PTO next week?", "what are they paid?": people's leave and pay
    r"\bon (?:pto|vacation|holiday|annual leave|parental leave|sick leave|maternity leave|paternity leave)\b|"
    r"\b(?:what|how much) (?:are|is|do|does) (?:they|we|people|he|she|(?:the |our )?(?:[\w-]+ ){0,2}(?:team|contractors?|"
    r"employees?|engineers?|analysts?|staff|consultants?|developers?|scientists?)) (?:\w+ )?(?:paid|earn|earning|make|making)\b"
    r"|\b(?:hourly|day) rates? (?:of|for) (?:the |our )?(?:\w+ ){0,2}(?:contractors?|consultants?|freelancers?)\b": "HR records",
    # "how many engineers would we need to let go?": people, not compute
    r"\b(?:engineers?|people|staff|employees?|heads|headcount|contractors?|analysts?)\b.{0,30}\b(?:let go|lay off|laid off|"
    r"fire|sack)\b|\b(?:let go of|lay off|laid off|fire)\b.{0,20}\b(?:engineers?|people|staff|employees?|contractors?)\b|"
    r"\blayoffs?\b": "HR records",
    # people's courses ("who hasn't completed the annual GDPR awareness training?"): a learning system's records
    r"\b(?:awareness|compliance|mandatory|annual|onboarding|phishing) (?:\w+ )?trainings?\b(?! (?:data|runs?|jobs?|sets?))|"
    r"\b(?:completed|finished|taken|done|passed) (?:the |their |his |her |its )?(?:\w+ ){0,2}(?:course|e-?learning|"
    r"certification)s?\b": "training records",
    # what customers think ("are customers happy with the new checkout flow? our NPS dropped"): surveys, not system tables
    r"\bnps\b|\bnet promoter\b|\bcsat\b|\bcustomer satisfaction\b|\b(?:are|were|is) (?:our |the )?(?:customers|users|"
    r"clients|shoppers) (?:(?!tables?\b|data\b|schema\b)\w+ )?(?:happy|satisfied|unhappy|angry|upset)\b": "customer satisfaction",
    # a currency's market rate ("what's the EUR/USD rate today?")
    r"\b(?:euros?|dollars?|pounds?|yen|francs?|usd|eur|gbp)\b (?:\w+ ){0,2}(?:weaken|strengthen|fall|rise|drop|climb|gain|"
    r"lose)\w* (?:against|versus|vs\.?) (?:the )?(?:euros?|dollars?|pounds?|yen|francs?|usd|eur|gbp)\b|"
    r"\b(?:exchange|fx|forex|currency|conversion) rates?\b|\b(?:usd|eur|gbp|jpy|chf|cad|aud|brl|inr|cny|mxn)\s?/\s?"
    r"(?:usd|eur|gbp|jpy|chf|cad|aud|brl|inr|cny|mxn)\b": "exchange rates",
    # an identity provider's own records (enrolment, factors, its users and groups)
    r"\bokta\b.{0,40}\b(?:users?|mfa|groups?|sso|enrol\w*|factors?|apps?|password\w*|locked|reset|unlock)\b|"
    # "pull the Okta sign-in logs": the identity provider's own log (Databricks' audit log holds its own logins)
    r"\bokta(?:'s)?\s+(?:system\s+|sign-?in\s+|log-?in\s+|audit\s+|event\s+|authentication\s+)?logs?\b|"
    r"\b(?:password|locked out|reset|unlock)\w*\b.{0,40}\bokta\b|\bmfa\b.{0,30}\benrol\w*": "Okta",
    # a CI system's own builds
    r"\b(?:azure devops|github actions|jenkins|circle ?ci|gitlab(?: ci)?|travis ci|bitbucket pipelines)\b.{0,40}"
    r"\b(?:builds?|pipelines?|red|failing|failed|broken|runners?)\b": _VENDOR,
    # an orchestrator's or a transformation tool's own objects and commands, when no Databricks thing is named
    r"^(?!.*\b(?:databricks|warehouses?|clusters?|jobs?|workflows?|notebooks?|tables?|quer(?:y|ies)|dbu)\b)"
    r".*\bairflow\b.{0,40}\b(?:dags?|dag runs?|cli|tasks?|scheduler|\w*operators?|xcoms?|backfill\w*|clear\w*|sla_miss\w*|"
    r"webserver|pools?|connections?)\b|\bdag runs?\b.{0,40}\bairflow\b": _VENDOR,
    # (a question about lineage, freshness or the medallion tables here names dbt only to say how it would ask)
    r"^(?!.*\b(?:databricks|warehouses?|clusters?|jobs?|workflows?|dbu|cost\w*|slow\w*|fail\w*|tables?|schemas?|catalogs?|"
    r"lineage|upstream|downstream|fresh\w*|stale|gold|silver|bronze)\b)"
    r".*\bdbt\b.{0,40}\b(?:macros?|models?|packages?|profiles?|projects?|seeds?|snapshots?|jinja|ya?ml|docs|cloud)\b":
        _VENDOR,
    # a chat tool's own accounts ("reset the Slack password for our new hire")
    r"\b(?:slack|zoom|microsoft teams|google workspace|gmail)\b.{0,30}\b(?:passwords?|locked out|logins?|accounts?|invites?|"
    r"channels?|seats?)\b|\b(?:passwords?|locked out|invite|account)\b.{0,30}\b(?:slack|zoom|microsoft teams)\b": _VENDOR,
    # a chat or meeting tool's own bill ("how much are we paying for Microsoft Teams and Zoom every month?")
    r"\b(?:pay(?:ing)?|paid|spend(?:ing)?|cost(?:s|ing)?|bill(?:ed)?)\b.{0,20}\bfor (?:microsoft teams|ms teams|zoom|slack|"
    r"google workspace|gmail|office 365|m365)\b": _VENDOR,
    # how to set something up in another vendor's tool ("how do I configure freshness monitors in Monte Carlo?")
    rf"\bhow (?:do|can|would|should) (?:i|we|you)\b.{{0,60}}\b(?:in|on|with|using|inside) (?:our |the )?(?:{_VENDOR_WORDS})\b": _VENDOR,
    # the cloud's own billing tools ("set up a budget alert in Azure Cost Management"): its console, not system tables
    r"\b(?:azure cost management|aws cost explorer|aws budgets|cost and usage reports?|aws cur|gcp billing|google cloud billing|"
    r"billing console)\b": "cloud billing console",
    # a container platform's own servers ("restart the triton inference server on our k8s cluster")
    r"\b(?:restart|scale|deploy|redeploy|roll ?back|drain|cordon|upgrade|patch|bounce|kill)\b.{0,60}\b(?:k8s|kubernetes|eks|"
    r"aks|gke|openshift)\b|\b(?:kubectl|helm charts?|triton (?:inference )?server)\b|\b(?:k8s|kubernetes|eks|aks|gke|"
    r"openshift)\b.{0,30}\b(?:pods?|nodes?|deployments?|namespaces?)\b": "container platform",
    # a network firewall's own rules ("how do I block 192.168.1.100 on our Palo Alto firewall?"): not this account's
    # (Databricks' own IP access lists are asked as such; "block it at the firewall or is that overkill?" asks advice)
    r"\b(?:palo alto|fortigate|fortinet|check ?point|cisco asa|pfsense)\b": _VENDOR,
    # an ERP's own books ("how do I repost costs between cost centres in SAP S/4HANA?"): its ledger, not Databricks'
    r"\b(?:sap|s/?4 ?hana|netsuite|quickbooks|xero|dynamics 365)\b(?![_-]).{0,60}\b(?:journals?|ledgers?|gl|g/l|postings?|"
    r"post(?:ed)?|repost\w*|cost cent(?:er|re)s?|profit cent(?:er|re)s?|purchase orders?|pos?|invoices?|fiscal|t-?codes?|"
    r"transactions?|vouchers?|accruals?|settlements?)\b|\b(?:journals?|ledgers?|postings?|repost\w*|cost cent(?:er|re)s?|"
    r"purchase orders?|accruals?)\b.{0,60}\b(?:in|into|from|on|via) (?:our |the )?(?:erp\W+)?(?:sap|s/?4 ?hana|netsuite|quickbooks|"
    r"xero|dynamics 365)\b": "ERP",
    # another vendor's product chosen ("any good Tableau alternatives you'd recommend?"): a buyer's guide, not this account
    rf"\b(?:{_VENDOR_WORDS})\s+(?:alternatives?|competitors?|replacements?|substitutes?)\b|"
    rf"\b(?:alternatives?|competitors?|replacements?|substitutes?) (?:to|for) (?:{_VENDOR_WORDS})\b": _VENDOR,
    # a CRM's or a BI server's or a pager's own records ("rewrite this LookML explore": Looker's own modelling code)
    r"\b(?:salesforce|hubspot)\b": _VENDOR, r"\blookml\b": "Looker",
    r"^(?!.*\b(?:databricks|warehouses?|quer(?:y|ies)|clusters?|sql|tables?|gold|silver|bronze|on (?:it|them|top of))\b)"
    r".*\btableau\b.{0,30}\b(?:extracts?|server|workbooks?|refresh\w*|site)\b": _VENDOR,
    r"\b(?:pagerduty|opsgenie)\b.{0,40}\b(?:incidents?|escalation|schedules?|polic(?:y|ies)|rota|snooze\w*|"
    r"on-?call|overrides?|acknowledge?\w*|acked|logs?|paged|pages|alerts?|timeline|resolved)\b|"
    r"\b(?:acked|acknowledged|paged|on-?call|escalat\w*|incidents?|inc-\d+)\b.{0,40}\b(?:in |on |from |via )?(?:pagerduty|"
    r"opsgenie)\b|\bsnooze\b.{0,30}\b(?:pagerduty|opsgenie|page|incident)\b": _VENDOR,
    # another Hadoop platform's own licence, clusters and bill ("our Cloudera license renewal cost")
    r"\b(?:cloudera|hortonworks|mapr)\b.{0,40}\b(?:licen[cs]\w*|renewal|subscriptions?|bills?|invoices?|costs?|"
    r"support contract|cluster|manager|nodes?)\b": _VENDOR,
    # a data catalog's own content ("the Collibra business glossary terms linked to the customers domain")
    r"\b(?:collibra|alation|atlan|purview)\b.{0,40}\b(?:glossary|terms?|domains?|assets?|stewards?|workflows?|"
    r"polic(?:y|ies)|communities|certifications?)\b": _VENDOR,
    # a privacy tool's own cases ("our OneTrust DSAR backlog", "how many subject access requests are overdue")
    r"\b(?:onetrust|trustarc|bigid|securiti|osano)\b": _VENDOR,
    r"\b(?:dsars?|(?:data )?subject (?:access )?requests?)\b.{0,40}\b(?:backlog|overdue|open|pending|closed|queue|"
    r"slas?|deadlines?|due)\b|\bhow many (?:\w+ )?(?:dsars?|(?:data )?subject (?:access )?requests?)\b": "privacy requests",
    # another monitoring tool's own data (traces, spans, its monitors)
    r"\b(?:datadog|new relic|dynatrace|app ?dynamics|honeycomb)\b.{0,40}\b(?:apm|traces?|spans?|monitors?|logs?|"
    r"dashboards?|metrics|synthetics?)\b|\bstatus ?page\b": _VENDOR,
    # another monitoring stack's own setup ("the Grafana board for the Kafka brokers went blank, fix the Prometheus
    # datasource"): not in Databricks' system tables
    r"\b(?:grafana|prometheus|kibana|elasticsearch|opensearch)\b.{0,60}\b(?:boards?|dashboards?|datasources?|data sources?|"
    r"panels?|alerts?|scrape\w*|exporters?|queries|indices|index)\b|\b(?:boards?|dashboards?|panels?)\b.{0,40}"
    r"\b(?:grafana|prometheus|kibana)\b|\bkafka (?:brokers?|zookeeper|cluster health)\b|"
    # "the p99 produce latency on our MSK kafka cluster": a message broker's own metrics
    r"\b(?:amazon |aws )?msk\b|\bconfluent(?: cloud)?\b|\bkafka (?:clusters?|topics?|partitions?|consumer lag|producers?|"
    r"consumers?)\b|\b(?:produce|consumer) latency\b|\bconsumer (?:group )?lag\b": _VENDOR,
    # mail itself ("forward me the e-mail thread where the CFO approved the budget")
    r"\b(?:e-?mail|mail) (?:threads?|chains?|exchanges?|trails?)\b|\bforward (?:me |us )?(?:the |that |those )?"
    r"(?:e-?mails?|mails?|threads?)\b": "e-mail",
    # an office suite's own records ("how long does Microsoft 365 retain deleted mailbox items")
    r"\b(?:microsoft 365|office 365|m365|o365|exchange online|sharepoint|onedrive)\b|"
    r"\b(?:outlook|exchange)\b.{0,30}\b(?:mailbox\w*|inbox\w*|retention|e-?mails?)\b": "Microsoft 365",
    r"\bsage\s?maker\b": "Amazon SageMaker", r"\bvertex(?: ai)?\b": "Google Vertex AI", r"\bbedrock\b": "Amazon Bedrock",
    r"\bazure (?:ml|machine learning)\b": "Azure Machine Learning", r"\baws glue\b": "AWS Glue",
    r"\bemr\b": "Amazon EMR", r"\bdataproc\b": "Google Dataproc", r"\bfivetran\b": "Fivetran",
    # other databases and tools' own operations (a tablespace, a BI gateway refresh, a SIEM search, servers)
    r"\b(?:oracle|db2|sql server|sybase)\b.{0,40}\b(?:tablespaces?|instances?|databases?|db|servers?|redo|undo|rac|"
    r"listeners?)\b": "Oracle or SQL Server database",
    r"^(?!.*\b(?:databricks|warehouses?|quer(?:y|ies)|clusters?|sql)\b).*\bpower ?bi\b.{0,40}\b(?:refresh\w*|gateway|"
    r"datasets?)\b": "Power BI",
    # a BI tool's own chart styling ("fix the colors on my Power BI chart, the legend is cut off")
    r"\b(?:colou?rs?|legends?|fonts?|axis|axes|themes?|formatting|tooltips?|slicers?)\b.{0,40}\b(?:power ?bi|tableau|looker|"
    r"excel|qlik|superset|metabase)\b|\b(?:power ?bi|tableau|looker|excel|qlik|superset|metabase)\b.{0,40}\b(?:colou?rs?|"
    r"legends?|fonts?|axis|axes|themes?|formatting|tooltips?|slicers?)\b": _VENDOR,
    r"\bspl\b|\bsplunk\b.{0,30}\b(?:search\w*|quer(?:y|ies)|index\w*|dashboards?|alerts?)\b": "Splunk",
    # "check Splunk for lateral movement from 10.0.0.5", "pull CrowdStrike Falcon detections for host X": another security
    # tool's own records, asked to be searched there
    r"\b(?:check|search|look|query|pull|grep|run|open|fetch|dig)\w*\s+(?:\w+\s+){0,2}?(?:in\s+|on\s+|from\s+|through\s+)?"
    r"(?:splunk|crowdstrike|falcon|sentinelone|qradar|sumo ?logic|kibana|elasticsearch|datadog|carbon black)\b|"
    r"\bokta\b.{0,30}\b(?:mfa|2fa|factors?|passwords?|resets?|accounts?|logins?|enrol\w*)\b|\b(?:reset|unlock|re-?enrol\w*)\w*\b"
    r".{0,25}\bokta\b|"
    r"\b(?:crowdstrike|falcon|sentinelone|carbon black|defender)\s+(?:\w+\s+)?(?:detections?|alerts?|incidents?|hosts?|sensors?|"
    r"agents?|telemetry|edr)\b|\bedr (?:detections?|alerts?|telemetry)\b": _VENDOR,
    r"\b(?:sshd|syslog|linux (?:boxes|servers|hosts|machines)|windows event logs?|active directory)\b": "server log",
    r"\b(?:aws|amazon|ec2)\b.{0,25}\b(?:bill|invoice|account(?! console)|spend|costs?)\b|"
    r"\b(?:bill|invoice|spend|costs?)\b.{0,15}\b(?:from|on|of|for)\s+(?:aws|amazon)\b": "AWS",
    # the cloud's own audit and monitoring services (their records are not in Databricks' system tables)
    # ("GuardDuty-style" compares with it: the ask is about here)
    r"\bcloud\s?trail\b(?![- ](?:style|like|ish)\b)|\bguard\s?duty\b(?![- ](?:style|like|ish)\b)|\bcloud\s?watch\b(?![- ](?:style|like|ish)\b)|"
    r"\baws (?:management )?console\b|\bsecurity hub\b|"
    # AWS's own identity model ("the difference between SCPs and permission boundaries in AWS Organizations")
    r"\baws organizations\b|\bservice control polic(?:y|ies)\b|\bpermission boundar(?:y|ies)\b|"
    # "how do I rotate AWS IAM access keys for our CI user?": the cloud's own identities
    r"\baws iam\b|\biam (?:access keys?|users?|groups?)\b": "AWS",
    r"\b(?:azure (?:ad|monitor|sentinel)|entra id|defender for cloud)\b": "Azure",
    r"\bgcp (?:audit logs?|cloud logging)\b": "Google Cloud",
    r"\baws config\b|\bs3 buckets?\b|\b(?:ec2|reserved[- ]instances?|(?:aws|compute|ec2|sagemaker) savings plans?|savings plans? (?:coverage|utili[sz]ation|commitments?|purchases?)|rds|aws lambda|lambda functions?)\b": "AWS",
    r"\b(?:paid|pay|paying|owe)\b.{0,12}\b(?:to\s+)?(?:aws|amazon)\b": "AWS",
    # "whats the p99 latency on our AWS ALB in us-east-1 last night": a load balancer's or a cloud service's metrics
    r"\b(?:alb|elb|nlb|application load balancer|cloudfront|api gateway|dynamodb|cloudwatch)\b": "AWS",
    # "how do i set up a W&B sweep": another ML platform's runs and sweeps
    r"\b(?:w&b|wandb|weights (?:&|and) biases)\b": "Weights & Biases",
    # the cloud's own storage bill: not in Databricks' system tables
    r"\b(?:s3|ebs|blob storage|adls|gcs)\b.{0,30}\b(?:bills?|cost\w*|spend\w*|paid|pay|invoice)\b|"
    r"\b(?:bills?|cost\w*|spend\w*|paid|pay|invoice)\b.{0,30}\b(?:s3|ebs|blob storage|adls|gcs)\b": "cloud storage",
    # a bill that is not a cloud's at all
    # the office's own costs ("what do we pay in rent for the Madrid office?")
    r"\b(?:office|offices)\b (?:\w+ ){0,3}(?:rent|lease|space|building|facilit\w*)\b|\b(?:rent|lease)\b.{0,30}"
    r"\b(?:office|offices|building)\b|\b(?:pay|paid|paying)\b.{0,20}\b(?:rent|lease)\b": "office costs",
    r"\b(?:electricity|phone|mobile|utilities|gas|water|internet|broadband|rent|mortgage|credit card|"
    r"grocery|netflix|spotify|uber|hotel|travel)\b.{0,20}\b(?:bills?|costs?|spend\w*|charges?|invoices?)\b": "household",
    r"\b(?:azure)\b.{0,25}\b(?:bill|invoice|spend|subscription costs?|charge\w*|vms?|virtual machines?)\b": "Azure",
    r"\b(?:gcp|google cloud)\b.{0,25}\b(?:bill\w*|invoice|spend|costs?)\b|\b(?:gke|compute engine|bigquery slots|cloud run|"
    r"gcs)\b.{0,25}\b(?:line items?|bill\w*|invoice|spend|costs?|charges?)\b": "Google Cloud",
}
#: Names that may be a Databricks thing too ("the power bi workspace", "Databricks on AWS", "logged in through Okta SSO
#: to Databricks")...
_OURS_WHEN_NAMED = frozenset({"AWS", "Azure", "Google Cloud", "household", "cloud storage", "Okta", _VENDOR})
#: ...so when the question says it is about Databricks on that cloud, it is ours to answer...
_OURS = re.compile(r"\bdatabricks\b|\bdbus?\b|\bworkspaces?\b", re.IGNORECASE)
#: ...unless it says it is about what lies outside Databricks ("EC2 outside of Databricks").
_NOT_OURS = re.compile(r"\b(?:outside|apart from|besides|excluding|except|other than|not(?:\s+(?:on|in|from))?|non|"
                       # "reserved instances that have nothing to do with Databricks"
                       r"nothing to do with|unrelated to|not related to|independent of)"
                       r"[\s-]+(?:of\s+)?(?:the\s+)?(?:databricks|dbus?)\b", re.IGNORECASE)
#: ...unless what is asked for is the cloud's own document ("pull the AWS EC2 invoice so I can reconcile it against the
#: Databricks line"): Databricks is what it is held against.
_THEIRS = "|".join(sorted({re.escape(k) for k in VENDORS} | {"amazon", "ec2", "s3"}, key=len, reverse=True))
_FETCHES_THEIRS = re.compile(r"\b(?:pull|get|fetch|show|give|send|download|export|find|grab|open|forecast|project|"
                             r"estimate|predict|look)\s+(?:up\s+)?(?:me\s+|us\s+)?(?:the|our|my)\s+(?:(?!databricks\b|dbus?\b)[\w-]+\s+){0,1}"
                             rf"(?:{_THEIRS})\b(?:\s+(?!databricks\b)[\w/-]+){{0,3}}?\s+(?:invoices?|bills?|statements?|"
                             r"charges?|costs?|spend|line items?|licen[cs]es?|renewals?)\b", re.IGNORECASE)
#: Words just before a product saying it is not the one meant ("not a dbt model", "rather than Airflow").
_NEGATED = re.compile(r"\b(?:not|no|never|rather than|instead of|unlike)\s+(?:a |an |the |our |my |in |from )?$")
def _all_negated(low: str, m: re.Match[str]) -> bool:
    """Is every product word in the match said with a negation before it ("not a dbt model")?"""
    words = list(re.finditer(rf"\b(?:{_VENDOR_WORDS}|snow\s?flake|big\s?query|redshift|synapse|airflow|dbt)\b", m[0]))
    return bool(words) and all(_NEGATED.search(low[max(0, m.start() + w.start() - 30):m.start() + w.start()]) for w in words)


#: A refusal names a product only when it is the subject, not a comparison ("cheaper than Snowflake?").
_COMPARISON = re.compile(r"\b(?:than|vs\.?|versus|compared (?:to|with)|instead of|migrat\w+ (?:from|to))\b|"
                         r"\bcompar\w*\b.{0,80}\b(?:with|to|against)\b",
                         re.IGNORECASE)

#: Periods compared, not products ("Snowflake credit burn this qtr vs last"): no comparison with this account.
_PERIOD_COMPARED = re.compile(r"\b(?:than|vs\.?|versus|compared (?:to|with)|against)\s+(?:the\s+|a\s+)?(?:last|previous|prior|"
                              r"same|yesterday|(?:this|that) (?:week|month|quarter|year)|(?:the )?(?:day|week|month|quarter|"
                              r"year) before|(?:a|one) (?:week|month|year) ago|q[1-4]|h[12]|fy\d*|\d{4})\b", re.IGNORECASE)


#: The product is where the asker comes from, not what they ask about ("we just moved off Snowflake",
#: "in Snowflake I'd open Query History"): the question is about this account.
_CONTEXT = re.compile(r"\b(?:our|my|the) (?:old|previous|former|legacy) (?=(?:\w+ ){0,2}?(?:report|dashboard|setup|stack|"
                      r"platform|warehouse|system|query|job))|\b(?:moved|moving|(?<!n't )(?<!not )(?<!never )(?<!yet )migrat\w*|switch\w*|port(?:ed|ing)? (?:over|of|from)|ported|lift(?:ed)?[- ]and[- ]shift\w*|coming from|came from|(?:i|we) come from|vengo de|venimos de|venho d[aeo]s?|viemos d[aeo]s?|je viens d[e']|"
                      r"nous venons d[e']|ich komme (?:von|aus)|wir kommen (?:von|aus)|vengo da|veniamo da|ik kom van|wij komen van|"
                      # ("so I can get back in": signing in again, not where the asker comes from)
                      r"used to|(?<!get )(?<!log )(?<!sign )(?<!getting )(?<!logging )(?<!signing )back (?:on(?! (?:track|budget|"
                      r"schedule|target|plan)\b)|at|when|in(?! (?:19|20)\d\d\b))|"
                      r"previously|formerly|equivalent|i['’]d|we['’]d|we had|we used|like (?:in|on)|databricks (?:version|way)|"
                      r"version of|(?:dba|admin|developer|engineer|analyst|person|guy|folks?) here|"
                      # "the etl-warehouse, is that basically a SQL Server instance?": an analogy, not the product
                      r"is (?:that|this|it) (?:basically|essentially|kind of|sort of|just|like)|similar to|same (?:thing )?as|"
                      r"analog(?:ous|ue)?|counterpart|comparable to|"
                      # "our Looker cost dashboard sits on the gold usage table": the product reads this account's data
                      r"(?:sits?|sitting|built|runs?|running|reads?|reading|points?|pointed|pointing) (?:on|on top of|from|"
                      r"at|against|over) (?:the |our |this |a )?(?:[\w.-]+ ){0,4}(?:tables?|warehouses?|views?|data|"
                      r"schemas?|catalogs?)\b|"
                      # "I have to file a Jira ticket about the schema break, give me the details": where the answer goes
                      r"(?:i|we) (?:have|need|want|got|'ve got) to (?:file|open|raise|create|write|log(?! (?:back )?(?:in|on)\b)|submit|update)|"
                      # "someone on slack said the cost one is acting up": where the asker heard it, not the product
                      r"(?:on|in|via|over|through) (?:slack|teams|jira)(?!\s+(?:bills?|invoices?|costs?|spend\w*|licen\w*|"
                      r"seats?|subscriptions?|renewals?|contracts?))|(?:slack|teams) (?:thread|channel|message|dm|post))\b",
                      re.IGNORECASE)


#: A product named in a comparison ("like a flaky jenkins build", "as slow as our old oracle box").
_SIMILE = re.compile(r"\b(?:like|as \w+ as|worse than|better than) (?:\w+ ){0,4}$|"
                     # "long-lived credentials? Think IAM access keys that never get rotated": the product as an example
                     r"(?:^|[.?!:;]\s*|\b(?:just )?)(?:think|picture|imagine|e\.g\.|eg|similar to|akin to|analogous to|(?:the|our|an?) "
                     r"equivalent (?:of|to)|(?:the )?databricks (?:version|equivalent) of) (?:of )?(?:\w+ ){0,2}$|"
                     # "basically what `dbt ls --select +orders_gold` would print if this were a dbt project"
                     r"\b(?:basically |essentially |roughly |just )?what\s*[`'\"]?$|\bif (?:this|it|we) were (?:a |an |on |using )?$|"
                     # "same format as a status page would show": the product as a shape for the answer
                     r"\b(?:same|similar) (?:format|layout|style|shape|look|view) as (?:an? |the |our |in )?$|"
                     r"\b(?:in|with) the (?:format|style|layout|look) of (?:an? |the )?$|"
                     # "are we basically paying for an idle EC2 box?": what a thing here amounts to, said in another's words
                     r"\b(?:basically|essentially|effectively|practically|glorified|just) (?:\w+ ){0,3}an? (?:\w+ )?$")
#: "an athena-sized bill", "a redshift-style cluster": the product as a measure of something here.
_SIZED = re.compile(r"^[- ](?:sized?|style|like|ish|grade|level|scale|type)\b|^[- ][\w-]+[- ](?:style|sized?|ish)\b|"
                    # "anything in our audit logs GuardDuty would've flagged?": the product as a yardstick for data here
                    r"^\s+(?:would|might|could)(?:'ve| have|'d)?\s+(?:\w+\s+)?(?:flag|catch|alert|detect|notic|pick|complain|"
                    r"mark|raise|block|warn)\w*", re.IGNORECASE)


#: Names written as identifiers ("cost_anomaly_detector"): a name in the account, whose words are no bill.
_IDENTIFIER = re.compile(r"\b\w+_\w+\b")


#: How to do something in another product ("In Snowflake how do I pull QUERY_HISTORY?"): about that product,
#: whatever background follows ("used to do it at my old job").
_HOW_IN = re.compile(r"^\W*in (?P<product>snow\s?flake|big\s?query|redshift|synapse|teradata|athena|oracle|sql server|"
                     r"airflow|dbt|tableau|power ?bi|looker|splunk|datadog)\b[^?]{0,20}\bhow (?:do|can|would|should) (?:i|we|you)\b")


#: A sentence about this account: "Any failed sign-ins here yesterday?", "is orders_gold up to date?"...
_HERE = re.compile(r"\b(?:here|this account|this platform)\b|\b\w+_\w+\b|\b\w+\.\w+\.\w+\b|\b[a-z]\w{2,}\.[a-z_]\w{2,}\b|"
                   # "is the auto-stop on bi-warehouse too long?": a compute name of ours; "who scanned 2tb today": now
                   r"\b[a-z0-9]+(?:-[a-z0-9]+)*-(?:warehouse|cluster|workspace|endpoint|pipeline|sp)\b|"
                   r"\b(?:today|yesterday|tonight|this (?:week|month|morning|quarter)|last (?:week|month|night)|"
                   r"(?:this|last) week'?s|the last (?:\d+|seven|thirty) days|right now|so far)\b",
                   re.IGNORECASE)
#: ...or "is our databricks bill creeping up?", "what broke in that job?", unless it leans on the product's sentence
#: ("putting it next to databricks in the slide": it is the other product's figure).
_OURS_SAID = re.compile(r"\b(?:databricks|dbus?)\b|\b(?:that|this|the|our|any) (?:[\w-]+ ){0,3}?(?:jobs?|clusters?|"
                        r"workspaces?|pipelines?|endpoints?|notebooks?|tables?|warehouses?|logins?|grants?)\b", re.IGNORECASE)
_LEANS_BACK = re.compile(r"\b(?:it|that|this|them|those|they)\b(?!\s+(?:job|table|cluster|warehouse|workspace|model|"
                         r"endpoint|pipeline|notebook|user|group|ip)s?\b)", re.IGNORECASE)


#: A sentence ("schema.yml" is one word).
_SENTENCE = re.compile(r"(?:(?!\s\d[).]\s)[^.?!\n]|\.(?=\S))+[.?!\n]*")  # ("1) ... 2) ...": each item one)


#: A sentence saying what the answer is for ("want to compare against the GPU spend here"): the purpose of the other
#: product's figure, not an ask of its own.
_WHAT_FOR = re.compile(r"^\W*(?:i |we )?(?:want|need|would like|'d like|wanna|am trying|are trying|trying|have) to "
                       r"(?:compare|put|set|hold|line)\b", re.IGNORECASE)


#: A sentence that asks or requests ("show me ...", "which ...") rather than tells.
_ASKS = re.compile(r"^\W*(?:what|which|who|when|where|why|how|is|are|was|were|did|do|does|can|could|would|should|show|list|"
                   r"give|tell|check|pull|find)\b", re.IGNORECASE)


def _asked_here(text: str, named: re.Match[str]) -> bool:
    """Does another sentence than the one naming the product ask about this account? "Snowflake warehouses
    auto-suspend after 60 seconds for us. Are any of the clusters here sitting idle?": the product is background."""
    # a sentence naming a product itself ("check AWS CloudTrail for sign-ins from 192.168.1.100") is not about here
    # (where the match ends: a pattern read from the start, "^(?!...).*airflow ...", begins in another sentence)
    at = max(named.start(), named.end() - 1)
    others = [m[0] for m in _SENTENCE.finditer(text) if not m.start() <= at < m.end() and len(m[0].split()) >= 3
              and not any(re.search(p, m[0].lower()) for p in OTHER_PRODUCTS) and not _WHAT_FOR.match(m[0])]
    if _sentence_of(text, at).rstrip().endswith("?"):
        # "Is PagerDuty down? none of my alerts fired last night": the product's question, with what the asker saw
        others = [o for o in others if o.rstrip().endswith("?") or _ASKS.match(o)]
    return any((_HERE.search(o) or _OURS_SAID.search(o) and not _LEANS_BACK.search(o)) and not _NOT_OURS.search(o)
               for o in others)


def _sentence_of(text: str, at: int) -> str:
    """The sentence of ``text`` that holds position ``at``."""
    return next((m[0] for m in _SENTENCE.finditer(text) if m.start() <= at < m.end()), text)


def background_spans(text: str) -> list[tuple[int, int]]:
    """Where :func:`without_background` cuts: the sentences naming another product as background."""
    if without_background(text) == text:
        return []
    return [m.span() for m in _SENTENCE.finditer(text) if any(re.search(p, m[0].lower()) for p in OTHER_PRODUCTS)]


def without_background(text: str) -> str:
    """``text`` without the sentences that name another product as background ("In Snowflake I'd query LOGIN_HISTORY
    for failed logins. Any failed sign-ins here yesterday?" asks only the second), when another sentence asks about
    this account; else ``text``."""
    low = (text or "").lower()
    named = next((m for p in OTHER_PRODUCTS if (m := re.search(p, low))), None)
    if named is None or not _asked_here(text, named):
        return text
    kept = [m[0] for m in _SENTENCE.finditer(text) if not any(re.search(p, m[0].lower()) for p in OTHER_PRODUCTS)]
    return " ".join(kept) or text


def other_product(text: str) -> tuple[str, str] | None:
    low = _IDENTIFIER.sub(" ", (text or "").lower())
    how = _HOW_IN.search(low)
    if how is not None and _HERE.search(_sentence_of(low, how.end())):
        how = None  # "In Oracle I'd query DBA_TAB_PRIVS. How do I see who can read main.crm.customers?": asked here
    if how is not None:
        product = how["product"]
        named = next((n for p, n in OTHER_PRODUCTS.items() if n != _VENDOR and re.search(p, product)), None)
        return "other_product", _decline(named or _VENDOR, product, low)
    for pattern, name in OTHER_PRODUCTS.items():
        if (m := re.search(pattern, low)) and (_SIMILE.search(low[max(0, m.start() - 40):m.start()])
                                                or _SIZED.match(low[m.end():])):
            continue  # "failing like a flaky jenkins build", "an athena-sized bill": a comparison, not the product
        if m and _all_negated(low, m):
            continue  # "the ML kind of model, not a dbt model": the product is named to say it is not asked about
        if m and _CONTEXT.search(_sentence_of(low, m.start())):
            return None  # "we just moved off Snowflake": where the asker comes from (said where the product is)
        if m:
            if name in _OURS_WHEN_NAMED and _OURS.search(low) and not _NOT_OURS.search(low) and not _FETCHES_THEIRS.search(low):
                return None
            if _asked_here(text or "", re.search(pattern, (text or "").lower()) or m):
                return None  # the product is where the asker comes from; another sentence asks about this account
            if _COMPARISON.search(_PERIOD_COMPARED.sub(" ", low)) and _OURS.search(low):
                return None
            return "other_product", _decline(name, m[0], low)
    return None


def _decline(name: str, matched: str, text: str) -> str:
    if name == _VENDOR:
        # (the words that matched may be the product's metric, "produce latency on our MSK cluster": then its name)
        name = next((shown for where in (matched, text) for word, shown in VENDORS.items()
                     if re.search(rf"\b{word}\b", where)), "")
    bill = bool(_BILL.search(text))
    # (a product with no name on the list: "no data or bill of that product", not "no that vendor data")
    default = (f"{name} data or bill" if bill else f"{name} data") if name else \
        ("data or bill of that product" if bill else "data of that product")
    unseen = _OUT_OF_SIGHT.get(name, default)
    offer = ("For the Databricks side I can show spend by workspace, SKU or job, and where it could be cut."
             if bill else "For this Databricks account I can show its logins, access, jobs, queries, models and spend.")
    return f"I can't answer that: I only read this Databricks account's system tables, so I have no {unseen}. {offer}"


#: Words asking for a prediction: only such a question reads a window after the as-of (the forecast tools).
_FORECAST = re.compile(r"\b(?:forecast\w*|predict\w*|project(?:ed|ion|ions)?|expect\w*|estimat\w*|will|won'?t|"
                       r"going to|gonna|likely|at risk|risks?|outlook|run[- ]?rate|on track|budget\w*|anticipat\w*|"
                       r"plan(?:ned)? for|where (?:do|will|would|are|should) we (?:land|end up|be)|end up|"
                       r"if nothing changes|(?:at|on) (?:this|the current|current) (?:rate|pace|trend|trajectory)|"
                       r"trajectory|heading (?:for|to(?:wards)?)|extrapolat\w*|(?:if|assuming) (?:the )?(?:current |this )?"
                       r"(?:growth|trend|pattern|pace|rate) (?:holds|continues|keeps up|stays)|project \w+ forward|"
                       # "my boss wants 20% off the bill next quarter": a savings target ahead, planned with today's data
                       r"(?:cut|save|saving|savings|reduce|reduction|trim|lower|shave|off (?:the |our )?(?:[\w-]+ )?(?:bill|spend|costs?|invoice))"
                       r"\b[^.?!]{0,60}\b(?:next|coming|following) (?:week|month|quarter|year)|\b(?:next|coming) (?:week|month|"
                       r"quarter|year)'?s? (?:savings?|cuts?|targets?|reductions?)|"
                       # "if we moved daily_report onto job compute, how would next month's bill look?": a what-if ahead
                       r"how (?:would|will) (?:\w+'?s? ){1,4}(?:look|be|end up|land|change)|what would (?:\w+'?s? ){1,4}"
                       r"(?:look like|be|come to))\b", re.IGNORECASE)


def asks_forecast(text: str) -> bool:
    """Does the question ask what is expected (a forecast), rather than what happened?"""
    return bool(_FORECAST.search(text or ""))


def future_window(start: date, end: date, as_of: date, *, forecast: bool) -> tuple[str, str] | None:
    """A window that starts after the data's as-of day (forecasts aside)."""
    if forecast or start <= as_of:
        return None
    when = start.isoformat() if start == end else f"{start.isoformat()} to {end.isoformat()}"
    return "future_date", (f"{when} is after the data's as-of date ({as_of.isoformat()}), so there is nothing "
                           "recorded for it yet. Ask about a day up to then, or for a forecast.")


def not_covered(start: date, end: date, first: date | None, as_of: date) -> tuple[str, str] | None:
    """A window that ends before the data starts."""
    if first is None or end >= first:
        return None
    when = start.isoformat() if start == end else f"{start.isoformat()} to {end.isoformat()}"
    return "not_covered", (f"The data covers {first.isoformat()} to {as_of.isoformat()}, so {when} is outside "
                           "it. Ask about a day in that range.")


def closest(name: str, known: list[str], n: int = 3) -> list[str]:
    """The known names closest to ``name`` (by spelling, then by shared words); empty when none is close."""
    low = {k.lower(): k for k in known}
    hits = difflib.get_close_matches(name.lower(), list(low), n=n, cutoff=0.6)
    words = set(re.findall(r"[a-z0-9]+", name.lower()))
    for k in low:
        if len(hits) < n and k not in hits and any(difflib.SequenceMatcher(None, w, p).ratio() >= 0.8
                                                   for w in words for p in re.findall(r"[a-z0-9]+", k)):
            hits.append(k)
    return [low[h] for h in hits]


def unknown_names(kind: str, name: str, suggestions: list[str], known: list[str] | None = None) -> str:
    if len(suggestions) == 1:
        more = f" The closest {kind} is {suggestions[0]}."
    elif suggestions:
        more = f" The closest {kind}s are {', '.join(suggestions)}."
    elif known:
        more = f" Known {kind}s include {', '.join(sorted(known)[:6])}."
    else:
        more = ""
    return f"There is no {kind} called “{name}” in this account, so I have no figures for it.{more}"


#: How the asker came to ask, not what is asked: "I only joined the platform team last week", "Ticket INC-4471 from
#: sales analytics" (the team and the week are the asker's, not a filter or a window).
ASKER_CONTEXT = re.compile(
    r"\b(?:i|we)(?:'ve| have)?\s+(?:only\s+|just\s+|recently\s+)?(?:joined|started (?:on|in|with)|moved (?:to|into)|"
    r"transferred (?:to|into)|switched to|came over to)\s+(?:the\s+|a\s+|this\s+)?(?:[\w-]+\s+){0,3}?(?:team|squad|org|"
    r"group|department|unit|company)\b(?:\s+(?:last|this)\s+(?:week|month|year|quarter)|\s+(?:a|one|two|three|a few|"
    r"\d+)\s+(?:days?|weeks?|months?)\s+ago|\s+yesterday|\s+recently)?|"
    r"\b(?:ticket|request|escalation|complaint|case)\s+(?:[\w#-]*\d[\w#-]*\s+)?(?:came\s+in\s+)?from\s+(?:the\s+)?"
    r"[\w-]+(?:\s+[\w-]+)?(?=\s*[,.:;]|\s+(?:team|folks|people))|"
    # "..., i'm on call for the first time tomorrow": when the asker's own duty starts, not the window asked
    r"\b(?:i'?m|i am|we'?re|we are|i'?ll be|we'?ll be)\s+(?:\w+\s+)?(?:on[- ]call|on shift|on duty|on pager(?: duty)?|covering|"
    r"taking over|presenting|off|out|away|travel\w*)\b(?:\s+(?:for\s+(?:the\s+)?(?:first|1st)\s+time|(?:\w+\s+){0,3}?))?\s*"
    r"(?:tomorrow|tonight|next (?:week|month)|this (?:weekend|evening)|on (?:monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday))\b|"
    # "... with dollar figures for next week's deck", "before tomorrow's board meeting": when the answer is needed
    r"\b(?:for|in|at|before|by|ahead of|into)\s+(?:the\s+)?(?:next|coming|this coming|tomorrow|monday|tuesday|wednesday|"
    r"thursday|friday)(?:\s+(?:week|month|quarter|year))?'?s\s+(?:[\w-]+\s+){0,2}?(?:deck|meeting|review|board|presentation|"
    r"report|call|sync|stand-?up|update|offsite|session|qbr|slides?|memo|all-?hands|steerco|committee|demo|retro)\b|"
    # "First week on the job here.", "my second day in the role": how long the asker has been here, not a job's runs
    r"\b(?:(?:my|our)\s+)?(?:first|second|third|1st|2nd|3rd)\s+(?:day|week|month)s?\s+(?:on the job|in the (?:role|job|team|"
    r"seat)|at (?:the|this) (?:company|job)|here)\b|\bnew (?:on|to) the (?:job|role|team)\b|"
    # "last black friday the etl was slow and nobody knew why so now i want to know ...": the story before the ask
    r"^[^?]*?\b(?:so|and so)\s+(?:now|this time|this year)\s+(?=(?:i|we)\s+(?:want|need|would like|'d like)\s+to\s+"
    r"(?:know|see|check|understand|find out)\b)", re.IGNORECASE)


def asker_spans(text: str) -> list[tuple[int, int]]:
    """Where the asker says how they came to ask (:data:`ASKER_CONTEXT`)."""
    return [m.span() for m in ASKER_CONTEXT.finditer(text or "")]
