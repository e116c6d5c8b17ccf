"""Word count: splits generated text into words and counts them.

String methods, dict updates and sorting with a key: text processing.
"""

WORDS = (
    "the quick brown fox jumps over the lazy dog while seven wizards "
    "quietly judge boxing matches and a jovial sphinx of black quartz "
    "hears my vow"
).split()


def make_text(lines, seed=12345):
    state = seed
    out = []
    for i in range(lines):
        words = []
        for _ in range(12):
            state = (state * 1103515245 + 12345) % 2147483648
            word = WORDS[state % len(WORDS)]
            if state % 5 == 0:
                word = word.capitalize()
            words.append(word)
        out.append(" ".join(words) + (", said line %d." % i))
    return "\n".join(out)


def count(text):
    counts = {}
    for line in text.splitlines():
        for word in line.lower().replace(",", " ").replace(".", " ").split():
            counts[word] = counts.get(word, 0) + 1
    return counts


def bench():
    counts = count(make_text(16000))
    top = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:5]
    return ";".join(f"{word}={n}" for word, n in top)


if __name__ == "__main__":
    print(bench())
