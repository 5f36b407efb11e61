"""Italian and Dutch for ``languages.py``: marker words, calendar words and the phrase glossary, data only.

The same ground as the Spanish and French glossaries there (time, question words, the monitor's domains),
general vocabulary only, never names of an account. Keys are lower case and matched on whole words, longest
phrase first; a word inside an e-mail or a dotted name ("marco.di.stefano@...", "jan.de.vries@...") is never
read (languages._pattern), so the small words ("di", "della", "de", "van") are keys too.
"""

from __future__ import annotations

NAMES = {"it": "Italian", "nl": "Dutch"}

#: Words that mark the language and are rare in English and in German, Spanish, French and Portuguese.
MARKERS: dict[str, frozenset[str]] = {
    "it": frozenset("""chi quali quale perché perche ieri oggi settimana scorsa scorso sono della delle degli dello
        nella nelle negli nello gli è accesso accessi lettura costi dati modelli modello ultimi ultime giorni abbiamo
        hanno quanti quante questo questa questi queste nostro nostra nostri nostre mese stamattina stanotte
        devo sapere successo spesa speso permessi concesso obsoleta obsoleti disponibilità affidabilità interruzione
        interruzioni risparmiare inattivi inattive gruppo utenti falliti fallito fallita fallite lavori stato stati
        anche più sulla sulle dalla tabella qualcuno nessuno c'è cos'è com'è mostrami dammi
        dovremmo possiamo vengono lenti lente addestrato addestramento deriva cosa senza scadenza provato accedere
        sbagliata sbagliato spendiamo costato resoconto riepilogo mattutino riassunto panoramica""".split()),
    "nl": frozenset("""welke welk hebben heeft gebruikers afgelopen eigenlijk waarom gisteren vandaag hoeveel niet zijn
        wij onze mislukt mislukte wanneer wat het een geen vorige maand dagen gegevens persoonsgegevens toegang
        rechten leesrechten verleend gegeven verouderd verouderde herkomst stroomafwaarts stroomopwaarts
        beschikbaarheid betrouwbaarheid storing storingen modellen besparen inactief inactieve aanmeldingen groep
        gebeurd moet weten vanochtend vanmorgen vannacht gisteravond laatste uitgaven uitgegeven hoe waar ook nog
        voor naar bij deze dit ik mijn kunnen kan sinds tabel iemand zien laat toon geef wordt worden
        werden werd hoelang gelezen zonder vervaldatum latentie van geprobeerd ligt bevatten komen traagst vertonen
        laatst overzicht samenvatting ochtendbriefing weer alweer opnieuw""".split()),
}

#: Numbers one..ten, weekdays monday..sunday, months january..december (the Dutch "één": "een" is "a").
CALENDAR: dict[str, tuple[str, str, str]] = {
    "it": ("uno due tre quattro cinque sei sette otto nove dieci",
           "lunedì martedì mercoledì giovedì venerdì sabato domenica",
           "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre"),
    "nl": ("één twee drie vier vijf zes zeven acht negen tien",
           "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag",
           "januari februari maart april mei juni juli augustus september oktober november december"),
}

