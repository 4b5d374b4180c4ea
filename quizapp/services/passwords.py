"""The password rule for teacher accounts: long enough, not the account's own name or email,
not a well-known password.

Length is what makes a password strong; character-class rules ("one digit, one capital") only
push people to `Passwort1!`. So the rule is NIST SP 800-63B's: at least 10 characters, and
refuse what an attacker tries first — the account's own email or name, passwords of one or two
characters repeated, keyboard rows and counting, and the list in common_passwords.py.
"""
import re

from flask_babel import gettext as _

from .common_passwords import COMMON_PASSWORDS

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 200
# Runs people type instead of a password; a password inside one of them is no better.
_KEYBOARD_RUNS = ("1234567890", "0987654321", "qwertzuiopü", "qwertyuiop", "asdfghjklö", "yxcvbnm",
                  "zxcvbnm", "abcdefghijklmnopqrstuvwxyz", "1q2w3e4r5t6z7u8i9o0p", "1q2w3e4r5t6y7u8i9o0p",
                  "1qay2wsx3edc4rfv", "1qaz2wsx3edc4rfv")


def _letters_and_digits(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


def _guessable(password: str) -> bool:
    folded = password.casefold()
    squeezed = _letters_and_digits(password)
    # "Sommer2025!" and "passwort123" are their word with what people append to it.
    stem = re.sub(r"[\d\W_]+$", "", folded)
    if folded in COMMON_PASSWORDS or squeezed in COMMON_PASSWORDS or stem in COMMON_PASSWORDS:
        return True
    if len(set(folded)) <= 3:  # "aaaaaaaaaa", "abababababab", "1212121212"
        return True
    return any(squeezed and squeezed in run for run in _KEYBOARD_RUNS) or any(
        squeezed and squeezed in run * 3 for run in _KEYBOARD_RUNS)


def _personal(password: str, email: str | None, name: str | None) -> bool:
    squeezed = _letters_and_digits(password)
    words = {_letters_and_digits(email or ""), _letters_and_digits((email or "").split("@")[0]),
             _letters_and_digits(name or "")}
    words |= {_letters_and_digits(part) for part in re.split(r"[\s.@_+-]+", f"{email or ''} {name or ''}")}
    # A password that is the name or email with a little around it: "anna.muster2025".
    return any(len(word) >= 3 and word in squeezed and len(squeezed) - len(word) < 6 for word in words)


def password_problem(password: str | None, email: str | None = None, name: str | None = None) -> str | None:
    """Why this password is refused (a sentence for the user), or None when it is good."""
    if not password or len(password) < MIN_PASSWORD_LENGTH:
        return _("The password needs at least %(count)d characters.", count=MIN_PASSWORD_LENGTH)
    if len(password) > MAX_PASSWORD_LENGTH:
        return _("The password may have at most %(count)d characters.", count=MAX_PASSWORD_LENGTH)
    if _personal(password, email, name):
        return _("The password must not be your name or email address. A few unrelated words make a strong password.")
    if _guessable(password):
        return _("This password is among the first ones attackers try. A few unrelated words make a strong password.")
    return None
