"""The sign-in rule: how many wrong passwords an account and an address get (quizapp.services.ratelimits counts).

- One account from one address: LOGIN_RATE_LIMIT tries (5) per LOGIN_RATE_WINDOW (15 minutes).
- One address, any accounts: LOGIN_ADDRESS_LIMIT (50) per LOGIN_RATE_WINDOW, as a whole school
  may share one address.
- One account, from all addresses together: LOGIN_ACCOUNT_LIMIT (10) per LOGIN_ACCOUNT_WINDOW
  (60 seconds), a short lock against guessing from many addresses.

A try is counted before the password is checked; a right password clears the account's counts
and gives the address its try back. Tries refused by a limit count nowhere, so an attacker
hammering from one address is stopped at their own address and adds nothing to the account's
count: the real teacher waits at most a minute and signs in from another address.
"""
from ..services.ratelimits import Limit, network, release, reserve

ACCOUNT_FROM_ADDRESS = Limit("sign-in account+address", "LOGIN_RATE_LIMIT", "LOGIN_RATE_WINDOW")
ADDRESS = Limit("sign-in address", "LOGIN_ADDRESS_LIMIT", "LOGIN_RATE_WINDOW")
ACCOUNT = Limit("sign-in account", "LOGIN_ACCOUNT_LIMIT", "LOGIN_ACCOUNT_WINDOW")


def _tries(email: str, address: str) -> tuple[tuple[Limit, str], ...]:
    address = network(address)
    return ((ACCOUNT_FROM_ADDRESS, f"{email}\0{address}"), (ADDRESS, address), (ACCOUNT, email))


def try_sign_in(email: str, address: str) -> int | None:
    """Count a sign-in try; None if the password may be checked, else seconds to wait."""
    refused = reserve(*_tries(email, address))
    return None if refused is None else refused.retry_after


def signed_in(email: str, address: str) -> None:
    """The password was right: forget the account's counts, give the address its try back."""
    pair, by_address, account = _tries(email, address)
    release(clear=(pair, account), give_back=(by_address,))


def clear_failures(email: str, address: str | None = None) -> None:
    """Unlock an account (from ``address``, if given, too), e.g. after a password reset."""
    release(clear=_tries(email, address)[::2] if address else ((ACCOUNT, email),))
