//! Keeps `data/disposable_domains.txt` and `data/disposable_allowlist.txt`
//! canonical (SPEC §2): a `#` header with provenance, then lowercase A-label
//! domains with at least two labels, valid under the library's own domain rules,
//! sorted by bytes and unique; no mainstream provider and no public suffix.

use vivamo_validate::{Email, EmailRules, DISPOSABLE_LIST_VERSION};

const DOMAINS: &str = include_str!("../data/disposable_domains.txt");
const ALLOWLIST: &str = include_str!("../data/disposable_allowlist.txt");
const GENERATOR: &str = include_str!("../data/update_disposable.py");

/// How many domains the bundled release has. Pinned so that an update shows the change
/// in review: set it to the count `python3 data/update_disposable.py` prints.
const DOMAIN_COUNT: usize = 10_181;

/// SPEC §2's mainstream providers: never on either list as disposable.
const MAINSTREAM_FILE: &str = include_str!("vectors/email_mainstream.txt");

fn mainstream() -> impl Iterator<Item = &'static str> {
    MAINSTREAM_FILE.lines().filter(|l| !l.starts_with('#'))
}

/// Public suffixes that must not be listed (listing one would block every site
/// under it). Not the whole Public Suffix List: the rules of the list (ICANN and
/// private sections, as shipped in PyPI `publicsuffixlist` 1.1.2.20261023) that
/// are a proper parent of some entry of disposable-email-domains 0.0.293, the
/// near misses, plus common suffixes of large hosting platforms. The
/// regeneration script filters against the whole list.
const PUBLIC_SUFFIXES: &[&str] = &[
    "abrdns.com",
    "ac.uk",
    "accesscam.org",
    "aid.pl",
    "appspot.com",
    "auto.pl",
    "azurewebsites.net",
    "biz.id",
    "blogspot.com",
    "camdvr.org",
    "casacam.net",
    "cc.cd",
    "ccwu.cc",
    "cloud-ip.cc",
    "cloudfront.net",
    "cloudns.biz",
    "cloudns.cc",
    "cloudns.org",
    "co.in",
    "co.jp",
    "co.kr",
    "co.nz",
    "co.uk",
    "co.za",
    "com.au",
    "com.br",
    "com.cn",
    "com.co",
    "com.es",
    "com.hk",
    "com.mx",
    "com.pl",
    "com.sg",
    "com.tw",
    "com.vn",
    "ddns.net",
    "ddnsfree.com",
    "ddnsgeek.com",
    "ddnss.de",
    "ddnss.org",
    "de5.net",
    "dedyn.io",
    "dpdns.org",
    "duckdns.org",
    "dyn-ip24.de",
    "dyn.ddnss.de",
    "dyn.home-webserver.de",
    "dyndns.ddnss.de",
    "dyndns1.de",
    "dynv6.net",
    "edu.do",
    "edu.ge",
    "edu.kg",
    "edu.pl",
    "edu.rs",
    "edu.vn",
    "eu.cc",
    "eu.org",
    "firebaseapp.com",
    "freeddns.org",
    "ggff.net",
    "giize.com",
    "github.io",
    "gleeze.com",
    "gov.uk",
    "herokuapp.com",
    "home-webserver.de",
    "hopto.org",
    "id.vn",
    "in.ua",
    "indevs.in",
    "io.vn",
    "kozow.com",
    "loseyourip.com",
    "mail.pl",
    "my.id",
    "myftp.org",
    "myhome-server.de",
    "mywire.org",
    "name.ng",
    "name.tr",
    "ne.jp",
    "net.au",
    "net.pl",
    "net.ua",
    "netlify.app",
    "nett.to",
    "nyc.mn",
    "ooguy.com",
    "opik.net",
    "or.at",
    "or.jp",
    "org.au",
    "org.es",
    "org.uk",
    "pages.dev",
    "pp.ua",
    "pro.vn",
    "qzz.io",
    "sa.com",
    "servehalflife.com",
    "theworkpc.com",
    "tokyo.jp",
    "us.ci",
    "vercel.app",
    "web.app",
    "web.id",
    "webredirect.org",
    "xx.kg",
    "za.net",
    "zone.id",
    "zp.ua",
];

/// The header lines and the domain lines of a data file.
fn split(text: &str) -> (Vec<&str>, Vec<&str>) {
    let header: Vec<&str> = text.lines().take_while(|l| l.starts_with('#')).collect();
    let body: Vec<&str> = text.lines().skip(header.len()).collect();
    (header, body)
}

