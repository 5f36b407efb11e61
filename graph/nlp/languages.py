"""Questions in German, Spanish, French, Portuguese, Italian and Dutch, offline: detect the language, then
read the question through a small glossary into English words the router, the date parser and the parameter
extractor already know ("gestern" -> "yesterday", "fehlgeschlagene Jobs" -> "failed jobs"). The Italian and
Dutch words live in ``languages_it_nl.py`` and are merged here.

The glossary is general vocabulary of the monitor's domains and of time, never names of an account:
names pass through untouched, so the entity index still finds them. The offline answer stays in
English (the answer says so in one line); with an LLM the answer follows the user's language.
"""

from __future__ import annotations

import re
from functools import lru_cache

from health_monitor.graph.nlp import languages_it_nl

NAMES = {"en": "English", "de": "German", "es": "Spanish", "fr": "French", "pt": "Portuguese"}

#: Function words that mark a language (and are rare in the others).
_MARKERS: dict[str, frozenset[str]] = {
    "de": frozenset("""zugegriffen beschreibung daten tabellen der die das und ist sind nicht welche welcher welches warum wieso gestern heute wie viel viele
        was wer wurde wurden haben hat letzte letzten letzter woche monat seit gibt es mit auf für von zu im vom zum
        unsere unser unseren mir zeig zeige gab fehlgeschlagen fehlgeschlagene kosten wir ich können könnte
        wo woher wohin gibt es sich auch noch nach bei über diese dieser diesen welchen keine kein""".split()),
    "es": frozenset("""accedió accedieron datos últimos últimas días sensibles personales tablas el la los las que qué por porqué cuál cuáles cuánto cuánta cuántos ayer hoy semana pasada
        mes es son fue fueron han hay del con para nuestro nuestra nuestros muéstrame muestra dime trabajos
        fallaron fallidos costos coste gasto cómo quién dónde donde podemos puedo hubo están esta este estos
        una uno unos tienen tiene ayer anoche desde está están estamos""".split()),
    "fr": frozenset("""accédé données derniers dernières jours le les des est sont pourquoi quels quelles quel quelle combien hier aujourd'hui semaine
        dernière dernier mois il y a du au aux avec pour nos notre qui ont été échoué échoués coûts montre
        moi quoi où nous pouvons pouvez avons y a-t-il cette ces une un sont-elles est-ce""".split()),
    "pt": frozenset("""nesse neste vamos mês orçamento ritmo acessou acessaram dados últimos últimas dias nos nas pessoais sensíveis tabelas o os as que por porque quais qual quanto quantos ontem hoje semana passada mês é são foi
        foram há do da dos das com para nosso nossa nossos mostre mostra falharam falhos custos gasto quem
        não onde podemos houve estão está esta este uma um têm tem nós tabela atrasada atrasado atrasadas pq tá
        vc você""".split()),
}

#: Per language: phrase -> English (longest phrases win; matched on whole words, case-insensitive).
GLOSSARY: dict[str, dict[str, str]] = {
    "de": {
        "hängen von": "depend on", "hängt von": "depends on", "abhängen": "depend", "abhängig": "dependent",
        "betroffenen": "affected", "betroffene": "affected", "nachgelagert": "downstream", "nachgelagerten": "downstream",
        "gestern nacht": "last night", "gestern abend": "last night",
        "miete": "rent", "büro": "office", "büros": "offices",
        # asking for the cause ("woran lag das?"): why
        "erteilt": "granted", "vergeben": "granted", "freigegeben": "granted", "woran lag das": "why", "woran liegt das": "why", "woran lag es": "why", "was war der grund": "why",
        "was ist der grund": "why", "wodurch": "why",
        "ohne": "without", "personenbezogene daten": "personal data",
        "zugegriffen": "accessed", "beschreibung": "description", "aufmerksamkeit": "attention",
        "braucht meine aufmerksamkeit": "needs my attention",
        "vorgestern": "the day before yesterday", "gestern": "yesterday", "heute": "today",
        "letzte woche": "last week", "letzten woche": "last week", "vergangene woche": "last week",
        "diese woche": "this week", "letzten monat": "last month", "letzter monat": "last month",
        "diesen monat": "this month", "dieser monat": "this month", "letzten": "last", "tage": "days",
        "tagen": "days", "stunden": "hours", "wochen": "weeks",
        "fehlgeschlagene": "failed", "fehlgeschlagenen": "failed", "fehlgeschlagen": "failed",
        "gescheitert": "failed", "gescheiterte": "failed", "fehler": "errors", "ausfälle": "outages",
        "kosten": "costs", "ausgaben": "spend", "ausgegeben": "spent", "rechnung": "bill", "teuer": "expensive",
        "teuersten": "most expensive", "anmeldungen": "logins", "anmeldung": "login", "zugriff": "access",
        "zugriffe": "access", "verdächtig": "suspicious", "verdächtige": "suspicious", "sicherheit": "security",
        "langsam": "slow", "langsame": "slow", "langsamsten": "slowest", "abfragen": "queries",
        "verfügbarkeit": "availability", "zuverlässigkeit": "reliability", "veraltet": "stale",
        "veraltete": "stale", "aktuell": "fresh", "datenqualität": "data quality", "tabellen": "tables",
        "tabelle": "table", "modelle": "models", "modell": "model", "berechtigungen": "grants",
        "abstammung": "lineage", "sparen": "save", "einsparungen": "savings", "ungenutzte": "idle",
        "welche": "which",
        "wo": "where", "woher": "where from", "geld": "money", "zuverlässig": "reliable", "plattform": "platform", "abgestürzt": "crashed", "ausfall": "outage", "daten": "data", "wer hat zugriff": "who has access", "besitzer": "owner", "sensible daten": "sensitive data", "latenz": "latency", "endpunkte": "endpoints", "welcher": "which", "warum": "why", "wieso": "why", "wer": "who",
        "wie viel": "how much", "wieviel": "how much", "zeig mir": "show me", "zeige": "show", "und": "and",
        "im": "in", "in der": "in the", "morgenbericht": "morning briefing", "überblick": "overview",
        "nachts": "at night", "in der nacht": "at night", "nutzer": "users", "benutzer": "users",
        "gearbeitet": "active", "aktiv": "active", "außerhalb der arbeitszeit": "after hours",
        "ungewöhnlich": "unusual", "ungewöhnliche": "unusual",
    },
    "es": {
        "alquiler": "rent", "oficina": "office", "oficinas": "offices", "pagamos": "did we pay",
        "concedió": "granted", "otorgó": "granted", "a qué se debe": "why", "a que se debe": "why", "qué lo causó": "why", "que lo causo": "why",
        "cuál fue la causa": "why", "cual fue la causa": "why",
        "datos sensibles": "sensitive data", "datos personales": "personal data", "no tienen": "have no", "sin": "without",
        "accedió": "accessed", "accedieron": "accessed", "descripción": "description", "atención": "attention",
        "necesita mi atención": "needs my attention",
        "anteayer": "the day before yesterday", "ayer": "yesterday", "hoy": "today",
        "la semana pasada": "last week", "semana pasada": "last week", "esta semana": "this week",
        "el mes pasado": "last month", "mes pasado": "last month", "este mes": "this month",
        "últimos": "last", "ultimos": "last", "últimas": "last", "días": "days", "dias": "days", "horas": "hours",
        "trabajos": "jobs", "trabajo": "job", "tareas": "jobs", "fallaron": "failed", "fallidos": "failed",
        "fallidas": "failed", "falló": "failed", "fallo": "failure", "fallos": "failures", "errores": "errors",
        "costos": "costs", "costes": "costs", "coste": "cost", "costo": "cost", "gasto": "spend",
        "gastamos": "did we spend", "factura": "bill", "caro": "expensive", "inicios de sesión": "logins",
        "accesos": "access", "acceso": "access", "sospechoso": "suspicious", "sospechosos": "suspicious",
        "seguridad": "security", "lentas": "slow", "lentos": "slow", "lento": "slow", "consultas": "queries",
        "disponibilidad": "availability", "fiabilidad": "reliability", "desactualizada": "stale",
        "desactualizadas": "stale", "calidad de datos": "data quality", "tablas": "tables", "tabla": "table",
        "modelos": "models", "modelo": "model", "permisos": "grants", "linaje": "lineage", "ahorrar": "save",
        "ahorro": "savings", "ahorros": "savings", "inactivos": "idle", "qué": "what", "que": "which",
        "cuáles": "which", "cuales": "which", "por qué": "why", "porqué": "why", "quién": "who",
        "cuánto": "how much", "cuanto": "how much", "muéstrame": "show me", "y": "and", "en": "in",
        "resumen": "briefing",
        "dame": "give me", "deme": "give me", "comparado con": "compared with", "comparada con": "compared with",
        "explícame": "explain", "explicame": "explain", "falla": "fails", "fallan": "fail", "la semana anterior": "the week before",
        "dónde": "where", "donde": "where", "dinero": "money", "anoche": "last night", "datos": "data", "sensibles": "sensitive", "caídas": "outages", "incidentes": "incidents", "inicios de sesión fallidos": "failed logins", "clústeres": "clusters", "espacio de trabajo": "workspace", "latencia": "latency", "quién tiene permisos": "who has grants", "informe matutino": "morning briefing",
    },
    "fr": {
        "loyer": "rent", "bureaux": "offices",
        "échecs de connexion": "failed logins", "échec de connexion": "failed login", "tentatives": "attempts",
        "réussir à se connecter": "log in successfully", "se connecter": "log in", "louche": "suspicious",
        "bossait": "was working", "en pleine nuit": "in the middle of the night", "d'où proviennent": "where come from",
        "d'où viennent": "where come from", "qu'est-ce qui bloque": "why", "ce qui bloque": "why", "a accordé": "granted", "a donné accès": "gave access", "à quoi c'est dû": "why", "a quoi c'est du": "why", "qu'est-ce qui l'explique": "why",
        "quelle est la cause": "why", "d'où ça vient": "why",
        "données sensibles": "sensitive data", "données personnelles": "personal data", "n'ont pas de": "have no", "sans": "without",
        "accédé": "accessed", "description": "description", "mérite mon attention": "needs my attention",
        "avant-hier": "the day before yesterday", "hier": "yesterday", "aujourd'hui": "today",
        "la semaine dernière": "last week", "semaine dernière": "last week", "cette semaine": "this week",
        "le mois dernier": "last month", "mois dernier": "last month", "ce mois-ci": "this month",
        "derniers": "last", "dernières": "last", "jours": "days", "heures": "hours",
        "tâches": "jobs", "taches": "jobs", "jobs": "jobs", "échoué": "failed", "échoués": "failed",
        "échouées": "failed", "en échec": "failed", "échecs": "failures", "erreurs": "errors",
        "coûts": "costs", "coût": "cost", "dépenses": "spend", "dépensé": "spent", "facture": "bill",
        "connexions": "logins", "accès": "access", "suspect": "suspicious", "suspects": "suspicious",
        "sécurité": "security", "lentes": "slow", "lent": "slow", "requêtes": "queries",
        "disponibilité": "availability", "fiabilité": "reliability", "obsolète": "stale", "obsolètes": "stale",
        "qualité des données": "data quality", "tables": "tables", "modèles": "models", "modèle": "model",
        "droits": "grants", "lignage": "lineage", "économiser": "save", "économies": "savings", "pistes": "opportunities", "piste": "opportunity",
        "principales": "main", "principaux": "main",
        "inactifs": "idle",
        "où": "where", "argent": "money", "données": "data", "sensibles": "sensitive", "pannes": "outages", "connexions échouées": "failed logins", "espace de travail": "workspace", "qui a accès": "who has access", "dérivent": "drift", "à jour": "up to date", "quels": "which", "quelles": "which", "pourquoi": "why", "qui": "who",
        "combien": "how much", "montre-moi": "show me", "et": "and", "briefing du matin": "morning briefing",
        "est-il": "is it", "est-elle": "is it", "sont-ils": "are they", "sont-elles": "are they", "journalier": "daily",
        "journalière": "daily", "en ce moment": "right now", "d'avant": "before", "la semaine d'avant": "the week before",
        "est-ce que": "", "a-t-elle": "has it", "a-t-il": "has it", "ont-elles": "have they", "ont-ils": "have they",
        "augmenté": "gone up", "augmentée": "gone up", "baissé": "gone down", "toujours": "still", "encore": "still",
        "de serving": "serving", "des endpoints": "of the endpoints",
        "ces derniers jours": "the last few days", "ces dernières semaines": "the last few weeks",
        "à quelqu'un": "to someone", "des droits": "grants", "a donné des droits": "granted access",
        # "quelles tables sont restées périmées à cause de l'échec du nightly_etl, et depuis quand ?"
        "périmées": "stale", "périmée": "stale", "périmés": "stale", "périmé": "stale", "restées": "remained",
        "restée": "remained", "restés": "remained", "resté": "remained", "à cause de": "because of",
        "à cause du": "because of the", "l'échec": "the failure", "échec": "failure", "depuis quand": "since when",
        # "il a planté combien de fois ?": crashed, how many times
        "combien de fois": "how many times", "a planté": "crashed", "ont planté": "crashed", "planté": "crashed",
        "plantages": "crashes", "plantage": "crash", "a coûté": "cost",
    },
    "pt": {
        "aluguel": "rent", "escritório": "office", "pagamos": "did we pay",
        "é verdade que": "is it true that", "computadores": "computers", "computador": "computer",
        "sobrecarregado": "overloaded", "sobrecarregados": "overloaded", "ficou": "was", "no limite": "at the limit",
        "trabalhando": "running", "sou novo na equipe": "I am new on the team",
        "alguma": "any", "algum": "any", "preciso": "I need", "desatualizado": "stale", "desatualizados": "stale",
        "quantas vezes": "how many times", "travou": "crashed", "travaram": "crashed", "caiu": "went down",
        "nesse ritmo": "at this pace", "neste ritmo": "at this pace", "passar do": "go over", "estourar": "blow",
        "concedeu": "granted", "concederam": "granted", "o que causou": "why", "qual o motivo": "why", "qual foi o motivo": "why", "qual a causa": "why",
        "dados sensíveis": "sensitive data", "dados pessoais": "personal data", "não têm": "have no", "sem": "without",
        "acessou": "accessed", "acessaram": "accessed", "descrição": "description", "atenção": "attention",
        "precisa da minha atenção": "needs my attention",
        "anteontem": "the day before yesterday", "ontem": "yesterday", "hoje": "today",
        "semana passada": "last week", "esta semana": "this week", "mês passado": "last month",
        "mes passado": "last month", "este mês": "this month", "últimos": "last", "ultimos": "last",
        "dias": "days", "horas": "hours", "trabalhos": "jobs", "tarefas": "jobs", "jobs": "jobs",
        "falharam": "failed", "falhos": "failed", "falhas": "failures", "falha": "failure", "erros": "errors",
        "custos": "costs", "custo": "cost", "gasto": "spend", "gastamos": "did we spend", "fatura": "bill",
        "acessos": "access", "acesso": "access", "suspeito": "suspicious", "suspeitos": "suspicious",
        "segurança": "security", "lentas": "slow", "lentos": "slow", "consultas": "queries",
        "disponibilidade": "availability", "confiabilidade": "reliability", "desatualizada": "stale",
        "desatualizadas": "stale", "qualidade de dados": "data quality", "tabelas": "tables", "tabela": "table",
        "modelos": "models", "modelo": "model", "permissões": "grants", "linhagem": "lineage",
        "economizar": "save", "economia": "savings", "ociosos": "idle", "quais": "which", "qual": "which",
        "por que": "why", "porque": "why", "quem": "who", "quanto": "how much", "mostre": "show", "e": "and",
        "resumo": "briefing",
        "onde": "where", "dinheiro": "money", "dados": "data", "sensíveis": "sensitive", "incidentes": "incidents", "atualizados": "up to date", "retreinados": "retrained", "quem tem permissões": "who has grants",
    },
}


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
# Italian and Dutch: the same kinds of words, kept in their own module (merged here, before the calendar words).
NAMES.update(languages_it_nl.NAMES)
_MARKERS.update(languages_it_nl.MARKERS)
_CALENDAR.update(languages_it_nl.CALENDAR)
GLOSSARY.update({lang: dict(words) for lang, words in languages_it_nl.GLOSSARY.items()})
_EN_DAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
_EN_MONTHS = "january february march april may june july august september october november december".split()
for _lang, (_nums, _days, _months) in _CALENDAR.items():
    GLOSSARY[_lang].update({w: str(i) for i, w in enumerate(_nums.split(), 1)})
    GLOSSARY[_lang].update(dict(zip(_days.split(), _EN_DAYS, strict=True)))
    GLOSSARY[_lang].update(dict(zip(_months.split(), _EN_MONTHS, strict=True)))
