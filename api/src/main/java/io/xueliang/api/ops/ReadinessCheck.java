package io.xueliang.api.ops;

import java.util.function.BooleanSupplier;

/**
 * One part the server needs to do its work (storage, ingest), asked by {@code GET /readyz}. The
 * check may block briefly (it runs on a worker); one that throws counts as down.
 *
 * @param name shown in the answer, e.g. {@code storage}
 * @param up true while the part works
 */
public record ReadinessCheck(String name, BooleanSupplier up) {
    public ReadinessCheck {
        if (name == null || !name.matches("[a-z][a-z0-9-]{0,31}")) {
            throw new IllegalArgumentException("check name must be 1-32 of a-z 0-9 -, got " + name);
        }
    }
}
