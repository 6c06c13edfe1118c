package org.keyward.client.cli;

import java.util.Map;
import org.keyward.client.VaultClient;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every command uses: the run's context, client and output format. */
abstract class CliCommand {
  @Spec CommandSpec spec;

  KeywardCli root() {
    return (KeywardCli) spec.root().userObject();
  }

  CliContext ctx() {
    return root().context();
  }

  VaultClient client() {
    return root().client();
  }

  Output output() {
    return new Output(ctx().out(), root().format.name());
  }

  Map<String, Object> fields(java.util.List<String> args) {
    return TextInput.fields(args == null ? java.util.List.of() : args, ctx());
  }
}
