"""Italian and Dutch for ``languages.py``: calendar words, data only (their phrase glossaries are ``glossary/it.txt``
and ``glossary/nl.txt``, their marker words ``markers/it.txt`` and ``markers/nl.txt``).

General vocabulary only, never names of an account. A word inside an e-mail or a dotted name ("marco.di.stefano@...",
"jan.de.vries@...") is never read (languages._pattern), so the small words ("di", "della", "de", "van") are glossary
phrases too.
"""

from __future__ import annotations

NAMES = {"it": "Italian", "nl": "Dutch"}

#: Numbers one..ten, weekdays monday..sunday, months january..december (the Dutch "één": "een" is "a").
CALENDAR: dict[str, tuple[str, str, str]] = {
    "it": ("uno due tre quattro cinque sei sette otto nove dieci",
           "lunedì martedì mercoledì giovedì venerdì sabato domenica",
           "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre"),
    "nl": ("één twee drie vier vijf zes zeven acht negen tien",
           "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag",
           "januari februari maart april mei juni juli augustus september oktober november december"),
}
