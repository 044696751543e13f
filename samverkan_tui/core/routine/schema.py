"""The routine file format, described once.

The loader checks files against these field specs (with Swedish messages that
name the line), and ``samverkan schema`` turns the same specs into a JSON
Schema for the managers' editors. One description, two uses, no drift.
"""

from __future__ import annotations

from dataclasses import dataclass

FORMAT_VERSION = 2
# Format 1 (steps with a free-text `section`, no kinds or deadline anchors) still loads:
# each distinct `section` text becomes a section of its own, every step an action.
FORMAT_VERSIONS = (1, 2)
ITEM_KINDS = (
    "åtgärd",
    "kontrollpunkt",
    "information",
    "princip",
    "definition",
    "lagtext",
    "fråga",
    "atgard",
    "fraga",
)
ID_PATTERN = r"^[a-z0-9][a-z0-9_\-åäö]*$"
TIME_RANGE_PATTERN = r"^([01]\d|2[0-4])[:.][0-5]\d-([01]\d|2[0-4])[:.][0-5]\d$"


@dataclass(frozen=True)
class Field:
    """One key of a table. ``kind``: str, id, int, bool, date, condition, deadline,
    list[str], list[id], time, hours, or ``table:NAME`` / ``list[table:NAME]``."""

    kind: str
    required: bool = False
    doc: str = ""
    choices: tuple[str, ...] = ()


