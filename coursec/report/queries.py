"""Every SQL query of the report, written once for both dialects.

In:  a ``Dialect``, the raw statements as a relation with one JSON text column ``j``, the
     ``--since`` bound (epoch ms), the tables the engine holds: ``facts`` (one row per distinct
     statement id, flattened here), ``act`` (object id -> kind, key, node, version, page order,
     loaded from the course map), ``learners`` (actor -> region, first statement time).
Out: SQL strings. The figures they give: funnel steps, last pages of learners who left, per
     question first tries/correct/time/discrimination, per region first tries, choices picked,
     scenario edges, endings and competency values (these four per region), attempts and time
     to pass.
Reported: nothing.
"""

from __future__ import annotations

from coursec.report.dialect import Dialect, quote

EXT = "https://w3id.org/coursec/xapi/v1/extensions/"
VERBS = "http://adlnet.gov/expapi/verbs/"
EMPTY = ""

#: the columns of ``act`` (loaded from the course map)
ACT_COLUMNS = (("obj", "str"), ("kind", "str"), ("key", "str"), ("node", "str"),
               ("version", "str"), ("ord", "int"))


#: the fields of a statement ``facts`` is made of: (column, not a string, JSON path)
FIELDS: list[tuple[str, bool, tuple[str, ...]]] = [
    ("sid", False, ("id",)),
    ("mbox", False, ("actor", "mbox")),
    ("home", False, ("actor", "account", "homePage")),
    ("acct", False, ("actor", "account", "name")),
    ("sha", False, ("actor", "mbox_sha1sum")),
    ("openid", False, ("actor", "openid")),
    ("reg", False, ("context", "registration")),
    ("verb_iri", False, ("verb", "id")),
    ("obj", False, ("object", "id")),
    ("ts", False, ("timestamp",)),
    ("lang", False, ("context", "language")),
    ("success_t", True, ("result", "success")),
    ("score_t", True, ("result", "score", "raw")),
    ("response", False, ("result", "response")),
    ("dur_t", False, ("result", "duration")),
    ("ending", False, ("result", "extensions", EXT + "ending")),
    ("outcome", False, ("result", "extensions", EXT + "outcome")),
    ("scores", True, ("result", "extensions", EXT + "competency-scores")),
]


def flatten(d: Dialect, fields: str, course_iri: str, since_ms: int | None) -> str:
    """``facts`` from ``fields`` (a relation with the ``FIELDS`` columns): one row per
    statement id (the first by time when an LRS holds duplicates), only statements about the
    course's activities (ids below ``course_iri``)."""

    def part(unit: str) -> str:
        group = d.regex("dur_t", "([0-9]+([.][0-9]+)?)" + unit)
        return f"coalesce({d.num(f'nullif({group}, {quote(EMPTY)})')}, 0)"

    seconds = (f"CASE WHEN dur_t IS NULL THEN NULL ELSE {part('H')} * 3600 + {part('M')} * 60 "
               f"+ {part('S')} END")
    verb = (f"CASE WHEN {d.starts('verb_iri', VERBS)} "
            f"THEN substring(verb_iri, {len(VERBS) + 1}) ELSE verb_iri END")
    actor = ("coalesce(mbox, home || '|' || acct, "
             "'sha1:' || sha, openid)")
    since = f"AND ts_ms >= {since_ms}" if since_ms is not None else ""
    return f"""
SELECT sid, actor, reg, verb, obj, ts_ms, lang, success, score, response, dur, ending, outcome,
       scores
FROM (
  SELECT *, row_number() OVER (PARTITION BY sid ORDER BY ts_ms) AS rn FROM (
    SELECT sid, {actor} AS actor, reg, {verb} AS verb, obj, {d.epoch_ms('ts')} AS ts_ms,
           coalesce(lang, 'und') AS lang,
           CASE WHEN success_t = 'true' THEN 1 WHEN success_t = 'false' THEN 0 ELSE NULL END
             AS success,
           {d.num('score_t')} AS score, response, {seconds} AS dur, ending, outcome, scores
    FROM ({fields}) AS x
    WHERE sid IS NOT NULL AND verb_iri IS NOT NULL AND {d.starts('obj', course_iri)}
  ) AS y
) AS z
WHERE rn = 1 AND actor IS NOT NULL {since}
"""


