package io.xueliang.api.recordings;

/**
 * One byte range of an HTTP {@code Range} header (RFC 9110 §14.1.2) resolved against a length: {@code bytes=a-b},
 * {@code bytes=a-} or {@code bytes=-n}. Several ranges in one header are answered with the whole body (allowed: a
 * server may ignore Range), since players ask for one.
 *
 * @param first first byte, inclusive
 * @param last last byte, inclusive
 */
record ByteRange(long first, long last) {

    long length() {
        return last - first + 1;
    }

    /** The range asked, null for none (or several: the whole body); {@link Unsatisfiable} when it lies beyond. */
    static ByteRange parse(String header, long length) {
        if (header == null || !header.startsWith("bytes=") || header.indexOf(',') >= 0) {
            return null;
        }
        String spec = header.substring(6).strip();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            String a = spec.substring(0, dash).strip();
            String b = spec.substring(dash + 1).strip();
            if (a.isEmpty()) {
                long suffix = Long.parseLong(b);
                if (suffix <= 0) {
                    throw new Unsatisfiable();
                }
                return new ByteRange(Math.max(0, length - suffix), length - 1);
            }
            long first = Long.parseLong(a);
            long last = b.isEmpty() ? length - 1 : Math.min(Long.parseLong(b), length - 1);
            if (first >= length || first < 0 || last < first) {
                throw new Unsatisfiable();
            }
            return new ByteRange(first, last);
        } catch (NumberFormatException e) {
            return null; // a malformed Range is ignored (RFC 9110 §14.2)
        }
    }

    /** The range lies outside the body: 416 with {@code Content-Range: bytes * /length}. */
    static final class Unsatisfiable extends RuntimeException {
        Unsatisfiable() {
            super(null, null, false, false);
        }
    }
}
