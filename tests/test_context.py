"""Context modifiers (summarise/context/*.toml): near-miss pairs, a cue without and with each
modifier, in both languages, written from ../shared/eval/CONVENTIONS.md. Every category of the
data files has its pairs here: a modifier added without one fails test_every_modifier_has_a_pair."""
import datetime
import tomllib

import pytest

from summarise import extract_text, set_aside
from summarise.context import FOLDER, modifiers
from summarise.extract import Segment

SESSION = datetime.date(2026, 3, 4)

# (lang, category, step, kind, the cue alone: an item, the same cue in context: no item of kind)
PAIRS = [
    ("fr", "reported", "presentation", "question",
     "Pourquoi tu ne lui en parles pas ?", "Mon voisin m'a dit : pourquoi tu ne lui en parles pas ?"),
    ("fr", "reported", "consultation", "suggestion",
     "Tu pourrais lui proposer un essai.", "Ma cheffe m'a dit que tu pourrais lui proposer un essai."),
    ("fr", "reported", "clarification", "question",
     "Vous comptez rester jusqu'à quand ?", "Vous comptez rester jusqu'à quand ? a-t-il dit."),
    ("fr", "inner speech", "presentation", "question",
     "Qu'est-ce que je fais maintenant ?", "Et là je me suis dit, qu'est-ce que je fais maintenant ?"),
    ("fr", "mentioned", "consultation", "question",
     "Est-ce que tu veux vraiment ce poste ?",
     "Réponds d'abord à la question, est-ce que tu veux vraiment ce poste."),
    ("fr", "negated", "consultation", "suggestion",
     "Je te conseillerais de la rencontrer seule.", "Je te conseillerais pas de la rencontrer seule."),
    ("fr", "hedged", "synthesis", "commitment",
     "Je vais appeler le syndicat jeudi.", "Je crois que je vais appeler le syndicat jeudi."),
    ("fr", "retracted", "synthesis", "commitment",
     "J'appelle le fournisseur demain.", "J'allais dire que j'appelle le fournisseur demain, mais non."),
    ("fr", "announcement", "contract", "demand",
     "Ma demande, c'est de savoir comment dire non.", "Bon, ma demande."),
    ("fr", "announcement", "synthesis", "commitment",
     "Ce que je vais faire, c'est appeler Paul lundi.", "Alors, ce que je vais faire."),
    ("fr", "process", "consultation", "suggestion",
     "Tu peux noter les dates des congés.", "Marc, tu écoutes, tu peux noter, on débat pas."),
    ("fr", "process", "client_choice", "commitment",
     "Je vous envoie le planning ce soir.",
     "Nos règles : ce qui se dit ici reste ici, et je vous envoie le planning ce soir si vous le demandez."),
    ("fr", "idiom", "consultation", "suggestion",
     "Tu devrais voir avec elle ses priorités.", "Tu devrais voir la tête du directeur quand on parle budget."),
    ("fr", "empathy", "consultation", "suggestion",
     "À ta place, je lui parlerais franchement.", "À ta place, je serais furieuse."),
    ("fr", "futile", "consultation", "suggestion",
     "Tu peux lui acheter un nouveau logiciel.", "Tu peux lui acheter un nouveau logiciel, ça changera rien."),
    ("fr", "trivia", "learnings", "learning",
     "J'ai appris que le silence aide le client à penser.",
     "Petite anecdote, j'ai appris que le silence aide le client à penser."),
    ("fr", "not yet", "learnings", "learning",
     "Ce que j'apprends, c'est que je décide trop vite.",
     "Ce que j'apprends, il me faut du temps pour le digérer."),
    ("fr", "answered", "clarification", "question",
     "Est-ce qu'elle l'a fait", "Est-ce qu'elle l'a fait, j'en sais rien à ce jour."),
    ("fr", "hypothetical", "synthesis", "commitment",
     "Je vais lui promettre une réponse vendredi.", "Parce que sinon je vais lui promettre une réponse vendredi."),
    ("en", "answered", "clarification", "question",
     "Did he sign it", "Did he sign it, I don't know."),
    ("en", "hypothetical", "synthesis", "commitment",
     "I'll promise them an answer on Friday.", "Because otherwise I'll promise them an answer on Friday."),
    ("fr", "rhetorical", "consultation", "question",
     "Qui pourrait t'aider dans l'équipe ?", "Et franchement, qui pourrait lui en vouloir ?"),
    ("en", "rhetorical", "consultation", "question",
     "Who could help you in the team?", "And honestly, who could blame him?"),
    ("en", "reported", "presentation", "question",
     "Why do you keep changing the rota?", "My deputy said to me, why do you keep changing the rota?"),
    ("en", "reported", "consultation", "suggestion",
     "You should talk to the union first.", "Her old boss used to say, you should talk to the union first."),
    ("en", "inner speech", "presentation", "question",
     "What am I doing wrong here?", "I keep thinking, what am I doing wrong here?"),
    ("en", "mentioned", "consultation", "question",
     "Do you want that job at all?", "Start from the question, do you want that job at all."),
    ("en", "hedged", "synthesis", "commitment",
     "I'll email the board on Monday.", "I'll probably email the board on Monday."),
    ("en", "retracted", "synthesis", "commitment",
     "I'll cancel the audit tomorrow.", "I was going to say I'll cancel the audit tomorrow, but no."),
    ("en", "announcement", "contract", "demand",
     "My request is to find a fair way to share the night shifts.", "Okay, so, my request."),
    ("en", "announcement", "synthesis", "commitment",
     "What I'm going to do is call the supplier on Friday.", "So, what I'm going to do."),
    ("en", "process", "consultation", "suggestion",
     "You can take notes on every incident.", "Sam, you listen, you can take notes, no debate."),
    ("en", "process", "client_choice", "commitment",
     "I'll send you the schedule tonight.",
     "Ground rules: what's said in this room stays in this room, and I'll send you the schedule tonight."),
    ("en", "idiom", "consultation", "suggestion",
     "You can ask her what she needs.", "You can bet she'll say no to that."),
    ("en", "empathy", "consultation", "suggestion",
     "If I were you, I'd ask for a mediator.", "If I were you, I'd be furious."),
    ("en", "futile", "consultation", "suggestion",
     "You could buy them a new tool.", "You could buy them a new tool, it won't change anything."),
    ("en", "trivia", "learnings", "learning",
     "I learned that silence gives the client room to think.",
     "Fun fact I learned today, silence gives the client room to think."),
    ("en", "not yet", "learnings", "learning",
     "My takeaway is that I decide too fast.", "My takeaway, I need time to digest it all."),
    ("fr", "hedged", "learnings", "commitment",
     "Je vais en parler à mes adjoints.", "Je vais en parler à mes adjoints, un jour."),
    ("fr", "hedged", "synthesis", "commitment",
     "Je vais tenir le planning de mars.", "Enfin, je vais essayer de tout tenir, le planning de mars et le reste."),
    ("en", "hedged", "synthesis", "commitment",
     "I'll sort out the rota.", "I'll sort out the rota at some point."),
    ("en", "hedged", "learnings", "commitment",
     "I'll check in with the new hires next week.", "I'll try harder with the new hires next week, I suppose."),
    ("fr", "hypothetical", "synthesis", "commitment",
     "J'embaucherai un apprenti en septembre.", "Si j'avais le budget, j'embaucherais un apprenti en septembre."),
    ("fr", "reported", "follow_up", "commitment",
     "Je ferai une note pour tout le service.", "J'avais dit aussi que je ferais une note pour tout le service."),
    ("en", "announcement", "contract", "demand",
     "What I'd like help with is how to say no to my director.", "So what I'd like help with, I think, is this."),
    ("fr", "empathy", "consultation", "suggestion",
     "Moi, à ta place, je l'appellerais.", "Moi, à ta place, ça me ferait mal."),
    ("en", "empathy", "consultation", "suggestion",
     "If I were you I'd call him tonight.", "If I were you I'd feel awful."),
]


