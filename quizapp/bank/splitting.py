"""Turn pasted article text into passages, and keep passage anchors stable across edits.

Rules for pasted text (shown to teachers as a hint on the article form):

- Blank lines separate passages; the lines of one passage are joined with a space.
- The first passage is the headline if it is one short line without a sentence break (or the
  article's title); otherwise the title becomes the headline.
- ``## text`` or a short line ending with ``?`` is a heading (an interview question).
- ``Legende: text`` is a picture caption; ``Bild: credit`` next to it gives the photo credit
  (alone, it is a caption of its own).
- ``Lead: text`` is the lead; ``Box: label`` followed by lines of text is a box.

``blocks_to_text`` writes passages back in this notation, so editing the text of an article
and saving it unchanged gives the same passages.
"""
import re
from difflib import SequenceMatcher

HEADLINE_MAX = 160
HEADING_MAX = 200
SIMILAR_ENOUGH = 0.6  # difflib ratio above which an edited passage keeps its old anchor ...
SIMILAR_MOVED = 0.75  # ... or, if it also moved, this much

ANCHOR_PREFIX = {"headline": "title", "lead": "lead", "heading": "h", "paragraph": "p", "box": "box",
                 "caption": "caption"}
_SENTENCE_BREAK = re.compile(r"[.!?]\s+\S")
_CAPTION = re.compile(r"^(Bild|Legende)\s*:\s*(.*)$", re.I)
_LEAD = re.compile(r"^Lead\s*:\s*(.*)$", re.I)
_BOX = re.compile(r"^Box\s*:\s*(.*)$", re.I)


def _block(kind: str, text: str, label: str = "", credit: str = "") -> dict:
    return {"kind": kind, "text": text, "label": label, "credit": credit}


def _clean(line: str) -> str:
    return " ".join(line.split())


def _is_heading(line: str) -> bool:
    return line.startswith("## ") or (line.endswith("?") and len(line) <= HEADING_MAX)


def _chunks(text: str) -> list[list[str]]:
    chunks, current = [], []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = _clean(raw)
        if line:
            current.append(line)
        elif current:
            chunks.append(current)
            current = []
    if current:
        chunks.append(current)
    return chunks


def _split_chunk(lines: list[str]) -> list[dict]:
    """One chunk of lines becomes one or more blocks: marked lines stand alone."""
    first = _BOX.match(lines[0])
    if first:
        body = " ".join(lines[1:])
        return [_block("box", body or first.group(1), label=first.group(1) if body else "")]
    blocks, paragraph = [], []

    def flush():
        if paragraph:
            blocks.append(_block("paragraph", " ".join(paragraph)))
            paragraph.clear()

    for line in lines:
        caption, lead = _CAPTION.match(line), _LEAD.match(line)
        if caption:
            flush()
            word, rest = caption.group(1).lower(), caption.group(2).strip()
            if rest:
                blocks.append({**_block("caption", rest), "_credit_line": word == "bild"})
        elif lead:
            flush()
            if lead.group(1).strip():
                blocks.append(_block("lead", lead.group(1).strip()))
        elif _is_heading(line):
            flush()
            text = line[3:].strip() if line.startswith("## ") else line
            if text:
                blocks.append(_block("heading", text))
        else:
            paragraph.append(line)
    flush()
    return blocks


def _merge_captions(blocks: list[dict]) -> list[dict]:
    """A "Bild:" line next to a "Legende:" line is that caption's photo credit."""
    merged = []
    for block in blocks:
        previous = merged[-1] if merged else None
        if (previous is not None and block["kind"] == previous["kind"] == "caption"
                and previous.get("_credit_line") != block.get("_credit_line") and not previous["credit"]):
            credit_block, text_block = (previous, block) if previous.get("_credit_line") else (block, previous)
            merged[-1] = _block("caption", text_block["text"], credit=credit_block["text"])
            continue
        merged.append(block)
    return [{key: value for key, value in block.items() if not key.startswith("_")} for block in merged]


def _is_headline(lines: list[str], title: str) -> bool:
    if len(lines) != 1:
        return False
    line = lines[0]
    if line == _clean(title):
        return True
    return (len(line) <= HEADLINE_MAX and not _SENTENCE_BREAK.search(line)
            and not _CAPTION.match(line) and not _BOX.match(line) and not _LEAD.match(line)
            and not line.startswith("## "))


