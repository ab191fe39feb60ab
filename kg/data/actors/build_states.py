"""Write ``states.tsv``: every state geokg knows, with ISO alpha-3, Wikidata QID and names.

A development tool, not used at run time: names come from babel's CLDR territory
names (English and German) and pycountry's ISO 3166 names, so that they are not
typed by hand; ``EXTRA_*`` adds the everyday variants those sources lack ("USA",
"Großbritannien", "Amerika").  QIDs are not in either source and are listed here,
one per state, to be reviewed like any other data.

Run from the repository root::

    .venv/bin/python kg/data/actors/build_states.py
"""

from __future__ import annotations

import csv
from pathlib import Path

import pycountry
from babel import Locale

#: 193 UN members, the two observer states, Kosovo, Taiwan and Western Sahara.
QIDS: dict[str, str] = {
    "AFG": "Q889", "ALB": "Q222", "DZA": "Q262", "AND": "Q228", "AGO": "Q916", "ATG": "Q781",
    "ARG": "Q414", "ARM": "Q399", "AUS": "Q408", "AUT": "Q40", "AZE": "Q227", "BHS": "Q778",
    "BHR": "Q398", "BGD": "Q902", "BRB": "Q244", "BLR": "Q184", "BEL": "Q31", "BLZ": "Q242",
    "BEN": "Q962", "BTN": "Q917", "BOL": "Q750", "BIH": "Q225", "BWA": "Q963", "BRA": "Q155",
    "BRN": "Q921", "BGR": "Q219", "BFA": "Q965", "BDI": "Q967", "CPV": "Q1011", "KHM": "Q424",
    "CMR": "Q1009", "CAN": "Q16", "CAF": "Q929", "TCD": "Q657", "CHL": "Q298", "CHN": "Q148",
    "COL": "Q739", "COM": "Q970", "COG": "Q971", "COD": "Q974", "CRI": "Q800", "CIV": "Q1008",
    "HRV": "Q224", "CUB": "Q241", "CYP": "Q229", "CZE": "Q213", "DNK": "Q35", "DJI": "Q977",
    "DMA": "Q784", "DOM": "Q786", "ECU": "Q736", "EGY": "Q79", "SLV": "Q792", "GNQ": "Q983",
    "ERI": "Q986", "EST": "Q191", "SWZ": "Q1050", "ETH": "Q115", "FJI": "Q712", "FIN": "Q33",
    "FRA": "Q142", "GAB": "Q1000", "GMB": "Q1005", "GEO": "Q230", "DEU": "Q183", "GHA": "Q117",
    "GRC": "Q41", "GRD": "Q769", "GTM": "Q774", "GIN": "Q1006", "GNB": "Q1007", "GUY": "Q734",
    "HTI": "Q790", "HND": "Q783", "HUN": "Q28", "ISL": "Q189", "IND": "Q668", "IDN": "Q252",
    "IRN": "Q794", "IRQ": "Q796", "IRL": "Q27", "ISR": "Q801", "ITA": "Q38", "JAM": "Q766",
    "JPN": "Q17", "JOR": "Q810", "KAZ": "Q232", "KEN": "Q114", "KIR": "Q710", "PRK": "Q423",
    "KOR": "Q884", "KWT": "Q817", "KGZ": "Q813", "LAO": "Q819", "LVA": "Q211", "LBN": "Q822",
    "LSO": "Q1013", "LBR": "Q1014", "LBY": "Q1016", "LIE": "Q347", "LTU": "Q37", "LUX": "Q32",
    "MDG": "Q1019", "MWI": "Q1020", "MYS": "Q833", "MDV": "Q826", "MLI": "Q912", "MLT": "Q233",
    "MHL": "Q709", "MRT": "Q1025", "MUS": "Q1027", "MEX": "Q96", "FSM": "Q702", "MDA": "Q217",
    "MCO": "Q235", "MNG": "Q711", "MNE": "Q236", "MAR": "Q1028", "MOZ": "Q1029", "MMR": "Q836",
    "NAM": "Q1030", "NRU": "Q697", "NPL": "Q837", "NLD": "Q55", "NZL": "Q664", "NIC": "Q811",
    "NER": "Q1032", "NGA": "Q1033", "MKD": "Q221", "NOR": "Q20", "OMN": "Q842", "PAK": "Q843",
    "PLW": "Q695", "PAN": "Q804", "PNG": "Q691", "PRY": "Q733", "PER": "Q419", "PHL": "Q928",
    "POL": "Q36", "PRT": "Q45", "QAT": "Q846", "ROU": "Q218", "RUS": "Q159", "RWA": "Q1037",
    "KNA": "Q763", "LCA": "Q760", "VCT": "Q757", "WSM": "Q683", "SMR": "Q238", "STP": "Q1039",
    "SAU": "Q851", "SEN": "Q1041", "SRB": "Q403", "SYC": "Q1042", "SLE": "Q1044", "SGP": "Q334",
    "SVK": "Q214", "SVN": "Q215", "SLB": "Q685", "SOM": "Q1045", "ZAF": "Q258", "SSD": "Q958",
    "ESP": "Q29", "LKA": "Q854", "SDN": "Q1049", "SUR": "Q730", "SWE": "Q34", "CHE": "Q39",
    "SYR": "Q858", "TJK": "Q863", "TZA": "Q924", "THA": "Q869", "TLS": "Q574", "TGO": "Q945",
    "TON": "Q678", "TTO": "Q754", "TUN": "Q948", "TUR": "Q43", "TKM": "Q874", "TUV": "Q672",
    "UGA": "Q1036", "UKR": "Q212", "ARE": "Q878", "GBR": "Q145", "USA": "Q30", "URY": "Q77",
    "UZB": "Q265", "VUT": "Q686", "VEN": "Q717", "VNM": "Q881", "YEM": "Q805", "ZMB": "Q953",
    "ZWE": "Q954", "VAT": "Q237", "PSE": "Q219060", "XKX": "Q1246", "TWN": "Q865", "ESH": "Q6250",
}  # fmt: skip

