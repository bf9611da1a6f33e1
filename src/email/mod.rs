//! `email`: syntax, IDNA, the disposable-domain list and the `+` rule (SPEC §2).
//!
//! [`Email::parse_with`] runs these checks in this order; the first failure is the
//! one error:
//!
//! 1. input over 1024 bytes → `email_invalid` / `too_long`;
//! 2. trim ASCII and Unicode whitespace; nothing left → `required`;
//! 3. syntax → `email_invalid` with a `detail`, sub-checks in this order (every
//!    length is measured on the normalized forms, never on the input, so a
//!    decomposed `é` or a domain in full-width letters is as long as what it
//!    normalizes to; step 1 bounds the work):
//!    1. `display_name`: a `<` or `>` anywhere;
//!    2. `quoted_local`: the address starts with `"`;
//!    3. `unsafe_character`: any control, format (bidi included), private-use,
//!       surrogate or unassigned character, any Default_Ignorable_Code_Point,
//!       a non-ASCII space or separator, or U+FFFD, anywhere; then a combining
//!       mark (M*) as the first character of the local part;
//!    4. `missing_at`, then `multiple_at`;
//!    5. local part, on its NFC form: `local_empty`, `local_too_long` (over 64
//!       bytes), `local_invalid_char` (ASCII other than RFC 5322 atext and `.`;
//!       non-ASCII is allowed), `local_invalid_dot`;
//!    6. domain: `domain_empty`, `domain_literal` (starts with `[`),
//!       `domain_invalid_char` (ASCII other than letters, digits, `.`, `-`), then
//!       UTS 46 processing → `domain_invalid_idna` (processing fails, an A-label
//!       does not decode, or the A-label round trip differs), then on the ASCII
//!       form `domain_invalid_char` again (mapping can produce `_`),
//!       `unsafe_character` (an A-label decoding to one, e.g. U+200C),
//!       `domain_invalid_label` (empty, over 63 bytes in ASCII form, `??--`
//!       unless an A-label, or a hyphen at an edge of the label's ASCII or
//!       Unicode form: `-bücher`, `xn---bcher-kva`), `domain_too_long` (over 253
//!       bytes), `domain_no_dot`, `domain_invalid_tld` (neither `[a-z]{2,63}` nor
//!       an A-label whose Unicode form is letters and combining marks only:
//!       `com©`, `♥` and emoji TLDs are rejected), `domain_special_use`. IDNA runs
//!       before the label rules because those apply to the converted forms;
//!    7. `too_long`: the normalized address is over 254 bytes in ASCII or in
//!       Unicode form (only known once the domain is converted);
//! 4. the domain or a parent with at least two labels is disposable →
//!    `email_disposable` (see [`EmailRules`] for how allowed and blocked entries
//!    combine);
//! 5. a `+` in the NFKC form of the local part → `email_plus_suffix`.
//!
//! The bundled lists are `data/disposable_domains.txt` (from the PyPI package
//! `disposable-email-domains` 0.0.293) and `data/disposable_allowlist.txt`,
//! compiled in. The list becomes a hash set the first time an address reaches
//! step 4 (well under a millisecond, once per process); nothing is spent before.

mod disposable;
mod syntax;

use std::borrow::Cow;
use std::collections::BTreeSet;

use crate::{string_newtype, unicode, Environment, Error, ErrorCode};

/// The version of the PyPI package `disposable-email-domains` that the bundled
/// list comes from.
///
/// ```
/// assert_eq!(vivamo_validate::DISPOSABLE_LIST_VERSION, "0.0.293");
/// ```
pub const DISPOSABLE_LIST_VERSION: &str = "0.0.293";

/// Longest input looked at, in bytes (step 1).
const MAX_INPUT: usize = 1024;

