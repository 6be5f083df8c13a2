"""Time the two report pages on a database that bench/run.py's child has filled.

    DATABASE_URL=sqlite:////tmp/n1000.sqlite3 .venv/bin/python bench/report_pages.py

To compare two commits, fill one database per commit (bench/run.py --child FILES --pages
with DATABASE_URL set) and run this script against each in turn, alternating, with each
commit's code on PYTHONPATH. Prints the median seconds per page.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=21)
    parser.add_argument("--year", type=int, default=2019)
    parser.add_argument("--round", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opfolgning.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username="bench"))
    pages = {
        "agreement": f"/aftaler/{args.year}/opfolgning/{args.round}/",
        "committee": f"/aftaler/{args.year}/udvalg/oekonomiudvalget/opfolgning/{args.round}/",
    }
    for name, url in pages.items():
        assert client.get(url).status_code == 200  # warm-up
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            client.get(url)
            times.append(time.perf_counter() - start)
        print(f"{name} page: median {statistics.median(times):.4f} s of {args.repeat}")


if __name__ == "__main__":
    main()
