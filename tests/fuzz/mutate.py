"""Mutators for the two crash fuzzers: damaged source text, and forged
`.pyc` cache files whose checksum is fixed up so the damage gets past it
to the decoder and the verifier.

The `.pyc` layout and checksum are those of `frontend/src/pyc.rs` (a
16-byte header, the code object, and an 8-byte checksum of the code
object's bytes); `checksum` is a port of its `checksum`, and
`test_checksum_matches_pvm` in run.py checks it against a file pvm wrote.

This module only transforms text and bytes; it runs nothing.
"""

MASK = (1 << 64) - 1
PRIME = 0x0000_0100_0000_01B3
HEADER_LEN = 16


def _mix(h, word):
    h = ((h ^ int.from_bytes(word, "little")) * PRIME) & MASK
    return h ^ (h >> 29)


def _fnv1a_continue(h, data):
    for b in data:
        h = ((h ^ b) * PRIME) & MASK
    return h


def checksum(body):
    """pvm's checksum of a cache file's body (frontend/src/pyc.rs)."""
    lanes = [0xCBF2_9CE4_8422_2325, 0x8422_2325_CBF2_9CE4, 0x9CE4_8422_2325_CBF2, 0x2325_CBF2_9CE4_8422]
    whole = len(body) // 32 * 32
    for at in range(0, whole, 32):
        for lane in range(4):
            lanes[lane] = _mix(lanes[lane], body[at + 8 * lane : at + 8 * lane + 8])
    h = 0xCBF29CE484222325
    for lane in lanes:
        h = _mix(h, lane.to_bytes(8, "little"))
    rest = body[whole:]
    words = len(rest) // 8 * 8
    for at in range(0, words, 8):
        h = _mix(h, rest[at : at + 8])
    return _fnv1a_continue(h, rest[words:])


def fix_checksum(data):
    """`data` with its last 8 bytes set to the checksum of its body."""
    data = bytes(data)
    if len(data) < HEADER_LEN + 8:
        return data
    body = data[HEADER_LEN:-8]
    return data[:-8] + checksum(body).to_bytes(8, "little")


def checksum_ok(data):
    return len(data) >= HEADER_LEN + 8 and checksum(data[HEADER_LEN:-8]) == int.from_bytes(data[-8:], "little")


INTERESTING_BYTES = [0x00, 0x01, 0x7F, 0x80, 0xFF, 0xFE, 0x3F, 0x40, 0x10]


def mutate_pyc(rng, data):
    """A forged cache file: the header kept (so it still matches its
    source), one to four changes in the body, the checksum fixed up.
    Returns (bytes, description)."""
    body = bytearray(data[HEADER_LEN:-8])
    done = []
    for _ in range(rng.choice([1, 1, 1, 2, 4])):
        if not body:
            break
        at = rng.randrange(len(body))
        r = rng.randrange(7)
        if r == 0:
            bit = rng.randrange(8)
            body[at] ^= 1 << bit
            done.append(f"flip bit {bit} at {at}")
        elif r == 1:
            value = rng.choice(INTERESTING_BYTES) if rng.random() < 0.5 else rng.randrange(256)
            body[at] = value
            done.append(f"set {at} to {value}")
        elif r == 2:
            delta = rng.choice([1, -1, 2, -2, 16, -16])
            body[at] = (body[at] + delta) & 0xFF
            done.append(f"add {delta} at {at}")
        elif r == 3:
            n = rng.randint(1, 8)
            del body[at : at + n]
            done.append(f"delete {n} at {at}")
        elif r == 4:
            chunk = bytes(rng.randrange(256) for _ in range(rng.randint(1, 4)))
            body[at:at] = chunk
            done.append(f"insert {chunk.hex()} at {at}")
        elif r == 5:
            n = rng.randint(1, 16)
            body[at:at] = body[at : at + n]
            done.append(f"duplicate {n} at {at}")
        else:
            del body[at:]
            done.append(f"truncate at {at}")
    forged = data[:HEADER_LEN] + bytes(body) + bytes(8)
    return fix_checksum(forged), "; ".join(done)


SOURCE_SNIPPETS = ["(", ")", "[", "]", "{", "}", ":", "\t", "\\", "'", '"', '"""', "#", "\n", " ", "*", "**", "=", "yield ", "return ", "lambda ", "@", "é", "\x00", "0x", "1e", "9" * 30, "f'{", "async ", "await ", "global x", "nonlocal y", "del ", "pass", "break", "continue", "    "]


def mutate_source(rng, text):
    """Damaged source text: one to three character- or line-level edits.
    Returns (text, description)."""
    done = []
    for _ in range(rng.choice([1, 1, 2, 3])):
        lines = text.split("\n")
        r = rng.randrange(9)
        if r < 4 and text:
            at = rng.randrange(len(text))
            if r == 0:
                text = text[:at] + text[at + 1 :]
                done.append(f"delete char {at}")
            elif r == 1:
                text = text[:at] + text[at] + text[at:]
                done.append(f"duplicate char {at}")
            elif r == 2 and at + 1 < len(text):
                text = text[:at] + text[at + 1] + text[at] + text[at + 2 :]
                done.append(f"swap chars {at}")
            else:
                snippet = rng.choice(SOURCE_SNIPPETS)
                text = text[:at] + snippet + text[at:]
                done.append(f"insert {snippet!r} at {at}")
        elif r == 4:
            i = rng.randrange(len(lines))
            del lines[i]
            text = "\n".join(lines)
            done.append(f"delete line {i + 1}")
        elif r == 5:
            i = rng.randrange(len(lines))
            lines.insert(i, lines[i])
            text = "\n".join(lines)
            done.append(f"duplicate line {i + 1}")
        elif r == 6:
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
            done.append(f"swap lines {i + 1} {j + 1}")
        elif r == 7:
            i = rng.randrange(len(lines))
            lines[i] = rng.choice(["", " ", "    ", "\t"]) + lines[i] if rng.random() < 0.5 else lines[i].lstrip()
            text = "\n".join(lines)
            done.append(f"reindent line {i + 1}")
        else:
            i = rng.randrange(len(lines))
            lines[i] = lines[i][: rng.randrange(len(lines[i]) + 1)]
            text = "\n".join(lines)
            done.append(f"cut line {i + 1}")
    return text, "; ".join(done)
