"""French cues for the extraction kinds.

fr_core_news_sm tags inversions ("As-tu"), imperatives and the conditional/future
of less common verbs unreliably, so verb forms are read from their endings after a
subject pronoun; spaCy's lemma tells an imperfect of a -rer verb ("je montrais")
from a conditional ("je montrerais").
"""
import functools
import re

from .context import Cue, verbs
from .dates import said_deadline
from .pipelines import pipeline
from .text import norm, strip_fillers

# Said before the clause that carries the intent: "Et alors, euh, comment ...".
FILLERS = re.compile(
    r"(?:et puis|et|alors|donc|mais|bon|ben|bah|euh|ok|okay|d'accord|du coup|fait que|faque|pis|juste|moi|toi|"
    r"oui|non|ah|oh|(?:une |ma |petite |dernière |autre |une autre )?question(?=\s*[:,]))\b")
CLITICS = r"(?:ne |n'|le |la |les |l'|lui |leur |y |en |me |m'|te |t'|se |s'|vous |nous )*"
SUBJECT_1SG = r"\b(?:je |j')"
# A word after "que"/"quand" that opens a subordinate clause, not a question.
CLAUSE_OPENERS = set(
    "je j' tu il elle on nous vous ils elles c' ce ça cela l' le la les un une des du mon ma "
    "mes ton ta tes son sa ses notre nos votre vos leur leurs cet cette ces".split())

EST_CE = re.compile(r"(?<!c')(?<!c )\best[- ]ce (?:que|qu'|qui)|\bqu'est[- ]ce\b")
# Verb-subject inversion: "as-tu", "penses-tu", "a-t-il"; not "rendez-vous" nor an
# imperative with its object ("dites-nous", "parle-nous", "raconte-moi"): "-tu", "-vous" and
# "-nous" follow the verb's own ending ("peux-tu", "avez-vous", "pouvons-nous").
INVERSION = re.compile(
    r"\b(?!rendez-|dites-|dis-|montre-|montrez-|aide-|aidez-|donne-|donnez-|laisse-|laissez-|"
    r"imaginez-|rappelez-)(?:[a-zéèêëàâîïôûùç]+[sxt]-tu|[a-zéèêëàâîïôûùç]+(?:ez|es)-vous|"
    r"[a-zéèêëàâîïôûùç]+ons-nous|[a-zéèêëàâîïôûùç]+-(?:t-)?(?:il|elle|on|ils|elles|je|ce))\b")
# The same inversion when ASR drops the hyphen ("as tu pensé", "pouvez vous"), at the
# start of the clause: a verb form in -s/-z before "tu"/"vous", not an adverb.
BARE_INVERSION = re.compile(
    r"^(?:(?:depuis |à |de |pour |avec |en |sur |par )?(?:quand|comment|combien|pourquoi|où|qui|quoi|"
    r"que|qu'|quel\w*)(?: de \w+)? ?)?(?!(?:toujours|parfois|puis|plus|moins|après|sans|dans|pas|mais|"
    r"jamais|alors|donc|sous|chez|vers|dès|depuis|lors|ailleurs|désormais|ensuite|fois|vous|nous)\b)"
    r"[a-zéèêàâîôûç]+[sz] (?:tu|vous)\b")
WH_START = re.compile(
    r"(?:comment|combien|pourquoi|où|d'où|jusqu'où|qui|quoi|quel|quelle|quels|quelles|lequel|"
    r"laquelle|lesquels|lesquelles|depuis quand|depuis combien|à quel|à quelle|à qui|avec qui|"
    r"pour qui|de qui|de quoi|en quoi|à quoi|sur quoi|par quoi|par où)\b")
SUBORDINATE_WH = re.compile(r"(?:quand|que|qu')\s*(\S+)")
EXCLAMATION = re.compile(r"quel(?:le)?s? (?:belle|beau|bel|bonne|bon|chance|plaisir|dommage|joie)\b")
# Checking the group agrees, a question even when ASR drops the '?': "Ça vous va".
CHECKING = re.compile(r"^(?:ça|cela|c'est) (?:vous|te) (?:va|convient)\W*$|"
                      r"^(?:[^,]{1,40}, )?(?:il|elle|ils|elles|ça|cela) (?:te|vous) (?:paraît|paraissent|semble|semblent)"
                      r" (?:\w+ )?\w+\W*$|\bc'est (?:quoi|qui)\b|"
                      r"^(?:ça|cela) (?:vous|te) (?:paraît|semble) (?:\w+ ){0,4}?(?:clair|ok|bien|juste|"
                      r"bon|bonne|possible|jouable|réaliste)\b|"
                      r"(?:ok|d'accord|c'est bon|c'est clair) pour (?:vous|toi|tout le monde)\W*$")
WHY_NOT = re.compile(r"pourquoi (?:ne )?pas\b(?=\W*\w)")
# The verbs of inverted questions to "vous" ("avez-vous", "pouvez-vous", "pensez-vous").
INVERTED_VERBS = {"avoir", "être", "pouvoir", "vouloir", "savoir", "devoir", "penser", "croire", "connaître",
                  "trouver", "aller", "faire", "comprendre", "voir", "sentir", "vivre", "compter", "prévoir"}
# The facilitator giving the floor to the group, its '?' lost: "Sur la séance, quelque chose à ajuster".
GROUP_PROMPT = re.compile(r"(?:quelque chose à (?:dire|ajouter|rajouter|ajuster|partager)|des remarques|d'autres remarques|"
                          r"des questions|d'autres questions|une réaction|des réactions|quelqu'un)\W*$")
# Also after a topic put first: "et la prime, t'as une autre piste".
ADDRESSING = re.compile(r"(?:[^,]{1,40}, )?(?:toi,? )?(?:tu |vous |t'(?:as|es|étais|avais|en|y)\b)|pourquoi (?:ne )?pas\b|"
                        r"(?:ce|ça|cela) (?:ne )?(?:serait|vaudrait) pas\b")
# The group asked whether it agrees, the '?' lost: "Tout le monde est d'accord".
# "On est d'accord" asks only when it opens the line ("Oui, on est d'accord." answers).
AGREEING = re.compile(r"(?:tout le monde|vous) (?:est|êtes) d'accord|(?:ça|cela) (?:vous |te )?convient|"
                      r"^on est (?:d'accord|ok|bon)\b|"
                      r"on part (?:là-dessus|sur ça|comme ça)|ça marche pour (?:vous|tout le monde)")
# A question that already names the answer: "et si tu renégociais", "tu n'as pas envisagé de".
# Not "t'as pensé à quoi": a question word after it asks.
# ASR may write the participle agreed ("a tu pensées à").
CONSIDERED = (r"(?:pensé|songé|envisagé|essayé|tenté|considéré|réfléchi|imaginé|prévu)(?:e|s|es)?"
              r"\s+(?:à|a|de|d'|au|aux|du|des|le|la|les|l'|un|une|en)\b(?!\s*(?:quoi|qui|quel|quelle)\b)")
# "Pourquoi tu ne ...": asked of the client, not of others ("pourquoi ils servent pas les légumes").
TO_THE_CLIENT = re.compile(r"pourquoi (?:est-ce que |est-ce qu')?(?:tu |t'|vous |on |toi)")
# A negative question that puts a solution forward: "un médiateur, ça t'aiderait pas ?", "ça te
# semble pas le bon moyen ?", "tu crois pas qu'un sondage ...".
NEGATIVE_PROPOSAL = re.compile(
    r"\b(?:ça|ce|cela) (?:ne |n')?(?:te |vous |t')?(?:\w+rait|semble|paraît|serait) pas\b|"
    r"\b(?:tu|vous) (?:ne |n')?(?:crois|penses|trouves|croyez|pensez|trouvez) pas (?:que|qu')|"
    r"\b(?:ça|cela) (?:ne )?(?:t'|vous )(?:est|serait) (?:jamais |pas )?venu à l'idée\b")
DISGUISED = [
    re.compile(r"\b(?:as|avez)[- ](?:tu|vous)(?: déjà| pas| jamais| pas encore| un peu)? " + CONSIDERED),
    re.compile(r"\b(?:tu |vous )(?:ne |n')?(?:as|avez) (?:déjà |pas |jamais |pas encore )?" + CONSIDERED),
    re.compile(r"\bt'as (?:déjà |pas |jamais |pas encore )?" + CONSIDERED),
    # "si tu leur en parlais", not the present "si tu te tais".
    IF_YOU_DID := re.compile(r"^si (?:tu |vous |on )" + CLITICS +
                             r"(?:\w+ |\w+')?(?!(?:re)?(?:fais|tais|vais|sais|plais|connais)\b)\w+(?:ais|ait|iez|ions)\b"),
    re.compile(r"^pourquoi (?:pas|ne pas)\b"),
]
PROPOSING_MODAL = re.compile(
    r"\b(?:serait|vaudrait|faudrait|pourrais|pourriez|pourrait|devrais|devriez|devrait|"
    r"gagnerais|gagneriez|aurais intérêt|auriez intérêt)\b")
