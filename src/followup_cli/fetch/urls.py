"""Which URLs may be fetched, and how two URLs are compared.

Only http and https are ever requested: a link or a redirect to file:,
ftp:, javascript: or data: is refused, whatever page it came from.
"""

from __future__ import annotations

from urllib.parse import urldefrag, urljoin, urlsplit

from followup_cli.fetch.errors import DisallowedError

ALLOWED_SCHEMES = frozenset({"http", "https"})
_DEFAULT_PORTS = {"http": 80, "https": 443}


def checked_url(url: str, *, source: str | None = None) -> str:
    """``url`` without its fragment, or DisallowedError if it may not be fetched.

    ``source`` names what is reported when the URL came from somewhere else
    (a redirect names the page that redirected).
    """
    reported = source or url
    if any(ord(char) < 0x20 or char == "\x7f" for char in url):
        raise DisallowedError(reported, "the URL holds control characters")
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as error:
        raise DisallowedError(reported, f"not a valid URL: {url!r} ({error})") from None
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        shown = f"{scheme}:" if scheme else "no scheme"
        raise DisallowedError(reported, f"refused {shown} URL {url!r}: only http and https")
    if not parts.hostname:
        raise DisallowedError(reported, f"the URL {url!r} names no host")
    if port == 0:
        raise DisallowedError(reported, f"the URL {url!r} names port 0")
    return urldefrag(url.strip()).url


def resolve(base: str, reference: str) -> str:
    """``reference`` (an href or a Location header) made absolute against ``base``."""
    return urljoin(base, reference.strip())


def host_key(url: str) -> str:
    """Host and port, the unit that robots.txt and the request delay apply to."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    port = parts.port or _DEFAULT_PORTS.get(scheme, 0)
    return f"{(parts.hostname or '').lower()}:{port}"


def origin(url: str) -> str:
    """scheme://host[:port], where robots.txt lives."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower().rsplit('@', 1)[-1]}"


def same_host(first: str, second: str) -> bool:
    """True when both URLs are on one host name; http and https of a host count as one."""
    first_host = urlsplit(first).hostname or ""
    second_host = urlsplit(second).hostname or ""
    return bool(first_host) and first_host.lower() == second_host.lower()


def is_http_url(text: str) -> bool:
    """True when a command-line input names an http(s) URL rather than a path."""
    return urlsplit(text.strip()).scheme.lower() in ALLOWED_SCHEMES and "://" in text
