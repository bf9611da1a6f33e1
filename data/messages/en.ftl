# vivamo-validate: messages for people, in English (the built-in catalogue).
#
# One message per error code, and optionally `<code>--<detail>` for a finer
# reason. Sentence case, no jargon, never the customer's input. Where the Vivamo
# API documents its own sentence (disposable email, phone, duplicates) it is used
# verbatim. Translate by copying this file: every id here must be in a
# translation (tests/messages.rs checks the shipped ones).

required = This field is required.
wrong_type = This value is not of the expected kind.
unknown_field = This field is not accepted.
malformed_json = This record could not be read.

email_invalid = Enter a valid email address.
email_invalid--too_long = This email address is too long.
email_invalid--display_name = Enter the email address alone, without a name.
email_invalid--missing_at = An email address needs an @ sign.
email_invalid--multiple_at = An email address has only one @ sign.
email_invalid--local_empty = Enter the part before the @.
email_invalid--local_too_long = The part before the @ is too long.
email_invalid--domain_empty = Enter the part after the @, like example.com.
email_invalid--domain_no_dot = The part after the @ needs a dot, like example.com.
email_invalid--unsafe_character = This email address contains a character that is not allowed.
email_disposable = Sorry, this email domain is not supported
email_plus_suffix = Use an email address without a + in it.

phone_invalid_format = Sorry, this phone number cannot be used. Please use a valid mobile number.
phone_missing_country_code = Sorry, this phone number cannot be used. Please use a valid mobile number.
phone_invalid = Sorry, this phone number cannot be used. Please use a valid mobile number.
phone_not_mobile = Sorry, this phone number cannot be used. Please use a valid mobile number.
phone_us_prefix_assumed = We read this as a US or Canadian number. If it is not, add its country code with a +.

country_invalid = Choose a country.
state_invalid = Choose a US state.
zip_invalid = Enter a valid ZIP or postal code.

text_invalid_characters = This contains characters that are not allowed.
text_too_long = This is too long.
text_no_letters = This needs at least one letter.

external_id_invalid = This customer ID cannot be used.
kyc_type_unknown = This kind of verification is not supported.
kyc_status_unknown = This verification status is not supported.
timestamp_invalid = Enter a valid date and time.
too_many_errors = There are too many problems to list them all.

duplicate_external_id = This customer already exists
duplicate_email = A customer with this email address already exists.
csv_multiline_field = This row runs over several lines.
