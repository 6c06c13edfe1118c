package org.keyward.client.example;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Keeps {@code docs/orchestrator-example.md} in step with the example code the IT runs. */
class OrchestratorExampleDocTest {
  private static final Path DOC = Path.of("..", "docs", "orchestrator-example.md");
  private static final Path CODE =
      Path.of("src", "test", "java", "org", "keyward", "client", "example");

  @Test
  void doc_everyJavaBlock_appearsVerbatimInExampleSources() throws IOException {
    StringBuilder sources = new StringBuilder();
    for (String name : List.of("OrchestratorSetup.java", "CoreServer.java", "CellServer.java")) {
      sources.append(Files.readString(CODE.resolve(name)));
    }
    Matcher block =
        Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(DOC));
    List<String> missing = new ArrayList<>();
    int blocks = 0;
    while (block.find()) {
      blocks++;
      if (!sources.toString().contains(block.group(1))) {
        missing.add(block.group(1));
      }
    }

    assertTrue(blocks >= 6, "found only " + blocks + " java blocks");
    assertTrue(missing.isEmpty(), "doc blocks not in the example code:\n" + missing);
  }
}