#: Calendar words mark their language too ("dezembro" is Portuguese), the English-looking ones aside.
_MARKERS = {lang: markers | (frozenset(" ".join(_CALENDAR[lang]).split()) - frozenset(_EN_MONTHS + _EN_DAYS)
                             - {"un", "uno", "um", "dos", "six", "sept", "mai", "abril", "april", "due"})
            for lang, markers in _MARKERS.items()}
_MARKERS["pt"] = _MARKERS["pt"] | {"gastamos", "em", "você", "isso", "então", "essa", "esse", "essas", "esses", "fez",
                                   "pessoa", "mais", "nossa", "muito", "também", "ainda"}
_MARKERS["de"] = _MARKERS["de"] | {"war", "hoch", "dem", "den", "ein", "eine", "einen", "wann", "ich", "bitte"}
_MARKERS["fr"] = _MARKERS["fr"] | {"la", "je", "vous", "ce", "ça", "pas", "ne", "quand", "sur", "dans", "elle", "il",
                                   "vient", "d'où", "jusqu'à", "exactement", "lignage", "couche", "faits", "d'usage"}
_MARKERS["pt"] = _MARKERS["pt"] | {"pra", "nisso", "nisto", "dá", "houve", "nos", "processos", "uma", "preciso"}
_MARKERS["fr"] = _MARKERS["fr"] | {"dispo", "tourne", "correctement", "au", "suspectes", "connexion", "là-bas", "grimper"}
_MARKERS["es"] = _MARKERS["es"] | {"datos", "cuándo", "cuando", "también", "usted", "sobre"}
_MARKERS["de"] = _MARKERS["de"] | {"jemand", "niemand", "seitdem", "tatsächlich", "wirklich", "gelesen", "wann", "jetzt"}
_MARKERS["pt"] = _MARKERS["pt"] | {"quando", "treinamento", "treino", "alguém", "ninguém", "agora"}
#: Words that are also everyday English never mark another language.
_MARKERS = {lang: m - {"was", "die", "as", "no", "na", "a", "o", "son", "con", "hat", "an", "du", "do",
                                    "be"}
            for lang, m in _MARKERS.items()}
# Words of everyday questions that only these languages spell so ("mes tableaux de bord sont lents", "como estava").
for _lang, _words in {"fr": "mes tableaux bord lents entrepôt l'entrepôt rame vide", "pt": "estava estavam painel vazio",
                      "es": "estaba estaban tablero vacío", "de": "zeigt leer woran"}.items():
    _MARKERS[_lang] = _MARKERS[_lang] | frozenset(_words.split())
