"""Where a form may send the visitor next: only to a page of this site."""
from urllib.parse import urlsplit


def local_target(target: str | None) -> str | None:
    """``target`` if it is a path on this site (``?next=`` of the sign-in and join forms), else None."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    # Browsers read "/\\evil.example" as "//evil.example"; control characters hide such tricks.
    if "\\" in target or any(ord(char) < 32 for char in target):
        return None
    return target
