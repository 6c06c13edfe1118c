package org.keyward.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import org.junit.jupiter.api.Test;

class OperationTest {
  private static final Operation.Action<String> NOTHING =
      (input, request) -> Future.succeededFuture(VaultResponse.noContent());

  private static RequestContext request() {
    return RequestContext.builder("id", OperationKind.WRITE)
        .path("m/x")
        .mount("m/")
        .remoteAddress("127.0.0.1")
        .build();
  }

  @Test
  void capabilityFor_writeWithoutCheck_isUpdate() {
    Operation<String> op = Operation.write("x", r -> "x", NOTHING);

    assertFalse(op.checksExistence());
    assertEquals(Capability.UPDATE, op.capabilityFor("x", request()).result());
  }

  @Test
  void capabilityFor_missingTarget_isCreate() {
    Operation<String> op =
        Operation.write("x", r -> "x", NOTHING)
            .checkingExistence((in, r) -> Future.succeededFuture(false));

    assertTrue(op.checksExistence());
    assertEquals(Capability.CREATE, op.capabilityFor("x", request()).result());
  }

  @Test
  void capabilityFor_existingTarget_isUpdate() {
    Operation<String> op =
        Operation.write("x", r -> "x", NOTHING)
            .checkingExistence((in, r) -> Future.succeededFuture(true));

    assertEquals(Capability.UPDATE, op.capabilityFor("x", request()).result());
  }

  @Test
  void capabilityFor_checkThrows_failsTheFuture() {
    ApiError boom = ApiError.unavailable("storage down");
    Operation<String> op =
        Operation.write("x", r -> "x", NOTHING)
            .checkingExistence(
                (in, r) -> {
                  throw boom;
                });

    Future<Capability> result = op.capabilityFor("x", request());

    assertTrue(result.failed());
    assertSame(boom, result.cause());
  }

  @Test
  void checkingExistence_onRead_isRefused() {
    Operation<String> read = Operation.read("x", r -> "x", NOTHING);

    assertThrows(
        IllegalArgumentException.class,
        () -> read.checkingExistence((in, r) -> Future.succeededFuture(true)));
  }

  @Test
  void with_keepsTheExistenceCheck() {
    Operation<String> op =
        Operation.write("x", r -> "x", NOTHING)
            .checkingExistence((in, r) -> Future.succeededFuture(false))
            .with(Operation.Flag.NOT_AUDITED)
            .requiringSudo();

    assertTrue(op.checksExistence());
    assertEquals(Capability.CREATE, op.capabilityFor("x", request()).result());
  }
}
