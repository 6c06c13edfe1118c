package org.keyward.client.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.keyward.client.AdminRecords.LeaderStatus;
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
    LeaderStatus leader = client().admin().leader();
    String haMode = !leader.haEnabled() ? "" : h.standby() ? "standby" : "active";
    Map<String, Object> rows = new LinkedHashMap<>();
    rows.put("initialized", h.initialized());
    rows.put("sealed", h.sealed());
    rows.put("standby", h.standby());
    rows.put("version", h.version());
    rows.put("cluster_name", h.clusterName());
    rows.put("ha_enabled", leader.haEnabled());
    if (leader.haEnabled()) {
      rows.put("ha_mode", haMode);
      rows.put("active_node_address", leader.leaderAddress());
      rows.put("active_since", leader.activeTime());
    }
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
      table.put("HA Enabled", leader.haEnabled());
      if (leader.haEnabled()) {
        table.put("HA Mode", haMode);
        table.put("Active Node Address", leader.leaderAddress());
        table.put("Active Since", leader.activeTime());
      }
      out.table(table);
    }
    return h.sealed() ? KeywardCli.USAGE : KeywardCli.OK;
  }
}