def split_text(text: str, title: str) -> list[dict]:
    """Split pasted text into blocks {kind, text, label, credit}, headline first."""
    chunks = _chunks(text)
    blocks = []
    if chunks and _is_headline(chunks[0], title):
        blocks.append(_block("headline", chunks.pop(0)[0]))
    elif _clean(title):
        blocks.append(_block("headline", _clean(title)))
    for chunk in chunks:
        blocks.extend(_split_chunk(chunk))
    return _merge_captions(blocks)


def blocks_to_text(blocks: list[dict]) -> str:
    """Write blocks in the pasting notation, so split_text gives them back."""
    parts = []
    for block in blocks:
        kind, text = block["kind"], block["text"]
        if kind == "heading":
            parts.append(f"## {text}")
        elif kind == "lead":
            parts.append(f"Lead: {text}")
        elif kind == "box":
            parts.append(f"Box: {block.get('label') or ''}\n{text}" if block.get("label") else f"Box: {text}")
        elif kind == "caption":
            credit = f"Bild: {block['credit']}\n" if block.get("credit") else ""
            parts.append(f"{credit}Legende: {text}")
        else:
            parts.append(text)
    return "\n\n".join(parts) + "\n"


# ---------------------------------------------------------------- stable anchors

def _next_anchor(kind: str, taken: set[str]) -> str:
    prefix = ANCHOR_PREFIX.get(kind, "p")
    if kind in ("headline", "lead") and prefix not in taken:
        return prefix
    numbers = [int(a.rsplit("-", 1)[1]) for a in taken if re.fullmatch(rf"{prefix}-\d+", a)]
    number = max(numbers, default=0) + 1
    return f"{prefix}-{number}"


def new_anchors(blocks: list[dict]) -> list[str]:
    """Anchors for the passages of a new article: title, p-1, p-2, h-1, …"""
    return match_anchors([], blocks)


def _similarity(a: str, b: str, threshold: float) -> float:
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < threshold or matcher.quick_ratio() < threshold:
        return 0.0  # cheap upper bounds rule most pairs out before the costly ratio()
    return matcher.ratio()


def _pair_similar(candidates, old_texts, new_texts, used: set[int], result: list, old, threshold: float) -> None:
    pairs = []
    for i, j in candidates:
        if i in used or result[j] is not None:
            continue
        score = _similarity(old_texts[i], new_texts[j], threshold)
        if score >= threshold:
            pairs.append((score, i, j))
    for _, i, j in sorted(pairs, reverse=True):
        if i not in used and result[j] is None:
            result[j] = old[i][0]
            used.add(i)


def match_anchors(old: list[tuple[str, str]], blocks: list[dict]) -> list[str]:
    """Give each new block the anchor of the old passage it continues, or a fresh one.

    ``old`` is [(anchor, text)] in reading order. Equal texts keep their anchor, wherever
    they moved; edited passages keep theirs when they stand where the old one stood and
    still read much the same (or moved and read almost the same); everything else gets a new
    anchor never used in ``old``.
    """
    old_texts = [text for _, text in old]
    new_texts = [block["text"] for block in blocks]
    result: list[str | None] = [None] * len(blocks)
    used: set[int] = set()
    matcher = SequenceMatcher(None, old_texts, new_texts, autojunk=False)
    replaced = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for offset in range(i2 - i1):
                result[j1 + offset] = old[i1 + offset][0]
                used.add(i1 + offset)
        elif tag == "replace":
            replaced.append((i1, i2, j1, j2))
    # A passage moved elsewhere: same text, same anchor.
    for j, text in enumerate(new_texts):
        if result[j] is None:
            i = next((i for i, (_, old_text) in enumerate(old) if i not in used and old_text == text), None)
            if i is not None:
                result[j] = old[i][0]
                used.add(i)
    # An edited passage in the place of an old one: pair the most similar first; then an
    # edited passage that also moved, if it is still clearly the same one.
    in_place = [(i, j) for i1, i2, j1, j2 in replaced for i in range(i1, i2) for j in range(j1, j2)]
    _pair_similar(in_place, old_texts, new_texts, used, result, old, SIMILAR_ENOUGH)
    anywhere = [(i, j) for i in range(len(old)) for j in range(len(blocks)) if i not in used and result[j] is None]
    _pair_similar(anywhere, old_texts, new_texts, used, result, old, SIMILAR_MOVED)
    taken = {anchor for anchor, _ in old}
    for j, block in enumerate(blocks):
        if result[j] is None:
            result[j] = _next_anchor(block["kind"], taken)
        taken.add(result[j])
    return result  # type: ignore[return-value]
