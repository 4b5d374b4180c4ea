"""The flask commands speak the operator's language (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), English otherwise."""
import pytest

from quizapp.cli_language import operator_language

from .test_item_checker_pages import cueing_mini, write
from .test_loader import mutate, question

GERMAN = {"LANG": "de_CH.UTF-8"}
NO_CORRECT_OPTION = mutate(lambda d: question(d, "wer-sagt-kosten")["options"][0].update(correct=False))


def test_check_questions_speaks_english_in_the_c_locale(runner, tmp_path):
    path = write(tmp_path, cueing_mini())
    result = runner.invoke(args=["check-questions", str(path)])
    assert result.exit_code == 0, result.output
    assert (f"{path} · wer-sagt-kosten: Warning: wer-sagt-kosten gives away the answer of anzahl-bruecken: "
            "its question or options contain «12». Reword one of the two items.\n") in result.output
    assert "1 warning from the item checker (the files are valid; see QUESTIONS.md)\n" in result.output
    assert f"OK: 1 file, 5 questions in {path}\n" in result.output


def test_check_questions_speaks_german_in_a_german_locale(runner, tmp_path):
    path = write(tmp_path, cueing_mini())
    result = runner.invoke(args=["check-questions", str(path)], env=GERMAN)
    assert result.exit_code == 0, result.output
    assert (f"{path} · wer-sagt-kosten: Warnung: wer-sagt-kosten verrät die Antwort von anzahl-bruecken: "
            "Frage oder Antworten enthalten «12». Formuliere eine der beiden Fragen um.\n") in result.output
    assert "1 Warnung des Fragen-Checks (die Dateien sind gültig; siehe QUESTIONS.md)\n" in result.output
    assert f"OK: 1 Datei, 5 Fragen in {path}\n" in result.output
    assert "Warning" not in result.output


def test_a_validation_error_comes_in_the_language_of_the_command(runner, tmp_path):
    path = write(tmp_path, NO_CORRECT_OPTION)
    english = runner.invoke(args=["load-questions", str(path)])
    german = runner.invoke(args=["load-questions", str(path)], env=GERMAN)
    assert english.exit_code == german.exit_code == 1
    assert english.output == (f"{path} · wer-sagt-kosten · options: Mark exactly one option as correct (found 0).\n"
                              "1 error; nothing was loaded.\n")
    assert german.output == (f"{path} · wer-sagt-kosten · options: Markiere genau eine Antwort als richtig "
                             "(gefunden: 0).\n1 Fehler; nichts wurde geladen.\n")


def test_plural_forms_follow_the_count(runner, tmp_path):
    path = write(tmp_path, cueing_mini())
    result = runner.invoke(args=["load-questions", str(path)], env=GERMAN)
    assert result.exit_code == 0, result.output
    assert f"Geladen: 1 Artikel, 5 Fragen (5 neue Versionen), 1 Quiz aus {path}\n" in result.output
    again = runner.invoke(args=["load-questions", str(path)])
    assert f"Loaded 1 article, 5 questions (0 new versions), 1 quiz from {path}\n" in again.output


def test_help_texts_are_in_the_operator_language(runner):
    english = runner.invoke(args=["set-admin", "--help"])
    german = runner.invoke(args=["set-admin", "--help"], env=GERMAN)
    assert "Make an existing teacher an administrator (or, with --revoke, no longer one)." in english.output
    assert "Take the administrator role away instead." in english.output
    assert "Stattdessen die Administrator-Rolle entziehen." in german.output
    listing = runner.invoke(args=["--help"], env=GERMAN).output
    assert "Fragedateien prüfen und laden;" in listing


def test_an_error_of_a_service_comes_in_the_language_of_the_command(runner):
    english = runner.invoke(args=["set-admin", "niemand@schule.ch"])
    german = runner.invoke(args=["set-admin", "niemand@schule.ch"], env=GERMAN)
    assert english.exit_code == german.exit_code == 1
    assert english.output == "Error: no teacher has the email 'niemand@schule.ch'.\n"
    assert german.output == "Fehler: keine Lehrperson hat die E-Mail-Adresse 'niemand@schule.ch'.\n"


@pytest.mark.parametrize("environment, language", [
    ({}, "en"),
    ({"LANG": "C"}, "en"),
    ({"LANG": "POSIX"}, "en"),
    ({"LANG": "en_GB.UTF-8"}, "en"),
    ({"LANG": "fr_CH.UTF-8"}, "en"),
    ({"LANG": "de_CH.UTF-8"}, "de"),
    ({"LANG": "de_DE"}, "de"),
    ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "de_AT.UTF-8"}, "de"),
    ({"LANG": "de_CH.UTF-8", "LC_ALL": "C.UTF-8"}, "en"),
    ({"LANG": "en_US.UTF-8", "LANGUAGE": "de:en"}, "de"),
    ({"LANG": "fr_FR.UTF-8", "LANGUAGE": "fr_FR:de_CH:en"}, "de"),
    ({"LANG": "de_CH.UTF-8", "LC_CTYPE": "C.UTF-8"}, "de"),  # Python sets LC_CTYPE where de_CH is not installed
])
def test_the_locale_variables_decide_in_their_usual_order(monkeypatch, environment, language):
    monkeypatch.delenv("LANG")
    monkeypatch.delenv("LC_CTYPE", raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert operator_language(("de", "en")) == language


def test_create_teacher_asks_for_the_password_in_german(runner):
    typed = "kurz\nein langes Passwort 1\netwas anderes\nein langes Passwort 1\nein langes Passwort 1\n"
    result = runner.invoke(args=["create-teacher", "anna@schule.ch"], input=typed, env=GERMAN)
    assert result.exit_code == 0, result.output
    assert result.output == ("Passwort: \nFehler: Das Passwort braucht mindestens 10 Zeichen.\n"
                             "Passwort: \nZur Bestätigung wiederholen: \n"
                             "Fehler: Die beiden Eingaben stimmen nicht überein.\n"
                             "Passwort: \nZur Bestätigung wiederholen: \n"
                             "Administrator-Konto anna@schule.ch (anna) angelegt. Anmelden unter /auth/login.\n")
