package io.xueliang.storage.registry;

/**
 * Where a registration came from: the configuration file owns its cameras, the API its own, and a GB/T 28181
 * device's catalog the channels it brought.
 */
public enum CameraOrigin {
    CONFIG,
    API,
    GB28181
}
