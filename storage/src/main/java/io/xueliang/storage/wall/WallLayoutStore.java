package io.xueliang.storage.wall;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The wall layouts users saved, each user's apart from everyone else's. */
public interface WallLayoutStore {
    /** Layouts one user may keep: a command centre's walls and tours, not a camera list. */
    int MAX_LAYOUTS_PER_USER = 100;

    /** The user's layouts by name. Blocks (a read). */
    List<WallLayout> list(String userId);

    /**
     * Saves {@code layout} under its name, replacing one of that name.
     *
     * @return true when it is new, false when it replaced one; fails with {@link TooManyLayoutsException} when the
     *     user has {@link #MAX_LAYOUTS_PER_USER} already and this is a new one
     */
    CompletableFuture<Boolean> save(String userId, WallLayout layout);

    /** Removes the user's layout of that name; false when there was none. */
    CompletableFuture<Boolean> delete(String userId, String name);
}
