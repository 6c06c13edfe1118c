package org.keyward.engine.pki;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.keyward.http.OperationKind;
import org.keyward.http.RequestContext;
import org.keyward.testing.Futures;

/**
 * Fuzzes the {@code sign/<role>} request path from the JSON body up to the signer: decoding and
 * validating the request ({@link SignRequest#from}, which parses and checks the CSR), the role's
 * key type and name rules, the TTL against {@code max_ttl}, then building and signing the
 * certificate (with a JDK CA key) and rendering the answer. Every input ends in success or a 4xx
 * {@code ApiError}, for a strict role and a permissive one. Regression mode in the normal build
 * over {@code SignRequestFuzzTestInputs/} (JSON bodies); {@code JAZZER_FUZZ=1} fuzzes.
 */
class SignRequestFuzzTest {
  private static final Instant NOW = Instant.now();
  private static final CaKey CA_KEY =
      Futures.await(new JdkCaKeyCustody().createKey("fuzz-ca", CaKeyType.EC_P256));
  private static final X509Certificate CA =
      CertificateBuilder.build(
          CertificateProfile.authority(
              CertificateProfile.subject("Fuzz CA", List.of(), List.of(), List.of()),
              List.of(),
              List.of(),
              86400L * 365,
              -1,
              NOW,
              null),
          CA_KEY.publicKey(),
          null,
          CA_KEY);
  private static final List<PkiRole> ROLES =
      List.of(
          TestRoles.exampleOrg(),
          TestRoles.of(
              new JsonObject()
                  .put("allow_any_name", true)
                  .put("enforce_hostnames", false)
                  .put("key_type", "any")
                  .put("max_ttl", "8760h")));

  @FuzzTest(maxDuration = "30s")
  void sign_anyBody_failsOnlyWithBadRequest(byte[] data) {
    JsonObject body;
    try {
      // As RequestPipeline decodes a body: anything but a JSON object is its 400.
      if (!(Json.decodeValue(Buffer.buffer(data)) instanceof JsonObject object)) {
        return;
      }
      body = object;
    } catch (DecodeException e) {
      return;
    }
    for (PkiRole role : ROLES) {
      FuzzOutcomes.onlyClientErrors(() -> sign(role, body));
    }
  }

  /** What {@code PkiIssueRoutes.sign} does with a request, minus storage and custody. */
  private static void sign(PkiRole role, JsonObject body) {
    SignRequest request = SignRequest.from(context(body));
    PkiIssueRoutes.checkKeyType(role, request.csr().publicKey());
    RoleNamePolicy.check(role, request.names());
    CertificateProfile profile =
        CertificateProfile.leaf(
            role, request.names(), request.ttl(), NOW, CA.getNotAfter().toInstant());
    X509Certificate certificate =
        CertificateBuilder.build(profile, request.csr().publicKey(), CA, CA_KEY);
    request.format().certificateData(certificate, List.of(CA));
  }

  private static RequestContext context(JsonObject body) {
    return RequestContext.builder("fuzz", OperationKind.WRITE)
        .path("pki/sign/fuzz")
        .mount("pki/")
        .params(Map.of("role", "fuzz"))
        .body(body)
        .remoteAddress("127.0.0.1")
        .build();
  }
}
