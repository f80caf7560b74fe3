package io.xueliang.storage.fmp4.box;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The header of one box (ISO/IEC 14496-12 §4.2): where it starts, how long it is (header included) and its type.
 * A 32-bit size of 1 means a 64-bit size follows; 0 means "to the end of the file", which a recorder never writes
 * and this reader refuses, since a file cut short would silently pass for whole.
 *
 * @param offset     where the box starts, in the file or buffer it was read from
 * @param size       the whole box, header included
 * @param type       the four-character type
 * @param headerSize 8, or 16 with a 64-bit size
 */
public record BoxHeader(long offset, long size, String type, int headerSize) {

    /** The first byte after the box. */
    public long end() {
        return offset + size;
    }

    /** Where the contents start. */
    public long contentOffset() {
        return offset + headerSize;
    }

    public long contentSize() {
        return size - headerSize;
    }

    /**
     * Reads the header at {@code in}'s position, advancing past it.
     *
     * @param offset    the position of the box in its file, for the record and for error messages
     * @param available bytes from the start of the box to the end of what holds it; the box must fit
     * @throws BoxFormatException when the header is cut short, the size is impossible or the box does not fit
     */
    public static BoxHeader read(ByteBuffer in, long offset, long available) {
        if (in.remaining() < 8 || available < 8) {
            throw new BoxFormatException(offset, "????", "box header cut short");
        }
        long size = in.getInt() & 0xffffffffL;
        byte[] t = new byte[4];
        in.get(t);
        String type = new String(t, StandardCharsets.ISO_8859_1);
        int header = 8;
        if (size == 1) {
            if (in.remaining() < 8 || available < 16) {
                throw new BoxFormatException(offset, type, "64-bit box size cut short");
            }
            size = in.getLong();
            header = 16;
        } else if (size == 0) {
            throw new BoxFormatException(offset, type, "box size 0 (to end of file) is not accepted");
        }
        if (size < header) {
            throw new BoxFormatException(offset, type, "box size " + size + " smaller than its header");
        }
        if (size > available) {
            throw new BoxFormatException(offset, type, "box of " + size + " bytes but only " + available
                    + " bytes there");
        }
        return new BoxHeader(offset, size, type, header);
    }

    /** The children of a container box held whole in {@code content}, which starts at file offset {@code base}. */
    public static List<BoxHeader> children(ByteBuffer content, long base) {
        List<BoxHeader> out = new ArrayList<>();
        ByteBuffer b = content.duplicate();
        int start = b.position();
        while (b.hasRemaining()) {
            int at = b.position();
            BoxHeader h = read(b, base + (at - start), b.limit() - at);
            b.position((int) (at + h.size()));
            out.add(h);
        }
        return out;
    }
}
