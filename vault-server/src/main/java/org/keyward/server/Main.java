package org.keyward.server;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.keyward.audit.AuditVerifyCommand;
import org.keyward.snapshot.SnapshotInspectCommand;
import picocli.CommandLine;

/**
 * The {@code keyward} command: {@code keyward server ...} runs the server, {@code keyward audit
 * verify <file>} checks an audit log offline, {@code keyward operator raft snapshot inspect <file>}
 * a snapshot; every other subcommand (the client CLI) says it is not implemented yet and exits 2.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // One line per record from the first one on; the server re-installs with its configured format.
    ServerLogging.install(LogSettings.DEFAULT);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    if (args.length >= 2 && args[0].equals("audit") && args[1].equals("verify")) {
      CommandLine verify =
          new CommandLine(new AuditVerifyCommand()).setCommandName("keyward audit verify");
      System.exit(verify.execute(Arrays.copyOfRange(args, 2, args.length)));
      return;
    }
    if (args.length >= 4
        && String.join(" ", Arrays.copyOfRange(args, 0, 4))
            .equals("operator raft snapshot inspect")) {
      CommandLine inspect =
          new CommandLine(new SnapshotInspectCommand())
              .setCommandName("keyward operator raft snapshot inspect");
      System.exit(inspect.execute(Arrays.copyOfRange(args, 4, args.length)));
      return;
    }
    if (args.length == 0 || !args[0].equals("server")) {
      String name = args.length == 0 ? "" : args[0];
      err.println(
          name.isEmpty()
              ? "usage: keyward server -dev | keyward server -config=FILE"
              : "keyward " + name + ": not implemented yet");
      System.exit(2);
      return;
    }
    CommandLine cli = new CommandLine(new ServerCommand()).setUsageHelpWidth(100);
    int status = cli.execute(Arrays.copyOfRange(args, 1, args.length));
    // A running server returns only after it stopped; a failed start returns non-zero.
    System.exit(status);
  }
}
