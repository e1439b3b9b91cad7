"""Due dates said in a sentence, resolved against the session date.

A regex finds deadline phrases ("d'ici vendredi", "by Friday next week", "avant la fin
du mois", "le six février", "in two weeks"); a small normalisation turns number words
into digits and handles the forms dateparser misses (weekday of next week, end of a
period, "quinze jours"); dateparser resolves the rest (explicit dates, "demain",
"dans 2 semaines", "next month").
"""
from __future__ import annotations

import calendar
import datetime
import re

import dateparser

WEEKDAYS = {
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
    "en": ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"],
}
MONTHS = {
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"],
    "en": ["january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december"],
}
_UNITS_FR = ["un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"]
_UNITS_EN = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_ORD_EN = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]


def _number_words() -> dict[str, dict[str, int]]:
    """Spoken numbers 1..31 (cardinals, and ordinals for English dates)."""
    fr = {w: i + 1 for i, w in enumerate(_UNITS_FR)}
    fr.update({"une": 1, "premier": 1, "1er": 1, "dix": 10, "onze": 11, "douze": 12,
               "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16, "dix-sept": 17,
               "dix-huit": 18, "dix-neuf": 19, "vingt": 20, "vingt et un": 21, "trente": 30,
               "trente et un": 31})
    fr.update({f"vingt-{w}": 20 + i + 2 for i, w in enumerate(_UNITS_FR[1:])})
    en = {w: i + 1 for i, w in enumerate(_UNITS_EN)}
    en.update({w: i + 1 for i, w in enumerate(_ORD_EN)})
    en.update({"a": 1, "a couple of": 2, "a few": 3, "ten": 10, "eleven": 11, "twelve": 12,
               "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
               "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "tenth": 10,
               "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
               "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
               "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "thirty-first": 31})
    for i in range(9):
        en[f"twenty-{_UNITS_EN[i]}"] = en[f"twenty {_UNITS_EN[i]}"] = 21 + i
        en[f"twenty-{_ORD_EN[i]}"] = en[f"twenty {_ORD_EN[i]}"] = 21 + i
    return {"fr": fr, "en": en}


NUMBERS = _number_words()
ORDINALS_EN = [w for w in NUMBERS["en"] if w.endswith(("th", "st", "nd", "rd")) or w in ("second", "third")]


def _alt(words) -> str:
    # Longest first, so "vingt et un" wins over "vingt".
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _patterns(lang: str) -> re.Pattern:
    day = _alt(WEEKDAYS[lang])
    month = _alt(MONTHS[lang])
    num = rf"(?:\d{{1,2}}(?:er|st|nd|rd|th)?|{_alt(NUMBERS[lang])})"
    if lang == "fr":
        prep = r"(?:(?:d'ici|avant|pour|jusqu'(?:à|au)|au plus tard|dès|à partir d[eu']|d'ici à)\s*)?"
        expr = [
            # "le jeudi" alone is a habit ("le jeudi soir, on fait le point"), not a day.
            # nor "un dimanche par mois".
            rf"(?<!\ble )(?<!\bles )(?<!\bun )(?<!\bchaque )(?:ce\s+)?(?:{day})(?:\s+(?:prochain|de la semaine prochaine|en huit|"
            rf"de cette semaine))?",
            r"(?:la\s+)?semaine\s+prochaine|cette\s+semaine|(?<=dans )la\s+semaine|(?:le\s+)?mois\s+prochain|"
            r"l'année\s+prochaine",
            rf"(?:la\s+)?fin\s+(?:de\s+la\s+semaine(?:\s+prochaine)?|de\s+semaine|du\s+mois|de\s+ce\s+mois|"
            rf"de\s+l'année|du\s+trimestre|d'année|(?:de\s+|d')?(?:{month}))",
            rf"(?:la\s+)?mi-(?:{month})",
            rf"(?:le\s+)?(?:(?:{day})\s+)?{num}\s+(?:{month})(?:\s+\d{{4}})?",
            r"(?:le\s+)?\d{1,2}/\d{1,2}(?:/\d{2,4})?",
            r"après-demain|demain|(?:ce|à)\s+soir|aujourd'hui|noël|ce\s+week-?end",
            # A day of the month alone needs its deadline word: "avant le 15", "jusqu'au 15".
            # (not a number naming a thing: "avant le premier match")
            rf"(?:(?<=avant )le\s+{num}|(?<=d'ici )le\s+{num}|(?<=pour )le\s+{num}|(?<=jusqu'au )\s*{num})"
            rf"(?!\s+(?!(?:{month}|et|ou|mais|puis|avec|au|à|en|pour|sans|avant|après)\b)[a-zéèêà])|"
            # ... or closing its clause: "je la présente au CA le 20, avec les chiffres", "le samedi quinze."
            rf"\ble\s+(?:(?:{day})\s+)?(?:\d{{1,2}}|{_alt(w for w in NUMBERS['fr'] if NUMBERS['fr'][w] >= 3)})"
            rf"(?=\s*[,.;!?]|\s*$)",
        ]
        # A bare duration ("deux semaines de congé") is no deadline: it needs its preposition.
        # "Je me donne un mois pour ...": a time given to oneself.
        duration = (rf"(?:(?:dans|d'ici|sous|en)\s+(?:les\s+|la\s+)?|au\s+cours\s+des\s+|(?<=donne )|(?<=donnons ))"
                    rf"(?:(?:{num}|quelques)\s+(?:prochain(?:e)?s\s+)?(?:jours|semaines|mois)"
                    rf"(?:\s+(?:à venir|qui viennent))?|huitaine|quinzaine)")
    else:
        prep = r"(?:(?:by|before|until|till|no later than|on|for|from|starting(?: from)?)\s+)?"
        expr = [
            # "Thursday evenings", "every Monday" are a habit, not a day.
            rf"(?<!\bevery )(?<!\beach )(?:next\s+|this\s+|the\s+)?(?:{day})(?:\s+(?:next\s+week|this\s+week|"
            rf"week\s+after\s+next))?(?!\s+(?:evenings|mornings|afternoons|nights))",
            r"next\s+(?:week|month|year)|(?:later\s+)?this\s+week|(?<=within )the\s+week|"
            r"the\s+week\s+after\s+next",
            rf"(?:the\s+)?end\s+of\s+(?:the\s+|this\s+|next\s+)?(?:week|month|year|quarter|"
            rf"{month})",
            rf"mid-(?:{month})",
            rf"(?:(?:the\s+)?{num}\s+(?:of\s+)?(?:{month})|(?:{month})\s+(?:the\s+)?{num})"
            rf"(?:,?\s+\d{{4}})?",
            r"\d{4}-\d{2}-\d{2}",
            r"the\s+day\s+after\s+tomorrow|tomorrow|tonight|today|christmas|this\s+weekend",
            # A day of the month alone: "by the 12th", "on the 3rd", "on the fifth".
            rf"the\s+\d{{1,2}}(?:st|nd|rd|th)|(?:(?<=on )|(?<=by )|(?<=before )|(?<=until )|(?<=for ))the\s+(?:{_alt(ORDINALS_EN)})"
            # not "for the first time", "on the second thought"
            r"(?!\s+(?:time|times|thing|things|one|ones|step|part|half|week|month|year|day|thought|place|row))",
        ]
        duration = (rf"(?:(?:in|within|over|during)\s+(?:the\s+(?:next|coming)\s+)?|"
                    rf"(?<=giving myself )|(?<=give myself ))"
                    rf"(?:(?:{num}|a\s+few)\s+"
                    rf"(?:days?|weeks?|months?)|a\s+fortnight)")
    return re.compile(rf"\b(?:{duration}|{prep}(?:{'|'.join(expr)}))(?![\w-])", re.IGNORECASE)


PATTERNS = {lang: _patterns(lang) for lang in ("fr", "en")}
# A phrase that says when something starts is not a deadline
# ("dès la semaine prochaine, les réunions passent à trente minutes").
START_MARKERS = re.compile(r"^(?:dès|à partir|from|starting)\b")
CORRECTION = re.compile(r"\b(?:ah non|euh non|non pardon|non, pardon|disons plutôt|disons|no sorry|no, sorry|"
                        r"sorry, no|actually no|let's say|make that)\b", re.IGNORECASE)
# "From January, nobody works alone on a Saturday": a month a standing change starts from.
START_MONTH = re.compile(r"\b(?:dès|à partir d[eu']|from|starting(?: in| from)?)\s*(?:" +
                         "|".join(MONTHS["fr"] + MONTHS["en"]) + r")\b", re.IGNORECASE)


def find_due(text: str, lang: str, session_date: datetime.date):
    """(date, raw words) of the first deadline said in text, or (None, None)."""
    if START_MONTH.search(text):
        return None, None
    found = list(PATTERNS[lang].finditer(text))
    # A date that names a thing ("l'audience du dix-neuf novembre") gives way to the deadline after it.
    found = [m for m in found if not re.search(r"\b(?:du|de la|de l'|of the)\s*$", text[:m.start()].lower())] or found
    # A date corrected on the spot: "d'ici vendredi, ah non, vendredi c'est férié, disons lundi".
    corrections = list(CORRECTION.finditer(text))
    if corrections:
        found = [m for m in found if m.start() > corrections[-1].end()] or found
    for m in found:
        phrase = " ".join(m.group(0).lower().split())
        if START_MARKERS.match(phrase):
            return None, None   # a standing change from that date on has no due date
        due = resolve(phrase, lang, session_date)
        if due is not None:
            return due, m.group(0)
    return None, None


def said_deadline(text: str, lang: str) -> bool:
    """Whether text names a time to come (not "today", which is mostly the situation)."""
    return any(" ".join(m.group(0).lower().split()) not in ("aujourd'hui", "today")
               for m in PATTERNS[lang].finditer(text))


def _digits(phrase: str, lang: str) -> str:
    """Number words to digits ("le six février" -> "le 6 février")."""
    words = NUMBERS[lang]
    return re.sub(rf"\b(?:{_alt(words)})\b(?!-)", lambda m: str(words[m.group(0)]), phrase)


def _next_weekday(base: datetime.date, weekday: int) -> datetime.date:
    """The next such day after base ("d'ici vendredi" said on a Friday means a week on)."""
    return base + datetime.timedelta(days=(weekday - base.weekday() - 1) % 7 + 1)


def _end_of_month(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _month_ahead(base: datetime.date, month: int, day: int | None = None) -> datetime.date:
    """That month (its day, else its last day) this year, or next year once passed."""
    for year in (base.year, base.year + 1):
        d = datetime.date(year, month, day) if day else _end_of_month(year, month)
        if d >= base:
            return d
    return d


def _day_ahead(base: datetime.date, day: int) -> datetime.date | None:
    """The next such day of a month after base ("avant le 15", "by the 12th"; "pour le neuf" said
    on the 9th is next month's)."""
    year, month = base.year, base.month
    for _ in range(13):
        if day <= calendar.monthrange(year, month)[1] and datetime.date(year, month, day) > base:
            return datetime.date(year, month, day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return None


def resolve(phrase: str, lang: str, base: datetime.date) -> datetime.date | None:
    """A lowercase deadline phrase to a date on or after base, or None."""
    # "Dans les deux prochaines semaines", "au cours des deux semaines à venir": two weeks.
    phrase = re.sub(r"\s+prochaine?s(?= (?:jours|semaines|mois))|\s+(?:à venir|qui viennent)$", "", phrase)
    phrase = re.sub(r"^au cours des ", "dans ", phrase)
    # dateparser reads "quinze jours" as 15 days; speakers mean two weeks.
    phrase = re.sub(r"\b(?:quinze jours|quinzaine|a fortnight)$", "two weeks" if lang == "en"
                    else "deux semaines", phrase)
    # "Sous huit jours" is a week.
    phrase = re.sub(r"\b(?:huit jours|huitaine)$", "7 jours", phrase)
    phrase = _digits(phrase, lang)
    # Prepositions say "no later than"; the date is what follows.
    phrase = re.sub(r"^(?:d'ici(?: à)?|avant|pour|jusqu'(?:à|au)|au plus tard|sous|dans|en|"
                    r"by|before|until|till|no later than|on|for|within|in|over|during)\s+"
                    r"(?:les |la |the next |the coming )?", "", phrase)
    if phrase in ("ce soir", "à soir", "tonight", "aujourd'hui", "today"):
        return base
    if re.fullmatch(r"ce week-?end|this weekend", phrase):
        return _next_weekday(base, 6) if base.weekday() != 6 else base
    if re.fullmatch(r"noël|christmas", phrase):
        # Said as a deadline ("avant Noël"), the last working day before it.
        return _month_ahead(base, 12, 24)
    days = WEEKDAYS[lang]
    months = MONTHS[lang]
    next_week = re.search(r"semaine prochaine|next week|week after next", phrase)
    monday = base + datetime.timedelta(days=7 - base.weekday())    # of next week
    # "le lundi vingt-trois février": the date itself, the weekday only names it.
    if re.search(rf"\b\d{{1,2}} (?:{'|'.join(months)})\b|\b(?:{'|'.join(days)}) \d{{1,2}}$", phrase):
        phrase = re.sub(rf"\b(?:{'|'.join(days)})\s+", "", phrase)
    for i, name in enumerate(days):
        if re.search(rf"\b{name}\b", phrase):
            if next_week:
                return monday + datetime.timedelta(days=i + (7 if "after next" in phrase else 0))
            # "lundi en huit" (digits by now): a week after the coming Monday.
            return _next_weekday(base, i) + datetime.timedelta(days=7 if "en 8" in phrase else 0)
    # CONVENTIONS: "la semaine prochaine", "next week" said as a deadline is Friday of next week.
    if re.search(r"fin de la semaine prochaine|end of next week|^(?:la )?semaine prochaine$|^next week$", phrase):
        return monday + datetime.timedelta(days=4)
    if re.search(r"fin de la semaine|semaine$|end of (?:the |this )?week|this week|^the week$", phrase):
        return base if base.weekday() >= 4 else _next_weekday(base, 4)
    if re.search(r"fin (?:du|de ce) mois|end of (?:the |this )?month", phrase):
        return _end_of_month(base.year, base.month)
    if re.search(r"end of next month", phrase):
        nxt = _end_of_month(base.year, base.month) + datetime.timedelta(days=1)
        return _end_of_month(nxt.year, nxt.month)
    if re.search(r"fin (?:de l'|d')année|end of (?:the |this )?year", phrase):
        return datetime.date(base.year, 12, 31)
    if re.search(r"quarter|trimestre", phrase):
        return _end_of_month(base.year, (base.month - 1) // 3 * 3 + 3)
    for i, name in enumerate(months):
        if re.search(rf"(?:fin (?:de |d')?|end of |mi-|mid-){name}", phrase):
            return _month_ahead(base, i + 1, 15 if phrase.startswith("mi") else None)
    if phrase == "the week after next":
        return base + datetime.timedelta(days=14)
    phrase = re.sub(r"^quelques\b", "3", phrase)
    phrase = re.sub(r"^(?:le|the) ", "", phrase)
    phrase = re.sub(r"(\d)(?:er|st|nd|rd|th)\b", r"\1", phrase)
    if re.fullmatch(r"\d{1,2}", phrase):
        return _day_ahead(base, int(phrase))
    if re.fullmatch(r"\d+ (?:jours|semaines|mois|days?|weeks?|months?)", phrase):
        phrase = ("dans " if lang == "fr" else "in ") + phrase
    parsed = dateparser.parse(phrase, languages=[lang], settings={
        "PREFER_DATES_FROM": "future",
        "RELATIVE_BASE": datetime.datetime.combine(base, datetime.time()),
        "DATE_ORDER": "DMY" if lang == "fr" else "MDY",
    })
    if parsed is None or parsed.date() < base:
        return None
    return parsed.date()