# Everyday domain verbs and nouns (costing, reading, saving, switching off, registering, deploying ...).
GLOSSARY["de"].update({
    "kostet": "costs", "gekostet": "cost", "kosten uns": "cost us", "lesezugriff": "read access",
    "schreibzugriff": "write access", "zugriffsrechte": "grants", "rechte": "grants", "eigentlich": "actually",
    "kundentabelle": "customers table", "kunden": "customers", "kundendaten": "customer data",
    "personenbezogenen daten": "personal data", "gelesen": "read", "abgefragt": "queried",
    "verschwenden": "waste", "verschwendet": "wasted", "abschalten": "turn off", "ausschalten": "turn off",
    "verkleinern": "downsize", "leerlauf": "idle", "untätig": "idle", "sparen wir": "would we save",
    "registriert": "registered", "registrierte": "registered", "version": "version", "bereitgestellt": "deployed",
    "trainiert": "trained", "langsamer": "slower", "verzögert": "late", "verspätet": "late", "pünktlich": "on time",
    "besitzer": "owner", "eigentümer": "owner", "schema": "schema", "spalte": "column", "spalten": "columns",
    "geändert": "changed", "zeilen": "rows", "verloren": "dropped", "budget": "budget", "prognose": "forecast",
    "was kostet": "what costs", "kostet uns": "costs us", "uns": "us", "am limit": "maxed out", "dauernd": "constantly", "ständig": "constantly", "günstigere": "cheaper",
    "günstiger": "cheaper", "günstig": "cheap", "produktion": "production", "herkunft": "lineage", "woher stammen": "where do come from", "stammen": "come from",
    "quelltabelle": "source table", "quelltabellen": "source tables", "wie lange": "how long", "im schnitt": "on average", "wieder zum laufen": "running again",
    "aktualität": "freshness", "was hat": "what did", "noch gemacht": "else do", "diese person": "that person",
    "ip-adresse": "ip", "ip-adressen": "ips", "von welcher": "from which", "kamen die": "came they",
    "kam das": "came it", "endpunkt": "endpoint", "ausgefallen": "went down", "erreichbar": "available", "teurer": "more expensive",
})
GLOSSARY["es"].update({
    "cuesta": "costs", "cuestan": "cost", "costó": "cost", "costaron": "cost", "nos cuesta": "costs us",
    "nos cuestan": "cost us", "tirando plata": "wasting money", "tirando dinero": "wasting money",
    "tirar plata": "waste money", "desperdiciando": "wasting", "derrochando": "wasting", "plata": "money",
    "apagar": "turn off", "achicar": "downsize", "reducir": "reduce", "recortar": "cut", "ocioso": "idle",
    "ociosos": "idle", "ociosa": "idle", "inactivo": "idle", "ahorraríamos": "would we save",
    "ahorramos": "we save", "ahorrar dinero": "save money", "registrados": "registered", "registrado": "registered",
    "versión": "version", "desplegada": "deployed", "desplegado": "deployed", "entrenó": "trained",
    "entrenado": "trained", "latencia": "latency", "clientes": "customers", "leyendo": "reading",
    "leyó": "read", "leyeron": "read", "consultó": "queried", "dueño": "owner", "propietario": "owner",
    "etiquetas": "tags", "columna": "column", "columnas": "columns", "esquema": "schema", "cambió": "changed",
    "filas": "rows", "presupuesto": "budget", "pronóstico": "forecast", "caído": "down", "caída": "outage",
    "tarde": "late", "a tiempo": "on time", "qué tal va": "how is", "qué tal": "how is",
    "producción": "production", "frescura": "freshness", "actualización": "freshness", "qué más": "what else", "hizo": "did",
    "esa persona": "that person", "persona": "person", "cuánto tiempo": "how long", "en promedio": "on average",
    "rompe": "breaks", "romper": "break", "aguas abajo": "downstream", "lectura": "read",
})
GLOSSARY["fr"].update({
    "coûte": "costs", "coûtent": "cost", "coûté": "cost", "nous coûte": "costs us", "nous coûtent": "cost us",
    "gaspillons": "waste", "gaspille": "wastes", "gaspillage": "waste", "éteindre": "turn off",
    "arrêter": "stop", "réduire": "reduce", "inutilisés": "unused", "inactif": "idle",
    "économiserions": "would we save", "enregistrés": "registered", "enregistré": "registered",
    "version": "version", "déployé": "deployed", "déployée": "deployed", "entraîné": "trained",
    "latence": "latency", "clients": "customers", "lu": "read", "consulté": "queried", "propriétaire": "owner",
    "étiquettes": "tags", "colonne": "column", "colonnes": "columns", "schéma": "schema", "changé": "changed",
    "modifié": "changed", "lignes": "rows", "budget": "budget", "prévision": "forecast", "en panne": "down",
    "retard": "late", "en retard": "late", "à l'heure": "on time", "dérive": "drift", "dérive-t-il": "drift",
    "fraîcheur": "freshness", "fraicheur": "freshness", "fais-moi un point sur": "give me an overview of",
    "qu'a fait": "what did", "cette personne": "that person", "personne": "person", "combien de temps": "how long",
    "en moyenne": "on average", "casse": "breaks", "en aval": "downstream", "en amont": "upstream", "lecture": "read",
})
GLOSSARY["pt"].update({
    "custa": "costs", "custam": "cost", "custou": "cost", "nos custa": "costs us", "desperdiçando": "wasting",
    "jogando dinheiro fora": "wasting money", "desligar": "turn off", "reduzir": "reduce", "ocioso": "idle",
    "ociosa": "idle", "economizaríamos": "would we save", "registrados": "registered", "versão": "version",
    "implantado": "deployed", "treinado": "trained", "latência": "latency", "clientes": "customers",
    "leu": "read", "lendo": "reading", "consultou": "queried", "dono": "owner", "proprietário": "owner",
    "etiquetas": "tags", "coluna": "column", "colunas": "columns", "esquema": "schema", "mudou": "changed",
    "linhas": "rows", "orçamento": "budget", "previsão": "forecast", "fora do ar": "down", "atrasado": "late",
    "no prazo": "on time", "produção": "production", "atualização": "freshness", "o que mais": "what else", "essa pessoa": "that person", "pessoa": "person",
    "fez": "did", "na última semana": "in the last week", "última semana": "last week", "quanto tempo": "how long",
    "em média": "on average", "quebra": "breaks", "está com drift": "drifting", "deriva": "drift",
})
# Everyday function words and the compliance, ML and access words questions are built from: without
# them a question keeps half its words untranslated and routes on the other half.
GLOSSARY["de"].update({
    "dieser": "this", "diesem": "this", "jemand": "someone", "jemanden": "someone", "niemand": "nobody", "aus": "from", "gruppe": "group",
    "gruppen": "groups", "seitdem": "since then", "tatsächlich": "actually", "wirklich": "really", "hat": "has",
    "haben": "have", "ist": "is", "sind": "are", "war": "was", "waren": "were", "das": "that", "ein": "a",
    "eine": "a", "einen": "a", "problem": "problem", "für": "for", "die": "the", "der": "the", "den": "the",
    "dem": "the", "was": "what", "sollen": "should", "sollten": "should", "wir": "we", "ich": "I", "jetzt": "now",
    "machen": "do", "tun": "do", "dsgvo": "GDPR", "datenschutz": "privacy", "wann": "when", "metriken": "metrics",
    "genauigkeit": "accuracy", "driftet": "drifts", "anomalien": "anomalies", "erkennt": "detects", "nicht": "not",
    "keine": "no", "kein": "no", "alle": "all", "mit": "with", "von": "of", "zu": "to", "auf": "on", "bei": "at",
    "nach": "after", "vor": "before", "über": "about", "oder": "or", "aber": "but", "auch": "also",
    "noch": "still", "gibt es": "are there", "es gibt": "there are", "wie viele": "how many", "wieviele": "how many",
    "wie": "how", "mal": "times", "mehr": "more", "diese": "these", "dieses": "this", "diesen": "this",
    "sie": "they", "es": "it", "unsere": "our", "unser": "our", "unseren": "our", "meine": "my", "mein": "my",
    "lesen": "read", "kann": "can", "können": "can", "darf": "may", "warnung": "alert", "warnungen": "alerts",
    "bedrohung": "threat", "bedrohungen": "threats", "ohne ablaufdatum": "with no expiry", "läuft": "runs",
    "gelaufen": "ran", "fehlschläge": "failures", "training": "training", "letztes": "last",
    "compliance": "compliance", "prüfung": "audit", "prüfer": "auditors",
})
GLOSSARY["es"].update({
    "cuándo": "when", "cuando": "when", "fue": "was", "fueron": "were", "su": "its", "sus": "its",
    "último": "last", "última": "last", "entrenamiento": "training", "entrenamientos": "trainings", "con": "with",
    "métricas": "metrics", "quedó": "ended", "precisión": "accuracy", "deriva": "drift", "anomalías": "anomalies",
    "detecta": "detects", "hay": "are there", "es": "is", "son": "are", "está": "is", "están": "are",
    "algún": "any", "alguna": "any", "alguien": "someone", "nadie": "nobody", "grupo": "group",
    "realmente": "really", "de verdad": "really", "desde entonces": "since then", "problema": "problem",
    "para": "for", "qué debemos hacer": "what should we do", "qué hacemos": "what should we do",
    "debemos": "should we", "hacer": "do", "ahora": "now", "los": "the", "las": "the", "del": "of the",
    "de": "of", "nuestro": "our", "nuestra": "our", "nuestros": "our", "nuestras": "our", "mi": "my",
    "mis": "my", "cuántos": "how many", "cuántas": "how many", "veces": "times", "caducidad": "expiry",
    "sin caducidad": "with no expiry", "alertas": "alerts", "amenaza": "threat", "amenazas": "threats",
    "rgpd": "GDPR", "privacidad": "privacy", "cumplimiento": "compliance", "auditoría": "audit",
})
GLOSSARY["fr"].update({
    "comptes": "accounts", "compte": "account", "ont eu": "had", "activité": "activity",
    "en dehors des heures de bureau": "after hours", "heures de bureau": "business hours", "en dehors": "outside",
    "détecte": "detects", "anomalies": "anomalies", "est-ce qu'il": "is it", "est-ce qu'elle": "is it",
    "il": "it", "elle": "it", "ils": "they", "de": "of", "des": "of the", "du": "of the", "le": "the",
    "la": "the", "les": "the", "un": "a", "une": "a", "est": "is", "sont": "are", "ont": "have", "été": "been",
    "quel": "which", "quelle": "which", "quoi": "what", "combien de": "how many", "entraînement": "training",
    "métriques": "metrics", "précision": "accuracy", "quelqu'un": "someone", "groupe": "group",
    "vraiment": "really", "réellement": "actually", "problème": "problem", "pour": "for",
    "que devons-nous faire": "what should we do", "que faire": "what should we do", "faire": "do",
    "maintenant": "now", "notre": "our", "nos": "our", "mon": "my", "mes": "my", "jetons": "tokens",
    "sans expiration": "with no expiry", "expiration": "expiry", "alertes": "alerts", "menace": "threat",
    "menaces": "threats", "rgpd": "GDPR", "conformité": "compliance", "audit": "audit",
})
GLOSSARY["pt"].update({
    "quando": "when", "foi": "was", "foram": "were", "seu": "its", "sua": "its", "último": "last",
    "treinamento": "training", "treino": "training", "com": "with", "métricas": "metrics", "precisão": "accuracy",
    "anomalias": "anomalies", "detecta": "detects", "alguém": "someone", "ninguém": "nobody", "grupo": "group",
    "realmente": "really", "de fato": "actually", "desde então": "since then", "problema": "problem",
    "para": "for", "o que devemos fazer": "what should we do", "devemos": "should we", "fazer": "do",
    "agora": "now", "nosso": "our", "nossa": "our", "nossos": "our", "meu": "my", "minha": "my",
    "quantos": "how many", "quantas": "how many", "vezes": "times", "sem expiração": "with no expiry",
    "expiração": "expiry", "alertas": "alerts", "ameaça": "threat", "ameaças": "threats", "lgpd": "GDPR",
    "privacidade": "privacy", "conformidade": "compliance", "auditoria": "audit", "há": "are there", "é": "is",
    "são": "are", "está": "is", "estão": "are", "do": "of the", "da": "of the", "dos": "of the",
    "das": "of the", "de": "of", "os": "the",
})
# What models do and what tables hold, so a name described in words reads in English ("le modèle qui
# détecte les anomalies de coûts", "la tabla de hechos de uso").
GLOSSARY["de"].update({
    "erkennt": "detects", "erkennen": "detect", "erkennung": "detection", "anomalie": "anomaly",
    "anomalien": "anomalies", "prognostiziert": "forecasts", "prognostizieren": "forecast", "sagt vorher": "predicts",
    "vorhersage": "prediction", "vorhersagen": "predictions", "dauer": "duration", "laufzeit": "duration",
    "warnung": "alert", "warnungen": "alerts", "fakten": "facts", "faktentabelle": "fact table",
    "nutzung": "usage", "dimension": "dimension", "dimensionstabelle": "dimension table", "driftet": "drifting",
    "läufe": "runs", "lauf": "run", "für": "for",
})
GLOSSARY["es"].update({
    "detecta": "detects", "detectan": "detect", "detectar": "detect", "detección": "detection",
    "anomalía": "anomaly", "anomalías": "anomalies", "predice": "predicts", "pronostica": "forecasts",
    "duración": "duration", "alerta": "alert", "alertas": "alerts", "hechos": "facts",
    "tabla de hechos": "fact table", "uso": "usage", "dimensión": "dimension", "ejecuciones": "runs",
})
GLOSSARY["fr"].update({
    "détecte": "detects", "détectent": "detect", "détecter": "detect", "détection": "detection",
    "anomalie": "anomaly", "prédit": "predicts", "prévoit": "forecasts", "durée": "duration",
    "durées": "durations", "alerte": "alert", "alertes": "alerts", "faits": "facts",
    "table de faits": "fact table", "utilisation": "usage", "exécutions": "runs",
})
GLOSSARY["pt"].update({
    "detecta": "detects", "detectam": "detect", "anomalia": "anomaly", "anomalias": "anomalies",
    "prevê": "forecasts", "duração": "duration", "alerta": "alert", "alertas": "alerts", "fatos": "facts",
    "tabela de fatos": "fact table", "uso": "usage", "dimensão": "dimension", "execuções": "runs",
})
# Tables not updated on time ("no se han actualizado a tiempo", "sin refrescarse").
GLOSSARY["es"].update({"no se han actualizado": "have not been updated", "no se ha actualizado": "has not been updated",
                       "actualizado": "updated", "actualizadas": "updated", "sin refrescarse": "not refreshed",
                       "sin actualizar": "not updated", "capa": "layer", "lleva días": "for days"})
