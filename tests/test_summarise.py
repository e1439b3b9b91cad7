"""Extraction rules, one table per kind, on sentences that are not in the dev corpus.

Each table holds sentences that must give the kind and near-misses that must not.
The spaCy pipelines are loaded once per process (summarise caches them).
"""
import datetime
import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from summarise import KINDS, Item, extract, extract_text
from from_file import module_from_file
from summarise.sentences import split

SESSION = datetime.date(2026, 3, 4)      # a Wednesday
EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"


def items(text, lang, step):
    return extract_text(text, lang=lang, step=step, session_date=SESSION)


def kinds(text, lang, step):
    return [i.kind for i in items(text, lang, step)]


def only(text, lang, step, kind):
    found = [i for i in items(text, lang, step) if i.kind == kind]
    assert len(found) == 1, (text, found)
    return found[0]


# --- questions -------------------------------------------------------------------

QUESTIONS = [
    ("fr", "Depuis quand tu diriges ce service ?"),
    ("fr", "Est-ce que tu as pu en parler à ton équipe"),          # no '?'
    ("fr", "Qu'est-ce que tu as déjà essayé"),
    ("fr", "Comment réagit ta direction"),
    ("fr", "Combien de personnes sont concernées"),
    ("fr", "Pourquoi la réunion a-t-elle été annulée"),
    ("fr", "Quand as-tu su que le projet dérapait"),
    ("fr", "Quelle est ta marge de manœuvre"),
    ("fr", "Avez-vous un budget pour ça"),
    ("fr", "Et alors, qui valide le planning"),
    ("fr", "Y a-t-il d'autres personnes concernées"),
    ("fr", "À quel moment as-tu senti que ça dérapait"),
    ("fr", "Ça vous convient"),
    ("fr", "pouvez vous nous en dire plus"),                       # ASR dropped the hyphen
    ("en", "How often do you meet your team?"),
    ("en", "Is the budget fixed"),
    ("en", "Who else is involved"),
    ("en", "What did your manager say"),
    ("en", "Does anyone support you"),
    ("en", "So how many people report to you"),
    ("en", "How come nobody told you"),
    ("fr", "Ton chef, il est au courant ou pas"),                  # a yes/no tag, no '?'
    ("en", "Your team knows about it or not"),
    ("fr", "Qu'est-ce qui a changé concrètement il y a six mois ?"),   # one question up to its '?'
]
NOT_QUESTIONS = [
    ("fr", "Arrangez-vous entre vous."),                              # an imperative
    ("fr", "Et pourquoi ne pas en parler à la direction, ou pas."),   # "pourquoi ne pas" said flat proposes
    ("fr", "Le stagiaire m'a simplement demandé : et toi, tu pars quand ?"),       # reported
    ("fr", "Il arrive en retard et quand je lui dis, il me fait, tu vas me punir ?"),  # "il me fait": reported
    ("fr", "Renseignez-vous auprès de la fédération, ils ont des juristes."),      # an imperative
    ("en", "But then I'm not really the manager, am I."),                          # a tag said flat
    ("fr", "Quand j'étais stagiaire, on me confiait tout."),         # subordinate "quand"
    ("fr", "Ce que je comprends, c'est que tu es seule."),
    ("fr", "Que la réunion se passe bien, c'est tout ce que je veux."),
    ("fr", "C'est ce que je ferais à ta place."),                   # "est ce que" inside "c'est ce que"
    ("fr", "Quelle belle séance !"),
    ("en", "What surprised me is how calm you are."),               # pseudo-cleft
    ("en", "When I started, nobody helped me."),
    ("en", "Have a look at the rota first."),
    ("fr", "Je ne sais pas si je reste ou pas."),                   # "si ... ou pas" is indirect
    ("fr", "Je ne pars pas, rassurez-vous."),                       # an imperative aside
    ("en", "I can't tell whether he's coming or not."),
    ("fr", "Et pourquoi pas un binôme avec la comptable."),         # a flat proposal
]


@pytest.mark.parametrize("lang, text", QUESTIONS)
def test_question(lang, text):
    q = only(text, lang, "clarification", "question")
    assert not q.disguised_suggestion
    assert q.text == text


@pytest.mark.parametrize("lang, text", NOT_QUESTIONS)
def test_not_a_question(lang, text):
    assert "question" not in kinds(text, lang, "consultation")


DISGUISED = [
    ("fr", "As-tu pensé à demander un médiateur ?"),
    ("fr", "Et si tu en parlais directement à ta directrice ?"),
    ("fr", "Pourquoi tu ne lui proposes pas un entretien ?"),
    ("fr", "Tu n'as pas envisagé de changer les horaires ?"),
    ("fr", "Ne serait-ce pas plus simple de tout mettre par écrit ?"),
    ("fr", "Tu ne pourrais pas déléguer une partie ?"),
    ("fr", "Est-ce que tu as essayé de lui écrire"),
    ("fr", "as tu pensé à demander de l'aide"),
    ("fr", "pour quoi tu ne lui écris pas"),                       # ASR split "pourquoi"
    ("en", "Have you considered hiring a temp?"),
    ("en", "Have you thought about asking for a mentor"),
    ("en", "Did you consider telling the team?"),
    ("en", "Why don't you ask HR?"),
    ("en", "Wouldn't it be easier to cancel the meeting?"),
    ("en", "What if you delegated the rota?"),
    ("en", "Could you just ask for a second shift?"),
    ("en", "Wouldn't a rota on the wall settle this?"),            # any subject after the modal
    ("en", "Shouldn't your deputy take the Friday calls?"),
]
OPEN_QUESTIONS = [
    ("fr", "Qu'as-tu essayé jusqu'ici ?"),
    ("fr", "Pourquoi tu n'as pas prévenu ta hiérarchie ?"),      # a why about the past
    ("fr", "Qu'est-ce qui te fait penser que c'est lié à ton âge ?"),
    ("fr", "Est-ce que vous pourriez m'aider à y voir plus clair ?"),
    ("en", "What have you tried so far?"),
    ("en", "Could you tell us more about the team?"),
    ("en", "Why didn't you tell your manager?"),
    ("en", "Isn't the budget already fixed?"),
]


@pytest.mark.parametrize("lang, text", DISGUISED)
def test_disguised_suggestion(lang, text):
    assert only(text, lang, "clarification", "question").disguised_suggestion


@pytest.mark.parametrize("lang, text", OPEN_QUESTIONS)
def test_open_question_is_not_disguised(lang, text):
    assert not only(text, lang, "clarification", "question").disguised_suggestion


