"""Validate customer records exactly like the Vivamo customer API.

Every rule lives in the Rust library ``vivamo-validate``; this package only
converts: JSON strings and Python strings in, the library's result objects out
as dicts, and Arrow tables in and out (``validate_table``).
"""

from ._native import (
    __version__,
    validate_country,
    validate_email,
    validate_external_customer_id,
    validate_phone,
    validate_record,
    validate_state,
    validate_table,
    validate_text,
    validate_timestamp,
    validate_zip,
    versions,
)

__all__ = [
    "__version__",
    "validate_country",
    "validate_email",
    "validate_external_customer_id",
    "validate_phone",
    "validate_record",
    "validate_state",
    "validate_table",
    "validate_text",
    "validate_timestamp",
    "validate_zip",
    "versions",
]