GLOSSARY["pt"].update({"não foram atualizadas": "have not been updated", "não foi atualizada": "has not been updated",
                       "atualizada": "updated", "sem atualizar": "not updated", "camada": "layer"})
GLOSSARY["fr"].update({"pas été mises à jour": "not been updated", "pas été mise à jour": "not been updated",
                       "mises à jour": "updated", "mise à jour": "updated", "couche": "layer"})
GLOSSARY["de"].update({"nicht aktualisiert": "not updated", "aktualisiert": "updated", "schicht": "layer"})
# Queries and who ran them ("a consulta mais lenta", "quem rodou ela").
GLOSSARY["pt"].update({"consulta": "query", "mais lenta": "slowest", "mais lento": "slowest", "mais lentas": "slowest",
                       "rodou": "ran", "executou": "ran", "rodaram": "ran", "quem rodou": "who ran"})
GLOSSARY["es"].update({"consulta": "query", "más lenta": "slowest", "más lento": "slowest", "más lentas": "slowest",
                       "ejecutó": "ran", "lanzó": "ran", "quién ejecutó": "who ran"})
GLOSSARY["fr"].update({"requête": "query", "la plus lente": "slowest", "le plus lent": "slowest", "a lancé": "ran",
                       "a exécuté": "ran", "exécuté": "ran"})
GLOSSARY["de"].update({"abfrage": "query", "langsamste": "slowest", "langsamsten": "slowest", "ausgeführt": "ran",
                       "gestartet": "started"})
GLOSSARY["de"].update({"dreißig": "30", "vierzehn": "14", "seit": "since", "am": "on", "im": "in"})
GLOSSARY["es"].update({"treinta": "30", "catorce": "14", "desde el": "since", "desde": "since", "el": "on"})
GLOSSARY["fr"].update({"trente": "30", "quatorze": "14", "depuis": "since", "en": "in"})
GLOSSARY["pt"].update({"trinta": "30", "catorze": "14", "desde": "since", "em": "in"})
# idioms found missing: "está em dia" (up to date), "tournent à vide" (run idle), "le dio permiso" (gave access)
GLOSSARY["pt"].update({"atrasada": "late", "atrasadas": "late", "atrasados": "late", "pq": "why", "por que": "why",
                       "porque": "because", "tá": "is", "ta": "is"})
GLOSSARY["pt"].update({"está em dia": "is up to date", "estão em dia": "are up to date", "em dia": "up to date",
                       "de onde vêm os dados": "where does the data come from", "de onde vem": "where does it come from",
                       "de onde vêm": "where do they come from", "dela": "its", "dele": "its", "quero ver": "show me",
                       "linhagem": "lineage", "ociosos": "idle", "ocioso": "idle", "a maior parte do tempo": "most of the time"})
GLOSSARY["fr"].update({"tournent à vide": "sit idle", "tourne à vide": "sits idle", "à vide": "idle",
                       "inactifs": "idle", "inactif": "idle", "la plupart du temps": "most of the time",
                       "d'où viennent les données": "where does the data come from", "lignage": "lineage"})
GLOSSARY["es"].update({"le dio": "gave", "les dio": "gave", "dio": "gave", "permiso de lectura": "read access",
                       "permisos de lectura": "read access", "al grupo": "to the group", "sobre la": "on the",
                       "sobre el": "on the", "otra cosa": "one more thing", "ociosos": "idle", "inactivos": "idle",
                       "la mayor parte del tiempo": "most of the time", "de dónde vienen los datos":
                       "where does the data come from"})
GLOSSARY["de"].update({"leerlauf": "idle", "die meiste zeit": "most of the time", "woher kommen die daten":
                       "where does the data come from", "auf dem neuesten stand": "up to date"})
# "Des tentatives de connexion suspectes hier soir ? Et au passage, les expectations sont au vert ?", "dispo prod ?",
# "Et ce job, il tourne correctement au moins ?", "Qu'est-ce qui fait grimper la facture là-bas ?"
GLOSSARY["fr"].update({"tentatives de connexion": "login attempts", "tentative de connexion": "login attempt",
                       "connexion": "login", "suspectes": "suspicious", "suspecte": "suspicious", "suspects": "suspicious",
                       "hier soir": "last night", "ce soir": "tonight", "soir": "evening", "au passage": "also",
                       "sont au vert": "are passing", "est au vert": "is passing", "au vert": "passing",
                       "il tourne correctement": "is it running fine", "tourne correctement": "runs fine",
                       "tourne": "runs", "correctement": "properly", "au moins": "at least", "ce": "this",
                       "qu'est-ce qui fait grimper": "what is driving up", "fait grimper": "drives up",
                       "qu'est-ce qui": "what", "qu'est-ce que": "what", "là-bas": "there", "grimper": "climb",
                       "ce mois": "this month", "mois": "month"})
GLOSSARY["fr"].update({"elle vient d'où": "where does it come from", "il vient d'où": "where does it come from",
                       "vient d'où": "comes from where", "d'où": "from where", "jusqu'à la source": "back to the source",
                       "table de faits d'usage": "usage fact table", "table de faits": "fact table", "d'usage": "usage",
                       "exactement": "exactly"})
GLOSSARY["de"].update({"sonst noch": "else", "außerhalb der normalen arbeitszeiten": "outside normal working hours",
                       "außerhalb der arbeitszeiten": "outside working hours", "außerhalb": "outside",
                       "arbeitszeiten": "working hours", "normalen": "normal", "aktiv": "active"})
# "no longer": the two-part negations (ne ... plus, ya no, nicht mehr, não ... mais) read as one phrase
GLOSSARY["fr"].update({"ne sont plus": "are no longer", "n'est plus": "is no longer", "ne se mettent plus à jour":
                       "no longer update", "ne se met plus à jour": "no longer updates", "est-ce qu'il y a":
                       "are there", "il y a": "there are", "catalogue": "catalog"})
GLOSSARY["es"].update({"ya no se actualizan": "are no longer updated", "ya no se actualiza": "is no longer updated",
                       "ya no": "no longer", "dejaron de actualizarse": "stopped updating",
                       "dejó de actualizarse": "stopped updating", "catálogo": "catalog"})
GLOSSARY["de"].update({"nicht mehr aktualisiert": "no longer updated", "nicht mehr": "no longer",
                       "aktualisiert": "updated", "katalog": "catalog"})
GLOSSARY["pt"].update({"não são mais atualizadas": "are no longer updated", "não é mais atualizada":
                       "is no longer updated", "deixaram de ser atualizadas": "stopped being updated",
                       "deixou de ser atualizada": "stopped being updated", "não mais": "no longer",
                       "catálogo": "catalog"})
# Compute running for nothing ("des clusters qui tournent pour rien"): idle compute, the advisor's.
GLOSSARY["fr"].update({"qui tournent pour rien": "that sit idle", "tournent pour rien": "sit idle",
                       "tourne pour rien": "sits idle", "pour rien": "for nothing", "à vide": "idle",
                       "inutilement": "needlessly"})
GLOSSARY["es"].update({"encendidos sin uso": "idle", "encendido sin uso": "idle", "sin uso": "unused",
                       "sin usar": "unused", "para nada": "for nothing"})
GLOSSARY["pt"].update({"ligados à toa": "idle", "ligado à toa": "idle", "rodando à toa": "running idle", "à toa": "idle",
                       "sem uso": "unused", "parados": "idle"})
GLOSSARY["de"].update({"laufen umsonst": "sit idle", "läuft umsonst": "sits idle", "umsonst": "for nothing",
                       "ungenutzt": "unused", "ungenutzte": "unused"})
