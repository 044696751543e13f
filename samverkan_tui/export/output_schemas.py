"""JSON Schemas (draft 2020-12) of every `--format json` output: `samverkan schema --utdata`.

The shapes are those `export/data.py` writes (and, for the follow-up aggregate and the routine
draft, `steplog/report.py` and `core/manage/draft.py`). Each thing is defined once under ``$defs`` —
a routine reference, a contact, an answer, a question, a step, a plan item, a walk — and every
command's schema refers to it, so "one shape per thing" is visible in the schema as well.

Objects are closed (``additionalProperties: false``) and list every key the serializer always
writes as ``required``. A thing that extends another (a graded answer is an answer plus its
grade) refers to the other's ``…Fields`` definition and closes itself with
``unevaluatedProperties: false``.
"""

from __future__ import annotations

from typing import Any

from samverkan_tui.core.base.problems import ERROR, INFO, WARNING
from samverkan_tui.core.manage.review_walk import CONTACT_VERDICTS
from samverkan_tui.core.routine.catalog import BUILTIN, USER
from samverkan_tui.core.routine.model import ITEM_KINDS, QUESTION_KINDS
from samverkan_tui.core.training.grading import GRADE_LABELS as GRADE_STATUSES
from samverkan_tui.core.walk.status import MODE_CASE, MODES, STATUS_LABELS

Schema = dict[str, Any]

DIALECT = "https://json-schema.org/draft/2020-12/schema"

# -- building blocks --------------------------------------------------------------------

STRING: Schema = {"type": "string"}
INTEGER: Schema = {"type": "integer"}
COUNT: Schema = {"type": "integer", "minimum": 0}
BOOLEAN: Schema = {"type": "boolean"}
DATE: Schema = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
# Always with its UTC offset: a time without one would be a bug (Europe/Stockholm is implied nowhere).
DATETIME: Schema = {
    "type": "string",
    "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?[+-]\d{2}:\d{2}$",
}
WEEK: Schema = {"type": "string", "pattern": r"^\d{4}-W\d{2}$"}
STRINGS: Schema = {"type": "array", "items": STRING}


def ref(name: str) -> Schema:
    return {"$ref": f"#/$defs/{name}"}


def nullable(schema: Schema) -> Schema:
    return {"anyOf": [schema, {"type": "null"}]}


def array(items: Schema, **extra: Any) -> Schema:
    return {"type": "array", "items": items, **extra}


def enum(values: Any) -> Schema:
    return {"enum": list(values)}


def closed(properties: dict[str, Schema], description: str = "") -> Schema:
    """An object with exactly these keys, all of them always written."""
    schema: Schema = {"type": "object"}
    if description:
        schema["description"] = description
    schema.update(properties=properties, required=list(properties), additionalProperties=False)
    return schema


def fields(properties: dict[str, Schema], description: str = "") -> Schema:
    """The keys of a thing that others extend: required, but left open for the extension."""
    schema: Schema = {"type": "object"}
    if description:
        schema["description"] = description
    schema.update(properties=properties, required=list(properties))
    return schema


def extends(base: str, properties: dict[str, Schema] | None = None, description: str = "") -> Schema:
    """``base``'s fields plus ``properties``, and nothing else."""
    schema: Schema = {"$ref": f"#/$defs/{base}"}
    if description:
        schema["description"] = description
    if properties:
        schema.update(type="object", properties=properties, required=list(properties))
    schema["unevaluatedProperties"] = False
    return schema


# -- shared definitions -----------------------------------------------------------------

_COUNT_CELL: Schema = {
    "description": "Ett antal: exakt, eller (under tröskeln eller dolt) som gränser.",
    "oneOf": [
        COUNT,
        closed({"exact": COUNT, "below": array({"type": "integer", "minimum": 2}), "hidden": COUNT}),
    ],
}

