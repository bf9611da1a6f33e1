"""Type stubs of the extension module (see the package README for the objects)."""

from collections.abc import Sequence
from typing import Any, Literal, Optional, Protocol, TypedDict, Union

import pyarrow

__version__: str

Environment = Literal["production", "sandbox"]
StateSet = Literal["states", "states_and_dc", "states_dc_and_territories", "all"]
TextFieldName = Literal["firstName", "lastName", "street", "street2", "state", "city", "text"]

class Issue(TypedDict, total=False):
    """An error or warning with its path (``detail``/``suggestion`` only when set)."""

    path: str
    code: str
    message: str
    detail: str
    suggestion: str

class FieldError(TypedDict, total=False):
    """A field's error; ``apiMessage`` is the API's own sentence, when it has one."""

    code: str
    message: str
    detail: str
    suggestion: str
    apiMessage: str

class RecordResult(TypedDict, total=False):
    """``{"valid": True, "customer": {...}}`` or ``{"valid": False, "errors": [...]}``,
    with ``warnings`` when there are any: one ``--output jsonl`` line without ``record``."""

    valid: bool
    customer: dict[str, Any]
    errors: list[Issue]
    warnings: list[Issue]

class FieldResult(TypedDict, total=False):
    """``{"valid": True, "value": ..., facts...}`` or ``{"valid": False, "error": {...}}``.

    Facts: a phone's ``e164``, ``region``, ``lineType``, ``usPrefixAdded``; an email's
    ``ascii``, ``needsSmtputf8``; an external id's ``apiPath``."""

    valid: bool
    value: str
    error: FieldError
    warnings: list[Issue]
    e164: str
    region: str
    lineType: str
    usPrefixAdded: bool
    ascii: str
    needsSmtputf8: bool
    apiPath: str

class ArrowStreamExportable(Protocol):
    def __arrow_c_stream__(self, requested_schema: object = None) -> object: ...

class ArrowArrayExportable(Protocol):
    def __arrow_c_array__(self, requested_schema: object = None) -> tuple[object, object]: ...

def validate_record(
    json: Union[str, bytes],
    *,
    environment: Environment = "production",
    states: StateSet = "all",
    reject_fixed_line_or_mobile: bool = False,
    report_unknown_fields: bool = False,
    blocked_domains: Optional[Sequence[str]] = None,
    allowed_domains: Optional[Sequence[str]] = None,
) -> RecordResult: ...
def validate_table(
    table: Union[ArrowStreamExportable, ArrowArrayExportable],
    *,
    environment: Environment = "production",
    states: StateSet = "all",
    reject_fixed_line_or_mobile: bool = False,
    report_unknown_fields: bool = False,
    blocked_domains: Optional[Sequence[str]] = None,
    allowed_domains: Optional[Sequence[str]] = None,
    check_duplicates: bool = True,
    threads: Optional[int] = None,
) -> pyarrow.Table: ...
def validate_email(
    value: str,
    *,
    environment: Environment = "production",
    blocked_domains: Optional[Sequence[str]] = None,
    allowed_domains: Optional[Sequence[str]] = None,
) -> FieldResult: ...
def validate_phone(value: str, *, reject_fixed_line_or_mobile: bool = False) -> FieldResult: ...
def validate_country(value: str) -> FieldResult: ...
def validate_state(value: str, country: Optional[str] = None, *, states: StateSet = "all") -> FieldResult: ...
def validate_zip(value: str, country: Optional[str] = None) -> FieldResult: ...
def validate_text(value: str, field: TextFieldName = "firstName") -> FieldResult: ...
def validate_external_customer_id(value: str) -> FieldResult: ...
def validate_timestamp(value: str) -> FieldResult: ...
def versions() -> dict[str, str]:
    """``vivamo_validate`` (this package), ``libphonenumber`` (the phone metadata),
    ``disposable_domains`` (the bundled list)."""
