from __future__ import annotations

from django.urls import path

from trienkhai.documents import views

app_name = "documents"

# The register's forms: one view, told which form by the pattern (views.RegisterAction).
_REGISTER_FORMS = (
    ("ghi-so/", "record_external", views.RECORD_EXTERNAL),
    ("so-tiep-theo/", "set_next", views.SET_NEXT),
    ("bao-cao-tong-hop/", "summary_create", views.SUMMARY_CREATE),
)

urlpatterns = [
    path("", views.register_list, name="list"),
    path("<int:pk>/", views.document_detail, name="detail"),
    path("<int:pk>/ban-hanh/", views.document_issue, name="issue"),
    path("<int:pk>/tai/<str:kind>/", views.document_file, name="file"),
    path("<int:pk>/ban-da-ky/", views.document_attach_signed, name="attach_signed"),
    *(
        path(f"so/<slug:code>/{route}", views.register_form, {"action": action}, name=name)
        for route, name, action in _REGISTER_FORMS
    ),
]
