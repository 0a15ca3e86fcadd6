"""Secret detection in one text, as a browser would read it.

In:  a text (a source file or a package file) and whether it is code (JavaScript: a key's value
     counts only when it is a string literal, since ``auth: token`` there names a variable).
Out: ``find_secrets`` -> ``Finding``s (1-based line and column, length, what was found), one per
     secret, in text order; ``find_secrets_in_lines`` the same findings, each distinct line
     scanned once per ``LineMemo`` (the packages of a build share most lines of their pages).
     Nothing is reported here (``coursec.check.credentials`` reports).

The approach of detect-secrets and gitleaks, kept small: rules for known token formats, rules
for where credentials are written (authorization values, URL user info, ``auth=`` launch
parameters, keys naming a secret), and Shannon entropy to tell a token from a word. Every line
is read as written and, when it holds ``&`` or ``%``, also decoded as the browser reads it
(HTML character references, then percent-encoding), case-insensitively for schemes, header
names and keys. What is not a secret: prose (``Basic troubleshooting techniques help.``: a word,
not a token), empty values and placeholders (``""``, ``~``, ``null``, ``<password>``,
``${TOKEN}``, ``{{ token }}``, ``***``), booleans, numbers and the words of fetch's
``credentials`` option (``omit``, ``same-origin``, ``include``).
"""

from __future__ import annotations

import base64
import binascii
import bisect
import html
import itertools
import math
import re
from collections import Counter
from dataclasses import dataclass, replace
from urllib.parse import unquote


@dataclass(frozen=True)
class Finding:
    line: int
    col: int
    length: int
    what: str  # completes "... is a static credential"
    key: str | None = None  # the key naming the secret, when a key rule found it


# --- known token formats (as gitleaks' rules: a prefix and a fixed alphabet) -----------------
_TOKENS = re.compile(
    r"\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{40,}|glpat-[A-Za-z0-9_-]{20,}"
    r"|xox[abprs]-[A-Za-z0-9-]{10,}|sk_live_[A-Za-z0-9]{16,}|AKIA[0-9A-Z]{16}"
    r"|AIza[0-9A-Za-z_-]{35}|eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,})"
    r"|-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----"
)
_TOKEN_HINTS = ("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-", "xox", "sk_live_",
                "akia", "aiza", "eyj", "private key")  # fmt: skip
_TOKEN_PREFIX = re.compile(r"^(?:gh[pousr]_|github_pat_|glpat-|xox[abprs]-|sk_live_|AKIA)")
# --- where credentials are written ------------------------------------------------------------
_AUTH_VALUE = re.compile(r"\b(?:basic|bearer|digest)[ \t]+([A-Za-z0-9+/=._~-]{8,})", re.I)
_URL_USERINFO = re.compile(
    r"\b[a-z][a-z0-9+.-]*://([^/\s:@'\"<>()\[\]]+)(?::([^/\s@'\"<>()\[\]]*))?@", re.I
)
_AUTH_PARAM = re.compile(r"(?:[?&;]|&amp;)auth=([^&\s\"'<>#)]+)", re.I)
#: a key and its value, matched only where a secret word (``_KEY_HINT``) was found
_KEY_VALUE = re.compile(
    r"(?P<q>[\"']?)(?P<key>[A-Za-z][A-Za-z0-9_.-]{0,63})(?P=q)[ \t]*[:=][ \t]*"
    r"(?P<value>\"(?:[^\"\\\n]|\\.)*\"|'[^'\n]*'|[^\s,{}\[\]#]+)?"
)
_KEY_WORDS = ("pass", "pwd", "secret", "token", "key", "auth", "cred")
_KEY_HINT = re.compile("|".join(_KEY_WORDS), re.I)
_KEY_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-")
_BEFORE_KEY = frozenset(" \t\n{,([")
_SECRET_WORDS = {
    "password", "passwd", "pwd", "passphrase", "secret", "token", "apikey", "auth",
    "authorization", "credential", "credentials",
}  # fmt: skip
_PASS_OWNERS = {"lrs", "xapi", "user", "admin", "db", "login", "account", "endpoint", "smtp"}
_DOTTED_NAME = re.compile(r"[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+")
_KEY_PAIRS = {("api", "key"), ("access", "key"), ("private", "key"), ("secret", "key")}
_PLACEHOLDER = re.compile(
    r"^(?:|~|null|none|true|false|yes|no|-?\d+(?:\.\d+)?|omit|same-origin|include|required|\*+|x+|\.\.\.|<[^>]*>|\$\{[^}]*\}|\{\{.*\}\}|%\w+%"
    r"|\$\w+|\|[-+]?|>[-+]?)$",
    re.I,
)


