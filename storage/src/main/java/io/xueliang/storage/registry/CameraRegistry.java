package io.xueliang.storage.registry;

import io.xueliang.media.Camera;
import io.xueliang.media.CameraId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Every camera of the deployment. Reads block (call them on worker threads); writes complete on
 * the store's writer thread.
 */
public interface CameraRegistry {
    /** Creates or replaces a registration; the camera's source passwords are sealed at rest. */
    CompletableFuture<RegisteredCamera> put(Camera camera, CameraOrigin origin);

    /**
     * Creates or replaces many API registrations in one transaction: all of them or, when any id belongs to the
     * configuration file, none (the future fails with {@link FileOwnedCamerasException} naming every such id).
     */
    CompletableFuture<ImportOutcome> importAll(List<Camera> cameras);

    /** Removes a registration; false when there was none. */
    CompletableFuture<Boolean> delete(CameraId id);

    Optional<RegisteredCamera> get(CameraId id);

    /** One page; the next page starts after the last id of this one. */
    List<RegisteredCamera> list(CameraQuery query);

    /** Every registration, for starting ingest. */
    List<RegisteredCamera> all();

    /**
     * Makes the registry hold exactly the configuration file's cameras among those that came from
     * the file: new and changed ones are written, ones no longer in the file are removed. Cameras
     * created through the API are left alone, unless the file now claims their id.
     *
     * @return what changed, for the ingest supervisor
     */
    CompletableFuture<ConfigSync> syncFromConfig(List<Camera> cameras);

    /**
     * Makes the registry hold exactly {@code channels} as the cameras of GB/T 28181 device {@code deviceId}: new and
     * changed ones are written (origin {@link CameraOrigin#GB28181}), and when {@code removeMissing} (a complete
     * catalog) the device's channels missing from the list are removed. An id the configuration file or the API registered is left as it is and reported, never taken over;
     * one another device brought moves to this one (the last catalog wins). A channel kept keeps its record, live
     * and plates switches and its region as they are: the catalog gives only names, places and parents.
     */
    CompletableFuture<GbSync> syncGbDevice(String deviceId, List<Camera> channels, boolean removeMissing);

    /** The outcome of {@link #syncGbDevice}: what changed, for the ingest supervisor, and the ids refused. */
    record GbSync(List<Camera> upserted, List<CameraId> removed, List<CameraId> ownedElsewhere) {
        public GbSync {
            upserted = List.copyOf(upserted);
            removed = List.copyOf(removed);
            ownedElsewhere = List.copyOf(ownedElsewhere);
        }
    }

    /** The outcome of {@link #importAll}: what was registered, and how many of those ids existed before. */
    record ImportOutcome(List<RegisteredCamera> registered, int replaced) {
        public ImportOutcome {
            registered = List.copyOf(registered);
        }

        public int created() {
            return registered.size() - replaced;
        }
    }

    /** The outcome of {@link #syncFromConfig}. */
    record ConfigSync(List<Camera> upserted, List<CameraId> removed) {
    }
}
