"""The cmi5 rules the tests' LMS enforces on every AU statement, in order, inside a batch too.

In:  a launched cmi5 session (:class:`Session`: registration, AU id, launch mode, masteryScore,
     sessionid) and the AU's POST/PUT of one statement or a list.
Out: :meth:`Session.check` returns ``None`` (the whole batch is acceptable;
     :meth:`Session.accept` moves the session's and registration's flags on once the LRS
     stored it) or ``(rule, message)`` for the first statement that breaks a rule; then
     nothing of the batch is stored, as CATAPULT's player answers 403 with ``violatedReqId``.
     Rule numbers are the cmi5 spec's, as CATAPULT reports them:

- 8.1.2.0-2 the session is terminated (its token is dead); 10.2.1.0-6 the context holds the
  contextTemplate (sessionid of *this* session, its grouping); 9.6.1.0-1 the registration;
- 9.3.0.0-4 ``initialized`` first, and stored before anything else arrives (not in a batch
  with other statements); 9.3.0.0-5 nothing after ``terminated``; 9.3.0.0-2 no
  initialized/completed/passed/failed/terminated twice in a session; 9.3.0.0-3 not passed and
  failed in one session; 9.3.0.0-6/-7/-8 completed and passed once per registration, no failed
  after passed; 10.2.2.0-2/-3 no completed/passed/failed in Browse/Review;
- 8.1.5.0-6 a cmi5-defined statement's object is the AU; 9.6.2.2-1/-2 the moveon category on
  completed/passed/failed only, and on those with success/completion; 9.5.3.0-1 completed with
  ``completion: true``; 9.5.2.0-1/-2 passed/failed with the matching ``success``; 9.5.4.1-1..4
  a duration; 9.3.4.0-2 / 9.3.6.0-1 the scaled score against masteryScore; 9.6.3.2-2 the
  masteryscore extension equal to the session's masteryScore.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

V = "http://adlnet.gov/expapi/verbs/"
CAT = "https://w3id.org/xapi/cmi5/context/categories/"
SESSION_EXT = "https://w3id.org/xapi/cmi5/context/extensions/sessionid"
MASTERY_EXT = "https://w3id.org/xapi/cmi5/context/extensions/masteryscore"
DEFINED = ("initialized", "completed", "passed", "failed", "terminated")


@dataclass
class AuRecord:
    """What the LMS keeps per registration and AU across sessions."""

    completed: bool = False
    passed: bool = False


@dataclass
class Session:
    registration: str
    au_id: str
    session_id: str
    mode: str
    mastery: float | None
    au: AuRecord
    grouping: list[str]
    done: set[str] = field(default_factory=set)  # defined verbs accepted in this session
    refused: list[tuple[str, str]] = field(default_factory=list)  # (rule, message), in order
    pending: tuple[set[str], AuRecord] | None = None  # checked, not yet stored

    @property
    def terminated(self) -> bool:
        return "terminated" in self.done

    def check(self, batch: list[dict[str, Any]]) -> tuple[str, str] | None:
        done = set(self.done)
        au = AuRecord(self.au.completed, self.au.passed)
        for s in batch:
            broken = self._one(s, done, au)
            if broken:
                self.refused.append(broken)
                return broken
        self.pending = (done, au)
        return None

    def accept(self) -> None:
        """The LRS stored the batch last checked: the session and registration move on."""
        if self.pending is not None:
            done, au = self.pending
            self.done = done
            self.au.completed, self.au.passed = au.completed, au.passed
            self.pending = None

    def _one(self, s: dict[str, Any], done: set[str], au: AuRecord) -> tuple[str, str] | None:
        sid = str(s.get("id"))
        verb = str((s.get("verb") or {}).get("id", "")).rsplit("/", 1)[-1]
        ctx = s.get("context") or {}
        ca = ctx.get("contextActivities") or {}
        ext = ctx.get("extensions") or {}
        if self.terminated:
            return "8.1.2.0-2", f"session terminated: {sid}"
        if "terminated" in done:
            return "9.3.0.0-5", f"{verb} after terminated: {sid}"
        if ext.get(SESSION_EXT) != self.session_id:
            return "10.2.1.0-6", f"sessionid {ext.get(SESSION_EXT)!r} is not this session's: {sid}"
        grouping = {a.get("id") for a in ca.get("grouping") or []}
        if not set(self.grouping) <= grouping:
            return "10.2.1.0-6", f"grouping of the contextTemplate missing: {sid}"
        if ctx.get("registration") != self.registration:
            return "9.6.1.0-1", f"registration: {sid}"
        if "initialized" not in self.done and verb != "initialized":
            # as CATAPULT: the session must be initialized before the batch, so nothing may
            # ride in one batch with initialized
            return "9.3.0.0-4", f"{verb} before initialized was stored: {sid}"
        cats = {a.get("id") for a in ca.get("category") or []}
        moveon = CAT + "moveon" in cats
        if CAT + "cmi5" not in cats:
            if moveon:
                return "9.6.2.2-2", f"moveon category on an allowed statement: {sid}"
            return None  # a cmi5 "allowed" statement
        if moveon and verb not in ("completed", "passed", "failed"):
            return "9.6.2.2-2", f"moveon category on {verb}: {sid}"
        if verb not in DEFINED:
            return "9.3.0.0-1", f"unknown cmi5 defined verb {verb}: {sid}"
        if (s.get("object") or {}).get("id") != self.au_id:
            return "8.1.5.0-6", f"object is not the AU: {sid}"
        judged = verb in ("completed", "passed", "failed")
        if judged and self.mode == "Browse":
            return "10.2.2.0-2", f"{verb} in Browse mode: {sid}"
        if judged and self.mode == "Review":
            return "10.2.2.0-3", f"{verb} in Review mode: {sid}"
        broken = self._result(s, verb, ext, moveon)
        if broken:
            return broken
        if verb in done:
            return "9.3.0.0-2", f"{verb} twice in one session: {sid}"
        if verb == "completed" and au.completed:
            return "9.3.0.0-6", f"completed again in the registration: {sid}"
        if verb == "passed":
            if "failed" in done:
                return "9.3.0.0-3", f"passed after failed in one session: {sid}"
            if au.passed:
                return "9.3.0.0-7", f"passed again in the registration: {sid}"
        if verb == "failed":
            if "passed" in done:
                return "9.3.0.0-3", f"failed after passed in one session: {sid}"
            if au.passed:
                return "9.3.0.0-8", f"failed after passed in the registration: {sid}"
        done.add(verb)
        au.completed = au.completed or verb == "completed"
        au.passed = au.passed or verb == "passed"
        return None

    def _result(self, s: dict[str, Any], verb: str, ext: dict[str, Any],
                moveon: bool) -> tuple[str, str] | None:
        sid = str(s.get("id"))
        r = s.get("result") or {}
        if ("completion" in r or "success" in r) and not moveon:
            return "9.6.2.2-1", f"success/completion without the moveon category: {sid}"
        if verb == "completed" and r.get("completion") is not True:
            return "9.5.3.0-1", f"completed without completion true: {sid}"
        if verb in ("passed", "failed") and r.get("success") is not (verb == "passed"):
            return "9.5.2.0-1" if verb == "passed" else "9.5.2.0-2", f"success: {sid}"
        if verb != "initialized" and "duration" not in r:
            return "9.5.4.1-1", f"{verb} without duration: {sid}"
        scaled = (r.get("score") or {}).get("scaled")
        if scaled is not None and self.mastery is not None:
            if ext.get(MASTERY_EXT) != self.mastery:
                got = ext.get(MASTERY_EXT)
                return "9.6.3.2-2", f"masteryscore {got!r} != {self.mastery}: {sid}"
            if verb == "passed" and scaled < self.mastery:
                return "9.3.4.0-2", f"passed with {scaled} < {self.mastery}: {sid}"
            if verb == "failed" and scaled >= self.mastery:
                return "9.3.6.0-1", f"failed with {scaled} >= {self.mastery}: {sid}"
        return None