DEFS: dict[str, Schema] = {
    # routines
    "routineRef": closed(
        {"id": STRING, "title": nullable(STRING), "version": STRING, "content_hash": nullable(STRING)},
        "Vilken rutin det gäller. title och content_hash är null där bara stegloggens id finns.",
    ),
    "remark": closed({"text": STRING, "severity": STRING}),
    "routineFields": fields(
        {
            "id": STRING,
            "title": STRING,
            "short_title": STRING,
            "version": STRING,
            "source": STRING,
            "units": STRINGS,
            "adopted": nullable(DATE),
            "revised": nullable(DATE),
            "review_due": nullable(DATE),
            "review_overdue": BOOLEAN,
            "review_interval_assumed": BOOLEAN,
            "review_status": STRING,
            "remarks": array(ref("remark")),
            "content_hash": STRING,
        },
        "En rutin med metadata och översyn.",
    ),
    "option": closed({"value": STRING, "label": STRING}),
    "question": closed(
        {
            "id": STRING,
            "text": STRING,
            "help": STRING,
            "type": enum(QUESTION_KINDS),
            "when": nullable(STRING),
            "options": array(ref("option")),
        }
    ),
    "answerFields": fields(
        {"question": STRING, "text": nullable(STRING), "value": nullable(STRING), "label": nullable(STRING)},
        "Ett svar: frågans id och text, värdet och dess etikett. text och label är null bara för en "
        "sparad genomgång vars rutin inte kan läsas; value bara för en fråga en övande inte besvarade.",
    ),
    "answer": extends("answerFields"),
    # contacts
    "contactRef": closed({"id": STRING, "name": STRING}, "En kontakt som nämns, t.ex. som reservkontakt."),
    "contactFields": fields(
        {
            "id": STRING,
            "routine": ref("routineRef"),
            "name": STRING,
            "unit": STRING,
            "phones": STRINGS,
            "fax": STRINGS,
            "instructions": STRING,
            "hours_note": STRING,
            "hours": STRINGS,
            "fallback": nullable(ref("contactRef")),
            "open_now": {"type": ["boolean", "null"]},
            "reason": STRING,
            "closes_at": nullable(DATETIME),
            "next_open": nullable(DATETIME),
            "uncertain": BOOLEAN,
            "summary": STRING,
        },
        "En kontakt och om den svarar vid tidpunkten (open_now null: tiderna är okända).",
    ),
    "contact": extends("contactFields"),
    # steps and plans
    "stepFields": fields({"id": STRING, "text": STRING, "role": STRING, "phase": STRING}),
    "step": extends("stepFields", description="En punkt i rutinen, utanför en plan."),
    "planItem": closed(
        {
            "id": STRING,
            "text": STRING,
            "role": STRING,
            "role_name": STRING,
            "phase": STRING,
            "phase_name": STRING,
            "section": STRING,
            "section_title": nullable(STRING),
            "kind": enum(ITEM_KINDS),
            "checkable": BOOLEAN,
            "deadline": nullable(STRING),
            "due": nullable(DATE),
            "due_from": nullable(STRING),
            "legal_due": nullable(DATE),
            "legal_reference": nullable(STRING),
            "due_text": nullable(STRING),
            "contacts": array(ref("contact")),
            "warnings": STRINGS,
            "notes": STRINGS,
        },
        "En punkt i planen, i rutinens ordning.",
    ),
    "moment": closed({"label": STRING, "at": DATETIME, "given": BOOLEAN}),
    # the step log
    "walkStep": closed(
        {
            "id": STRING,
            "text": nullable(STRING),
            "in_plan": {"type": ["boolean", "null"]},
            "status": nullable(enum(STATUS_LABELS)),
            "status_label": nullable(STRING),
            "at": nullable(DATETIME),
            "category": nullable(STRING),
            "category_label": nullable(STRING),
            "comment": nullable(STRING),
            "deadline": nullable(STRING),
            "due": nullable(DATE),
            "overdue": {"type": ["boolean", "null"]},
        },
        "Ett steg i en genomgång: status när det hanterats (status null: återstår), datum när det återstår.",
    ),
    "contactUsed": closed({"id": STRING, "name": nullable(STRING), "at": DATETIME}),
    "walk": closed(
        {
            "id": STRING,
            "routine": ref("routineRef"),
            "routine_available": BOOLEAN,
            "stored_content_hash": nullable(STRING),
            "routine_changed": {"type": ["boolean", "null"]},
            "mode": enum(MODES),
            "started_at": DATETIME,
            "updated_at": DATETIME,
            "finished_at": nullable(DATETIME),
            "now": nullable(DATETIME),
            "answers": array(ref("answer")),
            "unanswered": nullable(STRINGS),
            "steps": array(ref("walkStep")),
            "contacts_used": array(ref("contactUsed")),
        },
        "En genomgång ur stegloggen. Kan rutinen inte läsas (routine_available false) är det som "
        "bara rutinen vet null.",
    ),
    "walkRow": closed(
        {
            "id": STRING,
            "routine": ref("routineRef"),
            "mode": enum(MODES),
            "started_at": DATETIME,
            "updated_at": DATETIME,
            "finished_at": nullable(DATETIME),
            "answered": COUNT,
            "steps_handled": COUNT,
        }
    ),
    "count": _COUNT_CELL,
    "stepCount": closed({"step": STRING, "count": ref("count")}),
    "aggregateRoutine": closed(
        {
            "routine": STRING,
            "title": nullable(STRING),
            "steps": array(
                closed(
                    {
                        "step": STRING,
                        "text": nullable(STRING),
                        "reference": nullable(STRING),
                        "section": nullable(STRING),
                    }
                )
            ),
            "sections": array(
                closed({"section": STRING, "title": nullable(STRING), "parent": nullable(STRING)})
            ),
            "walks": ref("count"),
            "walks_per_week": array(closed({"week": WEEK, "count": ref("count")})),
            "akut": nullable(ref("count")),
            "deviations": ref("count"),
            "deviations_by_category": array(
                closed({"category": STRING, "label": STRING, "count": ref("count")})
            ),
            "deviations_by_section": array(closed({"section": STRING, "count": ref("count")})),
            "deviations_by_step": array(ref("stepCount")),
            "not_applicable_by_step": array(ref("stepCount")),
            "done_by_step": array(
                closed(
                    {
                        "step": STRING,
                        "count": ref("count"),
                        "median_minutes": {"type": ["number", "null"]},
                        "median_approximate": {"type": ["boolean", "null"]},
                    }
                )
            ),
        },
        "En rutin i uppföljningsfilen. Filens format har en egen version (läses av statistik slå-ihop), "
        "så rutinen står här som id och titel.",
    ),
    # training
    "gradedAnswer": extends(
        "answerFields",
        {
            "status": enum(GRADE_STATUSES),
            "expected": nullable(STRING),
            "expected_label": nullable(STRING),
            "reason": STRING,
        },
        "Den övandes svar (ett svar; value null om frågan inte besvarades), rättat.",
    ),
    "gradedContact": extends(
        "contactFields",
        {"steps": STRINGS, "closed": BOOLEAN},
        "En kontakt i den väntade planen vid fallets tidpunkt, och stegen som använder den.",
    ),
    "tourStep": extends("stepFields", {"condition": STRING}),
    "tourStop": closed(
        {
            "question": nullable(STRING),
            "text": nullable(STRING),
            "asked_when": STRING,
            "help": STRING,
            "branches": array(
                closed(
                    {
                        "value": STRING,
                        "label": STRING,
                        "steps": array(ref("tourStep")),
                        "leads_to": STRINGS,
                    }
                )
            ),
            "always": array(ref("tourStep")),
        }
    ),
    # managing routines
    "problem": closed(
        {
            "file": STRING,
            "line": COUNT,
            "column": COUNT,
            "severity": enum((ERROR, WARNING, INFO)),
            "message": STRING,
            "hint": STRING,
        }
    ),
    "reviewEntry": extends("stepFields", {"change": nullable(STRING), "reference": STRING}),
    "reviewedContact": closed(
        {
            "id": STRING,
            "name": STRING,
            "phones": STRINGS,
            "verdict": nullable(enum(CONTACT_VERDICTS)),
            "new_phones": STRING,
            "new_hours": STRING,
        }
    ),
    "change": closed(
        {
            "kind": STRING,
            "subject": STRING,
            "text": STRING,
            "old": nullable(STRING),
            "new": nullable(STRING),
            "diff": nullable(STRING),
        }
    ),
    "routineVersion": closed({"version": STRING, "path": STRING}),
}