def test_the_floor_given_to_all_in_one_word_is_a_question():
    assert kinds("Anybody?", "en", "consultation") == ["question"]
    assert kinds("Et sur la séance, quelque chose à ajuster", "fr", "learnings") == ["question"]
    assert kinds("On the session itself, anything to add", "en", "learnings") == ["question"]
    assert kinds("Honestly?", "en", "clarification") == []


def test_disguised_question_in_consultation_is_also_a_suggestion():
    assert kinds("Et si tu demandais un renfort ?", "fr", "consultation") == ["question", "suggestion"]
    assert kinds("Et si tu demandais un renfort ?", "fr", "clarification") == ["question"]
    # Proposing is the consultation's point: its questions are not flagged (CONVENTIONS.md).
    for lang, text in (("fr", "Et si tu demandais un renfort ?"), ("en", "What if you asked him to help write the rules?")):
        assert [i.disguised_suggestion for i in items(text, lang, "consultation") if i.kind == "question"] == [False]
        assert [i.disguised_suggestion for i in items(text, lang, "clarification") if i.kind == "question"] == [True]


# --- suggestions -----------------------------------------------------------------

SUGGESTIONS = [
    ("fr", "Tu pourrais proposer un point hebdomadaire."),
    ("fr", "À ta place, je demanderais un entretien."),
    ("fr", "Je te suggère de noter tes réussites."),
    ("fr", "Je vous recommande d'écrire une charte."),
    ("fr", "Il faudrait clarifier les rôles."),
    ("fr", "Tu devrais t'appuyer sur ton adjoint."),
    ("fr", "Pourquoi ne pas tester sur un mois."),
    ("fr", "Moi je commencerais par écouter les plaintes."),
    ("fr", "Une idée serait de faire tourner la présidence des réunions."),
    ("fr", "Essaie de fixer une règle simple."),
    ("en", "You could rotate the night shifts."),
    ("en", "I would suggest a short survey."),
    ("en", "If I were you, I'd talk to the union first."),
    ("en", "Maybe you should take a week off."),
    ("en", "One idea would be to pair the teams."),
    ("en", "Try writing the rules together."),
    ("en", "I'd recommend meeting them one by one."),
    ("fr", "Et pourquoi pas un binôme avec la comptable."),         # "pourquoi pas" + a noun
    ("fr", "Prends un moment avec chaque agent avant la réunion."),  # imperatives
    ("fr", "Demande-leur de noter les incidents pendant un mois."),
    ("fr", "Le mieux serait de fixer une règle écrite."),
    ("fr", "Ça vaudrait peut-être le coup d'en parler au syndic."),
    ("fr", "Appuie-toi sur ta comptable pour les chiffres."),
    ("en", "I'd be careful not to sign anything yet."),
    ("en", "It would help to write the rules down together."),
    ("en", "The best thing would be to ask the team first."),
    # An imperative of any verb, not only of a list: the lexicon of the French pipeline.
    ("fr", "Convoque Martine et son adjoint ensemble, un matin."),
    ("fr", "Rédige une charte avec eux, courte."),
    ("fr", "Fais ça avec ton adjointe, à chaud."),
    ("fr", "Faites relire le planning par le délégué."),
    ("fr", "Invite Karim à la prochaine réunion de service."),
    # ... after a topic or a colon put first.
    ("fr", "Pour le budget, délègue le suivi à ta comptable."),
    ("fr", "Les plannings, affiche-les en salle de pause."),
    ("fr", "Mon idée est simple : confie le dossier à ton adjoint."),
    ("en", "The rota, share it with the whole team."),
    ("en", "Maybe ask the union rep to sit in."),
    ("en", "Call the supplier before the board meets, with the figures and two options, and let them choose."),
    ("en", "It's worth asking the previous manager how she handled it."),
    ("fr", "Tu devrais dire à ton chef ce que ça te coûte."),
    ("fr", "Renseignez-vous auprès de l'inspection du travail, ils ont un service juridique."),  # reflexive
    ("fr", "Parles-en à ton associé avant la réunion."),
    ("fr", "Mon idée, c'est que tu l'appelles avant vendredi."),
    ("fr", "Une idée un peu folle : et si tu écrivais une charte avec elle, cinq lignes."),
    ("fr", "Je ne parlerais pas de plainte, mais faites constater les messages par écrit."),
    ("fr", "Demande à ton directeur un vrai rendez-vous, pas dans un couloir."),
    ("en", "You should tell him you got it wrong."),
    ("fr", "Je te verrais bien lui proposer un déjeuner, hors du bureau."),
    ("fr", "Il te faut un rétroplanning, écrit par toi, signé par la directrice."),
    ("fr", "Et rien ne t'empêche de demander les épreuves à l'éditeur."),
    ("fr", "Le stagiaire, appelle-le toi-même et remercie-le."),
    ("fr", "Propose-lui une rencontre d'une heure pour écrire qui décide quoi."),
    ("fr", "Préparez-vous une phrase calme, écrite à l'avance."),     # an imperative, not "-vous" asking
    ("fr", "Ce rendez-vous avec le maire, faites-le avant l'été."),
    ("fr", "Prends cinq minutes avec elle après l'entraînement."),
    ("fr", "Les caméras, c'est non, et il faut que ce soit toi qui le dises."),
    ("fr", "Invite monsieur Ferreira à un café, pas dans ton bureau."),
    ("en", "Say something about it at the next meeting, calmly."),
]
NOT_SUGGESTIONS = [
    ("fr", "Ne retire pas ses droits en douce."),                    # negated (CONVENTIONS.md)
    ("fr", "J'ai l'impression que tu doutes de toi."),               # impression
    ("fr", "Mon hypothèse, c'est que ton équipe a peur."),           # hypothesis
    ("fr", "J'ai vécu la même situation l'an dernier."),             # past story
    ("fr", "Dans mon service, on a fait des réunions debout."),
    ("fr", "Ce qui me frappe, c'est ton énergie."),
    ("fr", "À ta place, j'aurais fait pareil."),
    ("fr", "Je montrais le planning à tout le monde."),              # imperfect, not conditional
    ("en", "What strikes me is your patience."),
    ("en", "My guess is that they are tired."),
    ("en", "In my last job we had the same issue."),
    ("en", "I felt the same when I started."),
    ("en", "Look, I know it's hard."),
    ("en", "Tell us more about the board."),                         # asks the speaker
    ("fr", "On pourrait penser que le directeur a peur."),           # a modal before an opinion
    ("fr", "On dirait que l'équipe est épuisée."),
    ("fr", "Demande acceptée, le conseil a dit oui."),               # a noun, not an imperative
    ("fr", "Parle-nous encore de ton équipe."),                       # asks the speaker
    ("fr", "Écoute, c'est compliqué."),                                # discourse
    ("fr", "Entre les deux, le courant ne passe plus."),               # a preposition, not "entrer"
    ("fr", "Vas-y, on t'écoute."),                                     # go ahead
    ("fr", "Équipe de nuit : trois départs cette année."),             # a noun before a colon
    ("fr", "On pourrait dire que c'est de la fatigue."),               # a hypothesis
    ("en", "The board, they never listen."),                           # a topic and its subject
    ("en", "Don't go to the chair behind his back."),                  # negated (CONVENTIONS.md)
    ("fr", "Karim, prends une minute pour toi."),                      # the facilitator gives time
    ("en", "Dana, take a minute."),
    ("fr", "Moi, à ta place, je me sentirais pareil."),                # empathy
    ("fr", "Mon idée, c'est que ton directeur a peur du conflit."),    # an opinion
    ("fr", "Et puis va savoir ce qu'il a dans la tête."),              # an idiom
    ("en", "It was much worse than if I'd done it in the first week."),  # a past perfect
    ("en", "You could tell how much you love them from the way you talk."),  # an idiom
    ("fr", "À votre place, j'aurais beaucoup de peine à dormir aussi."),  # empathy
    ("fr", "Si tu te tais, elle apprend qu'il faut se taire."),       # a present, not "si tu + imparfait"
    ("fr", "Attendre qu'il change, tu pourrais attendre jusqu'à la Saint-Glinglin."),  # an idiom
    ("fr", "Et à ta place, je serais folle de rage contre ce prestataire."),  # empathy
    ("en", "You should've told him to his face first."),               # a reproach about the past
    ("en", "Don't wait for the hearing, that's months."),              # negated (CONVENTIONS.md)
    ("en", "I'm not sure I would now."),
    ("en", "I've read somewhere that you should always go to the union first."),   # advice from outside
    ("en", "My dad used to say you can't teach an old dog new tricks."),
]


