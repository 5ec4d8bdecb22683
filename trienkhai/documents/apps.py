from __future__ import annotations

from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "trienkhai.documents"
    label = "documents"
    verbose_name = "Văn bản"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from trienkhai.documents.models import CommitteeTerm, OfficialDocument, RegisterCounter

        auditlog.register(CommitteeTerm)
        auditlog.register(RegisterCounter)
        # The content is large JSON; its changes are summed up by the service's entry.
        auditlog.register(OfficialDocument, exclude_fields=["content"])
        # The built-in summary providers register themselves on import.
        from trienkhai.documents import summary  # noqa: F401
