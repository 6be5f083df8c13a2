"""Time each page of the load test in one process, with its query count (no server, no load).

    .venv/bin/python bench/load/profile_pages.py [--initiatives 200] [--database-url URL]

Builds the same world as run.py in a temporary SQLite file (or the given database, which is
used as it is: give a fresh one) and prints the median wall and CPU time (CPU time of this
process, which includes SQLite's work and is less disturbed by other load on the machine)
and the queries of each request.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--initiatives", type=int, default=200)
    parser.add_argument("--centers", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--database-url")
    parser.add_argument("--profile", help="cProfile this page name and print the top entries")
    parser.add_argument("--queries", help="print the SQL of the pages whose name holds this")
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="opfolgning-profile-")
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{tmp}/profile.sqlite3"
    os.environ.setdefault("DEBUG", "0")
    os.environ["OPFOLGNING_DATA_DIR"] = tmp
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opfolgning.settings")
    import django

    django.setup()
    from bench.load.pages import form_data, status_form_fields
    from bench.load.world import build_world
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    call_command("migrate", verbosity=0)
    plan = build_world(
        initiatives=args.initiatives, centers=args.centers, editors=2, readers=1, finance=1
    )
    editor, reader, officer = plan.editors[0], plan.readers[0], plan.finance[0]
    round_url = f"/aftaler/{plan.year}/opfolgning/{plan.open_round}/"
    form_url = f"{round_url}indberetning/"
    from opfolgning.agreements.models import Initiative

    # About 40 % of the initiatives have money: the status page shows their figures too.
    with_money = set(
        Initiative.objects.filter(number__in=editor.initiatives, no_money=False).values_list(
            "number", flat=True
        )
    )
    money_number = next(n for n in editor.initiatives if n in with_money)
    plain_number = next(n for n in editor.initiatives if n not in with_money)
    number = money_number
    counter = iter(range(1, 10**6))

    def save(economy: bool = False) -> object:
        number = money_number if economy else plain_number
        html = client.get(form_url + f"{number}/").text
        version, token = status_form_fields(html)
        data = form_data(html, "status-form")
        step = next(counter)
        data.update(
            {
                "version": str(version),
                "status_note": f"Profil {step}",
                "smiley": "happy",
                "corrective_action": "",
                "csrfmiddlewaretoken": token,
                "save": "1",
            }
        )
        if economy:
            data["okonomi-note"] = f"Økonomi {step}"
        return client.post(form_url + f"{number}/", data, HTTP_HX_REQUEST="true")

    def cookie(cookies: dict[str, str]) -> str:
        return "; ".join(f"{k}={v}" for k, v in cookies.items())

    rcookie, fcookie = cookie(reader.cookies), cookie(officer.cookies)
    client = Client(enforce_csrf_checks=True)
    pages = {"home page (baseline)": lambda: client.get("/")}
    pages["status form [GET]"] = lambda: client.get(form_url + f"{number}/")
    pages["save [POST] (with its form GET)"] = save
    pages["save [POST] with economy (with its form GET)"] = lambda: save(economy=True)
    pages["editor: list of what I owe"] = lambda: client.get(form_url)
    pages["editor: my work (/mine/)"] = lambda: client.get("/mine/")
    pages["landing: /start/ (editor)"] = lambda: client.get("/start/")
    for name, path in reader.paths.items():
        pages[name] = lambda path=path: Client().get(path, headers={"cookie": rcookie})
    pages["landing: /start/ (reader)"] = lambda: Client().get(
        "/start/", headers={"cookie": rcookie}
    )
    pages["finance: round board (styring/)"] = lambda: Client().get(
        f"{round_url}styring/", headers={"cookie": fcookie}
    )
    pages["finance: status page, review mode"] = lambda: Client().get(
        form_url + f"{officer.initiatives[0]}/", headers={"cookie": fcookie}
    )
    pages["landing: /start/ (finance)"] = lambda: Client().get(
        "/start/", headers={"cookie": fcookie}
    )
    pages["landing: /styring/ (finance)"] = lambda: Client().get(
        "/styring/", headers={"cookie": fcookie}
    )
    pages["public: overview (overblik/)"] = lambda: Client().get(f"/aftaler/{plan.year}/overblik/")
    pages["public: initiative page"] = lambda: Client().get(
        f"/aftaler/{plan.year}/indsatser/{number}/"
    )
    for k, v in editor.cookies.items():
        client.cookies[k] = v
    for name, fn in pages.items():
        response = fn()
        if response.status_code not in (200, 302):  # type: ignore[attr-defined]
            raise SystemExit(f"{name}: HTTP {response.status_code}")  # type: ignore[attr-defined]
        times, cpu = [], []
        for _ in range(args.repeat):
            start, start_cpu = time.perf_counter(), time.process_time()
            fn()
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        with CaptureQueriesContext(connection) as ctx:
            fn()
        print(
            f"{name:50} {statistics.median(times) * 1000:7.1f} ms wall "
            f"{statistics.median(cpu) * 1000:7.1f} ms CPU {len(ctx.captured_queries):4} queries"
        )
        if args.queries and args.queries in name:
            for query in ctx.captured_queries:
                print("   ", query["sql"][:160])
        if args.profile and args.profile in name:
            import cProfile
            import pstats

            prof = cProfile.Profile()
            for _ in range(int(os.environ.get("PROFILE_RUNS", "1"))):
                prof.runcall(fn)
            if os.environ.get("PROFILE_DUMP"):
                prof.dump_stats(os.environ["PROFILE_DUMP"])
            stats = pstats.Stats(prof).sort_stats(os.environ.get("PROFILE_SORT", "cumulative"))
            stats.print_stats(int(os.environ.get("PROFILE_LINES", "35")))
            if os.environ.get("PROFILE_CALLERS"):
                stats.print_callers(os.environ["PROFILE_CALLERS"])


if __name__ == "__main__":
    main()
