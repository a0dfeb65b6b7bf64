"""Testimonies: first-hand accounts with consent, encrypted, withdrawable by crypto-shredding.

See ``docs/encryption.md`` (what is encrypted how) and ``docs/threat-model.md``.
"""

from letopis.testimony.records import (
    AccessDenied,
    ConsentEnded,
    FileText,
    RedactedRecord,
    Testimony,
    TestimonyError,
    TestimonyExists,
    TestimonyFileInfo,
    TestimonyInfo,
    TestimonyNotFound,
    TestimonyWithdrawn,
    WithdrawResult,
    WitnessIdentity,
    redact_record,
)
from letopis.testimony.service import (
    PUBLIC_ROLE,
    account_to_reread,
    add_testimony,
    content_grants,
    get_info,
    grant,
    list_testimonies,
    open_testimony_file,
    read_testimony,
    read_witness,
    revoke,
    withdraw,
)

__all__ = [
    "AccessDenied", "ConsentEnded", "FileText", "RedactedRecord", "Testimony", "TestimonyError", "TestimonyFileInfo",
    "TestimonyInfo", "TestimonyExists", "TestimonyNotFound", "TestimonyWithdrawn", "WithdrawResult", "WitnessIdentity",
    "redact_record", "PUBLIC_ROLE", "account_to_reread", "add_testimony", "content_grants", "get_info", "grant",
    "list_testimonies", "open_testimony_file", "read_testimony", "read_witness", "revoke", "withdraw",
]
