/**
 * Loading {@link io.xueliang.config.XueliangConfig} from YAML 1.2 (snakeyaml-engine composes the
 * node tree; binding is by hand): unknown keys fail with their path, {@code ${NAME}} takes values
 * from the environment, and every failure names the file, line and key path.
 */
package io.xueliang.config.yaml;