_NEWLINE = re.compile("\n")
#: what decoding changes: a character reference or a percent-escape
_ESCAPE = re.compile(r"&(?:#\d+|#x[0-9a-f]+|[a-z]+\d*);?|%[0-9a-f]{2}", re.I)
#: a decoded line is scanned again only when it holds a word some rule needs
_TRIGGER = re.compile(
    r"basic|bearer|digest|://|auth|pass|pwd|secret|token|key|cred|gh[pousr]_|github_pat_|glpat-"
    r"|xox|sk_live_|AKIA|AIza|eyJ|PRIVATE KEY",
    re.I,
)


def entropy(text: str) -> float:
    """Shannon entropy in bits per character (detect-secrets' measure)."""
    counts = Counter(text)
    return -sum(n / len(text) * math.log2(n / len(text)) for n in counts.values())


def looks_like_token(text: str, minimum: int = 12) -> bool:
    """A token rather than a word: long enough, of several character classes, high entropy."""
    if len(text) < minimum:
        return False
    classes = sum(bool(re.search(p, text)) for p in ("[a-z]", "[A-Z]", "[0-9]", "[^A-Za-z0-9]"))
    return classes >= 2 and entropy(text) >= 3.0


def _basic_pair(value: str) -> bool:
    """``user:password`` once base64-decoded (an HTTP Basic value)."""
    try:
        decoded = base64.b64decode(value + "=" * (-len(value) % 4), validate=True)
    except (binascii.Error, ValueError):
        return False
    text = decoded.decode("utf-8", "replace")
    return ":" in text and text.isprintable()


def _key_words(key: str) -> list[str]:
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", key)
    return [w for w in re.split(r"[\s_.-]+", spaced.lower()) if w]


def secret_key(key: str) -> bool:
    """``key`` names a secret: its last word (``lrsPass``, ``x-api-key``, ``credentials``)."""
    words = _key_words(key)
    if not words:
        return False
    if words[-1] in _SECRET_WORDS:
        return True
    if words[-1] == "pass":  # "outcome_pass" is a result; "lrsPass" is a password
        return len(words) == 1 or words[-2] in _PASS_OWNERS
    return len(words) >= 2 and (words[-2], words[-1]) in _KEY_PAIRS


def _value_is_secret(value: str, key: str, code: bool) -> bool:
    quoted = len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'"
    if code and not quoted:
        return False  # JavaScript: a name or an expression, not a literal
    inner = value[1:-1] if quoted else value
    if _PLACEHOLDER.match(inner.strip()):
        return False
    return quoted or not _reference(inner, key)


def _reference(value: str, key: str) -> bool:
    """An unquoted value that names where the secret comes from instead of holding it (as
    detect-secrets' indirect-reference filter): a call, a dotted name, a statement's end
    (``params.get('auth');``, ``launch.token;``), or the key's own word
    (``Authorization: auth``)."""
    bare = value.rstrip(";")
    if bare != value or "(" in value or _DOTTED_NAME.fullmatch(bare):
        return True
    return len(bare) >= 3 and bare.lower() in key.lower()