#: Per language: phrase -> English (longest phrases win; matched on whole words, case-insensitive).
GLOSSARY: dict[str, dict[str, str]] = {
    "it": {
        # time
        "ieri": "yesterday", "oggi": "today", "l'altro ieri": "the day before yesterday",
        "altro ieri": "the day before yesterday", "avantieri": "the day before yesterday",
        "ieri sera": "last night", "ieri notte": "last night", "stanotte": "last night", "questa notte": "last night",
        "stamattina": "this morning", "stamane": "this morning", "questa mattina": "this morning",
        "la settimana scorsa": "last week", "settimana scorsa": "last week", "la scorsa settimana": "last week",
        "scorsa settimana": "last week", "l'ultima settimana": "the last week", "ultima settimana": "last week",
        "nell'ultima settimana": "in the last week", "durante l'ultima settimana": "during the last week",
        "questa settimana": "this week", "il mese scorso": "last month", "mese scorso": "last month",
        "lo scorso mese": "last month", "scorso mese": "last month", "l'ultimo mese": "the last month",
        "questo mese": "this month", "ultimi": "last", "ultime": "last", "ultimo": "last", "ultima": "last",
        "l'ultimo": "the last", "l'ultima": "the last", "dell'ultimo": "of the last", "dell'ultima": "of the last",
        "nell'ultimo": "in the last", "negli ultimi": "in the last", "nelle ultime": "in the last",
        "gli ultimi": "the last", "le ultime": "the last", "questi ultimi giorni": "the last few days",
        "ultime settimane": "last few weeks", "giorni": "days", "giorno": "day", "ore": "hours", "settimane": "weeks",
        "settimana": "week", "mesi": "months", "mese": "month", "minuti": "minutes", "notte": "night",
        "di notte": "at night", "durante la notte": "overnight", "nel cuore della notte": "in the middle of the night",
        "a notte fonda": "in the middle of the night", "questo trimestre": "this quarter",
        "il trimestre scorso": "last quarter", "lo scorso trimestre": "last quarter", "trimestre": "quarter",
        "la settimana prima": "the week before", "la settimana precedente": "the week before",
        "settimana precedente": "week before", "il giorno prima": "the day before", "il giorno precedente": "the day before",
        "il mese prima": "the month before", "il mese precedente": "the month before", "da quando": "since when",
        "da allora": "since then", "adesso": "now", "ora": "now",
        "in questo momento": "right now", "al momento": "currently", "attualmente": "currently",
        "fuori orario": "after hours", "fuori dall'orario di lavoro": "after hours",
        "fuori orario di lavoro": "after hours", "fuori dall'orario lavorativo": "after hours",
        "orario di lavoro": "business hours", "orario lavorativo": "business hours", "trenta": "30",
        "quattordici": "14", "lunedi": "monday", "martedi": "tuesday", "mercoledi": "wednesday",
        "giovedi": "thursday", "venerdi": "friday",
        # question words and asking
        "chi": "who", "chi altro": "who else", "chi ha accesso": "who has access", "chi ha dato": "who gave",
        "chi ha eseguito": "who ran", "chi ha concesso": "who granted", "quando": "when", "perché": "why",
        "perche": "why", "per quale motivo": "why", "come mai": "why", "qual è la causa": "why",
        "qual e la causa": "why", "qual è stata la causa": "why", "cosa l'ha causato": "why",
        "a cosa è dovuto": "why is that", "a cosa si deve": "why is that", "quanto": "how much", "quanti": "how many",
        "quante": "how many", "quante volte": "how many times", "quanto tempo": "how long",
        "quanto è durato": "how long did it last", "quanto è durata": "how long did it last", "quali": "which",
        "quale": "which", "qual è": "what is", "qual è stata": "what was", "qual è stato": "what was", "qual era": "what was", "cosa": "what", "che cosa": "what", "cos'è": "what is",
        "che": "which", "dove": "where", "da dove": "where from", "da dove vengono i dati": "where does the data come from",
        "da dove viene": "where does it come from", "da dove vengono": "where do they come from", "come": "how",
        "com'è": "how is", "com'era": "how was it", "come era": "how was it", "come andava": "how was it",
        "come va": "how is", "come stanno": "how are", "cos'altro": "what else", "che altro": "what else",
        "cosa ha fatto": "what did", "cos'ha fatto": "what did", "è successo": "happened", "successo": "happened",
        "cosa è successo": "what happened", "cos'è successo": "what happened", "mostrami": "show me",
        "fammi vedere": "show me", "l'ultima volta": "the last time", "ultima volta": "last time", "volta": "time",
        "contengono": "contain", "contiene": "contains", "ai dati": "to the data", "ai dati personali": "to personal data",
        "ai dati sensibili": "to sensitive data", "lo stato": "the status", "fa": "ago", "da ieri": "since yesterday",
        "lunedì scorso": "last monday", "martedì scorso": "last tuesday", "mercoledì scorso": "last wednesday",
        "giovedì scorso": "last thursday", "venerdì scorso": "last friday", "sabato scorso": "last saturday",
        "domenica scorsa": "last sunday", "al mese": "per month",
        "al giorno": "per day", "alla settimana": "per week", "chi ha accesso in lettura": "who has read access",
        "di serving": "serving", "a valle di": "downstream of", "a monte di": "upstream of", "dammi": "give me", "mi dai": "give me", "spiegami": "explain",
        "riepilogo": "briefing", "riassunto": "summary", "panoramica": "overview", "resoconto": "briefing",
        "resoconto mattutino": "morning briefing", "briefing mattutino": "morning briefing",
        "briefing del mattino": "morning briefing", "mattutino": "morning", "cosa devo sapere": "what should I know",
        "cosa dovrei sapere": "what should I know", "merita la mia attenzione": "needs my attention",
        "richiede la mia attenzione": "needs my attention", "attenzione": "attention",
        "e ieri": "and yesterday", "e oggi": "and today", "e stanotte": "and last night",
        "e la settimana scorsa": "and last week", "e il mese scorso": "and last month",
        "e la settimana prima": "and the week before", "e il giorno prima": "and the day before",
        # function words
        "ed": "and", "oppure": "or", "ma": "but", "anche": "also", "ancora": "still", "di nuovo": "again",
        "un'altra volta": "again", "il": "the", "gli": "the", "le": "the", "un": "a",
        "una": "a", "è": "is", "e'": "is", "sono": "are", "era": "was", "erano": "were",
        "è stato": "was", "è stata": "was", "sono stati": "were", "sono state": "were", "stato": "been",
        "stata": "been", "ha": "has", "hanno": "have", "abbiamo": "we have", "c'è": "is there", "c'e": "is there",
        "ci sono": "are there", "c'è stato": "was there", "c'è stata": "was there", "ci sono stati": "were there",
        "ci sono state": "were there", "qualcosa": "something", "qualcuno": "someone", "nessuno": "nobody",
        "tutti": "all", "tutte": "all", "alcuni": "any", "qualche": "any", "nessun": "no", "nessuna": "no",
        "non": "not", "non hanno": "have no", "non ha": "has no", "senza": "without", "con": "with", "per": "for",
        "dei": "of the", "delle": "of the", "degli": "of the", "nel": "in the", "nella": "in the", "nei": "in the", "nelle": "in the", "negli": "in the",
        "su": "on", "sul": "on the", "sulla": "on the", "sui": "on the", "sulle": "on the", "al": "to the",
        "alla": "to the", "alle": "to the", "tra": "between", "fra": "between", "dopo": "after", "prima": "before",
        "rispetto a": "compared to", "rispetto al": "compared to the", "rispetto alla": "compared to the",
        "confrontato con": "compared with", "nostro": "our", "nostra": "our", "nostri": "our", "nostre": "our",
        "mio": "my", "mia": "my", "miei": "my", "mie": "my", "suo": "its", "sua": "its", "suoi": "its", "sue": "its",
        "questo": "this", "questa": "this", "questi": "these", "queste": "these", "quel": "that", "quello": "that",
        "quella": "that", "quei": "those", "quelle": "those", "quelli": "those", "davvero": "really",
        "veramente": "really", "effettivamente": "actually", "in realtà": "actually", "esattamente": "exactly",
        "da qualche parte": "somewhere", "dovremmo": "should we", "cosa dobbiamo fare": "what should we do",
        "cosa dovremmo fare": "what should we do", "fare": "do", "problema": "problem", "problemi": "problems",
        "volte": "times", "più": "more", "piu": "more", "il più": "the most", "di più": "the most",
        "possiamo": "can we", "può": "can", "possono": "can", "ci costa": "costs us",
        # cost
        "costi": "costs", "costo": "cost", "costa": "costs", "costano": "cost", "è costato": "cost",
        "è costata": "cost", "sono costati": "cost", "costato": "cost", "ci costano": "cost us", "spesa": "spend",
        "spese": "spend", "speso": "spent", "abbiamo speso": "did we spend", "spendiamo": "do we spend",
        "stiamo spendendo": "are we spending", "abbiamo pagato": "did we pay", "pagato": "paid", "fattura": "bill",
        "bolletta": "bill", "caro": "expensive", "cari": "expensive", "costoso": "expensive", "costosi": "expensive",
        "costosa": "expensive", "costose": "expensive", "più costosi": "most expensive", "più costose": "most expensive",
        "più costoso": "most expensive", "troppo caro": "too expensive", "troppo cara": "too expensive",
        "soldi": "money", "denaro": "money", "previsione": "forecast", "centro di costo": "cost center",
        "centri di costo": "cost centers", "senza tag": "without a tag", "etichette": "tags", "affitto": "rent",
        "ufficio": "office", "uffici": "offices", "sopra la media": "above average", "sotto la media": "below average",
        "in media": "on average", "aumentato": "gone up", "aumentata": "gone up", "aumentati": "gone up",
        "diminuito": "gone down", "diminuita": "gone down",
        # jobs and runs
        "lavori": "jobs", "lavoro": "job", "falliti": "failed", "fallito": "failed", "fallita": "failed",
        "fallite": "failed", "sono falliti": "failed", "è fallito": "failed", "è fallita": "failed",
        "non sono andati a buon fine": "failed", "non è andato a buon fine": "failed", "andati a buon fine": "succeeded",
        "errori": "errors", "errore": "error", "fallimenti": "failures", "fallimento": "failure",
        "il fallimento": "the failure", "esecuzioni": "runs", "esecuzione": "run", "eseguito": "ran",
        "in ritardo": "late", "ritardo": "delay", "in orario": "on time", "puntuale": "on time",
        "si è bloccato": "crashed", "è crashato": "crashed", "crashato": "crashed", "durata": "duration",
        "messaggio di errore": "error message",
        # security, access, grants
        "accessi falliti": "failed logins", "accessi non riusciti": "failed logins", "login falliti": "failed logins",
        "tentativi di accesso falliti": "failed logins", "tentativi di accesso": "login attempts",
        "accessi": "access", "accesso": "access", "l'accesso": "access", "d'accesso": "access",
        "accesso in lettura": "read access", "accessi in lettura": "read access", "l'accesso in lettura": "read access",
        "accesso in scrittura": "write access", "permesso di lettura": "read access",
        "permessi di lettura": "read access", "diritti di lettura": "read access", "lettura": "read",
        "letto": "read", "letta": "read", "letti": "read", "lette": "read", "ha letto": "read", "hanno letto": "read",
        "leggere": "read", "può leggere": "can read", "possono leggere": "can read", "ha consultato": "has queried",
        "hanno consultato": "have queried", "consultato": "queried", "interrogato": "queried",
        "ha avuto accesso": "accessed", "hanno avuto accesso": "accessed", "ha acceduto": "accessed",
        "hanno acceduto": "accessed", "acceduto": "accessed", "permessi": "grants", "permesso": "permission",
        "autorizzazioni": "grants", "diritti": "grants", "concesso": "granted", "concessi": "granted",
        "ha concesso": "granted", "hanno concesso": "granted", "ha dato": "gave", "dato": "given",
        "ha dato accesso": "gave access", "al gruppo": "to the group", "gruppo": "group", "gruppi": "groups",
        "utenti": "users", "utente": "user", "l'utente": "the user", "sospetto": "suspicious", "sospetti": "suspicious",
        "sospetta": "suspicious", "sospette": "suspicious", "qualcosa di strano": "something odd", "strano": "odd",
        "insolito": "unusual", "insoliti": "unusual", "insolita": "unusual", "insolite": "unusual",
        "sicurezza": "security", "eventi di sicurezza": "security events", "gravità alta": "high severity",
        "alta gravità": "high severity", "minaccia": "threat", "minacce": "threats", "avviso": "alert",
        "avvisi": "alerts", "allarmi": "alerts", "senza scadenza": "with no expiry", "scadenza": "expiry",
        "password sbagliata": "wrong password", "password errata": "wrong password", "tentativi": "attempts",
        "ha provato ad accedere": "tried to log in", "hanno provato ad accedere": "tried to log in",
        "indirizzo ip": "ip", "indirizzi ip": "ips", "da quale": "from which", "persona": "person",
        "quella persona": "that person", "questa persona": "that person", "attivo": "active", "attivi": "active",
        # personal data, compliance
        "dati personali": "personal data", "dati sensibili": "sensitive data", "dati": "data", "sensibili": "sensitive",
        "personali": "personal", "dati dei clienti": "customer data", "clienti": "customers", "cliente": "customer",
        "conformità": "compliance", "riservatezza": "privacy",
        # tables, quality, lineage
        "tabelle": "tables", "tabella": "table", "la tabella": "the table", "obsoleta": "stale", "obsolete": "stale",
        "obsoleto": "stale", "obsoleti": "stale", "non aggiornata": "not updated", "non aggiornate": "not updated",
        "non sono state aggiornate": "have not been updated", "non è stata aggiornata": "has not been updated",
        "non si aggiornano più": "are no longer updated", "non si aggiorna più": "is no longer updated",
        "non sono più aggiornate": "are no longer updated", "non più": "no longer", "aggiornata": "updated",
        "aggiornate": "updated", "aggiornato": "updated", "aggiornati": "updated", "aggiornamento": "freshness",
        "freschezza": "freshness", "qualità dei dati": "data quality", "qualita dei dati": "data quality",
        "qualità": "quality", "qualita": "quality", "problemi di qualità": "quality problems", "colonna": "column",
        "colonne": "columns", "righe": "rows", "proprietario": "owner", "descrizione": "description",
        "catalogo": "catalog", "livello": "layer", "strato": "layer", "set di dati": "datasets", "cruscotto": "dashboard",
        "rapporto": "report", "vuoto": "empty", "vuota": "empty", "cambiato": "changed", "modificato": "changed",
        "modificata": "changed", "cosa è cambiato": "what changed", "distribuzione": "distribution",
        "lignaggio": "lineage", "discendenza": "lineage", "provenienza": "lineage", "a valle": "downstream",
        "a monte": "upstream", "dipendono da": "depend on", "dipende da": "depends on", "dipendenti": "dependent",
        "interessate": "affected", "coinvolte": "affected", "impattate": "affected", "si rompe": "breaks",
        "catena": "chain", "a causa del": "because of the", "a causa di": "because of", "origine": "source",
        "sorgente": "source", "tabella di origine": "source table", "tabelle di origine": "source tables",
        "fino alla sorgente": "back to the source", "alimenta": "feeds", "consuma": "consumes",
        "chi la consuma": "what consumes it",
        # reliability, performance
        "disponibilità": "availability", "disponibilita": "availability", "affidabilità": "reliability",
        "affidabilita": "reliability", "affidabile": "reliable", "interruzione": "outage", "interruzioni": "outages",
        "l'interruzione": "the outage", "disservizio": "outage", "disservizi": "outages", "guasto": "outage",
        "guasti": "outages", "incidenti": "incidents", "incidente": "incident", "fuori servizio": "down",
        "non disponibile": "down", "è caduto": "went down", "piattaforma": "platform", "lento": "slow",
        "lenta": "slow", "lenti": "slow", "lente": "slow", "più lenta": "slowest", "più lento": "slowest",
        "più lente": "slowest", "più lenti": "slowest", "interrogazioni": "queries", "latenza": "latency",
        "veloce": "fast", "tempo di risposta": "response time", "memoria": "memory", "sovraccarico": "overloaded",
        "al limite": "maxed out", "utilizzo": "usage", "uso": "usage",
        # ML
        "modelli": "models", "modello": "model", "il modello": "the model", "deriva": "drift", "in deriva": "drifting",
        "addestramento": "training", "l'addestramento": "the training", "dell'addestramento": "of the training",
        "addestrato": "trained", "riaddestrato": "retrained", "accuratezza": "accuracy", "precisione": "accuracy",
        "metriche": "metrics", "registrati": "registered", "registrato": "registered", "versione": "version",
        "distribuito": "deployed", "rilasciato": "deployed", "produzione": "production", "anomalie": "anomalies", "anomalia": "anomaly", "rileva": "detects", "rilevamento": "detection",
        "prevede": "predicts",
        # savings, idle compute
        "risparmiare": "save", "risparmio": "savings", "risparmi": "savings", "risparmieremmo": "would we save",
        "inattivo": "idle", "inattivi": "idle", "inattiva": "idle", "inattive": "idle", "inutilizzati": "unused",
        "inutilizzate": "unused", "inutilizzato": "unused", "spegnere": "turn off", "ridurre": "reduce",
        "ridimensionare": "downsize", "sprecare": "waste", "sprecando": "wasting", "spreco": "waste",
        "sprechi": "waste", "vale la pena": "is it worth it", "ne vale la pena": "is it worth it", "cambiare": "switch",
        "per niente": "for nothing", "a vuoto": "idle", "girano a vuoto": "sit idle", "calcolo": "compute",
        # chores and the rest
        "tradurre": "translate", "traduci": "translate", "paragrafo": "paragraph", "politica": "policy",
        "meteo": "weather", "previsioni del tempo": "weather forecast", "termine legale": "legal deadline",
        "scadenza legale": "legal deadline", "spazio di lavoro": "workspace", "area di lavoro": "workspace",
        "ambiente": "environment", "ambienti": "environments",
    },
    "nl": {
        # time
        "gisteren": "yesterday", "vandaag": "today", "eergisteren": "the day before yesterday",
        "gisteravond": "last night", "gisternacht": "last night", "vannacht": "last night",
        "afgelopen nacht": "last night", "vanochtend": "this morning", "vanmorgen": "this morning",
        "vorige week": "last week", "afgelopen week": "last week", "de afgelopen week": "the last week",
        "de vorige week": "last week", "deze week": "this week", "vorige maand": "last month",
        "afgelopen maand": "last month", "de afgelopen maand": "the last month", "deze maand": "this month",
        "laatste": "last", "afgelopen": "last", "de afgelopen": "the last", "de laatste": "the last",
        "de afgelopen dagen": "the last few days", "de afgelopen weken": "the last few weeks", "dagen": "days",
        "dag": "day", "uur": "hours", "uren": "hours", "weken": "weeks", "maand": "month", "maanden": "months",
        "minuten": "minutes", "nacht": "night", "'s nachts": "at night", "snachts": "at night",
        "midden in de nacht": "in the middle of the night", "dit kwartaal": "this quarter",
        "vorig kwartaal": "last quarter", "kwartaal": "quarter", "de week ervoor": "the week before",
        "de week daarvoor": "the week before", "de dag ervoor": "the day before", "de dag daarvoor": "the day before",
        "de maand ervoor": "the month before", "de maand daarvoor": "the month before", "sinds wanneer": "since when",
        "sinds": "since", "sindsdien": "since then", "nu": "now", "op dit moment": "right now",
        "momenteel": "currently", "buiten kantooruren": "after hours", "buiten werktijd": "after hours",
        "buiten werktijden": "after hours", "buiten de werkuren": "after hours", "kantooruren": "business hours",
        "werktijden": "working hours", "geleden": "ago", "vorige": "last", "vorig": "last",
        "de duur": "the duration", "te laag": "too low", "las": "read", "lazen": "read", "dertig": "30", "veertien": "14",
        # question words and asking
        "wie": "who", "wie nog meer": "who else", "wie anders": "who else", "wie heeft toegang": "who has access",
        "wie heeft": "who has", "wie gaf": "who gave", "wanneer": "when", "waarom": "why", "hoe komt dat": "why is that",
        "hoe kan dat": "why is that", "wat is de oorzaak": "why", "wat was de oorzaak": "why", "waardoor": "why",
        "hoeveel": "how much", "hoeveel keer": "how many times", "hoe vaak": "how often", "hoe lang": "how long",
        "hoelang": "how long", "hoe lang duurde": "how long did it last", "welke": "which", "welk": "which",
        "wat": "what", "waar": "where", "waar komen de gegevens vandaan": "where does the data come from",
        "waar komt de data vandaan": "where does the data come from", "waar komt het vandaan": "where does it come from",
        "waar komen ze vandaan": "where do they come from", "vandaan": "from", "hoe": "how",
        "hoe was het": "how was it", "hoe zat het": "how was it", "hoe staat het met": "how is", "hoe gaat het met": "how is",
        "wat nog meer": "what else", "wat heeft die persoon gedaan": "what did that person do", "gedaan": "done",
        "wat is er gebeurd": "what happened", "is er gebeurd": "happened", "gebeurd": "happened", "gebeurde": "happened",
        "laat me zien": "show me", "laat zien": "show", "toon me": "show me", "toon": "show", "geef me": "give me",
        "geef": "give", "leg uit": "explain", "overzicht": "overview", "samenvatting": "summary",
        "ochtendbriefing": "morning briefing", "wat moet ik weten": "what should I know",
        "wat moet ik vanochtend weten": "what should I know this morning", "weten": "know",
        "heeft mijn aandacht nodig": "needs my attention", "verdient mijn aandacht": "needs my attention",
        "aandacht": "attention", "en gisteren": "and yesterday", "en vandaag": "and today",
        "en vorige week": "and last week", "en vorige maand": "and last month", "en de week ervoor": "and the week before",
        "en de dag ervoor": "and the day before", "en vannacht": "and last night",
        # function words
        "en": "and", "of": "or", "maar": "but", "ook": "also", "nog": "still", "nog steeds": "still",
        "opnieuw": "again", "weer": "again", "alweer": "again", "een": "a", "het": "the",
        "zijn": "are", "waren": "were", "werd": "was", "werden": "were", "wordt": "is", "worden": "are",
        "geweest": "been", "heeft": "has", "hebben": "have", "hadden": "had", "hebben we": "have we",
        "wij": "we", "ik": "I", "ons": "us", "onze": "our", "mijn": "my", "hun": "their", "haar": "its",
        "is er": "is there", "zijn er": "are there", "er zijn": "there are", "waren er": "were there",
        "was er": "was there", "er is": "there is", "niet": "not", "geen": "no", "zonder": "without", "met": "with",
        "voor": "for", "van de": "of the", "van het": "of the", "op": "on", "op de": "on the", "aan": "to",
        "naar": "to", "bij": "at", "uit": "from", "tot": "until", "tussen": "between", "na": "after", "over": "about",
        "dit": "this", "deze": "this", "die": "that", "dat": "that", "iemand": "someone", "niemand": "nobody",
        "iets": "something", "alle": "all", "echt": "really", "werkelijk": "really", "eigenlijk": "actually",
        "precies": "exactly", "ergens": "somewhere", "moeten we": "should we", "wat moeten we doen": "what should we do",
        "doen": "do", "probleem": "problem", "problemen": "problems", "keer": "times", "meer": "more",
        "het meest": "the most", "meest": "most", "kan": "can", "kunnen": "can", "mag": "may", "mogen": "may",
        "moet": "must", "zien": "see", "ligt": "is", "liggen": "are", "bevatten": "contain", "bevat": "contains",
        "vertonen": "show", "vertoont": "shows", "komen": "come", "komt": "comes", "laatst": "last",
        "voor het laatst": "last", "het traagst": "the slowest", "traagst": "slowest", "het duurst": "the most expensive",
        "duurst": "most expensive", "geprobeerd": "tried", "in te loggen": "to log in",
        "geprobeerd in te loggen": "tried to log in", "per maand": "per month", "per dag": "per day",
        "per week": "per week",
        # cost
        "kosten": "costs", "kost": "costs", "kostte": "cost", "kostten": "cost", "gekost": "cost",
        "kost ons": "costs us", "kosten ons": "cost us", "uitgaven": "spend", "uitgegeven": "spent",
        "hebben we uitgegeven": "did we spend", "geven we uit": "do we spend", "besteed": "spent",
        "hebben we betaald": "did we pay", "betaald": "paid", "rekening": "bill", "factuur": "bill",
        "duur": "expensive", "duurste": "most expensive", "te duur": "too expensive", "duurder": "more expensive",
        "goedkoper": "cheaper", "geld": "money", "prognose": "forecast", "voorspelling": "forecast",
        "kostenplaats": "cost center", "kostenplaatsen": "cost centers", "zonder tag": "without a tag",
        "huur": "rent", "kantoor": "office", "kantoren": "offices", "gemiddeld": "on average",
        "gemiddelde": "average", "boven het gemiddelde": "above average", "gestegen": "gone up", "gedaald": "gone down",
        # jobs and runs
        "taken": "jobs", "mislukte": "failed", "mislukt": "failed", "mislukten": "failed", "zijn mislukt": "failed",
        "is mislukt": "failed", "gefaald": "failed", "faalden": "failed", "faalt": "fails", "afgebroken": "failed",
        "fouten": "errors", "fout": "error", "foutmelding": "error message", "mislukkingen": "failures",
        "uitvoeringen": "runs", "gedraaid": "ran", "draait": "runs", "draaien": "run", "te laat": "late",
        "vertraagd": "late", "op tijd": "on time", "gecrasht": "crashed", "gecrashed": "crashed",
        "vastgelopen": "crashed", "looptijd": "duration",
        # security, access, grants
        "toegang": "access", "leesrechten": "read access", "leestoegang": "read access",
        "schrijfrechten": "write access", "rechten": "grants", "machtigingen": "grants", "permissies": "grants",
        "verleend": "granted", "toegekend": "granted", "gegeven": "given", "heeft gegeven": "gave", "gaf": "gave",
        "aan de groep": "to the group", "groep": "group", "groepen": "groups", "gebruikers": "users",
        "gebruiker": "user", "aanmeldingen": "logins", "aanmelding": "login", "inlogpogingen": "login attempts",
        "mislukte aanmeldingen": "failed logins", "mislukte inlogpogingen": "failed logins",
        "mislukte logins": "failed logins", "ingelogd": "logged in", "aangemeld": "logged in", "inloggen": "log in",
        "verdacht": "suspicious", "verdachte": "suspicious", "ongebruikelijk": "unusual", "ongebruikelijke": "unusual",
        "vreemd": "odd", "iets vreemds": "something odd", "beveiliging": "security", "veiligheid": "security",
        "beveiligingsincidenten": "security incidents", "beveiligingsgebeurtenissen": "security events",
        "hoge ernst": "high severity", "ernst": "severity", "dreiging": "threat", "dreigingen": "threats",
        "waarschuwing": "alert", "waarschuwingen": "alerts", "meldingen": "alerts", "melding": "alert",
        "zonder vervaldatum": "with no expiry", "vervaldatum": "expiry", "verkeerd wachtwoord": "wrong password",
        "wachtwoord": "password", "pogingen": "attempts", "ip-adres": "ip", "ip-adressen": "ips",
        "persoon": "person", "die persoon": "that person", "actief": "active",
        # personal data, compliance
        "persoonsgegevens": "personal data", "persoonlijke gegevens": "personal data", "pii-gegevens": "PII data",
        "gevoelige gegevens": "sensitive data", "gegevens": "data", "gevoelige": "sensitive", "gevoelig": "sensitive",
        "klant": "customer", "klanten": "customers", "klantgegevens": "customer data", "gelezen": "read",
        "lezen": "read", "leest": "reads", "geraadpleegd": "queried", "opgevraagd": "queried", "bevraagd": "queried",
        "geopend": "accessed", "toegang gehad": "accessed", "gehad": "had", "avg": "GDPR", "naleving": "compliance",
        # tables, quality, lineage
        "tabellen": "tables", "tabel": "table", "verouderd": "stale", "verouderde": "stale",
        "niet bijgewerkt": "not updated", "bijgewerkt": "updated", "niet meer bijgewerkt": "no longer updated",
        "worden niet meer bijgewerkt": "are no longer updated", "wordt niet meer bijgewerkt": "is no longer updated",
        "niet meer": "no longer", "actueel": "up to date", "versheid": "freshness", "actualiteit": "freshness",
        "datakwaliteit": "data quality", "kwaliteit": "quality", "kwaliteitsproblemen": "quality problems",
        "kolom": "column", "kolommen": "columns", "rijen": "rows", "eigenaar": "owner", "beschrijving": "description",
        "catalogus": "catalog", "laag": "layer", "rapport": "report", "rapporten": "reports", "leeg": "empty",
        "veranderd": "changed", "gewijzigd": "changed", "wat is er veranderd": "what changed",
        "verdeling": "distribution", "herkomst": "lineage", "afstamming": "lineage", "stroomafwaarts": "downstream",
        "stroomopwaarts": "upstream", "afhankelijk van": "dependent on", "hangen af van": "depend on",
        "hangt af van": "depends on", "getroffen": "affected", "geraakt": "affected", "bron": "source",
        "brontabel": "source table", "brontabellen": "source tables", "keten": "chain", "vanwege": "because of",
        "breekt": "breaks", "voedt": "feeds",
        # reliability, performance
        "beschikbaarheid": "availability", "betrouwbaarheid": "reliability", "betrouwbaar": "reliable",
        "storing": "outage", "storingen": "outages", "uitval": "outage", "incidenten": "incidents",
        "onbereikbaar": "down", "lag plat": "was down", "bereikbaar": "available", "traag": "slow", "trage": "slow",
        "langzaam": "slow", "langzame": "slow", "traagste": "slowest", "langzaamste": "slowest", "query's": "queries",
        "zoekopdrachten": "queries", "latentie": "latency", "snel": "fast", "geheugen": "memory",
        "overbelast": "overloaded", "gebruik": "usage",
        # ML
        "modellen": "models", "driften": "drift", "getraind": "trained", "hertraind": "retrained",
        "nauwkeurigheid": "accuracy", "statistieken": "metrics", "geregistreerd": "registered", "versie": "version",
        "uitgerold": "deployed", "productie": "production", "anomalieën": "anomalies", "anomalie": "anomaly",
        "detecteert": "detects", "detectie": "detection", "voorspelt": "predicts",
        # savings, idle compute
        "besparen": "save", "besparingen": "savings", "besparing": "savings", "bespaar": "save",
        "zouden we besparen": "would we save", "inactief": "idle", "inactieve": "idle", "ongebruikt": "unused",
        "ongebruikte": "unused", "stilstaand": "idle", "stilstaande": "idle", "uitzetten": "turn off",
        "afschalen": "downsize", "verkleinen": "downsize", "verminderen": "reduce", "verspillen": "waste",
        "verspilling": "waste", "verspild": "wasted", "loont het": "is it worth it", "de moeite waard": "worth it",
        "overstappen": "switch", "voor niets": "for nothing", "voor niks": "for nothing", "rekenkracht": "compute",
        # chores and the rest
        "vertalen": "translate", "vertaal": "translate", "alinea": "paragraph", "beleid": "policy",
        "het weer": "the weather", "weerbericht": "weather forecast", "wettelijke termijn": "legal deadline",
        "termijn": "deadline", "werkruimte": "workspace", "omgeving": "environment", "omgevingen": "environments",
    },
}