NEGATED_CONDITIONAL = re.compile(r"\b(?:ne |n')" + CLITICS + r"\w+(?:rais|rait|riez)\b.*\bpas\b")
# Asking the speaker something ("tu pourrais nous dire", "vous pourriez m'aider") proposes nothing.
SPEECH_REQUEST = re.compile(
    r"\b(?:pourrais|pourriez|peux|pouvez)(?:-tu|-vous)? (?:me |m'|nous )?(?:en )?(?:dire|expliquer|préciser|"
    r"raconter|décrire|redire|répéter|donner un exemple|aider|montrer)\b")
# "Fais attention, non ?": a tag that turns the line into a question.
NEGATED_QUESTION_TAG = re.compile(r"(?:, non|, hein|\?)\W*$")
PAST_COMPOUND = re.compile(r"\b(?:n'|ne )?(?:as|avez|a|ont|avons|ai|es|êtes|est|sont)(?:-tu|-vous)? "
                           r"(?:pas |jamais |déjà )?\w+(?:é|i|u|is|it)\b")

# Suggestions addressed to the client: clear in any step.
SUGGESTION = [
    re.compile(r"\b(?:tu|vous) " + CLITICS + r"(?:pourrais|pourriez|devrais|devriez|gagnerais|"
               r"gagneriez|aurais intérêt|auriez intérêt|as intérêt|avez intérêt)\b"),
    re.compile(r"\bje (?:te |vous |t')(?:suggère|suggérerais|propose|proposerais|recommande|"
               r"recommanderais|conseille|conseillerais|invite|inviterais|encourage|encouragerais)\b"),
    re.compile(r"\bje (?:suggère|suggérerais|recommande|recommanderais|conseille|conseillerais) "
               r"(?:de|d'|que|qu')"),
    re.compile(r"\bpourquoi (?:ne )?pas \w+"),
    re.compile(r"\b(?:idée|piste|option|solution|possibilité|suggestion|conseil|recommandation|"
               r"proposition)(?: pour toi| pour vous)?,? (?:ce serait|serait|pourrait être|c'est|est) "
               # "... c'est que tu l'appelles", not the opinion "mon idée, c'est que l'acheteur te teste".
               r"(?:de|d'|que (?:tu|vous|toi)|qu'on)\b"),
    re.compile(r"^(?:essaie|essaye|essayez|pense|pensez|ose|osez) (?:à|de|d')|"
               r"\bn'hésite(?:z)? pas à\b"),
    re.compile(r"\bil (?:te |vous |t')?faut (?:\w+ )?que (?:tu|vous|ce soit toi|ce soit vous)\b|\bil (?:te|vous) faut\b"),
    # "Je te verrais bien lui proposer un dîner", "rien ne t'empêche de demander ...".
    re.compile(r"\bje (?:te|vous) verrais bien\b|\brien ne (?:t'|vous )empêche de\b"),
]
# "À ta place, je parlerais ...": advice only with a conditional (not a past story).
IN_YOUR_SHOES = re.compile(r"\bà (?:ta|votre) place\b|\bsi j'étais (?:toi|vous)\b")
PAST_CONDITIONAL = re.compile(r"\b(?:aurais|aurait|serais|serait) (?:\w+ ){0,2}\w+(?:é|i|u|is|it|ait)\b")
# Impersonal or first-person proposals: suggestions when consultants speak.
CONSULTANT_SUGGESTION = [
    re.compile(r"\bil (?:te |vous |t')?(?:faudrait|vaudrait mieux|serait (?:\w+ )?(?:bon|bien|utile|"
               r"intéressant|judicieux|important|préférable|souhaitable))\b"),
    re.compile(r"\b(?:ce|ça|cela|tu|vous|on|il|elle) (?:y )?gagnerai(?:t|s|ent|z)? à\b"),
    re.compile(r"\bce qui (?:pourrait|peut|pourra) (?:t'|vous )?(?:aider|marcher|débloquer)\b"),
    re.compile(r"\b(?:ce|ça|cela) (?:te |vous )?(?:serait|pourrait être|vaudrait|vaut) (?:[\w-]+ ){0,2}?"
               r"(?:bien|bon|utile|intéressant|judicieux|une bonne idée|le coup|la peine|pertinent)\b"),
    # "Le mieux serait de ...", "le plus simple, ce serait de ...".
    re.compile(r"\ble (?:mieux|plus simple|plus efficace|plus important|plus urgent),? (?:ce )?"
               r"(?:serait|c'est|est) (?:de|d'|que|qu')"),
    re.compile(r"\b(?:tu peux|vous pouvez|on pourrait|(?<!qu')il faut) (?:aussi |peut-être |toujours |également |"
               r"simplement |déjà )?" + CLITICS + r"\w+(?:er|ir|re)\b"),
]
# A modal before a verb of opinion voices a hypothesis, not a proposal: "on pourrait
# penser que ...", "tu pourrais croire que ...", "on dirait que ...".
HYPOTHESIS = re.compile(
    r"\b(?:on|tu|vous|il|ça|cela|certains) (?:pourrait|pourrais|pourriez|peut|peux|pouvez|devrait|"
    r"devrais) (?:\w+ )?(?:penser|croire|imaginer|supposer|objecter|trouver|craindre)\b|"
    # "On pourrait dire que ...", "tu pourrais te dire que ..."; but "tu devrais dire à ton équipe
    # ce que tu ressens" and "tu pourrais leur dire que ..." propose.
    r"\b(?:on|il|ça|cela|certains) (?:pourrait|peut|devrait) (?:se )?dire\b|"
    r"\b(?:tu|vous) (?:pourrais|pourriez|peux|pouvez|devrais|devriez) (?:te|vous) dire\b|"
    r"\bon dirait (?:que|qu')")
# A clause opening on "que"/"qu'" reports what someone said ("Qu'il faut le recadrer, point."):
# the client answering, not a proposal.
REPORTED = re.compile(r"^(?:que|qu')\s*(?:il|elle|ils|elles|on|je|j'|tu|c'|ce|ça|les|le|la)\b")
# A second-person imperative opening the clause: "Prends le temps de ...", "Invite Monique à
# déjeuner", "cadre-les". The verb is any French verb (see imperative_verb). A negated one ("Ne
# retirez pas ses droits") is no suggestion (CONVENTIONS.md), except the set "n'hésite pas à".
# A hyphenated "-moi"/"-nous" asks the speaker ("Parle-nous de ton équipe") and does not match.
IMPERATIVE = re.compile(
    r"(?:(?:mais|et|alors|donc|puis|pis) )?(?!rendez-vous\b)(?P<verb>[a-zàâçéèêëîïôûù]+)"
    r"(?P<clitic>-(?:lui|leur|le|la|les|toi|vous|en|y)(?:-(?:lui|leur|en|y))?)?(?=[ ,.!?;:]|$)")
# What follows a verb (an object, a preposition, an adverb, an infinitive), not what follows a
# noun opening a clause ("Note importante", "Équipe de nuit : ..."): after "de", an article or an
# infinitive ("Demande de l'aide", "Essaie de l'appeler").
AFTER_VERB = re.compile(
    r" (?:de |d')(?:l'|la |le |les |\w+(?:er|ir|re)\b)|"
    r" (?:le|la|les|l'|un|une|des|du|à|au|aux|en|par|avec|sur|pour|dans|chez|auprès|"
    r"ton|ta|tes|votre|vos|leur|leurs|son|sa|ses|mon|ma|mes|notre|nos|ce|cet|cette|ces|quelqu'un|toujours|plutôt|aussi|d'abord|simplement|"
    r"directement|vraiment|voir|pas|jamais|confiance|appel|attention|soin|rendez-vous|contact|demain|que|qu'|"
    r"quelque|bon|tout|ça|cela|rien|toi-même|vous-même|vous-mêmes|avant|après|dès|maintenant|vite|ensemble|"
    r"monsieur|madame|"
    r"deux|trois|quatre|cinq|dix|quinze|quelques|\d+|\w+(?:er|ir|re))\b|,|\W*$")
