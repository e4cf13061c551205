"""The export route on a live server: only the facilitator key opens it; it says nothing else."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator

import pytest
from support.live_server import LiveServer, live_server
from support.seeding import Seeded, seed_session

from workshop.store import open_store


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with live_server(tmp_path_factory.mktemp("export-live")) as running:
        yield running


@pytest.fixture(scope="module")
def seeded(server: LiveServer) -> Seeded:
    with open_store(server.database_url) as store:
        return seed_session(store, 6)


def refusal(server: LiveServer, path: str) -> tuple[int, bytes, str]:
    response = server.get(path)
    return response.status, response.read(), response.getheader("content-type") or ""


def test_refuses_without_the_right_key_always_the_same_way(
    server: LiveServer, seeded: Seeded
) -> None:
    """No key, a wrong key, a near-miss key and an unknown session all get the same 403."""
    # The last character changed: never to itself (a key ending in "x" made this pass the key).
    near_miss = seeded.key[:-1] + ("y" if seeded.key.endswith("x") else "x")
    answers = {
        refusal(server, f"/export/{seeded.code}.json"),
        refusal(server, f"/export/{seeded.code}.json?key="),
        refusal(server, f"/export/{seeded.code}.json?key=wrong"),
        refusal(server, f"/export/{seeded.code}.json?key={near_miss}"),
        refusal(server, f"/export/ZZZZZZ.json?key={seeded.key}"),
        refusal(server, f"/export/{seeded.code}.xlsx?key=wrong"),
    }
    assert len(answers) == 1
    status, body, _ = answers.pop()
    assert status == 403 and body == b"Forbidden"


def test_serves_the_export_with_the_key(server: LiveServer, seeded: Seeded) -> None:
    """With the key: 200, the format's content type, an attachment name, no caching."""
    response = server.get(f"/export/{seeded.code}.json?key={seeded.key}")
    assert response.status == 200
    assert response.getheader("content-type") == "application/json"
    disposition = response.getheader("content-disposition") or ""
    assert disposition.startswith('attachment; filename="kick-off-kundenservice-sud-')
    assert response.getheader("cache-control") == "no-store"
    data = json.loads(response.read())
    assert data["source"]["code"] == seeded.code and len(data["participants"]) == 6


def test_individual_rows_only_when_asked_for(server: LiveServer, seeded: Seeded) -> None:
    """By default the route's JSON holds no per-person rows; ``individual=1`` adds them."""
    plain = json.loads(server.get(f"/export/{seeded.code}.json?key={seeded.key}").read())
    assert not plain["privacy"]["individual_rows"]
    assert all(not r["weights"]["ballots"] for r in plain["rounds"])
    rows = server.get(f"/export/{seeded.code}.json?individual=1&key={seeded.key}").read()
    full = json.loads(rows)
    assert full["privacy"]["individual_rows"]
    assert [len(r["weights"]["ballots"]) for r in full["rounds"]] == [6, 6]


def test_a_pasted_key_with_white_space_opens_like_in_the_console(
    server: LiveServer, seeded: Seeded
) -> None:
    """The route normalises the key the same way as the console (a copied line break)."""
    pasted = f"%20{seeded.key}%0A"
    assert server.get(f"/export/{seeded.code}.json?key={pasted}").status == 200
    assert server.get(f"/export/{seeded.code.lower()}.json?key={seeded.key}").status == 200


def test_key_in_a_header_and_english_headers(server: LiveServer, seeded: Seeded) -> None:
    """The key may come as X-Facilitator-Key; ?lang=en switches the spreadsheet's language."""
    import pandas as pd

    response = server.get(
        f"/export/{seeded.code}.xlsx?lang=en", headers={"X-Facilitator-Key": seeded.key}
    )
    assert response.status == 200
    sheets = pd.read_excel(io.BytesIO(response.read()), sheet_name=None)
    assert next(iter(sheets)) == "Summary"


def test_html_record_is_locked_down(server: LiveServer, seeded: Seeded) -> None:
    """The HTML record is sent as a download with a policy that forbids scripts."""
    response = server.get(f"/export/{seeded.code}.html?key={seeded.key}")
    assert response.status == 200
    assert "script-src" not in (policy := response.getheader("content-security-policy") or "")
    assert policy.startswith("default-src 'none'")
    assert response.getheader("x-content-type-options") == "nosniff"


def test_unknown_format_is_not_found(server: LiveServer, seeded: Seeded) -> None:
    """A format the registry does not know is a 404, key or not."""
    assert server.get(f"/export/{seeded.code}.docx?key={seeded.key}").status == 404
