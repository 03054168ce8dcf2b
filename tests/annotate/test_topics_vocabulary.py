"""Topic vocabulary as other outlets word it (issue #11): names, groups, fora, agreements and
phrases gathered from news and government pages outside the real-readout set, one invented
sentence per wording. A "~" cue counts here as it would in a readout with that subject."""

from __future__ import annotations

import pytest

from app.annotate.topics import TopicMatcher
from tests.annotate.helpers import TOPICS

MATCHER = TopicMatcher(TOPICS)


@pytest.mark.parametrize(
    "sentence,topic",
    [
        ("He spoke with Ashraf Ghani about the talks.", "afghanistan"),
        ("He met Mullah Baradar in Doha.", "afghanistan"),
        ("They called for an inclusive political resolution.", "afghanistan"),
        ("They agreed on the three China-US joint communiques.", "taiwan"),
        ("He stressed the 1992 Consensus.", "taiwan"),
        ("He said the renegade province must not drift away.", "taiwan"),
        ("He urged a humanitarian pause to let aid in.", "middle-east"),
        ("Funding for UNRWA must be restored.", "middle-east"),
        ("He condemned the October 7 attacks.", "middle-east"),
        ("Talks with the P5+1 will resume.", "middle-east"),
        ("The Saudi-led coalition must halt strikes.", "middle-east"),
        ("The truce must hold.", "middle-east"),
        ("The truce must hold.", "ukraine"),
        ("He thanked him for resisting the Russian aggressor.", "ukraine"),
        ("He condemned the aggression of the Russian Federation.", "ukraine"),
        ("They discussed the Transnistrian settlement.", "regional-security"),
        ("Big emitters must act.", "climate"),
        ("Extreme weather is rising.", "climate"),
        ("Global temperatures are rising.", "climate"),
        ("He condemned al-Nusra and Hayat Tahrir al-Sham.", "terrorism"),
        ("He condemned the Haqqani network.", "terrorism"),
        ("He condemned the suicide bombing.", "terrorism"),
        ("He condemned the Baloch Liberation Army.", "terrorism"),
        ("Ukraine within its internationally recognized borders must be restored.", "sovereignty"),
        ("He stressed national integrity.", "sovereignty"),
        ("He stressed core national interests.", "sovereignty"),
        ("Each country may independently choose its development model.", "sovereignty"),
        ("China opposes power politics.", "external-interference"),
        ("He condemned the Workers' Party of Korea plans.", "korean-peninsula"),
        ("He condemned the Democratic People's Republic of Korea launch.", "korean-peninsula"),
        ("They upheld freedom of navigation and overflight.", "regional-security"),
        ("They agreed to de-escalate regional hotspots.", "regional-security"),
        ("They backed the Indian Ocean Rim Association.", "multilateralism"),
        ("He spoke with the Chairman of CARICOM.", "multilateralism"),
        ("They backed the Quadrilateral Security Dialogue.", "multilateralism"),
        ("They backed the Global Development Initiative.", "multilateralism"),
        ("They backed the New Development Bank and the AIIB.", "multilateralism"),
        ("They discussed reform of the international financial architecture.", "multilateralism"),
        ("They backed the Organization of Turkic States.", "multilateralism"),
        ("They discussed the health situation.", "covid-19"),
        ("They opposed forced technology transfer.", "trade"),
        ("They discussed the Silk Road Economic Belt.", "trade"),
        ("He announced shipments of shots.", "vaccines"),
        ("Doses will be delivered under ACT-A.", "vaccines"),
        ("They backed ACT-A.", "multilateralism"),
        ("They will cooperate on new energy.", "climate"),
        ("He thanked them for support on China's core and major concerns.", "sovereignty"),
        ("The war has shaken Europe's peace order.", "regional-security"),
        ("Peace and security not only on the peninsula but also in Northeast Asia are at stake.", "regional-security"),
        ("He explained the goals of the special operation.", "ukraine"),
        ("He backed the decision to withdraw combat troops.", "afghanistan"),
        ("He warned of a civil war.", "afghanistan"),
        ("The port of Hodeidah must reopen.", "middle-east"),
        ("He condemned the Revolutionary Guards.", "middle-east"),
        ("They rejected the forced displacement of the population.", "middle-east"),
        ("They urged an end to the provocative acts.", "korean-peninsula"),
        ("They discussed the nuclear and missile issues.", "korean-peninsula"),
        ("He condemned the Pahalgam attack.", "terrorism"),
        ("They met in the quadrilateral format.", "multilateralism"),
        ("They agreed to hold three-way talks.", "multilateralism"),
        ("He opposed NATO's eastward expansion.", "regional-security"),
        ("He stressed the indivisibility of security.", "regional-security"),
        ("Shelling along the contact line continued.", "ukraine"),
        ("They discussed the epidemiological situation.", "covid-19"),
        ("The Gamaleya centre will share its data.", "vaccines"),
        ("He warned of a humanitarian catastrophe.", "afghanistan"),
        ("International recognition depends on their actions.", "afghanistan"),
        ("The first batch arrived on Monday.", "vaccines"),
        ("He stressed that it is a red line.", "taiwan"),
        ("He opposed any secession.", "sovereignty"),
        ("He described the counteroffensive.", "ukraine"),
        ("He condemned the war crimes.", "ukraine"),
        ("He warned of famine and the bombardment.", "middle-east"),
        ("The crossings must open.", "middle-east"),
        # the pandemic's own vaccines name it
        ("They announced a further shipment of AstraZeneca doses.", "covid-19"),
        ("Deliveries under ACT-A will continue.", "covid-19"),
        ("They will cooperate in the fight against the pandemic.", "covid-19"),
        ("The Sputnik V vaccine will be produced locally.", "covid-19"),
        # a body of states named by its kind
        ("Australia joined the Coalition of the Willing.", "multilateralism"),
        ("They will cooperate through the Council of Coffee Exporting Countries.", "multilateralism"),
        ("He stressed the role of the Organisation internationale de la Francophonie.", "multilateralism"),
        # the region described as safe or stable, its security listed with other goods
        ("They committed to building a peaceful and prosperous Pacific region.", "regional-security"),
        ("He raised their shared interest in a stable and prosperous region.", "regional-security"),
        ("It is critical for the security and prosperity of the region.", "regional-security"),
    ],
)
def test_outlet_wording_names_its_topic(sentence: str, topic: str) -> None:
    found = set(MATCHER.match(sentence)) | MATCHER.context_topics(sentence, 0, len(sentence), [topic])
    assert topic in found


