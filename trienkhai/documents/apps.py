from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "trienkhai.documents"
    label = "documents"
    verbose_name = _("Văn bản")

    def ready(self) -> None:
        from trienkhai.core.audit import register_audited
        from trienkhai.documents.models import (
            CommitteeTerm,
            OfficialDocument,
            RegisterCounter,
            SigningPost,
        )

        register_audited(CommitteeTerm, RegisterCounter, SigningPost)
        # The content is large JSON; its changes are summed up by the service's entry.
        register_audited(OfficialDocument, exclude=["content"])
        # The built-in summary providers register themselves on import.
        from trienkhai.documents import summary  # noqa: F401
