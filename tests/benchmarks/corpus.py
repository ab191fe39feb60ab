"""A generated news corpus in German and English, for benchmarks and the scale tests.

Scale has to be measured on text that looks like news to the extractor (actors,
event verbs, dates, places, reported speech, hedges, filler sentences), with enough
variety that caches and batching are not flattered by one article repeated.  Every
sentence is assembled from templates and small vocabularies below: no article text
is copied.  The output is deterministic for a seed, so two runs (or ``--jobs 1`` and
``--jobs 2``) see the same documents.

    from tests.benchmarks.corpus import generate_documents, write_jsonl
    docs = list(generate_documents(1_000_000, seed=1))     # ~1M words, German and English mixed
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.model import Document

__all__ = ["generate_documents", "generate_text", "word_count", "write_jsonl"]

# actors: German (nominative, accusative, dative), English (subject/object form)
ACTORS_DE: list[tuple[str, str, str]] = [
    ("Russland", "Russland", "Russland"), ("die Ukraine", "die Ukraine", "der Ukraine"),
    ("Moskau", "Moskau", "Moskau"), ("Kiew", "Kiew", "Kiew"), ("die Nato", "die Nato", "der Nato"),
    ("Deutschland", "Deutschland", "Deutschland"), ("Frankreich", "Frankreich", "Frankreich"),
    ("China", "China", "China"), ("Peking", "Peking", "Peking"), ("Polen", "Polen", "Polen"),
    ("die Türkei", "die Türkei", "der Türkei"), ("Großbritannien", "Großbritannien", "Großbritannien"),
    ("die EU", "die EU", "der EU"), ("Washington", "Washington", "Washington"),
    ("die USA", "die USA", "den USA"), ("Belarus", "Belarus", "Belarus"), ("Japan", "Japan", "Japan"),
    ("der Iran", "den Iran", "dem Iran"), ("Israel", "Israel", "Israel"), ("Indien", "Indien", "Indien"),
    ("US-Präsident Joe Biden", "US-Präsident Joe Biden", "US-Präsident Joe Biden"),
    ("Kremlchef Wladimir Putin", "Kremlchef Wladimir Putin", "Kremlchef Wladimir Putin"),
    ("Bundeskanzler Olaf Scholz", "Bundeskanzler Olaf Scholz", "Bundeskanzler Olaf Scholz"),
    ("der französische Präsident", "den französischen Präsidenten", "dem französischen Präsidenten"),
    ("die russische Armee", "die russische Armee", "der russischen Armee"),
    ("die ukrainische Regierung", "die ukrainische Regierung", "der ukrainischen Regierung"),
    ("Ankara", "Ankara", "Ankara"), ("Warschau", "Warschau", "Warschau"), ("Tokio", "Tokio", "Tokio"),
    ("die Vereinten Nationen", "die Vereinten Nationen", "den Vereinten Nationen"),
]
ACTORS_EN: list[str] = [
    "Russia", "Ukraine", "Moscow", "Kyiv", "NATO", "Germany", "France", "China", "Beijing", "Poland", "Turkey",
    "Britain", "the European Union", "Washington", "the United States", "Belarus", "Japan", "Iran", "Israel",
    "India", "President Joe Biden", "Vladimir Putin", "Chancellor Olaf Scholz", "the French president",
    "the Russian army", "the Ukrainian government", "Ankara", "Warsaw", "Tokyo", "the United Nations",
]
SPEAKERS_DE = ["ein Sprecher des Außenministeriums", "die Nachrichtenagentur Reuters", "Diplomaten",
               "ein Regierungssprecher", "Beobachter", "das Verteidigungsministerium"]
SPEAKERS_EN = ["a foreign ministry spokesman", "Reuters", "diplomats", "a government spokeswoman", "observers",
               "the defence ministry"]
DATES_DE = ["am Montag", "am Dienstag", "am Mittwochabend", "am Donnerstag", "am Freitag", "am Wochenende",
            "im Juni", "im vergangenen Herbst", "am 12. März", "am 3. Februar", "Anfang Mai", "Ende Oktober",
            "in der vergangenen Woche", "am Samstagmorgen", "vor zwei Wochen", ""]
DATES_EN = ["on Monday", "on Tuesday", "on Wednesday evening", "on Thursday", "on Friday", "at the weekend",
            "in June", "last autumn", "on March 12", "on 3 February", "in early May", "in late October",
            "last week", "on Saturday morning", "two weeks ago", ""]
PLACES_DE = ["in Genf", "in Brüssel", "in Wien", "in Minsk", "in Istanbul", "in Berlin", "in Paris", "in Warschau",
             "in Helsinki", "in New York", "in Tokio", "in Rom"]
PLACES_EN = ["in Geneva", "in Brussels", "in Vienna", "in Minsk", "in Istanbul", "in Berlin", "in Paris",
             "in Warsaw", "in Helsinki", "in New York", "in Tokyo", "in Rome"]
TOPICS_DE = ["die Sicherheitslage", "Gaslieferungen", "den Getreideexport", "Rüstungskontrolle", "die Grenze",
             "einen Waffenstillstand", "den Gefangenenaustausch", "humanitäre Korridore", "Handelsfragen"]
TOPICS_EN = ["the security situation", "gas supplies", "grain exports", "arms control", "the border",
             "a ceasefire", "a prisoner exchange", "humanitarian corridors", "trade"]
AID_DE = ["Panzer", "Luftabwehrsysteme", "Munition", "Hilfsgüter", "Generatoren", "Medikamente", "Drohnen"]
AID_EN = ["tanks", "air defence systems", "ammunition", "relief supplies", "generators", "medicine", "drones"]

# {s}/{sa}/{sd}: source nominative/accusative/dative; {t}/{ta}/{td}: target; {d}: date; {p}: place;
# {x}: topic; {a}: aid; {q}: speaker
TEMPLATES_DE = [
    "{s} hat {ta} {d} scharf kritisiert.",
    "{s} traf sich {d} {p} mit {td}.",
    "{s} und {t} vereinbarten {d} {p} eine engere Zusammenarbeit.",
    "{s} verhängte {d} neue Sanktionen gegen {ta}.",
    "{s} droht {td} mit Konsequenzen.",
    "{s} hat {d} Truppen an die Grenze zu {td} verlegt.",
    "{s} lieferte {td} {d} {a}.",
    "{s} sagte {td} {d} weitere Hilfe zu.",
    "{s} forderte {ta} {d} auf, die Angriffe einzustellen.",
    "Es gibt Befürchtungen, {s} könnte {ta} angreifen.",
    "{s} bestreitet, {ta} angegriffen zu haben.",
    "Laut {q} hat {s} {d} {ta} angegriffen.",
    "{s} wirft {td} vor, den Konflikt anzuheizen.",
    "{s} will {d} mit {td} über {x} verhandeln.",
    "{s} telefonierte {d} mit {td} über {x}.",
    "{s} und {t} führten {d} ein gemeinsames Manöver durch.",
    "{s} lehnte {d} die Forderungen {p} ab.",
    "{s} beschoss {d} Stellungen nahe der Grenze zu {td}.",
    "Tausende Menschen protestierten {d} {p} gegen {ta}.",
    "{s} begrüßte {d} die Entscheidung {p}.",
    "{s} unterstützt {ta} mit {a}, erklärte {q}.",
    "{s} zog {d} seine Truppen von der Grenze zu {td} ab.",
]
TEMPLATES_EN = [
    "{s} sharply criticised {t} {d}.",
    "{s} met {t} {p} {d}.",
    "{s} and {t} agreed {p} {d} to deepen their cooperation.",
    "{s} imposed new sanctions on {t} {d}.",
    "{s} threatened {t} with consequences.",
    "{s} has massed troops near its border with {t}, {q} said {d}.",
    "{s} delivered {a} to {t} {d}.",
    "{s} promised {t} further aid {d}.",
    "{s} urged {t} {d} to stop the attacks.",
    "There are fears that {s} could attack {t}.",
    "{s} denied attacking {t}.",
    "According to {q}, {s} attacked {t} {d}.",
    "{s} accused {t} of fuelling the conflict.",
    "{s} plans to negotiate with {t} about {x} {d}.",
    "{s} spoke with {t} by phone about {x} {d}.",
    "{s} and {t} held joint military exercises {d}.",
    "{s} rejected the demands {p} {d}.",
    "{s} shelled positions near the border with {t} {d}.",
    "Thousands of people protested against {t} {p} {d}.",
    "{s} welcomed the decision {p} {d}.",
    "{s} supports {t} with {a}, {q} said.",
    "{s} withdrew its troops from the border with {t} {d}.",
]
FILLERS_DE = [
    "Die Lage {p} blieb {d} angespannt.", "Beobachter rechnen mit weiteren Gesprächen über {x}.",
    "Die Preise für Energie stiegen {d} um {n} Prozent.", "Eine Stellungnahme lag zunächst nicht vor.",
    "Die Verhandlungen {p} sollen {d} fortgesetzt werden.", "Nach Angaben der Behörden wurden {n} Menschen verletzt.",
    "Details wurden nicht bekannt.", "Die Sitzung dauerte mehr als {n} Stunden.",
    "Experten sehen darin ein wichtiges Signal für {x}.", "Das Treffen war lange vorbereitet worden.",
]
FILLERS_EN = [
    "The situation {p} remained tense {d}.", "Observers expect further talks on {x}.",
    "Energy prices rose by {n} percent {d}.", "No statement was available at first.",
    "Negotiations {p} are due to resume {d}.", "Officials said {n} people were injured.",
    "No details were released.", "The session lasted more than {n} hours.",
    "Experts see it as an important signal for {x}.", "The meeting had been prepared for a long time.",
]
BYLINE_DE = ["(Reuters, APA, red, {day}.{month}.{year})", "(APA, dpa, {day}.{month}.{year})"]
BYLINE_EN = ["(Reuters, {day}.{month}.{year})", "(AP, {day}.{month}.{year})"]


def _sentence(rng: random.Random, lang: str) -> str:
    """One sentence: an event template (two distinct actors) four times in five, else a filler."""
    de = lang == "de"
    fill = {"d": rng.choice(DATES_DE if de else DATES_EN), "p": rng.choice(PLACES_DE if de else PLACES_EN),
            "x": rng.choice(TOPICS_DE if de else TOPICS_EN), "a": rng.choice(AID_DE if de else AID_EN),
            "q": rng.choice(SPEAKERS_DE if de else SPEAKERS_EN), "n": str(rng.randint(2, 90))}
    if rng.random() < 0.2:
        text = rng.choice(FILLERS_DE if de else FILLERS_EN).format(**fill)
    elif de:
        (s, sa, sd), (t, ta, td) = rng.sample(ACTORS_DE, 2)
        text = rng.choice(TEMPLATES_DE).format(s=s, sa=sa, sd=sd, t=t, ta=ta, td=td, **fill)
    else:
        s, t = rng.sample(ACTORS_EN, 2)
        text = rng.choice(TEMPLATES_EN).format(s=s, t=t, **fill)
    text = " ".join(text.split())  # an empty date leaves a double space
    text = text.replace(" ,", ",").replace(" .", ".")
    return text[0].upper() + text[1:]


def generate_text(rng: random.Random, lang: str, n_sentences: int, date: tuple[int, int, int]) -> str:
    """An article: paragraphs of 2-5 sentences and a closing byline with the publication date."""
    paragraphs, current = [], []
    for _ in range(n_sentences):
        current.append(_sentence(rng, lang))
        if len(current) >= rng.randint(2, 5):
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    year, month, day = date
    byline = rng.choice(BYLINE_DE if lang == "de" else BYLINE_EN).format(day=f"{day:02d}", month=f"{month:02d}",
                                                                          year=year)
    return "\n\n".join(paragraphs) + " " + byline


def word_count(text: str) -> int:
    """Whitespace-separated words: the unit of the benchmark's words/second."""
    return len(text.split())


