"""Keyboard-only driving for the browser tests: after the first page.goto a test moves only with
Tab, arrow keys, Space, Enter, Escape and typing; these helpers read where the focus is."""
import re

FOCUSED = """() => {
  const e = document.activeElement;
  const group = e.closest ? e.closest("fieldset.question") : null;
  return {tag: e.tagName.toLowerCase(), type: e.type || "", name: e.name || "", id: e.id || "",
          cls: typeof e.className === "string" ? e.className : "", text: (e.innerText || e.value || "").trim(),
          href: e.getAttribute("href") || "", question: group ? group.id : "",
          evidence: !!(e.closest && e.closest(".options.evidence"))};
}"""


def focused(page) -> dict:
    return page.evaluate(FOCUSED)


def tab_to(page, wanted, limit: int = 400, key: str = "Tab") -> dict:
    """Press ``key`` until the focused element satisfies ``wanted`` (a predicate on focused())."""
    seen = []
    for _ in range(limit):
        page.keyboard.press(key)
        now = focused(page)
        if wanted(now):
            return now
        seen.append((now["tag"], now["id"] or now["name"] or now["text"][:30]))
    raise AssertionError(f"{key} never reached the element; focus went through {seen[-15:]}")


def _channel(value: float) -> float:
    value /= 255
    return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4


def luminance(css_color: str) -> float:
    red, green, blue = (float(n) for n in re.findall(r"[\d.]+", css_color)[:3])
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast(first: str, second: str) -> float:
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


FOCUS_RING = """() => {
  const e = document.activeElement, style = getComputedStyle(e);
  let node = e.parentElement, background = "rgb(255, 255, 255)";
  for (; node; node = node.parentElement) {  // the first opaque background behind the ring
    const colour = getComputedStyle(node).backgroundColor;
    if (colour && !/rgba\\(.*, 0\\)$/.test(colour) && colour !== "transparent") { background = colour; break; }
  }
  return {style: style.outlineStyle, width: parseFloat(style.outlineWidth), colour: style.outlineColor,
          background: background, visible: e.matches(":focus-visible")};
}"""


def assert_visible_focus(page) -> None:
    """The focused element shows a focus ring: a solid outline of 2px or more with at least 3:1
    contrast against what is behind it (WCAG 2.2, 2.4.7 and 1.4.11)."""
    ring = page.evaluate(FOCUS_RING)
    where = focused(page)
    assert ring["visible"], f"no :focus-visible on {where}"
    assert ring["style"] != "none" and ring["width"] >= 2, f"no focus outline on {where}: {ring}"
    assert contrast(ring["colour"], ring["background"]) >= 3, f"focus ring too faint on {where}: {ring}"
