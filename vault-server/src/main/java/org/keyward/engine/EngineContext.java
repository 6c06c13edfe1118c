package org.keyward.engine;

import io.vertx.core.Vertx;
import org.keyward.view.StorageView;

/**
 * What an engine may use: its own storage view (a prefix of the barrier, so engines cannot see each
 * other's rows), its mount entry, and Vert.x for timers and worker pools.
 */
public record EngineContext(Vertx vertx, MountEntry mount, StorageView storage) {}
