from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from trienkhai.accounts.views import audit as audit_views
from trienkhai.api.api import api
from trienkhai.core import views as core_views
from trienkhai.dashboard.views import home as home_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("readyz", core_views.readyz, name="readyz"),
    path("favicon.ico", core_views.favicon),
    path("quan-tri/", admin.site.urls),
    path("tai-khoan/", include("trienkhai.accounts.urls")),
    path("tep/", include("trienkhai.core.urls")),
    path("don-vi/", include("trienkhai.accounts.unit_urls")),
    path("ke-hoach/", include("trienkhai.plans.urls")),
    path("nhiem-vu/", include("trienkhai.tasks.urls")),
    path("so-lieu/tien-do/", include("trienkhai.monitoring.progress_urls")),
    path("so-lieu/", include("trienkhai.monitoring.urls")),
    path("quan-triet/", include("trienkhai.dissemination.urls")),
    path("tuyen-truyen/", include("trienkhai.media.urls")),
    path("van-ban/", include("trienkhai.documents.urls")),
    path("bao-cao/", include("trienkhai.reporting.urls")),
    path("kiem-tra/", include("trienkhai.inspections.urls")),
    path("du-luan/", include("trienkhai.opinion.urls")),
    path("mo-hinh-hay/", include("trienkhai.opinion.practice_urls")),
    path("thi-dua/", include("trienkhai.emulation.urls")),
    path("r/", include("trienkhai.reminders.urls")),
    path("thong-bao/", include("trienkhai.reminders.notify_urls")),
    path("nhac-viec/", include("trienkhai.reminders.office_urls")),
    path("api/v1/", api.urls),
    path("tong-quan/bieu-do/", include("trienkhai.dashboard.chart_urls")),
    path("tong-quan/", include("trienkhai.dashboard.leader_urls")),
    path("viec-hom-nay/", include("trienkhai.dashboard.office_urls")),
    path("cac-xa/", include("trienkhai.dashboard.urls")),
    path("cong-khai/", include("trienkhai.dashboard.public_urls")),
    path("nhat-ky/", audit_views.audit_log, name="audit_log"),
    path("", home_views.home, name="home"),
]

handler403 = "trienkhai.core.views.error_403"
handler404 = "trienkhai.core.views.error_404"
handler500 = "trienkhai.core.views.error_500"