TABLES: dict[str, dict[str, Field]] = {
    "routine": {
        "format": Field("int", doc="Filformatets version; nu 2 (1 läses fortfarande)."),
        "id": Field("id", True, "Rutinens id, används i kommandon: `samverkan visa ID`."),
        "title": Field("str", True, "Rutinens fullständiga titel."),
        "short_title": Field("str", doc="Kort titel för listor."),
        "version": Field("str", True, 'Rutinens version, till exempel "2023.1".'),
        "units": Field("list[str]", True, "Enheter som äger rutinen."),
        "source": Field("str", True, "Källdokumentet som rutinen bygger på."),
        "source_file": Field("str", doc="Källtextens filnamn i docs/sources/, för spårbarhet."),
        "responsible": Field("str", doc="Vem som ansvarar för rutinen."),
        "adopted": Field("date", doc="Datum då rutinen fastställdes (ÅÅÅÅ-MM-DD)."),
        "revised": Field("date", doc="Datum för senaste revidering (ÅÅÅÅ-MM-DD)."),
        "review_interval_months": Field("int", doc="Hur ofta rutinen ska ses över, i månader."),
        "review_text": Field("str", doc="Källans formulering om översyn."),
        "general_rules": Field("list[str]", doc="Allmänna regler som visas med planen."),
        "remarks": Field("list[table:remark]", doc="Anmärkningar inför nästa revidering."),
        "roles": Field("list[table:role]", True, "Rollerna som utför steg."),
        "phases": Field("list[table:phase]", True, "Faserna, i ordning."),
        "questions": Field("list[table:question]", doc="Frågorna som avgör vägen, i ordning."),
        "moments": Field(
            "list[table:moment]", doc="Tidpunkter som tidsfrister räknas från (anmälan kom in …)."
        ),
        "sections": Field(
            "list[table:section]", doc="Källans rubriker, i källans ordning, med sina villkor."
        ),
        "steps": Field("list[table:step]", True, "Punkterna, i källans ordning."),
        "contacts": Field("list[table:contact]", doc="Kontakter som stegen hänvisar till."),
        "exercises": Field("list[table:exercise]", doc="Övningsfall för övningsläget."),
    },
    "remark": {
        "text": Field("str", True, "Anmärkningen."),
        "severity": Field("str", doc='"info" eller "varning".', choices=("info", "varning")),
    },
    "role": {
        "id": Field("id", True),
        "name": Field("str", True),
        "description": Field("str"),
    },
    "phase": {
        "id": Field("id", True),
        "name": Field("str", True),
        "description": Field("str"),
    },
    "question": {
        "id": Field("id", True, "Frågans id, används i villkor."),
        "text": Field("str", True, "Frågan som den ställs."),
        "type": Field("str", doc='"ja_nej" (standard) eller "val".', choices=("ja_nej", "val")),
        "help": Field("str", doc="Hjälptext, gärna rutinens egen definition."),
        "when": Field("condition", doc="Villkor för att frågan ska ställas."),
        "options": Field("list[table:option]", doc='Svarsalternativ (krävs för "val").'),
        "urgent_answer": Field(
            "id",
            doc='Svaret som betyder att situationen är akut, för uppföljningen: "ja". '
            "Högst en fråga per rutin; utan nyckeln delas uppföljningen inte upp på akut.",
        ),
    },
    "option": {
        "value": Field("id", True, "Svarets värde, används i villkor."),
        "label": Field("str", True, "Svaret som det visas."),
        "phrase": Field("str", doc='Hur villkoret läses i klartext: "situationen är akut".'),
    },
    "moment": {
        "id": Field("id", True, "Tidpunktens id, används i deadline_from och legal_from."),
        "label": Field("str", True, 'Läses efter "från att": "anmälan kom in".'),
        "question": Field("str", True, 'Hur appen frågar efter den: "När kom anmälan in?"'),
    },
    "section": {
        "id": Field("id", True, "Avsnittets id; punkterna anger det i `section`."),
        "title": Field("str", True, "Rubriken som källan skriver den (eller inledningen till en lista)."),
        "phase": Field("id", doc="Fasen (id i [[phases]]); ärvs från `parent` om den saknas."),
        "parent": Field("id", doc="Avsnittet som det här står under (en lista under sin rubrik)."),
        "role": Field("id", doc="Roll för punkter som inte anger någon egen."),
        "when": Field("condition", doc="Villkor för hela avsnittet; punkterna ärver det."),
        "when_text": Field("str", doc="Villkoret i klartext, om det genererade inte läses väl."),
        "text": Field("str", doc="Stycke under rubriken, före punkterna."),
        "reference": Field(
            "bool",
            doc="Källtext (bakgrund, definitioner, lagtext, faktarutor): står i hela rutinens "
            "utskrift men aldrig i en plan. Ärvs av avsnitten under det.",
        ),
    },
    "step": {
        "id": Field("id", True, "Punktens stabila id; ändra det inte mellan versioner."),
        "text": Field("str", True, "Punktens text, med källans formulering."),
        "kind": Field(
            "str",
            doc='"åtgärd" (standard, bockas av), "kontrollpunkt" (gås igenom), '
            'eller "information", "princip", "definition", "lagtext", "fråga" '
            "(visas, bockas inte).",
            choices=ITEM_KINDS,
        ),
        "role": Field("id", doc="Vem som utför punkten (id i [[roles]]); annars avsnittets roll."),
        "phase": Field("id", doc="Fasen; annars avsnittets."),
        "section": Field("str", doc="Avsnittets id (i format 1: rubriken som text)."),
        "when": Field("condition", doc="Vad punkten lägger till avsnittets villkor."),
        "when_text": Field(
            "str", doc='Punktens eget villkor i klartext: "Om socialsekreterare inte är på plats".'
        ),
        "reference": Field(
            "bool",
            doc="Källtext: står i hela rutinens utskrift men aldrig i en plan (som för ett "
            "avsnitt med reference = true).",
        ),
        "deadline": Field("deadline", doc='Tidsfrist: "samma dag", "inom en vecka" …'),
        "deadline_from": Field("id", doc="Vad tidsfristen räknas från (id i [[moments]])."),
        "legal_deadline": Field("deadline", doc="Lagens tidsfrist när lagen går före rutinen."),
        "legal_from": Field("id", doc="Vad lagens tidsfrist räknas från (id i [[moments]])."),
        "legal_text": Field("str", doc='Vad lagen kräver: "beslut inom 14 dagar".'),
        "legal_ref": Field("str", doc="Lagrummet i gällande lag, eller att paragrafen ska kontrolleras."),
        "contacts": Field("list[id]", doc="Kontakter som steget behöver (id i [[contacts]])."),
        "warnings": Field("list[str]", doc="Varningar som ska synas tydligt."),
        "notes": Field("list[str]", doc="Kompletterande text ur källan."),
    },
    "contact": {
        "id": Field("id", True),
        "name": Field("str", True),
        "unit": Field("str"),
        "phones": Field("list[str]", doc="Telefonnummer som källan skriver dem."),
        "fax": Field("list[str]"),
        "instructions": Field("str", doc="Vad man ska säga eller skicka."),
        "hours": Field("hours", doc='Telefontider per veckodag: mon = "08:30-16:00".'),
        "breaks": Field("list[table:break]", doc="Uppehåll alla dagar, till exempel lunch."),
        "closed_on_holidays": Field(
            "bool",
            doc="true bara om källan säger att det är stängt på "
            "helgdagar; utan nyckeln: källan anger inte tider för helgdagar.",
        ),
        "hours_note": Field("str", doc='Om tider saknas: "Tider anges inte i rutinen."'),
        "fallback": Field("id", doc="Kontakt att hänvisa till när det är stängt."),
        "fallback_text": Field("str", doc='Källans ord om reservkontakten: "Övriga tider …".'),
    },
    "break": {
        "start": Field("time", True, '"12:00"'),
        "end": Field("time", True, '"13:00"'),
        "name": Field("str", doc='"lunch"'),
    },
    "exercise": {
        "id": Field("id", True),
        "title": Field("str", True),
        "case": Field("str", True, "Det påhittade fallet (bara fiktiva namn)."),
        "now": Field("str", doc='När fallet inträffar, ISO-tid: "2026-11-27T16:40".'),
        "answers": Field("list[table:expected]", True, "Förväntat svar på varje fråga."),
    },
    "expected": {
        "question": Field("id", True),
        "answer": Field("id", True),
        "reason": Field("str", True, "En rad om varför."),
    },
}

WEEKDAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
KIND_NAMES = {
    "str": "text",
    "id": "ett id (små bokstäver, siffror, - och _)",
    "int": "ett heltal",
    "bool": "true eller false",
    "date": "ett datum (ÅÅÅÅ-MM-DD)",
    "condition": "ett villkor (text)",
    "deadline": "en tidsfrist (text)",
    "list[str]": "en lista med texter",
    "list[id]": "en lista med id",
    "time": 'en tid ("12:00")',
    "hours": "en tabell med veckodagar",
}


def kind_name(kind: str) -> str:
    if kind.startswith("list[table:"):
        return "en lista med tabeller ([[...]])"
    if kind.startswith("table:"):
        return "en tabell"
    return KIND_NAMES.get(kind, kind)


def json_schema() -> dict[str, object]:
    """A JSON Schema (draft 2020-12) for routine files, for editors such as VS Code (Even Better TOML)."""
    defs: dict[str, object] = {}
    for name, fields in TABLES.items():
        if name == "routine":
            continue
        defs[name] = _object_schema(fields)
    schema = _object_schema(TABLES["routine"])
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://samverkan-tui.invalid/schema/rutin-v2.json",
        "title": "Samverkan TUI: rutinfil",
        "description": "En samverkansrutin som guidad checklista. Se docs/checklist-format.md.",
        **schema,
        "$defs": defs,
    }


def _object_schema(fields: dict[str, Field]) -> dict[str, object]:
    properties = {name: _field_schema(field) for name, field in fields.items()}
    required = [name for name, field in fields.items() if field.required]
    result: dict[str, object] = {
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }
    if required:
        result["required"] = required
    return result


def _field_schema(field: Field) -> dict[str, object]:
    kind = field.kind
    schema: dict[str, object]
    if kind.startswith("list[table:"):
        schema = {"type": "array", "items": {"$ref": f"#/$defs/{kind[11:-1]}"}}
    elif kind == "hours":
        day = {"anyOf": [
            {"type": "string", "pattern": TIME_RANGE_PATTERN},
            {"type": "array", "items": {"type": "string", "pattern": TIME_RANGE_PATTERN}},
        ]}  # fmt: skip
        schema = {
            "type": "object",
            "properties": {key: day for key in WEEKDAY_KEYS},
            "additionalProperties": False,
        }
    else:
        plain: dict[str, dict[str, object]] = {
            "str": {"type": "string", "minLength": 1},
            "id": {"type": "string", "pattern": ID_PATTERN},
            "int": {"type": "integer", "minimum": 0},
            "bool": {"type": "boolean"},
            # TOML dates reach a JSON validator as strings.
            "date": {"type": "string", "format": "date"},
            "condition": {"type": "string", "minLength": 1},
            "deadline": {"type": "string", "minLength": 1},
            "time": {"type": "string", "pattern": r"^([01]\d|2[0-4])[:.][0-5]\d$"},
            "list[str]": {"type": "array", "items": {"type": "string", "minLength": 1}},
            "list[id]": {"type": "array", "items": {"type": "string", "pattern": ID_PATTERN}},
        }
        schema = plain[kind]
    if field.choices:
        schema = {**schema, "enum": list(field.choices)}
    if field.doc:
        schema = {**schema, "description": field.doc}
    return schema
