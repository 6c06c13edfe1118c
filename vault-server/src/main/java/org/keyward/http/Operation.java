package org.keyward.http;

import io.vertx.core.Future;
import java.util.EnumSet;
import java.util.Set;

/**
 * One path family member an engine serves: a pattern under its mount, the kind of request, a
 * decoder that validates the request into a record (shape only, no storage: it runs before
 * authentication), and the action. Engines list all of theirs in one place.
 *
 * @param <T> the validated request record
 */
public final class Operation<T> {
  /** Validates a request into its record; throws {@link ApiError#badRequest} naming the field. */
  @FunctionalInterface
  public interface Decoder<T> {
    T decode(RequestContext request);
  }

  /** Performs the operation; fails with {@link ApiError} for anything the client should see. */
  @FunctionalInterface
  public interface Action<T> {
    Future<VaultResponse> act(T input, RequestContext request);
  }

  /**
   * Whether a write's target exists already, as Vault's existence check: a write to a missing
   * target needs {@link Capability#CREATE}, to an existing one {@link Capability#UPDATE}. It runs
   * after authentication and before authorization, so it must only read (through the barrier, on a
   * worker) and must not answer anything the caller could see; a failed future fails the request.
   */
  @FunctionalInterface
  public interface ExistenceCheck<T> {
    Future<Boolean> exists(T input, RequestContext request);
  }

  /** How the pipeline treats an operation beyond authorization. */
  public enum Flag {
    /** No token needed and no ACL check (health, seal status, init, logins, CA certificates). */
    UNAUTHENTICATED,
    /** Served while sealed (health, seal status, init, unseal). */
    WHILE_SEALED,
    /** Not written to the audit log, as Vault does for health and seal status. */
    NOT_AUDITED,
    /**
     * The body is not JSON (e.g. a DER OCSP request): the pipeline keeps it as bytes for {@link
     * RequestContext#rawBody()} and {@link RequestContext#body()} is empty.
     */
    RAW_BODY,
    /**
     * Changes nothing: no storage write, no state change, no call with an outside effect (a plain
     * read or list). The pipeline may then run the action before the request is recorded and record
     * request and response together, once, before anything is sent: the action had nothing to
     * record beforehand. An explicit opt-in, set only on reviewed reads; without it the request
     * record is written (and fsynced when configured) before the action runs.
     */
    NO_EFFECTS
  }

  private final OperationKind kind;
  private final PathPattern pattern;
  private final Decoder<T> decoder;
  private final Action<T> action;
  private final Set<Flag> flags;
  private final Capability capability;
  private final boolean sudo;
  private final ExistenceCheck<T> existenceCheck;

  private Operation(
      OperationKind kind,
      PathPattern pattern,
      Decoder<T> decoder,
      Action<T> action,
      Set<Flag> flags,
      Capability capability,
      boolean sudo,
      ExistenceCheck<T> existenceCheck) {
    this.kind = kind;
    this.pattern = pattern;
    this.decoder = decoder;
    this.action = action;
    this.flags = flags;
    this.capability = capability;
    this.sudo = sudo;
    this.existenceCheck = existenceCheck;
  }

  private static <T> Operation<T> of(
      OperationKind kind, String pattern, Decoder<T> decoder, Action<T> action) {
    return new Operation<>(
        kind,
        PathPattern.compile(pattern),
        decoder,
        action,
        EnumSet.noneOf(Flag.class),
        kind.capability(),
        false,
        null);
  }

  public static <T> Operation<T> read(String pattern, Decoder<T> decoder, Action<T> action) {
    return of(OperationKind.READ, pattern, decoder, action);
  }

  public static <T> Operation<T> list(String pattern, Decoder<T> decoder, Action<T> action) {
    return of(OperationKind.LIST, pattern, decoder, action);
  }

  public static <T> Operation<T> write(String pattern, Decoder<T> decoder, Action<T> action) {
    return of(OperationKind.WRITE, pattern, decoder, action);
  }

  public static <T> Operation<T> delete(String pattern, Decoder<T> decoder, Action<T> action) {
    return of(OperationKind.DELETE, pattern, decoder, action);
  }

  public static <T> Operation<T> patch(String pattern, Decoder<T> decoder, Action<T> action) {
    return of(OperationKind.PATCH, pattern, decoder, action);
  }

  /** A copy with these flags added. */
  public Operation<T> with(Flag first, Flag... more) {
    EnumSet<Flag> all = flags.isEmpty() ? EnumSet.noneOf(Flag.class) : EnumSet.copyOf(flags);
    all.add(first);
    all.addAll(Set.of(more));
    return new Operation<>(kind, pattern, decoder, action, all, capability, sudo, existenceCheck);
  }

  /** A copy that needs {@code capability} instead of the kind's default (e.g. create). */
  public Operation<T> requiring(Capability capability) {
    return new Operation<>(kind, pattern, decoder, action, flags, capability, sudo, existenceCheck);
  }

  /** A copy that also needs {@code sudo} on its path, as Vault's root-protected paths do. */
  public Operation<T> requiringSudo() {
    return new Operation<>(kind, pattern, decoder, action, flags, capability, true, existenceCheck);
  }

  /**
   * A copy whose capability follows {@code check}: {@code create} while the target is missing,
   * {@code update} once it exists. Only for writes, as Vault runs the check only for them; a write
   * without a check always needs {@code update}.
   */
  public Operation<T> checkingExistence(ExistenceCheck<T> check) {
    if (kind != OperationKind.WRITE) {
      throw new IllegalArgumentException("an existence check is only for writes: " + this);
    }
    return new Operation<>(kind, pattern, decoder, action, flags, capability, sudo, check);
  }

  public OperationKind kind() {
    return kind;
  }

  public PathPattern pattern() {
    return pattern;
  }

  public Capability capability() {
    return capability;
  }

  public boolean sudo() {
    return sudo;
  }

  /** Whether the capability depends on the target's existence (see {@link #checkingExistence}). */
  public boolean checksExistence() {
    return existenceCheck != null;
  }

  public boolean has(Flag flag) {
    return flags.contains(flag);
  }

  /** Decodes and acts; decode failures become failed futures, never thrown exceptions. */
  T decode(RequestContext request) {
    return decoder.decode(request);
  }

  /**
   * The capability this request needs: the fixed one, or, with an existence check, create or update
   * by what the check finds.
   */
  Future<Capability> capabilityFor(Object input, RequestContext request) {
    if (existenceCheck == null) {
      return Future.succeededFuture(capability);
    }
    @SuppressWarnings("unchecked")
    T typed = (T) input;
    Future<Boolean> exists;
    try {
      exists = existenceCheck.exists(typed, request);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return exists.map(found -> found ? Capability.UPDATE : Capability.CREATE);
  }

  Future<VaultResponse> act(Object input, RequestContext request) {
    @SuppressWarnings("unchecked")
    T typed = (T) input;
    return action.act(typed, request);
  }

  @Override
  public String toString() {
    return kind + " " + pattern;
  }
}
