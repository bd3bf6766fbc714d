"""Small synthetic corpora for the crash and concurrency tests (deterministic)."""
import json
import random

WORDS = ("council budget mayor vote plan critics slammed praised city school tax road "
         "hospital police report week residents officials announced said disaster radical "
         "reform bill senate governor million families workers union strike").split()


def sentence(rng):
    n = rng.randint(6, 16)
    s = " ".join(rng.choice(WORDS) for _ in range(n))
    s = s[0].upper() + s[1:] + "."
    if rng.random() < 0.2:
        s = f'"{s}" the {rng.choice(["mayor", "governor", "official"])} said.'
    return s


def write_corpus(path, n, seed=1, sentences=(4, 12), version=""):
    rng = random.Random(seed)
    outlets = ["Example News", "Other Times", "Daily Sample", "The Fixture", "Test Post"]
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            text = " ".join(sentence(rng) for _ in range(rng.randint(*sentences)))
            f.write(json.dumps({
                "id": f"a{i:05d}", "outlet": outlets[i % len(outlets)], "story": f"s{i // 4}",
                "title": f"Article {i}{version}", "date": f"2024-01-{1 + i % 28:02d}",
                "text": text + version,
            }) + "\n")
    return path
