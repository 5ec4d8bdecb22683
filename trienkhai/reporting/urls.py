"""Reporting pages, included at ``/bao-cao/`` (namespace "reporting")."""

from __future__ import annotations

from django.urls import path

from trienkhai.reporting.views import board, office, queue, request

app_name = "reporting"

urlpatterns = [
    # The unit: its reports, phone first; one report with its timeline and actions.
    path("", queue.mine, name="mine"),
    path("<int:pk>/", request.detail, name="request"),
    path("<int:pk>/gui/", request.submit, name="submit"),
    path("<int:pk>/tra-lai/", request.return_, name="return"),
    path("<int:pk>/duyet/", request.accept, name="accept"),
    path("<int:pk>/mo-lai/", request.reopen, name="reopen"),
    path("<int:pk>/gia-han/", request.extend, name="extend"),
    # The reviewer (Ban Xây dựng Đảng): submitted reports waiting.
    path("cho-duyet/", queue.review, name="queue"),
    # The office: who is late, the rates, a unit's history, schedules and holidays.
    *board.BOARD.urls(
        page=("cham-nop/", "board"),
        xlsx=("cham-nop/xuat.xlsx", "board_xlsx"),
        print_view=("cham-nop/in/", "board_print"),
    ),
    path("ti-le/", board.rates, name="rates"),
    path("don-vi/<slug:code>/", board.history, name="history"),
    path("lich/", office.schedule_list, name="schedules"),
    path("lich/them/", office.schedule_edit, name="schedule_add"),
    path("lich/<int:pk>/", office.schedule_edit, name="schedule_edit"),
    path("ngay-nghi/", office.holidays, name="holidays"),
]