# A report's or a dashboard's symptoms ("mes tableaux de bord sont si lents", "zeigt keine neuen Zahlen mehr").
GLOSSARY["fr"].update({"tableaux de bord": "dashboards", "tableau de bord": "dashboard", "lents": "slow",
                       "rame": "is sluggish", "ramer": "be sluggish", "entrepôt sql": "SQL warehouse",
                       "entrepôt": "warehouse", "rapport": "report", "rapports": "reports", "vide": "empty"})
GLOSSARY["de"].update({"zeigt": "shows", "keine neuen zahlen mehr": "no new numbers", "keine neuen zahlen": "no new numbers",
                       "keine neuen daten": "no new data", "seit vorgestern": "since the day before yesterday",
                       "woran liegt das": "why is that", "woran liegt's": "why is that", "bericht": "report",
                       "leer": "empty", "umsatz": "revenue"})
GLOSSARY["es"].update({"tablero": "dashboard", "tableros": "dashboards", "informe": "report", "informes": "reports",
                       "vacío": "empty", "vacio": "empty", "no muestra datos nuevos": "shows no new data"})
GLOSSARY["pt"].update({"painel": "dashboard", "painéis": "dashboards", "relatório": "report", "relatórios": "reports",
                       "vazio": "empty", "não mostra dados novos": "shows no new data"})
# Security events and reads, in German and Spanish compliance wording ("Sicherheitsereignisse mit hoher Schwere",
# "¿Quién ha leído la tabla ...?").
GLOSSARY["de"].update({"sicherheitsereignisse": "security events", "sicherheitsereignis": "security event",
                       "ereignisse": "events", "ereignis": "event", "mit hoher schwere": "with high severity",
                       "hoher schwere": "high severity", "schwere": "severity", "schweregrad": "severity",
                       "prinzipals": "principal", "prinzipal": "principal", "auslösenden": "triggering",
                       "einschließlich": "including", "listen sie": "list", "auflisten": "list"})
GLOSSARY["es"].update({"ha leído": "has read", "han leído": "have read", "leído": "read", "ha accedido": "has accessed",
                       "durante la última semana": "during the last week", "número de accesos": "number of accesses",
                       "eventos de seguridad": "security events", "gravedad alta": "high severity"})
GLOSSARY["pt"].update({"leu": "read", "leram": "read", "eventos de segurança": "security events",
                       "severidade alta": "high severity"})
GLOSSARY["fr"].update({"a lu": "read", "ont lu": "read", "événements de sécurité": "security events",
                       "gravité élevée": "high severity"})
# Datasets and their quality over a quarter ("Quels jeux de données ont eu des problèmes de qualité ce trimestre ?").
GLOSSARY["fr"].update({"jeux de données": "datasets", "jeu de données": "dataset", "problèmes de qualité": "quality problems",
                       "qualité": "quality", "ce trimestre": "this quarter", "le trimestre dernier": "last quarter",
                       "le trimestre prochain": "next quarter", "trimestre prochain": "next quarter",
                       "trimestre": "quarter", "faire un point": "give an update", "la direction": "management"})
GLOSSARY["es"].update({"conjuntos de datos": "datasets", "conjunto de datos": "dataset",
                       "problemas de calidad": "quality problems", "calidad": "quality", "este trimestre": "this quarter",
                       "el trimestre pasado": "last quarter", "trimestre": "quarter"})
GLOSSARY["pt"].update({"conjuntos de dados": "datasets", "conjunto de dados": "dataset",
                       "problemas de qualidade": "quality problems", "qualidade": "quality", "este trimestre": "this quarter",
                       "o trimestre passado": "last quarter", "trimestre": "quarter"})
GLOSSARY["de"].update({"datensätze": "datasets", "datensatz": "dataset", "qualitätsprobleme": "quality problems",
                       "datenqualität": "data quality", "qualität": "quality", "dieses quartal": "this quarter",
                       "letztes quartal": "last quarter", "im letzten quartal": "in the last quarter", "quartal": "quarter"})
# Translating ("tu peux me traduire ce paragraphe"): a chore in any language.
GLOSSARY["fr"].update({"traduire": "translate", "traduis": "translate", "traduisez": "translate", "paragraphe": "paragraph",
                       "politique": "policy"})
GLOSSARY["es"].update({"traducir": "translate", "traduce": "translate", "traduzca": "translate", "párrafo": "paragraph",
                       "política": "policy"})
GLOSSARY["pt"].update({"traduzir": "translate", "traduza": "translate", "parágrafo": "paragraph", "política": "policy"})
GLOSSARY["de"].update({"übersetzen": "translate", "übersetze": "translate", "übersetzt": "translate", "absatz": "paragraph",
                       "richtlinie": "policy"})
# The period before the one just asked ("¿y la semana anterior?", "et la semaine d'avant ?"): a follow-up's time shift,
# and "how was it" then, which names no area of its own.
GLOSSARY["es"].update({"la semana anterior": "the week before", "semana anterior": "week before",
                       "el día anterior": "the day before", "día anterior": "day before", "el dia anterior": "the day before",
                       "el mes anterior": "the month before", "mes anterior": "month before",
                       "cómo estaba": "how was it", "como estaba": "how was it", "cómo estaban": "how were they",
                       "cómo fue": "how was it"})
GLOSSARY["pt"].update({"a semana anterior": "the week before", "semana anterior": "week before",
                       "o dia anterior": "the day before", "dia anterior": "day before",
                       "o mês anterior": "the month before", "mês anterior": "month before",
                       "como estava": "how was it", "como estavam": "how were they", "como foi": "how was it"})
GLOSSARY["fr"].update({"la semaine d'avant": "the week before", "semaine d'avant": "week before",
                       "la semaine précédente": "the week before", "semaine précédente": "week before",
                       "la veille": "the day before", "le jour d'avant": "the day before",
                       "le mois précédent": "the month before", "le mois d'avant": "the month before",
                       "c'était comment": "how was it", "comment c'était": "how was it"})
GLOSSARY["de"].update({"die woche davor": "the week before", "der woche davor": "the week before",
                       "woche davor": "week before", "die vorwoche": "the week before", "der vorwoche": "the week before",
                       "vorwoche": "week before", "der tag davor": "the day before", "am tag davor": "on the day before",
                       "tag davor": "day before", "der vortag": "the day before", "am vortag": "on the day before",
                       "vortag": "day before", "der monat davor": "the month before", "im monat davor": "in the month before",
                       "vormonat": "month before", "wie war es": "how was it", "wie sah es aus": "how was it"})


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
# after hours and business hours, users and environments, "exactly since when", "which", "somewhere", "right now"
GLOSSARY["pt"].update({"fora do horário comercial": "after hours", "fora do horário de trabalho": "after hours",
                       "fora do expediente": "after hours", "horário comercial": "business hours",
                       "usuários": "users", "usuário": "user", "utilizadores": "users", "ambiente": "environment",
                       "ambientes": "environments", "exatamente": "exactly", "quais": "which", "qual": "which",
                       "algum lugar": "somewhere", "agora": "now", "neste momento": "right now",
                       "preciso disso pro": "i need this for the", "preciso disso para o": "i need this for the",
                       "preciso disso": "i need this", "relatório": "report",
                       "fora do horário normal": "after hours", "fora do horário": "after hours",
                       "de madrugada": "in the small hours", "madrugada": "small hours", "alguém": "anyone",
                       "usou": "used", "plataforma": "platform"})
GLOSSARY["es"].update({"fuera del horario laboral": "after hours", "fuera de horario": "after hours",
                       "fuera del horario de oficina": "after hours", "horario laboral": "business hours",
                       "usuarios": "users", "usuario": "user", "entorno": "environment", "entornos": "environments",
                       "exactamente": "exactly", "cuáles": "which", "cuál": "which", "en algún lado": "somewhere",
                       "en algún sitio": "somewhere", "ahora mismo": "right now",
                       "fuera del horario normal": "after hours", "fuera del horario": "after hours",
                       "de madrugada": "in the small hours", "madrugada": "small hours"})
GLOSSARY["fr"].update({"hors des heures de bureau": "after hours", "hors heures ouvrées": "after hours",
                       "en dehors des heures ouvrées": "after hours", "heures ouvrées": "business hours",
                       "utilisateurs": "users", "utilisateur": "user", "environnement": "environment",
                       "quels": "which", "quelles": "which", "quel": "which", "quelle": "which",
                       "quelque part": "somewhere", "en ce moment": "right now", "actuellement": "currently"})
GLOSSARY["de"].update({"nach feierabend": "after hours", "außerhalb der geschäftszeiten": "after hours",
                       "geschäftszeiten": "business hours", "umgebung": "environment", "genau": "exactly",
                       "welche": "which", "welchen": "which", "welcher": "which", "welches": "which",
                       "irgendwo": "somewhere", "gerade": "right now", "momentan": "currently", "derzeit": "currently",
                       "modellen": "models", "wie geht's": "how are", "wie geht es": "how are", "seit wann": "since when"})
# who gave, who else can read, besides them
GLOSSARY["pt"].update({"quem deu": "who gave", "deu": "gave", "permissão de leitura": "read access",
                       "permissões de leitura": "read access", "pro grupo": "to the group", "para o grupo": "to the group",
                       "quem mais": "who else", "além deles": "besides them", "além dele": "besides him",
                       "consegue ler": "can read", "conseguem ler": "can read", "pode ler": "can read",
                       "podem ler": "can read", "dados": "data", "na tabela de": "on the table of"})
GLOSSARY["es"].update({"quién más": "who else", "quien mas": "who else", "además de ellos": "besides them",
                       "puede leer": "can read", "pueden leer": "can read", "datos": "data"})
GLOSSARY["fr"].update({"qui d'autre": "who else", "à part eux": "besides them", "peut lire": "can read",
                       "peuvent lire": "can read", "données": "data", "qu'est-ce qui a changé": "what changed"})
GLOSSARY["de"].update({"wer sonst": "who else", "wer noch": "who else", "außer ihnen": "besides them",
                       "lesen kann": "can read", "lesen können": "can read", "daten": "data"})
GLOSSARY["es"].update({"a qué se debe": "why is that", "a que se debe": "why is that", "se debe": "is due",
                       "lo disparó": "drove it up", "lo provocó": "caused it", "qué tablas": "which tables",
                       "tienen": "have", "tiene": "has", "las ha estado leyendo": "has been reading them",
                       "ha estado leyendo": "has been reading", "leyendo": "reading"})
