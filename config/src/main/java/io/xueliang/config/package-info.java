/**
 * Typed, immutable configuration records (DESIGN.md §5) whose constructors validate every value
 * and reject it with a {@link io.xueliang.config.ConfigException} naming the key.
 * {@code config/reference.yaml} documents every key; loading from YAML is in {@code io.xueliang.config.yaml}.
 */
package io.xueliang.config;
