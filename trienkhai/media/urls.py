from __future__ import annotations

from django.urls import path

from trienkhai.media.views import entry as views_entry
from trienkhai.media.views import items as views_items
from trienkhai.media.views import overview as views

app_name = "media"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("in/", views.overview_print, name="print"),
    path("tong-hop.xlsx", views.overview_xlsx, name="overview_xlsx"),
    path("chu-de/", views.topics, name="topics"),
    path("quy-dinh/<int:plan_pk>/", views.rule_settings, name="rules"),
    path("tuan-khong-tinh/<int:pk>/xoa/", views.exempt_delete, name="exempt_delete"),
    path("tin-bai/", views_items.item_list, name="items"),
    path("tin-bai.xlsx", views_items.item_list_xlsx, name="items_xlsx"),
    path("tin-bai/in/", views_items.item_list_print, name="items_print"),
    path("tin-bai/them/", views_items.item_add, name="item_add"),
    path("tin-bai/<int:pk>/", views_items.item_detail, name="item"),
    path("tin-bai/<int:pk>/sua/", views_items.item_edit, name="item_edit"),
    path("tin-bai/<int:pk>/xoa/", views_items.item_delete, name="item_delete"),
    path("so-luong/", views_entry.tallies, name="tallies"),
    path("bang-ron/", views_entry.banner_list, name="banners"),
    path("bang-ron/them/", views_entry.banner_add, name="banner_add"),
    path("bang-ron/<int:pk>/sua/", views_entry.banner_edit, name="banner_edit"),
    path("bang-ron/<int:pk>/xoa/", views_entry.banner_delete, name="banner_delete"),
    path("kenh/", views_entry.channel_list, name="channels"),
    path("kenh/<int:pk>/bat-tat/", views_entry.channel_toggle, name="channel_toggle"),
    path("nhap-excel/", views_items.import_view, name="import"),
    path("nhap-excel/mau.xlsx", views_items.import_template, name="import_template"),
]
