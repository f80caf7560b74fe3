package io.xueliang.ingest.manscdp;

/** The four MANSCDP root elements (GB/T 28181-2016 Appendix A). */
public enum ManscdpRoot {
    QUERY("Query"), CONTROL("Control"), NOTIFY("Notify"), RESPONSE("Response");

    private final String element;

    ManscdpRoot(String element) {
        this.element = element;
    }

    /** The element name as written on the wire. */
    public String element() {
        return element;
    }

    static ManscdpRoot of(String name) {
        for (ManscdpRoot r : values()) {
            if (r.element.equalsIgnoreCase(name)) {
                return r;
            }
        }
        return null;
    }
}