@pytest.mark.parametrize("lang, text", SUGGESTIONS)
def test_suggestion(lang, text):
    s = only(text, lang, "consultation", "suggestion")
    assert s.owner == "client"


@pytest.mark.parametrize("lang, text", NOT_SUGGESTIONS)
def test_not_a_suggestion(lang, text):
    assert kinds(text, lang, "consultation") == []


def test_suggestion_in_clarification_is_still_a_suggestion():
    assert kinds("Tu pourrais demander un renfort à ta direction.", "fr", "clarification") == ["suggestion"]


def test_an_answer_reporting_advice_is_no_suggestion():
    # The client answers "what does X say?" with what X said.
    assert kinds("Qu'il faut attendre la fin de l'année, d'après lui.", "fr", "clarification") == []
    assert kinds("That they should work harder, basically.", "en", "clarification") == []


def test_step_resolves_impersonal_proposals():
    # A consultant's "il faudrait" is advice to the client; in the learnings it is a remark.
    assert kinds("Il faudrait revoir le planning.", "fr", "consultation") == ["suggestion"]
    assert kinds("Il faudrait revoir le planning.", "fr", "learnings") == []
    assert kinds("I'd start with the night team.", "en", "consultation") == ["suggestion"]
    assert kinds("I'd start with the night team.", "en", "synthesis") == []


# --- commitments -----------------------------------------------------------------

