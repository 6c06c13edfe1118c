# cell-server: what every cell server needs whatever its cell.
# What: request its own TLS certificates from the pki/ mount's cell-server role (the role, not
# this policy, limits which names a certificate may carry).
# Its cell's parameters come from a second, per-cell policy made from
# templates/cell.hcl.tmpl (e.g. "cell-17"); a cell token carries both: ["cell-server", "cell-17"].
# Keyward has no templated policies, so one cell cannot read another cell's parameters.

path "pki/issue/cell-server" {
  capabilities = ["update"]
}
