"""Who may ask the preview what: the Host, Origin and content-type checks every request passes.

The preview is a server any web page the reviewer opens can reach (``fetch`` with ``no-cors``,
a form, an image), and with DNS rebinding a remote page can even read from it as if it were
its own origin. So:

- every request must name the preview in ``Host`` (``127.0.0.1:PORT``, ``localhost:PORT`` or
  ``[::1]:PORT``): a rebinding page sends its own name (``evil.example:PORT``) and gets 403;
- every state-changing request (any method but GET/HEAD) must come from the preview's own
  origin (``Origin`` present and one of ``http://`` + those hosts): a page on another origin,
  even with ``no-cors``, gets 403;
- a request with a body must send it as ``application/json`` (415 otherwise), a type no other
  origin can send without a CORS preflight, which the preview never grants;
- a browser's ``Sec-Fetch-Site: cross-site`` / ``same-site`` is refused for anything but a
  top-level GET navigation (a link to the panel still opens it).

In:  the method and the request headers, and the port the preview listens on.
Out: ``Guard.refusal(method, headers)`` -> None, or a ``Refusal`` (HTTP status and a one-line
     reason); ``SAFE_HEADERS``, sent with every response so that no other origin can embed
     what the preview serves (``Cross-Origin-Resource-Policy``) or frame the panel.
Reported: nothing; a refusal goes back to the client only.
"""

from __future__ import annotations

from dataclasses import dataclass
from email.message import Message

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
READ_METHODS = frozenset({"GET", "HEAD"})
JSON_TYPE = "application/json"

#: sent with every response of the preview
SAFE_HEADERS = (
    ("Cross-Origin-Resource-Policy", "same-origin"),
    ("X-Content-Type-Options", "nosniff"),
    ("Content-Security-Policy", "frame-ancestors 'self'"),
)


@dataclass(frozen=True)
class Refusal:
    status: int
    reason: str


class Guard:
    """The Host/Origin policy of a preview listening on ``port``."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.hosts = frozenset(
            {f"{name}:{port}" for name in LOOPBACK_NAMES}
            | (set(LOOPBACK_NAMES) if port == 80 else set())
        )
        self.origins = frozenset(f"http://{host}" for host in self.hosts)

    def refusal(self, method: str, headers: Message) -> Refusal | None:
        hosts = headers.get_all("Host") or []
        if len(hosts) != 1:
            return Refusal(400, "one Host header is required")
        if hosts[0].strip().lower() not in self.hosts:
            return Refusal(403, f"this preview answers only http://127.0.0.1:{self.port}/")
        site = (headers.get("Sec-Fetch-Site") or "").lower()
        if site in ("cross-site", "same-site") and not (
            method == "GET" and (headers.get("Sec-Fetch-Mode") or "").lower() == "navigate"
        ):
            return Refusal(403, "requests from other sites are not answered")
        if method in READ_METHODS:
            return None
        origins = headers.get_all("Origin") or []
        if len(origins) != 1 or origins[0].strip().lower() not in self.origins:
            return Refusal(403, "changes are accepted only from the preview's own pages")
        if _has_body(headers) and _media_type(headers) != JSON_TYPE:
            return Refusal(415, f"send the body as {JSON_TYPE}")
        return None


def _has_body(headers: Message) -> bool:
    length = (headers.get("Content-Length") or "").strip()
    return bool(headers.get("Transfer-Encoding")) or (bool(length) and length != "0")


def _media_type(headers: Message) -> str:
    return (headers.get("Content-Type") or "").split(";", 1)[0].strip().lower()
