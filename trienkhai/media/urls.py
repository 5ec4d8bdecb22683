from __future__ import annotations

from django.urls import include, path

from trienkhai.media.views import entry as views_entry
from trienkhai.media.views import items as views_items
from trienkhai.media.views import overview as views
from trienkhai.media.views.page import entry_delete

app_name = "media"

# Routes grouped by what they act on: the overview, news items, tallies, banners, channels.
urlpatterns = [
    path("", views.overview, name="overview"),
    *views.OVERVIEW.urls(print_view=("in/", "print"), xlsx=("tong-hop.xlsx", "overview_xlsx")),
    path("chu-de/", views.topics, name="topics"),
    path("quy-dinh/<int:plan_pk>/", views.rule_settings, name="rules"),
    path("tuan-khong-tinh/<int:pk>/xoa/", views.exempt_delete, name="exempt_delete"),
    *views_items.ITEMS.urls(
        page=("tin-bai/", "items"),
        print_view=("tin-bai/in/", "items_print"),
        xlsx=("tin-bai.xlsx", "items_xlsx"),
    ),
    path(
        "tin-bai/",
        include(
            [
                path("them/", views_items.item_form, name="item_add"),
                path(
                    "<int:pk>/",
                    include(
                        [
                            path("", views_items.item_detail, name="item"),
                            path("sua/", views_items.item_form, name="item_edit"),
                            path("xoa/", entry_delete, {"entry": "item"}, name="item_delete"),
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
                path("them/", views_entry.banner_form, name="banner_add"),
                path("<int:pk>/sua/", views_entry.banner_form, name="banner_edit"),
                path("<int:pk>/xoa/", entry_delete, {"entry": "banner"}, name="banner_delete"),
            ]
        ),
    ),
    path("kenh/", views_entry.channel_list, name="channels"),
    path("kenh/<int:pk>/bat-tat/", views_entry.channel_toggle, name="channel_toggle"),
    path("nhap-excel/", views_items.import_view, name="import"),
    path("nhap-excel/mau.xlsx", views_items.import_template, name="import_template"),
]
