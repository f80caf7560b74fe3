package io.xueliang.storage.wall;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * A video wall a user saved under a name: its size in tiles and the camera of each tile.
 *
 * @param name    what the user called it: 1-64 characters, no control characters
 * @param size    tiles: 1, 4, 9, 16, 25, 36 or 64
 * @param cameras the camera of each tile in order, null for an empty one; at most {@code size}
 * @param updated when it was last saved (null before it is)
 * @throws InvalidLayoutException naming the field that breaks a rule
 */
public record WallLayout(String name, int size, List<String> cameras, Instant updated) {
    /** The wall sizes the UI draws. */
    public static final Set<Integer> SIZES = Set.of(1, 4, 9, 16, 25, 36, 64);
    public static final int MAX_NAME_LENGTH = 64;
    public static final int MAX_CAMERA_ID_LENGTH = 64;

    public WallLayout {
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH
                || name.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidLayoutException("name", "a layout's name is 1 to " + MAX_NAME_LENGTH
                    + " characters, not blank, with no control characters");
        }
        if (!SIZES.contains(size)) {
            throw new InvalidLayoutException("size", "a wall has 1, 4, 9, 16, 25, 36 or 64 tiles, not " + size);
        }
        if (cameras == null || cameras.size() > size) {
            throw new InvalidLayoutException("cameras", "a wall of " + size + " tiles shows at most " + size
                    + " cameras");
        }
        for (String c : cameras) {
            if (c != null && (c.isEmpty() || c.length() > MAX_CAMERA_ID_LENGTH)) {
                throw new InvalidLayoutException("cameras", "a camera id is 1 to " + MAX_CAMERA_ID_LENGTH
                        + " characters");
            }
        }
        // List.copyOf refuses nulls, and an empty tile is one.
        cameras = Collections.unmodifiableList(new ArrayList<>(cameras));
    }

    /** The cameras the layout names, once each. */
    public List<String> namedCameras() {
        return cameras.stream().filter(c -> c != null).distinct().toList();
    }
}