def kinds(text, lang, step):
    return [i.kind for i in extract_text(text, lang=lang, step=step, session_date=SESSION)]


@pytest.mark.parametrize("lang, category, step, kind, alone, in_context", PAIRS,
                         ids=[f"{p[0]}-{p[1]}-{p[3]}" for p in PAIRS])
def test_modifier_cancels_its_kind(lang, category, step, kind, alone, in_context):
    assert kind in kinds(alone, lang, step), alone
    found = extract_text(in_context, lang=lang, step=step, session_date=SESSION)
    assert kind not in [i.kind for i in found], (in_context, [i.why for i in found])
    # ... and it is that modifier which set the cue aside, as --explain says.
    label = next(m.label for m in modifiers(lang) if m.category == category)
    aside = set_aside([Segment(None, None, in_context)], lang=lang, step=step, session_date=SESSION)
    assert any(i.kind == kind and label in i.why for i in aside), [i.why for i in aside]


def test_every_modifier_has_a_pair():
    tested = {(p[0], p[1]) for p in PAIRS}
    for path in sorted(FOLDER.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for modifier in data["modifier"]:
            assert (path.stem, modifier["category"]) in tested, (path.name, modifier["category"])


def test_why_names_the_cue_and_what_set_a_cue_aside():
    [item] = extract_text("Je vais appeler la DRH vendredi.", lang="fr", step="synthesis", session_date=SESSION)
    assert "«je vais appeler»" in item.why and "«vendredi»" in item.why
    # "peut-être" hedges an intention, not a proposal: the suggestion stands, its reason is its cue.
    [item] = extract_text("Tu pourrais peut-être lui écrire.", lang="fr", step="consultation", session_date=SESSION)
    assert (item.kind, item.why) == ("suggestion", "suggestion : «tu pourrais»")
    [aside] = set_aside([Segment(None, None, "Je crois que je vais appeler la DRH.")], lang="fr", step="synthesis",
                        session_date=SESSION)
    assert aside.kind == "commitment" and "écarté : intention incertaine «je crois que»" in aside.why
    [item] = extract_text("I'll call her on Friday.", lang="en", step="synthesis", session_date=SESSION)
    assert item.why == "commitment: «i'll call» · due «on Friday»"


@pytest.mark.parametrize("entry, problem", [
    ('direction = "sideways"', "direction must be"),
    ('max_scop = 2', "unknown key 'max_scop'"),
    ('cancels = ["questions"]', "unknown kind 'questions'"),
])
def test_a_modifier_that_would_do_nothing_is_refused_naming_its_file(tmp_path, monkeypatch, entry, problem):
    from summarise import context
    lines = {"category": 'category = "x"', "label": 'label = "x"', "cancels": 'cancels = ["question"]',
             "phrases": 'phrases = ["a"]'}
    lines[entry.split(" ")[0]] = entry
    (tmp_path / "xx.toml").write_text("[[modifier]]\n" + "\n".join(lines.values()) + "\n", encoding="utf-8")
    monkeypatch.setattr(context, "FOLDER", tmp_path)
    with pytest.raises(ValueError, match=problem) as refused:
        context.modifiers.__wrapped__("xx")
    assert "xx.toml" in str(refused.value)


def test_broken_data_file_names_itself(tmp_path, monkeypatch):
    from summarise import context
    (tmp_path / "xx.toml").write_text("[[modifier]\n", encoding="utf-8")
    monkeypatch.setattr(context, "FOLDER", tmp_path)
    with pytest.raises(ValueError, match="xx.toml"):
        context.modifiers.__wrapped__("xx")


def test_short_questions_after_an_inner_question_stay_inner():
    text = "Et je me dis : par ancienneté ? Par l'âge des enfants ? Au hasard ?"
    assert "question" not in kinds(text, "fr", "presentation")


# Said in ordinary sessions, these carry no modifier for their kind (a review found each set
# aside by a phrase list that was too broad).
ORDINARY = [
    ("en", "consultation", "Take a moment before you answer him, then call the union.", "suggestion"),
    ("fr", "consultation", "Prends un moment avec chaque agent avant la réunion.", "suggestion"),
    ("fr", "consultation", "Tu pourrais faire un premier tour des postes avec le chef d'atelier.", "suggestion"),
    ("fr", "synthesis", "Mon chef m'a demandé un budget, je vais le lui envoyer vendredi.", "commitment"),
    ("fr", "synthesis", "Il ne répond pas, je vais passer le voir jeudi.", "commitment"),
    ("fr", "synthesis", "Je vais appeler Paul lundi, il sera sûrement d'accord.", "commitment"),
    ("fr", "consultation", "Tu pourrais en parler avec le cadre de santé.", "suggestion"),
    ("fr", "consultation", "Tu pourrais donner la parole à chaque agent en début de réunion.", "suggestion"),
    ("fr", "consultation", "Tu pourrais faire un tour de table en début de réunion.", "suggestion"),
    ("fr", "learnings", "J'ai appris que mon équipe a besoin de temps pour changer.", "learning"),
    ("fr", "clarification", "Tu en as parlé à ta cheffe ? Elle a répondu quoi ?", "question"),
    ("en", "synthesis", "My boss asked me to send the budget, so I'll send it by Friday.", "commitment"),
    ("en", "synthesis", "I'll call the supplier tomorrow, hopefully they'll agree.", "commitment"),
    ("en", "consultation", "You could imagine a rotation for the on-call weeks.", "suggestion"),
    ("en", "consultation", "You could give your team the floor at the start of meetings.", "suggestion"),
    ("en", "learnings", "By the way, I learned that I need to listen more.", "learning"),
]


@pytest.mark.parametrize("lang, step, text, kind", ORDINARY, ids=[o[2][:40] for o in ORDINARY])
def test_ordinary_speech_keeps_its_items(lang, step, text, kind):
    assert kind in kinds(text, lang, step), [i.why for i in set_aside(
        [Segment(None, None, text)], lang=lang, step=step, session_date=SESSION)]


def test_two_short_questions_are_two_items_but_a_tag_goes_with_its_question():
    found = extract_text("Qui décide ? Tu as un budget ?", lang="fr", step="clarification", session_date=SESSION)
    assert [i.text for i in found] == ["Qui décide ?", "Tu as un budget ?"]
    found = extract_text("Did you tell her? What did she say?", lang="en", step="clarification", session_date=SESSION)
    assert len(found) == 2
    found = extract_text("Qu'est-ce qu'il lui avait promis ? Tu le sais ?", lang="fr", step="clarification",
                         session_date=SESSION)
    assert [i.text for i in found] == ["Qu'est-ce qu'il lui avait promis ? Tu le sais ?"]


# Spoken sessions, beyond the modifiers: what the grammar of the turn says (each from a cause of
# errors on sessions written apart, said here in other words).
SPOKEN = [
    # The facilitator leading through the steps commits to nothing, unless the next sessions change.
    ("fr", "consultation", "Nous entrons dans la consultation, chacun son idée.", "commitment", False),
    ("fr", "learnings", "Chacun dit ce qu'il retient, puis nous dirons un mot de la séance.", "commitment", False),
    ("en", "learnings", "Each of you, what you're taking away, and then we'll say a word about the session.",
     "commitment", False),
    ("fr", "learnings", "La prochaine fois, on garde dix minutes de plus pour la consultation.", "commitment", True),
    ("en", "learnings", "Next time we'll give the clarification twenty minutes.", "commitment", True),
    # A present plan, an imperfect that is none, a present made firm.
    ("fr", "synthesis", "Je passe voir le gardien lundi.", "commitment", True),
    ("fr", "synthesis", "J'allais dire que je passe voir le gardien lundi, mais il est en congé.", "commitment", False),
    ("fr", "synthesis", "Marc, je le prends avec moi sur le chantier, ça c'est sûr.", "commitment", True),
    ("fr", "synthesis", "Je suis fatiguée, ça c'est sûr.", "commitment", False),
    # An English plan read in the clauses that name its time.
    ("en", "synthesis", "From Tuesday, every order over a thousand pounds goes through me, I don't need the board "
                        "for that.", "commitment", True),
    ("en", "follow_up", "I'm writing it up by the end of the month, I've already booked the room.", "commitment",
     True),
    ("en", "synthesis", "Starting with the next quarter, overtime gets its own line in the budget.", "commitment",
     True),
    ("en", "synthesis", "I might take the Friday slot, I don't know yet.", "commitment", False),
    # Questions said flat, after a topic or as two answers offered.
    ("en", "clarification", "When she says it's urgent, is it really urgent", "question", True),
    ("en", "clarification", "What happened with the new hire, is she staying", "question", True),
    ("en", "clarification", "What worked, weirdly, was the rota.", "question", False),
    ("fr", "clarification", "Et ta directrice, c'est elle qui décide ou c'est le conseil", "question", True),
    ("fr", "clarification", "Je sais pas si c'est elle ou c'est le conseil.", "question", False),
    # Advice to do something to someone's own ("appelle sa fille"); learnings said in other words.
    ("fr", "consultation", "Et appelle sa fille, pas l'accueil.", "suggestion", True),
    ("fr", "learnings", "Ce qui ressort pour moi, c'est que le silence passe pour de l'accord.", "learning", True),
    ("fr", "learnings", "Je constate que je coupe la parole quand je suis pressé.", "learning", True),
    ("en", "learnings", "The penny dropped that I do the same thing with my own team.", "learning", True),
    ("en", "learnings", "It clicked for me that a rule nobody wrote down is still a rule.", "learning", True),
    # Quebec French asks with "-tu" after the verb; a question after a condition; two answers offered.
    ("fr", "clarification", "Ta cheffe pis toi, vous vous parlez-tu encore ?", "question", True),
    ("fr", "clarification", "Si ta cheffe partait en mars, qui prendrait les plannings", "question", True),
    ("fr", "clarification", "Les gens de nuit, ce sont toujours les mêmes, ou ça tourne", "question", True),
    ("en", "clarification", "The night staff, the ones who complained, what are they saying now", "question", True),
    # A plan said as "c'est moi qui", a month, an offer forwarded; the facilitator's round and reminders.
    ("fr", "synthesis", "Et jeudi, à la réunion, c'est moi qui parle en premier.", "commitment", True),
    ("fr", "synthesis", "Les bénévoles, je les invite à la fête de fin d'année, en juin.", "commitment", True),
    ("fr", "consultation", "J'ai un guide là-dessus, je te le fais suivre demain.", "commitment", True),
    ("fr", "consultation", "Je vous propose de faire un premier tour, Paul en dernier.", "suggestion", False),
    ("fr", "consultation", "Tu as dit que tu pourrais vivre sans, je l'ai entendu.", "suggestion", False),
    ("en", "follow_up", "We'll do the follow-up first, then choose today's client.", "commitment", False),
    ("en", "contract", "What I'd like is your help to work out how to tell my team.", "demand", True),
    ("en", "presentation", "Part of me thinks, who am I to tell him?", "question", False),
    # A word said twice while looking for the next; a long turn announced; turns given by the facilitator.
    ("fr", "learnings", "Ce que je, je retiens, c'est que je décide trop vite.", "learning", True),
    ("fr", "learnings", "Ce qui me travaille, c'est que je dis oui à tout.", "learning", True),
    ("fr", "consultation", "Refais-la, la salle de pause, avec trois fois rien.", "suggestion", True),
    ("fr", "learnings", "Moi je vais être un peu longue, pardon.", "commitment", False),
    ("fr", "consultation", "Julien, vas-y, commence.", "suggestion", False),
    ("en", "consultation", "My brother's a chef and he always says, you should never cook angry.", "suggestion",
     False),
    ("en", "consultation", "If I were you I'd have cried in that meeting.", "suggestion", False),
]


@pytest.mark.parametrize("lang, step, text, kind, found", SPOKEN, ids=[s[2][:40] for s in SPOKEN])
def test_spoken_turns(lang, step, text, kind, found):
    assert (kind in kinds(text, lang, step)) is found


def test_a_time_said_alone_completes_the_plan_before_it():
    found = extract_text("Je rappelle le transporteur. Lundi matin.", lang="fr", step="synthesis",
                         session_date=SESSION)
    assert [(i.text, i.due) for i in found] == [("Je rappelle le transporteur. Lundi matin.", datetime.date(2026, 3, 9))]
    # After a question, the time answers it and stays apart.
    found = extract_text("Tu l'appelles quand ? Lundi.", lang="fr", step="synthesis", session_date=SESSION)
    assert found[0].text == "Tu l'appelles quand ?"


def test_a_question_goes_on_past_a_name_it_asks_about_and_stops_at_a_letter_that_names():
    found = extract_text("Do they know why Katie left? They do.", lang="en", step="clarification", session_date=SESSION)
    assert [i.text for i in found] == ["Do they know why Katie left?"]
    found = extract_text("Demande au siège un audit du bâtiment C, les portes et l'éclairage.", lang="fr",
                         step="consultation", session_date=SESSION)
    assert [i.text for i in found] == ["Demande au siège un audit du bâtiment C, les portes et l'éclairage."]
