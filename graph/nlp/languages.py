"""Questions in German, Spanish, French, Portuguese, Italian and Dutch, offline: detect the language, then
read the question through a small glossary (``glossary/<lang>.txt``) into English words the router, the date parser and the parameter
extractor already know ("gestern" -> "yesterday", "fehlgeschlagene Jobs" -> "failed jobs"). The words that mark each
language are ``markers/<lang>.txt``; the Italian and Dutch calendar words live in ``languages_it_nl.py``.

The glossary is general vocabulary of the monitor's domains and of time, never names of an account:
names pass through untouched, so the entity index still finds them. The offline answer stays in
English (the answer says so in one line); with an LLM the answer follows the user's language.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from health_monitor.graph.nlp import languages_it_nl

NAMES = {"en": "English", "de": "German", "es": "Spanish", "fr": "French", "pt": "Portuguese"}



#: Number, weekday and month words per language -> English (dates and counts: "letzten drei Tage").
_CALENDAR: dict[str, tuple[str, str, str]] = {
    "de": ("eins zwei drei vier fünf sechs sieben acht neun zehn", "montag dienstag mittwoch donnerstag freitag samstag sonntag",
           "januar februar märz april mai juni juli august september oktober november dezember"),
    "es": ("uno dos tres cuatro cinco seis siete ocho nueve diez", "lunes martes miércoles jueves viernes sábado domingo",
           "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre"),
    "fr": ("un deux trois quatre cinq six sept huit neuf dix", "lundi mardi mercredi jeudi vendredi samedi dimanche",
           "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"),
    "pt": ("um dois três quatro cinco seis sete oito nove dez",
           "segunda-feira terça-feira quarta-feira quinta-feira sexta-feira sábado domingo",
           "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro"),
}
# Italian and Dutch: the same kinds of words, kept in their own module.
NAMES.update(languages_it_nl.NAMES)
_CALENDAR.update(languages_it_nl.CALENDAR)
_EN_DAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
_EN_MONTHS = "january february march april may june july august september october november december".split()
_GLOSSARY_DIR = Path(__file__).with_name("glossary")


def _glossary(lang: str) -> dict[str, str]:
    """The calendar words of ``lang``, then ``glossary/<lang>.txt``: one ``phrase<TAB>English`` a line, sorted, the
    phrase in lower case (an empty English drops the phrase). A phrase of the file wins over a calendar word."""
    nums, days, months = _CALENDAR[lang]
    words = {w: str(i) for i, w in enumerate(nums.split(), 1)}
    words.update(zip(days.split(), _EN_DAYS, strict=True))
    words.update(zip(months.split(), _EN_MONTHS, strict=True))
    text = (_GLOSSARY_DIR / f"{lang}.txt").read_text(encoding="utf-8")
    words.update(line.split("\t", 1) for line in text.splitlines() if line)
    return words


#: Per language: phrase -> English (longest phrases win; matched on whole words, case-insensitive).
GLOSSARY: dict[str, dict[str, str]] = {lang: _glossary(lang) for lang in _CALENDAR}
_MARKERS_DIR = Path(__file__).with_name("markers")


def _markers(lang: str) -> frozenset[str]:
    """``markers/<lang>.txt``: the words that mark ``lang`` (one a line, sorted, lower case), rare in English and in
    the other languages: function words, everyday words, and calendar words that are not English too."""
    return frozenset((_MARKERS_DIR / f"{lang}.txt").read_text(encoding="utf-8").split())


#: Per language: the words whose presence says a question is in it (two or more of them, see ``detect``).
_MARKERS: dict[str, frozenset[str]] = {lang: _markers(lang) for lang in _CALENDAR}

def detect(text: str) -> str:
    """ISO code of the question's language ("en" unless another language's markers clearly dominate)."""
    names = re.sub(r"\S*[@._]\S*", " ", (text or "").lower())  # e-mails and dotted or snake_case names
    # (a one-letter ASCII word is no evidence: "y so high" is texting English, not French "y")
    words = [w for w in re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", names) if len(w) > 1 or not w.isascii()]
    if not words:
        return "en"
    if "¿" in (text or "") or "¡" in (text or ""):
        return "es"
    best, hits = "en", 0
    for lang, markers in _MARKERS.items():
        n = sum(1 for w in words if w in markers)
        if n > hits:
            best, hits = lang, n
    return best if hits >= 2 or (hits == 1 and len(words) <= 3) else "en"


@lru_cache(maxsize=8)
def _pattern(lang: str) -> re.Pattern[str]:
    phrases = sorted(GLOSSARY[lang], key=len, reverse=True)
    # (not a part of an e-mail or a dotted name: "maria.de.la.cruz@..." keeps its "de")
    return re.compile(r"(?<![\w'@.-])(" + "|".join(re.escape(p) for p in phrases) + r")(?![\w'@-]|\.\w)", re.IGNORECASE)


#: Texting shorthand that changes what is asked: "y is it stale" asks why; "r we over" asks whether we are.
_SHORTHAND = ((re.compile(r"(^|[.!?;:]\s*|\s-\s*)y(?=\s+(?:is|are|was|were|did|does|do|has|have|would|r|so|not|is ?n'?t|are ?n'?t|"
                          r"did ?n'?t|does ?n'?t|won'?t)\b)", re.IGNORECASE), r"\1why"),
              (re.compile(r"(^|[.!?;:]\s*|\s-\s*)r(?=\s+(?:we|they|u|you|there|these|those|the|any|all)\b)", re.IGNORECASE),
               r"\1are"),
              # "read access to personally identifiable information": PII, as every rule spells it
              (re.compile(r"\bpersonally[- ]identifiable (?:information|info|data)\b|\bprivate (?:info|information|data|"
                          r"details) (?=about|of|on)", re.IGNORECASE), "PII "),
              # "is it up to date? si non, pourquoi": a question word of another language in an English question
              (re.compile(r"\b(?:pourquoi|warum|wieso|por qu[eé])\b", re.IGNORECASE), "why"),
              (re.compile(r"\bsi non\b|\bsinon\b", re.IGNORECASE), "if not"),
              # "worried for the RGPD": the French (and German) name of the GDPR
              (re.compile(r"\b(?:rgpd|dsgvo)\b", re.IGNORECASE), "GDPR"),
              # "is analyst@ consulting too often the customers table?": a French speaker's word for reading data
              (re.compile(r"\bconsult(ing|s|ed)?\b(?=(?:\s+[\w@.-]+){0,4}\s+(?:tables?|data|records|dataset|files?)\b)",
                          re.IGNORECASE), lambda m: {"ing": "reading", "s": "reads", "ed": "read"}.get(m[1] or "", "read")),
              # "whos hammering crm.customers": who's, typed without its apostrophe
              (re.compile(r"\bwhos\b(?=\s+(?:\w+ing|been|the|that|this|behind|on|in|reading|using|got)\b)", re.IGNORECASE),
               "who's"),
              # "whos got read on pii tables rn": right now
              (re.compile(r"(?<![\w.-])rn(?![\w.-])"), "right now"),
              # "perms check on crm.customers": permissions
              (re.compile(r"\bperms\b", re.IGNORECASE), "permissions"),
              # "yesterday's sec summary": security (not seconds: "30 sec" has a number before it)
              (re.compile(r"(?<!\d )(?<!\d)\bsec\b(?=\s+(?:summary|report|posture|events?|alerts?|incidents?|review|status|"
                          r"stuff|issues?|findings?|update|overview|digest|team|check|side|things?)\b)", re.IGNORECASE),
               "security"),
              # "$$ yesterday + anything broken": the money, written as its sign (never "$500", a figure)
              # "cost + sec tldr for yday": an area's short name in a list of areas
              (re.compile(r"(?:(?<=\+ )|(?<=& )|(?<=/)|(?<=\band ))sec\b(?!\s*(?:\d|ago|later|or so))", re.IGNORECASE),
               "security"),
              (re.compile(r"(?<![\w$])\$\$+(?![\w$])"), "spend"),
              (re.compile(r"\bperm\b", re.IGNORECASE), "permission"),
              # "fcast next qtr w/ a range": forecast, quarter, with
              (re.compile(r"\bf(?:or)?ca?st\b", re.IGNORECASE), "forecast"),
              (re.compile(r"\bqtrs?\b", re.IGNORECASE), "quarter"),
              # "need to fix b4 the audit": before
              (re.compile(r"\bb4\b", re.IGNORECASE), "before"),
              # "hourly_ingest ジョブは過去1週間でSLA（15分）": Latin words written against CJK script are words of their own
              (re.compile(r"(?<=[\u3000-\u9fff\uac00-\ud7af\uff00-\uffef])(?=[A-Za-z0-9])|"
                          r"(?<=[A-Za-z0-9])(?=[\u3000-\u9fff\uac00-\ud7af\uff00-\uffef])"), " "),
              (re.compile(r"(?<!\w)w/(?=\s)", re.IGNORECASE), "with"),
              # "did somebody change a col type": a column
              (re.compile(r"\bcols\b", re.IGNORECASE), "columns"),
              # "tokns w/o expiry", "late nite stuff": without, night
              (re.compile(r"(?<!\w)w/o(?!\w)", re.IGNORECASE), "without"),
              (re.compile(r"\bnite\b", re.IGNORECASE), "night"),
              (re.compile(r"\btokns\b", re.IGNORECASE), "tokens"),
              # "slow q on bi wh today": a query, a warehouse
              (re.compile(r"(?<![\w.@-])wh(?![\w@-])", re.IGNORECASE), "warehouse"),
              (re.compile(r"\b(slow(?:est)?|long(?:est)?|big(?:gest)?|heavy|expensive) qs?\b", re.IGNORECASE), r"\1 query"),
              # "who's hammering the crm customers tbl": a table
              (re.compile(r"\btbls\b", re.IGNORECASE), "tables"),
              (re.compile(r"\btbl\b", re.IGNORECASE), "table"),
              (re.compile(r"(?<=\w) n (?=over\b|again\b)", re.IGNORECASE), " and "),
              (re.compile(r"\bcol\b", re.IGNORECASE), "column"),
              # "ml ws $ yday?": workspace, and its spend; "err msg": error message
              (re.compile(r"\bws\b(?!-)", re.IGNORECASE), "workspace"),
              (re.compile(r"\berr\b(?!-)", re.IGNORECASE), "error"),
              (re.compile(r"\bmsgs?\b(?!-)", re.IGNORECASE), "message"),
              # "wat happened yesterday", "wut broke": what (in an English question; Dutch "wat" is read as Dutch)
              (re.compile(r"\b(?:wat|wut|wot)\b(?=\s+(?:happened|happen|broke|is|was|are|were|did|does|do|about|else|"
                          r"went|changed|caused|the)\b)", re.IGNORECASE), "what"),
              # "`SLA_BREACH job=hourly_ingest`", "DELTA_FAILED_TO_MERGE_FIELDS": a pasted code's words, read as words
              (re.compile(r"(?<![\w.])[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+(?![\w.])"), lambda m: m[0].replace("_", " ")),
              # "did anyone give outside people access to customer data?": a grant, in everyday words
              (re.compile(r"\b(give|gave|given|giving)\b(?=(?: (?!access\b)[\w@.-]+){0,3} (?:access|permissions?|privileges?|"
                          r"(?:read|write|select) (?:access|rights|permissions?))\b)", re.IGNORECASE),
               lambda m: {"give": "grant", "gave": "granted", "given": "granted", "giving": "granting"}[m[1].lower()]),
              # "ml workspace gonna blow the budget?? y": a lone "y" after the question asks why
              (re.compile(r"(?<=[?!.])(\s*)y\s*\?*\s*$", re.IGNORECASE), r"\1why?"),
              # "ETL kaputt again?? ... wat happend": German slang and a slip in an English question
              (re.compile(r"\bkaputt\b", re.IGNORECASE), "broken"),
              (re.compile(r"\bhappend\b", re.IGNORECASE), "happened"),
              (re.compile(r"\b(?:wat|wut|wot)(?=\s+happened\b)", re.IGNORECASE), "what"),
              # phone autocorrect and fast thumbs: "coast spike" (cost), "training hobs" (jobs), "n did it finish" (and)
              (re.compile(r"(?<!west )(?<!east )(?<!gulf )(?<!pacific )(?<!atlantic )\bcoast(s?)\b", re.IGNORECASE), r"cost\1"),
              (re.compile(r"\bhobs\b", re.IGNORECASE), "jobs"),
              (re.compile(r"\bpipe line(s?)\b", re.IGNORECASE), r"pipeline\1"),
              (re.compile(r"\bchk\b", re.IGNORECASE), "check"),
              (re.compile(r"^(\s*)n\s+(?=(?:did|is|was|what|how|why|who|where|when|the|it|do|does|are|were|any)\b)",
                          re.IGNORECASE), r"\1and "),
              (re.compile(r"(?<=[a-z]{3})(?<!\btop) n (?=[a-z]{3})", re.IGNORECASE), " and "),
              # "who cn see pii??": can, before a verb of access
              (re.compile(r"\bcn\b(?=\s+(?:see|read|access|query|write|modify|edit|touch|view|use|get|grant|change)\b)",
                          re.IGNORECASE), "can"),
              # "the cost is very high no? porque? what is happen": another language's "why?" asked on its own
              (re.compile(r"(^|[.!?;:,]\s*)(?:porque|porqu[eé]|por qu[eé]|pourquoi|warum|wieso|perch[eé])\s*(?=\?)",
                          re.IGNORECASE), r"\1why"))


def expand_shorthand(text: str) -> str:
    """English ``text`` with the texting shorthand that carries the ask spelled out."""
    for pattern, repl in _SHORTHAND:
        text = pattern.sub(repl, text)
    return text


def to_english(text: str, lang: str) -> str:
    """``text`` with the glossary's words of ``lang`` replaced by English (names left as they are)."""
    if lang not in GLOSSARY:
        return text
    table = GLOSSARY[lang]
    if lang == "de":
        # "15-Minuten-SLA": a number or an acronym joined by hyphens is words ("15 Minuten SLA"); names keep theirs
        text = _HYPHENATED_DE.sub(" ", text)
        for pattern, english in _WORD_ORDER_DE:
            text = pattern.sub(english, text)
    if lang in ("de", "nl"):  # Dutch compounds too ("klantgegevens" -> "klant gegevens")
        text = _COMPOUND_DE.sub(lambda m: _split_compound(m.group(0), table), text)
    text = _pattern(lang).sub(lambda m: table[m.group(0).lower()], text)
    if lang in _ELIDED:
        # "pistes d'économies", "l'entrepôt": an elided article before a glossary word the phrases above left
        text = _ELISION.sub(lambda m: _unelided(m, lang, table), text)
    return text


