"""Reporting pages, included at ``/bao-cao/`` (namespace "reporting")."""

from __future__ import annotations

from django.urls import path

from trienkhai.reporting.views import board, office, queue, request, summary

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
    path("<int:pk>/so-lieu/", request.refresh, name="refresh"),
    path("<int:pk>/tep/", request.attach, name="attach"),
    path("<int:pk>/tep/<int:attachment>/xoa/", request.detach, name="detach"),
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
    # The office's summary report: draft, trình ký, the leader's decision, issue.
    path("tong-hop/", summary.summary_list, name="summaries"),
    path("tong-hop/lap/", summary.summary_create, name="summary_create"),
    path("tong-hop/<int:pk>/", summary.summary_detail, name="summary"),
    path("tong-hop/<int:pk>/luu/", summary.summary_save, name="summary_save"),
    path("tong-hop/<int:pk>/cap-nhat/", summary.summary_refresh, name="summary_refresh"),
    path("tong-hop/<int:pk>/trinh-ky/", summary.summary_submit, name="summary_submit"),
    path("tong-hop/<int:pk>/tra-lai/", summary.summary_return, name="summary_return"),
    path("tong-hop/<int:pk>/duyet/", summary.summary_approve, name="summary_approve"),
    path("tong-hop/<int:pk>/ban-hanh/", summary.summary_issue, name="summary_issue"),
    path("tong-hop/<int:pk>/tai/<str:kind>/", summary.summary_file, name="summary_file"),
]
