package org.keyward.server;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.System.Logger.Level;
import java.security.NoSuchAlgorithmException;
import javax.net.ssl.SSLContext;

/**
 * Loads and initialises, on the starting thread, the classes whose first use otherwise stalls an
 * event loop for seconds at the first start on a slow machine: Jackson behind Vert.x JSON (first
 * met when the keyring is written), the JDK's default trust store (cert auth), and Netty's JDK TLS
 * context with the PEM key reader (first met at the first TLS handshake). Later calls do nothing.
 */
final class StartupWarmup {
  private static final System.Logger LOG = System.getLogger(StartupWarmup.class.getName());
  private static final String[] TLS_CLASSES = {
    "io.netty.handler.ssl.JdkSslServerContext",
    "io.netty.handler.ssl.BouncyCastlePemReader",
    "org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter",
    "org.bouncycastle.openssl.PEMParser"
  };
  private static volatile boolean done;

  private StartupWarmup() {}

  /** Blocking, a second or so the first time: call before Vert.x runs, never on an event loop. */
  static void run() {
    if (done) {
      return;
    }
    JsonObject sample =
        new JsonObject().put("name", "warm").put("n", 1).put("list", new JsonArray().add(true));
    new JsonObject(sample.toBuffer()).encodePrettily();
    try {
      SSLContext.getDefault();
    } catch (NoSuchAlgorithmException e) {
      LOG.log(Level.DEBUG, "no default TLS context to warm", e);
    }
    ClassLoader loader = StartupWarmup.class.getClassLoader();
    for (String name : TLS_CLASSES) {
      try {
        Class.forName(name, true, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        LOG.log(Level.DEBUG, "cannot warm " + name, e);
      }
    }
    done = true;
  }
}