# A word that opens a clause as a preposition, an adverb or a conjunction is no imperative,
# even where it is also a verb form ("Entre les deux", "Contre le projet").
NOT_VERB_POS = {"ADP", "ADV", "SCONJ", "CCONJ", "DET", "PRON", "INTJ", "AUX"}

# First-person conditional verbs that hedge or wish rather than propose an action.
NOT_PROPOSING = {"aimerais", "voudrais", "dirais", "pourrais", "devrais", "serais", "aurais",
                 "saurais", "souhaiterais", "préférerais", "adorerais", "penserais", "croirais"}

NEGATION = re.compile(r"\b(?:ne|n')\b|\b(?:pas|jamais|plus rien)\b")
# Spoken French drops the "ne"; a bare "plus" is "more" ("je serai plus attentive").
NEGATED_REST = re.compile(r"\s*(?:pas|jamais|rien)\b")
ENGAGE = re.compile(
    SUBJECT_1SG + r"(?:m'engage|me suis engagée?|promets|compte (?!sur)|prévois|ai l'intention|"
    r"me fixe|me donne (?:jusqu|(?:\w+ )?(?:jours|semaines|mois)\b))|\bmon (?:prochain |premier )?engagement\b|"
    r"\bma (?:prochaine |première )?(?:action|étape|résolution) (?:c'est|sera|est)\b|\bc'est promis\b|"
    r"\b(?:je |j')\w+.*, promis\W*$")     # "Je vous l'envoie, promis."
ALLER = re.compile(r"(?:\bje |\bj'|\bnous |\bon )(?P<neg>ne |n')?(?P<clitics>" + CLITICS +
                   r")(?:vais|allons|va) (?P<rest>.*)")
# "Je veux rencontrer chaque agent": a firm intention where the client plans ("je veux
# dire" is "I mean", and thanks).
VOULOIR = re.compile(r"(?:\bje |\bnous )(?P<neg>ne |n')?(?P<clitics>" + CLITICS +
                     r")(?:veux|voulons) (?!(?:\w+ )?dire\b)(?P<rest>.*)")
FUTURE_1 = re.compile(SUBJECT_1SG + r"(?P<neg>ne |n')?(?P<clitics>" + CLITICS +
                      r")(?P<verb>\w+rai)\b(?P<rest>.*)")
# "-rai" and "-rais" sound alike: where the client plans, ASR's "j'écrirais" is "j'écrirai",
# unless the verb hedges or wishes ("je pourrais", "j'aimerais").
FUTURE_HEARD = re.compile(SUBJECT_1SG + r"(?P<neg>ne |n')?(?P<clitics>" + CLITICS +
                          r")(?P<verb>(?!" + "|".join(sorted(NOT_PROPOSING)) + r")\w+rai)s\b(?P<rest>.*)")
FUTURE_1PL = re.compile(r"\bnous (?P<neg>ne |n')?(?P<clitics>" + CLITICS +
                        r")(?P<verb>\w+rons)\b(?P<rest>.*)")
# "On organisera ...": the client speaking for the team, in the steps where the client plans.
FUTURE_ON = re.compile(r"\bon (?P<neg>ne |n')?(?P<clitics>" + CLITICS +
                       r")(?P<verb>(?!aura\b|verra\b)\w+ra)\b(?P<rest>.*)")     # not "au moins on aura essayé", "on verra"
# Future stems that are not the infinitive ("ferai" -> "fer" -> "faire").
IRREGULAR_FUTURE = {"fer": "faire", "ser": "être", "aur": "avoir", "ir": "aller", "verr": "voir",
                    "pourr": "pouvoir", "devr": "devoir", "saur": "savoir", "viendr": "venir",
                    "tiendr": "tenir", "enverr": "envoyer", "voudr": "vouloir", "dir": "dire",
                    "écrir": "écrire", "décrir": "décrire", "lir": "lire", "essaier": "essayer",
                    "appeller": "appeler", "prendr": "prendre", "mettr": "mettre",
                    "répondr": "répondre"}
# Adverbs and object pronouns between "je vais" and its infinitive.
INFINITIVE = re.compile(
    r"(?:(?:donc|aussi|bien|d'abord|vraiment|tout de suite|certainement|déjà|enfin|"
    r"immédiatement|rapidement|directement|personnellement|simplement|plutôt|encore|"
    r"dès maintenant|en premier) )*(?P<lead>" + CLITICS + r")(?P<verb>[a-zéèêëàâîïôûç]+)\s*(?P<after>.*)")
ADDRESSEE = re.compile(r"\b(?:vous|te|nous)\b|\bt'")
ACTION_STEPS = ("synthesis", "learnings", "follow_up")
# The verbs that make "je vais <verbe>" discourse rather than an action: data, in context/fr.toml.
VERBS = verbs("fr")
CONFIDING, SPEECH, DISCOURSE = VERBS["confiding"], VERBS["speech"], VERBS["discourse"]
THINKING, NOT_INTENT, LEADING = VERBS["thinking"], VERBS["not_intent"], VERBS["leading"]
NOT_ADVICE = VERBS["not_advice"]
BLUNT = re.compile(r"(?:(?:plus|très|assez|un peu plus) )?(?:honnête|franc|franche|bref|brève|court|courte|clair|claire|rapide|"
                   r"long|longue)\b")
# Keeping one's turn short is discourse: "je vais essayer de faire court".
BRIEF = re.compile(r"(?:court|bref|vite|simple)\b")
VAGUE_SEE = re.compile(r"(?:si|comment|ce qu|ça|bien|après|plus tard|ensuite|avec)\b|\W*$|,")   # "je vais voir avec le marché"
SUBJECT_BEFORE = re.compile(r"(?:^|\s)(?:je|j')(?: ?" + CLITICS + r")\s*$")
TIME_MARKER = re.compile(
    r"\b(?:dès|à partir d[eu']|d'ici|demain|après-demain|la semaine prochaine|le mois prochain|"
    r"lundi|mardi|mercredi|jeudi|vendredi|samedi|désormais|dorénavant|à l'avenir|prochainement|"
    r"cette semaine|ce soir|à soir|ce week-end|ce weekend|la prochaine fois|(?:à|avant|d'ici) la prochaine séance|"
    r"juste après|tout de suite après|dès la fin|"
    r"avant (?:noël|l'été|les vacances|la rentrée|les congés))\b")
# A season or a month, no day: a time to come for the speaker's own plan ("je l'inscris à la
# formation au printemps"), not for things ("la suite, ce sera en septembre").
SEASON = re.compile(r"\b(?:au printemps|à l'automne|cet (?:été|automne|hiver)|"
                    r"en (?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre))\b")
# A consultant offering the client something: "je te l'envoie ce soir", "je te fais passer ...".
OFFER = re.compile(r"\bje (?:te |t'|vous )(?:le |la |les |l'|en )?(?:envoie|passe|fais passer|fais suivre|transmets|transfère|donne|"
                   r"prête|présente|mets en contact|mets en relation|écris|appelle|rappelle|réserve|apporte|partage|"
                   r"texte)\b")
PAST = re.compile(r"\b(?:j'ai|je suis|je me suis|je m'en suis|je m'y suis|on a|nous avons|on est|il a|elle a|ils ont|c'était|"
                  r"je (?:l'|les |lui |leur |t'|te |vous |en |y )+(?:ai|suis)|"
                  r"j'avais|j'étais|on avait|on était)\b|"
                  r"\b(?:je|j'|on|nous|il|elle|ils|elles) " + CLITICS +
                  # An imperfect, not a present in -ais ("je refais", "je connais", "je me tais").
                  r"(?!(?:re|dé|satis|contre|sur)?(?:fais|fait)\b|(?:re)?(?:connais|connaît)\b|"
                  r"(?:vais|sais|sait|tais|mais|parais|paraît|plais)\b)\w+(?:ais|ait|aient)\b")
NEWS_SUBJECT = re.compile(r"\b(?:il|elle|ils|elles)\b")
# A feeling about a date, not a plan: "avec un peu le trac pour ce soir".
FEELING = re.compile(r"\b(?:trac|peur|stress\w*|hâte|inquiète?|angoiss\w*|nerveu(?:x|se)|flippée?|tendue?|"
                     r"anxieu(?:x|se)|impatiente?|soulagée?|contente?|fébrile|excitée?|léger|légère)\b")
