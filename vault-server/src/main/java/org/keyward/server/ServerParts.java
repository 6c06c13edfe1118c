package org.keyward.server;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.keyward.barrier.SealState;
import org.keyward.http.AuditSink;
import org.keyward.http.Authenticator;
import org.keyward.http.Authorizer;
import org.keyward.http.Operation;
import org.keyward.http.OperationLookup;

/**
 * The pluggable parts of a server, as {@link CompositionRoot} picks them (tests pick their own).
 *
 * @param standby whether this node is an HA standby (health answers 429); never without HA
 * @param lookup builds the path-to-operations lookup from the {@code sys/} operations the server
 *     itself provides (health, metrics), so a mount table can serve them beside its engines
 * @param shutdown closes what the parts hold (storage, HSM) after the listener stopped
 * @param listening told once the listeners are bound, with a handle to replace their certificate
 * @param filters route handlers run after the body is read and before the pipeline (HA: the
 *     forwarded-identity check and the forwarding to the active node)
 */
public record ServerParts(
    SealState seal,
    BooleanSupplier standby,
    Authenticator authenticator,
    Authorizer authorizer,
    AuditSink audit,
    Function<List<Operation<?>>, OperationLookup> lookup,
    Supplier<Future<Void>> shutdown,
    Consumer<ListenerTls> listening,
    List<Handler<RoutingContext>> filters) {

  /** Parts without route filters. */
  public ServerParts(
      SealState seal,
      BooleanSupplier standby,
      Authenticator authenticator,
      Authorizer authorizer,
      AuditSink audit,
      Function<List<Operation<?>>, OperationLookup> lookup,
      Supplier<Future<Void>> shutdown,
      Consumer<ListenerTls> listening) {
    this(seal, standby, authenticator, authorizer, audit, lookup, shutdown, listening, List.of());
  }

  /** Parts that do not change the listener's certificate. */
  public ServerParts(
      SealState seal,
      BooleanSupplier standby,
      Authenticator authenticator,
      Authorizer authorizer,
      AuditSink audit,
      Function<List<Operation<?>>, OperationLookup> lookup,
      Supplier<Future<Void>> shutdown) {
    this(seal, standby, authenticator, authorizer, audit, lookup, shutdown, tls -> {});
  }

  /** Parts that hold nothing to close. */
  public ServerParts(
      SealState seal,
      BooleanSupplier standby,
      Authenticator authenticator,
      Authorizer authorizer,
      AuditSink audit,
      Function<List<Operation<?>>, OperationLookup> lookup) {
    this(seal, standby, authenticator, authorizer, audit, lookup, Future::succeededFuture);
  }

  /** Only the {@code sys/} mount, with the given operations. */
  public static OperationLookup sysOnly(List<Operation<?>> sysOperations) {
    return new FixedOperationLookup(
        List.of(new OperationLookup.Mounted("sys/", "system", sysOperations)));
  }
}