#: French and Italian articles and prepositions elided before a vowel ("d'économies", "l'entrepôt", "dell'utente").
_ELIDED = {"fr": {"d": "of", "l": "the", "qu": "that"}, "it": {"l": "the", "dell": "of the", "nell": "in the", "all": "to the",
                                                                "dall": "from the", "un": "a", "d": "of"}}
_ELISION = re.compile(r"(?<![\w'@.-])(qu|dell|nell|dall|all|un|d|l)['’]([^\W\d_][\w-]*)", re.IGNORECASE)


def _unelided(m: re.Match[str], lang: str, table: dict[str, str]) -> str:
    article, word = m.group(1).lower(), m.group(2)
    if article not in _ELIDED[lang] or word.lower() not in table:
        return m.group(0)
    return f"{_ELIDED[lang][article]} {table[word.lower()]}"


#: German word order the glossary cannot read word by word: "als PII markiert" is "marked as PII"; "aktuell" before
#: another word is "currently" ("wer darf sie aktuell lesen"), and at the end "up to date" ("ist sie aktuell?").
_WORD_ORDER_DE = ((re.compile(r"\bals (\S+) (markiert|gekennzeichnet|eingestuft|klassifiziert|getaggt)\b", re.IGNORECASE),
                   r"\2 als \1"),
                  (re.compile(r"\baktuell(?=\s+[a-zäöüß])", re.IGNORECASE), "derzeit"))
