/**
 * {@link io.cfychatops.json.Json}: the one Jackson configuration (mapper factory with read limits,
 * streaming factory, YAML for the config), the tree helpers and Cloudify's timestamp format.
 * Importable only by adapters ({@code cloudify}, {@code sim}, {@code store}, {@code config}, {@code
 * archive}); core packages never see Jackson types.
 *
 * <p>Null-marked: nothing here is null unless its type says {@code @Nullable}.
 */
@NullMarked
package io.cfychatops.json;

import org.jspecify.annotations.NullMarked;
