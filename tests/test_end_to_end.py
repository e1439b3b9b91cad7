"""From a spoken step to session notes, through the `codev` command, with the real model."""
import json

ENGLISH_SYNTHESIS = ("Thank you all for your ideas. I will send the budget to my manager before Friday. "
                     "My takeaway is that listening takes time.")
FRENCH_CLARIFICATION = ("Bonjour à tous. Est-ce que tu as parlé avec l'inspection ? "
                        "Tu pourrais organiser une réunion avec les parents.")


def new_session(codev, lang: str, date: str) -> str:
    result = codev("session", "new", "--title", "Onboarding", "--date", date, "--lang", lang,
                   "--client", "Laura", "--participants", "Ana,Bruno")
    return result.stdout.strip()


def test_english_step_becomes_notes_with_a_dated_commitment(codev, speak, tmp_path):
    session = new_session(codev, "en", "2026-10-07")  # a Wednesday
    codev("import", session, "synthesis", speak(ENGLISH_SYNTHESIS))
    codev("export", session, "--format", "json", "-o", tmp_path / "notes.json")
    notes = json.loads((tmp_path / "notes.json").read_text())

    synthesis = next(step for step in notes["steps"] if step["id"] == "synthesis")
    transcript = synthesis["transcript"].lower()
    for word in ("budget", "manager", "friday", "listening"):
        assert word in transcript
    assert synthesis["segments"] and all(s["end"] > s["start"] for s in synthesis["segments"])
    # Each line's words, timed within it, for who wants to read the pauses.
    assert all(s["words"] and all(s["start"] - 0.5 <= start <= end <= s["end"] + 0.5 for start, end, _word in s["words"])
               for s in synthesis["segments"])

    commitments = [i for i in notes["items"] if i["kind"] == "commitment"]
    assert len(commitments) == 1
    assert "budget" in commitments[0]["text"].lower()
    assert commitments[0]["due"] == "2026-10-09"  # the Friday after the session
    assert "friday" in commitments[0]["due_text"].lower()
    assert commitments[0]["step"] == "synthesis" and commitments[0]["start"] is not None

    markdown = codev("export", session, "--format", "md").stdout
    assert "## Action plan" in markdown
    assert "budget" in markdown and "2026-10-09" in markdown


def test_french_step_finds_the_question_and_the_suggestion(codev, speak):
    session = new_session(codev, "fr", "2026-01-14")
    codev("import", session, "clarification", speak(FRENCH_CLARIFICATION, "fr"))
    notes = json.loads(codev("export", session, "--format", "json").stdout)

    clarification = next(step for step in notes["steps"] if step["id"] == "clarification")
    assert "est-ce que" in clarification["transcript"].lower()
    question = next(i for i in notes["items"] if i["text"].lower().startswith("est-ce que"))
    assert question["kind"] == "question" and not question["disguised_suggestion"]
    # Whisper may hear "Tu pourrais …" as a question: then it is a disguised suggestion.
    proposal = next(i for i in notes["items"] if i["text"].lower().startswith("tu pourrais"))
    assert proposal["kind"] == "suggestion" or proposal["disguised_suggestion"]

    markdown = codev("export", session, "--format", "md").stdout
    assert "## Questions posées" in markdown and "Est-ce que" in markdown


def test_takes_of_a_step_follow_each_other(codev, speak):
    session = new_session(codev, "en", "2026-10-07")
    first = speak("I will call the nurses on Monday.")
    second = speak("I am going to write the new roster.")
    codev("import", session, "synthesis", first, second)
    notes = json.loads(codev("export", session, "--format", "json").stdout)

    synthesis = next(step for step in notes["steps"] if step["id"] == "synthesis")
    assert len(synthesis["takes"]) == 2
    transcript = synthesis["transcript"].lower()
    assert transcript.index("nurses") < transcript.index("roster")
    first_take = synthesis["takes"][0]["duration"]
    roster = next(s for s in synthesis["segments"] if "roster" in s["text"].lower())
    assert roster["start"] >= first_take - 0.5  # on the step's timeline, after the first take
    assert len([i for i in notes["items"] if i["kind"] == "commitment"]) == 2


def test_show_prints_steps_transcript_and_items(codev, speak):
    session = new_session(codev, "en", "2026-10-07")
    codev("import", session, "synthesis", speak(ENGLISH_SYNTHESIS))
    shown = codev("show", session).stdout
    assert "Synthesis and action plan" in shown
    assert "budget" in shown.lower()
    assert "commitment:" in shown and "due 2026-10-09" in shown
    assert "(not recorded)" in shown  # the other steps
