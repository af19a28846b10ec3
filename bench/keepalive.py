"""A small HTTP/1.1 client with one kept-alive connection per phone, on asyncio streams.

A phone's browser keeps its connection to the server open between polls; tornado's simple
client opens a new one for every request, which loads the server (and the load generator) with
connection set-up a room never causes. Standard library only; loopback benchmarks only.
"""

from __future__ import annotations

import asyncio
import json as _json
from urllib.parse import urlsplit


class Answer:
    def __init__(self, code: int, headers: dict[str, str], body: bytes):
        self.code = code
        self.headers = headers
        self.body = body


class Connection:
    """One phone's connection to one server (`base`: http://host:port); reconnects when closed."""

    def __init__(self, base: str, timeout: float = 30.0):
        parts = urlsplit(base)
        self.host, self.port = parts.hostname, parts.port or 80
        self.timeout = timeout
        self.reader = self.writer = None
        self.bytes = 0

    async def _open(self):
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)

    def close(self):
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None

    async def request(self, method: str, path: str, headers: dict | None = None, json=None) -> Answer:
        body = _json.dumps(json).encode() if json is not None else b""
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}", f"Content-Length: {len(body)}"]
        lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
        data = ("\r\n".join(lines) + "\r\n\r\n").encode() + body
        for attempt in (0, 1):  # a kept connection the server closed meanwhile: open a new one once
            if self.writer is None:
                await self._open()
            try:
                self.writer.write(data)
                return await asyncio.wait_for(self._answer(method), self.timeout)
            except (ConnectionError, asyncio.IncompleteReadError):
                self.close()
                if attempt:
                    raise
        raise ConnectionError("unreachable")

    async def _answer(self, method: str) -> Answer:
        status = await self.reader.readuntil(b"\r\n")
        code = int(status.split()[1])
        head = await self.reader.readuntil(b"\r\n\r\n")
        headers = {}
        for line in head.decode("latin-1").split("\r\n"):
            if ":" in line:
                k, v = line.split(":", 1)
                headers[k.strip().lower()] = v.strip()
        if code in (204, 304) or method == "HEAD":
            body = b""
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            body = b""
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                chunk = await self.reader.readexactly(size + 2)
                if size == 0:
                    break
                body += chunk[:-2]
        else:
            body = await self.reader.readexactly(int(headers.get("content-length", "0")))
        self.bytes += len(status) + len(head) + len(body)
        if headers.get("connection", "").lower() == "close":
            self.close()
        return Answer(code, headers, body)