# The small words, now that a glossary word inside an e-mail or a dotted name is never read (languages._pattern):
# "la lineage della tabella di fatto sui costi", "zo hoog", "daar".
GLOSSARY["it"].update({
    "della": "of the", "del": "of the", "dello": "of the", "delle": "of the", "di": "of", "da": "from",
    "dal": "from the", "dalla": "from the", "la": "the", "lo": "the", "i": "the", "e": "and", "ai": "to the",
    "tabella di fatto": "fact table", "tabella dei fatti": "fact table", "tabella fatti": "fact table",
    "fino a": "up to", "risalire": "trace back", "risalire fino a": "trace back to", "letture": "reads",
    "numero di letture": "number of reads", "numero": "number", "elenco": "list", "l'elenco": "the list of",
    "dell'elenco": "the list of", "verifica": "check", "revisione": "review", "deve": "must",
    "avrei bisogno": "i would need", "così alto": "so high", "così alti": "so high", "alto": "high", "alti": "high",
    "troppo": "too", "molto": "very",
})
GLOSSARY["nl"].update({
    "de": "the", "van": "of", "daar": "there", "hier": "here", "zo hoog": "so high", "hoog": "high", "hoger": "higher",
    "laag": "low", "te hoog": "too high", "te duur": "too expensive", "duur": "expensive", "dure": "expensive",
    "zo": "so", "veel": "much",
})
# Short questions ("en waarom is ml-workspace zo hoog?") need markers of everyday words too.
MARKERS["it"] = MARKERS["it"] | frozenset("così alto alti troppo molto già ancora elenco letture qualcun altro lavorato notte "
                                           "fuori orario bene c'è".split())