COMMITMENTS = [
    ("fr", "Je vais appeler la DRH lundi.", datetime.date(2026, 3, 9)),
    ("fr", "Je m'engage à publier le planning.", None),
    ("fr", "J'enverrai le compte rendu aux équipes d'ici vendredi.", datetime.date(2026, 3, 6)),
    ("fr", "Je proposerai une nouvelle organisation avant la fin du mois.", datetime.date(2026, 3, 31)),
    ("fr", "Dès lundi, les réunions commencent à neuf heures.", None),
    ("fr", "Je vais essayer de déléguer le reporting.", None),
    ("fr", "Je vais commencer les entretiens individuels la semaine prochaine.", datetime.date(2026, 3, 13)),
    ("fr", "Je compte revoir le budget avec mon N+1.", None),
    ("fr", "J'aurai fini le rapport d'ici vendredi.", datetime.date(2026, 3, 6)),
    ("fr", "Je veux rencontrer chaque agent avant la fin du mois.", datetime.date(2026, 3, 31)),
    ("fr", "Nous allons mettre en place un point mensuel.", None),
    ("fr", "Je serai plus attentive aux signaux faibles.", None),
    ("en", "I will call HR on Monday.", datetime.date(2026, 3, 9)),
    ("en", "I'll draft the new rota by the end of the month.", datetime.date(2026, 3, 31)),
    ("en", "I'm going to meet each nurse individually.", None),
    ("en", "I commit to sending the minutes in two weeks.", datetime.date(2026, 3, 18)),
    ("en", "I'll try to leave on time twice a week.", None),
    ("en", "I'll get back to HR on the 12th.", datetime.date(2026, 3, 12)),
    ("en", "I'll have the report ready by Friday.", datetime.date(2026, 3, 6)),
    ("en", "We're going to review the figures together.", None),
    ("fr", "Avant Noël, je revois le planning avec l'équipe.", datetime.date(2026, 12, 24)),
    ("fr", "Je lui en parle sous huit jours.", datetime.date(2026, 3, 11)),
    ("en", "I've decided to stop answering emails after seven.", None),
    ("en", "Starting in May, the team meetings will be on Tuesdays.", None),
    ("en", "I'll call each supplier over the next two weeks.", datetime.date(2026, 3, 18)),
    ("en", "I'm planning to rewrite the induction booklet.", None),
    ("fr", "Je me donne deux semaines pour finir l'inventaire.", datetime.date(2026, 3, 18)),
    ("fr", "Je refais le point avec les chauffeurs demain.", datetime.date(2026, 3, 5)),   # a present in -ais
    ("en", "The rota, I share it with all the shift leads, not only with him, by Friday.", datetime.date(2026, 3, 6)),
    ("en", "I'll bring the figures next time, promise.", None),
    ("en", "I'm seeing her tomorrow at lunch, she asked for a chat.", datetime.date(2026, 3, 5)),
    ("en", "Tonight's homework, my three sentences, so I don't waffle.", datetime.date(2026, 3, 4)),
]
NOT_COMMITMENTS = [
    ("fr", "presentation", "Je vais vous expliquer le contexte."),    # discourse
    ("fr", "synthesis", "Je vais vous raconter ce qui s'est passé."),
    ("fr", "presentation", "Je vais commencer par le début."),
    ("fr", "presentation", "Je vais être honnête, je suis épuisée."),
    ("fr", "synthesis", "Je ne vais pas changer les horaires."),      # negation
    ("fr", "synthesis", "Je n'enverrai rien avant d'avoir son accord."),
    ("fr", "synthesis", "Je devrais peut-être appeler la DRH."),      # hedge
    ("fr", "synthesis", "Je vais peut-être en parler à mon chef."),
    ("fr", "synthesis", "Je vais y réfléchir."),
    ("fr", "synthesis", "J'ai appelé la DRH la semaine dernière."),   # past
    ("fr", "presentation", "J'allais démissionner l'an dernier."),
    ("fr", "synthesis", "Je vais bien, merci."),
    ("fr", "presentation", "Je vais devoir présenter un plan à ma direction."),   # constraint
    ("fr", "synthesis", "J'aurai besoin d'aide."),
    ("fr", "learnings", "Je veux dire merci à tous."),
    ("fr", "synthesis", "Je ne veux pas brusquer l'équipe."),
    ("fr", "synthesis", "Je vais pas l'appeler tout de suite."),   # spoken negation without "ne"
    ("en", "presentation", "Let me explain the background."),
    ("en", "presentation", "I'm going to walk you through the numbers."),
    ("en", "presentation", "I'll be honest with you."),
    ("en", "synthesis", "I won't change the rota."),
    ("en", "synthesis", "I'm not going to call them."),
    ("en", "synthesis", "I might talk to HR."),
    ("en", "synthesis", "Maybe I'll call them."),
    ("en", "synthesis", "I was going to resign last year."),
    ("en", "synthesis", "I'll think about it."),
    ("en", "presentation", "I'm going to lose two more nurses if nothing changes."),
    # A time to come in the presentation is the situation, not a plan.
    ("fr", "presentation", "On doit tout livrer d'ici la fin du mois."),
    ("en", "presentation", "We have to ship the new version by Friday."),
    # Owning up to a feeling, keeping one's turn short, an intention under "si".
    ("fr", "synthesis", "Je vais vous avouer que je suis soulagée."),
    ("en", "synthesis", "I'll admit I'm nervous about it."),
    ("fr", "presentation", "Je vais essayer de faire court."),
    ("en", "presentation", "I'm going to try to keep it short."),
    ("fr", "synthesis", "Je ne sais pas si je vais rester dans ce poste."),
    ("en", "synthesis", "I don't know if I'll stay in this job."),
    ("fr", "synthesis", "Un peu nerveuse pour jeudi, mais soulagée."),                    # a feeling
    ("en", "synthesis", "Nervous about Thursday."),
    ("fr", "synthesis", "Je vais essayer de le faire, mais ça dépend du budget."),       # hangs on something
    ("en", "synthesis", "I'll try to write it, but it depends on the budget."),
    ("fr", "follow_up", "Le siège, j'avais dit que je le relancerais cette semaine, mais non."),  # said before
    ("fr", "clarification", "Je me permettrai de vous interrompre si une question cache un conseil."),  # the frame
    ("en", "clarification", "And I will stop you if you slip one in."),
    ("fr", "learnings", "Je ne sais pas encore ce que je vais amener, je vais y réfléchir."),
    ("en", "learnings", "It's a recycling centre, not the tip, which I will never, ever say."),       # negated
    ("fr", "learnings", "Ha, on en reparlera."),
    ("fr", "synthesis", "Le recevoir avec mon adjoint, oui, je vais voir après la séance."),
    ("en", "synthesis", "The police riding along, I'll maybe ask, I don't know."),
    ("en", "presentation", "Two weeks ago, one of my drivers, I'll call him"),
    ("fr", "synthesis", "Le guide, j'appellerai la dame, je pense, quand j'aurai un moment."),
    ("fr", "follow_up", "Pour le reste, on verra la prochaine fois."),
    ("en", "synthesis", "I'll wait and see what he says first."),
    ("en", "learnings", "I'll leave it there."),
    ("fr", "synthesis", "Le stand, je veux bien, mais je vais voir avec le marché."),   # "voir avec": to check
    ("en", "follow_up", "So we've moved the meetings to Thursday lunchtimes, as a trial."),  # done already
    ("fr", "follow_up", "Le sondage dans l'équipe, d'abord : fait, dès le lundi suivant."),   # done already
    ("fr", "follow_up", "Gilles, je peux plus reculer, les horaires démarrent le vingt-deux."),
    ("fr", "clarification", "Je serai attentif aux conseils déguisés, comme d'habitude."),    # a stance
    ("fr", "learnings", "Et on terminera par le fonctionnement de la séance."),
    ("fr", "learnings", "On a la même chose à la natation, je vais y repenser."),
    ("en", "synthesis", "I'll be thinking about that candle for a while."),
    ("en", "synthesis", "I'll ask him, but maybe later, I gotta see how the evening goes."),
    ("en", "synthesis", "I think for the first time I can picture the conversation with her."),
    ("en", "presentation", "There's a family, I'll call them the Morgans, their dad died on the Tuesday."),
    ("en", "clarification", "You don't have to answer that one, we'll hold it for the consultation."),
]


@pytest.mark.parametrize("lang, text, due", COMMITMENTS)
def test_commitment(lang, text, due):
    c = only(text, lang, "synthesis", "commitment")
    assert c.due == due
    assert c.owner == "client"
    assert (c.due_text is None) == (due is None)


@pytest.mark.parametrize("lang, step, text", NOT_COMMITMENTS)
def test_not_a_commitment(lang, step, text):
    assert "commitment" not in kinds(text, lang, step)


def test_commitment_owner_follows_the_step():
    text = "Je vais proposer un tour de table à ma prochaine réunion."
    assert only(text, "fr", "learnings", "commitment").owner == "participant"
    assert only(text, "fr", "synthesis", "commitment").owner == "client"


def test_speaking_is_an_action_when_the_client_plans_it():
    # "présenter" is discourse when said to the group, an action in the plan.
    assert kinds("Je vais présenter l'analyse à ma direction.", "fr", "synthesis") == ["commitment"]
    assert kinds("Je vais vous présenter mon équipe.", "fr", "synthesis") == []
    assert kinds("I'll talk to my director on Friday.", "en", "synthesis") == ["commitment"]
    assert kinds("I'll talk about my team first.", "en", "presentation") == []


# --- learnings -------------------------------------------------------------------

