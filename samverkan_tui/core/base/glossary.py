"""The glossary shown in the app's help and the training mode (DESIGN.md §6). Plain data."""

from __future__ import annotations

GLOSSARY: tuple[tuple[str, str], ...] = (
    (
        "RVT",
        "Relationsvåldsteamet: arbetar med vuxna som utsatts för våld i nära relation; "
        "har en beredskapstelefon.",
    ),
    ("BoU", "Barn och ungdom: enheten för barn- och ungdomsärenden."),
    ("Mottagningen", "Mottagningsgruppen som tar emot orosanmälningar."),
    ("Orosanmälan", "Anmälan om oro för ett barn till socialtjänsten."),
    ("Förhandsbedömning", "Bedömningen av om en utredning ska inledas."),
    ("Skyddsbedömning", "Omedelbar bedömning av behovet av skydd."),
    ("Skyddat boende", "Boende för den som behöver skydd mot våld."),
    ("Tjänstemannamöte", "Möte mellan tjänstemän utan klienten."),
    ("Socialjouren", "Socialtjänstens jour utanför kontorstid."),
    ("Akut", "Agerande från socialtjänsten kan inte vänta till nästkommande dag."),
    ("SoL", "Socialtjänstlagen (2025:400; tidigare 2001:453)."),
    ("LVU", "Lagen med särskilda bestämmelser om vård av unga."),
    ("OSL", "Offentlighets- och sekretesslagen."),
    ("FB", "Föräldrabalken."),
    ("LuL", "Lagen om unga lagöverträdare."),
    ("BBIC", "Barns behov i centrum: det nationella dokumentationssystemet för barnärenden."),
    ("SIP", "Samordnad individuell plan (kommun och region tillsammans)."),
    ("BUP", "Barn- och ungdomspsykiatri."),
    ("NPF", "Neuropsykiatriska funktionsnedsättningar."),
    ("Erasor", "Strukturerad bedömning av risk för nya sexuella övergrepp av unga."),
    ("FREDA", "Socialstyrelsens standardiserade bedömningsmetoder vid våld i nära relationer."),
    ("Trappansamtal", "Kris- och bearbetningssamtal för barn som upplevt våld i hemmet."),
)
