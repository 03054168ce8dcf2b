"""Countries with their short names, demonyms and capitals, for resolving "the Chinese
president", "the Russian side", "Moscow rejects ...", "his country" to a participant."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Country", "COUNTRIES", "find_country"]


@dataclass(frozen=True)
class Country:
    name: str
    names: tuple[str, ...]  # the name and other names of the state
    demonyms: tuple[str, ...]  # adjectives: "Chinese", "U.S."
    capitals: tuple[str, ...]  # seats of government used as metonyms: "Beijing", "Washington"


# name|other names ; demonyms ; capitals
_TABLE = """
China|People's Republic of China|PRC ; Chinese ; Beijing
Russia|Russian Federation ; Russian ; Moscow|Kremlin
United States|United States of America|U.S.|US|USA|U.S.A.|America ; American|U.S.|US ; Washington|White House
India|Republic of India ; Indian ; New Delhi|Delhi
France|French Republic ; French ; Paris|Elysee|Élysée
Germany|Federal Republic of Germany ; German ; Berlin
Japan ; Japanese ; Tokyo
United Kingdom|UK|U.K.|Britain|Great Britain ; British ; London|Downing Street
Brazil|Federative Republic of Brazil ; Brazilian ; Brasilia|Brasília
South Africa|Republic of South Africa ; South African ; Pretoria
Turkey|Türkiye|Turkiye|Republic of Turkey ; Turkish ; Ankara
Iran|Islamic Republic of Iran ; Iranian ; Tehran
Italy ; Italian ; Rome
Spain ; Spanish ; Madrid
Canada ; Canadian ; Ottawa
Mexico ; Mexican ; Mexico City
Argentina ; Argentine|Argentinian ; Buenos Aires
Chile ; Chilean ; Santiago
Colombia ; Colombian ; Bogota|Bogotá
Venezuela ; Venezuelan ; Caracas
Cuba ; Cuban ; Havana
Peru ; Peruvian ; Lima
Australia ; Australian ; Canberra
New Zealand ; New Zealand ; Wellington
Indonesia ; Indonesian ; Jakarta
Malaysia ; Malaysian ; Kuala Lumpur
Singapore ; Singaporean ; Singapore
Thailand ; Thai ; Bangkok
Vietnam|Viet Nam ; Vietnamese ; Hanoi
Philippines ; Philippine|Filipino ; Manila
South Korea|Republic of Korea|ROK|Korea ; South Korean ; Seoul
North Korea|DPRK|Democratic People's Republic of Korea ; North Korean ; Pyongyang
Mongolia ; Mongolian ; Ulaanbaatar
Kazakhstan ; Kazakh|Kazakhstani ; Astana|Nur-Sultan
Uzbekistan ; Uzbek ; Tashkent
Kyrgyzstan ; Kyrgyz ; Bishkek
Tajikistan ; Tajik ; Dushanbe
Turkmenistan ; Turkmen ; Ashgabat
Afghanistan ; Afghan ; Kabul
Pakistan ; Pakistani ; Islamabad
Bangladesh ; Bangladeshi ; Dhaka
Sri Lanka ; Sri Lankan ; Colombo
Nepal ; Nepalese|Nepali ; Kathmandu
Myanmar|Burma ; Myanmar|Burmese ; Naypyidaw
Cambodia ; Cambodian ; Phnom Penh
Laos ; Lao|Laotian ; Vientiane
Saudi Arabia|Kingdom of Saudi Arabia ; Saudi ; Riyadh
United Arab Emirates|UAE ; Emirati ; Abu Dhabi
Qatar ; Qatari ; Doha
Kuwait ; Kuwaiti ; Kuwait City
Oman ; Omani ; Muscat
Bahrain ; Bahraini ; Manama
Iraq ; Iraqi ; Baghdad
Syria ; Syrian ; Damascus
Lebanon ; Lebanese ; Beirut
Jordan ; Jordanian ; Amman
Israel ; Israeli ; Jerusalem|Tel Aviv
Palestine|State of Palestine ; Palestinian ; Ramallah
Egypt ; Egyptian ; Cairo
Algeria ; Algerian ; Algiers
Morocco ; Moroccan ; Rabat
Tunisia ; Tunisian ; Tunis
Libya ; Libyan ; Tripoli
Ethiopia ; Ethiopian ; Addis Ababa
Kenya ; Kenyan ; Nairobi
Nigeria ; Nigerian ; Abuja
Ghana ; Ghanaian ; Accra
Senegal ; Senegalese ; Dakar
Angola ; Angolan ; Luanda
Zimbabwe ; Zimbabwean ; Harare
Tanzania ; Tanzanian ; Dodoma
Uganda ; Ugandan ; Kampala
Ukraine ; Ukrainian ; Kyiv|Kiev
Belarus ; Belarusian ; Minsk
Poland ; Polish ; Warsaw
Hungary ; Hungarian ; Budapest
Czech Republic|Czechia ; Czech ; Prague
Slovakia ; Slovak ; Bratislava
Austria ; Austrian ; Vienna
Switzerland ; Swiss ; Bern
Netherlands ; Dutch ; The Hague|Amsterdam
Belgium ; Belgian ; Brussels
Portugal ; Portuguese ; Lisbon
Greece ; Greek ; Athens
Serbia ; Serbian ; Belgrade
Romania ; Romanian ; Bucharest
Bulgaria ; Bulgarian ; Sofia
Sweden ; Swedish ; Stockholm
Norway ; Norwegian ; Oslo
Denmark ; Danish ; Copenhagen
Finland ; Finnish ; Helsinki
Ireland ; Irish ; Dublin
Azerbaijan ; Azerbaijani ; Baku
Armenia ; Armenian ; Yerevan
Georgia ; Georgian ; Tbilisi
European Union|EU|E.U. ; European ; Brussels
"""


def _parse(table: str) -> tuple[Country, ...]:
    out = []
    for line in table.strip().splitlines():
        names, dems, caps = (part.strip() for part in line.split(";"))
        ns = tuple(n.strip() for n in names.split("|"))
        out.append(
            Country(ns[0], ns, tuple(d.strip() for d in dems.split("|")), tuple(c.strip() for c in caps.split("|")))
        )
    return tuple(out)


COUNTRIES: tuple[Country, ...] = _parse(_TABLE)
_BY_KEY = {}
for _c in COUNTRIES:
    for _k in _c.names + _c.demonyms:
        _BY_KEY.setdefault(_k.casefold(), _c)


def find_country(name: str | None) -> Country | None:
    """The Country a name, short name or demonym denotes ("U.S.", "Türkiye", "Chinese")."""
    if not name:
        return None
    key = name.strip().casefold()
    if key.startswith("the "):
        key = key[4:]
    return _BY_KEY.get(key)