# Where a table sits in the chain ("welche Tabellen liegen davor in der Kette?"), what a screen still shows,
# a guessed cause ("liegt's am ETL?") and tags that are missing ("não tem tag de centro de custo").
GLOSSARY["de"].update({"liegen davor in der kette": "are upstream in the chain", "davor in der kette": "upstream in the chain",
                       "danach in der kette": "downstream in the chain", "kette": "chain", "vorgelagert": "upstream",
                       "vorgelagerten": "upstream", "vorgelagerte": "upstream", "nachgelagert": "downstream",
                       "nachgelagerten": "downstream", "nachgelagerte": "downstream", "stehen noch": "still shows",
                       "steht noch": "still shows", "zeigt noch": "still shows", "zahlen": "numbers",
                       "liegt's am": "is it because of the", "liegt es am": "is it because of the",
                       "liegt das am": "is that because of the", "kostenstelle": "cost center"})
GLOSSARY["pt"].update({"tag de centro de custo": "cost center tag", "tags de centro de custo": "cost center tags",
                       "não tem tag de centro de custo": "has no cost center tag",
                       "não tem tag": "has no tag", "não tem tags": "has no tags", "não têm tag": "have no tag",
                       "centro de custo": "cost center", "centros de custo": "cost centers", "faltando": "missing",
                       "tem": "has", "antes na cadeia": "upstream in the chain", "cadeia": "chain",
                       "a montante": "upstream", "a jusante": "downstream"})
GLOSSARY["es"].update({"centro de costo": "cost center", "centro de coste": "cost center", "sin etiqueta": "without a tag",
                       "no tiene etiqueta": "has no tag", "falta": "is missing", "faltan": "are missing",
                       "aguas arriba": "upstream", "cadena": "chain"})
GLOSSARY["fr"].update({"centre de coût": "cost center", "centre de coûts": "cost center", "sans tag": "without a tag",
                       "sans étiquette": "without a tag", "chaîne": "chain", "manque": "is missing"})
# Demonstratives: a follow-up's "esa tabla", "cette table", "essa tabela" is "that table" (what the last answer named).
GLOSSARY["es"].update({"esa": "that", "ese": "that", "esas": "those", "esos": "those", "aquella": "that",
                       "aquel": "that", "este": "this", "estos": "these", "estas": "these", "sobre": "on"})
GLOSSARY["fr"].update({"cette": "that", "cet": "that", "ces": "those"})
GLOSSARY["pt"].update({"essa": "that", "esse": "that", "essas": "those", "esses": "those", "aquela": "that",
                       "aquele": "that", "dessa": "of that", "desse": "of that", "nessa": "in that", "nesse": "in that"})
GLOSSARY["pt"].update({"por quê": "why", "porquê": "why", "deveria ter atualizado": "should have updated",
                       "deveria ter rodado": "should have run", "a última vez": "the last time", "ela": "it", "ele": "it"})
GLOSSARY["de"].update({"wie oft": "how often", "gerissen": "missed", "verfehlt": "missed", "verpasst": "missed",
                       "überschritten": "breached", "sein": "its", "seine": "its", "seinen": "its"})
GLOSSARY["de"].update({"minuten-sla": "minute sla", "stunden-sla": "hour sla", "minuten": "minutes"})
GLOSSARY["de"].update({"am anschlag": "maxed out", "ständig": "constantly", "hängt das mit": "is that related to",
                       "hängt es mit": "is it related to", "zusammen": "", "ausgelastet": "busy", "voll ausgelastet": "maxed out"})
# On-call phrasings: nights and hours, logins, column types, jumps and averages, "security stuff", went well or failed.
GLOSSARY["de"].update({"gestern nacht": "last night", "letzte nacht": "last night", "heute nacht": "overnight",
                       "nachts": "at night", "nacht": "night", "zwischen": "between", "uhr": "o'clock",
                       "eingeloggt": "logged in", "angemeldet": "logged in", "aktiv": "active", "spaltentyp": "column type",
                       "spaltentypen": "column types", "spalte": "column", "spalten": "columns",
                       "was hat sich da geändert": "what changed there", "geändert": "changed",
                       "rufbereitschaft": "on-call", "abgeschmiert": "crashed", "fehlermeldung": "error message"})
GLOSSARY["fr"].update({"comparé à": "compared to", "moyenne": "average", "le plus": "the most", "a le plus bondi":
                       "jumped the most", "bondi": "jumped", "ça monte": "is it going up", "monte": "goes up",
                       "état des lieux": "overview", "trucs de sécu": "security stuff", "sécu": "security",
                       "d'hier": "yesterday's", "en échec": "failed", "derniers jours": "last days"})
GLOSSARY["pt"].update({"deram certo": "succeeded", "deu certo": "succeeded", "memória": "memory",
                       "memória da gpu": "GPU memory", "falharam": "failed", "falhou": "failed"})
# Shifts, feeds and what pushes spend up (sets 127-130).
GLOSSARY["es"].update({"distribución": "distribution", "se movió": "shifted", "se ha movido": "has shifted",
                       "de qué tabla se alimenta": "what table feeds", "se alimenta de": "is fed from",
                       "se alimenta": "is fed", "quién la consume": "what consumes it", "quién lo consume": "what consumes it",
                       "la consume": "consumes it", "la consume después": "consumes it downstream",
                       "lo consume después": "consumes it downstream", "qué hay antes": "what is upstream",
                       "qué hay después": "what is downstream",
                       # ("si se apagara antes": switched off earlier; "antes no era así": it was not like this before)
                       "después": "afterwards", "antes": "earlier"})
GLOSSARY["pt"].update({"puxando": "pushing", "pra cima": "up", "para cima": "up", "gastou": "spent",
                       "gastaram": "spent", "resumo rápido": "quick summary", "distribuição": "distribution",
                       "se alimenta de": "is fed from", "quem consome": "what consumes"})
# Logins with a wrong password, odd alerts, expensive compute and whether a switch pays (sets 135-138).
GLOSSARY["es"].update({"intentó entrar": "tried to log in", "intentaron entrar": "tried to log in", "entrar a la cuenta":
                       "log in to the account", "contraseña equivocada": "wrong password", "contraseña incorrecta":
                       "wrong password", "contraseña": "password", "algo raro": "something odd", "raro": "odd",
                       "los avisos": "the alerts", "avisos": "alerts", "me pareció ver": "i thought i saw",
                       "alguien": "someone", "nadie": "nobody", "demasiado caro": "too expensive",
                       "vale la pena": "is it worth it", "cambiar": "switch"})
GLOSSARY["pt"].update({"relatório diário": "daily report", "o job do relatório diário": "the daily report job",
                       "está rodando": "is running", "rodando": "running", "numa computação": "on compute",
                       "computação": "compute", "cara demais": "too expensive", "caro demais": "too expensive",
                       "vale a pena trocar": "is it worth switching", "vale a pena": "is it worth it",
                       "trocar": "switch", "não funcionou": "failed", "deu errado": "failed", "senha errada": "wrong password",
                       "senha": "password"})
_MARKERS["es"] = _MARKERS["es"] | frozenset("intentó intentaron contraseña equivocada pareció raro avisos alguien nadie "
                                            "demasiado".split())
_MARKERS["pt"] = _MARKERS["pt"] | frozenset("numa demais rodando relatório diário computação vale pena trocar oi alguém "
                                            "ninguém funcionou rodou senha errada quantas quantos vezes travou travaram alguma algum tabela tabelas "
                                            "desatualizada desatualizadas desatualizado preciso".split())
_MARKERS["fr"] = _MARKERS["fr"] | frozenset("planté fois combien".split())
# "cette nuit" / "esta noche" / "esta noite" asked about what happened: the night just passed
GLOSSARY["fr"].update({"cette nuit": "overnight"})
# a newcomer's tour and a release day (sets 263-266)
GLOSSARY["fr"].update({"surdimensionné": "oversized", "surdimensionnée": "oversized", "sous-dimensionné": "undersized",
                       "arrêt automatique": "auto-stop", "réglé comment": "set to what", "réglé": "set", "la nuit": "at night"})
GLOSSARY["fr"].update({"dépense": "spend", "on dépense": "we spend", "dépensons": "spend", "soucis": "issues", "souci": "issue",
                       "plantent": "fail", "plante": "fails", "un petit tour": "an overview", "petit tour": "overview",
                       "plateforme": "platform"})
GLOSSARY["de"].update({"störungen": "outages", "störung": "outage", "offene": "open", "offenen": "open",
                       "guter tag": "good day"})
GLOSSARY["es"].update({"ha estado": "has been", "han estado": "have been", "has estado": "have been",
                       "consultando": "querying", "leyendo": "reading", "accediendo": "accessing"})
# "une dérive des données d'entrée, et quelle est leur latence d'inférence" (set 255)
GLOSSARY["fr"].update({"données d'entrée": "input data", "d'entrée": "input", "d'inférence": "inference",
                       "inférence": "inference", "montrent": "show", "montre": "shows", "leur": "their", "leurs": "their",
                       "moniteur": "monitor", "du moniteur": "of the monitor"})
GLOSSARY["pt"].update({"esta noite": "overnight", "essa noite": "overnight"})
GLOSSARY["pt"].update({"à": "to the", "ao": "to the", "aos": "to the", "às": "to the", "aconteceu": "happened",
                       "quando isso aconteceu": "when did that happen", "a executou": "ran it", "o executou": "ran it"})
# Brazilian everyday speech ("o cluster tava no talo também naquela hora?", "preciso documentar antes da auditoria")
GLOSSARY["pt"].update({"tava": "was", "tavam": "were", "no talo": "maxed out", "naquela hora": "at that time",
                       "nessa hora": "at that time", "acho que": "i think", "deixou": "made", "tudo": "everything",
                       "lento": "slow", "lenta": "slow", "também": "too", "isso": "that", "antes da": "before the",
                       "antes do": "before the", "antes": "before", "documentar": "document", "auditoria": "audit",
                       "preciso": "i need"})
# Who gave access, what a dashboard shows, "again" (sets 139-142)
GLOSSARY["fr"].update({"qui a donné": "who gave", "a donné": "gave", "donné": "given", "l'accès": "access",
                       "accès": "access", "sur": "on", "au groupe": "to the group", "groupe": "group",
                       "je vois ça dans la capture": "i see it in the screenshot", "capture": "screenshot",
                       "encore": "again", "de nouveau": "again"})
GLOSSARY["de"].update({"zeigt daten von": "shows data from", "zeigt": "shows", "schon wieder": "again", "wieder": "again",
                       "wer hat": "who has", "vergeben": "granted"})