# Done already, said in the follow-up: "Le sondage, d'abord : fait, dès le lundi suivant."
DONE = re.compile(r"(?:^|: )(?:c'est )?(?:fait|faite|done)\b")
# A date in the calendar, someone's news or a habit, not a plan: "la prochaine réunion du CA, c'est
# le trois mars", "Karine a dit demain matin", "une fois par jour".
SCHEDULED = re.compile(r"\b(?:c'est|ce sera|est prévue?|a lieu|tombe) (?:le|pour le|lundi|mardi|mercredi|jeudi|vendredi)\b|"
                       r"\b(?:a|ont) dit\b|\bpar (?:jour|semaine|mois)\b|\bune fois\b|\bon se (?:revoit|retrouve)\b|"
                       # "les horaires démarrent le vingt-deux": the calendar of things, not a plan
                       r"\b(?:démarre|démarrent|commence|commencent|débute|débutent|tombe|tombent) le\b")
FIRM = re.compile(r"(?:^|, )(?:ça |ça, )?c'est (?:sûr|certain|décidé|acté)\b|\bc'est décidé\b")
ALTERNATIVE = re.compile(r"(?:^|, )(?:et )?(?:c'est|ce sont|tu|t'|il|elle|ils|elles|vous|on) .*\bou "
                         r"(?:c'est|ça|il|elle|ils|elles|tu|vous|on|bien|plutôt)\b")
# Not a conditional ("j'aimerais la faire avant Noël" wishes), a modal or an opinion ("je peux plus
# reculer, ça démarre le vingt-deux"), nor an imperfect ("j'allais dire que je prends").
PRESENT_1 = re.compile(r"(?:\bje |\bj'|(?<!tu )(?<!il )(?<!elle )(?<!vous )\bnous |\bon |\bc'est moi qui )" + CLITICS +
                       r"(?!\w+rai(?:s|t)?\b|\w+ra\b|(?:peux|peut|dois|doit|sais|crois|pense|trouve)\b)"
                       r"(?!(?!(?:\w*fais|vais|\w*connais|parais|apparais|disparais|tais|\w*plais)\b)\w+ai[st]\b)\w+")

LEARNING = re.compile(
    SUBJECT_1SG + r"(?:apprends|prends conscience|réalise|me rends compte|découvre|comprends mieux)\b|"
    r"\b(?:ça|cela|ce qui|cette séance|la séance|cet échange|ton histoire|ta situation|ton cas) "
    r"m'a (?:(?:fait|permis de|aidé à) (?:prendre conscience|comprendre|réaliser|voir|découvrir|mesurer|"
    r"saisir|sentir)|appris|ouvert les yeux|rappelé)\b|"
    r"\bmon (?:principal |plus grand |grand )?(?:apprentissage|enseignement)\b|"
    r"\b(?:ma|la) (?:principale |grande |vraie |première )?leçon,? (?:du jour|de la séance|pour moi|"
    r"que je (?:tire|retiens)|c'est|est)")
# Cues that also fit looking back on a story, or retaining suggestions in the synthesis.
LEARNING_LOOKING_BACK = re.compile(
    r"\bj'ai vu (?:ce soir|aujourd'hui) (?:que|qu')|"
    r"\ble (?:grand |vrai )?changement(?: pour moi)?,? c'est (?:que|qu')|" +
    SUBJECT_1SG + r"(?:ai (?:beaucoup |énormément |vraiment )?appris|ai pris conscience|ai réalisé|"
    r"me suis rendu compte|me suis aperçue?|ai compris|ai découvert)\b")
LEARNING_IN_REVIEW = re.compile(
    SUBJECT_1SG + r"(?:en )?(?:retiens|ai retenu|garde|repars avec|emporte|retire)\b|"
    # Understanding now, said in the learnings: "ce que je comprends aujourd'hui, c'est ...".
    r"\bce que (?:je comprends|j'ai compris|je découvre|j'emporte|je retiens)\b|"
    r"\bje comprends (?:ce soir )?(?:que|qu') ?(?:je |j'|c'est|on |si )|"
    r"\bje (?:comprends|vois|sais) (?:maintenant|aujourd'hui|ce soir|désormais|mieux|enfin) (?:que|qu'|à quel|combien|"
    r"comment|pourquoi)|"
    r"\bce qui m'a (?:marqué|frappé|touché|interpellé|surpris|sauté aux yeux|fait réfléchir)e?s?\b|"
    r"\b(?:le truc|la chose|ce) qui me reste\b|\ble déclic\b|\bj'ai remarqué (?:que|qu')|\bje m'aperçois (?:que|qu')|"
    r"\bje vois (?:bien )?(?:que|qu')|"
    r"\bje repars (?:avec|en comprenant|en sachant|en me disant)\b|\bce qui me (?:frappe|marque|touche|interpelle|surprend|travaille)\b|\bje (?:ne )?l'avais (?:jamais|pas) vue? (?:comme ça|sous cet angle)|"
    r"^(?:et )?pour moi,? (?:euh,? )?c'est (?:que|qu')|\bje note que\b|\bil m'apparaît\b|"
    r"\bje mesure (?:mieux )?(?:que|qu'|à quel)|\bje constate (?:que|qu')|\bune prise de conscience\b|"
    r"\bce qui (?:en )?ressort(?: pour moi)?,? c'est\b|"
    # A pseudo-cleft about what moved: "ce qui a bougé pour moi, c'est de voir que ...", "ce que je
    # vois maintenant, c'est que ...", "ce qui change, c'est que je me vois ...".
    r"\bce (?:qui|que) (?:a bougé|bouge|change|a changé|reste|me reste)"
    r"(?: (?:maintenant|aujourd'hui|ce soir|pour moi|en tant que \w+))*,? c'est (?:que|qu'|de|d'|la |le |l')|"
    # What the speaker takes home, whatever the verb: "ce que j'embarque, c'est que ...", "ce que je
    # ramène de ce soir, c'est de ...", "la leçon de la soirée, c'est que ...".
    r"\b(?:ce|la chose|le truc|la grosse affaire|l'affaire|l'idée|la phrase|l'image|le mot) (?:que|qu') ?(?:je |j')"
    r"(?:[\w'-]+ ?){1,5},? c'est (?:que|qu'|de|d')|\bje me suis (?:reconnue?|retrouvée?) dans\b|"
    r"\b(?:ma|la) (?:\w+ )?leçon(?: [\w'-]+){0,4},? c'est (?:que|qu'|de|d')")
LEARNING_NEGATED = re.compile(r"\bje (?:n'|ne )(?:ai )?(?:rien |pas |pas grand-chose )?"
                              r"(?:appris|retenu|retiens|apprends|compris)")
# A lesson said as a general truth: "c'est pas X, c'est Y", "quand on ...", "on croit ..., alors que".
MAXIM = re.compile(r"\bc'est pas [^,]+, c'est\b|\bce n'est pas [^,]+, c'est\b|^(?:et )?quand on\b|"
                   r"\bc'est une (?:forme|façon|manière) de\b|"
                   r"\bon croit [^,]+, alors que\b|\ble plus (?:dur|difficile|important|simple)(?:,)? c'est\b")
# Who says a maxim speaks of themselves or to someone: then it is no general truth.
# ("Moi, annoncer une mauvaise nouvelle vite, c'est une forme de respect" still states a truth.)
SPEAKER = re.compile(r"\b(?:je|tu|vous|toi|mon|ma|mes|ton|ta|tes)\b|\b[jt]'")
# Remarks on how the session went.
SESSION_TALK = re.compile(r"\b(?:séance|timing|minutes|tour de table|consultation|contrat|clarification|animation|"
                          r"le temps|la prochaine fois)\b")
# The steps of the session, as the facilitator names them to lead the group through them.
SESSION_STEP = re.compile(r"\b(?:la|cette|de la) (?:séance|consultation|clarification|synthèse)\b|"
                          r"\b(?:le|un) tour de table\b|\bles apprentissages\b")
# Changing how the next sessions run is a commitment: "la prochaine fois, on rajoute cinq minutes à la consultation".
NEXT_TIME = re.compile(r"\bla prochaine (?:fois|séance)\b|\bprochaine séance\b")
# Thanks rather than a learning: "J'ai beaucoup appris aujourd'hui, merci."
NO_CONTENT = re.compile(r"\b(?:appris|apprends|retiens)(?: (?:beaucoup|plein de choses|des choses|"
                        r"énormément|tellement))?(?: (?:aujourd'hui|ce soir|avec vous|grâce à vous))?"
                        r"\W*(?:merci\b.*)?$|"
                        # A pointer back to what was said: "C'est ça que j'emporte."
                        r"^(?:et )?c'est (?:ça|ce|cela) (?:que|qu') ?(?:je |j')\w+(?: de \w+)?\W*$")

