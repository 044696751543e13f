"""A generator of deviation comments that carry identifiers, broader than the scrubber's rules.

Each comment comes with its identifiers and, for each, the *needles* that must never be
found after scrubbing: the digits of every number, and every word of every name, street
and place. The name and place lists below are written for this test (many origins, also
in lower case); they are not the lists the vocabulary was built from.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field


def _words(text: str) -> list[str]:
    return text.split()


FIRST_NAMES = _words("""
Anna Eva Maria Karin Sara Lena Emma Ingrid Elin Hanna Ebba Maja Wilma Alice Saga Astrid Ella
Erik Lars Karl Anders Johan Per Nils Mikael Jan Hans Oskar Elias Hugo Lucas Liam Noah Olle Sixten
Abdirahman Abdullahi Hodan Hamdi Ayaan Fadumo Warsame Mahad Ilhan Sahra Nasra Ikram Yusuf Mohamed
Mohammed Ahmed Ali Omar Fatima Aisha Zainab Layla Hussein Khalid Rania Samir Yara Nour Amira Tariq
Nguyen Thi Lan Minh Huong Tuan Linh Quang Thanh Hoa Mai Duc
Reza Zahra Dariush Shirin Parisa Babak Arash Maryam Mehdi Navid Farhad Golnaz
Berivan Rojda Dilan Zozan Baran Azad Hevin Soran Rebin
Aleksandra Katarzyna Piotr Krzysztof Agnieszka Tomasz Magdalena Wojciech Małgorzata
Amra Emir Selma Adnan Edina Jasmin Mirza Aida Nermin Senad Lejla
Tesfaye Yohannes Senait Abeba Mulugeta Hiwet Semhar Filmon Merhawi Selam
Mehmet Ayşe Emre Elif Zeynep Burak Hatice Mustafa Özlem Çağla
Wei Jing Xiaoming Li Mei Hao Yan Chen Ling
Priya Anjali Rahul Sunita Arjun Deepak Kavya Ravi
Oluwaseun Chinedu Ngozi Adebayo Amara Chidi Folake
Jukka Päivi Tuomas Aino Eero Sirpa Kalle Marjatta Sanna Ville
Aleksandr Svetlana Dmitrij Olga Natalja Sergej Tatjana Igor
José Carmen Alejandro Lucía Diego Valentina Mateo Camila
Siobhan Niamh Declan Aoife Ciaran
""")

SURNAMES = _words("""
Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson Gustafsson
Pettersson Jonsson Jansson Hansson Bengtsson Jönsson Lindberg Jakobsson Magnusson Olofsson
Lindström Lindqvist Lindgren Berg Axelsson Bergström Lundberg Lind Lundgren Lundqvist Mattsson
Berglund Fredriksson Sandberg Henriksson Forsberg Sjöberg Wallin Engström Eklund Danielsson
Lundin Håkansson Björk Bergman Gunnarsson Holm Wikström Samuelsson Isaksson Fransson Bergqvist
Nyström Holmberg Arvidsson Löfgren Söderberg Nyberg Blomqvist Claesson Nordström Mårtensson
Lundström Viklund Björklund Eliasson Pålsson Berggren Sandström Lund Nordin Ström Åberg
Warsame Mohamud Abdi Hassan Hussein Ahmed Osman Farah Jama Egal Nur Ali Omar Yusuf Ibrahim
Al-Hassan Al-Rashid Al-Amin El-Sayed Abu-Bakr bin-Laden Haddad Khoury Nasser Mansour Saleh
Nguyen Tran Le Pham Hoang Phan Vu Dang Bui Do Ngo Duong
Hosseini Mohammadi Rezaei Ahmadi Karimi Moradi Jafari Rahimi Sadeghi
Kowalski Nowak Wiśniewski Wójcik Kamiński Lewandowski Zieliński Szymański
Hodžić Hadžić Kovačević Begić Delić Mehmedović Husić Jusić
Tesfamariam Ghebreyesus Haile Tekle Berhane Woldemariam Gebremedhin
Yılmaz Kaya Demir Şahin Çelik Yıldız Öztürk Aydın
Wang Zhang Liu Chen Yang Huang Zhao Zhou
Sharma Patel Singh Kumar Gupta Reddy
Okafor Adeyemi Okonkwo Balogun Eze
Virtanen Korhonen Mäkinen Nieminen Hämäläinen Laine Heikkinen
Ivanov Smirnov Kuznetsov Popov Petrova Sokolova
García Rodríguez Martínez López González Hernández
Murphy Kelly OConnor Byrne Ryan
""")

PLACES = _words("""
Varberg Kungälv Tierp Ludvika Mora Sala Vara Lund Falun Kiruna Arvika Ystad Härnösand Kalix
Rinkeby Tensta Hjulsta Husby Akalla Skärholmen Fittja Alby Hallunda Norsborg Tumba Rosengård
Hammarkullen Bergsjön Biskopsgården Angered Gottsunda Vivalla Skäggetorp Araby Navestad Ronna
Holma Kroksbäck Herrgården Hovsjö Ronneby Olofström Sävsjö Bollnäs Älmhult Hudiksvall Sandviken
Gällivare Haparanda Åmål Lysekil Strömstad Tranås Vimmerby Hjo Lidköping Mariestad Skövde
Eslöv Höör Hörby Sjöbo Trelleborg Vellinge Svedala Staffanstorp Lomma Burlöv Kävlinge
Botkyrka Huddinge Haninge Nacka Solna Sundbyberg Järfälla Upplands-Väsby Sollentuna Täby Vallentuna
Rödeby Hova Björketorp Lönsboda Kvidinge Vittsjö Järpen Kåge Sorunda Stjärnhov Ingatorp Mellösa
Vislanda Anderstorp Bankeryd Ljungskile Grebbestad Hammarö Rimbo Gnarp Bergeforsen Bjästa
Söderhamn Ljusdal Ockelbo Hofors Säter Hedemora Avesta Fagersta Norberg Köping Arboga Kungsör
""")

STREET_PREFIXES = _words("""
Stor Lill Kyrk Skol Kvarn Mölle Sjö Bäck Åker Ängs Berg Park Tall Gran Björk Ek Lind Rönn Hassel
Sol Stjärn Fågel Hök Örn Hjort Räv Smed Bagar Prost Präst Torp Gårds Hamn Strand Järnvägs Stations
Fabriks Kungs Drottning Prins Linné Oden Tor Frej Vasa Karl Gustav Anders Olof Nils Ringleds
Norr Söder Väster Öster Mellan Övre Nedre Gamla Nya Lövsta Furu Ljung Blåbärs Lingon Hallon
""")

STREET_ENDINGS = _words("""
gatan vägen gränd gränden stigen backen backe torget torg allén platsen plan planen leden
stråket slingan kajen esplanaden promenaden stranden udden ringen gården höjden liden kroken
hagen brink brinken kullen terrassen parken lunden ängen dalen viken bryggan branten berget
gärdet vallen åsen holmen torpet
""")

TEMPLATES = [
    "Ringde {} men ingen svarade.",
    "{} kom inte till mötet.",
    "Mötet med {} ställdes in.",
    "Lokalen på {} var upptagen.",
    "Kontakt med {} gick inte.",
    "Vi skulle ringa {} i morgon.",
    "Uppgift: {}",
    "hembesök hos {} flyttades",
    "{}",
    "Enligt {} var det fel enhet.",
    "mamman {} ville inte delta",
    "Skickade brev till {} i stället.",
]

ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]
FULL_WIDTH = str.maketrans("0123456789-", "０１２３４５６７８９－")


@dataclass
class Identifier:
    kind: str
    text: str  # as written in the comment
    digits: str = ""  # every digit it carries (none may survive)
    words: list[str] = field(default_factory=list)  # every word it carries (none may survive)


def _sprinkle(rng: random.Random, text: str) -> str:
    """Zero-width characters between some characters."""
    out = []
    for char in text:
        out.append(char)
        if rng.random() < 0.25:
            out.append(rng.choice(ZERO_WIDTH))
    return "".join(out)


def personnummer(rng: random.Random, samordning: bool = False) -> Identifier:
    year = rng.randint(1930, 2025)
    month, day = rng.randint(1, 12), rng.randint(1, 28) + (60 if samordning else 0)
    tail = f"{rng.randint(0, 9999):04d}"
    date = f"{year:04d}{month:02d}{day:02d}"
    if rng.random() < 0.5:
        date = date[2:]
    sep = rng.choice(["-", "+", "", " ", "/", ".", "_", " - ", "\u200b", "\u200b-", "–", ":", "  "])
    text = date + sep + tail
    roll = rng.random()
    if roll < 0.2:
        text = _sprinkle(rng, text)
    elif roll < 0.3:
        text = text.translate(FULL_WIDTH)
    label = rng.choice(["", "pnr ", "personnr: ", "samordningsnr ", "p-nr ", "ssn "])
    return Identifier("samordningsnummer" if samordning else "personnummer", label + text, digits=date + tail)


def lma(rng: random.Random) -> Identifier:
    number = f"{rng.randint(0, 99):02d}-{rng.randint(0, 999999):06d}"
    if rng.random() < 0.3:
        number += f"/{rng.randint(1, 9)}"
    text = rng.choice(["LMA-nummer {}", "LMA {}", "lma-kort {}", "LMA-nr {}", "dossiernummer {}"])
    return Identifier("lma", text.format(number), digits="".join(c for c in number if c.isdigit()))


def case_number(rng: random.Random) -> Identifier:
    year, number = rng.randint(2015, 2027), rng.randint(1, 99999)
    text = rng.choice(
        [
            "Dnr SN {y}/{n}",
            "SoN {y}:{n}",
            "SN-{y}-{n:05d}",
            "KS {y}.{n:04d}",
            "Treserva-id {n:07d}",
            "ärendenr {y}-{n}",
            "Dnr BoU/{y}:{n}",
            "dnr sn{y}/{n}",
            "akt {n}/{y}",
            "Procapita {n:06d}",
            "VIVA {n:06d}",
            "Lifecare {y}{n:05d}",
            "diarienummer {y}/{n:04d}",
        ]
    ).format(y=year, n=number)
    return Identifier("ärendenummer", text, digits="".join(c for c in text if c.isdigit()))


def email(rng: random.Random) -> Identifier:
    first = rng.choice(FIRST_NAMES).lower()
    last = rng.choice(SURNAMES).lower().replace("-", "")
    domain = rng.choice(["protonmail.com", "gmail.com", "hotmail.se", "kommun.se", "telia.com"])
    at = rng.choice(["@", "(at)", "[at]", " at ", " (snabel-a) ", "＠", "(a)"])
    dot = rng.choice([".", ".", "(dot)", " punkt "])
    local = rng.choice([f"{first}{dot}{last}", f"{first[0]}{dot}{last}", f"{last}{rng.randint(1, 99)}"])
    text = local + at + domain
    domain_word = domain.split(".")[0]
    words = [w for w in (first, last, domain_word) if w in text and len(w) > 2]
    return Identifier("e-post", text, digits="".join(c for c in text if c.isdigit()), words=words)


def phone(rng: random.Random) -> Identifier:
    mobile = f"07{rng.randint(0, 9)}{rng.randint(0, 9999999):07d}"
    text = rng.choice(
        [
            f"{mobile[:3]}-{mobile[3:6]} {mobile[6:8]} {mobile[8:]}",
            f"+46 {mobile[1:3]} {mobile[3:6]} {mobile[6:8]} {mobile[8:]}",
            mobile,
            f"{mobile[:3]}.{mobile[3:6]}.{mobile[6:]}",
            f"0046{mobile[1:]}",
            f"08-{rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
        ]
    )
    if rng.random() < 0.2:
        text = _sprinkle(rng, text)
    return Identifier("telefon", "tel " + text, digits="".join(c for c in text if c.isdigit()))


def _case(rng: random.Random, words: list[str]) -> list[str]:
    roll = rng.random()
    if roll < 0.3:
        return [w.lower() for w in words]
    if roll < 0.4:
        return [w.upper() for w in words]
    return words


def name(rng: random.Random) -> Identifier:
    parts = [rng.choice(FIRST_NAMES)]
    if rng.random() < 0.3:
        parts.append(rng.choice(FIRST_NAMES))
    if rng.random() < 0.85:
        parts.append(rng.choice(SURNAMES))
    if rng.random() < 0.15:
        parts[-1] = parts[-1] + "-" + rng.choice(SURNAMES)
    parts = _case(rng, parts)
    text = " ".join(parts)
    if rng.random() < 0.15:
        text += "s"  # genitive
    words = [w for p in parts for w in p.split("-")]
    return Identifier("namn", text, words=words)


def street(rng: random.Random) -> Identifier:
    street_name = rng.choice(STREET_PREFIXES) + rng.choice(STREET_ENDINGS)
    if rng.random() < 0.15:
        street_name = rng.choice(["Sankt", "Norra", "Lilla", "Gamla"]) + " " + street_name
    [street_name] = _case(rng, [street_name])
    text = street_name
    if rng.random() < 0.6:
        text += f" {rng.randint(1, 120)}" + rng.choice(["", "", " B", "B", "-14", ", lgh 1102"])
    return Identifier(
        "gata", text, digits="".join(c for c in text if c.isdigit()), words=street_name.split()[-1:]
    )


def place(rng: random.Random) -> Identifier:
    [text] = _case(rng, [rng.choice(PLACES)])
    if rng.random() < 0.3:
        text = f"{rng.randint(100, 999)} {rng.randint(10, 99)} {text}"  # with a postcode
    return Identifier(
        "ort",
        text,
        digits="".join(c for c in text if c.isdigit()),
        words=[w for w in text.replace("-", " ").split() if not w.isdigit()],
    )


KINDS = [
    (personnummer, 3),
    (lambda r: personnummer(r, True), 2),
    (lma, 1),
    (case_number, 2),
    (email, 1),
    (phone, 2),
    (name, 5),
    (street, 3),
    (place, 2),
]


def identifiers(rng: random.Random):
    makers, weights = zip(*KINDS, strict=True)
    while True:
        yield rng.choices(makers, weights)[0](rng)


def comments(count: int, seed: int = 14):
    """``count`` identifiers in comments of one to three each: (comment, [Identifier])."""
    rng = random.Random(seed)
    source = identifiers(rng)
    made = 0
    while made < count:
        group = [next(source) for _ in range(min(rng.randint(1, 3), count - made))]
        made += len(group)
        text = " ".join(rng.choice(TEMPLATES).format(identifier.text) for identifier in group)
        yield text, group