#: Kosovo has no ISO 3166 code; XKX is the code the EU and IMF use (CLDR: XK).
ALPHA2 = {"XKX": "XK"}

#: English labels where CLDR's short name is not what news and analysts write.
LABELS = {
    "USA": "United States", "GBR": "United Kingdom", "RUS": "Russia", "PSE": "Palestine",
    "COD": "DR Congo", "COG": "Republic of the Congo", "VAT": "Vatican City", "KOR": "South Korea",
    "PRK": "North Korea", "CIV": "Ivory Coast", "MMR": "Myanmar", "CZE": "Czech Republic",
    "TUR": "Turkey", "SWZ": "Eswatini", "FSM": "Micronesia", "TLS": "East Timor", "MKD": "North Macedonia",
}  # fmt: skip

EXTRA_EN: dict[str, list[str]] = {
    "USA": ["USA", "US", "U.S.", "U.S.A.", "America", "the United States", "United States of America"],
    "GBR": ["UK", "U.K.", "Britain", "Great Britain", "United Kingdom"],
    "RUS": ["Russia", "Russian Federation"], "CHN": ["PRC", "People's Republic of China", "mainland China"],
    "PRK": ["North Korea", "DPRK"], "KOR": ["South Korea", "Republic of Korea"],
    "IRN": ["Iran", "Islamic Republic of Iran"], "SYR": ["Syria"], "COD": ["DRC", "DR Congo", "Congo-Kinshasa"],
    "COG": ["Congo-Brazzaville"], "CIV": ["Ivory Coast", "Côte d'Ivoire"], "MMR": ["Myanmar", "Burma"],
    "TUR": ["Turkey", "Türkiye"], "PSE": ["Palestine", "Palestinian territories", "State of Palestine"],
    "CZE": ["Czechia", "Czech Republic"], "NLD": ["Netherlands", "Holland"], "VAT": ["Vatican", "Holy See"],
    "TWN": ["Taiwan", "Republic of China"], "ARE": ["UAE", "United Arab Emirates", "Emirates"],
    "VEN": ["Venezuela"], "BOL": ["Bolivia"], "TZA": ["Tanzania"], "LAO": ["Laos"], "MDA": ["Moldova"],
    "VNM": ["Vietnam"], "SAU": ["Saudi Arabia"], "SWZ": ["Swaziland", "Eswatini"],
    "MKD": ["North Macedonia", "Macedonia"], "BIH": ["Bosnia"],
    "TLS": ["East Timor", "Timor-Leste"], "CPV": ["Cape Verde"], "ESH": ["Western Sahara"],
}  # fmt: skip

