package io.xueliang.storage.wall;

/** A layout that breaks a rule of {@link WallLayout}, naming the field it breaks ({@code name}, {@code size}, ...). */
public final class InvalidLayoutException extends IllegalArgumentException {
    private final String field;

    public InvalidLayoutException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
