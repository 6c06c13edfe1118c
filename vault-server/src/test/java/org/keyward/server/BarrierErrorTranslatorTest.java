package org.keyward.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.vertx.core.Future;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.keyward.barrier.BarrierIntegrityException;
import org.keyward.barrier.BarrierRefusalException;
import org.keyward.barrier.HsmUnavailableException;
import org.keyward.barrier.VaultSealedException;
import org.keyward.http.ApiError;
import org.keyward.http.ErrorHandler;
import org.keyward.storage.StorageException;

class BarrierErrorTranslatorTest {
  private final ErrorHandler edge = new ErrorHandler(BarrierErrorTranslator.INSTANCE);

  @Test
  void toApiError_sealed_is503VaultIsSealed() {
    ApiError e = edge.toApiError("r1", new VaultSealedException());
    assertEquals(503, e.status());
    assertEquals(List.of("Vault is sealed"), e.messages());
  }

  @Test
  void toApiError_refusal_is400WithItsReason() {
    ApiError e = edge.toApiError("r2", new BarrierRefusalException("Vault is already initialized"));
    assertEquals(400, e.status());
    assertEquals(List.of("Vault is already initialized"), e.messages());
  }

  @Test
  void toApiError_integrity_is500SayingSoWithoutTheKeyAndKeepsTheCause() {
    BarrierIntegrityException failure =
        new BarrierIntegrityException("logical/abc/secret-key", new IllegalStateException("tag"));
    ApiError e = edge.toApiError("r3", failure);
    assertEquals(500, e.status());
    assertEquals(List.of("stored entry failed its integrity check"), e.messages());
    assertSame(failure, e.getCause());
    assertEquals(-1, String.join(" ", e.messages()).indexOf("secret-key"));
  }

  @Test
  void toApiError_hsmUnavailable_is503WithTheReasonNotTheHsmText() {
    HsmUnavailableException failure =
        new HsmUnavailableException(
            "HSM unavailable during unseal", new IllegalStateException("CKR_TOKEN_NOT_PRESENT"));
    ApiError e = edge.toApiError("r7", failure);
    assertEquals(503, e.status());
    assertEquals(List.of("HSM unavailable during unseal"), e.messages());
    assertNull(e.getCause(), "logged once by the gateway, not again by the edge");
  }

  @Test
  void forEngines_mapsBarrierFailuresAndPassesOthers() {
    Throwable hsm =
        BarrierErrorTranslator.forEngines(
                Future.failedFuture(new HsmUnavailableException("HSM unavailable during x", null)))
            .cause();
    assertEquals(503, ((ApiError) hsm).status());
    IllegalStateException bug = new IllegalStateException("bug");
    assertSame(bug, BarrierErrorTranslator.forEngines(Future.failedFuture(bug)).cause());
  }

  @Test
  void toApiError_storageFailure_is503WithoutTheSql() {
    // Storage out of reach (PostgreSQL restarting, an HA node fenced off) is worth a retry.
    ApiError e = edge.toApiError("r4", new StorageException("SELECT failed on 'x'"));
    assertEquals(503, e.status());
    assertEquals(List.of("storage unavailable"), e.messages());
  }

  @Test
  void toApiError_unknownFailure_isABare500() {
    ApiError e = edge.toApiError("r6", new IllegalStateException("SELECT failed on 'x'"));
    assertEquals(500, e.status());
    assertEquals(List.of("internal error"), e.messages());
    assertNull(BarrierErrorTranslator.INSTANCE.toApiError(new IllegalStateException("x")));
  }

  @Test
  void toApiError_apiError_passesUnchanged() {
    ApiError notFound = ApiError.notFound();
    assertSame(notFound, edge.toApiError("r5", notFound));
  }
}