def generate_documents(n_words: int, *, langs: Iterable[str] = ("de", "en"), seed: int = 1,
                       sentences: tuple[int, int] = (12, 40)) -> Iterator[Document]:
    """Documents of 12-40 sentences until about ``n_words`` words, languages alternating at random.

    Ids are ``gen_<lang>_<n>`` so that sorting by id is not the input order (the
    build must keep input order itself).
    """
    rng = random.Random(seed)
    langs = tuple(langs)
    total, i = 0, 0
    while total < n_words:
        lang = rng.choice(langs)
        date = (rng.randint(2019, 2024), rng.randint(1, 12), rng.randint(1, 28))
        text = generate_text(rng, lang, rng.randint(*sentences), date)
        total += word_count(text)
        yield Document(id=f"gen_{lang}_{rng.randrange(10**8):08d}_{i}", text=text, lang=lang,
                       date=f"{date[0]}-{date[1]:02d}-{date[2]:02d}", date_source="metadata")
        i += 1


def write_jsonl(path: str | Path, docs: Iterable[Document]) -> int:
    """Write documents as a ``.jsonl`` corpus that ``kg build`` reads; returns how many."""
    n = 0
    with Path(path).open("w", encoding="utf-8") as fh:
        for doc in docs:
            fh.write(json.dumps({"id": doc.id, "text": doc.text, "lang": doc.lang, "date": doc.date},
                                ensure_ascii=False) + "\n")
            n += 1
    return n
