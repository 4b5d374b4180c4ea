"""Evidence: which passage of the article supports a statement? Options are verbatim quotes."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from .base import SpecContext, option_keys
from .choice import MAX_OPTIONS, MIN_OPTIONS, SingleChoice, options_file_entries
from .option_form import option_rows


class Evidence(SingleChoice):
    name = "evidence"
    label = _l("Evidence (which passage?)")
    quote_in_form = False
    options_are_quotes = True
    options_legend = _l("Quotes to choose from")
    options_hint = _l("Each option is a verbatim quote from the article. Mark the one quote that proves the "
                      "statement; the others are near misses. Select text in the article, then press “Use "
                      "selection” in a row – or choose the passage and paste the quote.")
    prompt_hint = _l("State a claim in your own words and ask which passage supports it.")

    @property
    def review_template(self) -> str:
        return "kinds/evidence_review.html"

    def validate_spec(self, question: dict, ctx: SpecContext) -> dict:
        raw = question.get("options")
        if not isinstance(raw, list) or not (MIN_OPTIONS <= len(raw) <= MAX_OPTIONS):
            ctx.error("options", _("Give between %(low)d and %(high)d quotes as options.", low=MIN_OPTIONS, high=MAX_OPTIONS))
            return {"options": []}
        options = []
        for index, (item, key) in enumerate(zip(raw, option_keys(len(raw)))):
            where = f"options[{index}]"
            if not isinstance(item, dict) or not str(item.get("quote") or "").strip():
                ctx.error(f"{where}.quote", _("Each option is a verbatim quote from the article."))
                continue
            quote = str(item["quote"]).strip()
            anchor = ctx.resolve_quote(quote, item.get("passage"), f"{where}.quote")
            correct = item.get("correct", False)
            if not isinstance(correct, bool):
                ctx.error(f"{where}.correct", _("Write correct: true or correct: false."))
                correct = False
            options.append({"key": str(item.get("key") or key), "quote": quote, "anchor": anchor,
                            "text": quote, "correct": correct, "feedback": str(item.get("feedback") or "").strip()})
        right = [option for option in options if option["correct"]]
        if len(right) != 1:
            ctx.error("options", _("Mark exactly one quote as correct (found %(count)d).", count=len(right)))
        elif question.get("quote") and isinstance(question["quote"], dict):
            if str(question["quote"].get("exact") or "").strip() != right[0]["quote"]:
                ctx.error("quote.exact", _("The question's quote must be the correct option's quote."))
        if len({o["quote"] for o in options}) != len(options):
            ctx.error("options", _("Two options quote the same text."))
        return {"options": options}

    def display_options(self, spec: dict) -> list[dict]:
        return [{"key": o["key"], "text": o["quote"]} for o in spec["options"]]

    def file_fields(self, spec: dict) -> dict:
        return {"options": options_file_entries(spec, ("quote", "passage"))}

    def relink_spec(self, spec: dict, find) -> tuple[dict, bool]:
        options, found_all = [], True
        for option in spec.get("options", []):
            anchor = find(option["quote"], option.get("anchor"))
            found_all = found_all and anchor is not None
            options.append({**option, "anchor": anchor or option.get("anchor")})
        return {**spec, "options": options}, found_all

    def entry_from_form(self, form, reserved: set[str]) -> tuple[dict, list[int]]:
        options, rows = option_rows(form, True, reserved)
        right = [option for option in options if option["correct"]]
        # The question's quote is the correct option's quote: the teacher picks it only once.
        quote = {"exact": right[0]["quote"], "passage": right[0]["passage"]} if len(right) == 1 else {}
        return {"options": options, "quote": quote}, rows

    def place_error(self, form, name: str, rows: list[int], names: list[str]) -> list | None:
        if name == "quote.exact":
            # The quote is the correct option's: any problem with it is already shown there.
            return [] if any(other.startswith("options") for other in names) else form.option_errors
        return super().place_error(form, name, rows, names)
