"""Fixtures for the page tests."""

import pytest


@pytest.fixture
def officer_client(client, django_user_model):
    """A client signed in as a finance officer, who may read every report in any state.

    The report tests are about the report, not who may read it (tests/test_permission_matrix.py
    covers that); imported rounds are closed, not published, so citizens could not read them.
    """
    officer = django_user_model.objects.create_superuser("okonomi-rapport", "o@kommune.example")
    client.force_login(officer)
    return client