LEARNINGS = [
    ("fr", "J'apprends qu'on peut dire non sans se fâcher."),
    ("fr", "J'ai appris que le silence aide à réfléchir."),
    ("fr", "Je retiens qu'il faut écouter avant de proposer."),
    ("fr", "Je prends conscience de mon impatience."),
    ("fr", "Ce qui m'a marqué, c'est la qualité des questions."),
    ("fr", "Ce que je retiens, c'est l'importance du cadre."),
    ("fr", "Je me rends compte que je coupe souvent la parole."),
    ("fr", "Ce que j'en retire, c'est que l'écoute prend du temps."),
    ("en", "I learned that silence is useful."),
    ("en", "My takeaway is to slow down."),
    ("en", "What I take away is the power of open questions."),
    ("en", "The part that stayed with me is the idea of retention risk."),
    ("en", "I realised I interrupt people."),
    ("en", "It made me realise how tired I am."),
    ("en", "The big lesson for me is to slow down."),
    ("en", "I've come to understand that silence is useful."),
    ("fr", "Cette séance m'a fait comprendre que je décide trop vite."),
    ("fr", "Ma grande leçon, c'est qu'il faut demander avant d'agir."),
    ("fr", "Ce que je comprends aujourd'hui, c'est que la confiance se construit."),
    ("en", "It helped me see that I avoid conflict."),
    ("en", "What I'm taking home is the value of silence."),
    ("en", "My main insight is that people want to be asked."),
    ("en", "I now see that my team needs clearer goals."),
    # What the speaker takes home, whatever the verb.
    ("fr", "Ce que j'emmène, c'est qu'un refus peut se dire gentiment."),
    ("fr", "La leçon de ce soir, c'est que je décide trop seule."),
    ("fr", "La grosse affaire que j'amène, c'est que respecter n'est pas protéger."),
    ("fr", "Je me suis reconnue dans le « j'ai pas le temps », c'est une excuse."),
    ("fr", "Je comprends ce soir que c'est une histoire d'horaires, pas de personnes."),
    ("fr", "Ce qui m'a sauté aux yeux, c'est qu'elle a parlé vingt minutes avant de dire l'essentiel."),
    ("en", "What I'll carry out of here is that two angry groups may want the same thing."),
    ("en", "It hit home for me that guilt makes you slow."),
    ("en", "What I'm taking from today, as the facilitator, is that the contract deserves more time."),
    ("fr", "J'ai vu ce soir que des valeurs, ça se défend avec des alliés."),
    ("fr", "Pour moi, le changement, c'est que je n'ai plus à choisir entre l'équipe et les chiffres."),
    ("en", "The bit I'm taking home is that you lose the version of yourself they liked."),
    ("en", "What's going home with me is that I never told him."),
    ("fr", "Pour moi, ce qui a bougé, c'est la différence entre protéger et isoler."),
    ("en", "For me, it was realising that a rule can be a kindness."),
    ("en", "It's landed with me that grief turns up at work in disguise."),
    ("en", "And me, what I learned is I've been acting like the boss can't be a friend."),
    ("fr", "Je repars en me disant que nos deux difficultés, c'est la même."),
    ("fr", "Ce qui me frappe pour moi, c'est que je ne demande jamais rien aux familles."),
    ("en", "The thing that landed for me is that kindness can be comfort."),
    ("en", "What I'm taking with me is that a no can be kind."),
    ("en", "The lesson tonight is that I decide too fast."),
    ("en", "Mine is that asking for help is not weakness."),
]
NOT_LEARNINGS = [
    ("fr", "Merci à tous pour cette séance."),                        # thanks
    ("fr", "C'était une belle séance."),                               # evaluation
    ("fr", "La consultation était un peu courte."),
    ("fr", "J'ai beaucoup appris, merci."),
    ("fr", "Je n'ai rien appris de nouveau."),
    ("en", "Thanks everyone, great session."),
    ("en", "The timing was a bit tight."),
    ("en", "I learned a lot, thank you."),
    ("fr", "Je comprends que tu sois fatiguée."),                     # empathy
    ("en", "I see what you mean."),
    ("en", "It made me laugh, thank you."),
    ("fr", "J'ai appris que les pompiers ont un numéro direct, je savais pas."),   # trivia
    ("en", "I learned the pool has a wave machine, I didn't know that."),
    ("fr", "C'est ça que j'emporte."),                                               # points back
    ("fr", "Pis j'ai appris ce que c'est une croûte lavée."),                        # a definition
    ("en", "Also, I learned a hospice does day care, I thought it was all beds."),
    ("fr", "J'ai découvert qu'il y a un comité d'usagers, je ne savais pas du tout que c'était obligatoire."),
]


@pytest.mark.parametrize("lang, text", LEARNINGS)
def test_learning(lang, text):
    assert only(text, lang, "learnings", "learning").text == text


@pytest.mark.parametrize("lang, text", NOT_LEARNINGS)
def test_not_a_learning(lang, text):
    assert "learning" not in kinds(text, lang, "learnings")


def test_retaining_in_the_synthesis_is_not_a_learning():
    assert kinds("Je retiens trois choses, le budget, l'équipe et le calendrier.", "fr", "synthesis") == []
    # CONVENTIONS.md: learnings are said in the learnings step only.
    assert kinds("J'ai appris que mon équipe me fait confiance.", "fr", "synthesis") == []
    assert kinds("J'ai appris que mon équipe me fait confiance.", "fr", "learnings") == ["learning"]
    # A consultant's story is no learning of the session.
    assert kinds("J'ai appris à mes dépens que les pétitions se calment.", "fr", "consultation") == []


# --- demand ----------------------------------------------------------------------

DEMANDS = [
    ("fr", "Ma demande, c'est de trouver comment déléguer sans tout contrôler."),
    ("fr", "Ce que j'attends de vous, ce sont des pistes concrètes."),
    ("fr", "J'aimerais que vous m'aidiez à préparer cet entretien."),
    ("fr", "J'ai besoin de vos conseils sur la délégation."),
    ("fr", "Ce que je voudrais, c'est que vous m'aidiez à y voir clair."),
    ("en", "My request is to find a way to delegate."),
    ("en", "I'd like your help to prepare this meeting."),
    ("en", "What I expect from you is honest feedback."),
    ("en", "I'd appreciate your honest views."),
    ("en", "I'm hoping you can help me think this through."),
    ("fr", "Ce dont j'ai besoin, c'est d'un regard extérieur sur mon organisation."),
    ("fr", "Je voudrais repartir avec deux ou trois pistes concrètes."),
    ("fr", "Je cherche des idées pour motiver une équipe fatiguée."),
    ("en", "I'm looking for ideas to reduce the overtime."),
    ("en", "What I need from you is a reality check."),
    ("en", "I'd like to leave with a plan for the next month."),
    ("fr", "Alors je dirais plutôt : comment obtenir que la direction tranche."),
    ("fr", "Ce que je voudrais de vous, c'est des idées pour la rentrée."),
    ("en", "So I would say: help me find a way to keep the rules."),
    ("en", "Let me say it again: how do I lead the team I came from."),
    ("en", "What I'm asking is help to work out how I back my team."),
    ("fr", "Ce que je voudrais vous demander, c'est de m'aider à travailler avec lui en amont."),
    ("en", "I'd like help figuring out what I put in front of the board."),
]
NOT_DEMANDS = [
    ("fr", "La demande des parents est claire."),
    ("fr", "Je suis preneuse de vos expériences."),
    ("en", "The client's request was unclear."),
    ("en", "Ideas and experiences are both welcome."),
    ("fr", "L'équipe a besoin de repos."),
    ("en", "The team is looking for a new manager."),
]


