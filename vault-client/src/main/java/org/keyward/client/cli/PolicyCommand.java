package org.keyward.client.cli;

import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code keyward policy write|read|list|delete}: ACL policies, as {@code vault policy}. */
@Command(name = "policy", mixinStandardHelpOptions = true, description = "ACL policies.")
final class PolicyCommand extends CliCommand {
  @Command(
      name = "write",
      mixinStandardHelpOptions = true,
      description = "Write a policy from a file (or '-' for stdin).")
  int write(
      @Parameters(index = "0", paramLabel = "<name>") String name,
      @Parameters(index = "1", paramLabel = "<file|->") String source) {
    String text =
        source.equals("-")
            ? new String(ctx().readStdin("policy"), java.nio.charset.StandardCharsets.UTF_8)
            : TextInput.readFile(source.startsWith("@") ? source.substring(1) : source);
    client().admin().writePolicy(name, text);
    output().line("Success! Uploaded policy: " + name);
    return KeywardCli.OK;
  }

  @Command(name = "read", mixinStandardHelpOptions = true, description = "Print a policy.")
  int read(@Parameters(paramLabel = "<name>") String name) {
    var policy = client().admin().readPolicy(name);
    if (policy.isEmpty()) {
      ctx().err().println("No policy named: " + name);
      return KeywardCli.ERROR;
    }
    Output out = output();
    if (out.json()) {
      out.printJson(Map.of("name", name, "policy", policy.get()));
    } else {
      ctx().out().print(policy.get().endsWith("\n") ? policy.get() : policy.get() + "\n");
      ctx().out().flush();
    }
    return KeywardCli.OK;
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List policy names.")
  int list() {
    Output out = output();
    var names = client().admin().listPolicies();
    if (out.json()) {
      out.printJson(names);
    } else {
      names.forEach(out::line);
    }
    return KeywardCli.OK;
  }

  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a policy.")
  int delete(@Parameters(paramLabel = "<name>") String name) {
    client().admin().deletePolicy(name);
    output().line("Success! Deleted policy: " + name);
    return KeywardCli.OK;
  }
}
