"""Seed a demo session in the app's database and print the links to open it (used by make demo)."""

from __future__ import annotations

import os
import sys

from workshop.packs import default_pack
from workshop.store import SessionSettings, open_store
from workshop.web.addresses import join_base, join_url
from workshop.web.demo import seed_demo


def main() -> None:
    """Create the demo session and print the console, wall and join links."""
    language = sys.argv[1] if len(sys.argv) > 1 else "de"
    port = int(os.environ.get("PORT", "8501"))
    settings = SessionSettings(vote_mode="dots", role_groups=("Service", "Vertrieb", "IT"))
    with open_store() as store:
        created = seed_demo(store, default_pack(), settings, language=language)
        # "Try the wall alone": the wall opens on the revealed results, not on a welcome page.
        store.set_phase(created.code, created.facilitator_key, "results")
        store.set_revealed(created.code, created.facilitator_key, True)
    base = join_base(os.environ.get("WORKSHOP_PUBLIC_URL"), None, port)
    local = f"http://localhost:{port}"
    print("Demo session ready (twelve simulated participants, results revealed):")
    console = f"{local}/facilitate?code={created.code}&key={created.facilitator_key}"
    print(f"  console (keep private): {console}")
    print(f"  projector wall:         {local}/wall?code={created.code}")
    print(f"  phones join at:         {join_url(base, created.code)}")


if __name__ == "__main__":
    main()