@pytest.mark.parametrize("lang, text", DEMANDS)
def test_demand(lang, text):
    assert kinds(text, lang, "contract") == ["demand"]


@pytest.mark.parametrize("lang, text", NOT_DEMANDS)
def test_not_a_demand(lang, text):
    assert "demand" not in kinds(text, lang, "contract")


@pytest.mark.parametrize("lang, text", [
    ("fr", "Est-ce que vous pourriez m'aider à y voir plus clair ?"),
    ("en", "Could you help me find a way forward?"),
])
def test_demand_phrased_as_a_question_gives_both(lang, text):
    found = items(text, lang, "contract")
    assert [i.kind for i in found] == ["question", "demand"]
    assert not found[0].disguised_suggestion


# --- sentences from segments -----------------------------------------------------

def seg(start, end, text):
    return SimpleNamespace(start=start, end=end, text=text)


def test_question_that_lost_its_punctuation_stands_alone():
    segments = [
        seg(0.0, 3.5, "Bonjour à tous."),
        seg(3.5, 9.0, "Est-ce que ton équipe a été consultée Non, pas du tout."),
        seg(9.0, 14.2, "une vingtaine sur deux cents familles est-ce que la direction te soutient"),
        seg(14.2, 17.0, "Combien de personnes sont concernées Une vingtaine environ"),
    ]
    found = extract(segments, lang="fr", step="clarification", session_date=SESSION)
    assert [(i.kind, i.text, i.start, i.end) for i in found] == [
        ("question", "Est-ce que ton équipe a été consultée", 3.5, 9.0),
        ("question", "est-ce que la direction te soutient", 9.0, 14.2),
        ("question", "Combien de personnes sont concernées", 14.2, 17.0),
    ]


def test_english_question_cut_from_its_answer():
    segments = [seg(2.0, 6.0, "is the budget fixed no it changes every year"),
                seg(6.0, 9.5, "Who decides the rota In theory me")]
    found = extract(segments, lang="en", step="clarification", session_date=SESSION)
    assert [(i.text, i.start) for i in found] == [("is the budget fixed", 2.0),
                                                  ("Who decides the rota", 6.0)]


def test_segment_boundary_ends_a_sentence_at_its_punctuation_or_a_silence():
    segments = [seg(0.0, 2.0, "Je vais appeler la DRH."), seg(2.0, 5.0, "et je lui écrirai demain")]
    found = extract(segments, lang="fr", step="synthesis", session_date=SESSION)
    assert [(i.text, i.start, i.end) for i in found] == [
        ("Je vais appeler la DRH.", 0.0, 2.0), ("et je lui écrirai demain", 2.0, 5.0)]
    segments = [seg(0.0, 2.0, "Je vais appeler la DRH"), seg(4.0, 7.0, "et je lui écrirai demain")]
    found = extract(segments, lang="fr", step="synthesis", session_date=SESSION)
    assert [(i.text, i.start, i.end) for i in found] == [
        ("Je vais appeler la DRH", 0.0, 2.0), ("et je lui écrirai demain", 4.0, 7.0)]


def test_whisper_windows_cut_mid_sentence_are_joined():
    # Whisper's segments on continuous speech, as it gave them for a spoken clarification.
    segments = [seg(17.1, 21.0, "Elle part dans trois ans. Et quand tu dis qu'elle"),
                seg(21.0, 26.2, "utilise pas le robot, concrètement, ça se passe comment ? Ben, le robot, il est derrière"),
                seg(26.2, 31.0, "le comptoir. Qu'est-ce que l'ancien titulaire lui avait promis ? Tu le sais ?")]
    found = extract(segments, lang="fr", step="clarification", session_date=SESSION)
    assert [(i.kind, i.text, i.start, i.end) for i in found] == [
        ("question", "Et quand tu dis qu'elle utilise pas le robot, concrètement, ça se passe comment ?", 17.1, 26.2),
        ("question", "Qu'est-ce que l'ancien titulaire lui avait promis ? Tu le sais ?", 26.2, 31.0)]


def test_asr_spelling_of_as_tu_is_still_a_disguised_question():
    for heard in ("A tu pensé à proposer un entretien individuel à chacune ?",
                  "A tu pensées à proposer un entretien individuel à chacune ?"):
        [item] = items(heard, "fr", "clarification")
        assert item.kind == "question" and item.disguised_suggestion


def test_question_cut_across_two_live_segments_is_one_item():
    # As a live recording gave it: the stretch ended on "Who else", the next opened mid-question.
    segments = [seg(10.0, 11.2, "Who else"), seg(11.4, 13.0, "influence on the situation?"),
                seg(13.2, 16.0, "My director, mostly.")]
    found = extract(segments, lang="en", step="clarification", session_date=SESSION)
    assert [(i.kind, i.text, i.start, i.end) for i in found] == [
        ("question", "Who else influence on the situation?", 10.0, 13.0)]
    segments = [seg(0.0, 1.8, "Est-ce que tu as"), seg(1.9, 4.0, "parlé à ta directrice ?")]
    found = extract(segments, lang="fr", step="clarification", session_date=SESSION)
    assert [(i.kind, i.text) for i in found] == [("question", "Est-ce que tu as parlé à ta directrice ?")]


def test_long_silence_between_segments_ends_a_sentence():
    said = [seg(0.0, 2.0, "Je vais appeler la DRH"), seg(2.2, 4.0, "demain matin sans faute")]
    assert [s.text for s in split(said, "fr")] == ["Je vais appeler la DRH demain matin sans faute"]
    said[1].start, said[1].end = 6.0, 8.0
    assert [s.text for s in split(said, "fr")] == ["Je vais appeler la DRH", "demain matin sans faute"]


