from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("konto/", include("opfolgning.accounts.urls")),
    path("api/", include("opfolgning.api.urls")),
    path("", include("opfolgning.web.urls")),
]
