from __future__ import annotations

from django.urls import path

from trienkhai.documents import views

app_name = "documents"

urlpatterns = [
    path("", views.register_list, name="list"),
    path("<int:pk>/", views.document_detail, name="detail"),
    path("<int:pk>/ban-hanh/", views.document_issue, name="issue"),
    path("<int:pk>/tai/<str:kind>/", views.document_file, name="file"),
    path("<int:pk>/ban-da-ky/", views.document_attach_signed, name="attach_signed"),
    path("so/<slug:code>/ghi-so/", views.record_external, name="record_external"),
    path("so/<slug:code>/so-tiep-theo/", views.set_next, name="set_next"),
    path("so/<slug:code>/bao-cao-tong-hop/", views.summary_create, name="summary_create"),
]
