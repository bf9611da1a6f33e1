//! Messages for people: a sentence per error for a form or a report to show a
//! customer, separate from the developer message of [`Error::message`], from a
//! [Project Fluent](https://projectfluent.org) catalogue that a caller can replace
//! or translate. English and French are built in.

use std::borrow::Cow;
use std::fmt;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::FluentResource;
use unic_langid::LanguageIdentifier;

use crate::{Error, ErrorCode};

/// The built-in catalogues: language tag and Fluent source.
const BUILT_IN: [(&str, &str); 2] = [
    ("en", include_str!("../data/messages/en.ftl")),
    ("fr", include_str!("../data/messages/fr.ftl")),
];

static ENGLISH: LazyLock<Messages> = LazyLock::new(|| built_in(0));
static FRENCH: LazyLock<Messages> = LazyLock::new(|| built_in(1));

fn built_in(index: usize) -> Messages {
    let (language, source) = BUILT_IN[index];
    // The built-in files are checked by tests (every code, no syntax error), so
    // a failure here cannot happen; an empty catalogue would still fall back.
    Messages::from_ftl(language, source).unwrap_or_else(|_| Messages::empty(language))
}

/// A catalogue of messages for people, in one language.
///
/// A message is looked up by the error's code and detail (`email_invalid--missing_at`),
/// then by its code alone (`email_invalid`); a catalogue that has neither falls back
/// to the built-in English one, so every error always has a sentence.
///
/// ```
/// use vivamo_validate::{Email, Messages};
/// let err = Email::parse("ann.example.com").unwrap_err();
/// assert_eq!(err.message(), "email address has no @");
/// assert_eq!(Messages::english().format(&err), "An email address needs an @ sign.");
/// assert_eq!(Messages::built_in("fr").unwrap().format(&err), "Une adresse e-mail contient un signe @.");
/// ```
pub struct Messages {
    language: String,
    bundle: FluentBundle<FluentResource>,
}

impl fmt::Debug for Messages {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Messages")
            .field("language", &self.language)
            .finish_non_exhaustive()
    }
}

/// A caller's catalogue could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessagesError {
    message: String,
}

impl fmt::Display for MessagesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for MessagesError {}

impl Messages {
    /// The languages built in, as BCP 47 tags.
    pub const LANGUAGES: [&'static str; 2] = [BUILT_IN[0].0, BUILT_IN[1].0];

    /// The built-in English catalogue.
    ///
    /// ```
    /// assert_eq!(vivamo_validate::Messages::english().language(), "en");
    /// ```
    pub fn english() -> &'static Messages {
        &ENGLISH
    }

    /// A built-in catalogue by its language tag (`en`, `fr`; the primary subtag
    /// decides, so `fr-CA` is French), or `None`.
    ///
    /// ```
    /// use vivamo_validate::Messages;
    /// assert_eq!(Messages::built_in("fr-CA").unwrap().language(), "fr");
    /// assert!(Messages::built_in("de").is_none());
    /// ```
    pub fn built_in(language: &str) -> Option<&'static Messages> {
        let primary = language.split(['-', '_']).next().unwrap_or_default();
        match primary.to_ascii_lowercase().as_str() {
            "en" => Some(&ENGLISH),
            "fr" => Some(&FRENCH),
            _ => None,
        }
    }

    /// A catalogue from Fluent source (a translation, or wording of one's own):
    /// ids are error codes, or `<code>--<detail>`. Messages it lacks fall back to
    /// English.
    ///
    /// ```
    /// use vivamo_validate::{Messages, UsState};
    /// let own = Messages::from_ftl("en-GB", "state_invalid = Pick a state from the list.").unwrap();
    /// let err = UsState::parse("XX").unwrap_err();
    /// assert_eq!(own.format(&err), "Pick a state from the list.");
    /// assert!(Messages::from_ftl("en", "= broken").is_err());
    /// ```
    pub fn from_ftl(language: &str, source: &str) -> Result<Messages, MessagesError> {
        let langid: LanguageIdentifier = language.parse().map_err(|_| MessagesError {
            message: format!("'{language}' is not a language tag"),
        })?;
        let resource =
            FluentResource::try_new(source.to_owned()).map_err(|(_, errors)| MessagesError {
                message: format!("the catalogue has {} syntax error(s)", errors.len()),
            })?;
        let mut bundle = FluentBundle::new_concurrent(vec![langid]);
        // No Unicode isolation marks around arguments: messages take none, and
        // the marks would show in plain-text output.
        bundle.set_use_isolating(false);
        bundle
            .add_resource(resource)
            .map_err(|errors| MessagesError {
                message: format!("the catalogue defines {} message(s) twice", errors.len()),
            })?;
        Ok(Messages {
            language: language.to_owned(),
            bundle,
        })
    }

    fn empty(language: &str) -> Messages {
        let langid = language.parse().unwrap_or_default();
        Messages {
            language: language.to_owned(),
            bundle: FluentBundle::new_concurrent(vec![langid]),
        }
    }

    /// The catalogue's language tag.
    ///
    /// ```
    /// assert_eq!(vivamo_validate::Messages::built_in("fr").unwrap().language(), "fr");
    /// ```
    pub fn language(&self) -> &str {
        &self.language
    }

    /// The message for `error`, for people.
    ///
    /// ```
    /// use vivamo_validate::{Messages, Phone};
    /// let err = Phone::parse("+442079460958").unwrap_err();
    /// assert_eq!(
    ///     Messages::english().format(&err),
    ///     "Sorry, this phone number cannot be used. Please use a valid mobile number."
    /// );
    /// ```
    pub fn format(&self, error: &Error) -> String {
        self.lookup(error.kind(), error.detail())
            .or_else(|| ENGLISH.lookup(error.kind(), error.detail()))
            .map(Cow::into_owned)
            .unwrap_or_else(|| error.message().to_owned())
    }

    /// Whether the catalogue itself (without the English fallback) has a message
    /// for `code`.
    ///
    /// ```
    /// use vivamo_validate::{ErrorCode, Messages};
    /// assert!(Messages::english().has_message(ErrorCode::ZipInvalid));
    /// ```
    pub fn has_message(&self, code: ErrorCode) -> bool {
        self.bundle.has_message(code.as_str())
    }

    fn lookup(&self, code: ErrorCode, detail: Option<&str>) -> Option<Cow<'_, str>> {
        let specific = detail.map(|d| format!("{}--{d}", code.as_str()));
        let ids = specific.as_deref().into_iter().chain([code.as_str()]);
        for id in ids {
            let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
                continue;
            };
            let mut errors = Vec::new();
            let text = self.bundle.format_pattern(pattern, None, &mut errors);
            if errors.is_empty() {
                return Some(text);
            }
        }
        None
    }
}

impl Error {
    /// The error's message for people, in English: a sentence in sentence case,
    /// without jargon or the input, the API's own sentence where it has one. Use
    /// [`Messages`] for another language or wording.
    ///
    /// ```
    /// use vivamo_validate::Country;
    /// let err = Country::parse("USA").unwrap_err();
    /// assert_eq!(err.message(), "country must be a two-letter iso 3166-1 alpha-2 code");
    /// assert_eq!(err.user_message(), "Choose a country.");
    /// ```
    pub fn user_message(&self) -> String {
        ENGLISH.format(self)
    }
}
