"""The flask commands speak the operator's language (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), English otherwise."""
import re

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
    assert english.output == "Error: No teacher has the email 'niemand@schule.ch'.\n"
    assert german.output == "Fehler: Keine Lehrperson hat die E-Mail-Adresse 'niemand@schule.ch'.\n"


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


def test_the_backup_summary_names_and_counts_the_rows_in_the_operator_language(runner, make_teacher, tmp_path):
    make_teacher()
    backup = tmp_path / "backup.jsonl"
    english = runner.invoke(args=["export-all", str(backup)])
    german = runner.invoke(args=["export-all", str(backup)], env=GERMAN)
    assert english.output == f"Exported 1 teacher to {backup}.\n"
    assert german.output == f"1 Lehrperson nach {backup} exportiert.\n"
    refused = runner.invoke(args=["import-all", str(backup)], env=GERMAN)
    assert refused.exit_code == 1
    assert refused.output.startswith("Fehler: Die Datenbank ist nicht leer (sie enthält 1 Lehrperson); ")


def test_the_backup_summary_uses_each_language_s_plural(app, runner, tmp_path):
    from quizapp.demo import generate
    with app.test_request_context():
        generate(3, seed=1, questions=3, classes=1)
        generate(3, seed=1, questions=3, classes=2)  # the same quiz again, in new classes
    backup = tmp_path / "backup.jsonl"
    english = runner.invoke(args=["export-all", str(backup)]).output
    german = runner.invoke(args=["export-all", str(backup)], env=GERMAN).output
    assert english.startswith("Exported 1 teacher, 3 classes, 6 students, 1 article, ")
    assert "1 quiz, 3 questions in quizzes, 3 quiz assignments, 6 attempts, 18 responses to " in english
    assert german.startswith("1 Lehrperson, 3 Klassen, 6 Lernende, 1 Artikel, ")
    assert "1 Quiz, 3 Fragen in Quizzen, 3 Quiz-Zuweisungen an Klassen, 6 Versuche, 18 Antworten nach " in german


def test_an_unreadable_backup_is_refused_with_a_sentence_not_a_codec_error(runner, tmp_path):
    foreign = tmp_path / "picture.jpg"
    foreign.write_bytes(b"\xff\xd8\xff\xe0 not text")
    english = runner.invoke(args=["import-all", str(foreign)])
    german = runner.invoke(args=["import-all", str(foreign)], env=GERMAN)
    assert english.exit_code == german.exit_code == 1
    assert english.output == ("Error: The file is not UTF-8 text, so it is not a backup written by export-all "
                              "(or it was damaged). Nothing was imported.\n")
    assert german.output.startswith("Fehler: Die Datei ist kein UTF-8-Text, ")


def test_demo_data_speaks_german_with_a_decimal_comma_and_warns_of_the_public_password(runner):
    result = runner.invoke(args=["generate-demo-data", "--attempts", "3", "--questions", "3"], env=GERMAN)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert re.fullmatch(r"3 Versuche mit 9 Antworten zu Quiz \w+ erzeugt \(3 Lernende in 1 Klasse\), "
                        r"in \d+,\d s\.", lines[0]), lines[0]
    assert lines[1] == "Melde dich als demo@quizapp.local / quizapp-demo an."
    assert lines[2].startswith("Warnung: quizapp-demo ist ein öffentliches Passwort")
    assert "--password-stdin" in lines[2]


def test_demo_data_in_english_has_a_decimal_point_and_the_same_warning(runner):
    result = runner.invoke(args=["generate-demo-data", "--attempts", "1", "--questions", "3"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert re.fullmatch(r"Made 1 attempt with 3 responses by 1 student in 1 class on quiz \w+ in \d+\.\d s\.",
                        lines[0]), lines[0]
    assert lines[1:] == [
        "Sign in as demo@quizapp.local / quizapp-demo.",
        "Warning: quizapp-demo is a public password (it is in the README): anyone who can reach this server can "
        "sign in as demo@quizapp.local. Where others can reach the server, give the account a password of your own: "
        "run generate-demo-data again with --password-stdin and the password on the first line of standard input, "
        "or change it after signing in."]


def test_a_mistyped_quiz_code_is_called_unknown_in_both_languages(runner):
    english = runner.invoke(args=["generate-demo-data", "--attempts", "1", "--quiz", "nope99"])
    german = runner.invoke(args=["generate-demo-data", "--attempts", "1", "--quiz", "nope99"], env=GERMAN)
    assert english.exit_code == german.exit_code == 1
    assert english.output.startswith("Error: No quiz has the code NOPE99. Teachers see every quiz's code on their "
                                     "Quizzes page (/teacher/quizzes).")
    assert german.output.startswith("Fehler: Kein Quiz hat den Code NOPE99. Lehrpersonen sehen den Code jedes Quiz")


def test_help_shows_defaults_one_way_in_the_operator_language(runner):
    english = " ".join(runner.invoke(args=["generate-demo-data", "--help"]).output.split())
    german = " ".join(runner.invoke(args=["generate-demo-data", "--help"], env=GERMAN).output.split())
    assert "Same seed, same data. [default: 1; x>=0]" in english
    assert "Classes to spread students over. [default: 25 students per class; x>=1]" in english
    assert "Submitted attempts per quiz. [x>=0; required]" in english
    assert "Gleicher Startwert, gleiche Daten. [Standard: 1; x>=0]" in german
    assert "Klassen, auf die die Lernenden verteilt werden. [Standard: 25 Lernende pro Klasse; x>=1]" in german
    assert "Abgegebene Versuche pro Quiz. [x>=0; erforderlich]" in german
    assert "default" not in german and "required" not in german
    teacher = " ".join(runner.invoke(args=["create-teacher", "--help"], env=GERMAN).output.split())
    assert "Der Name, den Kolleginnen und Kollegen sehen. [Standard: der Teil von EMAIL vor dem @]" in teacher
