"""Italian and Dutch questions, offline: detected by their marker words, read through their glossary
(graph/nlp/languages_it_nl.py) into English, and routed and dated as the same question in English would be.
The other languages keep their detection, and names pass through untouched."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from health_monitor.graph.nlp import languages, languages_it_nl, parse_question
from health_monitor.graph.nlp.intents import intent_of
from health_monitor.graph.nlp.models import TurnContext

AS_OF = datetime(2026, 12, 6, 9, tzinfo=timezone.utc)  # a Sunday
# start dates as parse_question gives them (ISO days)
YESTERDAY, TODAY = "2026-12-05", "2026-12-06"
LAST_WEEK, THIS_WEEK = "2026-11-29", "2026-11-30"
LAST_MONTH, THIS_MONTH = "2026-11-01", "2026-12-01"
THREE_DAYS, LAST_MONDAY = "2026-12-03", "2026-11-30"

ITALIAN = [
    ("Quanto abbiamo speso ieri su ml-workspace?", ["cost"], YESTERDAY),
    ("Quali sono stati i costi della settimana scorsa?", ["cost"], LAST_WEEK),
    ("Perché la spesa è aumentata questo mese?", ["cost"], THIS_MONTH),
    ("Quanto spendiamo al mese per gli endpoint di serving?", ["cost"], None),
    ("Quali job sono falliti negli ultimi 3 giorni?", ["performance"], THREE_DAYS),
    ("Il job nightly_etl è fallito stanotte?", ["performance"], YESTERDAY),
    ("Ci sono stati accessi falliti ieri?", ["security"], YESTERDAY),
    ("Qualcuno ha provato ad accedere con una password sbagliata?", ["security"], None),
    ("Ci sono token senza scadenza?", ["security"], None),
    ("Chi ha letto dati personali la settimana scorsa?", ["security"], LAST_WEEK),
    ("Chi ha accesso in lettura ai dati personali?", ["governance", "security"], None),
    ("Chi ha concesso i permessi al gruppo analisti?", ["governance"], None),
    ("Quali tabelle contengono dati sensibili senza descrizione?", ["governance"], None),
    ("Quali tabelle sono obsolete?", ["quality"], None),
    ("Quali tabelle non sono state aggiornate oggi?", ["quality"], TODAY),
    ("Cosa c'è a valle di main.crm.customers?", ["governance"], None),
    ("Da dove vengono i dati della tabella main.sales.orders?", ["governance"], None),
    ("Qual è stata la disponibilità il mese scorso?", ["reliability"], LAST_MONTH),
    ("Ci sono state interruzioni oggi?", ["reliability"], TODAY),
    ("Quanto è affidabile la piattaforma questo mese?", ["reliability"], THIS_MONTH),
    ("Quali job sono in ritardo?", ["reliability"], None),
    ("Quali modelli sono in deriva?", ["mlops"], None),
    ("Qual è la latenza degli endpoint di serving?", ["mlops"], None),
    ("Quando è stato addestrato il modello l'ultima volta?", ["mlops"], None),
    ("Dove possiamo risparmiare soldi?", ["optimization"], None),
    ("Quali cluster sono inattivi?", ["optimization"], None),
    ("Quali query sono più lente oggi?", ["performance"], TODAY),
    ("Quanto abbiamo speso lunedì scorso?", ["cost"], LAST_MONDAY),
    ("Quanti job sono falliti 3 giorni fa?", ["performance"], THREE_DAYS),
    ("Quali sono i costi degli ultimi tre giorni?", ["cost"], THREE_DAYS),
]

DUTCH = [
    ("Hoeveel hebben we gisteren uitgegeven aan ml-workspace?", ["cost"], YESTERDAY),
    ("Wat waren de kosten vorige week?", ["cost"], LAST_WEEK),
    ("Waarom zijn de kosten deze week gestegen?", ["cost"], THIS_WEEK),
    ("Geef me een kostenoverzicht van deze maand", ["cost"], THIS_MONTH),
    ("Welke jobs zijn de afgelopen 3 dagen mislukt?", ["performance"], THREE_DAYS),
    ("Is de job nightly_etl gisteren mislukt?", ["performance"], YESTERDAY),
    ("Waren er mislukte aanmeldingen vannacht?", ["security"], YESTERDAY),
    ("Heeft iemand geprobeerd in te loggen met een verkeerd wachtwoord?", ["security"], None),
    ("Zijn er tokens zonder vervaldatum?", ["security"], None),
    ("Zijn er beveiligingsmeldingen van gisteren?", ["security"], YESTERDAY),
    ("Wie las de tabel main.crm.customers vorige week?", ["security"], LAST_WEEK),
    ("Wie heeft persoonsgegevens gelezen?", ["security"], None),
    ("Wie heeft leesrechten op persoonsgegevens?", ["governance", "security"], None),
    ("Wie heeft rechten verleend aan de groep analisten?", ["governance"], None),
    ("Welke tabellen bevatten PII-gegevens zonder beschrijving?", ["governance"], None),
    ("Welke tabellen zijn verouderd?", ["quality"], None),
    ("Wat ligt stroomafwaarts van main.crm.customers?", ["governance"], None),
    ("Wat is stroomopwaarts van main.sales.orders?", ["governance"], None),
    ("Wat was de beschikbaarheid vorige maand?", ["reliability"], LAST_MONTH),
    ("Waren er storingen vandaag?", ["reliability"], TODAY),
    ("Hoe betrouwbaar is het platform deze maand?", ["reliability"], THIS_MONTH),
    ("Welke jobs zijn te laat?", ["reliability"], None),
    ("Welke modellen vertonen drift?", ["mlops"], None),
    ("Wat is de latentie van de serving endpoints?", ["mlops"], None),
    ("Wanneer is het model voor het laatst getraind?", ["mlops"], None),
    ("Waar kunnen we geld besparen?", ["optimization"], None),
    ("Welke clusters zijn inactief?", ["optimization"], None),
    ("Welke query's zijn het traagst?", ["performance"], None),
    ("Welke jobs faalden vorige maandag?", ["performance"], LAST_MONDAY),
    ("Hoeveel hebben we de laatste drie dagen uitgegeven?", ["cost"], THREE_DAYS),
]


def parse(text: str, previous: TurnContext | None = None):
    return parse_question(text, as_of=AS_OF, previous=previous)


@pytest.mark.parametrize(("lang", "text", "domains", "start"),
                         [("it", *case) for case in ITALIAN] + [("nl", *case) for case in DUTCH])
def test_italian_and_dutch_questions_route_and_date_as_in_english(lang, text, domains, start):
    parsed = parse(text)
    assert languages.detect(text) == lang
    assert parsed.language == lang
    assert set(domains) <= set(parsed.domains), (parsed.english, parsed.domains)
    assert parsed.params.get("start_date") == start, (parsed.english, parsed.params)


@pytest.mark.parametrize(("lang", "text", "start"), [
    ("it", "e ieri?", YESTERDAY),
    ("it", "e la settimana scorsa?", LAST_WEEK),
    ("it", "Cosa è successo stanotte?", YESTERDAY),
    ("nl", "en gisteren?", YESTERDAY),
    ("nl", "En vorige maand?", LAST_MONTH),
    ("nl", "Wat is er vannacht gebeurd?", YESTERDAY),
])
def test_a_time_alone_is_read_in_italian_and_dutch(lang, text, start):
    parsed = parse(text)
    assert parsed.language == lang
    assert parsed.params.get("start_date") == start, parsed.english


@pytest.mark.parametrize(("first", "follow_up"), [
    ("Quanto abbiamo speso la settimana scorsa?", "e ieri?"),
    ("Quali job sono falliti oggi?", "e ieri?"),
    ("Hoeveel hebben we vorige week uitgegeven?", "en gisteren?"),
    ("Welke jobs zijn vandaag mislukt?", "En gisteren?"),
])
def test_and_yesterday_keeps_the_topic_and_moves_the_window(first, follow_up):
    before = parse(first)
    after = parse(follow_up, previous=TurnContext.from_parsed(before))
    assert after.is_followup
    assert after.domains == before.domains and after.domains
    assert (after.params.get("start_date"), after.params.get("end_date")) == (YESTERDAY, YESTERDAY)


@pytest.mark.parametrize(("lang", "text"), [
    ("it", "Cosa devo sapere stamattina?"),
    ("it", "Dammi il resoconto mattutino"),
    ("nl", "Wat moet ik vanochtend weten?"),
    ("nl", "Geef me de ochtendbriefing"),
])
def test_a_morning_briefing_in_italian_and_dutch(lang, text):
    parsed = parse(text)
    assert parsed.language == lang
    assert intent_of(parsed.english) == "briefing", parsed.english


@pytest.mark.parametrize(("text", "lang"), [
    ("Welche Jobs sind gestern fehlgeschlagen?", "de"),
    ("Wie viel haben wir letzte Woche ausgegeben?", "de"),
    ("Warum sind die Kosten im Juni gestiegen?", "de"),
    ("Wer hat Leserechte auf die Kundentabelle?", "de"),
    ("Hat jemand die Kundentabelle seitdem tatsächlich gelesen?", "de"),
    ("¿Qué trabajos fallaron ayer?", "es"),
    ("cuánto gastamos la semana pasada en marzo", "es"),
    ("quién tiene permisos sobre la tabla de clientes", "es"),
    ("Quels jobs ont échoué hier ?", "fr"),
    ("Combien avons-nous dépensé le mois dernier ?", "fr"),
    ("Quais jobs falharam ontem?", "pt"),
    ("Quanto gastamos na semana passada?", "pt"),
    ("Quando foi o último treinamento do modelo?", "pt"),
    ("which jobs failed yesterday?", "en"),
    ("is the invoice due today?", "en"),
    ("Due today?", "en"),
])
def test_the_other_languages_keep_their_detection(text, lang):
    assert languages.detect(text) == lang


@pytest.mark.parametrize(("text", "lang", "names"), [
    ("Chi ha dato accesso a marco.di.stefano@acme.it sulla tabella main.crm.customers?", "it",
     ["marco.di.stefano@acme.it", "main.crm.customers"]),
    ("Il job nightly_etl su ml-workspace è fallito di nuovo?", "it", ["nightly_etl", "ml-workspace"]),
    ("Wie heeft jan.de.vries@acme.nl toegang gegeven tot main.sales.orders?", "nl",
     ["jan.de.vries@acme.nl", "main.sales.orders"]),
    ("Is nightly_etl op ml-workspace weer mislukt?", "nl", ["nightly_etl", "ml-workspace"]),
])
def test_names_pass_through_untouched(text, lang, names):
    assert languages.detect(text) == lang
    english = languages.to_english(text, lang)
    assert all(name in english for name in names), english


@pytest.mark.parametrize(("text", "lang", "words"), [
    ("leesrechten op persoonsgegevens", "nl", "read access on personal data"),
    ("beveiligingsmeldingen", "nl", "security alerts"),
    ("kostenoverzicht", "nl", "costs overview"),
    ("mislukte aanmeldingen", "nl", "failed logins"),
    ("accessi falliti", "it", "failed logins"),
    ("accesso in lettura", "it", "read access"),
    ("è successo", "it", "happened"),
    ("la settimana scorsa", "it", "last week"),
    ("afgelopen week", "nl", "last week"),
    ("ultimi sette giorni", "it", "last 7 days"),
    ("laatste zeven dagen", "nl", "last 7 days"),
    ("giovedì, dicembre", "it", "thursday, december"),
    ("donderdag, maart", "nl", "thursday, march"),
])
def test_glossary_and_compounds_read_in_english(text, lang, words):
    assert words in languages.to_english(text, lang)


def test_markers_of_italian_and_dutch_are_no_markers_of_the_other_languages():
    calendar = {lang: frozenset(" ".join(words).split()) for lang, words in languages_it_nl.CALENDAR.items()}
    own = {lang: languages._MARKERS[lang] - calendar[lang] for lang in ("it", "nl")}  # ("agosto": also Spanish)
    for lang, markers in own.items():
        for other in ("de", "es", "fr", "pt", *(set(own) - {lang})):
            assert not markers & languages._MARKERS[other], (lang, other, sorted(markers & languages._MARKERS[other]))


@pytest.mark.parametrize(("text", "lang", "email"), [
    ("chi è marco.di.stefano@azienda.it e cosa ha letto ieri?", "it", "marco.di.stefano@azienda.it"),
    ("wat heeft jan.de.vries@acme.nl gisteren gelezen?", "nl", "jan.de.vries@acme.nl"),
])
def test_surname_particles_inside_an_email_stay_as_they_are(text, lang, email):
    assert email in languages.to_english(text, lang)
    assert languages.NAMES["it"] == "Italian" and languages.NAMES["nl"] == "Dutch"
