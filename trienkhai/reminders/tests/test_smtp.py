"""Reminders really leave by SMTP: a server on 127.0.0.1 receives each one once."""

from __future__ import annotations

import socket
from datetime import date
from email import message_from_bytes
from email.header import decode_header, make_header
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.test import override_settings

from trienkhai.conftest import World
from trienkhai.reminders import engine
from trienkhai.reporting.tests.factories import quarterly, requests_for

pytestmark = pytest.mark.django_db


class _Inbox:
    def __init__(self) -> None:
        self.messages: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(message_from_bytes(envelope.content))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_reminders_are_delivered_by_a_real_smtp_server(world: World) -> None:
    world.reporter_a.email = "chibo.a@tanky.vn"
    world.reporter_a.save()
    reqs = requests_for(quarterly(world.commune))
    req = reqs["tk-cb-a"]
    req.due = date(2026, 9, 15)
    req.save()
    inbox = _Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=port,
            EMAIL_USE_TLS=False,
            EMAIL_USE_SSL=False,
            EMAIL_HOST_USER="",
            EMAIL_HOST_PASSWORD="",
        ):
            engine.send(engine.due_messages(date(2026, 9, 15)))
            engine.send(engine.due_messages(date(2026, 9, 15)))  # twice: still one e-mail
    finally:
        controller.stop()
    assert len(inbox.messages) == 1
    message = inbox.messages[0]
    assert message["To"] == "chibo.a@tanky.vn"
    assert str(make_header(decode_header(message["Subject"]))) == "Nhắc việc: Chi bộ thôn A"
    body = message.get_payload(decode=True).decode(message.get_content_charset() or "utf-8")
    assert "hạn 15/09/2026, đến hạn hôm nay" in body and f"/r/b{req.pk}" in body
