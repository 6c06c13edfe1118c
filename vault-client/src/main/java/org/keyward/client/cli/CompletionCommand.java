package org.keyward.client.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code keyward completion}: prints the bash (and zsh, through bashcompinit) completion script
 * picocli generates from the command tree: {@code source <(keyward completion)}.
 */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = "Print the bash/zsh completion script: source <(keyward completion)")
final class CompletionCommand extends CliCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    CommandLine tree = KeywardCli.commandLine(new KeywardCli(ctx()));
    ctx().out().print(AutoComplete.bash("keyward", tree));
    ctx().out().flush();
    return KeywardCli.OK;
  }
}