@pytest.mark.parametrize(
    "sentence,topic",
    [
        # a context cue is no keyword: without the readout's subject it names nothing
        ("The truce must hold.", "middle-east"),
        ("They discussed the health situation.", "covid-19"),
        ("He stressed the code of conduct.", "south-china-sea"),
        # a trade agreement of a bloc, a conference's venue and economic pressure are not these topics
        ("They discussed the trade agreement between Mercosur and the customs union.", "multilateralism"),
        ("They opposed any economic coercion.", "trade"),
        # the people of such bodies
        ("They helped evacuate diplomats and staff of international organizations.", "multilateralism"),
        # a pair's own council
        ("They welcomed the first meeting of the Council for Strategic Cooperation.", "multilateralism"),
        # the time of the pandemic is circumstance
        ("Their friendship grew stronger during the pandemic.", "covid-19"),
        ("He praised the partnership during the difficult times of the pandemic.", "covid-19"),
        ("They hope to revive tourism as they move past the COVID-19 pandemic.", "covid-19"),
        # neighbouring countries as where people or aid are
        ("Aid must reach the refugees in Afghanistan and neighbouring countries.", "regional-security"),
    ],
)
def test_wording_that_does_not_name_the_topic(sentence: str, topic: str) -> None:
    assert topic not in MATCHER.match(sentence)
