"""Just enough HTTP/1.1 for a phone's join: GET with cookies, the answer's status and cookies.

Plain asyncio streams, one connection per request (the load generator shares the cores with
the server it measures, so it has to be cheap; bench_joins.py measures the static files).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field


@dataclass
class Answer:
    """Status, the headers (names lower case, repeated ones kept) and the body's length."""

    status: int
    headers: list[tuple[str, str]] = field(default_factory=list)
    size: int = 0

    def header(self, name: str) -> str:
        """The first value of a header, or ''."""
        return next((v for k, v in self.headers if k == name), "")

    def cookies(self) -> dict[str, str]:
        """The cookies the answer sets (name → value)."""
        found = {}
        for name, value in self.headers:
            if name == "set-cookie":
                pair = value.split(";", 1)[0]
                key, _, cookie = pair.partition("=")
                found[key.strip()] = cookie.strip()
        return found


async def get(port: int, path: str, cookies: dict[str, str]) -> Answer:
    """One GET to 127.0.0.1:``port`` with the cookies, read to the end."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        cookie = "; ".join(f"{k}={v}" for k, v in cookies.items())
        request = (
            f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUser-Agent: bench-room\r\n"
            "Accept: text/html\r\nConnection: close\r\n"
            + (f"Cookie: {cookie}\r\n" if cookie else "")
            + "\r\n"
        )
        writer.write(request.encode("latin-1"))
        head = await reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        answer = Answer(int(lines[0].split()[1]))
        for line in lines[1:]:
            name, _, value = line.partition(":")
            if name:
                answer.headers.append((name.strip().lower(), value.strip()))
        answer.size = len(await reader.read())
        return answer
    finally:
        writer.close()
