"""Write a synthetic multi-outlet news corpus of any size (our own template wording, fictional
places, people and outlets), for the speed and scale benchmarks.

Each story is one event told by 2-6 outlets: each outlet picks its own subset of the facts and its
own phrasing, some give a different number, date or title (conflicts), some hedge or attribute
differently. Scraping damage is planted (mojibake, newsletter and share lines, hard-wrapped lines,
a repeated paragraph) and one article in eight is a single-outlet distractor.

The event's facts and some filler make an article of about 370 characters. ``--mean-chars N``
adds background paragraphs after the opening one (the place, the company, the people, reactions,
quotations; story-specific values, each outlet its own choice and order) until each article
reaches a length drawn around N (as far as the 24 background sentences go): real news is longer (our development set's articles average
about 2,000 characters, the scraped seed articles 4,500 to 5,000), and per-article costs that do
not grow with the text (the lead embedding) weigh less there. Without it (0) the corpus is the
same, character for character, as before the option existed.

    python benchmarks/generate_corpus.py OUT --articles 10000 [--format jsonl|txt|parquet] [--seed 7] [--mean-chars 0]
"""
from __future__ import annotations

import argparse
import json
import os
import random
from datetime import date, timedelta
from typing import Iterator

SYL = ["ka", "lo", "ve", "ri", "tan", "mor", "del", "sa", "bru", "nik", "ost", "el", "va", "rem", "tu", "gar", "lin", "os", "pe", "dra"]
OUTLET_WORDS = ["Post", "Times", "Herald", "Courier", "Wire", "Daily", "Gazette", "Ledger", "Observer", "Chronicle"]
ROLES = ["regional governor", "police spokesperson", "fire chief", "union leader", "mayor", "health minister", "company director"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

# Per event kind: a headline and facts, each fact with several wordings. Slots: {place} {site}
# {person} {role} {org} {n} {m} {day} {money}
EVENTS = {
    "fire": {
        "titles": ["Fire at {site} in {place}", "Blaze hits {site}", "{place} {site} fire: {n} hurt"],
        "facts": [
            ["A fire broke out at the {site} in {place} on {day}.", "Flames engulfed the {site} in {place} on {day}.",
             "On {day}, a blaze started at the {site} on the edge of {place}."],
            ["{n} people were taken to hospital, {role} {person} said.", "According to {role} {person}, {n} people were injured.",
             "{person}, the {role}, said {n} workers needed treatment."],
            ["The {site} is run by {org}.", "{org}, which operates the {site}, said it was cooperating with investigators."],
            ["About {m} firefighters fought the blaze for most of the night.", "Crews numbering {m} brought the fire under control by morning."],
            ["Damage was estimated at {money} million crowns.", "Officials put the damage at roughly {money} million crowns."],
            ["The cause of the fire is not yet known.", "Investigators may have found a faulty cable, an official said."],
        ],
    },
    "strike": {
        "titles": ["Workers strike at {org}", "{org} staff walk out in {place}", "Strike halts {site} in {place}"],
        "facts": [
            ["Workers at {org} in {place} walked out on {day}.", "Staff at the {org} {site} in {place} began a strike on {day}."],
            ["{role} {person} said {m} members had joined the strike.", "About {m} workers took part, according to {person}, the {role}."],
            ["The union wants a pay rise of {n} percent.", "They are demanding {n} percent more pay."],
            ["{org} said the offer on the table was fair.", "Management at {org} denied that talks had broken down."],
            ["The strike is expected to last {n} days.", "The walkout could continue for {n} days, {person} warned."],
        ],
    },
    "flood": {
        "titles": ["Floods cut off {place}", "River bursts its banks near {place}", "{place} residents evacuated as water rises"],
        "facts": [
            ["Heavy rain flooded parts of {place} on {day}.", "The river burst its banks near {place} on {day}."],
            ["{m} homes were evacuated, {role} {person} said.", "According to {person}, the {role}, {m} households left their homes."],
            ["The {site} was closed as a precaution.", "{org} shut the {site} until the water recedes."],
            ["Rainfall reached {n} millimetres in a single day.", "Forecasters recorded {n} millimetres of rain."],
            ["Repairs could cost {money} million crowns.", "The damage is reported to be about {money} million crowns."],
        ],
    },
    "court": {
        "titles": ["Court rules against {org}", "{org} loses case in {place}", "Judge fines {org}"],
        "facts": [
            ["A court in {place} ruled against {org} on {day}.", "On {day}, judges in {place} found against {org}."],
            ["The company was fined {money} million crowns.", "{org} must pay {money} million crowns, the ruling said."],
            ["{role} {person} welcomed the decision.", "{person}, the {role}, called the ruling a victory for {place}."],
            ["{org} said it would appeal within {n} days.", "Lawyers for {org} denied any wrongdoing and plan to appeal."],
            ["The case concerned pollution from the {site}.", "The dispute began when {m} residents complained about the {site}."],
        ],
    },
}
DISTRACTORS = [
    "{place} beat {place2} {n}-{n2} in the regional cup final on {day}.",
    "The {place} library will extend its opening hours from next month, {person} said.",
    "Temperatures in {place} are expected to reach {n} degrees this week.",
    "A new bakery opened on the main square of {place} on {day}, drawing a queue of {m} people.",
]
FILLER = [
    "Local residents gathered near the scene throughout the day.",
    "The news spread quickly on social media.",
    "It was not immediately clear what would happen next.",
    "Officials promised to publish a full report in the coming weeks.",
    "Several people said they had never seen anything like it.",
    "Traffic in the area was diverted for several hours.",
]
# Background, in any story of any kind. Slots as above, plus {year} {pop} {staff} {money2} {person2} {role2}
BACKGROUND = [
    "{place} is home to about {pop} people, many of whom work in the surrounding towns.",
    "The {site} opened in {year} and employs around {staff} people.",
    "{org} reported revenue of {money2} million crowns last year, according to its annual accounts.",
    "{person} has held the post of {role} since {year}.",
    "\"We are doing everything we can,\" {person} told reporters outside the town hall.",
    "\"People deserve clear answers, and they deserve them soon,\" said {person2}, the {role2}.",
    "Residents of {place} said they had raised concerns about the {site} for years.",
    "The regional council is due to discuss the matter at its next meeting.",
    "{org} did not respond to a request for comment by the time of publication.",
    "A similar incident in {year} led to new rules for sites such as the {site}.",
    "Opposition politicians called for an independent inquiry into what happened in {place}.",
    "{person2}, the {role2}, said the authorities had been warned about the risks.",
    "Schools in {place} stayed open, although some parents kept their children at home.",
    "The {site} is one of the largest employers in the district.",
    "Insurers said it was too early to say how much of the damage would be covered.",
    "Local businesses reported fewer customers than usual for the time of year.",
    "The last comparable event in the region, in {year}, affected about {staff} households.",
    "{person} said more information would be shared with residents in the coming days.",
    "Unions representing staff at {org} said safety had been a concern for some time.",
    "Neighbouring towns offered help, and volunteers arrived with food and blankets.",
    "Experts said the situation was unusual but not without precedent in the region.",
    "A spokesperson for {org} said the company was reviewing its procedures.",
    "The national government said it was monitoring the situation in {place} closely.",
    "Some residents questioned why it had taken so long for officials to respond.",
]
JUNK = ["Subscribe to our newsletter for the latest updates", "Share this article", "Read more:", "Advertisement"]
MOJIBAKE = {"'": "â€™", "é": "Ã©"}


def name(rng: random.Random, syllables: int = 2) -> str:
    return "".join(rng.choice(SYL) for _ in range(syllables)).capitalize()


def slots(rng: random.Random, day: date) -> dict:
    return {
        "place": name(rng, 3), "place2": name(rng, 3), "site": rng.choice(["port terminal", "chemical plant", "rail depot", "paper mill", "power station"]),
        "person": f"{name(rng)} {name(rng, 3)}", "role": rng.choice(ROLES), "org": f"{name(rng)} {rng.choice(['Industries', 'Holdings', 'Energy', 'Logistics'])}",
        "n": rng.randint(2, 40), "n2": rng.randint(0, 5), "m": rng.randint(20, 400), "money": rng.randint(2, 90),
        "day": WEEKDAYS[day.weekday()],
    }


def damage(rng: random.Random, paragraphs: list[str]) -> list[str]:
    """Plant the scraping damage the repair stage undoes."""
    out = list(paragraphs)
    if rng.random() < 0.3:
        out.insert(rng.randint(1, len(out)), rng.choice(JUNK))
    if rng.random() < 0.15:
        out.append(out[rng.randrange(len(out))])  # a repeated paragraph
    if rng.random() < 0.2:
        k = rng.randrange(len(out))
        words = out[k].split()
        out[k] = " ".join(words[: len(words) // 2]) + "\n" + " ".join(words[len(words) // 2 :])  # hard wrap
    if rng.random() < 0.1:
        out = [p.replace("'", MOJIBAKE["'"]) for p in out]
    return out


def background_slots(rng: random.Random) -> dict:
    return {"year": rng.randint(1985, 2029), "pop": f"{rng.randint(8, 900) * 100:,}", "staff": rng.randint(40, 2500),
            "money2": rng.randint(20, 4000), "person2": f"{name(rng)} {name(rng, 3)}", "role2": rng.choice(ROLES)}


def lengthen(rng: random.Random, text: str, facts: dict, mean_chars: int) -> str:
    """Background paragraphs of two sentences after the opening one, up to a length drawn around
    ``mean_chars``."""
    target = mean_chars * min(2.5, max(0.4, rng.gauss(1.0, 0.35)))
    paragraphs, pool, extra = text.split("\n\n"), rng.sample(BACKGROUND, len(BACKGROUND)), []
    length = len(text)
    while pool and length < target:
        sentences = [pool.pop().format(**facts) for _ in range(min(2, len(pool)))]
        extra.append(" ".join(sentences))
        length += len(extra[-1]) + 2
    return "\n\n".join(paragraphs[:1] + extra + paragraphs[1:])


def telling(rng: random.Random, kind: str, facts: dict, outlet: str) -> tuple[str, str]:
    """One outlet's article: its own facts, wording, order and conflicting details."""
    ev = EVENTS[kind]
    s = dict(facts)
    if rng.random() < 0.3:
        s["n"] = s["n"] + rng.randint(1, 9)  # a different number
    if rng.random() < 0.15:
        s["day"] = WEEKDAYS[(WEEKDAYS.index(s["day"]) + 1) % 7]  # a different day
    if rng.random() < 0.15:
        s["role"] = rng.choice(ROLES)  # a different title
    chosen = [f for i, f in enumerate(ev["facts"]) if i == 0 or rng.random() < 0.75]
    rest = [rng.choice(f).format(**s) for f in chosen[1:]] + rng.sample(FILLER, rng.randint(1, 3))
    rng.shuffle(rest)
    sentences = [rng.choice(chosen[0]).format(**s)] + rest  # the event itself always leads
    paragraphs = [" ".join(sentences[i : i + 2]) for i in range(0, len(sentences), 2)]
    return rng.choice(ev["titles"]).format(**s), "\n\n".join(damage(rng, paragraphs))


def articles(n: int, seed: int = 7, mean_chars: int = 0) -> Iterator[dict]:
    """``n`` article records (title, outlet, published, url, text, and ``story``: the generator's own
    story id, which Parallax does not read and the benchmarks score grouping against), stories
    spread over a year; ``mean_chars`` > 0 lengthens the event articles with background."""
    rng = random.Random(seed)
    outlets = [f"{name(rng)} {rng.choice(OUTLET_WORDS)}" for _ in range(max(8, n // 200))]
    start, made, stories = date(2031, 1, 1), 0, 0
    while made < n:
        stories += 1
        day = start + timedelta(days=rng.randrange(365))
        facts = slots(rng, day)
        if rng.random() < 0.125:
            tellers, kind = [rng.choice(outlets)], None
        else:
            tellers, kind = rng.sample(outlets, rng.randint(2, 6)), rng.choice(list(EVENTS))
        for outlet in tellers[: n - made]:
            published = day + timedelta(days=rng.choice([0, 0, 0, 1, 2]))
            if kind is None:
                text = " ".join(t.format(**facts) for t in rng.sample(DISTRACTORS, 2))
                title = f"{facts['place']}: news in brief"
            else:
                title, text = telling(rng, kind, facts, outlet)
                if mean_chars:  # its own random stream: the short corpus stays as it was
                    more = random.Random(f"{seed}/{stories}/{made}")
                    story_rng = random.Random(f"{seed}/{stories}")
                    text = lengthen(more, text, {**facts, **background_slots(story_rng)}, mean_chars)
            made += 1
            yield {"title": title, "outlet": outlet, "published": published.isoformat(),
                   "url": f"https://{outlet.lower().replace(' ', '')}.example/{made}", "text": text,
                   "story": f"g{stories}"}


def write(out: str, n: int, fmt: str = "jsonl", seed: int = 7, mean_chars: int = 0) -> str:
    """Write the corpus under ``out``; returns the path to analyse (a file or a folder)."""
    os.makedirs(out, exist_ok=True)
    if fmt == "txt":
        for i, a in enumerate(articles(n, seed, mean_chars)):
            with open(os.path.join(out, f"{i:06d}.txt"), "w", encoding="utf-8") as f:
                f.write(f"Title: {a['title']}\nOutlet: {a['outlet']}\nPublished: {a['published']}\nURL: {a['url']}\n\n{a['text']}\n")
        return out
    path = os.path.join(out, f"corpus-{n}.{fmt}")
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        with pq.ParquetWriter(path, pa.schema([(k, pa.string()) for k in ("title", "outlet", "published", "url", "text")])) as w:
            batch: list[dict] = []
            for a in articles(n, seed, mean_chars):
                batch.append(a)
                if len(batch) == 4096:
                    w.write_table(pa.Table.from_pylist(batch, schema=w.schema))
                    batch = []
            if batch:
                w.write_table(pa.Table.from_pylist(batch, schema=w.schema))
        return path
    with open(path, "w", encoding="utf-8") as f:
        for a in articles(n, seed, mean_chars):
            f.write(json.dumps(a, ensure_ascii=False) + "\n")
    return path


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--format", choices=["jsonl", "txt", "parquet"], default="jsonl")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--mean-chars", type=int, default=0, help="lengthen event articles to about this many characters")
    args = ap.parse_args()
    print(write(args.out, args.articles, args.format, args.seed, args.mean_chars))
