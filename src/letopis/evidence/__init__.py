"""Evidence: the content-addressed object store, the custody log and verification.

Knows about bytes, captures and sources, never about incidents.
"""

from letopis.evidence.capture import record_capture, store_artefacts
from letopis.evidence.custody import append_event, verify_log
from letopis.evidence.problems import Problem
from letopis.evidence.store import (
    Codec,
    CorruptObject,
    Naming,
    ObjectStore,
    PlainCodec,
    PlainNaming,
    PutBatch,
    PutResult,
)
from letopis.evidence.verify import recover_store, verify_store

__all__ = [
    "ObjectStore", "PutBatch", "PutResult", "CorruptObject", "Naming", "PlainNaming", "Codec", "PlainCodec",
    "store_artefacts", "record_capture",
    "append_event", "verify_log", "Problem", "recover_store", "verify_store",
]