# The client's own question, said in the contract as what they ask of the group: "alors je dirais
# plutôt : comment je prends ma place face à Martine".
REQUEST_AS_QUESTION = re.compile(r"(?:^|[:,] )(?:et |alors |donc )?comment (?:est-ce que )?(?:je |j')\w+|"
                                 r": comment (?!dire\b)\w+(?:er|ir|re|oir)\b")   # "je dirais : comment obtenir que ..."
DEMAND = re.compile(
    r"\bma (?:demande|requête|question pour le groupe|question au groupe)\b(?!\s+(?:de|d')\b)|"
    r"\bce que (?:j'attends|je voudrais|j'aimerais|je souhaite|je souhaiterais) (?:de vous|du groupe|de ce groupe|"
    r"de cette séance|de la séance|de vous tous)|"
    r"\bj'attends (?:de vous|du groupe|de ce groupe)|"
    r"\b(?:ce que (?:je |j')(?:voudrais |aimerais |veux )?(?:vous |te )?demander?|je vous demande de|"
    r"je vous demanderais de)\b|"
    r"\b(?:j'aimerais|je voudrais|je souhaite|je souhaiterais) (?:que )?(?:vous|le groupe) "
    r"(?:m'|me )aid|"
    r"\b(?:j'aimerais|je voudrais|je souhaite|je souhaiterais|j'ai besoin de|j'attends) "
    r"(?:avoir |recevoir |entendre |connaître )?(?:votre|vos) (?:aide|idées|conseils|regards|retours|avis|"
    r"lumières)\b|"
    r"\b(?:pouvez|pourriez)[- ]vous m'aider\b|\bvous (?:pouvez|pourriez|pourrez) m'aider\b|\baidez-moi à\b|"
    r"\bque (?:vous|le groupe) m'aid(?:iez|e)\b|"
    r"\bce dont j'ai (?:besoin|envie)\b|\bce que je (?:cherche|viens chercher)\b|"
    r"\bje (?:cherche|suis à la recherche d(?:e|'))\s*(?:des |vos |de nouvelles |quelques )?(?:idées|pistes|"
    r"conseils|moyens?|solutions)\b|"
    r"\b(?:j'aimerais|je voudrais|je souhaite|je souhaiterais) (?:repartir|ressortir|sortir d'ici) avec\b")


REPEATED_WORD = re.compile(r"(?<![\w-])(?!nous\b|vous\b)(\w+'?)(?:,? \1\b)+")


def normalise(text: str) -> str:
    # Whisper sometimes writes "pourquoi" as "pour quoi", "peut-être" as "peut être", and the
    # spoken "as-tu" as "a tu".
    # A word said twice as the speaker looks for the next ("ce que je, je vois") is read once
    # ("nous nous", "vous vous" are reflexive).
    text = REPEATED_WORD.sub(r"\1", norm(text))
    return re.sub(r"\ba tu\b", "as-tu", text).replace("pour quoi", "pourquoi").replace("peut être", "peut-être")


def _clause(text: str) -> str:
    return strip_fillers(normalise(text), FILLERS)


def question_cue(text: str) -> Cue | None:
    """What makes text read as a question from its words alone (no '?' needed)."""
    t = normalise(text)
    if t.endswith("!"):
        return None
    m = EST_CE.search(t) or INVERSION.search(t)
    # "Lancez-vous.", "préparez-vous une phrase": without a '?', a verb before "-vous" asks only if it
    # is one questions are made of ("avez-vous", "pensez-vous"); the others are imperatives.
    if m and not (m.re is INVERSION and m.group(0).endswith("-vous") and "?" not in t
                  and imperative_verb(m.group(0)[:-5]) not in INVERTED_VERBS):
        return Cue.matched(m)
    c = _clause(text)
    offset = len(t) - len(c)
    m = BARE_INVERSION.match(c)
    if m:
        return Cue.matched(m, offset)
    if WHY_NOT.match(c):
        return None
    # Also after a topic or a name put first: "et là, maintenant, comment tu te sens", "Olivier,
    # de quoi t'as peur".
    for start in [0] + [m.end() for m in re.finditer(r", ", c[:TOPIC])][:2]:
        m = WH_START.match(c, start)
        # After a noun put first, "qui" opens a relative clause: "et le président, qui est viticulteur".
        # After a condition, it asks: "si Réjean partait, qui ferait les inspections".
        if m and not (start and m.group(0) in ("qui", "quoi") and not c.startswith(("si ", "s'il", "et si "))):
            return None if EXCLAMATION.match(c, start) else Cue.matched(m, offset)
    m = SUBORDINATE_WH.match(c)
    if m:
        opener = m.group(1)
        return None if opener in CLAUSE_OPENERS or opener.startswith(("l'", "j'", "c'", "t'", "s'", "m'", "n'", "qu'")) \
            else Cue.matched(m, offset)
    m = next((m for p in DISGUISED[:4] if (m := p.search(c))), None)
    return Cue.matched(m, offset) if m else None


def opens_question(text: str) -> bool:
    return question_cue(text) is not None


# Where ASR dropped the punctuation: a question opening mid-utterance ("... familles
# est-ce que ...", "... depuis quand as-tu ..."), unless a linking word comes before it;
# a bare answer after a question; a new subject in a run-on (after a noun, a subject
# pronoun can only open a clause).
QUESTION_ONSET = re.compile(
    r"(?:(?:depuis |à |de |pour |avec |en |sur |par )?(?:quand|comment|combien|pourquoi|où|qui|"
    r"quoi|quel\w*)(?: de \w+)? )?(?:est-ce qu|(?!rendez-vous\b)\w+-(?:t-)?(?:tu|vous|il|elle|on)\b)|"
    r"qu'est-ce|et si (?:tu|vous)\b|quel(?:le)?s? (?:est|sont|était|étaient)\b")
# In a run-on (ASR lost the punctuation), more openings start a question after a noun or an
# adverb: a bare inversion ("... va bien as tu essayé ..."), or a wh-word that cannot be a
# relative ("comment", "combien", "pourquoi", "qu'en"), unless a verb of knowing or a negation
# makes it indirect ("je ne sais pas comment").
RUN_ON_QUESTION_ONSET = re.compile(
    BARE_INVERSION.pattern + r"|(?:comment|combien|pourquoi|pour quoi|qu'en)\b(?! (?:ça|cela) (?:se )?(?:fait|va)\b)")
# Verbs of asking or knowing, whose object may be an indirect question (read before spaCy's lemmas).
ASKING_VERB = re.compile(r"(?:demand|expliqu|montr|racont|cherch|vérifi|compren|compri)\w*|"
                         r"sais|sait|savoir|savent|sache|dis|dit|dire|dites|ignore")
INDIRECT_BEFORE = {"pas", "plus", "jamais", "rien", "sais", "sait", "savoir", "demande", "comprends",
                   "vois", "voir", "dire", "expliquer", "raconter", "idée", "importe", "exactement"}
WH_OPENING = re.compile(r"(?:\w+ )?(?:quand|comment|combien|pourquoi|où|qui|quoi|que|qu'|quel\w*)\b")
LINKS = {"et", "mais", "ou", "donc", "alors", "puis", "comment", "pourquoi", "quand", "où",
         "combien", "qui", "quoi", "que", "qu'", "depuis", "pis",
         "genre", "ben", "bah", "euh"}      # fillers: "genre tu lui dis", "ou ben je suis le boss"
ANSWERS = {"oui", "non"}
SUBJECT_ONSET = re.compile(
    # "il y a deux ans" goes on the clause before it as a time.
    r"(?:je|tu|il(?! y a)|elle|on|ils|elles)\b(?!-)|j'|vous (?:pourriez|devriez)\b|il faudrait\b|moi je\b|"
    r"(?:une|mon|ma) (?:autre )?(?:idée|piste|option|hypothèse|suggestion)\b|"
    r"ce (?:qui|que|qu') ?(?:me |m'|je |j')|à (?:ta|votre) place\b|pourquoi ne pas\b")
# Words after which a subject goes on the same sentence ("le jour où il ...").
SUBORDINATORS = {"que", "qu'", "si", "s'", "quand", "comme", "où", "lorsque", "lorsqu'", "puisque",
                 "puisqu'", "parce", "dont", "et", "ou", "mais", "donc", "car", "ni", "le", "la",
                 "les", "l'", "un", "une"}


