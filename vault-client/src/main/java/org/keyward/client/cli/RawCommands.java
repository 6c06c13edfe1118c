package org.keyward.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.keyward.client.VaultReply;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code keyward read|write|list|delete <path>}: any API path, as the {@code vault} commands of the
 * same names. The table shows the answer's {@code data}; JSON shows the whole answer.
 */
final class RawCommands {
  private RawCommands() {}

  /** Prints a reply: one field, the data as a table, or the whole body as JSON. */
  static int print(CliCommand cmd, String path, VaultReply reply, String field) {
    Output out = cmd.output();
    JsonNode data = reply.data();
    if (field != null) {
      JsonNode v = data.path(field);
      if (v.isMissingNode()) {
        cmd.ctx().err().println("Field \"" + field + "\" not present in secret");
        return KeywardCli.ERROR;
      }
      out.line(v.isTextual() ? v.asText() : v.toString());
    } else if (out.json()) {
      out.printJson(reply.json());
    } else if (data.isObject() && data.size() > 0) {
      out.node(data);
    } else if (reply.json().isObject() && reply.json().has("auth")) {
      out.node(reply.json().path("auth"));
    } else {
      out.line("Success! Data written to: " + path);
    }
    return KeywardCli.OK;
  }

  @Command(name = "read", mixinStandardHelpOptions = true, description = "Read any path.")
  static final class Read extends CliCommand implements Callable<Integer> {
    @Option(
        names = {"-field", "--field"},
        paramLabel = "<key>",
        description = "print one value")
    String field;

    @Parameters(paramLabel = "<path>")
    String path;

    @Override
    public Integer call() {
      Optional<VaultReply> reply = client().logical().read(path);
      if (reply.isEmpty()) {
        ctx().err().println("No value found at " + path);
        return KeywardCli.ERROR;
      }
      return print(this, path, reply.get(), field);
    }
  }

  @Command(
      name = "write",
      mixinStandardHelpOptions = true,
      description = "Write key=value (key=@file, key=- for stdin) to any path.")
  static final class Write extends CliCommand implements Callable<Integer> {
    @Option(
        names = {"-field", "--field"},
        paramLabel = "<key>",
        description = "print one value")
    String field;

    @Parameters(index = "0", paramLabel = "<path>")
    String path;

    @Parameters(index = "1..*", paramLabel = "<key=value>")
    List<String> kvs;

    @Override
    public Integer call() {
      return print(this, path, client().logical().write(path, fields(kvs)), field);
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List keys at a path.")
  static final class ListKeys extends CliCommand implements Callable<Integer> {
    @Parameters(paramLabel = "<path>")
    String path;

    @Override
    public Integer call() {
      List<String> keys = client().logical().list(path);
      if (keys.isEmpty()) {
        ctx().err().println("No value found at " + path);
        return KeywardCli.ERROR;
      }
      output().keys(keys);
      return KeywardCli.OK;
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a path.")
  static final class Delete extends CliCommand implements Callable<Integer> {
    @Parameters(paramLabel = "<path>")
    String path;

    @Override
    public Integer call() {
      client().logical().delete(path);
      output().line("Success! Data deleted (if it existed) at: " + path);
      return KeywardCli.OK;
    }
  }
}