def _scan_line_rules(text: str, code: bool) -> list[tuple[int, int, str, str | None]]:
    """(start, end, what, key) of every rule match in ``text`` (whole-file regexes)."""
    found: list[tuple[int, int, str, str | None]] = []
    low = text.lower()  # substring checks first: most files hold none of a rule's words
    tokens = any(hint in low for hint in _TOKEN_HINTS)
    for m in _TOKENS.finditer(text) if tokens else ():
        found.append((m.start(), m.end(), "a token of a known format", None))
    auth_values = "basic" in low or "bearer" in low or "digest" in low
    for m in _AUTH_VALUE.finditer(text) if auth_values else ():
        value = m.group(1)
        if _basic_pair(value) or looks_like_token(value, 16):
            found.append((m.start(), m.end(), "an HTTP authorization value", None))
    for m in _URL_USERINFO.finditer(text) if "@" in low and "://" in low else ():
        user, password = m.group(1), m.group(2)
        if password or _TOKEN_PREFIX.match(user) or looks_like_token(user, 16):
            what = "a URL with a user name and password" if password else "a URL with a token"
            found.append((m.start(), m.end(), what, None))
    for m in _AUTH_PARAM.finditer(text) if "auth=" in low else ():
        if not _PLACEHOLDER.match(m.group(1)) and not (code and m.group(1)[0] in "\"'+"):
            found.append((m.start(), m.end(), "an 'auth' launch parameter with a value", None))
    for m in _key_values(text, low):
        key, value = m.group("key"), m.group("value") or ""
        if not secret_key(key):
            continue
        if value in ("|", ">", "|-", ">-", "|+", ">+") or not value:
            value = _block_value(text, m.end())
            if not value or code:
                continue
        elif not _value_is_secret(value, key, code) or _prose_rest(_rest_of_line(text, m.end())):
            continue
        found.append((m.start("key"), m.start("key") + len(key), "a key naming a secret", key))
    return found


def _key_values(text: str, low: str | None = None) -> list[re.Match[str]]:
    """``_KEY_VALUE`` at each key holding a secret word, the key starting a line or after a
    space or ``{,([`` (optionally quoted): a regex at every position would cost more."""
    out: list[re.Match[str]] = []
    done = -1
    for hint_start, hint_end in _hints(text, low):
        start = hint_start
        if start <= done:
            continue
        while start > 0 and start > hint_start - 64 and text[start - 1] in _KEY_CHARS:
            start -= 1
        if start > 0 and text[start - 1] in "\"'":
            start -= 1
        if start > 0 and text[start - 1] not in _BEFORE_KEY:
            continue
        m = _KEY_VALUE.match(text, start)
        if m is not None and m.end("key") >= hint_end:
            out.append(m)
            done = m.end("key")
    return out


def _hints(text: str, low: str | None = None) -> list[tuple[int, int]]:
    """(start, end) of every secret word in ``text``, in order: ``str.find`` on the lower-cased
    text ``low`` (made here when not given; a case-insensitive regex alternation is several
    times slower)."""
    low = text.lower() if low is None else low
    if len(low) != len(text):  # a character whose lower case is longer: offsets would move
        return [(m.start(), m.end()) for m in _KEY_HINT.finditer(text)]
    found = []
    for word in _KEY_WORDS:
        at = low.find(word)
        while at >= 0:
            found.append((at, at + len(word)))
            at = low.find(word, at + 1)
    return sorted(found)


def _rest_of_line(text: str, start: int) -> str:
    end = text.find("\n", start)
    return text[start : end if end >= 0 else len(text)]


def _prose_rest(rest: str) -> bool:
    """Words after the value: a sentence (``Password: choose a long one``), not a setting."""
    rest = rest.strip()
    return bool(rest) and not re.match(r"^(?:[,}\];]|#|//|<)", rest)


def _block_value(text: str, end: int) -> str:
    """The first line of a YAML block scalar (``key: |``) starting after offset ``end``."""
    for line in text[end:].split("\n")[1:4]:
        if line.strip():
            return line.strip() if line[:1] in " \t" else ""
    return ""


def _raw_col(raw: str, decoded_match: str) -> int:
    """Where a match found in the decoded line starts in the line as written (1 if unsure)."""
    lowered = raw.lower()
    for skip in (0, 1):
        probe = decoded_match[skip : skip + 4].lower()
        if len(probe) == 4 and probe in lowered:
            return lowered.index(probe) + 1 - skip
    return 1


