"""The project's URLs plus the public pages, until config/urls.py includes them itself.

Used by the public page tests with ``pytest.mark.urls``.
"""

from __future__ import annotations

import pytest
from django.urls import include, path, reverse

from config.urls import urlpatterns as project_urlpatterns

urlpatterns = list(project_urlpatterns)
if not any(getattr(p, "namespace", None) == "public" for p in project_urlpatterns):
    # Before the catch-all home page, as the project will list it.
    urlpatterns.insert(0, path("cong-khai/", include("trienkhai.dashboard.public_urls")))


@pytest.mark.urls(__name__)
def test_public_addresses() -> None:
    assert reverse("public:page", args=["tan-ky"]) == "/cong-khai/tan-ky/"
    assert reverse("public:poster", args=["tan-ky"]) == "/cong-khai/tan-ky/ap-phich/"
    assert reverse("public:qr", args=["tan-ky"]) == "/cong-khai/tan-ky/qr.svg"
