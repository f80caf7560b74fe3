package io.xueliang.ingest.manscdp;

/**
 * Bounds for reading a MANSCDP body; bodies come from devices and superior platforms, any of which
 * may be hostile or broken.
 *
 * @param maxBodyBytes   bytes of one body. Prevents memory exhaustion by a hostile peer; a catalog
 *                       MESSAGE of a few dozen items is under 32 KiB, SIP over UDP caps a body at 64 KiB
 * @param maxElements    XML elements in one body; bounds the tree built from it (a catalog item has
 *                       about 25 elements, so 20,000 covers 800 items)
 * @param maxDepth       element nesting; MANSCDP nests 4 deep (Response/DeviceList/Item/Info)
 * @param maxItems       items of one list (DeviceList, RecordList, Alarmstatus)
 * @param maxFieldLength characters of one text or attribute value; the longest real field, an
 *                       Address or a FilePath, stays under 256
 */
public record ManscdpLimits(int maxBodyBytes, int maxElements, int maxDepth, int maxItems, int maxFieldLength) {
    public static final ManscdpLimits DEFAULTS = new ManscdpLimits(256 * 1024, 20_000, 16, 1_000, 1_024);

    public ManscdpLimits {
        if (maxBodyBytes <= 0 || maxElements <= 0 || maxDepth <= 0 || maxItems <= 0 || maxFieldLength <= 0) {
            throw new IllegalArgumentException("MANSCDP limits must be > 0: " + maxBodyBytes + ", " + maxElements
                    + ", " + maxDepth + ", " + maxItems + ", " + maxFieldLength);
        }
    }
}