@pytest.mark.parametrize("lang, asked, answered", [
    ("fr", "Comment tu te sens, toi, le soir, quand tu fermes,", "vidée, franchement vidée."),
    ("fr", "Pourquoi le plaquiste respecte pas les dates, d'après toi,", "parce qu'il a trop de chantiers."),
    ("en", "How do you feel in the evening when you close up", "drained, honestly drained."),
])
def test_a_pause_after_words_that_ask_ends_the_question_before_its_answer(lang, asked, answered):
    # Whisper wrote the pause as a comma or nothing; the transcription cut its line there.
    paused = [seg(0.0, 4.0, asked), seg(4.6, 7.0, answered)]
    assert [(i.kind, i.text) for i in extract(paused, lang=lang, step="clarification", session_date=SESSION)] == [
        ("question", asked)]
    # Near misses: the same words without the pause are one sentence, not a question with its answer;
    # nor does a pause cut words that do not ask ("je me sens vidée, | le soir").
    said = [seg(0.0, 4.0, asked), seg(4.1, 7.0, answered)]
    assert [s.text for s in split(said, lang)] == [f"{asked} {answered}"]
    told = [seg(0.0, 4.0, "Je me sens vidée le soir quand je ferme," if lang == "fr" else "I feel drained when I close up,"),
            seg(4.6, 7.0, answered)]
    assert len(split(told, lang)) == 1


def test_a_pause_inside_a_question_does_not_cut_it():
    # A hesitation after words that cannot end a clause: the question waits for its verb.
    for before, after in (("Qu'est-ce que tu", "ressens quand elle part en réserve ?"),
                          ("Et quand tu dis qu'elle", "utilise pas le robot, ça se passe comment ?")):
        said = [seg(0.0, 2.0, before), seg(2.7, 5.0, after)]
        assert [s.text for s in split(said, "fr")] == [f"{before} {after}"]


def test_pause_mid_sentence_joins_segments():
    segments = [seg(0.0, 1.0, "ce que j'apprends,"),
                seg(1.0, 4.5, "c'est qu'un conflit externe cache un désaccord interne."),
                seg(4.5, 6.7, "Merci pour la qualité de l'écoute.")]
    found = extract(segments, lang="fr", step="learnings", session_date=SESSION)
    assert [(i.kind, i.text, i.start, i.end) for i in found] == [
        ("learning", "ce que j'apprends, c'est qu'un conflit externe cache un désaccord interne.",
         0.0, 4.5)]


def test_run_on_without_punctuation_is_cut_at_each_new_subject():
    text = ("merci à tous pour vos idées je vais voir mon adjoint en tête-à-tête avant vendredi "
            "je m'engage à écrire les règles du planning d'ici la fin du mois")
    found = [(i.kind, i.due) for i in items(text, "fr", "synthesis")]
    assert found == [("commitment", datetime.date(2026, 3, 6)),
                     ("commitment", datetime.date(2026, 3, 31))]


def test_run_on_is_cut_even_when_other_sentences_kept_their_full_stop():
    # ASR drops the punctuation here and there: a long stretch without it is a run-on.
    text = ("Merci à tous. je vais appeler le fournisseur demain je m'engage à revoir les plannings "
            "d'ici vendredi je ne vais pas changer les horaires pour l'instant")
    assert [(i.kind, i.due) for i in items(text, "fr", "synthesis")] == [
        ("commitment", datetime.date(2026, 3, 5)), ("commitment", datetime.date(2026, 3, 6))]


@pytest.mark.parametrize("lang, text, questions", [
    ("fr", "Merci pour ta présentation. depuis quand le service fonctionne comme ça as tu pensé "
           "à demander un audit externe",
     [("depuis quand le service fonctionne comme ça", False),
      ("as tu pensé à demander un audit externe", True)]),
    ("en", "Thanks for sharing. how long has the team been this size do you have a deputy you can rely on",
     [("how long has the team been this size", False), ("do you have a deputy you can rely on", False)]),
    ("en", "Thanks. what's the hardest part for you in all this do you have a deputy",
     [("what's the hardest part for you in all this", False), ("do you have a deputy", False)]),
])
def test_lowercase_question_opens_a_new_sentence_in_a_run_on(lang, text, questions):
    found = items(text, lang, "clarification")
    assert [(i.text, i.disguised_suggestion) for i in found if i.kind == "question"] == questions


def test_wh_phrase_in_a_run_on_waits_for_its_verb():
    text = "how many volunteers do you have on a normal saturday morning in the winter months"
    assert [i.text for i in items(text, "en", "clarification")] == [text]
    text = "let the figures do the talking with the board and see what happens at the next meeting"
    assert len(split([seg(0, 1, text)], "en")) == 1


def test_indirect_question_in_a_run_on_stays_whole():
    text = "Bon. je ne sais vraiment pas comment on peut garder les bénévoles avec si peu de moyens et sans salarié"
    assert [s.text for s in split([seg(0, 1, text)], "fr")] == [
        "Bon.", "je ne sais vraiment pas comment on peut garder les bénévoles avec si peu de moyens et sans salarié"]
    text = "voilà tout le contexte avec les trois équipes et il y a deux ans la fusion a tout changé pour nous"
    assert len(split([seg(0, 1, text)], "fr")) == 1      # "il y a" is a time, not a new subject


@pytest.mark.parametrize("lang, text", [
    ("fr", "Et si tu demandais au transporteur pourquoi les palettes arrivent toujours en retard le lundi."),
    ("fr", "Demande à ton adjoint comment il voit la nouvelle organisation des tournées."),
    ("en", "Maybe ask the drivers why the Monday pallets are always late at the depot."),
])
def test_an_indirect_question_after_a_verb_of_asking_is_part_of_the_proposal(lang, text):
    assert [s.text for s in split([seg(0, 1, text)], lang)] == [text]
    assert kinds(text, lang, "consultation") == ["suggestion"]


def test_a_name_after_a_verb_is_its_object_not_a_new_sentence():
    text = "Comment je fais pour recadrer Karim sur les horaires sans le braquer, c'est ça ma demande."
    assert [s.text for s in split([seg(0, 1, text)], "fr")] == [text]
    assert kinds(text, "fr", "contract") == ["demand"]


def test_english_run_on_keeps_contact_clauses():
    text = ("okay i've got plenty to think about i will organise a session by december 11 "
            "i won't meet the parents yet")
    assert [(i.kind, i.text, i.due) for i in items(text, "en", "synthesis")] == [
        ("commitment", "i will organise a session by december 11", datetime.date(2026, 12, 11))]
    # "the resources I have" is no new sentence.
    assert kinds("I'd like your help to design it with the resources I have", "en", "contract") == ["demand"]


