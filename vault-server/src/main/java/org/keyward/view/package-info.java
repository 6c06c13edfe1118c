/**
 * The storage contract of mounted backends (secrets engines, auth methods) and of the other stores
 * above the barrier: a prefixed {@link org.keyward.view.StorageView}, its transaction steps,
 * revisions for optimistic writes, the conflict they fail with, and the one compare-and-set helper
 * that retries them. Depends on nothing of Keyward but {@code http.ApiError}, so a backend sees
 * neither the barrier's seal and keyring classes nor the storage layer below.
 */
package org.keyward.view;