# -- one schema per command -------------------------------------------------------------

_PLAN_FIELDS: dict[str, Schema] = {
    "questions": array(ref("question")),
    "now": DATETIME,
    "moments": {"type": "object", "additionalProperties": ref("moment")},
    "answers": array(ref("answer")),
    "complete": BOOLEAN,
    "next_question": nullable(STRING),
    "unanswered": array(ref("question")),
    "general_rules": STRINGS,
    "plan": array(ref("planItem")),
}

_EXERCISE_LIST: Schema = array(
    closed(
        {
            "routine": ref("routineRef"),
            "id": STRING,
            "title": STRING,
            "now": nullable(DATETIME),
            "question_count": COUNT,
        }
    ),
    description="öva --lista: övningarna.",
)
_EXERCISE_CASE: Schema = closed(
    {
        "routine": ref("routineRef"),
        "exercise": STRING,
        "title": STRING,
        "now": DATETIME,
        "case": STRING,
        "questions": array(ref("question")),
    },
    "öva ID --övning ÖVNING: fallet och frågorna.",
)
_GRADE: Schema = closed(
    {
        "routine": ref("routineRef"),
        "exercise": STRING,
        "title": STRING,
        "now": DATETIME,
        "score": {"type": "integer", "minimum": 0, "maximum": 100},
        "perfect": BOOLEAN,
        "complete": BOOLEAN,
        "correct": COUNT,
        "expected": COUNT,
        "answers": array(ref("gradedAnswer")),
        "missed_steps": array(ref("step")),
        "needless_steps": array(ref("step")),
        "shared_steps": COUNT,
        "decided_steps": COUNT,
        "correct_plan": array(
            closed(
                {
                    "step": STRING,
                    "verdict": {"enum": ["i båda", "saknas", "i onödan"]},
                    "due": STRING,
                    "calls": STRINGS,
                },
                "Rätt plan bredvid din: varje åtgärd i rutinens ordning, med datum och vem du ringer.",
            )
        ),
        "expected_steps": STRINGS,
        "given_steps": STRINGS,
        "contacts": array(ref("gradedContact")),
    },
    "öva ID --övning ÖVNING --svar FRÅGA=SVAR …: rättningen.",
)
_TOUR: Schema = closed(
    {"routine": ref("routineRef"), "stops": array(ref("tourStop"))},
    "öva ID --rundtur: varje fråga, varje svar och stegen det tar med.",
)

