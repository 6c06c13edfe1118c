package org.keyward.auth.mfa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.keyward.testing.Futures.await;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keyward.auth.RecordingTokenIssuer;
import org.keyward.auth.TokenGrant;
import org.keyward.auth.identity.EntityStore;
import org.keyward.engine.MountEntry;
import org.keyward.http.ApiError;
import org.keyward.http.VaultResponse;
import org.keyward.testing.Futures;
import org.keyward.testing.TestClock;
import org.keyward.view.InMemoryStorageView;

/**
 * The login MFA flow below HTTP, on a clock the test moves: a login under enforcement gets a
 * requirement, a code from the independent RFC 6238 implementation turns it into a grant for the
 * entity, and a request validated after its five minutes is refused.
 */
class LoginMfaTest {
  private static final String METHOD_ID = "6f1c2d3e-4a5b-4c6d-8e7f-901234567890";
  private static final byte[] KEY = "12345678901234567890".getBytes();
  private static final MountEntry USERPASS =
      new MountEntry(
          "auth/userpass/", "userpass", "uuid-1", "auth_userpass_0a1b2c", "", Map.of(), 0, 0);

  private final TestClock clock = new TestClock(Instant.parse("2026-12-07T10:00:10Z"));
  private final InMemoryStorageView mfaView = new InMemoryStorageView();
  private final EntityStore entities = new EntityStore(new InMemoryStorageView(), clock);
  private final RecordingTokenIssuer tokens = new RecordingTokenIssuer();
  private LoginMfa mfa;
  private String entityId;

  @BeforeEach
  void setUp() {
    mfa =
        new LoginMfa(
            mfaView,
            entities,
            tokens,
            path -> Optional.of(USERPASS),
            clock,
            LoginMfa.defaultRequestTtl());
    // First login, before any enforcement: a token straight away, and the entity exists.
    await(mfa.gate().issue(grant()));
    entityId = tokens.grants().get(0).entityId();
    MfaStore store = new MfaStore(mfaView);
    await(store.putMethod(new TotpMethod(METHOD_ID, "Keyward", 30, 6, "SHA1", 1, 3, 200, 20)));
    await(store.createSecret(METHOD_ID, entityId, new TotpSecret(KEY, -1)));
    await(
        store.putEnforcement(
            new LoginEnforcement(
                "people", "e-1", List.of(METHOD_ID), List.of(), List.of("userpass"), List.of())));
  }

  @Test
  void login_underEnforcement_needsCodeThenIssuesForEntity() {
    assertTrue(entityId.matches("[0-9a-f-]{36}"), entityId);
    String requestId = requirement(await(mfa.gate().issue(grant())));
    assertEquals(1, tokens.grants().size(), "no token before the second factor");

    await(validate(requestId, codeAt(clock.instant())));

    assertEquals(2, tokens.grants().size());
    assertEquals(entityId, tokens.grants().get(1).entityId());
  }

  @Test
  void validate_afterFiveMinutes_isRefused() {
    String requestId = requirement(await(mfa.gate().issue(grant())));
    clock.advance(Duration.ofMinutes(5));

    ApiError e = Futures.apiError(validate(requestId, codeAt(clock.instant())));

    assertEquals(403, e.status());
    assertEquals(List.of(MfaValidateRoutes.INVALID_REQUEST), e.messages());
    assertEquals(1, tokens.grants().size());
  }

  @Test
  void cve20256014_sameCodeOnNextRequest_isRefusedAsReplay() {
    String code = codeAt(clock.instant());
    await(validate(requirement(await(mfa.gate().issue(grant()))), code));
    clock.advance(Duration.ofSeconds(5));

    ApiError e = Futures.apiError(validate(requirement(await(mfa.gate().issue(grant()))), code));

    assertEquals(List.of(TotpVerifier.INVALID_CODE), e.messages());
  }

  /** CVE-2025-6015: a used code with spaces added must not pass as a new one. */
  @Test
  void cve20256015_usedCodeWithSpaces_isRefused() {
    String code = codeAt(clock.instant());
    await(validate(requirement(await(mfa.gate().issue(grant()))), code));
    int granted = tokens.grants().size();

    for (String spaced : List.of(code + " ", code.substring(0, 3) + " " + code.substring(3))) {
      ApiError e =
          Futures.apiError(validate(requirement(await(mfa.gate().issue(grant()))), spaced));
      assertEquals(List.of(TotpVerifier.INVALID_CODE), e.messages(), spaced);
    }
    assertEquals(granted, tokens.grants().size(), "no token for a spaced replay");
  }

  @Test
  void validate_thirdWrongCode_endsRequestAndBlocksUntilNextPeriod() {
    String requestId = requirement(await(mfa.gate().issue(grant())));
    String wrong = "000000".equals(codeAt(clock.instant())) ? "111111" : "000000";
    for (int i = 0; i < 2; i++) {
      assertEquals(
          List.of(TotpVerifier.INVALID_CODE),
          Futures.apiError(validate(requestId, wrong)).messages());
    }
    Futures.apiError(validate(requestId, wrong));

    assertEquals(
        List.of(MfaValidateRoutes.INVALID_REQUEST),
        Futures.apiError(validate(requestId, codeAt(clock.instant()))).messages());
    String next = requirement(await(mfa.gate().issue(grant())));
    assertTrue(
        Futures.apiError(validate(next, codeAt(clock.instant())))
            .messages()
            .get(0)
            .startsWith("maximum TOTP validation attempts exceeded"));
    // The blocked attempt ended that request too; after one period a new login passes.
    clock.advance(Duration.ofSeconds(30));
    await(validate(requirement(await(mfa.gate().issue(grant()))), codeAt(clock.instant())));
    assertFalse(tokens.grants().get(tokens.grants().size() - 1).entityId().isEmpty());
  }

  private io.vertx.core.Future<VaultResponse> validate(String requestId, String code) {
    return mfa.validateRoutes()
        .validate(new MfaValidateRoutes.Validate(requestId, Map.of(METHOD_ID, code)), null);
  }

  private static String requirement(VaultResponse r) {
    JsonObject req = r.auth().getJsonObject("mfa_requirement");
    assertEquals("", r.auth().getString("client_token"));
    return req.getString("mfa_request_id");
  }

  private static String codeAt(Instant t) {
    return ReferenceTotp.code(KEY, t.getEpochSecond(), 30, 6, "SHA1");
  }

  private static TokenGrant grant() {
    return new TokenGrant(
        "auth/userpass/login", "ann", List.of("default"), Map.of("username", "ann"), 0, 0, 0, true);
  }
}
