"""A page as a person sees it: its visible text, and the ids of its elements (stdlib html.parser)."""
import re
from html.parser import HTMLParser

HIDDEN = {"script", "style", "template", "noscript", "title", "head"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Markup that shows up as text when HTML is escaped once too often.
LEAKED_MARKUP = re.compile(r"<\s*/?\s*(p|h[1-6]|div|span|section|aside|figure|figcaption|mark|a|em|strong)\b"
                           r"|&lt;|&gt;|&amp;|&quot;|&#", re.I)


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.ids: dict[str, str] = {}  # id -> tag
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids[attributes["id"]] = tag
        if tag in HIDDEN and tag not in VOID:
            self._hidden += 1
        elif tag in {"p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "dt", "dd", "section",
                     "figcaption", "aside", "label", "option", "button"}:
            self.text.append("\n")

    def handle_endtag(self, tag):
        if tag in HIDDEN and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.text.append(data)


class Visible:
    """What a reader sees of an HTML page: .text (whitespace collapsed) and .ids (element id -> tag)."""

    def __init__(self, html: str):
        parser = _Page()
        parser.feed(html)
        parser.close()
        self.text = re.sub(r"[ \t\r\f\v\u00a0\u202f]+", " ", "".join(parser.text))
        self.text = re.sub(r"\s*\n\s*", "\n", self.text).strip()
        self.ids = parser.ids

    def leaked_markup(self) -> list[str]:
        """Snippets of the visible text where markup is shown as text."""
        return [self.text[max(0, m.start() - 40):m.end() + 40] for m in LEAKED_MARKUP.finditer(self.text)]

    def __contains__(self, words: str) -> bool:
        return " ".join(words.split()) in " ".join(self.text.split())


def visible(response) -> Visible:
    return Visible(response.get_data(as_text=True))
