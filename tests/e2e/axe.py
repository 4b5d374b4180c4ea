"""axe-core, installed with npm at test time, run in a page; its findings as readable lines.

The script is not vendored: `npm install axe-core@4` fetches it once into .cache/axe-core/
(git-ignored) and later runs reuse it. Only the test machine talks to the npm registry; the app
never loads anything from another host.
"""
import os
import shutil
import subprocess
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
CACHE = PROJECT / ".cache" / "axe-core"
SCRIPT = CACHE / "node_modules" / "axe-core" / "axe.min.js"
PACKAGE = "axe-core@4"
# WCAG 2.0-2.2 A and AA, plus axe's best practices; only FAILING_IMPACTS fail a test.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
FAILING_IMPACTS = {"serious", "critical"}


def _unavailable(message: str):
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


def axe_script() -> str:
    """The source of axe.min.js, installed with npm on first use."""
    if not SCRIPT.exists():
        npm = shutil.which("npm")
        if npm is None:
            _unavailable("accessibility audits need npm to install axe-core (apt-get install npm)")
        CACHE.mkdir(parents=True, exist_ok=True)
        done = subprocess.run([npm, "install", "--no-save", "--no-audit", "--no-fund", "--prefix", str(CACHE),
                               PACKAGE], capture_output=True, text=True, timeout=300)
        if done.returncode != 0 or not SCRIPT.exists():
            _unavailable(f"npm could not install {PACKAGE}: {done.stderr.strip()[-500:]}")
    return SCRIPT.read_text(encoding="utf-8")


def audit(page, script: str) -> list[dict]:
    """axe's violations on the page as it is now, every <details> opened (every impact), each with
    rule, impact, help and targets."""
    # Evaluated through the DevTools protocol rather than added as a <script> tag: the app's
    # Content-Security-Policy (no inline scripts) stays in force for the page's own scripts.
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(script)
    return page.evaluate("""async (tags) => {
        // Collapsed <details> hide their content from axe: open them, so it is audited too.
        document.querySelectorAll("details:not([open])").forEach(details => { details.open = true; });
        const found = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
        return found.violations.map(v => ({rule: v.id, impact: v.impact, help: v.help,
                                           targets: v.nodes.map(n => n.target.join(" "))}));
    }""", TAGS)


def describe(where: str, violations: list[dict]) -> list[str]:
    """One line per violation: page, impact, rule, help, and the first few elements."""
    lines = []
    for v in violations:
        targets = ", ".join(v["targets"][:4]) + (f" (+{len(v['targets']) - 4} more)" if len(v["targets"]) > 4 else "")
        lines.append(f"{where}: {v['impact']} {v['rule']} – {v['help']}: {targets}")
    return lines
