/**
 * Snapshots of the whole store ({@code sys/storage/raft/snapshot}), their signed file format,
 * restore, scheduled snapshots and restore drills. Entries travel as stored (still encrypted by the
 * barrier); the manifest is signed with an HSM key through {@link
 * org.keyward.snapshot.ManifestSigner}, which the server adapts, since this package may not import
 * the HSM layer.
 */
package org.keyward.snapshot;