_COMPOUND_DE = re.compile(r"(?<![\w'-])[^\W\d_]{8,}(?![\w'-])")
# ("Umsatz-Dashboard": two nouns, each capitalised, joined; names in the account are lower case: ml-workspace)
_HYPHENATED_DE = re.compile(r"(?<=\d)-(?=[^\W\d_]{3,}-)|(?<=[a-zäöüß])-(?=[A-Z]{2,4}\b)|"
                            r"(?<=[a-zäöüß]{2})-(?=[A-ZÄÖÜ][a-zäöüß]{2,}\b)")


def _split_compound(word: str, table: dict[str, str]) -> str:
    """A German compound of two glossary words read as two words ("Kostenanomalien" -> "Kosten Anomalien",
    "Nutzungsfakten" -> "Nutzung Fakten", a linking s dropped); any other word as it is."""
    low = word.lower()
    if low in table:
        return word
    for i in range(4, len(low) - 3):
        head, tail = low[:i], low[i:]
        for left in (head, head[:-1] if head.endswith("s") else None):
            if left and left in table and tail in table and " " not in left + tail:
                return f"{left} {tail}"
    return word


def note(lang: str) -> str:
    """The one line an offline answer adds for a question in another language."""
    return (f"You asked in {NAMES.get(lang, lang)}; offline answers are written in English (with an LLM "
            "configured, the answer follows your language).")


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    """Every language's marker words and glossary words: words of a question, never an entity's name."""
    words: set[str] = set().union(*_MARKERS.values())
    for glossary in GLOSSARY.values():
        words |= {w for phrase in glossary for w in phrase.split()}
    return frozenset(words)