# "Va bene. C'è qualcun altro che ha lavorato di notte, fuori orario?"
GLOSSARY["it"].update({"qualcun altro": "anyone else", "c'è": "is there", "va bene": "ok", "ha lavorato": "worked",
                       "lavorato": "worked", "di notte": "at night", "sono aggiornate": "are up to date",
                       "sono aggiornati": "are up to date", "aggiornate": "up to date", "aggiornati": "up to date",
                       "aggiornata": "up to date", "aggiornato": "up to date", "o no": "or not"})
MARKERS["nl"] = MARKERS["nl"] | frozenset("hoog hoger laag daar zo wel maar veel duur dure".split())  # ("hier": French)
# a trend and a breakdown ("com'è andata la spesa, suddivisa per workspace", "uitgesplitst per werkruimte")
GLOSSARY["it"].update({"suddiviso per": "broken down by", "suddivisa per": "broken down by", "suddivisi per": "broken down by",
                       "suddivise per": "broken down by", "ripartito per": "broken down by", "ripartita per": "broken down by",
                       "andamento": "trend", "è evoluto": "has trended", "è evoluta": "has trended", "evoluzione": "trend"})
GLOSSARY["nl"].update({"uitgesplitst per": "broken down by", "uitgesplitst naar": "broken down by", "opgesplitst per":
                       "broken down by", "ontwikkeld": "trended", "ontwikkeling": "trend", "verloop": "trend"})