def objects() -> str:
    """Statements per object id (classified by the course map)."""
    return "SELECT obj, count(*) AS n FROM facts GROUP BY obj ORDER BY obj"


def learners(d: Dialect, region: str | None) -> str:
    where = f"WHERE region = {quote(region)}" if region else ""
    return f"""
SELECT actor, region, first_ms FROM (
  SELECT f.actor AS actor, {d.argmin('f.lang', 'f.ts_ms')} AS region, min(f.ts_ms) AS first_ms
  FROM facts f JOIN act a ON f.obj = a.obj GROUP BY f.actor) AS l {where}
"""


_FACTS = "facts f JOIN act a ON f.obj = a.obj JOIN learners l ON f.actor = l.actor"


def funnel() -> str:
    return f"""
SELECT step, region, count(DISTINCT actor) AS learners FROM (
  SELECT f.actor AS actor, l.region AS region,
         CASE WHEN a.kind = 'page' THEN 'page:' || a.key ELSE f.verb END AS step
  FROM {_FACTS}
  WHERE (a.kind = 'course' AND f.verb IN ('initialized', 'completed', 'passed'))
     OR (a.kind = 'page' AND f.verb = 'experienced')
  UNION ALL
  SELECT actor, region, 'launched' AS step FROM learners
) AS s GROUP BY step, region ORDER BY step, region
"""


def left_at() -> str:
    """Learners who never completed, by the last page (in course order) they experienced."""
    return f"""
SELECT last_ord, count(*) AS learners FROM (
  SELECT f.actor AS actor, max(a.ord) AS last_ord FROM {_FACTS}
  WHERE a.kind = 'page' AND f.verb = 'experienced'
    AND f.actor NOT IN (SELECT f2.actor FROM facts f2 JOIN act a2 ON f2.obj = a2.obj
                        WHERE a2.kind = 'course' AND f2.verb = 'completed')
  GROUP BY f.actor) AS t GROUP BY last_ord ORDER BY last_ord
"""


def tries() -> str:
    """``tries``: every answer to a question, numbered per learner and question version."""
    return f"""
SELECT f.actor AS actor, l.region AS region, a.key AS key, a.version AS version,
       f.ts_ms AS ts_ms,
       f.success AS success, f.response AS response, f.dur AS dur,
       row_number() OVER (PARTITION BY f.actor, a.key, a.version ORDER BY f.ts_ms, f.sid) AS n
FROM {_FACTS} WHERE a.kind = 'question' AND f.verb = 'answered'
"""


def best() -> str:
    """``best``: each learner's best assessment score."""
    return f"""
SELECT f.actor AS actor, max(f.score) AS score FROM {_FACTS}
WHERE a.kind = 'course' AND f.verb IN ('passed', 'failed') AND f.score IS NOT NULL
GROUP BY f.actor
"""


def questions(d: Dialect) -> str:
    return f"""
SELECT t.key AS key, t.version AS version, count(*) AS responses,
       count(DISTINCT t.actor) AS learners,
       sum(CASE WHEN t.n = 1 THEN 1 ELSE 0 END) AS first_tries,
       sum(CASE WHEN t.n = 1 THEN t.success ELSE 0 END) AS first_correct,
       {d.median('t.dur')} AS median_seconds,
       corr(CASE WHEN t.n = 1 AND s.score IS NOT NULL THEN t.success END,
            CASE WHEN t.n = 1 AND t.success IS NOT NULL THEN s.score END) AS discrimination
FROM tries AS t LEFT JOIN best AS s ON t.actor = s.actor
GROUP BY t.key, t.version ORDER BY t.key, t.version
"""


def question_regions() -> str:
    return """
SELECT key, version, region, count(*) AS first_tries, sum(success) AS first_correct
FROM tries AS t WHERE n = 1 AND success IS NOT NULL
GROUP BY key, version, region ORDER BY key, version, region
"""


