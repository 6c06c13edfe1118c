package org.keyward.client.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.keyward.client.AdminRecords.ServerHealth;
import picocli.CommandLine.Command;

/** {@code keyward status}: as {@code vault status}, exit 0 unsealed, 2 sealed, 1 unreachable. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Show whether the server is initialized and sealed (exit 2 when sealed).")
final class StatusCommand extends CliCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    ServerHealth h = client().admin().health();
    Map<String, Object> rows = new LinkedHashMap<>();
    rows.put("initialized", h.initialized());
    rows.put("sealed", h.sealed());
    rows.put("standby", h.standby());
    rows.put("version", h.version());
    rows.put("cluster_name", h.clusterName());
    Output out = output();
    if (out.json()) {
      out.record(rows);
    } else {
      Map<String, Object> table = new LinkedHashMap<>();
      table.put("Initialized", h.initialized());
      table.put("Sealed", h.sealed());
      table.put("Standby", h.standby());
      table.put("Version", h.version());
      table.put("Cluster Name", h.clusterName());
      out.table(table);
    }
    return h.sealed() ? KeywardCli.USAGE : KeywardCli.OK;
  }
}
