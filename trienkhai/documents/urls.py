from __future__ import annotations

from django.urls import include, path

from trienkhai.documents import views

app_name = "documents"

# The register's forms: one view, told which form by the pattern (views.RegisterAction).
_REGISTER_FORMS = (
    ("ghi-so/", "record_external", views.RECORD_EXTERNAL),
    ("so-tiep-theo/", "set_next", views.SET_NEXT),
    ("nguoi-ky/", "signing_post_create", views.SIGNING_POST_CREATE),
)

# Routes grouped by what they act on: a document, a register.
urlpatterns = [
    path("", views.register_list, name="list"),
    path(
        "<int:pk>/",
        include(
            [
                path("", views.document_detail, name="detail"),
                path("ban-hanh/", views.document_issue, name="issue"),
                path("tai/<str:kind>/", views.document_file, name="file"),
                path("ban-da-ky/", views.document_attach_signed, name="attach_signed"),
            ]
        ),
    ),
    *(
        path(f"so/<slug:code>/{route}", views.register_form, {"action": action}, name=name)
        for route, name, action in _REGISTER_FORMS
    ),
    path(
        "so/<slug:code>/nguoi-ky/<int:pk>/thoi-ky/",
        views.signing_post_end,
        name="signing_post_end",
    ),
]
