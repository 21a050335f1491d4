/**
 * The one YAML configuration file, environment overrides and {@code *_FILE} secrets, validated at
 * start-up with every problem listed at once ({@link io.cfychatops.config.ConfigException}).
 */
package io.cfychatops.config;
