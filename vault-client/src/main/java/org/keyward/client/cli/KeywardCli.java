package org.keyward.client.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.keyward.client.VaultClient;
import org.keyward.client.VaultException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code keyward <command>}: the operator CLI over the SDK, shaped like the {@code vault} CLI where
 * they overlap. Exit codes: 0 done, 1 error (the server's messages on stderr), 2 usage.
 */
@Command(
    name = "keyward",
    mixinStandardHelpOptions = true,
    version = "keyward CLI 0.1",
    description = {
      "Keyward operator CLI. Server and TLS from VAULT_ADDR, VAULT_CACERT, VAULT_CLIENT_CERT,",
      "VAULT_CLIENT_KEY; token from VAULT_TOKEN or ~/.vault-token (see login).",
      "bin/keyward also runs `server ...` and the offline `audit verify <file>` (server jar).",
      "Exit codes: 0 ok, 1 error, 2 usage."
    },
    subcommands = {
      StatusCommand.class,
      LoginCommand.class,
      KvCommand.class,
      RawCommands.Read.class,
      RawCommands.Write.class,
      RawCommands.ListKeys.class,
      RawCommands.Delete.class,
      TransitCommand.class,
      PkiCommand.class,
      OperatorCommand.class,
      PolicyCommand.class,
      AuditCommand.class,
      CompletionCommand.class
    })
public final class KeywardCli {
  static final int OK = 0;
  static final int ERROR = 1;
  static final int USAGE = 2;

  /** Output format of every command; {@code html} only for {@code operator report}. */
  enum Format {
    table,
    json,
    html
  }

  @Option(
      names = {"-format", "--format"},
      scope = ScopeType.INHERIT,
      paramLabel = "<table|json>",
      description = "output format: table (default) or json (operator report: json or html)")
  Format format = Format.table;

  private final CliContext context;
  private VaultClient client;

  KeywardCli(CliContext context) {
    this.context = context;
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(args, System.getenv(), System.in, out, err));
  }

  /** Runs one command line; the exit code. */
  static int run(
      String[] args, Map<String, String> env, InputStream in, PrintWriter out, PrintWriter err) {
    KeywardCli root = new KeywardCli(new CliContext(env, in, out, err));
    try {
      return commandLine(root).setOut(out).setErr(err).execute(args);
    } finally {
      root.closeClient();
    }
  }

  static CommandLine commandLine(KeywardCli root) {
    CommandLine cli = new CommandLine(root);
    cli.setUsageHelpWidth(100);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    // `write path @body.json` names a JSON body, as in vault, not a picocli argument file.
    cli.setExpandAtFiles(false);
    cli.setExecutionExceptionHandler((ex, line, parsed) -> failure(ex, line));
    return cli;
  }

  private static int failure(Exception ex, CommandLine line) {
    Throwable e = unwrap(ex);
    PrintWriter err = line.getErr();
    if (e instanceof UsageException) {
      err.println("Error: " + e.getMessage());
      err.println("Usage: see 'keyward " + commandPath(line) + " -h'");
      err.flush();
      return USAGE;
    }
    if (e instanceof VaultException v) {
      err.println(serverError(v));
    } else if (e instanceof UncheckedIOException || e instanceof IllegalArgumentException) {
      err.println("Error: " + e.getMessage());
    } else {
      err.println("Error: " + e);
    }
    err.flush();
    return ERROR;
  }

  /** Vault-like: the status and each of the server's messages on its own line. */
  static String serverError(VaultException v) {
    StringBuilder s = new StringBuilder("Error: ");
    if (v.status() == 0) {
      s.append("no response from the server: ").append(v.getMessage());
      return s.toString();
    }
    s.append("Code: ").append(v.status()).append(". Errors:\n");
    if (v.errors().isEmpty()) {
      s.append("\n* ").append(v.isNotFound() ? "not found" : "no message");
    }
    v.errors().forEach(m -> s.append("\n* ").append(m));
    if (v.requestId() != null) {
      s.append("\n\nRequest id: ").append(v.requestId());
    }
    return s.toString();
  }

  private static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while ((t instanceof InvocationTargetException
            || t instanceof ExecutionException
            || t instanceof CompletionException
            || t instanceof CommandLine.ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static String commandPath(CommandLine line) {
    return line.getCommandSpec().qualifiedName(" ").replaceFirst("^keyward ?", "");
  }

  CliContext context() {
    return context;
  }

  /** One client per run, created on first use. */
  VaultClient client() {
    if (client == null) {
      client = context.client();
    }
    return client;
  }

  private void closeClient() {
    if (client != null) {
      client.close();
    }
  }
}
