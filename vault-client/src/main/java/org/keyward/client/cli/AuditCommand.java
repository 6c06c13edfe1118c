package org.keyward.client.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keyward.client.AdminRecords.AuditDevice;
import org.keyward.client.AdminRecords.AuditVerification;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code keyward audit enable|list|verify}: audit devices on the server. {@code verify <device>}
 * asks the server ({@code sys/audit-verify}); {@code bin/keyward audit verify <file>} checks a
 * local audit file offline with the server jar instead.
 */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Audit devices.")
final class AuditCommand extends CliCommand {
  @Command(
      name = "enable",
      mixinStandardHelpOptions = true,
      description = {
        "Enable an audit device, as vault audit enable:",
        "  keyward audit enable file file_path=audit.log",
        "  keyward audit enable -path=siem socket address=10.0.0.5:514 format=syslog"
      })
  int enable(
      @Option(
              names = {"-path", "--path"},
              paramLabel = "<path>",
              description = "default: type")
          String path,
      @Option(
              names = {"-description", "--description"},
              paramLabel = "<text>")
          String description,
      @Parameters(index = "0", paramLabel = "<type>") String type,
      @Parameters(index = "1..*", paramLabel = "<option=value>") List<String> options) {
    Map<String, String> opts = new LinkedHashMap<>();
    fields(options).forEach((k, v) -> opts.put(k, String.valueOf(v)));
    String at = path == null ? type : path;
    client().admin().enableAudit(at, type, description == null ? "" : description, opts);
    output().line("Success! Enabled the " + type + " audit device at: " + at + "/");
    return KeywardCli.OK;
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List audit devices.")
  int list() {
    Map<String, AuditDevice> devices = client().admin().listAudit();
    Output out = output();
    if (out.json()) {
      out.printJson(devices);
      return KeywardCli.OK;
    }
    if (devices.isEmpty()) {
      out.line("No audit devices are enabled.");
      return KeywardCli.OK;
    }
    List<String[]> rows = new java.util.ArrayList<>();
    rows.add(new String[] {"Path", "Type", "Description"});
    rows.add(new String[] {"----", "----", "-----------"});
    devices.values().forEach(d -> rows.add(new String[] {d.path(), d.type(), d.description()}));
    out.columns(rows);
    return KeywardCli.OK;
  }

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = "Check an audit device's hash chain on the server (exit 1 if broken).")
  int verify(@Parameters(paramLabel = "<device-path>") String path) {
    AuditVerification v = client().admin().verifyAudit(path);
    Map<String, Object> rows = new LinkedHashMap<>();
    rows.put("ok", v.ok());
    rows.put("problem", v.problem().orElse(null));
    rows.put("message", v.message());
    rows.put("records", v.records());
    rows.put("checkpoints", v.checkpoints());
    rows.put("notes", v.notes());
    output().record(rows);
    return v.ok() ? KeywardCli.OK : KeywardCli.ERROR;
  }
}
