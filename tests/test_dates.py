"""Due dates said in French and English, resolved against the session date."""
import datetime

import pytest

from summarise.dates import find_due

D = datetime.date

# (phrase said in a commitment, session date, expected due date)
FRENCH = [
    ("Je rappelle le fournisseur d'ici vendredi.", D(2026, 3, 4), D(2026, 3, 6)),
    ("Je le fais avant mardi.", D(2026, 3, 4), D(2026, 3, 10)),
    ("Je lui écris d'ici vendredi.", D(2026, 3, 6), D(2026, 3, 13)),        # said on a Friday
    ("Je le fais vendredi de la semaine prochaine.", D(2026, 3, 4), D(2026, 3, 13)),
    ("Je le fais lundi prochain.", D(2026, 3, 4), D(2026, 3, 9)),
    ("Je le fais lundi en huit.", D(2026, 3, 4), D(2026, 3, 16)),
    ("Je l'appelle dans la semaine.", D(2026, 3, 4), D(2026, 3, 6)),
    ("Je le fais avant la fin de la semaine prochaine.", D(2026, 3, 4), D(2026, 3, 13)),
    # CONVENTIONS.md: "la semaine prochaine" / "next week" is Friday of next week.
    ("Je le présente la semaine prochaine.", D(2026, 3, 4), D(2026, 3, 13)),
    ("Je l'envoie avant la fin du mois.", D(2026, 2, 10), D(2026, 2, 28)),
    ("Je l'envoie d'ici la fin du mois.", D(2024, 2, 10), D(2024, 2, 29)),   # leap year
    ("Je termine avant la fin juin.", D(2026, 3, 4), D(2026, 6, 30)),
    ("Je termine avant la fin de l'année.", D(2026, 3, 4), D(2026, 12, 31)),
    ("Je vois l'équipe le quinze avril.", D(2026, 3, 4), D(2026, 4, 15)),
    ("J'envoie la lettre le six février.", D(2026, 1, 14), D(2026, 2, 6)),
    ("J'envoie la lettre le 6 février.", D(2026, 1, 14), D(2026, 2, 6)),
    ("On se revoit le vingt-deux mars.", D(2026, 3, 4), D(2026, 3, 22)),
    ("Je le fais le premier avril.", D(2026, 3, 4), D(2026, 4, 1)),
    ("Je le fais le 1er avril.", D(2026, 3, 4), D(2026, 4, 1)),
    ("Je le fais avant le vendredi 6 mars.", D(2026, 3, 4), D(2026, 3, 6)),
    ("Je l'appelle le 10 janvier.", D(2026, 3, 4), D(2027, 1, 10)),           # next occurrence
    ("Je le fais dans deux semaines.", D(2026, 3, 4), D(2026, 3, 18)),
    ("Je le fais dans 3 jours.", D(2026, 3, 4), D(2026, 3, 7)),
    ("Je le fais d'ici quinze jours.", D(2026, 3, 4), D(2026, 3, 18)),
    ("Je rends le rapport dans les deux semaines.", D(2026, 3, 4), D(2026, 3, 18)),
    ("Je le fais dans un mois.", D(2026, 3, 4), D(2026, 4, 4)),
    ("Je l'appelle demain.", D(2026, 3, 4), D(2026, 3, 5)),
    ("Je l'appelle après-demain.", D(2026, 3, 4), D(2026, 3, 6)),
    ("J'aurai le devis pour le neuf.", D(2026, 3, 9), D(2026, 4, 9)),          # said on the 9th: next month
    ("Je l'envoie d'ici vendredi, ah non, vendredi c'est férié, disons lundi.", D(2026, 3, 4), D(2026, 3, 9)),
    ("Je te l'envoie à soir par courriel.", D(2026, 6, 10), D(2026, 6, 10)),           # Québec
    ("Je fais la réunion des parents le samedi dix-neuf, avant le premier match.", D(2026, 9, 8), D(2026, 9, 19)),
    ("Je la finis pour le 15 et je la présente au directeur.", D(2026, 3, 4), D(2026, 3, 15)),
    ("Je fais le plan de la cave en fin de semaine.", D(2026, 6, 10), D(2026, 6, 12)),
    ("Je le propose avant la fin du trimestre.", D(2026, 2, 3), D(2026, 3, 31)),
    ("Je le rends avant le 15.", D(2026, 3, 20), D(2026, 4, 15)),             # day of month alone
    ("On se donne jusqu'à fin mars.", D(2026, 3, 4), D(2026, 3, 31)),
    ("Je le fais sous huit jours.", D(2026, 3, 4), D(2026, 3, 11)),            # a week, not "this week"
    ("Je le fais dans les quinze prochains jours.", D(2026, 3, 4), D(2026, 3, 18)),
    ("Je le fais au cours des trois prochaines semaines.", D(2026, 3, 4), D(2026, 3, 25)),
    ("Je le fais dans les deux semaines qui viennent.", D(2026, 3, 4), D(2026, 3, 18)),
    ("Je le règle avant Noël.", D(2026, 3, 4), D(2026, 12, 24)),
]