def test_intonation_question_in_the_clarification():
    # Consultants ask in the clarification: a sentence to "tu" with no final punctuation
    # (ASR lost the '?') is a question; with a full stop it is a statement.
    assert kinds("tu en as parlé à ta directrice", "fr", "clarification") == ["question"]
    assert kinds("Tu en as parlé à ta directrice.", "fr", "clarification") == []
    assert kinds("tu en as parlé à ta directrice", "fr", "consultation") == []
    assert kinds("you talked to HR already", "en", "clarification") == ["question"]
    assert kinds("why not ask them directly", "en", "clarification") == ["question"]
    assert kinds("Why not ask them directly.", "en", "consultation") == ["suggestion"]



def test_checking_the_group_agrees_is_a_question_without_its_mark():
    assert kinds("Tout le monde est d'accord avec ce contrat", "fr", "contract") == ["question"]
    assert kinds("Tout le monde est d'accord avec ce contrat.", "fr", "contract") == []
    assert kinds("Okay for everyone", "en", "contract") == ["question"]
    assert kinds("On est d'accord sur ce plan", "fr", "contract") == ["question"]
    assert kinds("Oui, on est d'accord.", "fr", "contract") == []       # the answer


def test_future_and_conditional_sound_alike():
    # ASR writes "-rai" or "-rais" for the same sound; the step tells which was meant.
    assert kinds("Moi je commencerai par un temps entre enseignants.", "fr", "consultation") == ["suggestion"]
    assert only("J'écrirais à l'inspectrice avant la fin du mois.", "fr", "synthesis",
                "commitment").due == datetime.date(2026, 3, 31)
    assert kinds("J'aimerais écrire à l'inspectrice.", "fr", "synthesis") == []
    assert kinds("Je pourrais écrire à l'inspectrice.", "fr", "synthesis") == []


def test_whisper_style_digits_and_lowercase():
    found = items("je m'engage à envoyer la lettre le 6 avril", "fr", "synthesis")
    assert [(i.kind, i.due, i.due_text) for i in found] == [
        ("commitment", datetime.date(2026, 4, 6), "le 6 avril")]
    found = items("i'll limit our meetings to 30 minutes from next week", "en", "synthesis")
    assert [(i.kind, i.due) for i in found] == [("commitment", None)]


def test_items_keep_the_order_they_were_said():
    text = ("Je vais appeler la DRH. Ce que je retiens, c'est l'écoute. "
            "Est-ce que ça vous va ? Je ferai le point lundi.")
    assert kinds(text, "fr", "learnings") == ["commitment", "learning", "question", "commitment"]


def test_interface():
    assert KINDS == ("question", "suggestion", "commitment", "learning", "demand")
    item = items("Je vais appeler la DRH.", "fr", "synthesis")[0]
    assert isinstance(item, Item) and item.start is None and item.end is None
    assert extract([], lang="en", step="synthesis", session_date=SESSION) == []
    assert extract([seg(0, 1, "   ")], lang="fr", step="synthesis", session_date=SESSION) == []
    assert items("Je vais\nappeler la DRH\n\nlundi.", "fr", "synthesis")[0].text == "Je vais appeler la DRH lundi."
    assert kinds("Je vais peut être appeler la DRH.", "fr", "synthesis") == []     # ASR's "peut être"


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="language 'de'"):
        extract_text("Ich werde anrufen.", lang="de", step="synthesis", session_date=SESSION)


# --- the labelled corpus -----------------------------------------------------------

MACRO_F1_FLOOR = 0.97     # reached 1.000 on dev.jsonl; the margin absorbs model updates


def test_dev_corpus_macro_f1():
    if not (EVAL / "dev.jsonl").exists() or not (EVAL / "score.py").exists():
        pytest.skip(f"no labelled corpus at {EVAL}")
    scorer = module_from_file(EVAL / "score.py", "codev_eval_score")
    gold = scorer.load(EVAL / "dev.jsonl")
    pred = {}
    for doc_id, doc in gold.items():
        found = extract_text(doc["text"], lang=doc["lang"], step=doc["step"],
                             session_date=datetime.date.fromisoformat(doc["date"]))
        pred[doc_id] = {"items": [
            {"kind": i.kind, "text": i.text, "due": i.due.isoformat() if i.due else None,
             "disguised_suggestion": i.disguised_suggestion} for i in found]}
    result = scorer.score(gold, pred)
    assert result["macro_f1"] >= MACRO_F1_FLOOR, json.dumps(result, indent=1)
    assert min(k["f1"] for k in result["kinds"].values()) >= 0.90
    assert result["due_accuracy"] >= 0.90
    assert result["disguised_f1"] >= 0.85


def test_a_lesson_said_as_a_general_truth_is_a_learning_in_the_learnings_step():
    lesson = "Une équipe qu'on ne consulte pas, c'est pas une équipe, c'est un public."
    assert kinds(lesson, "fr", "learnings") == ["learning"]
    assert kinds(lesson, "fr", "consultation") == []
    # About the session, or a story: no lesson.
    assert kinds("Le tour de table, c'est pas long, c'est juste ce qu'il faut.", "fr", "learnings") == []
    assert kinds("Quand on a commencé, c'était pas facile, c'était tendu.", "fr", "learnings") == []
    assert kinds("It's not the tool, it's who the data is for.", "en", "learnings") == ["learning"]
    assert kinds("It's not my fault, it's the schedule.", "en", "learnings") == []


def test_questions_whisper_ended_on_a_full_stop():
    # Whisper writes "." after a question said without inversion; its form still asks.
    assert kinds("Tu te sens comment, là, maintenant.", "fr", "synthesis") == ["question"]
    assert kinds("Et ta charge de travail, on le met dans le contrat ou pas.", "fr", "contract") == ["question"]
    assert kinds("Je peux poser une question même si on est en consultation.", "fr", "consultation") == ["question"]
    # ... but not a degree, nor an indirect question.
    assert kinds("Ce qui m'a frappée, c'est à quel point ne rien faire est un message.", "fr", "learnings") == [
        "learning"]
    assert kinds("Je sais pas comment elle fait.", "fr", "synthesis") == []


def test_an_offer_said_before_a_proposal_is_also_a_commitment():
    found = items("I'll send you the template on Monday, you can adapt it for your team.", "en", "consultation")
    assert sorted(i.kind for i in found) == ["commitment", "suggestion"]
    # ... but a proposal is not made a commitment by what follows it.
    assert kinds("Tu pourrais l'appeler, elle sera là lundi.", "fr", "consultation") == ["suggestion"]
