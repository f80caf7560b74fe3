package io.xueliang.storage.registry;

/** Where a registration came from: the configuration file owns its cameras, the API its own. */
public enum CameraOrigin {
    CONFIG,
    API
}