/// Extra blocked and allowed domains, on top of the bundled lists.
///
/// Domains may be given in any case and in Unicode or A-label form; they are kept
/// in lowercase A-label form. An entry covers its subdomains too. When an address
/// is checked, its domain and then each parent with at least two labels is looked
/// up, most specific first: at each level an allowed entry (bundled allowlist or
/// [`allow`](EmailRules::allow)) means "not disposable", else a blocked entry
/// (bundled list or [`block`](EmailRules::block)) means "disposable". So the more
/// specific entry wins, and allow wins a tie.
///
/// ```
/// use vivamo_validate::{Email, EmailRules};
/// let mut rules = EmailRules::default();
/// rules.block("Spam.Example.COM").allow("mailinator.com");
/// assert_eq!(
///     Email::parse_with("a@x.spam.example.com", &rules).unwrap_err().code(),
///     "email_disposable"
/// );
/// assert!(Email::parse_with("a@mailinator.com", &rules).is_ok());
/// ```
#[derive(Debug, Clone, Default)]
pub struct EmailRules {
    blocked: BTreeSet<String>,
    allowed: BTreeSet<String>,
}

impl EmailRules {
    /// Also treats `domain` (and its subdomains) as disposable.
    ///
    /// A domain that is not valid under the email rules domain rules (or has fewer than
    /// two labels) could never match an address and is ignored; use
    /// [`try_block`](EmailRules::try_block) to be told.
    ///
    /// ```
    /// use vivamo_validate::{Email, EmailRules};
    /// let mut rules = EmailRules::default();
    /// rules.block("throwaway.example.net");
    /// assert!(Email::parse_with("a@throwaway.example.net", &rules).is_err());
    /// assert!(Email::parse("a@throwaway.example.net").is_ok());
    /// ```
    pub fn block(&mut self, domain: &str) -> &mut Self {
        let _ = self.try_block(domain);
        self
    }

    /// Never treats `domain` (and its subdomains) as disposable.
    ///
    /// Invalid domains are ignored, as with [`block`](EmailRules::block).
    ///
    /// ```
    /// use vivamo_validate::{Email, EmailRules};
    /// let mut rules = EmailRules::default();
    /// rules.allow("MAILINATOR.com");
    /// assert!(Email::parse_with("a@mailinator.com", &rules).is_ok());
    /// ```
    pub fn allow(&mut self, domain: &str) -> &mut Self {
        let _ = self.try_allow(domain);
        self
    }

    /// Like [`block`](EmailRules::block), but says why an invalid domain was not
    /// added: the `email_invalid` error an address with that domain would get.
    ///
    /// ```
    /// use vivamo_validate::EmailRules;
    /// let mut rules = EmailRules::default();
    /// assert!(rules.try_block("bücher.example.org").is_ok());
    /// let err = rules.try_block("no_underscores.com").unwrap_err();
    /// assert_eq!(err.detail(), Some("domain_invalid_char"));
    /// ```
    pub fn try_block(&mut self, domain: &str) -> Result<&mut Self, Error> {
        let ascii = rule_domain(domain)?;
        self.blocked.insert(ascii.into_owned());
        Ok(self)
    }

    /// Like [`allow`](EmailRules::allow), but says why an invalid domain was not
    /// added.
    ///
    /// ```
    /// use vivamo_validate::EmailRules;
    /// let mut rules = EmailRules::default();
    /// assert_eq!(rules.try_allow("localhost").unwrap_err().detail(), Some("domain_no_dot"));
    /// ```
    pub fn try_allow(&mut self, domain: &str) -> Result<&mut Self, Error> {
        let ascii = rule_domain(domain)?;
        self.allowed.insert(ascii.into_owned());
        Ok(self)
    }

    /// Whether an address at `domain` would be rejected as disposable under these
    /// rules (bundled lists included). An invalid domain is not disposable.
    ///
    /// ```
    /// use vivamo_validate::EmailRules;
    /// let rules = EmailRules::default();
    /// assert!(rules.is_disposable("foo.mailinator.com"));
    /// assert!(!rules.is_disposable("xmailinator.com"));
    /// assert!(!rules.is_disposable("vivamo.co"));
    /// ```
    pub fn is_disposable(&self, domain: &str) -> bool {
        rule_domain(domain)
            .is_ok_and(|ascii| disposable::is_disposable(&ascii, &self.allowed, &self.blocked))
    }
}

