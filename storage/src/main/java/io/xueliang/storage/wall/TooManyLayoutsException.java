package io.xueliang.storage.wall;

/** A user who has {@link WallLayoutStore#MAX_LAYOUTS_PER_USER} layouts saved a new one. */
public final class TooManyLayoutsException extends RuntimeException {
    public TooManyLayoutsException() {
        super("at most " + WallLayoutStore.MAX_LAYOUTS_PER_USER + " saved layouts a user; delete one first");
    }
}
