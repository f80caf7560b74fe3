package io.xueliang.config;

import java.nio.file.Path;

/**
 * Where embedded storage lives.
 *
 * @param root directory for recordings, indexes and spools; a relative path is relative to the
 *        working directory of the server
 */
public record StorageConfig(Path root) {
    public static final Path DEFAULT_ROOT = Path.of("./data");

    public StorageConfig {
        Require.nonNull("root", root);
        if (root.toString().isEmpty()) {
            throw new ConfigException("root", "must not be empty");
        }
    }

    public static StorageConfig defaults() {
        return new StorageConfig(DEFAULT_ROOT);
    }
}
