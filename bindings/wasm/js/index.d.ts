// Types of the vivamo-validate package (SPEC §13). Every function returns a plain
// object and never throws: an argument of the wrong type, or an option value the
// package does not know, gives an invalid result whose error has the code
// `wrong_type` (and, for options and `field`, the detail `invalid_option`).

/** The API environment whose rules apply (the CLI's `--environment`). */
export type Environment = 'production' | 'sandbox';

/** The US state codes accepted under the US rules (the CLI's `--states`). */
export type StateSet = 'states' | 'states-dc' | 'states-dc-territories' | 'all';

/** The options of every function that takes some; each reads those that apply to it. */
export interface Options {
  /** `production` (default): disposable domains and `+` tags are errors; `sandbox`: warnings. */
  environment?: Environment | null;
  /** Which US states `state` accepts (default `all`). */
  states?: StateSet | null;
  /** Reject `fixed_line_or_mobile` numbers (most +1 numbers) as not mobile. */
  rejectFixedLineOrMobile?: boolean | null;
  /** Report record members the API does not know as `unknown_field` (validateRecord). */
  reportUnknownFields?: boolean | null;
  /** Extra disposable email domains (and their subdomains). */
  blockDomains?: readonly string[] | null;
  /** Email domains never counted as disposable. */
  allowDomains?: readonly string[] | null;
}

/** The options of `validateState` and `validateZip`: also the record's `country`. */
export interface AddressOptions extends Options {
  /** The record's country: absent, blank or `US`-like selects the US rules. */
  country?: string | null;
}

/** The stable error codes (SPEC §9). */
export type ErrorCode =
  | 'required'
  | 'wrong_type'
  | 'unknown_field'
  | 'malformed_json'
  | 'email_invalid'
  | 'email_disposable'
  | 'email_plus_suffix'
  | 'phone_invalid_format'
  | 'phone_missing_country_code'
  | 'phone_invalid'
  | 'phone_not_mobile'
  | 'country_invalid'
  | 'state_invalid'
  | 'zip_invalid'
  | 'text_invalid_characters'
  | 'text_too_long'
  | 'text_no_letters'
  | 'external_id_invalid'
  | 'kyc_type_unknown'
  | 'kyc_status_unknown'
  | 'timestamp_invalid'
  | 'too_many_errors'
  | 'duplicate_external_id'
  | 'duplicate_email';

/** A phone number's line type (libphonenumber's). */
export type LineType =
  | 'mobile'
  | 'fixed_line_or_mobile'
  | 'fixed_line'
  | 'voip'
  | 'toll_free'
  | 'premium_rate'
  | 'shared_cost'
  | 'personal_number'
  | 'pager'
  | 'uan'
  | 'voicemail';

/** One error of a record, or one warning of a record or field. */
export interface Issue {
  /** Where: `data.email`, `kycVerifications[0].status`, `""` for the record itself. */
  path: string;
  code: ErrorCode;
  /** Lowercase, never quoting the input. */
  message: string;
  /** A finer, stable snake_case reason (`missing_at`, `toll_free`, `invalid_option`). */
  detail?: string;
  /** A corrected value (`US` for `USA`). */
  suggestion?: string;
}

/** A sandbox warning: what production would have rejected. */
export interface Warning extends Issue {
  code: 'email_disposable' | 'email_plus_suffix';
}

/** A field's error. */
export interface FieldError {
  code: ErrorCode;
  message: string;
  detail?: string;
  suggestion?: string;
  /** The sentence the API itself answers with, where it documents one. */
  apiMessage?: string;
}

/** A valid field: its normalized `value` and the field's facts. */
export type ValidField<Facts = {}> = { valid: true; value: string; warnings?: Warning[] } & Facts;

/** An invalid field. */
export interface InvalidField {
  valid: false;
  error: FieldError;
  warnings?: Warning[];
}

/** A field's result. */
export type FieldResult<Facts = {}> = ValidField<Facts> | InvalidField;

export interface EmailFacts {
  /** The address with its domain in ASCII (A-label) form. */
  ascii: string;
  /** Whether sending to it needs SMTPUTF8 (a non-ASCII local part). */
  needsSmtputf8: boolean;
}

export interface PhoneFacts {
  /** E.164, the same as `value`. */
  e164: string;
  /** The libphonenumber region (`US`, `GB`, `001` for non-geographic numbers). */
  region: string;
  lineType: LineType;
  /** Whether `+1` was prepended to a 10-digit number. */
  usPrefixAdded: boolean;
}

export interface ExternalCustomerIdFacts {
  /** The percent-encoded `/v1/customers/{id}` path. */
  apiPath: string;
}

export type EmailResult = FieldResult<EmailFacts>;
export type PhoneResult = FieldResult<PhoneFacts>;
export type ExternalCustomerIdResult = FieldResult<ExternalCustomerIdFacts>;

export type KycStatus =
  | 'pending'
  | 'verified'
  | 'under_review'
  | 'rejected'
  | 'expired'
  | 'verified_manually'
  | 'rejected_manually';

export interface KycVerification {
  type: 'proof_of_id';
  status: KycStatus;
  /** UTC, `YYYY-MM-DDTHH:MM:SS.sssZ`. */
  createdAt: string;
}

/** The normalized customer data: absent fields are omitted. */
export interface CustomerData {
  email: string;
  phone?: string;
  firstName?: string;
  lastName?: string;
  street?: string;
  street2?: string;
  state?: string;
  city?: string;
  zip?: string;
  country?: string;
}

/** The normalized record, in the API's shape. */
export interface Customer {
  externalCustomerId: string;
  verifyAfterCreation?: boolean;
  data: CustomerData;
  kycVerifications?: KycVerification[];
  createdAt?: string;
}

/** A record's result: one `--output jsonl` line of the CLI without `record`. */
export type RecordResult =
  | { valid: true; customer: Customer; warnings?: Warning[] }
  | { valid: false; errors: Issue[]; warnings?: Warning[] };

/** The text fields `validateText` knows. */
export type TextField = 'firstName' | 'lastName' | 'street' | 'street2' | 'city' | 'state';

export interface Versions {
  /** The version of this package and of the Rust library it is built from. */
  crate: string;
  /** The libphonenumber release whose metadata decides phone validity and line types. */
  libphonenumber: string;
  /** The disposable-email-domains release of the bundled list. */
  disposableEmailDomains: string;
}

/** A record as JSON text (the API's create or response shape). */
export function validateRecord(json: string, options?: Options | null): RecordResult;
export function validateEmail(value: string, options?: Options | null): EmailResult;
export function validatePhone(value: string, options?: Options | null): PhoneResult;
export function validateCountry(value: string): FieldResult;
/** `state` under the US rules, or as free text when `options.country` is another country. */
export function validateState(value: string, options?: AddressOptions | null): FieldResult;
/** `zip` under the US rules, or the international ones when `options.country` is another country. */
export function validateZip(value: string, options?: AddressOptions | null): FieldResult;
/** A text field; without `field`, general text (the street limits). */
export function validateText(value: string, field?: TextField | null): FieldResult;
export function validateExternalCustomerId(value: string): ExternalCustomerIdResult;
/** An RFC 3339 timestamp, normalized to UTC milliseconds. */
export function validateTimestamp(value: string): FieldResult;
export function versions(): Versions;