GLOSSARY["es"].update({"cuánto tardan": "how long do they take", "tardan": "take", "en responder": "to respond",
                       "responder": "respond", "rápido": "fast", "predicen": "predict", "cosas": "things",
                       "pregunta tonta": "silly question", "o": "or", "es rápido o lento": "is it fast or slow",
                       "es lento": "is it slow", "es rápido": "is it fast"})
GLOSSARY["de"].update({"etwas geändert worden": "something been changed", "geändert worden": "been changed",
                       "etwas": "something", "daten abfragen": "read data", "personenbezogene daten abfragen": "read personal data", "auffällig oft": "unusually often",
                       "personenbezogene daten": "personal data", "wer hat die tabelle geändert": "who changed the table",
                       "abgebrochen": "failed", "mir wurde gesagt": "I was told", "weil": "because"})
GLOSSARY["de"].update({"wer darf": "who can", "sehen": "see", "persönlichen daten": "personal data",
                       "persönlichen": "personal", "unserer kunden": "of our customers", "in ordnung": "ok",
                       "eigentlich": "actually"})
GLOSSARY["es"].update({"muestra datos de": "shows data from", "otra vez": "again", "de nuevo": "again"})
GLOSSARY["pt"].update({"mostra dados de": "shows data from", "de novo": "again", "outra vez": "again"})
# Above or below the usual (sets 147-150)
GLOSSARY["pt"].update({"acima da média": "above average", "abaixo da média": "below average", "média": "average",
                       "parece": "looks", "bem": "well", "da semana": "of the week", "semana": "week", "no ml": "in ml",
                       "quanto gastamos com": "how much did we spend on"})
GLOSSARY["es"].update({"por encima de la media": "above average", "por encima del promedio": "above average",
                       "promedio": "average", "parece": "looks"})
GLOSSARY["de"].update({"über dem durchschnitt": "above average", "durchschnitt": "average"})
GLOSSARY["fr"].update({"au-dessus de la moyenne": "above average", "moyenne": "average"})
# a legal question ("qual é o prazo legal ... sob a LGPD"): read in English so it is declined as one
GLOSSARY["pt"].update({"prazo legal": "legal deadline", "prazo": "deadline", "sob": "under", "titular de dados": "data subject",
                       "pedido": "request"})
GLOSSARY["es"].update({"plazo legal": "legal deadline", "plazo": "deadline"})
GLOSSARY["fr"].update({"délai légal": "legal deadline", "délai": "deadline"})
GLOSSARY["de"].update({"gesetzliche frist": "legal deadline", "frist": "deadline"})
# found missing: a French outage and availability, a lineage, a Spanish read, the weather in any language
GLOSSARY["fr"].update({"panne": "outage", "cette panne": "that outage", "dispo": "availability", "disponibilité": "availability",
                       "a duré combien de temps": "how long did it last", "combien de temps": "how long", "lignée": "lineage",
                       "ainsi que": "and", "météo": "weather"})
GLOSSARY["es"].update({"ha consultado": "has queried", "han consultado": "have queried", "consultado": "queried",
                       "consultó": "queried", "pronóstico del tiempo": "weather forecast", "el tiempo": "the weather",
                       "tiene permiso": "is allowed", "cuántas veces": "how many times"})
GLOSSARY["pt"].update({"previsão do tempo": "weather forecast", "o tempo": "the weather"})
GLOSSARY["de"].update({"wetter": "weather", "wettervorhersage": "weather forecast", "leserechte": "read access",
                       "hat aktuell": "currently has", "haben aktuell": "currently have", "wer hat aktuell": "who currently has",
                       "zugegriffen": "accessed"})
GLOSSARY["pt"].update({"estamos gastando": "are we spending", "gastando": "spending", "gastamos": "we spend", "gasto": "spend",
                       "gastos": "spend"})
# a trend and a breakdown ("Wie haben sich die Gesamtkosten entwickelt, aufgeschlüsselt nach Workspace?")
GLOSSARY["de"].update({"entwickelt": "trended", "entwicklung": "trend", "verlauf": "trend", "haben sich": "have",
                       "hat sich": "has", "gesamtkosten": "total costs", "gesamt": "total", "insgesamt": "in total",
                       "aufgeschlüsselt nach": "broken down by", "aufgeschlüsselt": "broken down",
                       "aufgeteilt nach": "split by", "nach workspace": "by workspace", "nach workspaces": "by workspace",
                       "nach benutzer": "by user", "nach nutzer": "by user", "nach team": "by team", "nach teams": "by team",
                       "nach produkt": "by product", "nach sku": "by sku", "nach projekt": "by project",
                       "nach abteilung": "by department", "nach kostenstelle": "by cost center", "nach tag": "by day",
                       "nach monat": "by month", "nach woche": "by week", "nach job": "by job", "nach jobs": "by job"})
GLOSSARY["es"].update({"desglosado por": "broken down by", "desglosados por": "broken down by", "desglose por": "breakdown by",
                       "desglose": "breakdown", "ha evolucionado": "has trended", "han evolucionado": "have trended",
                       "evolucionado": "trended", "evolución": "trend"})
GLOSSARY["fr"].update({"ventilé par": "broken down by", "ventilés par": "broken down by", "ventilées par": "broken down by",
                       "réparti par": "broken down by", "répartis par": "broken down by", "a évolué": "has trended",
                       "ont évolué": "have trended", "évolué": "trended", "évolution": "trend"})
GLOSSARY["pt"].update({"discriminado por": "broken down by", "discriminados por": "broken down by",
                       "detalhado por": "broken down by", "detalhados por": "broken down by", "evoluiu": "trended",
                       "evoluíram": "trended", "evolução": "trend"})
# "qui lui a accordé le SELECT, et quand exactement ?": the pronoun before the verb, and "when"
GLOSSARY["fr"].update({"quand": "when", "depuis quand": "since when", "qui lui a accordé": "who granted it",
                       "qui leur a accordé": "who granted them", "lui a accordé": "granted it", "leur a accordé": "granted them",
                       "qui lui a donné": "who gave it", "qui leur a donné": "who gave them", "lui a donné": "gave it",
                       "leur a donné": "gave them", "qui lui a retiré": "who revoked from it", "lui": "it"})
# "¿De dónde salen los datos de la tabla de uso y facturación que alimenta mi reporte?": where data comes from
GLOSSARY["es"].update({"de dónde salen": "where come from", "de dónde sale": "where comes from",
                       "de dónde vienen": "where come from", "de dónde viene": "where comes from", "salen": "come",
                       "facturación": "billing", "alimenta": "feeds", "alimentan": "feed", "reporte": "report",
                       "reportes": "reports", "necesito": "i need", "necesitamos": "we need", "completo": "full",
                       "completa": "full", "la": "the", "el linaje": "the lineage", "linaje": "lineage"})
# "el dashboard sigue mostrando números de anteayer. ¿La tabla final de órdenes...?": what a screen still shows,
# and an adjective after the kind word (not a table named "final")
GLOSSARY["es"].update({"sigue mostrando": "still shows", "siguen mostrando": "still show", "mostrando": "showing",
                       "números": "numbers", "cifras": "figures", "ventas diarias": "daily sales", "ventas": "sales",
                       "órdenes": "orders", "tabla final": "final table", "tabla principal": "main table",
                       "tablas finales": "final tables"})
GLOSSARY["fr"].update({"table finale": "final table", "table principale": "main table", "affiche toujours": "still shows",
                       "affichent toujours": "still show"})
GLOSSARY["pt"].update({"tabela final": "final table", "tabela principal": "main table", "continua mostrando": "still shows",
                       "continuam mostrando": "still show"})
GLOSSARY["de"].update({"verbrauch": "consumption", "verbraucht": "consumed"})
# "Frische von orders_gold - halten wir das Tages-SLA ein?", "onde dá pra economizar nisso?", "¿cuántas filas tiró la
# expectativa valid_amount ayer y de qué tabla viene orders_silver?"
GLOSSARY["de"].update({"frische": "freshness", "halten wir": "do we meet", "einhalten": "meet", "eingehalten": "met",
                       "tages": "daily", "tagesaktuell": "up to date"})
GLOSSARY["pt"].update({"dá pra": "can we", "da pra": "can we", "nisso": "on this", "nisto": "on this", "pra": "to"})
GLOSSARY["es"].update({"de qué tabla viene": "which table does it come from", "de qué tablas vienen": "which tables do they "
                       "come from", "viene": "comes", "vienen": "come", "tiró": "dropped", "tiraron": "dropped",
                       "descartó": "dropped", "expectativa": "expectation", "expectativas": "expectations",
                       "reentrenar": "retraining", "antes de": "before", "quiero saber": "i want to know"})
# "Houve alguma falha nos processos críticos de dados ontem? Preciso de uma resposta simples para a diretoria.",
# "Gibt es derzeit Sicherheitsvorfälle mit hohem Risiko, über die der Vorstand informiert werden sollte?"
GLOSSARY["pt"].update({"houve": "was there", "nos": "in the", "nas": "in the", "processos": "processes", "processo": "process",
                       "críticos": "critical", "crítico": "critical", "críticas": "critical", "crítica": "critical",
                       "uma": "a", "resposta": "answer", "diretoria": "board", "preciso de": "i need",
                       "processamento": "processing"})
GLOSSARY["de"].update({"sicherheitsvorfälle": "security incidents", "sicherheitsvorfall": "security incident",
                       "vorfälle": "incidents", "vorfall": "incident", "hohem": "high", "hohes": "high", "hoher": "high",
                       "risiko": "risk", "vorstand": "board", "informiert werden sollte": "should be told",
                       "informiert": "informed", "verarbeitung": "processing"})
# "Bitte eine Übersicht aller Berechtigungsänderungen der letzten 7 Tage als Nachweis für den Datenschutzbeauftragten."
GLOSSARY["de"].update({"übersicht": "overview", "aller": "of all", "berechtigungsänderungen": "permission changes",
                       "berechtigungsänderung": "permission change", "berechtigung": "permission", "änderungen": "changes",
                       "änderung": "change", "nachweis": "evidence", "datenschutzbeauftragten": "data protection officer",
                       "datenschutzbeauftragte": "data protection officer", "bitte": "please"})