EXTRA_DE: dict[str, list[str]] = {
    "USA": ["USA", "US", "Vereinigte Staaten", "Vereinigte Staaten von Amerika", "Amerika"],
    "GBR": ["Großbritannien", "Britannien", "Vereinigtes Königreich", "England", "UK"],
    "RUS": ["Russland", "Russische Föderation"], "CHN": ["Volksrepublik China", "Volksrepublik"],
    "PRK": ["Nordkorea"], "KOR": ["Südkorea"], "IRN": ["Iran", "Islamische Republik Iran"],
    "IRQ": ["Irak"], "COD": ["Demokratische Republik Kongo", "DR Kongo"], "COG": ["Republik Kongo"],
    "CIV": ["Elfenbeinküste"], "MMR": ["Myanmar", "Birma", "Burma"], "TUR": ["Türkei"],
    "PSE": ["Palästina", "palästinensische Gebiete", "Palästinensergebiete"], "CZE": ["Tschechien"],
    "NLD": ["Niederlande", "Holland"], "VAT": ["Vatikan", "Heiliger Stuhl"], "TWN": ["Taiwan"],
    "ARE": ["VAE", "Vereinigte Arabische Emirate", "Emirate"], "SAU": ["Saudi-Arabien"],
    "BLR": ["Belarus", "Weißrussland"], "MDA": ["Moldau", "Moldawien", "Republik Moldau"],
    "MKD": ["Nordmazedonien", "Mazedonien"], "XKX": ["Kosovo"], "ESH": ["Westsahara"],
    "CHE": ["Schweiz"], "BIH": ["Bosnien", "Bosnien-Herzegowina"], "TLS": ["Osttimor"],
}  # fmt: skip


def names(iso3: str) -> tuple[str, list[str], list[str]]:
    """The English label and the English and German names of one state."""
    alpha2 = ALPHA2.get(iso3) or pycountry.countries.get(alpha_3=iso3).alpha_2
    en: list[str] = [Locale("en").territories[alpha2]]
    de: list[str] = [Locale("de").territories[alpha2]]
    country = pycountry.countries.get(alpha_2=alpha2)
    if country is not None:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                en.append(value)
    en += EXTRA_EN.get(iso3, [])
    de += EXTRA_DE.get(iso3, [])
    label = LABELS.get(iso3) or en[0]
    return label, _unique(en), _unique(de)


def _unique(items: list[str]) -> list[str]:
    """Drop duplicates and names of the form "X, Y of" that nobody writes in a sentence."""
    seen: list[str] = []
    for item in items:
        if item not in seen and "," not in item:
            seen.append(item)
    return seen


def main() -> None:
    out = Path(__file__).with_name("states.tsv")
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter="\t", lineterminator="\n")
        writer.writerow(["iso3", "wikidata", "label", "names_en", "names_de"])
        for iso3 in sorted(QIDS):
            label, en, de = names(iso3)
            writer.writerow([iso3, QIDS[iso3], label, "|".join(en), "|".join(de)])
    print(f"wrote {len(QIDS)} states to {out}")


if __name__ == "__main__":
    main()
