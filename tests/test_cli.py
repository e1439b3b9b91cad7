"""The `codev` command: help everywhere, and the session commands."""
import datetime
import json

import click
import pytest

import summarise
from codev.cli import cli
from codev.models import Item
from codev.sessions import create_session
from conftest import SHARED
from from_file import module_from_file


def all_commands(group: click.Group, path=()):
    for name, command in group.commands.items():
        yield (*path, name)
        if isinstance(command, click.Group):
            yield from all_commands(command, (*path, name))


@pytest.mark.parametrize("path", [(), *all_commands(cli)], ids=lambda p: " ".join(p) or "codev")
def test_every_command_has_help(codev, path):
    result = codev(*path, "--help")
    assert result.stdout.startswith("Usage: ")
    command = cli
    for name in path:
        command = command.commands[name]
    assert command.help, f"codev {' '.join(path)} has no help text"


def test_the_commands_the_issue_names_exist():
    assert {"session", "import", "show", "export", "transcribe", "extract", "serve"} <= set(cli.commands)
    assert {"new", "list"} <= set(cli.commands["session"].commands)


def test_session_new_then_list(codev):
    first = codev("session", "new", "--title", "École", "--date", "2026-01-14", "--lang", "fr",
                  "--template", "client-choice", "--client", "Inès", "--participants", "Marc, Lou").stdout.strip()
    second = codev("session", "new", "--title", "Onboarding", "--date", "2026-10-07", "--lang", "en",
                   "--template", "fast", "--follow-up").stdout.strip()
    assert first.isdigit() and second.isdigit() and first != second

    listed = codev("session", "list").stdout.splitlines()
    assert listed[0].split("\t")[:4] == [second, "2026-10-07", "en", "fast"]  # newest first
    assert listed[1].endswith("École")

    shown = codev("show", first).stdout
    assert "client: Inès" in shown and "participants: Inès, Marc, Lou" in shown
    assert "1. Choix du client (client_choice)" in shown and "7. Apprentissages" in shown
    assert "1. Follow-up of the previous session (follow_up)" in codev("show", second).stdout


def test_data_folder_comes_from_codev_home(codev, home):
    codev("session", "new", "--title", "T", "--date", "2026-01-14", "--lang", "fr")
    assert (home / "codev.sqlite3").is_file()


def test_data_dir_option_overrides(codev, tmp_path):
    other = tmp_path / "elsewhere"
    codev("--data-dir", other, "session", "new", "--title", "T", "--date", "2026-01-14", "--lang", "fr")
    assert (other / "codev.sqlite3").is_file()
    assert codev("session", "list").stdout == ""  # the default folder has no session


def test_export_docx_needs_a_file_and_writes_a_word_document(codev, tmp_path):
    import docx
    session = codev("session", "new", "--title", "Équipe", "--date", "2026-01-14", "--lang", "fr").stdout.strip()
    result = codev("export", session, "--format", "docx", ok=False)
    assert result.exit_code != 0 and "-o NOTES.docx" in result.output
    codev("export", session, "--format", "docx", "-o", tmp_path / "notes.docx")
    text = "\n".join(p.text for p in docx.Document(tmp_path / "notes.docx").paragraphs)
    assert "Équipe" in text


SCORER = SHARED / "eval" / "score.py"
# Labelled as ../shared/eval labels its corpora: the corpus is also the scorer's gold file.
CORPUS = [
    {"id": "fr-1", "lang": "fr", "step": "clarification", "date": "2026-01-14",
     "text": "Est-ce que tu as parlé à ton chef ? As-tu pensé à refaire un vote ?",
     "items": [{"kind": "question", "text": "Est-ce que tu as parlé à ton chef ?", "disguised_suggestion": False},
               {"kind": "question", "text": "As-tu pensé à refaire un vote ?", "disguised_suggestion": True}]},
    {"id": "en-1", "lang": "en", "step": "synthesis", "date": "2026-10-07",
     "text": "Thank you all. I will send the budget to my manager before Friday. I think I'll call HR.",
     "items": [{"kind": "commitment", "text": "I will send the budget to my manager before Friday.",
                "due": "2026-10-09"}]},
]


@pytest.fixture
def corpus(tmp_path):
    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in CORPUS), encoding="utf-8")
    return path