# A question word in place, at the end of its clause ("ça se passe comment", "tu y présentes
# quoi") or before its noun ("elle a quel âge"), once ASR has dropped the '?'.
IN_SITU_END = {"comment", "quoi", "où"}
IN_SITU_NOUN = {"quel", "quelle", "quels", "quelles", "combien"}
TOPIC = 60    # characters of a topic or a name put before the question
SUBJECTS = {"tu", "vous", "ça", "il", "elle", "on", "ils", "elles", "t'", "te"}
# Words that may close a clause after the question word: "ça veut dire quoi exactement".
CLAUSE_TAILS = {"exactement", "concrètement", "précisément", "là", "alors", "donc", "toi", "vous", "finalement"}
# Addressing the client, the '?' lost: "tu en as parlé à ta directrice", "t'as une autre piste".
ADDRESSING_STEPS = ("clarification", "follow_up")
# Where someone asks the client or the group, a line to "tu"/"vous" cut short by the next
# speaker's turn (no final punctuation, more words follow) lost its '?': "Tu as besoin d'autre
# chose de la part du groupe Non, ça ira." The presentation (the client tells, "tu scannes
# l'ordonnance") and the consultation (proposals to "tu") are left out.
ASKING_STEPS = ADDRESSING_STEPS + ("contract", "synthesis", "learnings", "client_choice")
ANSWER_OPENING = re.compile(r"(?:ben|bah|oui|non|ouais|euh|bon|alors là)\b")
MIN_CUT_QUESTION = 5    # words of a line cut short to read it as a question
FIRST_PERSON = re.compile(r"\b(?:je|moi|me|nous|on)\b|\b[jm]'")
# What a consultant's question is about: the client ("tu", "ton équipe"), a topic put first and taken
# up by a pronoun ("et Véronique, elle a ..."), or two options ("avec tout le monde ou seulement ...").
ASKING_ABOUT = re.compile(r"\b(?:tu|vous|ton|ta|tes|votre|vos)\b|\bt'|^(?:et )?[^,]{1,40}, (?:il|elle|ils|elles|ça)\b|"
                          r"\bou (?:\w+ )?(?:seulement|plutôt|bien|pas|avec|le|la|les|un|une|des|c'est|est-ce)\b")
VIEW_ASKED = re.compile(r",? (?:d'après (?:toi|vous)|à ton avis|à votre avis|selon (?:toi|vous)|tu crois|tu penses|"
                        r"vous croyez|vous pensez)\W*$")
# Asking leave: "je peux poser une question".
PERMISSION = re.compile(r"(?:je|j') (?:peux|pourrais) (?:(?:te|vous|lui) )?(?:poser une question|rebondir|ajouter quelque chose|"
                        r"dire un mot|intervenir)\b")


def _in_situ(sent) -> Cue | None:
    toks = [t for t in sent if not t.is_space]
    for i, tok in enumerate(toks):
        w = tok.lower_
        before = {t.lower_ for t in toks[max(0, i - 3):i]}
        if before & INDIRECT_BEFORE or before & {"si", "que", "qu'", "ce"}:
            continue
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        prev = toks[i - 1] if i else None
        # The small tagger often misses the verb ("tu te sens comment"): a subject just before does.
        after = toks[i + 2] if i + 2 < len(toks) else None
        closes = nxt is None or nxt.text in (",", "?") or (
            nxt.lower_ in CLAUSE_TAILS and (after is None or after.text in (",", "?"))) or (
            nxt.pos_ == "ADP" and before & SUBJECTS)    # "tu te vois où dans un an"
        # Between commas, "quoi" is a filler: "ça fait, quoi, deux ans".
        if w in IN_SITU_END and prev is not None and not prev.is_punct and closes and (
                prev.pos_ in ("VERB", "AUX") or before & SUBJECTS):
            return Cue(f"«{prev.text} {tok.text}»", prev.idx - sent.start_char, tok.idx + len(tok) - sent.start_char)
        # "c'est à quel point ne rien faire est un message": a degree, not a question.
        if nxt is not None and nxt.lower_ == "point" and prev is not None and prev.lower_ == "à":
            continue
        if w == "combien" and i or w in IN_SITU_NOUN and i and nxt is not None and (
                nxt.pos_ == "NOUN" or nxt.lower_ in ("de", "d'")):
            nxt = nxt or tok
            return Cue(f"«{tok.text} {nxt.text}»", tok.idx - sent.start_char, nxt.idx + len(nxt) - sent.start_char)
    return None


def is_question(sent, step: str) -> Cue | None:
    text = sent.text.rstrip()
    t = normalise(text)
    # "Je ne démissionne pas, rassurez-vous.": an imperative aside, not an inversion.
    if text.endswith((".", "!")) and re.search(r",\s*\w+ez-vous\W*$", t) and not EST_CE.search(t):
        return None
    # A word alone ("Honnêtement ?") echoes what was just said ("Quelqu'un ?" is two words and asks).
    if len(re.findall(r"\w+", t)) < 2:
        return None
    cue = question_cue(text)
    if "?" in text:
        return cue or Cue("«?»", t.rfind("?"), t.rfind("?") + 1)
    c = _clause(text)
    if WHY_NOT.match(c):
        return None     # "Et pourquoi ne pas demander un appui juridique, ..." said flat proposes
    if cue is not None:
        # A question word said flat with a full stop introduces or reformulates ("comment je
        # garde la confiance de l'équipe, parce que ..."); inversions still ask.
        flat = text.endswith(".") and not (EST_CE.search(t) or INVERSION.search(t) or BARE_INVERSION.match(c))
        return None if flat else cue
    m = CHECKING.search(c)
    if m:
        return Cue("vérifie l'accord du groupe", len(t) - len(c) + m.start(), len(t) - len(c) + m.end())
    # Asking the listener's view: "c'est plutôt une question d'organisation ou d'orgueil, d'après toi".
    m = VIEW_ASKED.search(t)
    if m and not text.endswith("."):
        return Cue.matched(m)
    # A tag asks for a yes or no: "Ta cheffe, elle te soutient ou pas" (but "je ne sais pas si ... ou pas").
    m = re.search(r"\bou (?:pas|non)\W*$", t)
    unsure = re.search(r"\bsi\b|\bs'ils?\b|\bsavoir\b|\bsais\b|\bsoit\b", t)
    if m and not re.search(r"\bs(?:i |')|\bsavoir\b|\bsais\b", t):
        return Cue("«ou pas» final", m.start(), m.end())
    # Two answers offered, said flat: "Josiane, c'est dans la demande ou c'est à côté".
    m = ALTERNATIVE.search(t)
    if m and not unsure and not text.endswith("."):
        return Cue("alternative proposée", m.start(), m.end())
    # Asking leave to speak: "je peux poser une question, même si on est en consultation".
    m = PERMISSION.match(c)
    if m:
        return Cue.matched(m, len(t) - len(c))
    # Once ASR lost the final punctuation, what is left: a question word in place, an
    # agreement asked, and in the steps where the group asks the client, a line to "tu".
    # "Propose-lui une rencontre pour écrire qui décide quoi": advice, whatever it names.
    if _imperative(sent, c, len(t) - len(c), 0):
        return None
    cue = _in_situ(sent)
    # Whisper often ends a question said without inversion on a full stop: a question word in
    # place still asks ("tu te sens comment, là, maintenant."), and so, in the clarification where
    # the group asks, does a negative proposal ("ça réglerait pas une bonne partie du problème.").
    if text.endswith("."):
        m = NEGATIVE_PROPOSAL.search(c) if step == "clarification" else None
        return cue or (Cue.matched(m, len(t) - len(c)) if m else None)
    if text.endswith((".", "!", "…")):
        return None
    if cue:
        return cue
    m = AGREEING.search(t)
    if m:
        return Cue("demande l'accord du groupe", m.start(), m.end())
    m = GROUP_PROMPT.search(t)
    if m:
        return Cue("donne la parole au groupe", m.start(), m.end())
    # Opening on "ben", "oui"... the client answers: "Ben, le robot, tu scannes l'ordonnance".
    if ANSWER_OPENING.match(t):
        return None
    m = ADDRESSING.match(c)
    # Cut short: the next turn opens, capitalised, right after it.
    cut_short = sent.end < len(sent.doc) and sent.doc[sent.end].text[:1].isupper()
    if m and (step in ADDRESSING_STEPS or cut_short and step in ASKING_STEPS):
        return Cue("adressé à quelqu'un, sans ponctuation finale", len(t) - len(c), len(t))
    # In the clarification the consultants ask: a line the next turn cut short before any
    # punctuation was a question ("Et Lemaire, il se comporte comme ça avec tout le monde ou
    # seulement avec les jeunes Non, ..."); the client's answers end on a full stop.
    if cut_short and step in ADDRESSING_STEPS and len(re.findall(r"\w+", t)) >= MIN_CUT_QUESTION \
            and not FIRST_PERSON.search(t) and ASKING_ABOUT.search(t):
        return Cue("coupé par le tour suivant, sans ponctuation", len(t) - len(c), len(t))
    return None


