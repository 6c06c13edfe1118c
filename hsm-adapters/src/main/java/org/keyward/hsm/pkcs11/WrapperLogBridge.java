package org.keyward.hsm.pkcs11;

import java.lang.System.Logger.Level;
import org.xipki.pkcs11.wrapper.Logger;
import org.xipki.pkcs11.wrapper.StaticLogger;

/**
 * Routes ipkcs11wrapper's own logging (by default INFO lines and a licence banner on stdout) to
 * {@code System.Logger}. Its INFO chatter (every login, every session) goes to DEBUG; the licence
 * acknowledgment lives in NOTICE instead. Public only so test support that loads the module itself
 * (SoftHsmToken) can install it too.
 */
public final class WrapperLogBridge implements Logger {
  private static final System.Logger LOG = System.getLogger("org.xipki.pkcs11");
  private static boolean installed;

  private WrapperLogBridge() {}

  /** Installs the bridge once per JVM, before the first module is loaded. */
  public static synchronized void install() {
    if (!installed) {
      StaticLogger.setLogger(new WrapperLogBridge());
      installed = true;
    }
  }

  private static void log(Level level, String format, Object... args) {
    if (!LOG.isLoggable(level)) {
      return;
    }
    // The wrapper uses SLF4J-style "{}" placeholders.
    StringBuilder out = new StringBuilder();
    int from = 0;
    int arg = 0;
    int at;
    while ((at = format.indexOf("{}", from)) >= 0 && args != null && arg < args.length) {
      out.append(format, from, at).append(args[arg++]);
      from = at + 2;
    }
    out.append(format.substring(from));
    LOG.log(level, out.toString());
  }

  @Override
  public void info(String format, Object... args) {
    log(Level.DEBUG, format, args);
  }

  @Override
  public void warn(String format, Object... args) {
    log(Level.WARNING, format, args);
  }

  @Override
  public void error(String format, Object... args) {
    log(Level.ERROR, format, args);
  }

  @Override
  public void debug(String format, Object... args) {
    log(Level.TRACE, format, args);
  }

  @Override
  public void trace(String format, Object... args) {
    log(Level.TRACE, format, args);
  }

  @Override
  public boolean isDebugEnabled() {
    return LOG.isLoggable(Level.TRACE);
  }

  @Override
  public boolean isInfoEnabled() {
    return LOG.isLoggable(Level.DEBUG);
  }

  @Override
  public boolean isWarnEnabled() {
    return LOG.isLoggable(Level.WARNING);
  }

  @Override
  public boolean isTraceEnabled() {
    return LOG.isLoggable(Level.TRACE);
  }
}