/// A domain for the rules: trimmed, checked like an address's domain, in
/// lowercase A-label form.
fn rule_domain(domain: &str) -> Result<Cow<'_, str>, Error> {
    let domain = unicode::trim(domain);
    if domain.len() > MAX_INPUT {
        return Err(syntax::too_long());
    }
    syntax::check_unsafe(domain)?;
    let (ascii, _) = syntax::check_domain(domain)?;
    Ok(ascii)
}

/// A valid, normalized email address.
///
/// Holds the local part in NFC with its case kept, `@`, and the domain lowercased
/// in Unicode form; the A-label form of the domain is kept alongside.
///
/// ```
/// use vivamo_validate::Email;
/// let email = Email::parse(" User@XN--BCHER-KVA.DE ").unwrap();
/// assert_eq!(email.as_str(), "User@bücher.de");
/// assert_eq!(email.to_ascii(), "User@xn--bcher-kva.de");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email {
    value: String,
    /// Byte offset of the `@` in `value`.
    at: usize,
    /// The A-label domain when it differs from the Unicode one.
    ascii_domain: Option<Box<str>>,
    /// The production error this address was accepted in spite of (sandbox only).
    /// One byte: production callers pay nothing for warnings.
    warning: Option<ErrorCode>,
}

impl Email {
    /// Validates with the bundled lists only.
    ///
    /// ```
    /// use vivamo_validate::Email;
    /// assert_eq!(Email::parse("jane@gmail.com").unwrap().as_str(), "jane@gmail.com");
    /// assert_eq!(Email::parse("jane+news@gmail.com").unwrap_err().code(), "email_plus_suffix");
    /// assert_eq!(Email::parse("a@mailinator.com").unwrap_err().code(), "email_disposable");
    /// assert_eq!(Email::parse("  ").unwrap_err().code(), "required");
    /// ```
    pub fn parse(input: &str) -> Result<Email, Error> {
        Email::parse_with(input, &EmailRules::default())
    }

    /// Validates with extra blocked and allowed domains.
    ///
    /// ```
    /// use vivamo_validate::{Email, EmailRules};
    /// let mut rules = EmailRules::default();
    /// rules.block("competitor.com");
    /// let err = Email::parse_with("sales@competitor.com", &rules).unwrap_err();
    /// assert_eq!(err.code(), "email_disposable");
    /// ```
    pub fn parse_with(input: &str, rules: &EmailRules) -> Result<Email, Error> {
        Email::parse_in(input, rules, Environment::Production)
    }

    /// Validates for an [`Environment`].
    ///
    /// In [`Environment::Production`] this is [`parse_with`](Email::parse_with). In
    /// [`Environment::Sandbox`] an address that production rejects only for its
    /// disposable domain or its `+` tag is accepted, and carries that error as its
    /// [`warning`](Email::warning) (the disposable domain when it has both, as
    /// production would report). Every other rule is the same.
    ///
    /// ```
    /// use vivamo_validate::{Email, EmailRules, Environment};
    /// let rules = EmailRules::default();
    /// let email = Email::parse_in("ann@mailinator.com", &rules, Environment::Sandbox).unwrap();
    /// assert_eq!(email.warning().unwrap().code(), "email_disposable");
    /// assert!(Email::parse_in("ann@mailinator.com", &rules, Environment::Production).is_err());
    /// assert!(Email::parse_in("ann@", &rules, Environment::Sandbox).is_err());
    /// ```
    pub fn parse_in(
        input: &str,
        rules: &EmailRules,
        environment: Environment,
    ) -> Result<Email, Error> {
        if input.len() > MAX_INPUT {
            return Err(syntax::too_long());
        }
        let trimmed = unicode::trim(input);
        if trimmed.is_empty() {
            return Err(Error::required("email"));
        }
        let parts = syntax::check(trimmed)?;
        let restriction = if disposable::is_disposable(&parts.ascii, &rules.allowed, &rules.blocked)
        {
            Some(ErrorCode::EmailDisposable)
        } else if unicode::nfkc(&parts.local).contains('+') {
            Some(ErrorCode::EmailPlusSuffix)
        } else {
            None
        };
        if let Some(code) = restriction {
            if environment.enforces_email_restrictions() {
                return Err(restriction_error(code));
            }
        }
        let mut value = String::with_capacity(parts.local.len() + 1 + parts.unicode.len());
        value.push_str(&parts.local);
        value.push('@');
        value.push_str(&parts.unicode);
        let ascii_domain = (parts.ascii != parts.unicode).then(|| parts.ascii.into());
        Ok(Email {
            value,
            at: parts.local.len(),
            ascii_domain,
            warning: restriction,
        })
    }

