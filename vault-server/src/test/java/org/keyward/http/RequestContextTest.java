package org.keyward.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RequestContextTest {
  @Test
  void build_withoutMount_failsNamingIt() {
    RequestContext.Builder noMount =
        RequestContext.builder("r1", OperationKind.READ).path("secret/data/a");

    NullPointerException e = assertThrows(NullPointerException.class, noMount::build);
    assertEquals("mountPath", e.getMessage());
  }

  @Test
  void build_withOnlyTheRequiredParts_hasNothingElse() {
    RequestContext r =
        RequestContext.builder("r2", OperationKind.WRITE).path("sys/seal").mount("sys/").build();

    assertEquals("sys/seal", r.path());
    assertEquals("sys/", r.mountPath());
    assertTrue(r.params().isEmpty());
    assertTrue(r.body().isEmpty());
    assertTrue(r.token().isEmpty());
    assertTrue(r.peerCertificates().isEmpty());
    assertNull(r.query("x"));
    assertNull(r.header("Content-Type"));
  }
}