def test_extract_writes_the_predictions_the_scorer_reads(codev, corpus, tmp_path):
    result = codev("extract", corpus, "-o", tmp_path / "pred.jsonl")
    predictions = [json.loads(line) for line in (tmp_path / "pred.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [p["id"] for p in predictions] == ["fr-1", "en-1"]
    kinds = {p["id"]: [i["kind"] for i in p["items"]] for p in predictions}
    assert kinds == {"fr-1": ["question", "question"], "en-1": ["commitment"]}
    [commitment] = predictions[1]["items"]
    assert commitment["due"] == "2026-10-09" and commitment["text"].startswith("I will send the budget")
    assert all("why" not in i for p in predictions for i in p["items"]) and result.stderr == ""


def test_extract_explain_says_why_each_item_was_found(codev, corpus, tmp_path):
    result = codev("extract", corpus, "-o", tmp_path / "pred.jsonl", "--explain")
    predictions = [json.loads(line) for line in (tmp_path / "pred.jsonl").read_text(encoding="utf-8").splitlines()]
    items = [i for p in predictions for i in p["items"]]
    assert len(items) == 3 and all(i["why"] for i in items)
    listing = result.stderr
    assert "fr-1 (fr, clarification)\n" in listing and "en-1 (en, synthesis)\n" in listing
    for item in items:
        assert f"* {item['kind']}: {item['text']}" in listing and f"why: {item['why']}" in listing
    assert "due 2026-10-09 «before Friday»" in listing and "disguised suggestion" in listing
    # What context set aside is listed too, with what set it aside.
    assert "✗ commitment: I think I'll call HR." in listing and "set aside: hedged «i think»" in listing
    assert result.stdout == ""
    if not SCORER.exists():
        pytest.skip(f"no scorer at {SCORER}: ../shared/eval must sit beside the repository")
    # The reasons are an extra key: the scorer reads the file as before.
    scorer = module_from_file(SCORER, "codev_eval_score")
    scored = scorer.score(scorer.load(corpus), scorer.load(tmp_path / "pred.jsonl"))
    assert scored["kinds"]["question"]["tp"] == 2 and scored["kinds"]["commitment"]["tp"] == 1
    assert scored["due_accuracy"] == 1.0 and scored["disguised_f1"] == 1.0


@pytest.fixture
def explained_session(db):
    """A session with an extracted question and its reason, and a question the client added."""
    session = create_session(db, title="École", date=datetime.date(2026, 1, 14), lang="fr")
    session.step("clarification").items = [
        Item(position=0, kind="question", text="Est-ce que tu as vu Marc ?", why="question: «est-ce que»"),
        Item(position=1, kind="question", text="Qui décide ?", source="client", status="accepted")]
    db.commit()
    return session


def test_show_explain_prints_why_under_each_extracted_item(codev, explained_session):
    session = explained_session
    plain = codev("show", session.id).stdout
    assert "* question: Est-ce que tu as vu Marc ?" in plain and "why:" not in plain
    lines = codev("show", session.id, "--explain").stdout.splitlines()
    asked = lines.index("   * question: Est-ce que tu as vu Marc ?")
    assert lines[asked + 1] == "       why: question: «est-ce que»"
    assert lines[asked + 2] == "   * question: Qui décide ?"  # added by hand: no reason


def test_json_export_says_why_each_item_was_extracted(codev, explained_session):
    data = json.loads(codev("export", explained_session.id, "--format", "json").stdout)
    assert [(i["text"], i["why"]) for i in data["items"]] == [("Est-ce que tu as vu Marc ?", "question: «est-ce que»"),
                                                             ("Qui décide ?", None)]
    assert "est-ce que»" not in codev("export", explained_session.id, "--format", "md").stdout


def test_extract_refuses_a_document_of_an_unknown_step(codev, tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"id": "x", "lang": "fr", "step": "brainstorm", "date": "2026-01-14",
                                  "text": "Je vais appeler Paul."}) + "\n", encoding="utf-8")
    result = codev("extract", corpus, "-o", tmp_path / "pred.jsonl", ok=False)
    assert result.exit_code != 0 and "line 1" in result.output and "unknown step 'brainstorm'" in result.output
