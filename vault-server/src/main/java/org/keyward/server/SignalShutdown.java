package org.keyward.server;

import sun.misc.Signal;

/**
 * Stops the server cleanly on SIGTERM and SIGINT. The JVM's own handling would run shutdown hooks
 * but then exit 143; a service manager (and the dev-mode contract) expects a clean stop to exit 0,
 * so these signals run {@code stop} and let {@code main} return. A shutdown hook covers every other
 * way the JVM ends (SIGHUP, {@code System.exit}); {@code stop} must be idempotent.
 */
final class SignalShutdown {
  private SignalShutdown() {}

  static void install(Runnable stop) {
    Signal.handle(new Signal("TERM"), signal -> stop.run());
    Signal.handle(new Signal("INT"), signal -> stop.run());
    Runtime.getRuntime().addShutdownHook(new Thread(stop, "keyward-shutdown"));
  }
}
