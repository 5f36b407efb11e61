"""Italian and Dutch for ``languages.py``: marker words and calendar words, data only (their phrase glossaries are
``glossary/it.txt`` and ``glossary/nl.txt``).

General vocabulary only, never names of an account. A word inside an e-mail or a dotted name ("marco.di.stefano@...",
"jan.de.vries@...") is never read (languages._pattern), so the small words ("di", "della", "de", "van") are glossary
phrases too.
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


# Short questions ("en waarom is ml-workspace zo hoog?") need markers of everyday words too.
MARKERS["it"] = MARKERS["it"] | frozenset("così alto alti troppo molto già ancora elenco letture qualcun altro lavorato notte "
                                           "fuori orario bene c'è".split())
MARKERS["nl"] = MARKERS["nl"] | frozenset("hoog hoger laag daar zo wel maar veel duur dure".split())  # ("hier": French)
MARKERS["nl"] = MARKERS["nl"] | frozenset("verdachte inlogpogingen inlogpoging ons zoveel meer normaal waren gekost".split())
MARKERS["it"] = MARKERS["it"] | frozenset("fai dei possibili possibile stiamo sprecando soldi risparmi spendendo".split())