def find_secrets(text: str, code: bool = False) -> list[Finding]:
    """Every secret in ``text`` (see the module docstring), one finding per place."""
    line_starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]

    def locate(start: int) -> tuple[int, int]:
        lo, hi = 0, len(line_starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if line_starts[mid] <= start:
                lo = mid
            else:
                hi = mid - 1
        return lo + 1, start - line_starts[lo] + 1

    findings: dict[int, list[Finding]] = {}
    for start, end, what, key in sorted(_scan_line_rules(text, code)):
        line, col = locate(start)
        kept = findings.setdefault(line, [])
        if any(f.col <= col < f.col + f.length or f.key for f in kept):
            continue  # overlapping an earlier finding, or the line's key is reported already
        if key is not None:
            kept.clear()
        kept.append(Finding(line, col, end - start, what, key))
    # the same lines as the browser reads them: entities, then percent-encoding
    escapes = _ESCAPE.finditer(text) if "&" in text or "%" in text else ()
    escaped_lines = sorted({locate(m.start())[0] - 1 for m in escapes})
    for index in escaped_lines:
        start = line_starts[index]
        stop = line_starts[index + 1] - 1 if index + 1 < len(line_starts) else len(text)
        line_text = text[start:stop]
        if index + 1 in findings:
            continue
        decoded = unquote(html.unescape(line_text))
        if decoded == line_text or not _TRIGGER.search(decoded):
            continue
        for d_start, d_end, what, key in sorted(_scan_line_rules(decoded, code)):
            col = _raw_col(line_text, decoded[d_start:d_end])
            length = max(1, len(line_text) - col + 1) if col > 1 else len(line_text)
            findings[index + 1] = [Finding(index + 1, col, length, f"{what} (encoded)", key)]
            break
    return [f for line in sorted(findings) for f in findings[line]]


#: findings of one line scanned alone (line 1), per line text; one memo per ``code`` flag
LineMemo = dict[str, list[Finding]]
_BLOCK_INDICATORS = ("", "|", ">", "|-", ">-", "|+", ">+")


def _ahead(lines: list[str]) -> set[str]:
    """The lines holding a secret key with no value (``password: |``): its value is read from
    the next lines (``_block_value``), so such a line's findings depend on them. One pass over
    the lines joined (no key or value spans a line break)."""
    joined = "\n".join(lines)
    starts = list(itertools.accumulate((len(line) + 1 for line in lines), initial=0))
    return {lines[bisect.bisect_right(starts, m.start()) - 1] for m in _key_values(joined)
            if secret_key(m.group("key")) and (m.group("value") or "") in _BLOCK_INDICATORS}


def find_secrets_in_lines(text: str, code: bool, memo: LineMemo) -> list[Finding]:
    """``find_secrets(text, code)``, scanning only the lines ``memo`` has not seen.

    Every rule matches within one line and findings are kept per line, so a line's findings
    are those of the line alone; the exception is a key whose value is a YAML block (read
    from the following lines), scanned with them and not memoised. The lines not seen yet are
    scanned together, as one text, in one ``find_secrets`` call."""
    lines = text.split("\n")
    todo = list(dict.fromkeys(line for line in lines if line not in memo))
    # a character whose lower case is longer: ``_hints`` would read the whole text another
    # way (the lines in ``memo`` have none: they were scanned here)
    if any(len(line.lower()) != len(line) for line in todo):
        return find_secrets(text, code)
    ahead = _ahead(todo) if todo and not code else set()
    fresh = [line for line in todo if line not in ahead]
    if fresh:
        by_line: dict[int, list[Finding]] = {}
        for finding in find_secrets("\n".join(fresh), code):
            by_line.setdefault(finding.line, []).append(replace(finding, line=1))
        for number, line in enumerate(fresh, start=1):
            memo[line] = by_line.get(number, [])
    out: list[Finding] = []
    for number, line in enumerate(lines, start=1):
        if line in ahead:
            window = "\n".join(lines[number - 1 : number + 3])
            own = [f for f in find_secrets(window, code) if f.line == 1]
        else:
            own = memo[line]
        if own:
            out.extend(replace(f, line=number) for f in own)
    return out