_AGGREGATE: Schema = closed(
    {
        "format": {"const": "samverkan-statistik"},
        "version": {"const": 2},
        "ids": array(STRING, minItems=1),
        "threshold": {"type": "integer", "minimum": 2},
        "sources": {"type": "integer", "minimum": 1},
        "mode": {"const": MODE_CASE},
        "period": enum(("veckor", "månader", "blandad")),
        "from": nullable(DATE),
        "to": nullable(DATE),
        "coverage": array(closed({"desk": STRING, "from": DATE, "to": DATE})),
        "routines": array(ref("aggregateRoutine")),
    },
    "Uppföljningsfilen: bara sammanställda antal, inga genomgångar, inga kommentarer.",
)

_DRAFT: Schema = closed(
    {
        "id": STRING,
        "title": STRING,
        "sections": array(
            closed({"id": STRING, "title": STRING, "line": COUNT, "parent": nullable(STRING), "when": STRING})
        ),
        "items": array(
            closed(
                {
                    "id": STRING,
                    "section": STRING,
                    "text": STRING,
                    "line": COUNT,
                    "kind": enum(ITEM_KINDS),
                    "deadline": STRING,
                    "contacts": STRINGS,
                    "when": STRING,  # a proposed condition ("" when none)
                    "role": STRING,  # a proposed role ("" when none)
                }
            )
        ),
        "questions": array(closed({"id": STRING, "text": STRING, "line": COUNT})),
        "roles": array(closed({"id": STRING, "name": STRING, "lines": array(COUNT)})),
        "contacts": array(
            closed(
                {
                    "id": STRING,
                    "name": STRING,
                    "phones": STRINGS,
                    "fax": STRINGS,
                    "hours": {"type": "object", "additionalProperties": STRING},
                }
            )
        ),
        "unplaced": array(closed({"line": COUNT, "text": STRING})),
        "report": array(closed({"line": COUNT, "text": STRING, "where": STRING})),
    },
    "Ett utkast till en rutinfil ur en text: vad som hittades och var (kontakterna som de står i texten).",
)

