//! Every public value type can cross threads: a validator is shared by a server's workers.

fn assert_send_sync<T: Send + Sync + Unpin + std::panic::UnwindSafe>() {}

#[test]
fn public_types_are_send_and_sync() {
    use vivamo_validate::*;
    assert_send_sync::<Error>();
    assert_send_sync::<ErrorCode>();
    assert_send_sync::<Report>();
    assert_send_sync::<Path>();
    assert_send_sync::<Options>();
    assert_send_sync::<Email>();
    assert_send_sync::<EmailRules>();
    assert_send_sync::<Phone>();
    assert_send_sync::<PhoneOptions>();
    assert_send_sync::<LineType>();
    assert_send_sync::<Country>();
    assert_send_sync::<UsState>();
    assert_send_sync::<StateSet>();
    assert_send_sync::<PostalCode>();
    assert_send_sync::<Text>();
    assert_send_sync::<TextField>();
    assert_send_sync::<ExternalCustomerId>();
    assert_send_sync::<Timestamp>();
    assert_send_sync::<KycType>();
    assert_send_sync::<KycStatus>();
    assert_send_sync::<KycVerification>();
}