ENGLISH = [
    ("I'll send it by Friday.", D(2026, 10, 7), D(2026, 10, 9)),
    ("I'll have the figures ready for the twentieth.", D(2026, 10, 7), D(2026, 10, 20)),
    ("I'll send it by Friday next week.", D(2026, 10, 7), D(2026, 10, 16)),
    ("I'll call her next Monday.", D(2026, 10, 7), D(2026, 10, 12)),
    ("I'll call her on Tuesday.", D(2026, 10, 7), D(2026, 10, 13)),
    ("I'll do it next week.", D(2026, 10, 7), D(2026, 10, 16)),
    ("I'll finish it before the end of the month.", D(2026, 10, 7), D(2026, 10, 31)),
    ("I'll finish it by the end of November.", D(2026, 10, 7), D(2026, 11, 30)),
    ("I'll finish it by the end of the week.", D(2026, 10, 7), D(2026, 10, 9)),
    ("I'll finish it by the end of next week.", D(2026, 10, 7), D(2026, 10, 16)),
    ("I'll call her later this week.", D(2026, 10, 7), D(2026, 10, 9)),
    ("I'll write to them in two weeks.", D(2026, 10, 7), D(2026, 10, 21)),
    ("I'll write to them within a fortnight.", D(2026, 10, 7), D(2026, 10, 21)),
    ("I'll write to them in 10 days.", D(2026, 10, 7), D(2026, 10, 17)),
    ("I'll meet them on the sixth of November.", D(2026, 10, 7), D(2026, 11, 6)),
    ("I'll meet them by February 6th.", D(2026, 10, 7), D(2027, 2, 6)),
    ("I'll meet them on 15 December.", D(2026, 10, 7), D(2026, 12, 15)),
    ("I'll call them tomorrow.", D(2026, 10, 7), D(2026, 10, 8)),
    ("I'll have it done by mid-December.", D(2026, 10, 7), D(2026, 12, 15)),
    ("I'll get back to them on the 3rd.", D(2026, 10, 7), D(2026, 11, 3)),
    ("I'll talk to each of them over the next two weeks.", D(2026, 10, 7), D(2026, 10, 21)),
    ("I'll sort it out in the coming three weeks.", D(2026, 10, 7), D(2026, 10, 28)),
    ("I'll sort it out before Christmas.", D(2026, 10, 7), D(2026, 12, 24)),
]


@pytest.mark.parametrize("text, session, expected", FRENCH + ENGLISH)
def test_due_date(text, session, expected):
    lang = "fr" if text.startswith(("Je", "J'", "On")) else "en"
    due, raw = find_due(text, lang, session)
    assert due == expected
    assert raw and raw in text


@pytest.mark.parametrize("text, lang, raw", [
    ("Je vais réunir le conseil d'ici vendredi pour qu'on se remette d'accord.", "fr", "d'ici vendredi"),
    ("J'écris à l'inspectrice avant la fin du mois pour son appui.", "fr", "avant la fin du mois"),
    ("Je lui écris le six février.", "fr", "le six février"),
    ("I will send it to my manager by Friday next week.", "en", "by Friday next week"),
])
def test_due_text_keeps_the_words_said(text, lang, raw):
    assert find_due(text, lang, D(2026, 1, 14))[1] == raw


@pytest.mark.parametrize("text, lang", [
    ("Je vais proposer un ordre du jour écrit à ma prochaine réunion.", "fr"),
    ("Dès la semaine prochaine, les réunions passent à trente minutes.", "fr"),   # a start, not a deadline
    ("À partir de lundi, je fais un point chaque matin.", "fr"),
    ("J'ai deux semaines de congé en été.", "fr"),                                 # a duration
    ("On a reçu le 15 dossiers.", "fr"),
    ("Je fais le point le jeudi soir avec l'équipe.", "fr"),                      # a habit
    ("I commit to protecting Thursday evenings from next week.", "en"),
    ("I'll start weekly check-ins with the nurses who joined last month.", "en"),  # past reference
    ("Starting next week, I'll meet them every day.", "en"),
    ("I'll call them twice a day.", "en"),
    ("I'm going to put protected time in the next roster.", "en"),
    ("J'ai pris huit jours de congé.", "fr"),                                     # a bare duration
    ("I spent the next two weeks on it.", "en"),
    ("Avant les vacances de printemps, je fais le point.", "fr"),                 # holidays vary by zone
    ("I'll do it before the summer.", "en"),
    ("Je passe dans l'atelier chaque lundi.", "fr"),                               # a habit
    ("The figures go on the wall every Monday.", "en"),
    ("From January, nobody closes alone on a Saturday, I'll sort the rota.", "en"),  # a standing change
    ("À partir de mars, plus personne ne ferme seul le samedi.", "fr"),
])
def test_no_deadline(text, lang):
    assert find_due(text, lang, D(2026, 6, 2)) == (None, None)
