"""How long the inclusive-language checker takes for 10,000 characters of realistic mixed text.

Run: .venv/bin/python benchmarks/checker_bench.py [--runs 200]
Prints the median (and other percentiles) of many runs on one core; the goal is < 20 ms.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from pathlib import Path

from knowledge.checker import Checker
from knowledge.glossary import load_glossary

GLOSSARY_DIR = Path(__file__).resolve().parent.parent / "knowledge" / "content" / "glossary"
TARGET_CHARS = 10_000

# A municipal mix: letters, vacancies, intranet posts, English mail; a few terms, many false friends.
SENTENCES = """\
Geachte dames en heren, graag nodigen wij u uit voor de informatieavond over het Mercatorplein.
De gemeente organiseert op dinsdag 14 maart een bijeenkomst voor alle bewoners van de Indische buurt.
Wij zoeken een enthousiaste beleidsadviseur (m/v) met ervaring in het sociaal domein en een groot netwerk.
Je werkt samen met collega's van Wonen, Zorg en Werk aan een aanpak voor dak- en thuisloze Amsterdammers.
De aanvrager moet zelf aangeven of hij/zij hulp nodig heeft bij het invullen van het formulier.
Het college heeft besloten de subsidie voor buurthuizen met twee jaar te verlengen.
Mensen met een beperking kunnen gratis gebruikmaken van het aanvullend openbaar vervoer in de regio.
In het stadskantoor zijn toegankelijke toiletten; de ingang voor invaliden is aan de zijkant.
Na de hevige regen stonden de kelders in de Pijp blank en moest de brandweer pompen.
Hij besloot de opmerking te negeren, maar later sprak hij zijn leidinggevende er toch op aan.
Tot slaaf gemaakte mensen werden naar Suriname gebracht; op 1 juli herdenken we het slavernijverleden.
Het project Samen Sterk richt zich op allochtone jongeren in Nieuw-West die moeilijk een stageplek vinden.
Ongedocumenteerden kunnen terecht bij de nachtopvang, open van acht uur 's avonds tot acht uur 's ochtends.
De wijkagent houdt elke woensdag spreekuur in het buurthuis aan de Javastraat, naast de bibliotheek.
Zij is al jaren verslaafd aan koffie, zegt ze lachend, en begint haar dag altijd bij het koffieapparaat.
Mijn koffer staat nog bij de receptie van het hotel, want de kamer was nog niet klaar.
Laat dit veld blanco als u geen tweede adres heeft; de bank verwerkt de betaling binnen drie werkdagen.
De manager van het zwembad gaf een rondleiding aan de deelnemers van het programma Bewegen in de Buurt.
In de sloot groeien allochtone soorten zoals de grote waternavel, die de inheemse planten verdringt.
Exotische planten doen het goed in de kas van de Hortus, vooral in de warme maanden.
We hebben te weinig mankracht om alle aanvragen voor de zomer af te handelen.
Menskracht is het grootste probleem bij de uitvoering van het bouwproject aan de Sloterweg.
Als een bewoner belt, vraag dan wat die nodig heeft en noteer het in het systeem.
De eerste gastarbeiders kwamen in de jaren zestig naar Amsterdam en woonden vaak in pensions.
Er is een nieuwe gehandicaptenparkeerplaats voor de ingang gemaakt; de oude invalidenparkeerplaats is weg.
De bejaarden in het wijkcentrum krijgen elke vrijdag een warme maaltijd van vrijwilligers.
De Nationale ombudsman heeft een rapport gepubliceerd over de afhandeling van klachten.
Een Mongool uit Ulaanbaatar vertelde over het leven op de steppe en de winters daar.
Hij pleegde zelfmoord na een lange ziekte; de familie vraagt om rust en privacy.
Praat erover: 113 Zelfmoordpreventie is dag en nacht bereikbaar voor iedereen die aan de dood denkt.
De blanke collega's kregen vaker promotie, bleek uit het onderzoek naar loopbanen binnen de organisatie.
De zwarte Amsterdammers in het onderzoek voelden zich niet gehoord door de instanties.
Het bestemmingsplan ligt zes weken ter inzage in het stadsloket en op de website van de gemeente.
De ingediende bezwaren worden binnen zes weken behandeld door de commissie bezwaarschriften.
Wil je je voornaamwoorden in je profiel zetten? Dat kan via de instellingen in Teams.
Vraag de deelnemers of hen het tijdstip uitkomt en of zij een tolk Nederlandse Gebarentaal nodig hebben.
De stadsdeelvoorzitter opende het nieuwe wijkcentrum met een toespraak over samenleven.
Het allochtonenbeleid is in 2013 afgeschaft; sindsdien noemen we liever het land van herkomst.
Zij heeft een masteropleiding gedaan in Leiden en werkt nu als projectleider bij Ruimte en Duurzaamheid.
De informatiebalie is tot vijf uur bemand; daarna kunt u bellen met 14 020.
De verkiezingen voor de gemeenteraad zijn in maart; stembureaus zijn open van half acht tot negen uur.
Beste collega's, de vergadering van donderdag is verplaatst naar vrijdagmiddag om drie uur in zaal 4.
Er werken vooral hoogopgeleide mannen in de directie, terwijl de organisatie juist meer diversiteit wil.
We need more manpower before the deadline, so please check the planning with your manager.
Add the address to the blacklist and remove it from the old allowlist before Friday.
The new colleague starts on Monday and will join the team meeting in room 3.
Each applicant should bring his or her passport and a recent payslip to the appointment.
The chairman opened the meeting and thanked the residents for their feedback on the plans.
Please do a quick sanity check on these numbers before we send the report to the council.
The disabled account was removed by the administrator after the security review.
Our team uses the main branch for releases; older tags stay on the archive server.
""".splitlines()


def realistic_text(seed: int) -> str:
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    while size < TARGET_CHARS:
        paragraph = " ".join(rng.sample(SENTENCES, 6))
        parts.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(parts)[:TARGET_CHARS]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()

    checker = Checker(load_glossary(GLOSSARY_DIR))
    texts = [realistic_text(seed) for seed in range(args.runs)]
    checker.check(texts[0])  # warm-up: imports, regex caches

    timings = []
    for text in texts:
        t0 = time.perf_counter()
        findings = checker.check(text)
        timings.append((time.perf_counter() - t0) * 1000)

    cold = []
    for text in texts[:20]:
        fresh = Checker(checker.glossary)  # empty typo cache: the worst case for a new process
        t0 = time.perf_counter()
        fresh.check(text)
        cold.append((time.perf_counter() - t0) * 1000)

    timings.sort()
    print(f"text: {len(texts[0])} characters, {len(findings)} findings in the last text, {args.runs} runs")
    print(f"p90 {timings[int(len(timings) * 0.9)]:.2f} ms, max {timings[-1]:.2f} ms, "
          f"cold typo cache median {statistics.median(cold):.2f} ms")
    print(f"median {statistics.median(timings):.2f} ms (goal < 20 ms)")


if __name__ == "__main__":
    main()