    /// The production error this address was accepted in spite of, when it was
    /// parsed for [`Environment::Sandbox`]: `email_disposable` or
    /// `email_plus_suffix`, with the message production gives. Always `None` for an
    /// address parsed for production.
    ///
    /// ```
    /// use vivamo_validate::{Email, EmailRules, Environment};
    /// let email = Email::parse_in("jane+qa@company.com", &EmailRules::default(), Environment::Sandbox)
    ///     .unwrap();
    /// let warning = email.warning().unwrap();
    /// assert_eq!((warning.code(), warning.message()), ("email_plus_suffix", "email address has a + suffix"));
    /// assert!(Email::parse("jane@company.com").unwrap().warning().is_none());
    /// ```
    pub fn warning(&self) -> Option<Error> {
        self.warning.map(restriction_error)
    }

    /// The normalized address.
    ///
    /// ```
    /// use vivamo_validate::Email;
    /// assert_eq!(Email::parse("Jane.Doe@Example.COM").unwrap().as_str(), "Jane.Doe@example.com");
    /// ```
    pub fn as_str(&self) -> &str {
        &self.value
    }

    /// The local part (before the `@`), in NFC with its case kept.
    ///
    /// ```
    /// use vivamo_validate::Email;
    /// assert_eq!(Email::parse("Jane.Doe@example.com").unwrap().local_part(), "Jane.Doe");
    /// ```
    pub fn local_part(&self) -> &str {
        self.value.get(..self.at).unwrap_or_default()
    }

    /// The domain, lowercased, in Unicode form.
    ///
    /// ```
    /// use vivamo_validate::Email;
    /// assert_eq!(Email::parse("a@xn--bcher-kva.de").unwrap().domain(), "bücher.de");
    /// ```
    pub fn domain(&self) -> &str {
        self.value.get(self.at + 1..).unwrap_or_default()
    }

    /// The domain, lowercased, in ASCII form (A-labels for internationalized labels).
    ///
    /// ```
    /// use vivamo_validate::Email;
    /// assert_eq!(Email::parse("a@bücher.de").unwrap().ascii_domain(), "xn--bcher-kva.de");
    /// ```
    pub fn ascii_domain(&self) -> &str {
        self.ascii_domain
            .as_deref()
            .unwrap_or_else(|| self.domain())
    }

    /// The address with its domain in ASCII (A-label) form. The local part is kept
    /// as it is, so the result is all ASCII only when
    /// [`needs_smtputf8`](Email::needs_smtputf8) is false.
    ///
    /// ```
    /// use vivamo_validate::Email;
    /// let email = Email::parse("用户@例子.广告").unwrap();
    /// assert_eq!(email.to_ascii(), "用户@xn--fsqu00a.xn--4rr70v");
    /// ```
    pub fn to_ascii(&self) -> Cow<'_, str> {
        match &self.ascii_domain {
            None => Cow::Borrowed(&self.value),
            Some(ascii) => Cow::Owned(format!("{}@{}", self.local_part(), ascii)),
        }
    }

    /// Whether sending to the address needs the SMTPUTF8 extension: its local part
    /// has a non-ASCII character (an internationalized domain alone does not,
    /// since its A-label form can be used).
    ///
    /// ```
    /// use vivamo_validate::Email;
    /// assert!(!Email::parse("a@bücher.de").unwrap().needs_smtputf8());
    /// assert!(Email::parse("josé@example.com").unwrap().needs_smtputf8());
    /// ```
    pub fn needs_smtputf8(&self) -> bool {
        !self.local_part().is_ascii()
    }
}

/// The production error of a restriction (steps 4 and 5 of the email rules).
fn restriction_error(code: ErrorCode) -> Error {
    match code {
        ErrorCode::EmailDisposable => Error::new(code, "email address uses a disposable domain"),
        _ => Error::new(code, "email address has a + suffix"),
    }
}

string_newtype!(Email);