def _open_wh(c: str) -> bool:
    return bool(WH_START.match(c) or re.match(r"qu'|que\b", c)) and not c.startswith("pourquoi")


def is_disguised(sent) -> bool:
    """A question that proposes a solution (the classic clarification fault); not one that
    reframes the client's demand ("votre demande, ce serait pas plutôt autour du maire ?")."""
    c = _clause(sent.text)
    if re.search(r"\b(?:ta|votre) (?:demande|question)\b", c):
        return False
    if any(p.search(c) for p in DISGUISED[:3]):
        return not _open_wh(c)
    if DISGUISED[3].search(c):
        # "si tu avais une baguette magique, ça ressemblerait à quoi": an open question.
        return not (INVERSION.search(c) or re.search(r", (?:qu'est-ce|comment|quel)|\b(?:quoi|comment|où|combien)\W*$", c))
    if c.startswith("pourquoi"):
        # "Pourquoi tu ne fais pas ...", not the reproach "pourquoi tu n'as pas ...".
        return bool(DISGUISED[4].match(c) or (NEGATION.search(c) and not PAST_COMPOUND.search(c)
                                               and TO_THE_CLIENT.match(c)))
    if _open_wh(c) or SPEECH_REQUEST.search(c):
        return False
    return bool(PROPOSING_MODAL.search(c) or NEGATED_CONDITIONAL.search(c) or NEGATIVE_PROPOSAL.search(c))


@functools.cache
def _verb_lexicon() -> tuple[frozenset[str], dict]:
    """French verbs as fr_core_news_sm's lemmatizer knows them: its 8,900 infinitives, and its
    irregular forms with their infinitives ("prends" -> ["prendre"])."""
    lookups = pipeline("fr").get_pipe("lemmatizer").lookups
    return frozenset(lookups.get_table("lemma_index")["verb"]), lookups.get_table("lemma_exc")["verb"]


def imperative_verb(word: str) -> str | None:
    """The infinitive whose second-person imperative word can be: "invite" -> "inviter",
    "appuie" -> "appuyer", "appelle" -> "appeler", "protège" -> "protéger", "choisis" ->
    "choisir", "prenez" -> "prendre", "fais" -> "faire"; None for any other word."""
    infinitives, forms = _verb_lexicon()
    if word.endswith("ez"):
        regular = [word[:-2] + "er"]
    elif word.endswith("e"):
        stem = word[:-1]
        # The spelling changes of the -er verbs before a silent e: appuyer, appeler, jeter, protéger, lever.
        regular = [stem + "er", stem[:-1] + "yer", stem[:-1] + "er" if stem.endswith(("ll", "tt")) else "",
                   re.sub("è(?=[^è]*$)", "é", stem) + "er",
                   re.sub("è(?=[^è]*$)", "e", stem) + "er"]
    elif word.endswith("is"):
        regular = [word[:-1] + "r"]     # choisis, réfléchis
    elif word.endswith("es"):
        regular = [word[:-2] + "er"]    # "parles-en", "penses-y"
    else:
        regular = []
    infinitive = next((v for v in regular if v in infinitives), None)
    if infinitive:
        return infinitive
    # Other verbs from the lexicon's forms: "prends", "faites", "va", "ouvre"; not a past
    # participle ("mis", "pris"), a future ("ferez") or a third person ("prend").
    infinitive = forms.get(word, [None])[0]
    if infinitive is None or not word.endswith(("s", "x", "e", "ez", "es", "a")) or word.endswith("rez") or (
            word.endswith("is") and infinitive.endswith(("mettre", "prendre", "quérir", "seoir"))):
        return None
    return infinitive


def _imperative(sent, c: str, offset: int, start: int) -> Cue | None:
    """An imperative opening c at start: a verb form whose imperative is advice, followed by what
    follows a verb; bare and before a comma only with its pronoun ("cadre-les, mais garde-les",
    not "Écoute, c'est compliqué")."""
    m = IMPERATIVE.match(c, start)
    if m is None:
        return None
    verb = _token(sent, m.group("verb"))
    if not (AFTER_VERB.match(c, m.end()) or _names_someone(verb, sent)):
        return None
    infinitive = imperative_verb(m.group("verb"))
    if infinitive is None or infinitive in NOT_ADVICE and not m.group("clitic") or m.group("clitic") == "-y" and (
            infinitive == "aller"):
        return None     # "vas-y", "allez-y": go ahead
    if c.startswith(",", m.end()) and not m.group("clitic") or verb.pos_ in NOT_VERB_POS:
        return None
    return Cue(f"impératif «{m.group(0)}»", offset + m.start(), offset + m.end())


def _token(sent, word: str):
    """The first token of sent that is word or begins with it and a hyphen ("cadre-les")."""
    return next((t for t in sent if t.lower_ == word or t.lower_.startswith(word + "-")), sent[0])


def _names_someone(tok, sent) -> bool:
    """"Invite Monique à déjeuner": the verb's token is followed by a name."""
    after = tok.nbor() if tok.i + 1 < sent.end else None
    return after is not None and after.is_title


def _conditional_1sg(sent) -> Cue | None:
    """"Moi je commencerais par ...": the speaker proposes by saying what they would do.
    Said aloud "-rais" and "-rai" sound alike, and ASR writes either: a consultant's
    "je commencerai par" is the same proposal."""
    for i, tok in enumerate(sent):
        w = tok.lower_
        if not w.endswith(("rais", "rai")) or w.rstrip("s") + "s" in NOT_PROPOSING:
            continue
        # "je montrais" is an imperfect, "je montrerais" a conditional.
        if tok.lemma_.endswith("rer") and w == tok.lemma_[:-2] + "ais":
            continue
        before = normalise(sent[max(0, i - 4):i].text) + " "
        # "Je vous enverrai ses coordonnées": an offer (a commitment), not a proposal.
        if SUBJECT_BEFORE.search(before) and not re.search(r"\b(?:vous|te|t')\s*(?:\w+ )?$", before):
            start = sent[max(0, i - 1)].idx - sent.start_char
            return Cue(f"conditionnel à la première personne «{tok.text}»", start, tok.idx + len(tok) - sent.start_char)
    return None


# Consultants propose in the consultation; in the clarification and the follow-up only a proposal
# said as such ("tu pourrais ...", "à ta place ...") is one. Elsewhere the client speaks, and
# a proposal recalled there ("l'idée, c'est de l'écouter, comme tu disais") is theirs to keep.
SUGGESTION_STEPS = ("clarification", "consultation", "follow_up")


def is_suggestion(sent, step: str) -> Cue | None:
    if step not in SUGGESTION_STEPS:
        return None
    t = normalise(sent.text)
    c = _clause(sent.text)
    offset = len(t) - len(c)
    if SPEECH_REQUEST.search(c) or HYPOTHESIS.search(c) or REPORTED.match(c):
        return None
    m = next((m for p in SUGGESTION if (m := p.search(c))), None)
    if m:
        return Cue.matched(m, offset)
    m = IN_YOUR_SHOES.search(c)
    if m:
        # "À ta place je parlerais ...", not the past "à ta place, j'aurais fait pareil".
        return Cue.matched(m, offset) if re.search(r"\w+(?:rais|rait)\b", c) and not PAST_CONDITIONAL.search(c) else None
    if step != "consultation":
        return None
    # "Et si tu demandais à la maintenance pourquoi ...", said flat: a proposal (with a '?' it
    # is a question that proposes, and so a suggestion too).
    m = next((m for p in CONSULTANT_SUGGESTION if (m := p.search(c))), None) or next(
        (m for start in _openings(c) if (m := IF_YOU_DID.match(_clause(c[start:])))), None)
    if m:   # (m.string is c, or c's end with its fillers stripped)
        return Cue.matched(m, offset + len(c) - len(m.string))
    # An imperative opens the clause, or follows a colon or a topic put first: "je la reformule :
    # parlez avec votre confrère", "et l'avis Google, la cliente, réponds-lui"; it comes before a
    # conditional that may be the negated aside ("je ne parlerais pas de plainte, mais faites ...").
    if NEGATED_QUESTION_TAG.search(c):
        return None     # "Fais attention, non ?"
    return next((cue for start in _openings(c) if (cue := _imperative(sent, c, offset, start))), None) or (
        _conditional_1sg(sent))


