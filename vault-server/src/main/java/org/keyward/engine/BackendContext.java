package org.keyward.engine;

import io.vertx.core.Vertx;
import org.keyward.view.StorageView;

/**
 * What a mounted backend may use: its own storage view (a prefix of the barrier, so backends cannot
 * see each other's rows), its mount entry, and Vert.x for timers and worker pools.
 */
public record BackendContext(Vertx vertx, MountEntry mount, StorageView storage) {}