/// Asserts the canonical form of one domain line, using the library's own rules
/// for validity and the A-label form.
fn assert_canonical(domain: &str) {
    assert!(!domain.is_empty(), "empty line");
    assert!(
        !domain.starts_with('#'),
        "header line inside the list: {domain}"
    );
    assert_eq!(domain, domain.trim(), "whitespace around {domain:?}");
    assert!(domain.is_ascii(), "{domain} is not in A-label form");
    assert_eq!(
        domain,
        domain.to_ascii_lowercase(),
        "{domain} is not lowercase"
    );
    assert!(
        domain.split('.').count() >= 2,
        "{domain} has fewer than two labels"
    );
    // Allowing the domain makes an address there valid, so the domain passes every
    // syntax and IDNA rule, and its ASCII form must be the line itself.
    let mut rules = EmailRules::default();
    rules.allow(domain);
    let email = Email::parse_with(&format!("x@{domain}"), &rules)
        .unwrap_or_else(|e| panic!("{domain}: {e:?}"));
    assert_eq!(email.ascii_domain(), domain);
}

fn assert_sorted_unique(lines: &[&str], file: &str) {
    for pair in lines.windows(2) {
        assert!(
            pair[0].as_bytes() < pair[1].as_bytes(),
            "{file}: {:?} is not before {:?} (sorted by bytes, unique)",
            pair[0],
            pair[1]
        );
    }
}

#[test]
fn disposable_list_is_canonical() {
    let (header, body) = split(DOMAINS);
    let header = header.join("\n");
    for needle in [
        "# source: PyPI package disposable-email-domains ",
        "# source sha256: ",
        "licence: the domain list is CC0-1.0",
        "# regenerate: python3 data/update_disposable.py",
        "# released: ",
    ] {
        assert!(header.contains(needle), "header lacks {needle:?}");
    }
    assert!(header.contains(&format!(
        "disposable-email-domains {DISPOSABLE_LIST_VERSION},"
    )));
    assert_eq!(
        body.len(),
        DOMAIN_COUNT,
        "update DOMAIN_COUNT with the data"
    );
    assert!(header.contains(&format!("kept: {}\n", body.len())));
    assert_sorted_unique(&body, "disposable_domains.txt");
    for domain in &body {
        assert_canonical(domain);
    }
    assert!(DOMAINS.ends_with('\n') && !DOMAINS.ends_with("\n\n"));
}

#[test]
fn the_constant_the_header_and_the_pin_name_one_release() {
    assert!(
        GENERATOR.contains(&format!("DED_VERSION = \"{DISPOSABLE_LIST_VERSION}\"")),
        "data/update_disposable.py pins another release than DISPOSABLE_LIST_VERSION"
    );
    let source =
        format!("# source: PyPI package disposable-email-domains {DISPOSABLE_LIST_VERSION}, ");
    assert!(DOMAINS.lines().any(|l| l.starts_with(&source)), "{source}");
}

#[test]
fn allowlist_is_canonical() {
    let (header, body) = split(ALLOWLIST);
    assert!(!header.is_empty(), "allowlist has no header");
    assert!(body.contains(&"vivamo.co"));
    assert_sorted_unique(&body, "disposable_allowlist.txt");
    for domain in &body {
        assert_canonical(domain);
    }
    assert!(ALLOWLIST.ends_with('\n') && !ALLOWLIST.ends_with("\n\n"));
}

#[test]
fn no_mainstream_provider_or_public_suffix_is_listed() {
    let (_, body) = split(DOMAINS);
    for domain in mainstream().chain(PUBLIC_SUFFIXES.iter().copied()) {
        assert!(
            body.binary_search(&domain).is_err(),
            "{domain} is on the disposable list"
        );
    }
    assert!(PUBLIC_SUFFIXES.len() > 100);
    assert_eq!(mainstream().count(), 13, "SPEC §2 names 13 providers");
    for domain in mainstream() {
        assert!(
            Email::parse(&format!("jane.doe@{domain}")).is_ok(),
            "{domain}"
        );
    }
}

#[test]
fn the_emoji_entry_is_stored_as_an_a_label() {
    let (_, body) = split(DOMAINS);
    assert!(body.contains(&"xn--o38h.abrdns.com"));
    let err = Email::parse("a@\u{1F62D}.abrdns.com").unwrap_err();
    assert_eq!(err.code(), "email_disposable");
}
