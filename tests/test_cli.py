"""The `codev` command: help everywhere, and the session commands."""
import click
import pytest

from codev.cli import cli


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
