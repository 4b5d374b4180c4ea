"""Splitting pasted article text into passages, and keeping passage anchors stable across edits."""
import yaml

from quizapp.bank.splitting import blocks_to_text, match_anchors, new_anchors, split_text

from .authoring_helpers import TEXT
from .conftest import SEED_DIR


def kinds_and_texts(blocks):
    return [(b["kind"], b["text"]) for b in blocks]


def test_blank_lines_separate_passages_and_lines_within_are_joined():
    blocks = split_text("Kurzer Titel\n\nErste Zeile\nzweite Zeile.\n\n\nNeuer Absatz.", "T")
    assert kinds_and_texts(blocks) == [("headline", "Kurzer Titel"), ("paragraph", "Erste Zeile zweite Zeile."),
                                       ("paragraph", "Neuer Absatz.")]


def test_long_first_passage_is_text_and_the_title_becomes_the_headline():
    blocks = split_text("Ein Satz. Noch ein Satz.\n\nMehr.", "Der Titel")
    assert kinds_and_texts(blocks)[:2] == [("headline", "Der Titel"), ("paragraph", "Ein Satz. Noch ein Satz.")]


def test_headings_and_captions_are_recognised():
    text = "Titel\n\n## Erste Frage\nAntwort eins.\n\nWarum das?\n\nBild: Keystone/ A. B.\nLegende: Ein Bild.\n\nLegende: Ohne Foto."
    blocks = split_text(text, "T")
    assert kinds_and_texts(blocks) == [("headline", "Titel"), ("heading", "Erste Frage"), ("paragraph", "Antwort eins."),
                                       ("heading", "Warum das?"), ("caption", "Ein Bild."), ("caption", "Ohne Foto.")]
    assert blocks[4]["credit"] == "Keystone/ A. B." and blocks[5]["credit"] == ""


def test_a_long_question_in_running_text_stays_a_paragraph():
    long_question = "Wer " + "sehr " * 60 + "lange fragt?"
    assert split_text(f"Titel\n\n{long_question}", "T")[1]["kind"] == "paragraph"


def test_seed_article_survives_writing_out_and_splitting_again():
    document = yaml.safe_load((SEED_DIR / "srf-nordkorea-kursk.yaml").read_text())
    blocks = [{name: block.get(name) or "" for name in ("kind", "text", "label", "credit")}
              for block in document["article"]["blocks"]]
    # The seed has no headline passage (its title is reconstructed, not quoted): splitting adds the
    # title as the headline, as for any pasted text without one, and keeps every passage.
    split = split_text(blocks_to_text(blocks), document["article"]["title"])
    assert split[0] == {"kind": "headline", "text": document["article"]["title"], "label": "", "credit": ""}
    assert split[1:] == blocks


def test_new_articles_get_readable_unique_anchors():
    blocks = split_text(TEXT, "T")
    assert new_anchors(blocks) == ["title", "p-1", "h-1", "p-2", "p-3", "caption-1"]


def test_anchors_follow_their_passages_through_an_edit():
    old = [("title", "Titel"), ("p-1", "Erster Absatz über die Stadt."), ("p-2", "Zweiter Absatz über den Kanton."),
           ("p-3", "Dritter Absatz, der gestrichen wird.")]
    new = [{"kind": "headline", "text": "Titel"},
           {"kind": "paragraph", "text": "Ganz neuer Absatz."},
           {"kind": "paragraph", "text": "Zweiter Absatz über den Kanton."},  # moved up
           {"kind": "paragraph", "text": "Erster Absatz über die grosse Stadt."}]  # moved down and edited
    anchors = match_anchors(old, new)
    assert anchors[0] == "title" and anchors[2] == "p-2"
    assert anchors[1] == "p-4"  # new: never an anchor the article had, not even the removed p-3
    assert anchors[3] == "p-1"


def test_a_rewritten_passage_gets_a_new_anchor():
    old = [("title", "Titel"), ("p-1", "Die Stadt baut Velowege.")]
    new = [{"kind": "headline", "text": "Titel"}, {"kind": "paragraph", "text": "Ganz anderer Inhalt hier, nichts gleich."}]
    assert match_anchors(old, new) == ["title", "p-2"]
