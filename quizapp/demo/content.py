"""Generated demo articles: a question-file document that the normal validator and loader accept.

Each question gets its own paragraph with a unique sentence to quote, so anchors always
resolve; kinds and categories rotate so every chart and table has something to show.
"""
import random

TOWNS = ["Aarwil", "Bergdorf", "Chäsbach", "Dornegg", "Eschenau", "Fluhberg", "Grünmatt", "Hasliwald"]
THINGS = ["Brücken", "Schulhäuser", "Velowege", "Bushaltestellen", "Spielplätze", "Wohnungen"]
ACTORS = ["der Gemeinderat", "die Kantonsregierung", "ein Sprecher der Polizei", "die Bauherrin",
          "eine Expertin der ETH", "der Verband der Anwohner", "die Gewerkschaft", "das Bundesamt"]
MOTIVES = ["tiefere Kosten", "mehr Sicherheit", "neue Steuereinnahmen", "eine bessere Verbindung",
           "Wählerstimmen", "weniger Lärm", "ein besseres Image", "Aufträge für das lokale Gewerbe"]
TAGS = {"figures": ["offizielle-zahl", "schaetzung"], "actors": ["wer-spricht", "rolle"],
        "motives": ["eigeninteresse", "begruendung"], "sourcing": ["vermutung", "quelle-genannt"]}
PLAN = [("numeric", "figures"), ("single_choice", "actors"), ("single_choice", "motives"),
        ("true_false", "figures"), ("multiple_select", "sourcing"), ("evidence", "sourcing"),
        ("single_choice", "figures"), ("true_false", "actors")]
DIFFICULTY = ["easy", "medium", "medium", "hard"]


def _fact(rng: random.Random, number: int, town: str) -> dict:
    """One paragraph's facts; ``number`` makes its sentence unique in the article."""
    return {"town": town, "count": number, "thing": rng.choice(THINGS), "actor": rng.choice(ACTORS),
            "motive": rng.choice(MOTIVES)}


def _sentence(fact: dict) -> str:
    return (f"In {fact['town']} entstehen {fact['count']} neue {fact['thing']}, sagt {fact['actor']}; "
            f"es gehe um {fact['motive']}.")


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _others(rng: random.Random, pool: list[str], right: str, count: int) -> list[str]:
    return rng.sample([value for value in pool if value != right], count)


def _question(rng: random.Random, j: int, kind: str, category: str, fact: dict, sentences: list[str]) -> dict:
    quote = {"exact": sentences[j], "passage": f"abschnitt-{j + 1}"}
    base = {"id": f"frage-{j + 1}", "kind": kind, "category": category, "quote": quote,
            "difficulty": DIFFICULTY[j % len(DIFFICULTY)], "tags": [rng.choice(TAGS[category])],
            "explanation": f"Abschnitt {j + 1}: {sentences[j]}"}
    where = fact["town"]
    if kind == "numeric":
        return {**base, "prompt": f"Wie viele neue {fact['thing']} entstehen in {where} (Abschnitt {j + 1})?",
                "answer": {"value": fact["count"], "tolerance": 0}, "unit": fact["thing"]}
    if kind == "true_false":
        truthful = rng.random() < 0.5
        count = fact["count"] if truthful else fact["count"] + 10
        return {**base, "prompt": f"Stimmt es? «In {where} entstehen {count} neue {fact['thing']}.» (Abschnitt {j + 1})",
                "answer": truthful}
    if kind == "evidence":
        wrong = rng.sample([s for i, s in enumerate(sentences) if i != j], 2)
        options = [{"quote": sentences[j], "correct": True}] + [{"quote": s} for s in wrong]
        rng.shuffle(options)
        return {**base, "prompt": f"Welche Stelle belegt, was in {where} gebaut wird (Abschnitt {j + 1})?",
                "options": options}
    if kind == "multiple_select":
        right = [_upper_first(fact["actor"]), _upper_first(fact["motive"])]
        wrong = [_upper_first(v) for v in rng.sample(ACTORS + MOTIVES, 4) if _upper_first(v) not in right][:2]
        options = [{"text": text, "correct": True} for text in right] + [{"text": text} for text in wrong]
        rng.shuffle(options)
        return {**base, "prompt": f"Was nennt Abschnitt {j + 1}? Wähle alles Zutreffende.", "options": options}
    pool, right, prompt = {
        "actors": (ACTORS, fact["actor"], f"Wer nennt die Zahl für {where} (Abschnitt {j + 1})?"),
        "motives": (MOTIVES, fact["motive"], f"Worum geht es laut Abschnitt {j + 1}?"),
    }.get(category, ([str(fact["count"] + d) for d in (-100, -10, 0, 10, 100, 1000) if fact["count"] + d > 0],
                     str(fact["count"]), f"Wie viele {fact['thing']} nennt Abschnitt {j + 1}?"))
    options = [{"text": right, "correct": True}] + [{"text": text} for text in _others(rng, pool, right, 3)]
    rng.shuffle(options)
    return {**base, "prompt": prompt, "options": options}


def demo_document(rng: random.Random, seed: int, index: int, questions: int) -> dict:
    """A question-file document with ``questions`` questions and its quiz."""
    town = TOWNS[index % len(TOWNS)]
    numbers = rng.sample(range(120, 9000), questions)
    facts = [_fact(rng, numbers[j], town) for j in range(questions)]
    sentences = [_sentence(fact) for fact in facts]
    blocks = [{"anchor": "titel", "kind": "headline", "text": f"{town} baut um: {questions} Vorhaben im Überblick"}]
    blocks += [{"anchor": f"abschnitt-{j + 1}", "kind": "paragraph", "text": sentence}
               for j, sentence in enumerate(sentences)]
    items = [_question(rng, j, *PLAN[j % len(PLAN)], facts[j], sentences) for j in range(questions)]
    return {
        "article": {"slug": f"demo-{seed}-{index + 1}", "title": f"Demo: {town} baut um ({seed}/{index + 1})",
                    "outlet": "Demo-Zeitung", "published": "2025-06", "language": "de", "blocks": blocks},
        "questions": items,
        "quiz": {"title": f"Demo-Quiz {town} ({seed}/{index + 1})", "code": f"DEMO{seed % 10**8}X{index + 1}",
                 "public": False},
    }
