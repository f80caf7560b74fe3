package io.xueliang.storage.fmp4.box;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoxWriterTest {
    @Test
    void nestedBoxesGetTheirSizesPatchedIn() {
        BoxWriter w = new BoxWriter(16);
        int outer = w.start("moov");
        int inner = w.startFull("mvhd", 1, 0x000203);
        w.u16(0xabcd);
        w.end(inner);
        int empty = w.start("free");
        w.end(empty);
        w.end(outer);

        assertThat(HexFormat.of().formatHex(w.toByteArray())).isEqualTo(
                "0000001e" + "6d6f6f76"
                        + "0000000e" + "6d766864" + "01000203" + "abcd"
                        + "00000008" + "66726565");
    }

    @Test
    void headersReadBackWithChildrenAndLargeSizes() {
        BoxWriter w = new BoxWriter();
        int moof = w.start("moof");
        w.end(w.startFull("mfhd", 0, 0));
        w.end(moof);
        w.u32(1).fourcc("mdat").u64(16 + 3).u8(1).u8(2).u8(3);
        ByteBuffer b = w.view();

        BoxHeader h = BoxHeader.read(b, 0, b.remaining());
        assertThat(h).isEqualTo(new BoxHeader(0, 20, "moof", 8));
        List<BoxHeader> children = BoxHeader.children(w.view().slice(8, 12), 8);
        assertThat(children).containsExactly(new BoxHeader(8, 12, "mfhd", 8));
        b.position(20);
        assertThat(BoxHeader.read(b, 20, 19)).isEqualTo(new BoxHeader(20, 19, "mdat", 16));
    }

    @Test
    void impossibleSizesAreRefusedWithWhereAndWhy() {
        assertThatThrownBy(() -> BoxHeader.read(ByteBuffer.wrap(new byte[] {0, 0, 0, 0, 'm', 'd', 'a', 't'}), 40, 8))
                .isInstanceOf(BoxFormatException.class).hasMessageContaining("'mdat' box at 40")
                .hasMessageContaining("size 0");
        assertThatThrownBy(() -> BoxHeader.read(ByteBuffer.wrap(new byte[] {0, 0, 0, 7, 'f', 'r', 'e', 'e'}), 0, 8))
                .isInstanceOf(BoxFormatException.class).hasMessageContaining("smaller than its header");
        assertThatThrownBy(() -> BoxHeader.read(ByteBuffer.wrap(new byte[] {0, 0, 1, 0, 'm', 'o', 'o', 'f'}), 0, 100))
                .isInstanceOf(BoxFormatException.class).hasMessageContaining("only 100 bytes there");
        assertThatThrownBy(() -> BoxHeader.read(ByteBuffer.wrap(new byte[] {0, 0, 1}), 0, 3))
                .isInstanceOf(BoxFormatException.class).hasMessageContaining("cut short");
        assertThatThrownBy(() -> new BoxWriter().fourcc("abc")).isInstanceOf(IllegalArgumentException.class);
    }
}
