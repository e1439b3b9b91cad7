"""Context modifiers (summarise/context/*.toml): near-miss pairs, a cue without and with each
modifier, in both languages, written from ../shared/eval/CONVENTIONS.md. Every category of the
data files has its pairs here: a modifier added without one fails test_every_modifier_has_a_pair."""
import datetime
import tomllib

import pytest

from summarise import extract_text
from summarise.context import FOLDER

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
     "You could ask her what she needs.", "You could see the look on her face when he said it."),
    ("en", "empathy", "consultation", "suggestion",
     "If I were you, I'd ask for a mediator.", "If I were you, I'd be furious."),
    ("en", "futile", "consultation", "suggestion",
     "You could buy them a new tool.", "You could buy them a new tool, it won't change anything."),
    ("en", "trivia", "learnings", "learning",
     "I learned that silence gives the client room to think.",
     "Fun fact I learned today, silence gives the client room to think."),
    ("en", "not yet", "learnings", "learning",
     "My takeaway is that I decide too fast.", "My takeaway, I need time to digest it all."),
]


def kinds(text, lang, step):
    return [i.kind for i in extract_text(text, lang=lang, step=step, session_date=SESSION)]


@pytest.mark.parametrize("lang, category, step, kind, alone, in_context", PAIRS,
                         ids=[f"{p[0]}-{p[1]}-{p[3]}" for p in PAIRS])
def test_modifier_cancels_its_kind(lang, category, step, kind, alone, in_context):
    assert kind in kinds(alone, lang, step), alone
    found = extract_text(in_context, lang=lang, step=step, session_date=SESSION)
    assert kind not in [i.kind for i in found], (in_context, [i.why for i in found])


def test_every_modifier_has_a_pair():
    tested = {(p[0], p[1]) for p in PAIRS}
    for path in sorted(FOLDER.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for modifier in data["modifier"]:
            assert (path.stem, modifier["category"]) in tested, (path.name, modifier["category"])


def test_why_names_the_cue_and_the_context_weighed():
    [item] = extract_text("Je vais appeler la DRH vendredi.", lang="fr", step="synthesis", session_date=SESSION)
    assert "«je vais appeler»" in item.why and "«vendredi»" in item.why
    [item] = extract_text("Tu pourrais peut-être lui écrire.", lang="fr", step="consultation", session_date=SESSION)
    # "peut-être" hedges an intention, not a proposal: weighed, not cancelling.
    assert item.kind == "suggestion" and "atténuation «peut-être»" in item.why and "annule" not in item.why
    [item] = extract_text("I'll call her on Friday.", lang="en", step="synthesis", session_date=SESSION)
    assert item.why == "commitment: «i'll call» · due «on Friday»"


def test_a_bad_direction_in_the_data_is_refused(tmp_path, monkeypatch):
    from summarise import context
    (tmp_path / "xx.toml").write_text('[[modifier]]\ncategory = "x"\ncancels = []\nphrases = ["a"]\n'
                                      'direction = "sideways"\n', encoding="utf-8")
    monkeypatch.setattr(context, "FOLDER", tmp_path)
    with pytest.raises(ValueError, match="direction"):
        context.modifiers.__wrapped__("xx")
