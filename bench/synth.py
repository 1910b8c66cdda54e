"""Realistic synthetic claims for the benchmark, the same for the same N and seed.

Each claim has a one-sentence claim, a short answer of one to three sentences, about
300 words of explanation in Markdown, three sources, one to four of fifty tags and a
verdict from the whole default scale. A few hundred claimants share the claims, a few
with many, most with a few, as in a real archive. One claim in five quotes a seed
document; there is one seed for every hundred claims, so no article page grows with N.

Words come from a vocabulary of common English words and 20,000 made-up words drawn
with a Zipf-like law, so that search indexes see a long tail of rare words as they
would in real text.

>>> project = make_claims(5)
>>> len(project.claims), sorted(project.claims)[0].endswith(".yaml")
(5, True)
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import random
from dataclasses import dataclass, field

VERDICTS = ("true", "mostly-true", "half-true", "mostly-false", "false", "misleading",
            "unproven", "opinion")
VERDICT_WEIGHTS = (10, 12, 16, 14, 18, 12, 10, 8)

COMMON = (  # noqa: SIM905 - a paragraph of words reads better than a list
    "the of and to in a is that for it as was with be by on not he this are or his from at "
    "which but have an they you were her she there been one all we their has would when "
    "more will if no out so said what up its about than into them can only other new some "
    "could time these two may then do first any my now such like our over man me even most "
    "made after also did many before must through years where much your way well down "
    "should because each just those people how too little state good very make world still "
    "own see men work long get here between both life being under never day same another "
    "know while last might us great old year off come since against go came right used take "
    "three city federal police law county order money report percent million program "
    "government council public office policy official immigration tax budget school health "
    "vote election court bill plan data number rate jobs workers housing crime grant"
).split()

TAGS = (
    "immigration", "economy", "taxes", "health-care", "education", "crime", "elections",
    "housing", "environment", "energy", "transportation", "budget", "jobs", "wages",
    "public-safety", "policing", "courts", "voting", "campaign-finance", "trade",
    "agriculture", "veterans", "military", "foreign-policy", "guns", "drugs", "opioids",
    "climate", "water", "infrastructure", "technology", "privacy", "media", "religion",
    "civil-rights", "labor", "pensions", "social-security", "medicare", "medicaid",
    "welfare", "homelessness", "children", "families", "seniors", "small-business",
    "state-government", "local-government", "congress", "history",
)

FIRST = ("Maria", "James", "Aisha", "Robert", "Linh", "Patricia", "Omar", "Jennifer", "David",
         "Fatima", "Michael", "Elena", "William", "Grace", "Hamid", "Susan", "Carlos",
         "Margaret", "Thomas", "Keiko", "Daniel", "Rosa", "Joseph", "Amara", "Charles",
         "Nadia", "Paul", "Ingrid", "Mark", "Zainab", "Steven", "Lucia", "Kevin", "Priya",
         "Brian", "Olga", "George", "Ana", "Edward", "Mei")
LAST = ("Okafor", "Smith", "Nguyen", "Johnson", "Haddad", "Williams", "Kowalski", "Brown",
        "Garcia", "Jones", "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez",
        "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
        "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez",
        "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott")
ROLES = ("Governor", "State senator", "Mayor", "City councilor", "U.S. senator",
         "U.S. representative", "Columnist", "Advocacy group", "County commissioner",
         "Candidate for governor", "Police chief", "School board member")
PUBLISHERS = ("Portland Press Herald", "Bangor Daily News", "Associated Press",
              "U.S. Census Bureau", "Bureau of Labor Statistics", "Maine Legislature",
              "City of Portland", "Congressional Budget Office", "The New York Times",
              "Pew Research Center", "Office of the Federal Register", "Maine Public",
              "Government Accountability Office", "Kaiser Family Foundation",
              "Federal Bureau of Investigation", "Maine Department of Labor",
              "Department of Homeland Security", "Urban Institute", "Reuters",
              "The Washington Post")

_SYLLABLES = ("ba", "ren", "tor", "mi", "sal", "ve", "do", "ka", "lin", "por", "es", "tra",
              "gen", "mo", "ri", "cal", "den", "fi", "lo", "sto", "nu", "pe", "quo", "zar",
              "bel", "co", "dra", "hu", "ja", "ment", "nor", "ple", "rus", "sen", "ti", "val",
              "wes", "ly", "ga", "ter")
START = dt.date(2012, 1, 1)
END = dt.date(2025, 6, 30)


def _vocabulary(rng: random.Random, size: int = 20_000) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


@dataclass
class SynthProject:
    """The files of a synthetic project: ``{name: text}`` for claims and seeds."""

    claims: dict[str, str] = field(default_factory=dict)
    seeds: dict[str, str] = field(default_factory=dict)


class _Writer:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        vocab = _vocabulary(self.rng)
        # Zipf-like: the k-th rarest word is drawn in proportion to 1/k.
        self.rare = vocab
        self.rare_weights = list(itertools.accumulate(1 / (k + 1) for k in range(len(vocab))))

    def word(self) -> str:
        if self.rng.random() < 0.6:
            return self.rng.choice(COMMON)
        return self.rng.choices(self.rare, cum_weights=self.rare_weights)[0]

    def sentence(self, low: int = 8, high: int = 22) -> str:
        words = [self.word() for _ in range(self.rng.randint(low, high))]
        if self.rng.random() < 0.3:
            words.insert(self.rng.randrange(len(words)),
                         f"{self.rng.randint(2, 99)} percent" if self.rng.random() < 0.5
                         else f"{self.rng.randint(1, 900):,}")
        return " ".join(words).capitalize() + "."

    def sentences(self, count: int) -> str:
        return " ".join(self.sentence() for _ in range(count))

    def date(self, low: dt.date = START, high: dt.date = END) -> dt.date:
        return low + dt.timedelta(days=self.rng.randint(0, (high - low).days))


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text)


def _block(text: str, indent: str = "  ") -> str:
    return "\n".join(indent + line if line else "" for line in text.split("\n"))


def make_claims(n: int, seed: int = 2017) -> SynthProject:
    """``n`` valid claim files and their seed documents, the same for the same arguments."""
    w = _Writer(seed)
    rng = w.rng
    project = SynthProject()

    names = [f"{a} {b}" for a in FIRST for b in LAST]
    rng.shuffle(names)
    claimants = names[:300]
    roles = {name: rng.choice(ROLES) for name in claimants if rng.random() < 0.7}
    claimant_weights = list(itertools.accumulate(1 / (k + 1) ** 0.8
                                                 for k in range(len(claimants))))

    seed_quotes: list[tuple[str, list[str]]] = []
    for s in range(max(1, n // 100)):
        seed_id = f"synthetic-report-{s + 1:04d}"
        paragraphs = [[w.sentence(10, 24) for _ in range(5)] for _ in range(6)]
        text = "\n\n".join(" ".join(p) for p in paragraphs) + "\n"
        project.seeds[f"{seed_id}.txt"] = text
        project.seeds[f"{seed_id}.yaml"] = (
            f"title: {_q(w.sentence(5, 10)[:-1])}\n"
            f"publisher: {_q(rng.choice(PUBLISHERS))}\n"
            f"date: {w.date()}\n"
            f"url: https://news.example.org/{seed_id}\n")
        seed_quotes.append((seed_id, [s for p in paragraphs for s in p]))

    ids = []
    for i in range(n):
        claim = w.sentence(9, 18)
        slug = "-".join(word for word in claim[:-1].lower().split()[:6]
                        if word.isalnum())[:60].strip("-")
        ids.append(f"{slug}-{i + 1}")

    for i, claim_id in enumerate(ids):
        claimant = rng.choices(claimants, cum_weights=claimant_weights)[0]
        published = w.date()
        claim_date = published - dt.timedelta(days=rng.randint(0, 30))
        lines = [f"claim: {_q(w.sentence(9, 18))}", f"claimant: {_q(claimant)}"]
        if claimant in roles:
            lines.append(f"claimant_role: {_q(roles[claimant])}")
        lines.append(f"claim_date: {claim_date}")
        if i % 5 == 0:
            seed_id, quotes = seed_quotes[(i // 5) % len(seed_quotes)]
            lines += [f"seed: {seed_id}", f"quote: {_q(rng.choice(quotes))}"]
        lines.append(f'verdict: "{rng.choices(VERDICTS, weights=VERDICT_WEIGHTS)[0]}"')
        lines += ["summary: >-", _block(w.sentences(rng.randint(1, 3)))]
        paragraphs = [w.sentences(5) for _ in range(4)]  # about 300 words in all
        paragraphs[0] = f"**{w.sentence(3, 6)[:-1]}.** {paragraphs[0]}"
        words = paragraphs[1].split(" ")
        at = rng.randrange(len(words) - 3)
        words[at:at + 3] = [f"[{' '.join(words[at:at + 3])}]"
                            f"(https://records.example.gov/{rng.randint(1000, 99999)})"]
        paragraphs[1] = " ".join(words)
        lines += ["body: |", _block("\n\n".join(paragraphs))]
        lines.append("sources:")
        for _ in range(3):
            lines += [f"  - title: {_q(w.sentence(5, 12)[:-1])}",
                      f"    url: https://{rng.choice(('www', 'data', 'news'))}.example.org/"
                      f"{rng.randint(2010, 2025)}/{rng.randint(1, 99999)}",
                      f"    publisher: {_q(rng.choice(PUBLISHERS))}",
                      f"    date: {w.date(START - dt.timedelta(days=400), claim_date)}"]
            if rng.random() < 0.25:
                lines.append(f"    archive_url: https://web.archive.org/web/2020/"
                             f"https://example.org/{rng.randint(1, 99999)}")
        tags = rng.sample(TAGS, rng.randint(1, 4))
        lines.append(f"tags: [{', '.join(tags)}]")
        lines.append(f"author: {_q(rng.choice(names[300:340]))}")
        if rng.random() < 0.6:
            lines.append(f"reviewer: {_q(rng.choice(names[340:350]))}")
        lines.append(f"published: {published}")
        if rng.random() < 0.1:
            updated = published + dt.timedelta(days=rng.randint(1, 60))
            lines.append(f"updated: {updated}")
            if rng.random() < 0.3:
                lines += ["corrections:", f"  - date: {updated}",
                          f"    note: {_q(w.sentence(6, 14))}"]
        if rng.random() < 0.3 and n > 1:
            others = [j for j in rng.sample(range(n), min(n, 3)) if j != i][:2]
            if others:
                lines.append(f"related: [{', '.join(ids[j] for j in others)}]")
        project.claims[f"{claim_id}.yaml"] = "\n".join(lines) + "\n"
    return project
