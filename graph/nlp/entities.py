"""Entity recognition against a vocabulary built at run time from the Gold dimensions.

:class:`EntityIndex` takes ``{kind: [names]}`` (kinds: workspace, job, user, ip, table, pipeline, model,
endpoint, warehouse, cluster, expectation, sku, regulation, group) and recognises, in order:

1. by pattern, known or not: e-mails (user), IPv4 addresses (ip), three-part names (table);
2. names and aliases, longest first, separators and case ignored ("ML-Workspace", "ml workspace"):
   table short names ("orders_gold", "orders silver", "sales.orders_gold") and workspace abbreviations
   ("prod" -> production) when they point at exactly one name;
3. light typos: one edit (insert, delete, substitute, swap) for names of at least 6 characters,
   found through a deletion index so a lookup costs a few dictionary hits;
4. names described in words for tables, models and endpoints (:mod:`graph.nlp.described`: "the usage
   fact table" -> fact_usage, "the model that detects cost anomalies" -> cost_anomaly_detector);
5. ``unknown_mentions``: "workspace foo", "job foo", "the foo_bar table" whose name is not in the index.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from health_monitor.graph.kinds import KIND_NAMES, WORD_KINDS
from health_monitor.graph.nlp.described import Descriptions
from health_monitor.graph.nlp.languages import function_words
from health_monitor.graph.nlp.models import UnknownMention
from health_monitor.graph.nlp.vocabulary import cue_scores

KINDS: tuple[str, ...] = KIND_NAMES
#: Abbreviations users type for workspace names; used only when exactly one workspace expands.
ABBREVIATIONS: dict[str, tuple[str, ...]] = {"prod": ("production", "prd"), "prd": ("production", "prod"),
                                             "stg": ("staging",), "dev": ("development",)}
#: A name's short token, spelled out as people say it ("ml-workspace": "the machine learning workspace").
SPELLED_OUT = {"ml": "machine learning", "bi": "business intelligence", "ds": "data science", "de": "data engineering",
               "ws": "workspace", "prod": "production", "dev": "development", "stg": "staging"}
_EMAIL = EMAIL_PATTERN = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
#: An e-mail address without its domain, or without its top level ("analyst@", "sam.kim@company").
_PARTIAL_EMAIL = re.compile(r"(?<![\w.+-])[a-z0-9][\w.+-]*@(?:[\w-]+)?(?![\w@-]|\.\w)")
_IP = IP_PATTERN = re.compile(r"\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b")
#: catalog.schema.table; a dotted name from a pasted stack trace (torch.cuda.OutOfMemoryError,
#: org.apache.spark.SparkException) is code, not a table.
_CODE_ROOTS = (r"torch|org|java|javax|com|py4j|pyspark|scala|sun|numpy|np|pandas|pd|sklearn|tensorflow|tf|os|sys|"
               r"dbutils|mlflow|requests|urllib|json|datetime|spark|delta|io|net|google|amazon|azure")
_THREE_PART = THREE_PART_PATTERN = re.compile(
    rf"(?<![\w.])(?!(?:{_CODE_ROOTS})\.)[a-z_][\w]*\.[a-z_][\w]*\.(?![\w]*(?:error|exception|warning)\b)[a-z_][\w]*\b(?!\.\w)",
    re.IGNORECASE)
_TOKEN = re.compile(r"[a-z0-9]+")
#: A name written as one word with separators ("finance-prod", "orders_gold"): matched whole or not at all.
_COMPOUND = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)+")
#: Catalogs and schemas are often named with plain words (finance, sales): such a name counts only when
#: written dotted ("main.sales") or next to the word that says what it is ("the finance catalog").
_CONTAINERS = frozenset({"catalog", "schema"})
_CONTAINER_WORDS = frozenset({"catalog", "catalogs", "schema", "schemas", "database", "databases", "tables"})
#: Words before a kind word that make it the question's head noun, not the start of a name
#: ("which workspace burned the most", "per cluster"), so the next word is not an unknown name.
_HEAD_NOUN = re.compile(r"(?:\b(?:which|what|whose|each|every|per|any|by|one|no|other|same|that|this|its|their|"
                        r"our|my|your)\s+|[-_.])$")
#: Singular kind words that introduce a name ("workspace foo", "the foo table"), from the table of kinds.
_KIND_WORDS = {w: k for w, k in WORD_KINDS.items() if w == k and k not in ("ip", "grant", "catalog", "schema")}
#: Past-tense verbs that follow a kind word ("the ingest job fell over"): what it did, not its name.
_IRREGULAR_PAST = frozenset("""fell died blew ran went broke got kept took hung stuck froze sat began gone done been
seen taken fallen become""".split())


def _verb(word: str) -> bool:
    return word in _IRREGULAR_PAST or (len(word) > 4 and word.endswith("ed") and word.isalpha())


#: Words that describe a workspace, job or cluster rather than name it ("the whole workspace").
_DESCRIBING = frozenset("""whole entire default shared busiest legacy current primary main same other only
personal new old big small large first second third single team company each every all any per which
what whose this that another""".split())
_STOP = frozenset("""a an the this that these those it its is are was were be been do does did of in on for to
from by with and or at as any all my our your their what which who whom how why when where there here
me us we you they he she i not no yes than then so if about over under into out up down last past this next
yesterday today week month day days hours ago since even still just really actually again ever already also too
alone itself anymore anyway yet quite very so such right currently recently lately usually always never often
either neither both instead though otherwise else please pls thanks
underneath beneath below above behind involved concerned attached underlying nearby besides
stating stated states saying noting listing giving showing
isnt arent wasnt werent dont doesnt didnt cant wont hasnt havent shouldnt wouldnt couldnt aint innit
""".split())
#: Kinds of compute and tiers that describe a thing, never name it ("an all-purpose cluster").
_TIERS = frozenset("""all-purpose all purpose interactive serverless classic pro job-compute jobs-compute single-node
multi-node high-concurrency long-running gpu cpu spot photon shared-access single-user""".split())
#: States said of a thing right after its kind word ("was the job fine", "is the cluster alright"): not names.
_STATES = frozenset("""fine ok okay alright allright healthy unhealthy green red broken working running failing
stuck slow fast busy idle late stale fresh ready done finished happy ok'd good bad normal alive dead""".split())
#: Settings written after a kind word ("warehouse auto-stop settings"): features, not names.
_SETTINGS = frozenset("""auto-stop autostop auto-termination autotermination auto-scaling autoscaling auto-scale
autoscale auto-suspend scaling sizing size sizes settings config configuration policy policies permissions
utilization usage load""".split())
#: Nouns a kind word modifies ("our SP for model deploys", "job runs", "table owners"): what about it, not its name.
_MODIFIED = frozenset("""deploys deploy deployment deployments runs run costs cost owners owner failures failure errors
latency metrics versions version registry training serving drift features scores predictions alerts logs history
spend spending bill bills access grants lineage schedule schedules outage outages incidents health admin admins
administrator administrators users members operators maintainers""".split())


