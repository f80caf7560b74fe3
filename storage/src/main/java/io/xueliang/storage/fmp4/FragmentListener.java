package io.xueliang.storage.fmp4;

/** Told of each fragment once it is in the file; runs on the writer's thread, so it should be quick. */
@FunctionalInterface
public interface FragmentListener {
    FragmentListener NONE = f -> { };

    void fragmentWritten(FragmentWritten fragment);
}