# "Si on renomme orders_raw, quelles tables en aval seront impactées ?", "Et le cluster derrière, il était saturé pendant ce
# temps-là ?", "les incidents de sécurité", "Kamen die alle von derselben IP?"
GLOSSARY["fr"].update({"renomme": "rename", "renommer": "rename", "renommons": "rename", "en aval": "downstream",
                       "en amont": "upstream", "seront impactées": "will be impacted", "seront impactés": "will be impacted",
                       "impactées": "impacted", "impactés": "impacted", "derrière": "behind", "était": "was",
                       "saturé": "saturated", "saturée": "saturated", "pendant ce temps-là": "at that time",
                       "pendant ce temps": "meanwhile", "incidents de sécurité": "security incidents",
                       "incident de sécurité": "security incident", "point rapide": "quick summary",
                       "fais-moi": "give me"})
GLOSSARY["de"].update({"kamen": "came", "kam": "came", "derselben": "the same", "demselben": "the same",
                       "dieselbe": "the same", "alle": "all", "von derselben": "from the same"})
_MARKERS["de"] = _MARKERS["de"] | {"kamen", "derselben", "demselben", "alle"}
_MARKERS["fr"] = _MARKERS["fr"] | {"renomme", "renommer", "aval", "amont", "seront", "impactées", "impactés", "derrière",
                                   "était", "saturé"}
# "Vengo de AWS Glue": where the asker comes from (context, not the product asked about)
GLOSSARY["es"].update({"vengo de": "i come from", "venimos de": "we come from", "lo miraba": "i looked at it",
                       "lo veía": "i saw it", "cuál fue el error": "what was the error"})
GLOSSARY["pt"].update({"venho do": "i come from", "venho da": "i come from", "venho de": "i come from",
                       "viemos do": "we come from", "viemos da": "we come from"})
GLOSSARY["fr"].update({"je viens de": "i come from", "nous venons de": "we come from"})
GLOSSARY["de"].update({"ich komme von": "i come from", "ich komme aus": "i come from", "wir kommen von": "we come from"})
# "¿Quién tiene permiso de lectura sobre las tablas marcadas como PII?": who may read, and what a table is tagged
GLOSSARY["es"].update({"tiene permiso de lectura": "has read permission", "tienen permiso de lectura": "have read permission",
                       "permiso de lectura": "read permission", "permisos de lectura": "read permissions",
                       "marcadas como": "tagged as", "marcada como": "tagged as", "marcados como": "tagged as",
                       "marcado como": "tagged as", "lista": "list", "grupos": "groups", "protección de datos": "data protection",
                       "sobre las": "on the", "sobre la": "on the", "sobre los": "on the", "sobre el": "on the"})
# "¿Por qué el panel de ingresos no se actualiza desde anteayer? Necesito una explicación sencilla para el comité"
GLOSSARY["es"].update({"panel de": "dashboard of", "panel": "dashboard", "paneles": "dashboards", "ingresos": "revenue",
                       "no se actualiza": "is not updating", "no se actualizan": "are not updating",
                       "no se ha actualizado": "has not been updated", "explicación": "explanation", "sencilla": "simple",
                       "comité de dirección": "management committee", "comité": "committee"})
GLOSSARY["pt"].update({"não atualiza": "is not updating", "não está atualizando": "is not updating", "receita": "revenue",
                       "explicação": "explanation", "simples": "simple"})
# retention, load and capacity, what caused an increase (French, Spanish)
GLOSSARY["fr"].update({"durée de rétention": "retention period", "rétention": "retention", "historique": "history",
                       "configurée": "configured", "configuré": "configured"})
GLOSSARY["es"].update({"a qué horas": "at what hours", "más carga": "the most load", "carga": "load", "planificando": "planning",
                       "planificar": "plan", "capacidad": "capacity", "provocó": "caused", "aumento": "increase",
                       "ese aumento": "that increase", "cómputo": "compute", "está detrás": "is behind it", "detrás": "behind",
                       "me gustaría entender": "i would like to understand", "qué tipo de": "which type of"})
GLOSSARY["es"].update({"del día": "of the day", "tenemos": "we have", "estoy": "i am", "próximo trimestre": "next quarter",
                       "el próximo trimestre": "next quarter", "próximo": "next"})
GLOSSARY["pt"].update({"latência": "latency", "inferência": "inference", "tá ok": "is it ok", "está ok": "is it ok",
                       "dele": "its", "dela": "its"})
# "e a latência de inferência dele, tá ok?": short Portuguese follow-ups need their own markers
_MARKERS["pt"] = _MARKERS["pt"] | frozenset("latência inferência dele dela tá".split())
_MARKERS["es"] = _MARKERS["es"] | frozenset("latencia inferencia".split())
# "Wer hat außer dem ETL-Service-Principal noch Schreibrechte darauf?", "Depuis quand ce groupe a-t-il cet accès, et qui
# le lui a donné ?": write rights, besides, on it; since when, this group, who gave it to them
GLOSSARY["de"].update({"schreibrechte": "write access", "schreibrecht": "write access", "außer dem": "besides the",
                       "außer der": "besides the", "außer": "besides", "ausser": "besides", "darauf": "on it",
                       "noch": "still", "leserecht": "read access", "zugriffsrechte": "access rights"})
GLOSSARY["fr"].update({"ce groupe": "this group", "cet accès": "this access", "le lui a donné": "gave it to them",
                       "lui a donné": "gave them", "le leur a donné": "gave it to them", "a-t-il": "has", "a-t-elle": "has",
                       "droits d'écriture": "write access", "droit d'écriture": "write access",
                       "droits de lecture": "read access", "droit de lecture": "read access"})
# "Können Sie mir den genauen Wortlaut von Artikel 17 DSGVO geben?", "gab es gestern verdächtige Anmeldeversuche?"
GLOSSARY["de"].update({"können sie mir": "can you", "kannst du mir": "can you", "genauen wortlaut": "exact wording",
                       "wortlaut": "wording", "artikel": "article", "recht auf löschung": "right to erasure", "geben": "give",
                       "anmeldeversuche": "login attempts", "anmeldeversuch": "login attempt", "gab es": "were there",
                       "auditbericht": "audit report", "prüfbericht": "audit report", "pii-tabellen": "PII tables"})
# "d'où viennent ses données, et la distribution de la colonne amount a-t-elle dérivé ?": where its data comes from
GLOSSARY["fr"].update({"d'où viennent ses données": "where does its data come from", "d'où viennent": "where do come from",
                       "d'où vient": "where does come from", "ses données": "its data", "dérivé": "drifted",
                       "a dérivé": "has drifted", "dérive": "drift"})
# "Funktioniert der stündliche Datenimport zuverlässig, oder war er diese Woche öfter zu spät?": the hourly import
GLOSSARY["de"].update({"funktioniert": "is working", "funktionieren": "are working", "stündliche": "hourly",
                       "stündlichen": "hourly", "stündlich": "hourly", "datenimport": "data import", "datenimporte": "data imports",
                       "öfter": "more often", "zu spät": "too late", "war er": "was it", "war sie": "was it", "war es": "was it"})
# "¿Quién ha estado mirando tanto la tabla de clientes con datos personales esta semana?": who has been reading it so much
GLOSSARY["es"].update({"ha estado mirando": "has been reading", "han estado mirando": "have been reading", "mirando": "reading",
                       "mirado": "read", "tanto": "so much"})
_MARKERS["de"] = _MARKERS["de"] | frozenset("funktioniert funktionieren stündliche stündlichen datenimport zuverlässig läuft "
                                            "öfter".split())
# "Quem concedeu SELECT na tabela main.crm.customers ao grupo contractors, e em que data exatamente?"
GLOSSARY["pt"].update({"na tabela": "on the table", "nas tabelas": "on the tables", "em que data": "on what date",
                       "em que dia": "on what day", "quem mais": "who else", "permissão de leitura": "read permission"})
# "Gibt es Einsparpotenzial bei unseren Clustern? Der Chef will die Kosten senken.": savings on the clusters
GLOSSARY["de"].update({"einsparpotenzial": "savings potential", "einsparpotential": "savings potential",
                       "einsparungen": "savings", "clustern": "clusters", "senken": "lower", "gibt es": "is there",
                       "der chef": "the boss", "die chefin": "the boss"})
# "qual coluna mudou de type? o upstream mudou o schema sem avisar", "o amount driftou essa semana?? é bug no
# upstream ou real": what changed, this week, and English verbs conjugated in Portuguese (drift-ou: drifted)
GLOSSARY["pt"].update({"mudou de": "changed", "mudou": "changed", "mudaram": "changed", "mudança": "change",
                       "sem avisar": "without warning", "avisar": "warn", "essa semana": "this week",
                       "nessa semana": "this week", "desta semana": "this week", "dessa semana": "this week",
                       "o": "the", "ou": "or", "é bug": "is it a bug", "no upstream": "upstream",
                       "driftou": "drifted", "dropou": "dropped", "crashou": "crashed", "failou": "failed",
                       "deployou": "deployed", "quebrou": "broke", "atrasou": "was late", "atrasaram": "were late",
                       "rodou": "ran", "subiu": "went up", "dropando": "dropping"})
_MARKERS["pt"] = _MARKERS["pt"] | frozenset("coluna colunas mudou mudaram avisar driftou dropou crashou quebrou atrasou "
                                            "rodou subiu".split())
# "Welche Tabellen sind als PII markiert und wer darf sie aktuell lesen?", "wann wurde ... erteilt, und von wem?"
GLOSSARY["de"].update({"markiert als": "marked as", "gekennzeichnet als": "marked as", "eingestuft als": "classified as",
                       "klassifiziert als": "classified as", "getaggt als": "tagged as", "markiert": "marked", "gekennzeichnet": "marked", "eingestuft": "classified", "von wem": "by whom",
                       "wurde": "was", "wurden": "were", "derzeit": "currently", "momentan": "currently",
                       "zurzeit": "currently"})
_MARKERS["de"] = _MARKERS["de"] | frozenset("markiert gekennzeichnet wem derzeit momentan zurzeit tabelle tabellen aktuell "
                                            "aktuelle aktuellen".split())
# "Haben wir Cluster, die nur rumstehen und Geld kosten? Ja oder nein, und welche?": idle clusters, a yes or no
GLOSSARY["de"].update({"nur rumstehen": "just sit idle", "rumstehen": "sit idle", "herumstehen": "sit idle",
                       "nur herumstehen": "just sit idle", "rumsteht": "sits idle", "ja oder nein": "yes or no",
                       "geld kosten": "cost money", "kosten geld": "cost money"})
_MARKERS["de"] = _MARKERS["de"] | frozenset("rumstehen herumstehen rumsteht".split())
