package org.keyward.http;

/**
 * What a request does, from its HTTP method: GET reads (GET {@code ?list=true} and the LIST verb
 * list), POST and PUT write, DELETE deletes, PATCH patches.
 */
public enum OperationKind {
  READ(Capability.READ),
  LIST(Capability.LIST),
  WRITE(Capability.UPDATE),
  DELETE(Capability.DELETE),
  PATCH(Capability.PATCH);

  private final Capability capability;

  OperationKind(Capability capability) {
    this.capability = capability;
  }

  /** The capability a caller needs by default (writes: update; see {@link Operation}). */
  public Capability capability() {
    return capability;
  }
}
