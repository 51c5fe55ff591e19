"""Withdrawal codes: shown once, easy to copy by hand, stored only as a slow salted hash."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Final

# No 0/O, 1/I/L or U/V look-alikes, and no vowels A, E, so a code never spells a word.
ALPHABET: Final = "23456789BCDFGHJKMNPQRSTVWXYZ"
GROUPS: Final = 2
GROUP_LENGTH: Final = 5
CODE_LENGTH: Final = GROUPS * GROUP_LENGTH  # 28**10 ≈ 2**48 codes
_MAX_INPUT: Final = 64
_SEPARATORS: Final = str.maketrans("", "", " -._\u00a0\t\r\n")


def new_code() -> str:
    """A fresh random code in canonical form ('K7MPQ4TZH9'); display() groups it for reading."""
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def display(code: str) -> str:
    """'K7MPQ4TZH9' -> 'K7MPQ-4TZH9'."""
    return "-".join(code[i : i + GROUP_LENGTH] for i in range(0, len(code), GROUP_LENGTH))


def normalize_code(raw: object) -> str | None:
    """The canonical code for what someone typed (any case, spaces or dashes), or None if it cannot be one."""
    if not isinstance(raw, str) or len(raw) > _MAX_INPUT:
        return None
    code = raw.translate(_SEPARATORS).upper()
    if len(code) != CODE_LENGTH or any(c not in ALPHABET for c in code):
        return None
    return code


@dataclass(frozen=True)
class CodeDigest:
    """What is stored for a code: a coarse bucket to find candidates, a salt, and a scrypt hash."""

    bucket: str
    salt: str
    hash: str


def code_bucket(code: str) -> str:
    """16 bits of a fast hash: narrows the slow checks to a few rows without revealing the code."""
    return hashlib.sha256(b"wegwijzer-code-bucket:" + code.encode("ascii")).hexdigest()[:4]


@dataclass(frozen=True)
class CodeHasher:
    """scrypt with a per-code salt; the default cost takes tens of milliseconds per check."""

    n: int = 2**14
    r: int = 8
    p: int = 1

    def _hash(self, code: str, salt: bytes) -> bytes:
        return hashlib.scrypt(
            code.encode("ascii"),
            salt=salt,
            n=self.n,
            r=self.r,
            p=self.p,
            maxmem=256 * self.n * self.r,
            dklen=32,
        )

    def digest(self, code: str) -> CodeDigest:
        """Digest of a normalised code (see normalize_code)."""
        salt = secrets.token_bytes(16)
        return CodeDigest(code_bucket(code), salt.hex(), self._hash(code, salt).hex())

    def matches(self, code: str, digest: CodeDigest) -> bool:
        if code_bucket(code) != digest.bucket:
            return False
        try:
            salt = bytes.fromhex(digest.salt)
            expected = bytes.fromhex(digest.hash)
        except ValueError:
            return False
        return hmac.compare_digest(self._hash(code, salt), expected)
