from django.contrib import admin
from django.urls import include, path

from opfolgning.web.language_views import language_set

urlpatterns = [
    # Django's language switch (django.conf.urls.i18n), which also stores a signed-in
    # user's choice on their profile.
    path("i18n/setlang/", language_set, name="set_language"),
    path("admin/", admin.site.urls),
    path("konto/", include("opfolgning.accounts.urls")),
    path("api/", include("opfolgning.api.urls")),
    path("", include("opfolgning.web.urls")),
]