GLOSSARY["it"].update({"tabella finale": "final table", "tabella principale": "main table", "mostra ancora": "still shows",
                       "mostrano ancora": "still show"})
GLOSSARY["nl"].update({"verbruik": "consumption", "verbruikt": "consumed", "zich": ""})
GLOSSARY["nl"].update({"het vaakst": "most often", "vaakst": "most often", "het meest": "the most", "vaak": "often"})
# "Mi serve l'elenco degli accessi alla tabella clienti": "I need the list of the reads of the customers table"
GLOSSARY["it"].update({"mi serve": "i need", "ci serve": "we need", "mi servono": "i need", "accessi": "reads",
                       "degli accessi": "of the reads", "per favore": "please", "utente": "user", "utenti": "users"})
GLOSSARY["nl"].update({"geraadpleegd": "accessed", "raadplegen": "access", "raadpleegt": "accesses", "hoe vaak": "how often",
                       "gebruikers": "users"})
GLOSSARY["nl"].update({"ververst": "refreshed", "verversen": "refresh", "niet op tijd": "not on time", "op tijd": "on time",
                       "volgende week": "next week", "we gaan": "we go"})
# "Waren er deze week verdachte inlogpogingen op ons platform?", "En waarom zoveel meer dan normaal?"
GLOSSARY["nl"].update({"verdachte": "suspicious", "verdacht": "suspicious", "inlogpogingen": "login attempts",
                       "inlogpoging": "login attempt", "mislukte": "failed", "waren er": "were there", "was er": "was there",
                       "op ons platform": "on our platform", "zoveel meer": "so much more", "zo veel meer": "so much more",
                       "dan normaal": "than normal", "dan gewoonlijk": "than usual"})
MARKERS["nl"] = MARKERS["nl"] | frozenset("verdachte inlogpogingen inlogpoging ons zoveel meer normaal waren gekost".split())
# "Mi fai un riepilogo dei risparmi possibili? Dove stiamo sprecando soldi?": a summary of one thing is no briefing
GLOSSARY["it"].update({"riepilogo dei": "summary of the", "riepilogo delle": "summary of the", "riepilogo del": "summary of the",
                       "riepilogo degli": "summary of the", "possibili": "possible", "possibile": "possible",
                       "stiamo": "are we", "mi fai": "can you give me", "ci fai": "can you give us",
                       "spendendo": "spending", "abbiamo speso": "did we spend"})
MARKERS["it"] = MARKERS["it"] | frozenset("fai dei possibili possibile stiamo sprecando soldi risparmi spendendo".split())
