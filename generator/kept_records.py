"""Each entry's search record as the last build made it, kept between builds (see search.py)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from generator.cache import code_digest
from generator.write import atomic_write

_HEX = tuple(letter.encode() for letter in "0123456789abcdef")


class KeptRecords:
    """Each entry's record as the last build wrote it, by a hash of what it is made from
    (and of Cairn's code), kept between builds as one line each: reading ten years of
    records this way costs a few milliseconds, where the same as JSON costs tens.
    Kept as sixteen files in a folder, by the first letter of the name (names are hex),
    so a rebuild after one edit writes a sixteenth of the records, not seven megabytes."""

    def __init__(self, folder: Path | None = None):
        self.folder = folder
        self._salt = code_digest().encode()
        self._stored: dict[bytes, bytes] = {}
        self._used: dict[bytes, bytes] = {}
        self._loaded: dict[bytes, set[bytes]] = {}  # by shard, the names read
        self._fresh: set[bytes] = set()  # shards with a record put
        shards = [(shard, folder / shard.decode()) for shard in _HEX] if folder is not None else []
        for shard, path in shards:
            try:
                lines = path.read_bytes().split(b"\n")
            except OSError:
                continue
            for line in lines:
                key, _, record = line.partition(b" ")
                if len(key) == 32 and key[:1] == shard and record.startswith(b"{"):
                    self._stored[key] = record
                    self._loaded.setdefault(shard, set()).add(key)

    def get(self, key: bytes) -> bytes | None:
        named = self._name(key)
        made = self._stored.get(named)
        if made is not None:
            self._used[named] = made
        return made

    def put(self, key: bytes, record: bytes) -> None:
        named = self._name(key)
        self._stored[named] = self._used[named] = record
        self._fresh.add(named[:1])

    def save(self) -> None:
        """Keep the records this build used, in the shards that changed; a record holds no
        newline (JSON escapes it)."""
        if self.folder is None:
            return
        used: dict[bytes, dict[bytes, bytes]] = {}
        for key, record in self._used.items():
            used.setdefault(key[:1], {})[key] = record
        for shard in _HEX:
            kept = used.get(shard, {})
            if shard in self._fresh or kept.keys() != self._loaded.get(shard, set()):
                path = self.folder / shard.decode()
                if kept:
                    atomic_write(path, b"\n".join(key + b" " + record for key, record in kept.items()))
                else:
                    path.unlink(missing_ok=True)
        self._loaded = {shard: set(kept) for shard, kept in used.items()}
        self._stored, self._used, self._fresh = self._used, {}, set()

    def _name(self, key: bytes) -> bytes:
        return hashlib.blake2b(self._salt + key, digest_size=16).hexdigest().encode()