def _foreign_phrase(name: str) -> bool:
    """"est-il", "y-a-t-il": a hyphenated run of function words (French inversion), not a name."""
    parts = name.split("-")
    return len(parts) > 1 and all(p in function_words() or len(p) <= 2 for p in parts)


def normalize(text: str) -> str:
    """Lower case, any run of separators (space, ``_ - . / :``) as one space."""
    return " ".join(_TOKEN.findall(text.lower()))


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """Plain words of the router's training phrasings: words, not names (for unknown mentions)."""
    words: set[str] = set(_STOP) | function_words()
    for path in (Path(__file__).resolve().parent / "training").glob("*.txt"):
        words |= {w for w in re.findall(r"[a-z]+(?=[\s?!.,]|$)", path.read_text(encoding="utf-8").lower())}
    return frozenset(words)


@dataclass(frozen=True)
class EntityMatch:
    """One recognised entity: its kind, canonical name, the words that named it and how."""

    kind: str
    name: str
    text: str
    start: int
    end: int
    method: str  # pattern | exact | alias | typo | description
    known: bool = True


@dataclass
class EntityResult:
    """All matches, grouped names by kind (order of appearance), and unknown names."""

    matches: list[EntityMatch] = field(default_factory=list)
    unknown_mentions: list[UnknownMention] = field(default_factory=list)

    @property
    def entities(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for m in sorted(self.matches, key=lambda m: m.start):
            bucket = out.setdefault(m.kind, [])
            if m.name not in bucket:
                bucket.append(m.name)
        return out


def _compounds(low: str, tokens: list[tuple[str, int, int]]) -> list[tuple[int, int]]:
    """For each token, the first and last token index of the separator-joined word it belongs to."""
    out = [(i, i) for i in range(len(tokens))]
    starts = {t[1]: i for i, t in enumerate(tokens)}
    ends = {t[2]: i for i, t in enumerate(tokens)}
    for m in _COMPOUND.finditer(low):
        first, last = starts.get(m.start()), ends.get(m.end())
        if first is not None and last is not None:
            for i in range(first, last + 1):
                out[i] = (first, last)
    return out


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def _within_one(a: str, b: str) -> bool:
    """Optimal-string-alignment distance <= 1 (one insert, delete, substitute or adjacent swap)."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    i = 0
    while i < min(la, lb) and a[i] == b[i]:
        i += 1
    if la == lb:
        return a[i + 1:] == b[i + 1:] or (i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2:] == b[i + 2:])
    return a[i + 1:] == b[i:] if la > lb else a[i:] == b[i + 1:]


#: The words the plays and cues key on, so a one-letter slip ("grnats", "permisions") still reads as the word. Only
#: long words whose near neighbours are no English words ("state" is one letter from "stale"; "stale" is not here).
_KEYWORDS = tuple("""grants granted permissions privileges failures failing logins pipeline pipelines warehouse
warehouses cluster clusters lineage freshness expectations queries latency outages uptime security savings untagged
anomalies endpoint endpoints downstream upstream incidents description descriptions documented undocumented
retraining expectation permission privilege anomaly weird dashboard dashboards breakdown forecast budget
availability""".split())


def _slip(word: str, keyword: str) -> bool:
    """One letter inserted, dropped or swapped with its neighbour; a wrong letter only in a long word."""
    if not _within_one(word, keyword) or word == keyword:
        return False
    if len(word) != len(keyword):
        return True
    diff = [i for i, (a, b) in enumerate(zip(word, keyword, strict=True)) if a != b]
    return len(diff) == 2 or len(keyword) >= 8  # two differing places are a swap; one is a wrong letter


def fix_typos(text: str) -> str:
    """English ``text`` with a word one slip away from a keyword (and no word of its own) spelled as the keyword."""
    common = _common_words()

    def fixed(m: re.Match[str]) -> str:
        word = m[0].lower()
        if len(word) < 5:
            return m[0]
        keyword = next((k for k in _KEYWORDS if _slip(word, k)), None)
        # a word of the training phrasings is left alone, unless it is a slip of a long keyword that is no
        # other form of it ("securty" is in the phrasings as a typo; "cluster" is a word of its own)
        if keyword is None or word in common and (len(keyword) < 8 or keyword.rstrip("s") == word.rstrip("s")):
            return m[0]
        return keyword

    def zero_for_o(m: re.Match[str]) -> str:  # "wh0 granted what": a zero typed for an o
        word = m[0].replace("0", "o")
        return word if word.lower() in common else m[0]

    text = re.sub(r"(?<![\w.@-])(?=[A-Za-z0]*[A-Za-z])[A-Za-z]*0[A-Za-z0]*(?![\w@-]|\.\w)", zero_for_o, text)
    return re.sub(r"(?<![\w.@-])[A-Za-z]+(?![\w@-]|\.\w)", fixed, text)


#: "the orders tables from raw to gold", "the sales pipeline from bronze through to gold": a medallion chain.
_LAYER_CHAIN = re.compile(r"\b(?P<word>[a-z]\w+?)\s+(?:tables?|pipeline|chain|layers?|flow|data)\s+from\s+(?:the\s+)?"
                          r"(?:raw|bronze|landing|staging|silver)\s+(?:layer\s+|tables?\s+)?(?:all the way |up |through )?"
                          r"(?:to|into|through to|up to)\s+(?:the\s+)?(?P<end>silver|gold)\b", re.IGNORECASE)


#: Medallion layers a table's name may say ("orders_gold"), and nouns after the word that mean the layer itself.
_LAYER_WORDS = ("gold", "silver", "bronze")
#: Words after a layer's word that leave it a name ("where does gold pull from", "silver - drift this wk?", "silver ->
#: gold"): a verb, a preposition or the end; any other word makes it an adjective ("the gold usage fact table").
_LAYER_FOLLOWERS = frozenset("""pull pulls pulled pulling get gets got come comes came read reads load loads loaded is was are
were has have had look looks looked drift drifts drifted refresh refreshed update updated stale fresh late and or to from
for in on at via with of fail failed break broke depend depends feed feeds""".split()) | frozenset(_LAYER_WORDS)


_TABLE_NOUNS = frozenset({"table", "tables", "view", "views", "dataset", "datasets"})


def _layer_as_name(text: str, tokens: list[tuple[str, int, int]], i: int) -> bool:
    """Is the layer word at ``tokens[i]`` said as a name (the one table of that layer), not as an adjective?"""
    ends = i + 1 >= len(tokens) or bool(re.search(r"[.?!;:,()]", text[tokens[i][2]:tokens[i + 1][1]]))
    after = None if ends else tokens[i + 1][0]
    before = tokens[i - 1][0] if i > 0 else None
    # ("the usage fact table in gold": the layer a table is in)
    in_layer = before in ("in", "into", "within") and any(t[0] in _TABLE_NOUNS for t in tokens[max(0, i - 4):i - 1])
    return (after is None or after in _LAYER_FOLLOWERS) and before not in ("table", "tables", "layer", "the") \
        and not in_layer


def _name_words(name: str) -> set[str]:
    return set(re.split(r"[_\-]+", name.lower()))


class EntityIndex:
    """Names by kind, with aliases, a typo index and token sets for descriptive phrases."""

    def __init__(self, vocabulary: Mapping[str, Iterable[str]] | None = None) -> None:
        self.names: dict[str, list[str]] = {k: list(dict.fromkeys(n for n in v if n))
                                            for k, v in (vocabulary or {}).items()}
        # teams are named only with a team word after them ("the ml team"): "ml" or "platform" alone is no team
        self.teams: list[str] = self.names.pop("team", [])
        said = {t.lower(): t for t in self.teams}
        said.update({" ".join(SPELLED_OUT.get(w, w) for w in re.split(r"[-_ ]+", t.lower())): t for t in self.teams})
        self._team_names = said  # "the machine learning unit" is the team ml
        heads: dict[str, list[str]] = {}
        for name in self.names.get("workspace", []):
            head = re.match(r"^([a-z][a-z0-9]+)[-_ ](?:workspace|ws)$", name.lower())
            if head:
                heads.setdefault(head[1], []).append(name)
        # a head naming one workspace only, and not itself another name of the account ("ml" is no job)
        self._heads = {h: ns[0] for h, ns in heads.items() if len(ns) == 1}
        self._head = re.compile(r"\b(" + "|".join(re.escape(h) for h in sorted(self._heads, key=len, reverse=True))
                                + r")\s+(?:costs?|spend\w*|bill|budget|dbus?|usage)\b") if self._heads else None
        self._team = re.compile(r"\b(?:" + "|".join(re.escape(t) for t in sorted(said, key=len, reverse=True))
                                + r")(?=\s+(?:eng(?:ineering)?\s+)?(?:team|teams|unit|business unit|bu|department|dept|"
                                r"squad|division|org)\b)") if self.teams else None
        full: dict[str, set[tuple[str, str]]] = defaultdict(set)
        partial: dict[str, set[tuple[str, str]]] = defaultdict(set)
        self._lower: dict[str, tuple[str, str]] = {}
        for kind, names in self.names.items():
            for name in names:
                key = normalize(name)
                if not key:
                    continue
                full[key].add((kind, name))
                self._lower[name.lower()] = (kind, name)
                for alias in self._aliases(kind, name, key):
                    partial[alias].add((kind, name))
        self._alias: dict[str, tuple[tuple[str, str], ...]] = {k: tuple(sorted(v)) for k, v in full.items()}
        for alias, targets in partial.items():
            if alias not in self._alias and len(targets) == 1:
                self._alias[alias] = tuple(targets)
        self._max_tokens = max((a.count(" ") + 1 for a in self._alias), default=1)
        self._typo_index: dict[str, str | list[str]] | None = None
        self._described = Descriptions(self.names)

    def _aliases(self, kind: str, name: str, key: str) -> list[str]:
        if kind == "table":
            parts = name.split(".")
            # "where does gold pull from": a medallion layer's word names the account's one table of that layer
            # (kept only while unique: an account with many gold tables gets no alias)
            layer = [w for w in _LAYER_WORDS if w in _name_words(parts[-1])]
            return [normalize(".".join(parts[i:])) for i in range(1, len(parts))] + layer
        if kind == "workspace":
            spelled = [SPELLED_OUT.get(t, t) for t in re.split(r"[-_ ]+", name.lower()) if t]
            # "the machine learning workspace" is ml-workspace (only with the word workspace: "machine learning
            # models" are no place)
            said = [normalize(" ".join(spelled))] if spelled and spelled[-1] == "workspace" and \
                spelled != re.split(r"[-_ ]+", name.lower()) else []
            return [a for a, targets in ABBREVIATIONS.items() if name.lower() in targets] + said
        return []

    def warm(self) -> EntityIndex:
        """Build the typo index now (otherwise the first typo lookup builds it); returns self."""
        self._typo()
        return self

    def __len__(self) -> int:
        return sum(len(v) for v in self.names.values())

    def lookup(self, kind: str, name: str) -> str | None:
        """The canonical name of ``kind`` for ``name`` (any case/separators), or None."""
        hit = self._lower.get(name.lower())
        if hit and hit[0] == kind:
            return hit[1]
        targets = [t for t in self._alias.get(normalize(name), ()) if t[0] == kind]
        return targets[0][1] if len(targets) == 1 else None

    def match(self, text: str) -> EntityResult:
        """Every entity named in ``text`` (cut at 5,000 characters)."""
        text = (text or "")[:5000]
        low = text.lower()
        result = EntityResult()
        taken = bytearray(len(low))
        for m in self._team.finditer(low) if self._team is not None else ():
            name = self._team_names[m[0]]
            result.matches.append(EntityMatch("team", name, text[m.start():m.end()], m.start(), m.end(), "exact"))
            taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())
        for m in self._head.finditer(low) if self._head is not None else ():
            # "ml costs up or down?": a workspace named "<head>-workspace" said by its head before a money word
            if not any(taken[m.start():m.end()]):
                name = self._heads[m[1]]
                result.matches.append(EntityMatch("workspace", name, text[m.start(1):m.end(1)], m.start(1), m.end(1), "alias"))
                taken[m.start(1):m.end(1)] = b"\x01" * (m.end(1) - m.start(1))
        for kind, pattern in (("user", _EMAIL), ("ip", _IP), ("table", _THREE_PART)):
            for m in pattern.finditer(low):
                if any(taken[m.start():m.end()]):
                    continue
                hit = self._lower.get(m[0])
                result.matches.append(EntityMatch(kind, hit[1] if hit else m[0], text[m.start():m.end()],
                                                  m.start(), m.end(), "pattern", known=hit is not None))
                taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())
        for m in _PARTIAL_EMAIL.finditer(low):
            # "analyst@ hitting crm.customers", "ask sam.kim@company": an address cut short, when one user has it
            fits = [n for n in self.names.get("user", []) if n.lower().startswith(m[0]) and "@" in n]
            if len(fits) == 1 and not any(taken[m.start():m.end()]):
                result.matches.append(EntityMatch("user", fits[0], text[m.start():m.end()], m.start(), m.end(), "alias"))
                taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())
        tokens = [(m[0], m.start(), m.end()) for m in _TOKEN.finditer(low) if not taken[m.start()]]
        used = [False] * len(tokens)
        self._match_names(text, tokens, used, result, _compounds(low, tokens))
        self._match_descriptions(text, tokens, used, result)
        result.unknown_mentions = self._unknown(low, result)
        return result

    def _match_names(self, text: str, tokens: list[tuple[str, int, int]], used: list[bool],
                     result: EntityResult, compound: list[tuple[int, int]]) -> None:
        common = _common_words()
        for n in range(min(self._max_tokens, 6), 0, -1):
            for i in range(len(tokens) - n + 1):
                if any(used[i:i + n]) or compound[i][0] < i or compound[i + n - 1][1] > i + n - 1:
                    continue
                key = " ".join(t[0] for t in tokens[i:i + n])
                method = "exact"
                targets = self._alias.get(key)
                if targets is None and len(key) >= 6 and not all(t[0] in common for t in tokens[i:i + n]):
                    targets, method = self._typo_targets(key), "typo"
                if not targets:
                    continue
                start, end = tokens[i][1], tokens[i + n - 1][2]
                dotted = bool(re.match(r"\w\.", text[max(0, start - 2):start]) or re.match(r"\.\w", text[end:end + 2]))
                if n == 1 and not dotted and compound[i] == (i, i) and all(k in _CONTAINERS for k, _ in targets) \
                        and not {t[0] for t in tokens[max(0, i - 1):i + 2]} & _CONTAINER_WORDS \
                        and not _in_container(tokens, i):
                    continue  # "review for finance": a plain word, unless called a catalog/schema or dotted
                if n == 1 and not dotted and all(k == "table" for k, _ in targets) and _topic_word(key) \
                        and not {t[0] for t in tokens[max(0, i - 1):i + 2]} & _TABLE_WORDS:
                    continue  # "over the monthly budgets": the topic word, not a table named budgets
                if n == 1 and not dotted and key in _PEOPLE_NOUNS and all(k == "table" for k, _ in targets) \
                        and i > 0 and tokens[i - 1][0] in _PEOPLE_BEFORE \
                        and not {t[0] for t in tokens[i:i + 2]} & _DATA_WORDS:
                    continue  # "did customers really change?": people, not the table named customers
                if n == 1 and not dotted and key in _DATA_COMPOUNDS and all(k == "table" for k, _ in targets) \
                        and i > 0 and tokens[i - 1][0] == "data" and not {t[0] for t in tokens[i + 1:i + 2]} & _TABLE_WORDS:
                    continue  # "which of my data products missed their refresh": the datasets, not a table named products
                if n == 1 and key in _LAYER_WORDS and not _layer_as_name(text, tokens, i):
                    continue  # "the gold layer", "the gold usage fact table": the layer's word describing, no name
                if n == 1 and not dotted and all(k in _CONTAINERS or k == "workspace" for k, _ in targets) \
                        and i + 1 < len(tokens) and tokens[i + 1][0] in ("model", "models", "layer", "layers"):
                    continue  # "the staging model", "the gold layer": a layer of a dbt project, not the workspace
                if n == 1 and method == "typo" and not dotted and key.isalpha() and all(k == "table" for k, _ in targets) \
                        and not {t[0] for t in tokens[max(0, i - 1):i + 3]} & _DATA_WORDS:
                    continue  # "a group that isn't an employee group": a plain word one letter off, not the table
                for kind, name in targets:
                    if method == "exact" and normalize(name) != key:
                        method = "alias"
                    result.matches.append(EntityMatch(kind, name, text[start:end], start, end, method))
                used[i:i + n] = [True] * n

    def _typo(self) -> dict[str, str | list[str]]:
        """Deletion variant -> alias(es) of at least 6 characters; built on the first typo lookup."""
        if self._typo_index is None:
            index: dict[str, str | list[str]] = {}
            for alias in self._alias:
                if len(alias) < 6:
                    continue
                for d in (alias, *_deletes(alias)):
                    prev = index.get(d)
                    if prev is None:
                        index[d] = alias
                    elif isinstance(prev, list):
                        prev.append(alias)
                    elif prev != alias:
                        index[d] = [prev, alias]
            self._typo_index = index
        return self._typo_index

    def _typo_targets(self, key: str) -> tuple[tuple[str, str], ...] | None:
        typo = self._typo()
        candidates: set[str] = set()
        for d in (key, *_deletes(key)):
            hit = typo.get(d)
            if hit is not None:
                candidates.update([hit] if isinstance(hit, str) else hit)
        close = sorted(a for a in candidates if _within_one(key, a))
        targets = {t for a in close for t in self._alias[a]}
        # one name misspelt ("anaytics") stands for what that name would: every kind of it, read as the exact name is
        return tuple(sorted(targets)) if len(close) == 1 or len(targets) == 1 else None

    def _match_descriptions(self, text: str, tokens: list[tuple[str, int, int]], used: list[bool],
                            result: EntityResult) -> None:
        for hit in self._described.resolve(text, tokens, used, _STOP):
            start, end = tokens[hit.first][1], tokens[hit.last][2]
            result.matches.append(EntityMatch(hit.kind, hit.name, text[start:end], start, end, "description"))
            used[hit.first:hit.last + 1] = [True] * (hit.last + 1 - hit.first)
        if not any(m.kind == "table" for m in result.matches) and (chain := _LAYER_CHAIN.search(text)):
            # "walk me through the orders tables from raw to gold": the chain's last table (its lineage holds the rest)
            word, end = chain["word"].lower().rstrip("s"), chain["end"].lower()
            fits = [n for n in self.names.get("table", []) if {word, end} <= _name_words(n.split(".")[-1])
                    or {word + "s", end} <= _name_words(n.split(".")[-1])]
            if len(fits) == 1:
                result.matches.append(EntityMatch("table", fits[0], chain[0], chain.start(), chain.end(), "description"))

    def _unknown(self, low: str, result: EntityResult) -> list[UnknownMention]:
        spans = [(m.start, m.end) for m in result.matches]
        common = _common_words()
        out: list[UnknownMention] = []
        kinds = "|".join(_KIND_WORDS)
        # The name ends where the word ends: "modelo está" must not read as a model called "est".
        after = re.finditer(rf"\b({kinds})\s+[`'\"]?([a-z0-9][\w.@-]*[a-z0-9]|[a-z0-9])(?![\w@-])[`'\"]?", low)
        before = list(re.finditer(rf"(?<![\w.-])([a-z0-9]*[_\-.0-9][\w.-]*[a-z0-9])\s+({kinds})\b", low))
        # "the marketing workspace": a plain word between a determiner and the kind word is a name too,
        # unless it is a word of the language of questions or describes the thing ("the whole workspace").
        plain = [m for m in re.finditer(rf"\b(?:the|our|for|in|on|of)\s+([a-z][a-z0-9]{{2,}})\s+({kinds})\b", low)
                 if m[1] not in common and m[1] not in _STOP and m[1] not in _DESCRIBING]
        before += plain
        named = {m.start(2) for m in before}  # "the sales-prod cluster busy": the name came before the kind word
        for m, kind_group, name_group in [(m, 1, 2) for m in after] + [(m, 2, 1) for m in before]:
            name, s = m[name_group], m.start(name_group)
            if kind_group == 1 and (m.start(1) in named or _HEAD_NOUN.search(low[:m.start(1)])
                                    or any(a <= m.start(1) < b for a, b in spans)  # "cost anomaly model still"
                                    # "the dev workspace carries": a known name came before the kind word
                                    or any(b <= m.start(1) and not low[b:m.start(1)].strip() for _, b in spans)):
                continue
            if kind_group == 2 and re.search(r"\ban?\s+$", low[:s]):
                continue  # "an all-purpose cluster", "a prod-like workspace": a description, not a name
            if kind_group == 2 and _DESCRIBING_COMPOUND.search(name):
                continue  # "every PII-tagged table", "the gpu-backed clusters": what kind of thing, not its name
            if kind_group == 1 and len(name) > 5 and name.endswith("ing") and name.isalpha():
                continue  # "was the cluster struggling": what it was doing, not its name ("the staging workspace" is)
            if (name in common or name in _STATES or name in _KIND_WORDS or name in _TIERS or name in _SETTINGS
                    or kind_group == 1 and name in _MODIFIED or _foreign_phrase(name) or _IP.fullmatch(name) or name.isdigit() or _verb(name)
                    or any(a <= s < b for a, b in spans)):
                continue
            kind = _KIND_WORDS[m[kind_group]]
            if self.lookup(kind, name) is None and all(u.text != name for u in out):
                out.append(UnknownMention(kind=kind, text=name))
        out += [UnknownMention(kind=m.kind, text=m.name) for m in result.matches if not m.known
                and m.kind == "table"]
        out += self._unknown_identifiers(low, spans, out)
        return out

    #: Kinds an identifier with no kind word beside it may be a near miss of ("customer_sync_v2").
    _NEAR_MISS_KINDS = ("job", "pipeline", "model", "endpoint", "cluster", "warehouse", "workspace")

    def _unknown_identifiers(self, low: str, spans: list[tuple[int, int]], found: list[UnknownMention]
                             ) -> list[UnknownMention]:
        """A snake_case or kebab-case word that is no name here but close to one of a kind: that kind's
        unknown name (so the answer says it does not exist and offers the close one, instead of the account)."""
        out: list[UnknownMention] = []
        said = {u.text for u in found}
        for m in re.finditer(r"(?<![\w.@-])([a-z][a-z0-9]*(?:[_-][a-z0-9]+)+)(?![\w@-]|\.\w)", low):
            word = m[1]
            if word in said or any(a <= m.start() < b for a, b in spans) or word in self._lower:
                continue
            for kind in self._NEAR_MISS_KINDS:
                known = [n.lower() for n in self.names.get(kind, [])]
                if difflib.get_close_matches(word, known, n=1, cutoff=0.8):
                    out.append(UnknownMention(kind=kind, text=word))
                    said.add(word)
                    break
            else:
                if self.names.get("job") and (_RUNS_LIKE_A_JOB.match(low, m.end()) or _ASKED_OF_A_RUN.search(
                        low[:m.start()]) and _RUNS_LIKE_A_JOB.match(re.sub(r"^\s+\w+ly\b", "", low[m.end():]))):
                    out.append(UnknownMention(kind="job", text=word))  # "why did payments_sync_v3 fail at 3am"
                    said.add(word)
        return out


#: After an identifier, words that make it a job's name ("payments_sync_v3 failed", "... job"); before it, an ask of
#: a run ("why did", "did", "has").
_RUNS_LIKE_A_JOB = re.compile(r"\s+(?:job\b|(?:failed|fails|failing|crashed|crashes|broke|died|run|runs|ran|succeeded|"
                              r"finished|fail|crash|break|die|succeed|finish|error(?:ed)?)\b)")
_ASKED_OF_A_RUN = re.compile(r"\b(?:did|does|has|have|is|was)\s+$")
#: A hyphenated word ending in a participle or an adjective of kind ("pii-tagged", "gpu-backed", "prod-like"): it
#: describes the thing the kind word names.
_DESCRIBING_COMPOUND = re.compile(r"-(?:[a-z]+ed|like|based|owned|facing|heavy|wide|level|critical|sensitive|related|only|"
                                  r"specific|scoped|ready|friendly|free|bound|enabled|intensive|hungry)$")
#: Words that make a plain word a table's name ("the budgets table").
_TABLE_WORDS = frozenset({"table", "tables", "dataset", "datasets", "view"})
#: Tables named like people ("customers"), and the words before such a name that make it the people: "did customers
#: change", "our users", "many employees".
_PEOPLE_NOUNS = frozenset("customers users employees people members clients vendors suppliers patients students "
                          "contacts partners buyers shoppers subscribers".split())
_PEOPLE_BEFORE = frozenset("did do does have has had our your their many more fewer new real some most all if when "
                           "whether because paying active".split())
#: Nouns that follow "data" as one term ("data products", "data assets"): the datasets, not a table of that name.
_DATA_COMPOUNDS = frozenset("product products asset assets source sources contract contracts consumer consumers "
                            "domain domains set sets estate".split())
#: Words that make a plain word one letter off a table's name that table ("the payrol data", "employe records").
_DATA_WORDS = _TABLE_WORDS | {"data", "records", "rows", "tbl", "tabel"}


def _in_container(tokens: list[tuple[str, int, int]], i: int) -> bool:
    """Is the word at ``i`` said as where tables live ("tables in main", "views under finance")?"""
    return i >= 2 and tokens[i - 1][0] in ("in", "from", "under", "inside", "across") \
        and tokens[i - 2][0] in _CONTAINER_WORDS | _TABLE_WORDS


def _topic_word(word: str) -> bool:
    """Is ``word`` one of the domains' cue words ("budgets", "grants", "incidents")?"""
    return any(cue_scores(word)[0].values())
