from __future__ import annotations

from django.urls import include, path

from trienkhai.media.views import entry as views_entry
from trienkhai.media.views import items as views_items
from trienkhai.media.views import overview as views

app_name = "media"

# Routes grouped by what they act on: the overview, news items, tallies, banners, channels.
urlpatterns = [
    path("", views.overview, name="overview"),
    path("in/", views.overview_print, name="print"),
    path("tong-hop.xlsx", views.overview_xlsx, name="overview_xlsx"),
    path("chu-de/", views.topics, name="topics"),
    path("quy-dinh/<int:plan_pk>/", views.rule_settings, name="rules"),
    path("tuan-khong-tinh/<int:pk>/xoa/", views.exempt_delete, name="exempt_delete"),
    path("tin-bai.xlsx", views_items.item_list_xlsx, name="items_xlsx"),
    path(
        "tin-bai/",
        include(
            [
                path("", views_items.item_list, name="items"),
                path("in/", views_items.item_list_print, name="items_print"),
                path("them/", views_items.item_add, name="item_add"),
                path(
                    "<int:pk>/",
                    include(
                        [
                            path("", views_items.item_detail, name="item"),
                            path("sua/", views_items.item_edit, name="item_edit"),
                            path("xoa/", views_items.item_delete, name="item_delete"),
                        ]
                    ),
                ),
            ]
        ),
    ),
    path("so-luong/", views_entry.tallies, name="tallies"),
    path(
        "bang-ron/",
        include(
            [
                path("", views_entry.banner_list, name="banners"),
                path("them/", views_entry.banner_add, name="banner_add"),
                path("<int:pk>/sua/", views_entry.banner_edit, name="banner_edit"),
                path("<int:pk>/xoa/", views_entry.banner_delete, name="banner_delete"),
            ]
        ),
    ),
    path("kenh/", views_entry.channel_list, name="channels"),
    path("kenh/<int:pk>/bat-tat/", views_entry.channel_toggle, name="channel_toggle"),
    path("nhap-excel/", views_items.import_view, name="import"),
    path("nhap-excel/mau.xlsx", views_items.import_template, name="import_template"),
]
