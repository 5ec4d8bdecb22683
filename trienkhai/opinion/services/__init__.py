"""Every change of the opinion log, the rebuttals and the good practices.

An opinion report: recorded by its unit (new) → taken up by the office with how it is being
handled (handling) → answered, with who gave the answer and when (answered); an answer found
wanting is reopened with the reason. A good practice: proposed by its unit → recognised or
not by the office → its public version published on the public page, or taken down. Each
step runs under a row lock and checks the version the editor read, guards the state, keeps a
trail, and writes the audit log. A form's entry token makes a second press of "Lưu" find the
first save instead of making a copy.
"""

from trienkhai.opinion.services.common import EVIDENCE_KINDS, Upload
from trienkhai.opinion.services.practices import (
    PracticeInput,
    can_edit_practice,
    practice_propose,
    practice_publish,
    practice_review,
    practice_unpublish,
    practice_update,
)
from trienkhai.opinion.services.rebuttals import (
    RebuttalInput,
    rebuttal_record,
    rebuttal_remove,
    rebuttal_update,
)
from trienkhai.opinion.services.reports import (
    OpinionInput,
    can_correct,
    opinion_answer,
    opinion_record,
    opinion_reopen,
    opinion_take_up,
    opinion_update,
)

__all__ = [
    "EVIDENCE_KINDS",
    "OpinionInput",
    "PracticeInput",
    "RebuttalInput",
    "Upload",
    "can_correct",
    "can_edit_practice",
    "opinion_answer",
    "opinion_record",
    "opinion_reopen",
    "opinion_take_up",
    "opinion_update",
    "practice_propose",
    "practice_publish",
    "practice_review",
    "practice_unpublish",
    "practice_update",
    "rebuttal_record",
    "rebuttal_remove",
    "rebuttal_update",
]