def choices(d: Dialect, pass_score: float) -> str:
    """Choices picked on first tries per region, by everyone and by the learners who passed
    (score at least ``pass_score``); the all-regions figures are their sums (a learner has one
    region)."""
    return f"""
SELECT key, version, choice, region, count(*) AS picks,
       sum(CASE WHEN strong = 1 THEN 1 ELSE 0 END) AS strong_picks
FROM (
  SELECT t.key AS key, t.version AS version, {d.explode('t.response', '[,]')} AS choice,
         t.region AS region, CASE WHEN s.score >= {float(pass_score)} THEN 1 ELSE 0 END AS strong
  FROM tries AS t LEFT JOIN best AS s ON t.actor = s.actor
  WHERE t.n = 1
) AS c GROUP BY key, version, choice, region ORDER BY key, version, choice, region
"""


def choice_bases(pass_score: float) -> str:
    """Learners with a first try per question and region: all and those who passed."""
    return f"""
SELECT t.key AS key, t.version AS version, t.region AS region, count(*) AS tries,
       sum(CASE WHEN s.score >= {float(pass_score)} THEN 1 ELSE 0 END) AS strong_tries
FROM tries AS t LEFT JOIN best AS s ON t.actor = s.actor
WHERE t.n = 1 GROUP BY t.key, t.version, t.region ORDER BY t.key, t.version, t.region
"""


def edges() -> str:
    """Learners and times per scenario edge and region (all regions: their sums)."""
    return f"""
SELECT a.key AS key, a.node AS node, f.response AS choice, l.region AS region,
       count(DISTINCT f.actor) AS learners, count(*) AS times
FROM {_FACTS} WHERE a.kind = 'decision' AND f.verb = 'answered'
GROUP BY a.key, a.node, f.response, l.region ORDER BY a.key, a.node, f.response, l.region
"""


def endings() -> str:
    return f"""
SELECT a.key AS key, f.ending AS ending, l.region AS region, count(DISTINCT f.actor) AS learners,
       count(*) AS times
FROM {_FACTS} WHERE a.kind = 'scenario' AND f.verb = 'completed'
GROUP BY a.key, f.ending, l.region ORDER BY a.key, f.ending, l.region
"""


def competency(d: Dialect, key: str, name: str) -> str:
    """The values of competency ``name`` at the endings of scenario ``key``, per region."""
    value = d.num(d.text("f.scores", name, raw=True))
    return f"""
SELECT v AS value, region, count(*) AS times FROM (
  SELECT {value} AS v, l.region AS region FROM {_FACTS}
  WHERE a.kind = 'scenario' AND f.verb = 'completed' AND a.key = {quote(key)}
) AS c WHERE v IS NOT NULL GROUP BY v, region ORDER BY v, region
"""


def to_pass(d: Dialect) -> str:
    """Per region: learners who passed, by verdicts until the first pass; time to pass."""
    return f"""
SELECT region, attempts, count(*) AS learners, {d.median('seconds')} AS median_seconds FROM (
  SELECT v.actor AS actor, l.region AS region,
         sum(CASE WHEN v.ts_ms <= p.pass_ms THEN 1 ELSE 0 END) AS attempts,
         (min(p.pass_ms) - min(l.first_ms)) / 1000.0 AS seconds
  FROM (SELECT f.actor AS actor, f.ts_ms AS ts_ms FROM facts f JOIN act a ON f.obj = a.obj
        WHERE a.kind = 'course' AND f.verb IN ('passed', 'failed')) AS v
  JOIN (SELECT f.actor AS actor, min(f.ts_ms) AS pass_ms FROM facts f JOIN act a
        ON f.obj = a.obj WHERE a.kind = 'course' AND f.verb = 'passed' GROUP BY f.actor) AS p
    ON v.actor = p.actor
  JOIN learners l ON v.actor = l.actor
  GROUP BY v.actor, l.region
) AS t GROUP BY region, attempts ORDER BY region, attempts
"""