def _openings(c: str) -> list[int]:
    """Where a proposal may open: the clause's start, after a topic or a name put first (two
    commas within TOPIC characters), after a colon ("une idée un peu folle : et si tu ...")."""
    colon = c.find(": ")
    return [0] + [m.end() for m in re.finditer(r", ", c[:TOPIC])][:2] + ([colon + 2] if colon >= 0 else [])


def _is_action(verb: str, addressed: bool, after: str, step: str) -> bool:
    """Whether "je vais <verb> <after>" is an act (not discourse, thinking, or a vague "voir")."""
    after = after.strip()
    if verb in LEADING:
        inner = re.match(r"(?:par|de|d'|à) ?" + INFINITIVE.pattern, after)
        if inner and inner.group("verb").endswith(("er", "ir", "re", "oir")):
            return _is_action(inner.group("verb"), bool(ADDRESSEE.search(inner.group("lead"))),
                              inner.group("after"), step)
        # "Je vais commencer les entretiens" is an act; "je vais commencer (par le début)"
        # is one only where the speaker plans.
        return bool(after.strip(" .,!")) and not after.startswith(",") and (
            not after.startswith("par") or step in ACTION_STEPS)
    # "je vais m'arrêter là", "on terminera par le fonctionnement de la séance": the session's order.
    if verb in DISCOURSE and (re.fullmatch(r"(?:là|ici|par là|avec ça)?\W*", after) or after.startswith("par ")) \
            or verb in THINKING or (
            verb in CONFIDING and re.match(r"(?:que|qu'|franchement|honnêtement|\W*$)", after)):
        return False
    if verb == "finir" and after.startswith("par") or verb == "partir" and re.match(r"d[e'u]", after):
        return False    # "je finirai par les avoir", "je vais partir de mon expérience": no act
    if verb == "être" and not re.match(r"(?:plus|là|présente?|prête?|disponible|à|au|aux|en|chez|avec|dans|sur)\b", after):
        return False    # "je serai celle qui ...", "je serai attentif aux conseils": a stance, no act
    if verb in NOT_INTENT:
        # "J'aurai fini d'ici vendredi" is a commitment, "j'aurai besoin d'aide" is not.
        return verb == "avoir" and re.match(r"(?:\w+ )?\w+(?:é|i|u|is|it)\b", after) is not None
    if verb == "être" and BLUNT.match(after) or verb == "voir" and VAGUE_SEE.match(after) or (
            verb == "faire" and BRIEF.match(after)):
        return False
    # "Je vous dirai à la prochaine séance comment ça s'est passé": a promise to report back.
    return not (verb in SPEECH and (addressed or step not in ACTION_STEPS)) or bool(
        step in ACTION_STEPS and TIME_MARKER.search(after))


def _infinitive_of_future(verb: str) -> str:
    """"proposerai" -> "proposer", "dirai" -> "dire", "ferai" -> "faire"."""
    stem = verb[:-3] if verb.endswith("rons") else verb[:-1] if verb.endswith("ra") else verb[:-2]
    return IRREGULAR_FUTURE.get(stem, stem)


def _present_plural(verb: str) -> bool:
    """"nous entrons", "nous préparons": a present whose stem ends in r, not a future ("nous
    garderons", "nous ferons")."""
    infinitives, _ = _verb_lexicon()
    return any(verb[:-3] + ending in infinitives for ending in ("er", "ir"))


def _in_if_clause(t: str, m) -> bool:
    """"Je ne sais pas si je vais rester": an intention under "si" is an open question."""
    return re.search(r"\bsi\s+$", t[:m.start()]) is not None


def is_commitment(sent, step: str) -> Cue | None:
    cue = _commitment(sent, step)
    t = normalise(sent.text)
    # The facilitator leading the group: "nous entrons dans la consultation", "puis nous dirons
    # un mot de la séance". The group's plans are said of its work, not of the session's steps.
    if cue and SESSION_STEP.search(t) and not NEXT_TIME.search(t) and re.match(r"(?:nous|on)\b", t[cue.start:cue.end]):
        return None
    return cue


def _commitment(sent, step: str) -> Cue | None:
    t = normalise(sent.text)
    m = ENGAGE.search(t)
    if m:
        negated = re.search(SUBJECT_1SG + r"(?:ne |n')" + CLITICS + r"(?:m'engage|promets|compte)", t)
        return None if negated else Cue.matched(m)
    m = ALLER.search(t) or (VOULOIR.search(t) if step in ACTION_STEPS else None)
    if m and (not m.group(0).startswith("on") or step in ("synthesis", "follow_up")):
        if m.group("neg") or NEGATED_REST.match(m.group("rest")) or _in_if_clause(t, m):
            return None
        v = INFINITIVE.match(m.group("rest"))
        if v and v.group("verb").endswith(("er", "ir", "re", "oir")):
            acts = _is_action(v.group("verb"), bool(ADDRESSEE.search(m.group("clitics") + v.group("lead"))),
                              v.group("after"), step)
            return Cue(f"«{t[m.start():m.start('rest')]}{v.group('verb')}»", m.start(),
                       m.start("rest") + v.end("verb")) if acts else None
        # No infinitive: "j'y vais demain matin" is "aller" itself, in the present.
    futures = (FUTURE_1, FUTURE_1PL) + ((FUTURE_ON,) if step in ACTION_STEPS else ()) + (
        (FUTURE_HEARD,) if step in ("synthesis", "follow_up") else ())
    for pattern in futures:
        m = pattern.search(t)
        if m and not (pattern is FUTURE_1PL and _present_plural(m.group("verb"))):
            if m.group("neg") or NEGATED_REST.match(m.group("rest")) or _in_if_clause(t, m):
                return None
            if _is_action(_infinitive_of_future(m.group("verb")), bool(ADDRESSEE.search(m.group("clitics"))),
                          m.group("rest"), step):
                return Cue(f"futur «{t[m.start():m.end('verb')]}»", m.start(), m.end("verb"))
            # "quand j'aurai la politique en main" is no act; the plan may be said in the present.
    # Present tense with a time to come: "avant Noël, je reprends le dossier avec lui", "je te
    # l'envoie ce soir"; only where the speaker plans or offers (in the presentation "on doit
    # livrer d'ici l'été" is the situation), and only by the people present ("il arrive demain"
    # is news).
    # The present made firm without a date: "Thierry, je l'emmène avec moi, ça c'est sûr".
    m = PRESENT_1.search(t) if step in ACTION_STEPS and FIRM.search(t) else None
    if m and not PAST.search(t[:m.end()]):
        return Cue(f"présent affirmé «{m.group(0)}»", m.start(), m.end())
    dated = TIME_MARKER.search(t) or said_deadline(t, "fr")
    if not (dated or SEASON.search(t)):
        return None
    m = OFFER.search(t)
    if m:
        return Cue(f"offre datée «{m.group(0)}»", m.start(), m.end())
    if step not in ACTION_STEPS:
        return None
    # The negation around the verb is weighed as context; a past said before the verb tells a
    # story ("lundi j'ai appelé"), one after it may not ("je rappelle demain celle à qui j'avais promis").
    m = PRESENT_1.search(t)
    past = PAST.search(t)
    if m and re.search(r"\bs(?:i |')\s*$", t[:m.start()]):
        return None     # "si je me tiens à ma règle du lundi": a condition, not a plan
    if m and not (past and past.start() <= m.start()):
        return Cue(f"présent avec une date à venir «{m.group(0)}»", m.start(), m.end())
    if past or NEGATION.search(t):
        return None
    # The client's plan said of things: "dès la semaine prochaine, les réunions passent à trente
    # minutes" (but "il arrive demain" is news of someone).
    if dated and step in ("synthesis", "follow_up") and not (NEWS_SUBJECT.search(t) or SCHEDULED.search(t) or FEELING.search(t)
                                                   or DONE.search(t)):
        return Cue("plan daté")
    return None


def is_demand(sent, step: str) -> Cue | None:
    """The request of the contract step: "ma demande, c'est ...", or the client's own "comment
    je ..." said as what they ask the group."""
    if step != "contract":
        return None
    t = normalise(sent.text)
    m = DEMAND.search(t) or REQUEST_AS_QUESTION.search(t)
    return Cue.matched(m) if m else None