OUTPUTS: dict[str, Schema] = {
    "lista": array(
        extends(
            "routineFields",
            {"path": STRING, "origin": enum((BUILTIN, USER)), "overrides": STRINGS},
        ),
        description="Rutinerna som finns.",
    ),
    "visa": {
        "description": "Utan svar: rutinen och dess frågor. Med svar: dessutom planen.",
        "oneOf": [
            extends("routineFields", {"questions": array(ref("question"))}),
            extends("routineFields", _PLAN_FIELDS),
        ],
    },
    "kontakter": array(ref("contact"), description="Rutinernas kontakter och om de svarar nu."),
    "kontrollera": array(
        closed(
            {
                "file": STRING,
                "ok": BOOLEAN,
                "routine": nullable(ref("routineRef")),
                "problems": array(ref("problem")),
            }
        ),
        description="En rad per kontrollerad fil.",
    ),
    "logg lista": array(ref("walkRow"), description="Genomgångarna i loggen, den senaste först."),
    "logg visa": ref("walk"),
    "logg exportera": ref("walk"),
    "logg statistik": _AGGREGATE,
    "statistik slå-ihop": _AGGREGATE,
    "granska": closed(
        {
            "routine": ref("routineRef"),
            "reviewed_at": DATETIME,
            "complete": BOOLEAN,
            "unchanged": BOOLEAN,
            "result": STRING,
            "confirmed": array(ref("reviewEntry")),
            "change": array(ref("reviewEntry")),
            "remove": array(ref("reviewEntry")),
            "not_reviewed": STRINGS,
            "contacts": array(ref("reviewedContact")),
            "missing": nullable(STRING),
            "remarks": array(ref("remark")),
            "revision": STRING,
            "notices": STRINGS,
        },
        "Granskningsprotokollet; routine är den granskade versionen.",
    ),
    "jämför": closed(
        {
            "routine": ref("routineRef"),
            "old": ref("routineVersion"),
            "new": ref("routineVersion"),
            "unchanged": BOOLEAN,
            "changes": array(ref("change")),
        },
        "Vad som ändrats mellan två versioner av en rutin (routine är den nyare).",
    ),
    "utkast": _DRAFT,
    "öva": {
        "description": "Övningarna (--lista), fallet (--övning), rättningen (--övning … --svar …) "
        "eller rundturen (--rundtur).",
        "oneOf": [_EXERCISE_LIST, _EXERCISE_CASE, _GRADE, _TOUR],
    },
}


def def_name(command: str) -> str:
    """The ``$defs`` key of a command's output in the whole document: ``utdata-logg-visa``."""
    ascii_name = command.translate(str.maketrans("åäöÅÄÖ", "aaoAAO"))
    return "utdata-" + ascii_name.replace(" ", "-")


def output_schema(command: str) -> Schema:
    """The schema of one command's JSON output, as a document of its own."""
    body = OUTPUTS[command]
    return {
        "$schema": DIALECT,
        "title": f"samverkan {command} --format json",
        **body,
        "$defs": DEFS,
    }


def all_output_schemas() -> Schema:
    """Every command's output in one document: the shared definitions and one per command."""
    return {
        "$schema": DIALECT,
        "title": "Samverkan TUI: JSON-utdata från kommandona",
        "description": "Schemat för ett kommandos utdata ligger under $defs som "
        + ", ".join(f"{def_name(c)} ({c})" for c in OUTPUTS)
        + "; gemensamma delar (routineRef, contact, answer, question, planItem, walk …) en gång var.",
        "$defs": {**DEFS, **{def_name(c): OUTPUTS[c] for c in OUTPUTS}},
    }
