package io.xueliang.storage.evidence;

/** One thing wrong with an evidence package: the entry it concerns (or the ZIP's own name) and what is wrong. */
public record EvidenceFinding(String entry, String problem) {
    @Override
    public String toString() {
        return entry + ": " + problem;
    }
}
