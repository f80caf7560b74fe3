package io.xueliang.ingest.mansrtsp;

/** A MANSRTSP body that cannot be read; the INFO carrying it is answered 400. */
public final class MansrtspException extends Exception {
    public MansrtspException(String message) {
        super(message);
    }
}
