package io.xueliang.storage.evidence;

/** {@code manifest.json} is not a manifest this version reads; {@link #path()} is where in the JSON, {@code $} for all. */
public final class ManifestFormatException extends Exception {
    private final String path;
    private final String reason;

    public ManifestFormatException(String path, String reason) {
        super(path + ": " + reason);
        this.path = path;
        this.reason = reason;
    }

    public String path() {
        return path;
    }

    public String reason() {
        return reason;
    }
}
