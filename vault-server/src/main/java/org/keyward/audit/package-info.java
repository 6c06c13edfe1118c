/**
 * The audit log: every audited request and response is recorded by at least one enabled device
 * before the action runs and before the answer is sent ({@link org.keyward.audit.AuditLog}, the
 * pipeline's {@code AuditSink}).
 *
 * <p><b>When records are written.</b> No answer (result or error) is sent before its request and
 * response records are written. An operation with effects has its request record written (and
 * fsynced when configured) before its action runs. An operation that declares itself free of
 * effects ({@code Operation.Flag.NO_EFFECTS}: plain reads and lists) runs first; its request and
 * response records are then appended together, as two consecutive lines in one hand-off to the
 * device, before the answer is sent, and the answer becomes 503 if they could not be.
 *
 * <p><b>Choices an operator should know</b>
 *
 * <ul>
 *   <li><b>No device enabled:</b> requests are served unaudited, as in Vault, and {@code GET
 *       sys/audit} says so in a warning. {@code new AuditLog(true)} makes the server refuse audited
 *       requests (503) until a device is enabled.
 *   <li><b>Hashed values:</b> strings and numbers in request and response data, response tokens and
 *       (by default, {@code hmac_accessor}) token accessors become {@code hmac-sha256:<hex>} under
 *       a random 32-byte key per device, kept behind the barrier; {@code sys/audit-hash/:path}
 *       checks a value. Client tokens never appear. Paths, policies and error messages stay
 *       readable.
 *   <li><b>Tamper evidence:</b> lines form a SHA-256 chain ({@link org.keyward.audit.AuditChain})
 *       across rotated files, and the HSM audit key signs checkpoints of the chain head every N
 *       records or T seconds and when the device closes. {@code keyward audit verify <file>} and
 *       {@code POST sys/audit-verify} name the first changed, missing or reordered record. Records
 *       after the last checkpoint are protected by the chain alone: removing them from the end of a
 *       file cannot be proven offline (the admin call compares with the live counter and can).
 *   <li><b>Durability:</b> an acknowledged record reached the OS (survives a server crash); {@code
 *       fsync=true} also forces each group of records to disk, at a large throughput cost.
 *   <li><b>File paths</b> are confined to the configured audit directory (CVE-2025-6000): no {@code
 *       ..}, no absolute path elsewhere, no symbolic link.
 * </ul>
 */
package org.keyward.audit;
