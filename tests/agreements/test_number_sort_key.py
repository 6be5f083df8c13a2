"""Initiative numbers of two and three levels sort as numbers (issue 17: "2.3.1")."""

from __future__ import annotations

from opfolgning.agreements.models import number_sort_key


def test_three_level_numbers_sort_as_numbers():
    numbers = ["2.10", "2.3.10", "10.1", "2.3", "2.3.2", "2.3.1", "1.11", "1.2", "2.4"]
    assert sorted(numbers, key=number_sort_key) == [
        "1.2",
        "1.11",
        "2.3",
        "2.3.1",
        "2.3.2",
        "2.3.10",
        "2.4",
        "2.10",
        "10.1",
    ]


def test_a_three_level_key_fits_the_column():
    assert len(number_sort_key("12.345.678")) <= 60


def test_three_level_numbers_have_their_own_anchors_and_url():
    from django.urls import reverse

    from opfolgning.exporters.html import anchor

    assert anchor("2.3.1") == "i-2-3-1"
    assert len({anchor(n) for n in ("2.3.1", "2.31", "23.1", "2.3")}) == 4
    url = reverse("web:public-initiative", kwargs={"year": 2024, "number": "2.3.1"})
    assert url.endswith("/indsatser/2.3.1/")
